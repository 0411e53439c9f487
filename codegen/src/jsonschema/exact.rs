//! Exact lowering (every document): a schema becomes a Rust type only where the type
//! admits exactly the values the schema admits and writes them back unchanged; everything
//! else is checked on the JSON, through assertions ([`super::compile`]).
//!
//! - A schema without `type` admits any JSON value: it becomes a JSON document
//!   (`serde_json::Value`) with its keywords as assertions, unless it is a string enum or a
//!   string `const`, or an `anyOf`/`oneOf` whose branches are typed and of disjoint types
//!   (then an untagged union: serde picks the only branch that can match).
//! - `type: object` becomes a structure. Properties the schema does not name are valid; they
//!   are kept (an additional-properties map of JSON values) when a check of the object needs
//!   them (a property count, `patternProperties`, an assertion on the whole object) or
//!   `additionalProperties` is written, and otherwise ignored when reading, as Smithy
//!   structures do. `patternProperties` and an `additionalProperties` that the map cannot
//!   type are asserted on the JSON. Optional
//!   members are `Option`s: a `null` there is invalid unless the member's schema admits it
//!   (`FromJson::check_nulls`), and a `default` is documentation, never filled in.
//! - `type: array` becomes a list; positions (`prefixItems`) that do not share one item type
//!   make a list of JSON values with the positions asserted.
//! - Several scalar types make an untagged union of one member per type; `null` beside other
//!   types is only typed for a structure member (an `Option`); elsewhere it is a JSON document.
//! - Keywords no type expresses (`not`, `if`/`then`/`else`, `contains`, `dependentRequired`,
//!   `dependentSchemas`, `propertyNames`, an `anyOf`/`oneOf` beside a `type`, `enum`/`const`
//!   of objects and arrays, `uniqueItems` over JSON items) stay as assertions on the typed
//!   value's JSON form.
//! - Merges whose parts do not mean the same merged (an `additionalProperties` beside
//!   properties of another `allOf` branch, two `anyOf`s) are checked on the JSON.

use serde_json::Value;

use super::allof::{types, Additional, Flat};
use super::compile::Keywords;
use super::document::Loc;
use super::lower::{
    classify, enum_kind, int_enum_value, prelude_document, prelude_scalar, shape_docs,
    string_enum_value, EnumKind, Form, Lowerer,
};
use super::names::{self, placeholder};
use crate::model::{
    AdditionalMembers, Assertion, Constraints, Deprecation, JsonCheck, JsonTypes, LengthBounds,
    Member, Scalar, Shape, ShapeKind, Structure, Union, UnionTagging,
};

/// Where a schema is used, which decides whether `null` can be typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// A shape of its own.
    Shape,
    /// A structure member (an `Option` can stand for `null`).
    Member,
    /// A list item, map value or union variant.
    Other,
}

/// Keywords no type expresses: typed shapes keep them as assertions.
const RESIDUAL: [&str; 7] = [
    "not",
    "if",
    "contains",
    "dependentRequired",
    "dependentSchemas",
    "dependencies",
    "propertyNames",
];

