//! Input discovery: expands directories, reads files, detects each file's format from its
//! content, and hands each group to its front end. The one place that knows which front end
//! reads what.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Model;
use crate::{jsonschema, smithy, Loaded, Options};

/// The formats Shapegen reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// Smithy JSON AST (a JSON object with a top-level `"smithy"` key).
    SmithyJson,
    /// Smithy IDL (a `.smithy` file).
    SmithyIdl,
    /// OpenAPI 3.x, JSON or YAML (a top-level `openapi` key).
    OpenApi,
    /// JSON Schema, JSON or YAML (anything else).
    JsonSchema,
}

/// One input file, read and classified.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as the user gave it (or as found under a directory they gave).
    pub path: PathBuf,
    /// The file's text.
    pub text: String,
    /// Its detected format.
    pub format: Format,
}

impl Source {
    /// The path as shown in diagnostics.
    pub fn display_name(&self) -> String {
        self.path.display().to_string()
    }
}

/// Extensions looked for inside input directories.
const MODEL_EXTENSIONS: &[&str] = &["json", "smithy", "yaml", "yml"];

/// Reads every input. Directories are searched recursively for model files, in sorted order.
/// Every unreadable file is reported, not only the first.
pub fn read_inputs(inputs: &[PathBuf]) -> Result<Vec<Source>, Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    let mut paths = Vec::new();
    if inputs.is_empty() {
        diagnostics.push(Diagnostic::error(
            "<inputs>",
            "",
            "no input files were given",
        ));
    }
    for input in inputs {
        if input.is_dir() {
            collect_model_files(input, &mut paths, &mut diagnostics);
        } else {
            paths.push(input.clone());
        }
    }
    let mut sources = Vec::new();
    for path in paths {
        match read_source(&path) {
            Ok(source) => sources.push(source),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(sources)
}

fn collect_model_files(dir: &Path, out: &mut Vec<PathBuf>, diagnostics: &mut Diagnostics) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            let message = format!("cannot read directory: {e}");
            diagnostics.push(Diagnostic::error(dir.display().to_string(), "", message));
            return;
        }
    };
    let mut children: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    children.sort();
    for child in children {
        if child.is_dir() {
            collect_model_files(&child, out, diagnostics);
        } else if has_model_extension(&child) {
            out.push(child);
        }
    }
}

fn has_model_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| MODEL_EXTENSIONS.contains(&e))
}

/// Reads one file and detects its format.
pub fn read_source(path: &Path) -> Result<Source, Diagnostic> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::error(&name, "", format!("cannot read file: {e}")))?;
    let text =
        String::from_utf8(bytes).map_err(|e| not_utf8(&name, e.as_bytes(), e.utf8_error()))?;
    let format = detect_format(path, &text);
    if text.trim().is_empty() && format != Format::SmithyIdl {
        let message = "the file is empty: a JSON or YAML document was expected";
        return Err(Diagnostic::error(&name, "", message).at(1, 1));
    }
    Ok(Source {
        path: path.to_path_buf(),
        text,
        format,
    })
}

/// The error for a file that is not UTF-8, at the line and column of its first bad byte.
fn not_utf8(name: &str, bytes: &[u8], error: std::str::Utf8Error) -> Diagnostic {
    let offset = error.valid_up_to();
    let valid = String::from_utf8_lossy(&bytes[..offset]);
    let (line, column) = crate::diagnostics::locate::line_col_of_offset(&valid, valid.len());
    let byte = bytes.get(offset).copied().unwrap_or(0);
    Diagnostic::error(
        name,
        "",
        format!(
            "the file is not valid UTF-8: byte 0x{byte:02X} at offset {offset} does not start a \
             UTF-8 character; save the file as UTF-8"
        ),
    )
    .at(line, column)
}

/// Detects a file's format from its extension and content.
pub fn detect_format(path: &Path, text: &str) -> Format {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if extension == "smithy" {
        return Format::SmithyIdl;
    }
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') {
        return detect_json_format(text);
    }
    if matches!(extension, "yaml" | "yml") || !trimmed.starts_with('{') {
        let is_openapi = text
            .lines()
            .any(|line| line.starts_with("openapi:") || line.starts_with("\"openapi\":"));
        if is_openapi {
            return Format::OpenApi;
        }
        if trimmed.starts_with("$version") || trimmed.starts_with("namespace") {
            return Format::SmithyIdl;
        }
    }
    Format::JsonSchema
}

/// Looks at a JSON document's top-level keys without building it.
fn detect_json_format(text: &str) -> Format {
    #[derive(serde::Deserialize)]
    struct TopLevelKeys {
        smithy: Option<serde::de::IgnoredAny>,
        openapi: Option<serde::de::IgnoredAny>,
    }
    match serde_json::from_str::<TopLevelKeys>(text) {
        Ok(keys) if keys.smithy.is_some() => Format::SmithyJson,
        Ok(keys) if keys.openapi.is_some() => Format::OpenApi,
        // Not JSON at all, or JSON Schema: the JSON Schema front end reports syntax errors.
        _ => Format::JsonSchema,
    }
}

