//! One operation's error enum: a variant per modelled error (named after the error shape, holding
//! its struct, boxed when large), `Validation` for input that failed validation and `Unhandled`
//! for anything else. Its `OperationError` impl (`parse` for JSON protocol responses, `view`,
//! and through them `code`, `message`, `fault`, `http_status`, retry advice and `is::<E>()`),
//! `Debug`, `Display`, `source` and the `From` impls come from one call of the runtime's
//! `operation_error_impls!` macro with a row per modelled error, so each operation costs a few
//! lines of table rather than a few hundred lines of code. Like the AWS SDKs' operation errors,
//! the enum is not `Clone` (a derived `Clone` of 113 such enums was 2.6 % of the generated
//! Cognito crate's check time); its modelled errors, `ValidationErrors` and `Unhandled` are.
//!
//! `parse` matches codes by shape name, as AWS clients do; when two errors of different
//! namespaces share a name, the first one listed wins.
//!
//! Naming: a variant takes the error's Rust type name; a name that would clash with the fixed
//! ones (`Validation`, `Unhandled`) or an earlier one gets the suffix `Error`, then a number.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::super::errors::{error_facts, ErrorFacts};
use super::super::format::verbatim;
use super::super::naming::ident;
use super::super::typespace::{Module, TypeSpace};
use crate::model::{Operation, Scalar, Shape, ShapeId, ShapeKind};

/// Variants whose struct may take more than this many bytes are boxed, so the enum stays small
/// (clippy's `large_enum_variant` and `result_large_err` stay quiet, and `Result`s stay cheap).
pub const BOX_THRESHOLD: usize = 64;

/// Variant names the enum itself uses.
const FIXED_VARIANTS: &[&str] = &["Validation", "Unhandled"];

/// One modelled error of an operation, with the decisions made for its variant.
#[derive(Debug, Clone)]
pub struct ModelledError<'m> {
    /// The error structure.
    pub shape: &'m Shape,
    /// What the model says about it.
    pub facts: ErrorFacts<'m>,
    /// The variant name.
    pub variant: Ident,
    /// The error's type name in the `errors` module.
    pub type_name: Ident,
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
    let mut variants = Unique::new(FIXED_VARIANTS);
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for id in &operation.errors {
        let Some(shape) = space.shape(id) else {
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
        out.push(ModelledError {
            shape,
            facts,
            variant: ident(&variant),
            type_name: space.names.type_ident(id),
            boxed: estimated_size(space, id) > BOX_THRESHOLD,
        });
    }
    out
}

/// Variant names given in one enum, with the fixed ones taken up front.
struct Unique {
    taken: BTreeSet<String>,
}

impl Unique {
    fn new(fixed: &[&str]) -> Self {
        Unique {
            taken: fixed.iter().map(|name| name.to_string()).collect(),
        }
    }

    /// `base`, else `base` + `Error`, else that + 2, 3, ...
    fn claim(&mut self, base: &str) -> String {
        let mut name = base.to_string();
        if self.taken.contains(&name) {
            name = format!("{base}Error");
        }
        let stem = name.clone();
        let mut n = 2;
        while self.taken.contains(&name) {
            name = format!("{stem}{n}");
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
    let Some(shape) = space.shape(id) else {
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

/// The error enum of `operation` and everything implemented for it: the enum, then a call of
/// the runtime's `operation_error_impls!` with one row per modelled error (see
/// [`impls_call`]).
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
    let impls = verbatim(&impls_call(&name, operation.id.name(), &errors));
    quote! {
        #(#[doc = #enum_doc])*
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// The input broke the model's constraints; nothing was sent.
            Validation(super::validation::ValidationErrors),
            /// A response that matches no modelled error, or could not be read.
            Unhandled(Unhandled),
        }

        #impls
    }
}

/// The `operation_error_impls!` call of enum `name` as formatted text, one row per modelled
/// error: `Variant(ErrorType) "Code" Some("message");` (the message member's wire name, `None`
/// when the error has none).
pub fn impls_call(name: &Ident, operation_name: &str, errors: &[ModelledError<'_>]) -> String {
    let operation = Literal::string(operation_name);
    let mut text = format!("operation_error_impls! {{\n    {name} for {operation} {{");
    if errors.is_empty() {
        text.push_str("}\n}\n");
        return text;
    }
    text.push('\n');
    for error in errors {
        let message = match &error.facts.message {
            Some(m) => format!("Some({})", Literal::string(&m.member.wire_name)),
            None => "None".to_string(),
        };
        let _ = writeln!(
            text,
            "        {}({}) {} {message};",
            error.variant,
            error.type_name,
            Literal::string(error.facts.code),
        );
    }
    text.push_str("    }\n}\n");
    text
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
