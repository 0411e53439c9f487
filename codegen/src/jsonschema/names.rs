//! Naming: which name each generated shape gets, and what happens when two want the same one.
//!
//! A shape's preferred name comes from its location ([`derive`]): a definition's key
//! (`$defs/X`, `definitions/X`, `components/schemas/X`), else the schema's `title`, else the
//! document's root `title` or file stem, else the parent's name plus the path below it
//! (`Parent` + `PropertyName`, `Item`, `Value`, `Variant2`; in OpenAPI `OperationRequest`,
//! `OperationResponse`, `OperationError404`). Names that are not identifiers are turned into
//! UpperCamelCase.
//!
//! Shapes that want the same name are reconciled by [`reconcile`]: those that are the same type
//! (equal once lowered, comparing member targets up to this same reconciliation, and ignoring
//! documentation and source locations) become one shape, whose docs are the first non-empty ones
//! in input order. Different types keep the name in input order (command-line order, then order
//! of discovery); each later one gets the first free numeric suffix (`X2`, `X3`, ...) and a
//! warning naming both definitions.

use std::collections::{BTreeSet, HashMap};

use heck::ToUpperCamelCase;
use serde_json::Value;

use super::document::{DocKind, Loc, Store};
use super::pointer;
use crate::diagnostics::Diagnostic;
use crate::model::{AdditionalMembers, Member, Shape, ShapeId, ShapeKind, SourceRef};

/// A name usable as a shape name: kept as written when it is an identifier, else turned into
/// UpperCamelCase (`Amazon Cognito User Pool` → `AmazonCognitoUserPool`).
pub fn identifier(raw: &str) -> String {
    let is_identifier = raw
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && raw.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if is_identifier {
        return raw.to_string();
    }
    let camel: String = raw
        .to_upper_camel_case()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    match camel.chars().next() {
        None => "Schema".to_string(),
        Some(c) if c.is_ascii_digit() => format!("Schema{camel}"),
        Some(_) => camel,
    }
}

/// A path segment as the UpperCamelCase part of a derived name.
fn part(raw: &str) -> String {
    let camel: String = raw
        .to_upper_camel_case()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    if camel.is_empty() {
        "Property".to_string()
    } else {
        camel
    }
}

/// The preferred name of the schema at `loc` (see the module docs).
pub fn derive(store: &Store, loc: &Loc) -> String {
    let tokens = pointer::parse(&loc.pointer).unwrap_or_default();
    name_at(store, loc.doc, &tokens)
}

fn name_at(store: &Store, doc: usize, tokens: &[String]) -> String {
    let document = &store.docs[doc];
    let value = pointer::get(&document.root, tokens);
    let Some((last, parent)) = tokens.split_last() else {
        return root_name(store, doc);
    };
    let prev = parent.last().map(String::as_str);
    if matches!(prev, Some("$defs" | "definitions")) {
        return identifier(last);
    }
    if parent.len() == 2
        && parent[0] == "components"
        && matches!(
            parent[1].as_str(),
            "schemas" | "responses" | "requestBodies" | "parameters" | "headers"
        )
    {
        return identifier(last);
    }
    if let Some(title) = value.and_then(|v| v.get("title")).and_then(Value::as_str) {
        return identifier(title);
    }
    if document.kind == DocKind::OpenApi && parent.len() == 2 && parent[0] == "paths" {
        return operation_name(value, &parent[1], last);
    }
    let base = || name_at(store, doc, parent);
    if let Some(prev) = prev {
        let owner = || name_at(store, doc, &parent[..parent.len() - 1]);
        match prev {
            "properties" => return format!("{}{}", owner(), part(last)),
            "patternProperties" => return format!("{}Value", owner()),
            "allOf" | "content" => return owner(),
            "anyOf" | "oneOf" => return format!("{}Variant{}", owner(), index_plus_one(last)),
            "prefixItems" | "items" => return format!("{}Item{}", owner(), index_plus_one(last)),
            "responses" => return format!("{}{}", owner(), response_suffix(last)),
            "parameters" => {
                let name = value
                    .and_then(|v| v.get("name"))
                    .and_then(Value::as_str)
                    .unwrap_or(last);
                return format!("{}{}", owner(), part(name));
            }
            _ => {}
        }
    }
    match last.as_str() {
        "items" | "additionalItems" => format!("{}Item", base()),
        "additionalProperties" => format!("{}Value", base()),
        "propertyNames" => format!("{}Key", base()),
        "schema" => base(),
        "requestBody" => format!("{}Request", base()),
        other => format!("{}{}", base(), part(other)),
    }
}

