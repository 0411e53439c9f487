//! The `shapegen` command: `shapegen generate --out DIR INPUT...`.

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use codegen::cli::{run_generate, GenerateArgs};

/// Generation allocates many small token trees; mimalloc frees them much faster than the
/// system allocator (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Generates Rust crates from Smithy models and JSON Schema / OpenAPI documents.
#[derive(Parser)]
#[command(name = "shapegen", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate a standalone crate from input files or folders.
    Generate(GenerateArgs),
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Generate(args) => run_generate(&args),
    }
}
