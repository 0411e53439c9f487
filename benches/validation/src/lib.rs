//! Inputs of the validation benchmark: the `ResendConfirmationCodeRequest` instances and the
//! project's JSON Schema rendition of it (`schemas/jsonschema/`), bundled into one document so
//! that the `jsonschema` crate resolves every `$ref` without fetching anything.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

/// A valid request, about 400 bytes.
pub const VALID: &str = r#"{"ClientId":"7lhlkkfbfb4q5kpp90urffao","SecretHash":"c2VjcmV0LWhhc2gtb2YtdGhlLWNsaWVudA==","UserContextData":{"IpAddress":"192.0.2.1","EncodedData":"encoded-device-fingerprint-data"},"Username":"alice@example.com","AnalyticsMetadata":{"AnalyticsEndpointId":"endpoint-0123456789"},"ClientMetadata":{"source":"signup-page","campaign":"spring-2024","locale":"en-GB","referrer":"newsletter"}}"#;

/// An invalid request of about the same size: a client id that breaks its pattern, an empty
/// secret hash (below its minimum length) and an unknown member.
pub const INVALID: &str = r#"{"ClientId":"7lhlkkfbfb4q5kpp90urffao!!","SecretHash":"","UserContextData":{"IpAddress":"192.0.2.1","EncodedData":"encoded-device-fingerprint-data"},"Username":"alice@example.com","AnalyticsMetadata":{"AnalyticsEndpointId":"endpoint-0123456789"},"ClientMetadata":{"source":"signup-page","campaign":"spring-2024","locale":"en-GB"},"Unexpected":"member"}"#;

/// The folder of the JSON Schema rendition.
pub fn schema_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas/jsonschema")
}

/// The request schema with every schema of the folder placed under `components/schemas` by
/// its `title` (what its `#/components/schemas/<Title>` references name), each without its
/// own `$id`, so references inside them resolve against the bundled document.
pub fn bundled_request_schema(dir: &Path) -> Result<Value, String> {
    let mut components = Map::new();
    let mut root = None;
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    entries.sort();
    for path in entries {
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut schema: Value =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let title = schema["title"].as_str().unwrap_or_default().to_string();
        if title == "ResendConfirmationCodeRequest" {
            root = Some(schema.clone());
        }
        if let Some(object) = schema.as_object_mut() {
            object.remove("$id");
            object.remove("$schema");
        }
        components.insert(title, schema);
    }
    let mut root = root.ok_or("no ResendConfirmationCodeRequest schema")?;
    let mut schemas = Map::new();
    schemas.insert("schemas".to_string(), Value::Object(components));
    root["components"] = Value::Object(schemas);
    Ok(root)
}

/// The compiled `jsonschema` validator of the bundled request schema.
pub fn request_validator() -> Result<jsonschema::Validator, String> {
    let schema = bundled_request_schema(&schema_dir())?;
    jsonschema::validator_for(&schema).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_schema_accepts_the_valid_instance_and_rejects_the_invalid_one() {
        let validator = request_validator().expect("the bundled schema compiles");
        let valid: Value = serde_json::from_str(VALID).expect("JSON");
        let invalid: Value = serde_json::from_str(INVALID).expect("JSON");
        assert!(validator.is_valid(&valid));
        assert!(!validator.is_valid(&invalid));
    }

    #[test]
    fn the_generated_validators_agree_with_jsonschema() {
        use generated::types::ResendConfirmationCodeRequest;
        use generated::validation::{FromJson, Validate};
        let valid = ResendConfirmationCodeRequest::from_json(VALID).expect("valid");
        assert!(valid.validate().is_ok());
        let errors = ResendConfirmationCodeRequest::from_json(INVALID).expect_err("invalid");
        assert!(errors.to_string().contains("/ClientId"), "{errors}");
        let typed: ResendConfirmationCodeRequest =
            serde_json::from_str(INVALID).expect("serde ignores the unknown member");
        assert!(typed.validate().is_err());
    }

    #[test]
    fn the_instances_are_about_400_bytes() {
        for instance in [VALID, INVALID] {
            assert!((300..=500).contains(&instance.len()), "{}", instance.len());
        }
    }
}
