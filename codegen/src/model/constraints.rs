//! Value constraints, front-end neutral: what a validator must check about one value.
//!
//! Most constraints are simple bounds read off the value in its Rust type. What a Rust type
//! cannot express (a value that must match exactly one of several schemas, must not match one,
//! must contain an item of some kind, ...) is kept as [`Assertion`]s: a tree of checks on the
//! value's JSON form, which the validator evaluates on the JSON (`serde_json::Value`) itself.

use super::ShapeId;

/// Every constraint the model can carry. Each field is independent; `None`/empty means "not
/// constrained". JSON Schema front ends merge `allOf` branches with [`Constraints::intersect`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    /// Length: Unicode scalar values for strings, entries for lists and maps, bytes for blobs.
    pub length: Option<LengthBounds>,
    /// ECMA-262 patterns, as written; every one must match (unanchored unless written with `^`/`$`).
    pub patterns: Vec<String>,
    /// Numeric range.
    pub range: Option<RangeBounds>,
    /// List items must be distinct.
    pub unique_items: bool,
    /// The number must be a multiple of this decimal literal.
    pub multiple_of: Option<String>,
    /// The value must equal this JSON value (JSON Schema `const`).
    pub const_value: Option<serde_json::Value>,
    /// The value must be one of these JSON values (JSON Schema `enum` on a non-string type).
    pub allowed_values: Option<Vec<serde_json::Value>>,
    /// Object property count bounds (JSON Schema `minProperties`/`maxProperties`).
    pub properties: Option<LengthBounds>,
    /// Checks on the value's JSON form that its type and the fields above do not express; every
    /// one must hold. Smithy models never set them.
    pub assertions: Vec<Assertion>,
}

/// A set of JSON value types. `NUMBER` stands for numbers with a fraction; a `number` type is
/// `NUMBER | INTEGER`. Integers are compared by value: `1.0` is an integer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct JsonTypes(pub u8);

impl JsonTypes {
    /// `null`.
    pub const NULL: u8 = 1;
    /// `true` / `false`.
    pub const BOOLEAN: u8 = 2;
    /// An object.
    pub const OBJECT: u8 = 4;
    /// An array.
    pub const ARRAY: u8 = 8;
    /// A number with a fraction (a whole `number` type is `NUMBER | INTEGER`).
    pub const NUMBER: u8 = 16;
    /// A number without a fraction.
    pub const INTEGER: u8 = 32;
    /// A string.
    pub const STRING: u8 = 64;
    /// Every type.
    pub const ANY: u8 = 127;

    /// Whether every bit of `bits` is in the set.
    pub fn contains(self, bits: u8) -> bool {
        self.0 & bits == bits
    }

    /// The names of the types, for messages: `integer or string`.
    pub fn names(self) -> String {
        let all = [
            (Self::NULL, "null"),
            (Self::BOOLEAN, "boolean"),
            (Self::OBJECT, "object"),
            (Self::ARRAY, "array"),
            (Self::NUMBER, "number"),
            (Self::STRING, "string"),
        ];
        let mut names: Vec<&str> = all
            .iter()
            .filter(|(bit, _)| self.0 & bit != 0)
            .map(|(_, name)| *name)
            .collect();
        if self.0 & Self::INTEGER != 0 && self.0 & Self::NUMBER == 0 {
            names.push("integer");
        }
        match names.split_last() {
            None => "nothing".to_string(),
            Some((last, [])) => last.to_string(),
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        }
    }
}

/// A check of a value's JSON form: every assertion must hold; none means any value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct JsonCheck {
    /// The assertions, all of which must hold.
    pub assertions: Vec<Assertion>,
}

impl JsonCheck {
    /// A check of these assertions.
    pub fn new(assertions: Vec<Assertion>) -> Self {
        JsonCheck { assertions }
    }

    /// Whether every value passes.
    pub fn accepts_all(&self) -> bool {
        self.assertions.is_empty()
    }
}

