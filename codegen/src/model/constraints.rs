//! Value constraints, front-end neutral: what a validator must check about one value.

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
        self
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
