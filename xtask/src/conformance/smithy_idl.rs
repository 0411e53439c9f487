//! The Smithy IDL suite: valid `.smithy`/`.json` pairs must match, invalid files must be
//! rejected with a line and column, the mixin files must each parse.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args as ClapArgs;
use codegen::smithy::idl::conformance::{
    run_invalid, run_model_folders, run_parse_only, run_unpaired_valid, run_valid, CaseResult,
};

/// Arguments of `cargo xtask conformance smithy-idl`.
#[derive(ClapArgs)]
pub struct Args {
    /// The `smithy-conformance` folder.
    dir: PathBuf,
    /// Pass when at least this many valid pairs match (default: all of them).
    #[arg(long)]
    min_passed: Option<usize>,
    /// Pass when at least this many invalid files are rejected (default: all of them).
    #[arg(long)]
    min_rejected: Option<usize>,
}

/// Runs the suite and prints the results.
pub fn run(args: &Args) -> ExitCode {
    let valid_dir = args.dir.join("idl-loader-valid");
    let invalid_dir = args.dir.join("idl-loader-invalid");
    if !valid_dir.is_dir() || !invalid_dir.is_dir() {
        eprintln!(
            "error: {} does not hold idl-loader-valid/ and idl-loader-invalid/",
            args.dir.display()
        );
        return ExitCode::FAILURE;
    }

    println!("== idl-loader-valid without a .json: each .smithy must parse (not gated)");
    print_parsed(&run_unpaired_valid(&valid_dir));
    let mixins_dir = args.dir.join("idl-loader-mixins");
    if mixins_dir.is_dir() {
        println!("== idl-loader-mixins: each .smithy must parse on its own (not gated)");
        print_parsed(&run_parse_only(&mixins_dir));
    }

    let protocols_dir = args.dir.join("protocol-tests");
    if protocols_dir.is_dir() {
        println!("== protocol-tests: each protocol folder must parse as one model (not gated)");
        print_parsed(&run_model_folders(&protocols_dir));
    }

    println!("== idl-loader-valid: each .smithy must give its .json");
    let valid = run_valid(&valid_dir);
    let passed = print_results(&valid, "ok", "FAIL");
    println!("{passed} passed, {} failed", valid.len() - passed);

    println!("== idl-loader-invalid: each .smithy must be rejected with a line and column");
    let invalid = run_invalid(&invalid_dir);
    let rejected = print_results(&invalid, "ok", "FAIL");
    println!("{rejected} rejected, {} accepted", invalid.len() - rejected);

    let enough_valid = meets(passed, valid.len(), args.min_passed, "valid pairs passed");
    let enough_invalid = meets(
        rejected,
        invalid.len(),
        args.min_rejected,
        "invalid files rejected",
    );
    if enough_valid && enough_invalid {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Prints one line per case; returns how many passed.
fn print_results(results: &[CaseResult], ok: &str, fail: &str) -> usize {
    for result in results {
        let path = display(&result.path);
        if result.passed && result.detail.is_empty() {
            println!("{ok:4} {path}");
        } else if result.passed {
            println!("{ok:4} {path}: {}", result.detail);
        } else {
            println!("{fail:4} {path}: {}", result.detail);
        }
    }
    results.iter().filter(|r| r.passed).count()
}

fn print_parsed(results: &[CaseResult]) {
    let parsed = print_results(results, "ok", "FAIL");
    println!("{parsed} parsed, {} rejected", results.len() - parsed);
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

/// Whether `count` reaches the threshold (all of `total` when none is given).
fn meets(count: usize, total: usize, minimum: Option<usize>, what: &str) -> bool {
    let required = minimum.unwrap_or(total);
    if count < required {
        eprintln!("error: {count} {what}, below the required {required}");
        false
    } else {
        true
    }
}
