//! Bad inputs: every file in `bad-inputs/errors/` fails with diagnostics a user can act on (file,
//! JSON pointer or shape id, line and column with the source shown) and leaves the output folder
//! alone; every file in `bad-inputs/warnings/` looks wrong but generates, with warnings. Each
//! rendering is an insta snapshot. Inputs too big to keep in the repository (deep nesting, huge
//! enums) are made by the tests.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use codegen::diagnostics::render::{self, SourceTexts};
use codegen::{Diagnostics, Options, Severity};

fn options() -> Options {
    Options {
        crate_name: "bad_input".to_string(),
        ..Options::default()
    }
}

/// The path as the tests' working directory (the crate folder) sees it, so diagnostics and
/// snapshots name `bad-inputs/...` on every machine.
fn relative(path: &Path) -> PathBuf {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    path.strip_prefix(crate_dir)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

/// The diagnostics as the CLI prints them (without colours), with machine-specific folders
/// replaced by placeholders.
fn rendered(diagnostics: &Diagnostics, folders: &[(&Path, &str)]) -> String {
    let mut text = render::to_string(diagnostics, &SourceTexts::read_named_files(diagnostics));
    for (folder, placeholder) in folders {
        text = text.replace(&folder.display().to_string(), placeholder);
    }
    let crate_dir = env!("CARGO_MANIFEST_DIR");
    text.replace(crate_dir, "<tests>")
}

/// Every error names the input, and a pointer, shape id or position inside it.
fn assert_actionable(diagnostics: &Diagnostics, input: &Path) {
    assert!(diagnostics.has_errors(), "no error for {}", input.display());
    for diagnostic in diagnostics.iter() {
        assert_eq!(
            diagnostic.file,
            input.display().to_string(),
            "{diagnostic} names another file"
        );
        let located = diagnostic.line_col.is_some() || !diagnostic.location.is_empty();
        assert!(located, "{diagnostic} says nowhere in the file");
    }
}

/// Writes `input` into a folder that already holds a crate, expects failure, and checks that
/// nothing in the folder changed; returns the diagnostics.
fn fails_without_writing(input: &Path) -> Diagnostics {
    let dir = tempfile::tempdir().expect("temporary folder");
    let out = dir.path().join("out");
    std::fs::create_dir_all(out.join("src")).expect("out folder");
    std::fs::write(out.join("src/lib.rs"), "// @generated\nold\n").expect("old file");
    let result = codegen::write_crate(&[input.to_path_buf()], &out, &options());
    let Err(diagnostics) = result else {
        panic!("{} generated, but it is malformed", input.display());
    };
    let mut entries: Vec<String> = std::fs::read_dir(dir.path())
        .expect("listing")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    entries.sort();
    assert_eq!(entries, ["out"], "a staging folder was left behind");
    let old = std::fs::read_to_string(out.join("src/lib.rs")).expect("old file");
    assert_eq!(old, "// @generated\nold\n");
    assert_eq!(std::fs::read_dir(out.join("src")).expect("src").count(), 1);
    diagnostics
}

#[test]
fn malformed_inputs_fail_with_located_diagnostics_and_write_nothing() {
    insta::glob!("../bad-inputs/errors", "*.*", |path| {
        let input = relative(path);
        let diagnostics = fails_without_writing(&input);
        assert_actionable(&diagnostics, &input);
        insta::assert_snapshot!(rendered(&diagnostics, &[]));
    });
}

#[test]
fn suspicious_but_valid_inputs_generate_with_warnings() {
    insta::glob!("../bad-inputs/warnings", "*.*", |path| {
        let input = relative(path);
        let files = match codegen::generate_crate(std::slice::from_ref(&input), &options()) {
            Ok(files) => files,
            Err(diagnostics) => panic!("{} does not generate:\n{diagnostics}", input.display()),
        };
        let recursive = input.display().to_string().contains("recursive");
        assert!(
            recursive || !files.warnings.is_empty(),
            "{} gives no warning",
            input.display()
        );
        assert!(files
            .warnings
            .iter()
            .all(|w| w.severity == Severity::Warning));
        let text = format!(
            "{}\n{}",
            rendered(&files.warnings, &[]),
            shapegen_tests::snapshot_text(&files)
        );
        insta::assert_snapshot!(text);
    });
}

#[test]
fn there_are_at_least_forty_malformed_inputs() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("bad-inputs/errors");
    let count = std::fs::read_dir(dir).expect("bad-inputs/errors").count();
    assert!(count >= 40, "only {count} malformed inputs");
}

#[test]
fn the_command_exits_with_status_1_and_reports_every_problem() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let input = relative(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("bad-inputs/errors/smithy-many-problems.json"),
    );
    let out = dir.path().join("out");
    let args = codegen::cli::GenerateArgs {
        out: out.clone(),
        name: None,
        only: Vec::new(),
        optional_input_members: false,
        allow_unresolved_refs: false,
        inputs: vec![input.clone()],
    };
    assert_eq!(codegen::cli::run_generate(&args), ExitCode::FAILURE);
    assert!(!out.exists(), "the output folder was created");
    let diagnostics = codegen::generate_crate(&[input], &options()).expect_err("bad input");
    assert_eq!(diagnostics.iter().count(), 4, "{diagnostics}");
}