impl Lowerer<'_> {
    /// Lists and maps that contain themselves with no structure or union in between would be
    /// infinite Rust types (`type A = Vec<A>`): each such shape is checked on the JSON instead,
    /// until none is left.
    pub fn break_alias_cycles(&mut self) {
        loop {
            let cyclic = self.alias_cycle_entries();
            if cyclic.is_empty() {
                return;
            }
            for index in cyclic {
                let locs = self.entry_locs(&placeholder(index)).unwrap_or(&[]).to_vec();
                let assertions = self.compile(&locs).assertions;
                self.update_shape(&placeholder(index), |shape| {
                    shape.kind = ShapeKind::Document;
                    shape.constraints = Constraints {
                        assertions,
                        ..Constraints::default()
                    };
                });
            }
            self.run();
        }
    }

    /// Structures whose schema says nothing of unnamed properties keep them only where an
    /// assertion reads the JSON form of the value (which must then be written back whole):
    /// elsewhere they ignore them when reading, as Smithy structures do (they are valid, but
    /// not written back).
    pub fn settle_unnamed_properties(&mut self) {
        let mut pending = Vec::new();
        for index in 0..self.entry_count() {
            let Some(shape) = self.shape(&placeholder(index)) else {
                continue;
            };
            if reads_json_form(&shape.constraints) {
                pending.push(shape.id.clone());
            }
            for member in members_of(&shape.kind) {
                if reads_json_form(&member.constraints) {
                    pending.push(member.target.clone());
                }
            }
        }
        let mut needed = std::collections::BTreeSet::new();
        while let Some(id) = pending.pop() {
            if !needed.insert(id.clone()) {
                continue;
            }
            if let Some(shape) = self.shape(&id) {
                pending.extend(crate::model::select::shape_references(shape));
            }
        }
        for index in std::mem::take(&mut self.unnamed_kept) {
            if !needed.contains(&placeholder(index)) {
                self.update_shape(&placeholder(index), |shape| {
                    if let ShapeKind::Structure(structure) = &mut shape.kind {
                        structure.additional = AdditionalMembers::Ignore;
                    }
                });
            }
        }
    }

    /// The entries that are lists or maps on a cycle of lists and maps.
    fn alias_cycle_entries(&self) -> Vec<usize> {
        let next = |id: &crate::model::ShapeId| -> Vec<crate::model::ShapeId> {
            match self.shape(id).map(|shape| &shape.kind) {
                Some(ShapeKind::List(item)) => vec![item.target.clone()],
                Some(ShapeKind::Map { value, .. }) => vec![value.target.clone()],
                _ => Vec::new(),
            }
        };
        let mut cyclic = Vec::new();
        for index in 0..self.entry_count() {
            let start = placeholder(index);
            let mut seen = std::collections::BTreeSet::new();
            let mut stack = next(&start);
            while let Some(id) = stack.pop() {
                if id == start {
                    cyclic.push(index);
                    break;
                }
                if seen.insert(id.clone()) {
                    stack.extend(next(&id));
                }
            }
        }
        cyclic
    }

    /// Lowers an entry: a typed shape when exact, else a JSON document with assertions.
    pub(super) fn lower_exact_entry(&mut self, index: usize, locs: &[Loc], name: &str) -> Shape {
        let flat = self.flattener.flatten(locs);
        let mut shape = Shape::new(placeholder(index), ShapeKind::Document);
        shape.exact_json = true;
        shape.docs = shape_docs(&flat, name);
        shape.sensitive = flat.sensitive;
        shape.deprecated = flat.deprecated.then(Deprecation::default);
        if let Some(loc) = locs.first() {
            shape.source = self.flattener.store.source_ref(loc);
        }
        if self.json_only_reason(&flat, Position::Shape).is_some() {
            shape.constraints.assertions = self.compile(locs).assertions;
            return shape;
        }
        let (typed, mut residual) = self.typed_view(&flat);
        let mut constraints = typed.constraints.clone();
        shape.kind = match classify(&typed) {
            Form::Scalar(scalar, format) => {
                shape.timestamp_format = format;
                if scalar == Scalar::String {
                    constraints.length = typed.string_length;
                }
                if let Some(values) = &typed.enum_values {
                    constraints.allowed_values = Some(values.clone());
                }
                ShapeKind::Scalar(scalar)
            }
            Form::Document => {
                residual.extend(["enum", "const"]);
                ShapeKind::Document
            }
            Form::Named => {
                self.exact_structural_kind(&typed, name, &mut constraints, &mut residual)
            }
        };
        let mut assertions = self.residual(&flat, &residual);
        assertions.append(&mut constraints.assertions);
        constraints.assertions = assertions;
        let keeps_unnamed = matches!(&shape.kind, ShapeKind::Structure(s)
            if s.additional == AdditionalMembers::Map(prelude_document()));
        if flat.additional == Additional::Unspecified && keeps_unnamed {
            self.unnamed_kept.insert(index);
        }
        shape.constraints = constraints;
        shape
    }

    /// The member for the schema(s) at `locs`, used at `position`.
    pub(super) fn exact_member(
        &mut self,
        locs: &[Loc],
        name: &str,
        hint: String,
        position: Position,
    ) -> Member {
        if let Some(member) = self.exact_named_member(locs, name, position) {
            return member;
        }
        let flat = self.flattener.flatten(locs);
        let mut member = Member::new(name, prelude_document());
        member.docs = flat.description.get().cloned();
        member.deprecated = flat.deprecated.then(Deprecation::default);
        if let Some(loc) = locs.first() {
            member.source = self.flattener.store.source_ref(loc);
        }
        if self.json_only_reason(&flat, position).is_some() {
            let check = self.compile(locs);
            member.nullable = position == Position::Member && self.accepts_null(&check, 0);
            member.constraints.assertions = check.assertions;
            return member;
        }
        member.nullable = flat.nullable || flat.types.is_some_and(|t| t & types::NULL != 0);
        let (typed, mut residual) = self.typed_view(&flat);
        match classify(&typed) {
            Form::Scalar(scalar, format) => {
                member.target = prelude_scalar(scalar);
                member.timestamp_format = format;
                member.sensitive = typed.sensitive;
                member.constraints = if scalar == Scalar::String {
                    typed.constraints_for(typed.string_length)
                } else {
                    typed.constraints.clone()
                };
                if let Some(values) = &typed.enum_values {
                    member.constraints.allowed_values = Some(values.clone());
                }
                member.constraints.assertions = self.residual(&flat, &residual);
            }
            Form::Document => {
                residual.extend(["enum", "const"]);
                member.constraints.assertions = self.residual(&flat, &residual);
            }
            Form::Named => {
                let hint = (locs.len() > 1).then_some(hint);
                member.target = self.request(locs.to_vec(), hint);
            }
        }
        member.default = flat.default.get().cloned();
        member.client_optional = member.default.is_some();
        member
    }

    /// A member that is a `$ref` with documentation beside it, or constraints that narrow a
    /// typed target: it targets the referenced shape. `None` when anything else is written
    /// there.
    fn exact_named_member(
        &mut self,
        locs: &[Loc],
        name: &str,
        position: Position,
    ) -> Option<Member> {
        let named = self.flattener.named_ref(locs)?;
        let extras = &named.extras;
        if extras.nullable && position != Position::Member {
            return None;
        }
        let narrows = !(extras.constraints.is_empty()
            && extras.string_length.is_none()
            && extras.item_count.is_none()
            && extras.enum_values.is_none());
        let Some(target) = self.flattener.follow_aliases(&named.at, &named.reference) else {
            // Unresolvable or a cycle of aliases (reported): any JSON value.
            let mut member = Member::new(name, prelude_document());
            member.docs = extras.description.get().cloned();
            member.source = self
                .flattener
                .store
                .source_ref(locs.first().unwrap_or(&named.at));
            return Some(member);
        };
        let facts = self.target_facts(&target);
        if narrows && !facts.typed {
            return None;
        }
        let target_nullable = match facts.types {
            Some(bits) => bits & types::NULL != 0 || facts.nullable,
            None => {
                let check = self.compile_one(&target);
                self.accepts_null(&check, 0)
            }
        };
        let mut member = self.named_member(named, locs, name);
        member.nullable = position == Position::Member && (member.nullable || target_nullable);
        member.client_optional = member.default.is_some();
        Some(member)
    }

    /// What [`exact_named_member`](Self::exact_named_member) needs of the schema a member
    /// names, worked out once per schema: one schema is named by many members, and flattening
    /// a large one again for each was a tenth of the time of a large document. (Diagnostics found
    /// on the way are reported once; they would be the same each time.)
    fn target_facts(&mut self, target: &Loc) -> TargetFacts {
        if let Some(facts) = self.target_facts.get(target) {
            return *facts;
        }
        let flat = self.flattener.flatten(std::slice::from_ref(target));
        let facts = TargetFacts {
            typed: self.json_only_reason(&flat, Position::Shape).is_none(),
            types: flat.types,
            nullable: flat.nullable,
        };
        self.target_facts.insert(target.clone(), facts);
        facts
    }

    /// Why a flattened schema can only be checked on the JSON, or `None`
    /// when a type says exactly what it says.
    pub(super) fn json_only_reason(
        &mut self,
        flat: &Flat,
        position: Position,
    ) -> Option<&'static str> {
        if let Some(conflict) = flat.conflict {
            return Some(conflict);
        }
        if flat.never {
            return Some("no value is valid");
        }
        let Some(bits) = flat.types else {
            if self.choice_is_union(flat) || is_string_constant(flat) {
                return None;
            }
            return Some("no `type`: any JSON value");
        };
        let bits = if flat.nullable {
            bits | types::NULL
        } else {
            bits
        };
        let kinds = bits & !types::NULL;
        if kinds == 0 {
            return Some("only `null`");
        }
        if bits & types::NULL != 0 && position != Position::Member {
            return Some("`null` beside other types");
        }
        let several =
            kinds != kinds & kinds.wrapping_neg() && kinds != types::NUMBER | types::INTEGER;
        if several && kinds & (types::OBJECT | types::ARRAY) != 0 {
            return Some("several types, objects or arrays among them");
        }
        if kinds == types::OBJECT {
            let closed = !matches!(flat.additional, Additional::Unspecified | Additional::Any)
                || !flat.pattern_properties.is_empty();
            let unlisted = flat
                .required
                .iter()
                .any(|name| !flat.properties.contains_key(name));
            if closed && unlisted {
                return Some("a required property that only `additionalProperties` describes");
            }
        }
        None
    }

    /// The schema to type (without an `anyOf`/`oneOf` that is not the type itself), and the
    /// keywords left to assertions.
    fn typed_view(&mut self, flat: &Flat) -> (Flat, Vec<&'static str>) {
        let mut residual: Vec<&'static str> = RESIDUAL.to_vec();
        let mut typed = flat.clone();
        if flat.choice.is_some() && !self.choice_is_union(flat) {
            typed.choice = None;
            residual.extend(["anyOf", "oneOf"]);
        }
        (typed, residual)
    }

    /// Whether an `anyOf`/`oneOf` is lowered as a union: with an OpenAPI `discriminator` (whose
    /// property decides the branch), or, untagged, when nothing beside it says what type the
    /// value has and its branches are typed, with disjoint types (so at most one can match,
    /// and serde picks it).
    fn choice_is_union(&mut self, flat: &Flat) -> bool {
        let Some(choice) = &flat.choice else {
            return false;
        };
        if flat.discriminator.is_some() {
            let branches = choice.branches.clone();
            return branches.iter().all(|branch| {
                let branch_flat = self.flattener.flatten(std::slice::from_ref(branch));
                branch_flat.effective_types() & !types::NULL == types::OBJECT
            });
        }
        if flat.types.is_some() || choice.branches.is_empty() {
            return false;
        }
        let branches = choice.branches.clone();
        let mut seen = 0u8;
        let mut constants = Vec::new();
        for branch in &branches {
            let branch_flat = self.flattener.flatten(std::slice::from_ref(branch));
            if let Some(Value::String(constant)) = single_constant(&branch_flat) {
                if constants.contains(&constant) {
                    return false;
                }
                constants.push(constant);
                continue;
            }
            let Some(bits) = branch_flat.types else {
                return false;
            };
            let bits = if bits & types::NUMBER != 0 {
                bits | types::INTEGER
            } else {
                bits
            };
            if bits & seen != 0
                || self
                    .json_only_reason(&branch_flat, Position::Other)
                    .is_some()
            {
                return false;
            }
            seen |= bits;
        }
        constants.is_empty() || seen & types::STRING == 0
    }

    /// The assertions of `keywords` in every part of a merged schema.
    pub(super) fn residual(&mut self, flat: &Flat, keywords: &[&str]) -> Vec<Assertion> {
        let mut assertions = Vec::new();
        for part in &flat.parts {
            self.compile_into(part, Keywords::Only(keywords), &mut assertions);
        }
        assertions
    }

    /// The kind of a typed schema that needs a shape of its own.
    fn exact_structural_kind(
        &mut self,
        flat: &Flat,
        name: &str,
        constraints: &mut Constraints,
        residual: &mut Vec<&'static str>,
    ) -> ShapeKind {
        if let Some(choice) = &flat.choice {
            let branches = choice.branches.clone();
            return self.choice_kind(flat, &branches, name);
        }
        match enum_kind(flat) {
            Some(EnumKind::Strings(values)) => {
                return ShapeKind::Enum(values.iter().map(|v| string_enum_value(v)).collect());
            }
            Some(EnumKind::Integers(values)) => {
                return ShapeKind::IntEnum(values.iter().map(|v| int_enum_value(v)).collect());
            }
            None => {}
        }
        let kinds = flat.effective_types() & !types::NULL;
        if kinds == types::OBJECT || kinds == types::ARRAY {
            constraints.const_value = None;
            constraints.allowed_values = None;
            residual.extend(["enum", "const"]);
        }
        match kinds {
            types::OBJECT => self.exact_object_kind(flat, name, constraints, residual),
            types::ARRAY => self.exact_list_kind(flat, name, constraints, residual),
            _ => {
                constraints.const_value = None;
                constraints.allowed_values = None;
                residual.extend(["enum", "const"]);
                self.exact_scalar_union(flat, kinds)
            }
        }
    }

    /// An object: a map when nothing but `additionalProperties` or `patternProperties`
    /// describes it, else a structure that keeps unnamed properties.
    fn exact_object_kind(
        &mut self,
        flat: &Flat,
        name: &str,
        constraints: &mut Constraints,
        residual: &mut Vec<&'static str>,
    ) -> ShapeKind {
        let no_properties = flat.properties.is_empty() && flat.required.is_empty();
        let described_entries = !flat.pattern_properties.is_empty()
            || matches!(flat.additional, Additional::Schema(_) | Additional::Any);
        if no_properties && described_entries {
            let value = match (&flat.additional, flat.pattern_properties.is_empty()) {
                (Additional::Schema(locs), true) => {
                    let locs = locs.clone();
                    self.exact_member(&locs, "value", format!("{name}Value"), Position::Other)
                }
                (_, true) => Member::new("value", prelude_document()),
                (_, false) => {
                    self.exact_additional(flat, name, constraints);
                    Member::new("value", prelude_document())
                }
            };
            let key = match self.exact_map_key(flat, name) {
                Some(key) => {
                    residual.retain(|keyword| *keyword != "propertyNames");
                    key
                }
                None => Member::new("key", prelude_scalar(Scalar::String)),
            };
            return ShapeKind::Map {
                key: Box::new(key),
                value: Box::new(value),
            };
        }
        let mut members = Vec::new();
        let properties: Vec<(String, Vec<Loc>)> = flat
            .properties
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (property, locs) in properties {
            let hint = format!("{name}{}", names::identifier(&property));
            let mut member = self.exact_member(&locs, &property, hint, Position::Member);
            member.required = flat.required.contains(&property);
            if member.required && member.nullable && self.is_json_target(&member) {
                // A JSON value holds `null` itself, and its checks then still run.
                member.nullable = false;
            }
            if member.required && member.client_optional {
                member.client_optional = false;
                member.default = None;
            }
            members.push(member);
        }
        for required in &flat.required {
            if !flat.properties.contains_key(required) {
                let mut member = Member::new(required.clone(), prelude_document());
                member.required = true;
                members.push(member);
            }
        }
        let additional = self.exact_additional(flat, name, constraints);
        ShapeKind::Structure(Structure {
            members,
            additional,
        })
    }

    /// The key of a map, when `propertyNames` says nothing a string key cannot carry: a `$ref`
    /// to a named string schema makes the key that shape (as Smithy's `key: {target: X}`),
    /// string constraints constrain the key. `None` when `propertyNames` needs an assertion.
    fn exact_map_key(&mut self, flat: &Flat, name: &str) -> Option<Member> {
        let names = flat.property_names.clone();
        if names.is_empty() {
            return Some(Member::new("key", prelude_scalar(Scalar::String)));
        }
        let names_flat = self.flattener.flatten(&names);
        if self.flattener.named_ref(&names).is_some() {
            let is_string = names_flat
                .types
                .is_some_and(|t| t & !types::NULL == types::STRING);
            let typed = self
                .json_only_reason(&names_flat, Position::Other)
                .is_none();
            return (is_string && typed)
                .then(|| self.exact_member(&names, "key", format!("{name}Key"), Position::Other));
        }
        let check = self.compile(&names);
        let string_only = check.assertions.iter().all(|assertion| match assertion {
            Assertion::StringLength(_) | Assertion::Pattern(_) => true,
            Assertion::Types(JsonTypes(bits)) => bits & JsonTypes::STRING != 0,
            Assertion::Const(value) => value.is_string(),
            Assertion::Enum(values) => values.iter().all(Value::is_string),
            _ => false,
        });
        if !string_only {
            return None;
        }
        let mut key = Member::new("key", prelude_scalar(Scalar::String));
        key.constraints = names_flat.constraints_for(names_flat.string_length);
        key.constraints.allowed_values = names_flat.enum_values.clone();
        Some(key)
    }

    /// What a structure does with unnamed properties: deny them, keep them typed, or keep
    /// them as JSON with the schema's `patternProperties` and `additionalProperties`
    /// asserted.
    fn exact_additional(
        &mut self,
        flat: &Flat,
        name: &str,
        constraints: &mut Constraints,
    ) -> AdditionalMembers {
        if flat.pattern_properties.is_empty() {
            match &flat.additional {
                Additional::Unspecified | Additional::Any => {
                    return AdditionalMembers::Map(prelude_document())
                }
                Additional::Deny => return AdditionalMembers::Deny,
                Additional::Schema(locs) => {
                    let locs = locs.clone();
                    let value =
                        self.exact_member(&locs, "value", format!("{name}Value"), Position::Other);
                    if value.constraints.is_empty() {
                        return AdditionalMembers::Map(value.target);
                    }
                }
            }
        }
        let named = flat
            .properties
            .keys()
            .chain(flat.required.iter())
            .map(|name| (name.clone(), JsonCheck::default()))
            .collect();
        let patterns = flat
            .pattern_properties
            .clone()
            .into_iter()
            .map(|(pattern, loc)| (pattern, self.compile_one(&loc)))
            .collect();
        let additional = match &flat.additional {
            Additional::Deny => Some(JsonCheck::new(vec![Assertion::Never])),
            Additional::Schema(locs) => {
                let locs = locs.clone();
                Some(self.compile(&locs))
            }
            Additional::Unspecified | Additional::Any => None,
        };
        constraints.assertions.push(Assertion::Properties {
            named,
            patterns,
            additional,
        });
        AdditionalMembers::Map(prelude_document())
    }

    /// An array: a list of the item type, of the type every position shares, or of JSON
    /// values with the positions asserted.
    fn exact_list_kind(
        &mut self,
        flat: &Flat,
        name: &str,
        constraints: &mut Constraints,
        residual: &mut Vec<&'static str>,
    ) -> ShapeKind {
        let hint = format!("{name}Item");
        constraints.length = flat.item_count;
        if flat.no_more_items {
            let cap = LengthBounds {
                min: None,
                max: Some(flat.prefix_items.len() as u64),
            };
            *constraints = std::mem::take(constraints).intersect(&Constraints {
                length: Some(cap),
                ..Default::default()
            });
        }
        let rest = (!flat.items.is_empty()).then(|| {
            self.exact_member(&flat.items.clone(), "member", hint.clone(), Position::Other)
        });
        let item = if flat.prefix_items.is_empty() {
            rest.unwrap_or_else(|| Member::new("member", prelude_document()))
        } else {
            let mut positions = Vec::new();
            for (i, locs) in flat.prefix_items.clone().iter().enumerate() {
                positions.push(self.exact_member(
                    locs,
                    "member",
                    format!("{hint}{}", i + 1),
                    Position::Other,
                ));
            }
            let covered = rest.is_some() || flat.no_more_items;
            positions.extend(rest);
            let first = positions[0].clone();
            let shared = covered
                && positions
                    .iter()
                    .all(|m| m.target == first.target && m.constraints == first.constraints);
            if shared {
                first
            } else {
                residual.extend(["items", "prefixItems", "additionalItems"]);
                Member::new("member", prelude_document())
            }
        };
        if !self.is_plain_value(&item) {
            residual.push("uniqueItems");
            constraints.unique_items = false;
        }
        ShapeKind::List(Box::new(item))
    }

    /// Whether a member's target is a JSON document (`serde_json::Value`).
    fn is_json_target(&mut self, member: &Member) -> bool {
        if member.target == prelude_document() {
            return true;
        }
        let Some(locs) = self.entry_locs(&member.target).map(<[Loc]>::to_vec) else {
            return false;
        };
        let flat = self.flattener.flatten(&locs);
        self.json_only_reason(&flat, Position::Shape).is_some()
    }

    /// Whether items of this member compare by value in Rust as in JSON (strings, integers,
    /// numbers, booleans and string enums).
    fn is_plain_value(&self, member: &Member) -> bool {
        if member.target.is_prelude() {
            return member.target.name() != "Document";
        }
        self.shape(&member.target).is_some_and(|shape| {
            matches!(
                shape.kind,
                ShapeKind::Enum(_) | ShapeKind::IntEnum(_) | ShapeKind::Scalar(_)
            )
        })
    }

    /// Several scalar types: an untagged union of one member per type, each with the
    /// constraints of its type.
    fn exact_scalar_union(&mut self, flat: &Flat, kinds: u8) -> ShapeKind {
        let mut members = Vec::new();
        let source = flat
            .parts
            .first()
            .map(|loc| self.flattener.store.source_ref(loc))
            .unwrap_or_default();
        let number = Constraints {
            range: flat.constraints.range.clone(),
            multiple_of: flat.constraints.multiple_of.clone(),
            ..Default::default()
        };
        let string = Constraints {
            length: flat.string_length,
            patterns: flat.constraints.patterns.clone(),
            ..Default::default()
        };
        let choices = [
            (types::STRING, "String", Scalar::String, string),
            (types::NUMBER, "Number", Scalar::Double, number.clone()),
            (types::INTEGER, "Integer", Scalar::Long, number),
            (
                types::BOOLEAN,
                "Boolean",
                Scalar::Boolean,
                Constraints::default(),
            ),
        ];
        for (bit, member_name, scalar, constraints) in choices {
            if kinds & bit == 0 || (bit == types::INTEGER && kinds & types::NUMBER != 0) {
                continue;
            }
            let mut member = Member::new(member_name, prelude_scalar(scalar));
            member.constraints = constraints;
            member.source = source.clone();
            members.push(member);
        }
        ShapeKind::Union(Union {
            members,
            tagging: UnionTagging::Untagged,
        })
    }
}