/// One check of a JSON value. Checks named after a JSON type (string length, item count,
/// property count, ...) hold for values of other types. Numbers compare by value.
#[derive(Debug, Clone, PartialEq)]
pub enum Assertion {
    /// The value has one of these types.
    Types(JsonTypes),
    /// No value passes.
    Never,
    /// The value equals this one.
    Const(serde_json::Value),
    /// The value equals one of these.
    Enum(Vec<serde_json::Value>),
    /// A string's length in Unicode scalar values.
    StringLength(LengthBounds),
    /// A string matches this ECMA-262 pattern (unanchored unless written with `^`/`$`).
    Pattern(String),
    /// A number lies in this range.
    Range(RangeBounds),
    /// A number is a multiple of this decimal literal.
    MultipleOf(String),
    /// An array's number of items.
    ItemCount(LengthBounds),
    /// An array's items are distinct.
    UniqueItems,
    /// An array's items pass `prefix` position by position, and `rest` after those (when set).
    Items {
        /// Checks of the first items, in order.
        prefix: Vec<JsonCheck>,
        /// The check of every later item.
        rest: Option<JsonCheck>,
    },
    /// The number of an array's items that pass `check` lies in `min..=max`.
    Contains {
        /// What a counted item passes.
        check: JsonCheck,
        /// Fewest matching items.
        min: u64,
        /// Most matching items.
        max: Option<u64>,
    },
    /// An object's number of properties.
    PropertyCount(LengthBounds),
    /// An object has these properties.
    Required(Vec<String>),
    /// An object's properties: a named one passes its check; one whose name matches patterns
    /// passes each matching pattern's check; any other passes `additional` (when set).
    Properties {
        /// Property name → check.
        named: Vec<(String, JsonCheck)>,
        /// ECMA-262 pattern over the name → check.
        patterns: Vec<(String, JsonCheck)>,
        /// The check of the other properties.
        additional: Option<JsonCheck>,
    },
    /// Every property name of an object, as a JSON string, passes this check.
    PropertyNames(JsonCheck),
    /// When an object has the property, it also has these.
    DependentRequired(Vec<(String, Vec<String>)>),
    /// When an object has the property, the object passes this check.
    DependentChecks(Vec<(String, JsonCheck)>),
    /// The value fails this check.
    Not(JsonCheck),
    /// The value passes at least one of these checks.
    AnyOf(Vec<JsonCheck>),
    /// The value passes exactly one of these checks.
    OneOf(Vec<JsonCheck>),
    /// When the value passes `condition` it must pass `then`, otherwise `otherwise`.
    Conditional {
        /// The condition.
        condition: JsonCheck,
        /// What a value that passes the condition must pass.
        then: JsonCheck,
        /// What a value that fails the condition must pass.
        otherwise: JsonCheck,
    },
    /// The value, read as this shape, is valid (a reference to a named type; may recurse).
    Shape(ShapeId),
}

impl Assertion {
    /// Calls `f` on every check nested directly inside this assertion.
    pub fn for_each_check<'a>(&'a self, f: &mut dyn FnMut(&'a JsonCheck)) {
        match self {
            Assertion::Items { prefix, rest } => prefix.iter().chain(rest).for_each(f),
            Assertion::Contains { check, .. }
            | Assertion::PropertyNames(check)
            | Assertion::Not(check) => f(check),
            Assertion::Properties {
                named,
                patterns,
                additional,
            } => named
                .iter()
                .chain(patterns)
                .map(|(_, check)| check)
                .chain(additional)
                .for_each(f),
            Assertion::DependentChecks(checks) => checks.iter().map(|(_, c)| c).for_each(f),
            Assertion::AnyOf(checks) | Assertion::OneOf(checks) => checks.iter().for_each(f),
            Assertion::Conditional {
                condition,
                then,
                otherwise,
            } => [condition, then, otherwise].into_iter().for_each(f),
            _ => {}
        }
    }

    /// Calls `f` on every check nested directly inside this assertion, mutably.
    pub fn for_each_check_mut(&mut self, f: &mut dyn FnMut(&mut JsonCheck)) {
        match self {
            Assertion::Items { prefix, rest } => prefix.iter_mut().chain(rest).for_each(f),
            Assertion::Contains { check, .. }
            | Assertion::PropertyNames(check)
            | Assertion::Not(check) => f(check),
            Assertion::Properties {
                named,
                patterns,
                additional,
            } => named
                .iter_mut()
                .chain(patterns.iter_mut())
                .map(|(_, check)| check)
                .chain(additional)
                .for_each(f),
            Assertion::DependentChecks(checks) => checks.iter_mut().map(|(_, c)| c).for_each(f),
            Assertion::AnyOf(checks) | Assertion::OneOf(checks) => checks.iter_mut().for_each(f),
            Assertion::Conditional {
                condition,
                then,
                otherwise,
            } => {
                f(condition);
                f(then);
                f(otherwise);
            }
            _ => {}
        }
    }
}

