//! End-to-end tests of the Smithy front end: small JSON AST fixtures through [`super::load`],
//! and facts about the AWS corpus.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use super::load;
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::input::{read_source, Format, Source};
use crate::model::{
    Fault, HttpMemberBinding, LengthBounds, Model, Protocol, Scalar, Shape, ShapeId, ShapeKind,
    ShapeRole,
};
use crate::{Loaded, Options};

fn source(name: &str, ast: &Value) -> Source {
    Source {
        path: PathBuf::from(name),
        text: serde_json::to_string_pretty(ast).unwrap(),
        format: Format::SmithyJson,
    }
}

fn load_files(files: &[(&str, Value)]) -> Result<Loaded, Diagnostics> {
    let sources: Vec<Source> = files.iter().map(|(name, ast)| source(name, ast)).collect();
    let refs: Vec<&Source> = sources.iter().collect();
    load(&refs, &Options::default())
}

fn load_shapes(shapes: Value) -> Result<Loaded, Diagnostics> {
    load_files(&[("model.json", json!({"smithy": "2.0", "shapes": shapes}))])
}

fn model(shapes: Value) -> Model {
    match load_shapes(shapes) {
        Ok(loaded) => loaded.model,
        Err(errors) => panic!("unexpected errors:\n{errors}"),
    }
}

fn errors(shapes: Value) -> Vec<Diagnostic> {
    match load_shapes(shapes) {
        Ok(_) => panic!("expected errors"),
        Err(errors) => errors
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect(),
    }
}

fn id(text: &str) -> ShapeId {
    ShapeId::parse(text).unwrap()
}

fn shape<'a>(model: &'a Model, text: &str) -> &'a Shape {
    model
        .shape(&id(text))
        .unwrap_or_else(|| panic!("no shape {text}"))
}

fn member_names(shape: &Shape) -> Vec<&str> {
    match &shape.kind {
        ShapeKind::Structure(s) => s.members.iter().map(|m| m.name.as_str()).collect(),
        ShapeKind::Union(u) => u.members.iter().map(|m| m.name.as_str()).collect(),
        other => panic!("not a structure or union: {other:?}"),
    }
}

fn member<'a>(shape: &'a Shape, name: &str) -> &'a crate::model::Member {
    let members = match &shape.kind {
        ShapeKind::Structure(s) => &s.members,
        ShapeKind::Union(u) => &u.members,
        other => panic!("not a structure or union: {other:?}"),
    };
    members.iter().find(|m| m.name == name).unwrap()
}

/// Asserts that some error is at `location` and mentions `text`.
fn assert_error(errors: &[Diagnostic], location: &str, text: &str) {
    let found = errors
        .iter()
        .any(|e| e.location == location && e.message.contains(text) && e.file == "model.json");
    assert!(
        found,
        "no error at {location} mentioning {text:?} in {errors:#?}"
    );
}

#[test]
fn structures_get_members_traits_and_sources() {
    let model = model(json!({
        "a#User": {
            "type": "structure",
            "members": {
                "name": {"target": "smithy.api#String", "traits": {
                    "smithy.api#required": {},
                    "smithy.api#documentation": "The name.",
                    "smithy.api#length": {"min": 1}
                }},
                "age": {"target": "smithy.api#PrimitiveInteger", "traits": {"smithy.api#default": 0}},
                "tags": {"target": "a#Tags", "traits": {"smithy.api#clientOptional": {}}}
            },
            "traits": {"smithy.api#documentation": "A user.", "smithy.api#sensitive": {}}
        },
        "a#Tags": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "smithy.api#String"}}
    }));
    let user = shape(&model, "a#User");
    assert_eq!(member_names(user), ["name", "age", "tags"]);
    assert_eq!(user.docs.as_deref(), Some("A user."));
    assert!(user.sensitive);
    assert_eq!(user.source.pointer, "/shapes/a#User");
    assert_eq!(&*user.source.file, "model.json");
    let name = member(user, "name");
    assert!(name.required);
    assert_eq!(name.docs.as_deref(), Some("The name."));
    assert_eq!(name.constraints.length.unwrap().min, Some(1));
    assert_eq!(name.source.pointer, "/shapes/a#User/members/name");
    assert_eq!(member(user, "age").default, Some(json!(0)));
    assert!(member(user, "tags").client_optional);
    assert!(matches!(
        shape(&model, "a#Tags").kind,
        ShapeKind::Map { .. }
    ));
}

#[test]
fn targeted_prelude_shapes_join_the_model() {
    let model = model(json!({
        "a#S": {"type": "structure", "members": {
            "s": {"target": "smithy.api#String"},
            "n": {"target": "smithy.api#PrimitiveInteger"},
            "t": {"target": "smithy.api#Timestamp"},
            "d": {"target": "smithy.api#Document"}
        }},
        "a#U": {"type": "union", "members": {"empty": {"target": "smithy.api#Unit"}}},
        "a#E": {"type": "enum", "members": {"A": {"target": "smithy.api#Unit"}}}
    }));
    let prelude: Vec<String> = model
        .shapes
        .keys()
        .filter(|id| id.is_prelude())
        .map(|id| id.name().to_string())
        .collect();
    assert_eq!(
        prelude,
        [
            "Document",
            "PrimitiveInteger",
            "String",
            "Timestamp",
            "Unit"
        ]
    );
    assert_eq!(
        shape(&model, "smithy.api#PrimitiveInteger").kind,
        ShapeKind::Scalar(Scalar::Integer)
    );
    assert!(matches!(
        shape(&model, "smithy.api#Unit").kind,
        ShapeKind::Structure(_)
    ));
}

