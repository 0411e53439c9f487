//! Checks the reference loader makes while loading IDL that need more than one statement:
//! mixins of the right type without conflicting members, `for` naming a resource, mixin
//! operations and resources without io or identifiers, enum values of the right type, and the
//! members lists and maps must have. Shapes not found among the files parsed together (or the
//! context models) are left for the resolver to judge.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::smithy::ast::{AstRef, AstShape, SmithyAst};

use super::elision::ShapeIndex;
use super::lexer::Pos;
use super::lower::{Lowered, ENUM_VALUE, MIXIN, UNIT};

/// Runs every check over `files`.
pub fn check_files(
    files: &[Lowered],
    context: &[&SmithyAst],
    index: &ShapeIndex,
    diagnostics: &mut Diagnostics,
) {
    conflicting_definitions(files, context, diagnostics);
    let cyclic = index.cyclic_mixin_shapes();
    for file in files {
        let mut checker = Checker {
            file,
            index,
            cyclic: &cyclic,
            diagnostics: &mut *diagnostics,
        };
        for (id, shape) in &file.ast.shapes {
            if shape.kind != "apply" {
                checker.shape(id, shape);
            }
        }
    }
}

/// The same shape defined differently in two files (identical definitions are allowed).
fn conflicting_definitions(
    files: &[Lowered],
    context: &[&SmithyAst],
    diagnostics: &mut Diagnostics,
) {
    let mut defined: HashMap<&str, &AstShape> = HashMap::new();
    for ast in context {
        for (id, shape) in &ast.shapes {
            if shape.kind != "apply" {
                defined.insert(id, shape);
            }
        }
    }
    for file in files {
        for (id, shape) in &file.ast.shapes {
            if shape.kind == "apply" {
                continue;
            }
            match defined.get(id.as_str()) {
                Some(previous) if *previous != shape => {
                    let pos = file
                        .positions
                        .get(id)
                        .copied()
                        .unwrap_or(Pos { line: 1, col: 1 });
                    diagnostics.push(
                        Diagnostic::error(
                            &file.file,
                            id.clone(),
                            format!("Conflicting shape definition for `{id}` in another file"),
                        )
                        .at(pos.line, pos.col),
                    );
                }
                Some(_) => {}
                None => {
                    defined.insert(id, shape);
                }
            }
        }
    }
}

struct Checker<'a> {
    file: &'a Lowered,
    index: &'a ShapeIndex,
    cyclic: &'a HashSet<&'a str>,
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
        if self.cyclic.contains(id) {
            self.error(
                id,
                format!("Mixins must not form a cycle, but `{id}` leads into one"),
            );
        } else {
            self.mixin_members(id, shape);
        }
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
        if self.index.mixins_of(id).len() > 1 {
            if let Some((name, mixin)) = self.index.conflicting_inherited_member(id) {
                let message =
                    format!("Member conflicts with an inherited mixin member: `{mixin}${name}`");
                self.error(id, message);
            }
        }
        for (name, target) in written_members(shape) {
            let Some((inherited, mixin)) = self.index.inherited_member(id, &name) else {
                continue;
            };
            if !target.is_empty() && !inherited.is_empty() && target != inherited {
                let message =
                    format!("Member conflicts with an inherited mixin member: `{mixin}${name}`");
                self.error(&format!("{id}${name}"), message);
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
        let not_unit = |io: &Option<AstRef>| io.as_ref().is_some_and(|r| r.target != UNIT);
        if shape.kind == "operation" && (not_unit(&shape.input) || not_unit(&shape.output)) {
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
        let has_lifecycle = [
            &shape.put,
            &shape.create,
            &shape.read,
            &shape.update,
            &shape.delete,
            &shape.list,
        ]
        .iter()
        .any(|op| op.is_some());
        let has_bindings = [&shape.operations, &shape.resources]
            .iter()
            .any(|list| list.as_ref().is_some_and(|l| !l.is_empty()));
        let has_properties =
            defines("identifiers") || defines("properties") || has_lifecycle || has_bindings;
        if shape.kind == "resource" && has_properties {
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

#[cfg(test)]
mod tests {
    use super::super::parse;

    fn messages(text: &str) -> Vec<String> {
        match parse(text, "t.smithy") {
            Ok(_) => Vec::new(),
            Err(diagnostics) => diagnostics.into_iter().map(|d| d.message).collect(),
        }
    }

    const V2: &str = "$version: \"2\"\nnamespace a\n";

    #[test]
    fn conflicting_mixin_members_are_rejected() {
        let text = format!(
            "{V2}@mixin\nstructure A {{ x: String }}\n@mixin\nstructure B {{ x: Integer }}\n\
             structure C with [A, B] {{}}\n"
        );
        let found = messages(&text);
        assert!(
            found
                .iter()
                .any(|m| m.contains("conflicts with an inherited")),
            "{found:?}"
        );
    }

    #[test]
    fn redefining_a_mixin_member_with_its_target_is_fine() {
        let text = format!("{V2}@mixin\nstructure A {{ x: String }}\nstructure C with [A] {{ @required\n x: String }}\n");
        assert!(messages(&text).is_empty());
    }

    #[test]
    fn mixin_cycles_and_type_mismatches_are_rejected() {
        let cycle =
            format!("{V2}@mixin\nstructure A with [B] {{}}\n@mixin\nstructure B with [A] {{}}\n");
        assert!(messages(&cycle).iter().any(|m| m.contains("cycle")));
        let types = format!("{V2}@mixin\nstring S\nstructure C with [S] {{}}\n");
        assert!(messages(&types).iter().any(|m| m.contains("same type")));
    }

    #[test]
    fn mixin_operations_may_only_use_unit_io() {
        let unit = format!("{V2}@mixin\noperation O {{ input: Unit\n output: Unit }}\n");
        assert!(messages(&unit).is_empty());
        let io = format!("{V2}@mixin\noperation O {{ input := {{}} }}\n");
        assert!(!messages(&io).is_empty());
    }

    #[test]
    fn enum_values_must_have_the_right_type() {
        assert!(!messages(&format!("{V2}enum E {{ A = 1\n}}\n")).is_empty());
        assert!(!messages(&format!("{V2}intEnum E {{ A = \"x\"\n}}\n")).is_empty());
        assert!(!messages(&format!("{V2}intEnum E {{ A = 2147483648\n}}\n")).is_empty());
        assert!(!messages(&format!("{V2}intEnum E {{ A }}\n")).is_empty());
        assert!(messages(&format!("{V2}intEnum E {{ A = -3\n}}\n")).is_empty());
    }

    #[test]
    fn lists_and_maps_need_their_members_unless_mixed() {
        assert!(!messages(&format!("{V2}list L {{}}\n")).is_empty());
        assert!(!messages(&format!("{V2}map M {{ key: String }}\n")).is_empty());
        let mixed = format!("{V2}@mixin\nlist A {{ member: String }}\nlist L with [A] {{}}\n");
        assert!(messages(&mixed).is_empty());
    }
}
