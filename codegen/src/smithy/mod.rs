//! The Smithy front end: JSON AST and IDL files → the Smithy syntax model ([`ast`]) → the
//! resolved [`crate::model::Model`].
//!
//! Stages, one module each: [`json`] reads a JSON AST file into a [`SmithyAst`] (the IDL parser
//! produces the same type); [`merge`] puts every file's shapes together; [`flatten`] checks ids
//! and shape types, merges `apply` statements and flattens mixins; [`resolve`] builds the model
//! and checks references; [`check`] looks for constraints no value can meet. Problems from every
//! stage are collected, so one run reports them all; any error means no model.
//!
//! Rules worth knowing:
//! - **Wire names.** `Member.wire_name` is the member name, except that a member's `@jsonName`
//!   is used unless a service speaking `aws.protocols#awsJson1_0` or `awsJson1_1` reaches its
//!   structure or union (those protocols ignore `@jsonName`; restJson1 and protocol-less models
//!   honour it). Shapes of a restJson1 service keep their `@jsonName`s beside an awsJson one.
//! - **Prelude.** Targets such as `smithy.api#String` or `smithy.api#Unit` become shapes in
//!   namespace `smithy.api` when a model shape targets them. Mixins (`@mixin`) are flattened
//!   into the shapes that use them and are not model shapes themselves.
//! - **Legacy enums.** A `string` with the `smithy.api#enum` trait is an enum; each value's name
//!   is the entry's `name`, or else its `value`.
//! - **Operations.** `smithy.api#Unit` input or output is `None`; errors are the operation's own,
//!   then its service's, without repeats; an operation's service is the first in id order that
//!   reaches it, directly or through resources.
//! - **Constraints.** A member keeps only the constraints its own traits state;
//!   [`crate::model::Model::effective_constraints`] merges in the target's.
//! - Traits not listed in [`traits`] are ignored, never fatal.

pub mod ast;
pub mod check;
pub mod flatten;
pub mod idl;
pub mod json;
pub mod merge;
pub mod prelude;
pub mod resolve;
pub mod traits;

use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::input::{Format, Source};
use crate::{Loaded, Options};

pub use ast::SmithyAst;

/// Parses and resolves Smithy sources (JSON AST and IDL) into one model.
pub fn load(sources: &[&Source], _options: &Options) -> Result<Loaded, Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    let mut files = parse_json_sources(sources, &mut diagnostics);
    let idl_files = parse_idl_sources(sources, &files, &mut diagnostics);
    files.extend(idl_files);
    let (merged, merge_problems) = merge::merge(files);
    diagnostics.extend(merge_problems);
    let table = flatten::build(merged, &mut diagnostics);
    let model = resolve::resolve(&table, &mut diagnostics);
    check::check(&model, &mut diagnostics);
    let diagnostics = diagnostics.normalized();
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(Loaded {
        model,
        warnings: diagnostics,
    })
}

/// Reads every JSON AST source (in parallel) into the syntax model.
fn parse_json_sources(
    sources: &[&Source],
    diagnostics: &mut Diagnostics,
) -> Vec<(Arc<str>, SmithyAst)> {
    let parsed: Vec<(Arc<str>, Result<SmithyAst, Diagnostics>)> = sources
        .par_iter()
        .filter(|source| source.format != Format::SmithyIdl)
        .map(|source| (Arc::from(source.display_name()), parse_json_source(source)))
        .collect();
    let mut files = Vec::new();
    for (file, result) in parsed {
        match result {
            Ok(ast) => {
                if let Some(warning) = json::version_warning(&ast, &file) {
                    diagnostics.push(warning);
                }
                files.push((file, ast));
            }
            Err(errors) => diagnostics.extend(errors),
        }
    }
    files
}

fn parse_json_source(source: &Source) -> Result<SmithyAst, Diagnostics> {
    let name = source.display_name();
    match source.format {
        Format::SmithyJson => json::parse(&source.text, &name).map_err(Diagnostics::from),
        Format::SmithyIdl | Format::OpenApi | Format::JsonSchema => {
            Err(Diagnostics::from(Diagnostic::error(
                name,
                "",
                "not a Smithy JSON AST file (it was detected as another format)",
            )))
        }
    }
}

/// Reads every IDL source together (relative ids and target elision look across all files of
/// the model, with the JSON AST files as context).
fn parse_idl_sources(
    sources: &[&Source],
    json_files: &[(Arc<str>, SmithyAst)],
    diagnostics: &mut Diagnostics,
) -> Vec<(Arc<str>, SmithyAst)> {
    let idl: Vec<(&Source, String)> = sources
        .iter()
        .filter(|source| source.format == Format::SmithyIdl)
        .map(|source| (*source, source.display_name()))
        .collect();
    if idl.is_empty() {
        return Vec::new();
    }
    let inputs: Vec<idl::IdlSource<'_>> = idl
        .iter()
        .map(|(source, name)| idl::IdlSource {
            text: &source.text,
            file: name,
        })
        .collect();
    let context: Vec<&SmithyAst> = json_files.iter().map(|(_, ast)| ast).collect();
    match idl::parse_all(&inputs, &context) {
        Ok(asts) => idl
            .iter()
            .zip(asts)
            .map(|((_, name), ast)| (Arc::from(name.as_str()), ast))
            .collect(),
        Err(errors) => {
            diagnostics.extend(errors);
            Vec::new()
        }
    }
}

#[cfg(test)]
mod tests;
