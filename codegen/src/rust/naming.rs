//! Naming: the one place that decides every Rust identifier of a generated crate.
//!
//! The rules, applied in shape-id order so the outcome never depends on input order:
//! - types are the UpperCamelCase of the shape name (`ClientIdType`); fields are snake_case of
//!   the member name (`client_id`); enum variants are UpperCamelCase of the value's name (`Sms`);
//!   operations keep their UpperCamelCase name (`ResendConfirmationCode`).
//! - characters that cannot be in an identifier become `_`; a name that starts with a digit gets
//!   a prefix (`V` for types and variants, `n` for fields); an empty name becomes `Unnamed`/`unnamed`.
//! - Rust keywords are written as raw identifiers (`r#type`); `self`, `super`, `crate` and `Self`,
//!   which cannot be raw, get a trailing `_`.
//! - type names that would shadow what generated code uses (`String`, `Option`, `Vec`, ...) get the
//!   suffix `Value`.
//! - collisions: the first name (in shape-id order for types, in definition order for fields and
//!   variants) keeps the name; each later one gets the suffix `2`, `3`, ... and a warning is
//!   reported naming both.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};
use rustc_hash::FxHashMap;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Model, ShapeId, ShapeKind};

/// Names generated code uses from the prelude or std; a type of the same name would shadow them.
const SHADOWING_TYPE_NAMES: &[&str] = &[
    "Box",
    "Clone",
    "Debug",
    "Default",
    "Deserialize",
    "Err",
    "Error",
    "HashMap",
    "None",
    "Ok",
    "Operation",
    "Option",
    "Result",
    "Self",
    "Serialize",
    "Some",
    "String",
    "Validate",
    "Value",
    "Vec",
];

/// Rust keywords (2021 edition, strict and reserved).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NON_RAW_KEYWORDS: &[&str] = &["self", "Self", "super", "crate"];

/// Every Rust name of a model, decided once.
///
/// The maps are hashed: they are only looked up, many times, never walked in order.
#[derive(Debug, Clone, Default)]
pub struct Names {
    types: FxHashMap<ShapeId, String>,
    operations: FxHashMap<ShapeId, String>,
    fields: FxHashMap<ShapeId, Vec<String>>,
    variants: FxHashMap<ShapeId, Vec<String>>,
    warnings: Diagnostics,
}

impl Names {
    /// Decides every name in `model`.
    pub fn new(model: &Model) -> Self {
        let mut names = Names::default();
        names.name_types(model);
        names.name_operations(model);
        for shape in model.shapes.values() {
            names.name_members(shape);
        }
        names
    }

    /// The Rust type name of a shape (structures, unions, enums, aliases, errors).
    pub fn type_name(&self, id: &ShapeId) -> &str {
        self.types
            .get(id)
            .map(String::as_str)
            .unwrap_or("UnknownShape")
    }

    /// The type name as an identifier.
    pub fn type_ident(&self, id: &ShapeId) -> Ident {
        ident(self.type_name(id))
    }

    /// The Rust name of an operation's unit struct.
    pub fn operation_name(&self, id: &ShapeId) -> &str {
        self.operations
            .get(id)
            .map(String::as_str)
            .unwrap_or("UnknownOperation")
    }

    /// The operation name as an identifier.
    pub fn operation_ident(&self, id: &ShapeId) -> Ident {
        ident(self.operation_name(id))
    }

    /// The field name of member `index` of a structure (or the variant of a union member).
    pub fn field_name(&self, shape: &ShapeId, index: usize) -> &str {
        self.fields
            .get(shape)
            .and_then(|f| f.get(index))
            .map(String::as_str)
            .unwrap_or("unnamed")
    }

    /// The field name as an identifier (raw for keywords).
    pub fn field_ident(&self, shape: &ShapeId, index: usize) -> Ident {
        ident(self.field_name(shape, index))
    }

    /// The variant name of value or member `index` of an enum, intEnum or union.
    pub fn variant_name(&self, shape: &ShapeId, index: usize) -> &str {
        self.variants
            .get(shape)
            .and_then(|v| v.get(index))
            .map(String::as_str)
            .unwrap_or("Unnamed")
    }

    /// The variant name as an identifier.
    pub fn variant_ident(&self, shape: &ShapeId, index: usize) -> Ident {
        ident(self.variant_name(shape, index))
    }

