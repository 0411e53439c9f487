//! Fills in elided member targets (`$name`): first from the identifiers, then the properties,
//! of the resource named by `for`, then from the first mixin (depth first, in `with` order)
//! that has a member of that name, looking across every file parsed together and the context
//! models.
//!
//! A mixin member may itself be elided; an elision waiting on one is retried once that one is
//! resolved, so chains resolve in linear time whatever their order in the files.

use std::collections::{HashMap, HashSet, VecDeque};

use serde_json::Value;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::smithy::ast::{AstMember, AstShape, SmithyAst};

use super::lower::{Elision, Lowered, Slot};

/// What the lookups need to know about one shape.
#[derive(Debug, Default)]
pub struct IndexedShape {
    /// The shape type.
    pub kind: String,
    /// Member names to targets (`member`, `key`, `value` for lists and maps); an empty target
    /// is an elided member not resolved yet.
    pub members: HashMap<String, String>,
    /// Mixin ids, in order.
    pub mixins: Vec<String>,
    /// Resource identifiers.
    pub identifiers: HashMap<String, String>,
    /// Resource properties.
    pub properties: HashMap<String, String>,
}

/// Every known shape by absolute id.
#[derive(Debug, Default)]
pub struct ShapeIndex {
    shapes: HashMap<String, IndexedShape>,
}

/// One inherited member: its name, target, and the mixin that defines it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inherited {
    /// The member name.
    pub name: String,
    /// Its target (empty when elided and unresolved).
    pub target: String,
    /// The mixin defining it.
    pub mixin: String,
}

impl ShapeIndex {
    /// Indexes the lowered files and the context models.
    pub fn new(files: &[Lowered], context: &[&SmithyAst]) -> Self {
        let mut index = ShapeIndex::default();
        for ast in context.iter().copied().chain(files.iter().map(|f| &f.ast)) {
            for (id, shape) in &ast.shapes {
                if shape.kind != "apply" {
                    index.shapes.insert(id.clone(), indexed(shape));
                }
            }
        }
        index
    }

    /// The shape with this id, if known.
    pub fn get(&self, id: &str) -> Option<&IndexedShape> {
        self.shapes.get(id)
    }

    /// The mixins of `id`, transitively, depth first in `with` order, each once.
    fn mixin_closure(&self, id: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut visited = HashSet::from([id.to_string()]);
        let mut stack: Vec<String> = self
            .get(id)
            .map(|s| s.mixins.iter().rev().cloned().collect())
            .unwrap_or_default();
        while let Some(next) = stack.pop() {
            if !visited.insert(next.clone()) {
                continue;
            }
            if let Some(shape) = self.get(&next) {
                stack.extend(shape.mixins.iter().rev().cloned());
            }
            out.push(next);
        }
        out
    }

    /// Whether `id` is among its own mixins, transitively.
    pub fn mixes_in_itself(&self, id: &str) -> bool {
        self.mixin_closure(id).iter().any(|mixin| {
            self.get(mixin)
                .is_some_and(|shape| shape.mixins.iter().any(|m| m == id))
        }) || self
            .get(id)
            .is_some_and(|s| s.mixins.iter().any(|m| m == id))
    }

    /// The members `id` inherits from its mixins (known ones), transitively.
    pub fn inherited_members(&self, id: &str) -> Vec<Inherited> {
        let mut out = Vec::new();
        for mixin in self.mixin_closure(id) {
            let Some(shape) = self.get(&mixin) else {
                continue;
            };
            let mut members: Vec<_> = shape.members.iter().collect();
            members.sort();
            for (name, target) in members {
                out.push(Inherited {
                    name: name.clone(),
                    target: target.clone(),
                    mixin: mixin.clone(),
                });
            }
        }
        out
    }

    fn find(&self, elision: &Elision) -> Lookup {
        if let Some(resource) = elision.for_resource.as_deref().and_then(|r| self.get(r)) {
            let found = resource
                .identifiers
                .get(&elision.member)
                .or_else(|| resource.properties.get(&elision.member));
            if let Some(target) = found {
                return Lookup::Found(target.clone());
            }
        }
        let mut visited = HashSet::from([elision.shape.clone()]);
        let mut stack: Vec<&str> = elision.mixins.iter().rev().map(String::as_str).collect();
        while let Some(id) = stack.pop() {
            if !visited.insert(id.to_string()) {
                continue;
            }
            let Some(shape) = self.get(id) else {
                continue;
            };
            match shape.members.get(&elision.member) {
                Some(target) if target.is_empty() => {
                    return Lookup::Waiting(id.to_string(), elision.member.clone())
                }
                Some(target) => return Lookup::Found(target.clone()),
                None => stack.extend(shape.mixins.iter().rev().map(String::as_str)),
            }
        }
        Lookup::Missing
    }

