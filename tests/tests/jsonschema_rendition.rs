//! The Cognito excerpt is written twice: as JSON Schema (`schemas/jsonschema/`, in the style of
//! the Cognito JSON Schema corpus) and as Smithy (`schemas/smithy/cognito-resend-confirmation-code.json`).
//! Both must give the same types: the same resolved shapes (names, kinds, member targets,
//! optionality, constraints, sensitivity, docs), and the same generated `types.rs` and
//! `validation.rs` items.
//!
//! What JSON Schema cannot say is left out of the comparison: operations and services, error
//! shapes and the shapes only they reach, the `@input`/`@output` roles of structures, and the
//! source positions. So is what each language means by a JSON value: JSON Schema reads numbers
//! by value and `null` as a value (`Shape::exact_json`: the `EXACT_JSON` constant and
//! `check_nulls` method of `FromJson`, and impls written out rather than by the
//! `structure_validation_impls!` table), Smithy's protocols read `null` as absent; the items
//! are generated with it cleared. Namespaces differ (`schema#X` and `com.amazonaws.cognitoidentityprovider#X`)
//! and are compared by shape name.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use codegen::model::{Member, Model, Shape, ShapeId, ShapeKind, ShapeRole, SourceRef};
use codegen::Options;

const SMITHY_NAMESPACE: &str = "com.amazonaws.cognitoidentityprovider";

fn root() -> PathBuf {
    xtask::workspace_root()
}

fn json_schema_input() -> PathBuf {
    root().join("schemas/jsonschema")
}

fn smithy_input() -> PathBuf {
    root().join("schemas/smithy/cognito-resend-confirmation-code.json")
}

fn load(input: PathBuf) -> Model {
    match codegen::load_model(std::slice::from_ref(&input), &Options::default()) {
        Ok(loaded) => loaded.model,
        Err(e) => panic!("{} does not load:\n{e}", input.display()),
    }
}

/// A shape with what JSON Schema cannot say cleared, printed with namespaces left out.
fn comparable(shape: &Shape) -> String {
    let mut shape = shape.clone();
    shape.source = SourceRef::default();
    shape.role = ShapeRole::None;
    shape.exact_json = false;
    let clean = |m: &mut Member| m.source = SourceRef::default();
    match &mut shape.kind {
        ShapeKind::Structure(s) => s.members.iter_mut().for_each(clean),
        ShapeKind::Union(u) => u.members.iter_mut().for_each(clean),
        ShapeKind::List(m) => clean(m),
        ShapeKind::Map { key, value } => {
            clean(key);
            clean(value);
        }
        _ => {}
    }
    format!("{shape:#?}")
        .replace(&format!("{SMITHY_NAMESPACE}#"), "")
        .replace(&format!("{}#", codegen::jsonschema::NAMESPACE), "")
}

/// The shapes that error structures reach (themselves included).
fn reached_by_errors(model: &Model) -> BTreeSet<String> {
    let mut pending: Vec<ShapeId> = model
        .shapes
        .values()
        .filter(|s| s.error.is_some())
        .map(|s| s.id.clone())
        .collect();
    let mut reached = BTreeSet::new();
    while let Some(id) = pending.pop() {
        if !reached.insert(id.name().to_string()) {
            continue;
        }
        if let Some(shape) = model.shape(&id) {
            pending.extend(codegen::model::select::referenced_shapes(&shape.kind));
        }
    }
    reached
}

/// Lines that show where two texts first differ, for failure messages.
fn first_difference(a: &str, b: &str) -> String {
    let position = a
        .lines()
        .zip(b.lines())
        .position(|(x, y)| x != y)
        .unwrap_or_else(|| a.lines().count().min(b.lines().count()));
    let line = |text: &str| text.lines().nth(position).unwrap_or("(end)").to_string();
    format!(
        "line {}: JSON Schema `{}`, Smithy `{}`",
        position + 1,
        line(a),
        line(b)
    )
}