/// Writes a generated input file into a temporary folder; returns the folder and the path.
fn generated_input(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("input file");
    (dir, path)
}

/// `depth` openings then as many closings (one per line, so a rendered snippet stays short).
fn nested(open: &str, close: &str, depth: usize) -> String {
    format!("{}{}", open.repeat(depth), close.repeat(depth))
}

const DEPTH: usize = 10_000;

fn deep_input_fails_cleanly(name: &str, text: &str) -> String {
    let (dir, path) = generated_input(name, text);
    // A thread with a small stack: deep input must be refused, never recursed into.
    let diagnostics = std::thread::Builder::new()
        .stack_size(1024 * 1024)
        .spawn(move || fails_without_writing(&path))
        .expect("thread")
        .join()
        .expect("no stack overflow or panic");
    let input = dir.path().join(name);
    assert_actionable(&diagnostics, &input);
    rendered(&diagnostics, &[(dir.path(), "<tmp>")])
}

#[test]
fn deeply_nested_json_schema_values_are_refused_with_a_diagnostic() {
    let text = format!(
        "{{\"title\": \"Deep\", \"type\": \"object\", \"default\":\n{}}}\n",
        nested("[\n", "]\n", DEPTH)
    );
    insta::assert_snapshot!(deep_input_fails_cleanly("deep-arrays.json", &text));
}

#[test]
fn deeply_nested_json_schemas_are_refused_with_a_diagnostic() {
    let text = format!(
        "{}{{\"type\": \"string\"}}{}\n",
        "{\"type\": \"array\", \"items\":\n".repeat(DEPTH),
        "}".repeat(DEPTH)
    );
    insta::assert_snapshot!(deep_input_fails_cleanly("deep-schemas.json", &text));
}

#[test]
fn deeply_nested_smithy_trait_values_are_refused_with_a_diagnostic() {
    let text = format!(
        "{{\"smithy\": \"2.0\", \"shapes\": {{\"a#B\": {{\"type\": \"string\", \"traits\": {{\"smithy.api#tags\":\n{}}}}}}}}}\n",
        nested("[\n", "]\n", DEPTH)
    );
    insta::assert_snapshot!(deep_input_fails_cleanly("deep-smithy.json", &text));
}

#[test]
fn deeply_nested_yaml_is_refused_with_a_diagnostic() {
    let text = format!(
        "title: Deep\ntype: object\ndefault:\n{}",
        nested("  [\n", "  ]\n", DEPTH)
    );
    insta::assert_snapshot!(deep_input_fails_cleanly("deep.yaml", &text));
}

#[test]
fn deeply_nested_idl_node_values_are_refused_with_a_diagnostic() {
    let text = format!(
        "$version: \"2\"\nnamespace a\n\n@tags(\n{})\nstring B\n",
        nested("[\n", "]\n", DEPTH)
    );
    insta::assert_snapshot!(deep_input_fails_cleanly("deep.smithy", &text));
}

/// Generates `text` and describes the enum it makes: warnings, variant count, first and last
/// (the variants of the enum's definition, not the `V0 = "v0",` rows of its impls table).
fn huge_enum_summary(name: &str, text: &str) -> String {
    let (dir, path) = generated_input(name, text);
    let files = match codegen::generate_crate(&[path], &options()) {
        Ok(files) => files,
        Err(diagnostics) => panic!("a huge enum does not generate:\n{diagnostics}"),
    };
    let types = &files.files["src/types.rs"];
    let variants: Vec<&str> = types
        .lines()
        .map(str::trim)
        .filter(|line| line.starts_with('V') && line.ends_with(',') && !line.contains('='))
        .collect();
    format!(
        "{}\nvariants: {}\nfirst: {}\nlast: {}\n",
        rendered(&files.warnings, &[(dir.path(), "<tmp>")]),
        variants.len(),
        variants.first().unwrap_or(&""),
        variants.last().unwrap_or(&"")
    )
}

const HUGE: usize = 20_000;

#[test]
fn a_json_schema_enum_of_twenty_thousand_values_generates() {
    let values: Vec<String> = (0..HUGE).map(|i| format!("\"v{i}\"")).collect();
    let text = format!(
        "{{\"title\": \"Big\", \"type\": \"string\", \"enum\": [{}]}}",
        values.join(",")
    );
    let summary = huge_enum_summary("huge-enum.json", &text);
    assert!(summary.contains(&format!("variants: {HUGE}")), "{summary}");
    insta::assert_snapshot!(summary);
}

#[test]
fn a_smithy_enum_of_twenty_thousand_members_generates() {
    let members: Vec<String> = (0..HUGE)
        .map(|i| {
            format!(
                "\"V{i}\": {{\"target\": \"smithy.api#Unit\", \"traits\": {{\"smithy.api#enumValue\": \"v-{i}\"}}}}"
            )
        })
        .collect();
    let text = format!(
        "{{\"smithy\": \"2.0\", \"shapes\": {{\"a#Big\": {{\"type\": \"enum\", \"members\": {{{}}}}}}}}}",
        members.join(",\n")
    );
    let summary = huge_enum_summary("huge-enum.json", &text);
    assert!(summary.contains(&format!("variants: {HUGE}")), "{summary}");
    insta::assert_snapshot!(summary);
}
