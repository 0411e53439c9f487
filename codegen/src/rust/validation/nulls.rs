//! `FromJson::check_nulls` for shapes read with JSON Schema's data model
//! ([`crate::model::Shape::exact_json`]): serde reads a `null` optional member as absent, but
//! in JSON Schema `null` is a value, valid only where the schema allows it. The generated
//! function walks the input JSON along the type and reports such `null`s.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::checks::{has_own_impl, Emitter};
use super::json::expected_type;
use crate::model::{AdditionalMembers, Member, Model, Shape, ShapeId, ShapeKind};
use crate::rust::typespace::{Module, TypeSpace};

/// How deep lists and maps of lists and maps are followed.
const MAX_DEPTH: usize = 8;

/// Which shapes have `null`s to look for, to a fixed point: an exact-JSON structure with an
/// optional member that may not be `null`, or a shape whose values contain one.
pub fn shapes_with_nulls(space: &TypeSpace<'_>) -> BTreeMap<ShapeId, bool> {
    let model = space.model;
    let mut found: BTreeMap<ShapeId, bool> = model
        .shapes
        .values()
        .map(|shape| (shape.id.clone(), own_nulls(space, shape)))
        .collect();
    loop {
        let mut changed = false;
        for shape in model.shapes.values() {
            if found.get(&shape.id) == Some(&true) || !shape.exact_json {
                continue;
            }
            if contained(model, shape)
                .iter()
                .any(|id| found.get(id) == Some(&true))
            {
                found.insert(shape.id.clone(), true);
                changed = true;
            }
        }
        if !changed {
            return found;
        }
    }
}

/// Whether a structure has an optional member that may not be `null`.
fn own_nulls(space: &TypeSpace<'_>, shape: &Shape) -> bool {
    match &shape.kind {
        ShapeKind::Structure(structure) if shape.exact_json => structure
            .members
            .iter()
            .any(|member| null_is_absent(space, shape, member)),
        _ => false,
    }
}

/// Whether serde reads `null` for this member as absent although `null` is not a value of it.
fn null_is_absent(space: &TypeSpace<'_>, owner: &Shape, member: &Member) -> bool {
    space.is_optional(owner, member) && !member.nullable
}

/// The JSON type a member's `null` is reported as not being, when [`null_is_absent`].
pub(super) fn null_report(
    space: &TypeSpace<'_>,
    owner: &Shape,
    member: &Member,
) -> Option<&'static str> {
    null_is_absent(space, owner, member).then(|| {
        space
            .model
            .shape(&member.target)
            .map_or("value", expected_type)
    })
}

/// The shapes whose values sit directly inside values of `shape`.
fn contained(model: &Model, shape: &Shape) -> Vec<ShapeId> {
    let mut ids: Vec<ShapeId> = match &shape.kind {
        ShapeKind::Structure(s) => s.members.iter().map(|m| m.target.clone()).collect(),
        ShapeKind::Union(u) => u.members.iter().map(|m| m.target.clone()).collect(),
        ShapeKind::List(item) => vec![item.target.clone()],
        ShapeKind::Map { value, .. } => vec![value.target.clone()],
        _ => Vec::new(),
    };
    if let ShapeKind::Structure(structure) = &shape.kind {
        if let AdditionalMembers::Map(target) = &structure.additional {
            ids.push(target.clone());
        }
    }
    ids.retain(|id| model.shape(id).is_some());
    ids
}

impl Emitter<'_, '_> {
    /// The `check_nulls` method of a structure's or union's `FromJson` impl, when it has
    /// `null`s to look for.
    pub fn check_nulls_method(&mut self, shape: &Shape) -> TokenStream {
        if !self.has_nulls(&shape.id) {
            return TokenStream::new();
        }
        let body = match &shape.kind {
            ShapeKind::Structure(_) => self.structure_nulls(shape),
            ShapeKind::Union(_) => self.union_nulls(shape),
            _ => return TokenStream::new(),
        };
        quote! {
            fn check_nulls(json: &serde_json::Value, path: &Path<'_>, errors: &mut ValidationErrors) {
                #body
            }
        }
    }

