/// Implements an operation's error enum from a table of its modelled errors:
/// [`OperationError`] (`parse` and `view`, and through them every accessor), `Debug`,
/// `Display`, `Error` and the `From` impls.
///
/// The table names the enum and the operation, then one row per modelled error: the variant,
/// the error's type in `super::errors`, its code and the wire name of its message member (if
/// any). A variant may hold the error boxed; the expansion does not care.
///
/// ```text
/// operation_error_impls! {
///     GetUserError for "GetUser" {
///         UserNotFoundException(UserNotFoundException) "UserNotFoundException" Some("message");
///     }
/// }
/// ```
///
/// `parse` tries the rows in order, so when two rows share a code the first one wins.
macro_rules! operation_error_impls {
    (
        $name:ident for $operation:literal {
            $($variant:ident($error:ident) $code:literal $message:expr;)*
        }
    ) => {
        impl OperationError for $name {
            fn parse(status: u16, error_type_header: Option<&str>, body: &[u8]) -> Self {
                ErrorResponse::new(status, error_type_header, body).read_one_of(&[
                    $(($code, $message, read_error::<super::errors::$error, Self> as ReadError<Self>),)*
                ])
            }

            fn view(&self) -> ErrorView<'_> {
                match self {
                    $(Self::$variant(error) => ErrorView::Modelled(error),)*
                    Self::Validation(errors) => ErrorView::Validation(errors),
                    Self::Unhandled(error) => ErrorView::Unhandled(error),
                }
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.view().debug_as_variant(f)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self.view() {
                    ErrorView::Validation(errors) => {
                        f.write_str(concat!("invalid ", $operation, " input: "))?;
                        std::fmt::Display::fmt(errors, f)
                    }
                    other => std::fmt::Display::fmt(other.as_error(), f),
                }
            }
        }

        impl std::error::Error for $name {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                Some(self.view().as_error())
            }
        }

        $(
            impl From<super::errors::$error> for $name {
                fn from(error: super::errors::$error) -> Self {
                    Self::$variant(error.into())
                }
            }
        )*

        impl From<super::validation::ValidationErrors> for $name {
            fn from(errors: super::validation::ValidationErrors) -> Self {
                Self::Validation(errors)
            }
        }

        impl From<Unhandled> for $name {
            fn from(error: Unhandled) -> Self {
                Self::Unhandled(error)
            }
        }
    };
}
