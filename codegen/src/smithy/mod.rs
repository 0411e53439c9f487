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
//!   is used when no service in the model speaks `aws.protocols#awsJson1_0` or `awsJson1_1`
//!   (those protocols ignore `@jsonName`; restJson1 and protocol-less models honour it).
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
    let parsed: Vec<(Arc<str>, Result<SmithyAst, Diagnostics>)> = sources
        .par_iter()
        .map(|source| (Arc::from(source.display_name()), parse_source(source)))
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

/// Reads one source into the syntax model, by its format.
fn parse_source(source: &Source) -> Result<SmithyAst, Diagnostics> {
    let name = source.display_name();
    match source.format {
        Format::SmithyJson => json::parse(&source.text, &name).map_err(Diagnostics::from),
        Format::SmithyIdl => parse_idl(source),
        Format::OpenApi | Format::JsonSchema => Err(Diagnostics::from(Diagnostic::error(
            name,
            "",
            "not a Smithy file (it was detected as JSON Schema or OpenAPI)",
        ))),
    }
}

/// Reads a Smithy IDL source.
///
/// LEAD: rewire to `crate::smithy::idl::parse(&source.text, &source.display_name())` once the
/// IDL parser (`codegen/src/smithy/idl/`) is merged; it returns `Result<SmithyAst, Diagnostics>`.
fn parse_idl(source: &Source) -> Result<SmithyAst, Diagnostics> {
    Err(Diagnostics::from(Diagnostic::error(
        source.display_name(),
        "",
        "Smithy IDL input is not supported in this build",
    )))
}

#[cfg(test)]
mod tests;
