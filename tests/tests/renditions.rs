//! The project's own Smithy model is written twice: as JSON AST (`schemas/smithy`, what
//! `cargo xtask codegen` reads) and as IDL (`schemas/idl`). Both renditions must resolve to the
//! same model: same shapes, operations and services, with everything but the source locations
//! equal.

use std::path::PathBuf;

use codegen::model::{Member, Model, ShapeKind, SourceRef};
use codegen::Options;

const MODEL_NAME: &str = "cognito-resend-confirmation-code";

fn schema(folder: &str, extension: &str) -> PathBuf {
    xtask::workspace_root()
        .join("schemas")
        .join(folder)
        .join(format!("{MODEL_NAME}.{extension}"))
}

fn load(path: PathBuf) -> Model {
    match codegen::load_model(std::slice::from_ref(&path), &Options::default()) {
        Ok(loaded) => without_sources(loaded.model),
        Err(diagnostics) => panic!("{} does not load:\n{diagnostics}", path.display()),
    }
}

/// The model with every `source` field cleared (the renditions differ there by design).
fn without_sources(mut model: Model) -> Model {
    for shape in model.shapes.values_mut() {
        shape.source = SourceRef::default();
        for member in members_mut(&mut shape.kind) {
            member.source = SourceRef::default();
        }
    }
    for operation in model.operations.values_mut() {
        operation.source = SourceRef::default();
    }
    for service in model.services.values_mut() {
        service.source = SourceRef::default();
    }
    model
}

fn members_mut(kind: &mut ShapeKind) -> Vec<&mut Member> {
    match kind {
        ShapeKind::Structure(structure) => structure.members.iter_mut().collect(),
        ShapeKind::Union(union) => union.members.iter_mut().collect(),
        ShapeKind::List(item) => vec![item.as_mut()],
        ShapeKind::Map { key, value } => vec![key.as_mut(), value.as_mut()],
        ShapeKind::Enum(_) | ShapeKind::IntEnum(_) | ShapeKind::Scalar(_) | ShapeKind::Document => {
            Vec::new()
        }
    }
}

#[test]
fn idl_rendition_resolves_to_the_json_ast_model() {
    let json = load(schema("smithy", "json"));
    let idl = load(schema("idl", "smithy"));
    assert!(
        json.shapes.len() > 20 && !json.operations.is_empty() && !json.services.is_empty(),
        "the JSON AST model is unexpectedly small"
    );
    assert_eq!(
        json.shapes.keys().collect::<Vec<_>>(),
        idl.shapes.keys().collect::<Vec<_>>(),
        "shape ids differ"
    );
    for (id, shape) in &json.shapes {
        assert_eq!(Some(shape), idl.shapes.get(id), "shape {id} differs");
    }
    assert_eq!(json.operations, idl.operations, "operations differ");
    assert_eq!(json.services, idl.services, "services differ");
}
