//! The JSON-Schema-Test-Suite: every test group's schema goes through Shapegen's pipeline (the
//! JSON Schema front end, the model, the Rust back end) into ONE scratch crate, with a runner
//! that reads every case through the generated `FromJson::from_value`, compares the verdict
//! with the suite's `valid`, and writes each valid case back to JSON to compare it (by value)
//! with the input. The crate is compiled once and run; the runner's lines are parsed here.
//!
//! Each group's schema is its own input file, so `#` references and `$id`s keep their
//! meaning; a wrapper schema per group (`{"properties": {"value": {"$ref": <group file>}}}`)
//! gives every group a structure to read, whatever its schema lowers to. Groups whose keywords
//! are out of scope are skipped with the reason.
//!
//! Figures for `tests/draft2020-12` of the suite in `../shared/corpus` (`$S`):
//!
//! | run | passed | failed | skipped |
//! | --- | --- | --- | --- |
//! | the 24 core keyword files (`--only required,properties,…,format`) | 710 | 0 | 5 |
//! | and `boolean_schema`, `default`, `prefixItems`, `minProperties`, `maxProperties`, `dependentRequired`, `patternProperties`, `propertyNames`, `not`, `contains`, `if-then-else` | 922 | 0 | 7 |
//! | `$S/optional/ecmascript-regex.json` | 74 | 0 | 0 |
//! | `$S $S/optional` (what CI runs, `--min-passed 1191`) | 1191 | 6 | 264 |
//!
//! The skipped groups use `unevaluatedProperties`/`unevaluatedItems`, `$dynamicRef`, a
//! custom metaschema (vocabularies) or refer to the metaschema; the failures are a schema
//! whose unused `$defs` entry is contradictory (a generation error), an optional nullable
//! member that writes `null` back as absent, and integers beyond 64 bits (optional).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use clap::Args as ClapArgs;
use codegen::model::{Model, ShapeId};
use serde_json::{json, Value};

/// Arguments of `cargo xtask conformance json-schema-test-suite`.
#[derive(ClapArgs)]
pub struct Args {
    /// Suite files, or folders of them (e.g. `tests/draft2020-12`; not searched recursively).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The draft of schemas that do not name one in `$schema` (`draft4`, `draft6`, `draft7`,
    /// `2019-09`, `2020-12`); by default the folder's name says, else 2020-12.
    #[arg(long)]
    draft: Option<String>,
    /// Only these files (by name, without `.json`; comma-separated).
    #[arg(long, value_delimiter = ',')]
    only: Vec<String>,
    /// The suite's `remotes` folder (served at `http://localhost:1234/`); by default the
    /// `remotes` folder beside `tests`.
    #[arg(long)]
    remotes: Option<PathBuf>,
    /// Pass when at least this many cases pass (default: every case that is not skipped).
    #[arg(long)]
    min_passed: Option<usize>,
    /// Print every failing case with its reason (by default the first 5 per file).
    #[arg(long)]
    verbose: bool,
    /// The scratch folder for the inputs and the crate (default: a folder in the temp dir).
    #[arg(long)]
    scratch: Option<PathBuf>,
}

/// One file of the suite.
struct SuiteFile {
    name: String,
    groups: Vec<Group>,
}

/// One test group: a schema and its cases.
struct Group {
    description: String,
    schema: Value,
    cases: Vec<Case>,
    /// Why the group is not run, if it is not.
    skipped: Option<String>,
    /// Why every case of the group fails before running (the schema did not generate).
    broken: Option<String>,
}

/// One case: an instance and whether it is valid.
struct Case {
    description: String,
    data: Value,
    valid: bool,
    /// What happened: `None` until run, then `Ok(())` or the reason it failed.
    outcome: Option<Result<(), String>>,
}

/// Draft 3, whose keywords (`required: true`, `divisibleBy`, `extends`, `disallow`) are not
/// read: its groups are skipped.
const DRAFT3: (&str, &str) = ("draft3", "http://json-schema.org/draft-03/schema#");

/// The drafts the suite has folders for, with the `$schema` URI of each.
const DRAFTS: [(&str, &str); 5] = [
    ("draft4", "http://json-schema.org/draft-04/schema#"),
    ("draft6", "http://json-schema.org/draft-06/schema#"),
    ("draft7", "http://json-schema.org/draft-07/schema#"),
    (
        "draft2019-09",
        "https://json-schema.org/draft/2019-09/schema",
    ),
    (
        "draft2020-12",
        "https://json-schema.org/draft/2020-12/schema",
    ),
];

