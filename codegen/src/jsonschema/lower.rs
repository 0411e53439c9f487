//! Lowering: flattened schemas → model shapes and members.
//!
//! Every schema that becomes a shape is an *entry*, keyed by the location(s) it merges, so a
//! schema reached twice is lowered once. Entries refer to each other through placeholder ids
//! ([`names::placeholder`]) until [`names::reconcile`] gives them their final names; recursion
//! through members therefore needs nothing special.
//!
//! At a member, a `$ref` with only documentation and constraints beside it targets the referenced
//! shape, and what is beside it becomes the member's docs and constraints. Other inline schemas
//! that are plain scalars target the shared `smithy.api` scalar shapes (with the constraints on
//! the member); the rest (objects, arrays, enums, unions) get a synthesized named shape.

use std::collections::{BTreeSet, VecDeque};

use rustc_hash::FxHashMap;

use serde_json::Value;

use super::allof::{types, Flat, Flattener, NamedRef};
use super::document::Loc;
use super::names::{self, placeholder, Entry};
use crate::model::{
    Deprecation, EnumValue, IntEnumValue, Member, Scalar, Shape, ShapeId, ShapeKind,
    TimestampFormat, Union, UnionTagging,
};

/// What a flattened schema is, for choosing between a shared scalar and a named shape.
pub(super) enum Form {
    /// A plain scalar (with the timestamp format for `date-time`).
    Scalar(Scalar, Option<TimestampFormat>),
    /// Any JSON value.
    Document,
    /// Needs a shape of its own (object, array, enum, union, several types).
    Named,
}

/// The shared shape for a scalar kind (`smithy.api#String`, ...).
pub fn prelude_scalar(scalar: Scalar) -> ShapeId {
    let name = match scalar {
        Scalar::String => "String",
        Scalar::Boolean => "Boolean",
        Scalar::Byte => "Byte",
        Scalar::Short => "Short",
        Scalar::Integer => "Integer",
        Scalar::Long => "Long",
        Scalar::Float => "Float",
        Scalar::Double => "Double",
        Scalar::BigInteger => "BigInteger",
        Scalar::BigDecimal => "BigDecimal",
        Scalar::Timestamp => "Timestamp",
        Scalar::Blob => "Blob",
    };
    ShapeId::new("smithy.api", name)
}

/// The shared shape for any JSON value.
pub fn prelude_document() -> ShapeId {
    ShapeId::new("smithy.api", "Document")
}

/// One entry while lowering.
struct Pending {
    hint: String,
    locs: Vec<Loc>,
    shape: Option<Shape>,
}

/// Lowers schemas to shapes on demand; see the module docs.
pub struct Lowerer<'a> {
    /// Flattens schemas and collects diagnostics.
    pub flattener: Flattener<'a>,
    keys: FxHashMap<Vec<Loc>, usize>,
    pending: Vec<Pending>,
    queue: VecDeque<usize>,
    /// Structures whose schema says nothing of unnamed properties (see
    /// `settle_unnamed_properties`).
    pub(super) unnamed_kept: BTreeSet<usize>,
    /// What members learn of the schemas they name, by schema (see `exact::TargetFacts`).
    pub(super) target_facts: FxHashMap<Loc, super::exact::TargetFacts>,
}

impl<'a> Lowerer<'a> {
    /// A lowerer over the flattener's documents.
    pub fn new(flattener: Flattener<'a>) -> Self {
        Lowerer {
            flattener,
            keys: FxHashMap::default(),
            pending: Vec::new(),
            queue: VecDeque::new(),
            unnamed_kept: BTreeSet::new(),
            target_facts: FxHashMap::default(),
        }
    }

    /// The entry for the schema(s) at `locs`, created (and queued for lowering) on first use.
    /// Its preferred name is `hint`, or derived from the location.
    pub fn request(&mut self, locs: Vec<Loc>, hint: Option<String>) -> ShapeId {
        if let Some(index) = self.keys.get(&locs) {
            return placeholder(*index);
        }
        let index = self.pending.len();
        let hint = match (hint, locs.first()) {
            (Some(hint), _) => hint,
            (None, Some(loc)) => names::derive(self.flattener.store, loc),
            (None, None) => "Document".to_string(),
        };
        self.keys.insert(locs.clone(), index);
        self.pending.push(Pending {
            hint,
            locs,
            shape: None,
        });
        self.queue.push_back(index);
        placeholder(index)
    }

