/// A value that can check itself against the model's constraints.
pub trait Validate {
    /// Checks every constraint, recursively, and reports every violation found (not only the
    /// first).
    fn validate(&self) -> Result<(), ValidationErrors>;
}

/// What kind of constraint a [`Violation`] broke, with the bound that failed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ViolationKind {
    /// A required member is missing.
    Missing,
    /// The value has the wrong JSON type; `expected` names the type.
    Type {
        /// The expected JSON type.
        expected: &'static str,
    },
    /// Length (characters, items, entries or bytes) outside `min..=max`.
    Length {
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
        min: Option<&'static str>,
        /// Upper bound.
        max: Option<&'static str>,
    },
    /// The value is not one of the enum's values.
    Enum,
    /// List items are not unique.
    Unique,
    /// The number is not a multiple of `divisor`.
    MultipleOf {
        /// The divisor, as written in the model.
        divisor: &'static str,
    },
    /// The value differs from the required constant.
    Const,
    /// A property that the schema does not allow.
    AdditionalProperty,
    /// Any other constraint; the message says which.
    Other,
}

/// One broken constraint: where, what, and a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    path: String,
    kind: ViolationKind,
    message: String,
}

impl Violation {
    /// A violation at `path` (a JSON Pointer over wire names).
    pub fn new(path: impl Into<String>, kind: ViolationKind, message: impl Into<String>) -> Self {
        Violation {
            path: path.into(),
            kind,
            message: message.into(),
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

    /// The message (never contains a sensitive value).
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

impl std::fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let count = self.violations.len();
        write!(f, "{count} validation error{}", if count == 1 { "" } else { "s" })?;
        for violation in &self.violations {
            write!(f, "\n  {violation}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}
