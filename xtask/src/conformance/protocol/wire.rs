//! Protocol test parameters (Smithy node values) → their JSON wire form, and the comparison of
//! two wire values, both guided by the model's shapes.
//!
//! Node values write timestamps as epoch seconds and blobs as UTF-8 text; on the wire of the
//! JSON protocols a timestamp takes its member's (or shape's) `@timestampFormat`, epoch seconds
//! by default, and a blob is base64. Members take their wire names. Floats may be the strings
//! `NaN`, `Infinity` and `-Infinity` on both sides.
//!
//! Comparison is by meaning where the wire allows several spellings of one value: numbers by
//! value (floats at their own precision), timestamps as instants (each side must parse in the
//! expected format), blobs as bytes; everything else must be equal.

use base64::Engine as _;
use codegen::model::{Model, Scalar, ShapeId, ShapeKind, TimestampFormat};
use serde_json::{Map, Value};

const BASE64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

/// The HTTP-date layout (RFC 7231 IMF-fixdate).
const HTTP_DATE: &[time::format_description::BorrowedFormatItem<'static>] = time::macros::format_description!(
    "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
);

/// The HTTP-date layout with a fraction of a second.
const HTTP_DATE_FRACTION: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!(
    "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second].[subsecond] GMT"
);

/// Converts and compares values of one model.
pub struct Wire<'m> {
    model: &'m Model,
}

impl<'m> Wire<'m> {
    /// A converter for `model`.
    pub fn new(model: &'m Model) -> Self {
        Wire { model }
    }

    /// The wire form of node value `value` of shape `target`; an error names the JSON pointer
    /// (in the params) of a value that does not fit.
    pub fn to_wire(&self, target: &ShapeId, value: &Value) -> Result<Value, String> {
        self.convert(target, None, value, "")
    }

    fn convert(
        &self,
        target: &ShapeId,
        format: Option<TimestampFormat>,
        value: &Value,
        pointer: &str,
    ) -> Result<Value, String> {
        if value.is_null() {
            return Ok(Value::Null);
        }
        let Some(shape) = self.model.shape(target) else {
            return Ok(value.clone());
        };
        match &shape.kind {
            ShapeKind::Structure(s) => self.convert_members(&s.members, value, pointer),
            ShapeKind::Union(u) => self.convert_members(&u.members, value, pointer),
            ShapeKind::List(item) => {
                let items = value
                    .as_array()
                    .ok_or_else(|| format!("{pointer}: expected a list"))?;
                let converted = items.iter().enumerate().map(|(index, item_value)| {
                    let at = format!("{pointer}/{index}");
                    self.convert(&item.target, item.timestamp_format, item_value, &at)
                });
                Ok(Value::Array(converted.collect::<Result<_, _>>()?))
            }
            ShapeKind::Map { value: entry, .. } => {
                let map = value
                    .as_object()
                    .ok_or_else(|| format!("{pointer}: expected a map"))?;
                let mut out = Map::new();
                for (key, entry_value) in map {
                    let at = format!("{pointer}/{key}");
                    let converted =
                        self.convert(&entry.target, entry.timestamp_format, entry_value, &at)?;
                    out.insert(key.clone(), converted);
                }
                Ok(Value::Object(out))
            }
            ShapeKind::Scalar(Scalar::Blob) => {
                let text = value
                    .as_str()
                    .ok_or_else(|| format!("{pointer}: expected a blob as text"))?;
                Ok(Value::String(BASE64.encode(text.as_bytes())))
            }
            ShapeKind::Scalar(Scalar::Timestamp) => {
                let format = format
                    .or(shape.timestamp_format)
                    .unwrap_or(TimestampFormat::EpochSeconds);
                timestamp_to_wire(value, format).map_err(|e| format!("{pointer}: {e}"))
            }
            _ => Ok(value.clone()),
        }
    }

    fn convert_members(
        &self,
        members: &[codegen::model::Member],
        value: &Value,
        pointer: &str,
    ) -> Result<Value, String> {
        let map = value
            .as_object()
            .ok_or_else(|| format!("{pointer}: expected an object"))?;
        let mut out = Map::new();
        for (name, member_value) in map {
            if member_value.is_null() {
                // A null member in params is an unset one.
                continue;
            }
            let member = members
                .iter()
                .find(|m| &m.name == name)
                .ok_or_else(|| format!("{pointer}: `{name}` is not a member"))?;
            let at = format!("{pointer}/{name}");
            let converted =
                self.convert(&member.target, member.timestamp_format, member_value, &at)?;
            out.insert(member.wire_name.clone(), converted);
        }
        Ok(Value::Object(out))
    }

