//! One operation's error enum: a variant per modelled error (named after the error shape, holding
//! its struct, boxed when large), `Validation` for input that failed validation and `Unhandled`
//! for anything else; `parse` for JSON protocol responses, `Display`, `source`, `code`,
//! `message`, `fault`, `http_status`, retry advice, an `is_<error>()` helper per error, `From`
//! impls and the `OperationError` impl.
//!
//! `parse` matches codes by shape name, as AWS clients do; when two errors of different
//! namespaces share a name, the first one listed wins.
//!
//! Naming: a variant takes the error's Rust type name, and its helper `is_` + the snake_case of
//! that name (`is_user_not_found_exception`). A name that would clash with the fixed ones
//! (`Validation`, `Unhandled`; `is_retryable`, `is_throttling`) or an earlier one gets the suffix
//! `Error` / `_error`, then a number.

use std::collections::BTreeSet;

use heck::ToSnakeCase;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::super::errors::{error_facts, ErrorFacts};
use super::super::naming::ident;
use super::super::typespace::{Module, TypeSpace};
use crate::model::{Operation, Scalar, Shape, ShapeId, ShapeKind};

/// Variants whose struct may take more than this many bytes are boxed, so the enum stays small
/// (clippy's `large_enum_variant` and `result_large_err` stay quiet, and `Result`s stay cheap).
pub const BOX_THRESHOLD: usize = 64;

/// Variant names the enum itself uses.
const FIXED_VARIANTS: &[&str] = &["Validation", "Unhandled"];

/// Method names the enum itself uses that an `is_<error>` helper could take.
const FIXED_METHODS: &[&str] = &["is_retryable", "is_throttling"];

/// One modelled error of an operation, with the decisions made for its variant.
#[derive(Debug, Clone)]
pub struct ModelledError<'m> {
    /// The error structure.
    pub shape: &'m Shape,
    /// What the model says about it.
    pub facts: ErrorFacts<'m>,
    /// The variant name.
    pub variant: Ident,
    /// The `is_<error>` helper's name.
    pub helper: Ident,
    /// Whether the variant holds a `Box`.
    pub boxed: bool,
}

/// The error enum's name: the operation's name + `Error`.
pub fn error_enum_ident(space: &TypeSpace<'_>, operation: &Operation) -> Ident {
    let name = space.names.operation_name(&operation.id);
    format_ident!("{}Error", name.trim_start_matches("r#"))
}

/// The operation's modelled errors that are error structures of the model, in model order.
pub fn modelled_errors<'m>(
    space: &TypeSpace<'m>,
    operation: &'m Operation,
) -> Vec<ModelledError<'m>> {
    let mut variants = Unique::new(FIXED_VARIANTS, "Error", "");
    let mut helpers = Unique::new(FIXED_METHODS, "_error", "_");
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for id in &operation.errors {
        let Some(shape) = space.model.shape(id) else {
            continue;
        };
        if !seen.insert(id) {
            continue;
        }
        if space.module_of(id) != Module::Errors {
            continue;
        }
        let Some(facts) = error_facts(space, shape) else {
            continue;
        };
        let type_name = space.names.type_name(id).trim_start_matches("r#");
        let variant = variants.claim(type_name);
        let helper = helpers.claim(&format!("is_{}", type_name.to_snake_case()));
        out.push(ModelledError {
            shape,
            facts,
            variant: ident(&variant),
            helper: ident(&helper),
            boxed: estimated_size(space, id) > BOX_THRESHOLD,
        });
    }
    out
}

/// Names given in one scope, with a fixed set taken up front.
struct Unique {
    taken: BTreeSet<String>,
    suffix: &'static str,
    number_separator: &'static str,
}

impl Unique {
    fn new(fixed: &[&str], suffix: &'static str, number_separator: &'static str) -> Self {
        Unique {
            taken: fixed.iter().map(|name| name.to_string()).collect(),
            suffix,
            number_separator,
        }
    }

    /// `base`, else `base` + suffix, else that + 2, 3, ...
    fn claim(&mut self, base: &str) -> String {
        let mut name = base.to_string();
        if self.taken.contains(&name) {
            name = format!("{base}{}", self.suffix);
        }
        let stem = name.clone();
        let mut n = 2;
        while self.taken.contains(&name) {
            name = format!("{stem}{}{n}", self.number_separator);
            n += 1;
        }
        self.taken.insert(name.clone());
        name
    }
}

/// An upper bound of the size in bytes of a value of shape `id` on a 64-bit target (exact enough
/// to decide boxing; unknown or deep shapes count as large).
pub fn estimated_size(space: &TypeSpace<'_>, id: &ShapeId) -> usize {
    size_of_shape(space, id, 0)
}

const LARGE: usize = 1 << 16;

