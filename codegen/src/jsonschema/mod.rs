//! The JSON Schema / OpenAPI front end: documents → `$ref`s and `allOf` resolved → the resolved
//! [`crate::model::Model`], the same model the Smithy front end produces.
//!
//! # Inputs
//! JSON Schema 2020-12 and 2019-09 (`$defs`), draft-07 (`definitions`, array `items`), and
//! OpenAPI 3.0 and 3.1, as JSON or YAML (YAML through `serde_norway`, the maintained fork of
//! `serde_yaml` that supports the workspace's Rust 1.80). All inputs of one run are resolved
//! together ([`document`]); files that relative `$ref`s name are read too; nothing is fetched
//! from the network.
//!
//! # What becomes a shape
//! - each JSON Schema input's root schema (unless it is only a container of `$defs`), named by
//!   its `title`, else its file name;
//! - every `$defs`/`definitions` entry of a JSON Schema input and every `components/schemas`
//!   entry of an OpenAPI input, named by its key;
//! - whatever those reach: referenced schemas, and inline objects, arrays, enums and unions
//!   (named after their parent, see [`names`]). Inline plain scalars target the shared
//!   `smithy.api#String`, `#Long`, ... shapes with their constraints on the member.
//!
//! A definition that is nothing but a `$ref` is an alias: it makes no shape, references to it
//! reach its target. A cycle of such aliases (or of `allOf`s) is an error; a cycle through a
//! property, item or branch is an ordinary recursive type.
//!
//! All shapes live in one namespace, [`NAMESPACE`] (`schema#ClientIdType`); operations too.
//!
//! # References between split files (the title index)
//! A same-document reference `#/components/schemas/X`, `#/$defs/X` or `#/definitions/X` that
//! does not exist in its own document resolves to the first definition named `X` among all
//! documents, in command-line order: a JSON Schema document whose root `title` is `X`, or an
//! entry `X` of `$defs`, `definitions` or `components/schemas`. This is how a directory of
//! one-type-per-file schemas, written as if they were still inside an OpenAPI document, resolves.
//! Any other unresolvable `$ref` is an error naming the file and the JSON pointer of the `$ref`
//! itself; all of them are reported in one run. With
//! [`Options::allow_unresolved_refs`](crate::Options) each becomes a warning instead, and the
//! schema accepts any JSON value (`smithy.api#Document`).
//!
//! # Duplicate names
//! Two shapes that want the same name (the same type defined in two inputs, or two inline
//! schemas whose derived names collide) are one shape when they are the same type once lowered,
//! documentation aside; otherwise the first in command-line order keeps the name and the others
//! get numeric suffixes with a warning naming both (see [`names`]).
//!
//! # Mapping
//! | schema | model |
//! | --- | --- |
//! | `type: object` with `properties` | structure; `required` → `Member::required` |
//! | `additionalProperties: false` / `unevaluatedProperties: false` | `AdditionalMembers::Deny` |
//! | `additionalProperties: {schema}` / `true` | `AdditionalMembers::Map`, or a map shape when there are no properties |
//! | one `patternProperties` entry and no properties | map whose key carries the pattern |
//! | `propertyNames` of a map | the key's constraints; a `$ref` to a named string schema makes the key target that shape |
//! | string `enum`; `oneOf`/`anyOf` of string `const`s | enum (branch descriptions become value docs) |
//! | integer `enum` | intEnum; other `enum`s are `allowed_values` constraints |
//! | `const` | `const_value` constraint |
//! | `anyOf`/`oneOf` | union: `Internal` tagging with an OpenAPI `discriminator` or when every branch fixes one property to a distinct string, else `Untagged`; `{"type": "null"}` branches make the member nullable |
//! | `type: [T, "null"]`, `nullable: true` | `Member::nullable` |
//! | `type: [A, B]` | untagged union with one member per type |
//! | `items` | list; `uniqueItems`, `minItems`/`maxItems` → constraints |
//! | `prefixItems` (or draft-07 array `items`) | list whose member is the target every position shares, else a document; `items: false` caps the length at the number of positions |
//! | `format: date-time` | timestamp (`DateTime`); `byte`/`binary` → blob; `int32` → integer; `int64` → long; `float` → float; `double` → double; others stay strings |
//! | `integer` / `number` | long / double |
//! | `format: password`, `x-sensitive: true` | sensitive (shape, or member when written at the member) |
//! | `default`, `deprecated: true`, `description` (else `title`) | member/shape default, deprecation, docs |
//! | no `type` and no structure | document (any JSON value) |
//! | `readOnly`/`writeOnly` | no effect: such properties are ordinary members in both directions |
//! | `not`, `if`/`then`/`else`, `contains`, `dependent*` | ignored, with a warning |
//!
//! At a member, `{"allOf": [{"$ref": "#/…/X"}, {"description": "…"}]}` (or a `$ref` with
//! siblings) targets the shape `X` itself; the description becomes `Member::docs`, and
//! constraints written beside the `$ref` become `Member::constraints` (intersected with the
//! target's, so they only narrow). OpenAPI 3.0's rule that siblings of `$ref` are ignored is not
//! applied: real documents put descriptions there.
//!
//! Operations come from OpenAPI `paths` ([`openapi`]).