/// Every assertion in `assertions` and in the checks nested inside them, depth first.
pub fn visit_assertions<'a>(assertions: &'a [Assertion], f: &mut dyn FnMut(&'a Assertion)) {
    for assertion in assertions {
        f(assertion);
        assertion.for_each_check(&mut |check| visit_assertions(&check.assertions, f));
    }
}

/// Like [`visit_assertions`], mutably.
pub fn visit_assertions_mut(assertions: &mut [Assertion], f: &mut dyn FnMut(&mut Assertion)) {
    for assertion in assertions {
        f(assertion);
        assertion.for_each_check_mut(&mut |check| visit_assertions_mut(&mut check.assertions, f));
    }
}

/// Inclusive length bounds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LengthBounds {
    /// Minimum, inclusive.
    pub min: Option<u64>,
    /// Maximum, inclusive.
    pub max: Option<u64>,
}

/// Numeric bounds, kept as decimal literals so big numbers are not rounded.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RangeBounds {
    /// Lower bound.
    pub min: Option<Bound>,
    /// Upper bound.
    pub max: Option<Bound>,
}

/// One numeric bound.
#[derive(Debug, Clone, PartialEq)]
pub struct Bound {
    /// The bound as a decimal literal, e.g. `1`, `-0.5`, `1e3`.
    pub value: String,
    /// `exclusiveMinimum` / `exclusiveMaximum`.
    pub exclusive: bool,
}

impl Bound {
    /// An inclusive bound.
    pub fn inclusive(value: impl Into<String>) -> Self {
        Bound {
            value: value.into(),
            exclusive: false,
        }
    }

    /// The bound as a float (for comparisons at codegen time).
    pub fn as_f64(&self) -> f64 {
        self.value.parse().unwrap_or(f64::NAN)
    }
}

impl Constraints {
    /// Whether nothing is constrained.
    pub fn is_empty(&self) -> bool {
        *self == Constraints::default()
    }

    /// `self` with every constraint that `over` sets replacing the one in `self` (Smithy's rule:
    /// a member's trait overrides its target's trait of the same name).
    pub fn overridden_by(mut self, over: &Constraints) -> Constraints {
        if over.length.is_some() {
            self.length = over.length;
        }
        if !over.patterns.is_empty() {
            self.patterns = over.patterns.clone();
        }
        if over.range.is_some() {
            self.range = over.range.clone();
        }
        self.unique_items |= over.unique_items;
        if over.multiple_of.is_some() {
            self.multiple_of = over.multiple_of.clone();
        }
        if over.const_value.is_some() {
            self.const_value = over.const_value.clone();
        }
        if over.allowed_values.is_some() {
            self.allowed_values = over.allowed_values.clone();
        }
        if over.properties.is_some() {
            self.properties = over.properties;
        }
        add_assertions(&mut self.assertions, &over.assertions);
        self
    }

    /// The shapes that assertions refer to ([`Assertion::Shape`]), at any depth.
    pub fn referenced_shapes(&self) -> Vec<ShapeId> {
        let mut ids = Vec::new();
        visit_assertions(&self.assertions, &mut |assertion| {
            if let Assertion::Shape(id) = assertion {
                ids.push(id.clone());
            }
        });
        ids
    }

    /// Rewrites every shape id that assertions refer to.
    pub fn map_shape_ids(&mut self, f: &dyn Fn(&ShapeId) -> ShapeId) {
        visit_assertions_mut(&mut self.assertions, &mut |assertion| {
            if let Assertion::Shape(id) = assertion {
                *id = f(id);
            }
        });
    }

    /// Both sets of constraints at once (JSON Schema `allOf`): the tighter bound wins and every
    /// pattern must hold. Contradictions (min above max) are left for the caller to detect with
    /// [`Constraints::contradiction`].
    pub fn intersect(mut self, other: &Constraints) -> Constraints {
        self.length = intersect_lengths(self.length, other.length);
        self.properties = intersect_lengths(self.properties, other.properties);
        for pattern in &other.patterns {
            if !self.patterns.contains(pattern) {
                self.patterns.push(pattern.clone());
            }
        }
        self.range = match (self.range.take(), &other.range) {
            (None, other) => other.clone(),
            (Some(mine), None) => Some(mine),
            (Some(mine), Some(theirs)) => Some(RangeBounds {
                min: tighter(mine.min, theirs.min.clone(), |a, b| a > b),
                max: tighter(mine.max, theirs.max.clone(), |a, b| a < b),
            }),
        };
        self.unique_items |= other.unique_items;
        if self.multiple_of.is_none() {
            self.multiple_of = other.multiple_of.clone();
        }
        if self.const_value.is_none() {
            self.const_value = other.const_value.clone();
        }
        self.allowed_values = match (self.allowed_values.take(), &other.allowed_values) {
            (Some(mine), Some(theirs)) => {
                Some(mine.into_iter().filter(|v| theirs.contains(v)).collect())
            }
            (mine, theirs) => mine.or_else(|| theirs.clone()),
        };
        add_assertions(&mut self.assertions, &other.assertions);
        self
    }

