/// Implements a string enum from a table of its values: `VALUES` and `as_str`, `From<&str>`,
/// `From<String>`, `FromStr`, `Display`, serde's `Serialize` and `Deserialize` (as the wire
/// string) and, with the `schemars` feature, `JsonSchema`. The enum itself is written before
/// the call, with an `Unknown(String)` variant that keeps any other value.
///
/// The table names the enum, then its schema name when that is not the Rust name (`as "..."`)
/// and `, sensitive` when `Debug` must print a placeholder instead of the value (the enum then
/// does not derive `Debug`); then one row per value: the variant and its wire value. The JSON
/// Schema is `{"type": "string", "enum": [<the wire values>]}`, with a `"description"` first
/// when `description "..."` follows the rows; a `schema { ... }` there instead gives the whole
/// schema.
///
/// ```text
/// string_enum_impls! {
///     AuthFlowType as "AuthFlowTYPE", sensitive {
///         UserSrpAuth = "USER_SRP_AUTH",
///         RefreshToken = "REFRESH_TOKEN",
///     }
///     description "The authentication flow."
/// }
/// ```
macro_rules! string_enum_impls {
    (@schema_name $name:ident) => {
        stringify!($name)
    };
    (@schema_name $name:ident $schema_name:literal) => {
        $schema_name
    };
    (@schema [$($wire:literal),*] []) => {
        schemars::json_schema!({ "type": "string", "enum": [$($wire),*] })
    };
    (@schema [$($wire:literal),*] [$description:literal]) => {
        schemars::json_schema!({ "description": $description, "type": "string", "enum": [$($wire),*] })
    };
    (@schema [$($wire:literal),*] [] $schema:tt) => {
        schemars::json_schema!($schema)
    };
    (@debug $name:ident) => {};
    (@debug $name:ident sensitive) => {
        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(concat!(stringify!($name), "(*** Sensitive Data Redacted ***)"))
            }
        }
    };
    (
        $name:ident $(as $schema_name:literal)? $(, $flag:ident)? {
            $($variant:ident = $wire:literal,)*
        }
        $(description $description:literal)?
        $(schema $schema:tt)?
    ) => {
        impl $name {
            /// Every value the model defines, in model order.
            pub const VALUES: &'static [&'static str] = &[$($wire),*];

            /// The value as written on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $($wire => Self::$variant,)*
                    other => Self::Unknown(other.to_string()),
                }
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                match value.as_str() {
                    $($wire => Self::$variant,)*
                    _ => Self::Unknown(value),
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <String as serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }

        string_enum_impls!(@debug $name $($flag)?);

        #[cfg(feature = "schemars")]
        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed(string_enum_impls!(@schema_name $name $($schema_name)?))
            }

            fn schema_id() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed(concat!(module_path!(), "::", stringify!($name)))
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                string_enum_impls!(@schema [$($wire),*] [$($description)?] $($schema)?)
            }
        }
    };
}
