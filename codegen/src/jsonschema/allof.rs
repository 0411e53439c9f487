//! Flattening: one schema, with its `$ref` target and its `allOf` branches (to any depth),
//! merged into one [`Flat`] description. Types intersect, properties and `required` unite,
//! constraints intersect ([`Constraints::intersect`]: the tighter bound wins, every pattern holds),
//! and what no value can satisfy (`string` ∧ `integer`, a minimum above a maximum, two different
//! `const`s) is an error. Subschemas (properties, items, branches) are kept as locations, so
//! flattening never recurses into structure: a cycle met while flattening is a cycle of pure
//! aliases, which is an error, while a cycle through a property is fine.

use std::collections::{BTreeMap, BTreeSet};

use indexmap::IndexMap;
use serde_json::Value;

use super::document::{DocKind, Loc, Store};
use super::refs;
use crate::diagnostics::Diagnostics;
use crate::model::{Bound, Constraints, LengthBounds, RangeBounds};

/// JSON value types as bits, so `allOf` can intersect them.
pub mod types {
    /// `null`.
    pub const NULL: u8 = 1;
    /// `boolean`.
    pub const BOOLEAN: u8 = 2;
    /// `object`.
    pub const OBJECT: u8 = 4;
    /// `array`.
    pub const ARRAY: u8 = 8;
    /// `number` that is not an integer (a `number` schema sets this and [`INTEGER`]).
    pub const NUMBER: u8 = 16;
    /// `integer`.
    pub const INTEGER: u8 = 32;
    /// `string`.
    pub const STRING: u8 = 64;
    /// Every type.
    pub const ANY: u8 = 127;

    /// The bits of one `type` name.
    pub fn parse(name: &str) -> Option<u8> {
        Some(match name {
            "null" => NULL,
            "boolean" => BOOLEAN,
            "object" => OBJECT,
            "array" => ARRAY,
            "number" => NUMBER | INTEGER,
            "integer" => INTEGER,
            "string" => STRING,
            _ => return None,
        })
    }

    /// The names of the types in `bits`, for messages.
    pub fn names(bits: u8) -> String {
        let all = [
            (NULL, "null"),
            (BOOLEAN, "boolean"),
            (OBJECT, "object"),
            (ARRAY, "array"),
            (NUMBER, "number"),
            (STRING, "string"),
        ];
        let mut names: Vec<&str> = all
            .iter()
            .filter(|(bit, _)| bits & bit != 0)
            .map(|(_, n)| *n)
            .collect();
        if bits & INTEGER != 0 && bits & NUMBER == 0 {
            names.push("integer");
        }
        names.join(", ")
    }
}

/// Keywords that may stand beside a `$ref` at a member without making the member a new type:
/// documentation, and constraints that narrow the target (they go into the member).
const ANNOTATION_KEYWORDS: &[&str] = &[
    "$comment",
    "$schema",
    "title",
    "description",
    "default",
    "deprecated",
    "readOnly",
    "writeOnly",
    "example",
    "examples",
    "externalDocs",
    "xml",
    "nullable",
    "minLength",
    "maxLength",
    "pattern",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
    "const",
    "enum",
];

/// Keywords the front end cannot check; each use gets a warning.
const UNSUPPORTED_KEYWORDS: [&str; 2] = ["unevaluatedItems", "unevaluatedProperties"];

/// Object layout keywords (what `additionalProperties` depends on), array layout keywords
/// (what `items` depends on), and those of each that depend on the rest.
const OBJECT_LAYOUT: [&str; 4] = [
    "properties",
    "patternProperties",
    "additionalProperties",
    "unevaluatedProperties",
];
const OBJECT_CLOSERS: [&str; 3] = [
    "patternProperties",
    "additionalProperties",
    "unevaluatedProperties",
];
const ARRAY_LAYOUT: [&str; 4] = [
    "items",
    "prefixItems",
    "additionalItems",
    "unevaluatedItems",
];

/// Counts a part's layout keywords (see [`Flat::conflict`]); `earlier_multiple` is the
/// `multipleOf` of the parts merged before this one.
fn count_layout(
    flat: &mut Flat,
    map: &serde_json::Map<String, Value>,
    earlier_multiple: Option<&str>,
) {
    if OBJECT_LAYOUT.iter().any(|k| super::keywords::has(map, k)) {
        flat.object_parts.0 += 1;
        if OBJECT_CLOSERS.iter().any(|k| super::keywords::has(map, k)) {
            flat.object_parts.1 += 1;
        }
    }
    if ARRAY_LAYOUT.iter().any(|k| super::keywords::has(map, k)) {
        flat.array_parts.0 += 1;
        let positional = super::keywords::has(map, "prefixItems")
            || super::keywords::get(map, "items").is_some_and(Value::is_array)
            || super::keywords::has(map, "unevaluatedItems");
        if positional {
            flat.array_parts.1 += 1;
        }
    }
    let multiple = super::keywords::get(map, "multipleOf").and_then(Value::as_number);
    if let (Some(earlier), Some(multiple)) = (earlier_multiple, multiple) {
        if earlier != multiple.to_string() {
            flat.conflict = Some("more than one `multipleOf`");
        }
    }
}

