//! Tests of the JSON Schema front end: small inline fixtures per feature; the shared corpus is
//! in [`corpus`].

mod corpus;

use std::path::{Path, PathBuf};

use serde_json::json;

use super::load;
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::input::{detect_format, Source};
use crate::model::{
    AdditionalMembers, Fault, Member, Model, Scalar, Shape, ShapeId, ShapeKind, TimestampFormat,
    UnionTagging,
};
use crate::{Loaded, Options};

fn source(name: &str, text: &str) -> Source {
    Source {
        path: PathBuf::from(name),
        text: text.to_string(),
        format: detect_format(Path::new(name), text),
    }
}

fn load_with(files: &[(&str, &str)], options: &Options) -> Result<Loaded, Diagnostics> {
    let sources: Vec<Source> = files.iter().map(|(n, t)| source(n, t)).collect();
    let refs: Vec<&Source> = sources.iter().collect();
    load(&refs, options)
}

fn model_of(files: &[(&str, &str)]) -> Model {
    match load_with(files, &Options::default()) {
        Ok(loaded) => loaded.model,
        Err(errors) => panic!("unexpected errors:\n{errors}"),
    }
}

fn errors_of(files: &[(&str, &str)]) -> Vec<Diagnostic> {
    match load_with(files, &Options::default()) {
        Ok(loaded) => panic!(
            "expected errors, got a model of {} shapes",
            loaded.model.shapes.len()
        ),
        Err(errors) => errors
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect(),
    }
}

fn id(name: &str) -> ShapeId {
    ShapeId::new("schema", name)
}

fn shape<'m>(model: &'m Model, name: &str) -> &'m Shape {
    model.shape(&id(name)).unwrap_or_else(|| {
        let names: Vec<String> = model.shapes.keys().map(ToString::to_string).collect();
        panic!("no shape {name}; the model has {names:?}")
    })
}

fn members(shape: &Shape) -> &[Member] {
    match &shape.kind {
        ShapeKind::Structure(s) => &s.members,
        ShapeKind::Union(u) => &u.members,
        other => panic!("{} is not a structure or union: {other:?}", shape.id),
    }
}

fn member<'s>(shape: &'s Shape, name: &str) -> &'s Member {
    members(shape)
        .iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("{} has no member {name}", shape.id))
}

fn prelude(name: &str) -> ShapeId {
    ShapeId::new("smithy.api", name)
}

fn schema_file(value: serde_json::Value) -> String {
    serde_json::to_string_pretty(&value).unwrap()
}

#[test]
fn pointer_escapes_and_percent_encoding_resolve() {
    let text = schema_file(json!({
        "$defs": {
            "a/b": {"type": "object", "properties": {"x": {"type": "string"}}},
            "c~d": {"type": "object", "properties": {"y": {"type": "string"}}},
            "e f": {"type": "object", "properties": {"z": {"type": "string"}}},
            "Holder": {"type": "object", "properties": {
                "slash": {"$ref": "#/$defs/a~1b"},
                "tilde": {"$ref": "#/$defs/c~0d"},
                "space": {"$ref": "#/$defs/e%20f"}
            }}
        }
    }));
    let model = model_of(&[("a.json", &text)]);
    let holder = shape(&model, "Holder");
    assert_eq!(member(holder, "slash").target, id("AB"));
    assert_eq!(member(holder, "tilde").target, id("CD"));
    assert_eq!(member(holder, "space").target, id("EF"));
    assert!(matches!(shape(&model, "AB").kind, ShapeKind::Structure(_)));
}

#[test]
fn a_pointer_deep_inside_a_definition_resolves_to_exactly_that_subschema() {
    let text = schema_file(json!({
        "$defs": {
            "A": {"type": "object", "properties": {
                "b": {"type": "array", "items": {"type": "object", "properties": {"n": {"type": "integer"}}}}
            }},
            "User": {"type": "object", "properties": {"item": {"$ref": "#/$defs/A/properties/b/items"}}}
        }
    }));
    let model = model_of(&[("a.json", &text)]);
    let target = &member(shape(&model, "User"), "item").target;
    assert_eq!(target, &id("ABItem"));
    assert_eq!(member(shape(&model, "ABItem"), "n").target, prelude("Long"));
    let ShapeKind::List(list_member) = &shape(&model, "AB").kind else {
        panic!("AB is a list")
    };
    assert_eq!(
        &list_member.target, target,
        "the inline items and the ref share one shape"
    );
}

