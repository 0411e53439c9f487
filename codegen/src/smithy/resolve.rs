//! Builds the resolved [`Model`] from the flattened shape table: data shapes with their members
//! and traits, operations, services (with the operations they reach through resources), and the
//! prelude shapes that something targets. Every reference is checked on the way.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{
    select, AdditionalMembers, EnumValue, IntEnumValue, Member, Model, Operation, Protocol, Scalar,
    Service, Shape, ShapeId, ShapeKind, Structure, Union,
};

use super::ast::{AstMember, AstRef, AstShape};
use super::flatten::{parse_shape_id, pointer_token, Def, Table};
use super::prelude;
use super::traits::{self, ids, TraitReader};

/// Resolves the table into a model, reporting every problem found.
pub fn resolve(table: &Table, diagnostics: &mut Diagnostics) -> Model {
    let mut resolver = Resolver { table, diagnostics };
    let mut model = Model::default();
    for (id_text, def) in &table.defs {
        match def.ast.kind.as_str() {
            "operation" => {
                let operation = resolver.operation(id_text, def);
                if !def.is_mixin() {
                    model.operations.insert(def.id.clone(), operation);
                }
            }
            "service" => {
                let service = resolver.service(id_text, def);
                if !def.is_mixin() {
                    model.services.insert(def.id.clone(), service);
                }
            }
            "resource" => resolver.check_resource(id_text, def),
            _ => {
                let shape = resolver.data_shape(id_text, def);
                if !def.is_mixin() {
                    model.shapes.insert(def.id.clone(), shape);
                }
            }
        }
    }
    resolver.connect_services(&mut model);
    ignore_json_names_under_aws_json(&mut model);
    add_prelude_shapes(&mut model);
    model
}

/// The wire-name rule: members take `@jsonName` as their wire name (restJson1 and models
/// without a protocol), except in the structures and unions that an awsJson1_0 or awsJson1_1
/// service reaches, as those protocols ignore `@jsonName`. A shape reached by both kinds of
/// service is one Rust type, so it follows awsJson there.
fn ignore_json_names_under_aws_json(model: &mut Model) {
    let aws_json_operations: Vec<ShapeId> = model
        .services
        .values()
        .filter(|service| {
            matches!(
                service.protocol,
                Some(Protocol::AwsJson1_0 | Protocol::AwsJson1_1)
            )
        })
        .flat_map(|service| service.operations.iter().cloned())
        .collect();
    let reached = select::shapes_reached_from(model, &aws_json_operations);
    for id in &reached {
        let members = match model.shapes.get_mut(id).map(|shape| &mut shape.kind) {
            Some(ShapeKind::Structure(structure)) => &mut structure.members,
            Some(ShapeKind::Union(union)) => &mut union.members,
            _ => continue,
        };
        for member in members {
            member.wire_name.clone_from(&member.name);
        }
    }
}

/// What a reference may point at.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// A data shape (member targets).
    Data,
    /// A structure or `smithy.api#Unit` (operation input and output).
    Io,
    /// A structure (operation and service errors).
    Structure,
    /// An operation.
    Operation,
    /// A resource.
    Resource,
}

impl Expect {
    fn describe(self) -> &'static str {
        match self {
            Expect::Data => "a data shape",
            Expect::Io => "a structure",
            Expect::Structure => "a structure",
            Expect::Operation => "an operation",
            Expect::Resource => "a resource",
        }
    }

    fn accepts(self, kind: &str) -> bool {
        match self {
            Expect::Data => !matches!(kind, "operation" | "service" | "resource"),
            Expect::Io | Expect::Structure => kind == "structure",
            Expect::Operation => kind == "operation",
            Expect::Resource => kind == "resource",
        }
    }
}

struct Resolver<'a> {
    table: &'a Table,
    diagnostics: &'a mut Diagnostics,
}

