//! Behaviour of the generated errors and operations (copied into the generated crate's `tests/`
//! by `codegen/tests/operations.rs`): error parsing for JSON protocols, `Display`, the facts of
//! each error, bindings and `Unit`.

use std::error::Error as _;

use generated::errors::{self, Fault, UserNotFoundException};
use generated::operations::{
    read_output, sanitize_error_code, Binding, GetWidget, GetWidgetError, Operation,
    OperationError, Ping, PingError, ResendConfirmationCode, ResendConfirmationCodeError as Resend,
    Unit,
};
use generated::validation::{ValidationErrors, Violation, ViolationKind};

type IsVariant = fn(&Resend) -> bool;

/// ResendConfirmationCode's errors as the schema models them: code, `is::<E>()`, status, fault.
const COGNITO_ERRORS: [(&str, IsVariant, u16, Fault); 15] = [
    (
        "ResourceNotFoundException",
        Resend::is::<errors::ResourceNotFoundException>,
        404,
        Fault::Client,
    ),
    (
        "InvalidParameterException",
        Resend::is::<errors::InvalidParameterException>,
        400,
        Fault::Client,
    ),
    (
        "UnexpectedLambdaException",
        Resend::is::<errors::UnexpectedLambdaException>,
        400,
        Fault::Client,
    ),
    (
        "UserLambdaValidationException",
        Resend::is::<errors::UserLambdaValidationException>,
        400,
        Fault::Client,
    ),
    (
        "NotAuthorizedException",
        Resend::is::<errors::NotAuthorizedException>,
        403,
        Fault::Client,
    ),
    (
        "InvalidLambdaResponseException",
        Resend::is::<errors::InvalidLambdaResponseException>,
        400,
        Fault::Client,
    ),
    (
        "TooManyRequestsException",
        Resend::is::<errors::TooManyRequestsException>,
        429,
        Fault::Client,
    ),
    (
        "LimitExceededException",
        Resend::is::<errors::LimitExceededException>,
        400,
        Fault::Client,
    ),
    (
        "InvalidSmsRoleAccessPolicyException",
        Resend::is::<errors::InvalidSmsRoleAccessPolicyException>,
        400,
        Fault::Client,
    ),
    (
        "InvalidSmsRoleTrustRelationshipException",
        Resend::is::<errors::InvalidSmsRoleTrustRelationshipException>,
        400,
        Fault::Client,
    ),
    (
        "InvalidEmailRoleAccessPolicyException",
        Resend::is::<errors::InvalidEmailRoleAccessPolicyException>,
        400,
        Fault::Client,
    ),
    (
        "CodeDeliveryFailureException",
        Resend::is::<errors::CodeDeliveryFailureException>,
        400,
        Fault::Client,
    ),
    (
        "UserNotFoundException",
        Resend::is::<errors::UserNotFoundException>,
        404,
        Fault::Client,
    ),
    (
        "InternalErrorException",
        Resend::is::<errors::InternalErrorException>,
        500,
        Fault::Server,
    ),
    (
        "ForbiddenException",
        Resend::is::<errors::ForbiddenException>,
        403,
        Fault::Client,
    ),
];

/// Codes AWS SDKs treat as throttling, among the 15 (none is `@retryable` in the model).
const THROTTLING: [&str; 2] = ["TooManyRequestsException", "LimitExceededException"];

fn helpers_that_match(error: &Resend) -> Vec<&'static str> {
    COGNITO_ERRORS
        .iter()
        .filter(|(_, is_variant, ..)| is_variant(error))
        .map(|(code, ..)| *code)
        .collect()
}

fn assert_parsed_as(error: &Resend, code: &str, message: Option<&str>) {
    assert_eq!(helpers_that_match(error), [code], "{error:?}");
    assert_eq!(error.code(), Some(code));
    assert_eq!(error.message(), message);
}

#[test]
fn every_modelled_error_is_parsed_from_type_in_the_body() {
    for (code, _, status, fault) in COGNITO_ERRORS {
        let message = format!("{code} happened.");
        let body = serde_json::json!({ "__type": code, "message": message }).to_string();
        let error = Resend::parse(status, None, body.as_bytes());
        assert_parsed_as(&error, code, Some(&message));
        assert_eq!(error.to_string(), format!("{code}: {message}"));
        assert_eq!(error.http_status(), Some(status), "{code}");
        assert_eq!(error.fault(), Some(fault), "{code}");
        let throttling = THROTTLING.contains(&code);
        assert_eq!(error.is_throttling(), throttling, "{code}");
        assert_eq!(error.is_retryable(), throttling, "{code}");
        let source = error.source().expect("the modelled error is the source");
        assert_eq!(source.to_string(), error.to_string());
    }
}

