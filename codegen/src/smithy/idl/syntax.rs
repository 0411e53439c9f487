//! One IDL file as parsed: statements with positions and shape ids exactly as written. Ids are
//! resolved later ([`super::lower`]), once every file's shape names are known, because relative
//! ids may refer forward and to other files of the same namespace.

use super::lexer::Pos;
use super::node::NodeAt;

/// The IDL version a file declares (`$version`), which gates 2.0-only syntax.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Version {
    /// 1.0 (also assumed when a file has no `$version`).
    V1,
    /// 2.0
    V2,
}

/// A shape id as written (relative or absolute, possibly with a `$member`).
#[derive(Debug, Clone, PartialEq)]
pub struct RawId {
    /// The text, e.g. `String`, `smithy.api#String`, `Foo$bar`.
    pub text: String,
    /// Where it starts.
    pub pos: Pos,
}

/// A trait application `@id` / `@id(value)`.
#[derive(Debug, Clone, PartialEq)]
pub struct TraitApp {
    /// The trait's shape id.
    pub id: RawId,
    /// The value; `None` for an annotation (`@foo` or `@foo()`), which becomes `{}`.
    pub value: Option<NodeAt>,
}

/// Documentation comment lines joined with `\n`.
#[derive(Debug, Clone, PartialEq)]
pub struct Docs {
    /// The text.
    pub text: String,
    /// Where the first line starts.
    pub pos: Pos,
}

/// A member of a structure, union, enum, intEnum, list or map.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberDef {
    /// The member name.
    pub name: String,
    /// Where the member name (or its `$`) starts.
    pub pos: Pos,
    /// The target; `None` when elided (`$name`) or for enum members.
    pub target: Option<RawId>,
    /// Whether the target was elided with `$name`.
    pub elided: bool,
    /// Documentation comment.
    pub docs: Option<Docs>,
    /// Traits in written order.
    pub traits: Vec<TraitApp>,
    /// `= value` on a structure member (sugar for `@default`).
    pub default: Option<NodeAt>,
    /// `= value` on an enum member (sugar for `@enumValue`).
    pub enum_value: Option<NodeAt>,
}

/// The operation body (`input`, `output`, `errors`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OperationBody {
    /// `input: Id`, or the generated name of an inline `input := {...}`.
    pub input: Option<RawId>,
    /// `output: Id`, or the generated name of an inline `output := {...}`.
    pub output: Option<RawId>,
    /// `errors: [...]`.
    pub errors: Option<Vec<RawId>>,
}

/// What follows a shape's name.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// Simple shapes: nothing.
    Simple,
    /// `list` / `set`: the member, if written.
    List(Option<Box<MemberDef>>),
    /// `map`: key and value, if written.
    Map {
        /// The key member.
        key: Option<Box<MemberDef>>,
        /// The value member.
        value: Option<Box<MemberDef>>,
    },
    /// `structure`, `union`, `enum`, `intEnum`.
    Members(Vec<MemberDef>),
    /// `service` / `resource`: the node object.
    Properties(NodeAt),
    /// `operation`.
    Operation(OperationBody),
}

/// A shape definition.
#[derive(Debug, Clone, PartialEq)]
pub struct ShapeDef {
    /// The shape type keyword (`structure`, `string`, ...).
    pub kind: String,
    /// The shape name (relative to the file's namespace).
    pub name: String,
    /// Where the shape type keyword starts (for inline io, where `:=` is).
    pub pos: Pos,
    /// Documentation comment.
    pub docs: Option<Docs>,
    /// Traits in written order.
    pub traits: Vec<TraitApp>,
    /// `for Resource` (target elision from resource identifiers and properties).
    pub for_resource: Option<RawId>,
    /// `with [...]`.
    pub mixins: Vec<RawId>,
    /// The body.
    pub body: Body,
}

/// `apply Target @trait` or `apply Target { ... }`.
#[derive(Debug, Clone, PartialEq)]
pub struct ApplyDef {
    /// The shape or member the traits go to.
    pub target: RawId,
    /// The traits.
    pub traits: Vec<TraitApp>,
    /// Where the `apply` keyword starts.
    pub pos: Pos,
}

/// A top-level statement of the shape section.
#[derive(Debug, Clone, PartialEq)]
pub enum Statement {
    /// A shape definition (inline operation input/output structures are their own statements).
    Shape(Box<ShapeDef>),
    /// An apply statement.
    Apply(ApplyDef),
}

/// `use ns#Name`.
#[derive(Debug, Clone, PartialEq)]
pub struct UseDef {
    /// The absolute id.
    pub id: String,
    /// Its name part.
    pub name: String,
    /// Where the id starts.
    pub pos: Pos,
}

/// `metadata key = value`.
#[derive(Debug, Clone, PartialEq)]
pub struct MetadataDef {
    /// The key.
    pub key: String,
    /// Where the statement starts.
    pub pos: Pos,
    /// The value.
    pub value: NodeAt,
}

/// A whole parsed file.
#[derive(Debug, Clone, PartialEq)]
pub struct IdlFile {
    /// The file name, for diagnostics.
    pub file: String,
    /// The declared (or assumed) IDL version.
    pub version: Version,
    /// The version as the JSON AST writes it (`"1.0"`, `"2.0"`).
    pub version_text: String,
    /// Metadata statements.
    pub metadata: Vec<MetadataDef>,
    /// The namespace, if the file has a shape section.
    pub namespace: Option<String>,
    /// Use statements.
    pub uses: Vec<UseDef>,
    /// Shape and apply statements in written order.
    pub statements: Vec<Statement>,
}