impl Resolver<'_> {
    fn error(&mut self, file: &str, location: &str, message: String) {
        self.diagnostics
            .push(Diagnostic::error(file, location, message));
    }

    /// Checks a reference written at `location` and returns the id it names (a placeholder when
    /// it is unusable, after reporting why: the model is then never handed out).
    fn reference(&mut self, target: &str, expect: Expect, file: &str, location: &str) -> ShapeId {
        let Some(id) = parse_shape_id(target) else {
            self.error(
                file,
                location,
                format!("target `{target}` is not an absolute shape id (`namespace#Name`)"),
            );
            return ShapeId::new(prelude::NAMESPACE, "Unit");
        };
        if let Some(problem) = self.reference_problem(&id, target, expect) {
            self.error(file, location, problem);
        }
        id
    }

    fn reference_problem(&self, id: &ShapeId, target: &str, expect: Expect) -> Option<String> {
        let wanted = expect.describe();
        match self.table.defs.get(target) {
            Some(def) if def.is_mixin() => Some(format!(
                "target `{target}` is a mixin, which cannot be targeted"
            )),
            Some(def) if !expect.accepts(&def.ast.kind) => {
                let kind = &def.ast.kind;
                let article = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
                    "an"
                } else {
                    "a"
                };
                Some(format!(
                    "target `{target}` is {article} {kind}, not {wanted}"
                ))
            }
            Some(_) => None,
            None if self.table.broken.contains(target) => None,
            None if prelude::is_prelude_shape(id) => match expect {
                Expect::Data => None,
                Expect::Io if target == prelude::UNIT => None,
                _ => Some(format!("target `{target}` is not {wanted}")),
            },
            None => Some(format!("target `{target}` does not exist")),
        }
    }

    /// A structure, union, enum, collection or simple shape.
    fn data_shape(&mut self, id_text: &str, def: &Def) -> Shape {
        let file = def.source.file.clone();
        let kind = self.shape_kind(id_text, def);
        let mut reader = TraitReader::new(&def.ast.traits, &file, id_text, self.diagnostics);
        let mut constraints = reader.constraints();
        constraints.unique_items |= def.ast.kind == "set";
        Shape {
            id: def.id.clone(),
            kind,
            docs: reader.docs(),
            sensitive: reader.has(ids::SENSITIVE),
            deprecated: reader.deprecated(),
            constraints,
            error: reader.error_info(),
            role: reader.role(),
            streaming: reader.has(ids::STREAMING),
            timestamp_format: reader.timestamp_format(),
            exact_json: false,
            source: def.source.clone(),
        }
    }

    fn shape_kind(&mut self, id_text: &str, def: &Def) -> ShapeKind {
        let ast = &def.ast;
        match ast.kind.as_str() {
            "structure" => {
                let mut members = self.members(id_text, def);
                if def.smithy_1 {
                    self.add_smithy_1_defaults(def, &mut members);
                }
                ShapeKind::Structure(Structure {
                    members,
                    additional: AdditionalMembers::Ignore,
                })
            }
            "union" => ShapeKind::Union(Union {
                members: self.members(id_text, def),
                ..Union::default()
            }),
            "enum" => ShapeKind::Enum(self.enum_values(id_text, def)),
            "intEnum" => ShapeKind::IntEnum(self.int_enum_values(id_text, def)),
            "string" if ast.traits.contains_key(ids::ENUM) => {
                let file = def.source.file.clone();
                let mut reader = TraitReader::new(&ast.traits, &file, id_text, self.diagnostics);
                ShapeKind::Enum(reader.legacy_enum().unwrap_or_default())
            }
            "list" | "set" => {
                let member = self.collection_member(id_text, def, "member", &ast.member);
                let mut member = member.unwrap_or_else(|| placeholder_member(def, "member"));
                member.nullable = ast.traits.contains_key(ids::SPARSE);
                ShapeKind::List(Box::new(member))
            }
            "map" => {
                let key = self.collection_member(id_text, def, "key", &ast.key);
                let value = self.collection_member(id_text, def, "value", &ast.value);
                let mut value = value.unwrap_or_else(|| placeholder_member(def, "value"));
                value.nullable = ast.traits.contains_key(ids::SPARSE);
                ShapeKind::Map {
                    key: Box::new(key.unwrap_or_else(|| placeholder_member(def, "key"))),
                    value: Box::new(value),
                }
            }
            "document" => ShapeKind::Document,
            other => ShapeKind::Scalar(scalar(other).unwrap_or(Scalar::String)),
        }
    }

    /// The members of a structure or union, in order.
    fn members(&mut self, id_text: &str, def: &Def) -> Vec<Member> {
        let Some(members) = &def.ast.members else {
            return Vec::new();
        };
        members
            .iter()
            .map(|(name, member)| {
                let suffix = format!("/members/{}", pointer_token(name));
                self.member(id_text, def, name, member, &suffix, true)
            })
            .collect()
    }

    /// Smithy 1.0's boxing rule, applied as Smithy's model upgrader does: a structure member
    /// that targets an unboxed boolean or number (`PrimitiveInteger`, or an `integer` shape
    /// without `@box`) gets its zero value as default, unless the member is `@box`ed itself.
    fn add_smithy_1_defaults(&self, def: &Def, members: &mut [Member]) {
        let written = def.ast.members.iter().flatten().map(|(_, member)| member);
        for (member, ast) in members.iter_mut().zip(written) {
            if member.default.is_none() && !ast.traits.contains_key(ids::BOX) {
                member.default = self.unboxed_zero_value(&ast.target);
            }
        }
    }

    /// The zero value of an unboxed boolean or number target, or `None` for other targets.
    fn unboxed_zero_value(&self, target: &str) -> Option<serde_json::Value> {
        let kind = match self.table.defs.get(target) {
            Some(def) if def.ast.traits.contains_key(ids::BOX) => return None,
            Some(def) => def.ast.kind.as_str(),
            None => prelude::unboxed_kind(target)?,
        };
        match kind {
            "boolean" => Some(serde_json::Value::Bool(false)),
            "byte" | "short" | "integer" | "long" | "float" | "double" => Some(0.into()),
            _ => None,
        }
    }

    /// A list's `member` or a map's `key`/`value`, which must be present.
    fn collection_member(
        &mut self,
        id_text: &str,
        def: &Def,
        name: &str,
        member: &Option<AstMember>,
    ) -> Option<Member> {
        let Some(member) = member else {
            self.error(
                &def.source.file,
                id_text,
                format!("a {} needs a `{name}`", def.ast.kind),
            );
            return None;
        };
        Some(self.member(id_text, def, name, member, &format!("/{name}"), false))
    }

    /// One member with its own traits only (the model merges in the target's constraints).
    /// Structure and union members (`named`) take their wire name from `@jsonName` (undone
    /// later where an awsJson service reaches the shape).
    fn member(
        &mut self,
        id_text: &str,
        def: &Def,
        name: &str,
        ast: &AstMember,
        suffix: &str,
        named: bool,
    ) -> Member {
        let source = def.member_source(suffix);
        let location = format!("{id_text}${name}");
        let target = self.reference(&ast.target, Expect::Data, &source.file, &location);
        let mut reader = TraitReader::new(&ast.traits, &source.file, &location, self.diagnostics);
        let mut member = Member::new(name, target);
        member.required = reader.has(ids::REQUIRED);
        member.client_optional = reader.has(ids::CLIENT_OPTIONAL);
        member.default = reader.default_value();
        member.docs = reader.docs();
        member.constraints = reader.constraints();
        member.sensitive = reader.has(ids::SENSITIVE);
        member.deprecated = reader.deprecated();
        member.timestamp_format = reader.timestamp_format();
        member.http_binding = reader.member_binding();
        if let Some(json_name) = reader.json_name().filter(|_| named) {
            member.wire_name = json_name;
        }
        member.source = source;
        member
    }

    fn enum_values(&mut self, id_text: &str, def: &Def) -> Vec<EnumValue> {
        self.enum_members(id_text, def, |reader, name| {
            Some(EnumValue {
                name: name.to_string(),
                value: reader.enum_string_value(name)?,
                docs: reader.docs(),
                deprecated: reader.deprecated(),
                internal: reader.has(ids::INTERNAL),
            })
        })
    }

    fn int_enum_values(&mut self, id_text: &str, def: &Def) -> Vec<IntEnumValue> {
        self.enum_members(id_text, def, |reader, name| {
            Some(IntEnumValue {
                name: name.to_string(),
                value: reader.enum_int_value()?,
                docs: reader.docs(),
                deprecated: reader.deprecated(),
            })
        })
    }

    /// The values of an `enum` or `intEnum`, each read from its member's traits by `read`.
    fn enum_members<T>(
        &mut self,
        id_text: &str,
        def: &Def,
        read: impl Fn(&mut TraitReader<'_>, &str) -> Option<T>,
    ) -> Vec<T> {
        let mut values = Vec::new();
        for (name, member) in def.ast.members.iter().flatten() {
            let source = def.member_source(&format!("/members/{}", pointer_token(name)));
            let location = format!("{id_text}${name}");
            let mut reader =
                TraitReader::new(&member.traits, &source.file, &location, self.diagnostics);
            values.extend(read(&mut reader, name));
        }
        values
    }

    /// An operation, without the service's errors (added by [`Self::connect_services`]).
    fn operation(&mut self, id_text: &str, def: &Def) -> Operation {
        let file = def.source.file.clone();
        let input = self.io_structure(&def.ast.input, &file, id_text);
        let output = self.io_structure(&def.ast.output, &file, id_text);
        let errors = self.error_list(def.ast.errors.as_deref(), &file, id_text);
        let mut reader = TraitReader::new(&def.ast.traits, &file, id_text, self.diagnostics);
        Operation {
            id: def.id.clone(),
            input,
            output,
            errors,
            docs: reader.docs(),
            deprecated: reader.deprecated(),
            http: reader.http(),
            service: None,
            source: def.source.clone(),
        }
    }

    /// An operation's input or output: `None` when absent or `smithy.api#Unit`.
    fn io_structure(
        &mut self,
        reference: &Option<AstRef>,
        file: &str,
        location: &str,
    ) -> Option<ShapeId> {
        let target = reference.as_ref()?.target.as_str();
        let id = self.reference(target, Expect::Io, file, location);
        (target != prelude::UNIT).then_some(id)
    }

    /// Error structures, checked, without repeats; a structure without `@error` is a warning.
    fn error_list(&mut self, refs: Option<&[AstRef]>, file: &str, location: &str) -> Vec<ShapeId> {
        let mut errors: Vec<ShapeId> = Vec::new();
        let mut seen = HashSet::new();
        for reference in refs.unwrap_or_default() {
            let id = self.reference(&reference.target, Expect::Structure, file, location);
            let lacks_error_trait = self.table.defs.get(&reference.target).is_some_and(|def| {
                def.ast.kind == "structure" && !def.ast.traits.contains_key(ids::ERROR)
            });
            if lacks_error_trait {
                self.diagnostics.push(Diagnostic::warning(
                    file,
                    location,
                    format!("error `{}` has no `@error` trait", reference.target),
                ));
            }
            if seen.insert(id.clone()) {
                errors.push(id);
            }
        }
        errors
    }

    /// A service, with its direct references checked; operations are filled in later.
    fn service(&mut self, id_text: &str, def: &Def) -> Service {
        let file = def.source.file.clone();
        self.check_refs(
            def.ast.operations.as_deref(),
            Expect::Operation,
            &file,
            id_text,
        );
        self.check_refs(
            def.ast.resources.as_deref(),
            Expect::Resource,
            &file,
            id_text,
        );
        let errors = self.error_list(def.ast.errors.as_deref(), &file, id_text);
        let mut reader = TraitReader::new(&def.ast.traits, &file, id_text, self.diagnostics);
        Service {
            id: def.id.clone(),
            version: def.ast.version.clone(),
            protocol: traits::protocol(&def.ast.traits),
            operations: Vec::new(),
            errors,
            docs: reader.docs(),
            source: def.source.clone(),
        }
    }

    /// Checks a resource's references to operations and resources.
    fn check_resource(&mut self, id_text: &str, def: &Def) {
        let file = def.source.file.clone();
        for reference in resource_operations(&def.ast) {
            self.reference(&reference.target, Expect::Operation, &file, id_text);
        }
        self.check_refs(
            def.ast.resources.as_deref(),
            Expect::Resource,
            &file,
            id_text,
        );
    }

    fn check_refs(&mut self, refs: Option<&[AstRef]>, expect: Expect, file: &str, location: &str) {
        for reference in refs.unwrap_or_default() {
            self.reference(&reference.target, expect, file, location);
        }
    }

    /// Fills in each service's operations (directly and through resources, recursively) and
    /// each operation's service (the first, in id order) and the service's errors.
    fn connect_services(&mut self, model: &mut Model) {
        let mut first_service: BTreeMap<ShapeId, ShapeId> = BTreeMap::new();
        for (service_id, service) in model.services.iter_mut() {
            let Some(def) = self.table.defs.get(service_id.to_string().as_str()) else {
                continue;
            };
            service.operations = reached_operations(self.table, &def.ast);
            for operation in &service.operations {
                first_service
                    .entry(operation.clone())
                    .or_insert_with(|| service_id.clone());
            }
        }
        for (operation_id, service_id) in first_service {
            let (Some(operation), Some(service)) = (
                model.operations.get_mut(&operation_id),
                model.services.get(&service_id),
            ) else {
                continue;
            };
            operation.service = Some(service_id);
            let mut seen: HashSet<ShapeId> = operation.errors.iter().cloned().collect();
            for error in &service.errors {
                if seen.insert(error.clone()) {
                    operation.errors.push(error.clone());
                }
            }
        }
    }
}

