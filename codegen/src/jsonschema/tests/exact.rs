//! Exact lowering: which schemas become types, which are checked on the JSON, and which
//! assertions typed shapes keep.

use serde_json::json;

use super::{id, member, model_of, prelude, schema_file, shape};
use crate::model::{
    AdditionalMembers, Assertion, JsonCheck, JsonTypes, LengthBounds, Scalar, ShapeKind,
    UnionTagging,
};

fn defs(defs: serde_json::Value) -> String {
    schema_file(json!({ "$defs": defs }))
}

#[test]
fn a_schema_without_type_admits_any_value_and_keeps_its_keywords_as_assertions() {
    let model = model_of(&[(
        "a.json",
        &defs(json!({
            "Short": {"minLength": 2},
            "Obj": {"properties": {"foo": {"type": "integer"}}, "required": ["foo"]},
            "Nothing": false,
            "Strings": {"enum": ["a", "b"]},
        })),
    )]);
    let short = shape(&model, "Short");
    assert_eq!(short.kind, ShapeKind::Document);
    assert_eq!(
        short.constraints.assertions,
        [Assertion::StringLength(LengthBounds {
            min: Some(2),
            max: None
        })]
    );
    let obj = shape(&model, "Obj");
    assert_eq!(obj.kind, ShapeKind::Document);
    let [Assertion::Required(names), Assertion::Properties { named, .. }] =
        obj.constraints.assertions.as_slice()
    else {
        panic!(
            "required, then properties: {:?}",
            obj.constraints.assertions
        )
    };
    assert_eq!(names, &["foo".to_string()]);
    assert_eq!(
        named[0].1.assertions,
        [Assertion::Types(JsonTypes(JsonTypes::INTEGER))]
    );
    assert_eq!(
        shape(&model, "Nothing").constraints.assertions,
        [Assertion::Never]
    );
    assert!(
        matches!(&shape(&model, "Strings").kind, ShapeKind::Enum(v) if v.len() == 2),
        "only strings pass a string enum: it stays a type"
    );
    assert!(shape(&model, "Strings").exact_json);
}

#[test]
fn typed_shapes_keep_what_their_type_cannot_say_and_keep_unnamed_properties() {
    let model = model_of(&[(
        "a.json",
        &defs(json!({
            "Thing": {
                "type": "object",
                "properties": {"a": {"type": "string"}, "b": {"type": "integer", "default": 3}},
                "dependentRequired": {"a": ["b"]},
                "not": {"required": ["c"]}
            }
        })),
    )]);
    let thing = shape(&model, "Thing");
    let ShapeKind::Structure(structure) = &thing.kind else {
        panic!("Thing is a structure")
    };
    assert_eq!(
        structure.additional,
        AdditionalMembers::Map(prelude("Document"))
    );
    assert_eq!(
        thing.constraints.assertions,
        [
            Assertion::DependentRequired(vec![("a".to_string(), vec!["b".to_string()])]),
            Assertion::Not(JsonCheck::new(vec![Assertion::Required(vec![
                "c".to_string()
            ])])),
        ]
    );
    let b = member(thing, "b");
    assert_eq!(b.target, prelude("Long"));
    assert_eq!(b.default, Some(json!(3)));
    assert!(
        b.client_optional,
        "a default documents the member; it is never filled in"
    );
}

#[test]
fn any_of_is_a_union_only_when_its_branches_have_disjoint_types() {
    let model = model_of(&[(
        "a.json",
        &defs(json!({
            "Disjoint": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
            "Overlapping": {"oneOf": [{"type": "integer"}, {"minimum": 2}]},
            "Sided": {"type": "string", "anyOf": [{"maxLength": 2}, {"minLength": 4}]}
        })),
    )]);
    let ShapeKind::Union(disjoint) = &shape(&model, "Disjoint").kind else {
        panic!("Disjoint is a union")
    };
    assert_eq!(disjoint.tagging, UnionTagging::Untagged);
    let overlapping = shape(&model, "Overlapping");
    assert_eq!(overlapping.kind, ShapeKind::Document);
    assert!(matches!(
        overlapping.constraints.assertions.as_slice(),
        [Assertion::OneOf(branches)] if branches.len() == 2
    ));
    let sided = shape(&model, "Sided");
    assert_eq!(sided.kind, ShapeKind::Scalar(Scalar::String));
    assert!(matches!(
        sided.constraints.assertions.as_slice(),
        [Assertion::AnyOf(_)]
    ));
}

#[test]
fn references_in_assertions_name_shapes_so_recursion_stays_finite() {
    let text = schema_file(json!({
        "title": "Tree",
        "properties": {"child": {"$ref": "#"}},
        "additionalProperties": false
    }));
    let model = model_of(&[("tree.json", &text)]);
    let tree = shape(&model, "Tree");
    let [Assertion::Properties {
        named, additional, ..
    }] = tree.constraints.assertions.as_slice()
    else {
        panic!("{:?}", tree.constraints.assertions)
    };
    assert_eq!(named[0].1.assertions, [Assertion::Shape(id("Tree"))]);
    assert_eq!(additional.as_ref().unwrap().assertions, [Assertion::Never]);
}

