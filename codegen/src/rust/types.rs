//! The `types` emitter: one Rust item per structure, union, enum and intEnum, and a `pub type`
//! alias per named simple shape, with exact wire names: a `structure_serde_impls!` call per
//! structure, serde attributes on unions (and on the structures that keep unknown members in a
//! flattened map). Error structures use the same structure emitter from the `errors` module.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;

use super::docs::{
    doc_attrs, doc_attrs_with, doc_lines_with, doc_tokens, inline_code, to_rustdoc, with_paragraphs,
};
use super::format::verbatim;
use super::naming::field_case;
use super::schemars;
use super::text::{attribute_tokens, ItemText, Meta, INDENT};
use super::typespace::{Module, TypeSpace};
use crate::model::{
    AdditionalMembers, Constraints, EnumValue, IntEnumValue, Member, Scalar, Shape, ShapeKind,
    Union, UnionTagging,
};

/// What `Debug` prints in place of a sensitive value.
pub const REDACTED: &str = "*** Sensitive Data Redacted ***";

/// The `string_enum_impls!` macro that implements each string enum, copied in as written
/// (prettyplease would run a macro's body together into filled lines); only into modules that
/// have a string enum, so it is never unused.
const STRING_ENUM_MACRO: &str = include_str!("runtime/string_enums.rs");

/// The `structure_serde_impls!` macro that implements serde for structures, and the functions
/// its expansions call, copied in as written; only into crates with a structure that uses it.
const STRUCTURE_SERDE_RUNTIME: &str = include_str!("runtime/structure_serde.rs");

/// The items of the `types` module.
pub fn emit(space: &TypeSpace<'_>) -> TokenStream {
    parts(space)
        .iter()
        .map(|part| emit_part(space, part))
        .collect()
}

/// A run of the `types` module that is emitted and formatted apart from the others (see
/// [`parts`]).
pub enum Part<'m> {
    /// The module docs and the enum macro.
    Head,
    /// The items of these shapes.
    Shapes(Vec<&'m Shape>),
    /// What the shapes share after them (the redacting deserializer).
    Tail,
}

/// How many shapes one [`Part::Shapes`] holds: small enough for the parts to spread evenly over
/// the threads, large enough that each is worth a task.
const SHAPES_PER_PART: usize = 48;

/// The `types` module as parts whose items, in order, make the module; each can be emitted and
/// formatted on its own thread.
pub fn parts<'m>(space: &TypeSpace<'m>) -> Vec<Part<'m>> {
    let shapes: Vec<&'m Shape> = space.shapes_in(Module::Types).collect();
    let runs = shapes
        .chunks(SHAPES_PER_PART)
        .map(|run| Part::Shapes(run.to_vec()));
    std::iter::once(Part::Head)
        .chain(runs)
        .chain(std::iter::once(Part::Tail))
        .collect()
}

/// The items of one part.
pub fn emit_part(space: &TypeSpace<'_>, part: &Part<'_>) -> TokenStream {
    match part {
        Part::Head => {
            let enum_macro = has_string_enum(space).then(|| verbatim(STRING_ENUM_MACRO));
            let serde_runtime = any_serde_table(space).then(|| verbatim(STRUCTURE_SERDE_RUNTIME));
            quote! {
                #![doc = " Data types: one per structure, union and enum of the model, and an alias per named simple shape."]
                #enum_macro
                #serde_runtime
            }
        }
        Part::Shapes(shapes) => shapes
            .iter()
            .map(|shape| emit_shape(space, shape))
            .collect(),
        Part::Tail => any_redacted_field(space)
            .then(redacting_deserializer)
            .unwrap_or_default(),
    }
}

/// Whether a structure field holds a sensitive value (or is part of one) that serde reads
/// without an adapter: its
/// serde errors could quote the input, so they are replaced (see [`redacting_deserializer`]).
fn redacts_errors(space: &TypeSpace<'_>, owner: &Shape, member: &Member) -> bool {
    let sensitive = owner.sensitive || space.is_sensitive(member);
    sensitive && space.serde_as(owner, member).is_none()
}

/// Whether a structure that derives serde has a field read by [`redacting_deserializer`].
fn any_redacted_field(space: &TypeSpace<'_>) -> bool {
    structures(space).any(|shape| match &shape.kind {
        ShapeKind::Structure(s) if !has_serde_table(shape) => {
            s.members.iter().any(|m| redacts_errors(space, shape, m))
        }
        _ => false,
    })
}

/// The shapes of the `types` and `errors` modules.
fn structures<'a, 'm>(space: &'a TypeSpace<'m>) -> impl Iterator<Item = &'m Shape> + 'a {
    space
        .shapes_in(Module::Types)
        .chain(space.shapes_in(Module::Errors))
}

/// Whether serde is implemented for `shape` by a `structure_serde_impls!` call: for every
/// structure except those that keep unknown members in a flattened map (serde's derive does
/// that part).
pub fn has_serde_table(shape: &Shape) -> bool {
    matches!(&shape.kind, ShapeKind::Structure(s) if !matches!(s.additional, AdditionalMembers::Map(_)))
}

/// Whether an error structure has a `structure_serde_impls!` call (then the `errors` module
/// imports the macro from `types`).
pub fn errors_use_serde_table(space: &TypeSpace<'_>) -> bool {
    space.shapes_in(Module::Errors).any(has_serde_table)
}

/// Whether any structure of the crate has a `structure_serde_impls!` call.
pub fn any_serde_table(space: &TypeSpace<'_>) -> bool {
    structures(space).any(has_serde_table)
}

/// When a structure field's JSON member may be absent, as serde reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Presence {
    /// Absence is an error.
    Required,
    /// An `Option`, `None` when absent and not written when `None`.
    Optional,
    /// An `Option` without a default: `None` when absent, always written.
    Nullable,
    /// The value of this function when absent.
    Default(String),
}

fn presence(space: &TypeSpace<'_>, owner: &Shape, index: usize, member: &Member) -> Presence {
    let optional = space.is_optional(owner, member);
    if optional && !(member.nullable && member.required) {
        Presence::Optional
    } else if member.default.is_some() {
        Presence::Default(default_fn_name(space, owner, index))
    } else if optional
        && (space.serde_as(owner, member).is_some() || !redacts_errors(space, owner, member))
    {
        Presence::Nullable
    } else {
        Presence::Required
    }
}

/// The serde attribute items of a field: wire name and what absence means (for serde's derive
/// and, with the `schemars` feature, for schemars).
fn serde_field_items(presence: &Presence, wire: &str) -> Vec<Meta> {
    let mut items = vec![Meta::Str("rename", wire.to_string())];
    match presence {
        Presence::Optional => {
            items.push(Meta::Word("default"));
            items.push(Meta::Str("skip_serializing_if", "Option::is_none".into()));
        }
        Presence::Default(function) => items.push(Meta::Str("default", function.clone())),
        Presence::Required | Presence::Nullable => {}
    }
    items
}

/// How many members a structure may have for its serde impl to read into `Self::default()`:
/// the runtime keeps which members it has read in one `u128`.
const MAX_READ_INTO_DEFAULT: usize = 128;

