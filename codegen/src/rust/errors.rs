//! The `errors` emitter: one struct per `@error` structure, with its modelled members and the
//! facts a caller needs (`code`, `message`, `fault`, `http_status`, `is_retryable`,
//! `is_throttling`), `Display` (`UserNotFoundException: User does not exist.`) and
//! `std::error::Error` and `ModelledError`; plus the `Fault` enum and the `ModelledError` trait.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::{emit_structure, errors_use_serde_table};
use super::typespace::{Module, TypeSpace};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Fault, Member, Scalar, Shape, ShapeKind};

/// What the generated code says about one error structure, decided from the model.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorFacts<'m> {
    /// The error code: the shape's name, as services write it in `__type`.
    pub code: &'m str,
    /// Whose fault it is.
    pub fault: Fault,
    /// `@httpError`, else 400 for client and 500 for server errors.
    pub http_status: u16,
    /// `@retryable`.
    pub retryable: bool,
    /// `@retryable(throttling: true)`. (At run time, codes that AWS SDKs treat as throttling
    /// count too: see `THROTTLING_ERROR_CODES` in the generated `operations` module.)
    pub throttling: bool,
    /// The message member, when the structure has one.
    pub message: Option<MessageMember<'m>>,
}

/// The member of an error structure that holds its message.
#[derive(Debug, Clone, PartialEq)]
pub struct MessageMember<'m> {
    /// Its index in the structure.
    pub index: usize,
    /// The member.
    pub member: &'m Member,
    /// Whether the Rust field is an `Option`.
    pub optional: bool,
    /// Whether `Display` must not print it.
    pub sensitive: bool,
}

/// The facts of error structure `shape`, or `None` when it is not one.
pub fn error_facts<'m>(space: &TypeSpace<'m>, shape: &'m Shape) -> Option<ErrorFacts<'m>> {
    let info = shape.error.as_ref()?;
    let code = shape.id.name();
    let default_status = match info.fault {
        Fault::Client => 400,
        Fault::Server => 500,
    };
    Some(ErrorFacts {
        code,
        fault: info.fault,
        http_status: info.http_status.unwrap_or(default_status),
        retryable: info.retryable.is_some(),
        throttling: info.retryable.is_some_and(|r| r.throttling),
        message: message_member(space, shape),
    })
}

/// The member called `message` in any letter case, when it holds a string.
pub fn message_member<'m>(space: &TypeSpace<'m>, shape: &'m Shape) -> Option<MessageMember<'m>> {
    let ShapeKind::Structure(structure) = &shape.kind else {
        return None;
    };
    let (index, member) = structure
        .members
        .iter()
        .enumerate()
        .find(|(_, m)| m.name.eq_ignore_ascii_case("message"))?;
    let is_string = space
        .model
        .shape(&member.target)
        .is_some_and(|t| t.kind == ShapeKind::Scalar(Scalar::String));
    is_string.then(|| MessageMember {
        index,
        member,
        optional: space.is_optional(shape, member),
        sensitive: space.is_sensitive(member),
    })
}

/// The type names the module defines besides the error structures.
pub const FIXED_TYPES: &[&str] = &["Fault", "ModelledError"];

/// The items of the `errors` module.
pub fn emit(space: &TypeSpace<'_>) -> Result<TokenStream, Diagnostics> {
    check_item_names(space)?;
    let items = space.shapes_in(Module::Errors).map(|shape| {
        let structure = emit_structure(space, shape, Module::Errors);
        let facts = error_facts(space, shape)
            .map(|facts| emit_error_impls(space, shape, &facts))
            .unwrap_or_default();
        quote! {
            #structure
            #facts
        }
    });
    let fixed = fixed_items();
    let serde_macro = errors_use_serde_table(space).then(|| {
        quote!(
            use super::types::structure_serde_impls;
        )
    });
    Ok(quote! {
        #![doc = " Modelled errors: one struct per error shape, with its code, message, fault, HTTP status"]
        #![doc = " and retry advice."]
        #serde_macro
        #fixed
        #(#items)*
    })
}

