//! The type space: every decision about how a model shape becomes a Rust type, made once before
//! any code is emitted: which module holds it, the Rust type of each field (`Option`, `Box`),
//! which members must be boxed to break recursion, which derives a type allows, and which serde
//! adapters a field needs. Emitters only read it.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use super::naming::Names;
use rustc_hash::FxHashMap;

use crate::model::{
    Constraints, Member, Model, Scalar, Shape, ShapeId, ShapeKind, ShapeRole, TimestampFormat,
};
use crate::Options;

/// The modules of a generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Module {
    /// `types`: structures, unions, enums and aliases.
    Types,
    /// `errors`: error structures.
    Errors,
    /// `operations`: operation structs and error enums.
    Operations,
    /// `validation`: the `Validate` trait and its impls.
    Validation,
}

impl Module {
    /// The module's name in the crate.
    pub fn name(self) -> &'static str {
        match self {
            Module::Types => "types",
            Module::Errors => "errors",
            Module::Operations => "operations",
            Module::Validation => "validation",
        }
    }
}

/// What a type can derive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capabilities {
    /// `Eq` (no floats inside).
    pub eq: bool,
    /// `Hash` (no floats, maps or JSON values inside).
    pub hash: bool,
    /// Has a `Default` value (derived or written out).
    pub default: bool,
}

const ALL: Capabilities = Capabilities {
    eq: true,
    hash: true,
    default: true,
};

/// Structures and unions: `Clone`, `PartialEq` and `Debug` only, as smithy-rs and typify
/// derive (each extra derive is an impl per type for the compiler to check, and no caller of an
/// API needs to hash a request); whether they have a `Default` depends on their members.
const RECORD: Capabilities = Capabilities {
    eq: false,
    hash: false,
    default: true,
};

/// The decisions for one model.
#[derive(Debug)]
pub struct TypeSpace<'m> {
    /// The model being generated.
    pub model: &'m Model,
    /// Every Rust name.
    pub names: Names,
    /// Generation options.
    pub options: &'m Options,
    /// The model's shapes by id, hashed: the back end looks shapes up tens of thousands of
    /// times, and the model's ordered map compares ids at every step.
    shapes: FxHashMap<ShapeId, &'m Shape>,
    boxed: BTreeSet<(ShapeId, usize)>,
    capabilities: FxHashMap<ShapeId, Capabilities>,
}

impl<'m> TypeSpace<'m> {
    /// Builds the type space of `model`.
    ///
    /// Names are chosen on one thread while boxing and capabilities are worked out on another
    /// (the back end cannot start before both).
    pub fn new(model: &'m Model, options: &'m Options) -> Self {
        let (names, (boxed, capabilities)) = rayon::join(
            || Names::new(model),
            || {
                (
                    recursive_members(model),
                    compute_capabilities(model, options),
                )
            },
        );
        TypeSpace {
            model,
            names,
            options,
            shapes: model
                .shapes
                .iter()
                .map(|(id, shape)| (id.clone(), shape))
                .collect(),
            boxed,
            capabilities: capabilities.into_iter().collect(),
        }
    }

