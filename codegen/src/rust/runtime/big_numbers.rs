/// An arbitrary-precision integer, kept exactly as written on the wire (Smithy `bigInteger`).
///
/// Reading needs `serde_json`'s text deserializer (`serde_json::from_str`/`from_slice`): the
/// number's digits are taken as written, never through a float.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct BigInteger(String);

/// An arbitrary-precision decimal, kept exactly as written on the wire (Smithy `bigDecimal`).
///
/// Reading needs `serde_json`'s text deserializer (`serde_json::from_str`/`from_slice`): the
/// number's digits are taken as written, never through a float.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct BigDecimal(String);

/// A number that is not a valid JSON number literal of the expected kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidNumber(String);

impl std::fmt::Display for InvalidNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`{}` is not a valid number", self.0)
    }
}

impl std::error::Error for InvalidNumber {}

fn is_json_number(text: &str, allow_fraction: bool) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let mut parts = digits.splitn(2, ['.', 'e', 'E']);
    let integer = parts.next().unwrap_or("");
    let integer_ok = !integer.is_empty()
        && integer.bytes().all(|b| b.is_ascii_digit())
        && (integer == "0" || !integer.starts_with('0'));
    let rest_ok = match parts.next() {
        None => true,
        Some(_) if !allow_fraction => false,
        Some(rest) => {
            serde_json::from_str::<f64>(&format!("0.{rest}")).is_ok()
                || serde_json::from_str::<f64>(&format!("0e{rest}")).is_ok()
                || serde_json::from_str::<f64>(&text.replace('-', "")).is_ok()
        }
    };
    integer_ok && rest_ok
}

macro_rules! big_number {
    ($name:ident, $fraction:expr) => {
        impl $name {
            /// The number's text, as written.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::str::FromStr for $name {
            type Err = InvalidNumber;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                if is_json_number(text, $fraction) {
                    Ok($name(text.to_string()))
                } else {
                    Err(InvalidNumber(text.to_string()))
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::Error;
                let raw = serde_json::value::RawValue::from_string(self.0.clone())
                    .map_err(S::Error::custom)?;
                raw.serialize(serializer)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                use serde::de::Error;
                let raw = <Box<serde_json::value::RawValue>>::deserialize(deserializer)?;
                raw.get().parse().map_err(D::Error::custom)
            }
        }
    };
}

big_number!(BigInteger, false);
big_number!(BigDecimal, true);