/// Every operation a service reaches, sorted: its own, and those of its resources and their
/// resources. Each resource is visited once; unusable references were reported already.
fn reached_operations(table: &Table, service: &AstShape) -> Vec<ShapeId> {
    let mut operations = BTreeSet::new();
    let mut add_operation = |reference: &AstRef| {
        let is_operation = table
            .defs
            .get(&reference.target)
            .is_some_and(|def| def.ast.kind == "operation" && !def.is_mixin());
        if is_operation {
            if let Some(id) = parse_shape_id(&reference.target) {
                operations.insert(id);
            }
        }
    };
    service
        .operations
        .iter()
        .flatten()
        .for_each(&mut add_operation);
    let mut seen: HashSet<&str> = HashSet::new();
    let mut pending: Vec<&AstRef> = service.resources.iter().flatten().collect();
    while let Some(reference) = pending.pop() {
        if !seen.insert(reference.target.as_str()) {
            continue;
        }
        let Some(resource) = table.defs.get(&reference.target) else {
            continue;
        };
        if resource.ast.kind != "resource" {
            continue;
        }
        resource_operations(&resource.ast).for_each(&mut add_operation);
        pending.extend(resource.ast.resources.iter().flatten());
    }
    operations.into_iter().collect()
}

/// A resource's operations: lifecycle ones, `operations` and `collectionOperations`.
fn resource_operations(resource: &AstShape) -> impl Iterator<Item = &AstRef> {
    let lifecycle = [
        &resource.create,
        &resource.put,
        &resource.read,
        &resource.update,
        &resource.delete,
        &resource.list,
    ];
    lifecycle
        .into_iter()
        .flatten()
        .chain(resource.operations.iter().flatten())
        .chain(resource.collection_operations.iter().flatten())
}

