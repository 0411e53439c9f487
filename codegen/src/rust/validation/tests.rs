//! Unit tests of the validation emitter: what it generates for small models. The behaviour of
//! the generated code is tested by compiling it (`codegen/tests/validation.rs`).

use super::*;
use crate::model::{
    AdditionalMembers, Assertion, Constraints, LengthBounds, Member, Scalar, Shape, ShapeId,
    ShapeKind, ShapeRole, Structure,
};
use crate::Options;

fn id(name: &str) -> ShapeId {
    ShapeId::new("test", name)
}

fn string(model: &mut Model, name: &str, pattern: Option<&str>, sensitive: bool) {
    let mut shape = Shape::new(id(name), ShapeKind::Scalar(Scalar::String));
    shape.constraints = Constraints {
        length: Some(LengthBounds {
            min: Some(1),
            max: None,
        }),
        patterns: pattern.into_iter().map(str::to_string).collect(),
        ..Default::default()
    };
    shape.sensitive = sensitive;
    model.shapes.insert(id(name), shape);
}

fn structure(model: &mut Model, name: &str, members: Vec<Member>) {
    let kind = ShapeKind::Structure(Structure {
        members,
        additional: AdditionalMembers::Ignore,
    });
    model.shapes.insert(id(name), Shape::new(id(name), kind));
}

fn required(name: &str, target: &str) -> Member {
    Member {
        required: true,
        ..Member::new(name, id(target))
    }
}

/// The formatted `validation` module of `model`, without the runtime part and the
/// `structure_validation_impls!` macro.
fn generated(model: &Model, options: &Options) -> String {
    let space = TypeSpace::new(model, options);
    let tokens = emit(&space).expect("valid model");
    let text = crate::rust::format::format_tokens("validation", tokens).expect("parses");
    let runtime_end = text
        .find("fn explain")
        .and_then(|start| text[start..].find("\n}\n").map(|end| start + end))
        .unwrap_or(0);
    text[runtime_end..].replace(super::STRUCTURE_MACRO.trim(), "")
}

#[test]
fn shapes_sharing_a_pattern_share_one_compiled_pattern() {
    let mut model = Model::default();
    string(&mut model, "First", Some("^[a-z]+$"), false);
    string(&mut model, "Second", Some("^[a-z]+$"), false);
    structure(
        &mut model,
        "Holder",
        vec![required("A", "First"), required("B", "Second")],
    );
    let text = generated(&model, &Options::default());
    assert_eq!(text.matches("fn first_pattern(").count(), 1, "{text}");
    assert!(!text.contains("second_pattern"), "{text}");
    assert!(text.contains("fn check_first("), "{text}");
    assert!(text.contains("fn check_second("), "{text}");
}

#[test]
fn pattern_engines_follow_the_patterns_the_model_uses() {
    let engines = |patterns: &[&str]| {
        let mut model = Model::default();
        for (index, pattern) in patterns.iter().enumerate() {
            string(&mut model, &format!("S{index}"), Some(pattern), false);
        }
        let options = Options::default();
        pattern_engines(&TypeSpace::new(&model, &options))
    };
    assert_eq!(engines(&["^[a-z]+$"]), PatternEngines::default());
    assert!(engines(&["^a|b.*c$"]).regex);
    let fancy = engines(&[r"^(a)\1$"]);
    assert!(fancy.fancy_regex && !fancy.regex);
}

#[test]
fn an_input_member_made_optional_is_still_required() {
    let mut model = Model::default();
    string(&mut model, "Name", None, false);
    structure(&mut model, "Input", vec![required("Name", "Name")]);
    model.shapes.get_mut(&id("Input")).expect("inserted").role = ShapeRole::Input;
    let relaxed = Options {
        optional_input_members: true,
        ..Options::default()
    };
    let text = generated(&model, &relaxed);
    assert!(
        text.contains("name \"Name\" required_option super::types::Name => check_name \"string\";"),
        "{text}"
    );
    let strict = generated(&model, &Options::default());
    assert!(
        strict.contains("name \"Name\" required super::types::Name => check_name \"string\";"),
        "{strict}"
    );
}