/// Texts of the inputs that the Rust back end converts one at a time, deterministically, so
/// that a spare thread can convert them ahead of need (see [`crate::generate_crate`]).
#[derive(Debug, Default)]
pub struct TextsAhead {
    /// Documentation: `description` (JSON Schema, OpenAPI), `smithy.api#documentation`.
    pub documentation: Vec<String>,
    /// Patterns: `pattern` (JSON Schema, OpenAPI), `smithy.api#pattern`.
    pub patterns: Vec<String>,
}

/// The [`TextsAhead`] of JSON sources, each once (sources that are not JSON give none).
pub fn texts_ahead(sources: &[Source]) -> TextsAhead {
    let mut texts = TextsAhead::default();
    for source in sources {
        if !source.text.trim_start().starts_with('{') {
            continue;
        }
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(&source.text) {
            collect_texts(&value, &mut texts);
        }
    }
    for list in [&mut texts.documentation, &mut texts.patterns] {
        list.sort_unstable();
        list.dedup();
    }
    texts
}

fn collect_texts(value: &serde_json::Value, texts: &mut TextsAhead) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, child) in map {
                match (key.as_str(), child) {
                    (
                        "description" | "smithy.api#documentation",
                        serde_json::Value::String(text),
                    ) => {
                        texts.documentation.push(text.clone());
                    }
                    ("pattern" | "smithy.api#pattern", serde_json::Value::String(text)) => {
                        texts.patterns.push(text.clone());
                    }
                    _ => collect_texts(child, texts),
                }
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                collect_texts(item, texts);
            }
        }
        _ => {}
    }
}

/// Resolves all sources into one model: Smithy files together through the Smithy front end,
/// JSON Schema and OpenAPI files together through the JSON Schema front end, then the two
/// models merged (a shape id defined by both is an error).
pub fn resolve(sources: &[Source], options: &Options) -> Result<Loaded, Diagnostics> {
    let (smithy_sources, schema_sources): (Vec<&Source>, Vec<&Source>) = sources
        .iter()
        .partition(|s| matches!(s.format, Format::SmithyJson | Format::SmithyIdl));
    let mut diagnostics = Diagnostics::new();
    let mut models = Vec::new();
    if !smithy_sources.is_empty() {
        match smithy::load(&smithy_sources, options) {
            Ok(loaded) => models.push(loaded),
            Err(errors) => diagnostics.extend(errors),
        }
    }
    if !schema_sources.is_empty() {
        match jsonschema::load(&schema_sources, options) {
            Ok(loaded) => models.push(loaded),
            Err(errors) => diagnostics.extend(errors),
        }
    }
    if diagnostics.has_errors() {
        return Err(diagnostics.normalized());
    }
    let mut merged = Loaded {
        model: Model::default(),
        warnings: diagnostics,
    };
    for loaded in models {
        merged.warnings.extend(loaded.warnings);
        merge_into(&mut merged.model, loaded.model)?;
    }
    merged.warnings = merged.warnings.normalized();
    Ok(merged)
}

fn merge_into(into: &mut Model, from: Model) -> Result<(), Diagnostics> {
    let mut errors = Diagnostics::new();
    for (id, shape) in from.shapes {
        if let Some(existing) = into.shapes.get(&id) {
            if *existing != shape && !id.is_prelude() {
                errors.push(Diagnostic::error(
                    shape.source.file.to_string(),
                    id.to_string(),
                    format!("shape is also defined differently in {}", existing.source),
                ));
            }
            continue;
        }
        into.shapes.insert(id, shape);
    }
    into.operations.extend(from.operations);
    into.services.extend(from.services);
    if errors.has_errors() {
        return Err(errors);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_ahead_are_the_documentation_and_patterns_of_json_sources_each_once() {
        let source = |path: &str, text: &str| Source {
            path: path.into(),
            text: text.to_string(),
            format: Format::JsonSchema,
        };
        let json = r#"{"description": "B", "properties": {"a": {"description": "A",
            "pattern": "^x$"}, "b": {"allOf": [{"description": "B", "pattern": "^y$"}]}},
            "traits": {"smithy.api#documentation": "C", "smithy.api#pattern": "^x$"}}"#;
        let texts = texts_ahead(&[source("a.json", json), source("b.yaml", "description: D")]);
        assert_eq!(texts.documentation, ["A", "B", "C"]);
        assert_eq!(texts.patterns, ["^x$", "^y$"]);
    }

    #[test]
    fn detects_formats_from_content() {
        let json = Path::new("a.json");
        assert_eq!(
            detect_format(json, r#"{"smithy":"2.0"}"#),
            Format::SmithyJson
        );
        assert_eq!(
            detect_format(json, r#"{"openapi":"3.0.0"}"#),
            Format::OpenApi
        );
        assert_eq!(
            detect_format(json, r#"{"type":"object"}"#),
            Format::JsonSchema
        );
        let yaml = Path::new("a.yaml");
        assert_eq!(detect_format(yaml, "openapi: 3.0.0\n"), Format::OpenApi);
        assert_eq!(detect_format(yaml, "type: object\n"), Format::JsonSchema);
        assert_eq!(
            detect_format(Path::new("a.smithy"), "namespace a"),
            Format::SmithyIdl
        );
    }
}
