/// A value that can check itself against the model's constraints.
///
/// Implemented for every structure, union, enum and intEnum. Constraints on simple shapes
/// (aliases such as `pub type ClientIdType = String`) are checked where they are used: by the
/// structure, list or map that holds the value.
pub trait Validate {
    /// Checks every constraint, recursively, and reports every violation found (not only the
    /// first).
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::new();
        self.validate_at(&Path::Root, &mut errors);
        errors.into_result()
    }

    /// Checks this value, found at `path` inside a larger one, adding what it breaks to
    /// `errors`. A valid value allocates nothing: paths are only written out for violations.
    fn validate_at(&self, path: &Path<'_>, errors: &mut ValidationErrors);
}

/// Reading a value from JSON and validating it in one step, with every problem reported as a
/// [`Violation`] with its path: JSON syntax, wrong types, missing required members, unknown
/// members (where the schema denies them) and broken constraints.
///
/// Implemented for every structure and union. Valid input takes the fast path (serde, then
/// [`Validate::validate`]); only input that serde rejects is read a second time, as a
/// `serde_json::Value`, to explain every structural problem at once instead of serde's first
/// (or, when it is not JSON at all, to report one [`ViolationKind::Malformed`]).
/// Constraints are checked on every part of such input that has the right structure.
pub trait FromJson: serde::de::DeserializeOwned + Validate {
    /// Whether values are read with JSON Schema's data model: numbers by value (where an
    /// integer is expected, a number with a zero fraction such as `1.0` is that integer), and
    /// `null` as a value (see [`FromJson::check_nulls`]).
    const EXACT_JSON: bool = false;

    /// Reports the optional members that are `null` in `json` although `null` is not one of
    /// their values (serde reads them as absent), here and in the values inside.
    fn check_nulls(_json: &serde_json::Value, _path: &Path<'_>, _errors: &mut ValidationErrors) {}

    /// Adds every structural problem of `json` (found at `path`) to `errors`, and the
    /// constraint violations of its well-formed parts.
    fn check_json(json: &serde_json::Value, path: &Path<'_>, errors: &mut ValidationErrors);

    /// Deserializes and validates JSON text.
    fn from_json(text: &str) -> Result<Self, ValidationErrors> {
        if Self::EXACT_JSON {
            return match serde_json::from_str::<serde_json::Value>(text) {
                Ok(json) => Self::from_value(json),
                Err(error) => Err(ValidationErrors::malformed(&error)),
            };
        }
        match serde_json::from_str::<Self>(text) {
            Ok(value) => value.validate().map(|()| value),
            Err(_) => match serde_json::from_str::<serde_json::Value>(text) {
                Ok(json) => Self::from_rejected(json),
                Err(error) => Err(ValidationErrors::malformed(&error)),
            },
        }
    }

    /// Deserializes and validates JSON bytes.
    fn from_slice(bytes: &[u8]) -> Result<Self, ValidationErrors> {
        if Self::EXACT_JSON {
            return match serde_json::from_slice::<serde_json::Value>(bytes) {
                Ok(json) => Self::from_value(json),
                Err(error) => Err(ValidationErrors::malformed(&error)),
            };
        }
        match serde_json::from_slice::<Self>(bytes) {
            Ok(value) => value.validate().map(|()| value),
            Err(_) => match serde_json::from_slice::<serde_json::Value>(bytes) {
                Ok(json) => Self::from_rejected(json),
                Err(error) => Err(ValidationErrors::malformed(&error)),
            },
        }
    }

    /// Deserializes and validates a JSON value. Big numbers keep only what `serde_json::Value`
    /// kept of them (use [`FromJson::from_json`] on the text to keep every digit).
    fn from_value(json: serde_json::Value) -> Result<Self, ValidationErrors> {
        match <Self as serde::Deserialize>::deserialize(&json) {
            Ok(value) => Self::accept(value, &json),
            Err(_) => Self::from_rejected(json),
        }
    }

    /// A value read from `json`: validated, and with [`FromJson::EXACT_JSON`] checked for
    /// `null`s that serde took for absent members.
    #[doc(hidden)]
    fn accept(value: Self, json: &serde_json::Value) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        value.validate_at(&Path::Root, &mut errors);
        if Self::EXACT_JSON {
            Self::check_nulls(json, &Path::Root, &mut errors);
        }
        errors.into_result().map(|()| value)
    }

    /// JSON that did not deserialize as it was: read again with numbers by value (when the
    /// type says so), else every reason why it is not a `Self`.
    #[doc(hidden)]
    fn from_rejected(mut json: serde_json::Value) -> Result<Self, ValidationErrors> {
        if Self::EXACT_JSON && integral_numbers_as_integers(&mut json) {
            if let Ok(value) = <Self as serde::Deserialize>::deserialize(&json) {
                return Self::accept(value, &json);
            }
        }
        Err(explain::<Self>(&json))
    }
}

/// Every reason why `json` is not a `T`.
fn explain<T: FromJson>(json: &serde_json::Value) -> ValidationErrors {
    let mut errors = ValidationErrors::new();
    T::check_json(json, &Path::Root, &mut errors);
    if errors.is_empty() {
        errors.report(&Path::Root, ViolationKind::Other);
    }
    errors
}

/// Whether a structure member must be present, and whether it may be `null`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// May be absent or `null`.
    Optional,
    /// Must be present and not `null`.
    Required,
    /// Must be present; `null` is a value.
    RequiredNullable,
    /// May be absent, but not `null`.
    NotNull,
}

