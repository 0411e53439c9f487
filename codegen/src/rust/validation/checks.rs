//! `impl Validate` for every structure, union, enum and intEnum, and the private `check_*`
//! functions that check a value of a simple shape (or a collection) under the constraints in
//! force where it is used.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use rustc_hash::FxHashMap;
use serde_json::Value;

use super::numbers::{multiple_violated, range_violated, NumberExpr, Numeric};
use super::patterns::PatternStatics;
use crate::diagnostics::Diagnostics;
use crate::model::{
    visit_assertions, AdditionalMembers, Assertion, Bound, Constraints, LengthBounds, Member,
    Scalar, Shape, ShapeId, ShapeKind, SourceRef, UnionTagging,
};
use crate::rust::naming::field_case;
use crate::rust::types::REDACTED;
use crate::rust::typespace::{is_structure, Module, TypeSpace};

/// How deep collections of collections are followed when generating (deeper ones are types
/// that cannot exist in Rust anyway).
const MAX_DEPTH: usize = 16;

/// How a value is checked where it is used.
#[derive(Debug, Clone)]
pub enum Check {
    /// Its own `Validate` impl (a structure, union or enum with nothing added at this use).
    Method,
    /// A generated `check_*` function.
    Function(Ident),
}

/// A value in generated code: an expression and whether it already is a reference.
pub struct Place {
    expr: TokenStream,
    is_ref: bool,
}