#[test]
fn a_list_that_contains_itself_is_checked_on_the_json() {
    let text = schema_file(json!({"title": "Nest", "type": "array", "items": {"$ref": "#"}}));
    let model = model_of(&[("nest.json", &text)]);
    let nest = shape(&model, "Nest");
    assert_eq!(
        nest.kind,
        ShapeKind::Document,
        "`type Nest = Vec<Nest>` is not Rust"
    );
    assert!(nest
        .constraints
        .assertions
        .contains(&Assertion::Types(JsonTypes(JsonTypes::ARRAY))));
}

#[test]
fn draft_7_refs_ignore_their_siblings_and_old_keywords_compile() {
    let text = schema_file(json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "definitions": {
            "Int": {"type": "integer"},
            "Ref": {"$ref": "#/definitions/Int", "maximum": 3, "description": "ignored bound"},
            "Pair": {"items": [{"type": "string"}], "additionalItems": false},
            "Deps": {"dependencies": {"a": ["b"], "c": {"required": ["d"]}}}
        }
    }));
    let model = model_of(&[("d7.json", &text)]);
    let reference = shape(&model, "Ref");
    assert_eq!(reference.kind, ShapeKind::Scalar(Scalar::Long));
    assert!(reference.constraints.range.is_none(), "{reference:?}");
    let [Assertion::Items { prefix, rest }] =
        shape(&model, "Pair").constraints.assertions.as_slice()
    else {
        panic!("items")
    };
    assert_eq!(prefix.len(), 1);
    assert_eq!(rest.as_ref().unwrap().assertions, [Assertion::Never]);
    let deps = &shape(&model, "Deps").constraints.assertions;
    assert!(matches!(
        deps.as_slice(),
        [
            Assertion::DependentRequired(_),
            Assertion::DependentChecks(_)
        ]
    ));
}

#[test]
fn an_id_inside_an_unknown_keyword_is_not_an_identifier() {
    let text = schema_file(json!({
        "$defs": {
            "Hidden": {"not": {"unknown": [{"$id": "https://example.com/x.json", "type": "null"}]}},
            "Real": {"$id": "https://example.com/x.json", "type": "string"},
            "User": {
                "type": "object", "required": ["x"],
                "properties": {"x": {"$ref": "https://example.com/x.json"}}
            }
        }
    }));
    let model = model_of(&[("ids.json", &text)]);
    assert_eq!(member(shape(&model, "User"), "x").target, id("Real"));
}

#[test]
fn openapi_nullable_and_discriminators_keep_their_meaning() {
    let yaml = r#"
openapi: 3.0.0
paths: {}
components:
  schemas:
    A: {type: object, required: [t], properties: {t: {type: string}, n: {type: integer, nullable: true}}}
    B: {type: object, required: [t], properties: {t: {type: string}}}
    AB:
      oneOf: [{$ref: '#/components/schemas/A'}, {$ref: '#/components/schemas/B'}]
      discriminator: {propertyName: t}
"#;
    let model = model_of(&[("api.yaml", yaml)]);
    assert!(member(shape(&model, "A"), "n").nullable);
    let ShapeKind::Union(ab) = &shape(&model, "AB").kind else {
        panic!("AB is a union")
    };
    assert_eq!(ab.tagging, UnionTagging::Internal { tag: "t".into() });
}

#[test]
fn draft_4_identifies_schemas_with_id_and_reads_boolean_exclusive_bounds() {
    let text = schema_file(json!({
        "$schema": "http://json-schema.org/draft-04/schema#",
        "definitions": {
            "Positive": {"id": "http://example.com/positive.json", "type": "number", "minimum": 0, "exclusiveMinimum": true},
            "User": {
                "type": "object", "required": ["n"],
                "properties": {"n": {"$ref": "http://example.com/positive.json"}}
            }
        }
    }));
    let model = model_of(&[("d4.json", &text)]);
    assert_eq!(member(shape(&model, "User"), "n").target, id("Positive"));
    let range = shape(&model, "Positive").constraints.range.clone().unwrap();
    assert!(range.min.unwrap().exclusive);
}

#[test]
fn unnamed_properties_are_kept_only_where_an_assertion_reads_them() {
    let model = model_of(&[(
        "a.json",
        &defs(json!({
            "Plain": {"type": "object", "properties": {"a": {"type": "string"}}},
            "Inner": {"type": "object", "properties": {"x": {"type": "integer"}}},
            "Outer": {
                "type": "object",
                "properties": {"inner": {"$ref": "#/$defs/Inner"}},
                "not": {"properties": {"inner": {"required": ["y"]}}}
            }
        })),
    )]);
    let additional = |name: &str| match &shape(&model, name).kind {
        ShapeKind::Structure(s) => s.additional.clone(),
        other => panic!("{name} is {other:?}"),
    };
    assert_eq!(additional("Plain"), AdditionalMembers::Ignore);
    assert_eq!(
        additional("Outer"),
        AdditionalMembers::Map(prelude("Document"))
    );
    assert_eq!(
        additional("Inner"),
        AdditionalMembers::Map(prelude("Document")),
        "Outer's `not` reads Inner's properties, unnamed ones included"
    );
}