/// Reads a `T` from part of a JSON document, or `None` when that part does not fit `T`.
pub fn read<'a, T: serde::Deserialize<'a>>(json: &'a serde_json::Value) -> Option<T> {
    T::deserialize(json).ok()
}

/// What JSON that does not read as a member's type is reported as.
#[derive(Clone, Copy)]
pub enum Mismatch {
    /// A value of the wrong JSON type: the type expected.
    Type(&'static str),
    /// What this check (the type's own `FromJson::check_json`) finds in it.
    Check(fn(&serde_json::Value, &Path<'_>, &mut ValidationErrors)),
}

/// Checks member `wire` of a JSON object (one plain row of a structure's `FromJson` check): it
/// must be present as `presence` says, read as a `T`, and pass `check`; JSON that does not
/// read as a `T` is reported as `mismatch` says.
pub fn check_member<'j, T, C>(
    object: &'j serde_json::Map<String, serde_json::Value>,
    path: &Path<'_>,
    wire: &'static str,
    presence: Presence,
    check: Option<fn(&C, &Path<'_>, &mut ValidationErrors)>,
    mismatch: Mismatch,
    errors: &mut ValidationErrors,
) where
    T: serde::Deserialize<'j> + std::borrow::Borrow<C>,
    C: ?Sized,
{
    let at = path.field(wire);
    if let Some(json) = at.find_in(object, presence, errors) {
        check_value::<T, C>(json, &at, check, mismatch, errors);
    }
}

/// Checks one value of a JSON document (found at `at`): it must read as a `T` and pass `check`;
/// JSON that does not read as a `T` is reported as `mismatch` says.
pub fn check_value<'j, T, C>(
    json: &'j serde_json::Value,
    at: &Path<'_>,
    check: Option<fn(&C, &Path<'_>, &mut ValidationErrors)>,
    mismatch: Mismatch,
    errors: &mut ValidationErrors,
) where
    T: serde::Deserialize<'j> + std::borrow::Borrow<C>,
    C: ?Sized,
{
    match (read::<T>(json), mismatch) {
        (Some(value), _) => {
            if let Some(check) = check {
                check(value.borrow(), at, errors);
            }
        }
        (None, Mismatch::Type(expected)) => errors.wrong_type(at, expected),
        (None, Mismatch::Check(check_json)) => check_json(json, at, errors),
    }
}

/// Every reason why `json` (found at `at`) is not a list of `T`: not an array, or items that
/// [`check_value`] reports.
pub fn check_items<T, C>(
    json: &serde_json::Value,
    at: &Path<'_>,
    check: Option<fn(&C, &Path<'_>, &mut ValidationErrors)>,
    mismatch: Mismatch,
    errors: &mut ValidationErrors,
) where
    T: serde::de::DeserializeOwned + std::borrow::Borrow<C>,
    C: ?Sized,
{
    match json.as_array() {
        Some(items) => {
            for (index, item) in items.iter().enumerate() {
                check_value::<T, C>(item, &at.index(index), check, mismatch, errors);
            }
        }
        None => errors.wrong_type(at, "array"),
    }
}

/// Every reason why `json` (found at `at`) is not a map of `T`: not an object, or values that
/// [`check_value`] reports (under their key, or a redacted one when the keys are sensitive).
pub fn check_entries<T, C>(
    json: &serde_json::Value,
    at: &Path<'_>,
    sensitive_keys: bool,
    check: Option<fn(&C, &Path<'_>, &mut ValidationErrors)>,
    mismatch: Mismatch,
    errors: &mut ValidationErrors,
) where
    T: serde::de::DeserializeOwned + std::borrow::Borrow<C>,
    C: ?Sized,
{
    match json.as_object() {
        Some(entries) => {
            for (key, value) in entries {
                let key = if sensitive_keys {
                    "*** Sensitive Data Redacted ***"
                } else {
                    key
                };
                check_value::<T, C>(value, &at.key(key), check, mismatch, errors);
            }
        }
        None => errors.wrong_type(at, "object"),
    }
}

/// Reads a `T` from part of a JSON document with numbers by value (`1.0` reads as the integer
/// `1`), or `None` when that part does not fit `T`.
pub fn read_by_value<T: serde::de::DeserializeOwned>(json: &serde_json::Value) -> Option<T> {
    if let Ok(value) = T::deserialize(json) {
        return Some(value);
    }
    let mut json = json.clone();
    if integral_numbers_as_integers(&mut json) {
        T::deserialize(&json).ok()
    } else {
        None
    }
}

/// Rewrites every number with a zero fraction (`1.0`, `-2e3`) that fits a 64-bit integer as
/// that integer; returns whether anything changed.
pub fn integral_numbers_as_integers(json: &mut serde_json::Value) -> bool {
    match json {
        serde_json::Value::Number(number) if number.is_f64() => {
            let float = number.as_f64().unwrap_or(f64::NAN);
            let integer = if float.fract() != 0.0 || !float.is_finite() {
                None
            } else if (0.0..18_446_744_073_709_551_616.0).contains(&float) {
                Some(serde_json::Number::from(float as u64))
            } else if (-9_223_372_036_854_775_808.0..0.0).contains(&float) {
                Some(serde_json::Number::from(float as i64))
            } else {
                None
            };
            match integer {
                Some(integer) => {
                    *number = integer;
                    true
                }
                None => false,
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().fold(false, |changed, item| {
            integral_numbers_as_integers(item) | changed
        }),
        serde_json::Value::Object(object) => object.values_mut().fold(false, |changed, item| {
            integral_numbers_as_integers(item) | changed
        }),
        _ => false,
    }
}

/// Where a value sits inside the value being validated: a chain of borrowed steps, cheap to
/// build, written out as a JSON Pointer over wire names only when a violation is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Path<'a> {
    /// The value being validated itself (pointer `""`).
    Root,
    /// A structure member or union variant (by wire name), or a map entry (by key).
    Member {
        /// The path of the containing value.
        parent: &'a Path<'a>,
        /// The wire name or key.
        name: &'a str,
    },
    /// A list item.
    Index {
        /// The path of the list.
        parent: &'a Path<'a>,
        /// The item's position, from 0.
        index: usize,
    },
}

impl Path<'_> {
    /// The path of member `name` (a wire name) of the value at `self`.
    pub fn field<'b>(&'b self, name: &'b str) -> Path<'b> {
        Path::Member { parent: self, name }
    }

    /// The path of the map entry with key `key` of the map at `self`.
    pub fn key<'b>(&'b self, key: &'b str) -> Path<'b> {
        Path::Member {
            parent: self,
            name: key,
        }
    }

    /// The path of item `index` of the list at `self`.
    pub fn index(&self, index: usize) -> Path<'_> {
        Path::Index {
            parent: self,
            index,
        }
    }

    /// The member this path names, taken from `object` (the JSON object of the containing
    /// structure) when it is present and not `null`. Reports it missing when `presence` does
    /// not allow its absence (or `null`).
    pub fn find_in<'j>(
        &self,
        object: &'j serde_json::Map<String, serde_json::Value>,
        presence: Presence,
        errors: &mut ValidationErrors,
    ) -> Option<&'j serde_json::Value> {
        let json = match self {
            Path::Member { name, .. } => object.get(*name),
            _ => None,
        };
        let missing = match (json, presence) {
            (None, Presence::Required | Presence::RequiredNullable) => true,
            (Some(json), Presence::Required | Presence::NotNull) => json.is_null(),
            _ => false,
        };
        if missing {
            errors.missing(self);
        }
        json.filter(|json| !json.is_null())
    }

    /// The JSON Pointer (RFC 6901), e.g. `/UserContextData/IpAddress` or `/Items/3`.
    pub fn to_pointer(&self) -> String {
        self.to_string()
    }
}

impl std::fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut steps = Vec::new();
        let mut at = self;
        while let Path::Member { parent, .. } | Path::Index { parent, .. } = at {
            steps.push(at);
            at = parent;
        }
        for step in steps.into_iter().rev() {
            match step {
                Path::Member { name, .. } => {
                    f.write_str("/")?;
                    f.write_str(&name.replace('~', "~0").replace('/', "~1"))?;
                }
                Path::Index { index, .. } => write!(f, "/{index}")?,
                Path::Root => {}
            }
        }
        Ok(())
    }
}

