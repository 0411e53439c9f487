//! The Rust back end: the resolved model → Rust source for a crate.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Model;
use crate::writer::CrateFiles;
use crate::Options;

pub mod pattern;

/// Generates a whole crate.
pub fn generate_crate(_model: &Model, _options: &Options) -> Result<CrateFiles, Diagnostics> {
    Err(Diagnostic::error("<model>", "", "the Rust back end is being written").into())
}

/// Generates the crate's modules as one source text of inline modules.
pub fn generate_module(_model: &Model, _options: &Options) -> Result<String, Diagnostics> {
    Err(Diagnostic::error("<model>", "", "the Rust back end is being written").into())
}
