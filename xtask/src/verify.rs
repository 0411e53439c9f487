//! `cargo xtask verify-crate`: generate a crate from any inputs into a scratch folder, then hold
//! it to the bar every generated crate must meet: `cargo clippy -D warnings` (which also checks
//! that it compiles) and `cargo doc` with `-D warnings`, both with every feature on (so with
//! `schemars`). All such crates share one target folder, so their dependencies compile once.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use clap::Args;

/// Arguments of `verify-crate`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The crate name (also the scratch folder's name).
    #[arg(long)]
    pub name: String,
    /// Generate unresolvable JSON Schema `$ref`s as `serde_json::Value`.
    #[arg(long)]
    pub allow_unresolved_refs: bool,
    /// Skip `cargo doc` (clippy still runs).
    #[arg(long)]
    pub no_doc: bool,
    /// Check that every property description of the JSON Schema / OpenAPI inputs becomes a
    /// field doc, and print the counts.
    #[arg(long)]
    pub doc_coverage: bool,
    /// Input files or folders.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
}

/// Where scratch crates are written, and their shared target folder. The scratch folder is
/// outside the workspace (cargo would take a crate inside it for a missing member) and named
/// after the checkout, so two checkouts on one machine never write into each other's crates.
fn scratch_dirs(root: &Path) -> (PathBuf, PathBuf) {
    let checkout: String = root
        .to_string_lossy()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let scratch = std::env::temp_dir().join(format!("shapegen-verify{checkout}"));
    (scratch, root.join("target/generated-crates"))
}

/// Measures and prints description coverage; false when a description was lost.
fn check_doc_coverage(
    args: &VerifyArgs,
    model: &codegen::Model,
    files: &codegen::writer::CrateFiles,
) -> bool {
    let modules: Vec<&str> = ["src/types.rs", "src/errors.rs"]
        .iter()
        .filter_map(|path| files.files.get(*path).map(String::as_str))
        .collect();
    match crate::doc_coverage::measure(&args.inputs, model, &modules) {
        Ok(coverage) => {
            println!("{}: doc coverage: {coverage}", args.name);
            for (property, description) in coverage.lost.iter().take(20) {
                let short: String = description.chars().take(80).collect();
                eprintln!("  lost: {property}: {short}");
            }
            if !coverage.is_complete() {
                eprintln!(
                    "{}: some property descriptions are not field docs",
                    args.name
                );
            }
            coverage.is_complete()
        }
        Err(e) => {
            eprintln!("{}: doc coverage: {e}", args.name);
            false
        }
    }
}

/// Runs `verify-crate`.
pub fn run(args: &VerifyArgs) -> ExitCode {
    let root = xtask::workspace_root();
    let (scratch, target) = scratch_dirs(&root);
    let out = scratch.join(&args.name);
    let options = codegen::Options {
        crate_name: args.name.clone(),
        allow_unresolved_refs: args.allow_unresolved_refs,
        ..codegen::Options::default()
    };
    let started = Instant::now();
    let loaded = match codegen::load_model(&args.inputs, &options) {
        Ok(loaded) => loaded,
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            return ExitCode::FAILURE;
        }
    };
    let mut files = match codegen::rust::generate_crate(&loaded.model, &options) {
        Ok(files) => files,
        Err(diagnostics) => {
            codegen::diagnostics::render::eprint(&diagnostics);
            return ExitCode::FAILURE;
        }
    };
    files.warnings.extend(loaded.warnings);
    let generate_time = started.elapsed();
    if args.doc_coverage && !check_doc_coverage(args, &loaded.model, &files) {
        return ExitCode::FAILURE;
    }
    let lines: usize = files.files.values().map(|c| c.lines().count()).sum();
    let warnings = files.warnings.iter().count();
    if let Err(e) = codegen::writer::write(&files, &out) {
        eprintln!("error: writing {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    println!(
        "{}: generated {} files, {lines} lines, {warnings} warnings in {:.2}s",
        args.name,
        files.files.len(),
        generate_time.as_secs_f64()
    );
    let mut steps = vec![(
        "clippy",
        vec![
            "clippy",
            "--quiet",
            "--all-targets",
            "--all-features",
            "--",
            "-D",
            "warnings",
        ],
    )];
    if !args.no_doc {
        steps.push(("doc", vec!["doc", "--quiet", "--no-deps", "--all-features"]));
    }
    for (label, cargo_args) in steps {
        let started = Instant::now();
        let status = Command::new(env!("CARGO"))
            .args(&cargo_args)
            .current_dir(&out)
            .env("CARGO_TARGET_DIR", &target)
            .env("RUSTDOCFLAGS", "-D warnings")
            .status();
        let seconds = started.elapsed().as_secs_f64();
        match status {
            Ok(status) if status.success() => {
                println!("{}: cargo {label} ok in {seconds:.1}s", args.name)
            }
            Ok(_) | Err(_) => {
                eprintln!("{}: cargo {label} failed ({})", args.name, out.display());
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}
