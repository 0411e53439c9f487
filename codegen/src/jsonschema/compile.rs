//! Compiling schemas to assertions: a schema, keyword by keyword, as the
//! [`JsonCheck`] a JSON value must pass, following the document's draft. This is what exact
//! JSON Schema documents lower to wherever a Rust type cannot say what the schema says (a
//! schema without `type`, `not`, `if`, `contains`, overlapping `oneOf` branches, ...), and what
//! typed shapes keep of the keywords their type does not express.
//!
//! Subschemas are compiled in place; a `$ref` becomes [`Assertion::Shape`] of the shape its
//! target lowers to, so recursive schemas compile to finite checks.

use serde_json::{Map, Value};

use super::allof::{length_bounds, range_bounds};
use super::document::{Draft, Loc};
use super::lower::Lowerer;
use crate::model::{Assertion, JsonCheck, JsonTypes};

/// The keywords that refer to other schemas by reference.
const REFERENCE_KEYWORDS: [&str; 3] = ["$ref", "$dynamicRef", "$recursiveRef"];

/// Which keywords of a schema object to compile.
#[derive(Clone, Copy)]
pub enum Keywords<'k> {
    /// All of them.
    All,
    /// Only these (a part of a merged schema: references and `allOf` are already merged).
    Only(&'k [&'k str]),
}

impl Keywords<'_> {
    fn wants(&self, keyword: &str) -> bool {
        match self {
            Keywords::All => true,
            Keywords::Only(list) => list.contains(&keyword),
        }
    }

    fn any(&self, keywords: &[&str]) -> bool {
        keywords.iter().any(|k| self.wants(k))
    }
}

