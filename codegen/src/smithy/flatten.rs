//! Turns merged definitions into a table of shapes that each stand alone: ids and shape types
//! checked, `apply` statements merged into the traits they name, and mixins flattened into the
//! shapes that use them.
//!
//! Mixins follow Smithy's order: the mixins' members come first (mixin by mixin, in the order
//! listed), then the shape's own; a member defined both ways keeps the mixin's position and gets
//! the mixin's traits overridden by its own. Shape traits are inherited the same way, except
//! `@mixin` itself and the traits the mixin lists in `localTraits`. Each shape is flattened after
//! its mixins (a topological order, found without recursion), so chains of mixins work, and an
//! `apply` to an inherited member (`ns#Shape$inherited`) lands once the member is there.

use indexmap::IndexMap;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{ShapeId, SourceRef};

use super::ast::{AstMember, AstRef, AstShape};
use super::merge::{Applied, Defined, Merged};
use super::traits::{describe, ids};

/// Every shape type the JSON AST may name (besides `apply`).
const SHAPE_TYPES: &[&str] = &[
    "structure",
    "union",
    "enum",
    "intEnum",
    "string",
    "list",
    "set",
    "map",
    "boolean",
    "byte",
    "short",
    "integer",
    "long",
    "float",
    "double",
    "bigInteger",
    "bigDecimal",
    "timestamp",
    "blob",
    "document",
    "operation",
    "service",
    "resource",
];

/// One shape, standing alone once the table is built.
#[derive(Debug, Clone)]
pub struct Def {
    /// Its id.
    pub id: ShapeId,
    /// The shape with mixins and applied traits merged in (its `mixins` are emptied).
    pub ast: AstShape,
    /// Where it is defined.
    pub source: SourceRef,
    /// It comes from a Smithy 1.0 file.
    pub smithy_1: bool,
    /// Where inherited members were defined, keyed by pointer suffix (`/members/name`,
    /// `/member`); members missing here are defined on the shape itself.
    inherited_sources: HashMap<String, SourceRef>,
}

impl Def {
    /// Whether the shape is a mixin (carries `@mixin`), which the model does not contain.
    pub fn is_mixin(&self) -> bool {
        self.ast.traits.contains_key(ids::MIXIN)
    }

    /// Where the member at `suffix` (`/members/name`, `/member`, `/key`, `/value`) is defined.
    pub fn member_source(&self, suffix: &str) -> SourceRef {
        match self.inherited_sources.get(suffix) {
            Some(source) => source.clone(),
            None => SourceRef {
                file: self.source.file.clone(),
                pointer: format!("{}{suffix}", self.source.pointer),
            },
        }
    }
}

/// The shapes of a model, by id as written, each standing alone.
#[derive(Debug, Default)]
pub struct Table {
    /// The shapes, in definition order.
    pub defs: IndexMap<String, Def>,
    /// Ids of shapes left out because their definition is broken (already reported), so that
    /// references to them are not reported again.
    pub broken: HashSet<String>,
}

/// Builds the table: checks ids and types, merges `apply` statements, flattens mixins.
pub fn build(merged: Merged, diagnostics: &mut Diagnostics) -> Table {
    let mut table = Table::default();
    for (id, defined) in merged.shapes {
        add_definition(&mut table, id, defined, diagnostics);
    }
    let pending = apply_to_written(&mut table, merged.applies, diagnostics);
    flatten_mixins(&mut table, pending, diagnostics);
    table
}

/// Parses an absolute shape id, `namespace#Name`, where the namespace is dot-separated
/// identifiers and identifiers are `[A-Za-z_][A-Za-z0-9_]*`.
pub fn parse_shape_id(text: &str) -> Option<ShapeId> {
    let (namespace, name) = text.split_once('#')?;
    let namespace_ok = namespace.split('.').all(is_identifier);
    (namespace_ok && is_identifier(name)).then(|| ShapeId::new(namespace, name))
}

fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    let starts_well = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    starts_well && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Escapes a JSON pointer token (`~` → `~0`, `/` → `~1`).
pub fn pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