/// One bound of a numeric range, as written in the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bound {
    /// The bound as a decimal literal, e.g. `2`, `-0.5`.
    pub value: &'static str,
    /// Whether the bound itself is excluded.
    pub exclusive: bool,
}

impl Bound {
    /// A bound that the value may equal.
    pub const fn inclusive(value: &'static str) -> Self {
        Bound {
            value,
            exclusive: false,
        }
    }

    /// A bound that the value must not equal.
    pub const fn exclusive(value: &'static str) -> Self {
        Bound {
            value,
            exclusive: true,
        }
    }
}

/// What kind of constraint a [`Violation`] broke, with the bound that failed. Never holds the
/// offending value itself (it may be sensitive).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ViolationKind {
    /// A required member is missing (or `null`).
    Missing,
    /// The value has the wrong JSON type; `expected` names the type.
    Type {
        /// The expected type, e.g. `string`, `32-bit integer`, `object`.
        expected: &'static str,
    },
    /// Length (characters, items, entries or bytes) outside `min..=max`.
    Length {
        /// The value's length: Unicode scalar values for strings, items, entries or bytes.
        length: u64,
        /// Minimum, inclusive.
        min: Option<u64>,
        /// Maximum, inclusive.
        max: Option<u64>,
    },
    /// The string does not match a pattern.
    Pattern {
        /// The pattern, as written in the model.
        pattern: &'static str,
    },
    /// The number is outside a range (bounds as written in the model).
    Range {
        /// Lower bound.
        min: Option<Bound>,
        /// Upper bound.
        max: Option<Bound>,
    },
    /// The value is not one of the allowed values.
    Enum {
        /// The allowed values, e.g. `[SMS, EMAIL]`.
        allowed: &'static str,
    },
    /// List items are not unique.
    Unique,
    /// The number is not a multiple of `divisor`.
    MultipleOf {
        /// The divisor, as written in the model.
        divisor: &'static str,
    },
    /// The value differs from the required constant.
    Const {
        /// The constant, as JSON.
        value: &'static str,
    },
    /// A property that the schema does not allow.
    AdditionalProperty,
    /// The number of properties is outside `min..=max`.
    PropertyCount {
        /// How many properties the object has.
        count: u64,
        /// Minimum, inclusive.
        min: Option<u64>,
        /// Maximum, inclusive.
        max: Option<u64>,
    },
    /// A union value does not set exactly one member.
    UnionMember,
    /// No value is allowed here.
    NotAllowed,
    /// The value matches a schema it must not match.
    Not,
    /// The value matches none of `count` schemas of which it must match at least one.
    AnyOf {
        /// How many schemas there are.
        count: usize,
    },
    /// The value does not match exactly one of `count` schemas.
    OneOf {
        /// How many schemas there are.
        count: usize,
        /// How many of them the value matches.
        matched: usize,
    },
    /// The number of items matching a schema is outside `min..=max`.
    Contains {
        /// How many items match.
        count: u64,
        /// Minimum, inclusive.
        min: Option<u64>,
        /// Maximum, inclusive.
        max: Option<u64>,
    },
    /// A property that must be present because another one is.
    Dependent {
        /// The property whose presence requires this one.
        property: &'static str,
    },
    /// A property name that does not match the schema of names.
    PropertyName,
    /// The input is not JSON at all.
    Malformed {
        /// What the JSON parser said (position and expectation, never input text).
        reason: String,
    },
    /// The value does not fit its type in a way not covered above.
    Other,
}

