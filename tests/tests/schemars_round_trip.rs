//! Round trip through the `schemars` feature: the Cognito JSON Schema rendition
//! (`schemas/jsonschema/`) → a generated crate built with `--features schemars` → the schema
//! schemars emits for each type, compared with the input type by type.
//!
//! Both sides are first brought to one form: `$ref`s to types that have a definition of their
//! own become `{"$ref": "<name>"}`; `$ref`s to aliases (strings, maps: types that are
//! `pub type` in Rust and so have no schema of their own) are replaced by the alias's schema,
//! `allOf: [{$ref}, {description}]` member wrappers are merged (the member's keywords win),
//! `$schema`, `$id` and `title` are dropped (the title is the definition's name), `required`
//! lists are sorted and empty `properties` left out. Definitions that schemars writes for
//! schemas the input has inline (named after their parent) are put back inline. Every remaining difference is printed with its reason; a difference with no
//! known reason fails the test.
//!
//! The crate is built in `<workspace>/target/generated-crates`, shared with the other tests that
//! compile generated crates.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Map, Value};

const CRATE: &str = "schemars_round_trip";

/// How deep `$ref`s to aliases are followed (they cannot form cycles in a valid input).
const MAX_DEPTH: usize = 16;

fn workspace_root() -> PathBuf {
    xtask::workspace_root()
}

fn rendition_dir() -> PathBuf {
    workspace_root().join("schemas/jsonschema")
}

/// The Cognito JSON Schema corpus (433 files), if the shared corpus is there.
fn corpus_dir() -> Option<PathBuf> {
    let dir = xtask::shared_corpus()?.join("cognito-json-schema");
    dir.is_dir().then_some(dir)
}

/// The input files of `dir`, by `title`.
fn input_schemas(dir: &Path) -> BTreeMap<String, Value> {
    let mut schemas = BTreeMap::new();
    let entries = std::fs::read_dir(dir).expect("the input folder is readable");
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.extension().map_or(true, |e| e != "json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("readable schema");
        let schema: Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
        let title = schema["title"]
            .as_str()
            .unwrap_or_else(|| panic!("{} has no title", path.display()));
        schemas.insert(shape_name(title), schema);
    }
    schemas
}

/// The shape name the JSON Schema front end gives a title: the title itself when it is an
/// identifier, else its words upper-camel-cased (`Amazon Cognito User Pool` →
/// `AmazonCognitoUserPool`).
fn shape_name(title: &str) -> String {
    let is_identifier = title.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if is_identifier {
        return title.to_string();
    }
    title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            let first = chars.next().map(|c| c.to_ascii_uppercase());
            first.into_iter().chain(chars).collect::<String>()
        })
        .collect()
}

/// The names of the structs and enums of a generated `types.rs`.
fn type_names(types_rs: &str) -> Vec<String> {
    types_rs
        .lines()
        .filter_map(|line| {
            let rest = line
                .strip_prefix("pub struct ")
                .or_else(|| line.strip_prefix("pub enum "))?;
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            Some(name)
        })
        .collect()
}

/// An example program that prints every type's schema and the definitions they use, as one
/// JSON object by definition name (the model's shape name).
fn emit_program(types: &[String]) -> String {
    let calls: String = types
        .iter()
        .map(|name| format!("    add::<{CRATE}::types::{name}>(&mut all);\n"))
        .collect();
    format!(
        r#"//! Prints the schema of every type of the crate, by definition name.

use serde_json::{{Map, Value}};

fn add<T: schemars::JsonSchema>(all: &mut Map<String, Value>) {{
    let mut root = serde_json::to_value(schemars::schema_for!(T)).expect("a schema is JSON");
    let object = root.as_object_mut().expect("a type's schema is an object");
    if let Some(Value::Object(definitions)) = object.remove("$defs") {{
        all.extend(definitions);
    }}
    object.remove("$schema");
    object.remove("title");
    all.insert(T::schema_name().into_owned(), root);
}}

fn main() {{
    let mut all = Map::new();
{calls}    println!("{{}}", Value::Object(all));
}}
"#
    )
}

