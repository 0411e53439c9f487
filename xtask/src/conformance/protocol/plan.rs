//! Decides, for each test case, what the generated code is asked to do (the [`Check`]s) or why
//! the case is skipped, and judges the runner's answers.
//!
//! A JSON-body case checks both directions: the params, converted to their wire form, are read
//! into the generated type and written out again, which must give the body; and the body, read
//! into the type and written out, must give the params. A case that `appliesTo` clients or
//! servers only checks the direction that side performs (clients write requests and read
//! responses). A response case on an error structure
//! goes through the generated `<Operation>Error::parse` of an operation that returns the error.
//! A malformed-request case reads the body with `FromJson::from_json` and compares the
//! violations (path and message) with the expected `ValidationException`'s `fieldList`.

use std::collections::BTreeSet;

use codegen::model::{HttpMemberBinding, Model, Operation, ShapeId, ShapeKind};
use serde_json::{json, Value};

use super::cases::{Direction, HttpCase, MalformedCase};
use super::wire::Wire;

/// The runner's key for the empty structure of operations without input or output.
pub const UNIT: &str = "smithy.api#Unit";

/// One thing the generated runner does.
#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    /// Read wire params into `shape`'s type and write it out; compare with `expected`.
    Serialize {
        /// The structure (or [`UNIT`]).
        shape: String,
        /// The params in wire form.
        params: Value,
        /// The expected body.
        expected: Value,
    },
    /// Read `body` into `shape`'s type and write it out; compare with `expected`. A response
    /// body is read with the generated `operations::read_output`.
    Deserialize {
        /// The structure (or [`UNIT`]).
        shape: String,
        /// The body text.
        body: String,
        /// Whether the body is a response's.
        response: bool,
        /// The params in wire form.
        expected: Value,
    },
    /// `<operation>Error::parse(status, header, body)` must give `error` with `expected`.
    Dispatch {
        /// The operation.
        operation: String,
        /// The error structure.
        error: String,
        /// The status code.
        status: u16,
        /// The `X-Amzn-Errortype` header, if the case sends one.
        header: Option<String>,
        /// The body text.
        body: String,
        /// The error's members in wire form.
        expected: Value,
    },
    /// `FromJson::from_json(body)` on `shape` must report exactly `expected` (path, message).
    Validate {
        /// The input structure.
        shape: String,
        /// The body text.
        body: String,
        /// The expected violations, sorted.
        expected: Vec<(String, String)>,
    },
}

impl Check {
    /// The runner's dispatch key: what to do, with which type.
    pub fn key(&self) -> String {
        match self {
            Check::Serialize { shape, .. } => format!("ser:{shape}"),
            Check::Deserialize {
                shape,
                response: true,
                ..
            } => format!("out:{shape}"),
            Check::Deserialize { shape, .. } => format!("de:{shape}"),
            Check::Dispatch { operation, .. } => format!("err:{operation}"),
            Check::Validate { shape, .. } => format!("val:{shape}"),
        }
    }

    /// What the runner is given.
    pub fn input(&self) -> Value {
        match self {
            Check::Serialize { params, .. } => params.clone(),
            Check::Deserialize { body, .. } | Check::Validate { body, .. } => json!(body),
            Check::Dispatch {
                status,
                header,
                body,
                ..
            } => json!({"status": status, "header": header, "body": body}),
        }
    }

    /// Judges the runner's answer (`Err` is the runner's own error text).
    pub fn judge(&self, wire: &Wire<'_>, answer: Result<&Value, &str>) -> Result<(), String> {
        let answer = answer.map_err(str::to_string)?;
        match self {
            Check::Serialize {
                shape, expected, ..
            } => {
                compare(wire, shape, expected, answer).map_err(|e| format!("serialized body: {e}"))
            }
            Check::Deserialize {
                shape, expected, ..
            } => compare(wire, shape, expected, answer)
                .map_err(|e| format!("deserialized params: {e}")),
            Check::Dispatch {
                error, expected, ..
            } => {
                let variant = answer.get("error").and_then(Value::as_str).unwrap_or("");
                if variant != error {
                    return Err(format!("parse gave `{variant}`, expected `{error}`"));
                }
                let value = answer.get("value").unwrap_or(&Value::Null);
                compare(wire, error, expected, value).map_err(|e| format!("error members: {e}"))
            }
            Check::Validate { expected, .. } => {
                let actual = violations(answer);
                if &actual == expected {
                    Ok(())
                } else {
                    Err(format!("expected {expected:?}, got {actual:?}"))
                }
            }
        }
    }
}

fn compare(wire: &Wire<'_>, shape: &str, expected: &Value, actual: &Value) -> Result<(), String> {
    match ShapeId::parse(shape) {
        Some(id) => wire.compare(&id, expected, actual),
        None => Err(format!("bad shape id `{shape}`")),
    }
}

