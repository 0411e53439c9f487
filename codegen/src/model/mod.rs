//! The resolved model: the one language-neutral description of an API that every front end
//! produces and the Rust back end alone reads.
//!
//! Nothing here knows about Smithy syntax, JSON Schema keywords or Rust names. Front ends build a
//! [`Model`] through [`Model::insert_shape`] and friends; once built it is treated as immutable.
//! Maps are ordered (`BTreeMap`), so iteration order, and therefore generated output, never
//! depends on hashing or on input file order.

mod constraints;
mod id;
pub mod select;

pub use constraints::{
    visit_assertions, visit_assertions_mut, Assertion, Bound, Constraints, JsonCheck, JsonTypes,
    LengthBounds, RangeBounds,
};
pub use id::ShapeId;

use std::collections::BTreeMap;
use std::sync::Arc;

/// A whole resolved API: shapes, operations and services, keyed by shape id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Model {
    /// Every data shape (structures, unions, enums, collections, scalars), prelude ones included
    /// when something targets them.
    pub shapes: BTreeMap<ShapeId, Shape>,
    /// Every operation.
    pub operations: BTreeMap<ShapeId, Operation>,
    /// Every service.
    pub services: BTreeMap<ShapeId, Service>,
}

impl Model {
    /// Looks up a data shape.
    pub fn shape(&self, id: &ShapeId) -> Option<&Shape> {
        self.shapes.get(id)
    }

    /// The constraints that hold for a member: the target's, each one overridden by the member's
    /// own where the member sets it (Smithy's rule; JSON Schema front ends merge `allOf` into the
    /// member before this point).
    pub fn effective_constraints(&self, member: &Member) -> Constraints {
        member.effective_constraints(self.shape(&member.target))
    }

    /// Whether a member's value is sensitive: the member itself or its target says so.
    pub fn is_sensitive(&self, member: &Member) -> bool {
        member.is_sensitive(self.shape(&member.target))
    }
}

/// Where a definition came from, for diagnostics: the file and the JSON pointer (or the shape id
/// for Smithy IDL) inside it.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourceRef {
    /// The input file, as the user named it.
    pub file: Arc<str>,
    /// A JSON pointer into that file (`/shapes/ns#Name/members/Foo`), or empty.
    pub pointer: String,
}

impl std::fmt::Display for SourceRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.pointer.is_empty() {
            write!(f, "{}", self.file)
        } else {
            write!(f, "{}#{}", self.file, self.pointer)
        }
    }
}

/// One data shape.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// Its id; the back end derives the Rust name from `id.name()`.
    pub id: ShapeId,
    /// What kind of value it describes.
    pub kind: ShapeKind,
    /// Documentation as written (may contain HTML, as AWS models do, or Markdown).
    pub docs: Option<String>,
    /// Values of this shape must never be printed (`@sensitive`, `format: password`).
    pub sensitive: bool,
    /// Deprecation, if any.
    pub deprecated: Option<Deprecation>,
    /// Constraints on values of this shape.
    pub constraints: Constraints,
    /// Set when the shape is an error structure (`@error`).
    pub error: Option<ErrorInfo>,
    /// `@input` / `@output` markers, or none.
    pub role: ShapeRole,
    /// `@streaming` (blobs and unions).
    pub streaming: bool,
    /// `@timestampFormat` set on the shape (timestamps only).
    pub timestamp_format: Option<TimestampFormat>,
    /// Values of this shape are read from JSON with JSON Schema's data model: numbers by value
    /// (where an integer is expected, a number with a zero fraction such as `1.0` is that
    /// integer), and `null` as a value of its own (an optional member that is `null` is not
    /// absent: it is invalid unless the member is nullable). Smithy shapes read integers only
    /// from integer literals and take `null` for absent.
    pub exact_json: bool,
    /// Where it was defined.
    pub source: SourceRef,
}

impl Shape {
    /// A shape of the given kind with no traits.
    pub fn new(id: ShapeId, kind: ShapeKind) -> Self {
        Shape {
            id,
            kind,
            docs: None,
            sensitive: false,
            deprecated: None,
            constraints: Constraints::default(),
            error: None,
            role: ShapeRole::None,
            streaming: false,
            timestamp_format: None,
            exact_json: false,
            source: SourceRef::default(),
        }
    }
}