/// The `structure_serde_impls!` call of a structure as formatted text: its name, `, default`
/// when it reads into `Self::default()`, `, deny` when unknown members are an error, then one
/// row per member (see the macro's docs).
fn structure_serde_call(
    space: &TypeSpace<'_>,
    shape: &Shape,
    structure: &crate::model::Structure,
) -> String {
    let name = space.names.type_ident(&shape.id);
    let mut header = name.to_string();
    if space.capabilities(&shape.id).default && structure.members.len() <= MAX_READ_INTO_DEFAULT {
        header.push_str(", default");
    }
    if matches!(structure.additional, AdditionalMembers::Deny) {
        header.push_str(", deny");
    }
    let mut text = format!("structure_serde_impls! {{\n    {header} {{\n");
    for (index, member) in structure.members.iter().enumerate() {
        let field = space.names.field_ident(&shape.id, index);
        let wire = Literal::string(&member.wire_name);
        let presence = match presence(space, shape, index, member) {
            Presence::Required => "required".to_string(),
            Presence::Optional => "optional".to_string(),
            Presence::Nullable => "nullable".to_string(),
            Presence::Default(function) => format!("default({function})"),
        };
        let reading = match space.serde_as_type(shape, member) {
            Some(adapter) => format!(" as({adapter})"),
            None if redacts_errors(space, shape, member) => " redacted".to_string(),
            None => String::new(),
        };
        text.push_str(&format!(
            "        {index} {field} {wire} {presence}{reading};\n"
        ));
    }
    text.push_str("    }\n}\n");
    text
}

/// The function sensitive fields deserialize with: serde's own message for a value of the wrong
/// type quotes it (`invalid type: string "…"`), so it is replaced by one that does not.
fn redacting_deserializer() -> TokenStream {
    let message = "invalid value for a sensitive member (the value is not shown)";
    quote! {
        /// Deserializes a sensitive field; on failure, reports an error that does not quote the
        /// input.
        pub(crate) fn deserialize_redacted<'de, D, T>(deserializer: D) -> Result<T, D::Error>
        where
            D: serde::Deserializer<'de>,
            T: serde::Deserialize<'de>,
        {
            T::deserialize(deserializer)
                .map_err(|_| <D::Error as serde::de::Error>::custom(#message))
        }
    }
}

fn emit_shape(space: &TypeSpace<'_>, shape: &Shape) -> TokenStream {
    match &shape.kind {
        ShapeKind::Structure(_) => emit_structure(space, shape, Module::Types),
        ShapeKind::Union(union) => emit_union(space, shape, union),
        ShapeKind::Enum(values) => emit_enum(space, shape, values),
        ShapeKind::IntEnum(values) => emit_int_enum(space, shape, values),
        _ => emit_alias(space, shape),
    }
}

/// Doc attributes of a shape: its docs, deprecation and constraint notes.
fn shape_docs(shape: &Shape, fallback: String) -> TokenStream {
    doc_tokens(&shape_doc_lines(shape, fallback))
}

/// The lines of [`shape_docs`].
fn shape_doc_lines(shape: &Shape, fallback: String) -> Vec<String> {
    let mut extra = Vec::new();
    if let Some(deprecated) = &shape.deprecated {
        extra.push(deprecation_note(deprecated));
    }
    extra.extend(constraint_notes(&shape.constraints));
    if shape.sensitive {
        extra.push("Sensitive: containing types never print its value in `Debug`.".to_string());
    }
    with_paragraphs(rustdoc_or(shape.docs.as_deref(), &fallback), &extra)
}

/// The rustdoc lines of `docs`, or of `fallback` when they are absent or convert to nothing.
fn rustdoc_or(docs: Option<&str>, fallback: &str) -> Vec<String> {
    match docs.map(to_rustdoc) {
        Some(lines) if !lines.is_empty() => lines,
        _ => to_rustdoc(fallback),
    }
}

fn deprecation_note(deprecated: &crate::model::Deprecation) -> String {
    let mut note = "**Deprecated**".to_string();
    if let Some(since) = &deprecated.since {
        note.push_str(&format!(" since {since}"));
    }
    if let Some(message) = &deprecated.message {
        note.push_str(&format!(": {message}"));
    }
    super::docs::to_rustdoc(&note).join(" ")
}

/// Human-readable notes of what the validators check.
pub fn constraint_notes(constraints: &Constraints) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(length) = constraints.length {
        notes.push(format!("Length: {}.", bounds_text(length.min, length.max)));
    }
    for pattern in &constraints.patterns {
        notes.push(format!("Pattern: {}.", inline_code(pattern)));
    }
    if let Some(range) = &constraints.range {
        let min = range.min.as_ref().map(|b| {
            let op = if b.exclusive { ">" } else { "≥" };
            format!("{op} {}", b.value)
        });
        let max = range.max.as_ref().map(|b| {
            let op = if b.exclusive { "<" } else { "≤" };
            format!("{op} {}", b.value)
        });
        let parts: Vec<String> = min.into_iter().chain(max).collect();
        notes.push(format!("Range: {}.", parts.join(" and ")));
    }
    if constraints.unique_items {
        notes.push("Items must be unique.".to_string());
    }
    notes
}

fn bounds_text(min: Option<u64>, max: Option<u64>) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!("{min} to {max}"),
        (Some(min), None) => format!("at least {min}"),
        (None, Some(max)) => format!("at most {max}"),
        (None, None) => "any".to_string(),
    }
}

fn emit_alias(space: &TypeSpace<'_>, shape: &Shape) -> TokenStream {
    let name = space.names.type_ident(&shape.id);
    let ty = space.inline_type(shape, Module::Types);
    let docs = shape_doc_lines(shape, format!("The `{}` shape.", shape.id.name()));
    if let Some(text) = alias_text(&docs, &name, &ty) {
        return verbatim(&text);
    }
    let docs = doc_tokens(&docs);
    quote! {
        #docs
        pub type #name = #ty;
    }
}

/// A type alias as prettyplease prints it, when [`ItemText::alias`] can write it.
pub fn alias_text(docs: &[String], name: &Ident, ty: &TokenStream) -> Option<String> {
    let mut text = ItemText::new();
    text.doc_lines(0, docs)?;
    text.alias(0, &name.to_string(), ty)?;
    Some(text.finish())
}

/// A structure (also used for error structures, from the `errors` module): its definition,
/// written as text when [`StructureDefinition::text`] can (else as tokens), and its impls.
pub fn emit_structure(space: &TypeSpace<'_>, shape: &Shape, module: Module) -> TokenStream {
    let ShapeKind::Structure(structure) = &shape.kind else {
        return TokenStream::new();
    };
    let definition = StructureDefinition::new(space, shape, module);
    let definition = match definition.text() {
        Some(text) => verbatim(&text),
        None => definition.tokens(),
    };
    let redacts = redacts_debug(space, shape);
    let debug = redacts.then(|| emit_redacting_debug(space, shape, &structure.members));
    let default_impl = (space.capabilities(&shape.id).default && has_defaults(space, shape))
        .then(|| emit_default_impl(space, shape, module));
    let constructor = emit_constructor(space, shape, module);
    let default_fns = emit_default_fns(space, shape, module);
    let serde_impls =
        has_serde_table(shape).then(|| verbatim(&structure_serde_call(space, shape, structure)));
    quote! {
        #definition
        #serde_impls
        #debug
        #default_impl
        #constructor
        #default_fns
    }
}

