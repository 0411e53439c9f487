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
    /// How many shapes define a member of each name.
    definers: HashMap<String, usize>,
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
        for shape in index.shapes.values() {
            for name in shape.members.keys() {
                *index.definers.entry(name.clone()).or_default() += 1;
            }
        }
        index
    }

    /// The shape with this id, if known.
    pub fn get(&self, id: &str) -> Option<&IndexedShape> {
        self.shapes.get(id)
    }

    /// Visits the known shapes reachable through mixins from `roots` (included), depth first
    /// in `with` order, each once, never passing through `exclude`, until `visit` gives a value.
    fn search<'a, T>(
        &'a self,
        roots: &[&'a str],
        exclude: &str,
        mut visit: impl FnMut(&'a str, &'a IndexedShape) -> Option<T>,
    ) -> Option<T> {
        let mut visited: HashSet<&str> = HashSet::new();
        let mut stack: Vec<&str> = roots.iter().rev().copied().collect();
        while let Some(next) = stack.pop() {
            if next == exclude || !visited.insert(next) {
                continue;
            }
            let Some(shape) = self.get(next) else {
                continue;
            };
            if let Some(found) = visit(next, shape) {
                return Some(found);
            }
            stack.extend(shape.mixins.iter().rev().map(String::as_str));
        }
        None
    }

    /// The direct mixins of `id`.
    pub fn mixins_of(&self, id: &str) -> Vec<&str> {
        self.get(id)
            .map(|s| s.mixins.iter().map(String::as_str).collect())
            .unwrap_or_default()
    }

    /// Shapes whose mixins lead into a cycle (those on a cycle and those mixing one in).
    pub fn cyclic_mixin_shapes(&self) -> HashSet<&str> {
        // Settle shapes whose known mixins are all settled; what never settles is cyclic.
        let mut unsettled: HashMap<&str, usize> = HashMap::new();
        let mut dependents: HashMap<&str, Vec<&str>> = HashMap::new();
        for (id, shape) in &self.shapes {
            let known: HashSet<&str> = shape
                .mixins
                .iter()
                .map(String::as_str)
                .filter(|m| self.shapes.contains_key(*m))
                .collect();
            for mixin in &known {
                dependents.entry(mixin).or_default().push(id);
            }
            unsettled.insert(id, known.len());
        }
        let mut ready: Vec<&str> = unsettled
            .iter()
            .filter(|(_, count)| **count == 0)
            .map(|(id, _)| *id)
            .collect();
        while let Some(id) = ready.pop() {
            for dependent in dependents.get(id).into_iter().flatten() {
                if let Some(count) = unsettled.get_mut(dependent) {
                    *count -= 1;
                    if *count == 0 {
                        ready.push(dependent);
                    }
                }
            }
        }
        unsettled
            .into_iter()
            .filter(|(_, count)| *count > 0)
            .map(|(id, _)| id)
            .collect()
    }

    /// The first definition of member `name` among the mixins of `id` (depth first):
    /// `(target, mixin)`. The target is empty when that member is elided and unresolved.
    pub fn inherited_member(&self, id: &str, name: &str) -> Option<(&str, &str)> {
        // Most member names are defined by one shape only: nothing to search.
        if self.definers.get(name).copied().unwrap_or(0) < 2 {
            return None;
        }
        self.search(&self.mixins_of(id), id, |mixin, shape| {
            let target = shape.members.get(name)?;
            Some((target.as_str(), mixin))
        })
    }

    /// The first member name that the mixins of `id` (transitively) give two different
    /// targets: `(name, mixin defining the later one)`. Unresolved elided members are skipped.
    pub fn conflicting_inherited_member(&self, id: &str) -> Option<(&str, &str)> {
        let mut seen: HashMap<&str, &str> = HashMap::new();
        self.search(&self.mixins_of(id), id, |mixin, shape| {
            let mut members: Vec<_> = shape.members.iter().collect();
            members.sort();
            for (name, target) in members {
                if target.is_empty() {
                    continue;
                }
                match seen.get(name.as_str()) {
                    Some(previous) if *previous != target.as_str() => {
                        return Some((name.as_str(), mixin));
                    }
                    Some(_) => {}
                    None => {
                        seen.insert(name, target);
                    }
                }
            }
            None
        })
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
        let mut visited: HashSet<&str> = HashSet::from([elision.shape.as_str()]);
        let mut stack: Vec<&str> = elision.mixins.iter().rev().map(String::as_str).collect();
        while let Some(id) = stack.pop() {
            if !visited.insert(id) {
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