/// What a shape is.
#[derive(Debug, Clone, PartialEq)]
pub enum ShapeKind {
    /// A record of named members.
    Structure(Structure),
    /// Exactly one of several named members.
    Union(Union),
    /// A closed set of string values.
    Enum(Vec<EnumValue>),
    /// A closed set of integer values.
    IntEnum(Vec<IntEnumValue>),
    /// A sequence (`list`, and the legacy `set`, which sets `unique_items`).
    List(Box<Member>),
    /// A string-keyed map.
    Map {
        /// The key member (targets a string shape).
        key: Box<Member>,
        /// The value member.
        value: Box<Member>,
    },
    /// A simple value.
    Scalar(Scalar),
    /// Any JSON value (Smithy `document`, a JSON Schema without `type`).
    Document,
}

/// A structure: named members, in the order written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Structure {
    /// Members in definition order.
    pub members: Vec<Member>,
    /// What to do with properties that are not members.
    pub additional: AdditionalMembers,
}

/// A union: exactly one member is set.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Union {
    /// The variants, in the order written.
    pub members: Vec<Member>,
    /// How the chosen variant appears on the wire.
    pub tagging: UnionTagging,
}

/// How a union's variant is encoded on the wire.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum UnionTagging {
    /// `{"Member": value}`: Smithy's encoding.
    #[default]
    External,
    /// `{"<tag>": "Variant", ...fields}`: JSON Schema `discriminator` / const tag property.
    Internal {
        /// The tag property's wire name.
        tag: String,
    },
    /// `{"<tag>": "Variant", "<content>": value}`.
    Adjacent {
        /// The tag property's wire name.
        tag: String,
        /// The content property's wire name.
        content: String,
    },
    /// The first variant that accepts the value wins (JSON Schema `anyOf`/`oneOf` without tags).
    Untagged,
}

/// Properties of an object beyond its members.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum AdditionalMembers {
    /// Unknown properties are ignored when reading (Smithy and JSON Schema default).
    #[default]
    Ignore,
    /// Unknown properties are an error (`additionalProperties: false`).
    Deny,
    /// Unknown properties are kept in a map whose values have this target.
    Map(ShapeId),
}

/// A member of a structure, union, list or map.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// The member name as written in the schema (for lists and maps: `member`, `key`, `value`).
    pub name: String,
    /// The name used on the wire (JSON property name).
    pub wire_name: String,
    /// The shape the value has.
    pub target: ShapeId,
    /// `@required` / listed in JSON Schema `required`.
    pub required: bool,
    /// `@clientOptional`.
    pub client_optional: bool,
    /// The value may be JSON `null` (JSON Schema `nullable` / `type: [T, "null"]`).
    pub nullable: bool,
    /// `@default` as a JSON value.
    pub default: Option<serde_json::Value>,
    /// Documentation of the member itself.
    pub docs: Option<String>,
    /// Constraints written on the member; they override the target's one by one.
    pub constraints: Constraints,
    /// The member itself is sensitive (JSON Schema `format: password` on a property).
    pub sensitive: bool,
    /// Deprecation, if any.
    pub deprecated: Option<Deprecation>,
    /// `@timestampFormat` on the member, overriding the target's.
    pub timestamp_format: Option<TimestampFormat>,
    /// Where the member is bound in an HTTP message, when it is not in the body.
    pub http_binding: Option<HttpMemberBinding>,
    /// Where it was defined.
    pub source: SourceRef,
}

impl Member {
    /// [`Model::effective_constraints`], given the member's target.
    pub fn effective_constraints(&self, target: Option<&Shape>) -> Constraints {
        let base = target.map(|s| s.constraints.clone()).unwrap_or_default();
        base.overridden_by(&self.constraints)
    }

    /// [`Model::is_sensitive`], given the member's target.
    pub fn is_sensitive(&self, target: Option<&Shape>) -> bool {
        self.sensitive || target.is_some_and(|s| s.sensitive)
    }

    /// A plain optional member with no traits.
    pub fn new(name: impl Into<String>, target: ShapeId) -> Self {
        let name = name.into();
        Member {
            wire_name: name.clone(),
            name,
            target,
            required: false,
            client_optional: false,
            nullable: false,
            default: None,
            docs: None,
            constraints: Constraints::default(),
            sensitive: false,
            deprecated: None,
            timestamp_format: None,
            http_binding: None,
            source: SourceRef::default(),
        }
    }
}

/// Where an HTTP binding trait puts a member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HttpMemberBinding {
    /// `@httpHeader("name")`.
    Header(String),
    /// `@httpPrefixHeaders("prefix")`.
    PrefixHeaders(String),
    /// `@httpQuery("name")`.
    Query(String),
    /// `@httpQueryParams`.
    QueryParams,
    /// `@httpLabel`.
    Label,
    /// `@httpPayload`.
    Payload,
    /// `@httpResponseCode`.
    ResponseCode,
}