/// Keywords out of scope: groups using them are skipped.
const UNSUPPORTED: [(&str, &str); 7] = [
    (
        "unevaluatedProperties",
        "`unevaluatedProperties` needs annotation collection",
    ),
    (
        "unevaluatedItems",
        "`unevaluatedItems` needs annotation collection",
    ),
    ("$dynamicRef", "`$dynamicRef` resolves at validation time"),
    (
        "$dynamicAnchor",
        "`$dynamicAnchor` resolves at validation time",
    ),
    (
        "$recursiveRef",
        "`$recursiveRef` resolves at validation time",
    ),
    (
        "$recursiveAnchor",
        "`$recursiveAnchor` resolves at validation time",
    ),
    ("$vocabulary", "custom vocabularies"),
];

/// The crate's package name.
const CRATE: &str = "json_schema_suite_cases";

/// The base URI of the suite's `remotes` folder.
const REMOTE_BASE: &str = "http://localhost:1234/";

/// Runs the suite and prints the results.
pub fn run(args: &Args) -> ExitCode {
    let started = Instant::now();
    let mut files = match read_suite(args) {
        Ok(files) => files,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::FAILURE;
        }
    };
    let draft_uri = draft_uri(args);
    let remotes = args.remotes.clone().or_else(|| find_remotes(&args.paths));
    mark_skipped(&mut files, &draft_uri, remotes.as_deref());
    let scratch = args
        .scratch
        .clone()
        .unwrap_or_else(|| std::env::temp_dir().join("shapegen-json-schema-suite"));
    if let Err(message) = run_cases(&mut files, &scratch, &draft_uri, remotes.as_deref()) {
        eprintln!("error: {message}");
        let groups = files.iter_mut().flat_map(|file| file.groups.iter_mut());
        for group in groups.filter(|group| group.skipped.is_none()) {
            group.broken.get_or_insert_with(|| message.clone());
        }
    }
    println!("ran in {:.0}s", started.elapsed().as_secs_f64());
    let totals = report(&files, args.verbose);
    println!(
        "{} passed, {} failed, {} skipped",
        totals.passed, totals.failed, totals.skipped
    );
    let required = args.min_passed.unwrap_or(totals.passed + totals.failed);
    if totals.passed < required {
        eprintln!(
            "error: {} cases passed, below the required {required}",
            totals.passed
        );
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Gives every group that is out of scope its reason (see [`skip_reason`]); groups of draft 3
/// are all skipped.
fn mark_skipped(files: &mut [SuiteFile], draft_uri: &str, remotes: Option<&Path>) {
    for group in files.iter_mut().flat_map(|file| file.groups.iter_mut()) {
        group.skipped = skip_reason(&group.schema, remotes);
        let written = group.schema.get("$schema").and_then(Value::as_str);
        if written.unwrap_or(draft_uri) == DRAFT3.1 {
            group.skipped = Some("draft 3 keywords are not read".to_string());
        }
    }
}

/// Reads the suite files the arguments name.
fn read_suite(args: &Args) -> Result<Vec<SuiteFile>, String> {
    let mut paths = Vec::new();
    for path in &args.paths {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| format!("reading {}: {e}", path.display()))?
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "json"))
                .collect();
            found.sort();
            paths.extend(found);
        } else if path.is_file() {
            paths.push(path.clone());
        } else {
            return Err(format!("{} is neither a file nor a folder", path.display()));
        }
    }
    let wanted = |path: &Path| {
        args.only.is_empty()
            || path
                .file_stem()
                .is_some_and(|stem| args.only.iter().any(|o| stem.to_string_lossy() == *o))
    };
    let mut files = Vec::new();
    for path in paths.into_iter().filter(|p| wanted(p)) {
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("reading {}: {e}", path.display()))?;
        let json: Value =
            serde_json::from_str(&text).map_err(|e| format!("parsing {}: {e}", path.display()))?;
        let name = display_name(&path);
        files.push(SuiteFile {
            groups: parse_groups(&json).map_err(|e| format!("{name}: {e}"))?,
            name,
        });
    }
    if files.is_empty() {
        return Err("no suite files found".to_string());
    }
    Ok(files)
}

