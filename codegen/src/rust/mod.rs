//! The Rust back end: the resolved model → Rust source for a crate.
//!
//! [`typespace::TypeSpace`] makes every decision once (names, field types, boxing, derives);
//! then one emitter per module of the generated crate renders `TokenStream`s with `quote!`, and
//! [`format`] turns them into text. Nothing here reads Smithy or JSON Schema syntax.

pub mod docs;
pub mod errors;
pub mod format;
pub mod manifest;
pub mod naming;
pub mod operations;
pub mod pattern;
pub mod primitives;
pub mod schemars;
pub mod text;
pub mod types;
pub mod typespace;
pub mod validation;

use proc_macro2::TokenStream;
use rayon::prelude::*;

use crate::diagnostics::Diagnostics;
use crate::model::Model;
use crate::writer::CrateFiles;
use crate::Options;
use typespace::TypeSpace;

/// One module of the generated crate, rendered.
struct RenderedModule {
    name: &'static str,
    source: String,
}

/// Generates a whole crate: `Cargo.toml`, `src/lib.rs` and one file per module.
pub fn generate_crate(model: &Model, options: &Options) -> Result<CrateFiles, Diagnostics> {
    let space = TypeSpace::new(model, options);
    let modules = render_modules(&space)?;
    let needs = manifest::Needs::of(&space);
    let mut files = CrateFiles {
        dependencies: manifest::dependency_lines(&needs),
        warnings: space.names.warnings().clone(),
        ..Default::default()
    };
    files.files.insert(
        "Cargo.toml".to_string(),
        manifest::cargo_toml(&options.crate_name, &needs),
    );
    files.files.insert(
        "src/lib.rs".to_string(),
        manifest::lib_rs(&space, &module_names(&modules)),
    );
    for module in modules {
        let path = format!("src/{}.rs", module.name);
        files
            .files
            .insert(path, format::with_header(&module.source));
    }
    Ok(files)
}

/// Generates the crate's modules as one source text of inline `pub mod` items, for `include!`
/// from a consumer's `build.rs` output.
pub fn generate_module(model: &Model, options: &Options) -> Result<String, Diagnostics> {
    let space = TypeSpace::new(model, options);
    let modules = render_modules(&space)?;
    let mut text = format::with_header("");
    for module in modules {
        text.push_str(&format!(
            "{}pub mod {} {{\n{}}}\n\n",
            schemars::module_cfg(module.name),
            module.name,
            module.source
        ));
    }
    Ok(text)
}

fn module_names(modules: &[RenderedModule]) -> Vec<&'static str> {
    modules.iter().map(|m| m.name).collect()
}

/// Emits and formats the modules, in parallel (each module is independent of the others).
fn render_modules(space: &TypeSpace<'_>) -> Result<Vec<RenderedModule>, Diagnostics> {
    type Emitter = fn(&TypeSpace<'_>) -> Result<TokenStream, Diagnostics>;
    let emitters: [(&'static str, Emitter); 4] = [
        ("types", |space| Ok(types::emit(space))),
        ("errors", errors::emit),
        ("operations", operations::emit),
        ("validation", validation::emit),
    ];
    let rendered: Vec<(&'static str, Result<String, Diagnostics>)> = emitters
        .par_iter()
        .map(|(name, emit)| {
            let source = emit(space).and_then(|tokens| format::format_tokens(name, tokens));
            (*name, source)
        })
        .collect();
    let mut diagnostics = Diagnostics::new();
    let mut modules = Vec::new();
    for (name, result) in rendered {
        match result {
            Ok(source) => modules.push(RenderedModule { name, source }),
            Err(errors) => diagnostics.extend(errors),
        }
    }
    if let Some(source) = primitives::source(space) {
        modules.push(RenderedModule {
            name: "primitives",
            source,
        });
    }
    modules.push(RenderedModule {
        name: schemars::MODULE,
        source: schemars::module_source(space),
    });
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(modules)
}