/// The (path, message) pairs of a runner's validation answer, sorted.
fn violations(answer: &Value) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = answer
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|v| {
                    let field = |name| {
                        v.get(name)
                            .and_then(Value::as_str)
                            .unwrap_or("")
                            .to_string()
                    };
                    (field("path"), field("message"))
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// What to do with one case.
#[derive(Debug, Clone, PartialEq)]
pub enum Plan {
    /// Run these checks; the case passes when all pass.
    Run(Vec<Check>),
    /// Not run, for this reason.
    Skip(String),
}

/// Plans cases of one protocol's model.
pub struct Planner<'m> {
    model: &'m Model,
    wire: Wire<'m>,
    protocol: &'m str,
}

impl<'m> Planner<'m> {
    /// A planner for cases of `protocol` (a shape id) over `model`.
    pub fn new(model: &'m Model, protocol: &'m str) -> Self {
        Planner {
            model,
            wire: Wire::new(model),
            protocol,
        }
    }

    /// The plan of one request or response case.
    pub fn plan_http(&self, case: &HttpCase) -> Plan {
        match self.try_plan_http(case) {
            Ok(checks) => Plan::Run(checks),
            Err(reason) => Plan::Skip(reason),
        }
    }

    fn try_plan_http(&self, case: &HttpCase) -> Result<Vec<Check>, String> {
        if case.protocol != self.protocol {
            return Err(format!("protocol {}", case.protocol));
        }
        let owner = ShapeId::parse(&case.owner).ok_or_else(|| format!("bad id {}", case.owner))?;
        if let Some(media) = &case.media_type {
            if media != "application/json" {
                return Err(format!("body media type {media}"));
            }
        }
        let error = self.model.shape(&owner).filter(|s| s.error.is_some());
        let target = match (error, case.direction) {
            (Some(_), _) => Some(owner.clone()),
            (None, Direction::Request) => self.operation(&owner)?.input.clone(),
            (None, Direction::Response) => self.operation(&owner)?.output.clone(),
        };
        if let Some(target) = &target {
            self.check_body_bound(target, &case.params)?;
        }
        let shape = target.as_ref().map_or(UNIT.to_string(), ShapeId::to_string);
        let params = match &target {
            Some(target) => self
                .wire
                .to_wire(target, &case.params)
                .map_err(|e| format!("params: {e}"))?,
            None => json!({}),
        };
        // A response without a body reads as an empty structure (what the generated
        // `read_output` and `ErrorResponse` do); a request's empty body is an HTTP binding rule.
        let body = case.body.clone().unwrap_or_default();
        let empty = body.trim().is_empty();
        if error.is_some() {
            let operation = self.operation_returning(&owner)?;
            let header = case.headers.get("x-amzn-errortype").cloned();
            return Ok(vec![Check::Dispatch {
                operation: operation.id.to_string(),
                error: shape,
                status: case.code.unwrap_or(400),
                header,
                body,
                expected: params,
            }]);
        }
        let (writes, reads) = sides(case);
        let response = case.direction == Direction::Response;
        let mut checks = Vec::new();
        if writes && !empty {
            let expected: Value =
                serde_json::from_str(&body).map_err(|e| format!("body is not JSON: {e}"))?;
            checks.push(Check::Serialize {
                shape: shape.clone(),
                params: params.clone(),
                expected,
            });
        }
        if reads && (response || !empty) {
            checks.push(Check::Deserialize {
                shape,
                body,
                response,
                expected: params,
            });
        }
        if checks.is_empty() {
            return Err(match case.body {
                None => "asserts no body".to_string(),
                Some(_) => "empty body (decided by HTTP bindings)".to_string(),
            });
        }
        Ok(checks)
    }

