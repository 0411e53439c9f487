//! The `validation` emitter: the `Validate` trait and an impl per type.

use proc_macro2::TokenStream;
use quote::quote;

use super::typespace::TypeSpace;
use crate::diagnostics::Diagnostics;

/// Which pattern engines the generated validators use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PatternEngines {
    /// The `regex` crate.
    pub regex: bool,
    /// The `fancy-regex` crate.
    pub fancy_regex: bool,
}

/// The pattern engines `space`'s validators need.
pub fn pattern_engines(_space: &TypeSpace<'_>) -> PatternEngines {
    PatternEngines::default()
}

/// The runtime part of the module: `Validate`, `ValidationErrors`, `Violation`.
const RUNTIME: &str = include_str!("runtime/validation.rs");

/// The items of the `validation` module.
pub fn emit(_space: &TypeSpace<'_>) -> Result<TokenStream, Diagnostics> {
    let runtime: TokenStream = RUNTIME.parse().map_err(|e| {
        Diagnostics::from(crate::diagnostics::Diagnostic::error(
            "<validation runtime>",
            "",
            format!("internal error: {e}"),
        ))
    })?;
    Ok(quote! {
        #![doc = " Validation of values against the model's constraints."]
        #runtime
    })
}
