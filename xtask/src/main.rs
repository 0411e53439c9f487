//! `cargo xtask`: the project's own commands, a thin layer over the `codegen` library.

mod conformance;
mod corpus;
mod doc_coverage;
mod verify;

use std::path::Path;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Generation allocates many small token trees; mimalloc frees them much faster than the
/// system allocator (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use codegen::cli::{run_generate, GenerateArgs};
use codegen::diagnostics::render;
use codegen::writer;

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
    /// Generate a crate into a scratch folder and check it with clippy and rustdoc (-D warnings).
    VerifyCrate(verify::VerifyArgs),
    /// Generate a crate for every model in the given folders, in parallel, with a summary.
    Corpus(corpus::CorpusArgs),
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
        Command::VerifyCrate(args) => verify::run(&args),
        Command::Corpus(args) => corpus::run(&args),
        Command::Conformance { suite } => conformance::run(suite),
    }
}

fn codegen_command(check: bool) -> ExitCode {
    let project = xtask::project_codegen();
    let out = project.out;
    let files = match codegen::generate_crate(&project.inputs, &project.options) {
        Ok(files) => files,
        Err(diagnostics) => {
            render::eprint(&diagnostics);
            eprintln!("nothing was written to {}", out.display());
            return ExitCode::FAILURE;
        }
    };
    render::eprint(&files.warnings);
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
