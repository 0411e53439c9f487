//! The `schemars` feature of generated crates: with it on, every structure, union, enum and
//! intEnum implements `schemars::JsonSchema`, describing its wire form with the model's docs and
//! constraints. This module decides what the schemas say; `types` places the attributes.
//!
//! # What the schemas say
//! - **Names**: definitions are named after the model's shapes
//!   (`AdminSetUserMFAPreferenceRequest`), not after the Rust types
//!   (`AdminSetUserMfaPreferenceRequest`).
//! - **Types**: structures and unions derive `JsonSchema`
//!   (`#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]`); serde's attributes
//!   give the wire names, tagging, `deny_unknown_fields` and flattened maps. String enums and
//!   intEnums, whose serde impls are written by hand, get a `JsonSchema` impl by hand too.
//! - **Descriptions**: the model's documentation as written (HTML for AWS models), set with
//!   `schemars(description = "...")`, so the rustdoc rendering and the constraint notes of the
//!   doc comments stay out of the schema. An item without docs has no description; a member
//!   (or list item, map key or map value) without docs takes the docs of its target when the
//!   target is an alias (below).
//! - **Aliases** (`pub type ClientIdType = String`, lists, maps) have no schema of their own:
//!   the constraints of the alias, overridden by the member's, are written on each field that
//!   uses it: `length`, `pattern` and `range` as schemars attributes, other keywords with
//!   `extend(...)`, and those inside the field's schema (`items`, `additionalProperties`) with
//!   the crate's `json_schema::Merge` transform.
//! - **Required and null**: `required` lists exactly the members the model requires (and that
//!   have no default); an `Option` field of a member that is not nullable is described by its
//!   inner type (`schemars(with = "...")`), so `null` is not offered where the model does not
//!   allow it. Nullable members keep `Option`, which schemars writes as `[T, "null"]`.
//! - **Sensitive** values: `format: password` on strings (the convention of OpenAPI and of the
//!   Cognito JSON Schema, which the JSON Schema front end reads back), `x-sensitive: true` on
//!   any other kind. `writeOnly` is not used: services return sensitive values too (tokens in
//!   responses), which `writeOnly` would deny.
//! - **Enums** list the values the model defines (`enum`, or `oneOf` of `const`s when a value
//!   has docs). The `Unknown` variant is not in the schema: it lets old clients read values a
//!   newer service sends, but the schema states the contract, and a value outside it is not one
//!   a client should send.
//! - **Timestamps, blobs and big numbers** are described as they are written on the wire
//!   (`schemars(with = "super::json_schema::EpochSeconds")`, base64 strings, JSON numbers).
//!
//! JSON Schema cannot say a blob's length in bytes (the wire has base64 text), so blob lengths
//! are left out; a numeric bound beyond the 64-bit integers is written as a float.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::{Map, Value};

use super::text::{attribute_tokens, Meta};
use super::typespace::{is_structure, timestamp_adapter, Module, TypeSpace};
use crate::model::{
    Constraints, EnumValue, IntEnumValue, LengthBounds, Member, Scalar, Shape, ShapeId, ShapeKind,
    TimestampFormat,
};

/// The cargo feature of generated crates that turns the schemas on.
pub const FEATURE: &str = "schemars";

/// The module of generated crates with the schemars support code (only with [`FEATURE`]).
pub const MODULE: &str = "json_schema";

const MODULE_DOC: &str = "//! JSON Schema support, with the `schemars` feature: schemas of the wire forms that serde\n//! adapters write (timestamps, blobs, big numbers), and the transform that puts constraints\n//! inside a field's schema.\n\n";
const RUNTIME: &str = include_str!("runtime/json_schema.rs");
const BIG_NUMBERS: &str = "\nwire_schema!(super::primitives::BigInteger => \"BigInteger\", { \"type\": \"integer\" });\nwire_schema!(super::primitives::BigDecimal => \"BigDecimal\", { \"type\": \"number\" });\n";

/// How deep constraints are followed through nested lists and maps.
const MAX_DEPTH: usize = 8;

/// The `[dependencies]` line of schemars.
pub const DEPENDENCY: &str = r#"schemars = { version = "1", optional = true }"#;

/// The `[features]` section of a generated `Cargo.toml`.
pub fn features_section() -> String {
    format!("[features]\n{FEATURE} = [\"dep:schemars\"]\n")
}

