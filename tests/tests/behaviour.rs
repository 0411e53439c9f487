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
fn a_member_given_twice_is_an_error() {
    let text = r#"{"ClientId":"c","Username":"u","ClientId":"d"}"#;
    let error = serde_json::from_str::<ResendConfirmationCodeRequest>(text).unwrap_err();
    assert!(
        error.to_string().contains("duplicate field `ClientId`"),
        "{error}"
    );
}

#[test]
fn unknown_members_are_skipped() {
    let text = r#"{"ClientId":"c","Extra":{"nested":[1,2]},"Username":"u"}"#;
    let request: ResendConfirmationCodeRequest = serde_json::from_str(text).unwrap();
    assert_eq!(
        request,
        ResendConfirmationCodeRequest::new("c".into(), "u".into())
    );
}

#[test]
fn a_structure_is_read_from_an_object_only_not_from_an_array() {
    let error = serde_json::from_str::<ResendConfirmationCodeRequest>(r#"["c", null, null, "u"]"#)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("invalid type: sequence, expected struct ResendConfirmationCodeRequest"),
        "{error}"
    );
}

#[test]
fn a_sensitive_member_of_the_wrong_type_is_reported_without_its_value() {
    let text = r#"{"ClientId":"c","Username":["hunter2"]}"#;
    let error = serde_json::from_str::<ResendConfirmationCodeRequest>(text)
        .unwrap_err()
        .to_string();
    assert!(error.contains("sensitive member"), "{error}");
    assert!(!error.contains("hunter2"), "{error}");
    let text = r#"{"ClientId":"c","Username":"u","AnalyticsMetadata":{"AnalyticsEndpointId":7}}"#;
    let error = serde_json::from_str::<ResendConfirmationCodeRequest>(text)
        .unwrap_err()
        .to_string();
    assert!(error.contains("invalid type: integer `7`"), "{error}");
}

#[test]
fn serializers_are_told_how_many_members_follow() {
    let mut request = ResendConfirmationCodeRequest::new("c".into(), "u".into());
    assert_eq!(counted_members(&request), (2, 2));
    request.secret_hash = Some("h".into());
    assert_eq!(counted_members(&request), (3, 3));
}

/// The member count a structure announces to `serialize_struct`, and how many it writes.
fn counted_members<T: serde::Serialize>(value: &T) -> (usize, usize) {
    let mut counter = MemberCounter::default();
    value.serialize(&mut counter).unwrap();
    (counter.announced, counter.written)
}

/// A serializer that only counts a structure's members.
#[derive(Default)]
struct MemberCounter {
    announced: usize,
    written: usize,
}

impl serde::ser::SerializeStruct for &mut MemberCounter {
    type Ok = ();
    type Error = serde::de::value::Error;

    fn serialize_field<T: serde::Serialize + ?Sized>(
        &mut self,
        _key: &'static str,
        _value: &T,
    ) -> Result<(), Self::Error> {
        self.written += 1;
        Ok(())
    }

    fn end(self) -> Result<(), Self::Error> {
        Ok(())
    }
}

/// `MemberCounter`'s methods for values it never meets at the top level.
macro_rules! unsupported_methods {
    ($($method:ident($($ty:ty),*))*) => {
        $(fn $method(self, $(_: $ty),*) -> Result<(), Self::Error> {
            Err(unsupported())
        })*
    };
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

impl serde::Serializer for &mut MemberCounter {
    type Ok = ();
    type Error = serde::de::value::Error;
    type SerializeSeq = serde::ser::Impossible<(), Self::Error>;
    type SerializeTuple = serde::ser::Impossible<(), Self::Error>;
    type SerializeTupleStruct = serde::ser::Impossible<(), Self::Error>;
    type SerializeTupleVariant = serde::ser::Impossible<(), Self::Error>;
    type SerializeMap = serde::ser::Impossible<(), Self::Error>;
    type SerializeStruct = Self;
    type SerializeStructVariant = serde::ser::Impossible<(), Self::Error>;

    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Self, Self::Error> {
        self.announced = len;
        Ok(self)
    }

    unsupported_methods! {
        serialize_bool(bool) serialize_i8(i8) serialize_i16(i16) serialize_i32(i32)
        serialize_i64(i64) serialize_u8(u8) serialize_u16(u16) serialize_u32(u32)
        serialize_u64(u64) serialize_f32(f32) serialize_f64(f64) serialize_char(char)
        serialize_str(&str) serialize_bytes(&[u8]) serialize_unit_struct(&'static str)
        serialize_unit_variant(&'static str, u32, &'static str)
    }

    fn serialize_none(self) -> Result<(), Self::Error> {
        Err(unsupported())
    }

    fn serialize_unit(self) -> Result<(), Self::Error> {
        Err(unsupported())
    }

    fn serialize_some<T: serde::Serialize + ?Sized>(self, _: &T) -> Result<(), Self::Error> {
        Err(unsupported())
    }

    fn serialize_newtype_struct<T: serde::Serialize + ?Sized>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<(), Self::Error> {
        Err(unsupported())
    }

    fn serialize_newtype_variant<T: serde::Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Self::Error> {
        Err(unsupported())
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Self::Error> {
        Err(unsupported())
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Self::Error> {
        Err(unsupported())
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Self::Error> {
        Err(unsupported())
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Self::Error> {
        Err(unsupported())
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Self::Error> {
        Err(unsupported())
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Self::Error> {
        Err(unsupported())
    }
}

fn unsupported() -> serde::de::value::Error {
    serde::ser::Error::custom("MemberCounter only counts a structure's members")
}