#[test]
fn relative_file_refs_resolve_against_the_referring_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let main = schema_file(json!({
        "title": "Main", "type": "object",
        "properties": {"thing": {"$ref": "sub/other.json#/$defs/Thing"}}
    }));
    let other = schema_file(json!({
        "$defs": {"Thing": {"type": "object", "properties": {"c": {"$ref": "../common.json"}}}}
    }));
    let common = schema_file(json!({"title": "Common", "type": "string", "maxLength": 3}));
    std::fs::write(dir.path().join("main.json"), main).unwrap();
    std::fs::write(dir.path().join("sub/other.json"), other).unwrap();
    std::fs::write(dir.path().join("common.json"), common).unwrap();
    let main = crate::input::read_source(&dir.path().join("main.json")).unwrap();
    let loaded = load(&[&main], &Options::default()).unwrap();
    let model = loaded.model;
    assert_eq!(member(shape(&model, "Main"), "thing").target, id("Thing"));
    assert_eq!(member(shape(&model, "Thing"), "c").target, id("Common"));
    assert_eq!(
        shape(&model, "Common").constraints.length.unwrap().max,
        Some(3)
    );
}

#[test]
fn ids_resolve_across_documents_and_inside_them_without_network() {
    let a = schema_file(json!({
        "$id": "https://example.com/schemas/a.json",
        "$defs": {
            "X": {"type": "object", "properties": {"inner": {"$ref": "inner.json"}}},
            "Embedded": {"$id": "inner.json", "title": "Inner", "type": "string", "pattern": "^i"}
        }
    }));
    let b = schema_file(json!({
        "title": "B", "type": "object",
        "properties": {
            "x": {"$ref": "https://example.com/schemas/a.json#/$defs/X"},
            "y": {"$ref": "https://example.com/schemas/inner.json"}
        }
    }));
    let model = model_of(&[("a.json", &a), ("b.json", &b)]);
    let b_shape = shape(&model, "B");
    assert_eq!(member(b_shape, "x").target, id("X"));
    assert_eq!(member(b_shape, "y").target, id("Embedded"));
    assert_eq!(member(shape(&model, "X"), "inner").target, id("Embedded"));
    let errors = errors_of(&[(
        "c.json",
        r#"{"type": "object", "properties": {"p": {"$ref": "https://example.com/nowhere.json"}}}"#,
    )]);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].location, "/properties/p/$ref");
}

#[test]
fn anchors_resolve() {
    let text = schema_file(json!({
        "$defs": {
            "Named": {"$anchor": "thing", "type": "object", "properties": {"a": {"type": "boolean"}}},
            "User": {"type": "object", "properties": {"t": {"$ref": "#thing"}}}
        }
    }));
    let model = model_of(&[("a.json", &text)]);
    assert_eq!(member(shape(&model, "User"), "t").target, id("Named"));
    assert_eq!(
        member(shape(&model, "Named"), "a").target,
        prelude("Boolean")
    );
}

#[test]
fn refs_to_refs_reach_the_final_schema_and_aliases_make_no_shape() {
    let text = schema_file(json!({
        "$defs": {
            "A": {"$ref": "#/$defs/B"},
            "B": {"$ref": "#/$defs/C"},
            "C": {"type": "object", "properties": {"v": {"type": "number"}}},
            "User": {"type": "object", "properties": {"a": {"$ref": "#/$defs/A"}}}
        }
    }));
    let model = model_of(&[("a.json", &text)]);
    assert_eq!(member(shape(&model, "User"), "a").target, id("C"));
    assert!(model.shape(&id("A")).is_none() && model.shape(&id("B")).is_none());
    assert_eq!(member(shape(&model, "C"), "v").target, prelude("Double"));
}

#[test]
fn a_cycle_of_pure_aliases_is_an_error() {
    let text = schema_file(json!({
        "$defs": {
            "A": {"$ref": "#/$defs/B"},
            "B": {"$ref": "#/$defs/A"},
            "C": {"allOf": [{"$ref": "#/$defs/D"}]},
            "D": {"allOf": [{"$ref": "#/$defs/C"}], "description": "loops back"}
        }
    }));
    let errors = errors_of(&[("a.json", &text)]);
    assert!(
        errors.iter().any(
            |e| e.message.contains("cycle") && e.location.contains("/$defs/A")
                || e.location.contains("/$defs/B")
        ),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(
            |e| e.message.contains("cycle") && e.location.starts_with("/$defs/C")
                || e.location.starts_with("/$defs/D")
        ),
        "{errors:?}"
    );
    assert!(
        errors.iter().all(|e| e.message.contains("cycle")),
        "{errors:?}"
    );
}