impl ViolationKind {
    /// The message for a violation of this kind at `path`, in the wording of Smithy's
    /// validation exceptions: `Value at '/string' failed to satisfy constraint: Member must ...`.
    pub fn message(&self, path: &str) -> String {
        let constraint = match self {
            ViolationKind::Length { length, min, max } => {
                return format!(
                    "Value with length {length} at '{path}' failed to satisfy constraint: Member must have length {}",
                    count_bounds(*min, *max)
                );
            }
            ViolationKind::PropertyCount { count, min, max } => {
                return format!(
                    "Value with {count} properties at '{path}' failed to satisfy constraint: Member must have a number of properties {}",
                    count_bounds(*min, *max)
                );
            }
            ViolationKind::Contains { count, min, max } => {
                return format!(
                    "Value with {count} matching items at '{path}' failed to satisfy constraint: Member must have a number of matching items {}",
                    count_bounds(*min, *max)
                );
            }
            ViolationKind::Malformed { reason } => return format!("Malformed JSON: {reason}"),
            ViolationKind::Missing => "Member must not be null".to_string(),
            ViolationKind::Type { expected } => format!("Member must be of type {expected}"),
            ViolationKind::Pattern { pattern } => {
                format!("Member must satisfy regular expression pattern: {pattern}")
            }
            ViolationKind::Range { min, max } => {
                format!("Member must be {}", range_bounds(*min, *max))
            }
            ViolationKind::Enum { allowed } => {
                format!("Member must satisfy enum value set: {allowed}")
            }
            ViolationKind::Unique => "Member must have unique values".to_string(),
            ViolationKind::MultipleOf { divisor } => {
                format!("Member must be a multiple of {divisor}")
            }
            ViolationKind::Const { value } => format!("Member must be equal to {value}"),
            ViolationKind::AdditionalProperty => "Member is not allowed by the schema".to_string(),
            ViolationKind::UnionMember => "Member must have exactly one member set".to_string(),
            ViolationKind::NotAllowed => "Member must not be present".to_string(),
            ViolationKind::Not => "Member must not match the excluded schema".to_string(),
            ViolationKind::AnyOf { count } => {
                format!("Member must match at least one of {count} schemas")
            }
            ViolationKind::OneOf { count, matched } => {
                format!("Member must match exactly one of {count} schemas, not {matched}")
            }
            ViolationKind::Dependent { property } => {
                format!("Member must be present when '{property}' is")
            }
            ViolationKind::PropertyName => "Member name must match its schema".to_string(),
            ViolationKind::Other => "Member must match its schema".to_string(),
        };
        format!("Value at '{path}' failed to satisfy constraint: {constraint}")
    }
}

