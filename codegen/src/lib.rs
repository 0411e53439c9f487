//! Shapegen: Smithy models and JSON Schema / OpenAPI documents in, a Rust crate of exact,
//! validated types out.
//!
//! The pipeline runs one way, one module per stage:
//!
//! ```text
//! input (detect formats, read files)
//!   → smithy / jsonschema (front ends: parse, then resolve into the model)
//!   → model (language-neutral, resolved)
//!   → rust (back end: naming, then one emitter per concern → TokenStreams)
//!   → writer (format, stage, compare, move into place)
//! ```
//!
//! Most users call [`generate_crate`] (what `cargo xtask generate` and the `shapegen` binary do)
//! or, from a `build.rs`, [`generate_module`]. See `ARCHITECTURE.md` for the tour.

pub mod diagnostics;
pub mod input;
pub mod jsonschema;
pub mod model;
pub mod rust;
pub mod smithy;
pub mod writer;

#[cfg(feature = "cli")]
pub mod cli;

use std::path::{Path, PathBuf};

pub use diagnostics::{Diagnostic, Diagnostics, Severity};
pub use model::Model;

/// What to generate and how. `Options::default()` is what `cargo xtask codegen` uses, apart from
/// the crate name.
#[derive(Debug, Clone)]
pub struct Options {
    /// The generated crate's package name.
    pub crate_name: String,
    /// Keep only what these operations (by shape name or absolute id) reach; empty keeps all.
    pub only_operations: Vec<String>,
    /// Follow Smithy's client rule: every member of an `@input` structure is an `Option`, even
    /// when `@required`. Off by default, so a schema change that relaxes `@required` shows up as a
    /// type change.
    pub optional_input_members: bool,
    /// Generate unresolvable JSON Schema `$ref`s as `serde_json::Value` with a warning, instead of
    /// failing.
    pub allow_unresolved_refs: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            crate_name: "generated".to_string(),
            only_operations: Vec::new(),
            optional_input_members: false,
            allow_unresolved_refs: false,
        }
    }
}

/// A resolved model plus the warnings found on the way.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The model.
    pub model: Model,
    /// Warnings (errors stop loading).
    pub warnings: Diagnostics,
}

/// Reads every input (files, or directories searched for model files), detects each one's
/// format, and resolves them together into one model, restricted to `options.only_operations`.
/// Diagnostics carry the line and column of what they are about, where it can be found.
pub fn load_model(inputs: &[PathBuf], options: &Options) -> Result<Loaded, Diagnostics> {
    let sources = input::read_inputs(inputs)?;
    load_sources(&sources, options)
}

/// [`load_model`] for sources already read.
pub fn load_sources(sources: &[input::Source], options: &Options) -> Result<Loaded, Diagnostics> {
    let locator = diagnostics::locate::Locator::new(sources);
    let mut loaded = input::resolve(sources, options).map_err(|e| locator.locate_all(e))?;
    if !options.only_operations.is_empty() {
        loaded.model =
            model::select::restrict_to_operations(&loaded.model, &options.only_operations)
                .map_err(Diagnostics::from)?;
    }
    let model = &loaded.model;
    if model.shapes.is_empty() && model.operations.is_empty() && model.services.is_empty() {
        let file = sources
            .first()
            .map_or("<inputs>".to_string(), |s| s.display_name());
        let message = "the inputs define no shapes: the generated crate is empty";
        loaded.warnings.push(Diagnostic::warning(file, "", message));
    }
    let locator = locator.with_model(&loaded.model);
    loaded.warnings = locator.locate_all(loaded.warnings);
    Ok(loaded)
}

/// Generates a whole crate (`Cargo.toml`, `src/*.rs`) in memory from the inputs.
pub fn generate_crate(
    inputs: &[PathBuf],
    options: &Options,
) -> Result<writer::CrateFiles, Diagnostics> {
    let sources = input::read_inputs(inputs)?;
    let (loaded, files) = std::thread::scope(|scope| {
        if rayon::current_thread_index().is_none() {
            // Called from outside the thread pool (not from a corpus run, which keeps every
            // core busy): the front end runs on this thread, so another converts the inputs'
            // documentation and compiles their patterns meanwhile.
            scope.spawn(|| prepare_ahead(&sources));
        }
        let loaded = load_sources(&sources, options)?;
        let files = rust::generate_crate(&loaded.model, options);
        Ok::<_, Diagnostics>((loaded, files))
    })?;
    let locator = diagnostics::locate::Locator::new(&sources).with_model(&loaded.model);
    let mut files = files.map_err(|e| locator.locate_all(e))?;
    let warnings = std::mem::take(&mut files.warnings);
    files.warnings = locator.locate_all(warnings);
    files.warnings.extend(loaded.warnings);
    Ok(files)
}

/// Converts the documentation and compiles the patterns of `sources` into the back end's
/// process-wide tables, where the emitters find them (the results are what the emitters would
/// compute themselves; a pattern that does not compile is reported by them, not here).
fn prepare_ahead(sources: &[input::Source]) {
    let texts = input::texts_ahead(sources);
    for pattern in &texts.patterns {
        let _ = rust::pattern::compile(pattern);
    }
    rust::docs::prepare(texts.documentation.iter().map(String::as_str));
}

/// Generates the crate's modules as one Rust source text (inline `pub mod` items), for a
/// consumer's `build.rs` to write into `OUT_DIR` and `include!`. The consumer's crate needs the
/// dependencies listed in [`writer::CrateFiles::dependencies`] (serde, serde_json, ...).
pub fn generate_module(inputs: &[PathBuf], options: &Options) -> Result<String, Diagnostics> {
    let sources = input::read_inputs(inputs)?;
    let loaded = load_sources(&sources, options)?;
    let locator = diagnostics::locate::Locator::new(&sources).with_model(&loaded.model);
    rust::generate_module(&loaded.model, options).map_err(|e| locator.locate_all(e))
}

/// Generates a crate and writes it to `out_dir` safely (see [`writer`]).
pub fn write_crate(
    inputs: &[PathBuf],
    out_dir: &Path,
    options: &Options,
) -> Result<(writer::WriteReport, Diagnostics), Diagnostics> {
    let files = generate_crate(inputs, options)?;
    let report = write_files(&files, out_dir)?;
    Ok((report, files.warnings.clone()))
}

/// Writes generated files to `out_dir` safely (see [`writer`]); a failure is a diagnostic
/// naming the folder.
pub fn write_files(
    files: &writer::CrateFiles,
    out_dir: &Path,
) -> Result<writer::WriteReport, Diagnostics> {
    writer::write(files, out_dir).map_err(|e| {
        Diagnostics::from(Diagnostic::error(
            out_dir.display().to_string(),
            "",
            e.to_string(),
        ))
    })
}