/// Whether checks read a value's JSON form (assertions, or the comparisons and counts done on
/// the serialized value), so that everything inside it must be written back whole.
fn reads_json_form(constraints: &Constraints) -> bool {
    !constraints.assertions.is_empty()
        || constraints.properties.is_some()
        || constraints.const_value.is_some()
        || constraints.allowed_values.is_some()
        || constraints.unique_items
}

/// The members of a shape (structure and union members, list items, map keys and values).
fn members_of(kind: &ShapeKind) -> Vec<&Member> {
    match kind {
        ShapeKind::Structure(s) => s.members.iter().collect(),
        ShapeKind::Union(u) => u.members.iter().collect(),
        ShapeKind::List(item) => vec![item.as_ref()],
        ShapeKind::Map { key, value } => vec![key.as_ref(), value.as_ref()],
        _ => Vec::new(),
    }
}

/// Whether a schema without `type` still admits only strings: a string enum or `const`.
fn is_string_constant(flat: &Flat) -> bool {
    let enum_of_strings = flat
        .enum_values
        .as_ref()
        .is_some_and(|values| !values.is_empty() && values.iter().all(Value::is_string));
    let string_const = flat
        .constraints
        .const_value
        .as_ref()
        .is_some_and(Value::is_string);
    (enum_of_strings && flat.constraints.const_value.is_none()) || string_const
}