/// The deepest chain of `$ref`/`allOf` steps flattened (deeper input is an error, not a stack
/// overflow).
const MAX_CHAIN: usize = 128;

/// A value with the number of `$ref` hops it came through: nearer values win.
#[derive(Debug, Clone, Default)]
pub struct Ranked<T> {
    value: Option<(u32, T)>,
}

impl<T> Ranked<T> {
    fn offer(&mut self, hops: u32, value: T) {
        if self.value.as_ref().map_or(true, |(h, _)| hops < *h) {
            self.value = Some((hops, value));
        }
    }

    /// The value, if any.
    pub fn get(&self) -> Option<&T> {
        self.value.as_ref().map(|(_, v)| v)
    }

    /// The value if it was written on the schema itself (not reached through a `$ref`).
    pub fn own(&self) -> Option<&T> {
        self.value.as_ref().filter(|(h, _)| *h == 0).map(|(_, v)| v)
    }
}

/// What happens to properties that are not listed.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Additional {
    /// Not said: allowed and ignored.
    #[default]
    Unspecified,
    /// `additionalProperties: false` (or `unevaluatedProperties: false`).
    Deny,
    /// `additionalProperties: true`: any value, kept.
    Any,
    /// `additionalProperties: {schema}`: every one of these must hold.
    Schema(Vec<Loc>),
}

/// An `anyOf` / `oneOf`.
#[derive(Debug, Clone)]
pub struct Choice {
    /// The branch locations.
    pub branches: Vec<Loc>,
}

/// An OpenAPI `discriminator`.
#[derive(Debug, Clone)]
pub struct Discriminator {
    /// The tag property.
    pub property: String,
    /// Tag value → `$ref` string.
    pub mapping: IndexMap<String, String>,
}

/// One schema with its `$ref` and `allOf` merged in.
#[derive(Debug, Clone)]
pub struct Flat {
    /// Allowed types ([`types`] bits); `None` when no `type` was written.
    pub types: Option<u8>,
    /// Types implied by the keywords present, used when no `type` is written.
    pub hinted: u8,
    /// `nullable: true` (OpenAPI 3.0).
    pub nullable: bool,
    /// `format`, the first one written.
    pub format: Option<String>,
    /// Property name → the schemas it must satisfy (one per `allOf` branch that lists it).
    pub properties: IndexMap<String, Vec<Loc>>,
    /// Required property names.
    pub required: Vec<String>,
    /// `additionalProperties`.
    pub additional: Additional,
    /// `patternProperties` entries.
    pub pattern_properties: Vec<(String, Loc)>,
    /// `propertyNames` schemas.
    pub property_names: Vec<Loc>,
    /// `items` schemas (every one must hold).
    pub items: Vec<Loc>,
    /// `items: false`: no items beyond `prefixItems`.
    pub no_more_items: bool,
    /// `prefixItems` (or draft-07 array `items`), position by position.
    pub prefix_items: Vec<Vec<Loc>>,
    /// `enum` values (intersected).
    pub enum_values: Option<Vec<Value>>,
    /// Constraints other than lengths.
    pub constraints: Constraints,
    /// `minLength` / `maxLength`.
    pub string_length: Option<LengthBounds>,
    /// `minItems` / `maxItems`.
    pub item_count: Option<LengthBounds>,
    /// The first `anyOf` / `oneOf`.
    pub choice: Option<Choice>,
    /// The first OpenAPI `discriminator`.
    pub discriminator: Option<Discriminator>,
    /// `description` (nearest wins).
    pub description: Ranked<String>,
    /// `title` (nearest wins).
    pub title: Ranked<String>,
    /// `default` (nearest wins).
    pub default: Ranked<Value>,
    /// `deprecated: true` on the schema itself or an `allOf` branch.
    pub deprecated: bool,
    /// `format: password` or `x-sensitive: true` anywhere in the merge.
    pub sensitive: bool,
    /// The `false` schema is part of the merge: no value is valid.
    pub never: bool,
    /// Every schema object merged (the schema itself, `$ref` targets, `allOf` branches), in
    /// the order met.
    pub parts: Vec<Loc>,
    /// Why the merge does not mean what the parts mean together (an
    /// `additionalProperties` that does not see properties of another part, a second
    /// `anyOf`/`oneOf`, ...): such a schema is only checked on the JSON.
    pub conflict: Option<&'static str>,
    /// How many parts carry object layout keywords, and how many of those close the object.
    pub object_parts: (usize, usize),
    /// How many parts carry array layout keywords, and how many of those have positions.
    pub array_parts: (usize, usize),
}

