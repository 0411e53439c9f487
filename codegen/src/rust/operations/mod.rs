//! The `operations` emitter: per operation, a unit struct implementing the `Operation` trait
//! (input, output, error types, name and wire binding) and its error enum ([`error_enum`]); plus
//! the fixed runtime part (`Operation`, `OperationError`, `ErrorView`, `Binding`, `Unit`,
//! `Unhandled` and the error-response helpers, written once in `runtime/operations.rs`, and the
//! `operation_error_impls!` macro of `runtime/operation_errors.rs` that implements each error
//! enum).
//!
//! Operations without input or output use the runtime's empty `Unit` struct, not `()`: JSON
//! protocols send and return `{}` for them, which `()` would neither write nor read.

pub mod error_enum;

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc_attrs_with;
use super::typespace::{Module, TypeSpace};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Operation, Protocol};

/// The fixed part of the module.
const RUNTIME: &str = include_str!("../runtime/operations.rs");

/// The `operation_error_impls!` macro that implements each error enum, copied in as written
/// (prettyplease would run a macro's body together into filled lines); only into modules that
/// have operations, so it is never unused.
const ERROR_IMPLS_MACRO: &str = include_str!("../runtime/operation_errors.rs");

/// The type names the runtime part defines in the module.
pub const RUNTIME_TYPES: &[&str] = &[
    "Binding",
    "ErrorResponse",
    "ErrorView",
    "Operation",
    "OperationError",
    "ReadError",
    "Unhandled",
    "UnhandledDetails",
    "Unit",
];

/// The items of the `operations` module.
pub fn emit(space: &TypeSpace<'_>) -> Result<TokenStream, Diagnostics> {
    check_item_names(space)?;
    let runtime = super::format::verbatim(RUNTIME);
    let error_impls_macro = if space.model.operations.is_empty() {
        TokenStream::new()
    } else {
        super::format::verbatim(ERROR_IMPLS_MACRO)
    };
    let items = space
        .model
        .operations
        .values()
        .map(|operation| emit_operation(space, operation));
    Ok(quote! {
        #![doc = " Operations: one unit struct per operation, implementing [`Operation`], and its error"]
        #![doc = " enum; plus what they share: the wire [`Binding`], [`Unit`] for operations without"]
        #![doc = " input or output, [`Unhandled`] errors and [`ErrorResponse`] parsing."]
        #runtime
        #error_impls_macro
        #(#items)*
    })
}

/// Every type name of the module must be unique: the runtime's, each operation's and each
/// error enum's (`<Operation>Error`). A clash (an operation called `Unit`, or `GetFoo` next to
/// `GetFooError`) is reported as an error rather than emitted as code that does not compile.
fn check_item_names(space: &TypeSpace<'_>) -> Result<(), Diagnostics> {
    let mut owners: BTreeMap<String, String> = RUNTIME_TYPES
        .iter()
        .map(|name| (name.to_string(), "the operations runtime".to_string()))
        .collect();
    let mut diagnostics = Diagnostics::new();
    for operation in space.model.operations.values() {
        let names = [
            space.names.operation_ident(&operation.id),
            error_enum::error_enum_ident(space, operation),
        ];
        for name in names {
            let owner = format!("operation `{}`", operation.id);
            if let Some(previous) = owners.insert(name.to_string(), owner) {
                diagnostics.push(Diagnostic::error(
                    operation.source.file.to_string(),
                    operation.id.to_string(),
                    format!(
                        "the Rust name `{name}` in module `operations` is also used by {previous}"
                    ),
                ));
            }
        }
    }
    if diagnostics.has_errors() {
        Err(diagnostics)
    } else {
        Ok(())
    }
}

/// The runtime part as tokens.
pub fn runtime_tokens() -> Result<TokenStream, Diagnostics> {
    RUNTIME.parse().map_err(|e| {
        Diagnostics::from(Diagnostic::error(
            "<operations runtime>",
            "",
            format!("internal error: {e}"),
        ))
    })
}

