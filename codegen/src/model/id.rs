//! Shape ids: `namespace#Name`, the key every reference in the model goes through.

use std::fmt;
use std::sync::Arc;

/// An absolute shape id, `namespace#Name`. Member ids are never used as keys in the model.
///
/// JSON Schema front ends choose a namespace per input (see their docs); the Rust back end only
/// ever uses [`ShapeId::name`].
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ShapeId {
    namespace: Arc<str>,
    name: Arc<str>,
}

impl ShapeId {
    /// Builds an id from its parts.
    pub fn new(namespace: &str, name: &str) -> Self {
        ShapeId {
            namespace: namespace.into(),
            name: name.into(),
        }
    }

    /// Parses `namespace#Name`; `None` when there is no `#` or either side is empty.
    pub fn parse(text: &str) -> Option<Self> {
        let (namespace, name) = text.split_once('#')?;
        if namespace.is_empty() || name.is_empty() {
            return None;
        }
        Some(ShapeId::new(namespace, name))
    }

    /// The namespace, e.g. `com.amazonaws.cognitoidentityprovider`.
    pub fn namespace(&self) -> &str {
        &self.namespace
    }

    /// The shape name, e.g. `ClientIdType`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether the id is in Smithy's prelude namespace (`smithy.api`).
    pub fn is_prelude(&self) -> bool {
        &*self.namespace == "smithy.api"
    }
}

impl fmt::Display for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.namespace, self.name)
    }
}

impl fmt::Debug for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_round_trip() {
        let id = ShapeId::parse("smithy.api#String").unwrap();
        assert_eq!(id.namespace(), "smithy.api");
        assert_eq!(id.name(), "String");
        assert!(id.is_prelude());
        assert_eq!(id.to_string(), "smithy.api#String");
    }

    #[test]
    fn rejects_ids_without_both_parts() {
        assert!(ShapeId::parse("String").is_none());
        assert!(ShapeId::parse("#String").is_none());
        assert!(ShapeId::parse("ns#").is_none());
    }
}