impl Default for Flat {
    fn default() -> Self {
        Flat {
            types: None,
            hinted: 0,
            nullable: false,
            format: None,
            properties: IndexMap::new(),
            required: Vec::new(),
            additional: Additional::Unspecified,
            pattern_properties: Vec::new(),
            property_names: Vec::new(),
            items: Vec::new(),
            no_more_items: false,
            prefix_items: Vec::new(),
            enum_values: None,
            constraints: Constraints::default(),
            string_length: None,
            item_count: None,
            choice: None,
            discriminator: None,
            description: Ranked::default(),
            title: Ranked::default(),
            default: Ranked::default(),
            deprecated: false,
            sensitive: false,
            never: false,
            parts: Vec::new(),
            conflict: None,
            object_parts: (0, 0),
            array_parts: (0, 0),
        }
    }
}

impl Flat {
    /// The types a value may have: the written `type`s, else those the keywords imply, else
    /// every type.
    pub fn effective_types(&self) -> u8 {
        match self.types {
            Some(bits) => bits,
            None if self.hinted != 0 => self.hinted,
            None => types::ANY,
        }
    }

    /// Whether nothing constrains the value (no type, keyword or branch): a JSON document.
    pub fn is_unconstrained(&self) -> bool {
        self.types.is_none()
            && self.hinted == 0
            && self.choice.is_none()
            && self.enum_values.is_none()
            && self.constraints.is_empty()
            && !self.never
    }

    /// The constraints including the length that applies to the given kind of value.
    pub fn constraints_for(&self, length: Option<LengthBounds>) -> Constraints {
        Constraints {
            length,
            ..self.constraints.clone()
        }
    }
}

/// A `$ref` standing for a named type at a member, with what is written beside it.
#[derive(Debug, Clone)]
pub struct NamedRef {
    /// The schema holding the `$ref`.
    pub at: Loc,
    /// The reference as written.
    pub reference: String,
    /// The documentation and constraints written beside it (in the same object or in
    /// annotation-only `allOf` branches).
    pub extras: Flat,
}

/// Flattens schemas, reporting problems into `diagnostics`.
pub struct Flattener<'a> {
    /// The documents.
    pub store: &'a Store,
    /// Problems found.
    pub diagnostics: &'a mut Diagnostics,
    /// Unresolvable `$ref`s become "any value" with a warning instead of an error.
    allow_unresolved: bool,
    /// Unresolvable `$ref`s by what they name: each `$ref` (the keyword's location), the
    /// reference as written, and why it failed.
    unresolved: BTreeMap<String, BTreeSet<(Loc, String, String)>>,
}

impl<'a> Flattener<'a> {
    /// A flattener over `store`.
    pub fn new(store: &'a Store, diagnostics: &'a mut Diagnostics, allow_unresolved: bool) -> Self {
        Flattener {
            store,
            diagnostics,
            allow_unresolved,
            unresolved: BTreeMap::new(),
        }
    }

    /// Reports the unresolvable `$ref`s: one diagnostic per missing target, at its first
    /// `$ref` (by file name and pointer), listing every other `$ref` to it. Errors, or warnings with
    /// `allow_unresolved_refs`.
    pub fn report_unresolved(&mut self) {
        for (what, uses) in std::mem::take(&mut self.unresolved) {
            // By file name, not document number, so input order does not change the report.
            let mut uses: Vec<_> = uses.into_iter().collect();
            uses.sort_by_cached_key(|(loc, _, _)| self.store.source_ref(loc));
            let mut uses = uses.into_iter();
            let Some((at, reference, reason)) = uses.next() else {
                continue;
            };
            let others: Vec<String> = uses
                .map(|(loc, _, _)| self.store.source_ref(&loc).to_string())
                .collect();
            let mut message = format!("unresolved `$ref` \"{reference}\" ({what}): {reason}");
            if !others.is_empty() {
                message.push_str(&format!("; also referenced at {}", others.join(", ")));
            }
            let diagnostic = if self.allow_unresolved {
                message.push_str("; generated as a JSON document (serde_json::Value)");
                self.store.warning(&at, message)
            } else {
                self.store.error(&at, message)
            };
            self.diagnostics.push(diagnostic);
        }
    }