#[test]
fn recursion_through_a_structure_is_fine() {
    let text = schema_file(json!({
        "$defs": {
            "Node": {"type": "object", "properties": {
                "next": {"$ref": "#/$defs/Node"},
                "children": {"type": "array", "items": {"$ref": "#/$defs/Node"}}
            }}
        }
    }));
    let model = model_of(&[("a.json", &text)]);
    let node = shape(&model, "Node");
    assert_eq!(member(node, "next").target, id("Node"));
    let ShapeKind::List(item) = &shape(&model, "NodeChildren").kind else {
        panic!("children is a list")
    };
    assert_eq!(item.target, id("Node"));
}

#[test]
fn all_of_chains_of_depth_three_merge_properties_required_and_constraints() {
    let text = schema_file(json!({
        "$defs": {
            "A": {"allOf": [{"$ref": "#/$defs/B"}, {"properties": {"a": {"type": "string"}}, "required": ["a"]}]},
            "B": {"allOf": [{"$ref": "#/$defs/C"}, {"properties": {"b": {"type": "string"}}, "required": ["b"]}]},
            "C": {"allOf": [
                {"type": "object", "properties": {"c": {"type": "string", "maxLength": 10}}},
                {"allOf": [{"properties": {"c": {"minLength": 2, "maxLength": 5, "pattern": "^x"}}, "required": ["c"]}]}
            ]}
        }
    }));
    let model = model_of(&[("a.json", &text)]);
    let a = shape(&model, "A");
    let names: Vec<&str> = members(a).iter().map(|m| m.name.as_str()).collect();
    assert_eq!(
        names,
        ["c", "b", "a"],
        "inherited members first, in allOf order"
    );
    assert!(members(a).iter().all(|m| m.required));
    let c = member(a, "c");
    assert_eq!(c.target, prelude("String"));
    let length = c.constraints.length.unwrap();
    assert_eq!((length.min, length.max), (Some(2), Some(5)));
    assert_eq!(c.constraints.patterns, vec!["^x".to_string()]);
}

#[test]
fn contradictions_are_errors_naming_the_place() {
    let text = schema_file(json!({
        "$defs": {
            "Both": {"allOf": [{"type": "string"}, {"type": "integer"}]},
            "Crossed": {"allOf": [{"type": "string", "minLength": 5}, {"maxLength": 2}]},
            "Consts": {"allOf": [{"const": "a"}, {"const": "b"}]}
        }
    }));
    let errors = errors_of(&[("a.json", &text)]);
    let find = |pointer: &str| {
        errors
            .iter()
            .find(|e| e.location.starts_with(pointer))
            .unwrap_or_else(|| panic!("no error at {pointer}: {errors:?}"))
    };
    assert!(find("/$defs/Both")
        .message
        .contains("integer contradicts type string"));
    assert!(find("/$defs/Crossed")
        .message
        .contains("minimum length 5 is above maximum 2"));
    assert!(find("/$defs/Consts").message.contains("contradicts"));
    assert!(errors.iter().all(|e| e.line_col.is_some()), "{errors:?}");
}

#[test]
fn the_member_pattern_targets_the_named_shape_and_keeps_docs_and_narrowing() {
    let text = schema_file(json!({
        "$defs": {
            "IdType": {"type": "string", "format": "password", "maxLength": 128, "description": "type docs"},
            "Request": {"type": "object", "required": ["Id"], "properties": {
                "Id": {"allOf": [{"$ref": "#/$defs/IdType"}, {"description": "The id."}]},
                "Short": {"$ref": "#/$defs/IdType", "maxLength": 8, "description": "short"},
                "Wide": {"allOf": [{"$ref": "#/$defs/IdType"}, {"maxLength": 500}]}
            }}
        }
    }));
    let model = model_of(&[("a.json", &text)]);
    let request = shape(&model, "Request");
    let id_member = member(request, "Id");
    assert_eq!(id_member.target, id("IdType"));
    assert!(id_member.required);
    assert_eq!(id_member.docs.as_deref(), Some("The id."));
    assert!(id_member.constraints.is_empty());
    let short = member(request, "Short");
    assert_eq!(short.target, id("IdType"));
    assert_eq!(short.docs.as_deref(), Some("short"));
    assert_eq!(
        model.effective_constraints(short).length.unwrap().max,
        Some(8)
    );
    let wide = member(request, "Wide");
    assert_eq!(
        model.effective_constraints(wide).length.unwrap().max,
        Some(128)
    );
    let id_type = shape(&model, "IdType");
    assert!(id_type.sensitive);
    assert_eq!(id_type.docs.as_deref(), Some("type docs"));
    assert_eq!(
        model
            .shapes
            .keys()
            .filter(|k| k.namespace() == "schema")
            .count(),
        2
    );
}