mod allof;
mod document;
mod keywords;
mod lower;
pub(crate) mod names;
mod openapi;
pub mod pointer;
mod refs;

#[cfg(test)]
mod tests;

use std::collections::BTreeSet;

use serde_json::Value;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::input::Source;
use crate::model::{Model, Scalar, Shape, ShapeId, ShapeKind};
use crate::{Loaded, Options};

use allof::Flattener;
use document::{DocKind, Loc, Store};
use lower::Lowerer;
use names::{Entry, Reconciled};

/// The namespace of every shape and operation this front end produces.
pub const NAMESPACE: &str = "schema";

/// Keywords that do not make a document's root a schema of its own.
const CONTAINER_KEYWORDS: &[&str] = &[
    "$schema",
    "$id",
    "$defs",
    "definitions",
    "title",
    "description",
    "$comment",
    "$vocabulary",
    "$anchor",
    "examples",
];

/// Parses one JSON or YAML document as this front end reads it (YAML merge keys applied,
/// numeric mapping keys as text), for tools that walk the inputs themselves.
pub fn parse_document(path: &std::path::Path, text: &str) -> Result<Value, Diagnostic> {
    document::parse_text(&path.display().to_string(), path, text).map(|(value, _)| value)
}

/// Parses and resolves JSON Schema and OpenAPI sources into one model.
pub fn load(sources: &[&Source], options: &Options) -> Result<Loaded, Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    let store = Store::load(sources, &mut diagnostics);
    let flattener = Flattener::new(&store, &mut diagnostics, options.allow_unresolved_refs);
    let mut lowerer = Lowerer::new(flattener);
    let mut operations = openapi::Operations::default();
    for doc in 0..store.docs.len() {
        if store.docs[doc].is_input {
            request_definitions(&mut lowerer, &store, doc);
        }
    }
    for doc in 0..store.docs.len() {
        if store.docs[doc].is_input && store.docs[doc].kind == DocKind::OpenApi {
            operations.collect(&mut lowerer, doc);
        }
    }
    lowerer.run();
    operations.mark_errors(&mut lowerer);
    lowerer.flattener.report_unresolved();
    let entries = lowerer.into_entries();
    let reconciled = names::reconcile(&store, &entries);
    for warning in &reconciled.warnings {
        diagnostics.push(warning.clone());
    }
    let model = build_model(&entries, &reconciled, operations, &mut diagnostics, &store);
    if diagnostics.has_errors() {
        return Err(diagnostics.normalized());
    }
    Ok(Loaded {
        model,
        warnings: diagnostics.normalized(),
    })
}

