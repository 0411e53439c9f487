//! `cargo xtask conformance <suite>`: runs external conformance material through the library,
//! prints one `ok`/`FAIL` line per file and a summary line per group, and exits non-zero when a
//! group falls below its threshold (every file, unless a recorded minimum is given).

mod protocol;
mod smithy_idl;

use std::process::ExitCode;

use clap::Subcommand;

/// The suites.
#[derive(Subcommand)]
pub enum Suite {
    /// Smithy's IDL loader tests: `DIR` is the `smithy-conformance` folder (holding
    /// `idl-loader-valid`, `idl-loader-invalid` and `idl-loader-mixins`).
    SmithyIdl(smithy_idl::Args),
    /// Smithy's HTTP protocol tests for awsJson1_0, awsJson1_1 and restJson1, run through
    /// generated code: `DIR` is the `protocol-tests` folder.
    ProtocolTests(protocol::Args),
}

/// Runs one suite.
pub fn run(suite: Suite) -> ExitCode {
    match suite {
        Suite::SmithyIdl(args) => smithy_idl::run(&args),
        Suite::ProtocolTests(args) => protocol::run(&args),
    }
}