#[test]
fn unions_are_tagged_by_discriminator_or_constant_property_else_untagged() {
    let yaml = r#"
openapi: 3.1.0
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Cat: {type: object, properties: {petType: {type: string}, meow: {type: boolean}}}
    Dog: {type: object, properties: {petType: {type: string}, bark: {type: boolean}}}
    Pet:
      oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]
      discriminator:
        propertyName: petType
        mapping: {kitty: '#/components/schemas/Cat'}
    Shape:
      anyOf:
        - {type: object, properties: {kind: {const: circle}, r: {type: number}}}
        - {type: object, properties: {kind: {enum: [square]}, side: {type: number}}}
    Loose:
      anyOf: [{type: string}, {type: object, title: Pair, properties: {a: {type: string}}}]
    Level:
      oneOf: [{const: low, description: Quiet.}, {const: high}]
"#;
    let model = model_of(&[("api.yaml", yaml)]);
    let ShapeKind::Union(pet) = &shape(&model, "Pet").kind else {
        panic!("Pet is a union")
    };
    assert_eq!(
        pet.tagging,
        UnionTagging::Internal {
            tag: "petType".into()
        }
    );
    let wires: Vec<(&str, &str)> = pet
        .members
        .iter()
        .map(|m| (m.name.as_str(), m.wire_name.as_str()))
        .collect();
    assert_eq!(wires, [("Cat", "kitty"), ("Dog", "Dog")]);
    let ShapeKind::Union(shape_union) = &shape(&model, "Shape").kind else {
        panic!("union")
    };
    assert_eq!(
        shape_union.tagging,
        UnionTagging::Internal { tag: "kind".into() }
    );
    let wires: Vec<&str> = shape_union
        .members
        .iter()
        .map(|m| m.wire_name.as_str())
        .collect();
    assert_eq!(wires, ["circle", "square"]);
    let ShapeKind::Union(loose) = &shape(&model, "Loose").kind else {
        panic!("union")
    };
    assert_eq!(loose.tagging, UnionTagging::Untagged);
    let names: Vec<&str> = loose.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["String", "Pair"]);
    let ShapeKind::Enum(levels) = &shape(&model, "Level").kind else {
        panic!("enum")
    };
    assert_eq!(levels[0].value, "low");
    assert_eq!(levels[0].docs.as_deref(), Some("Quiet."));
}

#[test]
fn nullable_in_every_spelling_sets_member_nullable() {
    let text = schema_file(json!({
        "$defs": {
            "Target": {"type": "object", "properties": {}},
            "Holder": {"type": "object", "properties": {
                "openapi30": {"type": "string", "nullable": true},
                "typeList": {"type": ["integer", "null"]},
                "anyOfNull": {"anyOf": [{"$ref": "#/$defs/Target"}, {"type": "null"}]},
                "plain": {"type": "string"}
            }}
        }
    }));
    let model = model_of(&[("a.json", &text)]);
    let holder = shape(&model, "Holder");
    assert!(member(holder, "openapi30").nullable);
    let type_list = member(holder, "typeList");
    assert!(type_list.nullable);
    assert_eq!(type_list.target, prelude("Long"));
    let any_of = member(holder, "anyOfNull");
    assert!(any_of.nullable);
    assert_eq!(any_of.target, id("Target"));
    assert!(!member(holder, "plain").nullable);
}