/// `Clone` and `PartialEq`, and `Eq` and `Hash` where the type has them (never, for
/// structures and unions: see `typespace::RECORD`): the first derives of structures and unions.
fn comparison_derives(space: &TypeSpace<'_>, shape: &Shape) -> Vec<TokenStream> {
    comparison_derive_names(space, shape)
        .into_iter()
        .map(|name| {
            proc_macro2::TokenTree::from(Ident::new(name, proc_macro2::Span::call_site())).into()
        })
        .collect()
}

/// The names of [`comparison_derives`].
fn comparison_derive_names(space: &TypeSpace<'_>, shape: &Shape) -> Vec<&'static str> {
    let caps = space.capabilities(&shape.id);
    let mut derives = vec!["Clone", "PartialEq"];
    if caps.eq {
        derives.push("Eq");
    }
    if caps.hash {
        derives.push("Hash");
    }
    derives
}

/// Whether a structure has a member with a modelled default that is not optional (then
/// `Default` is written by hand).
fn has_defaults(space: &TypeSpace<'_>, shape: &Shape) -> bool {
    let ShapeKind::Structure(structure) = &shape.kind else {
        return false;
    };
    structure
        .members
        .iter()
        .any(|m| m.default.is_some() && !space.is_optional(shape, m))
}

/// Whether a structure's `Debug` is written by hand, to redact sensitive values.
fn redacts_debug(space: &TypeSpace<'_>, shape: &Shape) -> bool {
    let ShapeKind::Structure(structure) = &shape.kind else {
        return false;
    };
    shape.sensitive || structure.members.iter().any(|m| space.is_sensitive(m))
}

/// The definition of a structure (`pub struct … { … }` with its docs and attributes), in
/// parts that render either as tokens or directly as text.
pub struct StructureDefinition {
    docs: Vec<String>,
    /// Its attributes, one per item.
    attrs: Vec<Meta>,
    name: proc_macro2::Ident,
    fields: Vec<FieldDefinition>,
}

/// One field of a [`StructureDefinition`].
struct FieldDefinition {
    docs: Vec<String>,
    /// Its attributes, one per item.
    attrs: Vec<Meta>,
    ident: proc_macro2::Ident,
    ty: TokenStream,
}

impl StructureDefinition {
    /// The definition of `shape` (a structure) in `module`.
    pub fn new(space: &TypeSpace<'_>, shape: &Shape, module: Module) -> Self {
        let name = space.names.type_ident(&shape.id);
        let docs = shape_doc_lines(shape, format!("The `{}` structure.", shape.id.name()));
        let ShapeKind::Structure(structure) = &shape.kind else {
            return Self {
                docs,
                attrs: Vec::new(),
                name,
                fields: Vec::new(),
            };
        };
        let caps = space.capabilities(&shape.id);
        let mut derives = comparison_derive_names(space, shape);
        if caps.default && !has_defaults(space, shape) {
            derives.push("Default");
        }
        if !redacts_debug(space, shape) {
            derives.push("Debug");
        }
        let mut fields: Vec<FieldDefinition> = structure
            .members
            .iter()
            .enumerate()
            .map(|(index, member)| field_definition(space, shape, index, member, module))
            .collect();
        fields.extend(additional_field(space, &structure.additional, module));
        let table = has_serde_table(shape);
        let deny = matches!(structure.additional, AdditionalMembers::Deny);
        let mut attrs = Vec::new();
        if !table {
            let serde_as = structure
                .members
                .iter()
                .any(|m| space.serde_as(shape, m).is_some());
            if serde_as {
                attrs.push(Meta::Word("serde_with::serde_as"));
            }
            derives.extend(["serde::Serialize", "serde::Deserialize"]);
        }
        attrs.push(Meta::List(
            "derive",
            derives.into_iter().map(Meta::Word).collect(),
        ));
        attrs.push(schemars::derive_meta());
        if !table && deny {
            attrs.push(Meta::List("serde", vec![Meta::Word("deny_unknown_fields")]));
        }
        attrs.extend(schemars::container_meta(space, shape, table && deny));
        Self {
            docs,
            attrs,
            name,
            fields,
        }
    }

    /// The definition as tokens.
    pub fn tokens(&self) -> TokenStream {
        let docs = doc_tokens(&self.docs);
        let attrs = self.attrs.iter().map(attribute_tokens);
        let name = &self.name;
        let fields = self.fields.iter().map(|field| {
            let docs = doc_tokens(&field.docs);
            let attrs = field.attrs.iter().map(attribute_tokens);
            let ident = &field.ident;
            let ty = &field.ty;
            quote! {
                #docs
                #(#attrs)*
                pub #ident: #ty,
            }
        });
        quote! {
            #docs
            #(#attrs)*
            pub struct #name {
                #(#fields)*
            }
        }
    }

    /// The definition as prettyplease prints [`Self::tokens`], written directly; `None` when
    /// some part is not one [`ItemText`] prints exactly (then use the tokens).
    pub fn text(&self) -> Option<String> {
        let mut text = ItemText::new();
        text.doc_lines(0, &self.docs)?;
        text.meta_attributes(0, &self.attrs)?;
        if self.fields.is_empty() {
            text.line(0, &format!("pub struct {} {{}}", self.name));
            return Some(text.finish());
        }
        text.line(0, &format!("pub struct {} {{", self.name));
        for field in &self.fields {
            text.doc_lines(INDENT, &field.docs)?;
            text.meta_attributes(INDENT, &field.attrs)?;
            text.field(INDENT, &field.ident.to_string(), &field.ty)?;
        }
        text.line(0, "}");
        Some(text.finish())
    }
}

fn field_definition(
    space: &TypeSpace<'_>,
    owner: &Shape,
    index: usize,
    member: &Member,
    module: Module,
) -> FieldDefinition {
    let ident = space.names.field_ident(&owner.id, index);
    let ty = space.field_type(owner, index, member, module);
    let docs = member_doc_lines(space, member);
    let serde_items = serde_field_items(&presence(space, owner, index, member), &member.wire_name);
    if has_serde_table(owner) {
        let schema_attrs = schemars::field_attrs(space, owner, member, module, serde_items);
        return FieldDefinition {
            docs,
            attrs: schema_attrs.into_iter().collect(),
            ident,
            ty,
        };
    }
    let mut serde_attrs = serde_items;
    if redacts_errors(space, owner, member) {
        let function = match module {
            Module::Types => "deserialize_redacted",
            _ => "super::types::deserialize_redacted",
        };
        serde_attrs.push(Meta::Str("deserialize_with", function.to_string()));
    }
    let mut attrs = vec![Meta::List("serde", serde_attrs)];
    if let Some(adapter) = space.serde_as(owner, member) {
        attrs.push(Meta::List("serde_as", vec![Meta::Str("as", adapter)]));
    }
    attrs.extend(schemars::field_attrs(
        space,
        owner,
        member,
        module,
        Vec::new(),
    ));
    FieldDefinition {
        docs,
        attrs,
        ident,
        ty,
    }
}

fn member_docs(space: &TypeSpace<'_>, member: &Member) -> TokenStream {
    doc_tokens(&member_doc_lines(space, member))
}