#[test]
fn every_simple_shape_type_is_read() {
    let kinds = [
        ("string", Scalar::String),
        ("boolean", Scalar::Boolean),
        ("byte", Scalar::Byte),
        ("short", Scalar::Short),
        ("integer", Scalar::Integer),
        ("long", Scalar::Long),
        ("float", Scalar::Float),
        ("double", Scalar::Double),
        ("bigInteger", Scalar::BigInteger),
        ("bigDecimal", Scalar::BigDecimal),
        ("timestamp", Scalar::Timestamp),
        ("blob", Scalar::Blob),
    ];
    let mut shapes = serde_json::Map::new();
    for (kind, _) in kinds {
        shapes.insert(format!("a#{kind}"), json!({"type": kind}));
    }
    shapes.insert("a#doc".into(), json!({"type": "document"}));
    let model = model(Value::Object(shapes));
    for (kind, scalar) in kinds {
        assert_eq!(
            shape(&model, &format!("a#{kind}")).kind,
            ShapeKind::Scalar(scalar)
        );
    }
    assert_eq!(shape(&model, "a#doc").kind, ShapeKind::Document);
}

#[test]
fn smithy_1_unboxed_members_get_zero_defaults() {
    let loaded = load_files(&[(
        "old.json",
        json!({"smithy": "1.0", "shapes": {
            "a#S": {"type": "structure", "members": {
                "flag": {"target": "smithy.api#PrimitiveBoolean"},
                "count": {"target": "a#Count", "traits": {"smithy.api#required": {}}},
                "boxed": {"target": "smithy.api#PrimitiveInteger", "traits": {"smithy.api#box": {}}},
                "maybe": {"target": "smithy.api#Integer"},
                "custom": {"target": "a#MaybeCount"},
                "set": {"target": "smithy.api#PrimitiveLong", "traits": {"smithy.api#default": 5}}
            }},
            "a#Count": {"type": "long"},
            "a#MaybeCount": {"type": "integer", "traits": {"smithy.api#box": {}}}
        }}),
    )])
    .unwrap();
    let s = shape(&loaded.model, "a#S");
    let defaults: Vec<Option<Value>> = ["flag", "count", "boxed", "maybe", "custom", "set"]
        .iter()
        .map(|name| member(s, name).default.clone())
        .collect();
    assert_eq!(
        defaults,
        [
            Some(json!(false)),
            Some(json!(0)),
            None,
            None,
            None,
            Some(json!(5))
        ]
    );
    let two = model(json!({"a#S": {"type": "structure", "members": {
        "flag": {"target": "smithy.api#PrimitiveBoolean"}}}}));
    assert_eq!(member(shape(&two, "a#S"), "flag").default, None);
}

#[test]
fn enums_and_int_enums_take_values_from_enum_value() {
    let model = model(json!({
        "a#Color": {"type": "enum", "members": {
            "RED": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "red"}},
            "GREEN": {"target": "smithy.api#Unit", "traits": {"smithy.api#documentation": "g"}}
        }},
        "a#Level": {"type": "intEnum", "members": {
            "LOW": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 1}},
            "HIGH": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 10}}
        }}
    }));
    let ShapeKind::Enum(colors) = &shape(&model, "a#Color").kind else {
        panic!("not an enum");
    };
    let pairs: Vec<(&str, &str)> = colors
        .iter()
        .map(|v| (v.name.as_str(), v.value.as_str()))
        .collect();
    assert_eq!(pairs, [("RED", "red"), ("GREEN", "GREEN")]);
    assert_eq!(colors[1].docs.as_deref(), Some("g"));
    let ShapeKind::IntEnum(levels) = &shape(&model, "a#Level").kind else {
        panic!("not an intEnum");
    };
    assert_eq!(levels.iter().map(|v| v.value).collect::<Vec<_>>(), [1, 10]);
    assert!(!model.shapes.contains_key(&id("smithy.api#Unit")));
}

#[test]
fn legacy_enum_trait_makes_a_string_an_enum() {
    let model = model(json!({
        "a#Medium": {"type": "string", "traits": {
            "smithy.api#enum": [{"value": "SMS", "name": "TEXT"}, {"value": "EMAIL"}],
            "smithy.api#length": {"max": 5}
        }}
    }));
    let medium = shape(&model, "a#Medium");
    let ShapeKind::Enum(values) = &medium.kind else {
        panic!("not an enum: {:?}", medium.kind);
    };
    let pairs: Vec<(&str, &str)> = values
        .iter()
        .map(|v| (v.name.as_str(), v.value.as_str()))
        .collect();
    assert_eq!(pairs, [("TEXT", "SMS"), ("EMAIL", "EMAIL")]);
    assert_eq!(medium.constraints.length.unwrap().max, Some(5));
}

