//! Reads the Smithy traits the model carries (documentation, constraints, errors, HTTP bindings,
//! ...) from their raw node values, reporting a trait whose value has the wrong type. Traits not
//! named here are ignored.

use indexmap::IndexMap;
use serde_json::Value;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{
    Bound, Constraints, Deprecation, EnumValue, ErrorInfo, Fault, HttpBinding, HttpMemberBinding,
    LengthBounds, Protocol, RangeBounds, Retryable, ShapeRole, TimestampFormat,
};

/// Trait ids, by the name the code uses.
pub mod ids {
    /// `@documentation`.
    pub const DOCUMENTATION: &str = "smithy.api#documentation";
    /// `@required`.
    pub const REQUIRED: &str = "smithy.api#required";
    /// `@default`.
    pub const DEFAULT: &str = "smithy.api#default";
    /// `@clientOptional`.
    pub const CLIENT_OPTIONAL: &str = "smithy.api#clientOptional";
    /// `@sensitive`.
    pub const SENSITIVE: &str = "smithy.api#sensitive";
    /// `@length`.
    pub const LENGTH: &str = "smithy.api#length";
    /// `@pattern`.
    pub const PATTERN: &str = "smithy.api#pattern";
    /// `@range`.
    pub const RANGE: &str = "smithy.api#range";
    /// `@uniqueItems`.
    pub const UNIQUE_ITEMS: &str = "smithy.api#uniqueItems";
    /// `@enumValue`.
    pub const ENUM_VALUE: &str = "smithy.api#enumValue";
    /// The legacy `@enum` trait on strings.
    pub const ENUM: &str = "smithy.api#enum";
    /// `@jsonName`.
    pub const JSON_NAME: &str = "smithy.api#jsonName";
    /// `@timestampFormat`.
    pub const TIMESTAMP_FORMAT: &str = "smithy.api#timestampFormat";
    /// `@error`.
    pub const ERROR: &str = "smithy.api#error";
    /// `@httpError`.
    pub const HTTP_ERROR: &str = "smithy.api#httpError";
    /// `@retryable`.
    pub const RETRYABLE: &str = "smithy.api#retryable";
    /// `@deprecated`.
    pub const DEPRECATED: &str = "smithy.api#deprecated";
    /// `@input`.
    pub const INPUT: &str = "smithy.api#input";
    /// `@output`.
    pub const OUTPUT: &str = "smithy.api#output";
    /// `@streaming`.
    pub const STREAMING: &str = "smithy.api#streaming";
    /// `@box` (Smithy 1.0).
    pub const BOX: &str = "smithy.api#box";
    /// `@sparse`.
    pub const SPARSE: &str = "smithy.api#sparse";
    /// `@internal`.
    pub const INTERNAL: &str = "smithy.api#internal";
    /// `@mixin`.
    pub const MIXIN: &str = "smithy.api#mixin";
    /// `@http`.
    pub const HTTP: &str = "smithy.api#http";
    /// `@httpHeader`.
    pub const HTTP_HEADER: &str = "smithy.api#httpHeader";
    /// `@httpPrefixHeaders`.
    pub const HTTP_PREFIX_HEADERS: &str = "smithy.api#httpPrefixHeaders";
    /// `@httpQuery`.
    pub const HTTP_QUERY: &str = "smithy.api#httpQuery";
    /// `@httpQueryParams`.
    pub const HTTP_QUERY_PARAMS: &str = "smithy.api#httpQueryParams";
    /// `@httpLabel`.
    pub const HTTP_LABEL: &str = "smithy.api#httpLabel";
    /// `@httpPayload`.
    pub const HTTP_PAYLOAD: &str = "smithy.api#httpPayload";
    /// `@httpResponseCode`.
    pub const HTTP_RESPONSE_CODE: &str = "smithy.api#httpResponseCode";
    /// `aws.protocols#awsJson1_0`.
    pub const AWS_JSON_1_0: &str = "aws.protocols#awsJson1_0";
    /// `aws.protocols#awsJson1_1`.
    pub const AWS_JSON_1_1: &str = "aws.protocols#awsJson1_1";
    /// `aws.protocols#restJson1`.
    pub const REST_JSON_1: &str = "aws.protocols#restJson1";
}

/// Protocol traits other than the three JSON ones that a service may carry; they become
/// [`Protocol::Other`].
const OTHER_PROTOCOLS: &[&str] = &[
    "aws.protocols#awsQuery",
    "aws.protocols#ec2Query",
    "aws.protocols#restXml",
    "smithy.protocols#rpcv2Cbor",
];

