//! Runs inside the crate that `codegen/tests/validation.rs` generates: asserts what its
//! validators accept and report.

use validation_behaviour::types::ResendConfirmationCodeRequest as Request;
use validation_behaviour::validation::{FromJson, Validate, ValidationErrors, ViolationKind};

/// A valid request body with `extra` members added.
fn body(extra: &str) -> String {
    let separator = if extra.is_empty() { "" } else { ", " };
    format!(r#"{{"ClientId": "client+1", "Username": "ü-user"{separator}{extra}}}"#)
}

fn errors_of(extra: &str) -> ValidationErrors {
    match Request::from_json(&body(extra)) {
        Ok(request) => panic!("expected violations for {extra}, got {request:?}"),
        Err(errors) => errors,
    }
}

/// The only violation's path and message.
fn single(extra: &str) -> (String, String) {
    let errors = errors_of(extra);
    assert_eq!(errors.len(), 1, "{errors}");
    let violation = errors.iter().next().expect("one violation");
    (violation.path().to_string(), violation.message().to_string())
}

/// Members that use every constraint, all valid.
const VALID: &str = r#""UserContextData": {"IpAddress": "10.0.0.1"}, "ClientMetadata": {"k": "value"},
    "Medium": "SMS", "Priority": 2, "Items": [{"Quantity": 1, "Ratio": 8.8}], "Tags": ["a", "b"],
    "Huge": 100000000000000000001, "Choice": {"Text": "ab"}, "Node": {"Name": "aa", "Next": {"Name": "bb"}},
    "Strict": {"Known": "x"}, "Nickname": "👍👍👍""#;

/// Counts the allocations of the current thread.
struct CountingAllocator;

thread_local! {
    static ALLOCATIONS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

// SAFETY: every call is forwarded unchanged to the system allocator.
unsafe impl std::alloc::GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|count| count.set(count.get() + 1));
        std::alloc::System.alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        std::alloc::System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

fn allocations() -> usize {
    ALLOCATIONS.with(std::cell::Cell::get)
}

#[test]
fn validating_a_valid_value_allocates_nothing() {
    let request = Request::from_json(&body(VALID)).expect("valid");
    // The first run builds the pattern statics and the regex caches of this thread.
    request.validate().expect("valid");
    let before = allocations();
    request.validate().expect("valid");
    assert_eq!(allocations() - before, 0);
    let invalid = Request {
        nickname: Some("a".to_string()),
        ..request
    };
    let before = allocations();
    assert!(invalid.validate().is_err());
    assert!(allocations() > before, "the counter counts");
}

#[test]
fn a_valid_request_passes() {
    let extra = VALID;
    let request = Request::from_json(&body(extra)).expect("valid");
    assert!(request.validate().is_ok());
    // Through `serde_json::Value` a big number keeps only what an f64 keeps.
    let without_huge = extra.replace(r#""Huge": 100000000000000000001,"#, "");
    let value: serde_json::Value = serde_json::from_str(&body(&without_huge)).expect("JSON");
    assert!(Request::from_value(value).is_ok());
}

#[test]
fn ecma_word_characters_are_ascii_so_client_id_u_umlaut_fails() {
    let errors = Request::from_json(r#"{"ClientId": "ü", "Username": "ü"}"#).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors}");
    let violation = errors.iter().next().expect("one");
    assert_eq!(violation.path(), "/ClientId");
    assert_eq!(
        violation.message(),
        r"Value at '/ClientId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[\w+]+$"
    );
    assert!(matches!(violation.kind(), ViolationKind::Pattern { .. }));
}

#[test]
fn sensitive_values_never_appear_in_messages_debug_or_display() {
    let errors = Request::from_json(
        r#"{"ClientId": "sécrèt-client", "Username": "ok", "Secret": "zzzz",
            "SecretMetadata": {"hidden-key": "v"}}"#,
    )
    .unwrap_err();
    assert_eq!(errors.len(), 4, "{errors}");
    let shown = format!("{errors} {errors:?}");
    for violation in &errors {
        let one = format!("{violation} {violation:?} {}", violation.path());
        for secret in ["sécrèt", "zzzz", "hidden-key"] {
            assert!(!one.contains(secret), "{one}");
        }
    }
    for secret in ["sécrèt", "zzzz", "hidden-key"] {
        assert!(!shown.contains(secret), "{shown}");
    }
    let request = Request {
        secret: Some("zzzz".to_string()),
        ..Request::new("sécrèt-client".to_string(), "ok".to_string())
    };
    assert!(!format!("{request:?}").contains("zzzz"));
}

#[test]
fn every_missing_required_member_is_reported() {
    let errors = Request::from_json("{}").unwrap_err();
    let found: Vec<(&str, &ViolationKind)> = errors.iter().map(|v| (v.path(), v.kind())).collect();
    assert_eq!(
        found,
        [
            ("/ClientId", &ViolationKind::Missing),
            ("/Username", &ViolationKind::Missing)
        ]
    );
    assert_eq!(
        errors.to_string(),
        "2 validation errors detected. Value at '/ClientId' failed to satisfy constraint: Member must not be null; Value at '/Username' failed to satisfy constraint: Member must not be null"
    );
}

#[test]
fn wrong_types_are_reported_with_paths_alongside_constraint_violations() {
    let errors = Request::from_json(
        r#"{"ClientId": 5, "Username": "ok", "Items": [{"Quantity": "many"}, {"Quantity": 500}], "Nickname": "a"}"#,
    )
    .unwrap_err();
    let found: Vec<(&str, &ViolationKind)> = errors.iter().map(|v| (v.path(), v.kind())).collect();
    assert!(found.contains(&("/ClientId", &ViolationKind::Type { expected: "string" })), "{errors}");
    assert!(
        found.contains(&("/Items/0/Quantity", &ViolationKind::Type { expected: "32-bit integer" })),
        "{errors}"
    );
    assert!(found.iter().any(|(path, _)| *path == "/Nickname"), "{errors}");
}

#[test]
fn nested_members_have_nested_paths() {
    let (path, message) = single(r#""UserContextData": {"IpAddress": "not an address"}"#);
    assert_eq!(path, "/UserContextData/IpAddress");
    assert_eq!(
        message,
        "Value at '/UserContextData/IpAddress' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9.:]+$"
    );
    let (path, _) = single(r#""Node": {"Name": "aa", "Next": {"Name": "bb", "Next": {"Name": "c"}}}"#);
    assert_eq!(path, "/Node/Next/Next/Name");
}

#[test]
fn map_values_are_found_by_escaped_key_and_list_items_by_index() {
    let (path, message) = single(r#""ClientMetadata": {"a/b~c": "x"}"#);
    assert_eq!(path, "/ClientMetadata/a~1b~0c");
    assert_eq!(
        message,
        "Value with length 1 at '/ClientMetadata/a~1b~0c' failed to satisfy constraint: Member must have length between 2 and 8, inclusive"
    );
    let (path, message) = single(r#""Items": [{"Quantity": 5}, {"Quantity": 500}]"#);
    assert_eq!(path, "/Items/1/Quantity");
    assert_eq!(
        message,
        "Value at '/Items/1/Quantity' failed to satisfy constraint: Member must be between 1 and 100, inclusive"
    );
    let (path, message) = single(r#""Items": []"#);
    assert_eq!(path, "/Items");
    assert_eq!(
        message,
        "Value with length 0 at '/Items' failed to satisfy constraint: Member must have length between 1 and 3, inclusive"
    );
}

#[test]
fn string_length_counts_unicode_scalar_values() {
    let (path, message) = single(r#""ClientMetadata": {"k": "👍"}"#);
    assert_eq!(path, "/ClientMetadata/k");
    assert!(message.starts_with("Value with length 1 at"), "{message}");
    let (_, message) = single(r#""Nickname": "👍👍""#);
    assert_eq!(
        message,
        "Value with length 2 at '/Nickname' failed to satisfy constraint: Member must have length greater than or equal to 3"
    );
    assert!(Request::from_json(&body(r#""Nickname": "👍👍👍""#)).is_ok());
}

#[test]
fn unknown_enum_values_are_violations() {
    let (path, message) = single(r#""Medium": "FAX""#);
    assert_eq!(path, "/Medium");
    assert_eq!(
        message,
        "Value at '/Medium' failed to satisfy constraint: Member must satisfy enum value set: [SMS, EMAIL]"
    );
    let (_, message) = single(r#""Priority": 7"#);
    assert!(message.ends_with("Member must satisfy enum value set: [1, 2]"), "{message}");
}

#[test]
fn ranges_unique_items_unions_and_unknown_members() {
    let (_, message) = single(r#""Items": [{"Quantity": 1, "Ratio": 8.9}]"#);
    assert!(message.ends_with("Member must be between 2.2 and 8.8, inclusive"), "{message}");
    let (path, message) = single(r#""Huge": 99999999999999999999"#);
    assert_eq!(path, "/Huge");
    assert!(message.ends_with("greater than or equal to 100000000000000000000"), "{message}");
    let (path, message) = single(r#""Tags": ["a", "b", "a"]"#);
    assert_eq!(path, "/Tags");
    assert!(message.ends_with("Member must have unique values"), "{message}");
    let (path, _) = single(r#""Choice": {"Text": "x"}"#);
    assert_eq!(path, "/Choice/Text");
    let (path, message) = single(r#""Choice": {"Text": "ab", "Count": 2}"#);
    assert_eq!(path, "/Choice");
    assert!(message.ends_with("Member must have exactly one member set"), "{message}");
    let (path, message) = single(r#""Strict": {"Known": "x", "extra": 1}"#);
    assert_eq!(path, "/Strict/extra");
    assert!(message.ends_with("Member is not allowed by the schema"), "{message}");
}

#[test]
fn input_that_is_not_json_is_one_malformed_violation() {
    let errors = Request::from_json("{\"ClientId\": ").unwrap_err();
    assert_eq!(errors.len(), 1);
    let violation = errors.iter().next().expect("one");
    assert!(matches!(violation.kind(), ViolationKind::Malformed { .. }), "{errors}");
}

#[test]
fn json_schema_constraints() {
    let valid = r#""Extras": {"Even": 4, "Version": "v1", "Level": 5, "Positive": 2.5, "Labels": {"a": "b"}}"#;
    assert!(Request::from_json(&body(valid)).is_ok());
    let cases = [
        (r#"{"Even": 3}"#, "/Extras/Even", "Member must be a multiple of 2"),
        (r#"{"Version": "v2"}"#, "/Extras/Version", r#"Member must be equal to "v1""#),
        (r#"{"Level": 4}"#, "/Extras/Level", "Member must satisfy enum value set: [1, 5, 9]"),
        (r#"{"Positive": 0}"#, "/Extras/Positive", "Member must be greater than 0"),
        (r#"{"Positive": 0.7}"#, "/Extras/Positive", "Member must be a multiple of 0.5"),
        (r#"{"Labels": {}}"#, "/Extras/Labels", "Member must have a number of properties between 1 and 2, inclusive"),
    ];
    for (extras, expected_path, expected_end) in cases {
        let (path, message) = single(&format!(r#""Extras": {extras}"#));
        assert_eq!(path, expected_path, "{extras}");
        assert!(message.ends_with(expected_end), "{extras}: {message}");
    }
}

#[test]
fn decimals_compare_exactly() {
    use std::cmp::Ordering::{Equal, Greater, Less};
    use validation_behaviour::validation::compare_decimal;
    let cases = [
        ("1e20", "100000000000000000000", Equal),
        ("-0.5", "-0.50", Equal),
        ("0.1", "0.10000000000000001", Less),
        ("-2", "-10", Greater),
        ("0", "-0.0", Equal),
        ("12.5e-1", "1.25", Equal),
        ("999", "1e3", Less),
        ("0.001", "0.0009", Greater),
    ];
    for (a, b, expected) in cases {
        assert_eq!(compare_decimal(a, b), Some(expected), "{a} vs {b}");
    }
    assert_eq!(compare_decimal("abc", "1"), None);
}
