//! The document store: every input (and every file a relative `$ref` reaches) parsed from JSON
//! or YAML into a `serde_json::Value`, with the indexes `$ref` resolution needs: `$id`s,
//! `$anchor`s, file paths, and definitions by name (root `title`s, `$defs`, `definitions`,
//! `components/schemas`).

use rustc_hash::FxHashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use super::pointer;
use crate::diagnostics::{
    json_syntax_error, parser_hint, without_position, Diagnostic, Diagnostics,
};
use crate::input::{Format, Source};
use crate::model::SourceRef;

/// Index of a document in the [`Store`]; inputs come first, in command-line order.
pub type DocId = usize;

/// A location: a document and a JSON pointer inside it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Loc {
    /// The document.
    pub doc: DocId,
    /// The JSON pointer, `""` for the root.
    pub pointer: String,
}

impl Loc {
    /// A location from its parts.
    pub fn new(doc: DocId, pointer: impl Into<String>) -> Self {
        Loc {
            doc,
            pointer: pointer.into(),
        }
    }

    /// The location of `token` inside this one.
    pub fn child(&self, token: &str) -> Loc {
        Loc::new(self.doc, pointer::child(&self.pointer, token))
    }
}

/// What a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    /// An OpenAPI 3.x document.
    OpenApi,
    /// A JSON Schema (its root is a schema).
    JsonSchema,
}

/// The JSON Schema draft whose keywords a document uses, from its root `$schema`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Draft {
    /// Draft 4 (and 3): boolean `exclusiveMinimum`, `definitions`, `dependencies`.
    Draft4,
    /// Draft 6: numeric `exclusiveMinimum`, `const`, `contains`, `propertyNames`.
    Draft6,
    /// Draft 7: `if`/`then`/`else`; `$ref` still ignores its siblings.
    Draft7,
    /// 2019-09: `$defs`, `dependentRequired`/`dependentSchemas`, `$ref` beside other keywords;
    /// array `items` and `additionalItems` still.
    Draft2019,
    /// 2020-12: `prefixItems`, and `items` for what follows them.
    Draft2020,
}

impl Draft {
    /// The draft a `$schema` URI names, if it names a known one.
    pub fn from_uri(uri: &str) -> Option<Draft> {
        let known = [
            ("draft-03", Draft::Draft4),
            ("draft-04", Draft::Draft4),
            ("draft-06", Draft::Draft6),
            ("draft-07", Draft::Draft7),
            ("2019-09", Draft::Draft2019),
            ("2020-12", Draft::Draft2020),
        ];
        known
            .iter()
            .find(|(marker, _)| uri.contains(marker))
            .map(|(_, draft)| *draft)
    }

    /// Whether `$ref` makes its siblings ignored (drafts 4 to 7).
    pub fn ref_overrides_siblings(self) -> bool {
        self <= Draft::Draft7
    }
}

/// One parsed document.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file name shown in diagnostics.
    pub name: Arc<str>,
    /// The file path, for resolving relative `$ref`s.
    pub path: PathBuf,
    /// The JSON text, kept to compute line and column for diagnostics (`None` for YAML).
    pub json_text: Option<String>,
    /// The parsed content.
    pub root: Value,
    /// OpenAPI or JSON Schema.
    pub kind: DocKind,
    /// The base URI of the root: its `$id` when absolute, else a `file://` URI of its path.
    pub base: String,
    /// Whether the user gave it (as opposed to reached through a relative `$ref`).
    pub is_input: bool,
    /// The draft its keywords follow.
    pub draft: Draft,
    /// Whether some value below the root carries an `$id` that is not a bare fragment: only
    /// then does the base URI change along a path ([`super::refs::base_at`] walks it).
    pub nested_ids: bool,
}

impl Document {
    /// The value at a pointer.
    pub fn get(&self, pointer: &str) -> Option<&Value> {
        pointer::get_str(&self.root, pointer)
    }