/// The wire protocol a service declares: awsJson1_0, awsJson1_1 or restJson1 when present (in
/// that order of preference), else another known protocol trait.
pub fn protocol(traits: &IndexMap<String, Value>) -> Option<Protocol> {
    let json = [
        (ids::AWS_JSON_1_0, Protocol::AwsJson1_0),
        (ids::AWS_JSON_1_1, Protocol::AwsJson1_1),
        (ids::REST_JSON_1, Protocol::RestJson1),
    ];
    for (id, protocol) in json {
        if traits.contains_key(id) {
            return Some(protocol);
        }
    }
    OTHER_PROTOCOLS
        .iter()
        .find(|id| traits.contains_key(**id))
        .map(|id| Protocol::Other(id.to_string()))
}

/// Reads the traits of one shape or member, reporting bad values against its file and id.
pub struct TraitReader<'a> {
    traits: &'a IndexMap<String, Value>,
    file: &'a str,
    location: &'a str,
    diagnostics: &'a mut Diagnostics,
}

impl<'a> TraitReader<'a> {
    /// A reader for `traits`, which belong to `location` (a shape or member id) in `file`.
    pub fn new(
        traits: &'a IndexMap<String, Value>,
        file: &'a str,
        location: &'a str,
        diagnostics: &'a mut Diagnostics,
    ) -> Self {
        TraitReader {
            traits,
            file,
            location,
            diagnostics,
        }
    }

    /// Whether the trait is present (annotation traits: `@sensitive`, `@required`, ...).
    pub fn has(&self, id: &str) -> bool {
        self.traits.contains_key(id)
    }

