/// Implements an operation's error enum from a table of its modelled errors: `parse`, `view`,
/// the accessors, one `is_<error>()` per error, `Display`, `Error`, the `From` impls and
/// [`OperationError`].
///
/// The table names the enum and the operation, then one row per modelled error: the variant,
/// the error's type in `super::errors`, its code, the wire name of its message member (if any)
/// and its helper. A variant may hold the error boxed; the expansion does not care.
///
/// ```text
/// operation_error_impls! {
///     GetUserError for "GetUser" {
///         UserNotFoundException(UserNotFoundException) "UserNotFoundException" Some("message") => is_user_not_found_exception;
///     }
/// }
/// ```
///
/// `parse` tries the rows in order, so when two rows share a code the first one wins.
macro_rules! operation_error_impls {
    (
        $name:ident for $operation:literal {
            $($variant:ident($error:ident) $code:literal $message:expr => $helper:ident;)*
        }
    ) => {
        impl $name {
            /// Reads an error response of a JSON protocol (awsJson1_0, awsJson1_1, restJson1).
            ///
            /// The code comes from the `X-Amzn-Errortype` header value, else the body's `__type`, else
            /// its `code`, sanitized (see [`sanitize_error_code`]); the body is read into that error's
            /// struct, its message taken from `message`, `Message` or `errorMessage`. Anything unknown
            /// or unreadable gives `Unhandled`: this never fails.
            pub fn parse(status: u16, error_type_header: Option<&str>, body: &[u8]) -> Self {
                let response = ErrorResponse::new(status, error_type_header, body);
                $(
                    if response.code() == Some($code) {
                        return response.read_into::<super::errors::$error, Self>($message);
                    }
                )*
                Self::Unhandled(response.unhandled())
            }

            /// What the error holds: a modelled error, validation errors or an unhandled response.
            pub fn view(&self) -> ErrorView<'_> {
                match self {
                    $(
                        Self::$variant(error) => ErrorView::Modelled(
                            std::borrow::Borrow::<super::errors::$error>::borrow(error),
                        ),
                    )*
                    Self::Validation(errors) => ErrorView::Validation(errors),
                    Self::Unhandled(error) => ErrorView::Unhandled(error),
                }
            }

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

            $(
                #[doc = concat!(" Whether the error is `", $code, "`.")]
                pub fn $helper(&self) -> bool {
                    matches!(self, Self::$variant(_))
                }
            )*
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

        impl OperationError for $name {
            fn parse(status: u16, error_type_header: Option<&str>, body: &[u8]) -> Self {
                $name::parse(status, error_type_header, body)
            }

            fn view(&self) -> ErrorView<'_> {
                $name::view(self)
            }
        }
    };
}