fn root_name(store: &Store, doc: usize) -> String {
    let document = &store.docs[doc];
    let title = document.root.get("title").and_then(Value::as_str);
    match title {
        Some(title) if document.kind == DocKind::JsonSchema => identifier(title),
        _ => identifier(&document.stem()),
    }
}

/// An operation's name: its `operationId`, else the method and path (`get /pets/{id}` →
/// `GetPetsId`).
pub fn operation_name(operation: Option<&Value>, path: &str, method: &str) -> String {
    match operation
        .and_then(|o| o.get("operationId"))
        .and_then(Value::as_str)
    {
        Some(id) => identifier(id),
        None => identifier(&format!("{method} {path}")),
    }
}

fn response_suffix(status: &str) -> String {
    if status.starts_with('2') {
        "Response".to_string()
    } else if status == "default" {
        "Error".to_string()
    } else {
        format!("Error{}", status.to_ascii_uppercase())
    }
}

fn index_plus_one(token: &str) -> String {
    token
        .parse::<usize>()
        .map_or_else(|_| part(token), |i| (i + 1).to_string())
}

/// One shape waiting for its final name.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The preferred name.
    pub hint: String,
    /// The lowered shape; targets of other entries are [`placeholder`] ids.
    pub shape: Shape,
    /// Where it was defined (for the order and for warnings).
    pub origin: Loc,
}

/// The namespace of placeholder ids, which stand for entries until names are final.
const PLACEHOLDER_NAMESPACE: &str = "\u{0}entry";

/// The id standing for entry `index` until names are final.
pub fn placeholder(index: usize) -> ShapeId {
    ShapeId::new(PLACEHOLDER_NAMESPACE, &index.to_string())
}

/// The entry a placeholder id stands for.
pub fn placeholder_index(id: &ShapeId) -> Option<usize> {
    if id.namespace() == PLACEHOLDER_NAMESPACE {
        id.name().parse().ok()
    } else {
        None
    }
}

/// The outcome of [`reconcile`].
#[derive(Debug, Clone)]
pub struct Reconciled {
    /// For each entry, the index of its class in `classes`.
    pub class_of: Vec<usize>,
    /// Each class: its final name and its members (entry indexes, in input order).
    pub classes: Vec<(String, Vec<usize>)>,
    /// One warning per name that had to be suffixed.
    pub warnings: Vec<Diagnostic>,
}

/// Merges equal same-named entries and names the rest (see the module docs).
pub fn reconcile(store: &Store, entries: &[Entry]) -> Reconciled {
    let order = |i: &usize| (entries[*i].origin.doc, *i);
    let mut class_of: Vec<usize> = {
        let mut by_hint: HashMap<&str, usize> = HashMap::new();
        entries
            .iter()
            .map(|e| {
                let next = by_hint.len();
                *by_hint.entry(e.hint.as_str()).or_insert(next)
            })
            .collect()
    };
    loop {
        let refined = refine(entries, &class_of);
        let before = class_of.iter().collect::<BTreeSet<_>>().len();
        let after = refined.iter().collect::<BTreeSet<_>>().len();
        class_of = refined;
        if after == before {
            break;
        }
    }
    let class_count = class_of.iter().max().map_or(0, |m| m + 1);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); class_count];
    for (i, class) in class_of.iter().enumerate() {
        members[*class].push(i);
    }
    for list in &mut members {
        list.sort_by_key(order);
    }
    let mut by_hint: Vec<(&str, Vec<usize>)> = Vec::new();
    let mut class_indexes: Vec<usize> = (0..class_count).collect();
    class_indexes.sort_by_key(|c| members[*c].first().map(order));
    for class in class_indexes {
        let Some(first) = members[class].first() else {
            continue;
        };
        let hint = entries[*first].hint.as_str();
        match by_hint.iter_mut().find(|(h, _)| *h == hint) {
            Some((_, classes)) => classes.push(class),
            None => by_hint.push((hint, vec![class])),
        }
    }
    let mut taken: BTreeSet<String> = entries.iter().map(|e| e.hint.clone()).collect();
    let mut names = vec![String::new(); class_count];
    let mut warnings = Vec::new();
    for (hint, classes) in &by_hint {
        let winner = &entries[members[classes[0]][0]];
        names[classes[0]] = hint.to_string();
        for class in &classes[1..] {
            let name = (2..)
                .map(|n| format!("{hint}{n}"))
                .find(|candidate| !taken.contains(candidate))
                .unwrap_or_default();
            taken.insert(name.clone());
            let loser = &entries[members[*class][0]];
            let message = format!(
                "a different definition is also named `{hint}` ({}); this one is named `{name}`",
                source_text(&store.source_ref(&winner.origin))
            );
            warnings.push(store.warning(&loser.origin, message));
            names[*class] = name;
        }
    }
    Reconciled {
        class_of: class_of.clone(),
        classes: names.into_iter().zip(members).collect(),
        warnings,
    }
}

