//! Behaviour of the generated `errors` and `operations` modules, checked by compiling and running
//! them: a crate is generated into a temporary folder, `tests/generated_crate/behaviour.rs` is
//! added to it, and `cargo test` runs there once.
//!
//! The model: `schemas/smithy/cognito-resend-confirmation-code.json` (the Cognito
//! `ResendConfirmationCode` operation and its 15 errors, awsJson1_1) loaded by the Smithy front
//! end, plus a hand-built restJson1 service with the cases Cognito lacks: `@http` bindings, an
//! operation without input, output or errors, `@retryable` errors, a `Message` member, an error
//! large enough to be boxed and one named `Validation`.
//!
//! The generated crate's target folder is shared (`$CARGO_TARGET_DIR/generated-crates`, else
//! `<workspace>/target/generated-crates`) so its dependencies compile once. Set
//! `SHAPEGEN_KEEP_CRATE=<folder>` to generate into that folder and keep it (for clippy or rustdoc
//! by hand).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::model::{
    ErrorInfo, Fault, HttpBinding, Member, Model, Operation, Protocol, Retryable, Scalar, Service,
    Shape, ShapeId, ShapeKind, Structure,
};
use codegen::Options;

const WORKSPACE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
const COGNITO: &str = "com.amazonaws.cognitoidentityprovider";
const EDGE: &str = "shapegen.edge";

#[test]
fn generated_errors_and_operations_behave() {
    let model = model();
    let options = Options {
        crate_name: "generated".to_string(),
        ..Options::default()
    };
    let files = codegen::rust::generate_crate(&model, &options)
        .unwrap_or_else(|errors| panic!("generation failed:\n{errors:?}"));
    let temp = tempfile::tempdir().expect("temporary folder");
    let crate_dir = match std::env::var_os("SHAPEGEN_KEEP_CRATE") {
        Some(dir) => PathBuf::from(dir),
        None => temp.path().join("generated"),
    };
    codegen::writer::write(&files, &crate_dir).expect("the crate is written");
    add_test_files(&crate_dir);
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["test", "--quiet"])
        .current_dir(&crate_dir)
        .env("CARGO_TARGET_DIR", target_dir())
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "cargo test failed in the generated crate\n--- stdout\n{stdout}\n--- stderr\n{stderr}"
    );
    let passed = passed_counts(&stdout);
    assert!(
        passed.iter().any(|&n| n >= 15),
        "the behaviour tests should have run: {passed:?}\n{stdout}"
    );
}

/// `N passed` of every `test result:` line.
fn passed_counts(stdout: &str) -> Vec<usize> {
    stdout
        .lines()
        .filter_map(|line| line.strip_prefix("test result: ok. "))
        .filter_map(|rest| rest.split(' ').next()?.parse().ok())
        .collect()
}

fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => PathBuf::from(dir).join("generated-crates"),
        None => Path::new(WORKSPACE).join("target/generated-crates"),
    }
}

/// The behaviour tests, and the workspace's lock file so the crate builds with known versions.
fn add_test_files(crate_dir: &Path) {
    let tests = crate_dir.join("tests");
    fs::create_dir_all(&tests).expect("tests folder");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/generated_crate");
    fs::copy(fixtures.join("behaviour.rs"), tests.join("behaviour.rs")).expect("test file copied");
    fs::copy(
        Path::new(WORKSPACE).join("Cargo.lock"),
        crate_dir.join("Cargo.lock"),
    )
    .expect("lock file copied");
}

/// The Cognito schema as the Smithy front end loads it, plus the hand-built edge cases.
fn model() -> Model {
    let cognito = Path::new(WORKSPACE).join("schemas/smithy/cognito-resend-confirmation-code.json");
    let loaded = codegen::load_model(&[cognito], &Options::default())
        .unwrap_or_else(|errors| panic!("the Cognito schema loads:\n{errors}"));
    let mut model = loaded.model;
    let operation = &model.operations[&id(COGNITO, "ResendConfirmationCode")];
    assert_eq!(
        operation.errors.len(),
        15,
        "ResendConfirmationCode has 15 errors"
    );
    add_edge_cases(&mut model);
    model
}

fn id(namespace: &str, name: &str) -> ShapeId {
    ShapeId::new(namespace, name)
}

fn insert(model: &mut Model, shape: Shape) {
    model.shapes.insert(shape.id.clone(), shape);
}