#[test]
fn sets_are_lists_of_unique_items_and_sparse_collections_are_nullable() {
    let model = model(json!({
        "a#Names": {"type": "set", "member": {"target": "smithy.api#String"}},
        "a#Plain": {"type": "list", "member": {"target": "smithy.api#String"}},
        "a#Holes": {"type": "list", "member": {"target": "smithy.api#String"},
                    "traits": {"smithy.api#sparse": {}, "smithy.api#uniqueItems": {}}}
    }));
    let names = shape(&model, "a#Names");
    let ShapeKind::List(item) = &names.kind else {
        panic!("not a list");
    };
    assert_eq!(item.target, id("smithy.api#String"));
    assert!(!item.nullable);
    assert!(names.constraints.unique_items);
    assert!(!shape(&model, "a#Plain").constraints.unique_items);
    let holes = shape(&model, "a#Holes");
    assert!(holes.constraints.unique_items);
    assert!(matches!(&holes.kind, ShapeKind::List(item) if item.nullable));
}

#[test]
fn mixins_are_flattened_in_smithy_order_and_not_emitted() {
    let model = model(json!({
        "a#Base": {
            "type": "structure",
            "members": {"id": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}}},
            "traits": {
                "smithy.api#mixin": {"localTraits": ["smithy.api#deprecated"]},
                "smithy.api#documentation": "base docs",
                "smithy.api#sensitive": {},
                "smithy.api#deprecated": {}
            }
        },
        "a#Timestamps": {
            "type": "structure",
            "mixins": [{"target": "a#Base"}],
            "members": {"created": {"target": "smithy.api#Timestamp"}},
            "traits": {"smithy.api#mixin": {}}
        },
        "a#Thing": {
            "type": "structure",
            "mixins": [{"target": "a#Timestamps"}],
            "members": {
                "name": {"target": "smithy.api#String"},
                "id": {"target": "smithy.api#String", "traits": {"smithy.api#documentation": "own"}}
            },
            "traits": {"smithy.api#documentation": "thing docs"}
        }
    }));
    assert!(!model.shapes.contains_key(&id("a#Base")));
    assert!(!model.shapes.contains_key(&id("a#Timestamps")));
    let thing = shape(&model, "a#Thing");
    assert_eq!(member_names(thing), ["id", "created", "name"]);
    assert_eq!(thing.docs.as_deref(), Some("thing docs"));
    assert!(thing.sensitive, "traits are inherited through the chain");
    assert!(
        thing.deprecated.is_none(),
        "localTraits stay with the mixin"
    );
    let inherited_id = member(thing, "id");
    assert!(inherited_id.required);
    assert_eq!(inherited_id.docs.as_deref(), Some("own"));
    assert_eq!(inherited_id.source.pointer, "/shapes/a#Thing/members/id");
    let created = member(thing, "created");
    assert_eq!(
        created.source.pointer,
        "/shapes/a#Timestamps/members/created"
    );
}

#[test]
fn collection_and_operation_mixins_are_flattened() {
    let model = model(json!({
        "a#ListMixin": {"type": "list", "member": {"target": "smithy.api#String"},
                        "traits": {"smithy.api#mixin": {}, "smithy.api#length": {"min": 2}}},
        "a#Names": {"type": "list", "mixins": [{"target": "a#ListMixin"}]},
        "a#Oops": {"type": "structure", "members": {}, "traits": {"smithy.api#error": "client"}},
        "a#Busy": {"type": "structure", "members": {}, "traits": {"smithy.api#error": "server"}},
        "a#OpMixin": {"type": "operation", "errors": [{"target": "a#Oops"}],
                      "traits": {"smithy.api#mixin": {}}},
        "a#Op": {"type": "operation", "mixins": [{"target": "a#OpMixin"}],
                 "errors": [{"target": "a#Busy"}]}
    }));
    let names = shape(&model, "a#Names");
    assert!(matches!(&names.kind, ShapeKind::List(m) if m.target == id("smithy.api#String")));
    assert_eq!(names.constraints.length.unwrap().min, Some(2));
    assert_eq!(
        model.operations[&id("a#Op")].errors,
        [id("a#Oops"), id("a#Busy")]
    );
    assert!(!model.operations.contains_key(&id("a#OpMixin")));
}

#[test]
fn apply_merges_traits_into_shapes_members_and_inherited_members() {
    let first = json!({"smithy": "2.0", "shapes": {
        "a#Common": {"type": "structure", "members": {"description": {"target": "smithy.api#String"}},
                     "traits": {"smithy.api#mixin": {}}},
        "a#Thing": {"type": "structure", "mixins": [{"target": "a#Common"}],
                    "members": {"name": {"target": "smithy.api#String"}}},
        "a#Id": {"type": "string"}
    }});
    let second = json!({"smithy": "2.0", "shapes": {
        "a#Thing$description": {"type": "apply", "traits": {"smithy.api#default": "none"}},
        "a#Thing$name": {"type": "apply", "traits": {"smithy.api#required": {}}},
        "a#Id": {"type": "apply", "traits": {"smithy.api#pattern": "^[a-z]+$"}}
    }});
    let loaded = load_files(&[("one.json", first), ("two.json", second)]).unwrap();
    let thing = shape(&loaded.model, "a#Thing");
    assert_eq!(member(thing, "description").default, Some(json!("none")));
    assert!(member(thing, "name").required);
    let pattern = &shape(&loaded.model, "a#Id").constraints.patterns;
    assert_eq!(pattern, &["^[a-z]+$".to_string()]);
}

#[test]
fn apply_to_something_missing_is_an_error() {
    let errors = errors(json!({
        "a#S": {"type": "structure", "members": {}},
        "a#S$nope": {"type": "apply", "traits": {"smithy.api#required": {}}},
        "a#Gone": {"type": "apply", "traits": {"smithy.api#sensitive": {}}}
    }));
    assert_error(&errors, "a#S$nope", "does not have");
    assert_error(&errors, "a#Gone", "not defined");
}

