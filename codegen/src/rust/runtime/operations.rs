/// One operation of the service: what it takes, what it returns, how it fails and how it is put
/// on the wire. Implemented by the unit struct of every operation, so client code can be generic
/// over operations (`fn call<O: Operation>(input: &O::Input) -> Result<O::Output, O::Error>`).
pub trait Operation {
    /// The input structure; [`Unit`] when the operation takes none.
    type Input: serde::Serialize;
    /// The output structure; [`Unit`] when the operation returns none.
    type Output: serde::de::DeserializeOwned;
    /// The operation's error enum.
    type Error: OperationError;
    /// The operation's name in the model, e.g. `ResendConfirmationCode`.
    const NAME: &'static str;
    /// How a request for this operation is sent.
    const BINDING: Binding;
}

/// What every operation error enum offers: reading an error response, and what the error holds
/// (its code, message, fault, HTTP status and retry advice, and which modelled error it is).
/// Import it to call these methods: `use <crate>::operations::OperationError;`.
pub trait OperationError:
    std::error::Error + From<Unhandled> + From<super::validation::ValidationErrors>
{
    /// Reads an error response of a JSON protocol (awsJson1_0, awsJson1_1, restJson1); see
    /// [`ErrorResponse`] for the rules. Never fails: anything unknown or unreadable becomes the
    /// `Unhandled` variant.
    fn parse(status: u16, error_type_header: Option<&str>, body: &[u8]) -> Self;

    /// What the error holds.
    fn view(&self) -> ErrorView<'_>;

    /// The error code (the error shape's name), when there is one.
    fn code(&self) -> Option<&str> {
        self.view().code()
    }

    /// The error message, when there is one.
    fn message(&self) -> Option<&str> {
        self.view().message()
    }

    /// Whose fault it is, when known.
    fn fault(&self) -> Option<super::errors::Fault> {
        self.view().fault()
    }

    /// The HTTP status (modelled or received); `None` when nothing was sent.
    fn http_status(&self) -> Option<u16> {
        self.view().http_status()
    }

    /// Whether sending the same request again may succeed.
    fn is_retryable(&self) -> bool {
        self.view().is_retryable()
    }

    /// Whether the service asked the caller to slow down.
    fn is_throttling(&self) -> bool {
        self.view().is_throttling()
    }

    /// Whether the error is the modelled error `E`:
    /// `error.is::<errors::UserNotFoundException>()`.
    fn is<E: super::errors::ModelledError>(&self) -> bool {
        self.modelled::<E>().is_some()
    }

    /// The modelled error `E`, when the error is one.
    fn modelled<E: super::errors::ModelledError>(&self) -> Option<&E> {
        match self.view() {
            ErrorView::Modelled(error) => error.as_error().downcast_ref::<E>(),
            _ => None,
        }
    }
}