/// `optional/ecmascript-regex.json` or `required.json`: the name below the draft folder.
fn display_name(path: &Path) -> String {
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match path.parent().and_then(Path::file_name) {
        Some(parent) if parent == "optional" => format!("optional/{file}"),
        _ => file,
    }
}

fn parse_groups(json: &Value) -> Result<Vec<Group>, String> {
    let groups = json.as_array().ok_or("not an array of test groups")?;
    groups
        .iter()
        .map(|group| {
            let text = |key: &str| {
                group
                    .get(key)
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string()
            };
            let schema = group
                .get("schema")
                .cloned()
                .ok_or("a group without a schema")?;
            let cases = group
                .get("tests")
                .and_then(Value::as_array)
                .ok_or("a group without tests")?
                .iter()
                .map(|case| {
                    Ok(Case {
                        description: case
                            .get("description")
                            .and_then(Value::as_str)
                            .unwrap_or("")
                            .to_string(),
                        data: case.get("data").cloned().ok_or("a case without data")?,
                        valid: case
                            .get("valid")
                            .and_then(Value::as_bool)
                            .ok_or("a case without `valid`")?,
                        outcome: None,
                    })
                })
                .collect::<Result<Vec<Case>, String>>()?;
            Ok(Group {
                description: text("description"),
                schema,
                cases,
                skipped: None,
                broken: None,
            })
        })
        .collect()
}

/// The `$schema` given to schemas that name none: `--draft`, else the folder's draft, else
/// 2020-12.
fn draft_uri(args: &Args) -> String {
    let by_name = |name: &str| {
        let name = name.trim_start_matches("draft").trim_start_matches('-');
        DRAFTS
            .iter()
            .find(|(folder, _)| folder.trim_start_matches("draft") == name)
            .map(|(_, uri)| uri.to_string())
    };
    if let Some(uri) = args.draft.as_deref().and_then(by_name) {
        return uri;
    }
    if args
        .draft
        .as_deref()
        .is_some_and(|d| d.trim_start_matches("draft").trim_start_matches('-') == "3")
    {
        return DRAFT3.1.to_string();
    }
    for path in &args.paths {
        for component in path.components() {
            let part = component.as_os_str().to_string_lossy();
            if part == DRAFT3.0 {
                return DRAFT3.1.to_string();
            }
            if let Some((_, uri)) = DRAFTS.iter().find(|(folder, _)| *folder == part) {
                return uri.to_string();
            }
        }
    }
    DRAFTS[4].1.to_string()
}

/// The `remotes` folder of the suite the paths are in, if there is one.
fn find_remotes(paths: &[PathBuf]) -> Option<PathBuf> {
    let first = paths.first()?.canonicalize().ok()?;
    first
        .ancestors()
        .map(|dir| dir.join("remotes"))
        .find(|candidate| candidate.is_dir())
}

/// Why a group is not run: a keyword out of scope, or a reference that cannot be resolved
/// without the network.
fn skip_reason(schema: &Value, remotes: Option<&Path>) -> Option<String> {
    let mut reason = None;
    visit_schema(schema, &mut |key, value| {
        if reason.is_some() {
            return;
        }
        if let Some((_, why)) = UNSUPPORTED.iter().find(|(k, _)| *k == key) {
            reason = Some(why.to_string());
        } else if key == "$schema" {
            let uri = value.as_str().unwrap_or("");
            let known = DRAFTS
                .iter()
                .chain([&DRAFT3])
                .any(|(_, draft)| draft.trim_end_matches('#') == uri.trim_end_matches('#'));
            if !known {
                reason = Some(format!(
                    "`$schema` names a custom metaschema `{uri}` (vocabularies)"
                ));
            }
        } else if key == "$ref" {
            if let Some(reference) = value.as_str() {
                reason = reference_skip(reference, remotes);
            }
        }
    });
    reason
}

/// Why a `$ref` cannot be followed: a metaschema (not in `remotes/`, no network), or a remote
/// file that is not there.
fn reference_skip(reference: &str, remotes: Option<&Path>) -> Option<String> {
    if reference.contains("json-schema.org/") {
        return Some(format!(
            "refers to the metaschema `{reference}` (not in remotes/, no network)"
        ));
    }
    let remote = reference.strip_prefix(REMOTE_BASE)?;
    let file = remote.split('#').next().unwrap_or("");
    match remotes {
        Some(dir) if dir.join(file).is_file() => None,
        _ => Some(format!("refers to `{reference}`, which is not in remotes/")),
    }
}

