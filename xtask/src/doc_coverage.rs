//! Description coverage of JSON Schema and OpenAPI inputs: every property description written in
//! the inputs must reach the resolved model as a member's docs, and every documented member must
//! become a `///` doc on its field in the generated crate.

use std::collections::BTreeSet;
use std::path::PathBuf;

use codegen::input::Format;
use codegen::model::{Model, ShapeKind};
use serde_json::Value;

/// How deep nested inline schemas are walked.
const MAX_DEPTH: usize = 64;

/// The counts of one crate.
#[derive(Debug, Default)]
pub struct Coverage {
    /// Property schemas with a description in the inputs (a type defined in two inputs counts
    /// twice).
    pub described: usize,
    /// Distinct (property name, description) pairs among them.
    pub distinct: usize,
    /// Those that no structure member of the model carries.
    pub lost: Vec<(String, String)>,
    /// Structure members of the model that have docs.
    pub documented_members: usize,
    /// Fields of the generated crate with a `///` doc of their own (not the fallback sentence).
    pub field_docs: usize,
    /// Fields of the generated crate.
    pub fields: usize,
}

impl Coverage {
    /// Whether every description made it to a field doc.
    pub fn is_complete(&self) -> bool {
        self.lost.is_empty() && self.field_docs >= self.documented_members
    }
}

impl std::fmt::Display for Coverage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} described properties in the inputs ({} distinct), {} lost before the model; {} documented members; {} of {} fields with a `///` doc of their own",
            self.described,
            self.distinct,
            self.lost.len(),
            self.documented_members,
            self.field_docs,
            self.fields
        )
    }
}

/// Measures the coverage of `inputs` (JSON Schema and OpenAPI files among them; others are
/// skipped), resolved into `model` and generated into `modules` (`types.rs`, `errors.rs`).
pub fn measure(inputs: &[PathBuf], model: &Model, modules: &[&str]) -> Result<Coverage, String> {
    let sources = codegen::input::read_inputs(inputs).map_err(|e| e.to_string())?;
    let mut described = Vec::new();
    for source in &sources {
        if !matches!(source.format, Format::JsonSchema | Format::OpenApi) {
            continue;
        }
        let document = codegen::jsonschema::parse_document(&source.path, &source.text)
            .map_err(|e| e.to_string())?;
        for definition in definitions(&document, source.format) {
            described_properties(definition, 0, &mut described);
        }
    }
    let distinct: BTreeSet<(String, String)> = described.iter().cloned().collect();
    let lost = lost_descriptions(&distinct, model);
    let (field_docs, fields) = modules
        .iter()
        .map(|source| field_doc_counts(source))
        .fold((0, 0), |(a, b), (c, d)| (a + c, b + d));
    Ok(Coverage {
        described: described.len(),
        distinct: distinct.len(),
        lost,
        documented_members: model
            .shapes
            .values()
            .filter_map(|s| match &s.kind {
                ShapeKind::Structure(structure) => Some(&structure.members),
                _ => None,
            })
            .flatten()
            .filter(|m| m.docs.as_deref().is_some_and(|d| !d.trim().is_empty()))
            .count(),
        field_docs,
        fields,
    })
}

/// The top-level schemas of a document: a JSON Schema root with its `$defs`/`definitions`, or
/// an OpenAPI document's `components/schemas`.
fn definitions(document: &Value, format: Format) -> Vec<&Value> {
    let containers: &[&str] = match format {
        Format::OpenApi => &["/components/schemas"],
        _ => &["/$defs", "/definitions"],
    };
    let mut found: Vec<&Value> = containers
        .iter()
        .filter_map(|pointer| document.pointer(pointer)?.as_object())
        .flat_map(|entries| entries.values())
        .collect();
    if format == Format::JsonSchema {
        found.push(document);
    }
    found
}

/// Adds the (property, description) pairs of `schema` and of every schema nested in it
/// (`$defs` and `definitions` are not followed: [`definitions`] lists them).
fn described_properties(schema: &Value, depth: usize, out: &mut Vec<(String, String)>) {
    let Value::Object(map) = schema else {
        return;
    };
    if depth > MAX_DEPTH {
        return;
    }
    if let Some(Value::Object(properties)) = map.get("properties") {
        for (name, property) in properties {
            if let Some(description) = description(property) {
                out.push((name.clone(), description.to_string()));
            }
        }
    }
    for (key, value) in map {
        match (key.as_str(), value) {
            ("properties" | "patternProperties", Value::Object(m)) => {
                m.values()
                    .for_each(|v| described_properties(v, depth + 1, out));
            }
            ("allOf" | "anyOf" | "oneOf" | "prefixItems", Value::Array(items)) => {
                items
                    .iter()
                    .for_each(|v| described_properties(v, depth + 1, out));
            }
            ("items" | "additionalProperties" | "propertyNames", value) => {
                described_properties(value, depth + 1, out)
            }
            _ => {}
        }
    }
}