#[test]
fn structures_with_nothing_to_check_are_not_called() {
    let mut model = Model::default();
    model.shapes.insert(
        id("Free"),
        Shape::new(id("Free"), ShapeKind::Scalar(Scalar::String)),
    );
    structure(&mut model, "Inner", vec![Member::new("Text", id("Free"))]);
    structure(&mut model, "Outer", vec![Member::new("Inner", id("Inner"))]);
    let text = generated(&model, &Options::default());
    assert!(
        text.contains("super::types::Outer, json only {\n        inner \"Inner\" optional super::types::Inner => _ object;"),
        "{text}"
    );
}

#[test]
fn keys_of_sensitive_maps_stay_out_of_paths() {
    let mut model = Model::default();
    string(&mut model, "Text", None, false);
    let mut map = Shape::new(
        id("Secrets"),
        ShapeKind::Map {
            key: Box::new(Member::new("key", id("Text"))),
            value: Box::new(Member::new("value", id("Text"))),
        },
    );
    map.sensitive = true;
    model.shapes.insert(id("Secrets"), map);
    structure(&mut model, "Holder", vec![required("Secrets", "Secrets")]);
    let text = generated(&model, &Options::default());
    assert!(text.contains(crate::rust::types::REDACTED), "{text}");
    assert!(!text.contains("path.key(key)"), "{text}");
    assert!(
        text.contains("{sensitive super::types::Text => check_text \"string\"}"),
        "{text}"
    );
}

#[test]
fn an_invalid_pattern_names_the_member_that_wrote_it() {
    let mut model = Model::default();
    string(&mut model, "Text", None, false);
    let mut member = required("Text", "Text");
    member.constraints.patterns.push("(".to_string());
    structure(&mut model, "Holder", vec![member]);
    let options = Options::default();
    let errors = emit(&TypeSpace::new(&model, &options)).expect_err("invalid pattern");
    let text = errors.to_string();
    assert!(text.contains("test#Holder$Text"), "{text}");
    assert!(text.contains("invalid pattern `(`"), "{text}");
}

#[test]
fn assertions_become_json_checks_shared_by_equal_trees() {
    use crate::model::{Assertion, JsonCheck, JsonTypes};
    let mut model = Model::default();
    let one_of = Assertion::OneOf(vec![
        JsonCheck::new(vec![Assertion::Types(JsonTypes(JsonTypes::INTEGER))]),
        JsonCheck::new(vec![Assertion::Not(JsonCheck::default())]),
    ]);
    for name in ["First", "Second"] {
        let mut shape = Shape::new(id(name), ShapeKind::Document);
        shape.constraints.assertions = vec![one_of.clone()];
        model.shapes.insert(id(name), shape);
    }
    structure(
        &mut model,
        "Holder",
        vec![required("A", "First"), required("B", "Second")],
    );
    let text = generated(&model, &Options::default());
    assert_eq!(text.matches("fn json_first(").count(), 1, "{text}");
    assert!(!text.contains("fn json_second("), "{text}");
    assert!(text.contains("ViolationKind::OneOf"), "{text}");
    assert!(text.contains("json_has_type(json, 32u8)"), "{text}");
}

#[test]
fn exact_json_structures_read_numbers_by_value_and_report_nulls() {
    let mut model = Model::default();
    let kind = ShapeKind::Structure(Structure {
        members: vec![Member::new("count", ShapeId::new("smithy.api", "Long"))],
        additional: AdditionalMembers::Deny,
    });
    let mut shape = Shape::new(id("Counted"), kind);
    shape.exact_json = true;
    model.shapes.insert(id("Counted"), shape);
    model.shapes.insert(
        ShapeId::new("smithy.api", "Long"),
        Shape::new(
            ShapeId::new("smithy.api", "Long"),
            ShapeKind::Scalar(Scalar::Long),
        ),
    );
    let text = generated(&model, &Options::default());
    let table = "structure_validation_impls! {\n    super::types::Counted, json only, exact json {\n        \
                 count \"count\" optional i64 => _ \"64-bit integer\";\n    } nulls {\n        \
                 \"count\" \"64-bit integer\" _;\n    } unknown deny [\"count\"]\n}";
    assert!(text.contains(table), "{text}");
    assert!(!text.contains("impl FromJson for"), "{text}");
}