fn service_fixture(protocol: &str) -> Value {
    json!({
        "a#Svc": {
            "type": "service",
            "version": "2024-01-01",
            "operations": [{"target": "a#Ping"}],
            "resources": [{"target": "a#Users"}],
            "errors": [{"target": "a#Throttled"}, {"target": "a#NotFound"}],
            "traits": {protocol: {}, "smithy.api#documentation": "svc"}
        },
        "a#Users": {
            "type": "resource",
            "read": {"target": "a#GetUser"},
            "list": {"target": "a#ListUsers"},
            "collectionOperations": [{"target": "a#CountUsers"}],
            "resources": [{"target": "a#Keys"}]
        },
        "a#Keys": {"type": "resource", "operations": [{"target": "a#RotateKey"}],
                   "resources": [{"target": "a#Users"}]},
        "a#Ping": {"type": "operation", "input": {"target": "smithy.api#Unit"},
                   "output": {"target": "smithy.api#Unit"}},
        "a#GetUser": {
            "type": "operation",
            "input": {"target": "a#GetUserInput"},
            "output": {"target": "a#GetUserOutput"},
            "errors": [{"target": "a#NotFound"}],
            "traits": {"smithy.api#http": {"method": "GET", "uri": "/users/{id}", "code": 200},
                       "smithy.api#readonly": {}}
        },
        "a#ListUsers": {"type": "operation"},
        "a#CountUsers": {"type": "operation"},
        "a#RotateKey": {"type": "operation"},
        "a#Orphan": {"type": "operation"},
        "a#GetUserInput": {"type": "structure", "members": {
            "id": {"target": "smithy.api#String", "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}},
            "trace": {"target": "smithy.api#String", "traits": {"smithy.api#httpHeader": "X-Trace"}}
        }, "traits": {"smithy.api#input": {}}},
        "a#GetUserOutput": {"type": "structure", "members": {
            "userName": {"target": "smithy.api#String", "traits": {"smithy.api#jsonName": "user_name"}}
        }, "traits": {"smithy.api#output": {}}},
        "a#NotFound": {"type": "structure", "members": {},
                       "traits": {"smithy.api#error": "client", "smithy.api#httpError": 404}},
        "a#Throttled": {"type": "structure", "members": {},
                        "traits": {"smithy.api#error": "server", "smithy.api#retryable": {"throttling": true}}}
    })
}

#[test]
fn services_reach_operations_through_resources() {
    let model = model(service_fixture("aws.protocols#restJson1"));
    let service = &model.services[&id("a#Svc")];
    let reached: Vec<&str> = service.operations.iter().map(|o| o.name()).collect();
    assert_eq!(
        reached,
        ["CountUsers", "GetUser", "ListUsers", "Ping", "RotateKey"]
    );
    assert_eq!(service.protocol, Some(Protocol::RestJson1));
    assert_eq!(service.version.as_deref(), Some("2024-01-01"));
    assert_eq!(
        model.operations[&id("a#RotateKey")].service,
        Some(id("a#Svc"))
    );
    assert_eq!(model.operations[&id("a#Orphan")].service, None);
    let ping = &model.operations[&id("a#Ping")];
    assert_eq!((ping.input.as_ref(), ping.output.as_ref()), (None, None));
}

#[test]
fn operations_get_their_own_errors_then_the_services() {
    let model = model(service_fixture("aws.protocols#awsJson1_1"));
    let get_user = &model.operations[&id("a#GetUser")];
    assert_eq!(get_user.errors, [id("a#NotFound"), id("a#Throttled")]);
    assert_eq!(get_user.input, Some(id("a#GetUserInput")));
    let http = get_user.http.as_ref().unwrap();
    assert_eq!(
        (http.method.as_str(), http.uri.as_str(), http.code),
        ("GET", "/users/{id}", Some(200))
    );
    assert_eq!(model.operations[&id("a#Orphan")].errors, []);
    let not_found = shape(&model, "a#NotFound").error.clone().unwrap();
    assert_eq!(
        (not_found.fault, not_found.http_status),
        (Fault::Client, Some(404))
    );
    let throttled = shape(&model, "a#Throttled").error.clone().unwrap();
    assert!(throttled.retryable.unwrap().throttling);
    let input = shape(&model, "a#GetUserInput");
    assert_eq!(input.role, ShapeRole::Input);
    assert_eq!(
        member(input, "id").http_binding,
        Some(HttpMemberBinding::Label)
    );
    assert_eq!(
        member(input, "trace").http_binding,
        Some(HttpMemberBinding::Header("X-Trace".into()))
    );
}

#[test]
fn an_operation_belongs_to_the_first_service_in_id_order() {
    let mut shapes = service_fixture("aws.protocols#restJson1");
    shapes["a#Alpha"] = json!({"type": "service", "operations": [{"target": "a#Ping"}],
                               "errors": [{"target": "a#NotFound"}]});
    shapes["a#Zulu"] = json!({"type": "service", "operations": [{"target": "a#Orphan"}]});
    let model = model(shapes);
    let ping = &model.operations[&id("a#Ping")];
    assert_eq!(ping.service, Some(id("a#Alpha")));
    assert_eq!(ping.errors, [id("a#NotFound")]);
    assert_eq!(
        model.operations[&id("a#Orphan")].service,
        Some(id("a#Zulu"))
    );
    assert_eq!(model.services[&id("a#Svc")].operations.len(), 5);
}

#[test]
fn files_on_disk_are_detected_and_loaded_through_the_crate_entry_point() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("model.json");
    let ast = json!({"smithy": "2.0", "shapes": {"a#S": {"type": "structure", "members": {
        "n": {"target": "smithy.api#Integer"}}}}});
    std::fs::write(&path, ast.to_string()).unwrap();
    let loaded = crate::load_model(&[dir.path().to_path_buf()], &Options::default()).unwrap();
    let s = shape(&loaded.model, "a#S");
    assert_eq!(
        member(s, "n").source.file.as_ref(),
        path.display().to_string()
    );
    assert!(loaded.model.shapes.contains_key(&id("smithy.api#Integer")));
}

