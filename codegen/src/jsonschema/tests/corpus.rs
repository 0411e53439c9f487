//! The shared corpus (`../shared/corpus`): the Cognito user pools API as 433 split JSON Schema
//! files, as OpenAPI 3.0 YAML, and as one bundled JSON Schema. Skipped, with a note, when the
//! corpus is absent.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{id, member, shape};
use crate::diagnostics::{Diagnostics, Severity};
use crate::input::{read_inputs, Source};
use crate::jsonschema::load;
use crate::model::{Fault, Model, ShapeKind};
use crate::{Loaded, Options};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus");

fn corpus(path: &str) -> Option<PathBuf> {
    let full = Path::new(CORPUS).join(path);
    if full.exists() {
        Some(full)
    } else {
        eprintln!("note: {} is absent; corpus test skipped", full.display());
        None
    }
}

fn load_paths(paths: &[PathBuf], options: &Options) -> Result<Loaded, Diagnostics> {
    let sources: Vec<Source> = read_inputs(paths).expect("corpus files are readable");
    let refs: Vec<&Source> = sources.iter().collect();
    load(&refs, options)
}

const SPLIT: &str = "cognito-json-schema";
const OPENAPI: &str = "openapi/amazon-cognito-user-pools-openapi.yml";
const BUNDLED: &str = "openapi/cognito-user-pools-bundled.schema.json";
const MISSING: [&str; 2] = [
    "PreventUserExistenceErrorTypes",
    "RiskExceptionConfigurationType",
];

fn schema_shapes(model: &Model) -> usize {
    model
        .shapes
        .keys()
        .filter(|id| id.namespace() == "schema")
        .count()
}

#[test]
fn split_files_alone_report_exactly_the_two_missing_references() {
    let Some(split) = corpus(SPLIT) else { return };
    let errors = load_paths(&[split], &Options::default()).expect_err("two refs are missing");
    let errors: Vec<_> = errors
        .iter()
        .filter(|e| e.severity == Severity::Error)
        .collect();
    for error in &errors {
        eprintln!("{error}");
    }
    assert_eq!(errors.len(), 2);
    for (error, name) in errors.iter().zip(MISSING) {
        assert!(
            error
                .message
                .contains(&format!("#/components/schemas/{name}")),
            "{error}"
        );
        assert!(error.location.ends_with("/$ref"), "{error}");
        assert!(
            error.file.ends_with(".json") && error.line_col.is_some(),
            "{error}"
        );
    }
}

#[test]
fn split_files_with_allow_unresolved_refs_load_with_two_warnings() {
    let Some(split) = corpus(SPLIT) else { return };
    let options = Options {
        allow_unresolved_refs: true,
        ..Options::default()
    };
    let loaded = load_paths(&[split], &options).expect("loads with warnings");
    let warnings: Vec<_> = loaded.warnings.warnings().collect();
    for warning in &warnings {
        eprintln!("{warning}");
    }
    assert_eq!(warnings.len(), 2);
    assert!(warnings
        .iter()
        .zip(MISSING)
        .all(|(w, name)| w.message.contains(name)));
    let model = &loaded.model;
    eprintln!("split files: {} shapes", schema_shapes(model));
    let request = shape(model, "ResendConfirmationCodeRequest");
    let client_id = member(request, "ClientId");
    assert_eq!(client_id.target, id("ClientIdType"));
    assert!(client_id.required);
    assert_eq!(
        client_id.docs.as_deref(),
        Some("The ID of the client associated with the user pool.")
    );
    assert!(shape(model, "ClientIdType").sensitive);
}

/// Every property of the split files that has a description (its own or in an `allOf`
/// branch) keeps it as the member's docs.
#[test]
fn split_files_keep_every_property_description_as_member_docs() {
    let Some(split) = corpus(SPLIT) else { return };
    let options = Options {
        allow_unresolved_refs: true,
        ..Options::default()
    };
    let loaded = load_paths(std::slice::from_ref(&split), &options).unwrap();
    let sources = read_inputs(&[split]).unwrap();
    let mut described = 0;
    let mut kept = 0;
    for source in &sources {
        let root: Value = serde_json::from_str(&source.text).unwrap();
        let Some(title) = root.get("title").and_then(Value::as_str) else {
            continue;
        };
        let Some(properties) = root.get("properties").and_then(Value::as_object) else {
            continue;
        };
        let name = crate::jsonschema::names::identifier(title);
        let structure = shape(&loaded.model, &name);
        for (property, schema) in properties {
            if description_of(schema).is_some() {
                described += 1;
                if member(structure, property).docs.as_deref() == description_of(schema) {
                    kept += 1;
                }
            }
        }
    }
    eprintln!("member docs kept: {kept} of {described} described properties");
    assert!(described > 800);
    assert_eq!(kept, described);
}