/// Calls `f` with every keyword and value of every object in a schema (not inside `enum`,
/// `const` and other values that are data).
fn visit_schema(value: &Value, f: &mut dyn FnMut(&str, &Value)) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                f(key, child);
                if !matches!(key.as_str(), "enum" | "const" | "default" | "examples") {
                    visit_schema(child, f);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| visit_schema(item, f)),
        _ => {}
    }
}

/// Generates, compiles and runs the crate of every group that is not skipped, recording each
/// case's outcome. An error is returned when nothing could run.
fn run_cases(
    files: &mut [SuiteFile],
    scratch: &Path,
    draft_uri: &str,
    remotes: Option<&Path>,
) -> Result<(), String> {
    let inputs = scratch.join("inputs");
    if inputs.exists() {
        std::fs::remove_dir_all(&inputs)
            .map_err(|e| format!("clearing {}: {e}", inputs.display()))?;
    }
    let mut groups: Vec<&mut Group> = files
        .iter_mut()
        .flat_map(|file| file.groups.iter_mut())
        .filter(|group| group.skipped.is_none())
        .collect();
    write_inputs(&groups, &inputs, draft_uri, remotes)?;
    let started = Instant::now();
    let (model, names) = load_until_clean(&mut groups, &inputs)?;
    let options = codegen::Options {
        crate_name: CRATE.to_string(),
        ..codegen::Options::default()
    };
    let crate_dir = scratch.join("crate");
    let files = codegen::rust::generate_crate(&model, &options).map_err(|d| d.to_string())?;
    codegen::writer::write(&files, &crate_dir).map_err(|e| format!("writing the crate: {e}"))?;
    let runnable: Vec<usize> = (0..groups.len())
        .filter(|i| groups[*i].broken.is_none())
        .collect();
    write_runner(&groups, &runnable, &names, &crate_dir)?;
    let json_roots = runnable
        .iter()
        .filter(|index| root_is_json(&model, **index))
        .count();
    println!(
        "generated {} groups ({} shapes; {} groups typed, {} checked as JSON values) in {:.1}s",
        runnable.len(),
        model.shapes.len(),
        runnable.len() - json_roots,
        json_roots,
        started.elapsed().as_secs_f64()
    );
    let output = compile_and_run(&crate_dir)?;
    record_outcomes(&mut groups, &runnable, &output);
    Ok(())
}

/// The input file of group `index`, and of its wrapper.
fn group_file(index: usize) -> String {
    format!("g{index:04}.json")
}

fn wrapper_title(index: usize) -> String {
    format!("ShapegenCase{index:04}")
}