    fn set_target(&mut self, shape: &str, member: &str, target: &str) {
        if let Some(entry) = self
            .shapes
            .get_mut(shape)
            .and_then(|s| s.members.get_mut(member))
        {
            *entry = target.to_string();
        }
    }
}

enum Lookup {
    Found(String),
    /// Found on a mixin member that is itself elided and not resolved yet.
    Waiting(String, String),
    Missing,
}

fn indexed(shape: &AstShape) -> IndexedShape {
    let mut members: HashMap<String, String> = HashMap::new();
    if let Some(map) = &shape.members {
        for (name, member) in map {
            members.insert(name.clone(), member.target.clone());
        }
    }
    for (name, member) in [
        ("member", &shape.member),
        ("key", &shape.key),
        ("value", &shape.value),
    ] {
        if let Some(member) = member {
            members.insert(name.to_string(), member.target.clone());
        }
    }
    IndexedShape {
        kind: shape.kind.clone(),
        members,
        mixins: shape
            .mixins
            .iter()
            .flatten()
            .map(|m| m.target.clone())
            .collect(),
        identifiers: reference_map(shape.extra.get("identifiers")),
        properties: reference_map(shape.extra.get("properties")),
    }
}

/// `{"name": {"target": "id"}}` to name → id.
fn reference_map(value: Option<&Value>) -> HashMap<String, String> {
    let Some(Value::Object(map)) = value else {
        return HashMap::new();
    };
    map.iter()
        .filter_map(|(name, reference)| {
            let target = reference.get("target")?.as_str()?;
            Some((name.clone(), target.to_string()))
        })
        .collect()
}

/// Resolves every elided member it can; the rest are reported.
pub fn resolve_elisions(
    files: &mut [Lowered],
    context: &[&SmithyAst],
    diagnostics: &mut Diagnostics,
) {
    let mut index = ShapeIndex::new(files, context);
    let pending: Vec<(usize, Elision)> = files
        .iter_mut()
        .enumerate()
        .flat_map(|(i, file)| {
            std::mem::take(&mut file.elisions)
                .into_iter()
                .map(move |e| (i, e))
        })
        .collect();
    let mut queue: VecDeque<(usize, Elision)> = pending.into();
    let mut waiters: HashMap<(String, String), Vec<(usize, Elision)>> = HashMap::new();
    let mut unresolved = Vec::new();
    while let Some((file_index, elision)) = queue.pop_front() {
        match index.find(&elision) {
            Lookup::Found(target) => {
                index.set_target(&elision.shape, &elision.member, &target);
                set_target(&mut files[file_index].ast, &elision, target);
                let key = (elision.shape.clone(), elision.member.clone());
                if let Some(unblocked) = waiters.remove(&key) {
                    queue.extend(unblocked);
                }
            }
            Lookup::Waiting(shape, member) => {
                waiters
                    .entry((shape, member))
                    .or_default()
                    .push((file_index, elision));
            }
            Lookup::Missing => unresolved.push((file_index, elision)),
        }
    }
    // Whatever still waits is part of a cycle of elided members.
    unresolved.extend(waiters.into_values().flatten());
    unresolved.sort_by_key(|(file, elision)| (*file, elision.pos));
    for (file_index, elision) in unresolved {
        let location = format!("{}${}", elision.shape, elision.member);
        diagnostics.push(
            Diagnostic::error(
                &files[file_index].file,
                location,
                "Member target was elided, but no bound resource or mixin contained a matching \
                 identifier or member name",
            )
            .at(elision.pos.line, elision.pos.col),
        );
    }
}

fn set_target(ast: &mut SmithyAst, elision: &Elision, target: String) {
    let Some(shape) = ast.shapes.get_mut(&elision.shape) else {
        return;
    };
    let member: Option<&mut AstMember> = match elision.slot {
        Slot::Members => shape
            .members
            .as_mut()
            .and_then(|members| members.get_mut(&elision.member)),
        Slot::ListMember => shape.member.as_mut(),
        Slot::MapKey => shape.key.as_mut(),
        Slot::MapValue => shape.value.as_mut(),
    };
    if let Some(member) = member {
        member.target = target;
    }
}
