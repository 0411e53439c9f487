//! Safe writes and determinism: a failed run (bad input, or a failure while files are moved into
//! place) leaves the previous output exactly as it was, modification times included; a
//! successful run with nothing new touches no file; the output is byte-identical whatever the
//! thread count and the order the inputs are given in.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use codegen::writer::CrateFiles;
use codegen::Options;

fn options() -> Options {
    Options {
        crate_name: "written".to_string(),
        ..Options::default()
    }
}

fn project_inputs() -> Vec<PathBuf> {
    xtask::project_codegen().inputs
}

/// Every file under `dir` (relative path → content and modification time).
fn snapshot_of(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
    let mut found = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).expect("readable folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            let content = std::fs::read(&path).expect("readable file");
            let modified = std::fs::metadata(&path)
                .and_then(|m| m.modified())
                .expect("modification time");
            let relative = path.strip_prefix(dir).expect("inside").to_path_buf();
            found.insert(relative, (content, modified));
        }
    }
    found
}

/// The names directly inside `dir`: a staging folder left behind would show here.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("readable folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A folder holding the project's crate as a previous run wrote it.
fn previous_output() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let out = dir.path().join("generated");
    let written = codegen::write_crate(&project_inputs(), &out, &options());
    assert!(written.is_ok(), "the project's schemas generate");
    (dir, out)
}

#[test]
fn a_generation_error_leaves_the_previous_output_untouched() {
    let (dir, out) = previous_output();
    let before = snapshot_of(&out);
    let bad =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("bad-inputs/errors/smithy-many-problems.json");
    let mut inputs = project_inputs();
    inputs.push(bad);
    let result = codegen::write_crate(&inputs, &out, &options());
    assert!(result.is_err(), "bad input must fail");
    assert_eq!(snapshot_of(&out), before, "contents and modification times");
    assert_eq!(names_in(dir.path()), ["generated"]);
}

#[test]
fn a_write_failure_leaves_the_previous_output_untouched() {
    let (dir, out) = previous_output();
    // A change that rewrites `Cargo.toml` (the crate name)...
    let mut options = options();
    options.crate_name = "renamed".to_string();
    // ...where one generated file cannot be written: a folder is in its place. (A failure in the
    // middle of moving files in is undone too: see the writer's own tests.)
    let lib = out.join("src/lib.rs");
    let lib_text = std::fs::read(&lib).expect("lib.rs");
    std::fs::remove_file(&lib).expect("remove lib.rs");
    std::fs::create_dir_all(lib.join("in-the-way")).expect("folder");
    std::fs::write(lib.join("in-the-way/file"), "x").expect("file");
    let before = snapshot_of(&out);
    let result = codegen::write_crate(&project_inputs(), &out, &options);
    assert!(result.is_err(), "a folder where a file goes must fail");
    assert_eq!(snapshot_of(&out), before, "contents and modification times");
    assert_eq!(names_in(dir.path()), ["generated"]);
    // With the obstacle gone the same run succeeds and rewrites only what changed.
    std::fs::remove_dir_all(&lib).expect("remove folder");
    std::fs::write(&lib, lib_text).expect("restore lib.rs");
    let (report, _) = codegen::write_crate(&project_inputs(), &out, &options).expect("writes");
    assert!(
        report.written.contains(&"Cargo.toml".to_string()),
        "{report:?}"
    );
    assert!(!report.unchanged.is_empty(), "{report:?}");
}

#[test]
fn regenerating_the_same_output_touches_no_file() {
    let (_dir, out) = previous_output();
    let before = snapshot_of(&out);
    let (report, _) = codegen::write_crate(&project_inputs(), &out, &options()).expect("writes");
    assert!(
        report.written.is_empty() && report.removed.is_empty(),
        "{report:?}"
    );
    assert_eq!(report.unchanged.len(), before.len());
    assert_eq!(snapshot_of(&out), before);
}

/// The generated files and warnings, as text that must not vary between runs.
fn generated(inputs: &[PathBuf], threads: usize) -> (BTreeMap<String, String>, String) {
    // A subset of a corpus may `$ref` files left out: those become `serde_json::Value`.
    let options = Options {
        allow_unresolved_refs: true,
        ..options()
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool");
    let files: CrateFiles = pool
        .install(|| codegen::generate_crate(inputs, &options))
        .unwrap_or_else(|diagnostics| panic!("inputs do not generate:\n{diagnostics}"));
    (files.files, files.warnings.to_string())
}

/// Generates `inputs` with 1 and 2 threads, and in reverse order; all must be byte-identical.
fn assert_deterministic(inputs: Vec<PathBuf>) {
    let reference = generated(&inputs, 1);
    assert_eq!(generated(&inputs, 2), reference, "1 vs 2 threads");
    let mut reversed = inputs;
    reversed.reverse();
    assert_eq!(generated(&reversed, 2), reference, "input order");
}

/// The files (not folders) directly in `dir`, sorted.
fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("readable folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn the_project_schemas_generate_the_same_bytes_whatever_threads_or_order() {
    let root = xtask::workspace_root();
    assert_deterministic(files_in(&root.join("schemas/smithy")));
    assert_deterministic(files_in(&root.join("schemas/jsonschema")));
}

#[test]
fn corpus_files_generate_the_same_bytes_whatever_threads_or_order() {
    let Some(corpus) = xtask::shared_corpus() else {
        eprintln!("note: ../shared/corpus is absent; corpus determinism test skipped");
        return;
    };
    assert_deterministic(vec![
        corpus.join("smithy-aws/cognito-identity-provider-2016-04-18.json"),
        corpus.join("smithy-aws/sts-2011-06-15.json"),
    ]);
    let cognito_schemas = corpus.join("cognito-json-schema");
    let some_schemas: Vec<PathBuf> = files_in(&cognito_schemas)
        .into_iter()
        .filter(|p| p.display().to_string().contains("user-pool-"))
        .take(40)
        .collect();
    assert!(!some_schemas.is_empty());
    assert_deterministic(some_schemas);
}
