//! Differential test: the `jsonschema` crate (an independent implementation that passes the
//! JSON-Schema-Test-Suite) is the oracle. For random JSON instances shaped like a
//! `ResendConfirmationCodeRequest` (members present or absent, strings of every length class and
//! of characters inside and outside each pattern, wrong JSON types, unknown members), the
//! generated `FromJson::from_value` + `Validate` accepts exactly the instances that `jsonschema`
//! accepts against the project's JSON Schema rendition of the same request.
//!
//! One difference is known and left out of the instances on purpose: `null` members. The
//! generated types follow Smithy, where a `null` member is absent, while the JSON Schema
//! rendition says `"type": "string"`. (An array where a structure is expected, such as
//! `"AnalyticsMetadata": ["x"]`, is among the instances: the generated structures are read from
//! JSON objects only, as JSON Schema's `"type": "object"` says.)

use generated::types::ResendConfirmationCodeRequest;
use generated::validation::FromJson;
use std::sync::OnceLock;

use proptest::prelude::*;
use serde_json::{Map, Value};
use shapegen_bench_validation::request_validator;

/// Strings that fall on both sides of every constraint: empty, short and over 128 characters;
/// ASCII word characters, the `+ = /` that some patterns allow, and letters, marks, symbols,
/// spaces and controls that `\w` (ASCII in ECMAScript) and `\p{L}\p{M}\p{S}\p{N}\p{P}` treat
/// differently.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9_]{0,4}",
        "[a-zA-Z0-9_+=/]{1,40}",
        "[a-zA-Z0-9_+=/ \u{e9}\u{fc}\u{301}\u{20ac}\u{1f512}!@.\t-]{0,24}",
        "[a-z]{120,140}",
    ]
}

/// A JSON value of a type no member of the request has.
fn wrong_type() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<bool>().prop_map(Value::from),
        Just(Value::Array(vec![Value::from("x")])),
    ]
}

fn string_member() -> impl Strategy<Value = Value> {
    prop_oneof![8 => text().prop_map(Value::String), 1 => wrong_type()]
}

fn object_of(members: Vec<(&'static str, BoxedStrategy<Value>)>) -> BoxedStrategy<Value> {
    let fields: Vec<_> = members
        .into_iter()
        .map(|(name, value)| proptest::option::of(value).prop_map(move |v| (name, v)))
        .collect();
    fields
        .prop_map(|fields| {
            let object: Map<String, Value> = fields
                .into_iter()
                .filter_map(|(name, value)| value.map(|v| (name.to_string(), v)))
                .collect();
            Value::Object(object)
        })
        .boxed()
}

/// A JSON value of a type no structure has, arrays of member-like values among them.
fn not_a_structure() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<bool>().prop_map(Value::from),
        text().prop_map(Value::String),
        proptest::collection::vec(text().prop_map(Value::String), 0..3).prop_map(Value::Array),
    ]
}

fn structure(members: Vec<(&'static str, BoxedStrategy<Value>)>) -> BoxedStrategy<Value> {
    prop_oneof![8 => object_of(members), 1 => not_a_structure()].boxed()
}

fn client_metadata() -> BoxedStrategy<Value> {
    let map = proptest::collection::btree_map(text(), string_member(), 0..4)
        .prop_map(|entries| Value::Object(entries.into_iter().collect()));
    prop_oneof![8 => map, 1 => wrong_type()].boxed()
}

fn request() -> impl Strategy<Value = Value> {
    let user_context = structure(vec![
        ("IpAddress", string_member().boxed()),
        ("EncodedData", string_member().boxed()),
    ]);
    let analytics = structure(vec![("AnalyticsEndpointId", string_member().boxed())]);
    let members = object_of(vec![
        ("ClientId", string_member().boxed()),
        ("SecretHash", string_member().boxed()),
        ("UserContextData", user_context),
        ("Username", string_member().boxed()),
        ("AnalyticsMetadata", analytics),
        ("ClientMetadata", client_metadata()),
        ("Unmodelled", string_member().boxed()),
    ]);
    prop_oneof![20 => members, 1 => not_a_structure()]
}

/// The `jsonschema` validator, compiled once.
fn validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| request_validator().expect("the bundled schema compiles"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn generated_validators_agree_with_jsonschema(instance in request()) {
        let oracle = validator().is_valid(&instance);
        let ours = ResendConfirmationCodeRequest::from_value(instance.clone());
        prop_assert_eq!(
            ours.is_ok(),
            oracle,
            "instance {} — generated: {:?}",
            instance,
            ours.err().map(|errors| errors.to_string())
        );
    }
}
