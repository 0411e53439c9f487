//! Runs Smithy's own IDL loader test material (`smithy-conformance/idl-loader-*`) through the
//! IDL parser: valid `.smithy` files must give the JSON AST of their `.json` twin, invalid ones
//! must be rejected with a line and column. Used by `cargo xtask conformance smithy-idl` and by
//! the regression test below.
//!
//! The expected `.json` files were written to load into the same *semantic* model as the IDL,
//! not as a literal transcript, so both sides are put in one canonical form before comparing
//! (each rule is an equivalence the JSON AST spec defines):
//!
//! - `"smithy": "2"` is `"2.0"`;
//! - an `apply` to a shape or written member in the same document is the same as the traits on
//!   it (arrays concatenate, as in Smithy's trait conflict rule);
//! - a member redefined with the same target as the mixin member it inherits is the same as an
//!   `apply` of its own traits to the inherited member (and nothing when it has none);
//! - an enum member without `enumValue` has its name as value;
//! - an operation without `input` or `output` has `smithy.api#Unit` there;
//! - empty `members`/`traits` objects, empty id lists (`errors: []`) and empty `apply`
//!   entries are the same as none;
//! - numbers are equal when their values are (`1` and `1.0`), since the JSON AST does not tell
//!   integers from decimals.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::lower::UNIT;

/// The outcome of one file of a suite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseResult {
    /// The `.smithy` file, relative to the suite folder.
    pub path: PathBuf,
    /// Whether it behaved as required.
    pub passed: bool,
    /// Why it failed, or what happened (the diagnostic of a rejected file).
    pub detail: String,
}

/// Every `.smithy` file under `dir`, recursively, sorted.
pub fn smithy_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    collect(dir, &mut found);
    found.sort();
    found
}

fn collect(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, found);
        } else if path.extension().is_some_and(|e| e == "smithy") {
            found.push(path);
        }
    }
}

fn relative(dir: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(dir).unwrap_or(path).to_path_buf()
}

/// `idl-loader-valid`: every `.smithy` with a `.json` twin must parse to that JSON AST.
pub fn run_valid(dir: &Path) -> Vec<CaseResult> {
    smithy_files(dir)
        .into_iter()
        .filter(|path| path.with_extension("json").is_file())
        .map(|path| {
            let (passed, detail) = valid_case(&path);
            CaseResult {
                path: relative(dir, &path),
                passed,
                detail,
            }
        })
        .collect()
}

fn valid_case(path: &Path) -> (bool, String) {
    let (text, expected) = match (
        fs::read_to_string(path),
        fs::read_to_string(path.with_extension("json")),
    ) {
        (Ok(text), Ok(json)) => (text, json),
        _ => return (false, "cannot read the pair".to_string()),
    };
    let expected: Value = match serde_json::from_str(&expected) {
        Ok(value) => value,
        Err(e) => return (false, format!("expected JSON does not parse: {e}")),
    };
    let ast = match super::parse(&text, &path.display().to_string()) {
        Ok(ast) => ast,
        Err(diagnostics) => return (false, format!("rejected: {}", first_line(&diagnostics))),
    };
    let actual = match serde_json::to_value(&ast) {
        Ok(value) => value,
        Err(e) => return (false, format!("cannot serialize: {e}")),
    };
    match compare_json_ast(&expected, &actual) {
        None => (true, String::new()),
        Some(pointer) => (false, format!("first difference at {pointer}")),
    }
}

/// `idl-loader-invalid`: every `.smithy` must be rejected with a line and column.
pub fn run_invalid(dir: &Path) -> Vec<CaseResult> {
    smithy_files(dir)
        .into_iter()
        .map(|path| {
            let (passed, detail) = invalid_case(&path);
            CaseResult {
                path: relative(dir, &path),
                passed,
                detail,
            }
        })
        .collect()
}

fn invalid_case(path: &Path) -> (bool, String) {
    let Ok(text) = fs::read_to_string(path) else {
        return (false, "cannot read".to_string());
    };
    match super::parse(&text, &path.display().to_string()) {
        Ok(_) => (false, "accepted".to_string()),
        Err(diagnostics) => {
            let located = diagnostics.iter().find_map(|d| d.line_col);
            let mut detail = first_line(&diagnostics);
            if let (Some(ours), Some(reference)) = (located, reference_position(&text)) {
                if ours != reference {
                    detail.push_str(&format!(
                        " (the reference loader reports {}:{})",
                        reference.0, reference.1
                    ));
                }
            }
            if located.is_some() {
                (true, detail)
            } else {
                (false, format!("rejected without line and column: {detail}"))
            }
        }
    }
}