/// Writes each group's schema (with `$schema` when it names none), its wrapper, and the
/// remote files the schemas refer to (with their URL as `$id`).
fn write_inputs(
    groups: &[&mut Group],
    inputs: &Path,
    draft_uri: &str,
    remotes: Option<&Path>,
) -> Result<(), String> {
    let schemas = inputs.join("schemas");
    let wrappers = inputs.join("wrappers");
    for dir in [&schemas, &wrappers] {
        std::fs::create_dir_all(dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    }
    let mut wanted_remotes = BTreeSet::new();
    for (index, group) in groups.iter().enumerate() {
        let mut schema = group.schema.clone();
        if let Value::Object(map) = &mut schema {
            map.entry("$schema").or_insert_with(|| json!(draft_uri));
        }
        collect_remotes(&schema, &mut wanted_remotes);
        write_json(&schemas.join(group_file(index)), &schema)?;
        let wrapper = json!({
            "$schema": DRAFTS[4].1,
            "title": wrapper_title(index),
            "type": "object",
            "required": ["value"],
            "properties": {"value": {"$ref": format!("../schemas/{}", group_file(index))}},
        });
        write_json(&wrappers.join(format!("w{index:04}.json")), &wrapper)?;
    }
    let mentions_remotes = groups
        .iter()
        .any(|group| group.schema.to_string().contains("localhost:1234"));
    match remotes {
        Some(remotes) if mentions_remotes || !wanted_remotes.is_empty() => {
            write_remotes(remotes, &inputs.join("remotes"), draft_uri)
        }
        _ => Ok(()),
    }
}

/// Copies the suite's remote files with the URL they are served at as `$id`, and the draft of
/// their folder (the run's draft for files outside draft folders) as `$schema`; a file with
/// another `$id` is wrapped in a schema that has the URL and refers to it.
fn write_remotes(remotes: &Path, out: &Path, draft_uri: &str) -> Result<(), String> {
    let mut files = Vec::new();
    list_json_files(remotes, remotes, &mut files);
    for relative in files {
        let first = relative.split('/').next().unwrap_or("");
        let folder_draft = DRAFTS
            .iter()
            .find(|(folder, _)| {
                *folder == first || first == format!("draft{}", folder.trim_start_matches("draft"))
            })
            .map_or(draft_uri, |(_, uri)| *uri);
        let Ok(text) = std::fs::read_to_string(remotes.join(&relative)) else {
            continue;
        };
        let Ok(schema) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        let url = format!("{REMOTE_BASE}{relative}");
        let schema = match schema {
            Value::Object(mut map) => {
                map.entry("$schema").or_insert_with(|| json!(folder_draft));
                match map.get("$id").and_then(Value::as_str).map(str::to_string) {
                    Some(id) if id != url => json!({
                        "$id": url,
                        "$schema": folder_draft,
                        "$ref": id,
                        "$defs": {"served": Value::Object(map)},
                    }),
                    _ => {
                        map.insert("$id".to_string(), json!(url));
                        Value::Object(map)
                    }
                }
            }
            other => other,
        };
        let target = out.join(&relative);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
        }
        write_json(&target, &schema)?;
    }
    Ok(())
}

/// Every `.json` file below `dir`, as a path relative to `root` with `/` separators.
fn list_json_files(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            list_json_files(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            if let Ok(relative) = path.strip_prefix(root) {
                let parts: Vec<String> = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.push(parts.join("/"));
            }
        }
    }
}

fn collect_remotes(schema: &Value, out: &mut BTreeSet<String>) {
    visit_schema(schema, &mut |key, value| {
        if let (true, Some(reference)) = (key == "$ref", value.as_str()) {
            if let Some(remote) = reference.strip_prefix(REMOTE_BASE) {
                out.insert(remote.split('#').next().unwrap_or("").to_string());
            }
        }
    });
}

fn write_json(path: &Path, value: &Value) -> Result<(), String> {
    let text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    std::fs::write(path, text).map_err(|e| format!("writing {}: {e}", path.display()))
}

/// Loads every input into one model. A group whose schema gives errors is marked broken and
/// left out (its files are removed), and the rest is loaded again. Returns the model and the
/// Rust type name of each group's wrapper.
fn load_until_clean(
    groups: &mut [&mut Group],
    inputs: &Path,
) -> Result<(Model, BTreeMap<usize, String>), String> {
    loop {
        let mut paths = vec![inputs.join("wrappers"), inputs.join("schemas")];
        if inputs.join("remotes").is_dir() {
            paths.push(inputs.join("remotes"));
        }
        match codegen::load_model(&paths, &codegen::Options::default()) {
            Ok(loaded) => {
                let model = loaded.model;
                let names = wrapper_names(&model, groups.len());
                return Ok((model, names));
            }
            Err(diagnostics) => {
                let mut blamed = BTreeMap::new();
                let mut broken_remotes = BTreeSet::new();
                for diagnostic in diagnostics
                    .iter()
                    .filter(|d| d.severity == codegen::Severity::Error)
                {
                    if let Some(index) = group_of(&diagnostic.file) {
                        blamed
                            .entry(index)
                            .or_insert_with(|| diagnostic.message.clone());
                    } else if Path::new(&diagnostic.file).starts_with(inputs.join("remotes")) {
                        broken_remotes.insert(PathBuf::from(&diagnostic.file));
                    }
                }
                if blamed.is_empty() && broken_remotes.is_empty() {
                    return Err(format!("the schemas do not load:\n{diagnostics}"));
                }
                for file in broken_remotes {
                    let _ = std::fs::remove_file(file);
                }
                for (index, message) in blamed {
                    groups[index].broken = Some(format!("generation error: {message}"));
                    for file in [
                        inputs.join("schemas").join(group_file(index)),
                        inputs.join("wrappers").join(format!("w{index:04}.json")),
                    ] {
                        let _ = std::fs::remove_file(file);
                    }
                }
            }
        }
    }
}

