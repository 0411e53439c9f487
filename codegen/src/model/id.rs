//! Shape ids: `namespace#Name`, the key every reference in the model goes through.

use std::fmt;
use std::sync::Arc;

/// An absolute shape id, `namespace#Name`. Member ids are never used as keys in the model.
///
/// JSON Schema front ends choose a namespace per input (see their docs); the Rust back end only
/// ever uses [`ShapeId::name`].
///
/// Ids order by namespace, then name. A model has few namespaces, so ids share their
/// namespace text (see [`shared_namespace`]) and comparing two ids of one namespace compares
/// only their names: ids are the keys of the model's ordered maps, looked up many times.
#[derive(Clone)]
pub struct ShapeId {
    namespace: Arc<str>,
    name: Arc<str>,
}

impl PartialEq for ShapeId {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
            && (Arc::ptr_eq(&self.namespace, &other.namespace) || self.namespace == other.namespace)
    }
}

impl Eq for ShapeId {}

impl std::hash::Hash for ShapeId {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.namespace.hash(state);
        self.name.hash(state);
    }
}

impl PartialOrd for ShapeId {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ShapeId {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let namespaces = if Arc::ptr_eq(&self.namespace, &other.namespace) {
            std::cmp::Ordering::Equal
        } else {
            self.namespace.cmp(&other.namespace)
        };
        namespaces.then_with(|| self.name.cmp(&other.name))
    }
}

/// The namespace text `namespace`, shared with the ids this thread made last in the same
/// namespace.
fn shared_namespace(namespace: &str) -> Arc<str> {
    thread_local! {
        static RECENT: std::cell::RefCell<Vec<Arc<str>>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    const KEPT: usize = 8;
    RECENT.with(|recent| {
        let mut recent = recent.borrow_mut();
        if let Some(known) = recent.iter().find(|known| ***known == *namespace) {
            return known.clone();
        }
        if recent.len() == KEPT {
            recent.remove(0);
        }
        let shared: Arc<str> = namespace.into();
        recent.push(shared.clone());
        shared
    })
}

impl ShapeId {
    /// Builds an id from its parts.
    pub fn new(namespace: &str, name: &str) -> Self {
        ShapeId {
            namespace: shared_namespace(namespace),
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
    fn ids_order_by_namespace_then_name_whether_or_not_they_share_text() {
        let mut ids: Vec<ShapeId> = ["b#A", "a#B", "a#A", "ab#A", "b#A"]
            .iter()
            .map(|text| ShapeId::parse(text).unwrap())
            .collect();
        let unshared = ShapeId {
            namespace: "a".into(),
            name: "B".into(),
        };
        assert_eq!(unshared, ids[1]);
        assert_eq!(unshared.cmp(&ids[1]), std::cmp::Ordering::Equal);
        ids.push(unshared);
        ids.sort();
        let texts: Vec<String> = ids.iter().map(ToString::to_string).collect();
        assert_eq!(texts, ["a#A", "a#B", "a#B", "ab#A", "b#A", "b#A"]);
        assert_ne!(ids[0], ids[1]);
    }

    #[test]
    fn rejects_ids_without_both_parts() {
        assert!(ShapeId::parse("String").is_none());
        assert!(ShapeId::parse("#String").is_none());
        assert!(ShapeId::parse("ns#").is_none());
    }
}