    /// Whether wire values `actual` and `expected` of shape `target` mean the same; the error
    /// names the first difference by JSON pointer.
    pub fn compare(
        &self,
        target: &ShapeId,
        expected: &Value,
        actual: &Value,
    ) -> Result<(), String> {
        self.compare_at(target, None, expected, actual, "")
    }

    fn compare_at(
        &self,
        target: &ShapeId,
        format: Option<TimestampFormat>,
        expected: &Value,
        actual: &Value,
        pointer: &str,
    ) -> Result<(), String> {
        let differ = || {
            Err(format!(
                "{}: expected {expected}, got {actual}",
                shown(pointer)
            ))
        };
        if expected.is_null() || actual.is_null() {
            return if expected == actual { Ok(()) } else { differ() };
        }
        let Some(shape) = self.model.shape(target) else {
            return if json_equal(expected, actual) {
                Ok(())
            } else {
                differ()
            };
        };
        match &shape.kind {
            ShapeKind::Structure(s) => self.compare_members(&s.members, expected, actual, pointer),
            ShapeKind::Union(u) => self.compare_members(&u.members, expected, actual, pointer),
            ShapeKind::List(item) => {
                let (Some(e), Some(a)) = (expected.as_array(), actual.as_array()) else {
                    return differ();
                };
                if e.len() != a.len() {
                    return Err(format!(
                        "{}: expected {} items, got {}",
                        shown(pointer),
                        e.len(),
                        a.len()
                    ));
                }
                for (index, (e, a)) in e.iter().zip(a).enumerate() {
                    let at = format!("{pointer}/{index}");
                    self.compare_at(&item.target, item.timestamp_format, e, a, &at)?;
                }
                Ok(())
            }
            ShapeKind::Map { value, .. } => {
                let (Some(e), Some(a)) = (expected.as_object(), actual.as_object()) else {
                    return differ();
                };
                same_keys(e, a, pointer)?;
                for (key, e) in e {
                    let at = format!("{pointer}/{key}");
                    self.compare_at(&value.target, value.timestamp_format, e, &a[key], &at)?;
                }
                Ok(())
            }
            ShapeKind::Scalar(Scalar::Blob) => {
                let decode = |v: &Value| v.as_str().and_then(|s| BASE64.decode(s).ok());
                match (decode(expected), decode(actual)) {
                    (Some(e), Some(a)) if e == a => Ok(()),
                    _ => differ(),
                }
            }
            ShapeKind::Scalar(Scalar::Timestamp) => {
                let format = format
                    .or(shape.timestamp_format)
                    .unwrap_or(TimestampFormat::EpochSeconds);
                match (
                    parse_timestamp(expected, format),
                    parse_timestamp(actual, format),
                ) {
                    (Some(e), Some(a)) if e == a => Ok(()),
                    _ => differ(),
                }
            }
            ShapeKind::Scalar(Scalar::Float) => {
                let as_f32 = |v: &Value| v.as_f64().map(|f| f as f32);
                match (as_f32(expected), as_f32(actual)) {
                    (Some(e), Some(a)) if e == a => Ok(()),
                    _ if expected == actual => Ok(()),
                    _ => differ(),
                }
            }
            _ if json_equal(expected, actual) => Ok(()),
            _ => differ(),
        }
    }

    fn compare_members(
        &self,
        members: &[codegen::model::Member],
        expected: &Value,
        actual: &Value,
        pointer: &str,
    ) -> Result<(), String> {
        let (Some(e), Some(a)) = (expected.as_object(), actual.as_object()) else {
            return Err(format!(
                "{}: expected {expected}, got {actual}",
                shown(pointer)
            ));
        };
        same_keys(e, a, pointer)?;
        for (key, e) in e {
            let at = format!("{pointer}/{key}");
            match members.iter().find(|m| &m.wire_name == key) {
                Some(member) => {
                    self.compare_at(&member.target, member.timestamp_format, e, &a[key], &at)?
                }
                None if json_equal(e, &a[key]) => {}
                None => return Err(format!("{at}: expected {e}, got {}", a[key])),
            }
        }
        Ok(())
    }
}

fn shown(pointer: &str) -> &str {
    if pointer.is_empty() {
        "(top)"
    } else {
        pointer
    }
}