#[test]
fn json_name_counts_except_under_aws_json() {
    let wire = |model: &Model| {
        member(shape(model, "a#GetUserOutput"), "userName")
            .wire_name
            .clone()
    };
    assert_eq!(
        wire(&model(service_fixture("aws.protocols#restJson1"))),
        "user_name"
    );
    assert_eq!(
        wire(&model(service_fixture("aws.protocols#awsJson1_1"))),
        "userName"
    );
    assert_eq!(
        wire(&model(service_fixture("aws.protocols#awsJson1_0"))),
        "userName"
    );
    assert_eq!(
        wire(&model(service_fixture("smithy.api#documentation"))),
        "user_name"
    );
}

#[test]
fn json_name_is_ignored_only_in_shapes_an_aws_json_service_reaches() {
    let named = || {
        json!({"type": "structure", "members": {
        "userName": {"target": "smithy.api#String", "traits": {"smithy.api#jsonName": "user_name"}}
    }, "traits": {"smithy.api#output": {}}})
    };
    let model = model(json!({
        "a#Aws": {"type": "service", "version": "1", "operations": [{"target": "a#AwsOp"}],
                  "traits": {"aws.protocols#awsJson1_1": {}}},
        "a#Rest": {"type": "service", "version": "1", "operations": [{"target": "a#RestOp"}],
                   "traits": {"aws.protocols#restJson1": {}}},
        "a#AwsOp": {"type": "operation", "output": {"target": "a#AwsOutput"}},
        "a#RestOp": {"type": "operation", "output": {"target": "a#RestOutput"},
                     "traits": {"smithy.api#http": {"method": "GET", "uri": "/", "code": 200}}},
        "a#AwsOutput": named(),
        "a#RestOutput": named(),
        "a#Orphan": {"type": "structure", "members": {
            "userName": {"target": "smithy.api#String", "traits": {"smithy.api#jsonName": "user_name"}}
        }}
    }));
    let wire = |name: &str| member(shape(&model, name), "userName").wire_name.clone();
    assert_eq!(wire("a#AwsOutput"), "userName");
    assert_eq!(wire("a#RestOutput"), "user_name");
    assert_eq!(wire("a#Orphan"), "user_name");
}

#[test]
fn member_constraints_hold_only_the_members_own_traits() {
    let model = model(json!({
        "a#Id": {"type": "string", "traits": {
            "smithy.api#length": {"min": 1, "max": 128}, "smithy.api#pattern": "^[a-z]+$"}},
        "a#S": {"type": "structure", "members": {
            "short": {"target": "a#Id", "traits": {"smithy.api#length": {"max": 8}}},
            "plain": {"target": "a#Id"}
        }}
    }));
    let s = shape(&model, "a#S");
    let short = member(s, "short");
    assert_eq!(
        short.constraints.length,
        Some(LengthBounds {
            min: None,
            max: Some(8)
        })
    );
    assert!(short.constraints.patterns.is_empty());
    let effective = model.effective_constraints(short);
    assert_eq!(
        effective.length,
        Some(LengthBounds {
            min: None,
            max: Some(8)
        })
    );
    assert_eq!(effective.patterns, ["^[a-z]+$".to_string()]);
    assert!(member(s, "plain").constraints.is_empty());
}

#[test]
fn missing_targets_are_errors_naming_file_and_member() {
    let errors = errors(json!({
        "a#S": {"type": "structure", "members": {
            "x": {"target": "a#Nope"},
            "y": {"target": "smithy.api#Strin"}
        }},
        "a#Op": {"type": "operation", "input": {"target": "a#Missing"}, "errors": [{"target": "a#Gone"}]},
        "a#Op2": {"type": "operation", "output": {"target": "a#S"}, "errors": [{"target": "smithy.api#Unit"}]}
    }));
    assert_error(&errors, "a#Op2", "`smithy.api#Unit` is not a structure");
    assert_error(&errors, "a#S$x", "`a#Nope` does not exist");
    assert_error(&errors, "a#S$y", "`smithy.api#Strin` does not exist");
    assert_error(&errors, "a#Op", "`a#Missing` does not exist");
    assert_error(&errors, "a#Op", "`a#Gone` does not exist");
}

#[test]
fn a_missing_map_key_is_reported_once_naming_the_file() {
    // Found by fuzzing: the stand-in key targeted a document, so a second error, with no file,
    // said the key was not a string.
    let errors = errors(json!({
        "a#M": {"type": "map", "value": {"target": "smithy.api#String"}},
        "a#L": {"type": "list"}
    }));
    assert_error(&errors, "a#M", "a map needs a `key`");
    assert_error(&errors, "a#L", "a list needs a `member`");
    assert_eq!(errors.len(), 2, "{errors:#?}");
}

