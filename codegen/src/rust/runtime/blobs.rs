/// Blobs (`Vec<u8>`) as standard, padded base64 strings.
pub type Base64 = serde_with::base64::Base64;