#[test]
fn additional_properties_become_deny_maps_or_extra_member_maps() {
    let text = schema_file(json!({
        "$defs": {
            "Closed": {"type": "object", "additionalProperties": false, "properties": {"a": {"type": "string"}}},
            "Tags": {"type": "object", "additionalProperties": {"type": "string", "maxLength": 4}},
            "Open": {"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": {"$ref": "#/$defs/Closed"}},
            "Keyed": {"type": "object", "patternProperties": {"^k": {"type": "integer"}}}
        }
    }));
    let model = model_of(&[("a.json", &text)]);
    let ShapeKind::Structure(closed) = &shape(&model, "Closed").kind else {
        panic!()
    };
    assert_eq!(closed.additional, AdditionalMembers::Deny);
    let ShapeKind::Map { key, value } = &shape(&model, "Tags").kind else {
        panic!("Tags is a map")
    };
    assert_eq!(key.target, prelude("String"));
    assert_eq!(value.target, prelude("String"));
    assert_eq!(value.constraints.length.unwrap().max, Some(4));
    let ShapeKind::Structure(open) = &shape(&model, "Open").kind else {
        panic!()
    };
    assert_eq!(open.additional, AdditionalMembers::Map(id("Closed")));
    let ShapeKind::Map { key, .. } = &shape(&model, "Keyed").kind else {
        panic!("Keyed is a map")
    };
    assert_eq!(key.constraints.patterns, vec!["^k".to_string()]);
}

#[test]
fn property_names_ref_to_a_named_string_becomes_the_map_key() {
    let text = schema_file(json!({
        "$defs": {
            "Key": {"type": "string", "maxLength": 8},
            "Named": {"type": "object", "propertyNames": {"$ref": "#/$defs/Key"}, "additionalProperties": {"type": "integer"}},
            "Inline": {"type": "object", "propertyNames": {"maxLength": 3}, "additionalProperties": {"type": "integer"}}
        }
    }));
    let model = model_of(&[("a.json", &text)]);
    let ShapeKind::Map { key, .. } = &shape(&model, "Named").kind else {
        panic!("Named is a map")
    };
    assert_eq!(key.target, id("Key"));
    let ShapeKind::Map { key, .. } = &shape(&model, "Inline").kind else {
        panic!("Inline is a map")
    };
    assert_eq!(key.target, prelude("String"));
    assert_eq!(key.constraints.length.unwrap().max, Some(3));
}

#[test]
fn formats_and_types_map_to_scalars() {
    let text = schema_file(json!({
        "title": "Formats", "type": "object", "properties": {
            "when": {"type": "string", "format": "date-time"},
            "bytes": {"type": "string", "format": "byte"},
            "file": {"type": "string", "format": "binary"},
            "small": {"type": "integer", "format": "int32"},
            "big": {"type": "integer", "format": "int64"},
            "count": {"type": "integer"},
            "ratio": {"type": "number", "format": "float"},
            "precise": {"type": "number", "format": "double"},
            "number": {"type": "number"},
            "id": {"type": "string", "format": "uuid"},
            "secret": {"type": "string", "format": "password"},
            "hidden": {"type": "string", "x-sensitive": true},
            "flag": {"type": "boolean", "default": true, "deprecated": true},
            "anything": {"description": "no type"}
        }
    }));
    let model = model_of(&[("a.json", &text)]);
    let formats = shape(&model, "Formats");
    let target = |name: &str| member(formats, name).target.name().to_string();
    let expected = [
        ("when", "Timestamp"),
        ("bytes", "Blob"),
        ("file", "Blob"),
        ("small", "Integer"),
        ("big", "Long"),
        ("count", "Long"),
        ("ratio", "Float"),
        ("precise", "Double"),
        ("number", "Double"),
        ("id", "String"),
        ("secret", "String"),
        ("anything", "Document"),
    ];
    for (name, scalar) in expected {
        assert_eq!(target(name), scalar, "{name}");
    }
    assert_eq!(
        member(formats, "when").timestamp_format,
        Some(TimestampFormat::DateTime)
    );
    assert!(model.is_sensitive(member(formats, "secret")));
    assert!(model.is_sensitive(member(formats, "hidden")));
    assert!(!model.is_sensitive(member(formats, "id")));
    let flag = member(formats, "flag");
    assert_eq!(flag.default, Some(json!(true)));
    assert!(flag.deprecated.is_some());
    assert_eq!(flag.docs, None);
    assert!(matches!(
        shape(&model, "Formats").kind,
        ShapeKind::Structure(_)
    ));
    assert!(matches!(
        model.shape(&prelude("Timestamp")).unwrap().kind,
        ShapeKind::Scalar(Scalar::Timestamp)
    ));
}

