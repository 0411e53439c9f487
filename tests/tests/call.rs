//! A small client that works for every generated operation: `call::<O>(transport, &input)`
//! writes the input as JSON, sends it as the operation's [`Binding`] says, and reads the
//! response into `O::Output` or `O::Error`. The transport here is fake, returning canned
//! responses; a real one would speak HTTP (and sign requests).
//!
//! The input is validated first: a broken constraint comes back as the error enum's
//! `Validation` variant, and nothing is sent.
//!
//! What it leaves out: restJson1 members bound to URI labels, query strings and headers
//! (`@httpLabel`, ...) are not moved out of the body; the URI pattern is sent as modelled.

use std::cell::RefCell;

use generated::operations::{
    read_output, Binding, Operation, OperationError, ResendConfirmationCode,
    ResendConfirmationCodeError, Unhandled,
};
use generated::types::{
    DeliveryMediumType, ResendConfirmationCodeRequest, ResendConfirmationCodeResponse,
};
use generated::validation::Validate;

/// An HTTP request as the client builds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// `POST`, `GET`, ...
    pub method: &'static str,
    /// The path.
    pub uri: String,
    /// Header names and values.
    pub headers: Vec<(&'static str, String)>,
    /// The JSON body.
    pub body: Vec<u8>,
}

/// An HTTP response as the transport returns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// The status code.
    pub status: u16,
    /// Header names and values.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Response {
    /// The first header of that name, compared without regard to case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// Sends a request and returns the response (a real transport does HTTP).
pub trait Transport {
    /// Sends `request`.
    fn send(&self, request: Request) -> Response;
}

/// Calls operation `O`: the success body becomes `O::Output`, any other status `O::Error`.
pub fn call<O: Operation>(
    transport: &impl Transport,
    input: &O::Input,
) -> Result<O::Output, O::Error>
where
    O::Input: Validate,
{
    input.validate()?;
    let body = serde_json::to_vec(input).map_err(|cause| {
        // Status 0: nothing was sent.
        O::Error::from(
            Unhandled::new(
                0,
                None,
                Some("the input could not be written as JSON".into()),
                Vec::new(),
            )
            .with_cause(cause),
        )
    })?;
    let response = transport.send(request_for(O::BINDING, body));
    if (200..300).contains(&response.status) {
        read_output(response.status, &response.body).map_err(O::Error::from)
    } else {
        Err(O::Error::parse(
            response.status,
            response.header("X-Amzn-Errortype"),
            &response.body,
        ))
    }
}

/// The request that carries `body` for an operation with `binding`.
fn request_for(binding: Binding, body: Vec<u8>) -> Request {
    match binding {
        Binding::AwsJson {
            target,
            content_type,
        } => Request {
            method: "POST",
            uri: "/".to_string(),
            headers: vec![
                ("X-Amz-Target", target.to_string()),
                ("Content-Type", content_type.to_string()),
            ],
            body,
        },
        Binding::Http { method, uri } => Request {
            method,
            uri: uri.to_string(),
            headers: vec![("Content-Type", "application/json".to_string())],
            body,
        },
        Binding::None => Request {
            method: "POST",
            uri: "/".to_string(),
            headers: vec![("Content-Type", "application/json".to_string())],
            body,
        },
    }
}

/// A transport that records each request and answers with a canned response.
struct Canned {
    response: Response,
    sent: RefCell<Vec<Request>>,
}

impl Canned {
    fn new(status: u16, headers: &[(&str, &str)], body: &str) -> Self {
        Canned {
            response: Response {
                status,
                headers: headers
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
                body: body.as_bytes().to_vec(),
            },
            sent: RefCell::new(Vec::new()),
        }
    }

    fn last_request(&self) -> Request {
        self.sent
            .borrow()
            .last()
            .cloned()
            .expect("a request was sent")
    }
}

impl Transport for Canned {
    fn send(&self, request: Request) -> Response {
        self.sent.borrow_mut().push(request);
        self.response.clone()
    }
}

fn resend_input() -> ResendConfirmationCodeRequest {
    ResendConfirmationCodeRequest::new("client1".to_string(), "alice".to_string())
}

