//! Turns one parsed file ([`IdlFile`]) into the Smithy syntax model ([`SmithyAst`]): ids are
//! resolved, IDL sugar becomes the traits it stands for (`///` → `documentation`, `= value` →
//! `default` / `enumValue`, inline io → `input` / `output` structures), and elided member
//! targets are left as placeholders for [`super::elision`] to fill in.

use std::collections::HashMap;

use indexmap::IndexMap;
use serde_json::{Map, Value};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::smithy::ast::{AstMember, AstRef, AstShape, SmithyAst};

use super::ids::{is_prelude_list_trait, resolve_in_prelude, Declared, Resolver};
use super::lexer::Pos;
use super::node::{Entry, Node, NodeAt};
use super::syntax::{
    ApplyDef, Body, Docs, IdlFile, MemberDef, OperationBody, RawId, ShapeDef, Statement, TraitApp,
    Version,
};

/// The documentation trait.
pub const DOCUMENTATION: &str = "smithy.api#documentation";
/// The default trait.
pub const DEFAULT: &str = "smithy.api#default";
/// The enumValue trait.
pub const ENUM_VALUE: &str = "smithy.api#enumValue";
/// The mixin trait.
pub const MIXIN: &str = "smithy.api#mixin";
/// The target of enum members.
pub const UNIT: &str = "smithy.api#Unit";

/// Where an elided member sits in its shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// A structure or union member.
    Members,
    /// A list's `member`.
    ListMember,
    /// A map's `key`.
    MapKey,
    /// A map's `value`.
    MapValue,
}

/// A member whose target was elided (`$name`); its placeholder has an empty target.
#[derive(Debug, Clone, PartialEq)]
pub struct Elision {
    /// The containing shape's absolute id.
    pub shape: String,
    /// The member name.
    pub member: String,
    /// Where the member is.
    pub slot: Slot,
    /// Where it is written.
    pub pos: Pos,
    /// The resource named by `for`, if any.
    pub for_resource: Option<String>,
    /// The shape's mixins.
    pub mixins: Vec<String>,
}

/// A resolved `apply` statement, kept until elisions are done so it can be folded into the
/// shape or member it targets when that is defined in the same file.
#[derive(Debug, Clone, PartialEq)]
pub struct Apply {
    /// The absolute target id (`ns#Shape` or `ns#Shape$member`).
    pub target: String,
    /// Trait ids and values.
    pub traits: Vec<(String, Value)>,
    /// Where the statement is.
    pub pos: Pos,
}

/// One file after lowering.
#[derive(Debug, Clone)]
pub struct Lowered {
    /// The file name.
    pub file: String,
    /// Its IDL version.
    pub version: Version,
    /// The syntax model.
    pub ast: SmithyAst,
    /// Elided members still without a target.
    pub elisions: Vec<Elision>,
    /// Apply statements, in order.
    pub applies: Vec<Apply>,
    /// Where each shape and member (by absolute id) is defined.
    pub positions: HashMap<String, Pos>,
    /// The `for` resource of each shape that has one.
    pub for_resources: HashMap<String, (String, Pos)>,
}

/// Lowers one file; problems go to `diagnostics`.
pub fn lower_file(file: &IdlFile, declared: &Declared, diagnostics: &mut Diagnostics) -> Lowered {
    let resolver = Resolver::new(file, declared);
    let mut lowering = Lowering {
        file,
        resolver,
        diagnostics,
        out: Lowered {
            file: file.file.clone(),
            version: file.version,
            ast: SmithyAst {
                smithy: file.version_text.clone(),
                ..SmithyAst::default()
            },
            elisions: Vec::new(),
            applies: Vec::new(),
            positions: HashMap::new(),
            for_resources: HashMap::new(),
        },
    };
    lowering.metadata();
    for statement in &file.statements {
        match statement {
            Statement::Shape(shape) => lowering.shape(shape),
            Statement::Apply(apply) => lowering.apply(apply),
        }
    }
    lowering.out
}

/// Adds a trait, following Smithy's conflict rule: two arrays are concatenated, equal values
/// are kept once, anything else is a conflict.
pub fn merge_trait(
    traits: &mut IndexMap<String, Value>,
    id: &str,
    value: Value,
) -> Result<(), String> {
    let Some(existing) = traits.get_mut(id) else {
        traits.insert(id.to_string(), value);
        return Ok(());
    };
    match (existing, value) {
        (Value::Array(items), Value::Array(more)) => {
            items.extend(more);
            Ok(())
        }
        (existing, value) if *existing == value => Ok(()),
        (existing, value) => Err(format!(
            "Conflicting `{id}` trait values: {existing} and {value}"
        )),
    }
}