    /// The entry for a definition; a definition that is only a `$ref` is an alias and makes no
    /// shape of its own (references to it reach the target).
    pub fn request_definition(&mut self, loc: &Loc) -> Option<ShapeId> {
        let value = self.flattener.store.value(loc)?;
        let is_alias = value.as_object().is_some_and(|map| {
            super::keywords::has(map, "$ref")
                && map
                    .keys()
                    .all(|k| matches!(k.as_str(), "$ref" | "$comment" | "$schema"))
        });
        if is_alias {
            let reference = value.get("$ref")?.as_str()?.to_string();
            let target = self.flattener.follow_aliases(loc, &reference)?;
            return Some(self.request(vec![target], None));
        }
        Some(self.request(vec![loc.clone()], None))
    }

    /// The schema(s) of the entry a placeholder stands for.
    pub fn entry_locs(&self, id: &ShapeId) -> Option<&[Loc]> {
        let index = names::placeholder_index(id)?;
        Some(&self.pending.get(index)?.locs)
    }

    /// Lowers every queued entry (and whatever they reach).
    pub fn run(&mut self) {
        while let Some(index) = self.queue.pop_front() {
            let locs = self.pending[index].locs.clone();
            let hint = self.pending[index].hint.clone();
            let shape = self.lower_entry(index, &locs, &hint);
            self.pending[index].shape = Some(shape);
        }
    }

    /// Applies `f` to the lowered shape of an entry.
    pub fn update_shape(&mut self, id: &ShapeId, f: impl FnOnce(&mut Shape)) {
        if let Some(index) = names::placeholder_index(id) {
            if let Some(shape) = self.pending.get_mut(index).and_then(|p| p.shape.as_mut()) {
                f(shape);
            }
        }
    }

    /// How many entries there are.
    pub fn entry_count(&self) -> usize {
        self.pending.len()
    }

    /// The lowered shape of an entry.
    pub fn shape(&self, id: &ShapeId) -> Option<&Shape> {
        let index = names::placeholder_index(id)?;
        self.pending.get(index)?.shape.as_ref()
    }

    /// The entries, for naming.
    pub fn into_entries(self) -> Vec<Entry> {
        self.pending
            .into_iter()
            .map(|p| Entry {
                hint: p.hint,
                shape: p
                    .shape
                    .unwrap_or_else(|| Shape::new(prelude_document(), ShapeKind::Document)),
                origin: p.locs.first().cloned().unwrap_or(Loc::new(0, "")),
            })
            .collect()
    }

    fn lower_entry(&mut self, index: usize, locs: &[Loc], name: &str) -> Shape {
        self.lower_exact_entry(index, locs, name)
    }

    /// `anyOf`/`oneOf`: a string enum when every branch is one string constant, else a union.
    pub(super) fn choice_kind(&mut self, flat: &Flat, branches: &[Loc], name: &str) -> ShapeKind {
        let store = self.flattener.store;
        let branches: Vec<Loc> = branches
            .iter()
            .filter(|b| !store.value(b).is_some_and(super::allof::is_null_schema))
            .cloned()
            .collect();
        let branch_flats: Vec<Flat> = branches
            .iter()
            .map(|b| self.flattener.flatten(std::slice::from_ref(b)))
            .collect();
        if let Some(values) = constant_branches(&branch_flats) {
            return ShapeKind::Enum(values);
        }
        let mut members: Vec<Member> = Vec::new();
        for (i, branch) in branches.iter().enumerate() {
            let hint = format!("{name}Variant{}", i + 1);
            let mut member = self.member(std::slice::from_ref(branch), "", hint);
            member.name = self.variant_name(&member, &branch_flats[i], i);
            member.wire_name = member.name.clone();
            member.required = false;
            members.push(member);
        }
        dedupe_names(&mut members);
        let tagging = self.tagging(flat, &branches, &branch_flats, &mut members);
        ShapeKind::Union(Union { members, tagging })
    }

    fn variant_name(&self, member: &Member, flat: &Flat, index: usize) -> String {
        if let Some(locs) = self.entry_locs(&member.target) {
            if let Some(loc) = locs.first() {
                return names::derive(self.flattener.store, loc);
            }
        }
        if let Some(title) = flat.title.own() {
            return names::identifier(title);
        }
        if member.target.namespace() == "smithy.api" {
            return member.target.name().to_string();
        }
        format!("Variant{}", index + 1)
    }

