//! `cargo xtask`: the project's own commands, a thin layer over the `codegen` library.

mod conformance;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use codegen::cli::{run_generate, GenerateArgs};
use codegen::writer;
use codegen::Options;

#[derive(Parser)]
#[command(name = "cargo xtask")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate `generated/` from `schemas/`.
    Codegen {
        /// Change nothing; exit 1 naming the stale files when `generated/` is out of date.
        #[arg(long)]
        check: bool,
    },
    /// Generate a standalone crate from any inputs.
    Generate(GenerateArgs),
    /// Run an external conformance suite.
    Conformance {
        #[command(subcommand)]
        suite: conformance::Suite,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Codegen { check } => codegen_command(check),
        Command::Generate(args) => run_generate(&args),
        Command::Conformance { suite } => conformance::run(suite),
    }
}

/// The workspace root (the parent of this crate's manifest folder).
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives inside the workspace")
        .to_path_buf()
}

/// The inputs and options of the project's own generated crate.
pub fn project_codegen() -> (Vec<PathBuf>, PathBuf, Options) {
    let root = workspace_root();
    let options = Options {
        crate_name: "generated".to_string(),
        ..Options::default()
    };
    (
        vec![root.join("schemas/smithy")],
        root.join("generated"),
        options,
    )
}

fn codegen_command(check: bool) -> ExitCode {
    let (inputs, out, options) = project_codegen();
    let files = match codegen::generate_crate(&inputs, &options) {
        Ok(files) => files,
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            return ExitCode::FAILURE;
        }
    };
    for warning in files.warnings.iter() {
        eprintln!("{warning}");
    }
    if check {
        return report_staleness(&files, &out);
    }
    match writer::write(&files, &out) {
        Ok(report) => {
            eprintln!(
                "generated/: {} written, {} unchanged, {} removed",
                report.written.len(),
                report.unchanged.len(),
                report.removed.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: writing {}: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}

fn report_staleness(files: &writer::CrateFiles, out: &Path) -> ExitCode {
    match writer::check(files, out) {
        Ok(staleness) if staleness.is_fresh() => {
            eprintln!("generated/ is up to date");
            ExitCode::SUCCESS
        }
        Ok(staleness) => {
            for file in &staleness.changed {
                eprintln!("stale: generated/{file}");
            }
            for file in &staleness.extra {
                eprintln!("would remove: generated/{file}");
            }
            eprintln!("generated/ is stale: run `cargo xtask codegen`");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("error: reading {}: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}