/// What an operation error holds, borrowed: the one place every error enum's accessors,
/// `Display` and `source` go through.
#[derive(Debug, Clone, Copy)]
pub enum ErrorView<'a> {
    /// A modelled error.
    Modelled(&'a dyn super::errors::ModelledError),
    /// Input that failed validation; nothing was sent.
    Validation(&'a super::validation::ValidationErrors),
    /// Any other response.
    Unhandled(&'a Unhandled),
}

impl<'a> ErrorView<'a> {
    /// The `Debug` of an error enum: its variant (a modelled error's variant is named after
    /// the error code) and the value held.
    pub fn debug_as_variant(self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ErrorView::Modelled(error) => f.debug_tuple(error.code()).field(&error).finish(),
            ErrorView::Validation(errors) => f.debug_tuple("Validation").field(errors).finish(),
            ErrorView::Unhandled(error) => f.debug_tuple("Unhandled").field(error).finish(),
        }
    }

    /// The error code: the modelled error's, or what an unhandled response named; `None` for
    /// validation errors.
    pub fn code(self) -> Option<&'a str> {
        match self {
            ErrorView::Modelled(error) => Some(error.code()),
            ErrorView::Validation(_) => None,
            ErrorView::Unhandled(error) => error.code(),
        }
    }

    /// The message, when there is one (validation errors: see their `Display`).
    pub fn message(self) -> Option<&'a str> {
        match self {
            ErrorView::Modelled(error) => error.message(),
            ErrorView::Validation(_) => None,
            ErrorView::Unhandled(error) => error.message(),
        }
    }

    /// Whose fault it is: modelled errors say, validation errors are the caller's, unhandled
    /// ones follow the HTTP status.
    pub fn fault(self) -> Option<super::errors::Fault> {
        match self {
            ErrorView::Modelled(error) => Some(error.fault()),
            ErrorView::Validation(_) => Some(super::errors::Fault::Client),
            ErrorView::Unhandled(error) => error.fault(),
        }
    }

    /// The HTTP status: the modelled one for modelled errors, the received one for unhandled
    /// ones; `None` for validation errors, which were never sent.
    pub fn http_status(self) -> Option<u16> {
        match self {
            ErrorView::Modelled(error) => Some(error.http_status()),
            ErrorView::Validation(_) => None,
            ErrorView::Unhandled(error) => Some(error.status()),
        }
    }

    /// Whether sending the same request again may succeed.
    pub fn is_retryable(self) -> bool {
        match self {
            ErrorView::Modelled(error) => error.is_retryable(),
            ErrorView::Validation(_) => false,
            ErrorView::Unhandled(error) => error.is_retryable(),
        }
    }

    /// Whether the service asked the caller to slow down.
    pub fn is_throttling(self) -> bool {
        match self {
            ErrorView::Modelled(error) => error.is_throttling(),
            ErrorView::Validation(_) => false,
            ErrorView::Unhandled(error) => error.is_throttling(),
        }
    }

    /// The value held, as a `std::error::Error` (what the enum's `source` returns).
    pub fn as_error(self) -> &'a (dyn std::error::Error + 'static) {
        match self {
            ErrorView::Modelled(error) => error.as_error(),
            ErrorView::Validation(errors) => errors,
            ErrorView::Unhandled(error) => error,
        }
    }
}

/// How an operation is put on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Binding {
    /// awsJson1_0 / awsJson1_1: `POST /`, the operation named by the `X-Amz-Target` header.
    AwsJson {
        /// The `X-Amz-Target` value: `<service shape name>.<operation name>`.
        target: &'static str,
        /// The `Content-Type` of requests: `application/x-amz-json-1.0` or `-1.1`.
        content_type: &'static str,
    },
    /// An HTTP method and URI pattern: restJson1 `@http` operations and OpenAPI paths.
    Http {
        /// `GET`, `POST`, ...
        method: &'static str,
        /// The URI pattern as modelled, labels in braces: `/users/{UserId}`.
        uri: &'static str,
    },
    /// The model says nothing about the wire.
    None,
}

/// The input or output of an operation that has none (Smithy's `Unit`). It is written as `{}`,
/// which JSON protocols expect, and reads from any JSON object.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Unit {}

/// Error codes that AWS SDKs treat as throttling whatever the model says (besides errors marked
/// `@retryable(throttling: true)`).
pub const THROTTLING_ERROR_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Error codes that AWS SDKs retry as transient.
pub const TRANSIENT_ERROR_CODES: &[&str] = &["RequestTimeout", "RequestTimeoutException"];

/// HTTP statuses that AWS SDKs retry as transient.
pub const TRANSIENT_STATUSES: &[u16] = &[500, 502, 503, 504];

/// Whether AWS SDKs treat an error code as throttling.
pub fn is_throttling_code(code: &str) -> bool {
    THROTTLING_ERROR_CODES.contains(&code)
}

/// The error code as AWS clients read it: everything from the first `:` on is dropped (a URL some
/// services append), then everything up to and including the first `#` (a namespace).
///
/// `aws.cognito#UserNotFoundException:http://internal.amazon.com/...` → `UserNotFoundException`.
pub fn sanitize_error_code(raw: &str) -> &str {
    let without_url = raw.split(':').next().unwrap_or(raw);
    match without_url.find('#') {
        Some(index) => &without_url[index + 1..],
        None => without_url,
    }
}

/// The spellings of the message property that services use, whatever the model calls it.
pub const MESSAGE_SPELLINGS: &[&str] = &["message", "Message", "errorMessage"];

/// An error response that matches no modelled error, or whose body could not be read; it keeps
/// everything that was received.
#[derive(Clone)]
pub struct Unhandled {
    details: Box<UnhandledDetails>,
}