fn add_definition(
    table: &mut Table,
    id_text: String,
    defined: Defined,
    diagnostics: &mut Diagnostics,
) {
    let Defined {
        ast,
        file,
        smithy_1,
    } = defined;
    let Some(id) = parse_shape_id(&id_text) else {
        diagnostics.push(Diagnostic::error(
            file.to_string(),
            id_text.as_str(),
            "shape id must be absolute, `namespace#Name`, with identifiers for both parts",
        ));
        table.broken.insert(id_text);
        return;
    };
    if !SHAPE_TYPES.contains(&ast.kind.as_str()) {
        diagnostics.push(Diagnostic::error(
            file.to_string(),
            id_text.as_str(),
            format!("unknown shape type `{}`", ast.kind),
        ));
        table.broken.insert(id_text);
        return;
    }
    for name in ast.members.iter().flatten().map(|(name, _)| name) {
        if !is_identifier(name) {
            diagnostics.push(Diagnostic::error(
                file.to_string(),
                format!("{id_text}${name}"),
                "member name must be an identifier (`[A-Za-z_][A-Za-z0-9_]*`)",
            ));
        }
    }
    let source = SourceRef {
        file,
        pointer: format!("/shapes/{}", pointer_token(&id_text)),
    };
    let def = Def {
        id,
        ast,
        source,
        smithy_1,
        inherited_sources: HashMap::new(),
    };
    table.defs.insert(id_text, def);
}

/// Applies every `apply` whose target is written in the files; returns, by shape index, those
/// that name a member the shape may inherit from a mixin.
fn apply_to_written(
    table: &mut Table,
    applies: Vec<Applied>,
    diagnostics: &mut Diagnostics,
) -> HashMap<usize, Vec<Applied>> {
    let mut pending: HashMap<usize, Vec<Applied>> = HashMap::new();
    for applied in applies {
        let (shape_text, member) = match applied.target.split_once('$') {
            Some((shape, member)) => (shape, Some(member)),
            None => (applied.target.as_str(), None),
        };
        if parse_shape_id(shape_text).is_none() || member.is_some_and(|m| !is_identifier(m)) {
            diagnostics.push(Diagnostic::error(
                applied.file.to_string(),
                applied.target.as_str(),
                "apply target must be `namespace#Name` or `namespace#Name$member`",
            ));
            continue;
        }
        let Some(index) = table.defs.get_index_of(shape_text) else {
            if !table.broken.contains(shape_text) {
                diagnostics.push(Diagnostic::error(
                    applied.file.to_string(),
                    applied.target.as_str(),
                    format!("apply targets `{shape_text}`, which is not defined"),
                ));
            }
            continue;
        };
        let Some((_, def)) = table.defs.get_index_mut(index) else {
            continue;
        };
        let has_mixins = def.ast.mixins.as_ref().is_some_and(|m| !m.is_empty());
        let traits = match member {
            None => Some(&mut def.ast.traits),
            Some(name) => member_traits(&mut def.ast, name),
        };
        match traits {
            Some(traits) => merge_applied(traits, &applied, true, diagnostics),
            None if has_mixins => {
                pending.entry(index).or_default().push(applied);
            }
            None => report_missing_member(&applied, diagnostics),
        }
    }
    pending
}

fn report_missing_member(applied: &Applied, diagnostics: &mut Diagnostics) {
    diagnostics.push(Diagnostic::error(
        applied.file.to_string(),
        applied.target.as_str(),
        "apply targets a member that the shape does not have",
    ));
}

/// The traits of a member by name: a structure-like member, or a collection's `member`, `key`
/// or `value`.
fn member_traits<'a>(
    shape: &'a mut AstShape,
    name: &str,
) -> Option<&'a mut IndexMap<String, Value>> {
    if let Some(member) = shape.members.as_mut().and_then(|m| m.get_mut(name)) {
        return Some(&mut member.traits);
    }
    let member = match name {
        "member" => shape.member.as_mut(),
        "key" => shape.key.as_mut(),
        "value" => shape.value.as_mut(),
        _ => None,
    };
    member.map(|m| &mut m.traits)
}