#[test]
fn a_successful_call_returns_the_output() {
    let transport = Canned::new(
        200,
        &[("Content-Type", "application/x-amz-json-1.1")],
        r#"{"CodeDeliveryDetails":{"Destination":"a***@e***.com","DeliveryMedium":"EMAIL","AttributeName":"email"}}"#,
    );
    let output: ResendConfirmationCodeResponse =
        call::<ResendConfirmationCode>(&transport, &resend_input()).expect("success");
    let details = output.code_delivery_details.expect("details");
    assert_eq!(details.destination.as_deref(), Some("a***@e***.com"));
    assert_eq!(details.delivery_medium, Some(DeliveryMediumType::Email));

    let request = transport.last_request();
    assert_eq!((request.method, request.uri.as_str()), ("POST", "/"));
    assert!(request.headers.contains(&(
        "X-Amz-Target",
        "AWSCognitoIdentityProviderService.ResendConfirmationCode".to_string()
    )));
    assert!(request
        .headers
        .contains(&("Content-Type", "application/x-amz-json-1.1".to_string())));
    let sent: serde_json::Value = serde_json::from_slice(&request.body).expect("JSON body");
    assert_eq!(
        sent,
        serde_json::json!({"ClientId": "client1", "Username": "alice"})
    );
}

#[test]
fn a_failed_call_returns_the_modelled_error() {
    let transport = Canned::new(
        400,
        &[(
            "x-amzn-errortype",
            "UserNotFoundException:http://internal.amazon.com/coral/com.amazon.coral.validate/",
        )],
        r#"{"message":"User does not exist."}"#,
    );
    let error = call::<ResendConfirmationCode>(&transport, &resend_input()).expect_err("an error");
    assert!(
        error.is::<generated::errors::UserNotFoundException>(),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "UserNotFoundException: User does not exist."
    );
    assert!(!error.is_retryable());
    match error {
        ResendConfirmationCodeError::UserNotFoundException(inner) => {
            assert_eq!(inner.message.as_deref(), Some("User does not exist."));
        }
        other => panic!("expected UserNotFoundException, got {other:?}"),
    }
}

#[test]
fn an_unknown_or_unreadable_response_is_unhandled() {
    let transport = Canned::new(503, &[], "<html>Service Unavailable</html>");
    let error = call::<ResendConfirmationCode>(&transport, &resend_input()).expect_err("an error");
    assert!(
        matches!(error, ResendConfirmationCodeError::Unhandled(_)),
        "{error:?}"
    );
    assert!(retry_advised(&error));

    let transport = Canned::new(200, &[], "not json");
    let error =
        call::<ResendConfirmationCode>(&transport, &resend_input()).expect_err("unreadable output");
    assert_eq!(error.to_string(), "unrecognised response (HTTP status 200)");
}

#[test]
fn http_bindings_send_the_method_and_uri_pattern() {
    let binding = Binding::Http {
        method: "PUT",
        uri: "/widgets/{WidgetId}",
    };
    let request = request_for(binding, b"{}".to_vec());
    assert_eq!(
        (request.method, request.uri.as_str()),
        ("PUT", "/widgets/{WidgetId}")
    );
    assert_eq!(request.body, b"{}");
}

/// Retry advice works the same for every operation's errors.
fn retry_advised<E: OperationError>(error: &E) -> bool {
    error.is_retryable() || error.is_throttling()
}

#[test]
fn an_invalid_input_is_rejected_before_anything_is_sent() {
    let transport = Canned::new(200, &[], "{}");
    let input = ResendConfirmationCodeRequest::new("not valid!".to_string(), String::new());
    let error = call::<ResendConfirmationCode>(&transport, &input).expect_err("invalid input");
    let ResendConfirmationCodeError::Validation(violations) = &error else {
        panic!("expected the Validation variant, got {error:?}");
    };
    let paths: Vec<&str> = violations.iter().map(|v| v.path()).collect();
    assert_eq!(
        paths,
        ["/ClientId", "/Username", "/Username"],
        "{violations}"
    );
    assert!(transport.sent.borrow().is_empty(), "nothing is sent");
}