/// The group index of an input file name (`.../g0012.json` or `.../w0012.json`).
fn group_of(file: &str) -> Option<usize> {
    let name = Path::new(file).file_name()?.to_string_lossy().into_owned();
    let digits = name.strip_suffix(".json")?;
    let digits = digits
        .strip_prefix('g')
        .or_else(|| digits.strip_prefix('w'))?;
    digits.parse().ok()
}

/// The Rust type name of each group's wrapper structure.
fn wrapper_names(model: &Model, count: usize) -> BTreeMap<usize, String> {
    let names = codegen::rust::naming::Names::new(model);
    (0..count)
        .filter_map(|index| {
            let id = ShapeId::new(codegen::jsonschema::NAMESPACE, &wrapper_title(index));
            model
                .shape(&id)
                .map(|_| (index, names.type_name(&id).to_string()))
        })
        .collect()
}

/// Whether a group's schema lowered to a JSON value (`serde_json::Value` with assertions)
/// rather than a Rust type of its own.
fn root_is_json(model: &Model, index: usize) -> bool {
    let id = ShapeId::new(codegen::jsonschema::NAMESPACE, &wrapper_title(index));
    let Some(codegen::model::ShapeKind::Structure(wrapper)) = model.shape(&id).map(|s| &s.kind)
    else {
        return false;
    };
    wrapper.members.first().is_some_and(|value| {
        model
            .shape(&value.target)
            .is_some_and(|target| target.kind == codegen::model::ShapeKind::Document)
    })
}

/// Writes `cases.json` (group, data, expected verdict per case) and `src/main.rs`, which
/// reads each case through its group's wrapper and prints one line per case.
fn write_runner(
    groups: &[&mut Group],
    runnable: &[usize],
    names: &BTreeMap<usize, String>,
    crate_dir: &Path,
) -> Result<(), String> {
    let mut cases = Vec::new();
    let mut runners = String::new();
    for (slot, index) in runnable.iter().enumerate() {
        let name = names
            .get(index)
            .ok_or_else(|| format!("no wrapper type for group {index}"))?;
        let _ = writeln!(runners, "        check::<types::{name}>,");
        for case in &groups[*index].cases {
            cases.push(json!([slot, case.data, case.valid]));
        }
    }
    write_json(&crate_dir.join("cases.json"), &Value::Array(cases))?;
    let main = RUNNER
        .replace("CRATE", CRATE)
        .replace("        RUNNERS\n", &runners)
        .replace("COUNT", &runnable.len().to_string());
    std::fs::write(crate_dir.join("src/main.rs"), main)
        .map_err(|e| format!("writing the runner: {e}"))
}

/// The runner: `<case>\tok` or `<case>\tFAIL\t<reason>` per case, in order.
const RUNNER: &str = r#"//! Runs the JSON-Schema-Test-Suite cases through the generated types.

use std::io::Write;

use CRATE::types;
use CRATE::validation::{json_equal, FromJson};

/// Reads one case's instance as the group's wrapper (`{"value": data}`); a valid one is
/// written back and compared with the input. `Ok(valid)`, or why the value did not survive.
fn check<T: FromJson + serde::Serialize>(data: &serde_json::Value) -> Result<bool, String> {
    let input = serde_json::json!({ "value": data });
    match T::from_value(input) {
        Ok(value) => {
            let written = serde_json::to_value(&value).map_err(|e| format!("writing back: {e}"))?;
            match written.get("value") {
                Some(back) if json_equal(back, data) => Ok(true),
                Some(back) => Err(format!("written back as {back}")),
                None => Err("written back without a value".to_string()),
            }
        }
        Err(errors) => match errors.iter().next() {
            Some(first) => Err(first.message().to_string()),
            None => Ok(false),
        },
    }
}