    fn structure_nulls(&mut self, shape: &Shape) -> TokenStream {
        let ShapeKind::Structure(structure) = &shape.kind else {
            return TokenStream::new();
        };
        let mut statements = Vec::new();
        for member in &structure.members {
            let wire = &member.wire_name;
            let descent = self.null_descent(&member.target, quote!(at), 0);
            let report = null_report(self.space, shape, member).map(|expected| {
                quote! {
                    if json.is_null() {
                        errors.wrong_type(&at, #expected);
                    }
                }
            });
            if descent.is_empty() && report.is_none() {
                continue;
            }
            statements.push(quote! {
                if let Some(json) = object.get(#wire) {
                    let at = path.field(#wire);
                    #report
                    #descent
                }
            });
        }
        if let AdditionalMembers::Map(target) = &structure.additional {
            let descent = self.null_descent(target, quote!(at), 0);
            if !descent.is_empty() {
                let known: Vec<&str> = structure
                    .members
                    .iter()
                    .map(|m| m.wire_name.as_str())
                    .collect();
                let unknown = if known.is_empty() {
                    quote!(true)
                } else {
                    quote!(!matches!(key.as_str(), #(#known)|*))
                };
                statements.push(quote! {
                    for (key, json) in object {
                        if #unknown {
                            let at = path.key(key);
                            #descent
                        }
                    }
                });
            }
        }
        quote! {
            let Some(object) = json.as_object() else {
                return;
            };
            #(#statements)*
        }
    }

    /// The null descent of [`Self::null_descent`] as a `structure_validation_impls!` null
    /// row's last part: `(<type>)` (the type's own `check_nulls`), `[<item>]` (a list) or
    /// `{<value>}` (a map); `Ok(None)` when there are no `null`s to look for, `Err(())` when a
    /// type has no compact text.
    pub(super) fn null_descent_text(
        &self,
        target: &ShapeId,
        depth: usize,
    ) -> Result<Option<String>, ()> {
        let Some(shape) = self.space.shape(target) else {
            return Ok(None);
        };
        if !self.has_nulls(target) || depth > MAX_DEPTH {
            return Ok(None);
        }
        Ok(match &shape.kind {
            ShapeKind::Structure(_) | ShapeKind::Union(_) if has_own_impl(shape) => {
                let ty = self.space.type_path(target, Module::Validation);
                Some(format!("({})", super::table::compact(&ty).ok_or(())?))
            }
            ShapeKind::List(item) => self
                .null_descent_text(&item.target, depth + 1)?
                .map(|inner| format!("[{inner}]")),
            ShapeKind::Map { value, .. } => self
                .null_descent_text(&value.target, depth + 1)?
                .map(|inner| format!("{{{inner}}}")),
            _ => None,
        })
    }

    /// For a union, the `null`s of the variant serde picks: the first that reads.
    fn union_nulls(&mut self, shape: &Shape) -> TokenStream {
        let ShapeKind::Union(union) = &shape.kind else {
            return TokenStream::new();
        };
        let mut arms = Vec::new();
        for member in &union.members {
            let Some(target) = self.space.shape(&member.target) else {
                continue;
            };
            let ty = self.space.type_path(&target.id, Module::Validation);
            let descent = self.null_descent(&member.target, quote!(path), 0);
            arms.push(quote! {
                if read_by_value::<#ty>(json).is_some() {
                    #descent
                    return;
                }
            });
        }
        quote!(#(#arms)*)
    }

    /// The statements that look for `null`s in `json` (a `&serde_json::Value` binding) read as
    /// shape `target`, at the path `at` (a binding of type `Path`, or `path` of type `&Path`);
    /// empty when there are none.
    pub fn null_descent(&mut self, target: &ShapeId, at: TokenStream, depth: usize) -> TokenStream {
        let Some(shape) = self.space.shape(target) else {
            return TokenStream::new();
        };
        if !self.has_nulls(target) || depth > MAX_DEPTH {
            return TokenStream::new();
        }
        let reference = if at.to_string() == "path" {
            at.clone()
        } else {
            quote!(&#at)
        };
        match &shape.kind {
            ShapeKind::Structure(_) | ShapeKind::Union(_) if has_own_impl(shape) => {
                let ty = self.space.type_path(target, Module::Validation);
                quote!(<#ty as FromJson>::check_nulls(json, #reference, errors);)
            }
            ShapeKind::List(item) => {
                let inner = self.null_descent(&item.target, quote!(at), depth + 1);
                if inner.is_empty() {
                    return inner;
                }
                quote! {
                    if let Some(items) = json.as_array() {
                        for (index, json) in items.iter().enumerate() {
                            let at = #at.index(index);
                            #inner
                        }
                    }
                }
            }
            ShapeKind::Map { value, .. } => {
                let inner = self.null_descent(&value.target, quote!(at), depth + 1);
                if inner.is_empty() {
                    return inner;
                }
                quote! {
                    if let Some(entries) = json.as_object() {
                        for (key, json) in entries {
                            let at = #at.key(key);
                            #inner
                        }
                    }
                }
            }
            _ => TokenStream::new(),
        }
    }
}