    /// Flattens the conjunction of the schemas at `locs` (usually one).
    pub fn flatten(&mut self, locs: &[Loc]) -> Flat {
        let mut flat = Flat::default();
        let mut stack = Vec::new();
        for loc in locs {
            self.flatten_into(&mut flat, loc, 0, &mut stack);
        }
        if flat.object_parts.0 > 1 && flat.object_parts.1 > 0 {
            flat.conflict =
                Some("`additionalProperties` does not see the properties of other schemas");
        }
        if flat.array_parts.0 > 1 && flat.array_parts.1 > 0 {
            flat.conflict = Some("`items` does not see the positions of other schemas");
        }
        if let Some(first) = locs.first() {
            self.check_satisfiable(&mut flat, first);
        }
        flat
    }

    /// Whether a `$ref` at `loc` makes its siblings ignored: JSON Schema documents of drafts 4
    /// to 7 (OpenAPI 3.0's same rule is not applied: real documents put descriptions there).
    pub fn ref_overrides_siblings(&self, loc: &Loc) -> bool {
        let doc = &self.store.docs[loc.doc];
        doc.kind == DocKind::JsonSchema && doc.draft.ref_overrides_siblings()
    }

    fn flatten_into(&mut self, flat: &mut Flat, loc: &Loc, hops: u32, stack: &mut Vec<Loc>) {
        if let Some(start) = stack.iter().position(|l| l == loc) {
            let cycle: Vec<String> = stack[start..]
                .iter()
                .chain(std::iter::once(loc))
                .map(|l| format!("#{}", l.pointer))
                .collect();
            let message = format!(
                "cycle of `$ref`/`allOf` with no structure in between: {}",
                cycle.join(" → ")
            );
            self.diagnostics.push(self.store.error(loc, message));
            return;
        }
        if stack.len() >= MAX_CHAIN {
            let message = format!("more than {MAX_CHAIN} nested `$ref`/`allOf` steps");
            self.diagnostics.push(self.store.error(loc, message));
            return;
        }
        let Some(value) = self.store.value(loc) else {
            let message = "no schema at this location";
            self.diagnostics.push(self.store.error(loc, message));
            return;
        };
        let map = match value {
            Value::Bool(true) => return,
            Value::Bool(false) => {
                flat.never = true;
                return;
            }
            Value::Object(map) => map,
            _ => {
                let message = "a schema must be an object or a boolean";
                self.diagnostics.push(self.store.error(loc, message));
                return;
            }
        };
        stack.push(loc.clone());
        let ref_only = super::keywords::has(map, "$ref") && self.ref_overrides_siblings(loc);
        if ref_only {
            self.apply_annotations(flat, map, hops);
        } else {
            let earlier_multiple = flat.constraints.multiple_of.clone();
            self.apply_own(flat, loc, map, hops);
            flat.parts.push(loc.clone());
            count_layout(flat, map, earlier_multiple.as_deref());
        }
        for keyword in ["$ref", "$dynamicRef", "$recursiveRef"] {
            let at = loc.child(keyword);
            match super::keywords::get(map, keyword) {
                Some(Value::String(reference)) => {
                    if let Some(target) = self.resolve(loc, &at, reference) {
                        self.flatten_into(flat, &target, hops + 1, stack);
                    }
                }
                Some(_) => {
                    let message = format!("`{keyword}` must be a string");
                    self.diagnostics.push(self.store.error(&at, message));
                }
                None => {}
            }
        }
        if let (false, Some(Value::Array(branches))) =
            (ref_only, super::keywords::get(map, "allOf"))
        {
            for i in 0..branches.len() {
                let branch = loc.child("allOf").child(&i.to_string());
                self.flatten_into(flat, &branch, hops, stack);
            }
        }
        stack.pop();
    }

    /// Resolves a `$ref` read at `schema` (the keyword itself at `at`). An unresolvable one is
    /// an error, or with `allow_unresolved_refs` a warning (the schema then allows any value).
    pub fn resolve(&mut self, schema: &Loc, at: &Loc, reference: &str) -> Option<Loc> {
        match refs::resolve(self.store, schema, reference) {
            Ok(target) => Some(target),
            Err(reason) => {
                let key = refs::missing_key(self.store, schema, reference);
                self.unresolved.entry(key).or_default().insert((
                    at.clone(),
                    reference.to_string(),
                    reason,
                ));
                None
            }
        }
    }

