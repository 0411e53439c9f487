//! `impl Validate` and `impl FromJson` of a structure as one call of the runtime's
//! `structure_validation_impls!` macro (see `runtime/structure_validation.rs`), with a row per
//! member, written as text so that it skips formatting. Only structures whose every part the
//! macro reproduces exactly get a table; the rest are written out by [`super::checks`] and
//! [`super::json`].

use std::fmt::Write as _;

use proc_macro2::{Literal, TokenStream};

use super::checks::{has_own_impl, reports_missing, Check, Emitter, Use};
use super::json::{expected_type, MAX_DEPTH};
use super::nulls::null_report;
use crate::model::{AdditionalMembers, Member, Shape, ShapeKind};

/// The macro's name, as called.
const MACRO: &str = "structure_validation_impls!";

impl Emitter<'_, '_> {
    /// The `structure_validation_impls!` call implementing `Validate` and `FromJson` for
    /// `shape`, as formatted text; `None` when the shape is not a structure or has a part the
    /// macro does not reproduce (own constraints, members with forms of their own). Calls the
    /// same checks, in the same order, as the written-out impls, so either way the same
    /// `check_*` functions result.
    pub fn structure_table(&mut self, shape: &Shape) -> Option<String> {
        let ShapeKind::Structure(structure) = &shape.kind else {
            return None;
        };
        if !shape.constraints.is_empty() {
            return None;
        }
        let uses: Vec<Use> = structure
            .members
            .iter()
            .map(|member| self.member_use(shape, member, shape.sensitive))
            .collect();
        let checks: Vec<Option<Check>> =
            uses.iter().map(|use_| self.value_check(use_, 0)).collect();
        let additional_check = match &structure.additional {
            AdditionalMembers::Map(target) => {
                let use_ = self.additional_use(shape, target);
                self.value_check(&use_, 0)
            }
            _ => None,
        };
        let mut rows = Vec::new();
        let mut validates = additional_check.is_some();
        let members = structure.members.iter().zip(&checks).zip(&uses);
        for (index, ((member, check), use_)) in members.enumerate() {
            let presence = self.presence(shape, member);
            validates |= check.is_some() || presence == "required_option";
            let typed = self.typed_row(use_, Some((shape, member)), 0)?;
            if typed == TypedRow::Any && presence == "optional" {
                continue;
            }
            let field = self.space.names.field_ident(&shape.id, index);
            let wire = Literal::string(&member.wire_name);
            let typed = match typed {
                TypedRow::Any => {
                    let ty = self.type_text(use_)?;
                    format!("{ty} => _ any")
                }
                TypedRow::Read(text) => text,
            };
            rows.push(format!("{field} {wire} {presence} {typed};"));
        }
        let unknown = self.unknown_section(shape, &structure.additional)?;
        let nulls = self.nulls_section(shape)?;
        let name = self.type_text_of(&shape.id)?;
        let mut text = format!("{MACRO} {{\n    {name}");
        let plain = !shape.exact_json && nulls.is_empty() && unknown.is_empty();
        if rows.is_empty() && plain {
            text.push_str(" {}\n}\n");
            return Some(text);
        }
        if !validates {
            text.push_str(", json only");
        }
        if shape.exact_json {
            text.push_str(", exact json");
        }
        text.push_str(" {\n");
        for row in rows {
            let _ = writeln!(text, "        {row}");
        }
        text.push_str("    }");
        text.push_str(&nulls);
        text.push_str(&unknown);
        text.push_str("\n}\n");
        Some(text)
    }

    /// The `unknown ...` section: what `check_json` (and, for a map with a check, `validate`)
    /// does with members the structure does not name, mirroring [`super::json`]'s
    /// `structure_check` and [`super::checks`]' `structure_body`; empty for `Ignore` and for
    /// a map whose values are any JSON value.
    fn unknown_section(&mut self, shape: &Shape, rule: &AdditionalMembers) -> Option<String> {
        let typed = match rule {
            AdditionalMembers::Ignore => return Some(String::new()),
            AdditionalMembers::Deny => None,
            AdditionalMembers::Map(target) => {
                let use_ = self.additional_use(shape, target);
                match self.typed_row(&use_, None, 0)? {
                    TypedRow::Any => return Some(String::new()),
                    TypedRow::Read(text) => Some(text),
                }
            }
        };
        let known = known_members(shape);
        Some(match typed {
            None => format!(" unknown deny {known}"),
            Some(typed) => format!(" unknown map {known} ({typed})"),
        })
    }

    /// The `nulls { ... }` section: a row per member whose `null`s `check_nulls` reports or
    /// looks for inside, mirroring [`super::nulls`]' `structure_nulls`; empty when the
    /// structure has no `null`s to look for.
    fn nulls_section(&self, shape: &Shape) -> Option<String> {
        let ShapeKind::Structure(structure) = &shape.kind else {
            return None;
        };
        if !self.has_nulls(&shape.id) {
            return Some(String::new());
        }
        let mut rows = Vec::new();
        for member in &structure.members {
            let descent = self.null_descent_text(&member.target, 0).ok()?;
            let report = null_report(self.space, shape, member)
                .map(|expected| Literal::string(expected).to_string());
            if descent.is_none() && report.is_none() {
                continue;
            }
            let wire = Literal::string(&member.wire_name);
            let report = report.unwrap_or_else(|| "_".to_string());
            let descent = descent.unwrap_or_else(|| "_".to_string());
            rows.push(format!("{wire} {report} {descent};"));
        }
        if let AdditionalMembers::Map(target) = &structure.additional {
            if let Some(descent) = self.null_descent_text(target, 0).ok()? {
                rows.push(format!("{} _ {descent};", known_members(shape)));
            }
        }
        let mut text = String::from(" nulls {\n");
        for row in rows {
            let _ = writeln!(text, "        {row}");
        }
        text.push_str("    }");
        Some(text)
    }

