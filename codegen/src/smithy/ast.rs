//! The Smithy syntax model: a model file as written, in the layout of the Smithy JSON AST 2.0.
//!
//! Nothing is resolved here: mixins stay in `mixins`, `apply` statements stay as shapes of type
//! `apply`, traits keep their absolute ids and raw node values, member ids inside `apply` stay as
//! written. Both the JSON AST reader and the IDL parser produce this type, and serializing it with
//! `serde_json` gives back the JSON AST (what the IDL conformance suite compares against).

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A whole model file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SmithyAst {
    /// The `smithy` version string (`"2.0"`, `"1.0"`).
    pub smithy: String,
    /// Model metadata, as written.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub metadata: IndexMap<String, Value>,
    /// Shapes by absolute id (`ns#Name`; `ns#Name$member` for `apply` to a member).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub shapes: IndexMap<String, AstShape>,
}

/// A reference to a shape: `{"target": "ns#Name"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AstRef {
    /// The absolute target id.
    pub target: String,
}

/// A member: a target plus traits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AstMember {
    /// The absolute target id.
    pub target: String,
    /// Traits by absolute id, with their node values.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub traits: IndexMap<String, Value>,
}

/// One entry of `shapes`. Which fields are present depends on `kind`; fields this type does not
/// name are kept in `extra`, so nothing written is lost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AstShape {
    /// The shape type: `structure`, `string`, `operation`, `apply`, ...
    #[serde(rename = "type")]
    pub kind: String,
    /// Structure, union, enum and intEnum members (and `members` of mixins).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub members: Option<IndexMap<String, AstMember>>,
    /// The list or set member.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<AstMember>,
    /// The map key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<AstMember>,
    /// The map value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<AstMember>,
    /// Operation input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<AstRef>,
    /// Operation output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<AstRef>,
    /// Operation or service errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<AstRef>>,
    /// Service version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Service and resource operations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operations: Option<Vec<AstRef>>,
    /// Service and resource resources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resources: Option<Vec<AstRef>>,
    /// Resource collection operations.
    #[serde(
        default,
        rename = "collectionOperations",
        skip_serializing_if = "Option::is_none"
    )]
    pub collection_operations: Option<Vec<AstRef>>,
    /// Resource lifecycle operations: `create`, `put`, `read`, `update`, `delete`, `list`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create: Option<AstRef>,
    /// See `create`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub put: Option<AstRef>,
    /// See `create`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read: Option<AstRef>,
    /// See `create`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update: Option<AstRef>,
    /// See `create`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete: Option<AstRef>,
    /// See `create`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list: Option<AstRef>,
    /// Mixins applied to this shape, unflattened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mixins: Option<Vec<AstRef>>,
    /// Traits by absolute id, with their node values.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub traits: IndexMap<String, Value>,
    /// Anything else written on the shape (`identifiers`, `properties`, `rename`, ...).
    #[serde(flatten)]
    pub extra: IndexMap<String, Value>,
}

impl AstShape {
    /// An empty shape of the given type.
    pub fn new(kind: impl Into<String>) -> Self {
        AstShape {
            kind: kind.into(),
            members: None,
            member: None,
            key: None,
            value: None,
            input: None,
            output: None,
            errors: None,
            version: None,
            operations: None,
            resources: None,
            collection_operations: None,
            create: None,
            put: None,
            read: None,
            update: None,
            delete: None,
            list: None,
            mixins: None,
            traits: IndexMap::new(),
            extra: IndexMap::new(),
        }
    }
}