    /// Internal tagging from an OpenAPI `discriminator`, or from a property every branch fixes to
    /// a distinct string; otherwise untagged. Tagged variants' wire names are the tag values.
    fn tagging(
        &mut self,
        flat: &Flat,
        branches: &[Loc],
        branch_flats: &[Flat],
        members: &mut [Member],
    ) -> UnionTagging {
        let all_objects = branch_flats
            .iter()
            .all(|f| f.effective_types() & !types::NULL == types::OBJECT);
        if !all_objects || branches.is_empty() {
            return UnionTagging::Untagged;
        }
        if let Some(discriminator) = &flat.discriminator {
            for (i, member) in members.iter_mut().enumerate() {
                member.wire_name = self.discriminator_value(discriminator, &branches[i], member);
            }
            return UnionTagging::Internal {
                tag: discriminator.property.clone(),
            };
        }
        UnionTagging::Untagged
    }

    /// A branch's discriminator value: the `mapping` key whose `$ref` reaches the same schema,
    /// else the name of the referenced schema (OpenAPI's default).
    fn discriminator_value(
        &mut self,
        discriminator: &super::allof::Discriminator,
        branch: &Loc,
        member: &Member,
    ) -> String {
        let store = self.flattener.store;
        let branch_ref = store
            .value(branch)
            .and_then(|v| v.get("$ref"))
            .and_then(Value::as_str)
            .map(str::to_string);
        let target = branch_ref
            .as_ref()
            .and_then(|r| super::refs::resolve(store, branch, r).ok());
        for (value, reference) in &discriminator.mapping {
            let reference = if reference.contains(['#', '/', '.']) {
                reference.clone()
            } else {
                format!("#/components/schemas/{reference}")
            };
            let mapped = super::refs::resolve(store, branch, &reference).ok();
            if mapped.is_some() && mapped == target {
                return value.clone();
            }
        }
        match branch_ref {
            Some(reference) => reference
                .rsplit('/')
                .next()
                .unwrap_or(&reference)
                .to_string(),
            None => member.name.clone(),
        }
    }

    /// The member for a property, item, value or branch whose schema is at `locs`.
    pub fn member(&mut self, locs: &[Loc], name: &str, hint: String) -> Member {
        self.exact_member(locs, name, hint, super::exact::Position::Other)
    }

    /// A member targeting a referenced shape, with the docs and constraints beside the `$ref`.
    pub(super) fn named_member(&mut self, named: NamedRef, locs: &[Loc], name: &str) -> Member {
        let extras = named.extras;
        let mut member = Member::new(name, prelude_document());
        let at = locs.first().unwrap_or(&named.at);
        member.source = self.flattener.store.source_ref(at);
        member.docs = extras.description.get().cloned();
        member.sensitive = extras.sensitive;
        member.deprecated = extras.deprecated.then(Deprecation::default);
        member.nullable = extras.nullable;
        member.default = extras.default.get().cloned();
        let Some(target) = self.flattener.follow_aliases(&named.at, &named.reference) else {
            return member;
        };
        let target_flat = self.flattener.flatten(std::slice::from_ref(&target));
        member.target = self.request(vec![target.clone()], None);
        member.nullable |=
            target_flat.nullable || target_flat.types.is_some_and(|t| t & types::NULL != 0);
        if member.default.is_none() {
            member.default = target_flat.default.get().cloned();
        }
        let is_list = target_flat.effective_types() & !types::NULL == types::ARRAY;
        let length = if is_list {
            (target_flat.item_count, extras.item_count)
        } else {
            (target_flat.string_length, extras.string_length)
        };
        let added = extras.constraints_for(length.1);
        if !added.is_empty() || extras.enum_values.is_some() {
            let mut narrowed = target_flat.constraints_for(length.0).intersect(&added);
            if let Some(values) = &extras.enum_values {
                narrowed.allowed_values = Some(match &narrowed.allowed_values {
                    Some(mine) => values
                        .iter()
                        .filter(|v| mine.contains(v))
                        .cloned()
                        .collect(),
                    None => values.clone(),
                });
            }
            if let Some(problem) = narrowed.contradiction() {
                let message = format!("contradictory constraints: {problem}");
                let error = self.flattener.store.error(&named.at, message);
                self.flattener.diagnostics.push(error);
            }
            member.constraints = narrowed;
        }
        member
    }
}