fn description_of(schema: &Value) -> Option<&str> {
    schema
        .get("description")
        .and_then(Value::as_str)
        .or_else(|| {
            schema
                .get("allOf")?
                .as_array()?
                .iter()
                .find_map(|b| b.get("description").and_then(Value::as_str))
        })
}

#[test]
fn split_files_with_the_openapi_document_resolve_everything() {
    let (Some(split), Some(openapi)) = (corpus(SPLIT), corpus(OPENAPI)) else {
        return;
    };
    let loaded = load_paths(&[split, openapi], &Options::default()).expect("everything resolves");
    let warnings: Vec<_> = loaded.warnings.warnings().collect();
    for warning in &warnings {
        eprintln!("{warning}");
    }
    assert!(
        warnings.is_empty(),
        "every split file equals its OpenAPI definition"
    );
    let model = &loaded.model;
    eprintln!(
        "split + OpenAPI: {} shapes, {} operations",
        schema_shapes(model),
        model.operations.len()
    );
    for name in MISSING {
        shape(model, name);
    }
    assert_eq!(model.operations.len(), 103);
    assert!(
        model.shape(&id("ClientIdType2")).is_none(),
        "equal definitions are merged"
    );
}

#[test]
fn the_openapi_document_alone_has_103_operations_with_their_errors() {
    let Some(openapi) = corpus(OPENAPI) else {
        return;
    };
    let loaded = load_paths(&[openapi], &Options::default()).expect("the OpenAPI document loads");
    let model = &loaded.model;
    eprintln!(
        "OpenAPI: {} shapes, {} operations, {} warnings",
        schema_shapes(model),
        model.operations.len(),
        loaded.warnings.iter().count()
    );
    assert_eq!(model.operations.len(), 103);
    let resend = &model.operations[&id("ResendConfirmationCode")];
    assert_eq!(resend.errors.len(), 15);
    assert_eq!(resend.input, Some(id("ResendConfirmationCodeRequest")));
    assert_eq!(resend.output, Some(id("ResendConfirmationCodeResponse")));
    let http = resend.http.as_ref().unwrap();
    assert_eq!(http.method, "POST");
    assert!(http.uri.ends_with("ResendConfirmationCode"));
    for error in &resend.errors {
        let info = shape(model, error.name()).error.as_ref();
        assert!(info.is_some(), "{error} is an error shape");
    }
    let request = shape(model, "ResendConfirmationCodeRequest");
    let client_id = member(request, "ClientId");
    assert_eq!(client_id.target, id("ClientIdType"));
    assert!(client_id.required);
    assert_eq!(
        client_id.docs.as_deref(),
        Some("The ID of the client associated with the user pool.")
    );
    let client_id_type = shape(model, "ClientIdType");
    assert!(client_id_type.sensitive);
    assert!(matches!(
        client_id_type.kind,
        ShapeKind::Scalar(crate::model::Scalar::String)
    ));
    let error_info = |name: &str| shape(model, name).error.clone().unwrap();
    let single_use = error_info("DuplicateProviderException");
    assert_eq!(
        (single_use.fault, single_use.http_status),
        (Fault::Client, Some(481))
    );
    let mixed = error_info("ForbiddenException");
    assert_eq!((mixed.fault, mixed.http_status), (Fault::Client, None));
    let errors: usize = model.operations.values().map(|o| o.errors.len()).sum();
    assert!(errors > 103);
    assert_eq!(schema_shapes(model), 475);
}

#[test]
fn the_bundled_schema_has_one_shape_per_definition() {
    let Some(bundled) = corpus(BUNDLED) else {
        return;
    };
    let loaded = load_paths(&[bundled], &Options::default()).expect("the bundled schema loads");
    let model = &loaded.model;
    eprintln!(
        "bundled: {} shapes, {} warnings",
        schema_shapes(model),
        loaded.warnings.iter().count()
    );
    assert_eq!(schema_shapes(model), 475);
    let client_id = member(shape(model, "ResendConfirmationCodeRequest"), "ClientId");
    assert_eq!(client_id.target, id("ClientIdType"));
    let text = std::fs::read_to_string(corpus(BUNDLED).unwrap()).unwrap();
    let root: Value = serde_json::from_str(&text).unwrap();
    let described = root["$defs"]
        .as_object()
        .unwrap()
        .values()
        .filter_map(|d| d.get("properties").and_then(Value::as_object))
        .flat_map(|p| p.values())
        .filter(|schema| description_of(schema).is_some())
        .count();
    let documented = model
        .shapes
        .values()
        .filter_map(|s| match &s.kind {
            ShapeKind::Structure(s) => Some(s.members.iter().filter(|m| m.docs.is_some()).count()),
            _ => None,
        })
        .sum::<usize>();
    eprintln!("bundled: {documented} member docs for {described} described properties");
    assert_eq!(documented, described);
}