    /// The file stem (`user-pools-client-id-type-schema`).
    pub fn stem(&self) -> String {
        self.path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

/// All documents of one run, with their indexes.
#[derive(Debug, Default)]
pub struct Store {
    /// The documents; inputs first, in command-line order.
    pub docs: Vec<Document>,
    /// Absolute `$id` (without fragment) → the schema resource it names.
    ids: FxHashMap<String, Loc>,
    /// (resource base URI, anchor name) → the schema carrying `$anchor`.
    anchors: FxHashMap<(String, String), Loc>,
    /// Canonical file path → document.
    by_path: FxHashMap<PathBuf, DocId>,
    /// Definition name → its definitions, in input order (see [`Store::definitions_named`]).
    definitions: FxHashMap<String, Vec<Loc>>,
}

/// Keywords whose values are data, not schemas: `$id` or `$anchor` inside them mean nothing.
const DATA_KEYWORDS: &[&str] = &[
    "enum",
    "const",
    "default",
    "examples",
    "example",
    "x-examples",
];

/// Keywords whose value is a schema or an array of schemas: in JSON Schema documents `$id`s
/// and anchors count only there (and in [`SCHEMA_MAP_KEYWORDS`]), not inside unknown
/// keywords.
const SCHEMA_KEYWORDS: &[&str] = &[
    "additionalProperties",
    "propertyNames",
    "items",
    "prefixItems",
    "additionalItems",
    "contains",
    "not",
    "if",
    "then",
    "else",
    "allOf",
    "anyOf",
    "oneOf",
    "unevaluatedItems",
    "unevaluatedProperties",
    "contentSchema",
];

/// Keywords whose value maps names to schemas.
const SCHEMA_MAP_KEYWORDS: &[&str] = &[
    "properties",
    "patternProperties",
    "$defs",
    "definitions",
    "dependentSchemas",
    "dependencies",
];

/// The containers whose entries are named definitions.
const DEFINITION_CONTAINERS: &[&[&str]] =
    &[&["$defs"], &["definitions"], &["components", "schemas"]];

impl Store {
    /// Parses every source; unparsable ones are reported and skipped. Files that relative `$ref`s
    /// name are read and parsed too (no network access is ever made).
    pub fn load(sources: &[&Source], diagnostics: &mut Diagnostics) -> Store {
        let mut store = Store::default();
        for source in sources {
            let kind = match source.format {
                Format::OpenApi => DocKind::OpenApi,
                _ => DocKind::JsonSchema,
            };
            match parse_text(&source.display_name(), &source.path, &source.text) {
                Ok((root, _)) if !(root.is_object() || root.is_boolean()) => {
                    diagnostics.push(not_a_schema(&source.display_name(), &root));
                }
                Ok((root, json_text)) => {
                    store.add(
                        source.display_name(),
                        &source.path,
                        root,
                        json_text,
                        kind,
                        true,
                    );
                }
                Err(d) => diagnostics.push(d),
            }
        }
        store.load_referenced_files(diagnostics);
        store
    }

    fn add(
        &mut self,
        name: String,
        path: &Path,
        root: Value,
        json_text: Option<String>,
        kind: DocKind,
        is_input: bool,
    ) -> DocId {
        let canonical = canonical_path(path);
        let file_uri = format!("file://{}", canonical.display());
        let draft = document_draft(&root, kind);
        let base = match schema_id(&root, draft) {
            Some(id) if kind == DocKind::JsonSchema => {
                strip_fragment(&super::refs::resolve_uri(&file_uri, id)).to_string()
            }
            _ => file_uri.clone(),
        };
        let nested_ids = has_nested_ids(&root, id_draft(kind, draft));
        let id = self.docs.len();
        self.docs.push(Document {
            name: name.into(),
            path: path.to_path_buf(),
            json_text,
            root,
            kind,
            base: base.clone(),
            is_input,
            draft,
            nested_ids,
        });
        self.by_path.entry(canonical).or_insert(id);
        self.ids.entry(file_uri).or_insert_with(|| Loc::new(id, ""));
        self.ids
            .entry(base.clone())
            .or_insert_with(|| Loc::new(id, ""));
        let root = std::mem::take(&mut self.docs[id].root);
        self.index_ids(&root, id, &mut String::new(), &base);
        self.index_definitions(id, &root);
        self.docs[id].root = root;
        id
    }

    /// Records `$id`s and `$anchor`s below `value` (at `pointer` in document `doc`), `base`
    /// being the base URI in effect. The pointer is one buffer, extended and cut back on the
    /// way down: a location is only made for what is recorded.
    fn index_ids(&mut self, value: &Value, doc: DocId, pointer: &mut String, base: &str) {
        match value {
            Value::Object(map) => {
                let draft = id_draft(self.docs[doc].kind, self.docs[doc].draft);
                let mut new_base = None;
                if let Some(id) = schema_id(value, draft) {
                    if let Some(anchor) = id.strip_prefix('#') {
                        self.add_anchor(base, anchor, &Loc::new(doc, pointer.clone()));
                    } else if !pointer.is_empty() {
                        let resolved =
                            strip_fragment(&super::refs::resolve_uri(base, id)).to_string();
                        self.ids
                            .entry(resolved.clone())
                            .or_insert_with(|| Loc::new(doc, pointer.clone()));
                        new_base = Some(resolved);
                    }
                }
                let base = new_base.as_deref().unwrap_or(base);
                for keyword in ["$anchor", "$dynamicAnchor"] {
                    if let Some(anchor) = super::keywords::get(map, keyword).and_then(Value::as_str)
                    {
                        self.add_anchor(base, anchor, &Loc::new(doc, pointer.clone()));
                    }
                }
                let schema_only = self.docs[doc].kind == DocKind::JsonSchema;
                for (key, child) in map {
                    // Only objects and arrays can hold `$id`s: the rest are not visited.
                    if !matches!(child, Value::Object(_) | Value::Array(_)) {
                        continue;
                    }
                    if !schema_only {
                        if !DATA_KEYWORDS.contains(&key.as_str()) {
                            self.index_child(child, doc, pointer, key, base);
                        }
                    } else if SCHEMA_MAP_KEYWORDS.contains(&key.as_str()) {
                        if let Value::Object(entries) = child {
                            let len = pointer.len();
                            pointer::push_token(pointer, key);
                            for (name, schema) in entries {
                                self.index_child(schema, doc, pointer, name, base);
                            }
                            pointer.truncate(len);
                        }
                    } else if SCHEMA_KEYWORDS.contains(&key.as_str()) {
                        self.index_child(child, doc, pointer, key, base);
                    }
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    if matches!(child, Value::Object(_) | Value::Array(_)) {
                        self.index_child(child, doc, pointer, &i.to_string(), base);
                    }
                }
            }
            _ => {}
        }
    }

    /// [`Self::index_ids`] for `child`, found at `token` below `pointer`.
    fn index_child(
        &mut self,
        child: &Value,
        doc: DocId,
        pointer: &mut String,
        token: &str,
        base: &str,
    ) {
        let len = pointer.len();
        pointer::push_token(pointer, token);
        self.index_ids(child, doc, pointer, base);
        pointer.truncate(len);
    }

    fn add_anchor(&mut self, base: &str, anchor: &str, at: &Loc) {
        self.anchors
            .entry((base.to_string(), anchor.to_string()))
            .or_insert_with(|| at.clone());
    }

    /// Records the document's named definitions: its root `title` (JSON Schema only) and the
    /// entries of `$defs`, `definitions` and `components/schemas`.
    fn index_definitions(&mut self, id: DocId, root: &Value) {
        if self.docs[id].kind == DocKind::JsonSchema {
            if let Some(title) = root.get("title").and_then(Value::as_str) {
                self.add_definition(title, Loc::new(id, ""));
            }
        }
        for container in DEFINITION_CONTAINERS {
            let tokens: Vec<String> = container.iter().map(|s| s.to_string()).collect();
            let Some(Value::Object(entries)) = pointer::get(root, &tokens) else {
                continue;
            };
            let base = Loc::new(
                id,
                tokens
                    .iter()
                    .fold(String::new(), |p, t| pointer::child(&p, t)),
            );
            for name in entries.keys() {
                self.add_definition(name, base.child(name));
            }
        }
    }

    fn add_definition(&mut self, name: &str, loc: Loc) {
        self.definitions
            .entry(name.to_string())
            .or_default()
            .push(loc);
    }

    /// Reads the files that relative `$ref`s in loaded documents name and that are not loaded
    /// yet, until none is left. A file that cannot be read is left for `$ref` resolution to
    /// report, at the `$ref` itself.
    fn load_referenced_files(&mut self, diagnostics: &mut Diagnostics) {
        let mut next = 0;
        while next < self.docs.len() {
            let mut wanted = Vec::new();
            collect_ref_files(&self.docs[next].root, &mut wanted);
            let dir = self.docs[next].path.parent().map(Path::to_path_buf);
            for file in wanted {
                if self.resolve_id(&file, &self.docs[next].base).is_some() {
                    continue;
                }
                let path = dir.clone().unwrap_or_default().join(&file);
                if !path.is_file() || self.by_path.contains_key(&canonical_path(&path)) {
                    continue;
                }
                match crate::input::read_source(&path) {
                    Ok(source) => {
                        let kind = match source.format {
                            Format::OpenApi => DocKind::OpenApi,
                            _ => DocKind::JsonSchema,
                        };
                        match parse_text(&source.display_name(), &path, &source.text) {
                            Ok((root, text)) => {
                                self.add(source.display_name(), &path, root, text, kind, false);
                            }
                            Err(d) => diagnostics.push(d),
                        }
                    }
                    Err(d) => diagnostics.push(d),
                }
            }
            next += 1;
        }
    }

    /// The resource an absolute URI (or one relative to `base`) names, by `$id`.
    pub fn resolve_id(&self, reference: &str, base: &str) -> Option<Loc> {
        let absolute = super::refs::resolve_uri(base, reference);
        self.ids.get(strip_fragment(&absolute)).cloned()
    }

    /// The resource with exactly this absolute `$id`.
    pub fn by_id(&self, absolute: &str) -> Option<&Loc> {
        self.ids.get(absolute)
    }

    /// The schema carrying `$anchor: name` in the resource whose base URI is `base`.
    pub fn anchor(&self, base: &str, name: &str) -> Option<&Loc> {
        self.anchors.get(&(base.to_string(), name.to_string()))
    }

    /// The document loaded from this file, if any.
    pub fn by_path(&self, path: &Path) -> Option<DocId> {
        self.by_path.get(&canonical_path(path)).copied()
    }

    /// Every definition named `name`, in input order: JSON Schema documents whose root `title`
    /// is `name`, and entries `name` of `$defs`, `definitions` and `components/schemas`.
    pub fn definitions_named(&self, name: &str) -> &[Loc] {
        self.definitions.get(name).map_or(&[], Vec::as_slice)
    }

    /// The value at a location.
    pub fn value(&self, loc: &Loc) -> Option<&Value> {
        self.docs.get(loc.doc)?.get(&loc.pointer)
    }

    /// The location as a model [`SourceRef`].
    pub fn source_ref(&self, loc: &Loc) -> SourceRef {
        SourceRef {
            file: self.docs[loc.doc].name.clone(),
            pointer: loc.pointer.clone(),
        }
    }

    /// An error at a location, with line and column for JSON documents.
    pub fn error(&self, loc: &Loc, message: impl Into<String>) -> Diagnostic {
        self.locate(
            Diagnostic::error(
                self.docs[loc.doc].name.to_string(),
                loc.pointer.clone(),
                message,
            ),
            loc,
        )
    }

    /// A warning at a location, with line and column for JSON documents.
    pub fn warning(&self, loc: &Loc, message: impl Into<String>) -> Diagnostic {
        self.locate(
            Diagnostic::warning(
                self.docs[loc.doc].name.to_string(),
                loc.pointer.clone(),
                message,
            ),
            loc,
        )
    }

    fn locate(&self, diagnostic: Diagnostic, loc: &Loc) -> Diagnostic {
        let text = self.docs[loc.doc].json_text.as_deref();
        match text.and_then(|t| pointer::line_col(t, &loc.pointer)) {
            Some((line, column)) => diagnostic.at(line, column),
            None => diagnostic,
        }
    }
}

/// The error for a document whose root is neither an object nor a boolean.
fn not_a_schema(name: &str, root: &Value) -> Diagnostic {
    let found = match root {
        Value::Array(_) => "an array",
        Value::String(_) => "a string",
        Value::Number(_) => "a number",
        _ => "null",
    };
    Diagnostic::error(
        name,
        "",
        format!("a JSON Schema or OpenAPI document must be an object (or `true`/`false`), found {found}"),
    )
    .at(1, 1)
}

/// The file parts of every relative `$ref` below `value` (`other.json` of `other.json#/a`).
/// The identifier a schema declares: `$id`, or `id` in draft 4 JSON Schemas.
pub fn schema_id(schema: &Value, draft: Draft) -> Option<&str> {
    let keyword = if draft == Draft::Draft4 { "id" } else { "$id" };
    let schema = schema.as_object()?;
    super::keywords::get(schema, "$id")
        .or_else(|| super::keywords::get(schema, keyword))
        .and_then(Value::as_str)
}

/// The draft whose `$id` spelling applies to a document's schemas (OpenAPI's are 2020-12's).
pub fn id_draft(kind: DocKind, draft: Draft) -> Draft {
    if kind == DocKind::JsonSchema {
        draft
    } else {
        Draft::Draft2020
    }
}

/// Whether any value below `root` (not `root` itself) has an `$id` other than a bare fragment.
/// Iterative, so deep nesting cannot exhaust the stack.
fn has_nested_ids(root: &Value, draft: Draft) -> bool {
    fn children(value: &Value) -> Vec<&Value> {
        match value {
            Value::Object(map) => map.values().collect(),
            Value::Array(items) => items.iter().collect(),
            _ => Vec::new(),
        }
    }
    let mut pending = children(root);
    while let Some(value) = pending.pop() {
        if schema_id(value, draft).is_some_and(|id| !id.starts_with('#')) {
            return true;
        }
        pending.extend(children(value));
    }
    false
}

/// The draft of a document: its root `$schema`, else OpenAPI's version (3.0 reads like draft
/// 4, 3.1 like 2020-12), else 2020-12.
fn document_draft(root: &Value, kind: DocKind) -> Draft {
    if let Some(draft) = root
        .get("$schema")
        .and_then(Value::as_str)
        .and_then(Draft::from_uri)
    {
        return draft;
    }
    let openapi = root.get("openapi").and_then(Value::as_str).unwrap_or("");
    if kind == DocKind::OpenApi && openapi.starts_with("3.0") || root.get("swagger").is_some() {
        Draft::Draft4
    } else {
        Draft::Draft2020
    }
}

fn collect_ref_files(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(reference) = super::keywords::get(map, "$ref").and_then(Value::as_str) {
                let file = strip_fragment(reference);
                if !file.is_empty() && !file.contains(':') && !out.iter().any(|f| f == file) {
                    out.push(file.to_string());
                }
            }
            for (key, child) in map {
                let container = matches!(child, Value::Object(_) | Value::Array(_));
                if container && !DATA_KEYWORDS.contains(&key.as_str()) {
                    collect_ref_files(child, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_ref_files(v, out)),
        _ => {}
    }
}

/// The URI without its `#fragment`.
pub fn strip_fragment(uri: &str) -> &str {
    uri.split_once('#').map_or(uri, |(before, _)| before)
}

fn canonical_path(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Parses JSON (text starting with `{` or `[`) or YAML. Returns the value and, for JSON, the
/// text (for line/column lookups).
pub fn parse_text(
    name: &str,
    path: &Path,
    text: &str,
) -> Result<(Value, Option<String>), Diagnostic> {
    let trimmed = text.trim_start();
    let is_yaml = matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    );
    if !is_yaml || trimmed.starts_with('{') || trimmed.starts_with('[') {
        return match serde_json::from_str(text) {
            Ok(value) => Ok((value, Some(text.to_string()))),
            Err(e) if is_yaml => parse_yaml(name, text)
                .map(|v| (v, None))
                .map_err(|_| json_syntax_error(name, "invalid JSON", &e)),
            Err(e) => Err(json_syntax_error(name, "invalid JSON", &e)),
        };
    }
    parse_yaml(name, text).map(|v| (v, None))
}

/// Parses YAML (1.2 core schema, anchors and aliases, `<<` merge keys) into a JSON value.
fn parse_yaml(name: &str, text: &str) -> Result<Value, Diagnostic> {
    let mut yaml: serde_norway::Value = serde_norway::from_str(text).map_err(|e| {
        let message = format!("{e}{}", parser_hint(&e.to_string()));
        match e.location() {
            Some(at) => {
                let message = without_position(&message, at.line(), at.column());
                Diagnostic::error(name, "", format!("invalid YAML: {message}"))
                    .at(at.line(), at.column())
            }
            None => Diagnostic::error(name, "", format!("invalid YAML: {message}")),
        }
    })?;
    yaml.apply_merge()
        .map_err(|e| Diagnostic::error(name, "", format!("invalid YAML merge key: {e}")))?;
    yaml_to_json(yaml, "").map_err(|(pointer, message)| Diagnostic::error(name, pointer, message))
}

/// Converts a YAML value to JSON: mapping keys that are numbers or booleans become their text
/// (`200:` is the status code `"200"`); tags are dropped; other keys and non-finite numbers are
/// errors, reported with the pointer of the value.
fn yaml_to_json(value: serde_norway::Value, at: &str) -> Result<Value, (String, String)> {
    use serde_norway::Value as Y;
    Ok(match value {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => yaml_number(&n).ok_or_else(|| {
            (
                at.to_string(),
                format!("the number {n} cannot be represented in JSON"),
            )
        })?,
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(
            items
                .into_iter()
                .enumerate()
                .map(|(i, v)| yaml_to_json(v, &pointer::child(at, &i.to_string())))
                .collect::<Result<_, _>>()?,
        ),
        Y::Mapping(entries) => {
            let mut map = serde_json::Map::new();
            for (key, value) in entries {
                let key = yaml_key(&key).ok_or_else(|| {
                    (
                        at.to_string(),
                        format!("mapping key {key:?} is not a string, number or boolean"),
                    )
                })?;
                let converted = yaml_to_json(value, &pointer::child(at, &key))?;
                map.insert(key, converted);
            }
            Value::Object(map)
        }
        Y::Tagged(tagged) => yaml_to_json(tagged.value, at)?,
    })
}

fn yaml_number(n: &serde_norway::Number) -> Option<Value> {
    if let Some(i) = n.as_i64() {
        return Some(Value::from(i));
    }
    if let Some(u) = n.as_u64() {
        return Some(Value::from(u));
    }
    n.as_f64()
        .and_then(serde_json::Number::from_f64)
        .map(Value::Number)
}

fn yaml_key(key: &serde_norway::Value) -> Option<String> {
    use serde_norway::Value as Y;
    match key {
        Y::String(s) => Some(s.clone()),
        Y::Number(n) => Some(n.to_string()),
        Y::Bool(b) => Some(b.to_string()),
        Y::Null => Some("null".to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_keys_that_are_numbers_become_strings() {
        let (value, text) = parse_text(
            "a.yaml",
            Path::new("a.yaml"),
            "responses:\n  200: {x: 1}\n  '404': 2\n",
        )
        .unwrap();
        assert!(text.is_none());
        assert_eq!(value["responses"]["200"]["x"], 1);
        assert_eq!(value["responses"]["404"], 2);
    }

    #[test]
    fn yaml_anchors_and_merge_keys_are_expanded() {
        let yaml = "base: &b {type: string}\nother:\n  <<: *b\n  maxLength: 3\n";
        let (value, _) = parse_text("a.yaml", Path::new("a.yaml"), yaml).unwrap();
        assert_eq!(value["other"]["type"], "string");
        assert_eq!(value["other"]["maxLength"], 3);
    }

    #[test]
    fn syntax_errors_carry_line_and_column() {
        let e = parse_text("a.json", Path::new("a.json"), "{\n  \"a\": ,\n}").unwrap_err();
        assert_eq!(e.line_col, Some((2, 8)));
        let e = parse_text("a.yaml", Path::new("a.yaml"), "a: [1,\nb: }").unwrap_err();
        assert!(e.line_col.is_some(), "{e}");
    }
}
