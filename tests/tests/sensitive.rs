//! Sensitive values never leak: for random values put in the `@sensitive` members of the
//! generated Cognito types, no `Debug` or `Display` output, serde error, or validation message
//! (from `Validate::validate` or `FromJson::from_json`) contains the value, raw or escaped.

use generated::types::{ResendConfirmationCodeRequest, UserContextDataType};
use generated::validation::{FromJson, Validate, ValidationErrors};
use proptest::prelude::*;
use serde_json::json;

/// Random values: long enough not to occur in a message by chance (the shortest message word
/// that a value could equal is far from 8 characters of this mix), with quotes, backslashes,
/// control characters and non-ASCII text that escaping would change.
fn sensitive_value() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 _+/=@.\"\\\\\n\t\u{e9}\u{4e2d}\u{1f512}-]{8,48}"
}

/// The forms in which `value` could appear in text: raw, JSON-escaped and `Debug`-escaped.
fn forms(value: &str) -> Vec<String> {
    let json = serde_json::to_string(value).unwrap_or_default();
    let debug = format!("{value:?}");
    vec![
        value.to_string(),
        json.trim_matches('"').to_string(),
        debug.trim_matches('"').to_string(),
    ]
}

fn assert_hidden(value: &str, what: &str, text: &str) {
    for form in forms(value) {
        assert!(
            !text.contains(&form),
            "{what} shows the sensitive value {form:?}: {text}"
        );
    }
}

/// Every text a set of violations can be shown as.
fn assert_errors_hidden(value: &str, what: &str, errors: &ValidationErrors) {
    assert_hidden(value, what, &errors.to_string());
    assert_hidden(value, what, &format!("{errors:?}"));
    for violation in errors.iter() {
        assert_hidden(value, what, violation.message());
        assert_hidden(value, what, violation.path());
    }
}

fn request_with(value: &str) -> ResendConfirmationCodeRequest {
    let mut request = ResendConfirmationCodeRequest::new(value.to_string(), value.to_string());
    request.secret_hash = Some(value.to_string());
    request.user_context_data = Some(UserContextDataType {
        ip_address: Some(value.to_string()),
        encoded_data: Some(value.to_string()),
    });
    request
}

/// JSON texts that carry `value` in sensitive members and are wrong in some way: constraint
/// violations, wrong types, unknown shapes, truncated text.
fn bad_json_texts(value: &str) -> Vec<String> {
    let valid_other = json!({"ClientId": "client", "Username": "alice"});
    let mut texts = vec![
        json!({"ClientId": value, "Username": value, "SecretHash": value,
               "UserContextData": {"IpAddress": value, "EncodedData": value}})
        .to_string(),
        json!({"ClientId": value, "Username": 7}).to_string(),
        json!({"ClientId": value, "Username": value, "UserContextData": value}).to_string(),
        json!({"ClientId": [value], "Username": {"nested": value}}).to_string(),
        json!({"ClientId": "client", "Username": "alice", "SecretHash": [value, 1]}).to_string(),
        json!({"ClientId": "client", "Username": "alice", "UserContextData": {"IpAddress": 5, "EncodedData": value}}).to_string(),
    ];
    let full = json!({"ClientId": value, "Username": value}).to_string();
    texts.push(full[..full.len() - 2].to_string());
    texts.push(format!("{{\"ClientId\": \"{value}\", \"Username\": 1"));
    texts.push(
        valid_other
            .to_string()
            .replace('}', &format!(", \"SecretHash\": {value}}}")),
    );
    texts
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn debug_never_shows_a_sensitive_value(value in sensitive_value()) {
        let request = request_with(&value);
        assert_hidden(&value, "Debug of the request", &format!("{request:?}"));
        assert_hidden(&value, "pretty Debug of the request", &format!("{request:#?}"));
        let context = request.user_context_data.clone();
        assert_hidden(&value, "Debug of the context data", &format!("{context:?}"));
    }

    #[test]
    fn validation_messages_never_show_a_sensitive_value(value in sensitive_value()) {
        let request = request_with(&value);
        if let Err(errors) = request.validate() {
            assert_errors_hidden(&value, "validate", &errors);
        }
        let long = value.repeat(200);
        if let Err(errors) = request_with(&long).validate() {
            assert_errors_hidden(&long, "validate (too long)", &errors);
        }
    }

    #[test]
    fn json_errors_never_show_a_sensitive_value(value in sensitive_value()) {
        for text in bad_json_texts(&value) {
            if let Err(errors) = ResendConfirmationCodeRequest::from_json(&text) {
                assert_errors_hidden(&value, "from_json", &errors);
            }
            if let Err(error) = serde_json::from_str::<ResendConfirmationCodeRequest>(&text) {
                assert_hidden(&value, "the serde error", &error.to_string());
                assert_hidden(&value, "the serde error's Debug", &format!("{error:?}"));
            }
        }
    }
}

#[test]
fn the_checks_can_fail() {
    let value = "s3cr\"et-value";
    let shown = format!("left {}", serde_json::to_string(value).unwrap_or_default());
    let leaked = std::panic::catch_unwind(|| assert_hidden(value, "a leaky text", &shown));
    assert!(leaked.is_err(), "an escaped value is caught");
}