/// The source of the [`MODULE`] module.
pub fn module_source(space: &TypeSpace<'_>) -> String {
    let mut text = format!("{MODULE_DOC}{RUNTIME}");
    if space.uses_scalar(Scalar::BigInteger) || space.uses_scalar(Scalar::BigDecimal) {
        text.push_str(BIG_NUMBERS);
    }
    text
}

/// The attribute in front of a module's declaration: the `cfg` of [`MODULE`], else nothing.
pub fn module_cfg(module: &str) -> &'static str {
    if module == MODULE {
        "#[cfg(feature = \"schemars\")]\n"
    } else {
        ""
    }
}

/// `#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]`.
pub fn derive() -> TokenStream {
    attribute_tokens(&derive_meta())
}

/// [`derive`] as data.
pub fn derive_meta() -> Meta {
    Meta::List(
        "cfg_attr",
        vec![
            Meta::Str("feature", FEATURE.to_string()),
            Meta::List("derive", vec![Meta::Word("schemars::JsonSchema")]),
        ],
    )
}

/// The container attribute of a structure or union (with `deny_unknown_fields` when asked, for
/// structures whose serde impls are not derived): the model's name where the Rust name
/// differs, description, sensitivity, deprecation, property counts and, where serde's view
/// differs from the model's, the `required` list.
pub fn container_attrs(space: &TypeSpace<'_>, shape: &Shape, deny_unknown: bool) -> TokenStream {
    attribute_tokens_of(container_meta(space, shape, deny_unknown))
}

/// [`container_attrs`] as data.
pub fn container_meta(space: &TypeSpace<'_>, shape: &Shape, deny_unknown: bool) -> Option<Meta> {
    let mut items = Vec::new();
    if deny_unknown {
        items.push(Meta::Word("deny_unknown_fields"));
    }
    let name = shape.id.name();
    if space.names.type_name(&shape.id) != name {
        items.push(Meta::Str("rename", name.to_string()));
    }
    items.push(description(shape.docs.as_deref()));
    let mut extend = Map::new();
    if shape.sensitive {
        extend.insert("x-sensitive".into(), Value::Bool(true));
    }
    if shape.deprecated.is_some() {
        extend.insert("deprecated".into(), Value::Bool(true));
    }
    property_counts(&shape.constraints, &mut extend);
    if let Some(required) = required_override(space, shape) {
        extend.insert("required".into(), required);
    }
    items.extend(extend_item(&extend).map(Meta::Tokens));
    attribute(items)
}

/// The attribute of a structure field: `serde_items` (the wire name and what absence means,
/// for structures whose serde impls are not derived, so schemars cannot read them from
/// `#[serde]`), description, the wire-form type, and constraints. Given as data, which the
/// text path of structure definitions prints directly.
pub fn field_attrs(
    space: &TypeSpace<'_>,
    owner: &Shape,
    member: &Member,
    module: Module,
    serde_items: Vec<Meta>,
) -> Option<Meta> {
    let mut items = serde_items;
    items.push(description(member_description(space, member).as_deref()));
    items.extend(with_type(space, owner, member, module));
    items.extend(constraint_items(space, member));
    items.extend(deprecation_item(member).map(Meta::Tokens));
    attribute(items)
}

/// `extend("deprecated" = true)` for a deprecated member.
fn deprecation_item(member: &Member) -> Option<TokenStream> {
    let mut extend = Map::new();
    if member.deprecated.is_some() {
        extend.insert("deprecated".into(), Value::Bool(true));
    }
    extend_item(&extend)
}

/// The attribute of a union variant: its description and deprecation.
pub fn variant_attrs(space: &TypeSpace<'_>, member: &Member) -> TokenStream {
    let mut items = vec![description(member_description(space, member).as_deref())];
    items.extend(deprecation_item(member).map(Meta::Tokens));
    attribute_tokens_of(attribute(items))
}

/// The attribute of a union variant's value: the wire-form type and constraints.
pub fn variant_field_attrs(
    space: &TypeSpace<'_>,
    owner: &Shape,
    member: &Member,
    module: Module,
) -> TokenStream {
    let mut items: Vec<Meta> = with_type(space, owner, member, module)
        .into_iter()
        .collect();
    items.extend(constraint_items(space, member));
    attribute_tokens_of(attribute(items))
}