    /// Follows a reference through schemas that are nothing but another `$ref`, to the schema
    /// that says something. A cycle of such aliases is an error.
    pub fn follow_aliases(&mut self, schema: &Loc, reference: &str) -> Option<Loc> {
        let mut seen = vec![schema.clone()];
        let mut target = self.resolve(schema, &schema.child("$ref"), reference)?;
        loop {
            let Some(next) = alias_ref(self.store.value(&target)) else {
                return Some(target);
            };
            if seen.contains(&target) {
                let chain: Vec<String> = seen.iter().map(|l| format!("#{}", l.pointer)).collect();
                let message = format!(
                    "cycle of `$ref`s with no schema in between: {} → #{}",
                    chain.join(" → "),
                    target.pointer
                );
                self.diagnostics.push(self.store.error(&target, message));
                return None;
            }
            seen.push(target.clone());
            let next = next.to_string();
            target = self.resolve(&target, &target.child("$ref"), &next)?;
        }
    }

    /// When the schemas at `locs` are one `$ref` plus documentation and narrowing constraints
    /// (beside it, or in `allOf` branches: the Cognito member pattern), the reference and the
    /// extras; otherwise `None`.
    pub fn named_ref(&mut self, locs: &[Loc]) -> Option<NamedRef> {
        let mut found = RefParts::default();
        for loc in locs {
            if !collect_ref_parts(self.store, loc, &mut found) {
                return None;
            }
        }
        let (at, reference) = found.holder?;
        let mut extras = Flat {
            nullable: found.nullable,
            ..Flat::default()
        };
        for part in &found.parts {
            if let Some(Value::Object(map)) = self.store.value(part) {
                self.apply_own(&mut extras, part, map, 0);
            }
        }
        Some(NamedRef {
            at,
            reference,
            extras,
        })
    }

    /// Merges the keywords written on one schema object (not its `$ref` or `allOf`).
    fn apply_own(
        &mut self,
        flat: &mut Flat,
        loc: &Loc,
        map: &serde_json::Map<String, Value>,
        hops: u32,
    ) {
        for (keyword, message) in super::keywords::misused(map) {
            let at = loc.child(keyword);
            self.diagnostics.push(self.store.error(&at, message));
        }
        self.apply_type(flat, loc, map);
        self.apply_object_keywords(flat, loc, map);
        self.apply_array_keywords(flat, loc, map);
        self.apply_value_keywords(flat, loc, map);
        self.apply_annotations(flat, map, hops);
        for keyword in ["anyOf", "oneOf"] {
            let Some(Value::Array(branches)) = super::keywords::get(map, keyword) else {
                continue;
            };
            let at = loc.child(keyword);
            if flat.choice.is_some() {
                flat.conflict = Some("more than one `anyOf`/`oneOf`");
            } else {
                let branches = (0..branches.len())
                    .map(|i| at.child(&i.to_string()))
                    .collect();
                flat.choice = Some(Choice { branches });
            }
        }
        if let Some(Value::Object(d)) = super::keywords::get(map, "discriminator") {
            if let (Some(property), None) = (
                d.get("propertyName").and_then(Value::as_str),
                &flat.discriminator,
            ) {
                let mapping = d
                    .get("mapping")
                    .and_then(Value::as_object)
                    .map(|m| {
                        m.iter()
                            .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                            .collect()
                    })
                    .unwrap_or_default();
                flat.discriminator = Some(Discriminator {
                    property: property.to_string(),
                    mapping,
                });
            }
        }
        for keyword in UNSUPPORTED_KEYWORDS {
            if super::keywords::has(map, keyword) {
                let message = format!("`{keyword}` is not supported and is ignored");
                self.diagnostics
                    .push(self.store.warning(&loc.child(keyword), message));
            }
        }
    }

    fn apply_type(&mut self, flat: &mut Flat, loc: &Loc, map: &serde_json::Map<String, Value>) {
        let Some(written) = super::keywords::get(map, "type") else {
            return;
        };
        let names: Vec<&Value> = match written {
            Value::Array(items) => items.iter().collect(),
            other => vec![other],
        };
        let mut bits = 0;
        for name in names {
            match name.as_str().and_then(types::parse) {
                Some(b) => bits |= b,
                None => {
                    let message = format!("unknown type {name}");
                    self.diagnostics
                        .push(self.store.error(&loc.child("type"), message));
                    return;
                }
            }
        }
        match flat.types {
            Some(earlier) if earlier & bits == 0 => {
                let message = format!(
                    "type {} contradicts type {} required elsewhere in the same `allOf`/`$ref` chain",
                    types::names(bits),
                    types::names(earlier)
                );
                self.diagnostics
                    .push(self.store.error(&loc.child("type"), message));
            }
            Some(earlier) => flat.types = Some(earlier & bits),
            None => flat.types = Some(bits),
        }
    }