/// A property's description: its own, or that of an `allOf` branch beside a `$ref` (the
/// Cognito corpus writes members as `allOf: [{"$ref": ...}, {"description": ...}]`).
fn description(property: &Value) -> Option<&str> {
    let own = property.get("description").and_then(Value::as_str);
    let branch = || {
        property
            .get("allOf")?
            .as_array()?
            .iter()
            .filter(|b| b.get("$ref").is_none())
            .find_map(|b| b.get("description").and_then(Value::as_str))
    };
    own.or_else(branch).filter(|d| !d.trim().is_empty())
}

/// The described properties that no structure member of `model` carries (by wire name and
/// docs as written).
fn lost_descriptions(
    described: &BTreeSet<(String, String)>,
    model: &Model,
) -> Vec<(String, String)> {
    let members = documented_members(model);
    described.difference(&members).cloned().collect()
}

/// (wire name, docs) of every documented structure member.
fn documented_members(model: &Model) -> BTreeSet<(String, String)> {
    let mut members = BTreeSet::new();
    for shape in model.shapes.values() {
        let ShapeKind::Structure(structure) = &shape.kind else {
            continue;
        };
        for member in &structure.members {
            if let Some(docs) = &member.docs {
                members.insert((member.wire_name.clone(), docs.clone()));
            }
        }
    }
    members
}

/// (fields with a doc of their own, fields) in a generated module: a field is a `    pub x: T,`
/// line; its doc is the run of `    ///` lines before its attributes; the fallback sentence
/// (`The `X` member.`) does not count.
fn field_doc_counts(source: &str) -> (usize, usize) {
    let mut first_doc: Option<&str> = None;
    let mut documented = 0;
    let mut fields = 0;
    for line in source.lines() {
        if let Some(doc) = line.strip_prefix("    /// ") {
            first_doc.get_or_insert(doc);
        } else if is_field(line) {
            fields += 1;
            let fallback =
                first_doc.is_some_and(|d| d.starts_with("The `") && d.ends_with("` member."));
            if first_doc.is_some() && !fallback {
                documented += 1;
            }
            first_doc = None;
        } else if !line.starts_with("    #")
            && !line.starts_with("        ")
            && !line.starts_with("    )")
            && line != "    ///"
        {
            first_doc = None;
        }
    }
    (documented, fields)
}

/// Whether a line starts a structure field (`    pub name: Type,`), not a method or constant.
fn is_field(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("    pub ") else {
        return false;
    };
    let name_end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '#'))
        .unwrap_or(rest.len());
    name_end > 0 && rest[name_end..].starts_with(':')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_are_found_beside_refs_and_in_nested_schemas() {
        let schema = serde_json::json!({
            "title": "A",
            "properties": {
                "x": {"allOf": [{"$ref": "#/components/schemas/B"}, {"description": "The x."}]},
                "y": {"type": "object", "properties": {"z": {"type": "string", "description": "The z."}}},
                "w": {"type": "string"}
            }
        });
        let mut found = Vec::new();
        described_properties(&schema, 0, &mut found);
        let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["x", "z"]);
    }

    #[test]
    fn a_description_no_member_carries_is_lost() {
        use codegen::model::{Member, Shape, ShapeId, Structure};
        let mut member = Member::new("x", ShapeId::new("smithy.api", "String"));
        member.docs = Some("The x.".to_string());
        let id = ShapeId::new("schema", "A");
        let kind = ShapeKind::Structure(Structure {
            members: vec![member],
            ..Structure::default()
        });
        let mut model = Model::default();
        model.shapes.insert(id.clone(), Shape::new(id, kind));
        let described: BTreeSet<(String, String)> = [
            ("x".to_string(), "The x.".to_string()),
            ("y".to_string(), "The y.".to_string()),
        ]
        .into();
        let lost = lost_descriptions(&described, &model);
        assert_eq!(lost, [("y".to_string(), "The y.".to_string())]);
    }

    #[test]
    fn field_docs_leave_out_the_fallback_sentence() {
        let source = "impl A {\n    pub fn new() {}\n}\npub struct A {\n    /// The id.\n    ///\n    /// Required.\n    #[serde(rename = \"Id\")]\n    #[cfg_attr(\n        feature = \"schemars\",\n        schemars(description = \"\")\n    )]\n    pub id: String,\n    /// The `Other` member.\n    pub other: Option<String>,\n    pub bare: u8,\n}\n";
        assert_eq!(field_doc_counts(source), (1, 3));
    }
}