    /// A description of the first bound that no value can satisfy, if any.
    pub fn contradiction(&self) -> Option<String> {
        let lengths = [("length", self.length), ("property count", self.properties)];
        for (what, bounds) in lengths {
            if let Some(LengthBounds {
                min: Some(min),
                max: Some(max),
            }) = bounds
            {
                if min > max {
                    return Some(format!("minimum {what} {min} is above maximum {max}"));
                }
            }
        }
        if let Some(RangeBounds {
            min: Some(min),
            max: Some(max),
        }) = &self.range
        {
            let (lo, hi) = (min.as_f64(), max.as_f64());
            if lo > hi || (lo == hi && (min.exclusive || max.exclusive)) {
                return Some(format!(
                    "minimum {} is above maximum {}",
                    min.value, max.value
                ));
            }
        }
        None
    }
}

/// Assertions hold together: `more` is added to `to`, without repeats (there is no "same
/// trait" for one to override).
fn add_assertions(to: &mut Vec<Assertion>, more: &[Assertion]) {
    for assertion in more {
        if !to.contains(assertion) {
            to.push(assertion.clone());
        }
    }
}

fn intersect_lengths(a: Option<LengthBounds>, b: Option<LengthBounds>) -> Option<LengthBounds> {
    match (a, b) {
        (None, b) => b,
        (a, None) => a,
        (Some(a), Some(b)) => Some(LengthBounds {
            min: a.min.max(b.min),
            max: match (a.max, b.max) {
                (Some(x), Some(y)) => Some(x.min(y)),
                (x, y) => x.or(y),
            },
        }),
    }
}

fn tighter(a: Option<Bound>, b: Option<Bound>, is_tighter: fn(f64, f64) -> bool) -> Option<Bound> {
    match (a, b) {
        (None, b) => b,
        (a, None) => a,
        (Some(a), Some(b)) => {
            let (x, y) = (a.as_f64(), b.as_f64());
            if is_tighter(x, y) || (x == y && a.exclusive) {
                Some(a)
            } else {
                Some(b)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_constraints_override_target_ones_individually() {
        let target = Constraints {
            length: Some(LengthBounds {
                min: Some(1),
                max: Some(128),
            }),
            patterns: vec!["^a$".into()],
            ..Default::default()
        };
        let member = Constraints {
            length: Some(LengthBounds {
                min: Some(2),
                max: None,
            }),
            ..Default::default()
        };
        let effective = target.overridden_by(&member);
        assert_eq!(effective.length.unwrap().min, Some(2));
        assert_eq!(effective.length.unwrap().max, None);
        assert_eq!(effective.patterns, vec!["^a$".to_string()]);
    }

    #[test]
    fn intersection_keeps_the_tighter_bounds_and_all_patterns() {
        let a = Constraints {
            length: Some(LengthBounds {
                min: Some(1),
                max: Some(10),
            }),
            patterns: vec!["a".into()],
            range: Some(RangeBounds {
                min: Some(Bound::inclusive("0")),
                max: None,
            }),
            ..Default::default()
        };
        let b = Constraints {
            length: Some(LengthBounds {
                min: Some(3),
                max: Some(20),
            }),
            patterns: vec!["b".into()],
            range: Some(RangeBounds {
                min: Some(Bound::inclusive("5")),
                max: Some(Bound::inclusive("9")),
            }),
            ..Default::default()
        };
        let both = a.intersect(&b);
        assert_eq!(
            both.length,
            Some(LengthBounds {
                min: Some(3),
                max: Some(10)
            })
        );
        assert_eq!(both.patterns, vec!["a".to_string(), "b".to_string()]);
        let range = both.range.unwrap();
        assert_eq!(range.min.unwrap().value, "5");
        assert_eq!(range.max.unwrap().value, "9");
    }

    #[test]
    fn contradictions_are_found() {
        let c = Constraints {
            length: Some(LengthBounds {
                min: Some(5),
                max: Some(2),
            }),
            ..Default::default()
        };
        assert!(c.contradiction().unwrap().contains("above maximum"));
        assert!(Constraints::default().contradiction().is_none());
    }
}