    /// Reports an error about this shape or member.
    pub fn error(&mut self, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::error(self.file, self.location, message));
    }

    /// Reports a warning about this shape or member.
    pub fn warning(&mut self, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::warning(self.file, self.location, message));
    }

    fn wrong_type(&mut self, id: &str, expected: &str, found: &Value) {
        let found = describe(found);
        self.error(format!("trait `{id}` must be {expected}, found {found}"));
    }

    /// A trait whose value must be a string.
    pub fn string(&mut self, id: &str) -> Option<String> {
        match self.traits.get(id)? {
            Value::String(text) => Some(text.clone()),
            other => {
                self.wrong_type(id, "a string", other);
                None
            }
        }
    }

    /// A trait whose value must be an object.
    fn object(&mut self, id: &str) -> Option<&'a serde_json::Map<String, Value>> {
        let traits = self.traits;
        match traits.get(id)? {
            Value::Object(object) => Some(object),
            other => {
                self.wrong_type(id, "an object", other);
                None
            }
        }
    }

    /// A property of an object trait that must be a string, if present.
    fn string_property(
        &mut self,
        id: &str,
        object: &serde_json::Map<String, Value>,
        key: &str,
    ) -> Option<String> {
        match object.get(key)? {
            Value::String(text) => Some(text.clone()),
            other => {
                self.wrong_type(&format!("{id}` property `{key}"), "a string", other);
                None
            }
        }
    }

    /// `@documentation`.
    pub fn docs(&mut self) -> Option<String> {
        self.string(ids::DOCUMENTATION)
    }

    /// `@jsonName`.
    pub fn json_name(&mut self) -> Option<String> {
        self.string(ids::JSON_NAME)
    }

    /// `@default`; `@default(null)` (which removes a default) reads as none.
    pub fn default_value(&self) -> Option<Value> {
        self.traits
            .get(ids::DEFAULT)
            .filter(|value| !value.is_null())
            .cloned()
    }

    /// `@length`, `@pattern`, `@range` and `@uniqueItems`.
    pub fn constraints(&mut self) -> Constraints {
        Constraints {
            length: self.length(),
            patterns: self.string(ids::PATTERN).into_iter().collect(),
            range: self.range(),
            unique_items: self.has(ids::UNIQUE_ITEMS),
            ..Constraints::default()
        }
    }

    /// `@length(min, max)`.
    pub fn length(&mut self) -> Option<LengthBounds> {
        let object = self.object(ids::LENGTH)?;
        Some(LengthBounds {
            min: self.length_bound(object, "min"),
            max: self.length_bound(object, "max"),
        })
    }

    fn length_bound(&mut self, object: &serde_json::Map<String, Value>, key: &str) -> Option<u64> {
        let value = object.get(key)?;
        let bound = value.as_u64();
        if bound.is_none() {
            let what = format!("{}` property `{key}", ids::LENGTH);
            self.wrong_type(&what, "a non-negative integer", value);
        }
        bound
    }

    /// `@range(min, max)`, bounds kept as decimal literals.
    pub fn range(&mut self) -> Option<RangeBounds> {
        let object = self.object(ids::RANGE)?;
        Some(RangeBounds {
            min: self.range_bound(object, "min"),
            max: self.range_bound(object, "max"),
        })
    }

    fn range_bound(&mut self, object: &serde_json::Map<String, Value>, key: &str) -> Option<Bound> {
        match object.get(key)? {
            Value::Number(number) => Some(Bound::inclusive(number.to_string())),
            other => {
                let what = format!("{}` property `{key}", ids::RANGE);
                self.wrong_type(&what, "a number", other);
                None
            }
        }
    }

    /// `@deprecated(message, since)`.
    pub fn deprecated(&mut self) -> Option<Deprecation> {
        let object = self.object(ids::DEPRECATED)?;
        Some(Deprecation {
            message: self.string_property(ids::DEPRECATED, object, "message"),
            since: self.string_property(ids::DEPRECATED, object, "since"),
        })
    }

    /// `@timestampFormat`.
    pub fn timestamp_format(&mut self) -> Option<TimestampFormat> {
        let text = self.string(ids::TIMESTAMP_FORMAT)?;
        let format = match text.as_str() {
            "date-time" => TimestampFormat::DateTime,
            "http-date" => TimestampFormat::HttpDate,
            "epoch-seconds" => TimestampFormat::EpochSeconds,
            other => {
                self.error(format!(
                    "trait `{}` must be `date-time`, `http-date` or `epoch-seconds`, found `{other}`",
                    ids::TIMESTAMP_FORMAT
                ));
                return None;
            }
        };
        Some(format)
    }

    /// `@input` / `@output`.
    pub fn role(&self) -> ShapeRole {
        if self.has(ids::INPUT) {
            ShapeRole::Input
        } else if self.has(ids::OUTPUT) {
            ShapeRole::Output
        } else {
            ShapeRole::None
        }
    }

    /// `@error`, with `@httpError` and `@retryable`.
    pub fn error_info(&mut self) -> Option<ErrorInfo> {
        let fault = match self.string(ids::ERROR)?.as_str() {
            "client" => Fault::Client,
            "server" => Fault::Server,
            other => {
                self.error(format!(
                    "trait `{}` must be `client` or `server`, found `{other}`",
                    ids::ERROR
                ));
                return None;
            }
        };
        Some(ErrorInfo {
            fault,
            http_status: self.http_status(ids::HTTP_ERROR),
            retryable: self.retryable(),
        })
    }

    /// A trait whose value must be an HTTP status code.
    fn http_status(&mut self, id: &str) -> Option<u16> {
        let value = self.traits.get(id)?;
        self.status_code(id, value)
    }

    fn status_code(&mut self, what: &str, value: &Value) -> Option<u16> {
        let code = value
            .as_u64()
            .and_then(|code| u16::try_from(code).ok())
            .filter(|code| (100..=999).contains(code));
        if code.is_none() {
            self.wrong_type(what, "an integer HTTP status code (100 to 999)", value);
        }
        code
    }

    fn retryable(&mut self) -> Option<Retryable> {
        let object = self.object(ids::RETRYABLE)?;
        let throttling = match object.get("throttling") {
            None => false,
            Some(Value::Bool(flag)) => *flag,
            Some(other) => {
                let what = format!("{}` property `throttling", ids::RETRYABLE);
                self.wrong_type(&what, "a boolean", other);
                false
            }
        };
        Some(Retryable { throttling })
    }

    /// `@http(method, uri, code)` on an operation.
    pub fn http(&mut self) -> Option<HttpBinding> {
        let object = self.object(ids::HTTP)?;
        let method = self.string_property(ids::HTTP, object, "method");
        let uri = self.string_property(ids::HTTP, object, "uri");
        let code = match object.get("code") {
            Some(value) => self.status_code(&format!("{}` property `code", ids::HTTP), value),
            None => None,
        };
        match (method, uri) {
            (Some(method), Some(uri)) => Some(HttpBinding { method, uri, code }),
            _ => {
                self.error(format!(
                    "trait `{}` needs string properties `method` and `uri`",
                    ids::HTTP
                ));
                None
            }
        }
    }

    /// Where an HTTP binding trait puts the member, if one is present.
    pub fn member_binding(&mut self) -> Option<HttpMemberBinding> {
        if let Some(name) = self.string(ids::HTTP_HEADER) {
            return Some(HttpMemberBinding::Header(name));
        }
        if let Some(prefix) = self.string(ids::HTTP_PREFIX_HEADERS) {
            return Some(HttpMemberBinding::PrefixHeaders(prefix));
        }
        if let Some(name) = self.string(ids::HTTP_QUERY) {
            return Some(HttpMemberBinding::Query(name));
        }
        let annotations = [
            (ids::HTTP_QUERY_PARAMS, HttpMemberBinding::QueryParams),
            (ids::HTTP_LABEL, HttpMemberBinding::Label),
            (ids::HTTP_PAYLOAD, HttpMemberBinding::Payload),
            (ids::HTTP_RESPONSE_CODE, HttpMemberBinding::ResponseCode),
        ];
        annotations
            .into_iter()
            .find(|(id, _)| self.has(id))
            .map(|(_, binding)| binding)
    }

    /// The legacy `@enum` trait of a string shape, as enum values: each entry's `name`, or else
    /// its `value`, is the symbolic name.
    pub fn legacy_enum(&mut self) -> Option<Vec<EnumValue>> {
        let traits = self.traits;
        let entries = match traits.get(ids::ENUM)? {
            Value::Array(entries) => entries,
            other => {
                self.wrong_type(ids::ENUM, "an array", other);
                return None;
            }
        };
        let values = entries
            .iter()
            .enumerate()
            .filter_map(|(index, entry)| self.legacy_enum_entry(index, entry))
            .collect();
        Some(values)
    }

    fn legacy_enum_entry(&mut self, index: usize, entry: &Value) -> Option<EnumValue> {
        let Value::Object(entry) = entry else {
            let what = format!("{}` entry `{index}", ids::ENUM);
            self.wrong_type(&what, "an object", entry);
            return None;
        };
        let value = match entry.get("value") {
            Some(Value::String(value)) if !value.is_empty() => value.clone(),
            _ => {
                self.error(format!(
                    "enum entry {index} of trait `{}` has no usable `value` (a non-empty string)",
                    ids::ENUM
                ));
                return None;
            }
        };
        let what = format!("{}` entry `{index}", ids::ENUM);
        let name = self.string_property(&what, entry, "name");
        let docs = self.string_property(&what, entry, "documentation");
        let deprecated = matches!(entry.get("deprecated"), Some(Value::Bool(true)));
        let internal = entry
            .get("tags")
            .and_then(Value::as_array)
            .is_some_and(|tags| tags.iter().any(|t| t == "internal"));
        Some(EnumValue {
            name: name.unwrap_or_else(|| value.clone()),
            value,
            docs,
            deprecated: deprecated.then(Deprecation::default),
            internal,
        })
    }

    /// The string value of an `enum` member: its `@enumValue`, or else its name.
    pub fn enum_string_value(&mut self, member_name: &str) -> Option<String> {
        match self.traits.get(ids::ENUM_VALUE) {
            None => Some(member_name.to_string()),
            Some(Value::String(value)) if !value.is_empty() => Some(value.clone()),
            Some(other) => {
                self.error(format!(
                    "enum member has no usable value: `{}` must be a non-empty string, found {}",
                    ids::ENUM_VALUE,
                    describe(other)
                ));
                None
            }
        }
    }

    /// The integer value of an `intEnum` member: its `@enumValue`, which must be present.
    pub fn enum_int_value(&mut self) -> Option<i64> {
        let value = self.traits.get(ids::ENUM_VALUE);
        let number = value.and_then(Value::as_i64);
        if number.is_none() {
            let found = value.map_or_else(|| "nothing".to_string(), describe);
            self.error(format!(
                "intEnum member has no usable value: `{}` must be an integer, found {found}",
                ids::ENUM_VALUE
            ));
        }
        number
    }
}

