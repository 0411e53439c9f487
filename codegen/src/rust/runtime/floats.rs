/// Floats as JSON numbers, with the values JSON numbers cannot hold written as the strings
/// `"NaN"`, `"Infinity"` and `"-Infinity"` (Smithy's JSON protocols; `serde_json` alone writes
/// them as `null`). Reading accepts either form.
pub struct JsonFloat;

fn non_finite_text(value: f64) -> Option<&'static str> {
    if value.is_nan() {
        Some("NaN")
    } else if value == f64::INFINITY {
        Some("Infinity")
    } else if value == f64::NEG_INFINITY {
        Some("-Infinity")
    } else {
        None
    }
}

struct FloatVisitor;

impl serde::de::Visitor<'_> for FloatVisitor {
    type Value = f64;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a number, \"NaN\", \"Infinity\" or \"-Infinity\"")
    }

    fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<f64, E> {
        Ok(value)
    }

    fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<f64, E> {
        Ok(value as f64)
    }

    fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<f64, E> {
        Ok(value as f64)
    }

    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<f64, E> {
        match value {
            "NaN" => Ok(f64::NAN),
            "Infinity" => Ok(f64::INFINITY),
            "-Infinity" => Ok(f64::NEG_INFINITY),
            _ => Err(E::invalid_value(serde::de::Unexpected::Str(value), &self)),
        }
    }
}

impl serde_with::SerializeAs<f64> for JsonFloat {
    fn serialize_as<S: serde::Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
        match non_finite_text(*value) {
            Some(text) => serializer.serialize_str(text),
            None => serializer.serialize_f64(*value),
        }
    }
}

impl serde_with::SerializeAs<f32> for JsonFloat {
    fn serialize_as<S: serde::Serializer>(value: &f32, serializer: S) -> Result<S::Ok, S::Error> {
        match non_finite_text(f64::from(*value)) {
            Some(text) => serializer.serialize_str(text),
            None => serializer.serialize_f32(*value),
        }
    }
}

impl<'de> serde_with::DeserializeAs<'de, f64> for JsonFloat {
    fn deserialize_as<D: serde::Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
        deserializer.deserialize_any(FloatVisitor)
    }
}

impl<'de> serde_with::DeserializeAs<'de, f32> for JsonFloat {
    fn deserialize_as<D: serde::Deserializer<'de>>(deserializer: D) -> Result<f32, D::Error> {
        deserializer
            .deserialize_any(FloatVisitor)
            .map(|value| value as f32)
    }
}
