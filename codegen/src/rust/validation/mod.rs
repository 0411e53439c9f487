//! The `validation` emitter: the generated crate's `validation` module, with the runtime
//! (`Validate`, `FromJson`, `Path`, `Violation`, `ValidationErrors`, written once in
//! `runtime/validation.rs`) and, per structure, union, enum and intEnum, an `impl Validate`
//! and (structures and unions) an `impl FromJson`.
//!
//! How the generated code is organised:
//! - constraints on simple shapes (aliases) are checked where the value is used, with the
//!   member's effective constraints, by a private `check_*` function per distinct (shape,
//!   constraints) pair; structures, unions and enums check their own constraints in their impl;
//! - each distinct pattern is one static (`CLIENT_ID_TYPE_PATTERN`), compiled by the pattern
//!   compiler to the cheapest engine that is exact;
//! - paths are a borrowed chain (`Path`), turned into a JSON Pointer only for a violation.
//!
//! [`table`] writes both impls of most structures as one call of the runtime's
//! `structure_validation_impls!` macro (a row per member); for the rest,
//! [`checks`] emits `Validate`, [`json`] emits `FromJson::check_json`, [`numbers`] turns range
//! and multipleOf bounds into comparisons, [`patterns`] owns the pattern statics.

mod assertions;
mod checks;
mod json;
mod nulls;
mod numbers;
mod patterns;
mod table;

use proc_macro2::TokenStream;
use quote::quote;

use super::typespace::TypeSpace;
use crate::diagnostics::Diagnostics;
use crate::model::{Assertion, Constraints, Model, ShapeKind};

pub use patterns::PatternEngines;

/// The runtime part of the module: `Validate`, `FromJson`, `Path`, `ValidationErrors`, ...
const RUNTIME: &str = include_str!("../runtime/validation.rs");

/// The `structure_validation_impls!` macro that implements `Validate` and `FromJson` for most
/// structures, copied in as written (prettyplease would run a macro's body together into filled
/// lines); only into modules that call it, so it is never unused.
const STRUCTURE_MACRO: &str = include_str!("../runtime/structure_validation.rs");

/// The documentation of the generated module.
const MODULE_DOC: &[&str] = &[
    " Validation of values against the model's constraints.",
    "",
    " - [`Validate::validate`] checks a value already in memory and reports every violation,",
    "   each with a JSON Pointer over wire names ([`Violation::path`]) and a message in the",
    "   wording of Smithy's validation exceptions. Messages never contain the offending value.",
    " - [`FromJson::from_json`] (and `from_slice`, `from_value`) reads JSON and validates it in",
    "   one step; type mismatches, missing required members and unknown members are reported",
    "   the same way, all of them, not only the first.",
    "",
    " Strings are measured in Unicode scalar values, lists and maps in entries, blobs in bytes.",
    " Big numbers are compared exactly, as decimal text.",
];

/// The pattern engines `space`'s validators need (for the crate's dependencies).
pub fn pattern_engines(space: &TypeSpace<'_>) -> PatternEngines {
    patterns::engines_of(model_patterns(space.model))
}

/// Every pattern the model's shapes and members carry.
fn model_patterns(model: &Model) -> impl Iterator<Item = &str> {
    model.shapes.values().flat_map(|shape| {
        let members: Vec<&crate::model::Member> = match &shape.kind {
            ShapeKind::Structure(s) => s.members.iter().collect(),
            ShapeKind::Union(u) => u.members.iter().collect(),
            ShapeKind::List(item) => vec![item.as_ref()],
            ShapeKind::Map { key, value } => vec![key.as_ref(), value.as_ref()],
            _ => Vec::new(),
        };
        let all: Vec<&Constraints> = std::iter::once(&shape.constraints)
            .chain(members.into_iter().map(|m| &m.constraints))
            .collect();
        all.into_iter().flat_map(constraint_patterns)
    })
}

/// The patterns of one set of constraints, those inside assertions included.
fn constraint_patterns(constraints: &Constraints) -> Vec<&str> {
    let mut found: Vec<&str> = constraints.patterns.iter().map(String::as_str).collect();
    visit_patterns(&constraints.assertions, &mut found);
    found
}

fn visit_patterns<'a>(assertions: &'a [Assertion], found: &mut Vec<&'a str>) {
    for assertion in assertions {
        match assertion {
            Assertion::Pattern(pattern) => found.push(pattern),
            Assertion::Properties { patterns, .. } => {
                found.extend(patterns.iter().map(|(p, _)| p.as_str()));
            }
            _ => {}
        }
        assertion.for_each_check(&mut |check| visit_patterns(&check.assertions, found));
    }
}

/// The items of the `validation` module; an error for every invalid pattern.
pub fn emit(space: &TypeSpace<'_>) -> Result<TokenStream, Diagnostics> {
    let runtime = super::format::verbatim(RUNTIME);
    let mut emitter = checks::Emitter::new(space);
    let mut impls = Vec::new();
    let mut uses_macro = false;
    for shape in space.model.shapes.values() {
        if !space.has_item(&shape.id) {
            continue;
        }
        match emitter.structure_table(shape) {
            Some(call) => {
                impls.push(super::format::verbatim(&call));
                uses_macro = true;
            }
            None => {
                impls.push(emitter.validate_impl(shape));
                impls.push(emitter.json_check_impl(shape));
            }
        }
    }
    let structure_macro = uses_macro.then(|| super::format::verbatim(STRUCTURE_MACRO));
    let (helpers, statics, diagnostics) = emitter.finish();
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    let docs = MODULE_DOC.iter();
    Ok(quote! {
        #(#![doc = #docs])*
        #runtime
        #structure_macro
        #(#statics)*
        #(#impls)*
        #(#helpers)*
    })
}

#[cfg(test)]
mod tests;

/// The validation runtime as it appears inside every generated `validation` module, copied as
/// written (snapshot tests leave it out, since it is the same for every model).
pub fn runtime_text() -> &'static str {
    RUNTIME
}