    fn apply_object_keywords(
        &mut self,
        flat: &mut Flat,
        loc: &Loc,
        map: &serde_json::Map<String, Value>,
    ) {
        if let Some(Value::Object(properties)) = super::keywords::get(map, "properties") {
            flat.hinted |= types::OBJECT;
            for name in properties.keys() {
                let at = loc.child("properties").child(name);
                flat.properties.entry(name.clone()).or_default().push(at);
            }
        }
        if let Some(Value::Array(required)) = super::keywords::get(map, "required") {
            flat.hinted |= types::OBJECT;
            for name in required.iter().filter_map(Value::as_str) {
                if !flat.required.iter().any(|r| r == name) {
                    flat.required.push(name.to_string());
                }
            }
        }
        for keyword in ["additionalProperties", "unevaluatedProperties"] {
            match super::keywords::get(map, keyword) {
                Some(Value::Bool(false)) => flat.additional = Additional::Deny,
                Some(Value::Bool(true))
                    if keyword == "additionalProperties"
                        && flat.additional == Additional::Unspecified =>
                {
                    flat.additional = Additional::Any;
                }
                Some(Value::Object(_)) if keyword == "additionalProperties" => {
                    flat.hinted |= types::OBJECT;
                    match &mut flat.additional {
                        Additional::Deny => {}
                        Additional::Schema(locs) => locs.push(loc.child(keyword)),
                        other @ (Additional::Unspecified | Additional::Any) => {
                            *other = Additional::Schema(vec![loc.child(keyword)])
                        }
                    }
                }
                _ => {}
            }
        }
        if let Some(Value::Object(patterns)) = super::keywords::get(map, "patternProperties") {
            flat.hinted |= types::OBJECT;
            for pattern in patterns.keys() {
                let at = loc.child("patternProperties").child(pattern);
                flat.pattern_properties.push((pattern.clone(), at));
            }
        }
        if super::keywords::get(map, "propertyNames").is_some_and(Value::is_object) {
            flat.hinted |= types::OBJECT;
            flat.property_names.push(loc.child("propertyNames"));
        }
        let counts = length_bounds(map, "minProperties", "maxProperties");
        if counts.is_some() {
            flat.hinted |= types::OBJECT;
            flat.constraints = std::mem::take(&mut flat.constraints).intersect(&Constraints {
                properties: counts,
                ..Default::default()
            });
        }
    }

    fn apply_array_keywords(
        &mut self,
        flat: &mut Flat,
        loc: &Loc,
        map: &serde_json::Map<String, Value>,
    ) {
        let add_prefix = |flat: &mut Flat, keyword: &str, count: usize| {
            for i in 0..count {
                if flat.prefix_items.len() <= i {
                    flat.prefix_items.push(Vec::new());
                }
                flat.prefix_items[i].push(loc.child(keyword).child(&i.to_string()));
            }
        };
        match super::keywords::get(map, "items") {
            Some(Value::Bool(false)) => flat.no_more_items = true,
            Some(Value::Object(_)) => flat.items.push(loc.child("items")),
            Some(Value::Array(tuple)) => {
                add_prefix(flat, "items", tuple.len());
                match super::keywords::get(map, "additionalItems") {
                    Some(Value::Bool(false)) => flat.no_more_items = true,
                    Some(Value::Object(_)) => flat.items.push(loc.child("additionalItems")),
                    _ => {}
                }
            }
            _ => {}
        }
        if let Some(Value::Array(prefix)) = super::keywords::get(map, "prefixItems") {
            add_prefix(flat, "prefixItems", prefix.len());
        }
        if super::keywords::has(map, "items") || super::keywords::has(map, "prefixItems") {
            flat.hinted |= types::ARRAY;
        }
        let count = length_bounds(map, "minItems", "maxItems");
        if count.is_some() {
            flat.hinted |= types::ARRAY;
            flat.item_count = intersect_length(flat.item_count, count);
        }
        if super::keywords::get(map, "uniqueItems") == Some(&Value::Bool(true)) {
            flat.hinted |= types::ARRAY;
            flat.constraints.unique_items = true;
        }
    }