#[test]
fn enums_int_enums_consts_lists_and_inline_objects() {
    let text = schema_file(json!({
        "title": "Thing", "type": "object", "properties": {
            "status": {"type": "string", "enum": ["on", "off"]},
            "level": {"type": "integer", "enum": [1, 2, 3]},
            "version": {"const": "v1"},
            "tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": true, "maxItems": 3},
            "pair": {"type": "array", "prefixItems": [{"type": "string"}, {"type": "string"}], "items": false},
            "address": {"type": "object", "properties": {"street": {"type": "string"}}}
        }
    }));
    let model = model_of(&[("a.json", &text)]);
    assert!(matches!(&shape(&model, "ThingStatus").kind, ShapeKind::Enum(v) if v.len() == 2));
    assert!(matches!(&shape(&model, "ThingLevel").kind, ShapeKind::IntEnum(v) if v[2].value == 3));
    let thing = shape(&model, "Thing");
    assert_eq!(
        member(thing, "version").constraints.const_value,
        Some(json!("v1"))
    );
    let tags = shape(&model, "ThingTags");
    assert!(tags.constraints.unique_items);
    assert_eq!(tags.constraints.length.unwrap().max, Some(3));
    let pair = shape(&model, "ThingPair");
    assert!(matches!(&pair.kind, ShapeKind::List(m) if m.target == prelude("String")));
    assert_eq!(pair.constraints.length.unwrap().max, Some(2));
    assert_eq!(member(thing, "address").target, id("ThingAddress"));
}

#[test]
fn every_unresolved_ref_is_reported_with_the_pointer_of_the_ref_itself() {
    let text = "{\n  \"type\": \"object\",\n  \"properties\": {\n    \"a\": {\"$ref\": \"#/$defs/Missing\"},\n    \"b\": {\"allOf\": [{\"$ref\": \"#/components/schemas/Gone\"}, {\"description\": \"d\"}]}\n  }\n}";
    let errors = errors_of(&[("a.json", text)]);
    let locations: Vec<&str> = errors.iter().map(|e| e.location.as_str()).collect();
    assert_eq!(
        locations,
        ["/properties/a/$ref", "/properties/b/allOf/0/$ref"]
    );
    assert_eq!(errors[0].line_col, Some((4, 19)));
    assert!(errors
        .iter()
        .all(|e| e.file == "a.json" && e.message.contains("unresolved")));

    let options = Options {
        allow_unresolved_refs: true,
        ..Options::default()
    };
    let loaded = load_with(&[("a.json", text)], &options).unwrap();
    assert_eq!(loaded.warnings.warnings().count(), 2);
    let root = loaded
        .model
        .shapes
        .values()
        .find(|s| s.id.namespace() == "schema")
        .unwrap();
    assert_eq!(member(root, "b").target, prelude("Document"));
    assert_eq!(member(root, "b").docs.as_deref(), Some("d"));
}

#[test]
fn a_missing_definition_falls_back_to_the_input_titled_like_it() {
    let user = schema_file(json!({
        "title": "User", "type": "object",
        "properties": {"id": {"allOf": [{"$ref": "#/components/schemas/UserId"}, {"description": "the id"}]}}
    }));
    let user_id = schema_file(json!({"title": "UserId", "type": "string"}));
    let model = model_of(&[("user.json", &user), ("user-id.json", &user_id)]);
    assert_eq!(member(shape(&model, "User"), "id").target, id("UserId"));
}

#[test]
fn same_named_definitions_merge_when_equal_and_are_suffixed_when_not() {
    let first = schema_file(json!({"$defs": {
        "Same": {"type": "string", "description": "first docs"},
        "Differs": {"type": "string"}
    }}));
    let second = schema_file(json!({"$defs": {
        "Same": {"type": "string", "description": "other docs"},
        "Differs": {"type": "integer"}
    }}));
    let loaded = load_with(
        &[("first.json", &first), ("second.json", &second)],
        &Options::default(),
    )
    .unwrap();
    let model = &loaded.model;
    assert_eq!(shape(model, "Same").docs.as_deref(), Some("first docs"));
    assert!(model.shape(&id("Same2")).is_none());
    assert_eq!(
        shape(model, "Differs").kind,
        ShapeKind::Scalar(Scalar::String)
    );
    assert_eq!(
        shape(model, "Differs2").kind,
        ShapeKind::Scalar(Scalar::Long)
    );
    let warnings: Vec<&Diagnostic> = loaded.warnings.warnings().collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].file, "second.json");
    assert!(warnings[0].message.contains("first.json#/$defs/Differs"));
    assert!(warnings[0].message.contains("`Differs2`"));
}