/// Generates the crate from `dir`, runs the example with `--features schemars`, and returns
/// the definitions it printed.
fn emitted_definitions(dir: &Path, allow_unresolved_refs: bool) -> BTreeMap<String, Value> {
    let options = codegen::Options {
        crate_name: CRATE.to_string(),
        allow_unresolved_refs,
        ..codegen::Options::default()
    };
    let mut files = codegen::generate_crate(&[dir.to_path_buf()], &options)
        .unwrap_or_else(|e| panic!("the rendition does not generate:\n{e}"));
    let types = type_names(&files.files["src/types.rs"]);
    assert!(!types.is_empty(), "the crate has no types");
    files
        .files
        .insert("examples/emit.rs".to_string(), emit_program(&types));
    let dir = tempfile::tempdir().expect("temp dir");
    codegen::writer::write(&files, dir.path()).expect("write the crate");
    let output = Command::new(env!("CARGO"))
        .args([
            "run",
            "--quiet",
            "--features",
            "schemars",
            "--example",
            "emit",
        ])
        .current_dir(dir.path())
        .env(
            "CARGO_TARGET_DIR",
            workspace_root().join("target/generated-crates"),
        )
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .expect("run cargo");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the generated crate does not build or run with --features schemars\n{}\n--- types.rs\n{}",
        String::from_utf8_lossy(&output.stderr),
        files.files["src/types.rs"]
    );
    let all: Map<String, Value> = serde_json::from_str(stdout.trim())
        .unwrap_or_else(|e| panic!("the example printed no JSON object ({e}):\n{stdout}"));
    all.into_iter().collect()
}

/// The name a `$ref` points to (`#/components/schemas/X`, `#/$defs/X`).
fn ref_name(reference: &str) -> &str {
    reference.rsplit('/').next().unwrap_or(reference)
}

/// Merges `over` into `base`, key by key; `over` wins.
fn merge(mut base: Value, over: Value) -> Value {
    if let (Value::Object(base_map), Value::Object(over_map)) = (&mut base, &over) {
        for (key, value) in over_map {
            base_map.insert(key.clone(), value.clone());
        }
        return base;
    }
    over
}

/// The input in canonical form (see the module docs).
fn canonical_input(
    schema: &Value,
    inputs: &BTreeMap<String, Value>,
    defined: &BTreeSet<String>,
    depth: usize,
) -> Value {
    assert!(depth < MAX_DEPTH, "alias $refs nest too deep");
    let Value::Object(map) = schema else {
        return schema.clone();
    };
    let mut out = Value::Object(Map::new());
    if let Some(Value::String(reference)) = map.get("$ref") {
        let name = ref_name(reference);
        out = if defined.contains(name) {
            serde_json::json!({ "$ref": name })
        } else if let Some(target) = inputs.get(name) {
            canonical_input(target, inputs, defined, depth + 1)
        } else {
            // Unresolved (only allowed with `allow_unresolved_refs`): any JSON value.
            serde_json::json!({})
        };
    }
    if let Some(Value::Array(branches)) = map.get("allOf") {
        for branch in branches {
            out = merge(out, canonical_input(branch, inputs, defined, depth + 1));
        }
    }
    let mut own = Map::new();
    for (key, value) in map {
        let value = match key.as_str() {
            "$ref" | "allOf" | "$schema" | "$id" | "title" => continue,
            "properties" => map_values(value, |v| canonical_input(v, inputs, defined, depth + 1)),
            "items" | "additionalProperties" | "propertyNames" => {
                canonical_input(value, inputs, defined, depth + 1)
            }
            "required" => sorted(value),
            _ => value.clone(),
        };
        if is_empty_properties(key, &value) {
            continue;
        }
        own.insert(key.clone(), value);
    }
    merge(out, Value::Object(own))
}

/// The output in canonical form (see the module docs). `inline` holds the definitions of
/// schemas written inline in the input (named after their parent by the generator): a `$ref`
/// to one of them is replaced by the definition, as the input has it.
fn canonical_output(schema: &Value, inline: &BTreeMap<String, Value>, depth: usize) -> Value {
    assert!(depth < MAX_DEPTH, "inline definitions nest too deep");
    let Value::Object(map) = schema else {
        return schema.clone();
    };
    let recurse = |v: &Value| canonical_output(v, inline, depth + 1);
    let mut base = Value::Object(Map::new());
    let mut out = Map::new();
    for (key, value) in map {
        let value = match key.as_str() {
            "$ref" => {
                let name = ref_name(value.as_str().unwrap_or_default());
                if let Some(definition) = inline.get(name) {
                    base = recurse(definition);
                    continue;
                }
                Value::String(name.to_string())
            }
            "properties" => map_values(value, recurse),
            "items" | "additionalProperties" | "propertyNames" => recurse(value),
            "required" => sorted(value),
            _ => value.clone(),
        };
        if is_empty_properties(key, &value) {
            continue;
        }
        out.insert(key.clone(), value);
    }
    merge(base, Value::Object(out))
}