fn member_doc_lines(space: &TypeSpace<'_>, member: &Member) -> Vec<String> {
    let mut extra = Vec::new();
    if let Some(deprecated) = &member.deprecated {
        extra.push(deprecation_note(deprecated));
    }
    extra.extend(constraint_notes(&member.constraints));
    if member.required {
        extra.push("Required.".to_string());
    }
    if let Some(default) = &member.default {
        extra.push(format!("Default: {}.", inline_code(&default.to_string())));
    }
    if space.is_sensitive(member) {
        extra.push("Sensitive: `Debug` prints it redacted.".to_string());
    }
    let fallback = format!("The `{}` member.", member.name);
    with_paragraphs(rustdoc_or(member.docs.as_deref(), &fallback), &extra)
}

fn additional_field(
    space: &TypeSpace<'_>,
    additional: &AdditionalMembers,
    module: Module,
) -> Option<FieldDefinition> {
    let AdditionalMembers::Map(target) = additional else {
        return None;
    };
    let value = space.type_path(target, module);
    Some(FieldDefinition {
        docs: vec!["Properties beyond the named members, kept as received.".to_string()],
        attrs: vec![Meta::List("serde", vec![Meta::Word("flatten")])],
        ident: format_ident!("additional_properties"),
        ty: quote!(std::collections::HashMap<String, #value>),
    })
}

fn emit_redacting_debug(space: &TypeSpace<'_>, shape: &Shape, members: &[Member]) -> TokenStream {
    let debug = RedactingDebug::new(space, shape, members);
    match debug.text() {
        Some(text) => verbatim(&text),
        None => debug.tokens(),
    }
}

/// A `Debug` impl that prints sensitive fields as [`REDACTED`], rendered either as tokens or
/// directly as text.
pub struct RedactingDebug {
    name: Ident,
    /// Each field's label, and its name unless the value is redacted.
    fields: Vec<(String, Option<Ident>)>,
}

impl RedactingDebug {
    /// The impl for `shape` (a structure with `members`).
    pub fn new(space: &TypeSpace<'_>, shape: &Shape, members: &[Member]) -> Self {
        let mut fields: Vec<(String, Option<Ident>)> = members
            .iter()
            .enumerate()
            .map(|(index, member)| {
                let ident = space.names.field_ident(&shape.id, index);
                let label = space.names.field_name(&shape.id, index);
                let label = label.trim_start_matches("r#").to_string();
                let redacted = shape.sensitive || space.is_sensitive(member);
                (label, (!redacted).then_some(ident))
            })
            .collect();
        if let ShapeKind::Structure(s) = &shape.kind {
            if matches!(s.additional, AdditionalMembers::Map(_)) {
                let ident = (!shape.sensitive).then(|| format_ident!("additional_properties"));
                fields.push(("additional_properties".to_string(), ident));
            }
        }
        RedactingDebug {
            name: space.names.type_ident(&shape.id),
            fields,
        }
    }

    /// The impl as tokens.
    pub fn tokens(&self) -> TokenStream {
        let name = &self.name;
        let name_text = name.to_string();
        let fields = self.fields.iter().map(|(label, ident)| match ident {
            Some(ident) => quote!(.field(#label, &self.#ident)),
            None => quote!(.field(#label, &#REDACTED)),
        });
        quote! {
            impl std::fmt::Debug for #name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.debug_struct(#name_text)
                        #(#fields)*
                        .finish()
                }
            }
        }
    }

    /// The impl as prettyplease prints it when the method chain is too long for one line (one
    /// call a line); `None` when it would fit, or a line length lies near the margin.
    pub fn text(&self) -> Option<String> {
        let start = format!(
            "f.debug_struct({})",
            Literal::string(&self.name.to_string())
        );
        let calls: Vec<String> = self
            .fields
            .iter()
            .map(|(label, ident)| {
                let value = match ident {
                    Some(ident) => format!("&self.{ident}"),
                    None => format!("&{}", Literal::string(REDACTED)),
                };
                format!(".field({}, {value})", Literal::string(label))
            })
            .chain(std::iter::once(".finish()".to_string()))
            .collect();
        if fits(2 * INDENT, &format!("{start}{}", calls.concat()))? {
            return None;
        }
        let mut text = ItemText::new();
        text.line(0, &format!("impl std::fmt::Debug for {} {{", self.name));
        text.line(
            INDENT,
            "fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {",
        );
        fits(2 * INDENT, &start)?.then_some(())?;
        text.line(2 * INDENT, &start);
        for call in &calls {
            fits(3 * INDENT, call)?.then_some(())?;
            text.line(3 * INDENT, call);
        }
        text.line(INDENT, "}");
        text.line(0, "}");
        Some(text.finish())
    }
}

/// The value expression of a member in `Default` and in `new`: its modelled default, `None`, or
/// the type's default.
fn initial_value(
    space: &TypeSpace<'_>,
    shape: &Shape,
    index: usize,
    member: &Member,
) -> TokenStream {
    if space.is_optional(shape, member) {
        quote!(None)
    } else if member.default.is_some() {
        let function = format_ident!("{}", default_fn_name(space, shape, index));
        quote!(#function())
    } else {
        quote!(Default::default())
    }
}

fn emit_default_impl(space: &TypeSpace<'_>, shape: &Shape, _module: Module) -> TokenStream {
    let ShapeKind::Structure(structure) = &shape.kind else {
        return TokenStream::new();
    };
    let name = space.names.type_ident(&shape.id);
    let fields = structure.members.iter().enumerate().map(|(index, member)| {
        let ident = space.names.field_ident(&shape.id, index);
        let value = initial_value(space, shape, index, member);
        quote!(#ident: #value,)
    });
    let additional = matches!(structure.additional, AdditionalMembers::Map(_))
        .then(|| quote!(additional_properties: Default::default(),));
    quote! {
        impl Default for #name {
            fn default() -> Self {
                Self {
                    #(#fields)*
                    #additional
                }
            }
        }
    }
}

fn emit_constructor(space: &TypeSpace<'_>, shape: &Shape, module: Module) -> TokenStream {
    let Some(constructor) = Constructor::new(space, shape, module) else {
        return TokenStream::new();
    };
    match constructor.text() {
        Some(text) => verbatim(&text),
        None => constructor.tokens(),
    }
}

/// `impl … { pub fn new(…) -> Self }` of a structure with required members, rendered either as
/// tokens or directly as text.
pub struct Constructor {
    name: Ident,
    /// The required members: name and type.
    params: Vec<(Ident, TokenStream)>,
    /// Every member: name, and its value unless it is a parameter.
    fields: Vec<(Ident, Option<TokenStream>)>,
}

impl Constructor {
    /// The constructor of `shape`; `None` when it is not a structure or has no required member.
    pub fn new(space: &TypeSpace<'_>, shape: &Shape, module: Module) -> Option<Self> {
        let ShapeKind::Structure(structure) = &shape.kind else {
            return None;
        };
        let is_param =
            |member: &Member| !space.is_optional(shape, member) && member.default.is_none();
        let members = structure.members.iter().enumerate();
        let params: Vec<(Ident, TokenStream)> = members
            .clone()
            .filter(|(_, member)| is_param(member))
            .map(|(index, member)| {
                let ident = space.names.field_ident(&shape.id, index);
                (ident, space.field_type(shape, index, member, module))
            })
            .collect();
        if params.is_empty() {
            return None;
        }
        let mut fields: Vec<(Ident, Option<TokenStream>)> = members
            .map(|(index, member)| {
                let ident = space.names.field_ident(&shape.id, index);
                let value = (!is_param(member)).then(|| initial_value(space, shape, index, member));
                (ident, value)
            })
            .collect();
        if matches!(structure.additional, AdditionalMembers::Map(_)) {
            let ident = format_ident!("additional_properties");
            fields.push((ident, Some(quote!(Default::default()))));
        }
        let name = space.names.type_ident(&shape.id);
        Some(Constructor {
            name,
            params,
            fields,
        })
    }

    fn doc(&self) -> String {
        format!(
            " Creates a `{}` from its required members; every other member is unset or has its default.",
            self.name
        )
    }

    /// Clippy's limit on arguments is 7.
    fn has_many_params(&self) -> bool {
        self.params.len() > 7
    }

    /// The constructor as tokens.
    pub fn tokens(&self) -> TokenStream {
        let name = &self.name;
        let doc = self.doc();
        let allow = self
            .has_many_params()
            .then(|| quote!(#[allow(clippy::too_many_arguments)]));
        let params = self.params.iter().map(|(ident, ty)| quote!(#ident: #ty));
        let fields = self.fields.iter().map(|(ident, value)| match value {
            Some(value) => quote!(#ident: #value,),
            None => quote!(#ident,),
        });
        quote! {
            impl #name {
                #[doc = #doc]
                #allow
                pub fn new(#(#params),*) -> Self {
                    Self {
                        #(#fields)*
                    }
                }
            }
        }
    }

    /// The constructor as prettyplease prints it, or `None` when a type or value is not plain
    /// (see [`plain_text`]) or a line length lies near one of prettyplease's limits.
    pub fn text(&self) -> Option<String> {
        let params = self
            .params
            .iter()
            .map(|(ident, ty)| Some(format!("{ident}: {}", plain_text(ty)?)))
            .collect::<Option<Vec<String>>>()?;
        let fields = self
            .fields
            .iter()
            .map(|(ident, value)| match value {
                Some(value) => Some(format!("{ident}: {}", plain_text(value)?)),
                None => Some(ident.to_string()),
            })
            .collect::<Option<Vec<String>>>()?;
        let mut text = ItemText::new();
        text.line(0, &format!("impl {} {{", self.name));
        text.line(INDENT, &format!("///{}", self.doc()));
        if self.has_many_params() {
            text.line(INDENT, "#[allow(clippy::too_many_arguments)]");
        }
        write_signature(&mut text, &params)?;
        write_struct_literal(&mut text, 2 * INDENT, &fields)?;
        text.line(INDENT, "}");
        text.line(0, "}");
        Some(text.finish())
    }
}

/// `pub fn new(…) -> Self {` at one indent: on one line when it fits in prettyplease's margin,
/// else one parameter a line.
fn write_signature(text: &mut ItemText, params: &[String]) -> Option<()> {
    let one_line = format!("pub fn new({}) -> Self {{", params.join(", "));
    match fits(INDENT, &one_line)? {
        true => text.line(INDENT, &one_line),
        false => {
            text.line(INDENT, "pub fn new(");
            for param in params {
                fits(2 * INDENT, param)?.then_some(())?;
                text.line(2 * INDENT, &format!("{param},"));
            }
            text.line(INDENT, ") -> Self {");
        }
    }
    Some(())
}

/// `Self { … }` at `indent`: on one line when prettyplease's limit for struct literals (34
/// columns of content) allows, else one field a line.
fn write_struct_literal(text: &mut ItemText, indent: usize, fields: &[String]) -> Option<()> {
    /// prettyplease's `end_with_max_width(34)` for struct literals.
    const STRUCT_LITERAL_WIDTH: usize = 34;
    let inline = fields.join(", ");
    let width = "Self {".len() + 1 + inline.len() + 1;
    if width.abs_diff(STRUCT_LITERAL_WIDTH) <= 2 {
        return None;
    }
    if width < STRUCT_LITERAL_WIDTH {
        fits(indent, &format!("Self {{ {inline} }}"))?.then_some(())?;
        text.line(indent, &format!("Self {{ {inline} }}"));
        return Some(());
    }
    text.line(indent, "Self {");
    for field in fields {
        fits(indent + INDENT, field)?.then_some(())?;
        text.line(indent + INDENT, &format!("{field},"));
    }
    text.line(indent, "}");
    Some(())
}

/// Whether `line` at `indent` fits in prettyplease's margin; `None` when it ends within two
/// columns of it, where the exact rule (what counts up to the next break) would decide.
fn fits(indent: usize, line: &str) -> Option<bool> {
    let end = indent + line.chars().count();
    if end.abs_diff(super::text::MARGIN) <= 2 {
        return None;
    }
    Some(end < super::text::MARGIN)
}

/// The text of a type or value made only of names, `::`, `<`, `>`, `&` and `()` (such as
/// `Option<Vec<String>>` or `Default::default()`), which prettyplease prints without spaces;
/// `None` for anything else.
fn plain_text(tokens: &TokenStream) -> Option<String> {
    let mut text = String::new();
    for tree in tokens.clone() {
        match tree {
            proc_macro2::TokenTree::Ident(ident) => {
                if text.ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                    return None;
                }
                text.push_str(&ident.to_string());
            }
            proc_macro2::TokenTree::Punct(punct) if matches!(punct.as_char(), ':' | '<' | '>') => {
                text.push(punct.as_char());
            }
            proc_macro2::TokenTree::Group(group)
                if group.delimiter() == proc_macro2::Delimiter::Parenthesis
                    && group.stream().is_empty() =>
            {
                text.push_str("()");
            }
            _ => return None,
        }
    }
    Some(text)
}

fn default_fn_name(space: &TypeSpace<'_>, shape: &Shape, index: usize) -> String {
    let owner = field_case(space.names.type_name(&shape.id));
    let field = space
        .names
        .field_name(&shape.id, index)
        .trim_start_matches("r#")
        .to_string();
    format!("default_{}_{}", owner.trim_start_matches("r#"), field)
}

fn emit_default_fns(space: &TypeSpace<'_>, shape: &Shape, module: Module) -> TokenStream {
    let ShapeKind::Structure(structure) = &shape.kind else {
        return TokenStream::new();
    };
    let functions = structure
        .members
        .iter()
        .enumerate()
        .filter_map(|(index, member)| {
            let default = member.default.as_ref()?;
            if space.is_optional(shape, member) {
                return None;
            }
            let function = format_ident!("{}", default_fn_name(space, shape, index));
            let ty = space.type_path(&member.target, module);
            let value = default_expression(space, &member.target, default, module);
            Some(quote! {
                fn #function() -> #ty {
                    #value
                }
            })
        });
    quote!(#(#functions)*)
}

/// A Rust expression for a modelled default value of a shape.
fn default_expression(
    space: &TypeSpace<'_>,
    target: &crate::model::ShapeId,
    value: &Value,
    module: Module,
) -> TokenStream {
    let Some(shape) = space.shape(target) else {
        return quote!(Default::default());
    };
    match (&shape.kind, value) {
        (ShapeKind::Scalar(Scalar::String), Value::String(s)) => quote!(String::from(#s)),
        (ShapeKind::Scalar(Scalar::Boolean), Value::Bool(b)) => quote!(#b),
        (ShapeKind::Scalar(scalar), Value::Number(n)) if is_numeric(*scalar) => {
            number_literal(*scalar, n)
        }
        (ShapeKind::Enum(_), Value::String(s)) => {
            let ty = space.type_path(target, module);
            quote!(#ty::from(#s))
        }
        (ShapeKind::IntEnum(_), Value::Number(n)) => {
            let ty = space.type_path(target, module);
            let literal = n.as_i64().unwrap_or_default();
            let literal = proc_macro2::Literal::i64_unsuffixed(literal);
            quote!(#ty::from(#literal))
        }
        (ShapeKind::Scalar(Scalar::Timestamp), Value::Number(n)) => {
            let seconds =
                proc_macro2::Literal::i64_unsuffixed(n.as_f64().unwrap_or_default() as i64);
            quote!(time::OffsetDateTime::from_unix_timestamp(#seconds).unwrap_or(time::OffsetDateTime::UNIX_EPOCH))
        }
        (ShapeKind::Scalar(Scalar::Blob), Value::String(text)) => {
            let literal = proc_macro2::Literal::byte_string(&blob_default_bytes(text));
            quote!(#literal.to_vec())
        }
        (ShapeKind::Scalar(Scalar::BigInteger | Scalar::BigDecimal), Value::Number(n)) => {
            let text = n.to_string();
            quote!(#text.parse().unwrap_or_default())
        }
        (ShapeKind::Document, Value::Null) => quote!(serde_json::Value::Null),
        (ShapeKind::Document, other) => {
            let text = other.to_string();
            quote!(serde_json::from_str(#text).unwrap_or(serde_json::Value::Null))
        }
        _ => quote!(Default::default()),
    }
}

/// The bytes of a blob's default: Smithy writes it in base64; text that is not base64 is taken
/// as its own bytes.
fn blob_default_bytes(text: &str) -> Vec<u8> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .unwrap_or_else(|_| text.as_bytes().to_vec())
}

fn is_numeric(scalar: Scalar) -> bool {
    matches!(
        scalar,
        Scalar::Byte
            | Scalar::Short
            | Scalar::Integer
            | Scalar::Long
            | Scalar::Float
            | Scalar::Double
    )
}

fn number_literal(scalar: Scalar, number: &serde_json::Number) -> TokenStream {
    match scalar {
        Scalar::Float | Scalar::Double => {
            let value = number.as_f64().unwrap_or_default();
            let literal = proc_macro2::Literal::f64_unsuffixed(value);
            quote!(#literal)
        }
        _ => {
            let literal = proc_macro2::Literal::i64_unsuffixed(number.as_i64().unwrap_or_default());
            quote!(#literal)
        }
    }
}

fn emit_union(space: &TypeSpace<'_>, shape: &Shape, union: &Union) -> TokenStream {
    let name = space.names.type_ident(&shape.id);
    let docs = shape_docs(
        shape,
        format!(
            "The `{}` union: exactly one of its variants.",
            shape.id.name()
        ),
    );
    let mut derives = comparison_derives(space, shape);
    if !shape.sensitive {
        derives.push(quote!(Debug));
    }
    // Smithy's encoding is read by hand (see `emit_union_deserialize`); the others by serde.
    let (deserialize_derive, deserialize_impl) = match &union.tagging {
        UnionTagging::External => (None, Some(emit_union_deserialize(space, shape, union))),
        _ => (Some(quote!(serde::Deserialize)), None),
    };
    let tagging = match &union.tagging {
        UnionTagging::External => TokenStream::new(),
        UnionTagging::Internal { tag } => quote!(#[serde(tag = #tag)]),
        UnionTagging::Adjacent { tag, content } => quote!(#[serde(tag = #tag, content = #content)]),
        UnionTagging::Untagged => quote!(#[serde(untagged)]),
    };
    let variants: Vec<TokenStream> = union
        .members
        .iter()
        .enumerate()
        .map(|(index, member)| emit_variant(space, shape, index, member))
        .collect();
    let serde_as = union
        .members
        .iter()
        .any(|m| space.serde_as(shape, m).is_some())
        .then(|| quote!(#[serde_with::serde_as]));
    let debug = shape.sensitive.then(|| {
        let text = format!("{name}({REDACTED})");
        quote! {
            impl std::fmt::Debug for #name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str(#text)
                }
            }
        }
    });
    let schema_derive = schemars::derive();
    let schema_attrs = schemars::container_attrs(space, shape, false);
    quote! {
        #docs
        #serde_as
        #[derive(#(#derives,)* serde::Serialize, #deserialize_derive)]
        #schema_derive
        #tagging
        #schema_attrs
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variants)*
        }
        #debug
        #deserialize_impl
    }
}

/// `Deserialize` for a union in Smithy's encoding, `{"<member>": value}`. Unlike serde's
/// externally tagged enums it follows the JSON protocols: a `__type` member is ignored, and so
/// are members whose value is `null`; exactly one member must remain.
fn emit_union_deserialize(space: &TypeSpace<'_>, shape: &Shape, union: &Union) -> TokenStream {
    let name = space.names.type_ident(&shape.id);
    let shape_name = shape.id.name();
    let expecting = format!("an object setting one member of union `{shape_name}`");
    let none_set = format!("no member of union `{shape_name}` is set");
    let many_set = format!("more than one member of union `{shape_name}` is set");
    let wires: Vec<&str> = union.members.iter().map(|m| m.wire_name.as_str()).collect();
    let arms = union.members.iter().enumerate().map(|(index, member)| {
        let variant = space.names.variant_ident(&shape.id, index);
        let wire = &member.wire_name;
        if member.target.is_prelude() && member.target.name() == "Unit" {
            return quote! {
                #wire => map
                    .next_value::<Option<serde::de::IgnoredAny>>()?
                    .map(|_| #name::#variant {}),
            };
        }
        let ty = space.field_type(shape, index, member, Module::Types);
        let adapter = space
            .serde_as(shape, member)
            .map(|text| text.replace("<_,", "<serde_with::Same,"))
            .and_then(|text| syn::parse_str::<syn::Type>(&text).ok());
        match adapter {
            Some(adapter) => quote! {
                #wire => map
                    .next_value::<Option<serde_with::de::DeserializeAsWrap<#ty, #adapter>>>()?
                    .map(|value| #name::#variant(value.into_inner())),
            },
            None => quote! {
                #wire => map.next_value::<Option<#ty>>()?.map(#name::#variant),
            },
        }
    });
    quote! {
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct UnionVisitor;

                impl<'de> serde::de::Visitor<'de> for UnionVisitor {
                    type Value = #name;

                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(#expecting)
                    }

                    fn visit_map<A: serde::de::MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> Result<Self::Value, A::Error> {
                        use serde::de::Error;
                        const MEMBERS: &[&str] = &[#(#wires),*];
                        let mut found = None;
                        while let Some(key) = map.next_key::<String>()? {
                            let value = match key.as_str() {
                                #(#arms)*
                                "__type" => {
                                    map.next_value::<serde::de::IgnoredAny>()?;
                                    None
                                }
                                other => return Err(A::Error::unknown_variant(other, MEMBERS)),
                            };
                            if value.is_some() {
                                if found.is_some() {
                                    return Err(A::Error::custom(#many_set));
                                }
                                found = value;
                            }
                        }
                        found.ok_or_else(|| A::Error::custom(#none_set))
                    }
                }

                deserializer.deserialize_map(UnionVisitor)
            }
        }
    }
}

fn emit_variant(
    space: &TypeSpace<'_>,
    shape: &Shape,
    index: usize,
    member: &Member,
) -> TokenStream {
    let ident = space.names.variant_ident(&shape.id, index);
    let docs = member_docs(space, member);
    let wire = &member.wire_name;
    let schema_attrs = schemars::variant_attrs(space, member);
    if member.target.is_prelude() && member.target.name() == "Unit" {
        return quote! {
            #docs
            #[serde(rename = #wire)]
            #schema_attrs
            #ident {},
        };
    }
    let ty = space.field_type(shape, index, member, Module::Types);
    let serde_as = space
        .serde_as(shape, member)
        .map(|adapter| quote!(#[serde_as(as = #adapter)]));
    let value_attrs = schemars::variant_field_attrs(space, shape, member, Module::Types);
    quote! {
        #docs
        #[serde(rename = #wire)]
        #schema_attrs
        #ident(#serde_as #value_attrs #ty),
    }
}

/// A string enum: the enum, then a call of the runtime's `string_enum_impls!` that implements
/// it (see [`string_enum_call`]).
fn emit_enum(space: &TypeSpace<'_>, shape: &Shape, values: &[EnumValue]) -> TokenStream {
    let variants: Vec<Ident> = (0..values.len())
        .map(|i| space.names.variant_ident(&shape.id, i))
        .collect();
    let definition = EnumDefinition::new(space, shape, &variants, values);
    let definition = match definition.text() {
        Some(text) => verbatim(&text),
        None => definition.tokens(),
    };
    let impls = verbatim(&string_enum_call(space, shape, &variants, values));
    quote! {
        #definition
        #impls
    }
}

/// The definition of a string enum (`pub enum … { … }` with its docs, one variant per value
/// and `Unknown(String)`), rendered either as tokens or directly as text.
pub struct EnumDefinition {
    docs: Vec<String>,
    derives: TokenStream,
    name: Ident,
    variants: Vec<(Ident, Vec<String>)>,
}

impl EnumDefinition {
    /// The definition of `shape`, a string enum of `values` whose variants are named `variants`.
    pub fn new(
        space: &TypeSpace<'_>,
        shape: &Shape,
        variants: &[Ident],
        values: &[EnumValue],
    ) -> Self {
        let variant_docs = values.iter().map(|v| {
            let mut extra = vec![format!("Wire value: {}.", inline_code(&v.value))];
            if let Some(deprecated) = &v.deprecated {
                extra.push(deprecation_note(deprecated));
            }
            doc_lines_with(v.docs.as_deref(), &extra)
        });
        let derive_debug = (!shape.sensitive).then(|| quote!(Debug,));
        EnumDefinition {
            docs: shape_doc_lines(shape, format!("The `{}` enum.", shape.id.name())),
            derives: quote!(#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, #derive_debug)]),
            name: space.names.type_ident(&shape.id),
            variants: variants.iter().cloned().zip(variant_docs).collect(),
        }
    }

    /// The definition as tokens.
    pub fn tokens(&self) -> TokenStream {
        let docs = doc_tokens(&self.docs);
        let derives = &self.derives;
        let name = &self.name;
        let variants = self.variants.iter().map(|(variant, docs)| {
            let docs = doc_tokens(docs);
            quote!(#docs #variant,)
        });
        quote! {
            #docs
            #derives
            pub enum #name {
                #(#variants)*
                /// A value this version of the crate does not know, kept as received.
                Unknown(String),
            }
        }
    }

    /// The definition as prettyplease prints it, or `None` when a part cannot be written as
    /// text (see [`super::text`]).
    pub fn text(&self) -> Option<String> {
        let mut text = ItemText::new();
        text.doc_lines(0, &self.docs)?;
        text.attributes(0, &self.derives)?;
        text.line(0, &format!("pub enum {} {{", self.name));
        for (variant, docs) in &self.variants {
            text.doc_lines(INDENT, docs)?;
            text.line(INDENT, &format!("{variant},"));
        }
        let unknown = "A value this version of the crate does not know, kept as received.";
        text.doc_lines(INDENT, &[unknown.to_string()])?;
        text.line(INDENT, "Unknown(String),");
        text.line(0, "}");
        Some(text.finish())
    }
}

/// The `string_enum_impls!` call of a string enum as formatted text: the enum's name, its
/// schema name when that differs (`as "..."`), `, sensitive` for a redacting `Debug`, one row
/// `Variant = "wire",` per value, then what the macro needs for the JSON Schema: nothing, or
/// `description "..."`, when it is the plain one (see [`schemars::plain_enum_schema`]), else
/// the whole `schema { ... }`.
fn string_enum_call(
    space: &TypeSpace<'_>,
    shape: &Shape,
    variants: &[Ident],
    values: &[EnumValue],
) -> String {
    let name = space.names.type_ident(&shape.id);
    let mut text = format!("string_enum_impls! {{\n    {name}");
    let schema_name = shape.id.name();
    if name != schema_name {
        text.push_str(&format!(" as {}", Literal::string(schema_name)));
    }
    if shape.sensitive {
        text.push_str(", sensitive");
    }
    text.push_str(" {\n");
    for (variant, value) in variants.iter().zip(values) {
        let wire = Literal::string(&value.value);
        text.push_str(&format!("        {variant} = {wire},\n"));
    }
    text.push_str("    }\n");
    text.push_str(&schema_clause(shape, values));
    text.push_str("}\n");
    text
}

/// The line(s) of a `string_enum_impls!` call after its rows that let the macro write the enum's
/// JSON Schema: none for the plain schema, `description "..."` for the plain one with the
/// shape's docs, else `schema { ... }` with the whole schema.
fn schema_clause(shape: &Shape, values: &[EnumValue]) -> String {
    let schema = schemars::enum_schema(shape, values);
    if schema == schemars::plain_enum_schema(values, None) {
        return String::new();
    }
    let description = schema.get("description").and_then(Value::as_str);
    match description {
        Some(text) if schema == schemars::plain_enum_schema(values, description) => {
            format!("    description {}\n", Literal::string(text))
        }
        _ => format!("    schema {}\n", schemars::json_text(&schema, 4, 11)),
    }
}

/// Whether the module has a string enum, so needs the `string_enum_impls!` macro.
fn has_string_enum(space: &TypeSpace<'_>) -> bool {
    space
        .shapes_in(Module::Types)
        .any(|shape| matches!(shape.kind, ShapeKind::Enum(_)))
}

fn emit_int_enum(space: &TypeSpace<'_>, shape: &Shape, values: &[IntEnumValue]) -> TokenStream {
    let name = space.names.type_ident(&shape.id);
    let docs = shape_docs(shape, format!("The `{}` integer enum.", shape.id.name()));
    let wide = values.iter().any(|v| i32::try_from(v.value).is_err());
    let int = if wide { quote!(i64) } else { quote!(i32) };
    let variants: Vec<_> = (0..values.len())
        .map(|i| space.names.variant_ident(&shape.id, i))
        .collect();
    let literals: Vec<_> = values
        .iter()
        .map(|v| proc_macro2::Literal::i64_unsuffixed(v.value))
        .collect();
    let variant_docs = values.iter().map(|v| {
        let mut extra = vec![format!("Wire value: `{}`.", v.value)];
        if let Some(deprecated) = &v.deprecated {
            extra.push(deprecation_note(deprecated));
        }
        doc_attrs_with(v.docs.as_deref(), &extra)
    });
    let json_schema = schemars::int_enum_impl(space, shape, values, wide);
    quote! {
        #docs
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
        pub enum #name {
            #(#variant_docs #variants,)*
            /// A value this version of the crate does not know, kept as received.
            Unknown(#int),
        }

        impl #name {
            /// Every value the model defines, in model order.
            pub const VALUES: &'static [#int] = &[#(#literals),*];

            /// The value as written on the wire.
            pub const fn value(self) -> #int {
                match self {
                    #(Self::#variants => #literals,)*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl From<#int> for #name {
            fn from(value: #int) -> Self {
                match value {
                    #(#literals => Self::#variants,)*
                    other => Self::Unknown(other),
                }
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.value())
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serde::Serialize::serialize(&self.value(), serializer)
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <#int as serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }

        #json_schema
    }
}

/// Docs of a structure member for other emitters (errors reuse it).
pub fn member_doc_attrs(space: &TypeSpace<'_>, member: &Member) -> TokenStream {
    member_docs(space, member)
}

/// Docs of a shape with a fallback sentence.
pub fn shape_doc_attrs(shape: &Shape, fallback: &str) -> TokenStream {
    shape_docs(shape, fallback.to_string())
}

/// The docs of an item that has none in the model.
pub fn plain_docs(text: &str) -> TokenStream {
    doc_attrs(Some(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Model, Scalar, ShapeId, ShapeRole, Structure};
    use crate::Options;

    fn input_with_default() -> Model {
        let integer = ShapeId::new("smithy.api", "Integer");
        let mut model = Model::default();
        model.shapes.insert(
            integer.clone(),
            Shape::new(integer.clone(), ShapeKind::Scalar(Scalar::Integer)),
        );
        let mut member = Member::new("PageSize", integer);
        member.default = Some(serde_json::json!(25));
        let id = ShapeId::new("ns", "ListInput");
        let mut shape = Shape::new(
            id.clone(),
            ShapeKind::Structure(Structure {
                members: vec![member],
                ..Default::default()
            }),
        );
        shape.role = ShapeRole::Input;
        model.shapes.insert(id, shape);
        model
    }

    fn enum_value(value: &str, docs: Option<&str>) -> EnumValue {
        EnumValue {
            name: value.to_string(),
            value: value.to_string(),
            docs: docs.map(str::to_string),
            deprecated: None,
            internal: false,
        }
    }

    fn model_with_enum(name: &str, values: Vec<EnumValue>, edit: impl FnOnce(&mut Shape)) -> Model {
        let id = ShapeId::new("ns", name);
        let mut shape = Shape::new(id.clone(), ShapeKind::Enum(values));
        edit(&mut shape);
        let mut model = Model::default();
        model.shapes.insert(id, shape);
        model
    }

    fn types_source(model: &Model) -> String {
        let options = Options::default();
        let space = TypeSpace::new(model, &options);
        super::super::format::format_tokens("types", emit(&space)).expect("formats")
    }

    /// The `string_enum_impls!` call of the module's one enum.
    fn enum_call(model: &Model) -> String {
        let source = types_source(model);
        let start = source.find("\nstring_enum_impls! {").expect("a call") + 1;
        let end = source[start..].find("\n}\n").expect("its end") + start + 3;
        source[start..end].to_string()
    }

    #[test]
    fn a_plain_enum_is_one_row_per_value_and_the_macro_is_defined_once() {
        let model = model_with_enum(
            "Mode",
            vec![enum_value("fast", None), enum_value("a\"b", None)],
            |_| {},
        );
        let source = types_source(&model);
        assert_eq!(source.matches("macro_rules! string_enum_impls").count(), 1);
        assert!(
            source.find("macro_rules!") < source.find("pub enum Mode"),
            "{source}"
        );
        assert!(source.contains("#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]"));
        assert_eq!(
            enum_call(&model),
            "string_enum_impls! {\n    Mode {\n        Fast = \"fast\",\n        AB = \"a\\\"b\",\n    }\n}\n"
        );
    }

    #[test]
    fn a_module_without_string_enums_has_no_macro() {
        let model = input_with_default();
        assert!(!types_source(&model).contains("string_enum_impls"));
    }

    #[test]
    fn a_documented_enum_gives_its_description() {
        let model = model_with_enum("Mode", vec![enum_value("fast", None)], |shape| {
            shape.docs = Some("How \"fast\".".to_string());
        });
        let call = enum_call(&model);
        assert!(
            call.ends_with("    }\n    description \"How \\\"fast\\\".\"\n}\n"),
            "{call}"
        );
    }

    #[test]
    fn a_sensitive_renamed_enum_with_value_docs_spells_out_its_schema() {
        let values = vec![enum_value("a", Some("The A.")), enum_value("b", None)];
        let model = model_with_enum("MODE", values, |shape| shape.sensitive = true);
        let source = types_source(&model);
        assert!(source.contains("#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]"));
        let call = enum_call(&model);
        assert!(
            call.starts_with("string_enum_impls! {\n    Mode as \"MODE\", sensitive {\n"),
            "{call}"
        );
        let schema = call.split_once("    schema ").expect("a schema").1;
        let schema = schema.trim_end().trim_end_matches('}');
        let tokens: TokenStream = schema.parse().expect("lexes");
        let shape = model.shape(&ShapeId::new("ns", "MODE")).expect("the enum");
        let ShapeKind::Enum(values) = &shape.kind else {
            panic!("not an enum");
        };
        let expected = schemars::enum_schema(shape, values);
        assert_eq!(
            tokens.to_string(),
            schemars::json_tokens(&expected).to_string()
        );
        assert_eq!(expected["format"], "password");
    }

    #[test]
    fn the_macro_redacts_with_the_same_text_as_structures() {
        assert!(STRING_ENUM_MACRO.contains(&format!("\"({REDACTED})\"")));
    }

    #[test]
    fn defaults_make_a_written_default_impl_unless_the_member_is_optional() {
        let model = input_with_default();
        let shape = model.shape(&ShapeId::new("ns", "ListInput")).unwrap();

        let options = Options::default();
        let space = TypeSpace::new(&model, &options);
        let code = emit_structure(&space, shape, Module::Types).to_string();
        assert!(code.contains("impl Default for ListInput"), "{code}");
        assert!(code.contains("fn default_list_input_page_size"), "{code}");

        let options = Options {
            optional_input_members: true,
            ..Options::default()
        };
        let space = TypeSpace::new(&model, &options);
        let code = emit_structure(&space, shape, Module::Types).to_string();
        assert!(
            !code.contains("impl Default for"),
            "derived instead: {code}"
        );
        let definition = StructureDefinition::new(&space, shape, Module::Types)
            .tokens()
            .to_string();
        assert!(definition.contains("Default ,"), "{definition}");
        assert!(
            !code.contains("fn default_list_input_page_size"),
            "unused: {code}"
        );
    }
}