fn count_bounds(min: Option<u64>, max: Option<u64>) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!("between {min} and {max}, inclusive"),
        (Some(min), None) => format!("greater than or equal to {min}"),
        (None, Some(max)) => format!("less than or equal to {max}"),
        (None, None) => "of any size".to_string(),
    }
}

fn range_bounds(min: Option<Bound>, max: Option<Bound>) -> String {
    let lower = |bound: Bound| {
        let op = if bound.exclusive {
            "greater than"
        } else {
            "greater than or equal to"
        };
        format!("{op} {}", bound.value)
    };
    let upper = |bound: Bound| {
        let op = if bound.exclusive {
            "less than"
        } else {
            "less than or equal to"
        };
        format!("{op} {}", bound.value)
    };
    match (min, max) {
        (Some(min), Some(max)) if min.exclusive == max.exclusive => {
            let which = if min.exclusive {
                "exclusive"
            } else {
                "inclusive"
            };
            format!("between {} and {}, {which}", min.value, max.value)
        }
        (Some(min), Some(max)) => format!("{} and {}", lower(min), upper(max)),
        (Some(min), None) => lower(min),
        (None, Some(max)) => upper(max),
        (None, None) => "a number".to_string(),
    }
}

/// One broken constraint: where, what, and a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    path: String,
    kind: ViolationKind,
    message: String,
}

impl Violation {
    /// A violation at `path` (a JSON Pointer over wire names) with a message of your own.
    pub fn new(path: impl Into<String>, kind: ViolationKind, message: impl Into<String>) -> Self {
        Violation {
            path: path.into(),
            kind,
            message: message.into(),
        }
    }

    /// A violation at `path` with the standard message for `kind`.
    pub fn at(path: &Path<'_>, kind: ViolationKind) -> Self {
        let path = path.to_pointer();
        let message = kind.message(&path);
        Violation {
            path,
            kind,
            message,
        }
    }

    /// Where: a JSON Pointer over wire names, e.g. `/UserContextData/IpAddress`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What kind of constraint failed.
    pub fn kind(&self) -> &ViolationKind {
        &self.kind
    }