/// The one value a schema allows, when it is nothing but that constant.
fn single_constant(flat: &Flat) -> Option<Value> {
    if flat.types.is_some() || !flat.properties.is_empty() || flat.choice.is_some() {
        return None;
    }
    match (&flat.constraints.const_value, flat.enum_values.as_deref()) {
        (Some(value), None) => Some(value.clone()),
        (None, Some([value])) => Some(value.clone()),
        _ => None,
    }
}

impl Lowerer<'_> {
    /// Whether `null` passes a check; a referenced shape is looked into (to a few levels,
    /// beyond which it is taken to admit `null`).
    fn accepts_null(&mut self, check: &JsonCheck, depth: usize) -> bool {
        let mut accepts = true;
        for assertion in &check.assertions {
            accepts &= match assertion {
                Assertion::Types(JsonTypes(bits)) => bits & JsonTypes::NULL != 0,
                Assertion::Never => false,
                Assertion::Const(value) => value.is_null(),
                Assertion::Enum(values) => values.iter().any(Value::is_null),
                Assertion::Not(inner) => !self.accepts_null(inner, depth),
                Assertion::AnyOf(branches) => branches.iter().any(|b| self.accepts_null(b, depth)),
                Assertion::OneOf(branches) => {
                    branches
                        .iter()
                        .filter(|b| self.accepts_null(b, depth))
                        .count()
                        == 1
                }
                Assertion::Conditional {
                    condition,
                    then,
                    otherwise,
                } => {
                    if self.accepts_null(condition, depth) {
                        self.accepts_null(then, depth)
                    } else {
                        self.accepts_null(otherwise, depth)
                    }
                }
                Assertion::Shape(id) if depth < 8 => match self.entry_locs(id) {
                    Some(locs) => {
                        let locs = locs.to_vec();
                        let inner = self.compile(&locs);
                        self.accepts_null(&inner, depth + 1)
                    }
                    None => true,
                },
                _ => true,
            };
            if !accepts {
                return false;
            }
        }
        accepts
    }
}

/// What a member learns of the schema it names (see `Lowerer::target_facts`).
#[derive(Debug, Clone, Copy)]
pub(super) struct TargetFacts {
    /// The schema is a type of its own (not checked on the JSON only).
    typed: bool,
    /// Its `type` bits, if it says.
    types: Option<u8>,
    /// OpenAPI's `nullable`.
    nullable: bool,
}