    fn apply_value_keywords(
        &mut self,
        flat: &mut Flat,
        loc: &Loc,
        map: &serde_json::Map<String, Value>,
    ) {
        let length = length_bounds(map, "minLength", "maxLength");
        if length.is_some() {
            flat.hinted |= types::STRING;
            flat.string_length = intersect_length(flat.string_length, length);
        }
        let mut added = Constraints::default();
        if let Some(pattern) = super::keywords::get(map, "pattern").and_then(Value::as_str) {
            flat.hinted |= types::STRING;
            added.patterns.push(pattern.to_string());
        }
        added.range = range_bounds(map);
        if let Some(multiple) = super::keywords::get(map, "multipleOf").and_then(Value::as_number) {
            added.multiple_of = Some(multiple.to_string());
        }
        if added.range.is_some() || added.multiple_of.is_some() {
            flat.hinted |= types::NUMBER | types::INTEGER;
        }
        if let Some(value) = super::keywords::get(map, "const") {
            flat.hinted |= types_of(std::slice::from_ref(value));
            match &flat.constraints.const_value {
                Some(existing) if existing != value => {
                    let message = format!("`const` {value} contradicts `const` {existing}");
                    self.diagnostics
                        .push(self.store.error(&loc.child("const"), message));
                }
                _ => added.const_value = Some(value.clone()),
            }
        }
        flat.constraints = std::mem::take(&mut flat.constraints).intersect(&added);
        if let Some(Value::Array(values)) = super::keywords::get(map, "enum") {
            flat.never |= values.is_empty();
            flat.hinted |= types_of(values);
            flat.enum_values = Some(match flat.enum_values.take() {
                Some(mine) => mine.into_iter().filter(|v| values.contains(v)).collect(),
                None => values.clone(),
            });
        }
        if let Some(format) = super::keywords::get(map, "format").and_then(Value::as_str) {
            flat.hinted |= format_types(format);
            if format == "password" {
                flat.sensitive = true;
            }
            if flat.format.is_none() {
                flat.format = Some(format.to_string());
            }
        }
        if super::keywords::get(map, "nullable") == Some(&Value::Bool(true)) {
            flat.nullable = true;
        }
        if super::keywords::get(map, "x-sensitive") == Some(&Value::Bool(true)) {
            flat.sensitive = true;
        }
    }

    fn apply_annotations(
        &mut self,
        flat: &mut Flat,
        map: &serde_json::Map<String, Value>,
        hops: u32,
    ) {
        if let Some(text) = super::keywords::get(map, "description").and_then(Value::as_str) {
            flat.description.offer(hops, text.to_string());
        }
        if let Some(text) = super::keywords::get(map, "title").and_then(Value::as_str) {
            flat.title.offer(hops, text.to_string());
        }
        if let Some(value) = super::keywords::get(map, "default") {
            flat.default.offer(hops, value.clone());
        }
        if hops == 0 && super::keywords::get(map, "deprecated") == Some(&Value::Bool(true)) {
            flat.deprecated = true;
        }
    }

    /// Reports what no value can satisfy: disjoint types, `enum`s with nothing in common,
    /// bounds that cross. (A written `enum: []`, like `false`, is a schema no value passes.)
    fn check_satisfiable(&mut self, flat: &mut Flat, at: &Loc) {
        if flat.enum_values.as_ref().is_some_and(Vec::is_empty) && !flat.never {
            let message = "no value satisfies every `enum` (their intersection is empty)";
            self.diagnostics.push(self.store.error(at, message));
        }
        let checks = [
            flat.constraints.clone(),
            flat.constraints_for(flat.string_length),
            flat.constraints_for(flat.item_count),
        ];
        if let Some(problem) = checks.iter().find_map(Constraints::contradiction) {
            let message = format!("contradictory constraints: {problem}");
            self.diagnostics.push(self.store.error(at, message));
        }
    }
}

/// The `$ref` of a schema that is nothing but a `$ref` (and comments).
fn alias_ref(value: Option<&Value>) -> Option<&str> {
    let map = value?.as_object()?;
    let only_ref = map
        .keys()
        .all(|k| matches!(k.as_str(), "$ref" | "$comment" | "$schema"));
    if only_ref {
        super::keywords::get(map, "$ref")?.as_str()
    } else {
        None
    }
}