fn main() {
    let runners: [fn(&serde_json::Value) -> Result<bool, String>; COUNT] = [
        RUNNERS
    ];
    let cases: Vec<(usize, serde_json::Value, bool)> =
        serde_json::from_str(include_str!("../cases.json")).unwrap_or_default();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for (index, (group, data, expected)) in cases.iter().enumerate() {
        let outcome = std::panic::catch_unwind(|| runners[*group](data));
        let line = match (outcome, expected) {
            (Ok(Ok(true)), true) => format!("{index}\tok"),
            (Ok(Err(reason)), false) => format!("{index}\tok\t{reason}"),
            (Ok(Ok(true)), false) => format!("{index}\tFAIL\taccepted an invalid instance"),
            (Ok(Ok(false)), false) => format!("{index}\tok"),
            (Ok(Ok(false)), true) => format!("{index}\tFAIL\trejected a valid instance"),
            (Ok(Err(reason)), true) => format!("{index}\tFAIL\t{reason}"),
            (Err(_), _) => format!("{index}\tFAIL\tpanicked"),
        };
        let _ = writeln!(out, "{}", line.replace('\n', " "));
        let _ = out.flush();
    }
}
"#;

/// Builds the crate (debug, without debug info; dependencies shared in
/// `<workspace>/target/generated-crates`) and runs the runner; returns its output.
fn compile_and_run(crate_dir: &Path) -> Result<String, String> {
    let target = xtask::workspace_root().join("target/generated-crates");
    let started = Instant::now();
    let build = Command::new(env!("CARGO"))
        .args(["build", "--quiet", "--bin", CRATE])
        .current_dir(crate_dir)
        .env("CARGO_TARGET_DIR", &target)
        .env("CARGO_PROFILE_DEV_DEBUG", "0")
        .output()
        .map_err(|e| format!("running cargo: {e}"))?;
    if !build.status.success() {
        let stderr = String::from_utf8_lossy(&build.stderr);
        let tail: Vec<&str> = stderr.lines().take(60).collect();
        return Err(format!(
            "the generated crate does not compile ({}):\n{}",
            crate_dir.display(),
            tail.join("\n")
        ));
    }
    println!("compiled in {:.1}s", started.elapsed().as_secs_f64());
    let binary = target
        .join("debug")
        .join(format!("{CRATE}{}", std::env::consts::EXE_SUFFIX));
    let run = Command::new(&binary)
        .output()
        .map_err(|e| format!("running {}: {e}", binary.display()))?;
    Ok(String::from_utf8_lossy(&run.stdout).into_owned())
}

/// Gives every case of the groups that ran its outcome from the runner's lines (a case
/// without a line failed: the runner stopped before it).
fn record_outcomes(groups: &mut [&mut Group], runnable: &[usize], output: &str) {
    let mut lines: BTreeMap<usize, Result<(), String>> = BTreeMap::new();
    for line in output.lines() {
        let mut parts = line.splitn(3, '\t');
        let (Some(index), Some(verdict)) = (parts.next(), parts.next()) else {
            continue;
        };
        let Ok(index) = index.parse::<usize>() else {
            continue;
        };
        let outcome = if verdict == "ok" {
            Ok(())
        } else {
            Err(parts.next().unwrap_or("failed").to_string())
        };
        lines.insert(index, outcome);
    }
    let mut next = 0;
    for index in runnable {
        for case in &mut groups[*index].cases {
            case.outcome = Some(
                lines
                    .remove(&next)
                    .unwrap_or_else(|| Err("no result: the runner stopped".to_string())),
            );
            next += 1;
        }
    }
}

/// Case counts.
#[derive(Default)]
struct Totals {
    passed: usize,
    failed: usize,
    skipped: usize,
}