/// The position in the file's first-line comment (`// Syntax error at line 3, column 11: ...`),
/// where the reference loader reports the error.
fn reference_position(text: &str) -> Option<(usize, usize)> {
    let first = text.lines().next()?;
    let rest = &first[first.find("at line ")? + "at line ".len()..];
    let (line, rest) = rest.split_once(", column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.trim().parse().ok()?, column.parse().ok()?))
}

/// `idl-loader-valid` files without a `.json` twin (flattened variants and the like): each
/// must parse.
pub fn run_unpaired_valid(dir: &Path) -> Vec<CaseResult> {
    parse_each(
        dir,
        smithy_files(dir)
            .into_iter()
            .filter(|path| !path.with_extension("json").is_file())
            .collect(),
    )
}

/// `idl-loader-mixins`: these files are meant to be loaded in combinations, so each is only
/// required to parse on its own.
pub fn run_parse_only(dir: &Path) -> Vec<CaseResult> {
    parse_each(dir, smithy_files(dir))
}

/// `protocol-tests`: each protocol folder is one model (its `.smithy` files, recursively, plus
/// the shared `*.smithy` files at the top); each must parse as a whole with [`super::parse_all`].
pub fn run_model_folders(dir: &Path) -> Vec<CaseResult> {
    let shared: Vec<PathBuf> = smithy_files(dir)
        .into_iter()
        .filter(|path| path.parent() == Some(dir))
        .collect();
    let mut folders: Vec<PathBuf> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    folders.sort();
    folders
        .into_iter()
        .map(|folder| {
            let mut paths = smithy_files(&folder);
            paths.extend(shared.iter().cloned());
            let result = parse_together(&paths);
            CaseResult {
                path: relative(dir, &folder),
                passed: result.is_ok(),
                detail: result.err().unwrap_or_default(),
            }
        })
        .collect()
}

fn parse_together(paths: &[PathBuf]) -> Result<(), String> {
    let mut texts = Vec::new();
    for path in paths {
        let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        texts.push((text, path.display().to_string()));
    }
    let sources: Vec<super::IdlSource<'_>> = texts
        .iter()
        .map(|(text, file)| super::IdlSource { text, file })
        .collect();
    super::parse_all(&sources, &[])
        .map(|_| ())
        .map_err(|d| first_line(&d))
}

fn parse_each(dir: &Path, paths: Vec<PathBuf>) -> Vec<CaseResult> {
    paths
        .into_iter()
        .map(|path| {
            let result = fs::read_to_string(&path)
                .map_err(|e| e.to_string())
                .and_then(|text| {
                    super::parse(&text, &path.display().to_string()).map_err(|d| first_line(&d))
                });
            CaseResult {
                path: relative(dir, &path),
                passed: result.is_ok(),
                detail: result.err().unwrap_or_default(),
            }
        })
        .collect()
}

fn first_line(diagnostics: &crate::diagnostics::Diagnostics) -> String {
    diagnostics
        .iter()
        .next()
        .map(ToString::to_string)
        .unwrap_or_default()
}

/// Compares two JSON AST documents in canonical form; `None` when equivalent, else the JSON
/// pointer of the first difference (in the canonical form).
pub fn compare_json_ast(expected: &Value, actual: &Value) -> Option<String> {
    first_difference(&canonical(expected), &canonical(actual), "")
}

/// The canonical form described in the module documentation.
pub fn canonical(document: &Value) -> Value {
    let mut document = document.clone();
    let Some(root) = document.as_object_mut() else {
        return document;
    };
    if let Some(Value::String(version)) = root.get_mut("smithy") {
        if !version.contains('.') {
            version.push_str(".0");
        }
    }
    if let Some(Value::Object(shapes)) = root.get_mut("shapes") {
        fold_applies(shapes);
        inherited_members_to_applies(shapes);
        tidy_shapes(shapes);
    }
    document
}

/// Moves `apply` traits onto shapes and written members present in the document.
fn fold_applies(shapes: &mut Map<String, Value>) {
    let applies: Vec<String> = shapes
        .iter()
        .filter(|(_, shape)| shape_type(shape) == Some("apply"))
        .map(|(id, _)| id.clone())
        .collect();
    for id in applies {
        let Some(traits) = shapes.get(&id).and_then(|s| s.get("traits")).cloned() else {
            continue;
        };
        let folded = match id.split_once('$') {
            // A whole-shape apply shares its key with the shape, so it can only be the apply.
            None => false,
            Some((shape_id, member)) => {
                match shapes.get_mut(shape_id).and_then(|s| member_mut(s, member)) {
                    Some(target) => {
                        merge_traits(target, &traits);
                        true
                    }
                    None => false,
                }
            }
        };
        if folded {
            shapes.remove(&id);
        }
    }
}

/// A written member of a shape (structure/union/enum member, list member, map key/value).
fn member_mut<'a>(shape: &'a mut Value, name: &str) -> Option<&'a mut Value> {
    let kind = shape_type(shape).unwrap_or_default().to_string();
    match (kind.as_str(), name) {
        ("list" | "set", "member") | ("map", "key" | "value") => shape.get_mut(name),
        _ => shape.get_mut("members")?.get_mut(name),
    }
}