/// Requests the shapes a document defines (see the module docs).
fn request_definitions(lowerer: &mut Lowerer, store: &Store, doc: usize) {
    let root = &store.docs[doc].root;
    let kind = store.docs[doc].kind;
    if kind == DocKind::JsonSchema && is_schema(root) {
        lowerer.request_definition(&Loc::new(doc, ""));
    }
    let containers: &[&str] = match kind {
        DocKind::JsonSchema => &["/$defs", "/definitions"],
        DocKind::OpenApi => &["/components/schemas"],
    };
    for container in containers {
        let Some(Value::Object(entries)) = store.docs[doc].get(container) else {
            continue;
        };
        for name in entries.keys() {
            lowerer.request_definition(&Loc::new(doc, *container).child(name));
        }
    }
}

/// Whether a root is a schema of its own rather than only a container of definitions (or a
/// Swagger 2.0 document, whose `definitions` are read like JSON Schema ones).
fn is_schema(root: &Value) -> bool {
    match root {
        Value::Object(map) if map.contains_key("swagger") => false,
        Value::Object(map) => map
            .keys()
            .any(|k| !CONTAINER_KEYWORDS.contains(&k.as_str())),
        Value::Bool(_) => true,
        _ => false,
    }
}

/// Gives entries their final ids and assembles the model.
fn build_model(
    entries: &[Entry],
    reconciled: &Reconciled,
    operations: openapi::Operations,
    diagnostics: &mut Diagnostics,
    store: &Store,
) -> Model {
    let final_id = |id: &ShapeId| match names::placeholder_index(id) {
        Some(i) => ShapeId::new(NAMESPACE, &reconciled.classes[reconciled.class_of[i]].0),
        None => id.clone(),
    };
    let mut model = Model::default();
    for (name, members) in &reconciled.classes {
        let Some(first) = members.first() else {
            continue;
        };
        let mut shape = entries[*first].shape.clone();
        if shape.docs.is_none() {
            shape.docs = members.iter().find_map(|m| entries[*m].shape.docs.clone());
        }
        shape.id = ShapeId::new(NAMESPACE, name);
        names::map_targets(&mut shape, &final_id);
        model.shapes.insert(shape.id.clone(), shape);
    }
    for (_, mut operation, at) in operations.operations {
        operation.input = operation.input.as_ref().map(final_id);
        operation.output = operation.output.as_ref().map(final_id);
        operation.errors = operation.errors.iter().map(final_id).collect();
        if model.operations.contains_key(&operation.id) {
            let message = format!("operation `{}` is defined twice", operation.id.name());
            diagnostics.push(store.error(&at, message));
            continue;
        }
        model.operations.insert(operation.id.clone(), operation);
    }
    add_prelude_shapes(&mut model);
    model
}

/// Adds the `smithy.api` shapes that something targets.
fn add_prelude_shapes(model: &mut Model) {
    let mut used = BTreeSet::new();
    for shape in model.shapes.values() {
        used.extend(
            crate::model::select::referenced_shapes(&shape.kind)
                .into_iter()
                .filter(ShapeId::is_prelude),
        );
    }
    for operation in model.operations.values() {
        let ids = operation.input.iter().chain(&operation.output);
        used.extend(ids.filter(|id| id.is_prelude()).cloned());
    }
    for id in used {
        let kind = prelude_kind(id.name());
        model.shapes.insert(id.clone(), Shape::new(id, kind));
    }
}

fn prelude_kind(name: &str) -> ShapeKind {
    let scalar = match name {
        "String" => Scalar::String,
        "Boolean" => Scalar::Boolean,
        "Byte" => Scalar::Byte,
        "Short" => Scalar::Short,
        "Integer" => Scalar::Integer,
        "Long" => Scalar::Long,
        "Float" => Scalar::Float,
        "Double" => Scalar::Double,
        "BigInteger" => Scalar::BigInteger,
        "BigDecimal" => Scalar::BigDecimal,
        "Timestamp" => Scalar::Timestamp,
        "Blob" => Scalar::Blob,
        _ => return ShapeKind::Document,
    };
    ShapeKind::Scalar(scalar)
}