#[derive(Clone)]
struct UnhandledDetails {
    code: Option<String>,
    message: Option<String>,
    status: u16,
    body: Vec<u8>,
    cause: Option<std::sync::Arc<serde_json::Error>>,
}

impl Unhandled {
    /// An unhandled error from its parts.
    pub fn new(status: u16, code: Option<String>, message: Option<String>, body: Vec<u8>) -> Self {
        Unhandled {
            details: Box::new(UnhandledDetails {
                code,
                message,
                status,
                body,
                cause: None,
            }),
        }
    }

    /// The same error, caused by a body that could not be read.
    pub fn with_cause(mut self, cause: serde_json::Error) -> Self {
        self.details.cause = Some(std::sync::Arc::new(cause));
        self
    }

    /// The sanitized error code, when the response named one.
    pub fn code(&self) -> Option<&str> {
        self.details.code.as_deref()
    }

    /// The message, when the body had one.
    pub fn message(&self) -> Option<&str> {
        self.details.message.as_deref()
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> u16 {
        self.details.status
    }

    /// The response body as received.
    pub fn body(&self) -> &[u8] {
        &self.details.body
    }

    /// Whose fault it is, from the status: 4xx client, 5xx server, else unknown.
    pub fn fault(&self) -> Option<super::errors::Fault> {
        match self.details.status {
            400..=499 => Some(super::errors::Fault::Client),
            500..=599 => Some(super::errors::Fault::Server),
            _ => None,
        }
    }

    /// Whether the service asked to slow down: status 429 or a throttling code
    /// ([`THROTTLING_ERROR_CODES`]).
    pub fn is_throttling(&self) -> bool {
        self.details.status == 429 || self.code().is_some_and(is_throttling_code)
    }

    /// Whether a retry may succeed: throttling, a transient code or a transient status
    /// ([`TRANSIENT_STATUSES`]).
    pub fn is_retryable(&self) -> bool {
        self.is_throttling()
            || TRANSIENT_STATUSES.contains(&self.details.status)
            || self
                .code()
                .is_some_and(|code| TRANSIENT_ERROR_CODES.contains(&code))
    }
}

impl std::fmt::Debug for Unhandled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Unhandled")
            .field("code", &self.details.code)
            .field("message", &self.details.message)
            .field("status", &self.details.status)
            .field("body", &String::from_utf8_lossy(&self.details.body))
            .field("cause", &self.details.cause)
            .finish()
    }
}

impl std::fmt::Display for Unhandled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code().unwrap_or("unrecognised response"))?;
        if let Some(message) = self.message() {
            write!(f, ": {message}")?;
        }
        write!(f, " (HTTP status {})", self.details.status)
    }
}

impl std::error::Error for Unhandled {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.details.cause {
            Some(cause) => Some(cause.as_ref()),
            None => None,
        }
    }
}