fn scalar(model: &mut Model, id: ShapeId, scalar: Scalar) {
    insert(model, Shape::new(id, ShapeKind::Scalar(scalar)));
}

fn structure(id: ShapeId, members: Vec<Member>) -> Shape {
    Shape::new(
        id,
        ShapeKind::Structure(Structure {
            members,
            ..Default::default()
        }),
    )
}

fn required(name: &str, target: ShapeId) -> Member {
    let mut member = Member::new(name, target);
    member.required = true;
    member
}

fn string() -> ShapeId {
    id("smithy.api", "String")
}

fn service(id: ShapeId, protocol: Protocol, operations: &[&Operation]) -> Service {
    Service {
        id,
        version: None,
        protocol: Some(protocol),
        operations: operations.iter().map(|o| o.id.clone()).collect(),
        errors: Vec::new(),
        docs: None,
        source: Default::default(),
    }
}

fn operation(id: ShapeId, service: &ShapeId) -> Operation {
    Operation {
        id,
        input: None,
        output: None,
        errors: Vec::new(),
        docs: None,
        deprecated: None,
        http: None,
        service: Some(service.clone()),
        source: Default::default(),
    }
}

fn edge_error(model: &mut Model, name: &str, info: ErrorInfo, members: Vec<Member>) -> ShapeId {
    let mut shape = structure(id(EDGE, name), members);
    shape.error = Some(info);
    let shape_id = shape.id.clone();
    insert(model, shape);
    shape_id
}

fn client_error(http_status: Option<u16>, retryable: Option<Retryable>) -> ErrorInfo {
    ErrorInfo {
        fault: Fault::Client,
        http_status,
        retryable,
    }
}

/// A restJson1 service (its string and integer shapes come from the prelude the front end
/// loaded): `GetWidget` (`GET /widgets/{WidgetId}`, five errors) and `Ping`
/// (`POST /ping`, no input, output or errors).
fn add_edge_cases(model: &mut Model) {
    let integer = id("smithy.api", "Integer");
    scalar(model, integer.clone(), Scalar::Integer);
    scalar(model, string(), Scalar::String);
    let not_found = edge_error(
        model,
        "WidgetNotFound",
        client_error(Some(404), None),
        vec![
            Member::new("Message", string()),
            Member::new("WidgetId", string()),
        ],
    );
    let throttled = edge_error(
        model,
        "Throttled",
        client_error(Some(429), Some(Retryable { throttling: true })),
        vec![Member::new("retryAfterSeconds", integer)],
    );
    let unavailable = edge_error(
        model,
        "Unavailable",
        ErrorInfo {
            fault: Fault::Server,
            http_status: None,
            retryable: Some(Retryable { throttling: false }),
        },
        vec![required("message", string())],
    );
    let validation = edge_error(
        model,
        "Validation",
        client_error(None, None),
        vec![Member::new("message", string())],
    );
    let huge_members = ["message", "A", "B", "C", "D", "E", "F"]
        .into_iter()
        .map(|name| Member::new(name, string()))
        .collect();
    let huge = edge_error(model, "HugeError", client_error(None, None), huge_members);

    let service_id = id(EDGE, "EdgeService");
    let mut get = operation(id(EDGE, "GetWidget"), &service_id);
    get.input = Some(id(EDGE, "GetWidgetInput"));
    get.output = Some(id(EDGE, "GetWidgetOutput"));
    get.errors = vec![not_found, throttled, unavailable, validation, huge];
    get.http = Some(HttpBinding {
        method: "GET".into(),
        uri: "/widgets/{WidgetId}".into(),
        code: Some(200),
    });
    insert(
        model,
        structure(
            get.input.clone().unwrap(),
            vec![required("WidgetId", string())],
        ),
    );
    insert(
        model,
        structure(
            get.output.clone().unwrap(),
            vec![Member::new("Name", string())],
        ),
    );
    let mut ping = operation(id(EDGE, "Ping"), &service_id);
    ping.http = Some(HttpBinding {
        method: "POST".into(),
        uri: "/ping".into(),
        code: None,
    });
    let service = service(service_id, Protocol::RestJson1, &[&get, &ping]);
    model.services.insert(service.id.clone(), service);
    for op in [get, ping] {
        model.operations.insert(op.id.clone(), op);
    }
}