/// An error structure named like a fixed item would not compile: report it instead.
fn check_item_names(space: &TypeSpace<'_>) -> Result<(), Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    for shape in space.shapes_in(Module::Errors) {
        let name = space.names.type_name(&shape.id);
        if FIXED_TYPES.contains(&name) {
            diagnostics.push(Diagnostic::error(
                shape.source.file.to_string(),
                shape.id.to_string(),
                format!(
                    "the Rust name `{name}` in module `errors` is also used by the errors runtime"
                ),
            ));
        }
    }
    if diagnostics.has_errors() {
        Err(diagnostics)
    } else {
        Ok(())
    }
}

/// The `Fault` enum and the `ModelledError` trait of the generated crate.
fn fixed_items() -> TokenStream {
    quote! {
        /// Who caused an error.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Fault {
            /// The caller: the request was wrong, or not allowed.
            Client,
            /// The service.
            Server,
        }

        /// What every modelled error offers (each error struct has the same methods
        /// inherently too).
        pub trait ModelledError: std::error::Error + 'static {
            /// The error code: the shape's name.
            fn code(&self) -> &'static str;
            /// The message, when there is one.
            fn message(&self) -> Option<&str>;
            /// Whose fault the error is.
            fn fault(&self) -> Fault;
            /// The HTTP status the model gives the error.
            fn http_status(&self) -> u16;
            /// Whether sending the same request again may succeed.
            fn is_retryable(&self) -> bool;
            /// Whether the service asked the caller to slow down.
            fn is_throttling(&self) -> bool;
            /// The error as a `std::error::Error`.
            fn as_error(&self) -> &(dyn std::error::Error + 'static);
        }

        /// A boxed modelled error (an operation error enum's variant holds a large error
        /// boxed) is that error.
        impl<E: ModelledError> ModelledError for Box<E> {
            fn code(&self) -> &'static str {
                (**self).code()
            }
            fn message(&self) -> Option<&str> {
                (**self).message()
            }
            fn fault(&self) -> Fault {
                (**self).fault()
            }
            fn http_status(&self) -> u16 {
                (**self).http_status()
            }
            fn is_retryable(&self) -> bool {
                (**self).is_retryable()
            }
            fn is_throttling(&self) -> bool {
                (**self).is_throttling()
            }
            fn as_error(&self) -> &(dyn std::error::Error + 'static) {
                (**self).as_error()
            }
        }
    }
}