#[test]
fn equal_recursive_definitions_in_two_inputs_merge() {
    let text = schema_file(json!({"$defs": {
        "List": {"type": "object", "properties": {"next": {"$ref": "#/$defs/List"}, "v": {"type": "string"}}}
    }}));
    let model = model_of(&[("a.json", &text), ("b.json", &text)]);
    assert_eq!(member(shape(&model, "List"), "next").target, id("List"));
    assert!(model.shape(&id("List2")).is_none());
}

#[test]
fn openapi_operations_have_inputs_outputs_errors_and_bindings() {
    let yaml = r#"
openapi: 3.0.3
info: {title: Pets, version: '1'}
paths:
  /pets/{id}:
    post:
      operationId: UpdatePet
      description: Updates a pet.
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/UpdatePetRequest'}
      responses:
        200:
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {ok: {type: boolean}}}
        404:
          description: NotFound
          content: {application/json: {schema: {$ref: '#/components/schemas/NotFound'}}}
        503:
          description: Busy
          content: {application/json: {schema: {$ref: '#/components/schemas/Busy'}}}
  /pets:
    get:
      responses:
        '200': {description: ok}
        '410':
          description: NotFound
          content: {application/json: {schema: {$ref: '#/components/schemas/NotFound'}}}
        '500': {$ref: '#/components/responses/BusyResponse'}
components:
  responses:
    BusyResponse:
      description: busy
      content: {application/json: {schema: {$ref: '#/components/schemas/Busy'}}}
  schemas:
    UpdatePetRequest: {type: object, properties: {name: {type: string}}}
    NotFound: {}
    Busy: {type: object, properties: {retryAfter: {type: integer}}}
"#;
    let model = model_of(&[("pets.yaml", yaml)]);
    assert_eq!(model.operations.len(), 2);
    let update = &model.operations[&id("UpdatePet")];
    assert_eq!(update.input, Some(id("UpdatePetRequest")));
    assert_eq!(update.output, Some(id("UpdatePetResponse")));
    assert_eq!(update.errors, vec![id("NotFound"), id("Busy")]);
    let http = update.http.as_ref().unwrap();
    assert_eq!(
        (http.method.as_str(), http.uri.as_str(), http.code),
        ("POST", "/pets/{id}", Some(200))
    );
    assert_eq!(update.docs.as_deref(), Some("Updates a pet."));
    let list = &model.operations[&id("GetPets")];
    assert_eq!(list.output, None);
    assert_eq!(list.errors, vec![id("NotFound"), id("Busy")]);
    let not_found = shape(&model, "NotFound");
    assert!(matches!(&not_found.kind, ShapeKind::Structure(s) if s.members.is_empty()));
    let info = not_found.error.as_ref().unwrap();
    assert_eq!(
        (info.fault, info.http_status),
        (Fault::Client, None),
        "404 and 410 disagree"
    );
    let busy = shape(&model, "Busy").error.as_ref().unwrap();
    assert_eq!((busy.fault, busy.http_status), (Fault::Server, None));
    assert!(shape(&model, "UpdatePetRequest").error.is_none());
}