fn size_of_shape(space: &TypeSpace<'_>, id: &ShapeId, depth: usize) -> usize {
    let Some(shape) = space.model.shape(id) else {
        return VALUE_SIZE;
    };
    if depth > 16 {
        return LARGE;
    }
    match &shape.kind {
        ShapeKind::Scalar(scalar) => scalar_size(*scalar),
        ShapeKind::Document => VALUE_SIZE,
        ShapeKind::List(_) => 24,
        ShapeKind::Map { .. } => 48,
        ShapeKind::Enum(_) => 24,
        ShapeKind::IntEnum(_) => 16,
        ShapeKind::Union(union) => {
            let largest = union
                .members
                .iter()
                .enumerate()
                .map(|(index, member)| member_size(space, shape, index, &member.target, depth))
                .max()
                .unwrap_or(0);
            largest + 8
        }
        ShapeKind::Structure(structure) => {
            let members: usize = structure
                .members
                .iter()
                .enumerate()
                .map(|(index, member)| {
                    let inner = member_size(space, shape, index, &member.target, depth);
                    if space.is_optional(shape, member) {
                        inner + 8
                    } else {
                        inner
                    }
                })
                .sum();
            let additional = match structure.additional {
                crate::model::AdditionalMembers::Map(_) => 48,
                _ => 0,
            };
            members + additional
        }
    }
}

/// `serde_json::Value` (with `preserve_order`'s larger map, to be safe).
const VALUE_SIZE: usize = 80;

fn member_size(
    space: &TypeSpace<'_>,
    owner: &Shape,
    index: usize,
    target: &ShapeId,
    depth: usize,
) -> usize {
    if space.is_boxed(&owner.id, index) {
        8
    } else {
        size_of_shape(space, target, depth + 1)
    }
}

/// Rounded up to 8 bytes: fields are laid out with padding.
fn scalar_size(scalar: Scalar) -> usize {
    match scalar {
        Scalar::Boolean
        | Scalar::Byte
        | Scalar::Short
        | Scalar::Integer
        | Scalar::Long
        | Scalar::Float
        | Scalar::Double => 8,
        Scalar::String | Scalar::Blob | Scalar::BigInteger | Scalar::BigDecimal => 24,
        Scalar::Timestamp => 16,
    }
}

/// The error enum of `operation` and everything implemented for it.
pub fn emit(space: &TypeSpace<'_>, operation: &Operation) -> TokenStream {
    let name = error_enum_ident(space, operation);
    let errors = modelled_errors(space, operation);
    let enum_doc = [
        format!(
            " The errors of [`{}`]: one variant per modelled error,",
            space
                .names
                .operation_name(&operation.id)
                .trim_start_matches("r#")
        ),
        " `Validation` when the input fails validation before it is sent, and `Unhandled` for"
            .to_string(),
        " any other response.".to_string(),
    ];
    let variants = errors.iter().map(|error| {
        let variant = &error.variant;
        let ty = error_type(space, error);
        let doc = format!(
            " The modelled error [`{}`]({}).",
            error.facts.code,
            error_path_text(space, error)
        );
        quote! {
            #[doc = #doc]
            #variant(#ty),
        }
    });
    let parse = emit_parse(&errors);
    let accessors = emit_accessors();
    let helpers = errors.iter().map(|error| {
        let helper = &error.helper;
        let variant = &error.variant;
        let doc = format!(" Whether the error is `{}`.", error.facts.code);
        quote! {
            #[doc = #doc]
            pub fn #helper(&self) -> bool {
                matches!(self, Self::#variant(_))
            }
        }
    });
    let view = emit_view(&errors);
    let display = emit_display(operation.id.name());
    let froms = emit_froms(space, &name, &errors);
    quote! {
        #(#[doc = #enum_doc])*
        #[derive(Debug, Clone)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// The input broke the model's constraints; nothing was sent.
            Validation(super::validation::ValidationErrors),
            /// A response that matches no modelled error, or could not be read.
            Unhandled(Unhandled),
        }

        impl #name {
            #parse
            #view
            #accessors
            #(#helpers)*
        }

        impl std::fmt::Display for #name {
            #display
        }

        impl std::error::Error for #name {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                Some(self.view().as_error())
            }
        }

        #froms

        impl OperationError for #name {
            fn parse(status: u16, error_type_header: Option<&str>, body: &[u8]) -> Self {
                #name::parse(status, error_type_header, body)
            }

            fn view(&self) -> ErrorView<'_> {
                #name::view(self)
            }
        }
    }
}

fn error_path(space: &TypeSpace<'_>, error: &ModelledError<'_>) -> TokenStream {
    space.type_path(&error.shape.id, Module::Operations)
}

fn error_path_text(space: &TypeSpace<'_>, error: &ModelledError<'_>) -> String {
    error_path(space, error).to_string().replace(' ', "")
}