/// The inherent methods, `Display` and `std::error::Error` of one error structure.
pub fn emit_error_impls(
    space: &TypeSpace<'_>,
    shape: &Shape,
    facts: &ErrorFacts<'_>,
) -> TokenStream {
    let name = space.names.type_ident(&shape.id);
    let code = facts.code;
    let fault = match facts.fault {
        Fault::Client => quote!(Fault::Client),
        Fault::Server => quote!(Fault::Server),
    };
    let status = proc_macro2::Literal::u16_unsuffixed(facts.http_status);
    let throttling = if facts.throttling {
        quote!(true)
    } else {
        quote!(super::operations::is_throttling_code(Self::CODE))
    };
    let retryable = if facts.retryable {
        quote!(true)
    } else {
        quote!(self.is_throttling())
    };
    let message = message_expression(space, shape, facts.message.as_ref());
    let display = display_body(facts.message.as_ref());
    let code_doc = format!(" The error code, `{code}`, as services write it in `__type`.");
    let status_doc = match shape.error.as_ref().and_then(|e| e.http_status) {
        Some(_) => " The HTTP status the model gives this error (`@httpError`).".to_string(),
        None => format!(
            " The HTTP status of this error: the model sets none, so {} for a {} error.",
            facts.http_status,
            fault_word(facts.fault)
        ),
    };
    let message_doc = match &facts.message {
        Some(m) if m.sensitive => {
            " The message. It is sensitive: `Display` does not print it.".to_string()
        }
        Some(_) => " The message, when the service sent one.".to_string(),
        None => " The message: this error has no message member, so always `None`.".to_string(),
    };
    quote! {
        impl #name {
            #[doc = #code_doc]
            pub const CODE: &'static str = #code;

            #[doc = #code_doc]
            pub fn code(&self) -> &'static str {
                Self::CODE
            }

            #[doc = #message_doc]
            pub fn message(&self) -> Option<&str> {
                #message
            }

            /// Whose fault the error is (`@error`).
            pub fn fault(&self) -> Fault {
                #fault
            }

            #[doc = #status_doc]
            pub fn http_status(&self) -> u16 {
                #status
            }

            /// Whether sending the same request again may succeed (`@retryable`, or a throttling
            /// error).
            pub fn is_retryable(&self) -> bool {
                #retryable
            }

            /// Whether the service asked the caller to slow down (`@retryable(throttling: true)`,
            /// or a code AWS SDKs treat as throttling:
            /// [`THROTTLING_ERROR_CODES`](super::operations::THROTTLING_ERROR_CODES)).
            pub fn is_throttling(&self) -> bool {
                #throttling
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                #display
            }
        }

        impl std::error::Error for #name {}

        impl ModelledError for #name {
            fn code(&self) -> &'static str {
                Self::CODE
            }

            fn message(&self) -> Option<&str> {
                #name::message(self)
            }

            fn fault(&self) -> Fault {
                #name::fault(self)
            }

            fn http_status(&self) -> u16 {
                #name::http_status(self)
            }

            fn is_retryable(&self) -> bool {
                #name::is_retryable(self)
            }

            fn is_throttling(&self) -> bool {
                #name::is_throttling(self)
            }

            fn as_error(&self) -> &(dyn std::error::Error + 'static) {
                self
            }
        }
    }
}

fn fault_word(fault: Fault) -> &'static str {
    match fault {
        Fault::Client => "client",
        Fault::Server => "server",
    }
}

