//! The schemas that the committed `generated/` crate (from `schemas/smithy`) gives with its
//! `schemars` feature: wire names, required members, constraints, descriptions as written,
//! sensitivity, and the wire forms of unions, enums, timestamps, blobs and big numbers.

use generated::types::{ResendConfirmationCodeRequest, SearchItemsInput, SearchItemsOutput};
use serde_json::{json, Value};

fn schema_of<T: schemars::JsonSchema>() -> Value {
    serde_json::to_value(schemars::schema_for!(T)).expect("a schema is JSON")
}

/// Every `$ref` in `value`, as written.
fn refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get("$ref") {
                out.push(reference.clone());
            }
            map.values().for_each(|v| refs(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}

fn assert_refs_resolve(schema: &Value) {
    let mut found = Vec::new();
    refs(schema, &mut found);
    for reference in found {
        let name = reference
            .strip_prefix("#/$defs/")
            .unwrap_or_else(|| panic!("unexpected $ref {reference}"));
        assert!(
            schema["$defs"].get(name).is_some(),
            "{reference} has no definition"
        );
    }
}

#[test]
fn request_members_carry_alias_constraints_sensitivity_and_docs() {
    let schema = schema_of::<ResendConfirmationCodeRequest>();
    assert_refs_resolve(&schema);
    assert_eq!(schema["required"], json!(["ClientId", "Username"]));
    assert_eq!(
        schema["description"],
        "The request to send a user a new sign-up confirmation code."
    );
    let client_id = &schema["properties"]["ClientId"];
    assert_eq!(client_id["type"], "string", "not nullable: {client_id}");
    assert_eq!(client_id["format"], "password");
    assert_eq!(client_id["minLength"], 1);
    assert_eq!(client_id["maxLength"], 128);
    assert_eq!(client_id["pattern"], r"^[\w+]+$");
    assert_eq!(
        client_id["description"],
        "The ID of the app client that the user signed up through."
    );
    let metadata = &schema["properties"]["ClientMetadata"];
    assert_eq!(
        metadata["type"], "object",
        "optional, but not null: {metadata}"
    );
    assert_eq!(metadata["additionalProperties"]["maxLength"], 131072);
    assert_eq!(metadata["propertyNames"]["maxLength"], 131072);
    let context = &schema["properties"]["UserContextData"];
    assert_eq!(context["$ref"], "#/$defs/UserContextDataType");
    assert_eq!(schema["$defs"]["UserContextDataType"]["x-sensitive"], true);
}

#[test]
fn enums_list_only_the_modelled_values() {
    let schema = schema_of::<generated::types::ResendConfirmationCodeResponse>();
    let medium = &schema["$defs"]["DeliveryMediumType"];
    assert_eq!(medium["type"], "string");
    assert_eq!(medium["enum"], json!(["SMS", "EMAIL"]));
}

#[test]
fn enum_schemas_keep_the_model_name_description_and_sensitivity() {
    let schema = schema_of::<SearchItemsInput>();
    assert_refs_resolve(&schema);
    assert_eq!(
        schema["properties"]["apiKeyScope"]["$ref"],
        "#/$defs/APIKeyScope"
    );
    assert_eq!(
        schema["$defs"]["APIKeyScope"],
        json!({
            "description": "The reach of an API key. A sensitive enum: `Debug` never shows its value.",
            "type": "string",
            "enum": ["public", "internal"],
            "format": "password"
        })
    );
    let response = schema_of::<generated::types::ResendConfirmationCodeResponse>();
    assert_eq!(
        response["$defs"]["DeliveryMediumType"],
        json!({
            "description": "The channel through which Amazon Cognito delivers a message.",
            "type": "string",
            "enum": ["SMS", "EMAIL"]
        })
    );
}

#[test]
fn timestamps_blobs_and_big_numbers_are_described_as_written_on_the_wire() {
    let schema = schema_of::<SearchItemsOutput>();
    assert_refs_resolve(&schema);
    let item = &schema["$defs"]["Item"];
    assert_eq!(item["required"], json!(["id", "name"]));
    let properties = &item["properties"];
    assert_eq!(properties["createdAt"]["type"], "number");
    assert_eq!(properties["updatedAt"]["format"], "date-time");
    assert_eq!(properties["expiresAt"]["type"], "string");
    assert_eq!(properties["thumbnail"]["contentEncoding"], "base64");
    assert_eq!(properties["serialNumber"]["type"], "integer");
    assert_eq!(properties["price"]["type"], "number");
    assert_eq!(properties["quantity"]["default"], 0);
    assert_eq!(properties["quantity"]["minimum"], 0);
    assert_eq!(properties["quantity"]["maximum"], 1_000_000);
    assert_eq!(properties["id"]["pattern"], "^item-[0-9a-f]+$");
    assert_eq!(properties["legacyCode"]["deprecated"], true);
    assert!(
        properties["attributes"].get("type").is_none(),
        "a document accepts any JSON value"
    );
    let parent = &schema["$defs"]["Category"]["properties"]["parent"];
    assert_eq!(
        parent["$ref"], "#/$defs/Category",
        "boxed, optional, not null"
    );
}

#[test]
fn documented_enum_values_become_const_branches() {
    let schema = schema_of::<SearchItemsOutput>();
    let status = &schema["$defs"]["ItemStatus"];
    let branches = status["oneOf"].as_array().expect("oneOf branches");
    let values: Vec<&Value> = branches.iter().map(|b| &b["const"]).collect();
    assert_eq!(
        values,
        [
            &json!("in_stock"),
            &json!("sold_out"),
            &json!("discontinued")
        ]
    );
    assert_eq!(branches[2]["deprecated"], true);
    let priority = &schema["$defs"]["Priority"];
    assert_eq!(priority["type"], "integer");
    let values: Vec<&Value> = priority["oneOf"]
        .as_array()
        .expect("oneOf branches")
        .iter()
        .map(|b| &b["const"])
        .collect();
    assert_eq!(values, [&json!(1), &json!(5), &json!(10)]);
}

#[test]
fn unions_are_one_of_their_variants_with_item_constraints() {
    let schema = schema_of::<SearchItemsInput>();
    assert_refs_resolve(&schema);
    assert_eq!(schema["required"], json!(["filter"]));
    assert_eq!(schema["properties"]["maxResults"]["default"], 25);
    let variants = schema["$defs"]["SearchFilter"]["oneOf"]
        .as_array()
        .expect("a union is oneOf its variants");
    let names: Vec<&Value> = variants.iter().map(|v| &v["required"][0]).collect();
    assert_eq!(
        names,
        [&json!("text"), &json!("quantityRange"), &json!("tags")]
    );
    let tags = &variants[2]["properties"]["tags"];
    assert_eq!(tags["uniqueItems"], true);
    assert_eq!(tags["minItems"], 1);
    assert_eq!(tags["maxItems"], 10);
    assert_eq!(tags["items"]["pattern"], "^[a-z0-9-]+$");
    assert_eq!(tags["items"]["maxLength"], 64);
}