    /// The message (never contains the offending value).
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Violation {}

/// Every violation found in one value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidationErrors {
    violations: Vec<Violation>,
}

impl ValidationErrors {
    /// No violations yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one.
    pub fn push(&mut self, violation: Violation) {
        self.violations.push(violation);
    }

    /// Adds a violation of `kind` at `path`, with the standard message. Kept out of line: valid
    /// values never come here, and the checks that may call it stay small enough to inline.
    #[cold]
    #[inline(never)]
    pub fn report(&mut self, path: &Path<'_>, kind: ViolationKind) {
        self.push(Violation::at(path, kind));
    }

    /// Reports a missing (or `null`) required member.
    pub fn missing(&mut self, path: &Path<'_>) {
        self.report(path, ViolationKind::Missing);
    }

    /// Reports a value of the wrong JSON type.
    pub fn wrong_type(&mut self, path: &Path<'_>, expected: &'static str) {
        self.report(path, ViolationKind::Type { expected });
    }

    /// Reports a length outside `min..=max`.
    pub fn check_length(
        &mut self,
        path: &Path<'_>,
        length: usize,
        min: Option<u64>,
        max: Option<u64>,
    ) {
        let length = length as u64;
        if min.is_some_and(|min| length < min) || max.is_some_and(|max| length > max) {
            self.report(path, ViolationKind::Length { length, min, max });
        }
    }

    /// Reports a string whose length in characters (Unicode scalar values) is outside
    /// `min..=max`. The characters are counted only when the byte length cannot decide: a
    /// string of `n` bytes holds at most `n` characters and at least `n / 4`, rounded up.
    #[inline]
    pub fn check_text_length(
        &mut self,
        path: &Path<'_>,
        text: &str,
        min: Option<u64>,
        max: Option<u64>,
    ) {
        let bytes = text.len() as u64;
        let long_enough = min.map_or(true, |min| bytes.div_ceil(4) >= min);
        let short_enough = max.map_or(true, |max| bytes <= max);
        if !(long_enough && short_enough) {
            self.check_counted_length(path, text, min, max);
        }
    }

    /// [`ValidationErrors::check_text_length`] when the byte length cannot decide.
    #[inline(never)]
    fn check_counted_length(
        &mut self,
        path: &Path<'_>,
        text: &str,
        min: Option<u64>,
        max: Option<u64>,
    ) {
        self.check_length(path, text.chars().count(), min, max);
    }

    /// Reports a number of properties outside `min..=max`.
    pub fn check_property_count(
        &mut self,
        path: &Path<'_>,
        count: usize,
        min: Option<u64>,
        max: Option<u64>,
    ) {
        let count = count as u64;
        if min.is_some_and(|min| count < min) || max.is_some_and(|max| count > max) {
            self.report(path, ViolationKind::PropertyCount { count, min, max });
        }
    }

    /// Reports a number of matching items outside `min..=max`.
    pub fn check_contains(
        &mut self,
        path: &Path<'_>,
        count: usize,
        min: Option<u64>,
        max: Option<u64>,
    ) {
        let count = count as u64;
        if min.is_some_and(|min| count < min) || max.is_some_and(|max| count > max) {
            self.report(path, ViolationKind::Contains { count, min, max });
        }
    }

    /// Reports a decimal number (as text) outside the bounds, compared exactly.
    pub fn check_decimal_range(
        &mut self,
        path: &Path<'_>,
        value: &str,
        min: Option<Bound>,
        max: Option<Bound>,
    ) {
        use std::cmp::Ordering::{Equal, Greater, Less};
        let above_min = min.map_or(true, |bound| {
            matches!(
                (compare_decimal(value, bound.value), bound.exclusive),
                (Some(Greater), _) | (Some(Equal), false)
            )
        });
        let below_max = max.map_or(true, |bound| {
            matches!(
                (compare_decimal(value, bound.value), bound.exclusive),
                (Some(Less), _) | (Some(Equal), false)
            )
        });
        if !(above_min && below_max) {
            self.report(path, ViolationKind::Range { min, max });
        }
    }

    /// The error for input that is not JSON.
    pub fn malformed(error: &serde_json::Error) -> Self {
        let mut errors = ValidationErrors::new();
        errors.report(
            &Path::Root,
            ViolationKind::Malformed {
                reason: error.to_string(),
            },
        );
        errors
    }

