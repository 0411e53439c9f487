//! OpenAPI operations: each method under `paths` → an [`Operation`].
//!
//! - name: `operationId`, else method and path (`get /pets/{id}` → `GetPetsId`);
//! - input: the request body's schema (`application/json`, else the first JSON-like media type,
//!   else the first with a schema; `$ref`s to `components/requestBodies` followed);
//! - output: the schema of the lowest `2xx` response (or `2XX`) that has one; the status of the
//!   lowest `2xx` response is the binding's success code;
//! - errors: every `4xx`/`5xx`/`4XX`/`5XX`/`default` response with a schema. The schema's shape
//!   becomes an error structure (an empty schema `{}` becomes an empty structure). One shape
//!   may be the error of many operations under different statuses: its `http_status` is the
//!   status when every use agrees, else none; its fault is `Server` when every use is `5xx`,
//!   `5XX` or `default`, else `Client`.
//! - `1xx`/`3xx` responses, parameters, headers and callbacks are not modelled.

use rustc_hash::FxHashMap;

use serde_json::Value;

use super::document::{DocId, Loc};
use super::lower::Lowerer;
use super::names;
use crate::model::{
    Deprecation, ErrorInfo, Fault, HttpBinding, Operation, ShapeId, ShapeKind, Structure,
};

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// One use of a shape as an operation error.
#[derive(Debug, Clone, Copy)]
struct ErrorUse {
    status: Option<u16>,
    fault: Fault,
}

/// Operations found in OpenAPI documents, with shapes still as placeholders.
#[derive(Debug, Default)]
pub struct Operations {
    /// Operation name → the operation (shape ids are placeholders until naming is done).
    pub operations: Vec<(String, Operation, Loc)>,
    errors: Vec<(ShapeId, ErrorUse, Loc)>,
}

impl Operations {
    /// Reads the operations of one OpenAPI document and requests their shapes.
    pub fn collect(&mut self, lowerer: &mut Lowerer, doc: DocId) {
        let store = lowerer.flattener.store;
        let Some(Value::Object(paths)) = store.docs[doc].root.get("paths") else {
            return;
        };
        for (path, item) in paths {
            let mut item_loc = Loc::new(doc, "/paths").child(path);
            if let Some(reference) = item.get("$ref").and_then(Value::as_str) {
                match lowerer
                    .flattener
                    .resolve(&item_loc, &item_loc.child("$ref"), reference)
                {
                    Some(target) => item_loc = target,
                    None => continue,
                }
            }
            for method in METHODS {
                let op_loc = item_loc.child(method);
                if lowerer
                    .flattener
                    .store
                    .value(&op_loc)
                    .is_some_and(Value::is_object)
                {
                    self.collect_operation(lowerer, path, method, op_loc);
                }
            }
        }
    }

    fn collect_operation(&mut self, lowerer: &mut Lowerer, path: &str, method: &str, at: Loc) {
        let store = lowerer.flattener.store;
        let Some(value) = store.value(&at) else {
            return;
        };
        let name = names::operation_name(Some(value), path, method);
        let text = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_string);
        let mut operation = Operation {
            id: ShapeId::new(super::NAMESPACE, &name),
            input: None,
            output: None,
            errors: Vec::new(),
            docs: text("description").or_else(|| text("summary")),
            deprecated: (value.get("deprecated") == Some(&Value::Bool(true)))
                .then(Deprecation::default),
            http: Some(HttpBinding {
                method: method.to_ascii_uppercase(),
                uri: path.to_string(),
                code: None,
            }),
            service: None,
            source: store.source_ref(&at),
        };
        if let Some(body) = request_body_schema(lowerer, &at) {
            operation.input = Some(body_shape(lowerer, &body));
        }
        let mut statuses: Vec<(String, Loc)> = value
            .get("responses")
            .and_then(Value::as_object)
            .map(|r| {
                r.keys()
                    .map(|k| (k.clone(), at.child("responses").child(k)))
                    .collect()
            })
            .unwrap_or_default();
        statuses.sort_by_key(|(status, _)| status_order(status));
        for (status, loc) in statuses {
            let class = status.chars().next().unwrap_or('0');
            if class == '2' {
                if let Some(http) = &mut operation.http {
                    if http.code.is_none() {
                        http.code = status.parse().ok();
                    }
                }
            }
            let Some(schema) = response_schema(lowerer, &loc) else {
                continue;
            };
            match class {
                '2' if operation.output.is_none() => {
                    operation.output = Some(body_shape(lowerer, &schema));
                }
                '4' | '5' | 'd' => {
                    let id = body_shape(lowerer, &schema);
                    let fault = if class == '4' {
                        Fault::Client
                    } else {
                        Fault::Server
                    };
                    let status = status.parse().ok();
                    self.errors
                        .push((id.clone(), ErrorUse { status, fault }, schema));
                    if !operation.errors.contains(&id) {
                        operation.errors.push(id);
                    }
                }
                _ => {}
            }
        }
        self.operations.push((name, operation, at));
    }

    /// Turns every shape used as an error into an error structure (see the module docs).
    pub fn mark_errors(&self, lowerer: &mut Lowerer) {
        let mut uses: Vec<(ShapeId, Vec<ErrorUse>, Loc)> = Vec::new();
        let mut position: FxHashMap<ShapeId, usize> = FxHashMap::default();
        for (id, error_use, loc) in &self.errors {
            let at = *position.entry(id.clone()).or_insert_with(|| {
                uses.push((id.clone(), Vec::new(), loc.clone()));
                uses.len() - 1
            });
            uses[at].1.push(*error_use);
        }
        for (id, error_uses, loc) in uses {
            let info = error_info(&error_uses);
            let mut problem = None;
            lowerer.update_shape(&id, |shape| {
                match &shape.kind {
                    ShapeKind::Document => {
                        shape.kind = ShapeKind::Structure(Structure::default());
                    }
                    ShapeKind::Structure(_) => {}
                    _ => problem = Some(shape.id.clone()),
                }
                shape.error = Some(info);
            });
            let not_a_shape = lowerer.shape(&id).is_none();
            if problem.is_some() || not_a_shape {
                let message =
                    "an error response's schema must be an object (it becomes an error structure)";
                let error = lowerer.flattener.store.error(&loc, message);
                lowerer.flattener.diagnostics.push(error);
            }
        }
    }
}

