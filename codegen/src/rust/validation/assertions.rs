//! Assertions ([`crate::model::Assertion`]) as generated code: one private `json_*` function per
//! distinct [`JsonCheck`], with the signature of the runtime's `JsonCheck` type
//! (`fn(&serde_json::Value, &Path<'_>, &mut ValidationErrors)`), so that applicators (`anyOf`,
//! `oneOf`, `not`, conditions, `contains`) can run a nested check on its own and count whether
//! it passed. A reference to a named shape becomes one `json_shape_*` function per shape, which
//! reads the JSON as that shape's Rust type and validates it; recursion goes through them.

use proc_macro2::{Ident, TokenStream};
use quote::quote;
use serde_json::Value;

use super::checks::{has_own_impl, Emitter, Place, Use};
use crate::model::{Assertion, Bound, JsonCheck, LengthBounds, RangeBounds, ShapeId, ShapeKind};
use crate::rust::naming::field_case;
use crate::rust::typespace::Module;

impl Emitter<'_, '_> {
    /// The statements that check `assertions` on `value` (a reference to a value of a shape of
    /// kind `kind`): directly for JSON documents, on the value serialized to JSON otherwise.
    pub fn assertion_checks(
        &mut self,
        kind: &ShapeKind,
        assertions: &[Assertion],
        use_: &Use,
    ) -> Option<TokenStream> {
        if assertions.is_empty() {
            return None;
        }
        let check = JsonCheck::new(assertions.to_vec());
        let function = self.json_check_fn(&check, &self.hint(use_), use_);
        Some(if matches!(kind, ShapeKind::Document) {
            quote!(#function(value, path, errors);)
        } else {
            quote! {
                match serde_json::to_value(value) {
                    Ok(json) => #function(&json, path, errors),
                    Err(_) => errors.report(path, ViolationKind::Other),
                }
            }
        })
    }

    /// The function that checks `check`, generated the first time it is asked for.
    pub fn json_check_fn(&mut self, check: &JsonCheck, hint: &str, use_: &Use) -> Ident {
        let key = format!("{check:?}");
        if let Some(known) = self.json_checks.get(&key) {
            return known.clone();
        }
        let name = self.unique_function(&format!("json_{hint}"));
        self.json_checks.insert(key, name.clone());
        let body: Vec<TokenStream> = check
            .assertions
            .iter()
            .map(|assertion| self.assertion(assertion, hint, use_))
            .collect();
        let body = quote!(#(#body)*);
        let param = |name: &str| {
            if uses_ident(&body, name) {
                let ident = proc_macro2::Ident::new(name, proc_macro2::Span::call_site());
                quote!(#ident)
            } else {
                let ident =
                    proc_macro2::Ident::new(&format!("_{name}"), proc_macro2::Span::call_site());
                quote!(#ident)
            }
        };
        let (json, path, errors) = (param("json"), param("path"), param("errors"));
        self.push_helper(quote! {
            #[doc = " Checks a JSON value against one schema."]
            fn #name(#json: &serde_json::Value, #path: &Path<'_>, #errors: &mut ValidationErrors) {
                #body
            }
        });
        name
    }

    /// The function that reads JSON as shape `id` and validates it.
    fn json_shape_fn(&mut self, id: &ShapeId) -> Ident {
        if let Some(known) = self.shape_checks.get(id) {
            return known.clone();
        }
        let stem = if id.is_prelude() {
            field_case(id.name())
        } else {
            field_case(self.space.names.type_name(id))
        };
        let name = self.unique_function(&format!("json_shape_{}", stem.trim_start_matches("r#")));
        self.shape_checks.insert(id.clone(), name.clone());
        let body = self.shape_body(id);
        self.push_helper(quote! {
            #[doc = " Checks that a JSON value is a valid value of one shape."]
            fn #name(json: &serde_json::Value, path: &Path<'_>, errors: &mut ValidationErrors) {
                #body
            }
        });
        name
    }

    fn shape_body(&mut self, id: &ShapeId) -> TokenStream {
        let Some(shape) = self.space.shape(id) else {
            return quote!(let _ = (json, path, errors););
        };
        if matches!(shape.kind, ShapeKind::Document) && is_only_assertions(&shape.constraints) {
            // Checked here rather than through the shape's `check_*` function, which may be
            // the one being generated when a schema refers to itself.
            let check = JsonCheck::new(shape.constraints.assertions.clone());
            let use_ = Use {
                target: id.clone(),
                constraints: shape.constraints.clone(),
                sensitive: shape.sensitive,
                origin: super::checks::UseOrigin::Target,
            };
            let function = self.json_check_fn(&check, &self.hint(&use_), &use_);
            return quote!(#function(json, path, errors););
        }
        let use_ = Use {
            target: id.clone(),
            constraints: if has_own_impl(shape) {
                Default::default()
            } else {
                shape.constraints.clone()
            },
            sensitive: shape.sensitive,
            origin: super::checks::UseOrigin::Target,
        };
        let check = self.value_check(&use_, 0);
        if matches!(shape.kind, ShapeKind::Document) {
            return match check {
                Some(check) => check.call(&Place::reference("json"), quote!(path)),
                None => quote!(let _ = (json, path, errors);),
            };
        }
        let ty = self.space.type_path(id, Module::Validation);
        let expected = super::json::expected_type(shape);
        let call = check
            .map(|check| check.call(&Place::reference("value"), quote!(path)))
            .unwrap_or_else(|| quote!(let _ = value;));
        let nulls = self.null_descent(id, quote!(path), 0);
        quote! {
            match read_by_value::<#ty>(json) {
                Some(value) => {
                    let value = &value;
                    #call
                    #nulls
                }
                None => errors.wrong_type(path, #expected),
            }
        }
    }

    /// The statement checking one assertion on `json` at `path`.
    fn assertion(&mut self, assertion: &Assertion, hint: &str, use_: &Use) -> TokenStream {
        match assertion {
            Assertion::Types(types) => {
                let bits = types.0;
                let names = types.names();
                quote! {
                    if !json_has_type(json, #bits) {
                        errors.wrong_type(path, #names);
                    }
                }
            }
            Assertion::Never => quote!(errors.report(path, ViolationKind::NotAllowed);),
            Assertion::Const(value) => {
                let text = value.to_string();
                quote! {
                    {
                        static EXPECTED: std::sync::LazyLock<serde_json::Value> =
                            std::sync::LazyLock::new(|| json_literal(#text));
                        if !json_equal(json, &EXPECTED) {
                            errors.report(path, ViolationKind::Const { value: #text });
                        }
                    }
                }
            }
            Assertion::Enum(values) => enum_check(values),
            Assertion::StringLength(bounds) => {
                let (min, max) = bounds_tokens(*bounds);
                quote! {
                    if let Some(text) = json.as_str() {
                        errors.check_text_length(path, text, #min, #max);
                    }
                }
            }
            Assertion::Pattern(pattern) => {
                let text = quote!(text);
                match self.pattern_test(pattern, &text, hint, use_) {
                    Some(test) => quote! {
                        if let Some(text) = json.as_str() {
                            if !(#test) {
                                errors.report(path, ViolationKind::Pattern { pattern: #pattern });
                            }
                        }
                    },
                    None => TokenStream::new(),
                }
            }
            Assertion::Range(range) => {
                let (min, max) = range_tokens(range);
                quote! {
                    if let Some(number) = json.as_number() {
                        if !json_number_in_range(number, #min, #max) {
                            errors.report(path, ViolationKind::Range { min: #min, max: #max });
                        }
                    }
                }
            }
            Assertion::MultipleOf(divisor) => quote! {
                if let Some(number) = json.as_number() {
                    if !json_multiple_of(number, #divisor) {
                        errors.report(path, ViolationKind::MultipleOf { divisor: #divisor });
                    }
                }
            },
            Assertion::ItemCount(bounds) => {
                let (min, max) = bounds_tokens(*bounds);
                quote! {
                    if let Some(items) = json.as_array() {
                        errors.check_length(path, items.len(), #min, #max);
                    }
                }
            }
            Assertion::UniqueItems => quote! {
                if let Some(items) = json.as_array() {
                    if !json_all_unique(items) {
                        errors.report(path, ViolationKind::Unique);
                    }
                }
            },
            Assertion::Items { prefix, rest } => {
                self.items_check(prefix, rest.as_ref(), hint, use_)
            }
            Assertion::Contains { check, min, max } => {
                let function = self.json_check_fn(check, &format!("{hint}_contains"), use_);
                let (min, max) = bounds_tokens(LengthBounds {
                    min: Some(*min),
                    max: *max,
                });
                quote! {
                    if let Some(items) = json.as_array() {
                        let count = items
                            .iter()
                            .enumerate()
                            .filter(|(index, item)| passes(#function, item, &path.index(*index)))
                            .count();
                        errors.check_contains(path, count, #min, #max);
                    }
                }
            }
            Assertion::PropertyCount(bounds) => {
                let (min, max) = bounds_tokens(*bounds);
                quote! {
                    if let Some(object) = json.as_object() {
                        errors.check_property_count(path, object.len(), #min, #max);
                    }
                }
            }
            Assertion::Required(names) if names.len() == 1 => {
                let name = &names[0];
                quote! {
                    if json.as_object().is_some_and(|object| !object.contains_key(#name)) {
                        errors.missing(&path.field(#name));
                    }
                }
            }
            Assertion::Required(names) => quote! {
                if let Some(object) = json.as_object() {
                    for name in [#(#names),*] {
                        if !object.contains_key(name) {
                            errors.missing(&path.field(name));
                        }
                    }
                }
            },
            Assertion::Properties {
                named,
                patterns,
                additional,
            } => self.properties_check(named, patterns, additional.as_ref(), hint, use_),
            Assertion::PropertyNames(check) => {
                let function = self.json_check_fn(check, &format!("{hint}_name"), use_);
                quote! {
                    if let Some(object) = json.as_object() {
                        for key in object.keys() {
                            let name = serde_json::Value::String(key.clone());
                            if !passes(#function, &name, path) {
                                errors.report(&path.key(key), ViolationKind::PropertyName);
                            }
                        }
                    }
                }
            }
            Assertion::DependentRequired(dependencies) => {
                let arms = dependencies.iter().map(|(property, required)| {
                    quote! {
                        if object.contains_key(#property) {
                            for name in [#(#required),*] {
                                if !object.contains_key(name) {
                                    errors.report(
                                        &path.field(name),
                                        ViolationKind::Dependent { property: #property },
                                    );
                                }
                            }
                        }
                    }
                });
                quote! {
                    if let Some(object) = json.as_object() {
                        #(#arms)*
                    }
                }
            }
            Assertion::DependentChecks(dependencies) => {
                let arms: Vec<TokenStream> = dependencies
                    .iter()
                    .map(|(property, check)| {
                        let hint = format!("{hint}_dependent");
                        let function = self.json_check_fn(check, &hint, use_);
                        quote! {
                            if object.contains_key(#property) {
                                #function(json, path, errors);
                            }
                        }
                    })
                    .collect();
                quote! {
                    if let Some(object) = json.as_object() {
                        #(#arms)*
                    }
                }
            }
            Assertion::Not(check) => {
                let function = self.json_check_fn(check, &format!("{hint}_not"), use_);
                quote! {
                    if passes(#function, json, path) {
                        errors.report(path, ViolationKind::Not);
                    }
                }
            }
            Assertion::AnyOf(checks) => {
                let functions = self.branch_fns(checks, hint, use_);
                let count = checks.len();
                quote! {
                    let branches: [JsonCheck; #count] = [#(#functions),*];
                    if !branches.iter().any(|branch| passes(*branch, json, path)) {
                        errors.report(path, ViolationKind::AnyOf { count: #count });
                    }
                }
            }
            Assertion::OneOf(checks) => {
                let functions = self.branch_fns(checks, hint, use_);
                let count = checks.len();
                quote! {
                    let branches: [JsonCheck; #count] = [#(#functions),*];
                    let matched = branches.iter().filter(|branch| passes(**branch, json, path)).count();
                    if matched != 1 {
                        errors.report(path, ViolationKind::OneOf { count: #count, matched });
                    }
                }
            }
            Assertion::Conditional {
                condition,
                then,
                otherwise,
            } => {
                let condition = self.json_check_fn(condition, &format!("{hint}_if"), use_);
                let then = (!then.accepts_all())
                    .then(|| self.json_check_fn(then, &format!("{hint}_then"), use_))
                    .map(|f| quote!(#f(json, path, errors);));
                let otherwise = (!otherwise.accepts_all())
                    .then(|| self.json_check_fn(otherwise, &format!("{hint}_else"), use_))
                    .map(|f| quote!(#f(json, path, errors);));
                match (then, otherwise) {
                    (Some(then), Some(otherwise)) => quote! {
                        if passes(#condition, json, path) {
                            #then
                        } else {
                            #otherwise
                        }
                    },
                    (Some(then), None) => quote! {
                        if passes(#condition, json, path) {
                            #then
                        }
                    },
                    (None, Some(otherwise)) => quote! {
                        if !passes(#condition, json, path) {
                            #otherwise
                        }
                    },
                    (None, None) => TokenStream::new(),
                }
            }
            Assertion::Shape(id) => {
                let function = self.json_shape_fn(id);
                quote!(#function(json, path, errors);)
            }
        }
    }

    fn branch_fns(&mut self, checks: &[JsonCheck], hint: &str, use_: &Use) -> Vec<Ident> {
        checks
            .iter()
            .enumerate()
            .map(|(index, check)| {
                self.json_check_fn(check, &format!("{hint}_branch{}", index + 1), use_)
            })
            .collect()
    }

    fn items_check(
        &mut self,
        prefix: &[JsonCheck],
        rest: Option<&JsonCheck>,
        hint: &str,
        use_: &Use,
    ) -> TokenStream {
        let mut arms = Vec::new();
        let mut free = Vec::new();
        for (index, check) in prefix.iter().enumerate() {
            if check.accepts_all() {
                free.push(index);
                continue;
            }
            let function = self.json_check_fn(check, &format!("{hint}_item{}", index + 1), use_);
            let index = proc_macro2::Literal::usize_unsuffixed(index);
            arms.push((index, function));
        }
        let rest = rest
            .filter(|check| !check.accepts_all())
            .map(|check| self.json_check_fn(check, &format!("{hint}_item"), use_));
        let body = match (arms.as_slice(), rest) {
            ([], None) => return TokenStream::new(),
            ([], Some(rest)) if free.is_empty() => quote!(#rest(item, &path.index(index), errors);),
            ([(index, function)], None) => quote! {
                if index == #index {
                    #function(item, &path.index(index), errors);
                }
            },
            (_, rest) => {
                let mut arms: Vec<TokenStream> = arms
                    .iter()
                    .map(|(index, function)| quote!(#index => #function(item, &path.index(index), errors),))
                    .collect();
                if rest.is_some() && !free.is_empty() {
                    let patterns = index_patterns(&free);
                    arms.push(quote!(#patterns => {}));
                }
                let rest = match rest {
                    Some(rest) => quote!(_ => #rest(item, &path.index(index), errors),),
                    None => quote!(_ => {}),
                };
                quote! {
                    match index {
                        #(#arms)*
                        #rest
                    }
                }
            }
        };
        quote! {
            if let Some(items) = json.as_array() {
                for (index, item) in items.iter().enumerate() {
                    #body
                }
            }
        }
    }

    fn properties_check(
        &mut self,
        named: &[(String, JsonCheck)],
        patterns: &[(String, JsonCheck)],
        additional: Option<&JsonCheck>,
        hint: &str,
        use_: &Use,
    ) -> TokenStream {
        let tracks = additional.is_some_and(|check| !check.accepts_all());
        let mut arms = Vec::new();
        let mut known = Vec::new();
        for (property, check) in named {
            if check.accepts_all() {
                known.push(property.clone());
                continue;
            }
            let stem = field_case(property);
            let function = self.json_check_fn(
                check,
                &format!("{hint}_{}", stem.trim_start_matches("r#")),
                use_,
            );
            let mark = tracks.then(|| quote!(matched = true;));
            arms.push((
                quote!(#property),
                quote!({ #mark #function(value, &at, errors); }),
            ));
        }
        if tracks && !known.is_empty() {
            arms.push((
                quote!(#(#known)|*),
                quote!({
                    matched = true;
                }),
            ));
        }
        let mut pattern_checks = Vec::new();
        for (index, (pattern, check)) in patterns.iter().enumerate() {
            if !tracks && check.accepts_all() {
                continue;
            }
            let key = quote!(key.as_str());
            let Some(test) =
                self.pattern_test(pattern, &key, &format!("{hint}_key{}", index + 1), use_)
            else {
                continue;
            };
            let mark = tracks.then(|| quote!(matched = true;));
            let call = (!check.accepts_all()).then(|| {
                let function =
                    self.json_check_fn(check, &format!("{hint}_pattern{}", index + 1), use_);
                quote!(#function(value, &at, errors);)
            });
            pattern_checks.push(quote! {
                if #test {
                    #mark
                    #call
                }
            });
        }
        let additional_call = match additional {
            Some(check) if tracks && check.assertions == [Assertion::Never] => {
                Some(quote!(errors.report(&at, ViolationKind::AdditionalProperty);))
            }
            Some(check) if tracks => {
                let function = self.json_check_fn(check, &format!("{hint}_additional"), use_);
                Some(quote!(#function(value, &at, errors);))
            }
            _ => None,
        };
        if arms.is_empty() && pattern_checks.is_empty() && additional_call.is_none() {
            return TokenStream::new();
        }
        let named_match = match arms.as_slice() {
            [] => None,
            [(names, body)] if named.len() == 1 => Some(quote!(if key == #names #body)),
            [(names, body)] => Some(quote!(if matches!(key.as_str(), #names) #body)),
            _ => {
                let arms = arms.iter().map(|(names, body)| quote!(#names => #body));
                Some(quote! {
                    match key.as_str() {
                        #(#arms)*
                        _ => {}
                    }
                })
            }
        };
        let marks = named_match.is_some() || !pattern_checks.is_empty();
        let declare = (tracks && marks).then(|| quote!(let mut matched = false;));
        let additional_call = additional_call.map(|call| {
            if marks {
                quote!(if !matched { #call })
            } else {
                call
            }
        });
        let body = quote! {
            #declare
            #named_match
            #(#pattern_checks)*
            #additional_call
        };
        let value = if uses_ident(&body, "value") {
            quote!(value)
        } else {
            quote!(_value)
        };
        let at = uses_ident(&body, "at").then(|| quote!(let at = path.key(key);));
        quote! {
            if let Some(object) = json.as_object() {
                for (key, #value) in object {
                    #at
                    #body
                }
            }
        }
    }
}

/// Whether `tokens` use the identifier `name` anywhere.
fn uses_ident(tokens: &TokenStream, name: &str) -> bool {
    tokens.clone().into_iter().any(|token| match token {
        proc_macro2::TokenTree::Ident(ident) => ident == name,
        proc_macro2::TokenTree::Group(group) => uses_ident(&group.stream(), name),
        _ => false,
    })
}

/// `0..=2 | 5`: the patterns of a set of positions, contiguous runs as ranges.
fn index_patterns(indexes: &[usize]) -> TokenStream {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &index in indexes {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == index => *end = index,
            _ => runs.push((index, index)),
        }
    }
    let patterns = runs.into_iter().map(|(start, end)| {
        let (first, last) = (
            proc_macro2::Literal::usize_unsuffixed(start),
            proc_macro2::Literal::usize_unsuffixed(end),
        );
        if start == end {
            quote!(#first)
        } else {
            quote!(#first..=#last)
        }
    });
    quote!(#(#patterns)|*)
}

/// Whether constraints hold nothing but assertions.
fn is_only_assertions(constraints: &crate::model::Constraints) -> bool {
    let without = crate::model::Constraints {
        assertions: Vec::new(),
        ..constraints.clone()
    };
    without.is_empty()
}

/// The check that a value is one of `values` (by value).
fn enum_check(values: &[Value]) -> TokenStream {
    let texts: Vec<String> = values.iter().map(Value::to_string).collect();
    let listed = format!(
        "[{}]",
        values
            .iter()
            .map(|v| match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    );
    let count = texts.len();
    quote! {
        {
            static ALLOWED: std::sync::LazyLock<[serde_json::Value; #count]> =
                std::sync::LazyLock::new(|| [#(json_literal(#texts)),*]);
            if !ALLOWED.iter().any(|allowed| json_equal(json, allowed)) {
                errors.report(path, ViolationKind::Enum { allowed: #listed });
            }
        }
    }
}

fn bounds_tokens(bounds: LengthBounds) -> (TokenStream, TokenStream) {
    let option = |value: Option<u64>| match value {
        Some(n) => {
            let n = proc_macro2::Literal::u64_unsuffixed(n);
            quote!(Some(#n))
        }
        None => quote!(None),
    };
    (option(bounds.min), option(bounds.max))
}

fn range_tokens(range: &RangeBounds) -> (TokenStream, TokenStream) {
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
    (bound(&range.min), bound(&range.max))
}