/// The schema of a string enum: its wire values, and the shape's docs and flags. The
/// `string_enum_impls!` macro of generated crates writes the `JsonSchema` impl; see
/// [`plain_enum_schema`] for when it needs the schema spelled out.
pub fn enum_schema(shape: &Shape, values: &[EnumValue]) -> Value {
    let mut schema = shape_header(shape);
    schema.insert("type".into(), "string".into());
    let branches = values.iter().map(|v| {
        (
            Value::String(v.value.clone()),
            v.docs.as_deref(),
            v.deprecated.is_some(),
        )
    });
    insert_values(&mut schema, branches.collect());
    if shape.sensitive {
        schema.insert("format".into(), "password".into());
    }
    Value::Object(schema)
}

/// The schema that `string_enum_impls!` writes by itself: `{"type": "string", "enum":
/// [<values>]}`, with `description` first when given. The enum's call spells out its schema
/// only when [`enum_schema`] differs from this one.
pub fn plain_enum_schema(values: &[EnumValue], description: Option<&str>) -> Value {
    let mut schema = Map::new();
    if let Some(description) = description {
        schema.insert("description".into(), description.into());
    }
    schema.insert("type".into(), "string".into());
    let wires = values.iter().map(|v| Value::String(v.value.clone()));
    schema.insert("enum".into(), Value::Array(wires.collect()));
    Value::Object(schema)
}

/// The `JsonSchema` impl of an intEnum: its wire values.
pub fn int_enum_impl(
    space: &TypeSpace<'_>,
    shape: &Shape,
    values: &[IntEnumValue],
    wide: bool,
) -> TokenStream {
    let mut schema = shape_header(shape);
    schema.insert("type".into(), "integer".into());
    schema.insert("format".into(), if wide { "int64" } else { "int32" }.into());
    let branches = values.iter().map(|v| {
        (
            Value::from(v.value),
            v.docs.as_deref(),
            v.deprecated.is_some(),
        )
    });
    insert_values(&mut schema, branches.collect());
    if shape.sensitive {
        schema.insert("x-sensitive".into(), Value::Bool(true));
    }
    json_schema_impl(space, shape, &schema)
}

/// Whether an enum's schema is a `oneOf` of `const`s (some value has docs or is deprecated)
/// rather than a plain `enum`.
pub fn enum_has_value_docs(values: &[EnumValue]) -> bool {
    values
        .iter()
        .any(|v| v.docs.is_some() || v.deprecated.is_some())
}

fn shape_header(shape: &Shape) -> Map<String, Value> {
    let mut schema = Map::new();
    if let Some(docs) = shape.docs.as_deref().filter(|d| !d.trim().is_empty()) {
        schema.insert("description".into(), docs.into());
    }
    if shape.deprecated.is_some() {
        schema.insert("deprecated".into(), Value::Bool(true));
    }
    schema
}

/// `enum: [...]`, or `oneOf: [{const, description, deprecated}]` when some value has docs.
fn insert_values(schema: &mut Map<String, Value>, values: Vec<(Value, Option<&str>, bool)>) {
    let documented = values
        .iter()
        .any(|(_, docs, deprecated)| docs.is_some() || *deprecated);
    if !documented {
        let list = values.into_iter().map(|(value, _, _)| value).collect();
        schema.insert("enum".into(), Value::Array(list));
        return;
    }
    let branches = values
        .into_iter()
        .map(|(value, docs, deprecated)| {
            let mut branch = Map::new();
            branch.insert("const".into(), value);
            if let Some(docs) = docs {
                branch.insert("description".into(), docs.into());
            }
            if deprecated {
                branch.insert("deprecated".into(), Value::Bool(true));
            }
            Value::Object(branch)
        })
        .collect();
    schema.insert("oneOf".into(), Value::Array(branches));
}

fn json_schema_impl(
    space: &TypeSpace<'_>,
    shape: &Shape,
    schema: &Map<String, Value>,
) -> TokenStream {
    let name = space.names.type_ident(&shape.id);
    let name_text = name.to_string();
    let schema_name = shape.id.name();
    let schema = json_tokens(&Value::Object(schema.clone()));
    quote! {
        #[cfg(feature = "schemars")]
        impl schemars::JsonSchema for #name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed(#schema_name)
            }

            fn schema_id() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed(concat!(module_path!(), "::", #name_text))
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!(#schema)
            }
        }
    }
}