    /// The shape with id `id` ([`Model::shape`], hashed).
    pub fn shape(&self, id: &ShapeId) -> Option<&'m Shape> {
        self.shapes.get(id).copied()
    }

    /// Whether a member's value is sensitive ([`Model::is_sensitive`]).
    pub fn is_sensitive(&self, member: &Member) -> bool {
        member.is_sensitive(self.shape(&member.target))
    }

    /// The constraints that hold for a member ([`Model::effective_constraints`]).
    pub fn effective_constraints(&self, member: &Member) -> Constraints {
        member.effective_constraints(self.shape(&member.target))
    }

    /// The module a shape's item lives in.
    pub fn module_of(&self, id: &ShapeId) -> Module {
        match self.shape(id) {
            Some(shape) if shape.error.is_some() && is_structure(shape) => Module::Errors,
            _ => Module::Types,
        }
    }

    /// Whether the shape gets an item of its own (prelude shapes do not).
    pub fn has_item(&self, id: &ShapeId) -> bool {
        !id.is_prelude() && self.shape(id).is_some()
    }

    /// The Rust type of a value of shape `id`, as written from inside module `from`.
    pub fn type_path(&self, id: &ShapeId, from: Module) -> TokenStream {
        let Some(shape) = self.shape(id) else {
            return quote!(serde_json::Value);
        };
        if id.is_prelude() {
            return self.inline_type(shape, from);
        }
        let name = self.names.type_ident(id);
        let module = self.module_of(id);
        if module == from {
            quote!(#name)
        } else {
            let module = quote::format_ident!("{}", module.name());
            quote!(super::#module::#name)
        }
    }

    /// The Rust type a shape stands for, spelled out (what an alias is defined as).
    pub fn inline_type(&self, shape: &Shape, from: Module) -> TokenStream {
        match &shape.kind {
            ShapeKind::Scalar(scalar) => scalar_type(*scalar),
            ShapeKind::Document => quote!(serde_json::Value),
            ShapeKind::List(member) => {
                let item = self.entry_type(member, from);
                quote!(Vec<#item>)
            }
            ShapeKind::Map { key, value } => {
                let key = self.type_path(&key.target, from);
                let value = self.entry_type(value, from);
                quote!(std::collections::HashMap<#key, #value>)
            }
            _ => {
                let name = self.names.type_ident(&shape.id);
                quote!(#name)
            }
        }
    }

    /// The Rust type of a list item or map value: an `Option` when the collection is sparse
    /// (its entries may be `null`).
    pub fn entry_type(&self, member: &Member, from: Module) -> TokenStream {
        let ty = self.type_path(&member.target, from);
        if member.nullable {
            quote!(Option<#ty>)
        } else {
            ty
        }
    }

    /// Whether a structure member is an `Option` in Rust.
    pub fn is_optional(&self, owner: &Shape, member: &Member) -> bool {
        is_optional(self.options, owner, member)
    }

    /// Whether member `index` of `owner` is boxed to break a recursive cycle.
    pub fn is_boxed(&self, owner: &ShapeId, index: usize) -> bool {
        self.boxed.contains(&(owner.clone(), index))
    }

    /// The Rust type of member `index` of structure or union `owner`, from module `from`.
    pub fn field_type(
        &self,
        owner: &Shape,
        index: usize,
        member: &Member,
        from: Module,
    ) -> TokenStream {
        let mut ty = self.type_path(&member.target, from);
        if self.is_boxed(&owner.id, index) {
            ty = quote!(Box<#ty>);
        }
        if is_structure(owner) && self.is_optional(owner, member) {
            ty = quote!(Option<#ty>);
        }
        ty
    }

    /// The `serde_with` adapter a member needs (`"Option<super::primitives::EpochSeconds>"`),
    /// when its value contains timestamps or blobs.
    pub fn serde_as(&self, owner: &Shape, member: &Member) -> Option<String> {
        let inner = self.adapter_for(&member.target, member.timestamp_format, 0)?;
        if is_structure(owner) && self.is_optional(owner, member) {
            Some(format!("Option<{inner}>"))
        } else {
            Some(inner)
        }
    }

    /// [`Self::serde_as`] as a type written outside `#[serde_as]`, where its `_` placeholder
    /// (the value itself, unadapted) is spelled `serde_with::Same`.
    pub fn serde_as_type(&self, owner: &Shape, member: &Member) -> Option<String> {
        self.serde_as(owner, member)
            .map(|adapter| adapter.replace("<_,", "<serde_with::Same,"))
    }

    fn adapter_for(
        &self,
        id: &ShapeId,
        format: Option<TimestampFormat>,
        depth: usize,
    ) -> Option<String> {
        let shape = self.shape(id)?;
        if depth > 8 {
            return None;
        }
        match &shape.kind {
            ShapeKind::Scalar(Scalar::Timestamp) => {
                let format = format
                    .or(shape.timestamp_format)
                    .unwrap_or(TimestampFormat::EpochSeconds);
                Some(format!("super::primitives::{}", timestamp_adapter(format)))
            }
            ShapeKind::Scalar(Scalar::Blob) => Some("super::primitives::Base64".to_string()),
            ShapeKind::Scalar(Scalar::Float | Scalar::Double) => {
                Some("super::primitives::JsonFloat".to_string())
            }
            ShapeKind::List(item) => {
                let inner = self.adapter_for(&item.target, item.timestamp_format, depth + 1)?;
                Some(format!("Vec<{}>", optional_if(item.nullable, inner)))
            }
            ShapeKind::Map { value, .. } => {
                let inner = self.adapter_for(&value.target, value.timestamp_format, depth + 1)?;
                Some(format!(
                    "std::collections::HashMap<_, {}>",
                    optional_if(value.nullable, inner)
                ))
            }
            _ => None,
        }
    }

    /// What the type of shape `id` can derive.
    pub fn capabilities(&self, id: &ShapeId) -> Capabilities {
        self.capabilities.get(id).copied().unwrap_or(ALL)
    }

    /// What the Rust type of a member can derive (an `Option` always has a default).
    pub fn member_capabilities(&self, owner: &Shape, member: &Member) -> Capabilities {
        let mut caps = self.capabilities(&member.target);
        if is_structure(owner) && (self.is_optional(owner, member) || member.default.is_some()) {
            caps.default = true;
        }
        caps
    }

    /// Whether any shape of the model has this scalar kind (decides the crate's dependencies).
    pub fn uses_scalar(&self, scalar: Scalar) -> bool {
        self.model
            .shapes
            .values()
            .any(|s| s.kind == ShapeKind::Scalar(scalar))
    }

    /// The shapes that get items in module `module`, in id order.
    pub fn shapes_in(&self, module: Module) -> impl Iterator<Item = &'m Shape> + '_ {
        self.model
            .shapes
            .values()
            .filter(move |s| self.has_item(&s.id) && self.module_of(&s.id) == module)
    }
}

fn optional_if(nullable: bool, adapter: String) -> String {
    if nullable {
        format!("Option<{adapter}>")
    } else {
        adapter
    }
}

/// Whether the shape is a structure.
pub fn is_structure(shape: &Shape) -> bool {
    matches!(shape.kind, ShapeKind::Structure(_))
}

/// The Rust type of a scalar.
pub fn scalar_type(scalar: Scalar) -> TokenStream {
    match scalar {
        Scalar::String => quote!(String),
        Scalar::Boolean => quote!(bool),
        Scalar::Byte => quote!(i8),
        Scalar::Short => quote!(i16),
        Scalar::Integer => quote!(i32),
        Scalar::Long => quote!(i64),
        Scalar::Float => quote!(f32),
        Scalar::Double => quote!(f64),
        Scalar::BigInteger => quote!(super::primitives::BigInteger),
        Scalar::BigDecimal => quote!(super::primitives::BigDecimal),
        Scalar::Timestamp => quote!(time::OffsetDateTime),
        Scalar::Blob => quote!(Vec<u8>),
    }
}

/// The name of the `primitives` adapter for a timestamp format.
pub fn timestamp_adapter(format: TimestampFormat) -> &'static str {
    match format {
        TimestampFormat::EpochSeconds => "EpochSeconds",
        TimestampFormat::DateTime => "DateTime",
        TimestampFormat::HttpDate => "HttpDate",
    }
}

/// Edges between aggregate shapes: (owner, member index, target), for direct containment (lists
/// and maps allocate, so they break cycles by themselves).
fn containment_edges(model: &Model) -> BTreeMap<ShapeId, Vec<(usize, ShapeId)>> {
    let mut edges: BTreeMap<ShapeId, Vec<(usize, ShapeId)>> = BTreeMap::new();
    for shape in model.shapes.values() {
        let members = match &shape.kind {
            ShapeKind::Structure(s) => &s.members,
            ShapeKind::Union(u) => &u.members,
            _ => continue,
        };
        let out = edges.entry(shape.id.clone()).or_default();
        for (index, member) in members.iter().enumerate() {
            let contained = model
                .shape(&member.target)
                .is_some_and(|t| matches!(t.kind, ShapeKind::Structure(_) | ShapeKind::Union(_)));
            if contained {
                out.push((index, member.target.clone()));
            }
        }
    }
    edges
}

/// Members whose target lies on a containment cycle with their owner: these are boxed.
fn recursive_members(model: &Model) -> BTreeSet<(ShapeId, usize)> {
    let edges = containment_edges(model);
    let component = strongly_connected_components(&edges);
    let mut boxed = BTreeSet::new();
    for (owner, targets) in &edges {
        for (index, target) in targets {
            if component.get(owner) == component.get(target) {
                boxed.insert((owner.clone(), *index));
            }
        }
    }
    boxed
}

/// Kosaraju's algorithm, iterative (deep models must not overflow the stack): shape → component.
fn strongly_connected_components(
    edges: &BTreeMap<ShapeId, Vec<(usize, ShapeId)>>,
) -> BTreeMap<ShapeId, usize> {
    let mut order = Vec::new();
    let mut visited = BTreeSet::new();
    for start in edges.keys() {
        if visited.contains(start) {
            continue;
        }
        visited.insert(start.clone());
        let mut stack = vec![(start.clone(), 0usize)];
        while let Some((node, next)) = stack.pop() {
            let successors = edges.get(&node).map(Vec::as_slice).unwrap_or(&[]);
            if let Some((_, target)) = successors.get(next) {
                stack.push((node.clone(), next + 1));
                if visited.insert(target.clone()) {
                    stack.push((target.clone(), 0));
                }
            } else {
                order.push(node);
            }
        }
    }
    let mut reversed: BTreeMap<&ShapeId, Vec<&ShapeId>> = BTreeMap::new();
    for (owner, targets) in edges {
        for (_, target) in targets {
            reversed.entry(target).or_default().push(owner);
        }
    }
    let mut component = BTreeMap::new();
    for (count, root) in order.iter().rev().enumerate() {
        if component.contains_key(root) {
            continue;
        }
        let mut stack = vec![root];
        component.insert(root.clone(), count);
        while let Some(node) = stack.pop() {
            for &previous in reversed.get(node).map(Vec::as_slice).unwrap_or(&[]) {
                if !component.contains_key(previous) {
                    component.insert(previous.clone(), count);
                    stack.push(previous);
                }
            }
        }
    }
    component
}

/// Derive capabilities of every shape, to a fixed point (cycles start optimistic).
/// [`TypeSpace::is_optional`].
fn is_optional(options: &Options, owner: &Shape, member: &Member) -> bool {
    let input_rule = options.optional_input_members && owner.role == ShapeRole::Input;
    member.client_optional
        || input_rule
        || member.nullable
        || (!member.required && member.default.is_none())
}

fn compute_capabilities(model: &Model, options: &Options) -> BTreeMap<ShapeId, Capabilities> {
    let mut caps: BTreeMap<ShapeId, Capabilities> =
        model.shapes.keys().map(|id| (id.clone(), ALL)).collect();
    loop {
        let mut changed = false;
        for shape in model.shapes.values() {
            let next = shape_capabilities(options, shape, &caps);
            if caps.get(&shape.id) != Some(&next) {
                caps.insert(shape.id.clone(), next);
                changed = true;
            }
        }
        if !changed {
            return caps;
        }
    }
}

fn shape_capabilities(
    options: &Options,
    shape: &Shape,
    caps: &BTreeMap<ShapeId, Capabilities>,
) -> Capabilities {
    let of = |id: &ShapeId| caps.get(id).copied().unwrap_or(ALL);
    match &shape.kind {
        ShapeKind::Scalar(Scalar::Float | Scalar::Double) => Capabilities {
            eq: false,
            hash: false,
            default: true,
        },
        ShapeKind::Scalar(Scalar::Timestamp) => Capabilities {
            default: false,
            ..ALL
        },
        ShapeKind::Scalar(_) => ALL,
        ShapeKind::Document => Capabilities {
            eq: true,
            hash: false,
            default: true,
        },
        ShapeKind::Enum(_) | ShapeKind::IntEnum(_) => Capabilities {
            default: false,
            ..ALL
        },
        ShapeKind::List(item) => Capabilities {
            default: true,
            ..of(&item.target)
        },
        ShapeKind::Map { value, .. } => Capabilities {
            eq: of(&value.target).eq,
            hash: false,
            default: true,
        },
        ShapeKind::Union(_) => Capabilities {
            default: false,
            ..RECORD
        },
        ShapeKind::Structure(structure) => {
            let mut all = RECORD;
            for member in &structure.members {
                let mut member_caps = of(&member.target);
                if is_optional(options, shape, member) || member.default.is_some() {
                    member_caps.default = true;
                }
                all = and(all, member_caps);
            }
            if let crate::model::AdditionalMembers::Map(target) = &structure.additional {
                all = and(
                    all,
                    Capabilities {
                        hash: false,
                        default: true,
                        ..of(target)
                    },
                );
            }
            all
        }
    }
}

fn and(a: Capabilities, b: Capabilities) -> Capabilities {
    Capabilities {
        eq: a.eq && b.eq,
        hash: a.hash && b.hash,
        default: a.default && b.default,
    }
}