/// Merges applied traits: equal values are kept once, list values are concatenated, any other
/// value replaces the one there (with a warning when `warn_on_replace`, i.e. when the replaced
/// value was written on the shape itself rather than inherited).
fn merge_applied(
    traits: &mut IndexMap<String, Value>,
    applied: &Applied,
    warn_on_replace: bool,
    diagnostics: &mut Diagnostics,
) {
    for (id, value) in &applied.traits {
        match traits.get_mut(id) {
            None => {
                traits.insert(id.clone(), value.clone());
            }
            Some(existing) if existing == value => {}
            Some(Value::Array(items)) if value.is_array() => {
                items.extend(value.as_array().into_iter().flatten().cloned());
            }
            Some(existing) => {
                if warn_on_replace {
                    diagnostics.push(Diagnostic::warning(
                        applied.file.to_string(),
                        applied.target.as_str(),
                        format!(
                            "apply replaces trait `{id}` ({} there, {} applied)",
                            describe(existing),
                            describe(value)
                        ),
                    ));
                }
                *existing = value.clone();
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Visit {
    New,
    Open,
    Done,
}

/// Flattens every shape that has mixins, mixins first, then lands the pending applies.
fn flatten_mixins(
    table: &mut Table,
    mut pending: HashMap<usize, Vec<Applied>>,
    diagnostics: &mut Diagnostics,
) {
    for index in mixin_order(table, diagnostics) {
        flatten_one(table, index, diagnostics);
        let Some(applies) = pending.remove(&index) else {
            continue;
        };
        let Some((_, def)) = table.defs.get_index_mut(index) else {
            continue;
        };
        for applied in applies {
            let target = applied.target.split_once('$').map(|(_, m)| m);
            match target.and_then(|name| member_traits(&mut def.ast, name)) {
                Some(traits) => merge_applied(traits, &applied, false, diagnostics),
                None => report_missing_member(&applied, diagnostics),
            }
        }
    }
    for applied in pending.into_values().flatten() {
        report_missing_member(&applied, diagnostics);
    }
}

fn mixin_refs(table: &Table, index: usize) -> &[AstRef] {
    table
        .defs
        .get_index(index)
        .and_then(|(_, def)| def.ast.mixins.as_deref())
        .unwrap_or_default()
}

/// Shapes with mixins, each after the mixins it uses (depth first, with an explicit stack).
/// A cycle is reported once, where it closes.
fn mixin_order(table: &Table, diagnostics: &mut Diagnostics) -> Vec<usize> {
    let mut visit = vec![Visit::New; table.defs.len()];
    let mut order = Vec::new();
    for start in 0..table.defs.len() {
        if visit[start] != Visit::New || mixin_refs(table, start).is_empty() {
            continue;
        }
        visit[start] = Visit::Open;
        let mut stack = vec![(start, 0usize)];
        while let Some((node, next)) = stack.last_mut() {
            let node = *node;
            let Some(mixin) = mixin_refs(table, node).get(*next) else {
                stack.pop();
                visit[node] = Visit::Done;
                order.push(node);
                continue;
            };
            *next += 1;
            let Some(child) = table.defs.get_index_of(&mixin.target) else {
                continue;
            };
            match visit[child] {
                Visit::New => {
                    visit[child] = Visit::Open;
                    stack.push((child, 0));
                }
                Visit::Open => report_cycle(table, node, &mixin.target, diagnostics),
                Visit::Done => {}
            }
        }
    }
    order
}

fn report_cycle(table: &Table, node: usize, mixin: &str, diagnostics: &mut Diagnostics) {
    if let Some((id, def)) = table.defs.get_index(node) {
        diagnostics.push(Diagnostic::error(
            def.source.file.to_string(),
            id.as_str(),
            format!("mixin `{mixin}` leads back to this shape (a mixin cycle)"),
        ));
    }
}

/// Replaces one shape's definition by its flattened form (its mixins are flattened already).
fn flatten_one(table: &mut Table, index: usize, diagnostics: &mut Diagnostics) {
    let Some((id_text, def)) = table.defs.get_index_mut(index) else {
        return;
    };
    let id_text = id_text.clone();
    let own = std::mem::replace(&mut def.ast, AstShape::new(""));
    let file = def.source.file.clone();
    let mut flat = AstShape::new(own.kind.clone());
    let mut sources = HashMap::new();
    for mixin_ref in own.mixins.as_deref().unwrap_or_default() {
        let target = mixin_ref.target.as_str();
        let mixin = match table.defs.get_full(target) {
            Some((mixin_index, _, _)) if mixin_index == index => continue,
            Some((_, _, mixin)) => mixin,
            None => {
                if !table.broken.contains(target) {
                    diagnostics.push(Diagnostic::error(
                        file.to_string(),
                        id_text.as_str(),
                        format!("mixin `{target}` is not defined"),
                    ));
                }
                continue;
            }
        };
        if let Some(problem) = unusable_mixin(mixin, &own.kind) {
            diagnostics.push(Diagnostic::error(
                file.to_string(),
                id_text.as_str(),
                format!("`{target}` cannot be used as a mixin here: {problem}"),
            ));
            continue;
        }
        let local = local_traits(&mixin.ast.traits);
        overlay(&mut flat, &mixin.ast, |id| !local.contains(id));
        for suffix in member_suffixes(&mixin.ast) {
            sources.insert(suffix.clone(), mixin.member_source(&suffix));
        }
    }
    for suffix in member_suffixes(&own) {
        sources.remove(&suffix);
    }
    overlay(&mut flat, &own, |_| true);
    flat.extra = own.extra;
    if let Some((_, def)) = table.defs.get_index_mut(index) {
        def.ast = flat;
        def.inherited_sources = sources;
    }
}

/// Why a shape cannot be used as a mixin of a shape of type `kind`, if it cannot.
fn unusable_mixin(mixin: &Def, kind: &str) -> Option<String> {
    if !mixin.is_mixin() {
        return Some("it has no `@mixin` trait".to_string());
    }
    if mixin.ast.kind != kind {
        return Some(format!("it is a {}, not a {kind}", mixin.ast.kind));
    }
    None
}

/// The trait ids a mixin keeps to itself: `@mixin` and its `localTraits`.
fn local_traits(traits: &IndexMap<String, Value>) -> HashSet<String> {
    let mut local: HashSet<String> = HashSet::from([ids::MIXIN.to_string()]);
    let listed = traits
        .get(ids::MIXIN)
        .and_then(|mixin| mixin.get("localTraits"))
        .and_then(Value::as_array);
    for id in listed.into_iter().flatten() {
        if let Some(id) = id.as_str() {
            local.insert(id.to_string());
        }
    }
    local
}

/// The pointer suffixes of a shape's members.
fn member_suffixes(shape: &AstShape) -> Vec<String> {
    let mut suffixes: Vec<String> = shape
        .members
        .iter()
        .flatten()
        .map(|(name, _)| format!("/members/{}", pointer_token(name)))
        .collect();
    let collection = [
        ("/member", shape.member.is_some()),
        ("/key", shape.key.is_some()),
        ("/value", shape.value.is_some()),
    ];
    for (suffix, present) in collection {
        if present {
            suffixes.push(suffix.to_string());
        }
    }
    suffixes
}

/// Lays `top` over `base`: members and traits of `top` added or overriding, singular references
/// replaced when `top` has them, reference lists appended without repeats. Only traits of `top`
/// that `keep_trait` accepts are taken.
fn overlay(base: &mut AstShape, top: &AstShape, keep_trait: impl Fn(&str) -> bool) {
    if let Some(members) = &top.members {
        let into = base.members.get_or_insert_with(IndexMap::new);
        for (name, member) in members {
            overlay_member(
                into.entry(name.clone())
                    .or_insert_with(|| empty_like(member)),
                member,
            );
        }
    }
    for (slot, member) in [
        (&mut base.member, &top.member),
        (&mut base.key, &top.key),
        (&mut base.value, &top.value),
    ] {
        if let Some(member) = member {
            overlay_member(slot.get_or_insert_with(|| empty_like(member)), member);
        }
    }
    for (slot, reference) in [
        (&mut base.input, &top.input),
        (&mut base.output, &top.output),
        (&mut base.create, &top.create),
        (&mut base.put, &top.put),
        (&mut base.read, &top.read),
        (&mut base.update, &top.update),
        (&mut base.delete, &top.delete),
        (&mut base.list, &top.list),
    ] {
        if reference.is_some() {
            slot.clone_from(reference);
        }
    }
    for (slot, references) in [
        (&mut base.errors, &top.errors),
        (&mut base.operations, &top.operations),
        (&mut base.resources, &top.resources),
        (&mut base.collection_operations, &top.collection_operations),
    ] {
        append_unique(slot, references.as_deref());
    }
    if top.version.is_some() {
        base.version.clone_from(&top.version);
    }
    for (id, value) in &top.traits {
        if keep_trait(id) {
            base.traits.insert(id.clone(), value.clone());
        }
    }
}

fn empty_like(member: &AstMember) -> AstMember {
    AstMember {
        target: member.target.clone(),
        traits: IndexMap::new(),
    }
}

fn overlay_member(base: &mut AstMember, top: &AstMember) {
    base.target.clone_from(&top.target);
    for (id, value) in &top.traits {
        base.traits.insert(id.clone(), value.clone());
    }
}

fn append_unique(slot: &mut Option<Vec<AstRef>>, more: Option<&[AstRef]>) {
    let Some(more) = more else {
        return;
    };
    let list = slot.get_or_insert_with(Vec::new);
    let mut seen: HashSet<String> = list.iter().map(|r| r.target.clone()).collect();
    for reference in more {
        if seen.insert(reference.target.clone()) {
            list.push(reference.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_ids_need_identifier_parts() {
        assert_eq!(
            parse_shape_id("com.example_2#Thing_1").map(|id| id.to_string()),
            Some("com.example_2#Thing_1".to_string())
        );
        for bad in [
            "Thing", "#Thing", "a#", "a..b#C", "a#B$c", "1a#B", "a#B-C", "a#B#C",
        ] {
            assert!(parse_shape_id(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn pointer_tokens_are_escaped() {
        assert_eq!(pointer_token("a/b~c"), "a~1b~0c");
        assert_eq!(pointer_token("ns#Name"), "ns#Name");
    }
}