#[test]
fn unknown_shape_types_are_errors_and_not_reported_again_as_missing() {
    let errors = errors(json!({
        "a#Odd": {"type": "strukture"},
        "a#S": {"type": "structure", "members": {"odd": {"target": "a#Odd"}}}
    }));
    assert_error(&errors, "a#Odd", "unknown shape type `strukture`");
    assert_eq!(errors.len(), 1, "{errors:#?}");
}

#[test]
fn traits_with_wrong_value_types_are_errors() {
    let errors = errors(json!({
        "a#A": {"type": "string", "traits": {"smithy.api#length": "1..2", "smithy.api#pattern": 5}},
        "a#E": {"type": "structure", "members": {},
                "traits": {"smithy.api#error": "client", "smithy.api#httpError": "404"}},
        "a#S": {"type": "structure", "members": {
            "m": {"target": "a#A", "traits": {"smithy.api#documentation": ["no"]}}
        }}
    }));
    assert_error(&errors, "a#A", "`smithy.api#length` must be an object");
    assert_error(&errors, "a#A", "`smithy.api#pattern` must be a string");
    assert_error(&errors, "a#E", "`smithy.api#httpError` must be an integer");
    assert_error(
        &errors,
        "a#S$m",
        "`smithy.api#documentation` must be a string",
    );
}

#[test]
fn unknown_traits_are_ignored() {
    let model = model(json!({
        "a#A": {"type": "string", "traits": {"b.c#whatever": [1, {"x": null}], "smithy.api#tags": 5}}
    }));
    assert_eq!(shape(&model, "a#A").kind, ShapeKind::Scalar(Scalar::String));
}

#[test]
fn bounds_no_value_can_meet_are_errors() {
    let errors = errors(json!({
        "a#Len": {"type": "string", "traits": {"smithy.api#length": {"min": 5, "max": 2}}},
        "a#Num": {"type": "integer", "traits": {"smithy.api#range": {"min": 10, "max": 1}}},
        "a#Ok": {"type": "string", "traits": {"smithy.api#length": {"min": 1, "max": 10}}},
        "a#S": {"type": "structure", "members": {
            "m": {"target": "a#Ok", "traits": {"smithy.api#length": {"min": 20, "max": 8}}},
            "n": {"target": "a#Ok", "traits": {"smithy.api#length": {"min": 20}}}
        }}
    }));
    assert_error(&errors, "a#Len", "minimum length 5 is above maximum 2");
    assert_error(&errors, "a#Num", "minimum 10 is above maximum 1");
    assert_error(&errors, "a#S$m", "minimum length 20 is above maximum 8");
    assert_eq!(errors.len(), 3, "{errors:#?}");
}

#[test]
fn constraints_on_shapes_they_do_not_fit_are_warnings() {
    let loaded = load_shapes(json!({
        "a#N": {"type": "integer", "traits": {"smithy.api#pattern": "^1$", "smithy.api#length": {"max": 1}}},
        "a#S": {"type": "structure", "members": {
            "m": {"target": "smithy.api#String", "traits": {"smithy.api#range": {"max": 1}}}
        }}
    }))
    .unwrap();
    let warnings: Vec<(&str, &str)> = loaded
        .warnings
        .warnings()
        .map(|w| (w.location.as_str(), w.message.as_str()))
        .collect();
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    assert!(warnings
        .iter()
        .any(|(at, m)| *at == "a#N" && m.starts_with("@pattern")));
    assert!(warnings
        .iter()
        .any(|(at, m)| *at == "a#N" && m.starts_with("@length")));
    assert!(warnings
        .iter()
        .any(|(at, m)| *at == "a#S$m" && m.starts_with("@range")));
}

#[test]
fn shape_ids_must_be_absolute() {
    let errors = errors(json!({
        "NoNamespace": {"type": "string"},
        "a#Bad-Name": {"type": "string"},
        "a#S": {"type": "structure", "members": {
            "m": {"target": "String"},
            "bad name": {"target": "smithy.api#String"}
        }}
    }));
    assert_error(&errors, "a#S$bad name", "must be an identifier");
    assert_error(&errors, "NoNamespace", "must be absolute");
    assert_error(&errors, "a#Bad-Name", "must be absolute");
    assert_error(&errors, "a#S$m", "not an absolute shape id");
}

#[test]
fn enum_members_without_usable_values_are_errors() {
    let errors = errors(json!({
        "a#E": {"type": "enum", "members": {
            "A": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 1}},
            "B": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": ""}}
        }},
        "a#I": {"type": "intEnum", "members": {"C": {"target": "smithy.api#Unit"}}},
        "a#L": {"type": "string", "traits": {"smithy.api#enum": [{"name": "D"}]}}
    }));
    assert_error(&errors, "a#E$A", "no usable value");
    assert_error(&errors, "a#E$B", "no usable value");
    assert_error(&errors, "a#I$C", "no usable value");
    assert_error(&errors, "a#L", "no usable `value`");
}