    /// Warnings about names that had to change (collisions).
    pub fn warnings(&self) -> &Diagnostics {
        &self.warnings
    }

    fn name_types(&mut self, model: &Model) {
        let mut taken = NameSet::default();
        for (id, shape) in &model.shapes {
            if id.is_prelude() {
                continue;
            }
            let mut base = type_case(id.name());
            if SHADOWING_TYPE_NAMES.contains(&base.as_str()) {
                base.push_str("Value");
            }
            taken.claim(&base, || {
                Diagnostic::warning(
                    shape.source.file.to_string(),
                    id.to_string(),
                    format!("Rust type name `{base}` is taken by another shape"),
                )
            });
            self.types.insert(id.clone(), taken.last_name.clone());
            self.take_warning(&mut taken);
        }
    }

    fn name_operations(&mut self, model: &Model) {
        let mut taken = NameSet::default();
        for (id, operation) in &model.operations {
            let base = type_case(id.name());
            taken.claim(&base, || {
                Diagnostic::warning(
                    operation.source.file.to_string(),
                    id.to_string(),
                    format!("Rust operation name `{base}` is taken by another operation"),
                )
            });
            self.operations.insert(id.clone(), taken.last_name.clone());
            self.take_warning(&mut taken);
        }
    }

    fn name_members(&mut self, shape: &crate::model::Shape) {
        let id = &shape.id;
        let file = shape.source.file.to_string();
        match &shape.kind {
            ShapeKind::Structure(s) => {
                let candidates = s.members.iter().map(|m| (&*m.name, field_case(&m.name)));
                let fields = self.unique(&file, id, candidates);
                self.fields.insert(id.clone(), fields);
            }
            ShapeKind::Union(u) => {
                let candidates = u.members.iter().map(|m| (&*m.name, variant_case(&m.name)));
                let variants = self.unique(&file, id, candidates);
                self.variants.insert(id.clone(), variants);
            }
            ShapeKind::Enum(values) => {
                let candidates = values.iter().map(|v| (&*v.name, variant_case(&v.name)));
                let variants = self.unique_enum(&file, id, candidates);
                self.variants.insert(id.clone(), variants);
            }
            ShapeKind::IntEnum(values) => {
                let candidates = values.iter().map(|v| (&*v.name, variant_case(&v.name)));
                let variants = self.unique_enum(&file, id, candidates);
                self.variants.insert(id.clone(), variants);
            }
            _ => {}
        }
    }

    /// Enum variant names, with `Unknown` reserved for the catch-all variant.
    fn unique_enum<'n>(
        &mut self,
        file: &str,
        id: &ShapeId,
        names: impl Iterator<Item = (&'n str, String)>,
    ) -> Vec<String> {
        let mut taken = NameSet::default();
        taken.names.insert("Unknown".to_string());
        self.unique_in(&mut taken, file, id, names)
    }

    fn unique<'n>(
        &mut self,
        file: &str,
        id: &ShapeId,
        names: impl Iterator<Item = (&'n str, String)>,
    ) -> Vec<String> {
        let mut taken = NameSet::default();
        self.unique_in(&mut taken, file, id, names)
    }

    fn unique_in<'n>(
        &mut self,
        taken: &mut NameSet,
        file: &str,
        id: &ShapeId,
        names: impl Iterator<Item = (&'n str, String)>,
    ) -> Vec<String> {
        let mut out = Vec::new();
        for (member, base) in names {
            taken.claim(&base, || {
                Diagnostic::warning(
                    file,
                    format!("{id}${member}"),
                    format!("two members map to the Rust name `{base}`"),
                )
            });
            out.push(taken.last_name.clone());
            self.take_warning(taken);
        }
        out
    }

    fn take_warning(&mut self, taken: &mut NameSet) {
        if let Some(warning) = taken.last_warning.take() {
            self.warnings.push(warning);
        }
    }
}

/// Names already given in one scope.
#[derive(Default)]
struct NameSet {
    names: BTreeSet<String>,
    last_name: String,
    last_warning: Option<Diagnostic>,
}

