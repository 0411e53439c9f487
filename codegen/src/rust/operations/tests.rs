//! Unit tests of the operations emitter, on small hand-built models.

use super::error_enum::{estimated_size, modelled_errors, BOX_THRESHOLD};
use super::*;
use crate::model::{
    ErrorInfo, Fault, HttpBinding, Member, Model, Scalar, Service, Shape, ShapeId, ShapeKind,
    Structure,
};
use crate::Options;

const NS: &str = "ns";

fn id(name: &str) -> ShapeId {
    ShapeId::new(NS, name)
}

fn string_id() -> ShapeId {
    ShapeId::new("smithy.api", "String")
}

fn structure(name: &str, members: Vec<Member>) -> Shape {
    Shape::new(
        id(name),
        ShapeKind::Structure(Structure {
            members,
            ..Default::default()
        }),
    )
}

fn error(name: &str, members: Vec<Member>) -> Shape {
    let mut shape = structure(name, members);
    shape.error = Some(ErrorInfo {
        fault: Fault::Client,
        http_status: None,
        retryable: None,
    });
    shape
}

fn operation(name: &str, errors: &[&str]) -> crate::model::Operation {
    crate::model::Operation {
        id: id(name),
        input: Some(id(&format!("{name}Request"))),
        output: None,
        errors: errors.iter().map(|e| id(e)).collect(),
        docs: None,
        deprecated: None,
        http: None,
        service: None,
        source: Default::default(),
    }
}

fn service(name: &str, protocol: Option<Protocol>, operations: &[&str]) -> Service {
    Service {
        id: id(name),
        version: None,
        protocol,
        operations: operations.iter().map(|o| id(o)).collect(),
        errors: Vec::new(),
        docs: None,
        source: Default::default(),
    }
}

/// A model with `Op` (input `OpRequest`, no output) and the given errors, each with a `message`.
fn model_with(errors: &[&str]) -> Model {
    let mut model = Model::default();
    for shape in [
        Shape::new(string_id(), ShapeKind::Scalar(Scalar::String)),
        structure("OpRequest", vec![Member::new("Name", string_id())]),
    ] {
        model.shapes.insert(shape.id.clone(), shape);
    }
    for name in errors {
        let shape = error(name, vec![Member::new("message", string_id())]);
        model.shapes.insert(shape.id.clone(), shape);
    }
    let op = operation("Op", errors);
    model.operations.insert(op.id.clone(), op);
    model
}

fn source_of(model: &Model) -> String {
    let options = Options::default();
    let space = TypeSpace::new(model, &options);
    let tokens = emit(&space).expect("the runtime parses");
    super::super::format::format_tokens("operations", tokens).expect("the module parses")
}

#[test]
fn aws_json_services_name_the_operation_in_x_amz_target() {
    let mut model = model_with(&[]);
    let service = service(
        "AWSCognitoIdentityProviderService",
        Some(Protocol::AwsJson1_1),
        &["Op"],
    );
    let op = model.operations.get_mut(&id("Op")).unwrap();
    op.service = Some(service.id.clone());
    // awsJson ignores `@http`.
    op.http = Some(HttpBinding {
        method: "GET".into(),
        uri: "/ignored".into(),
        code: None,
    });
    model.services.insert(service.id.clone(), service);
    let options = Options::default();
    let space = TypeSpace::new(&model, &options);
    assert_eq!(
        wire_binding(&space, &model.operations[&id("Op")]),
        WireBinding::AwsJson {
            target: "AWSCognitoIdentityProviderService.Op".into(),
            content_type: "application/x-amz-json-1.1",
        }
    );
}

#[test]
fn http_bindings_apply_to_rest_json_and_to_operations_without_a_service() {
    for protocol in [Some(Protocol::RestJson1), None] {
        let mut model = model_with(&[]);
        let service = service("Svc", protocol, &["Op"]);
        let op = model.operations.get_mut(&id("Op")).unwrap();
        op.service = Some(service.id.clone());
        op.http = Some(HttpBinding {
            method: "PUT".into(),
            uri: "/widgets/{WidgetId}".into(),
            code: Some(201),
        });
        model.services.insert(service.id.clone(), service);
        let source = source_of(&model);
        assert!(
            source.contains("const BINDING: Binding = Binding::Http {"),
            "{source}"
        );
        assert!(source.contains("uri: \"/widgets/{WidgetId}\""), "{source}");
    }
    let source = source_of(&model_with(&[]));
    assert!(
        source.contains("const BINDING: Binding = Binding::None;"),
        "{source}"
    );
}

#[test]
fn missing_input_or_output_is_the_unit_struct() {
    let source = source_of(&model_with(&[]));
    assert!(
        source.contains("type Input = super::types::OpRequest;"),
        "{source}"
    );
    assert!(source.contains("type Output = Unit;"), "{source}");
}

#[test]
fn each_error_gets_a_variant_and_a_row_of_the_impls_table() {
    let source = source_of(&model_with(&[
        "UserNotFoundException",
        "ForbiddenException",
    ]));
    assert!(source.contains("pub enum OpError {"), "{source}");
    assert!(
        source.contains("UserNotFoundException(super::errors::UserNotFoundException),"),
        "{source}"
    );
    let table = "operation_error_impls! {\n    OpError for \"Op\" {\n        \
        UserNotFoundException(UserNotFoundException) \"UserNotFoundException\" \
        Some(\"message\");\n        \
        ForbiddenException(ForbiddenException) \"ForbiddenException\" \
        Some(\"message\");\n    }\n}\n";
    assert!(source.contains(table), "{source}");
}