#[test]
fn identical_shapes_in_two_files_are_fine_and_different_ones_are_not() {
    let one = json!({"smithy": "2.0", "shapes": {"a#S": {"type": "string"}}});
    let same = load_files(&[("one.json", one.clone()), ("two.json", one.clone())]);
    assert!(same.is_ok());
    let other = json!({"smithy": "2.0", "shapes": {"a#S": {"type": "long"}}});
    let errors = load_files(&[("one.json", one), ("two.json", other)]).unwrap_err();
    let error = errors.iter().next().unwrap();
    assert_eq!(
        (error.file.as_str(), error.location.as_str()),
        ("two.json", "a#S")
    );
    assert!(error.message.contains("one.json"));
}

#[test]
fn idl_and_json_ast_files_load_together() {
    let idl = Source {
        path: PathBuf::from("model.smithy"),
        text: "$version: \"2\"\nnamespace a\n\nstructure S {\n    @required\n    name: Name\n}\n"
            .into(),
        format: Format::SmithyIdl,
    };
    let json = Source {
        path: PathBuf::from("names.json"),
        text: r#"{"smithy":"2.0","shapes":{"a#Name":{"type":"string","traits":{"smithy.api#length":{"min":1}}}}}"#
            .into(),
        format: Format::SmithyJson,
    };
    let loaded = load(&[&idl, &json], &Options::default()).unwrap();
    let shape = loaded.model.shape(&ShapeId::new("a", "S")).unwrap();
    let ShapeKind::Structure(structure) = &shape.kind else {
        panic!("S is not a structure: {shape:?}");
    };
    assert_eq!(structure.members[0].target, ShapeId::new("a", "Name"));
    assert!(structure.members[0].required);
    let name = loaded.model.shape(&ShapeId::new("a", "Name")).unwrap();
    assert_eq!(name.constraints.length.unwrap().min, Some(1));
}

#[test]
fn idl_syntax_errors_carry_line_and_column() {
    let idl = Source {
        path: PathBuf::from("broken.smithy"),
        text: "$version: \"2\"\nnamespace a\nstructure {\n".into(),
        format: Format::SmithyIdl,
    };
    let errors = load(&[&idl], &Options::default()).unwrap_err();
    let error = errors.iter().next().unwrap();
    assert_eq!(error.file, "broken.smithy");
    assert!(error.line_col.is_some(), "{error}");
}

#[test]
fn syntax_errors_and_other_problems_are_reported_together() {
    let broken = Source {
        path: PathBuf::from("broken.json"),
        text: "{\"smithy\": \"2.0\", \"shapes\": {\n  \"a#S\": {\"type\": \"string\",}\n}}".into(),
        format: Format::SmithyJson,
    };
    let fine = source(
        "model.json",
        &json!({"smithy": "2.0", "shapes": {"a#T": {"type": "list", "member": {"target": "a#X"}}}}),
    );
    let errors = load(&[&broken, &fine], &Options::default()).unwrap_err();
    let all: Vec<&Diagnostic> = errors.iter().collect();
    assert!(
        all.iter()
            .any(|e| e.file == "broken.json" && e.line_col == Some((2, 28))),
        "{all:#?}"
    );
    assert!(all
        .iter()
        .any(|e| e.file == "model.json" && e.location == "a#T$member"));
}

/// Odd inputs that must give diagnostics, never a panic or a hang.
#[test]
fn malformed_models_give_diagnostics_not_panics() {
    let cases = [
        json!({"a#L": {"type": "list"}}),
        json!({"a#M": {"type": "map", "value": {"target": "smithy.api#String"}}}),
        json!({"a#A": {"type": "structure", "mixins": [{"target": "a#B"}], "traits": {"smithy.api#mixin": {}}},
               "a#B": {"type": "structure", "mixins": [{"target": "a#A"}], "traits": {"smithy.api#mixin": {}}},
               "a#C": {"type": "structure", "mixins": [{"target": "a#A"}]}}),
        json!({"a#A": {"type": "structure", "mixins": [{"target": "a#A"}], "traits": {"smithy.api#mixin": {}}}}),
        json!({"a#A": {"type": "structure", "members": {}},
               "a#B": {"type": "structure", "mixins": [{"target": "a#A"}, {"target": "a#Nope"}]}}),
        json!({"a#A": {"type": "string", "traits": {"smithy.api#mixin": {}}},
               "a#B": {"type": "structure", "mixins": [{"target": "a#A"}]}}),
        json!({"a#A": {"type": "string", "traits": {"smithy.api#mixin": {}}},
               "a#S": {"type": "structure", "members": {"m": {"target": "a#A"}}}}),
        json!({"a#Op": {"type": "operation", "input": {"target": "smithy.api#String"}},
               "a#S": {"type": "structure", "members": {"m": {"target": "a#Op"}}}}),
        json!({"a#Svc": {"type": "service", "operations": [{"target": "a#S"}],
                         "resources": [{"target": "a#Nope"}]},
               "a#S": {"type": "string"}}),
        json!({"a#R": {"type": "resource", "read": {"target": "a#R"}, "resources": [{"target": "a#R"}]}}),
        json!({"a#S": {"type": "string", "traits": {
            "smithy.api#enum": "x", "smithy.api#length": {"min": -1, "max": 1.5},
            "smithy.api#range": [], "smithy.api#deprecated": 3, "smithy.api#timestampFormat": "iso",
            "smithy.api#error": "user", "smithy.api#retryable": 1, "smithy.api#mixin": 7}}}),
        json!({"a#O": {"type": "operation", "traits": {"smithy.api#http": {"method": 1}}}}),
        json!({"a#O": {"type": "operation", "traits": {"smithy.api#http": {"method": "GET", "uri": "/", "code": 70000}}}}),
        json!({"a#E": {"type": "intEnum", "members": {"A": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 1.5}}}}}),
        json!({"a#S": {"type": "apply", "traits": {}}, "a#S$": {"type": "apply", "traits": {}}, "#$": {"type": "apply"}}),
    ];
    for (index, shapes) in cases.into_iter().enumerate() {
        let result = load_shapes(shapes);
        assert!(result.is_err(), "case {index} should fail");
    }
    let garbage = [
        "",
        "[]",
        "{\"smithy\": 2}",
        "{\"smithy\":\"2.0\",\"shapes\":[]}",
        "{\"smithy\":\"2.0\",\"shapes\":{\"a#B\":{\"type\":\"structure\",\"members\":{\"x\":{}}}}}",
    ];
    for text in garbage {
        let source = Source {
            path: PathBuf::from("g.json"),
            text: text.into(),
            format: Format::SmithyJson,
        };
        assert!(load(&[&source], &Options::default()).is_err(), "{text}");
    }
}