fn scalar(kind: &str) -> Option<Scalar> {
    let scalar = match kind {
        "string" => Scalar::String,
        "boolean" => Scalar::Boolean,
        "byte" => Scalar::Byte,
        "short" => Scalar::Short,
        "integer" => Scalar::Integer,
        "long" => Scalar::Long,
        "float" => Scalar::Float,
        "double" => Scalar::Double,
        "bigInteger" => Scalar::BigInteger,
        "bigDecimal" => Scalar::BigDecimal,
        "timestamp" => Scalar::Timestamp,
        "blob" => Scalar::Blob,
        _ => return None,
    };
    Some(scalar)
}

/// A stand-in for a missing list or map member (already reported), so that the shape still
/// resolves. It is defined where its shape is, so later diagnostics name the file, and a missing
/// map key stands in as a string, so that it is not reported again as a key of the wrong type.
fn placeholder_member(def: &Def, name: &str) -> Member {
    let target = if name == "key" { "String" } else { "Document" };
    let mut member = Member::new(name, ShapeId::new(prelude::NAMESPACE, target));
    member.source = def.member_source(&format!("/{name}"));
    member
}

/// Adds the prelude shapes that the model's shapes target.
fn add_prelude_shapes(model: &mut Model) {
    let targeted: BTreeSet<ShapeId> = model
        .shapes
        .values()
        .flat_map(|shape| select::referenced_shapes(&shape.kind))
        .filter(|id| id.is_prelude())
        .collect();
    for id in targeted {
        if model.shapes.contains_key(&id) {
            continue;
        }
        if let Some(shape) = prelude::shape(&id) {
            model.shapes.insert(id, shape);
        }
    }
}
