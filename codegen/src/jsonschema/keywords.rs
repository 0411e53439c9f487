//! Keyword value checks: a schema keyword whose value has the wrong JSON type (`"maxLength":
//! "ten"`, `"required": "a"`, `"items": 7`) is an error, never silently ignored.

use serde_json::Value;

/// What a keyword's value must be.
#[derive(Debug, Clone, Copy)]
enum Expected {
    NonNegativeInteger,
    PositiveNumber,
    Number,
    NumberOrBoolean,
    Boolean,
    String,
    StringArray,
    Array,
    Object,
    Schema,
    SchemaOrArray,
}

impl Expected {
    fn accepts(self, value: &Value) -> bool {
        match self {
            Expected::NonNegativeInteger => {
                value.as_u64().is_some()
                    || value.as_f64().is_some_and(|f| f >= 0.0 && f.fract() == 0.0)
            }
            Expected::PositiveNumber => value.as_f64().is_some_and(|f| f > 0.0),
            Expected::Number => value.is_number(),
            Expected::NumberOrBoolean => value.is_number() || value.is_boolean(),
            Expected::Boolean => value.is_boolean(),
            Expected::String => value.is_string(),
            Expected::StringArray => value
                .as_array()
                .is_some_and(|items| items.iter().all(Value::is_string)),
            Expected::Array => value.is_array(),
            Expected::Object => value.is_object(),
            Expected::Schema => value.is_object() || value.is_boolean(),
            Expected::SchemaOrArray => value.is_object() || value.is_boolean() || value.is_array(),
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Expected::NonNegativeInteger => "a non-negative integer",
            Expected::PositiveNumber => "a number above 0",
            Expected::Number => "a number",
            Expected::NumberOrBoolean => "a number (or, before draft 6, a boolean)",
            Expected::Boolean => "a boolean",
            Expected::String => "a string",
            Expected::StringArray => "an array of strings",
            Expected::Array => "an array",
            Expected::Object => "an object",
            Expected::Schema => "a schema (an object or a boolean)",
            Expected::SchemaOrArray => "a schema or an array of schemas",
        }
    }
}

/// The keywords checked, with what their values must be.
const KEYWORDS: &[(&str, Expected)] = &[
    ("minLength", Expected::NonNegativeInteger),
    ("maxLength", Expected::NonNegativeInteger),
    ("minItems", Expected::NonNegativeInteger),
    ("maxItems", Expected::NonNegativeInteger),
    ("minProperties", Expected::NonNegativeInteger),
    ("maxProperties", Expected::NonNegativeInteger),
    ("minimum", Expected::Number),
    ("maximum", Expected::Number),
    ("multipleOf", Expected::PositiveNumber),
    ("exclusiveMinimum", Expected::NumberOrBoolean),
    ("exclusiveMaximum", Expected::NumberOrBoolean),
    ("uniqueItems", Expected::Boolean),
    ("pattern", Expected::String),
    ("format", Expected::String),
    ("required", Expected::StringArray),
    ("enum", Expected::Array),
    ("allOf", Expected::Array),
    ("anyOf", Expected::Array),
    ("oneOf", Expected::Array),
    ("prefixItems", Expected::Array),
    ("properties", Expected::Object),
    ("patternProperties", Expected::Object),
    ("$defs", Expected::Object),
    ("definitions", Expected::Object),
    ("additionalProperties", Expected::Schema),
    ("not", Expected::Schema),
    ("items", Expected::SchemaOrArray),
];

/// The value of `keyword` in `schema` (or of a member in any JSON object). A schema object has a
/// few keys, so they are compared in turn rather than hashed: the front end asks every schema
/// for each keyword it knows, and JSON pointers step through small objects.
pub fn get<'a>(schema: &'a serde_json::Map<String, Value>, keyword: &str) -> Option<&'a Value> {
    /// Objects with more keys than this are looked up by hash.
    const SCANNED: usize = 16;
    if schema.len() > SCANNED {
        return schema.get(keyword);
    }
    schema
        .iter()
        .find(|(key, _)| key.as_str() == keyword)
        .map(|(_, value)| value)
}

/// Whether `schema` has `keyword` (see [`get`]).
pub fn has(schema: &serde_json::Map<String, Value>, keyword: &str) -> bool {
    get(schema, keyword).is_some()
}

/// Every keyword of `schema` whose value has the wrong type, with the message to report at it.
/// Reported in the order of [`KEYWORDS`]. A schema has a few keys and the table many, so the
/// keys are looked up in the table rather than the other way round.
pub fn misused(schema: &serde_json::Map<String, Value>) -> Vec<(&'static str, String)> {
    let mut found: Vec<(usize, &'static str, String)> = schema
        .iter()
        .filter_map(|(key, value)| {
            let index = KEYWORDS.iter().position(|(keyword, _)| keyword == key)?;
            let (keyword, expected) = KEYWORDS[index];
            (!expected.accepts(value)).then(|| {
                let found = describe(value);
                let wanted = expected.describe();
                let message = format!("`{keyword}` must be {wanted}, found {found}");
                (index, keyword, message)
            })
        })
        .collect();
    found.sort_by_key(|(index, _, _)| *index);
    found
        .into_iter()
        .map(|(_, keyword, message)| (keyword, message))
        .collect()
}

fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the string {}", Value::String(s.clone())),
        Value::Array(_) => "an array".to_string(),
        Value::Object(_) => "an object".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn problems(schema: Value) -> Vec<&'static str> {
        misused(schema.as_object().unwrap())
            .into_iter()
            .map(|(keyword, _)| keyword)
            .collect()
    }

    #[test]
    fn keywords_are_found_in_small_and_large_objects() {
        let small = json!({"type": "string", "maxLength": 3});
        let large: serde_json::Map<String, Value> =
            (0..20).map(|i| (format!("k{i}"), json!(i))).collect();
        assert_eq!(
            get(small.as_object().unwrap(), "maxLength"),
            Some(&json!(3))
        );
        assert_eq!(get(small.as_object().unwrap(), "minLength"), None);
        assert_eq!(get(&large, "k17"), Some(&json!(17)));
        assert_eq!(get(&large, "k20"), None);
    }

    #[test]
    fn values_of_the_wrong_type_are_found() {
        let schema = json!({"maxLength": "ten", "required": "a", "items": 7, "minimum": 1.5,
                            "minLength": 2.0, "exclusiveMinimum": true, "properties": {}});
        assert_eq!(problems(schema), ["maxLength", "required", "items"]);
        assert_eq!(problems(json!({"multipleOf": 0})), ["multipleOf"]);
        let (_, message) = &misused(json!({"maxLength": -1}).as_object().unwrap())[0];
        assert_eq!(
            message,
            "`maxLength` must be a non-negative integer, found the number -1"
        );
    }
}