#[test]
fn a_long_mixin_chain_does_not_overflow_the_stack() {
    let mut shapes = serde_json::Map::new();
    let depth = 20_000;
    shapes.insert(
        "a#L0".into(),
        json!({"type": "structure", "members": {"first": {"target": "smithy.api#String"}},
               "traits": {"smithy.api#mixin": {}}}),
    );
    for level in 1..depth {
        let shape = json!({"type": "structure", "mixins": [{"target": format!("a#L{}", level - 1)}],
                           "traits": {"smithy.api#mixin": {}}});
        shapes.insert(format!("a#L{level}"), shape);
    }
    let top = json!({"type": "structure", "mixins": [{"target": format!("a#L{}", depth - 1)}],
                     "members": {"last": {"target": "smithy.api#String"}}});
    shapes.insert("a#Top".into(), top);
    let model = model(Value::Object(shapes));
    assert_eq!(member_names(shape(&model, "a#Top")), ["first", "last"]);
}

fn corpus_dir() -> Option<PathBuf> {
    let dir = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/corpus/smithy-aws"
    ));
    if dir.is_dir() {
        Some(dir.to_path_buf())
    } else {
        eprintln!("note: {} is absent; corpus test skipped", dir.display());
        None
    }
}

fn load_corpus_file(path: &Path) -> Result<Loaded, Diagnostics> {
    let source = read_source(path).map_err(Diagnostics::from)?;
    load(&[&source], &Options::default())
}

#[test]
fn cognito_user_pools_model_resolves_with_the_expected_facts() {
    let Some(dir) = corpus_dir() else {
        return;
    };
    let path = dir.join("cognito-identity-provider-2016-04-18.json");
    let loaded = load_corpus_file(&path).unwrap_or_else(|errors| panic!("{errors}"));
    let model = loaded.model;
    let ns = "com.amazonaws.cognitoidentityprovider";
    let named = |name: &str| ShapeId::new(ns, name);
    assert_eq!(model.operations.len(), 113);
    assert_eq!(
        model.operations[&named("ResendConfirmationCode")]
            .errors
            .len(),
        15
    );
    let client_id = model.shape(&named("ClientIdType")).unwrap();
    let length = client_id.constraints.length.unwrap();
    assert_eq!((length.min, length.max), (Some(1), Some(128)));
    assert_eq!(client_id.constraints.patterns, [r"^[\w+]+$".to_string()]);
    assert!(client_id.sensitive);
    let ShapeKind::Enum(media) = &model.shape(&named("DeliveryMediumType")).unwrap().kind else {
        panic!("DeliveryMediumType is not an enum");
    };
    let values: Vec<&str> = media.iter().map(|v| v.value.as_str()).collect();
    assert!(
        values.contains(&"SMS") && values.contains(&"EMAIL"),
        "{values:?}"
    );
    let service = model.services.values().next().unwrap();
    assert_eq!(service.protocol, Some(Protocol::AwsJson1_1));
    assert_eq!(service.operations.len(), 113);
}

/// Loads every model of the AWS corpus (slow in debug builds: run with
/// `cargo test --release -p shapegen every_aws_model -- --ignored`). Each must resolve with no
/// errors, keep every operation, and give each reachable operation its service.
#[test]
#[ignore]
fn every_aws_model_resolves() {
    let Some(dir) = corpus_dir() else {
        return;
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    let mut failures = Vec::new();
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap();
        let raw: Value = serde_json::from_str(&text).unwrap();
        let written_operations = raw["shapes"]
            .as_object()
            .unwrap()
            .values()
            .filter(|s| s["type"] == "operation")
            .count();
        match load_corpus_file(path) {
            Ok(loaded) => {
                let model = loaded.model;
                assert_eq!(
                    model.operations.len(),
                    written_operations,
                    "{}",
                    path.display()
                );
                assert_eq!(model.services.len(), 1, "{}", path.display());
                let service = model.services.values().next().unwrap();
                for operation in &service.operations {
                    assert_eq!(
                        model.operations[operation].service.as_ref(),
                        Some(&service.id)
                    );
                }
            }
            Err(errors) => failures.push(format!("{}:\n{errors}", path.display())),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} failed:\n{}",
        failures.len(),
        paths.len(),
        failures.join("\n")
    );
    println!("{} passed, 0 failed", paths.len());
}
