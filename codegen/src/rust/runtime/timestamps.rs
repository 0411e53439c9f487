/// Timestamps as seconds since the Unix epoch, a JSON number with an optional fraction
/// (Smithy's `epoch-seconds`, the default for JSON protocols). Fractions keep millisecond
/// precision.
pub struct EpochSeconds;

impl serde_with::SerializeAs<time::OffsetDateTime> for EpochSeconds {
    fn serialize_as<S: serde::Serializer>(
        value: &time::OffsetDateTime,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let seconds = value.unix_timestamp();
        let millis = value.millisecond();
        if millis == 0 {
            serializer.serialize_i64(seconds)
        } else {
            serializer.serialize_f64(seconds as f64 + f64::from(millis) / 1000.0)
        }
    }
}

impl<'de> serde_with::DeserializeAs<'de, time::OffsetDateTime> for EpochSeconds {
    fn deserialize_as<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<time::OffsetDateTime, D::Error> {
        use serde::de::Error;
        let seconds = <f64 as serde::Deserialize>::deserialize(deserializer)?;
        if !seconds.is_finite() {
            return Err(D::Error::custom("epoch seconds must be a finite number"));
        }
        let nanos = (seconds * 1000.0).round() as i128 * 1_000_000;
        time::OffsetDateTime::from_unix_timestamp_nanos(nanos).map_err(D::Error::custom)
    }
}

/// Timestamps as RFC 3339 `date-time` strings (Smithy's `date-time`).
pub struct DateTime;

impl serde_with::SerializeAs<time::OffsetDateTime> for DateTime {
    fn serialize_as<S: serde::Serializer>(
        value: &time::OffsetDateTime,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        use serde::ser::Error;
        let utc = value.to_offset(time::UtcOffset::UTC);
        let text = utc
            .format(&time::format_description::well_known::Rfc3339)
            .map_err(S::Error::custom)?;
        serializer.serialize_str(&text)
    }
}

impl<'de> serde_with::DeserializeAs<'de, time::OffsetDateTime> for DateTime {
    fn deserialize_as<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<time::OffsetDateTime, D::Error> {
        use serde::de::Error;
        let text = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
        time::OffsetDateTime::parse(&text, &time::format_description::well_known::Rfc3339)
            .map_err(D::Error::custom)
    }
}

/// Timestamps as RFC 7231 IMF-fixdate strings, `Tue, 29 Apr 2014 18:30:38 GMT` (Smithy's
/// `http-date`).
pub struct HttpDate;

const HTTP_DATE: &[time::format_description::BorrowedFormatItem<'static>] = time::macros::format_description!(
    "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
);

impl serde_with::SerializeAs<time::OffsetDateTime> for HttpDate {
    fn serialize_as<S: serde::Serializer>(
        value: &time::OffsetDateTime,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        use serde::ser::Error;
        let utc = value.to_offset(time::UtcOffset::UTC);
        let text = utc.format(HTTP_DATE).map_err(S::Error::custom)?;
        serializer.serialize_str(&text)
    }
}

impl<'de> serde_with::DeserializeAs<'de, time::OffsetDateTime> for HttpDate {
    fn deserialize_as<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<time::OffsetDateTime, D::Error> {
        use serde::de::Error;
        let text = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
        time::PrimitiveDateTime::parse(&text, HTTP_DATE)
            .map(time::PrimitiveDateTime::assume_utc)
            .map_err(D::Error::custom)
    }
}
