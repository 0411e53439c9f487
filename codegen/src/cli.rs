//! The `generate` command shared by the `shapegen` binary and `cargo xtask generate`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::diagnostics::render;
use crate::{generate_crate, write_files, Options};

/// Arguments of `generate`.
#[derive(Debug, Clone, Args)]
pub struct GenerateArgs {
    /// Where to write the crate (created if missing).
    #[arg(long)]
    pub out: PathBuf,
    /// The crate's package name (default: the output folder's name).
    #[arg(long)]
    pub name: Option<String>,
    /// Keep only what these operations reach (shape name or absolute id).
    #[arg(long, num_args = 1..)]
    pub only: Vec<String>,
    /// Make every member of an `@input` structure an `Option` (Smithy's client rule).
    #[arg(long)]
    pub optional_input_members: bool,
    /// Generate unresolvable JSON Schema `$ref`s as `serde_json::Value`, with a warning.
    #[arg(long)]
    pub allow_unresolved_refs: bool,
    /// Input files, or folders searched for `.json`, `.smithy`, `.yaml` and `.yml` files.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
}

impl GenerateArgs {
    /// The library options these arguments ask for.
    pub fn options(&self) -> Options {
        let crate_name = self.name.clone().unwrap_or_else(|| {
            self.out
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "generated".to_string())
        });
        Options {
            crate_name,
            only_operations: self.only.clone(),
            optional_input_members: self.optional_input_members,
            allow_unresolved_refs: self.allow_unresolved_refs,
        }
    }
}

/// Runs `generate`: prints warnings and errors to stderr (each with its file, line and column,
/// and the offending source line); exit status 1 on any error, in which case nothing under
/// `--out` changed. Warnings are printed while the files are written.
pub fn run_generate(args: &GenerateArgs) -> ExitCode {
    let files = match generate_crate(&args.inputs, &args.options()) {
        Ok(files) => files,
        Err(diagnostics) => return failure(args, &diagnostics),
    };
    let written = std::thread::scope(|scope| {
        scope.spawn(|| render::eprint(&files.warnings));
        write_files(&files, &args.out)
    });
    match written {
        Ok(report) => {
            eprintln!(
                "generated {}: {} written, {} unchanged, {} removed",
                args.out.display(),
                report.written.len(),
                report.unchanged.len(),
                report.removed.len()
            );
            ExitCode::SUCCESS
        }
        Err(diagnostics) => failure(args, &diagnostics),
    }
}

fn failure(args: &GenerateArgs, diagnostics: &crate::Diagnostics) -> ExitCode {
    render::eprint(diagnostics);
    eprintln!("nothing was written to {}", args.out.display());
    ExitCode::FAILURE
}
