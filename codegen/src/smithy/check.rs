//! Checks on the resolved Smithy model: `@length` and `@range` bounds that no value can
//! satisfy, on shapes and on members. (A member's trait replaces its target's trait whole, so a
//! member's bounds contradict only if its own do.)

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Member, Model, Shape, ShapeKind};

/// Reports every contradictory `@length` or `@range`.
pub fn check(model: &Model, diagnostics: &mut Diagnostics) {
    for shape in model.shapes.values() {
        if let Some(problem) = shape.constraints.contradiction() {
            diagnostics.push(Diagnostic::error(
                shape.source.file.to_string(),
                shape.id.to_string(),
                format!("@length or @range cannot be met: {problem}"),
            ));
        }
        for member in members(shape) {
            if let Some(problem) = member.constraints.contradiction() {
                diagnostics.push(Diagnostic::error(
                    member.source.file.to_string(),
                    format!("{}${}", shape.id, member.name),
                    format!("@length or @range cannot be met: {problem}"),
                ));
            }
        }
    }
}

/// A shape's members: structure and union members, a list's member, a map's key and value.
fn members(shape: &Shape) -> Vec<&Member> {
    match &shape.kind {
        ShapeKind::Structure(structure) => structure.members.iter().collect(),
        ShapeKind::Union(union) => union.members.iter().collect(),
        ShapeKind::List(member) => vec![member],
        ShapeKind::Map { key, value } => vec![key, value],
        ShapeKind::Enum(_) | ShapeKind::IntEnum(_) | ShapeKind::Scalar(_) | ShapeKind::Document => {
            Vec::new()
        }
    }
}