    /// The violations, in the order found.
    pub fn iter(&self) -> std::slice::Iter<'_, Violation> {
        self.violations.iter()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.violations.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.violations.is_empty()
    }

    /// `Ok(())` when empty, else `Err(self)`.
    pub fn into_result(self) -> Result<(), ValidationErrors> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }
}

impl<'a> IntoIterator for &'a ValidationErrors {
    type Item = &'a Violation;
    type IntoIter = std::slice::Iter<'a, Violation>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl IntoIterator for ValidationErrors {
    type Item = Violation;
    type IntoIter = std::vec::IntoIter<Violation>;
    fn into_iter(self) -> Self::IntoIter {
        self.violations.into_iter()
    }
}

impl std::fmt::Display for ValidationErrors {
    /// `2 validation errors detected. <message>; <message>`, as Smithy's validation
    /// exceptions summarise.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let count = self.violations.len();
        let plural = if count == 1 { "" } else { "s" };
        write!(f, "{count} validation error{plural} detected.")?;
        for (index, violation) in self.violations.iter().enumerate() {
            let separator = if index == 0 { " " } else { "; " };
            write!(f, "{separator}{violation}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

/// Whether every item differs from every other (for items without `Hash`).
pub fn all_unique<T: PartialEq>(items: &[T]) -> bool {
    items
        .iter()
        .enumerate()
        .all(|(index, item)| !items[index + 1..].contains(item))
}

/// Whether every item differs from every other, in linear time for long lists.
pub fn all_unique_hashed<T: Eq + std::hash::Hash>(items: &[T]) -> bool {
    if items.len() < 16 {
        return all_unique(items);
    }
    let mut seen = std::collections::HashSet::with_capacity(items.len());
    items.iter().all(|item| seen.insert(item))
}

/// Whether `value` is an integer multiple of `divisor`, within floating-point rounding.
pub fn is_multiple_of(value: f64, divisor: f64) -> bool {
    let quotient = value / divisor;
    quotient.is_finite() && (quotient - quotient.round()).abs() <= 1e-9 * quotient.abs().max(1.0)
}

/// A generated check of a JSON value (one per schema in the `validation` module).
pub type JsonCheck = fn(&serde_json::Value, &Path<'_>, &mut ValidationErrors);

/// Whether `json` passes `check` (nothing is reported).
pub fn passes(check: JsonCheck, json: &serde_json::Value, path: &Path<'_>) -> bool {
    let mut errors = ValidationErrors::new();
    check(json, path, &mut errors);
    errors.is_empty()
}

/// Whether `json` has one of the JSON types in `types` (bits: null 1, boolean 2, object 4,
/// array 8, number with a fraction 16, integer 32, string 64). Numbers with a zero fraction
/// are integers.
pub fn json_has_type(json: &serde_json::Value, types: u8) -> bool {
    let bit = match json {
        serde_json::Value::Null => 1,
        serde_json::Value::Bool(_) => 2,
        serde_json::Value::Object(_) => 4,
        serde_json::Value::Array(_) => 8,
        serde_json::Value::Number(number) if json_is_integer(number) => 32,
        serde_json::Value::Number(_) => 16,
        serde_json::Value::String(_) => 64,
    };
    types & bit != 0
}

/// Whether a JSON number has no fraction (`1.0` has none).
pub fn json_is_integer(number: &serde_json::Number) -> bool {
    number.is_i64() || number.is_u64() || number.as_f64().is_some_and(|f| f.fract() == 0.0)
}

/// Whether two JSON values are equal, numbers compared by value (`1` equals `1.0`).
pub fn json_equal(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            compare_decimal(&x.to_string(), &y.to_string()) == Some(std::cmp::Ordering::Equal)
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| json_equal(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(key, x)| y.get(key).is_some_and(|y| json_equal(x, y)))
        }
        _ => a == b,
    }
}

/// A JSON literal written into generated code (always valid JSON; `null` otherwise).
pub fn json_literal(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or(serde_json::Value::Null)
}

/// Whether a JSON number lies within the bounds, compared exactly as decimals.
pub fn json_number_in_range(
    number: &serde_json::Number,
    min: Option<Bound>,
    max: Option<Bound>,
) -> bool {
    use std::cmp::Ordering::{Equal, Greater, Less};
    let text = number.to_string();
    let above_min = min.map_or(true, |bound| {
        matches!(
            (compare_decimal(&text, bound.value), bound.exclusive),
            (Some(Greater), _) | (Some(Equal), false)
        )
    });
    let below_max = max.map_or(true, |bound| {
        matches!(
            (compare_decimal(&text, bound.value), bound.exclusive),
            (Some(Less), _) | (Some(Equal), false)
        )
    });
    above_min && below_max
}

/// Whether a JSON number is a multiple of `divisor` (a decimal literal): exactly for
/// integers, within floating-point rounding otherwise.
pub fn json_multiple_of(number: &serde_json::Number, divisor: &str) -> bool {
    let whole_divisor = divisor.parse::<i128>().ok().filter(|d| *d != 0);
    let whole_number = number
        .as_i64()
        .map(i128::from)
        .or_else(|| number.as_u64().map(i128::from));
    match (whole_number, whole_divisor) {
        (Some(n), Some(d)) => n % d == 0,
        _ => match (number.as_f64(), divisor.parse::<f64>()) {
            // A quotient beyond `f64`: the remainder, which floating point computes exactly.
            (Some(n), Ok(d)) if !(n / d).is_finite() => d != 0.0 && n % d == 0.0,
            (Some(n), Ok(d)) => is_multiple_of(n, d),
            _ => false,
        },
    }
}

/// Whether every JSON value differs from every other, numbers compared by value.
pub fn json_all_unique(items: &[serde_json::Value]) -> bool {
    items.iter().enumerate().all(|(index, item)| {
        !items[index + 1..]
            .iter()
            .any(|other| json_equal(item, other))
    })
}

/// Whether `value`, serialized, equals the JSON text `expected`.
pub fn json_equals<T: serde::Serialize + ?Sized>(value: &T, expected: &str) -> bool {
    match (
        serde_json::to_value(value),
        serde_json::from_str::<serde_json::Value>(expected),
    ) {
        (Ok(actual), Ok(expected)) => actual == expected,
        _ => false,
    }
}

/// Compares two decimal literals (`-12.5e3`) exactly, digit by digit, never through a float
/// and without allocating. `None` when either is not a number.
pub fn compare_decimal(a: &str, b: &str) -> Option<std::cmp::Ordering> {
    use std::cmp::Ordering;
    let (a, b) = (Decimal::parse(a)?, Decimal::parse(b)?);
    let sign = |negative: bool| {
        if negative {
            Ordering::Less
        } else {
            Ordering::Greater
        }
    };
    let ordering = match (a.is_zero(), b.is_zero()) {
        (true, true) => Ordering::Equal,
        (true, false) => sign(b.negative).reverse(),
        (false, true) => sign(a.negative),
        (false, false) if a.negative != b.negative => sign(a.negative),
        (false, false) => {
            let magnitude = a
                .point
                .cmp(&b.point)
                .then_with(|| a.digits().cmp(b.digits()));
            if a.negative {
                magnitude.reverse()
            } else {
                magnitude
            }
        }
    };
    Some(ordering)
}

/// A decimal literal read in place: `0.<significant digits> × 10^point`.
struct Decimal<'a> {
    negative: bool,
    integer: &'a str,
    fraction: &'a str,
    leading_zeros: usize,
    significant: usize,
    point: i64,
}

impl<'a> Decimal<'a> {
    fn parse(text: &'a str) -> Option<Decimal<'a>> {
        let text = text.trim();
        let (negative, text) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        let (mantissa, exponent) = match text.find(['e', 'E']) {
            Some(at) => (&text[..at], text[at + 1..].parse::<i64>().ok()?),
            None => (text, 0),
        };
        let (integer, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let all = integer.bytes().chain(fraction.bytes());
        if (integer.is_empty() && fraction.is_empty()) || !all.clone().all(|d| d.is_ascii_digit()) {
            return None;
        }
        let total = integer.len() + fraction.len();
        let leading_zeros = all.clone().take_while(|&d| d == b'0').count();
        let trailing_zeros = all.rev().take_while(|&d| d == b'0').count();
        let significant = total.saturating_sub(leading_zeros + trailing_zeros);
        let point = (integer.len() as i64 - leading_zeros as i64).saturating_add(exponent);
        Some(Decimal {
            negative: negative && significant > 0,
            integer,
            fraction,
            leading_zeros,
            significant,
            point,
        })
    }

    fn is_zero(&self) -> bool {
        self.significant == 0
    }

    fn digits(&self) -> impl Iterator<Item = u8> + 'a {
        self.integer
            .bytes()
            .chain(self.fraction.bytes())
            .skip(self.leading_zeros)
            .take(self.significant)
    }
}