#[test]
fn bad_inputs_give_diagnostics_not_panics() {
    let cases: &[(&str, &str)] = &[
        ("broken.json", "{\"type\": "),
        ("broken.yaml", "a: [1,\nb: }"),
        ("scalar.json", "42"),
        ("badtype.json", r##"{"type": "strin"}"##),
        ("badref.json", r##"{"type": "object", "properties": {"a": {"$ref": 5}, "b": {"$ref": "#/a~2"}, "c": 7}}"##),
        ("badpointer.json", r##"{"type": "object", "properties": {"a": {"$ref": "#/%zz"}}}"##),
        ("items.json", r##"{"type": "array", "items": [true, false, {"$ref": "#"}]}"##),
        ("emptyops.yaml", "openapi: 3.1.0\npaths: {'/x': {get: {responses: {'400': {content: {a/json: {schema: {type: string}}}}}}}}\n"),
    ];
    for (name, text) in cases {
        match load_with(&[(name, text)], &Options::default()) {
            Ok(_) => {}
            Err(errors) => assert!(errors.iter().all(|e| e.file == *name), "{errors}"),
        }
    }
    let errors = errors_of(&[("broken.json", "{\"type\": ")]);
    assert!(errors[0].line_col.is_some());
}

#[test]
fn draft_07_definitions_and_tuple_items_and_yaml_schemas_load() {
    let draft7 = schema_file(json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "definitions": {
            "Point": {"type": "array", "items": [{"type": "number"}, {"type": "number"}], "additionalItems": false},
            "Holder": {"type": "object", "properties": {"p": {"$ref": "#/definitions/Point"}}}
        }
    }));
    let yaml = "$schema: https://json-schema.org/draft/2019-09/schema\ntitle: Yamlish\ntype: object\nproperties:\n  n: {type: integer, minimum: 0, exclusiveMinimum: true}\n";
    let model = model_of(&[("draft7.json", &draft7), ("schema.yaml", yaml)]);
    let point = shape(&model, "Point");
    assert!(matches!(&point.kind, ShapeKind::List(m) if m.target == prelude("Double")));
    assert_eq!(point.constraints.length.unwrap().max, Some(2));
    assert_eq!(member(shape(&model, "Holder"), "p").target, id("Point"));
    let n = member(shape(&model, "Yamlish"), "n");
    let min = n.constraints.range.as_ref().unwrap().min.as_ref().unwrap();
    assert!(
        min.exclusive && min.value == "0",
        "OpenAPI 3.0 boolean exclusiveMinimum"
    );
}

#[test]
fn swagger_definitions_load_without_a_root_shape() {
    let text = schema_file(json!({
        "swagger": "2.0", "info": {"title": "old"}, "paths": {},
        "definitions": {"Thing": {"type": "object", "properties": {"a": {"type": "string"}}}}
    }));
    let model = model_of(&[("swagger.json", &text)]);
    let names: Vec<&str> = model
        .shapes
        .keys()
        .filter(|k| !k.is_prelude())
        .map(|k| k.name())
        .collect();
    assert_eq!(names, ["Thing"]);
}

#[test]
fn validation_only_one_of_keeps_the_structure() {
    let text = schema_file(json!({
        "title": "Either", "type": "object",
        "properties": {"a": {"type": "string"}, "b": {"type": "string"}},
        "oneOf": [{"required": ["a"]}, {"required": ["b"]}]
    }));
    let loaded = load_with(&[("a.json", &text)], &Options::default()).unwrap();
    assert_eq!(members(shape(&loaded.model, "Either")).len(), 2);
    let warning = loaded.warnings.warnings().next().expect("a warning");
    assert_eq!(warning.location, "/oneOf");
}

#[test]
fn discriminator_mappings_may_name_schemas_directly() {
    let yaml = r#"
openapi: 3.0.0
paths: {}
components:
  schemas:
    A: {type: object, properties: {t: {type: string}}}
    B: {type: object, properties: {t: {type: string}}}
    AB:
      oneOf: [{$ref: '#/components/schemas/A'}, {$ref: '#/components/schemas/B'}]
      discriminator: {propertyName: t, mapping: {a: A, b: '#/components/schemas/B'}}
"#;
    let model = model_of(&[("api.yaml", yaml)]);
    let wires: Vec<&str> = members(shape(&model, "AB"))
        .iter()
        .map(|m| m.wire_name.as_str())
        .collect();
    assert_eq!(wires, ["a", "b"]);
}

#[test]
fn duplicate_operation_ids_and_non_string_refs_are_errors() {
    let yaml = r#"
openapi: 3.1.0
paths:
  /a: {get: {operationId: Same, responses: {}}}
  /b: {get: {operationId: Same, responses: {}}}
components:
  schemas:
    Bad: {type: object, properties: {x: {$ref: 12}}}
"#;
    let errors = errors_of(&[("api.yaml", yaml)]);
    let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(errors.len(), 2, "{messages:?}");
    assert!(errors
        .iter()
        .any(|e| e.location == "/paths/~1b/get" && e.message.contains("`Same`")));
    assert!(errors
        .iter()
        .any(|e| e.location == "/components/schemas/Bad/properties/x/$ref"));
}

#[test]
fn very_long_ref_chains_are_an_error_not_a_crash() {
    let mut defs = serde_json::Map::new();
    for i in 0..300 {
        let next =
            json!({"allOf": [{"$ref": format!("#/$defs/D{}", i + 1)}], "description": "step"});
        defs.insert(format!("D{i}"), next);
    }
    defs.insert("D300".into(), json!({"type": "string"}));
    let text = schema_file(json!({ "$defs": defs }));
    let errors = errors_of(&[("deep.json", &text)]);
    assert!(errors
        .iter()
        .all(|e| e.message.contains("nested `$ref`/`allOf` steps")));
}
