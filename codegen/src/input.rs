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

/// The [`TextsAhead`] of JSON sources, each once (sources that are not JSON give none). The
/// texts are picked out while the JSON is read, without building the document.
pub fn texts_ahead(sources: &[Source]) -> TextsAhead {
    use serde::de::DeserializeSeed;
    let mut texts = TextsAhead::default();
    for source in sources {
        if !source.text.trim_start().starts_with('{') {
            continue;
        }
        let mut reader = serde_json::Deserializer::from_str(&source.text);
        let collect = CollectTexts {
            texts: &mut texts,
            wanted: None,
        };
        // A source that is not JSON is reported by its front end; its texts are not needed.
        let _ = collect.deserialize(&mut reader);
    }
    for list in [&mut texts.documentation, &mut texts.patterns] {
        list.sort_unstable();
        list.dedup();
    }
    texts
}

/// Which list a string value belongs in, by the key it is written under.
#[derive(Clone, Copy)]
enum WantedText {
    Documentation,
    Pattern,
}

/// Reads one JSON value, keeping the strings written under documentation and pattern keys.
struct CollectTexts<'t> {
    texts: &'t mut TextsAhead,
    /// What a string here is, from its key (`None`: not wanted).
    wanted: Option<WantedText>,
}

impl<'de> serde::de::DeserializeSeed<'de> for CollectTexts<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, reader: D) -> Result<(), D::Error> {
        reader.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for CollectTexts<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_str<E>(self, text: &str) -> Result<(), E> {
        match self.wanted {
            Some(WantedText::Documentation) => self.texts.documentation.push(text.to_string()),
            Some(WantedText::Pattern) => self.texts.patterns.push(text.to_string()),
            None => {}
        }
        Ok(())
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut items: A) -> Result<(), A::Error> {
        let texts = self.texts;
        while items
            .next_element_seed(CollectTexts {
                texts: &mut *texts,
                wanted: None,
            })?
            .is_some()
        {}
        Ok(())
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut members: A) -> Result<(), A::Error> {
        let texts = self.texts;
        while let Some(wanted) = members.next_key_seed(TextKey)? {
            members.next_value_seed(CollectTexts {
                texts: &mut *texts,
                wanted,
            })?;
        }
        Ok(())
    }
}

/// Reads an object key as what a string under it is.
struct TextKey;

impl<'de> serde::de::DeserializeSeed<'de> for TextKey {
    type Value = Option<WantedText>;

    fn deserialize<D: serde::Deserializer<'de>>(self, reader: D) -> Result<Self::Value, D::Error> {
        reader.deserialize_str(self)
    }
}

impl<'de> serde::de::Visitor<'de> for TextKey {
    type Value = Option<WantedText>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an object key")
    }

    fn visit_str<E>(self, key: &str) -> Result<Self::Value, E> {
        Ok(match key {
            "description" | "smithy.api#documentation" => Some(WantedText::Documentation),
            "pattern" | "smithy.api#pattern" => Some(WantedText::Pattern),
            _ => None,
        })
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
        let nested = r#"{"descr\u0069ption": "E\n\"q\"", "description": {"description": "F",
            "pattern": 3}, "pattern": ["^z$"], "x": [[{"pattern": "^w$"}], null, 1.5, true]}"#;
        let texts = texts_ahead(&[source("c.json", nested)]);
        assert_eq!(texts.documentation, ["E\n\"q\"", "F"]);
        assert_eq!(texts.patterns, ["^w$"]);
        let broken = texts_ahead(&[source("d.json", r#"{"description": "G", "a": [1,"#)]);
        assert_eq!(
            broken.documentation,
            ["G"],
            "texts read before the error are kept"
        );
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
