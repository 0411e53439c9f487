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

/// The emitted modules in the order `lib.rs` declares them.
const MODULE_ORDER: [&str; 4] = ["types", "errors", "operations", "validation"];

/// One part of one module's items, emitted and formatted by one task (token streams cannot
/// move between threads, so a part is text when it leaves its task).
enum Job<'m> {
    Types(types::Part<'m>),
    Module(&'static str, ModuleEmitter),
}

type ModuleEmitter = fn(&TypeSpace<'_>) -> Result<TokenStream, Diagnostics>;

impl Job<'_> {
    fn module(&self) -> &'static str {
        match self {
            Job::Types(_) => "types",
            Job::Module(name, _) => name,
        }
    }

    fn run(&self, space: &TypeSpace<'_>) -> Result<String, Diagnostics> {
        let tokens = match self {
            Job::Types(part) => types::emit_part(space, part),
            Job::Module(_, emit) => emit(space)?,
        };
        format::format_tokens(self.module(), tokens)
    }
}

/// Emits and formats the modules, in parallel: each module is independent of the others, and
/// `types`, the largest, is emitted in parts (see [`types::parts`]).
fn render_modules(space: &TypeSpace<'_>) -> Result<Vec<RenderedModule>, Diagnostics> {
    // The one large job first, so that the parts of `types` fill the other threads around it.
    let mut jobs = vec![
        Job::Module("validation", validation::emit),
        Job::Module("operations", operations::emit),
        Job::Module("errors", errors::emit),
    ];
    jobs.extend(types::parts(space).into_iter().map(Job::Types));
    let texts: Vec<Result<String, Diagnostics>> =
        jobs.par_iter().map(|job| job.run(space)).collect();
    let mut diagnostics = Diagnostics::new();
    let mut parts: Vec<(&'static str, Vec<String>)> = Vec::new();
    for (job, text) in jobs.iter().zip(texts) {
        let text = match text {
            Ok(text) => text,
            Err(errors) => {
                diagnostics.extend(errors);
                continue;
            }
        };
        match parts.last_mut() {
            Some((module, texts)) if *module == job.module() => texts.push(text),
            _ => parts.push((job.module(), vec![text])),
        }
    }
    parts.sort_by_key(|(module, _)| MODULE_ORDER.iter().position(|m| m == module));
    let mut modules: Vec<RenderedModule> = parts
        .into_iter()
        .map(|(name, texts)| RenderedModule {
            name,
            source: format::join_parts(&texts),
        })
        .collect();
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