fn same_keys(
    expected: &Map<String, Value>,
    actual: &Map<String, Value>,
    pointer: &str,
) -> Result<(), String> {
    let missing: Vec<&String> = expected
        .keys()
        .filter(|k| !actual.contains_key(*k))
        .collect();
    let extra: Vec<&String> = actual
        .keys()
        .filter(|k| !expected.contains_key(*k))
        .collect();
    if missing.is_empty() && extra.is_empty() {
        return Ok(());
    }
    Err(format!(
        "{}: missing {missing:?}, unexpected {extra:?}",
        shown(pointer)
    ))
}

/// JSON equality with numbers compared by value (`1` equals `1.0`).
pub fn json_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            x == y || x.as_f64().zip(y.as_f64()).is_some_and(|(x, y)| x == y)
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| json_equal(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_equal(v, w)))
        }
        _ => a == b,
    }
}

/// A node timestamp (epoch seconds, possibly fractional) in wire format `format`.
fn timestamp_to_wire(value: &Value, format: TimestampFormat) -> Result<Value, String> {
    let seconds = value
        .as_f64()
        .ok_or_else(|| format!("expected epoch seconds, got {value}"))?;
    if format == TimestampFormat::EpochSeconds {
        return Ok(value.clone());
    }
    let instant = instant_from_seconds(seconds).ok_or("timestamp out of range")?;
    let text = match format {
        TimestampFormat::DateTime => instant
            .format(&time::format_description::well_known::Rfc3339)
            .map_err(|e| e.to_string())?,
        _ if instant.millisecond() == 0 => instant.format(HTTP_DATE).map_err(|e| e.to_string())?,
        _ => {
            let whole = instant.format(HTTP_DATE).map_err(|e| e.to_string())?;
            let fraction = format!(".{:03} GMT", instant.millisecond());
            whole.replace(" GMT", &fraction)
        }
    };
    Ok(Value::String(text))
}

fn instant_from_seconds(seconds: f64) -> Option<time::OffsetDateTime> {
    let millis = (seconds * 1000.0).round() as i128;
    time::OffsetDateTime::from_unix_timestamp_nanos(millis * 1_000_000).ok()
}

/// A wire timestamp in `format`, as milliseconds since the epoch.
fn parse_timestamp(value: &Value, format: TimestampFormat) -> Option<i128> {
    let instant = match (format, value) {
        (TimestampFormat::EpochSeconds, Value::Number(n)) => instant_from_seconds(n.as_f64()?)?,
        (TimestampFormat::DateTime, Value::String(s)) => {
            time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).ok()?
        }
        (TimestampFormat::HttpDate, Value::String(s)) => {
            time::PrimitiveDateTime::parse(s, HTTP_DATE)
                .or_else(|_| time::PrimitiveDateTime::parse(s, HTTP_DATE_FRACTION))
                .ok()?
                .assume_utc()
        }
        _ => return None,
    };
    Some(instant.unix_timestamp_nanos() / 1_000_000)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn timestamps_take_their_wire_format() {
        let t = json!(946845296);
        assert_eq!(
            timestamp_to_wire(&t, TimestampFormat::EpochSeconds).unwrap(),
            t
        );
        assert_eq!(
            timestamp_to_wire(&t, TimestampFormat::DateTime).unwrap(),
            json!("2000-01-02T20:34:56Z")
        );
        assert_eq!(
            timestamp_to_wire(&t, TimestampFormat::HttpDate).unwrap(),
            json!("Sun, 02 Jan 2000 20:34:56 GMT")
        );
        assert_eq!(
            timestamp_to_wire(&json!(946845296.123), TimestampFormat::HttpDate).unwrap(),
            json!("Sun, 02 Jan 2000 20:34:56.123 GMT")
        );
    }

    #[test]
    fn timestamps_compare_as_instants_in_their_format() {
        let e = parse_timestamp(&json!("2000-01-02T20:34:56Z"), TimestampFormat::DateTime);
        let a = parse_timestamp(
            &json!("2000-01-02T21:34:56+01:00"),
            TimestampFormat::DateTime,
        );
        assert_eq!(e, a);
        assert!(e.is_some());
        assert_eq!(
            parse_timestamp(&json!(946845296), TimestampFormat::DateTime),
            None
        );
    }

    #[test]
    fn numbers_compare_by_value() {
        assert!(json_equal(&json!({"a": [1]}), &json!({"a": [1.0]})));
        assert!(!json_equal(&json!({"a": 1}), &json!({"a": 2})));
        assert!(!json_equal(&json!({"a": 1}), &json!({"a": 1, "b": 2})));
    }
}