/// Whether a flattened schema is a shared scalar, any value, or needs a shape of its own.
pub(super) fn classify(flat: &Flat) -> Form {
    if flat.choice.is_some() {
        return Form::Named;
    }
    let kinds = flat.effective_types() & !types::NULL;
    if flat.never || kinds == 0 || kinds == types::ANY & !types::NULL || flat.is_unconstrained() {
        return Form::Document;
    }
    let format = flat.format.as_deref().unwrap_or("");
    let is_enum = enum_kind(flat).is_some();
    match kinds {
        types::STRING if is_enum => Form::Named,
        types::STRING => match format {
            "date-time" => Form::Scalar(Scalar::Timestamp, Some(TimestampFormat::DateTime)),
            "byte" | "binary" => Form::Scalar(Scalar::Blob, None),
            _ => Form::Scalar(Scalar::String, None),
        },
        types::INTEGER if is_enum => Form::Named,
        types::INTEGER => match format {
            "int32" => Form::Scalar(Scalar::Integer, None),
            _ => Form::Scalar(Scalar::Long, None),
        },
        k if k == types::NUMBER | types::INTEGER => match format {
            "float" => Form::Scalar(Scalar::Float, None),
            "int32" => Form::Scalar(Scalar::Integer, None),
            "int64" => Form::Scalar(Scalar::Long, None),
            _ => Form::Scalar(Scalar::Double, None),
        },
        types::BOOLEAN => Form::Scalar(Scalar::Boolean, None),
        _ => Form::Named,
    }
}

/// The values of an `enum` that makes an enum shape.
pub(super) enum EnumKind<'f> {
    /// A string type whose values are all strings.
    Strings(Vec<&'f Value>),
    /// An integer type whose values are all integers.
    Integers(Vec<&'f Value>),
}

/// Whether a flattened schema is a string enum or an integer enum (`null` values only make it
/// nullable); other `enum`s are `allowed_values` constraints.
pub(super) fn enum_kind(flat: &Flat) -> Option<EnumKind<'_>> {
    let values: Vec<&Value> = flat
        .enum_values
        .as_ref()?
        .iter()
        .filter(|v| !v.is_null())
        .collect();
    if values.is_empty() {
        return None;
    }
    let kinds = flat.effective_types() & !types::NULL;
    if kinds == types::STRING && values.iter().all(|v| v.is_string()) {
        return Some(EnumKind::Strings(values));
    }
    if kinds == types::INTEGER && values.iter().all(|v| v.is_i64()) {
        return Some(EnumKind::Integers(values));
    }
    None
}

/// The docs of a shape: its description, else a title that says more than the name.
pub(super) fn shape_docs(flat: &Flat, name: &str) -> Option<String> {
    flat.description.get().cloned().or_else(|| {
        flat.title
            .own()
            .filter(|t| names::identifier(t) != name)
            .cloned()
    })
}

pub(super) fn string_enum_value(value: &Value) -> EnumValue {
    let text = value.as_str().unwrap_or_default().to_string();
    EnumValue {
        name: text.clone(),
        value: text,
        docs: None,
        deprecated: None,
        internal: false,
    }
}

pub(super) fn int_enum_value(value: &Value) -> IntEnumValue {
    let number = value.as_i64().unwrap_or_default();
    IntEnumValue {
        name: number.to_string(),
        value: number,
        docs: None,
        deprecated: None,
    }
}

/// The one string a schema allows (`const` or a one-value `enum`), if so.
fn single_string(flat: &Flat) -> Option<String> {
    if let Some(Value::String(s)) = &flat.constraints.const_value {
        return Some(s.clone());
    }
    match flat.enum_values.as_deref() {
        Some([Value::String(s)]) => Some(s.clone()),
        _ => None,
    }
}

/// When every branch is nothing but one string constant: the enum values, with each branch's
/// description as the value's docs.
fn constant_branches(flats: &[Flat]) -> Option<Vec<EnumValue>> {
    if flats.is_empty() {
        return None;
    }
    let mut values = Vec::new();
    for flat in flats {
        let structural =
            !flat.properties.is_empty() || !flat.items.is_empty() || flat.choice.is_some();
        let value = single_string(flat).filter(|_| !structural)?;
        values.push(EnumValue {
            name: value.clone(),
            value,
            docs: flat.description.get().cloned(),
            deprecated: flat.deprecated.then(Deprecation::default),
            internal: false,
        });
    }
    Some(values)
}

/// Makes member names unique by numeric suffixes, in order.
fn dedupe_names(members: &mut [Member]) {
    let mut seen = BTreeSet::new();
    for member in members.iter_mut() {
        let base = member.name.clone();
        let mut candidate = base.clone();
        let mut n = 2;
        while !seen.insert(candidate.clone()) {
            candidate = format!("{base}{n}");
            n += 1;
        }
        if candidate != base {
            member.wire_name = candidate.clone();
            member.name = candidate;
        }
    }
}