impl NameSet {
    /// Claims `base`, or `base2`, `base3`, ... when taken (then with a warning from `warn`,
    /// completed with the name chosen).
    fn claim(&mut self, base: &str, warn: impl FnOnce() -> Diagnostic) {
        let mut name = base.to_string();
        let mut n = 2;
        while self.names.contains(&name) || self.names.contains(name.trim_start_matches("r#")) {
            name = format!("{}{n}", base.trim_start_matches("r#"));
            n += 1;
        }
        if name != base {
            let mut warning = warn();
            warning.message = format!("{}; using `{name}`", warning.message);
            self.last_warning = Some(warning);
        }
        self.names.insert(name.trim_start_matches("r#").to_string());
        self.last_name = name;
    }
}

/// UpperCamelCase identifier for a type or operation.
pub fn type_case(name: &str) -> String {
    let cased = sanitize(name).to_upper_camel_case();
    finish_identifier(cased, "V", "Unnamed")
}

/// UpperCamelCase identifier for an enum or union variant.
pub fn variant_case(name: &str) -> String {
    type_case(name)
}

/// snake_case identifier for a field.
pub fn field_case(name: &str) -> String {
    let cased = sanitize(name).to_snake_case();
    finish_identifier(cased, "n", "unnamed")
}

/// UPPER_SNAKE_CASE identifier for a static.
pub fn static_case(name: &str) -> String {
    field_case(name).trim_start_matches("r#").to_uppercase()
}

/// Replaces everything that cannot be part of an identifier with `_`.
fn sanitize(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

fn finish_identifier(cased: String, digit_prefix: &str, empty: &str) -> String {
    let cased = cased.trim_matches('_').to_string();
    if cased.is_empty() {
        return empty.to_string();
    }
    if cased.starts_with(|c: char| c.is_ascii_digit()) {
        return format!("{digit_prefix}{cased}");
    }
    escape_keyword(cased)
}

fn escape_keyword(name: String) -> String {
    if NON_RAW_KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// An identifier, raw when written `r#name`.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Member, Shape, Structure};

    #[test]
    fn cases_names_as_rust_expects() {
        assert_eq!(type_case("ClientIdType"), "ClientIdType");
        assert_eq!(
            type_case("AWSCognitoIdentityProviderService"),
            "AwsCognitoIdentityProviderService"
        );
        assert_eq!(field_case("ClientId"), "client_id");
        assert_eq!(field_case("type"), "r#type");
        assert_eq!(field_case("self"), "self_");
        assert_eq!(field_case("2fa"), "n2fa");
        assert_eq!(field_case("x-amz-date"), "x_amz_date");
        assert_eq!(variant_case("SMS"), "Sms");
        assert_eq!(variant_case("us-east-1"), "UsEast1");
        assert_eq!(variant_case("1x"), "V1x");
        assert_eq!(variant_case("***"), "Unnamed");
        assert_eq!(static_case("ClientIdType"), "CLIENT_ID_TYPE");
    }

    #[test]
    fn colliding_fields_get_numbered_with_a_warning() {
        let id = ShapeId::new("ns", "S");
        let string = ShapeId::new("smithy.api", "String");
        let structure = Structure {
            members: vec![
                Member::new("fooBar", string.clone()),
                Member::new("FooBar", string),
            ],
            ..Default::default()
        };
        let mut model = Model::default();
        model.shapes.insert(
            id.clone(),
            Shape::new(id.clone(), ShapeKind::Structure(structure)),
        );
        let names = Names::new(&model);
        assert_eq!(names.field_name(&id, 0), "foo_bar");
        assert_eq!(names.field_name(&id, 1), "foo_bar2");
        let warning = names.warnings().iter().next().unwrap();
        assert!(warning.message.contains("using `foo_bar2`"), "{warning}");
    }

    #[test]
    fn shadowing_and_colliding_type_names_are_renamed() {
        let mut model = Model::default();
        for (ns, name) in [("a", "String"), ("a", "Foo"), ("b", "Foo")] {
            let id = ShapeId::new(ns, name);
            model.shapes.insert(
                id.clone(),
                Shape::new(id, ShapeKind::Scalar(crate::model::Scalar::String)),
            );
        }
        let names = Names::new(&model);
        assert_eq!(names.type_name(&ShapeId::new("a", "String")), "StringValue");
        assert_eq!(names.type_name(&ShapeId::new("a", "Foo")), "Foo");
        assert_eq!(names.type_name(&ShapeId::new("b", "Foo")), "Foo2");
    }
}
