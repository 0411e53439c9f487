//! Places `apply` statements in the syntax model. The JSON AST cannot hold an `apply` entry
//! and a shape under the same id, so traits applied to a shape (or a written member) defined in
//! the same file go straight onto it, with Smithy's trait conflict rule; applies to anything
//! else (other files, members inherited from mixins) stay as shapes of type `apply`.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::smithy::ast::{AstMember, AstShape};

use super::lower::{merge_trait, Apply, Lowered};

/// Folds the file's apply statements into its shapes or `apply` entries.
pub fn place_applies(file: &mut Lowered, diagnostics: &mut Diagnostics) {
    let applies = std::mem::take(&mut file.applies);
    for apply in applies {
        let is_local = local_target(file, &apply.target).is_some();
        if !is_local {
            file.ast
                .shapes
                .entry(apply.target.clone())
                .or_insert_with(|| AstShape::new("apply"));
        }
        for (trait_id, value) in apply.traits.iter().cloned() {
            let traits = if is_local {
                local_target(file, &apply.target)
            } else {
                file.ast
                    .shapes
                    .get_mut(&apply.target)
                    .map(|entry| &mut entry.traits)
            };
            let Some(traits) = traits else {
                continue;
            };
            if let Err(message) = merge_trait(traits, &trait_id, value) {
                report(diagnostics, &file.file, &apply, message);
            }
        }
    }
}

fn report(diagnostics: &mut Diagnostics, file: &str, apply: &Apply, message: String) {
    diagnostics.push(
        Diagnostic::error(file, apply.target.clone(), message).at(apply.pos.line, apply.pos.col),
    );
}

/// The trait map of the shape or written member `target` names, when this file defines it.
fn local_target<'a>(
    file: &'a mut Lowered,
    target: &str,
) -> Option<&'a mut indexmap::IndexMap<String, serde_json::Value>> {
    match target.split_once('$') {
        None => file
            .ast
            .shapes
            .get_mut(target)
            .filter(|shape| shape.kind != "apply")
            .map(|shape| &mut shape.traits),
        Some((shape_id, member)) => {
            let shape = file.ast.shapes.get_mut(shape_id)?;
            if shape.kind == "apply" {
                return None;
            }
            written_member(shape, member).map(|m| &mut m.traits)
        }
    }
}

fn written_member<'a>(shape: &'a mut AstShape, name: &str) -> Option<&'a mut AstMember> {
    match (shape.kind.as_str(), name) {
        ("list" | "set", "member") => shape.member.as_mut(),
        ("map", "key") => shape.key.as_mut(),
        ("map", "value") => shape.value.as_mut(),
        _ => shape.members.as_mut()?.get_mut(name),
    }
}