/// The unit struct, its `Operation` impl and its error enum.
fn emit_operation(space: &TypeSpace<'_>, operation: &Operation) -> TokenStream {
    let name = space.names.operation_ident(&operation.id);
    let error = error_enum::error_enum_ident(space, operation);
    let input = structure_or_unit(space, operation.input.as_ref());
    let output = structure_or_unit(space, operation.output.as_ref());
    let operation_name = operation.id.name();
    let binding = binding_tokens(space, operation);
    let docs = operation_docs(operation, &error);
    let error_enum = error_enum::emit(space, operation);
    quote! {
        #docs
        #[derive(Debug, Clone, Copy, Default)]
        pub struct #name;

        impl Operation for #name {
            type Input = #input;
            type Output = #output;
            type Error = #error;
            const NAME: &'static str = #operation_name;
            const BINDING: Binding = #binding;
        }

        #error_enum
    }
}

fn operation_docs(operation: &Operation, error: &proc_macro2::Ident) -> TokenStream {
    let fallback = format!("The `{}` operation.", operation.id.name());
    let mut extra = Vec::new();
    if let Some(deprecated) = &operation.deprecated {
        let mut note = "**Deprecated**".to_string();
        if let Some(message) = &deprecated.message {
            note.push_str(&format!(": {}", super::docs::to_rustdoc(message).join(" ")));
        }
        extra.push(note);
    }
    extra.push(format!(
        "Input, output and wire binding: see its [`Operation`] impl; errors: [`{error}`]."
    ));
    let text = match &operation.docs {
        Some(docs) if !super::docs::to_rustdoc(docs).is_empty() => docs.as_str(),
        _ => fallback.as_str(),
    };
    doc_attrs_with(Some(text), &extra)
}

/// The Rust type of an operation's input or output: the structure, or `Unit` when absent.
fn structure_or_unit(space: &TypeSpace<'_>, id: Option<&crate::model::ShapeId>) -> TokenStream {
    match id {
        Some(id) if !is_unit(id) => space.type_path(id, Module::Operations),
        _ => quote!(Unit),
    }
}

fn is_unit(id: &crate::model::ShapeId) -> bool {
    id.is_prelude() && id.name() == "Unit"
}

/// How the operation is put on the wire, as decided from the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WireBinding {
    /// awsJson1_0 / awsJson1_1: the `X-Amz-Target` value and the content type.
    AwsJson {
        /// `<service shape name>.<operation name>`.
        target: String,
        /// `application/x-amz-json-1.0` or `-1.1`.
        content_type: &'static str,
    },
    /// An HTTP method and URI pattern (restJson1 `@http`, OpenAPI paths).
    Http {
        /// The method.
        method: String,
        /// The URI pattern.
        uri: String,
    },
    /// Nothing known.
    None,
}

/// The binding of an operation: awsJson services name the operation in `X-Amz-Target` (and
/// ignore `@http`); otherwise an `@http` binding (or OpenAPI path) wins; else none.
pub fn wire_binding(space: &TypeSpace<'_>, operation: &Operation) -> WireBinding {
    let service = operation
        .service
        .as_ref()
        .and_then(|id| space.model.services.get(id));
    let content_type = match service.and_then(|s| s.protocol.as_ref()) {
        Some(Protocol::AwsJson1_0) => Some("application/x-amz-json-1.0"),
        Some(Protocol::AwsJson1_1) => Some("application/x-amz-json-1.1"),
        _ => None,
    };
    if let (Some(service), Some(content_type)) = (service, content_type) {
        return WireBinding::AwsJson {
            target: format!("{}.{}", service.id.name(), operation.id.name()),
            content_type,
        };
    }
    match &operation.http {
        Some(http) => WireBinding::Http {
            method: http.method.clone(),
            uri: http.uri.clone(),
        },
        None => WireBinding::None,
    }
}

fn binding_tokens(space: &TypeSpace<'_>, operation: &Operation) -> TokenStream {
    match wire_binding(space, operation) {
        WireBinding::AwsJson {
            target,
            content_type,
        } => quote!(Binding::AwsJson {
            target: #target,
            content_type: #content_type,
        }),
        WireBinding::Http { method, uri } => quote!(Binding::Http {
            method: #method,
            uri: #uri,
        }),
        WireBinding::None => quote!(Binding::None),
    }
}

#[cfg(test)]
mod tests;
