//! Checks the reference loader makes while loading IDL that need more than one statement:
//! mixins of the right type without conflicting members, `for` naming a resource, mixin
//! operations and resources without io or identifiers, enum values of the right type, and the
//! members lists and maps must have. Shapes not found among the files parsed together (or the
//! context models) are left for the resolver to judge.

use std::collections::HashMap;

use serde_json::Value;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::smithy::ast::AstShape;

use super::elision::ShapeIndex;
use super::lexer::Pos;
use super::lower::{Lowered, ENUM_VALUE, MIXIN};

/// Runs every check over `files`.
pub fn check_files(files: &[Lowered], index: &ShapeIndex, diagnostics: &mut Diagnostics) {
    for file in files {
        let mut checker = Checker {
            file,
            index,
            diagnostics: &mut *diagnostics,
        };
        for (id, shape) in &file.ast.shapes {
            if shape.kind != "apply" {
                checker.shape(id, shape);
            }
        }
    }
}

struct Checker<'a> {
    file: &'a Lowered,
    index: &'a ShapeIndex,
    diagnostics: &'a mut Diagnostics,
}

impl Checker<'_> {
    fn error(&mut self, id: &str, message: impl Into<String>) {
        let pos = self
            .file
            .positions
            .get(id)
            .or_else(|| self.file.positions.get(id.split('$').next().unwrap_or(id)))
            .copied()
            .unwrap_or(Pos { line: 1, col: 1 });
        self.diagnostics
            .push(Diagnostic::error(&self.file.file, id, message).at(pos.line, pos.col));
    }

    fn shape(&mut self, id: &str, shape: &AstShape) {
        self.mixin_types(id, shape);
        self.mixin_members(id, shape);
        self.for_resource(id);
        self.mixin_shape_rules(id, shape);
        match shape.kind.as_str() {
            "enum" | "intEnum" => self.enum_members(id, shape),
            "list" | "set" if shape.member.is_none() && shape.mixins.is_none() => {
                self.error(
                    id,
                    format!("Missing required member of shape `{id}`: member"),
                );
            }
            "map" if shape.mixins.is_none() => {
                let missing: Vec<&str> = [("key", &shape.key), ("value", &shape.value)]
                    .into_iter()
                    .filter(|(_, m)| m.is_none())
                    .map(|(name, _)| name)
                    .collect();
                if !missing.is_empty() {
                    self.error(
                        id,
                        format!(
                            "Missing required members of shape `{id}`: {}",
                            missing.join(", ")
                        ),
                    );
                }
            }
            _ => {}
        }
    }

    fn mixin_types(&mut self, id: &str, shape: &AstShape) {
        let wrong: Vec<String> = shape
            .mixins
            .iter()
            .flatten()
            .filter(|m| {
                self.index
                    .get(&m.target)
                    .is_some_and(|mixin| mixin.kind != shape.kind)
            })
            .map(|m| format!("`{}`", m.target))
            .collect();
        if !wrong.is_empty() {
            self.error(
                id,
                format!(
                    "Mixins may only be mixed into shapes of the same type. The following mixins \
                     were applied to the {} shape `{id}` which are not {} shapes: [{}]",
                    shape.kind,
                    shape.kind,
                    wrong.join(", ")
                ),
            );
        }
    }

    /// Two mixins, or a mixin and the shape itself, giving one member different targets.
    fn mixin_members(&mut self, id: &str, shape: &AstShape) {
        if shape.mixins.is_none() {
            return;
        }
        let mut inherited: HashMap<String, (String, String)> = HashMap::new();
        for member in self.index.inherited_members(id) {
            if member.target.is_empty() {
                continue;
            }
            match inherited.get(&member.name) {
                Some((previous, _)) if *previous != member.target => {
                    let message = format!(
                        "Member conflicts with an inherited mixin member: `{}${}`",
                        member.mixin, member.name
                    );
                    self.error(id, message);
                }
                Some(_) => {}
                None => {
                    inherited.insert(member.name, (member.target, member.mixin));
                }
            }
        }
        for (name, target) in written_members(shape) {
            if let Some((inherited_target, mixin)) = inherited.get(&name) {
                if !target.is_empty() && target != *inherited_target {
                    let message = format!(
                        "Member conflicts with an inherited mixin member: `{mixin}${name}`"
                    );
                    self.error(&format!("{id}${name}"), message);
                }
            }
        }
    }

    fn for_resource(&mut self, id: &str) {
        let Some((resource, _)) = self.file.for_resources.get(id) else {
            return;
        };
        if let Some(target) = self.index.get(resource) {
            if target.kind != "resource" {
                let message = format!(
                    "The target of the `for` production must be a resource shape, but found a {} \
                     shape: {resource}",
                    target.kind
                );
                self.error(id, message);
            }
        }
    }

    fn mixin_shape_rules(&mut self, id: &str, shape: &AstShape) {
        if !shape.traits.contains_key(MIXIN) {
            return;
        }
        if shape.kind == "operation" && (shape.input.is_some() || shape.output.is_some()) {
            self.error(
                id,
                format!(
                    "Operation shapes with the mixin trait MUST target `smithy.api#Unit` for their \
                     input and output. Operation mixin shape `{id}` defines one or both of these \
                     properties."
                ),
            );
        }
        let defines = |key: &str| {
            shape
                .extra
                .get(key)
                .and_then(Value::as_object)
                .is_some_and(|map| !map.is_empty())
        };
        if shape.kind == "resource" && (defines("identifiers") || defines("properties")) {
            self.error(
                id,
                format!(
                    "Resource shapes with the mixin trait may not define any properties. Resource \
                     mixin shape `{id}` defines one or more properties."
                ),
            );
        }
    }

    fn enum_members(&mut self, id: &str, shape: &AstShape) {
        let members = shape.members.as_ref();
        if members.map_or(true, |m| m.is_empty()) && shape.mixins.is_none() {
            self.error(
                id,
                format!("{} shapes must have at least one member", shape.kind),
            );
        }
        let is_int = shape.kind == "intEnum";
        for (name, member) in members.into_iter().flatten() {
            let member_id = format!("{id}${name}");
            let problem = match (member.traits.get(ENUM_VALUE), is_int) {
                (None, false) | (Some(Value::String(_)), false) => None,
                (Some(other), false) => Some(format!(
                    "enum members can only be assigned string values, but found: {other}"
                )),
                (None, true) => Some("intEnum members require integer values".to_string()),
                (Some(value), true) => int_enum_value_problem(value),
            };
            if let Some(message) = problem {
                self.error(&member_id, message);
            }
        }
    }
}

fn int_enum_value_problem(value: &Value) -> Option<String> {
    match value {
        Value::Number(n) if n.is_f64() => {
            Some("intEnum members do not support floating point values".to_string())
        }
        Value::Number(n) => match n.as_i64().map(i32::try_from) {
            Some(Ok(_)) => None,
            _ => Some(format!(
                "intEnum members must fit within an integer, but found: {n}"
            )),
        },
        other => Some(format!(
            "intEnum members require integer values, but found: {other}"
        )),
    }
}

/// The members written on a shape, as (name, target).
fn written_members(shape: &AstShape) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = shape
        .members
        .iter()
        .flatten()
        .map(|(name, m)| (name.clone(), m.target.clone()))
        .collect();
    for (name, member) in [
        ("member", &shape.member),
        ("key", &shape.key),
        ("value", &shape.value),
    ] {
        if let Some(member) = member {
            out.push((name.to_string(), member.target.clone()));
        }
    }
    out
}