/// `properties: {}` says nothing; schemars leaves it out.
fn is_empty_properties(key: &str, value: &Value) -> bool {
    key == "properties" && value.as_object().is_some_and(Map::is_empty)
}

fn map_values(value: &Value, f: impl Fn(&Value) -> Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(map.iter().map(|(k, v)| (k.clone(), f(v))).collect()),
        other => other.clone(),
    }
}

fn sorted(value: &Value) -> Value {
    let mut items = value.as_array().cloned().unwrap_or_default();
    items.sort_by_key(|v| v.to_string());
    Value::Array(items)
}

/// One place where the input and the output differ.
#[derive(Debug)]
struct Difference {
    path: String,
    input: Option<Value>,
    output: Option<Value>,
}

fn differences(
    path: &str,
    input: Option<&Value>,
    output: Option<&Value>,
    out: &mut Vec<Difference>,
) {
    match (input, output) {
        (Some(Value::Object(a)), Some(Value::Object(b))) => {
            let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            for key in keys {
                differences(&format!("{path}/{key}"), a.get(key), b.get(key), out);
            }
        }
        (a, b) if a == b => {}
        (a, b) => out.push(Difference {
            path: path.to_string(),
            input: a.cloned(),
            output: b.cloned(),
        }),
    }
}

/// Why a difference is expected, or `None` when it is not.
fn reason(difference: &Difference) -> Option<&'static str> {
    let last = difference.path.rsplit('/').next().unwrap_or_default();
    let number_width = matches!(
        difference.output.as_ref().and_then(Value::as_str),
        Some("int32" | "int64" | "float" | "double")
    );
    if last == "format" && difference.input.is_none() && number_width {
        return Some("schemars states the Rust number width (`format: int32` and the like)");
    }
    let annotation_format = last == "format"
        && difference.output.is_none()
        && difference
            .input
            .as_ref()
            .and_then(Value::as_str)
            .is_some_and(|f| !matches!(f, "date-time" | "byte" | "binary" | "password"));
    if annotation_format {
        return Some("string formats that choose no Rust type (`email`, `uri`, ...) are annotations the model does not keep");
    }
    let key_type = difference.path.ends_with("/propertyNames/type")
        && difference.input == Some(Value::from("string"))
        && difference.output.is_none();
    if key_type {
        return Some("`propertyNames` only ever sees strings: the output gives the key's constraints and docs, not `type: string`");
    }
    None
}

/// What a round trip found.
struct Outcome {
    compared_properties: usize,
    explained: usize,
    unexplained: Vec<Difference>,
}

