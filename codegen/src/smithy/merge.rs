//! Merges several parsed Smithy files into one set of shape definitions plus the `apply`
//! statements, remembering which file each came from.
//!
//! The same shape defined identically in two files is kept once; defined differently, it is an
//! error naming both files. `apply` statements are never compared: every one is kept, since
//! several files may apply traits to the same shape.

use std::sync::Arc;

use indexmap::map::Entry;
use indexmap::IndexMap;
use serde_json::Value;

use crate::diagnostics::{Diagnostic, Diagnostics};

use super::ast::{AstShape, SmithyAst};

/// A shape definition and the file it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Defined {
    /// The shape as written.
    pub ast: AstShape,
    /// The file that defines it.
    pub file: Arc<str>,
    /// The file is a Smithy 1.0 file (whose members follow 1.0's boxing rules).
    pub smithy_1: bool,
}

/// An `apply` statement: traits to add to a shape (`ns#Name`) or member (`ns#Name$member`).
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    /// The id as written (shape or member id).
    pub target: String,
    /// The traits to add.
    pub traits: IndexMap<String, Value>,
    /// The file that says so.
    pub file: Arc<str>,
}

/// Every file's shapes, merged.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Merged {
    /// Shape definitions by id as written, in file order, then definition order.
    pub shapes: IndexMap<String, Defined>,
    /// `apply` statements, in file order.
    pub applies: Vec<Applied>,
}

/// Merges parsed files (with the names to report them by) into one set of definitions.
pub fn merge(files: Vec<(Arc<str>, SmithyAst)>) -> (Merged, Diagnostics) {
    let mut merged = Merged::default();
    let mut diagnostics = Diagnostics::new();
    for (file, ast) in files {
        let smithy_1 = ast.smithy.starts_with('1');
        for (id, shape) in ast.shapes {
            if shape.kind == "apply" {
                merged.applies.push(Applied {
                    target: id,
                    traits: shape.traits,
                    file: file.clone(),
                });
                continue;
            }
            let defined = Defined {
                ast: shape,
                file: file.clone(),
                smithy_1,
            };
            add_definition(&mut merged, id, defined, &mut diagnostics);
        }
    }
    (merged, diagnostics)
}

fn add_definition(
    merged: &mut Merged,
    id: String,
    defined: Defined,
    diagnostics: &mut Diagnostics,
) {
    match merged.shapes.entry(id) {
        Entry::Vacant(slot) => {
            slot.insert(defined);
        }
        Entry::Occupied(existing) => {
            let first = existing.get();
            if first.ast != defined.ast {
                diagnostics.push(Diagnostic::error(
                    defined.file.to_string(),
                    existing.key().as_str(),
                    format!("shape is defined differently here and in {}", first.file),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::smithy::json;

    fn file(name: &str, text: &str) -> (Arc<str>, SmithyAst) {
        (name.into(), json::parse(text, name).unwrap())
    }

    #[test]
    fn identical_definitions_are_kept_once() {
        let text = r#"{"smithy":"2.0","shapes":{"a#S":{"type":"string"}}}"#;
        let (merged, diagnostics) = merge(vec![file("one.json", text), file("two.json", text)]);
        assert!(diagnostics.is_empty());
        assert_eq!(merged.shapes.len(), 1);
        assert_eq!(&*merged.shapes["a#S"].file, "one.json");
    }

    #[test]
    fn different_definitions_name_both_files() {
        let (_, diagnostics) = merge(vec![
            file(
                "one.json",
                r#"{"smithy":"2.0","shapes":{"a#S":{"type":"string"}}}"#,
            ),
            file(
                "two.json",
                r#"{"smithy":"2.0","shapes":{"a#S":{"type":"integer"}}}"#,
            ),
        ]);
        let error = diagnostics.iter().next().unwrap();
        assert!(diagnostics.has_errors());
        assert_eq!(error.file, "two.json");
        assert_eq!(error.location, "a#S");
        assert!(error.message.contains("one.json"), "{}", error.message);
    }

    #[test]
    fn applies_are_all_kept_apart_from_shapes() {
        let apply = |name| {
            file(
                name,
                r#"{"smithy":"2.0","shapes":{"a#S":{"type":"apply","traits":{"smithy.api#sensitive":{}}}}}"#,
            )
        };
        let (merged, diagnostics) = merge(vec![apply("one.json"), apply("two.json")]);
        assert!(diagnostics.is_empty());
        assert!(merged.shapes.is_empty());
        assert_eq!(merged.applies.len(), 2);
        assert_eq!(&*merged.applies[1].file, "two.json");
    }
}