/// One value of a string enum.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    /// The symbolic name (Smithy member name, legacy enum `name`, or the value itself).
    pub name: String,
    /// The string on the wire.
    pub value: String,
    /// Documentation.
    pub docs: Option<String>,
    /// Deprecation, if any.
    pub deprecated: Option<Deprecation>,
    /// Meant for the service's own use (Smithy `@internal`, or a legacy `@enum` entry tagged
    /// `internal`): still accepted, but not listed in validation messages.
    pub internal: bool,
}

/// One value of an integer enum.
#[derive(Debug, Clone, PartialEq)]
pub struct IntEnumValue {
    /// The symbolic name.
    pub name: String,
    /// The integer on the wire.
    pub value: i64,
    /// Documentation.
    pub docs: Option<String>,
    /// Deprecation, if any.
    pub deprecated: Option<Deprecation>,
}

/// The simple value kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scalar {
    /// UTF-8 text.
    String,
    /// true / false.
    Boolean,
    /// 8-bit signed integer.
    Byte,
    /// 16-bit signed integer.
    Short,
    /// 32-bit signed integer.
    Integer,
    /// 64-bit signed integer.
    Long,
    /// 32-bit float.
    Float,
    /// 64-bit float.
    Double,
    /// Arbitrary-precision integer, kept losslessly.
    BigInteger,
    /// Arbitrary-precision decimal, kept losslessly.
    BigDecimal,
    /// An instant in time.
    Timestamp,
    /// Bytes (base64 in JSON).
    Blob,
}

/// How a timestamp is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimestampFormat {
    /// RFC 3339 `date-time`.
    DateTime,
    /// RFC 7231 IMF-fixdate.
    HttpDate,
    /// Seconds since the epoch, as a JSON number with optional fraction.
    EpochSeconds,
}

/// `@input` / `@output` markers on structures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum ShapeRole {
    /// An ordinary shape.
    #[default]
    None,
    /// `@input`: the input of exactly one operation.
    Input,
    /// `@output`: the output of exactly one operation.
    Output,
}

/// Deprecation details.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Deprecation {
    /// Why, or what to use instead.
    pub message: Option<String>,
    /// Since when.
    pub since: Option<String>,
}

/// What makes a structure an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorInfo {
    /// Whose fault it is.
    pub fault: Fault,
    /// `@httpError`, if set.
    pub http_status: Option<u16>,
    /// `@retryable`, if set.
    pub retryable: Option<Retryable>,
}

/// Who caused an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fault {
    /// The caller (`@error("client")`).
    Client,
    /// The service (`@error("server")`).
    Server,
}

/// `@retryable` details.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Retryable {
    /// The error signals throttling.
    pub throttling: bool,
}

/// An operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// Its id; the Rust name derives from `id.name()`.
    pub id: ShapeId,
    /// The input structure (absent for `smithy.api#Unit`).
    pub input: Option<ShapeId>,
    /// The output structure (absent for `smithy.api#Unit`).
    pub output: Option<ShapeId>,
    /// The modelled errors, operation's own first, then the service's, without repeats.
    pub errors: Vec<ShapeId>,
    /// Documentation.
    pub docs: Option<String>,
    /// Deprecation, if any.
    pub deprecated: Option<Deprecation>,
    /// `@http` binding or OpenAPI path.
    pub http: Option<HttpBinding>,
    /// The service that reaches it, if any (the first one, in id order).
    pub service: Option<ShapeId>,
    /// Where it was defined.
    pub source: SourceRef,
}

/// An HTTP method and URI pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpBinding {
    /// `GET`, `POST`, ...
    pub method: String,
    /// The URI pattern, e.g. `/users/{UserId}`.
    pub uri: String,
    /// The success status code, if modelled.
    pub code: Option<u16>,
}

/// A service.
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    /// Its id (`com.amazonaws.cognitoidentityprovider#AWSCognitoIdentityProviderService`).
    pub id: ShapeId,
    /// The API version string.
    pub version: Option<String>,
    /// The wire protocol, when one is declared.
    pub protocol: Option<Protocol>,
    /// Every operation the service reaches (directly or through resources), sorted.
    pub operations: Vec<ShapeId>,
    /// Errors every operation of the service may return.
    pub errors: Vec<ShapeId>,
    /// Documentation.
    pub docs: Option<String>,
    /// Where it was defined.
    pub source: SourceRef,
}

/// The wire protocols the model may declare.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Protocol {
    /// `aws.protocols#awsJson1_0`.
    AwsJson1_0,
    /// `aws.protocols#awsJson1_1`.
    AwsJson1_1,
    /// `aws.protocols#restJson1`.
    RestJson1,
    /// Any other protocol trait, by shape id.
    Other(String),
}