#[test]
fn both_inputs_resolve_to_the_same_shapes() {
    let json_schema = load(json_schema_input());
    let smithy = load(smithy_input());
    let by_name: BTreeMap<&str, &Shape> = smithy
        .shapes
        .values()
        .filter(|s| s.id.namespace() == SMITHY_NAMESPACE || s.id.is_prelude())
        .map(|s| (s.id.name(), s))
        .collect();
    let mut differences = Vec::new();
    let mut compared = 0;
    for shape in json_schema.shapes.values() {
        let Some(other) = by_name.get(shape.id.name()) else {
            if !shape.id.is_prelude() {
                differences.push(format!("{} is not in the Smithy model", shape.id));
            }
            continue;
        };
        compared += 1;
        let (mine, theirs) = (comparable(shape), comparable(other));
        if mine != theirs {
            let at = first_difference(&mine, &theirs);
            differences.push(format!("{}: {at}", shape.id.name()));
        }
    }
    let errors_only = reached_by_errors(&smithy);
    let names: BTreeSet<&str> = json_schema.shapes.keys().map(ShapeId::name).collect();
    for shape in smithy.shapes.values() {
        let missing = !names.contains(shape.id.name()) && !shape.id.is_prelude();
        if missing && !errors_only.contains(shape.id.name()) {
            differences.push(format!(
                "{} is only in the Smithy model, and no error reaches it",
                shape.id
            ));
        }
    }
    println!("{compared} shapes compared");
    assert!(compared >= 10, "only {compared} shapes compared");
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

/// The top-level items of a generated module, grouped by the type they belong to (a struct,
/// enum or alias, its impls and the `*_impls!` macro calls that implement it); items of no type
/// are keyed by their first line.
fn items_by_type(source: &str) -> BTreeMap<String, Vec<String>> {
    let mut items: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for chunk in source.split("\n\n") {
        let chunk = chunk.trim_matches('\n');
        if chunk.is_empty() || chunk.starts_with("//") && !chunk.contains("\n") {
            continue;
        }
        items
            .entry(item_key(chunk))
            .or_default()
            .push(chunk.to_string());
    }
    items
}

fn item_key(chunk: &str) -> String {
    let Some(line) = chunk
        .lines()
        .find(|l| !l.is_empty() && !l.starts_with([' ', '#', '/', ')', ']', '}']))
    else {
        return chunk.lines().next().unwrap_or_default().to_string();
    };
    let named = ["pub struct ", "pub enum ", "pub type "]
        .iter()
        .find_map(|prefix| line.strip_prefix(prefix));
    let called = line
        .ends_with("_impls! {")
        .then(|| chunk.lines().nth(1).map(str::trim_start))
        .flatten();
    let path = match named.or(called) {
        Some(rest) => rest,
        None if line.starts_with("impl") => match line.split_once(" for ") {
            Some((_, target)) => target,
            None => line
                .trim_start_matches("impl")
                .trim_start_matches(|c| c != ' ')
                .trim_start(),
        },
        None => return line.to_string(),
    };
    let path: String = path
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
        .collect();
    path.rsplit("::").next().unwrap_or_default().to_string()
}

#[test]
fn both_inputs_generate_the_same_items() {
    let generate = |input: PathBuf| {
        let options = Options {
            crate_name: "cognito".to_string(),
            ..Options::default()
        };
        let mut model = load(input);
        for shape in model.shapes.values_mut() {
            shape.exact_json = false;
        }
        codegen::rust::generate_crate(&model, &options)
            .unwrap_or_else(|e| panic!("generation failed:\n{e}"))
    };
    let json_schema = generate(json_schema_input());
    let smithy = generate(smithy_input());
    let errors_only = reached_by_errors(&load(smithy_input()));
    let mut differences = Vec::new();
    let mut compared = 0;
    for module in ["src/types.rs", "src/validation.rs"] {
        let mine = items_by_type(&json_schema.files[module]);
        let theirs = items_by_type(&smithy.files[module]);
        let keys: BTreeSet<&String> = mine.keys().chain(theirs.keys()).collect();
        for key in keys {
            match (mine.get(key), theirs.get(key)) {
                (Some(a), Some(b)) if a == b => compared += 1,
                (Some(a), Some(b)) => {
                    let at = first_difference(&a.join("\n\n"), &b.join("\n\n"));
                    differences.push(format!("{module} {key}: {at}"));
                }
                (None, Some(_)) if errors_only.contains(key.as_str()) => {}
                (None, Some(_)) => differences.push(format!("{module} {key}: only from Smithy")),
                (Some(_), None) => {
                    differences.push(format!("{module} {key}: only from JSON Schema"))
                }
                (None, None) => {}
            }
        }
    }
    println!("{compared} item groups identical");
    assert!(compared >= 20, "only {compared} item groups compared");
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

#[test]
fn items_are_keyed_by_their_type() {
    let source = "/// Docs.\n#[derive(Debug)]\npub struct Foo {\n    a: u8,\n}\n\nimpl<'de> serde::Deserialize<'de> for super::types::Foo {\n}\n\nimpl Foo {\n}\n\nstatic PATTERN: u8 = 1;";
    let items = items_by_type(source);
    assert_eq!(items["Foo"].len(), 3);
    let call = "structure_validation_impls! {\n    super::types::Bar {\n        a \"A\" required u8 => _ \"integer\";\n    }\n}";
    assert_eq!(items_by_type(call)["Bar"].len(), 1);
    assert!(items.contains_key("static PATTERN: u8 = 1;"));
}
