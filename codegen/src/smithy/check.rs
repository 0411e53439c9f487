//! Checks on the resolved Smithy model: `@length` and `@range` bounds that no value can
//! satisfy (errors), and `@length`, `@pattern` or `@range` on shapes they do not fit
//! (warnings), on shapes and on members. A member's trait replaces its target's trait whole, so
//! a member's bounds contradict only if its own do. A map key that does not target a string
//! (or enum) shape is an error, as Smithy says.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Constraints, Member, Model, Scalar, Shape, ShapeKind};

/// Reports every contradictory or misplaced `@length`, `@pattern` or `@range`.
pub fn check(model: &Model, diagnostics: &mut Diagnostics) {
    for shape in model.shapes.values() {
        check_map_key(model, shape, diagnostics);
        let location = shape.id.to_string();
        let file = shape.source.file.to_string();
        check_constraints(
            &shape.constraints,
            &shape.kind,
            &file,
            &location,
            diagnostics,
        );
        for member in members(shape) {
            let Some(target) = model.shape(&member.target) else {
                continue;
            };
            let location = format!("{}${}", shape.id, member.name);
            let file = member.source.file.to_string();
            check_constraints(
                &member.constraints,
                &target.kind,
                &file,
                &location,
                diagnostics,
            );
        }
    }
}

/// A map's key must target a string or enum shape.
fn check_map_key(model: &Model, shape: &Shape, diagnostics: &mut Diagnostics) {
    let ShapeKind::Map { key, .. } = &shape.kind else {
        return;
    };
    let Some(target) = model.shape(&key.target) else {
        return;
    };
    if !matches!(
        target.kind,
        ShapeKind::Scalar(Scalar::String) | ShapeKind::Enum(_)
    ) {
        diagnostics.push(Diagnostic::error(
            key.source.file.to_string(),
            format!("{}$key", shape.id),
            format!(
                "a map key must target a string or enum shape; `{}` is not one",
                key.target
            ),
        ));
    }
}

fn check_constraints(
    constraints: &Constraints,
    kind: &ShapeKind,
    file: &str,
    location: &str,
    diagnostics: &mut Diagnostics,
) {
    if let Some(problem) = constraints.contradiction() {
        diagnostics.push(Diagnostic::error(
            file,
            location,
            format!("@length or @range cannot be met: {problem}"),
        ));
    }
    for (trait_name, fits) in misplaced(constraints, kind) {
        diagnostics.push(Diagnostic::warning(
            file,
            location,
            format!("@{trait_name} applies to {fits} only; here it has no effect in Smithy"),
        ));
    }
}

/// The constraint traits set on a value of `kind` that do not fit it, with what they fit.
fn misplaced(constraints: &Constraints, kind: &ShapeKind) -> Vec<(&'static str, &'static str)> {
    let mut found = Vec::new();
    if constraints.length.is_some() && !has_length(kind) {
        found.push(("length", "strings, blobs, lists and maps"));
    }
    if !constraints.patterns.is_empty() && !is_string(kind) {
        found.push(("pattern", "strings"));
    }
    if constraints.range.is_some() && !is_number(kind) {
        found.push(("range", "numbers"));
    }
    found
}

fn has_length(kind: &ShapeKind) -> bool {
    matches!(
        kind,
        ShapeKind::List(_)
            | ShapeKind::Map { .. }
            | ShapeKind::Enum(_)
            | ShapeKind::Scalar(Scalar::String | Scalar::Blob)
    )
}

fn is_string(kind: &ShapeKind) -> bool {
    matches!(kind, ShapeKind::Enum(_) | ShapeKind::Scalar(Scalar::String))
}

fn is_number(kind: &ShapeKind) -> bool {
    matches!(
        kind,
        ShapeKind::IntEnum(_)
            | ShapeKind::Scalar(
                Scalar::Byte
                    | Scalar::Short
                    | Scalar::Integer
                    | Scalar::Long
                    | Scalar::Float
                    | Scalar::Double
                    | Scalar::BigInteger
                    | Scalar::BigDecimal
            )
    )
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
