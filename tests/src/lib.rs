//! Helpers shared by the test files: where fixtures live, and generating a fixture into text.

use std::path::PathBuf;

use codegen::Options;

/// A fixture file under `tests/fixtures`.
pub fn fixture(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(relative)
}

/// The generated files of a fixture that a snapshot shows: every module but the fixed runtime
/// (`primitives`, `json_schema`), joined with a header line naming each file.
pub fn generate_for_snapshot(relative: &str) -> String {
    let options = Options {
        crate_name: "fixture".to_string(),
        ..Options::default()
    };
    let files = match codegen::generate_crate(&[fixture(relative)], &options) {
        Ok(files) => files,
        Err(diagnostics) => panic!("fixture {relative} does not generate:\n{diagnostics}"),
    };
    snapshot_text(&files)
}

/// The text a snapshot shows of a generated crate: its warnings' messages, then every module but
/// the fixed runtime (`primitives`), each after a header line naming its file.
pub fn snapshot_text(files: &codegen::writer::CrateFiles) -> String {
    let runtime = codegen::rust::validation::runtime_text();
    let mut text = String::new();
    for warning in files.warnings.iter() {
        text.push_str(&format!("// warning: {}\n", warning.message));
    }
    for (path, content) in &files.files {
        if path.ends_with("primitives.rs")
            || path.ends_with("json_schema.rs")
            || path == "Cargo.toml"
        {
            continue;
        }
        let content = if runtime.is_empty() {
            content.clone()
        } else {
            content.replace(
                runtime.trim(),
                "// (the validation runtime, the same in every crate)",
            )
        };
        text.push_str(&format!("// ===== {path} =====\n{content}\n"));
    }
    text
}