/// A node value's type, for messages: "a string", "an object", ...
pub fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_string(),
        Value::Bool(flag) => format!("the boolean {flag}"),
        Value::Number(number) => format!("the number {number}"),
        Value::String(_) => "a string".to_string(),
        Value::Array(_) => "an array".to_string(),
        Value::Object(_) => "an object".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn traits(value: Value) -> IndexMap<String, Value> {
        serde_json::from_value(value).unwrap()
    }

    fn read<T>(value: Value, f: impl FnOnce(&mut TraitReader<'_>) -> T) -> (T, Vec<Diagnostic>) {
        let traits = traits(value);
        let mut diagnostics = Diagnostics::new();
        let mut reader = TraitReader::new(&traits, "f.json", "a#S", &mut diagnostics);
        let result = f(&mut reader);
        (result, diagnostics.into_iter().collect())
    }

    #[test]
    fn constraints_are_read() {
        let (constraints, errors) = read(
            json!({
                "smithy.api#length": {"min": 1, "max": 128},
                "smithy.api#pattern": "^[a-z]+$",
                "smithy.api#range": {"min": -1.5},
                "smithy.api#uniqueItems": {}
            }),
            |r| r.constraints(),
        );
        assert!(errors.is_empty());
        assert_eq!(
            constraints.length,
            Some(LengthBounds {
                min: Some(1),
                max: Some(128)
            })
        );
        assert_eq!(constraints.patterns, vec!["^[a-z]+$".to_string()]);
        assert_eq!(constraints.range.unwrap().min.unwrap().value, "-1.5");
        assert!(constraints.unique_items);
    }

    #[test]
    fn wrong_value_types_are_errors_naming_the_trait() {
        let (_, errors) = read(
            json!({
                "smithy.api#length": 5,
                "smithy.api#pattern": ["a"],
                "smithy.api#range": {"min": "one"}
            }),
            |r| r.constraints(),
        );
        let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].contains("smithy.api#length") && messages[0].contains("object"));
        assert!(messages[1].contains("smithy.api#pattern") && messages[1].contains("string"));
        assert!(messages[2].contains("smithy.api#range") && messages[2].contains("number"));
        assert!(errors
            .iter()
            .all(|e| e.file == "f.json" && e.location == "a#S"));
    }

    #[test]
    fn errors_read_fault_status_and_throttling() {
        let (info, errors) = read(
            json!({
                "smithy.api#error": "server",
                "smithy.api#httpError": 503,
                "smithy.api#retryable": {"throttling": true}
            }),
            |r| r.error_info(),
        );
        assert!(errors.is_empty());
        let info = info.unwrap();
        assert_eq!(info.fault, Fault::Server);
        assert_eq!(info.http_status, Some(503));
        assert_eq!(info.retryable, Some(Retryable { throttling: true }));
    }

    #[test]
    fn http_error_must_be_an_integer() {
        let (_, errors) = read(
            json!({"smithy.api#error": "client", "smithy.api#httpError": "400"}),
            |r| r.error_info(),
        );
        assert!(errors[0].message.contains("smithy.api#httpError"));
    }

    #[test]
    fn http_bindings_are_read() {
        let (binding, _) = read(json!({"smithy.api#httpHeader": "X-Id"}), |r| {
            r.member_binding()
        });
        assert_eq!(binding, Some(HttpMemberBinding::Header("X-Id".into())));
        let (binding, _) = read(json!({"smithy.api#httpLabel": {}}), |r| r.member_binding());
        assert_eq!(binding, Some(HttpMemberBinding::Label));
        let (http, _) = read(
            json!({"smithy.api#http": {"method": "GET", "uri": "/a/{b}", "code": 201}}),
            |r| r.http(),
        );
        let http = http.unwrap();
        assert_eq!((http.method.as_str(), http.uri.as_str()), ("GET", "/a/{b}"));
        assert_eq!(http.code, Some(201));
    }

    #[test]
    fn legacy_enum_names_fall_back_to_values() {
        let (values, errors) = read(
            json!({"smithy.api#enum": [
                {"value": "a-b", "name": "A_B", "documentation": "doc"},
                {"value": "plain", "deprecated": true},
                {"name": "NO_VALUE"}
            ]}),
            |r| r.legacy_enum(),
        );
        let values = values.unwrap();
        assert_eq!(values.len(), 2);
        assert_eq!(
            (values[0].name.as_str(), values[0].value.as_str()),
            ("A_B", "a-b")
        );
        assert_eq!(values[0].docs.as_deref(), Some("doc"));
        assert_eq!(values[1].name, "plain");
        assert!(values[1].deprecated.is_some());
        assert!(errors[0].message.contains("no usable `value`"));
    }

    #[test]
    fn protocols_prefer_the_json_ones() {
        let t =
            traits(json!({"aws.protocols#awsQueryCompatible": {}, "aws.protocols#awsJson1_0": {}}));
        assert_eq!(protocol(&t), Some(Protocol::AwsJson1_0));
        let t = traits(json!({"aws.protocols#restXml": {}}));
        assert_eq!(
            protocol(&t),
            Some(Protocol::Other("aws.protocols#restXml".into()))
        );
        assert_eq!(protocol(&traits(json!({}))), None);
    }
}