/// `cfg_attr(feature = "schemars", schemars(items))`; `None` without items.
fn attribute(items: Vec<Meta>) -> Option<Meta> {
    if items.is_empty() {
        return None;
    }
    let feature = Meta::Str("feature", FEATURE.to_string());
    Some(Meta::List(
        "cfg_attr",
        vec![feature, Meta::List("schemars", items)],
    ))
}

/// The attribute as tokens, or none.
fn attribute_tokens_of(attribute: Option<Meta>) -> TokenStream {
    attribute.as_ref().map(attribute_tokens).unwrap_or_default()
}

/// `description = "..."`; empty when there are no docs, which keeps schemars from using the
/// doc comments (their fallback sentence and constraint notes) instead.
fn description(docs: Option<&str>) -> Meta {
    let text = docs.filter(|d| !d.trim().is_empty()).unwrap_or("");
    Meta::Str("description", text.to_string())
}

/// A member's docs, else its target's when the target is an alias (which has no schema of its
/// own to carry them).
fn member_description(space: &TypeSpace<'_>, member: &Member) -> Option<String> {
    if let Some(docs) = member.docs.as_deref().filter(|d| !d.trim().is_empty()) {
        return Some(docs.to_string());
    }
    let target = space.shape(&member.target)?;
    if has_definition(space, target) {
        return None;
    }
    target.docs.clone()
}

/// Whether the shape's type has a schema of its own (a `$defs` entry), rather than being an
/// alias whose constraints are written where it is used.
fn has_definition(space: &TypeSpace<'_>, shape: &Shape) -> bool {
    space.has_item(&shape.id)
        && matches!(
            shape.kind,
            ShapeKind::Structure(_)
                | ShapeKind::Union(_)
                | ShapeKind::Enum(_)
                | ShapeKind::IntEnum(_)
        )
}

/// The model's `required` list when it differs from what schemars derives from the fields
/// (required members that are `Option`s in Rust).
fn required_override(space: &TypeSpace<'_>, shape: &Shape) -> Option<Value> {
    let ShapeKind::Structure(structure) = &shape.kind else {
        return None;
    };
    let without_default = |m: &&Member| m.default.is_none();
    let derived = structure
        .members
        .iter()
        .filter(without_default)
        .filter(|m| !space.is_optional(shape, m))
        .count();
    let required: Vec<Value> = structure
        .members
        .iter()
        .filter(without_default)
        .filter(|m| m.required)
        .map(|m| Value::String(m.wire_name.clone()))
        .collect();
    (required.len() != derived).then_some(Value::Array(required))
}