fn shape_type(shape: &Value) -> Option<&str> {
    shape.get("type")?.as_str()
}

/// Adds `traits` (an object) to the `traits` of `target`, concatenating arrays.
fn merge_traits(target: &mut Value, traits: &Value) {
    let Some(object) = target.as_object_mut() else {
        return;
    };
    let existing = object
        .entry("traits")
        .or_insert_with(|| Value::Object(Map::new()));
    let (Some(existing), Some(traits)) = (existing.as_object_mut(), traits.as_object()) else {
        return;
    };
    for (id, value) in traits {
        match (existing.get_mut(id), value) {
            (Some(Value::Array(items)), Value::Array(more)) => items.extend(more.iter().cloned()),
            (Some(_), _) => {}
            (None, _) => {
                existing.insert(id.clone(), value.clone());
            }
        }
    }
}

/// Replaces members that only restate an inherited mixin member (same target) by an `apply`
/// of their own traits.
fn inherited_members_to_applies(shapes: &mut Map<String, Value>) {
    let ids: Vec<String> = shapes.keys().cloned().collect();
    for id in ids {
        let inherited = inherited_targets(shapes, &id);
        if inherited.is_empty() {
            continue;
        }
        let mut moved: Vec<(String, Value)> = Vec::new();
        if let Some(shape) = shapes.get_mut(&id) {
            for name in written_member_names(shape) {
                let same_target = member_mut(shape, &name)
                    .and_then(|m| m.get("target"))
                    .and_then(Value::as_str)
                    .is_some_and(|t| inherited.get(&name).is_some_and(|i| i == t));
                if same_target {
                    if let Some(member) = remove_member(shape, &name) {
                        let traits = member.get("traits").cloned().unwrap_or(Value::Null);
                        moved.push((format!("{id}${name}"), traits));
                    }
                }
            }
        }
        for (member_id, traits) in moved {
            let entry = shapes.entry(member_id).or_insert_with(|| {
                let mut apply = Map::new();
                apply.insert("type".to_string(), Value::String("apply".to_string()));
                Value::Object(apply)
            });
            if traits.is_object() {
                merge_traits(entry, &traits);
            }
        }
    }
}

fn written_member_names(shape: &Value) -> Vec<String> {
    let mut names: Vec<String> = shape
        .get("members")
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    for slot in ["member", "key", "value"] {
        if shape.get(slot).is_some_and(Value::is_object) {
            names.push(slot.to_string());
        }
    }
    names
}

fn remove_member(shape: &mut Value, name: &str) -> Option<Value> {
    let kind = shape_type(shape).unwrap_or_default().to_string();
    let object = shape.as_object_mut()?;
    match (kind.as_str(), name) {
        ("list" | "set", "member") | ("map", "key" | "value") => object.remove(name),
        _ => object.get_mut("members")?.as_object_mut()?.remove(name),
    }
}

/// Member name → target inherited from the shape's mixins (depth first, first one wins).
fn inherited_targets(shapes: &Map<String, Value>, id: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut visited = HashSet::from([id.to_string()]);
    let mut stack: Vec<String> = mixin_ids(shapes.get(id)).into_iter().rev().collect();
    while let Some(mixin) = stack.pop() {
        if !visited.insert(mixin.clone()) {
            continue;
        }
        let Some(shape) = shapes.get(&mixin) else {
            continue;
        };
        for name in written_member_names(shape) {
            let target = match name.as_str() {
                "member" | "key" | "value" if shape.get(&name).is_some() => shape.get(&name),
                _ => shape.get("members").and_then(|m| m.get(&name)),
            };
            if let Some(target) = target.and_then(|m| m.get("target")).and_then(Value::as_str) {
                out.entry(name).or_insert_with(|| target.to_string());
            }
        }
        stack.extend(mixin_ids(Some(shape)).into_iter().rev());
    }
    out
}