#[test]
fn every_modelled_error_is_parsed_from_the_header_and_from_code() {
    for (code, ..) in COGNITO_ERRORS {
        let from_header = Resend::parse(400, Some(code), br#"{"message":"m"}"#);
        assert_parsed_as(&from_header, code, Some("m"));
        let body = serde_json::json!({ "code": code, "message": "m" }).to_string();
        let from_code = Resend::parse(400, None, body.as_bytes());
        assert_parsed_as(&from_code, code, Some("m"));
    }
}

#[test]
fn the_header_wins_over_type_which_wins_over_code() {
    let body = br#"{"__type":"UserNotFoundException","code":"ForbiddenException","message":"m"}"#;
    let error = Resend::parse(400, Some("NotAuthorizedException"), body);
    assert!(error.is::<errors::NotAuthorizedException>(), "{error:?}");
    let error = Resend::parse(400, None, body);
    assert!(error.is::<errors::UserNotFoundException>(), "{error:?}");
    // An empty header, or one that sanitizes to nothing, is no code: the body decides.
    for header in ["", "aws.cognito#:http://x"] {
        let error = Resend::parse(400, Some(header), body);
        assert!(error.is::<errors::UserNotFoundException>(), "{header:?}: {error:?}");
    }
    // `__type` that is not a string is ignored.
    let error = Resend::parse(400, None, br#"{"__type":7,"code":"ForbiddenException"}"#);
    assert!(error.is::<errors::ForbiddenException>(), "{error:?}");
}

#[test]
fn namespaces_and_urls_are_removed_from_codes() {
    let body = "{\"__type\":\"com.amazonaws.cognitoidentityprovider#UserNotFoundException:http://internal.amazon.com/coral/com.amazon.coral.validate/\",\"message\":\"…\"}";
    let error = Resend::parse(400, None, body.as_bytes());
    assert_parsed_as(&error, "UserNotFoundException", Some("…"));
    assert_eq!(error.to_string(), "UserNotFoundException: …");

    let header =
        "UserNotFoundException:http://internal.amazon.com/coral/com.amazon.coral.validate/";
    let error = Resend::parse(400, Some(header), b"{}");
    assert_parsed_as(&error, "UserNotFoundException", None);
    let error = Resend::parse(400, Some("aws.cognito#ForbiddenException"), b"");
    assert_parsed_as(&error, "ForbiddenException", None);

    assert_eq!(sanitize_error_code("a.b#C:http://x#y"), "C");
    assert_eq!(sanitize_error_code("C"), "C");
    assert_eq!(sanitize_error_code("ns#C"), "C");
    assert_eq!(sanitize_error_code("C:"), "C");
}

#[test]
fn the_message_is_read_whatever_its_spelling() {
    for key in ["message", "Message", "errorMessage"] {
        let body =
            serde_json::json!({ "__type": "UserNotFoundException", key: "User does not exist." });
        let error = Resend::parse(404, None, body.to_string().as_bytes());
        assert_parsed_as(
            &error,
            "UserNotFoundException",
            Some("User does not exist."),
        );
        assert_eq!(
            error.to_string(),
            "UserNotFoundException: User does not exist."
        );
    }
    // The model's spelling wins when several are present.
    let body = br#"{"__type":"UserNotFoundException","Message":"other","message":"model"}"#;
    assert_eq!(Resend::parse(404, None, body).message(), Some("model"));
    // A model that spells it `Message` reads `message` too.
    let body = br#"{"__type":"WidgetNotFound","message":"gone","WidgetId":"w-1"}"#;
    match widget_error(404, body) {
        GetWidgetError::WidgetNotFound(error) => {
            assert_eq!(error.message(), Some("gone"));
            assert_eq!(error.widget_id.as_deref(), Some("w-1"));
        }
        other => panic!("expected WidgetNotFound, got {other:?}"),
    }
}

#[test]
fn other_members_are_read_into_the_struct() {
    let body =
        br#"{"__type":"InvalidParameterException","message":"bad","reasonCode":"INVALID_SMS"}"#;
    match Resend::parse(400, None, body) {
        Resend::InvalidParameterException(error) => {
            assert_eq!(error.reason_code.as_deref(), Some("INVALID_SMS"));
        }
        other => panic!("expected InvalidParameterException, got {other:?}"),
    }
}

#[test]
fn unknown_codes_are_unhandled_and_keep_what_was_received() {
    let body = br#"{"__type":"SomethingNewException","message":"new"}"#;
    let error = Resend::parse(418, None, body);
    assert!(helpers_that_match(&error).is_empty());
    let Resend::Unhandled(unhandled) = &error else {
        panic!("expected Unhandled, got {error:?}");
    };
    assert_eq!(unhandled.code(), Some("SomethingNewException"));
    assert_eq!(unhandled.message(), Some("new"));
    assert_eq!(unhandled.status(), 418);
    assert_eq!(unhandled.body(), body);
    assert!(unhandled.source().is_none());
    assert_eq!(error.code(), Some("SomethingNewException"));
    assert_eq!(
        error.to_string(),
        "SomethingNewException: new (HTTP status 418)"
    );
    assert_eq!(error.fault(), Some(Fault::Client));
}

type MalformedCase = (
    &'static str,
    Option<&'static str>,
    &'static [u8],
    Option<&'static str>,
);

#[test]
fn malformed_bodies_are_unhandled_never_a_panic() {
    // (case, X-Amzn-Errortype header, body, the code the response names)
    let cases: [MalformedCase; 9] = [
        (
            "HTML from a proxy",
            None,
            b"<html>502 Bad Gateway</html>",
            None,
        ),
        (
            "not JSON, code in the header",
            Some("UserNotFoundException"),
            b"<html>",
            Some("UserNotFoundException"),
        ),
        (
            "message of the wrong type",
            None,
            br#"{"__type":"UserNotFoundException","message":5}"#,
            Some("UserNotFoundException"),
        ),
        (
            "truncated",
            None,
            br#"{"__type":"UserNotFoundException","mess"#,
            None,
        ),
        ("an array", None, b"[1,2]", None),
        ("null", None, b"null", None),
        (
            "a string, code in the header",
            Some("ForbiddenException"),
            br#""oops""#,
            Some("ForbiddenException"),
        ),
        ("not UTF-8", None, b"\xff\xfe\x00", None),
        ("empty, no header", None, b"", None),
    ];
    for (case, header, body, code) in cases {
        let error = Resend::parse(502, header, body);
        let Resend::Unhandled(unhandled) = &error else {
            panic!("{case}: expected Unhandled, got {error:?}");
        };
        assert_eq!(unhandled.code(), code, "{case}");
        assert_eq!(unhandled.body(), body, "{case}");
        assert!(error.is_retryable(), "{case}: 502 is transient");
        assert_eq!(error.fault(), Some(Fault::Server), "{case}");
        let text = error.to_string();
        assert!(text.ends_with("(HTTP status 502)"), "{case}: {text}");
        assert!(
            text.starts_with(code.unwrap_or("unrecognised response")),
            "{case}: {text}"
        );
    }
    let error = Resend::parse(
        400,
        None,
        br#"{"__type":"UserNotFoundException","message":5}"#,
    );
    let cause = error.source().and_then(|unhandled| unhandled.source());
    assert!(cause.is_some(), "the JSON error is kept as the cause");
}

#[test]
fn an_empty_body_with_a_known_code_is_that_error_without_message() {
    let error = Resend::parse(404, Some("UserNotFoundException"), b"  ");
    assert_parsed_as(&error, "UserNotFoundException", None);
    assert_eq!(error.to_string(), "UserNotFoundException");
}

#[test]
fn error_structs_display_code_and_message() {
    let error = UserNotFoundException {
        message: Some("User does not exist.".to_string()),
    };
    assert_eq!(
        error.to_string(),
        "UserNotFoundException: User does not exist."
    );
    assert_eq!(
        UserNotFoundException::default().to_string(),
        "UserNotFoundException"
    );
    assert_eq!(error.code(), "UserNotFoundException");
    assert_eq!(error.http_status(), 404);
    assert_eq!(error.fault(), Fault::Client);
    assert!(!error.is_retryable());
    let wrapped = Resend::from(error.clone());
    assert!(wrapped.is::<errors::UserNotFoundException>());
    assert!(!wrapped.is::<errors::ForbiddenException>());
    assert_eq!(wrapped.modelled::<UserNotFoundException>(), Some(&error));
    assert_eq!(wrapped.modelled::<errors::ForbiddenException>(), None);
    // `Debug` reads as a derived one would: the variant, then the value.
    assert_eq!(format!("{wrapped:?}"), format!("UserNotFoundException({error:?})"));
    assert_eq!(
        format!("{:?}", Resend::from(ValidationErrors::new())),
        format!("Validation({:?})", ValidationErrors::new())
    );
    assert_eq!(wrapped.to_string(), error.to_string());
}

#[test]
fn retryable_and_throttling_follow_the_model() {
    let throttled = widget_error(429, br#"{"__type":"Throttled","retryAfterSeconds":3}"#);
    let GetWidgetError::Throttled(inner) = &throttled else {
        panic!("expected Throttled, got {throttled:?}");
    };
    assert_eq!(inner.retry_after_seconds, Some(3));
    assert!(throttled.is_retryable() && throttled.is_throttling());
    assert_eq!(throttled.message(), None, "Throttled has no message member");
    assert_eq!(throttled.to_string(), "Throttled");
    assert_eq!(throttled.http_status(), Some(429));

    let unavailable = widget_error(503, br#"{"__type":"Unavailable","Message":"later"}"#);
    assert!(unavailable.is::<errors::Unavailable>(), "{unavailable:?}");
    assert!(unavailable.is_retryable() && !unavailable.is_throttling());
    assert_eq!(unavailable.fault(), Some(Fault::Server));
    assert_eq!(
        unavailable.http_status(),
        Some(500),
        "server errors default to 500"
    );
    assert_eq!(unavailable.to_string(), "Unavailable: later");

    // A required message that is missing makes the body unreadable as `Unavailable`.
    let missing = widget_error(503, br#"{"__type":"Unavailable"}"#);
    assert!(
        matches!(missing, GetWidgetError::Unhandled(_)),
        "{missing:?}"
    );

    let unhandled = Resend::parse(429, None, b"{}");
    assert!(unhandled.is_throttling() && unhandled.is_retryable());
    let unhandled = Resend::parse(400, Some("ThrottlingException"), b"{}");
    assert!(unhandled.is_throttling());
    let unhandled = Resend::parse(400, Some("SomethingElse"), b"{}");
    assert!(!unhandled.is_retryable());
}

#[test]
fn large_errors_are_boxed_and_the_enum_stays_small() {
    let body = br#"{"__type":"HugeError","message":"big","A":"a","F":"f"}"#;
    let error = widget_error(400, body);
    let GetWidgetError::HugeError(inner) = &error else {
        panic!("expected HugeError, got {error:?}");
    };
    assert!(std::any::type_name_of_val(inner).starts_with("alloc::boxed::Box<"));
    assert_eq!(inner.f.as_deref(), Some("f"));
    assert_eq!(error.to_string(), "HugeError: big");
    // The boxed error is still the error itself to `is` and `modelled`.
    assert!(error.is::<errors::HugeError>(), "{error:?}");
    assert_eq!(
        error.modelled::<errors::HugeError>().map(|e| e.f.as_deref()),
        Some(Some("f"))
    );
    assert!(format!("{error:?}").starts_with("HugeError(HugeError { "), "{error:?}");
    assert!(std::mem::size_of::<GetWidgetError>() <= 64);
    assert!(std::mem::size_of::<Resend>() <= 64);
}

#[test]
fn an_error_named_validation_does_not_clash_with_input_validation() {
    let error = widget_error(
        400,
        br#"{"__type":"Validation","message":"server says no"}"#,
    );
    assert!(error.is::<errors::Validation>(), "{error:?}");
    assert!(matches!(error, GetWidgetError::ValidationError(_)));
    assert_eq!(error.to_string(), "Validation: server says no");

    let mut errors = ValidationErrors::new();
    errors.push(Violation::new(
        "/WidgetId",
        ViolationKind::Missing,
        "`WidgetId` is required",
    ));
    let expected = format!("invalid GetWidget input: {errors}");
    let error = GetWidgetError::from(errors);
    assert!(!error.is::<errors::Validation>());
    assert_eq!(error.code(), None);
    assert_eq!(error.fault(), Some(Fault::Client));
    assert_eq!(error.to_string(), expected);
    assert!(error.source().is_some());
}

#[test]
fn operations_carry_their_name_binding_and_types() {
    assert_eq!(ResendConfirmationCode::NAME, "ResendConfirmationCode");
    assert_eq!(
        ResendConfirmationCode::BINDING,
        Binding::AwsJson {
            target: "AWSCognitoIdentityProviderService.ResendConfirmationCode",
            content_type: "application/x-amz-json-1.1",
        }
    );
    assert_eq!(
        GetWidget::BINDING,
        Binding::Http {
            method: "GET",
            uri: "/widgets/{WidgetId}",
        }
    );
    assert_eq!(
        Ping::BINDING,
        Binding::Http {
            method: "POST",
            uri: "/ping",
        }
    );
}

#[test]
fn operations_without_input_or_output_use_unit() {
    let input: <Ping as Operation>::Input = Unit {};
    assert_eq!(serde_json::to_string(&input).unwrap(), "{}");
    for body in [&b""[..], b"{}", br#"{"extra":1}"#] {
        let output: <Ping as Operation>::Output = read_output(200, body).expect("a unit output");
        assert_eq!(output, Unit {});
    }
    let unreadable = read_output::<Unit>(200, b"42").expect_err("not an object");
    assert!(unreadable.source().is_some());
    // No modelled errors: everything is unhandled.
    let error = PingError::parse(400, Some("UserNotFoundException"), b"{}");
    assert!(matches!(error, PingError::Unhandled(_)), "{error:?}");
}

/// Parses a `GetWidget` error response without an `X-Amzn-Errortype` header.
fn widget_error(status: u16, body: &[u8]) -> GetWidgetError {
    GetWidgetError::parse(status, None, body)
}