/// `with = "..."`: the type whose schema describes the field's wire form, when it is not the
/// field's own type: an `Option` of a member that may not be `null`, or a serde adapter.
fn with_type(
    space: &TypeSpace<'_>,
    owner: &Shape,
    member: &Member,
    module: Module,
) -> Option<Meta> {
    let optional = is_structure(owner) && space.is_optional(owner, member);
    let adapted = space.serde_as(owner, member).is_some();
    let strips_null = optional && !member.nullable;
    if !adapted && !strips_null {
        return None;
    }
    let mut ty = if adapted {
        wire_type(space, &member.target, member.timestamp_format, module, 0)
    } else {
        space.type_path(&member.target, module)
    };
    if optional && member.nullable {
        ty = quote!(Option<#ty>);
    }
    Some(Meta::Str("with", type_text(&ty)))
}

/// The type whose schema is the wire form of a value of `id`: timestamps and blobs become the
/// `json_schema` module's wire types, inside lists and maps too.
fn wire_type(
    space: &TypeSpace<'_>,
    id: &ShapeId,
    format: Option<TimestampFormat>,
    module: Module,
    depth: usize,
) -> TokenStream {
    let Some(shape) = space.shape(id) else {
        return space.type_path(id, module);
    };
    if depth > MAX_DEPTH {
        return space.type_path(id, module);
    }
    match &shape.kind {
        ShapeKind::Scalar(Scalar::Timestamp) => {
            let format = format
                .or(shape.timestamp_format)
                .unwrap_or(TimestampFormat::EpochSeconds);
            let name = quote::format_ident!("{}", timestamp_adapter(format));
            quote!(super::json_schema::#name)
        }
        ShapeKind::Scalar(Scalar::Blob) => quote!(super::json_schema::Base64),
        ShapeKind::List(item) => {
            let item = wire_type(
                space,
                &item.target,
                item.timestamp_format,
                module,
                depth + 1,
            );
            if item_member_nullable(shape) {
                quote!(Vec<Option<#item>>)
            } else {
                quote!(Vec<#item>)
            }
        }
        ShapeKind::Map { key, value } => {
            let sparse = value.nullable;
            let key = space.type_path(&key.target, module);
            let value = wire_type(
                space,
                &value.target,
                value.timestamp_format,
                module,
                depth + 1,
            );
            if sparse {
                quote!(std::collections::HashMap<#key, Option<#value>>)
            } else {
                quote!(std::collections::HashMap<#key, #value>)
            }
        }
        _ => space.type_path(id, module),
    }
}

/// Whether a list's items may be `null` (`@sparse`).
fn item_member_nullable(shape: &Shape) -> bool {
    matches!(&shape.kind, ShapeKind::List(item) if item.nullable)
}

/// A type as compact text for an attribute string (`Vec<super::types::X>`).
fn type_text(ty: &TokenStream) -> String {
    ty.to_string()
        .replace(" :: ", "::")
        .replace(":: ", "::")
        .replace(" <", "<")
        .replace("< ", "<")
        .replace(" >", ">")
        .replace(" ,", ",")
}

/// The schemars items that put a member's constraints on its field.
fn constraint_items(space: &TypeSpace<'_>, member: &Member) -> Vec<Meta> {
    let Some(target) = space.shape(&member.target) else {
        return Vec::new();
    };
    let mut keywords = value_keywords(
        space,
        &member.target,
        &member.constraints,
        member.sensitive,
        0,
    );
    let native = !has_definition(space, target);
    let mut items = Vec::new();
    if native {
        items.extend(native_length(&mut keywords));
        items.extend(native_pattern(&mut keywords));
        items.extend(native_range(&mut keywords));
    }
    let mut nested = Map::new();
    for key in ["items", "additionalProperties", "properties"] {
        if let Some(value) = keywords.remove(key) {
            nested.insert(key.to_string(), value);
        }
    }
    items.extend(extend_item(&keywords).map(Meta::Tokens));
    if !nested.is_empty() {
        let tokens = json_tokens(&Value::Object(nested));
        items.push(Meta::Tokens(quote!(
            transform = super::json_schema::Merge(serde_json::json!(#tokens))
        )));
    }
    items
}

fn native_length(keywords: &mut Map<String, Value>) -> Option<Meta> {
    let pairs = [("minLength", "maxLength"), ("minItems", "maxItems")];
    for (min_key, max_key) in pairs {
        let min = keywords.remove(min_key);
        let max = keywords.remove(max_key);
        let parts: Vec<Meta> = [("min", min), ("max", max)]
            .into_iter()
            .filter_map(|(name, value)| Some(bound_item(name, &value?)))
            .collect();
        if !parts.is_empty() {
            return Some(Meta::List("length", parts));
        }
    }
    None
}

fn native_pattern(keywords: &mut Map<String, Value>) -> Option<Meta> {
    let Some(Value::String(pattern)) = keywords.remove("pattern") else {
        return None;
    };
    Some(Meta::List("pattern", vec![Meta::Value(pattern)]))
}

fn native_range(keywords: &mut Map<String, Value>) -> Option<Meta> {
    let parts: Vec<Meta> = [("min", "minimum"), ("max", "maximum")]
        .into_iter()
        .filter_map(|(name, key)| Some(bound_item(name, &keywords.remove(key)?)))
        .collect();
    (!parts.is_empty()).then(|| Meta::List("range", parts))
}

/// `min = 1` in a `length(...)` or `range(...)` list.
fn bound_item(name: &'static str, value: &Value) -> Meta {
    match value {
        Value::Number(number) => Meta::Lit(name, number_literal(number)),
        _ => {
            let (ident, value) = (quote::format_ident!("{name}"), json_tokens(value));
            Meta::Tokens(quote!(#ident = #value))
        }
    }
}

fn extend_item(keywords: &Map<String, Value>) -> Option<TokenStream> {
    if keywords.is_empty() {
        return None;
    }
    let pairs = keywords.iter().map(|(key, value)| {
        let value = json_tokens(value);
        quote!(#key = #value)
    });
    Some(quote!(extend(#(#pairs),*)))
}

/// The JSON Schema keywords that a value of `target`, used by a member with `constraints` and
/// `sensitive`, needs beyond the schema of its Rust type: for an alias, its own constraints
/// overridden by the member's; for a type with a definition, the member's only.
fn value_keywords(
    space: &TypeSpace<'_>,
    target: &ShapeId,
    constraints: &Constraints,
    sensitive: bool,
    depth: usize,
) -> Map<String, Value> {
    let mut keywords = Map::new();
    let Some(shape) = space.shape(target) else {
        return keywords;
    };
    if depth > MAX_DEPTH {
        return keywords;
    }
    let (constraints, sensitive) = if has_definition(space, shape) {
        (constraints.clone(), sensitive)
    } else {
        (
            shape.constraints.clone().overridden_by(constraints),
            sensitive || shape.sensitive,
        )
    };
    match &shape.kind {
        ShapeKind::Scalar(Scalar::String) | ShapeKind::Enum(_) => {
            string_keywords(&constraints, &mut keywords);
            if sensitive {
                keywords.insert("format".into(), "password".into());
            }
        }
        ShapeKind::Scalar(scalar) if is_number(*scalar) => {
            number_keywords(&constraints, &mut keywords);
        }
        ShapeKind::IntEnum(_) => number_keywords(&constraints, &mut keywords),
        ShapeKind::List(item) => {
            list_keywords(space, &constraints, item, depth, &mut keywords);
        }
        ShapeKind::Map { key, value } => {
            map_keywords(space, &constraints, key, value, depth, &mut keywords);
        }
        ShapeKind::Structure(_) | ShapeKind::Union(_) => {
            property_counts(&constraints, &mut keywords);
        }
        _ => {}
    }
    if sensitive && !keywords.contains_key("format") {
        keywords.insert("x-sensitive".into(), Value::Bool(true));
    }
    if let Some(value) = &constraints.const_value {
        keywords.insert("const".into(), value.clone());
    }
    if let Some(values) = &constraints.allowed_values {
        keywords.insert("enum".into(), Value::Array(values.clone()));
    }
    keywords
}

fn is_number(scalar: Scalar) -> bool {
    !matches!(
        scalar,
        Scalar::String | Scalar::Boolean | Scalar::Timestamp | Scalar::Blob
    )
}

fn string_keywords(constraints: &Constraints, keywords: &mut Map<String, Value>) {
    length_keywords(constraints.length, "minLength", "maxLength", keywords);
    match constraints.patterns.as_slice() {
        [] => {}
        [pattern] => {
            keywords.insert("pattern".into(), pattern.clone().into());
        }
        patterns => {
            let all = patterns
                .iter()
                .map(|p| serde_json::json!({ "pattern": p }))
                .collect();
            keywords.insert("allOf".into(), Value::Array(all));
        }
    }
}

fn number_keywords(constraints: &Constraints, keywords: &mut Map<String, Value>) {
    if let Some(range) = &constraints.range {
        let bounds = [
            (&range.min, "minimum", "exclusiveMinimum"),
            (&range.max, "maximum", "exclusiveMaximum"),
        ];
        for (bound, inclusive, exclusive) in bounds {
            if let Some(bound) = bound {
                let key = if bound.exclusive {
                    exclusive
                } else {
                    inclusive
                };
                keywords.insert(key.into(), number_value(&bound.value));
            }
        }
    }
    if let Some(multiple) = &constraints.multiple_of {
        keywords.insert("multipleOf".into(), number_value(multiple));
    }
}

fn list_keywords(
    space: &TypeSpace<'_>,
    constraints: &Constraints,
    item: &Member,
    depth: usize,
    keywords: &mut Map<String, Value>,
) {
    length_keywords(constraints.length, "minItems", "maxItems", keywords);
    if constraints.unique_items {
        keywords.insert("uniqueItems".into(), Value::Bool(true));
    }
    let items = nested_keywords(space, item, depth);
    if !items.is_empty() {
        keywords.insert("items".into(), Value::Object(items));
    }
}

/// A map's entry counts, key constraints (`propertyNames`) and value constraints: on
/// `additionalProperties`, or, for a map keyed by an enum (which schemars writes as one property
/// per value), on each of those properties.
fn map_keywords(
    space: &TypeSpace<'_>,
    constraints: &Constraints,
    key: &Member,
    value: &Member,
    depth: usize,
    keywords: &mut Map<String, Value>,
) {
    let counts = Constraints {
        properties: combine_counts(constraints.properties, constraints.length),
        ..Constraints::default()
    };
    property_counts(&counts, keywords);
    let enum_keys = match space.shape(&key.target).map(|s| &s.kind) {
        Some(ShapeKind::Enum(values)) if !enum_has_value_docs(values) => Some(values),
        _ => None,
    };
    if enum_keys.is_none() {
        let names = nested_keywords(space, key, depth);
        if !names.is_empty() {
            keywords.insert("propertyNames".into(), Value::Object(names));
        }
    }
    let values = nested_keywords(space, value, depth);
    if values.is_empty() {
        return;
    }
    match enum_keys {
        Some(keys) => {
            let properties = keys
                .iter()
                .map(|k| (k.value.clone(), Value::Object(values.clone())))
                .collect();
            keywords.insert("properties".into(), Value::Object(properties));
        }
        None => {
            keywords.insert("additionalProperties".into(), Value::Object(values));
        }
    }
}

/// The keywords of a list item, map key or map value: its constraints and, when its type has no
/// definition to carry them, its docs.
fn nested_keywords(space: &TypeSpace<'_>, member: &Member, depth: usize) -> Map<String, Value> {
    let mut keywords = value_keywords(
        space,
        &member.target,
        &member.constraints,
        member.sensitive,
        depth + 1,
    );
    if let Some(docs) = member_description(space, member) {
        keywords.insert("description".into(), docs.into());
    }
    keywords
}

fn combine_counts(a: Option<LengthBounds>, b: Option<LengthBounds>) -> Option<LengthBounds> {
    match (a, b) {
        (Some(a), Some(b)) => Some(LengthBounds {
            min: a.min.max(b.min),
            max: match (a.max, b.max) {
                (Some(x), Some(y)) => Some(x.min(y)),
                (x, y) => x.or(y),
            },
        }),
        (a, b) => a.or(b),
    }
}

fn property_counts(constraints: &Constraints, keywords: &mut Map<String, Value>) {
    length_keywords(
        constraints.properties,
        "minProperties",
        "maxProperties",
        keywords,
    );
}

fn length_keywords(
    bounds: Option<LengthBounds>,
    min_key: &str,
    max_key: &str,
    keywords: &mut Map<String, Value>,
) {
    let Some(bounds) = bounds else {
        return;
    };
    if let Some(min) = bounds.min {
        keywords.insert(min_key.into(), min.into());
    }
    if let Some(max) = bounds.max {
        keywords.insert(max_key.into(), max.into());
    }
}

/// A decimal literal of the model as a JSON number: an integer when it is one that fits 64
/// bits, else a float.
fn number_value(literal: &str) -> Value {
    if let Ok(n) = literal.parse::<i64>() {
        return n.into();
    }
    if let Ok(n) = literal.parse::<u64>() {
        return n.into();
    }
    literal
        .parse::<f64>()
        .ok()
        .and_then(serde_json::Number::from_f64)
        .map_or(Value::Null, Value::Number)
}

/// Tokens that `serde_json::json!` (and schemars' `extend`, which uses it) reads back as
/// `value`. Integers outside `i32` carry a suffix, so no literal overflows.
pub fn json_tokens(value: &Value) -> TokenStream {
    match value {
        Value::Null => quote!(null),
        Value::Bool(b) => quote!(#b),
        Value::Number(n) => number_tokens(n),
        Value::String(s) => quote!(#s),
        Value::Array(items) => {
            let items = items.iter().map(json_tokens);
            quote!([#(#items),*])
        }
        Value::Object(map) => {
            let entries = map.iter().map(|(k, v)| {
                let v = json_tokens(v);
                quote!(#k: #v)
            });
            quote!({ #(#entries),* })
        }
    }
}

/// The columns [`json_text`] fills before it breaks an array or object into lines.
const JSON_TEXT_WIDTH: usize = 100;

/// `value` as source text that `serde_json::json!` reads back as `value`, like
/// [`json_tokens`], laid out for pre-formatted code: an array or object stays on one line when
/// it fits [`JSON_TEXT_WIDTH`] columns from `column` (where the value starts), else it has one
/// entry per line, indented 4 columns more than `indent` (the indentation of the line it
/// starts on).
pub fn json_text(value: &Value, indent: usize, column: usize) -> String {
    let inline = json_line(value);
    let entries: Vec<(String, &Value)> = match value {
        Value::Array(items) => items.iter().map(|v| (String::new(), v)).collect(),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| (format!("{}: ", Literal::string(k)), v))
            .collect(),
        _ => return inline,
    };
    if entries.is_empty() || column + inline.len() <= JSON_TEXT_WIDTH {
        return inline;
    }
    let (open, close) = if value.is_array() {
        ('[', ']')
    } else {
        ('{', '}')
    };
    let inner = indent + 4;
    let lines: Vec<String> = entries
        .iter()
        .map(|(key, v)| {
            let text = json_text(v, inner, inner + key.len());
            format!("{:inner$}{key}{text}", "")
        })
        .collect();
    format!("{open}\n{}\n{:indent$}{close}", lines.join(",\n"), "")
}

/// `value` on one line: `{"type": "string", "enum": ["A", "B"]}`.
fn json_line(value: &Value) -> String {
    match value {
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(json_line).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(map) => {
            let entries: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}: {}", Literal::string(k), json_line(v)))
                .collect();
            format!("{{{}}}", entries.join(", "))
        }
        Value::String(s) => Literal::string(s).to_string(),
        Value::Number(n) => number_tokens(n).to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => "null".to_string(),
    }
}

fn number_tokens(number: &serde_json::Number) -> TokenStream {
    let literal = number_literal(number);
    quote!(#literal)
}

/// A JSON number as a literal: `i32`s unsuffixed, other integers suffixed so that
/// `serde_json::json!` keeps them exact, and floats unsuffixed.
fn number_literal(number: &serde_json::Number) -> Literal {
    if let Some(n) = number.as_i64() {
        match i32::try_from(n) {
            Ok(small) => Literal::i32_unsuffixed(small),
            Err(_) => Literal::i64_suffixed(n),
        }
    } else if let Some(n) = number.as_u64() {
        Literal::u64_suffixed(n)
    } else {
        Literal::f64_unsuffixed(number.as_f64().unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_tokens_keep_big_integers_and_strings_exact() {
        let value = serde_json::json!({"a": [1, 3000000000u64, -5, 2.5, "q\"\n"], "b": null});
        let text = json_tokens(&value).to_string();
        assert!(text.contains("3000000000i64"), "{text}");
        assert!(text.contains("2.5"), "{text}");
        assert!(text.contains(r#""q\"\n""#), "{text}");
        assert!(text.contains("null"), "{text}");
    }

    #[test]
    fn json_text_reads_back_as_the_value_and_breaks_long_lines() {
        let short = serde_json::json!({"type": "string", "enum": ["A", "B\"\n"]});
        let text = json_text(&short, 4, 11);
        assert_eq!(text, r#"{"type": "string", "enum": ["A", "B\"\n"]}"#);
        let long = serde_json::json!({
            "description": "d".repeat(90),
            "oneOf": [{"const": "A", "deprecated": true}, {"const": 3000000000u64}],
        });
        let text = json_text(&long, 4, 11);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "{", "{text}");
        assert!(
            lines[1].starts_with("        \"description\": \"ddd"),
            "{text}"
        );
        assert_eq!(
            lines[2],
            r#"        "oneOf": [{"const": "A", "deprecated": true}, {"const": 3000000000i64}]"#
        );
        assert_eq!(lines[3], "    }");
        let tokens: TokenStream = text.parse().expect("lexes");
        assert_eq!(tokens.to_string(), json_tokens(&long).to_string());
    }

    #[test]
    fn number_values_are_integers_when_they_fit() {
        assert_eq!(number_value("12"), Value::from(12));
        assert_eq!(number_value("18446744073709551615"), Value::from(u64::MAX));
        assert_eq!(number_value("1e20"), Value::from(1e20));
        assert_eq!(number_value("-0.5"), Value::from(-0.5));
    }

    #[test]
    fn type_text_is_compact() {
        let ty = quote!(Vec<super::json_schema::EpochSeconds>);
        assert_eq!(type_text(&ty), "Vec<super::json_schema::EpochSeconds>");
        let map = quote!(std::collections::HashMap<String, Option<u8> >);
        assert_eq!(
            type_text(&map),
            "std::collections::HashMap<String, Option<u8>>"
        );
    }
}
