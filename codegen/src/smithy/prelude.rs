//! Smithy's prelude: the data shapes of namespace `smithy.api` that every model may target
//! without defining them (`smithy.api#String`, `smithy.api#PrimitiveInteger`, `smithy.api#Unit`,
//! ...), as model shapes.

use std::sync::Arc;

use crate::model::{Scalar, Shape, ShapeId, ShapeKind, SourceRef, Structure};

/// The prelude's namespace.
pub const NAMESPACE: &str = "smithy.api";

/// The id of `smithy.api#Unit`, the "no value" structure.
pub const UNIT: &str = "smithy.api#Unit";

/// The name shown as the source file of prelude shapes.
const PRELUDE_FILE: &str = "<smithy prelude>";

/// The prelude's data shapes: name and kind. `None` stands for `Unit` and `Document`, which are
/// not scalars.
const SHAPES: &[(&str, Option<Scalar>)] = &[
    ("String", Some(Scalar::String)),
    ("Blob", Some(Scalar::Blob)),
    ("BigInteger", Some(Scalar::BigInteger)),
    ("BigDecimal", Some(Scalar::BigDecimal)),
    ("Timestamp", Some(Scalar::Timestamp)),
    ("Boolean", Some(Scalar::Boolean)),
    ("PrimitiveBoolean", Some(Scalar::Boolean)),
    ("Byte", Some(Scalar::Byte)),
    ("PrimitiveByte", Some(Scalar::Byte)),
    ("Short", Some(Scalar::Short)),
    ("PrimitiveShort", Some(Scalar::Short)),
    ("Integer", Some(Scalar::Integer)),
    ("PrimitiveInteger", Some(Scalar::Integer)),
    ("Long", Some(Scalar::Long)),
    ("PrimitiveLong", Some(Scalar::Long)),
    ("Float", Some(Scalar::Float)),
    ("PrimitiveFloat", Some(Scalar::Float)),
    ("Double", Some(Scalar::Double)),
    ("PrimitiveDouble", Some(Scalar::Double)),
    ("Document", None),
    ("Unit", None),
];

/// Whether `id` names a prelude data shape.
pub fn is_prelude_shape(id: &ShapeId) -> bool {
    id.is_prelude() && SHAPES.iter().any(|(name, _)| *name == id.name())
}

/// The model shape for a prelude id, or `None` when the prelude has no such data shape.
pub fn shape(id: &ShapeId) -> Option<Shape> {
    if !id.is_prelude() {
        return None;
    }
    let (name, scalar) = SHAPES.iter().find(|(name, _)| *name == id.name())?;
    let kind = match (scalar, *name) {
        (Some(scalar), _) => ShapeKind::Scalar(*scalar),
        (None, "Document") => ShapeKind::Document,
        (None, _) => ShapeKind::Structure(Structure::default()),
    };
    let mut shape = Shape::new(id.clone(), kind);
    shape.source = SourceRef {
        file: Arc::from(PRELUDE_FILE),
        pointer: format!("/shapes/{name}"),
    };
    Some(shape)
}

/// The shape type of a Smithy 1.0 unboxed prelude shape (`smithy.api#PrimitiveInteger` →
/// `integer`); `None` for every other id, the boxed `smithy.api#Integer` included.
pub fn unboxed_kind(id: &str) -> Option<&'static str> {
    let kind = match id.strip_prefix("smithy.api#Primitive")? {
        "Boolean" => "boolean",
        "Byte" => "byte",
        "Short" => "short",
        "Integer" => "integer",
        "Long" => "long",
        "Float" => "float",
        "Double" => "double",
        _ => return None,
    };
    Some(kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prelude_ids_become_shapes() {
        let id = ShapeId::parse("smithy.api#PrimitiveInteger").unwrap();
        assert_eq!(shape(&id).unwrap().kind, ShapeKind::Scalar(Scalar::Integer));
        let unit = ShapeId::parse(UNIT).unwrap();
        assert!(matches!(
            shape(&unit).unwrap().kind,
            ShapeKind::Structure(ref s) if s.members.is_empty()
        ));
        let document = ShapeId::parse("smithy.api#Document").unwrap();
        assert_eq!(shape(&document).unwrap().kind, ShapeKind::Document);
    }

    #[test]
    fn other_ids_are_not_prelude_shapes() {
        assert!(shape(&ShapeId::new("smithy.api", "documentation")).is_none());
        assert!(!is_prelude_shape(&ShapeId::new("a.b", "String")));
        assert!(is_prelude_shape(&ShapeId::new("smithy.api", "Timestamp")));
        assert_eq!(unboxed_kind("smithy.api#PrimitiveLong"), Some("long"));
        assert_eq!(unboxed_kind("smithy.api#Long"), None);
    }
}