fn error_type(space: &TypeSpace<'_>, error: &ModelledError<'_>) -> TokenStream {
    let path = error_path(space, error);
    if error.boxed {
        quote!(Box<#path>)
    } else {
        path
    }
}

/// `parse`: the code picks the variant; the body is read into its struct.
fn emit_parse(errors: &[ModelledError<'_>]) -> TokenStream {
    let doc = [
        " Reads an error response of a JSON protocol (awsJson1_0, awsJson1_1, restJson1).",
        "",
        " The code comes from the `X-Amzn-Errortype` header value, else the body's `__type`, else",
        " its `code`, sanitized (see [`sanitize_error_code`]); the body is read into that error's",
        " struct, its message taken from `message`, `Message` or `errorMessage`. Anything unknown",
        " or unreadable gives `Unhandled`: this never fails.",
    ];
    let body = if errors.is_empty() {
        quote!(Self::Unhandled(response.unhandled()))
    } else {
        let mut codes = BTreeSet::new();
        let first_with_its_code = errors.iter().filter(|e| codes.insert(e.facts.code));
        let arms = first_with_its_code.map(|error| {
            let code = error.facts.code;
            let variant = &error.variant;
            let message = match &error.facts.message {
                Some(m) => {
                    let wire = &m.member.wire_name;
                    quote!(Some(#wire))
                }
                None => quote!(None),
            };
            let wrap = if error.boxed {
                quote!(|error| Self::#variant(Box::new(error)))
            } else {
                quote!(Self::#variant)
            };
            quote! {
                Some(#code) => response.read(#message).map_or_else(Self::Unhandled, #wrap),
            }
        });
        quote! {
            match response.code() {
                #(#arms)*
                _ => Self::Unhandled(response.unhandled()),
            }
        }
    };
    quote! {
        #(#[doc = #doc])*
        pub fn parse(status: u16, error_type_header: Option<&str>, body: &[u8]) -> Self {
            let response = ErrorResponse::new(status, error_type_header, body);
            #body
        }
    }
}

/// `view`: the one match over the variants that everything else goes through.
fn emit_view(errors: &[ModelledError<'_>]) -> TokenStream {
    let arms = errors.iter().map(|error| {
        let variant = &error.variant;
        if error.boxed {
            quote!(Self::#variant(error) => ErrorView::Modelled(error.as_ref()),)
        } else {
            quote!(Self::#variant(error) => ErrorView::Modelled(error),)
        }
    });
    quote! {
        /// What the error holds: a modelled error, validation errors or an unhandled response.
        pub fn view(&self) -> ErrorView<'_> {
            match self {
                #(#arms)*
                Self::Validation(errors) => ErrorView::Validation(errors),
                Self::Unhandled(error) => ErrorView::Unhandled(error),
            }
        }
    }
}

/// `code`, `message`, `fault`, `http_status`, `is_retryable`, `is_throttling`, through `view`.
fn emit_accessors() -> TokenStream {
    quote! {
        /// The error code: the error shape's name, or what an unhandled response named; `None`
        /// for validation errors.
        pub fn code(&self) -> Option<&str> {
            self.view().code()
        }

        /// The message, when there is one (validation errors: see their `Display`).
        pub fn message(&self) -> Option<&str> {
            self.view().message()
        }

        /// Whose fault it is: modelled errors say, validation errors are the caller's, unhandled
        /// ones follow the HTTP status.
        pub fn fault(&self) -> Option<super::errors::Fault> {
            self.view().fault()
        }

        /// The HTTP status: the modelled one for modelled errors, the received one for unhandled
        /// ones; `None` for validation errors, which were never sent.
        pub fn http_status(&self) -> Option<u16> {
            self.view().http_status()
        }

        /// Whether sending the same request again may succeed.
        pub fn is_retryable(&self) -> bool {
            self.view().is_retryable()
        }

        /// Whether the service asked the caller to slow down.
        pub fn is_throttling(&self) -> bool {
            self.view().is_throttling()
        }
    }
}

/// `Display`: what the error holds shows itself; validation errors name the operation.
fn emit_display(operation_name: &str) -> TokenStream {
    let escaped = operation_name.replace('{', "{{").replace('}', "}}");
    let invalid = format!("invalid {escaped} input: {{errors}}");
    quote! {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            match self.view() {
                ErrorView::Validation(errors) => write!(f, #invalid),
                other => std::fmt::Display::fmt(other.as_error(), f),
            }
        }
    }
}

fn emit_froms(space: &TypeSpace<'_>, name: &Ident, errors: &[ModelledError<'_>]) -> TokenStream {
    let modelled = errors.iter().map(|error| {
        let path = error_path(space, error);
        let variant = &error.variant;
        let value = if error.boxed {
            quote!(Box::new(error))
        } else {
            quote!(error)
        };
        quote! {
            impl From<#path> for #name {
                fn from(error: #path) -> Self {
                    Self::#variant(#value)
                }
            }
        }
    });
    quote! {
        #(#modelled)*

        impl From<super::validation::ValidationErrors> for #name {
            fn from(errors: super::validation::ValidationErrors) -> Self {
                Self::Validation(errors)
            }
        }

        impl From<Unhandled> for #name {
            fn from(error: Unhandled) -> Self {
                Self::Unhandled(error)
            }
        }
    }
}