/// The body of `message()`.
fn message_expression(
    space: &TypeSpace<'_>,
    shape: &Shape,
    message: Option<&MessageMember<'_>>,
) -> TokenStream {
    let Some(message) = message else {
        return quote!(None);
    };
    let field = space.names.field_ident(&shape.id, message.index);
    if message.optional {
        quote!(self.#field.as_deref())
    } else {
        quote!(Some(self.#field.as_str()))
    }
}

/// The body of `Display::fmt`: `Code: message`, or the code alone when there is no message (or
/// it is sensitive).
fn display_body(message: Option<&MessageMember<'_>>) -> TokenStream {
    match message {
        Some(m) if !m.sensitive => quote! {
            match self.message() {
                Some(message) => write!(f, "{}: {message}", Self::CODE),
                None => f.write_str(Self::CODE),
            }
        },
        _ => quote!(f.write_str(Self::CODE)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ErrorInfo, Model, Retryable, ShapeId, Structure};
    use crate::Options;

    fn error_shape(name: &str, info: ErrorInfo, members: Vec<Member>) -> Shape {
        let mut shape = Shape::new(
            ShapeId::new("ns", name),
            ShapeKind::Structure(Structure {
                members,
                ..Default::default()
            }),
        );
        shape.error = Some(info);
        shape
    }

    fn string_id() -> ShapeId {
        ShapeId::new("smithy.api", "String")
    }

    fn model_of(shapes: Vec<Shape>) -> Model {
        let mut model = Model::default();
        let string = Shape::new(string_id(), ShapeKind::Scalar(Scalar::String));
        model.shapes.insert(string.id.clone(), string);
        for shape in shapes {
            model.shapes.insert(shape.id.clone(), shape);
        }
        model
    }

    fn client(status: Option<u16>, retryable: Option<Retryable>) -> ErrorInfo {
        ErrorInfo {
            fault: Fault::Client,
            http_status: status,
            retryable,
        }
    }

    #[test]
    fn facts_follow_the_traits_and_default_the_status_by_fault() {
        let model = model_of(vec![
            error_shape("NotFound", client(Some(404), None), vec![]),
            error_shape(
                "Internal",
                ErrorInfo {
                    fault: Fault::Server,
                    http_status: None,
                    retryable: Some(Retryable { throttling: false }),
                },
                vec![],
            ),
            error_shape(
                "SlowDownPlease",
                client(None, Some(Retryable { throttling: true })),
                vec![],
            ),
            error_shape("TooManyRequestsException", client(Some(429), None), vec![]),
        ]);
        let options = Options::default();
        let space = TypeSpace::new(&model, &options);
        let facts = |name: &str| {
            let shape = model.shape(&ShapeId::new("ns", name)).unwrap();
            let f = error_facts(&space, shape).unwrap();
            (f.http_status, f.retryable, f.throttling)
        };
        assert_eq!(facts("NotFound"), (404, false, false));
        assert_eq!(facts("Internal"), (500, true, false));
        assert_eq!(facts("SlowDownPlease"), (400, true, true));
        assert_eq!(facts("TooManyRequestsException"), (429, false, false));
    }

    #[test]
    fn the_message_member_is_found_in_any_case_and_only_when_a_string() {
        let mut number = Member::new("Message", ShapeId::new("smithy.api", "Integer"));
        number.required = true;
        let mut model = model_of(vec![
            error_shape(
                "Upper",
                client(None, None),
                vec![Member::new("Message", string_id())],
            ),
            error_shape("Numeric", client(None, None), vec![number]),
        ]);
        let integer = ShapeId::new("smithy.api", "Integer");
        model.shapes.insert(
            integer.clone(),
            Shape::new(integer, ShapeKind::Scalar(Scalar::Integer)),
        );
        let options = Options::default();
        let space = TypeSpace::new(&model, &options);
        let upper = model.shape(&ShapeId::new("ns", "Upper")).unwrap();
        let found = message_member(&space, upper).unwrap();
        assert_eq!((found.index, found.optional), (0, true));
        let numeric = model.shape(&ShapeId::new("ns", "Numeric")).unwrap();
        assert!(message_member(&space, numeric).is_none());
    }

    #[test]
    fn emits_the_methods_display_and_fault_enum() {
        let mut required = Member::new("message", string_id());
        required.required = true;
        let model = model_of(vec![error_shape(
            "UserNotFoundException",
            client(Some(404), None),
            vec![required],
        )]);
        let options = Options::default();
        let space = TypeSpace::new(&model, &options);
        let source = super::super::format::format_tokens("errors", emit(&space).unwrap()).unwrap();
        assert!(source.contains("pub enum Fault"), "{source}");
        assert!(
            source.contains("pub const CODE: &'static str = \"UserNotFoundException\";"),
            "{source}"
        );
        assert!(source.contains("Some(self.message.as_str())"), "{source}");
        assert!(source.contains("404"), "{source}");
        assert!(
            source.contains("impl std::error::Error for UserNotFoundException {}"),
            "{source}"
        );
    }

    #[test]
    fn a_sensitive_message_is_not_displayed() {
        let mut secret = Member::new("message", string_id());
        secret.sensitive = true;
        let model = model_of(vec![error_shape(
            "Secretive",
            client(None, None),
            vec![secret],
        )]);
        let options = Options::default();
        let space = TypeSpace::new(&model, &options);
        let shape = model.shape(&ShapeId::new("ns", "Secretive")).unwrap();
        let facts = error_facts(&space, shape).unwrap();
        let display = display_body(facts.message.as_ref()).to_string();
        assert!(!display.contains("message"), "{display}");
    }

    #[test]
    fn an_error_named_like_a_fixed_item_is_reported() {
        let model = model_of(vec![error_shape("Fault", client(None, None), vec![])]);
        let options = Options::default();
        let space = TypeSpace::new(&model, &options);
        let errors = emit(&space).expect_err("`Fault` is taken");
        let message = errors.iter().next().unwrap().to_string();
        assert!(message.contains("ns#Fault"), "{message}");
        assert!(message.contains("`Fault` in module `errors`"), "{message}");
    }
}