/// Reads an error response into an operation's error enum `E` (see
/// [`ErrorResponse::read_one_of`]).
pub type ReadError<E> = fn(&ErrorResponse<'_>, Option<&str>) -> E;

/// [`ErrorResponse::read`] into an operation's error enum `E`: the variant of error structure
/// `T`, or `Unhandled` when the body does not fit it.
pub fn read_error<T, E>(response: &ErrorResponse<'_>, message_member: Option<&str>) -> E
where
    T: serde::de::DeserializeOwned,
    E: From<T> + From<Unhandled>,
{
    match response.read::<T>(message_member) {
        Ok(error) => E::from(error),
        Err(unhandled) => E::from(unhandled),
    }
}

/// An error response of a JSON protocol, read once; the generated `parse` functions match its
/// [`code`](Self::code) against the modelled errors and [`read`](Self::read) the body into one.
///
/// The code comes from the `X-Amzn-Errortype` header, else the body's `__type`, else its `code`,
/// the first that is present and not empty, sanitized by [`sanitize_error_code`].
pub struct ErrorResponse<'a> {
    status: u16,
    body: &'a [u8],
    json: Result<Option<serde_json::Value>, std::sync::Arc<serde_json::Error>>,
    code: Option<String>,
}

impl<'a> ErrorResponse<'a> {
    /// Reads the status, the `X-Amzn-Errortype` header value (if any) and the body.
    pub fn new(status: u16, error_type_header: Option<&str>, body: &'a [u8]) -> Self {
        let json = parse_body(body).map_err(std::sync::Arc::new);
        let body_code = |name: &str| match &json {
            Ok(Some(value)) => value.get(name).and_then(serde_json::Value::as_str),
            _ => None,
        };
        let code = [error_type_header, body_code("__type"), body_code("code")]
            .into_iter()
            .flatten()
            .map(sanitize_error_code)
            .find(|code| !code.is_empty())
            .map(str::to_string);
        ErrorResponse {
            status,
            body,
            json,
            code,
        }
    }

    /// The sanitized error code, when the response names one.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The message: the first of `message`, `Message` and `errorMessage` that is a string.
    pub fn message(&self) -> Option<&str> {
        let Ok(Some(value)) = &self.json else {
            return None;
        };
        MESSAGE_SPELLINGS
            .iter()
            .find_map(|name| value.get(*name).and_then(serde_json::Value::as_str))
    }

    /// Reads the body as error structure `T`, whose message member is written `message_member`
    /// on the wire: a message under another spelling is read as if spelled the model's way. An
    /// empty body reads as `{}`. A body that does not fit `T` gives [`Unhandled`] with the cause.
    pub fn read<T: serde::de::DeserializeOwned>(
        &self,
        message_member: Option<&str>,
    ) -> Result<T, Unhandled> {
        let value = match &self.json {
            Ok(Some(value)) => value,
            Ok(None) => return serde_json::from_slice(b"{}").map_err(|e| self.unreadable(e)),
            Err(cause) => return Err(self.unhandled_with(Some(cause.clone()))),
        };
        let respelled = message_member.and_then(|wire| respell_message(value, wire));
        let bytes = match &respelled {
            Some(bytes) => bytes.as_slice(),
            None => self.body,
        };
        serde_json::from_slice(bytes).map_err(|e| self.unreadable(e))
    }

    /// Reads the response into an operation's error enum `E` with the first reader whose code
    /// is the response's: `(code, message member, reader)` rows, one per modelled error. A
    /// response with no code, or another code, is `Unhandled`.
    pub fn read_one_of<E: From<Unhandled>>(
        &self,
        readers: &[(&str, Option<&str>, ReadError<E>)],
    ) -> E {
        let code = self.code();
        match readers.iter().find(|(name, _, _)| code == Some(*name)) {
            Some((_, message_member, read)) => read(self, *message_member),
            None => E::from(self.unhandled()),
        }
    }

    /// The response as an [`Unhandled`] error (with the cause when the body is not JSON).
    pub fn unhandled(&self) -> Unhandled {
        self.unhandled_with(self.json.as_ref().err().cloned())
    }

    fn unreadable(&self, cause: serde_json::Error) -> Unhandled {
        self.unhandled_with(Some(std::sync::Arc::new(cause)))
    }

    fn unhandled_with(&self, cause: Option<std::sync::Arc<serde_json::Error>>) -> Unhandled {
        let mut unhandled = Unhandled::new(
            self.status,
            self.code.clone(),
            self.message().map(str::to_string),
            self.body.to_vec(),
        );
        unhandled.details.cause = cause;
        unhandled
    }
}

/// The body as JSON; `None` when it is empty or only whitespace.
fn parse_body(body: &[u8]) -> Result<Option<serde_json::Value>, serde_json::Error> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    serde_json::from_slice(body).map(Some)
}

/// The body re-encoded with the message under the model's spelling `wire`, when it has the
/// message only under another spelling; `None` when the body can be read as it is.
fn respell_message(value: &serde_json::Value, wire: &str) -> Option<Vec<u8>> {
    let object = value.as_object()?;
    if object.contains_key(wire) {
        return None;
    }
    let (_, message) = MESSAGE_SPELLINGS
        .iter()
        .filter(|name| **name != wire)
        .find_map(|name| object.get(*name).map(|message| (name, message)))?;
    let mut object = object.clone();
    object.insert(wire.to_string(), message.clone());
    serde_json::to_vec(&object).ok()
}

/// Reads a successful response body as output `T`; an empty body reads as `{}`. A body that does
/// not fit gives [`Unhandled`] with the cause.
pub fn read_output<T: serde::de::DeserializeOwned>(
    status: u16,
    body: &[u8],
) -> Result<T, Unhandled> {
    let bytes: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        body
    };
    serde_json::from_slice(bytes)
        .map_err(|cause| Unhandled::new(status, None, None, body.to_vec()).with_cause(cause))
}