#[test]
fn additional_members_and_checked_documents_have_rows() {
    let mut model = Model::default();
    string(&mut model, "Name", None, false);
    let document = ShapeId::new("smithy.api", "Document");
    model.shapes.insert(
        document.clone(),
        Shape::new(document.clone(), ShapeKind::Document),
    );
    let mut anything = Member::new("Anything", document.clone());
    anything.constraints.assertions = vec![Assertion::Never];
    let kind = ShapeKind::Structure(Structure {
        members: vec![anything],
        additional: AdditionalMembers::Map(id("Name")),
    });
    let mut shape = Shape::new(id("Open"), kind);
    shape.exact_json = true;
    model.shapes.insert(id("Open"), shape);
    let text = generated(&model, &Options::default());
    assert!(
        text.contains(
            "anything \"Anything\" optional serde_json::Value => check_open_anything json;"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "} unknown map [\"Anything\"] (super::types::Name => check_name \"string\")\n}"
        ),
        "{text}"
    );
    assert!(!text.contains("impl FromJson for"), "{text}");
}

#[test]
fn structures_the_macro_cannot_reproduce_are_written_out() {
    let mut model = Model::default();
    string(&mut model, "Name", None, false);
    structure(&mut model, "Open", vec![required("Name", "Name")]);
    structure(&mut model, "Closed", vec![required("Name", "Name")]);
    model
        .shapes
        .get_mut(&id("Closed"))
        .expect("inserted")
        .constraints = Constraints {
        assertions: vec![Assertion::PropertyCount(LengthBounds {
            min: Some(1),
            max: None,
        })],
        ..Default::default()
    };
    let text = generated(&model, &Options::default());
    assert!(
        text.contains("impl FromJson for super::types::Closed"),
        "{text}"
    );
    assert!(
        text.contains("structure_validation_impls! {\n    super::types::Open {\n        name \"Name\" required super::types::Name => check_name \"string\";\n    }\n}"),
        "{text}"
    );
    assert!(
        !text.contains("impl FromJson for super::types::Open"),
        "{text}"
    );
}

#[test]
fn the_macro_is_included_only_when_called() {
    let module = |model: &Model| {
        let options = Options::default();
        let tokens = emit(&TypeSpace::new(model, &options)).expect("valid model");
        crate::rust::format::format_tokens("validation", tokens).expect("parses")
    };
    let mut model = Model::default();
    string(&mut model, "Name", None, false);
    assert!(!module(&model).contains("macro_rules! structure_validation_impls"));
    structure(&mut model, "Holder", vec![required("Name", "Name")]);
    assert!(module(&model).contains(STRUCTURE_MACRO.trim()));
}

#[test]
fn the_macro_redacts_keys_with_the_same_text_as_the_written_out_code() {
    assert!(STRUCTURE_MACRO.contains(&format!("\"{}\"", crate::rust::types::REDACTED)));
}

#[test]
fn enum_impls_written_as_text_read_as_prettyplease_prints_them() {
    let mut model = Model::default();
    let values = [
        "A",
        "quote\" and \\ slash",
        "é 中文",
        &"LONG_VALUE".repeat(12),
    ];
    let values = values
        .iter()
        .enumerate()
        .map(|(index, value)| crate::model::EnumValue {
            name: format!("V{index}"),
            value: value.to_string(),
            docs: None,
            deprecated: None,
            internal: false,
        })
        .collect();
    model
        .shapes
        .insert(id("Mode"), Shape::new(id("Mode"), ShapeKind::Enum(values)));
    let number = |name: &str, value| crate::model::IntEnumValue {
        name: name.to_string(),
        value,
        docs: None,
        deprecated: None,
    };
    let numbers = vec![number("ONE", 1), number("MINUS", -7)];
    model.shapes.insert(
        id("Level"),
        Shape::new(id("Level"), ShapeKind::IntEnum(numbers)),
    );
    let long = "VeryLongEnumerationName".repeat(3);
    model.shapes.insert(
        id(&long),
        Shape::new(id(&long), ShapeKind::Enum(Vec::new())),
    );
    let options = Options::default();
    let space = crate::rust::typespace::TypeSpace::new(&model, &options);
    let mut emitter = checks::Emitter::new(&space);
    for name in ["Mode", "Level"] {
        let shape = model.shape(&id(name)).expect("defined");
        let text = emitter.enum_impl_text(shape).expect("written as text");
        let tokens = emitter.validate_impl_tokens(shape);
        let formatted = crate::rust::format::format_tokens("validation", tokens).expect("formats");
        assert_eq!(text, formatted, "{name}");
    }
    let shape = model.shape(&id(&long)).expect("defined");
    assert_eq!(emitter.enum_impl_text(shape), None, "too long for one line");
}