fn source_text(source: &SourceRef) -> String {
    source.to_string()
}

/// One refinement step: entries of a class stay together only if their shapes are equal when
/// targets are compared by class.
fn refine(entries: &[Entry], class_of: &[usize]) -> Vec<usize> {
    let comparable: Vec<Shape> = entries
        .iter()
        .map(|e| comparable_shape(&e.shape, class_of))
        .collect();
    let mut next: Vec<usize> = vec![0; entries.len()];
    let mut representatives: HashMap<usize, Vec<(usize, usize)>> = HashMap::new();
    let mut count = 0;
    for i in 0..entries.len() {
        let reps = representatives.entry(class_of[i]).or_default();
        next[i] = match reps
            .iter()
            .find(|(rep, _)| comparable[*rep] == comparable[i])
        {
            Some((_, class)) => *class,
            None => {
                reps.push((i, count));
                count += 1;
                count - 1
            }
        };
    }
    next
}

/// The shape with what does not make a type different blanked out, and entry targets replaced
/// by their class.
fn comparable_shape(shape: &Shape, class_of: &[usize]) -> Shape {
    let mut shape = shape.clone();
    shape.id = ShapeId::new("", "");
    shape.docs = None;
    shape.source = SourceRef::default();
    map_targets(&mut shape, &|id| match placeholder_index(id) {
        Some(i) => placeholder(class_of[i]),
        None => id.clone(),
    });
    for_each_member(&mut shape, &mut |m| {
        m.docs = None;
        m.source = SourceRef::default();
    });
    if let ShapeKind::Enum(values) = &mut shape.kind {
        values.iter_mut().for_each(|v| v.docs = None);
    }
    if let ShapeKind::IntEnum(values) = &mut shape.kind {
        values.iter_mut().for_each(|v| v.docs = None);
    }
    shape
}

/// Rewrites every target id in a shape.
pub fn map_targets(shape: &mut Shape, f: &dyn Fn(&ShapeId) -> ShapeId) {
    shape.constraints.map_shape_ids(f);
    for_each_member(shape, &mut |m| {
        m.target = f(&m.target);
        m.constraints.map_shape_ids(f);
    });
    if let ShapeKind::Structure(s) = &mut shape.kind {
        if let AdditionalMembers::Map(target) = &mut s.additional {
            *target = f(target);
        }
    }
}

/// Calls `f` on every member of a shape.
pub fn for_each_member(shape: &mut Shape, f: &mut dyn FnMut(&mut Member)) {
    match &mut shape.kind {
        ShapeKind::Structure(s) => s.members.iter_mut().for_each(f),
        ShapeKind::Union(u) => u.members.iter_mut().for_each(f),
        ShapeKind::List(member) => f(member),
        ShapeKind::Map { key, value } => {
            f(key);
            f(value);
        }
        ShapeKind::Enum(_) | ShapeKind::IntEnum(_) | ShapeKind::Scalar(_) | ShapeKind::Document => {
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_kept_and_other_names_camel_cased() {
        assert_eq!(identifier("ClientIdType"), "ClientIdType");
        assert_eq!(identifier("snake_case"), "snake_case");
        assert_eq!(
            identifier("Amazon Cognito User Pool"),
            "AmazonCognitoUserPool"
        );
        assert_eq!(identifier("user-pools-x"), "UserPoolsX");
        assert_eq!(identifier("2fa"), "Schema2fa");
        assert_eq!(identifier("%%"), "Schema");
    }
}