/// Runs the round trip on the files of `dir`, printing every difference.
fn round_trip(dir: &Path, allow_unresolved_refs: bool) -> Outcome {
    let inputs = input_schemas(dir);
    let emitted = emitted_definitions(dir, allow_unresolved_refs);
    let (named, inline): (BTreeMap<String, Value>, BTreeMap<String, Value>) = emitted
        .into_iter()
        .partition(|(name, _)| inputs.contains_key(name));
    let defined: BTreeSet<String> = named.keys().cloned().collect();
    println!(
        "{} definitions of schemas written inline in the input, compared inside their parents: {:?}",
        inline.len(),
        inline.keys().collect::<Vec<_>>()
    );
    let aliases: Vec<&String> = inputs.keys().filter(|n| !defined.contains(*n)).collect();
    println!(
        "{} input types: {} with a definition of their own, {} aliases written where they are used: {aliases:?}",
        inputs.len(),
        defined.len(),
        aliases.len()
    );
    for alias in &aliases {
        let kind = inputs[*alias]["type"].as_str().unwrap_or_default();
        assert!(
            matches!(kind, "string" | "integer" | "number" | "boolean" | "array")
                || (kind == "object" && inputs[*alias].get("properties").is_none()),
            "{alias} ({kind}) should have a definition of its own"
        );
    }

    let mut unexplained = Vec::new();
    let mut explained = 0;
    let mut compared_properties = 0;
    for (name, output) in &named {
        let input = canonical_input(&inputs[name], &inputs, &defined, 0);
        let output = canonical_output(output, &inline, 0);
        compared_properties += input["properties"].as_object().map_or(0, Map::len);
        let mut found = Vec::new();
        differences(
            &format!("#/{name}"),
            Some(&input),
            Some(&output),
            &mut found,
        );
        for difference in found {
            let input_text = difference
                .input
                .as_ref()
                .map_or("(absent)".into(), Value::to_string);
            let output_text = difference
                .output
                .as_ref()
                .map_or("(absent)".into(), Value::to_string);
            match reason(&difference) {
                Some(why) => {
                    explained += 1;
                    println!(
                        "difference {}: input {input_text}, output {output_text}: {why}",
                        difference.path
                    );
                }
                None => {
                    println!(
                        "UNEXPECTED difference {}: input {input_text}, output {output_text}",
                        difference.path
                    );
                    unexplained.push(difference);
                }
            }
        }
    }
    println!(
        "{} definitions and {compared_properties} properties compared: {explained} explained differences, {} unexplained",
        named.len(),
        unexplained.len()
    );
    Outcome {
        compared_properties,
        explained,
        unexplained,
    }
}

#[test]
fn schemas_emitted_by_schemars_match_the_json_schema_input() {
    let outcome = round_trip(&rendition_dir(), false);
    assert!(outcome.compared_properties > 0, "no property was compared");
    assert!(
        outcome.unexplained.is_empty(),
        "differences with no known reason: {:#?}",
        outcome.unexplained
    );
}

/// The same round trip on the 433 files of the Cognito JSON Schema corpus. Ignored by default
/// (it builds a crate of some 450 types, about a minute); `.ci/run` runs it.
#[test]
#[ignore]
fn cognito_corpus_round_trip() {
    let Some(dir) = corpus_dir() else {
        println!("note: ../shared/corpus/cognito-json-schema not found; skipped");
        return;
    };
    let outcome = round_trip(&dir, true);
    assert!(
        outcome.compared_properties > 500,
        "too few properties compared"
    );
    println!("explained: {}", outcome.explained);
    assert!(
        outcome.unexplained.is_empty(),
        "differences with no known reason: {:#?}",
        outcome.unexplained.iter().take(50).collect::<Vec<_>>()
    );
}

#[test]
fn canonical_forms_resolve_alias_refs_and_member_wrappers() {
    let mut inputs = BTreeMap::new();
    inputs.insert(
        "Name".to_string(),
        serde_json::json!({"title": "Name", "type": "string", "maxLength": 3, "description": "A name."}),
    );
    let defined: BTreeSet<String> = ["Thing".to_string()].into();
    let member = serde_json::json!({"allOf": [
        {"$ref": "#/components/schemas/Name"},
        {"description": "The thing's name."}
    ]});
    assert_eq!(
        canonical_input(&member, &inputs, &defined, 0),
        serde_json::json!({"type": "string", "maxLength": 3, "description": "The thing's name."})
    );
    let reference = serde_json::json!({"allOf": [{"$ref": "#/components/schemas/Thing"}, {"description": "d"}]});
    assert_eq!(
        canonical_input(&reference, &inputs, &defined, 0),
        serde_json::json!({"$ref": "Thing", "description": "d"})
    );
    assert_eq!(
        canonical_output(
            &serde_json::json!({"$ref": "#/$defs/Thing", "description": "d"}),
            &BTreeMap::new(),
            0
        ),
        serde_json::json!({"$ref": "Thing", "description": "d"})
    );
    let mut found = Vec::new();
    differences(
        "#",
        Some(&serde_json::json!({"a": 1, "b": {"c": 2}})),
        Some(&serde_json::json!({"a": 1, "b": {"c": 3}, "d": 4})),
        &mut found,
    );
    let paths: Vec<&str> = found.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(paths, ["#/b/c", "#/d"]);
}
