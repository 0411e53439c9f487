//! Behaviour of the committed `generated/` crate (made from `schemas/smithy`): serde round
//! trips with exact wire names, unknown enum values, and `Debug` redaction of sensitive members.

use generated::types::{
    AnalyticsMetadataType, ApiKeyScope, CodeDeliveryDetailsType, DeliveryMediumType,
    ResendConfirmationCodeRequest, ResendConfirmationCodeResponse, SearchItemsInput,
    UserContextDataType,
};
use serde_json::json;

const REDACTED: &str = "*** Sensitive Data Redacted ***";

fn full_request() -> ResendConfirmationCodeRequest {
    let mut request = ResendConfirmationCodeRequest::new("client-id-1".into(), "alice".into());
    request.secret_hash = Some("c2VjcmV0".into());
    request.user_context_data = Some(UserContextDataType {
        ip_address: Some("192.0.2.1".into()),
        encoded_data: Some("encoded-fingerprint".into()),
    });
    request.analytics_metadata = Some(AnalyticsMetadataType {
        analytics_endpoint_id: Some("endpoint-1".into()),
    });
    request.client_metadata = Some([("source".to_string(), "signup-page".to_string())].into());
    request
}

#[test]
fn request_serializes_with_wire_names_and_round_trips() {
    let request = full_request();
    let value = serde_json::to_value(&request).unwrap();
    assert_eq!(
        value,
        json!({
            "ClientId": "client-id-1",
            "SecretHash": "c2VjcmV0",
            "UserContextData": {"IpAddress": "192.0.2.1", "EncodedData": "encoded-fingerprint"},
            "Username": "alice",
            "AnalyticsMetadata": {"AnalyticsEndpointId": "endpoint-1"},
            "ClientMetadata": {"source": "signup-page"}
        })
    );
    let back: ResendConfirmationCodeRequest = serde_json::from_value(value).unwrap();
    assert_eq!(back, request);
}

#[test]
fn unset_optional_members_are_not_serialized() {
    let request = ResendConfirmationCodeRequest::new("c".into(), "u".into());
    let text = serde_json::to_string(&request).unwrap();
    assert_eq!(text, r#"{"ClientId":"c","Username":"u"}"#);
}

#[test]
fn required_members_are_plain_types_and_missing_ones_fail_to_parse() {
    let result = serde_json::from_str::<ResendConfirmationCodeRequest>(r#"{"ClientId":"c"}"#);
    let error = result.unwrap_err().to_string();
    assert!(error.contains("Username"), "{error}");
}

#[test]
fn response_round_trips_with_known_enum_value() {
    let text = r#"{"CodeDeliveryDetails":{"Destination":"a***@e***.com","DeliveryMedium":"EMAIL","AttributeName":"email"}}"#;
    let response: ResendConfirmationCodeResponse = serde_json::from_str(text).unwrap();
    let details = response.code_delivery_details.as_ref().unwrap();
    assert_eq!(details.delivery_medium, Some(DeliveryMediumType::Email));
    assert_eq!(serde_json::to_string(&response).unwrap(), text);
}

#[test]
fn unknown_enum_value_is_kept_and_round_trips() {
    let text = r#"{"DeliveryMedium":"CARRIER_PIGEON"}"#;
    let details: CodeDeliveryDetailsType = serde_json::from_str(text).unwrap();
    assert_eq!(
        details.delivery_medium,
        Some(DeliveryMediumType::Unknown("CARRIER_PIGEON".to_string()))
    );
    assert_eq!(serde_json::to_string(&details).unwrap(), text);
    assert_eq!(DeliveryMediumType::VALUES, &["SMS", "EMAIL"]);
    assert_eq!(
        "SMS".parse::<DeliveryMediumType>().unwrap(),
        DeliveryMediumType::Sms
    );
}

#[test]
fn enum_conversions_agree_on_known_and_unknown_values() {
    let known = DeliveryMediumType::Email;
    assert_eq!(known.as_str(), "EMAIL");
    assert_eq!(known.to_string(), "EMAIL");
    assert_eq!(DeliveryMediumType::from("EMAIL"), known);
    assert_eq!(DeliveryMediumType::from("EMAIL".to_string()), known);
    assert_eq!(format!("{known:?}"), "Email");
    let unknown = DeliveryMediumType::from("email".to_string());
    assert_eq!(unknown, DeliveryMediumType::Unknown("email".to_string()));
    assert_eq!(unknown.as_str(), "email");
    assert_eq!(unknown.to_string(), "email");
    assert_eq!("email".parse::<DeliveryMediumType>(), Ok(unknown.clone()));
    assert_eq!(DeliveryMediumType::from("email"), unknown);
    assert_eq!(serde_json::to_value(&unknown).unwrap(), json!("email"));
    assert!(
        serde_json::from_value::<DeliveryMediumType>(json!(1)).is_err(),
        "only strings are enum values"
    );
}

#[test]
fn sensitive_enum_debug_prints_neither_variant_nor_value() {
    assert_eq!(ApiKeyScope::VALUES, &["public", "internal"]);
    let known: ApiKeyScope = serde_json::from_value(json!("internal")).unwrap();
    assert_eq!(known, ApiKeyScope::Internal);
    assert_eq!(known.as_str(), "internal");
    let unknown = ApiKeyScope::from("top-secret-scope");
    for value in [&known, &unknown] {
        let debug = format!("{value:?}");
        assert_eq!(debug, format!("ApiKeyScope({REDACTED})"));
    }
    let input: SearchItemsInput = serde_json::from_value(json!({
        "filter": {"text": "lamp"},
        "apiKeyScope": "top-secret-scope"
    }))
    .unwrap();
    assert_eq!(input.api_key_scope, Some(unknown));
    let debug = format!("{input:?}");
    assert!(!debug.contains("top-secret-scope"), "{debug}");
    assert!(debug.contains(REDACTED), "{debug}");
}

#[test]
fn debug_redacts_exactly_the_four_sensitive_members() {
    let request = full_request();
    let debug = format!("{request:?}");
    for secret in [
        "client-id-1",
        "c2VjcmV0",
        "192.0.2.1",
        "encoded-fingerprint",
        "alice",
    ] {
        assert!(!debug.contains(secret), "{secret} leaked in {debug}");
    }
    for redacted in ["client_id", "secret_hash", "user_context_data", "username"] {
        assert!(
            debug.contains(&format!("{redacted}: \"{REDACTED}\"")),
            "{redacted} is not redacted in {debug}"
        );
    }
    assert_eq!(debug.matches(REDACTED).count(), 4, "{debug}");
    assert!(
        debug.contains("endpoint-1"),
        "non-sensitive members print: {debug}"
    );
    assert!(
        debug.contains("signup-page"),
        "non-sensitive members print: {debug}"
    );
}

#[test]
fn sensitive_structure_redacts_its_own_members() {
    let context = UserContextDataType {
        ip_address: Some("192.0.2.1".into()),
        encoded_data: None,
    };
    let debug = format!("{context:?}");
    assert!(!debug.contains("192.0.2.1"), "{debug}");
}

#[test]
fn json_name_gives_the_wire_name_in_the_rest_json_service_beside_an_aws_json_one() {
    let item: generated::types::Item = serde_json::from_value(json!({
        "id": "item-00ff",
        "name": "Lamp",
        "display-name": "Desk lamp"
    }))
    .unwrap();
    assert_eq!(item.display_name.as_deref(), Some("Desk lamp"));
    let value = serde_json::to_value(&item).unwrap();
    assert_eq!(value["display-name"], "Desk lamp");
    assert!(value.get("displayName").is_none(), "{value}");
}