/// Walks a member schema for the "one `$ref` + annotations" pattern. Returns false when the
/// schema is anything more; `parts` collects every object whose own keywords are extras.
/// An `anyOf`/`oneOf` of that pattern and `{"type": "null"}` branches also qualifies, and sets
/// `nullable`.
fn collect_ref_parts(store: &Store, loc: &Loc, found: &mut RefParts) -> bool {
    let Some(Value::Object(map)) = store.value(loc) else {
        return false;
    };
    let mut nested = Vec::new();
    for (key, value) in map {
        let allowed = match key.as_str() {
            "$ref" => match (value.as_str(), &found.holder) {
                (Some(reference), None) => {
                    found.holder = Some((loc.clone(), reference.to_string()));
                    true
                }
                _ => false,
            },
            "allOf" => {
                let count = value.as_array().map_or(0, Vec::len);
                nested.extend((0..count).map(|i| loc.child(key).child(&i.to_string())));
                value.is_array()
            }
            "anyOf" | "oneOf" => match non_null_branch(value) {
                Some((index, had_null)) => {
                    found.nullable |= had_null;
                    nested.push(loc.child(key).child(&index.to_string()));
                    true
                }
                None => false,
            },
            "format" => value == "password",
            k => k.starts_with("x-") || ANNOTATION_KEYWORDS.contains(&k),
        };
        if !allowed {
            return false;
        }
    }
    found.parts.push(loc.clone());
    nested
        .iter()
        .all(|branch| collect_ref_parts(store, branch, found))
}

/// What [`collect_ref_parts`] gathers.
#[derive(Default)]
struct RefParts {
    parts: Vec<Loc>,
    holder: Option<(Loc, String)>,
    nullable: bool,
}

/// For `anyOf`/`oneOf` branches that are all `{"type": "null"}` but one: that one's index, and
/// whether there was a null branch.
fn non_null_branch(branches: &Value) -> Option<(usize, bool)> {
    let branches = branches.as_array()?;
    let mut others = branches
        .iter()
        .enumerate()
        .filter(|(_, b)| !is_null_schema(b));
    let (index, _) = others.next()?;
    if others.next().is_some() {
        return None;
    }
    Some((index, branches.len() > 1))
}

/// Whether a schema allows only `null`.
pub fn is_null_schema(schema: &Value) -> bool {
    schema.get("type").and_then(Value::as_str) == Some("null")
        || schema.get("const") == Some(&Value::Null)
}

/// Bounds from two count keywords (whole numbers; `2.0` counts as `2`).
pub fn length_bounds(
    map: &serde_json::Map<String, Value>,
    min: &str,
    max: &str,
) -> Option<LengthBounds> {
    let min = super::keywords::get(map, min).and_then(super::compile::whole_number);
    let max = super::keywords::get(map, max).and_then(super::compile::whole_number);
    (min.is_some() || max.is_some()).then_some(LengthBounds { min, max })
}

fn intersect_length(a: Option<LengthBounds>, b: Option<LengthBounds>) -> Option<LengthBounds> {
    let a = Constraints {
        length: a,
        ..Default::default()
    };
    let b = Constraints {
        length: b,
        ..Default::default()
    };
    a.intersect(&b).length
}

/// `minimum`/`maximum` with both spellings of exclusivity: a number (2019+) or a boolean
/// modifying the inclusive bound (draft-04, OpenAPI 3.0). When both forms are written, the
/// tighter bound is kept.
pub fn range_bounds(map: &serde_json::Map<String, Value>) -> Option<RangeBounds> {
    let bound = |inclusive: &str, exclusive: &str| {
        let flag = super::keywords::get(map, exclusive) == Some(&Value::Bool(true));
        let written = super::keywords::get(map, inclusive)
            .and_then(Value::as_number)
            .map(|n| Bound {
                value: n.to_string(),
                exclusive: flag,
            });
        let strict = super::keywords::get(map, exclusive)
            .and_then(Value::as_number)
            .map(|n| Bound {
                value: n.to_string(),
                exclusive: true,
            });
        (written, strict)
    };
    let min = match bound("minimum", "exclusiveMinimum") {
        (Some(a), Some(b)) => Some(if b.as_f64() >= a.as_f64() { b } else { a }),
        (a, b) => a.or(b),
    };
    let max = match bound("maximum", "exclusiveMaximum") {
        (Some(a), Some(b)) => Some(if b.as_f64() <= a.as_f64() { b } else { a }),
        (a, b) => a.or(b),
    };
    (min.is_some() || max.is_some()).then_some(RangeBounds { min, max })
}

/// The types of some JSON values.
fn types_of(values: &[Value]) -> u8 {
    values.iter().fold(0, |bits, v| {
        bits | match v {
            Value::Null => types::NULL,
            Value::Bool(_) => types::BOOLEAN,
            Value::Number(n) if n.is_i64() || n.is_u64() => types::INTEGER,
            Value::Number(_) => types::NUMBER,
            Value::String(_) => types::STRING,
            Value::Array(_) => types::ARRAY,
            Value::Object(_) => types::OBJECT,
        }
    })
}

/// The types a `format` implies when no `type` is written.
fn format_types(format: &str) -> u8 {
    match format {
        "int32" | "int64" => types::INTEGER,
        "float" | "double" => types::NUMBER | types::INTEGER,
        _ => types::STRING,
    }
}