struct Lowering<'a> {
    file: &'a IdlFile,
    resolver: Resolver<'a>,
    diagnostics: &'a mut Diagnostics,
    out: Lowered,
}

impl Lowering<'_> {
    fn error(&mut self, pos: Pos, location: &str, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::error(&self.file.file, location, message).at(pos.line, pos.col));
    }

    fn namespace(&self) -> &str {
        self.file.namespace.as_deref().unwrap_or_default()
    }

    fn resolve(&mut self, raw: &RawId, location: &str) -> String {
        match self.resolver.resolve(&raw.text) {
            Ok(id) => id,
            Err(message) => {
                self.error(raw.pos, location, message);
                raw.text.clone()
            }
        }
    }

    fn resolve_ref(&mut self, raw: &RawId, location: &str) -> AstRef {
        AstRef {
            target: self.resolve(raw, location),
        }
    }

    /// Node value to JSON; without a namespace (metadata) only prelude ids resolve.
    fn node_json(&mut self, node: &NodeAt, location: &str, prelude_only: bool) -> Value {
        let resolver = &self.resolver;
        let result = node.to_json(&mut |raw, _| {
            if prelude_only && !raw.contains('#') {
                resolve_in_prelude(raw)
            } else {
                resolver.resolve(raw)
            }
        });
        match result {
            Ok(value) => value,
            Err((pos, message)) => {
                self.error(pos, location, message);
                Value::Null
            }
        }
    }

    fn metadata(&mut self) {
        for entry in &self.file.metadata {
            let value = self.node_json(&entry.value, "", true);
            let metadata = &mut self.out.ast.metadata;
            let result = match metadata.get_mut(&entry.key) {
                None => {
                    metadata.insert(entry.key.clone(), value);
                    Ok(())
                }
                Some(Value::Array(existing)) if value.is_array() => {
                    if let Value::Array(more) = value {
                        existing.extend(more);
                    }
                    Ok(())
                }
                Some(existing) if *existing == value => Ok(()),
                Some(_) => Err(format!("Metadata conflict for key `{}`", entry.key)),
            };
            if let Err(message) = result {
                self.error(entry.pos, "", message);
            }
        }
    }

    fn traits(
        &mut self,
        docs: Option<&Docs>,
        apps: &[TraitApp],
        location: &str,
    ) -> IndexMap<String, Value> {
        let mut traits = IndexMap::new();
        for app in apps {
            let (id, value) = self.trait_value(app, location);
            if let Err(message) = merge_trait(&mut traits, &id, value) {
                self.error(app.id.pos, location, message);
            }
        }
        if let Some(docs) = docs {
            // A doc comment is the documentation trait; the usual conflict rule applies.
            let value = Value::String(docs.text.clone());
            if let Err(message) = merge_trait(&mut traits, DOCUMENTATION, value) {
                self.error(docs.pos, location, message);
            }
        }
        traits
    }

    fn trait_value(&mut self, app: &TraitApp, location: &str) -> (String, Value) {
        let id = self.resolve(&app.id, location);
        let value = match &app.value {
            None if is_prelude_list_trait(&id) => Value::Array(Vec::new()),
            None => Value::Object(Map::new()),
            Some(node) => self.node_json(node, location, false),
        };
        (id, value)
    }

    fn add_sugar_trait(
        &mut self,
        traits: &mut IndexMap<String, Value>,
        trait_id: &str,
        node: &NodeAt,
        location: &str,
    ) {
        let value = self.node_json(node, location, false);
        if let Err(message) = merge_trait(traits, trait_id, value) {
            self.error(node.pos, location, message);
        }
    }

    fn shape(&mut self, def: &ShapeDef) {
        let id = format!("{}#{}", self.namespace(), def.name);
        if self.out.ast.shapes.contains_key(&id) {
            self.error(
                def.pos,
                &id,
                format!("Duplicate shape definition for `{id}`"),
            );
            return;
        }
        self.out.positions.insert(id.clone(), def.pos);
        let mut shape = AstShape::new(def.kind.clone());
        shape.traits = self.traits(def.docs.as_ref(), &def.traits, &id);
        if self.file.version == Version::V1 && shape.traits.contains_key(MIXIN) {
            self.error(
                def.pos,
                &id,
                format!(
                    "Mixins can only be used in Smithy 2.0 or later. Attempted to apply a @mixin \
                     trait to `{id}` in a model file using version `1.0`."
                ),
            );
        }
        let mixins: Vec<AstRef> = def
            .mixins
            .iter()
            .map(|m| self.resolve_ref(m, &id))
            .collect();
        let mixin_ids: Vec<String> = mixins.iter().map(|m| m.target.clone()).collect();
        if !mixins.is_empty() {
            shape.mixins = Some(mixins);
        }
        let for_resource = def.for_resource.as_ref().map(|raw| {
            let resource = self.resolve(raw, &id);
            self.out
                .for_resources
                .insert(id.clone(), (resource.clone(), raw.pos));
            resource
        });
        let context = ElisionContext {
            shape: &id,
            for_resource: for_resource.as_deref(),
            mixins: &mixin_ids,
        };
        match &def.body {
            Body::Simple => {}
            Body::List(member) => {
                shape.member = member
                    .as_ref()
                    .map(|m| self.member(m, &context, Slot::ListMember));
            }
            Body::Map { key, value } => {
                shape.key = key.as_ref().map(|m| self.member(m, &context, Slot::MapKey));
                shape.value = value
                    .as_ref()
                    .map(|m| self.member(m, &context, Slot::MapValue));
            }
            Body::Members(members) => {
                let is_enum = matches!(def.kind.as_str(), "enum" | "intEnum");
                let lowered = members
                    .iter()
                    .map(|m| {
                        let member = if is_enum {
                            self.enum_member(m, &id)
                        } else {
                            self.member(m, &context, Slot::Members)
                        };
                        (m.name.clone(), member)
                    })
                    .collect();
                shape.members = Some(lowered);
            }
            Body::Properties(node) => match def.kind.as_str() {
                "service" => self.service(node, &id, &mut shape),
                _ => self.resource(node, &id, &mut shape),
            },
            Body::Operation(body) => self.operation(body, &id, &mut shape),
        }
        self.out.ast.shapes.insert(id, shape);
    }

    fn member(&mut self, def: &MemberDef, context: &ElisionContext<'_>, slot: Slot) -> AstMember {
        let member_id = format!("{}${}", context.shape, def.name);
        self.out.positions.insert(member_id.clone(), def.pos);
        let mut traits = self.traits(def.docs.as_ref(), &def.traits, &member_id);
        if let Some(default) = &def.default {
            self.add_sugar_trait(&mut traits, DEFAULT, default, &member_id);
        }
        let target = match &def.target {
            Some(raw) => self.resolve(raw, &member_id),
            None => {
                self.out.elisions.push(Elision {
                    shape: context.shape.to_string(),
                    member: def.name.clone(),
                    slot,
                    pos: def.pos,
                    for_resource: context.for_resource.map(str::to_string),
                    mixins: context.mixins.to_vec(),
                });
                String::new()
            }
        };
        AstMember { target, traits }
    }

    fn enum_member(&mut self, def: &MemberDef, shape: &str) -> AstMember {
        let member_id = format!("{shape}${}", def.name);
        self.out.positions.insert(member_id.clone(), def.pos);
        let mut traits = self.traits(def.docs.as_ref(), &def.traits, &member_id);
        if let Some(value) = &def.enum_value {
            self.add_sugar_trait(&mut traits, ENUM_VALUE, value, &member_id);
        }
        AstMember {
            target: UNIT.to_string(),
            traits,
        }
    }

    fn operation(&mut self, body: &OperationBody, id: &str, shape: &mut AstShape) {
        shape.input = body.input.as_ref().map(|raw| self.resolve_ref(raw, id));
        shape.output = body.output.as_ref().map(|raw| self.resolve_ref(raw, id));
        shape.errors = body
            .errors
            .as_ref()
            .map(|list| list.iter().map(|raw| self.resolve_ref(raw, id)).collect());
    }

    fn service(&mut self, node: &NodeAt, id: &str, shape: &mut AstShape) {
        let Some(entries) = self.properties_object(node, id) else {
            return;
        };
        for entry in entries {
            match entry.key.as_str() {
                "version" => match &entry.value.node {
                    Node::Str(version) => shape.version = Some(version.clone()),
                    _ => self.error(
                        entry.value.pos,
                        id,
                        format!("The `version` of service `{id}` must be a string"),
                    ),
                },
                "operations" => shape.operations = self.id_list(entry, id),
                "resources" => shape.resources = self.id_list(entry, id),
                "errors" => shape.errors = self.id_list(entry, id),
                "rename" => {
                    let value = self.node_json(&entry.value, id, false);
                    shape.extra.insert("rename".to_string(), value);
                }
                // Unknown properties are ignored, as the reference loader does (with a warning).
                _ => {}
            }
        }
    }

    fn resource(&mut self, node: &NodeAt, id: &str, shape: &mut AstShape) {
        let Some(entries) = self.properties_object(node, id) else {
            return;
        };
        for entry in entries {
            match entry.key.as_str() {
                "identifiers" => {
                    let map = self.id_map(entry, id);
                    shape.extra.insert("identifiers".to_string(), map);
                }
                "properties" => {
                    if self.file.version == Version::V1 {
                        self.error(
                            entry.pos,
                            id,
                            "Resource properties can only be used with Smithy version 2 or later",
                        );
                    }
                    let map = self.id_map(entry, id);
                    shape.extra.insert("properties".to_string(), map);
                }
                "create" => shape.create = self.single_id(entry, id),
                "put" => shape.put = self.single_id(entry, id),
                "read" => shape.read = self.single_id(entry, id),
                "update" => shape.update = self.single_id(entry, id),
                "delete" => shape.delete = self.single_id(entry, id),
                "list" => shape.list = self.single_id(entry, id),
                "operations" => shape.operations = self.id_list(entry, id),
                "resources" => shape.resources = self.id_list(entry, id),
                "collectionOperations" => shape.collection_operations = self.id_list(entry, id),
                _ => {}
            }
        }
    }

    fn properties_object<'n>(&mut self, node: &'n NodeAt, id: &str) -> Option<&'n [Entry]> {
        let entries = node.as_object();
        if entries.is_none() {
            self.error(node.pos, id, format!("Expected an object for `{id}`"));
        }
        entries
    }

    fn text_ref(&mut self, node: &NodeAt, key: &str, id: &str) -> Option<AstRef> {
        match node.as_text() {
            Some(text) => Some(self.resolve_ref(
                &RawId {
                    text: text.to_string(),
                    pos: node.pos,
                },
                id,
            )),
            None => {
                self.error(
                    node.pos,
                    id,
                    format!(
                        "Expected a shape id in `{key}` of `{id}`, found {}",
                        node.kind_name()
                    ),
                );
                None
            }
        }
    }

    fn single_id(&mut self, entry: &Entry, id: &str) -> Option<AstRef> {
        self.text_ref(&entry.value, &entry.key, id)
    }

    fn id_list(&mut self, entry: &Entry, id: &str) -> Option<Vec<AstRef>> {
        match &entry.value.node {
            Node::Array(items) => Some(
                items
                    .iter()
                    .filter_map(|item| self.text_ref(item, &entry.key, id))
                    .collect(),
            ),
            _ => {
                self.error(
                    entry.value.pos,
                    id,
                    format!(
                        "Expected `{}` of `{id}` to be an array of shape ids",
                        entry.key
                    ),
                );
                None
            }
        }
    }

    /// `identifiers` / `properties`: names to `{"target": id}`.
    fn id_map(&mut self, entry: &Entry, id: &str) -> Value {
        let Some(entries) = entry.value.as_object() else {
            self.error(
                entry.value.pos,
                id,
                format!("Expected `{}` of `{id}` to be an object", entry.key),
            );
            return Value::Object(Map::new());
        };
        let mut map = Map::new();
        for item in entries {
            if let Some(target) = self.text_ref(&item.value, &entry.key, id) {
                let mut reference = Map::new();
                reference.insert("target".to_string(), Value::String(target.target));
                map.insert(item.key.clone(), Value::Object(reference));
            }
        }
        Value::Object(map)
    }

    fn apply(&mut self, def: &ApplyDef) {
        let target = self.resolve(&def.target, "");
        let traits = def
            .traits
            .iter()
            .map(|app| self.trait_value(app, &target))
            .collect();
        self.out.applies.push(Apply {
            target,
            traits,
            pos: def.pos,
        });
    }
}

/// What an elided member needs to find its target later.
struct ElisionContext<'a> {
    shape: &'a str,
    for_resource: Option<&'a str>,
    mixins: &'a [String],
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn arrays_concatenate_and_equal_values_merge() {
        let mut traits = IndexMap::new();
        merge_trait(&mut traits, "a#tags", json!(["x"])).unwrap();
        merge_trait(&mut traits, "a#tags", json!(["y"])).unwrap();
        merge_trait(&mut traits, "a#doc", json!("d")).unwrap();
        merge_trait(&mut traits, "a#doc", json!("d")).unwrap();
        assert_eq!(traits["a#tags"], json!(["x", "y"]));
        assert!(merge_trait(&mut traits, "a#doc", json!("other")).is_err());
    }
}