/// Prints the table (one line per file), the failures and the skipped groups; returns the
/// totals.
fn report(files: &[SuiteFile], verbose: bool) -> Totals {
    let mut totals = Totals::default();
    let mut details = Vec::new();
    println!(
        "{:<40} {:>6} {:>6} {:>7}",
        "file", "passed", "failed", "skipped"
    );
    for file in files {
        let mut counts = Totals::default();
        let mut shown = 0;
        for group in &file.groups {
            if let Some(reason) = &group.skipped {
                counts.skipped += group.cases.len();
                details.push(format!(
                    "skip {} / {}: {reason}",
                    file.name, group.description
                ));
                continue;
            }
            for case in &group.cases {
                let outcome = match (&group.broken, &case.outcome) {
                    (Some(reason), _) => Err(reason.clone()),
                    (None, Some(outcome)) => outcome.clone(),
                    (None, None) => Err("not run".to_string()),
                };
                match outcome {
                    Ok(()) => counts.passed += 1,
                    Err(reason) => {
                        counts.failed += 1;
                        if verbose || shown < 5 {
                            shown += 1;
                            details.push(format!(
                                "FAIL {} / {} / {} (valid: {}): {reason}",
                                file.name, group.description, case.description, case.valid
                            ));
                        }
                    }
                }
            }
        }
        if counts.failed > shown {
            details.push(format!(
                "     {}: {} more failures (--verbose)",
                file.name,
                counts.failed - shown
            ));
        }
        println!(
            "{:<40} {:>6} {:>6} {:>7}",
            file.name, counts.passed, counts.failed, counts.skipped
        );
        totals.passed += counts.passed;
        totals.failed += counts.failed;
        totals.skipped += counts.skipped;
    }
    for line in details {
        println!("{line}");
    }
    totals
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_out_of_scope_are_skipped_with_the_reason() {
        let reason = |schema: Value| skip_reason(&schema, None);
        assert!(
            reason(json!({"properties": {"a": {"unevaluatedProperties": false}}}))
                .unwrap()
                .contains("unevaluatedProperties")
        );
        assert!(
            reason(json!({"$ref": "https://json-schema.org/draft/2020-12/schema"}))
                .unwrap()
                .contains("metaschema")
        );
        assert!(
            reason(json!({"$ref": "http://localhost:1234/draft2020-12/integer.json"}))
                .unwrap()
                .contains("remotes/")
        );
        assert!(
            reason(json!({"$schema": "http://localhost:1234/custom.json"}))
                .unwrap()
                .contains("custom metaschema")
        );
        assert_eq!(
            reason(json!({"enum": [{"$ref": "#/not/a/reference"}]})),
            None
        );
        assert_eq!(
            reason(json!({"$schema": DRAFTS[2].1, "type": "integer"})),
            None
        );
    }

    #[test]
    fn suite_files_parse_into_groups_and_cases() {
        let groups = parse_groups(&json!([
            {"description": "g", "schema": true, "tests": [
                {"description": "c", "data": 1, "valid": true}
            ]}
        ]))
        .unwrap();
        assert_eq!(groups[0].cases[0].data, json!(1));
        assert!(parse_groups(&json!([{"schema": true}])).is_err());
    }

    #[test]
    fn runner_lines_give_each_case_its_outcome_in_order() {
        let case = |data: Value| Case {
            description: String::new(),
            data,
            valid: true,
            outcome: None,
        };
        let group = |cases: Vec<Case>| Group {
            description: String::new(),
            schema: json!(true),
            cases,
            skipped: None,
            broken: None,
        };
        let mut first = group(vec![case(json!(1)), case(json!(2))]);
        let mut second = group(vec![case(json!(3))]);
        let mut groups = vec![&mut first, &mut second];
        record_outcomes(
            &mut groups,
            &[0, 1],
            "0\tok\n1\tFAIL\twritten back as 2.5\n",
        );
        assert_eq!(first.cases[0].outcome, Some(Ok(())));
        assert_eq!(
            first.cases[1].outcome,
            Some(Err("written back as 2.5".to_string()))
        );
        assert!(
            second.cases[0].outcome.as_ref().unwrap().is_err(),
            "no line: failed"
        );
        assert_eq!(group_of("/tmp/x/schemas/g0012.json"), Some(12));
        assert_eq!(group_of("/tmp/x/remotes/integer.json"), None);
    }

    #[test]
    fn the_draft_comes_from_the_flag_else_the_folder() {
        let args = |paths: &[&str], draft: Option<&str>| Args {
            paths: paths.iter().map(PathBuf::from).collect(),
            draft: draft.map(str::to_string),
            only: Vec::new(),
            remotes: None,
            min_passed: None,
            verbose: false,
            scratch: None,
        };
        assert_eq!(draft_uri(&args(&["suite/tests/draft7"], None)), DRAFTS[2].1);
        assert_eq!(draft_uri(&args(&["x"], Some("2019-09"))), DRAFTS[3].1);
        assert_eq!(draft_uri(&args(&["x"], Some("draft6"))), DRAFTS[1].1);
        assert_eq!(draft_uri(&args(&["x"], None)), DRAFTS[4].1);
    }
}
