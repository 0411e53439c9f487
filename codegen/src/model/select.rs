//! Restricting a model to what chosen operations reach (`--only`).

use std::collections::BTreeSet;

use super::{Model, Shape, ShapeId, ShapeKind};
use crate::diagnostics::Diagnostic;

/// Keeps the named operations (by shape name or absolute id) and every shape their inputs,
/// outputs and errors reach; services keep only those operations. An unknown name is an error
/// that lists the operations that exist.
pub fn restrict_to_operations(model: &Model, names: &[String]) -> Result<Model, Diagnostic> {
    let mut kept_operations = BTreeSet::new();
    for name in names {
        let found = model
            .operations
            .keys()
            .find(|id| id.name() == name || id.to_string() == *name);
        match found {
            Some(id) => {
                kept_operations.insert(id.clone());
            }
            None => {
                let known: Vec<&str> = model.operations.keys().map(|id| id.name()).collect();
                return Err(Diagnostic::error(
                    "<--only>",
                    name.as_str(),
                    format!(
                        "no operation named `{name}`; the model has: {}",
                        known.join(", ")
                    ),
                ));
            }
        }
    }
    let reached = shapes_reached_from(model, &kept_operations);
    let mut selected = Model::default();
    for id in &reached {
        if let Some(shape) = model.shapes.get(id) {
            selected.shapes.insert(id.clone(), shape.clone());
        }
    }
    for id in &kept_operations {
        selected
            .operations
            .insert(id.clone(), model.operations[id].clone());
    }
    for (id, service) in &model.services {
        let mut service = service.clone();
        service.operations.retain(|op| kept_operations.contains(op));
        if !service.operations.is_empty() {
            selected.services.insert(id.clone(), service);
        }
    }
    Ok(selected)
}

/// Every shape the inputs, outputs and errors of `operations` reach, directly or through
/// members and assertions (unknown operation ids reach nothing).
pub fn shapes_reached_from<'a>(
    model: &Model,
    operations: impl IntoIterator<Item = &'a ShapeId>,
) -> BTreeSet<ShapeId> {
    let mut pending: Vec<ShapeId> = Vec::new();
    for operation in operations
        .into_iter()
        .filter_map(|id| model.operations.get(id))
    {
        pending.extend(operation.input.iter().cloned());
        pending.extend(operation.output.iter().cloned());
        pending.extend(operation.errors.iter().cloned());
    }
    let mut reached = BTreeSet::new();
    while let Some(id) = pending.pop() {
        if !reached.insert(id.clone()) {
            continue;
        }
        if let Some(shape) = model.shapes.get(&id) {
            pending.extend(shape_references(shape));
        }
    }
    reached
}

/// Every shape a shape refers to: its members' targets and the shapes its (and its members')
/// assertions name.
pub fn shape_references(shape: &Shape) -> Vec<ShapeId> {
    let mut ids = referenced_shapes(&shape.kind);
    ids.extend(shape.constraints.referenced_shapes());
    ids
}

/// The shapes a shape's members target, and the shapes the members' assertions name.
pub fn referenced_shapes(kind: &ShapeKind) -> Vec<ShapeId> {
    let members: Vec<&super::Member> = match kind {
        ShapeKind::Structure(s) => s.members.iter().collect(),
        ShapeKind::Union(u) => u.members.iter().collect(),
        ShapeKind::List(member) => vec![member.as_ref()],
        ShapeKind::Map { key, value } => vec![key.as_ref(), value.as_ref()],
        _ => Vec::new(),
    };
    let mut ids = member_targets(kind);
    for member in members {
        ids.extend(member.constraints.referenced_shapes());
    }
    ids
}

fn member_targets(kind: &ShapeKind) -> Vec<ShapeId> {
    match kind {
        ShapeKind::Structure(s) => {
            let mut ids: Vec<ShapeId> = s.members.iter().map(|m| m.target.clone()).collect();
            if let super::AdditionalMembers::Map(target) = &s.additional {
                ids.push(target.clone());
            }
            ids
        }
        ShapeKind::Union(u) => u.members.iter().map(|m| m.target.clone()).collect(),
        ShapeKind::List(member) => vec![member.target.clone()],
        ShapeKind::Map { key, value } => vec![key.target.clone(), value.target.clone()],
        ShapeKind::Enum(_) | ShapeKind::IntEnum(_) | ShapeKind::Scalar(_) | ShapeKind::Document => {
            Vec::new()
        }
    }
}
