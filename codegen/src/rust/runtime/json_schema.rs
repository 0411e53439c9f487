/// The JSON Schema of a timestamp written as seconds since the Unix epoch (a JSON number).
///
/// Fields whose Rust type is `time::OffsetDateTime` name this type in
/// `#[schemars(with = "...")]`, so their schema describes the wire form, not the Rust type.
pub struct EpochSeconds;

/// The JSON Schema of a timestamp written as an RFC 3339 `date-time` string.
pub struct DateTime;

/// The JSON Schema of a timestamp written as an RFC 7231 IMF-fixdate string.
pub struct HttpDate;

/// The JSON Schema of a blob written as a base64 string.
pub struct Base64;

/// Implements `JsonSchema` for a type whose schema is a fixed, inline JSON Schema.
macro_rules! wire_schema {
    ($type:ty => $name:literal, $schema:tt) => {
        impl schemars::JsonSchema for $type {
            fn inline_schema() -> bool {
                true
            }

            fn schema_name() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed($name)
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!($schema)
            }
        }
    };
}

wire_schema!(EpochSeconds => "EpochSeconds", { "type": "number" });
wire_schema!(DateTime => "DateTime", { "type": "string", "format": "date-time" });
wire_schema!(HttpDate => "HttpDate", { "type": "string" });
wire_schema!(Base64 => "Base64", { "type": "string", "format": "byte", "contentEncoding": "base64" });

/// A `schemars` transform that merges JSON Schema keywords into the schema it is applied to:
/// objects are merged key by key, recursively, anything else replaces what was there. Used for
/// constraints that sit inside the schema of a field (on `items`, `additionalProperties`,
/// `properties`), where `#[schemars(extend(...))]` would replace the whole keyword.
pub struct Merge(pub serde_json::Value);

impl schemars::transform::Transform for Merge {
    fn transform(&mut self, schema: &mut schemars::Schema) {
        if let (Some(target), serde_json::Value::Object(keywords)) =
            (schema.as_object_mut(), &self.0)
        {
            merge_objects(target, keywords);
        }
    }
}

fn merge_objects(
    target: &mut serde_json::Map<String, serde_json::Value>,
    keywords: &serde_json::Map<String, serde_json::Value>,
) {
    for (key, value) in keywords {
        match (target.get_mut(key), value) {
            (Some(serde_json::Value::Object(inner)), serde_json::Value::Object(added)) => {
                merge_objects(inner, added)
            }
            // `additionalProperties: false` (a map keyed by an enum) stays false.
            (Some(serde_json::Value::Bool(false)), _) => {}
            _ => {
                target.insert(key.clone(), value.clone());
            }
        }
    }
}
