//! The `primitives` module of a generated crate: serde adapters for timestamps, blobs and
//! non-finite floats, and lossless big numbers. Written once as ordinary Rust (see `runtime/`) and included only when
//! the model uses them.

use super::typespace::TypeSpace;
use crate::model::Scalar;

const MODULE_DOC: &str = "//! Wire representations that serde does not provide by itself: timestamp formats, base64\n//! blobs, non-finite floats and lossless big numbers.\n\n";
const TIMESTAMPS: &str = include_str!("runtime/timestamps.rs");
const BLOBS: &str = include_str!("runtime/blobs.rs");
const BIG_NUMBERS: &str = include_str!("runtime/big_numbers.rs");
const FLOATS: &str = include_str!("runtime/floats.rs");
const ADAPTERS: &str = include_str!("runtime/adapters.rs");

/// Whether the model has floats (written through the `JsonFloat` adapter).
pub fn uses_floats(space: &TypeSpace<'_>) -> bool {
    space.uses_scalar(Scalar::Float) || space.uses_scalar(Scalar::Double)
}

/// Whether some value goes through a `serde_with` adapter (timestamps, blobs and floats do):
/// then the module has the functions the structures' serde impls read and write them with.
fn uses_adapters(space: &TypeSpace<'_>) -> bool {
    space.uses_scalar(Scalar::Timestamp) || space.uses_scalar(Scalar::Blob) || uses_floats(space)
}

/// The module source, or `None` when the model needs none of it.
pub fn source(space: &TypeSpace<'_>) -> Option<String> {
    let mut parts = Vec::new();
    if space.uses_scalar(Scalar::Timestamp) {
        parts.push(TIMESTAMPS);
    }
    if space.uses_scalar(Scalar::Blob) {
        parts.push(BLOBS);
    }
    if space.uses_scalar(Scalar::BigInteger) || space.uses_scalar(Scalar::BigDecimal) {
        parts.push(BIG_NUMBERS);
    }
    if uses_floats(space) {
        parts.push(FLOATS);
    }
    if uses_adapters(space) {
        parts.push(ADAPTERS);
    }
    if parts.is_empty() {
        return None;
    }
    Some(format!("{MODULE_DOC}{}", parts.join("\n")))
}