    fn operation(&self, id: &ShapeId) -> Result<&'m Operation, String> {
        self.model
            .operations
            .get(id)
            .ok_or_else(|| format!("`{id}` is neither an operation nor an error"))
    }

    fn operation_returning(&self, error: &ShapeId) -> Result<&'m Operation, String> {
        self.model
            .operations
            .values()
            .find(|op| op.errors.contains(error))
            .ok_or_else(|| "no operation returns the error".to_string())
    }

    /// Fails with the skip reason when the case sets members outside the JSON body (HTTP
    /// bindings), or the structure streams.
    fn check_body_bound(&self, target: &ShapeId, params: &Value) -> Result<(), String> {
        let Some(ShapeKind::Structure(structure)) = self.model.shape(target).map(|s| &s.kind)
        else {
            return Ok(());
        };
        let set: BTreeSet<&str> = params
            .as_object()
            .map(|m| {
                m.iter()
                    .filter(|(_, value)| !value.is_null())
                    .map(|(key, _)| key.as_str())
                    .collect()
            })
            .unwrap_or_default();
        for member in &structure.members {
            let streams = self
                .model
                .shape(&member.target)
                .is_some_and(|s| s.streaming);
            if streams {
                let kind = match self.model.shape(&member.target).map(|s| &s.kind) {
                    Some(ShapeKind::Union(_)) => "event streams",
                    _ => "streaming",
                };
                return Err(kind.to_string());
            }
            match &member.http_binding {
                Some(HttpMemberBinding::Payload) => {
                    return Err("needs HTTP bindings (payload)".to_string())
                }
                Some(binding) if set.contains(member.name.as_str()) => {
                    return Err(format!("needs HTTP bindings ({})", binding_name(binding)))
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The plan of one malformed-request case whose expected response is a validation error.
    pub fn plan_malformed(&self, case: &MalformedCase) -> Plan {
        match self.try_plan_malformed(case) {
            Ok(check) => Plan::Run(vec![check]),
            Err(reason) => Plan::Skip(reason),
        }
    }

    fn try_plan_malformed(&self, case: &MalformedCase) -> Result<Check, String> {
        if case.protocol != self.protocol {
            return Err(format!("protocol {}", case.protocol));
        }
        if !case.query_params.is_empty() {
            return Err("needs HTTP bindings (query string)".to_string());
        }
        if case.headers.keys().any(|h| h != "content-type") {
            return Err("needs HTTP bindings (headers)".to_string());
        }
        let owner = ShapeId::parse(&case.owner).ok_or_else(|| format!("bad id {}", case.owner))?;
        let input = self
            .operation(&owner)?
            .input
            .clone()
            .ok_or("operation has no input")?;
        let body = case.body.clone().ok_or("no request body")?;
        let expected = case
            .expected_body
            .as_deref()
            .ok_or("no expected response body")?;
        let expected: Value =
            serde_json::from_str(expected).map_err(|e| format!("expected body: {e}"))?;
        let mut fields: Vec<(String, String)> = expected
            .get("fieldList")
            .and_then(Value::as_array)
            .ok_or("expected body has no fieldList")?
            .iter()
            .map(|f| {
                let field = |name| {
                    f.get(name)
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_string()
                };
                (field("path"), field("message"))
            })
            .collect();
        fields.sort();
        Ok(Check::Validate {
            shape: input.to_string(),
            body,
            expected: fields,
        })
    }
}

/// Which directions a case tests: (params → body, body → params). A case for clients only
/// tests what clients do (write requests, read responses), one for servers the reverse; a case
/// for both tests both.
fn sides(case: &HttpCase) -> (bool, bool) {
    let writer = match case.direction {
        Direction::Request => "client",
        Direction::Response => "server",
    };
    match case.applies_to.as_deref() {
        Some(side) if side == writer => (true, false),
        Some(_) => (false, true),
        None => (true, true),
    }
}

fn binding_name(binding: &HttpMemberBinding) -> &'static str {
    match binding {
        HttpMemberBinding::Header(_) | HttpMemberBinding::PrefixHeaders(_) => "headers",
        HttpMemberBinding::Query(_) | HttpMemberBinding::QueryParams => "query string",
        HttpMemberBinding::Label => "labels",
        HttpMemberBinding::Payload => "payload",
        HttpMemberBinding::ResponseCode => "response code",
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::PathBuf;

    use codegen::model::{Member, Operation, Scalar, Shape, Structure};
    use serde_json::json;

    use super::*;

    const PROTOCOL: &str = "aws.protocols#restJson1";

    fn id(name: &str) -> ShapeId {
        ShapeId::new("ns", name)
    }

    /// An operation `Op` whose input has a body member `name`, a header member `token` and a
    /// blob member `data`; an error `Oops` with a `message`.
    fn model() -> Model {
        let mut model = Model::default();
        let string = ShapeId::new("smithy.api", "String");
        let blob = ShapeId::new("smithy.api", "Blob");
        model.shapes.insert(
            string.clone(),
            Shape::new(string.clone(), ShapeKind::Scalar(Scalar::String)),
        );
        model.shapes.insert(
            blob.clone(),
            Shape::new(blob.clone(), ShapeKind::Scalar(Scalar::Blob)),
        );
        let mut name = Member::new("name", string.clone());
        name.wire_name = "Name".to_string();
        let mut token = Member::new("token", string.clone());
        token.http_binding = Some(HttpMemberBinding::Header("X-Token".to_string()));
        let data = Member::new("data", blob);
        let input = Structure {
            members: vec![name, token, data],
            ..Structure::default()
        };
        model.shapes.insert(
            id("Input"),
            Shape::new(id("Input"), ShapeKind::Structure(input)),
        );
        let mut error = Shape::new(
            id("Oops"),
            ShapeKind::Structure(Structure {
                members: vec![Member::new("message", string)],
                ..Structure::default()
            }),
        );
        error.error = Some(codegen::model::ErrorInfo {
            fault: codegen::model::Fault::Client,
            http_status: None,
            retryable: None,
        });
        model.shapes.insert(id("Oops"), error);
        model.operations.insert(
            id("Op"),
            Operation {
                id: id("Op"),
                input: Some(id("Input")),
                output: None,
                errors: vec![id("Oops")],
                docs: None,
                deprecated: None,
                http: None,
                service: None,
                source: Default::default(),
            },
        );
        model
    }

    fn case(owner: &str, direction: Direction, body: Option<&str>, params: Value) -> HttpCase {
        HttpCase {
            id: "Case".to_string(),
            file: PathBuf::from("t.smithy"),
            owner: format!("ns#{owner}"),
            direction,
            protocol: PROTOCOL.to_string(),
            body: body.map(str::to_string),
            media_type: Some("application/json".to_string()),
            params,
            headers: BTreeMap::new(),
            code: Some(400),
            applies_to: None,
        }
    }

    #[test]
    fn body_case_checks_both_directions_with_wire_params() {
        let model = model();
        let planner = Planner::new(&model, PROTOCOL);
        let body = r#"{"Name":"a","data":"aGk="}"#;
        let plan = planner.plan_http(&case(
            "Op",
            Direction::Request,
            Some(body),
            json!({"name": "a", "data": "hi", "token": null}),
        ));
        let Plan::Run(checks) = plan else {
            panic!("not run: {plan:?}")
        };
        assert_eq!(checks.len(), 2);
        assert_eq!(checks[0].key(), "ser:ns#Input");
        assert_eq!(checks[0].input(), json!({"Name": "a", "data": "aGk="}));
        assert_eq!(checks[1].key(), "de:ns#Input");
    }

    #[test]
    fn members_bound_to_http_are_skipped_with_the_reason() {
        let model = model();
        let planner = Planner::new(&model, PROTOCOL);
        let plan = planner.plan_http(&case(
            "Op",
            Direction::Request,
            Some("{}"),
            json!({"token": "t"}),
        ));
        assert_eq!(
            plan,
            Plan::Skip("needs HTTP bindings (headers)".to_string())
        );
    }

    #[test]
    fn client_cases_check_only_what_clients_do() {
        let mut request = case("Op", Direction::Request, Some("{}"), json!({}));
        request.applies_to = Some("client".to_string());
        assert_eq!(sides(&request), (true, false));
        request.applies_to = Some("server".to_string());
        assert_eq!(sides(&request), (false, true));
        let mut response = case("Op", Direction::Response, Some("{}"), json!({}));
        response.applies_to = Some("client".to_string());
        assert_eq!(sides(&response), (false, true));
    }

    #[test]
    fn error_cases_dispatch_through_an_operation_and_are_judged_by_variant() {
        let model = model();
        let planner = Planner::new(&model, PROTOCOL);
        let plan = planner.plan_http(&case(
            "Oops",
            Direction::Response,
            Some(r#"{"message":"m"}"#),
            json!({"message": "m"}),
        ));
        let Plan::Run(checks) = plan else {
            panic!("not run: {plan:?}")
        };
        assert_eq!(checks[0].key(), "err:ns#Op");
        let wire = Wire::new(&model);
        let right = json!({"error": "ns#Oops", "value": {"message": "m"}});
        assert_eq!(checks[0].judge(&wire, Ok(&right)), Ok(()));
        let wrong = json!({"error": "ns#Other", "value": {"message": "m"}});
        assert!(checks[0].judge(&wire, Ok(&wrong)).is_err());
        assert!(checks[0].judge(&wire, Err("runner failed")).is_err());
    }

    #[test]
    fn validation_answers_compare_as_sorted_pairs() {
        let check = Check::Validate {
            shape: "ns#Input".to_string(),
            body: "{}".to_string(),
            expected: vec![
                ("/a".to_string(), "A".to_string()),
                ("/b".to_string(), "B".to_string()),
            ],
        };
        let model = model();
        let wire = Wire::new(&model);
        let answer = json!([{"path": "/b", "message": "B"}, {"path": "/a", "message": "A"}]);
        assert_eq!(check.judge(&wire, Ok(&answer)), Ok(()));
        let short = json!([{"path": "/a", "message": "A"}]);
        assert!(check.judge(&wire, Ok(&short)).is_err());
    }
}