/// The error details agreed by every use of one error shape.
fn error_info(uses: &[ErrorUse]) -> ErrorInfo {
    let first = uses.first().and_then(|u| u.status);
    let agreed = uses.iter().all(|u| u.status == first);
    let server = uses.iter().all(|u| u.fault == Fault::Server);
    ErrorInfo {
        fault: if server { Fault::Server } else { Fault::Client },
        http_status: if agreed { first } else { None },
        retryable: None,
    }
}

/// Sorts numeric statuses first, in order, then ranges (`2XX`), then `default`.
fn status_order(status: &str) -> (u8, String) {
    match status {
        s if s.parse::<u16>().is_ok() => (0, s.to_string()),
        "default" => (2, String::new()),
        s => (1, s.to_ascii_uppercase()),
    }
}

/// The shape of a request or response body: the referenced shape for a `$ref`, else a shape of
/// its own named after the operation.
fn body_shape(lowerer: &mut Lowerer, schema: &Loc) -> ShapeId {
    let store = lowerer.flattener.store;
    let reference = store
        .value(schema)
        .and_then(|v| v.get("$ref"))
        .and_then(Value::as_str)
        .map(str::to_string);
    if let Some(reference) = reference {
        if lowerer
            .flattener
            .named_ref(std::slice::from_ref(schema))
            .is_some()
        {
            return match lowerer.flattener.follow_aliases(schema, &reference) {
                Some(target) => lowerer.request(vec![target], None),
                None => super::lower::prelude_document(),
            };
        }
    }
    lowerer.request(vec![schema.clone()], None)
}

fn request_body_schema(lowerer: &mut Lowerer, operation: &Loc) -> Option<Loc> {
    let body = follow_object_ref(lowerer, &operation.child("requestBody"))?;
    media_schema(lowerer, &body)
}

fn response_schema(lowerer: &mut Lowerer, response: &Loc) -> Option<Loc> {
    let response = follow_object_ref(lowerer, response)?;
    media_schema(lowerer, &response)
}

/// An OpenAPI object that may be a `$ref` (to `components/responses` and the like).
fn follow_object_ref(lowerer: &mut Lowerer, at: &Loc) -> Option<Loc> {
    let mut at = at.clone();
    for _ in 0..16 {
        let value = lowerer.flattener.store.value(&at)?;
        let Some(reference) = value.get("$ref").and_then(Value::as_str) else {
            return Some(at);
        };
        let reference = reference.to_string();
        at = lowerer
            .flattener
            .resolve(&at, &at.child("$ref"), &reference)?;
    }
    let message = "too many `$ref`s in a row (a cycle?)";
    let error = lowerer.flattener.store.error(&at, message);
    lowerer.flattener.diagnostics.push(error);
    None
}

/// The schema of `application/json` content, else the first JSON-like media type, else the
/// first media type with a schema.
fn media_schema(lowerer: &Lowerer, holder: &Loc) -> Option<Loc> {
    let store = lowerer.flattener.store;
    let content = store.value(&holder.child("content"))?.as_object()?;
    let with_schema: Vec<&String> = content
        .iter()
        .filter(|(_, media)| media.get("schema").is_some())
        .map(|(k, _)| k)
        .collect();
    let chosen = with_schema
        .iter()
        .find(|k| k.as_str() == "application/json")
        .or_else(|| with_schema.iter().find(|k| k.contains("json")))
        .or_else(|| with_schema.first())?;
    Some(holder.child("content").child(chosen).child("schema"))
}
