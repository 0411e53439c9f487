//! `impl FromJson` for every structure and union: `check_json`, the structural checker that
//! runs only when serde rejected the input. It walks the `serde_json::Value`, reports wrong
//! types, missing required members and unknown members with their paths, and validates every
//! part that does read as its type with the same checks `Validate` uses.

use proc_macro2::TokenStream;
use quote::quote;

use super::checks::{has_own_impl, is_unit, Emitter, Place, Use};
use crate::model::{AdditionalMembers, Member, Scalar, Shape, ShapeKind, UnionTagging};
use crate::rust::typespace::Module;

/// How deep lists and maps of lists and maps are walked (deeper parts are reported whole).
pub(super) const MAX_DEPTH: usize = 8;

impl Emitter<'_, '_> {
    /// `impl FromJson` for a structure or union (nothing for other shapes).
    pub fn json_check_impl(&mut self, shape: &Shape) -> TokenStream {
        let (json, body) = match &shape.kind {
            ShapeKind::Structure(_) => (quote!(json), self.structure_check(shape)),
            ShapeKind::Union(union) if union.tagging == UnionTagging::Untagged => (
                quote!(_json),
                quote!(errors.report(path, ViolationKind::Other);),
            ),
            ShapeKind::Union(_) => (quote!(json), self.union_check(shape)),
            _ => return TokenStream::new(),
        };
        let ty = self.space.type_path(&shape.id, Module::Validation);
        let by_value = shape.exact_json.then(|| {
            quote!(
                const EXACT_JSON: bool = true;
            )
        });
        let nulls = self.check_nulls_method(shape);
        quote! {
            impl FromJson for #ty {
                #by_value
                #nulls
                fn check_json(#json: &serde_json::Value, path: &Path<'_>, errors: &mut ValidationErrors) {
                    #body
                }
            }
        }
    }

    fn structure_check(&mut self, shape: &Shape) -> TokenStream {
        let ShapeKind::Structure(structure) = &shape.kind else {
            return TokenStream::new();
        };
        let mut statements = Vec::new();
        for member in &structure.members {
            statements.extend(self.member_json_check(shape, member));
        }
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
        match &structure.additional {
            AdditionalMembers::Ignore => {}
            AdditionalMembers::Deny => statements.push(quote! {
                for key in object.keys() {
                    if #unknown {
                        errors.report(&path.key(key), ViolationKind::AdditionalProperty);
                    }
                }
            }),
            AdditionalMembers::Map(target) => {
                let use_ = self.additional_use(shape, target);
                let typed = self.typed_check(&use_, None, 0);
                if !typed.is_empty() {
                    statements.push(quote! {
                        for (key, json) in object {
                            if #unknown {
                                let at = path.key(key);
                                #typed
                            }
                        }
                    });
                }
            }
        }
        if statements.is_empty() {
            return quote! {
                if !json.is_object() {
                    errors.wrong_type(path, "object");
                }
            };
        }
        quote! {
            let Some(object) = json.as_object() else {
                errors.wrong_type(path, "object");
                return;
            };
            #(#statements)*
        }
    }

    /// The checks of one structure member: presence, then its value.
    fn member_json_check(&mut self, shape: &Shape, member: &Member) -> Option<TokenStream> {
        let use_ = self.member_use(shape, member, shape.sensitive);
        let typed = self.typed_check(&use_, Some((shape, member)), 0);
        let wire = &member.wire_name;
        let optional = self.space.is_optional(shape, member);
        let missing_if_absent = member.required && member.default.is_none();
        let missing_if_null =
            !optional || super::checks::reports_missing(self.space, shape, member);
        let presence = match (missing_if_absent, missing_if_null) {
            (false, false) if typed.is_empty() => return None,
            (false, false) => quote!(Presence::Optional),
            (true, true) => quote!(Presence::Required),
            (true, false) => quote!(Presence::RequiredNullable),
            (false, true) => quote!(Presence::NotNull),
        };
        let found = quote!(at.find_in(object, #presence, errors));
        let statement = if typed.is_empty() {
            quote!(#found;)
        } else {
            quote! {
                if let Some(json) = #found {
                    #typed
                }
            }
        };
        Some(quote! {
            let at = path.field(#wire);
            #statement
        })
    }

    /// The check of `json` (a `&serde_json::Value`) at `at` (a `Path`) against a use: read it
    /// as its Rust type and validate it, or, when it does not read, say why. A statement;
    /// empty when every JSON value fits and nothing can be wrong with it.
    fn typed_check(
        &mut self,
        use_: &Use,
        member: Option<(&Shape, &Member)>,
        depth: usize,
    ) -> TokenStream {
        let Some(shape) = self.space.shape(&use_.target) else {
            return TokenStream::new();
        };
        let check = self.value_check(use_, 0);
        if matches!(shape.kind, ShapeKind::Document) {
            return check
                .map(|check| check.call(&Place::reference("json"), quote!(&at)))
                .unwrap_or_default();
        }
        let ty = self.space.type_path(&shape.id, Module::Validation);
        let descent = self.descent(shape, use_, depth);
        let adapter = member.and_then(|(owner, member)| self.adapter(owner, member));
        let (binding, reader) = match adapter {
            Some(adapter) => (
                quote!(let parsed: Option<#ty> = serde_with::As::<#adapter>::deserialize(json).ok();),
                quote!(parsed),
            ),
            None => (TokenStream::new(), quote!(read::<#ty>(json))),
        };
        match check {
            Some(check) => {
                let call = check.call_expr(&Place::owned(quote!(value)), quote!(&at));
                quote! {
                    #binding
                    match #reader {
                        Some(value) => #call,
                        None => #descent,
                    }
                }
            }
            None => quote! {
                #binding
                if #reader.is_none() {
                    #descent;
                }
            },
        }
    }

    /// The `serde_with` adapter that reads a member's value (timestamps, blobs), without the
    /// `Option` around optional members.
    pub(super) fn adapter(&self, owner: &Shape, member: &Member) -> Option<TokenStream> {
        let text = self.space.serde_as_type(owner, member)?;
        let text = match text.strip_prefix("Option<") {
            Some(inner) if self.space.is_optional(owner, member) => {
                inner.strip_suffix('>').unwrap_or(inner).to_string()
            }
            _ => text,
        };
        syn::parse_str::<syn::Type>(&text)
            .ok()
            .map(|ty| quote!(#ty))
    }

    /// What to report about `json` at `at` when it does not read as the use's type: an
    /// expression of type `()`.
    fn descent(&mut self, shape: &Shape, use_: &Use, depth: usize) -> TokenStream {
        let ty = self.space.type_path(&shape.id, Module::Validation);
        let wrong_type = |expected: &str| quote!(errors.wrong_type(&at, #expected));
        match &shape.kind {
            ShapeKind::Structure(_) | ShapeKind::Union(_) if has_own_impl(shape) => {
                quote!(#ty::check_json(json, &at, errors))
            }
            _ if depth >= MAX_DEPTH => wrong_type(expected_type(shape)),
            ShapeKind::List(item) => {
                let item_use = self.member_use(shape, item, use_.sensitive);
                let inner = self.typed_check(&item_use, Some((shape, item)), depth + 1);
                let inner = skip_null(item.nullable, inner);
                let report = wrong_type("array");
                if inner.is_empty() {
                    // Any item fits (documents): only the array itself can be wrong.
                    return quote! {
                        if !json.is_array() {
                            #report;
                        }
                    };
                }
                quote! {
                    match json.as_array() {
                        Some(items) => {
                            for (index, json) in items.iter().enumerate() {
                                let at = at.index(index);
                                #inner
                            }
                        }
                        None => #report,
                    }
                }
            }
            ShapeKind::Map { value, .. } => {
                let value_use = self.member_use(shape, value, use_.sensitive);
                let inner = self.typed_check(&value_use, Some((shape, value)), depth + 1);
                let inner = skip_null(value.nullable, inner);
                let report = wrong_type("object");
                if inner.is_empty() {
                    // Any value fits (documents): only the object itself can be wrong.
                    return quote! {
                        if !json.is_object() {
                            #report;
                        }
                    };
                }
                let (binding, entry_path) = if use_.sensitive {
                    let redacted = crate::rust::types::REDACTED;
                    (quote!(_key), quote!(at.key(#redacted)))
                } else {
                    (quote!(key), quote!(at.key(key)))
                };
                quote! {
                    match json.as_object() {
                        Some(entries) => {
                            for (#binding, json) in entries {
                                let at = #entry_path;
                                #inner
                            }
                        }
                        None => #report,
                    }
                }
            }
            _ => wrong_type(expected_type(shape)),
        }
    }

    fn union_check(&mut self, shape: &Shape) -> TokenStream {
        let ShapeKind::Union(union) = &shape.kind else {
            return TokenStream::new();
        };
        let mut arms = Vec::new();
        for member in &union.members {
            let wire = &member.wire_name;
            let content = if is_unit(&member.target) {
                quote! {
                    if !json.is_object() {
                        errors.wrong_type(&at, "object");
                    }
                }
            } else {
                let use_ = self.member_use(shape, member, shape.sensitive);
                self.typed_check(&use_, Some((shape, member)), 0)
            };
            arms.push((wire.clone(), content));
        }
        let not_object = quote! {
            let Some(object) = json.as_object() else {
                errors.wrong_type(path, "object");
                return;
            };
        };
        match &union.tagging {
            UnionTagging::External => {
                let arms = arms
                    .iter()
                    .map(|(wire, content)| quote!(#wire => { #content }));
                quote! {
                    #not_object
                    let mut set = object.iter().filter(|(_, json)| !json.is_null());
                    let (Some((name, json)), None) = (set.next(), set.next()) else {
                        errors.report(path, ViolationKind::UnionMember);
                        return;
                    };
                    let at = path.key(name);
                    match name.as_str() {
                        #(#arms)*
                        _ => errors.report(&at, ViolationKind::AdditionalProperty),
                    }
                }
            }
            UnionTagging::Internal { tag } | UnionTagging::Adjacent { tag, .. } => {
                let allowed = format!(
                    "[{}]",
                    arms.iter()
                        .map(|(w, _)| w.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                let content_of = |content: &TokenStream| match &union.tagging {
                    UnionTagging::Adjacent { content: field, .. } => quote! {
                        let at = path.field(#field);
                        match object.get(#field) {
                            Some(json) => { #content }
                            None => errors.missing(&at),
                        }
                    },
                    _ => quote! {
                        let at = *path;
                        #content
                    },
                };
                let arms = arms.iter().map(|(wire, content)| {
                    let content = content_of(content);
                    quote!(Some(#wire) => { #content })
                });
                quote! {
                    #not_object
                    match object.get(#tag).and_then(serde_json::Value::as_str) {
                        #(#arms)*
                        Some(_) => errors.report(&path.field(#tag), ViolationKind::Enum { allowed: #allowed }),
                        None => errors.missing(&path.field(#tag)),
                    }
                }
            }
            UnionTagging::Untagged => quote!(errors.report(path, ViolationKind::Other);),
        }
    }
}

/// The JSON type a shape's values have, as named in violations.
pub(super) fn expected_type(shape: &Shape) -> &'static str {
    match &shape.kind {
        ShapeKind::Scalar(scalar) => match scalar {
            Scalar::String => "string",
            Scalar::Boolean => "boolean",
            Scalar::Byte => "8-bit integer",
            Scalar::Short => "16-bit integer",
            Scalar::Integer => "32-bit integer",
            Scalar::Long => "64-bit integer",
            Scalar::Float | Scalar::Double | Scalar::BigDecimal => "number",
            Scalar::BigInteger => "integer",
            Scalar::Timestamp => "timestamp",
            Scalar::Blob => "base64 string",
        },
        ShapeKind::Enum(_) => "string",
        ShapeKind::IntEnum(_) => "integer",
        ShapeKind::List(_) => "array",
        ShapeKind::Map { .. } | ShapeKind::Structure(_) | ShapeKind::Union(_) => "object",
        ShapeKind::Document => "JSON value",
    }
}

/// `check` on `json`, skipped when `json` is null in a sparse collection.
fn skip_null(sparse: bool, check: TokenStream) -> TokenStream {
    if sparse && !check.is_empty() {
        quote! {
            if !json.is_null() {
                #check
            }
        }
    } else {
        check
    }
}