fn mixin_ids(shape: Option<&Value>) -> Vec<String> {
    shape
        .and_then(|s| s.get("mixins"))
        .and_then(Value::as_array)
        .map(|mixins| {
            mixins
                .iter()
                .filter_map(|m| m.get("target")?.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Implicit enum values made explicit; empty `members`, `traits` and `apply` entries dropped.
fn tidy_shapes(shapes: &mut Map<String, Value>) {
    shapes.retain(|_, shape| {
        shape_type(shape) != Some("apply")
            || shape
                .get("traits")
                .and_then(Value::as_object)
                .is_some_and(|t| !t.is_empty())
    });
    for shape in shapes.values_mut() {
        let is_enum = shape_type(shape) == Some("enum");
        let is_operation = shape_type(shape) == Some("operation");
        let Some(object) = shape.as_object_mut() else {
            continue;
        };
        for list in [
            "errors",
            "operations",
            "resources",
            "collectionOperations",
            "mixins",
        ] {
            if object
                .get(list)
                .is_some_and(|v| v.as_array().is_some_and(Vec::is_empty))
            {
                object.remove(list);
            }
        }
        if is_operation {
            for io in ["input", "output"] {
                if object.get(io).and_then(|r| r.get("target")) == Some(&Value::from(UNIT)) {
                    object.remove(io);
                }
            }
        }
        if let Some(Value::Object(members)) = object.get_mut("members") {
            for (name, member) in members.iter_mut() {
                if is_enum && member.pointer("/traits/smithy.api#enumValue").is_none() {
                    let value = Value::Object(Map::from_iter([(
                        "smithy.api#enumValue".to_string(),
                        Value::String(name.clone()),
                    )]));
                    merge_traits(member, &value);
                }
                drop_empty(member, "traits");
            }
        }
        for slot in ["member", "key", "value"] {
            if let Some(member) = object.get_mut(slot) {
                drop_empty(member, "traits");
            }
        }
        drop_empty(shape, "members");
        drop_empty(shape, "traits");
    }
}

fn drop_empty(value: &mut Value, key: &str) {
    if let Some(object) = value.as_object_mut() {
        if object
            .get(key)
            .is_some_and(|v| v.as_object().is_some_and(Map::is_empty))
        {
            object.remove(key);
        }
    }
}

/// The JSON pointer of the first place `expected` and `actual` differ (object key order
/// ignored, numbers compared by value).
pub fn first_difference(expected: &Value, actual: &Value, pointer: &str) -> Option<String> {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, value) in e {
                let here = format!("{pointer}/{}", escape_pointer(key));
                match a.get(key) {
                    Some(other) => {
                        if let Some(found) = first_difference(value, other, &here) {
                            return Some(found);
                        }
                    }
                    None => return Some(here),
                }
            }
            a.keys()
                .find(|key| !e.contains_key(*key))
                .map(|key| format!("{pointer}/{}", escape_pointer(key)))
        }
        (Value::Array(e), Value::Array(a)) => {
            for (i, (x, y)) in e.iter().zip(a).enumerate() {
                if let Some(found) = first_difference(x, y, &format!("{pointer}/{i}")) {
                    return Some(found);
                }
            }
            (e.len() != a.len()).then(|| format!("{pointer}/{}", e.len().min(a.len())))
        }
        (Value::Number(e), Value::Number(a)) => (!numbers_equal(e, a)).then(|| pointer.to_string()),
        _ => (expected != actual).then(|| pointer.to_string()),
    }
}

fn numbers_equal(a: &serde_json::Number, b: &serde_json::Number) -> bool {
    match (a.as_i64(), b.as_i64(), a.as_u64(), b.as_u64()) {
        (Some(x), Some(y), _, _) => x == y,
        (_, _, Some(x), Some(y)) => x == y,
        _ => a.as_f64() == b.as_f64(),
    }
}

fn escape_pointer(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The figures measured with `cargo xtask conformance smithy-idl`; a regression fails.
    const MIN_VALID_PASSED: usize = 47;
    const MIN_INVALID_REJECTED: usize = 181;

    fn corpus(folder: &str) -> Option<PathBuf> {
        let dir = Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../shared/corpus/smithy-conformance"
        ))
        .join(folder);
        if dir.is_dir() {
            Some(dir)
        } else {
            eprintln!("note: {} is absent; skipping", dir.display());
            None
        }
    }

    #[test]
    fn valid_corpus_pairs_match() {
        let Some(dir) = corpus("idl-loader-valid") else {
            return;
        };
        let results = run_valid(&dir);
        let passed = results.iter().filter(|r| r.passed).count();
        for failure in results.iter().filter(|r| !r.passed) {
            eprintln!("FAIL {}: {}", failure.path.display(), failure.detail);
        }
        assert!(
            passed >= MIN_VALID_PASSED,
            "{passed} valid pairs passed, expected at least {MIN_VALID_PASSED}"
        );
    }

    #[test]
    fn invalid_corpus_files_are_rejected() {
        let Some(dir) = corpus("idl-loader-invalid") else {
            return;
        };
        let results = run_invalid(&dir);
        let rejected = results.iter().filter(|r| r.passed).count();
        for failure in results.iter().filter(|r| !r.passed) {
            eprintln!("ACCEPTED {}: {}", failure.path.display(), failure.detail);
        }
        assert!(
            rejected >= MIN_INVALID_REJECTED,
            "{rejected} invalid files rejected, expected at least {MIN_INVALID_REJECTED}"
        );
    }

    #[test]
    fn protocol_test_models_parse() {
        let Some(dir) = corpus("protocol-tests") else {
            return;
        };
        let results = run_model_folders(&dir);
        for failure in results.iter().filter(|r| !r.passed) {
            eprintln!("FAIL {}: {}", failure.path.display(), failure.detail);
        }
        assert!(!results.is_empty());
        assert!(results.iter().all(|r| r.passed));
    }

    #[test]
    fn reference_positions_are_read_from_the_first_comment() {
        let text = "// Syntax error at line 3, column 11: Duplicate\n$version: \"2\"\n";
        assert_eq!(reference_position(text), Some((3, 11)));
        assert_eq!(reference_position("// no position\n"), None);
    }

    #[test]
    fn numbers_compare_by_value() {
        assert_eq!(
            first_difference(&json!([1, 2.5]), &json!([1.0, 2.5]), ""),
            None
        );
        assert_eq!(
            first_difference(&json!({"a": [1]}), &json!({"a": [2]}), ""),
            Some("/a/0".to_string())
        );
    }

    #[test]
    fn key_order_is_ignored_and_missing_keys_are_named() {
        let a = json!({"x": 1, "y": {"a/b": true}});
        let b = json!({"y": {"a/b": true}, "x": 1});
        assert_eq!(first_difference(&a, &b, ""), None);
        let c = json!({"y": {}, "x": 1});
        assert_eq!(first_difference(&a, &c, ""), Some("/y/a~1b".to_string()));
    }

    #[test]
    fn canonical_form_folds_equivalent_spellings() {
        let written = json!({
            "smithy": "2",
            "shapes": {
                "a#M": {"type": "structure", "members": {"x": {"target": "a#S"}},
                         "traits": {"smithy.api#mixin": {}}},
                "a#T": {"type": "structure", "mixins": [{"target": "a#M"}],
                         "members": {"x": {"target": "a#S", "traits": {"a#t": {}}}}},
                "a#E": {"type": "enum", "members": {"A": {"target": "smithy.api#Unit"}}},
                "a#E$A": {"type": "apply", "traits": {"a#doc": "d"}}
            }
        });
        let resolved = json!({
            "smithy": "2.0",
            "shapes": {
                "a#M": {"type": "structure", "members": {"x": {"target": "a#S"}},
                         "traits": {"smithy.api#mixin": {}}},
                "a#T": {"type": "structure", "mixins": [{"target": "a#M"}], "members": {}},
                "a#T$x": {"type": "apply", "traits": {"a#t": {}}},
                "a#E": {"type": "enum", "members": {"A": {"target": "smithy.api#Unit",
                    "traits": {"smithy.api#enumValue": "A", "a#doc": "d"}}}}
            }
        });
        assert_eq!(compare_json_ast(&resolved, &written), None);
    }
}