impl Lowerer<'_> {
    /// The check of the conjunction of the schemas at `locs`.
    pub fn compile(&mut self, locs: &[Loc]) -> JsonCheck {
        let mut assertions = Vec::new();
        for loc in locs {
            self.compile_into(loc, Keywords::All, &mut assertions);
        }
        JsonCheck::new(assertions)
    }

    /// The check of one schema.
    pub fn compile_one(&mut self, loc: &Loc) -> JsonCheck {
        self.compile(std::slice::from_ref(loc))
    }

    /// Adds the assertions of `keywords` of the schema at `loc` to `out`.
    pub fn compile_into(&mut self, loc: &Loc, keywords: Keywords<'_>, out: &mut Vec<Assertion>) {
        let store = self.flattener.store;
        let Some(value) = store.value(loc) else {
            return;
        };
        let map = match value {
            Value::Bool(true) => return,
            Value::Bool(false) => {
                push(out, Assertion::Never);
                return;
            }
            Value::Object(map) => map,
            _ => return,
        };
        let draft = store.docs[loc.doc].draft;
        let mut referenced = false;
        for keyword in REFERENCE_KEYWORDS {
            if let (true, Some(Value::String(reference))) =
                (keywords.wants(keyword), super::keywords::get(map, keyword))
            {
                referenced = true;
                if let Some(id) = self.reference_shape(loc, keyword, reference) {
                    push(out, Assertion::Shape(id));
                }
            }
        }
        if referenced && self.flattener.ref_overrides_siblings(loc) {
            return;
        }
        self.compile_values(map, keywords, out);
        self.compile_arrays(loc, map, draft, keywords, out);
        self.compile_objects(loc, map, draft, keywords, out);
        self.compile_applicators(loc, map, draft, keywords, out);
    }

    /// The shape a `$ref` names (aliases followed), requested for lowering.
    fn reference_shape(
        &mut self,
        loc: &Loc,
        keyword: &str,
        reference: &str,
    ) -> Option<crate::model::ShapeId> {
        let target = if keyword == "$ref" {
            self.flattener.follow_aliases(loc, reference)?
        } else {
            let at = loc.child(keyword);
            self.flattener.resolve(loc, &at, reference)?
        };
        Some(self.request(vec![target], None))
    }

    fn compile_values(
        &mut self,
        map: &Map<String, Value>,
        keywords: Keywords<'_>,
        out: &mut Vec<Assertion>,
    ) {
        if keywords.wants("type") {
            if let Some(bits) = type_bits(super::keywords::get(map, "type")) {
                let nullable = super::keywords::get(map, "nullable") == Some(&Value::Bool(true));
                let bits = if nullable {
                    bits | JsonTypes::NULL
                } else {
                    bits
                };
                push(out, Assertion::Types(JsonTypes(bits)));
            }
        }
        if keywords.wants("enum") {
            if let Some(Value::Array(values)) = super::keywords::get(map, "enum") {
                if values.is_empty() {
                    push(out, Assertion::Never);
                } else {
                    push(out, Assertion::Enum(values.clone()));
                }
            }
        }
        if keywords.wants("const") {
            if let Some(value) = super::keywords::get(map, "const") {
                push(out, Assertion::Const(value.clone()));
            }
        }
        if keywords.any(&["minLength", "maxLength"]) {
            if let Some(bounds) = length_bounds(map, "minLength", "maxLength") {
                push(out, Assertion::StringLength(bounds));
            }
        }
        if keywords.wants("pattern") {
            if let Some(pattern) = super::keywords::get(map, "pattern").and_then(Value::as_str) {
                push(out, Assertion::Pattern(pattern.to_string()));
            }
        }
        if keywords.any(&["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]) {
            if let Some(range) = range_bounds(map) {
                push(out, Assertion::Range(range));
            }
        }
        if keywords.wants("multipleOf") {
            if let Some(divisor) =
                super::keywords::get(map, "multipleOf").and_then(Value::as_number)
            {
                push(out, Assertion::MultipleOf(divisor.to_string()));
            }
        }
    }

    fn compile_arrays(
        &mut self,
        loc: &Loc,
        map: &Map<String, Value>,
        draft: Draft,
        keywords: Keywords<'_>,
        out: &mut Vec<Assertion>,
    ) {
        if keywords.any(&["minItems", "maxItems"]) {
            if let Some(bounds) = length_bounds(map, "minItems", "maxItems") {
                push(out, Assertion::ItemCount(bounds));
            }
        }
        if keywords.wants("uniqueItems")
            && super::keywords::get(map, "uniqueItems") == Some(&Value::Bool(true))
        {
            push(out, Assertion::UniqueItems);
        }
        if keywords.any(&["items", "prefixItems", "additionalItems"]) {
            if let Some(items) = self.compile_items(loc, map, draft) {
                push(out, items);
            }
        }
        if keywords.wants("contains")
            && draft >= Draft::Draft6
            && super::keywords::has(map, "contains")
        {
            let check = self.compile_one(&loc.child("contains"));
            let count = |keyword: &str| super::keywords::get(map, keyword).and_then(whole_number);
            let (min, max) = if draft >= Draft::Draft2019 {
                (count("minContains").unwrap_or(1), count("maxContains"))
            } else {
                (1, None)
            };
            push(out, Assertion::Contains { check, min, max });
        }
    }

    /// `prefixItems` and `items` (2020-12), or array `items` and `additionalItems` (earlier
    /// drafts, and array `items` in any draft).
    fn compile_items(
        &mut self,
        loc: &Loc,
        map: &Map<String, Value>,
        draft: Draft,
    ) -> Option<Assertion> {
        let mut prefix = Vec::new();
        let mut rest = None;
        let positions = |keyword: &str| match super::keywords::get(map, keyword) {
            Some(Value::Array(items)) => items.len(),
            _ => 0,
        };
        let items_is_array = matches!(super::keywords::get(map, "items"), Some(Value::Array(_)));
        if items_is_array {
            for index in 0..positions("items") {
                prefix.push(self.compile_one(&loc.child("items").child(&index.to_string())));
            }
            if super::keywords::has(map, "additionalItems") {
                rest = Some(self.compile_one(&loc.child("additionalItems")));
            }
        } else {
            if draft >= Draft::Draft2020 {
                for index in 0..positions("prefixItems") {
                    let at = loc.child("prefixItems").child(&index.to_string());
                    prefix.push(self.compile_one(&at));
                }
            }
            if super::keywords::has(map, "items") {
                rest = Some(self.compile_one(&loc.child("items")));
            }
        }
        let trivial = prefix.iter().all(JsonCheck::accepts_all)
            && rest.as_ref().map_or(true, JsonCheck::accepts_all);
        (!trivial).then_some(Assertion::Items { prefix, rest })
    }

    fn compile_objects(
        &mut self,
        loc: &Loc,
        map: &Map<String, Value>,
        draft: Draft,
        keywords: Keywords<'_>,
        out: &mut Vec<Assertion>,
    ) {
        if keywords.any(&["minProperties", "maxProperties"]) {
            if let Some(bounds) = length_bounds(map, "minProperties", "maxProperties") {
                push(out, Assertion::PropertyCount(bounds));
            }
        }
        if keywords.wants("required") {
            if let Some(Value::Array(names)) = super::keywords::get(map, "required") {
                let names: Vec<String> = names
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect();
                if !names.is_empty() {
                    push(out, Assertion::Required(names));
                }
            }
        }
        if keywords.any(&["properties", "patternProperties", "additionalProperties"]) {
            if let Some(properties) = self.compile_properties(loc, map, keywords) {
                push(out, properties);
            }
        }
        if keywords.wants("propertyNames")
            && draft >= Draft::Draft6
            && super::keywords::has(map, "propertyNames")
        {
            let check = self.compile_one(&loc.child("propertyNames"));
            if !check.accepts_all() {
                push(out, Assertion::PropertyNames(check));
            }
        }
        let mut required = Vec::new();
        let mut checks = Vec::new();
        if keywords.wants("dependentRequired") {
            if let Some(Value::Object(entries)) = super::keywords::get(map, "dependentRequired") {
                for (property, names) in entries {
                    required.push((property.clone(), string_list(names)));
                }
            }
        }
        if keywords.wants("dependentSchemas") {
            if let Some(Value::Object(entries)) = super::keywords::get(map, "dependentSchemas") {
                for property in entries.keys() {
                    let at = loc.child("dependentSchemas").child(property);
                    checks.push((property.clone(), self.compile_one(&at)));
                }
            }
        }
        if keywords.wants("dependencies") {
            if let Some(Value::Object(entries)) = super::keywords::get(map, "dependencies") {
                for (property, dependency) in entries {
                    if dependency.is_array() {
                        required.push((property.clone(), string_list(dependency)));
                    } else {
                        let at = loc.child("dependencies").child(property);
                        checks.push((property.clone(), self.compile_one(&at)));
                    }
                }
            }
        }
        required.retain(|(_, names)| !names.is_empty());
        if !required.is_empty() {
            push(out, Assertion::DependentRequired(required));
        }
        checks.retain(|(_, check)| !check.accepts_all());
        if !checks.is_empty() {
            push(out, Assertion::DependentChecks(checks));
        }
    }

    /// `properties`, `patternProperties` and `additionalProperties` together (the last applies
    /// to the properties the first two do not name).
    fn compile_properties(
        &mut self,
        loc: &Loc,
        map: &Map<String, Value>,
        keywords: Keywords<'_>,
    ) -> Option<Assertion> {
        let mut named = Vec::new();
        if let (true, Some(Value::Object(properties))) = (
            keywords.wants("properties"),
            super::keywords::get(map, "properties"),
        ) {
            for name in properties.keys() {
                let at = loc.child("properties").child(name);
                named.push((name.clone(), self.compile_one(&at)));
            }
        }
        let mut patterns = Vec::new();
        if let (true, Some(Value::Object(entries))) = (
            keywords.wants("patternProperties"),
            super::keywords::get(map, "patternProperties"),
        ) {
            for pattern in entries.keys() {
                let at = loc.child("patternProperties").child(pattern);
                patterns.push((pattern.clone(), self.compile_one(&at)));
            }
        }
        let additional = match (
            keywords.wants("additionalProperties"),
            super::keywords::get(map, "additionalProperties"),
        ) {
            (true, Some(_)) => Some(self.compile_one(&loc.child("additionalProperties"))),
            _ => None,
        }
        .filter(|check| !check.accepts_all());
        let trivial =
            named.iter().chain(&patterns).all(|(_, c)| c.accepts_all()) && additional.is_none();
        (!trivial).then_some(Assertion::Properties {
            named,
            patterns,
            additional,
        })
    }

    fn compile_applicators(
        &mut self,
        loc: &Loc,
        map: &Map<String, Value>,
        draft: Draft,
        keywords: Keywords<'_>,
        out: &mut Vec<Assertion>,
    ) {
        if keywords.wants("allOf") {
            if let Some(Value::Array(branches)) = super::keywords::get(map, "allOf") {
                for index in 0..branches.len() {
                    let at = loc.child("allOf").child(&index.to_string());
                    self.compile_into(&at, Keywords::All, out);
                }
            }
        }
        for keyword in ["anyOf", "oneOf"] {
            let Some(Value::Array(branches)) =
                super::keywords::get(map, keyword).filter(|_| keywords.wants(keyword))
            else {
                continue;
            };
            let checks: Vec<JsonCheck> = (0..branches.len())
                .map(|index| self.compile_one(&loc.child(keyword).child(&index.to_string())))
                .collect();
            let assertion = if keyword == "anyOf" {
                if checks.iter().any(JsonCheck::accepts_all) {
                    continue;
                }
                Assertion::AnyOf(checks)
            } else {
                Assertion::OneOf(checks)
            };
            push(out, assertion);
        }
        if keywords.wants("not") && super::keywords::has(map, "not") {
            push(out, Assertion::Not(self.compile_one(&loc.child("not"))));
        }
        if keywords.wants("if") && draft >= Draft::Draft7 && super::keywords::has(map, "if") {
            let branch = |this: &mut Self, keyword: &str| {
                if super::keywords::has(map, keyword) {
                    this.compile_one(&loc.child(keyword))
                } else {
                    JsonCheck::default()
                }
            };
            let then = branch(self, "then");
            let otherwise = branch(self, "else");
            if !then.accepts_all() || !otherwise.accepts_all() {
                let condition = self.compile_one(&loc.child("if"));
                push(
                    out,
                    Assertion::Conditional {
                        condition,
                        then,
                        otherwise,
                    },
                );
            }
        }
    }
}

/// Adds an assertion unless an equal one is there.
fn push(out: &mut Vec<Assertion>, assertion: Assertion) {
    if !out.contains(&assertion) {
        out.push(assertion);
    }
}

/// The bits of a `type` keyword (a name or a list of names); `None` when absent or unknown.
pub fn type_bits(written: Option<&Value>) -> Option<u8> {
    let names: Vec<&Value> = match written? {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    names.iter().try_fold(0u8, |bits, name| {
        Some(bits | super::allof::types::parse(name.as_str()?)?)
    })
}

/// A non-negative whole number (`2` or `2.0`).
pub fn whole_number(value: &Value) -> Option<u64> {
    value.as_u64().or_else(|| {
        value
            .as_f64()
            .filter(|f| *f >= 0.0 && f.fract() == 0.0 && *f < 1.8e19)
            .map(|f| f as u64)
    })
}

fn string_list(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}