#[test]
fn an_error_without_a_message_member_reads_none() {
    let mut model = model_with(&[]);
    let silent = error("Silent", vec![Member::new("Reason", string_id())]);
    model.shapes.insert(silent.id.clone(), silent);
    let op = model.operations.get_mut(&id("Op")).unwrap();
    op.errors.push(id("Silent"));
    let source = source_of(&model);
    assert!(
        source.contains("Silent(Silent) \"Silent\" None;"),
        "{source}"
    );
}

#[test]
fn the_impls_macro_is_in_the_module_once() {
    let source = source_of(&model_with(&["A", "B"]));
    assert_eq!(
        source.matches("macro_rules! operation_error_impls").count(),
        1,
        "{source}"
    );
    assert_eq!(
        source.matches("\noperation_error_impls! {").count(),
        1,
        "{source}"
    );
}

#[test]
fn names_that_clash_with_the_fixed_ones_get_a_suffix() {
    let model = model_with(&["Validation", "ValidationError", "Retryable", "Unhandled"]);
    let options = Options::default();
    let space = TypeSpace::new(&model, &options);
    let errors = modelled_errors(&space, &model.operations[&id("Op")]);
    let names: Vec<String> = errors.iter().map(|e| e.variant.to_string()).collect();
    assert_eq!(
        names,
        [
            "ValidationError",
            "ValidationErrorError",
            "Retryable",
            "UnhandledError"
        ]
    );
}

#[test]
fn only_large_error_structs_are_boxed() {
    let mut model = model_with(&["Small"]);
    let members = (0..6)
        .map(|i| Member::new(format!("Field{i}"), string_id()))
        .collect();
    let large = error("Large", members);
    model.shapes.insert(large.id.clone(), large);
    model
        .operations
        .get_mut(&id("Op"))
        .unwrap()
        .errors
        .push(id("Large"));
    let options = Options::default();
    let space = TypeSpace::new(&model, &options);
    assert!(estimated_size(&space, &id("Small")) <= BOX_THRESHOLD);
    assert!(estimated_size(&space, &id("Large")) > BOX_THRESHOLD);
    let source = source_of(&model);
    assert!(
        source.contains("Large(Box<super::errors::Large>),"),
        "{source}"
    );
    assert!(source.contains("Small(super::errors::Small),"), "{source}");
    // The table names the error type; the macro's conversions box it where the enum does.
    assert!(source.contains("Large(Large) \"Large\" None;"), "{source}");
}

#[test]
fn errors_that_are_not_error_structures_are_left_out() {
    let mut model = model_with(&["Real"]);
    let op = model.operations.get_mut(&id("Op")).unwrap();
    op.errors.push(id("Missing"));
    op.errors.push(id("OpRequest"));
    let options = Options::default();
    let space = TypeSpace::new(&model, &options);
    let errors = modelled_errors(&space, &model.operations[&id("Op")]);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].variant.to_string(), "Real");
}

#[test]
fn a_module_without_operations_has_no_impls_macro() {
    let mut model = model_with(&[]);
    model.operations.clear();
    let source = source_of(&model);
    assert!(source.contains("pub struct Unit {}"), "{source}");
    assert!(!source.contains("operation_error_impls"), "{source}");
}

#[test]
fn an_operation_without_errors_has_an_empty_impls_table() {
    let source = source_of(&model_with(&[]));
    assert!(
        source.contains("operation_error_impls! {\n    OpError for \"Op\" {}\n}\n"),
        "{source}"
    );
}

#[test]
fn runtime_types_lists_every_type_the_runtime_defines() {
    let file: syn::File = syn::parse2(runtime_tokens().unwrap()).expect("the runtime parses");
    let mut defined: Vec<String> = file
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Struct(s) => Some(s.ident.to_string()),
            syn::Item::Enum(e) => Some(e.ident.to_string()),
            syn::Item::Trait(t) => Some(t.ident.to_string()),
            syn::Item::Type(t) => Some(t.ident.to_string()),
            _ => None,
        })
        .collect();
    defined.sort();
    assert_eq!(defined, RUNTIME_TYPES);
}

#[test]
fn operation_names_that_clash_in_the_module_are_reported() {
    let mut model = model_with(&[]);
    for name in ["Unit", "OpError"] {
        let op = operation(name, &[]);
        model.operations.insert(op.id.clone(), op);
    }
    let options = Options::default();
    let space = TypeSpace::new(&model, &options);
    let errors = emit(&space).expect_err("clashing names");
    let messages: Vec<String> = errors.iter().map(|d| d.to_string()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(
        messages[0].contains("`OpError` in module `operations` is also used by operation `ns#Op`"),
        "{messages:?}"
    );
    assert!(
        messages[1]
            .contains("`Unit` in module `operations` is also used by the operations runtime"),
        "{messages:?}"
    );
}

#[test]
fn a_code_shared_by_two_namespaces_is_parsed_as_the_first_error() {
    let mut model = model_with(&["Gone"]);
    let mut other = error("Gone", vec![Member::new("message", string_id())]);
    other.id = ShapeId::new("other", "Gone");
    model.shapes.insert(other.id.clone(), other);
    let op = model.operations.get_mut(&id("Op")).unwrap();
    op.errors.push(ShapeId::new("other", "Gone"));
    op.errors.push(id("Gone"));
    let source = source_of(&model);
    assert!(source.contains("Gone(super::errors::Gone),"), "{source}");
    assert!(source.contains("Gone2(super::errors::Gone2),"), "{source}");
    // The macro's `parse` tries the rows in order: the first error's row comes first.
    let first = source.find("Gone(Gone) \"Gone\" Some(\"message\");");
    let second = source.find("Gone2(Gone2) \"Gone\" Some(\"message\");");
    assert!(first.is_some() && second.is_some(), "{source}");
    assert!(first < second, "{source}");
}