    /// The member's presence keyword: how its field holds it and when the JSON member must be
    /// there (see [`super::json`]'s `member_json_check` and [`super::checks`]'
    /// `member_statement`).
    fn presence(&self, shape: &Shape, member: &Member) -> &'static str {
        let optional = self.space.is_optional(shape, member);
        let missing_if_absent = member.required && member.default.is_none();
        match (optional, missing_if_absent) {
            (false, true) => "required",
            (false, false) => "default",
            (true, _) if reports_missing(self.space, shape, member) => "required_option",
            (true, true) => "nullable",
            (true, false) => "optional",
        }
    }

    /// The `<type> [as <adapter>] => <check> <report>` part of a row, mirroring
    /// [`super::json`]'s `typed_check`; `None` when the use has no form in the table.
    fn typed_row(
        &mut self,
        use_: &Use,
        member: Option<(&Shape, &Member)>,
        depth: usize,
    ) -> Option<TypedRow> {
        let shape = self.space.shape(&use_.target)?;
        let check = self.value_check(use_, 0);
        if matches!(shape.kind, ShapeKind::Document) {
            return match check {
                None => Some(TypedRow::Any),
                Some(Check::Function(function)) => {
                    let ty = self.type_text(use_)?;
                    Some(TypedRow::Read(format!("{ty} => {function} json")))
                }
                Some(Check::Method) => None,
            };
        }
        let ty = self.type_text(use_)?;
        let descent = self.descent_text(shape, use_, depth)?;
        let adapter = match member.and_then(|(owner, member)| self.adapter(owner, member)) {
            Some(adapter) => format!(" as {}", compact(&adapter)?),
            None => String::new(),
        };
        let check = match check {
            None => "_".to_string(),
            Some(Check::Method) => "validate".to_string(),
            Some(Check::Function(function)) => function.to_string(),
        };
        Some(TypedRow::Read(format!(
            "{ty}{adapter} => {check} {descent}"
        )))
    }

    /// The report when JSON does not read as the use's type, mirroring [`super::json`]'s
    /// `descent`.
    fn descent_text(&mut self, shape: &Shape, use_: &Use, depth: usize) -> Option<String> {
        let expected = || Literal::string(expected_type(shape)).to_string();
        match &shape.kind {
            ShapeKind::Structure(_) | ShapeKind::Union(_) if has_own_impl(shape) => {
                Some("object".to_string())
            }
            _ if depth >= MAX_DEPTH => Some(expected()),
            ShapeKind::List(item) => {
                let item_use = self.member_use(shape, item, use_.sensitive);
                let inner = self.typed_row(&item_use, Some((shape, item)), depth + 1)?;
                Some(match inner {
                    TypedRow::Any => "[any]".to_string(),
                    TypedRow::Read(text) => format!("[{}{text}]", sparse(item.nullable)),
                })
            }
            ShapeKind::Map { value, .. } => {
                let value_use = self.member_use(shape, value, use_.sensitive);
                let inner = self.typed_row(&value_use, Some((shape, value)), depth + 1)?;
                let sensitive = if use_.sensitive { "sensitive " } else { "" };
                Some(match inner {
                    TypedRow::Any => "{any}".to_string(),
                    TypedRow::Read(text) => {
                        format!("{{{sensitive}{}{text}}}", sparse(value.nullable))
                    }
                })
            }
            _ => Some(expected()),
        }
    }

    /// The Rust type of the use's values, as text.
    fn type_text(&mut self, use_: &Use) -> Option<String> {
        self.type_text_of(&use_.target)
    }
}

/// What a use reads as in a row.
#[derive(Debug, PartialEq)]
enum TypedRow {
    /// Any JSON value fits and nothing can be wrong with it.
    Any,
    /// `<type> [as <adapter>] => <check> <report>`.
    Read(String),
}

/// The wire names of a structure's members, as the list that unknown-member rules and the
/// `null` walk of additional members leave out: `["A" "B"]`.
fn known_members(shape: &Shape) -> String {
    let names: Vec<String> = match &shape.kind {
        ShapeKind::Structure(structure) => structure
            .members
            .iter()
            .map(|member| Literal::string(&member.wire_name).to_string())
            .collect(),
        _ => Vec::new(),
    };
    format!("[{}]", names.join(" "))
}

fn sparse(nullable: bool) -> &'static str {
    if nullable {
        "sparse "
    } else {
        ""
    }
}

/// A type's tokens as text without the spaces `TokenStream`'s printing puts between every
/// token; `None` when removing them would change the tokens (two words side by side).
/// Answers are remembered per thread: a model names the same few types again and again.
pub(super) fn compact(tokens: &TokenStream) -> Option<String> {
    thread_local! {
        static COMPACTED: std::cell::RefCell<std::collections::HashMap<String, Option<String>>> =
            std::cell::RefCell::default();
    }
    let spaced = tokens.to_string();
    if let Some(known) = COMPACTED.with(|known| known.borrow().get(&spaced).cloned()) {
        return known;
    }
    let text = spaced.replace(' ', "");
    let same = text
        .parse::<TokenStream>()
        .is_ok_and(|parsed| parsed.to_string() == spaced);
    let compacted = same.then_some(text);
    COMPACTED.with(|known| known.borrow_mut().insert(spaced, compacted.clone()));
    compacted
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::compact;

    #[test]
    fn types_are_written_without_spaces_unless_words_meet() {
        let ty = quote!(Vec<super::types::Name>);
        assert_eq!(compact(&ty).as_deref(), Some("Vec<super::types::Name>"));
        assert_eq!(compact(&quote!(dyn Name)), None);
    }
}