impl Place {
    /// A binding that holds a reference (`value`, `item`).
    pub fn reference(name: &str) -> Place {
        let ident = format_ident!("{name}");
        Place {
            expr: quote!(#ident),
            is_ref: true,
        }
    }

    /// A binding or field that holds the value itself (`value`, `self.client_id`).
    pub fn owned(expr: TokenStream) -> Place {
        Place {
            expr,
            is_ref: false,
        }
    }
}

impl Check {
    /// The statement that checks `place` at `path` (an expression of type `&Path`).
    pub fn call(&self, place: &Place, path: TokenStream) -> TokenStream {
        let call = self.call_expr(place, path);
        quote!(#call;)
    }

    /// The same call as an expression (of type `()`).
    pub fn call_expr(&self, place: &Place, path: TokenStream) -> TokenStream {
        let expr = &place.expr;
        match self {
            Check::Method => quote!(#expr.validate_at(#path, errors)),
            Check::Function(function) if place.is_ref => quote!(#function(#expr, #path, errors)),
            Check::Function(function) => quote!(#function(&#expr, #path, errors)),
        }
    }
}

/// One use of a value: its shape, the constraints in force there, and names for what is
/// generated for it.
#[derive(Debug, Clone)]
pub struct Use {
    /// The value's shape.
    pub target: ShapeId,
    /// For aliases, the effective constraints; for types with their own impl, the ones the
    /// member adds.
    pub constraints: Constraints,
    /// Map keys under this use are left out of paths.
    pub sensitive: bool,
    /// Where the constraints were written: what names the functions and statics generated for
    /// the use (see [`Emitter::hint`]), and where their diagnostics point.
    pub origin: UseOrigin,
}

/// Where a use's constraints were written. The names and locations it gives are worked out
/// only when something is generated for the use.
#[derive(Debug, Clone)]
pub enum UseOrigin {
    /// On the target: named after the target, located at it.
    Target,
    /// On a member of `owner` named `member`: named after the owner and member when the member
    /// adds constraints of its own, and located at the member (`source`) when it adds a
    /// pattern; otherwise as [`UseOrigin::Target`].
    Member {
        owner: ShapeId,
        member: String,
        own_constraints: bool,
        own_pattern: Option<SourceRef>,
    },
}

/// Where the diagnostics about `use_`'s constraints point: the file, and the shape or member id
/// the constraints were written on.
fn origin_of(space: &TypeSpace<'_>, use_: &Use) -> (SourceRef, String) {
    match &use_.origin {
        UseOrigin::Member {
            owner,
            member,
            own_pattern: Some(source),
            ..
        } => (source.clone(), format!("{owner}${member}")),
        _ => {
            let source = space.shape(&use_.target);
            let source = source.map(|s| s.source.clone()).unwrap_or_default();
            (source, use_.target.to_string())
        }
    }
}

/// A `check_*` function made for the uses of one target with these constraints, where map keys
/// are left out of paths or not.
struct Checker {
    constraints: Constraints,
    sensitive_keys: bool,
    /// `None` while it is being made, or when there is nothing to check.
    function: Option<Ident>,
}

impl Checker {
    /// Whether this is the function for `use_` (whose target it is filed under).
    fn serves(&self, use_: &Use, sensitive_keys: bool) -> bool {
        self.sensitive_keys == sensitive_keys && self.constraints == use_.constraints
    }
}

/// The emitter: what has been generated so far, shared by every impl.
pub struct Emitter<'s, 'm> {
    pub(super) space: &'s TypeSpace<'m>,
    needs: FxHashMap<ShapeId, bool>,
    /// The `check_*` functions made so far, by target.
    checkers: FxHashMap<ShapeId, Vec<Checker>>,
    helpers: Vec<TokenStream>,
    function_names: BTreeSet<String>,
    patterns: PatternStatics,
    /// The `json_*` function of each distinct assertion tree, by its debug text.
    pub(super) json_checks: FxHashMap<String, Ident>,
    /// The `json_shape_*` function of each shape an assertion refers to.
    pub(super) shape_checks: BTreeMap<ShapeId, Ident>,
    /// Which shapes have `null`s to look for (see [`super::nulls`]).
    nulls: BTreeMap<ShapeId, bool>,
    /// The type of each shape as compact text, as the validation module writes it.
    type_texts: FxHashMap<ShapeId, Option<String>>,
}

impl<'s, 'm> Emitter<'s, 'm> {
    /// A fresh emitter for `space`.
    pub fn new(space: &'s TypeSpace<'m>) -> Self {
        Emitter {
            space,
            needs: needs_validation(space),
            checkers: FxHashMap::default(),
            helpers: Vec::new(),
            function_names: BTreeSet::new(),
            patterns: PatternStatics::default(),
            json_checks: FxHashMap::default(),
            shape_checks: BTreeMap::new(),
            nulls: super::nulls::shapes_with_nulls(space),
            type_texts: FxHashMap::default(),
        }
    }

    /// Whether values of a shape, read from JSON, may hide `null`s that are not values.
    pub(super) fn has_nulls(&self, id: &ShapeId) -> bool {
        self.nulls.get(id).copied().unwrap_or(false)
    }

    /// A function name not used yet, made from `base`.
    pub(super) fn unique_function(&mut self, base: &str) -> Ident {
        let mut name = base.to_string();
        let mut counter = 2;
        while !self.function_names.insert(name.clone()) {
            name = format!("{base}_{counter}");
            counter += 1;
        }
        format_ident!("{name}")
    }

    /// Adds a generated helper function.
    pub(super) fn push_helper(&mut self, helper: TokenStream) {
        self.helpers.push(helper);
    }

    /// The test (a `bool`) of `pattern` against `text` (a `&str` expression); `None` when the
    /// pattern is invalid (reported with `use_`'s location).
    pub(super) fn pattern_test(
        &mut self,
        pattern: &str,
        text: &TokenStream,
        hint: &str,
        use_: &Use,
    ) -> Option<TokenStream> {
        let space = self.space;
        self.patterns
            .test(pattern, text, hint, || origin_of(space, use_))
    }

    /// The `check_*` functions, the pattern statics, and the invalid patterns found.
    pub fn finish(self) -> (Vec<TokenStream>, Vec<TokenStream>, Diagnostics) {
        let (statics, diagnostics) = self.patterns.finish();
        (self.helpers, statics, diagnostics)
    }

    /// Whether values of a structure, union or enum can break anything.
    pub fn needs(&self, id: &ShapeId) -> bool {
        self.needs.get(id).copied().unwrap_or(false)
    }

    /// The use of member `member` of `owner` (a structure, union, list or map), where `owner`'s
    /// own sensitivity is `sensitive`.
    pub fn member_use(&self, owner: &Shape, member: &Member, sensitive: bool) -> Use {
        let named = self.space.shape(&member.target).is_some_and(has_own_impl);
        let constraints = if named {
            member.constraints.clone()
        } else {
            self.space.effective_constraints(member)
        };
        Use {
            target: member.target.clone(),
            constraints,
            sensitive: sensitive || self.space.is_sensitive(member),
            origin: UseOrigin::Member {
                owner: owner.id.clone(),
                member: member.name.clone(),
                own_constraints: !member.constraints.is_empty(),
                own_pattern: has_own_pattern(member).then(|| member.source.clone()),
            },
        }
    }

    /// The name stem of the `check_*` function and pattern statics of `use_`: its target's
    /// type, or for a member that adds constraints, its owner's type and its own name.
    pub fn hint(&self, use_: &Use) -> String {
        let hint = match &use_.origin {
            UseOrigin::Member {
                owner,
                member,
                own_constraints: true,
                ..
            } => format!(
                "{}_{}",
                self.type_stem(owner),
                field_case(member).trim_start_matches("r#")
            ),
            _ => self.type_stem(&use_.target),
        };
        hint.trim_start_matches("r#").to_string()
    }

    fn type_stem(&self, id: &ShapeId) -> String {
        if id.is_prelude() {
            field_case(id.name())
        } else {
            field_case(self.space.names.type_name(id))
        }
    }

    /// The type of shape `id` as compact text (`super::types::X`), as the validation module
    /// writes it; `None` when it does not compact.
    pub(super) fn type_text_of(&mut self, id: &ShapeId) -> Option<String> {
        if let Some(known) = self.type_texts.get(id) {
            return known.clone();
        }
        let path = self.space.type_path(id, Module::Validation);
        let text = super::table::compact(&path);
        self.type_texts.insert(id.clone(), text.clone());
        text
    }

    /// How to check a value at `use_`; `None` when nothing can be wrong with it.
    pub fn value_check(&mut self, use_: &Use, depth: usize) -> Option<Check> {
        let shape = self.space.shape(&use_.target)?;
        if has_own_impl(shape) && use_.constraints.is_empty() {
            return self.needs(&shape.id).then_some(Check::Method);
        }
        let sensitive_keys = use_.sensitive && is_collection(shape);
        if let Some(known) = self.known_checker(use_, sensitive_keys) {
            return known.clone().map(Check::Function);
        }
        if depth > MAX_DEPTH {
            return None;
        }
        self.remember_checker(use_, sensitive_keys, None);
        let body = self.checker_body(shape, use_, depth);
        if body.is_empty() {
            return None;
        }
        let name = self.function_name(&self.hint(use_));
        let param = self.param_type(shape);
        let doc = if has_own_impl(shape) {
            format!(
                " Checks a value of `{}` with the constraints of one use.",
                shape.id.name()
            )
        } else {
            format!(" Checks a value of `{}`.", shape.id.name())
        };
        self.helpers.push(quote! {
            #[doc = #doc]
            fn #name(value: #param, path: &Path<'_>, errors: &mut ValidationErrors) {
                #(#body)*
            }
        });
        self.remember_checker(use_, sensitive_keys, Some(name.clone()));
        Some(Check::Function(name))
    }

    /// The function made for uses like `use_`, if one was.
    fn known_checker(&self, use_: &Use, sensitive_keys: bool) -> Option<&Option<Ident>> {
        let checkers = self.checkers.get(&use_.target)?;
        let checker = checkers.iter().find(|c| c.serves(use_, sensitive_keys))?;
        Some(&checker.function)
    }

    /// Records the function made for uses like `use_`.
    fn remember_checker(&mut self, use_: &Use, sensitive_keys: bool, function: Option<Ident>) {
        let checkers = self.checkers.entry(use_.target.clone()).or_default();
        match checkers.iter_mut().find(|c| c.serves(use_, sensitive_keys)) {
            Some(checker) => checker.function = function,
            None => checkers.push(Checker {
                constraints: use_.constraints.clone(),
                sensitive_keys,
                function,
            }),
        }
    }

    fn function_name(&mut self, hint: &str) -> Ident {
        self.unique_function(&format!("check_{hint}"))
    }

    /// The parameter type of a `check_*` function for `shape` (slices and `str` rather than
    /// `Vec` and `String`).
    fn param_type(&self, shape: &Shape) -> TokenStream {
        match &shape.kind {
            ShapeKind::Scalar(Scalar::String) => quote!(&str),
            ShapeKind::Scalar(Scalar::Blob) => quote!(&[u8]),
            ShapeKind::List(item) => {
                let item = self.space.entry_type(item, Module::Validation);
                quote!(&[#item])
            }
            _ => {
                let ty = self.space.type_path(&shape.id, Module::Validation);
                quote!(&#ty)
            }
        }
    }

    /// The statements of a `check_*` function: the constraints, then what is inside.
    fn checker_body(&mut self, shape: &Shape, use_: &Use, depth: usize) -> Vec<TokenStream> {
        let mut body = self.constraint_checks(shape, &use_.constraints, use_);
        let value = Place::reference("value");
        match &shape.kind {
            _ if has_own_impl(shape) && self.needs(&shape.id) => {
                body.push(Check::Method.call(&value, quote!(path)));
            }
            _ if has_own_impl(shape) => {}
            ShapeKind::List(item) => {
                let item_use = self.member_use(shape, item, use_.sensitive);
                if let Some(check) = self.value_check(&item_use, depth + 1) {
                    let call = check.call(&Place::reference("item"), quote!(&path.index(index)));
                    let call = skip_null_entries(item.nullable, call);
                    body.push(quote! {
                        for (index, item) in value.iter().enumerate() {
                            #call
                        }
                    });
                }
            }
            ShapeKind::Map { key, value: entry } => {
                let key_use = self.member_use(shape, key, use_.sensitive);
                let entry_use = self.member_use(shape, entry, use_.sensitive);
                let key_check = self.value_check(&key_use, depth + 1);
                let entry_check = self.value_check(&entry_use, depth + 1);
                let entry_check = entry_check.map(|check| (check, entry.nullable));
                body.extend(map_loop(key_check, entry_check, use_.sensitive));
            }
            _ => {}
        }
        body
    }

    /// The statements checking `constraints` on `value` (a reference to a value of `shape`).
    pub fn constraint_checks(
        &mut self,
        shape: &Shape,
        constraints: &Constraints,
        use_: &Use,
    ) -> Vec<TokenStream> {
        let mut checks = Vec::new();
        let text = text_of(shape);
        if let Some(length) = constraints.length {
            checks.extend(length_check(shape, length));
        }
        if let Some(text) = &text {
            for pattern in &constraints.patterns {
                checks.extend(self.pattern_check(pattern, text, use_));
            }
        }
        if let Some((numeric, number)) = number_of(shape) {
            if let Some(range) = &constraints.range {
                checks.extend(range_check(numeric, &number, range));
            }
            if let Some(divisor) = &constraints.multiple_of {
                if let Some(violated) = multiple_violated(numeric, &number, divisor) {
                    checks.push(quote! {
                        if #violated {
                            errors.report(path, ViolationKind::MultipleOf { divisor: #divisor });
                        }
                    });
                }
            }
        }
        if constraints.unique_items {
            checks.extend(self.unique_check(shape));
        }
        if let Some(expected) = &constraints.const_value {
            let differs = value_differs(shape, &text, expected);
            let json = expected.to_string();
            checks.push(quote! {
                if #differs {
                    errors.report(path, ViolationKind::Const { value: #json });
                }
            });
        }
        if let Some(allowed) = &constraints.allowed_values {
            checks.push(allowed_check(shape, &text, allowed));
        }
        if let Some(bounds) = constraints.properties {
            checks.extend(self.property_count_check(shape, bounds));
        }
        checks.extend(self.assertion_checks(&shape.kind, &constraints.assertions, use_));
        checks
    }

    fn pattern_check(
        &mut self,
        pattern: &str,
        text: &TokenStream,
        use_: &Use,
    ) -> Option<TokenStream> {
        let hint = self.hint(use_);
        let space = self.space;
        let test = self
            .patterns
            .test(pattern, text, &hint, || origin_of(space, use_))?;
        let negated = negate(test);
        Some(quote! {
            if #negated {
                errors.report(path, ViolationKind::Pattern { pattern: #pattern });
            }
        })
    }

    fn unique_check(&self, shape: &Shape) -> Option<TokenStream> {
        let ShapeKind::List(item) = &shape.kind else {
            return None;
        };
        let all_unique = if self.space.capabilities(&item.target).hash {
            quote!(all_unique_hashed)
        } else {
            quote!(all_unique)
        };
        Some(quote! {
            if !#all_unique(value) {
                errors.report(path, ViolationKind::Unique);
            }
        })
    }

    fn property_count_check(&self, shape: &Shape, bounds: LengthBounds) -> Option<TokenStream> {
        let (min, max) = (option_u64(bounds.min), option_u64(bounds.max));
        match &shape.kind {
            ShapeKind::Map { .. } => Some(quote! {
                errors.check_property_count(path, value.len(), #min, #max);
            }),
            ShapeKind::Document => Some(quote! {
                if let Some(object) = value.as_object() {
                    errors.check_property_count(path, object.len(), #min, #max);
                }
            }),
            ShapeKind::Structure(structure) => {
                let mut terms = Vec::new();
                let mut always = 0usize;
                for (index, member) in structure.members.iter().enumerate() {
                    let field = self.space.names.field_ident(&shape.id, index);
                    if self.space.is_optional(shape, member) {
                        terms.push(quote!(usize::from(value.#field.is_some())));
                    } else {
                        always += 1;
                    }
                }
                if matches!(structure.additional, AdditionalMembers::Map(_)) {
                    terms.push(quote!(value.additional_properties.len()));
                }
                if always > 0 || terms.is_empty() {
                    terms.insert(0, quote!(#always));
                }
                Some(quote! {
                    errors.check_property_count(path, #(#terms)+*, #min, #max);
                })
            }
            _ => None,
        }
    }

    /// `impl Validate` for a structure, union, enum or intEnum (nothing for aliases).
    pub fn validate_impl(&mut self, shape: &Shape) -> TokenStream {
        match self.enum_impl_text(shape) {
            Some(text) => super::super::format::verbatim(&text),
            None => self.validate_impl_tokens(shape),
        }
    }

    /// [`Self::validate_impl`] as tokens.
    pub(super) fn validate_impl_tokens(&mut self, shape: &Shape) -> TokenStream {
        let body = match &shape.kind {
            ShapeKind::Structure(_) => self.structure_body(shape),
            ShapeKind::Union(_) => self.union_body(shape),
            ShapeKind::Enum(_) | ShapeKind::IntEnum(_) => {
                let allowed = allowed_values(shape);
                self.enum_body(shape, &allowed)
            }
            _ => return TokenStream::new(),
        };
        let ty = self.space.type_path(&shape.id, Module::Validation);
        let (path, errors) = if body.is_empty() {
            (quote!(_path), quote!(_errors))
        } else {
            (quote!(path), quote!(errors))
        };
        quote! {
            impl Validate for #ty {
                fn validate_at(&self, #path: &Path<'_>, #errors: &mut ValidationErrors) {
                    #(#body)*
                }
            }
        }
    }

    /// The own constraints of a type with an impl, checked on `self`.
    fn own_constraint_checks(&mut self, shape: &Shape) -> Vec<TokenStream> {
        let use_ = Use {
            target: shape.id.clone(),
            constraints: shape.constraints.clone(),
            sensitive: shape.sensitive,
            origin: UseOrigin::Target,
        };
        let checks = self.constraint_checks(shape, &shape.constraints, &use_);
        if checks.is_empty() {
            return checks;
        }
        let mut with_binding = vec![quote!(let value = self;)];
        with_binding.extend(checks);
        with_binding
    }

    fn structure_body(&mut self, shape: &Shape) -> Vec<TokenStream> {
        let ShapeKind::Structure(structure) = &shape.kind else {
            return Vec::new();
        };
        let mut body = self.own_constraint_checks(shape);
        for (index, member) in structure.members.iter().enumerate() {
            body.extend(self.member_statement(shape, index, member));
        }
        if let AdditionalMembers::Map(target) = &structure.additional {
            let use_ = self.additional_use(shape, target);
            if let Some(check) = self.value_check(&use_, 0) {
                let call = check.call(&Place::reference("value"), quote!(&path.key(key)));
                body.push(quote! {
                    for (key, value) in &self.additional_properties {
                        #call
                    }
                });
            }
        }
        body
    }

    /// The use of the values of a structure's additional-properties map.
    pub fn additional_use(&self, shape: &Shape, target: &ShapeId) -> Use {
        let mut member = Member::new("additional_properties", target.clone());
        member.sensitive = shape.sensitive;
        self.member_use(shape, &member, shape.sensitive)
    }

    fn member_statement(
        &mut self,
        shape: &Shape,
        index: usize,
        member: &Member,
    ) -> Option<TokenStream> {
        let use_ = self.member_use(shape, member, shape.sensitive);
        let check = self.value_check(&use_, 0);
        let field = self.space.names.field_ident(&shape.id, index);
        let wire = &member.wire_name;
        let path = quote!(&path.field(#wire));
        let optional = self.space.is_optional(shape, member);
        if !optional {
            return check.map(|check| check.call(&Place::owned(quote!(self.#field)), path));
        }
        let present = check
            .map(|check| check.call(&Place::reference("value"), path.clone()))
            .unwrap_or_default();
        let missing = reports_missing(self.space, shape, member);
        if missing && present.is_empty() {
            Some(quote! {
                if self.#field.is_none() {
                    errors.missing(#path);
                }
            })
        } else if missing {
            Some(quote! {
                match &self.#field {
                    Some(value) => { #present }
                    None => errors.missing(#path),
                }
            })
        } else if present.is_empty() {
            None
        } else {
            Some(quote! {
                if let Some(value) = &self.#field {
                    #present
                }
            })
        }
    }

    fn union_body(&mut self, shape: &Shape) -> Vec<TokenStream> {
        let ShapeKind::Union(union) = &shape.kind else {
            return Vec::new();
        };
        let mut body = self.own_constraint_checks(shape);
        let mut arms = Vec::new();
        for (index, member) in union.members.iter().enumerate() {
            if is_unit(&member.target) {
                continue;
            }
            let use_ = self.member_use(shape, member, shape.sensitive);
            let Some(check) = self.value_check(&use_, 0) else {
                continue;
            };
            let variant = self.space.names.variant_ident(&shape.id, index);
            let path = variant_path(&union.tagging, &member.wire_name);
            let call = check.call(&Place::reference("value"), path);
            arms.push((variant, call));
        }
        let covers_all = arms.len() == union.members.len();
        match arms.as_slice() {
            [] => {}
            [(variant, call)] if !covers_all => body.push(quote! {
                if let Self::#variant(value) = self {
                    #call
                }
            }),
            _ => {
                let arms = arms
                    .iter()
                    .map(|(variant, call)| quote!(Self::#variant(value) => { #call }));
                let rest = (!covers_all).then(|| quote!(_ => {}));
                body.push(quote! {
                    match self {
                        #(#arms)*
                        #rest
                    }
                });
            }
        }
        body
    }

    /// The `Validate` impl of an enum or intEnum without constraints of its own (the common
    /// case) as the text prettyplease prints for [`Self::enum_body`]'s tokens, which is the
    /// same for every enum; `None` for other shapes, and for a type path too long for the
    /// impl's first line, which prettyplease would break.
    pub(super) fn enum_impl_text(&self, shape: &Shape) -> Option<String> {
        const HEADER_FITS: usize = 80;
        if !matches!(shape.kind, ShapeKind::Enum(_) | ShapeKind::IntEnum(_))
            || !shape.constraints.is_empty()
        {
            return None;
        }
        let ty = self.space.type_path(&shape.id, Module::Validation);
        let header = format!("impl Validate for {} {{", super::table::compact(&ty)?);
        if header.len() > HEADER_FITS {
            return None;
        }
        let allowed = super::super::text::string_literal(&allowed_values(shape));
        Some(format!(
            "{header}
    fn validate_at(&self, path: &Path<'_>, errors: &mut ValidationErrors) {{
        if let Self::Unknown(_) = self {{
            errors
                .report(
                    path,
                    ViolationKind::Enum {{
                        allowed: {allowed},
                    }},
                );
        }}
    }}
}}
"
        ))
    }

    fn enum_body(&mut self, shape: &Shape, allowed: &str) -> Vec<TokenStream> {
        let mut body = vec![quote! {
            if let Self::Unknown(_) = self {
                errors.report(path, ViolationKind::Enum { allowed: #allowed });
            }
        }];
        body.extend(self.own_constraint_checks(shape));
        body
    }
}

/// The values an enum or intEnum allows, as its violation reports them: `[A, B]`.
fn allowed_values(shape: &Shape) -> String {
    let values: Vec<String> = match &shape.kind {
        ShapeKind::Enum(values) => values
            .iter()
            .filter(|v| !v.internal)
            .map(|v| v.value.clone())
            .collect(),
        ShapeKind::IntEnum(values) => values.iter().map(|v| v.value.to_string()).collect(),
        _ => Vec::new(),
    };
    format!("[{}]", values.join(", "))
}

/// Whether a shape has its own Rust type and `Validate` impl.
pub fn has_own_impl(shape: &Shape) -> bool {
    matches!(
        shape.kind,
        ShapeKind::Structure(_) | ShapeKind::Union(_) | ShapeKind::Enum(_) | ShapeKind::IntEnum(_)
    ) && !shape.id.is_prelude()
}

fn is_collection(shape: &Shape) -> bool {
    matches!(shape.kind, ShapeKind::List(_) | ShapeKind::Map { .. })
}

/// Whether the target is Smithy's unit type (a union variant without a value).
pub fn is_unit(target: &ShapeId) -> bool {
    target.is_prelude() && target.name() == "Unit"
}

/// A required member that is an `Option` in Rust (`optional_input_members`, `@clientOptional`)
/// and may not be `None`.
pub fn reports_missing(space: &TypeSpace<'_>, owner: &Shape, member: &Member) -> bool {
    member.required
        && member.default.is_none()
        && !member.nullable
        && is_structure(owner)
        && space.is_optional(owner, member)
}

/// The path of a union variant's value, by tagging.
pub fn variant_path(tagging: &UnionTagging, wire: &str) -> TokenStream {
    match tagging {
        UnionTagging::External => quote!(&path.field(#wire)),
        UnionTagging::Adjacent { content, .. } => quote!(&path.field(#content)),
        UnionTagging::Internal { .. } | UnionTagging::Untagged => quote!(path),
    }
}

/// `call` on the entry `item`, run only when the entry is not null in a sparse collection (whose
/// entries are `Option`s).
fn skip_null_entries(sparse: bool, call: TokenStream) -> TokenStream {
    if sparse {
        quote! {
            if let Some(item) = item {
                #call
            }
        }
    } else {
        call
    }
}

/// The loop over a map's entries: keys are reported at the map's path (as Smithy does),
/// values at `<map>/<key>` (`<map>/*** Sensitive Data Redacted ***` when sensitive);
/// `entry_check` comes with whether the map is sparse.
fn map_loop(
    key_check: Option<Check>,
    entry_check: Option<(Check, bool)>,
    sensitive: bool,
) -> Option<TokenStream> {
    let key_call = key_check.map(|check| check.call(&Place::reference("key"), quote!(path)));
    let entry_path = if sensitive {
        quote!(&path.key(#REDACTED))
    } else {
        // `as_str` serves both key types: `String` and generated string enums.
        quote!(&path.key(key.as_str()))
    };
    let entry_call = entry_check.map(|(check, sparse)| {
        skip_null_entries(sparse, check.call(&Place::reference("item"), entry_path))
    });
    match (key_call, entry_call) {
        (None, None) => None,
        (Some(key_call), None) => Some(quote! {
            for key in value.keys() {
                #key_call
            }
        }),
        (key_call, Some(entry_call)) => {
            let key = if key_call.is_none() && sensitive {
                quote!(_key)
            } else {
                quote!(key)
            };
            Some(quote! {
                for (#key, item) in value {
                    #key_call
                    #entry_call
                }
            })
        }
    }
}

/// The `&str` view of a string-like value (`value` or `value.as_str()`), if it is one.
fn text_of(shape: &Shape) -> Option<TokenStream> {
    match &shape.kind {
        ShapeKind::Scalar(Scalar::String) => Some(quote!(value)),
        ShapeKind::Enum(_) => Some(quote!(value.as_str())),
        _ => None,
    }
}

/// The numeric view of a number-like value.
fn number_of(shape: &Shape) -> Option<(Numeric, NumberExpr)> {
    match &shape.kind {
        ShapeKind::Scalar(scalar) => {
            let numeric = Numeric::of_scalar(*scalar)?;
            Some((
                numeric,
                NumberExpr {
                    by_value: quote!(*value),
                    by_ref: quote!(value),
                },
            ))
        }
        ShapeKind::IntEnum(values) => {
            let wide = values.iter().any(|v| i32::try_from(v.value).is_err());
            Some((
                Numeric::of_int_enum(wide),
                NumberExpr {
                    by_value: quote!(value.value()),
                    by_ref: quote!(&value.value()),
                },
            ))
        }
        _ => None,
    }
}

fn option_u64(value: Option<u64>) -> TokenStream {
    match value {
        Some(n) => {
            let n = proc_macro2::Literal::u64_unsuffixed(n);
            quote!(Some(#n))
        }
        None => quote!(None),
    }
}

/// The length check of `shape`: strings (and enums) in characters, counted only when the byte
/// length cannot decide (see `check_text_length`), the rest by `len()`.
fn length_check(shape: &Shape, length: LengthBounds) -> Option<TokenStream> {
    let (min, max) = (option_u64(length.min), option_u64(length.max));
    let text = match &shape.kind {
        ShapeKind::Scalar(Scalar::String) => quote!(value),
        ShapeKind::Enum(_) => quote!(value.as_str()),
        ShapeKind::Scalar(Scalar::Blob) | ShapeKind::List(_) | ShapeKind::Map { .. } => {
            return Some(quote!(errors.check_length(path, value.len(), #min, #max);));
        }
        _ => return None,
    };
    Some(quote!(errors.check_text_length(path, #text, #min, #max);))
}

fn range_check(
    numeric: Numeric,
    number: &NumberExpr,
    range: &crate::model::RangeBounds,
) -> Option<TokenStream> {
    let bound = |b: &Option<Bound>| match b {
        Some(Bound {
            value,
            exclusive: false,
        }) => quote!(Some(Bound::inclusive(#value))),
        Some(Bound {
            value,
            exclusive: true,
        }) => quote!(Some(Bound::exclusive(#value))),
        None => quote!(None),
    };
    let (min, max) = (bound(&range.min), bound(&range.max));
    if numeric == Numeric::Big {
        return Some(quote! {
            errors.check_decimal_range(path, value.as_str(), #min, #max);
        });
    }
    let violated = range_violated(numeric, number, range)?;
    Some(quote! {
        if #violated {
            errors.report(path, ViolationKind::Range { min: #min, max: #max });
        }
    })
}

/// `!test`, with parentheses only when the test needs them.
fn negate(test: TokenStream) -> TokenStream {
    match syn::parse2::<syn::Expr>(test.clone()) {
        Ok(syn::Expr::MethodCall(_) | syn::Expr::Call(_) | syn::Expr::Path(_)) => quote!(!#test),
        _ => quote!(!(#test)),
    }
}

/// The condition under which `value` differs from the constant `expected`.
fn value_differs(shape: &Shape, text: &Option<TokenStream>, expected: &Value) -> TokenStream {
    match (&shape.kind, expected) {
        (_, Value::String(s)) if text.is_some() => quote!(#text != #s),
        (ShapeKind::Scalar(Scalar::Boolean), Value::Bool(true)) => quote!(!*value),
        (ShapeKind::Scalar(Scalar::Boolean), Value::Bool(false)) => quote!(*value),
        (ShapeKind::Scalar(scalar), Value::Number(n)) if is_primitive_number(*scalar) => {
            match number_literal(*scalar, n) {
                Some(literal) => quote!(*value != #literal),
                None => quote!(true),
            }
        }
        _ => {
            let json = expected.to_string();
            quote!(!json_equals(value, #json))
        }
    }
}

fn is_primitive_number(scalar: Scalar) -> bool {
    matches!(
        Numeric::of_scalar(scalar),
        Some(Numeric::Integer { .. } | Numeric::Float32 | Numeric::Float64)
    )
}

/// A literal of the scalar's type for a JSON number, `None` when no value of the type equals it.
fn number_literal(scalar: Scalar, number: &serde_json::Number) -> Option<TokenStream> {
    match Numeric::of_scalar(scalar)? {
        Numeric::Integer { min, max } => {
            let n = i128::from(number.as_i64()?);
            (n >= min && n <= max).then(|| {
                let literal = proc_macro2::Literal::i128_unsuffixed(n);
                quote!(#literal)
            })
        }
        Numeric::Float32 | Numeric::Float64 => {
            let literal = proc_macro2::Literal::f64_unsuffixed(number.as_f64()?);
            Some(quote!(#literal))
        }
        Numeric::Big => None,
    }
}

/// The check that `value` is one of `allowed` (JSON Schema `enum` on a non-enum type).
fn allowed_check(shape: &Shape, text: &Option<TokenStream>, allowed: &[Value]) -> TokenStream {
    let listed = allowed
        .iter()
        .map(|v| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect::<Vec<_>>()
        .join(", ");
    let listed = format!("[{listed}]");
    let outside = match (&shape.kind, text) {
        (_, Some(text)) => {
            let strings: Vec<&str> = allowed.iter().filter_map(Value::as_str).collect();
            if strings.is_empty() {
                quote!(true)
            } else {
                quote!(!matches!(#text, #(#strings)|*))
            }
        }
        (ShapeKind::Scalar(scalar), _) if is_primitive_number(*scalar) => {
            let literals: Vec<TokenStream> = allowed
                .iter()
                .filter_map(|v| v.as_number())
                .filter_map(|n| number_literal(*scalar, n))
                .collect();
            match Numeric::of_scalar(*scalar) {
                _ if literals.is_empty() => quote!(true),
                Some(Numeric::Integer { .. }) => quote!(!matches!(*value, #(#literals)|*)),
                _ => quote!(![#(#literals),*].contains(value)),
            }
        }
        _ => {
            let texts: Vec<String> = allowed.iter().map(Value::to_string).collect();
            quote!(![#(#texts),*].iter().all(|expected| !json_equals(value, expected)))
        }
    };
    quote! {
        if #outside {
            errors.report(path, ViolationKind::Enum { allowed: #listed });
        }
    }
}

/// Which structures and unions have anything to check, to a fixed point (a recursive type
/// with nothing to check needs no calls).
fn needs_validation(space: &TypeSpace<'_>) -> FxHashMap<ShapeId, bool> {
    let model = space.model;
    let mut needs: FxHashMap<ShapeId, bool> = model
        .shapes
        .values()
        .filter(|s| has_own_impl(s))
        .map(|s| {
            let always = matches!(s.kind, ShapeKind::Enum(_) | ShapeKind::IntEnum(_));
            (s.id.clone(), always || !s.constraints.is_empty())
        })
        .collect();
    loop {
        let mut changed = false;
        for shape in model.shapes.values() {
            if needs.get(&shape.id) != Some(&false) {
                continue;
            }
            let members: Vec<&Member> = match &shape.kind {
                ShapeKind::Structure(s) => s.members.iter().collect(),
                ShapeKind::Union(u) => u.members.iter().collect(),
                _ => continue,
            };
            let additional = match &shape.kind {
                ShapeKind::Structure(s) => match &s.additional {
                    AdditionalMembers::Map(target) => {
                        use_has_checks(space, &needs, target, &Constraints::default(), 0)
                    }
                    _ => false,
                },
                _ => false,
            };
            let any = additional
                || members.iter().any(|m| {
                    reports_missing(space, shape, m)
                        || use_has_checks(space, &needs, &m.target, &use_constraints(space, m), 0)
                });
            if any {
                needs.insert(shape.id.clone(), true);
                changed = true;
            }
        }
        if !changed {
            return needs;
        }
    }
}

/// The constraints checked at a member's use (see [`Emitter::member_use`]).
fn use_constraints(space: &TypeSpace<'_>, member: &Member) -> Constraints {
    match space.shape(&member.target) {
        Some(target) if has_own_impl(target) => member.constraints.clone(),
        _ => space.effective_constraints(member),
    }
}

fn use_has_checks(
    space: &TypeSpace<'_>,
    needs: &FxHashMap<ShapeId, bool>,
    target: &ShapeId,
    constraints: &Constraints,
    depth: usize,
) -> bool {
    let Some(shape) = space.shape(target) else {
        return false;
    };
    if !constraints.is_empty() || (!has_own_impl(shape) && !shape.constraints.is_empty()) {
        return true;
    }
    if depth > MAX_DEPTH {
        return false;
    }
    let inner = |m: &Member| {
        use_has_checks(
            space,
            needs,
            &m.target,
            &use_constraints(space, m),
            depth + 1,
        )
    };
    match &shape.kind {
        _ if has_own_impl(shape) => needs.get(target).copied().unwrap_or(false),
        ShapeKind::List(item) => inner(item),
        ShapeKind::Map { key, value } => inner(key) || inner(value),
        _ => false,
    }
}

/// Whether the member writes a pattern of its own (as a constraint, or inside a JSON Schema
/// assertion), so that an invalid pattern is reported at the member rather than its target.
fn has_own_pattern(member: &Member) -> bool {
    let mut found = !member.constraints.patterns.is_empty();
    visit_assertions(&member.constraints.assertions, &mut |assertion| {
        found |= matches!(assertion, Assertion::Pattern(_));
    });
    found
}
