//! The Smithy IDL 2.0 front end: `.smithy` text → the Smithy syntax model
//! ([`SmithyAst`](crate::smithy::ast::SmithyAst)), the same form the JSON AST reader produces.
//!
//! Stages, one module each: [`lexer`] (tokens with positions) → [`parser`] (statements, ids as
//! written, see [`syntax`]) → [`lower`] (ids resolved by [`ids`], IDL sugar turned into traits)
//! → [`elision`] (`$member` targets) → [`apply`] (apply statements placed) → [`checks`].
//!
//! What stays "as written" (for the resolver): mixins are not flattened, custom traits are not
//! checked against definitions, annotation traits are `{}` (`[]` for the prelude's list
//! traits such as `@tags`), enum members without a value get no
//! implicit `enumValue`, and `apply` statements whose target is not defined in the same file
//! stay as shapes of type `apply`. Applies to shapes or written members of the same file are
//! merged into them, because the JSON AST cannot hold both under one id.
//!
//! Relative ids resolve against the shapes of every file parsed together: use [`parse_all`]
//! with all IDL files of a model (and already-read JSON AST files as context), so that a name
//! defined in another file of the same namespace wins over the prelude, as Smithy requires.

pub mod apply;
pub mod checks;
pub mod conformance;
pub mod elision;
pub mod ids;
pub mod lexer;
pub mod lower;
pub mod node;
pub mod parser;
pub mod strings;
pub mod syntax;

use crate::diagnostics::Diagnostics;
use crate::smithy::ast::SmithyAst;

/// One IDL file to parse.
#[derive(Debug, Clone, Copy)]
pub struct IdlSource<'a> {
    /// The file's text.
    pub text: &'a str,
    /// The file name shown in diagnostics.
    pub file: &'a str,
}

/// Parses one IDL file on its own (ids resolve against this file's shapes and the prelude).
pub fn parse(text: &str, file: &str) -> Result<SmithyAst, Diagnostics> {
    let mut asts = parse_all(&[IdlSource { text, file }], &[])?;
    Ok(asts.pop().unwrap_or_default())
}

/// Parses several IDL files that belong to one model, in order; `context` holds the model's
/// other files (JSON AST), whose shapes count for id resolution, target elision and checks.
/// Every problem in every file is reported; any error fails the whole call.
pub fn parse_all(
    sources: &[IdlSource<'_>],
    context: &[&SmithyAst],
) -> Result<Vec<SmithyAst>, Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    let mut files = Vec::with_capacity(sources.len());
    for source in sources {
        match parser::parse_file(source.text, source.file) {
            Ok(file) => files.push(file),
            Err(diagnostic) => diagnostics.push(*diagnostic),
        }
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    let declared = ids::Declared::collect(&files, context);
    let mut lowered: Vec<lower::Lowered> = files
        .iter()
        .map(|file| lower::lower_file(file, &declared, &mut diagnostics))
        .collect();
    elision::resolve_elisions(&mut lowered, context, &mut diagnostics);
    for file in &mut lowered {
        apply::place_applies(file, &mut diagnostics);
    }
    let index = elision::ShapeIndex::new(&lowered, context);
    checks::check_files(&lowered, context, &index, &mut diagnostics);
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(lowered.into_iter().map(|file| file.ast).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn shapes(text: &str) -> Value {
        let ast = parse(text, "t.smithy").unwrap_or_else(|e| panic!("{e}"));
        serde_json::to_value(ast).unwrap()["shapes"].clone()
    }

    fn rejection(text: &str) -> crate::diagnostics::Diagnostic {
        parse(text, "t.smithy")
            .expect_err("should be rejected")
            .into_iter()
            .next()
            .unwrap()
    }

    #[test]
    fn a_long_unexpected_token_is_cut_in_the_message() {
        let long = "x".repeat(500);
        let text = format!("$version: \"2\"\nnamespace a\nstring S \"\"\"\n{long}\n\"\"\"\n");
        let message = rejection(&text).message;
        assert!(message.contains("but found"), "{message}");
        assert!(message.contains('…'), "{message}");
        assert!(message.len() < 200, "{message}");
    }

    #[test]
    fn trait_forms() {
        let s = shapes(
            "$version: \"2\"\nnamespace a\n@tags\n@since()\n@documentation(\"x\")\n\
             @range(min: 1, max: 2.5)\n@references([{resource: R}])\n@idRef(a.b#C)\n\
             @unstable({})\nstring S\nresource R {}\n",
        );
        assert_eq!(
            s["a#S"]["traits"],
            json!({
                "smithy.api#tags": [],
                "smithy.api#since": {},
                "smithy.api#documentation": "x",
                "smithy.api#range": {"min": 1, "max": 2.5},
                "smithy.api#references": [{"resource": "a#R"}],
                "smithy.api#idRef": "a.b#C",
                "smithy.api#unstable": {}
            })
        );
    }

    #[test]
    fn doc_comments_before_traits_document_the_shape() {
        let s = shapes(
            "$version: \"2\"\nnamespace a\n/// Line one\n///   two\n@internal\n/// ignored\n\
             structure S {\n    /// Member\n    m: String = \"d\"\n}\nstring T /// ignored\n",
        );
        assert_eq!(
            s["a#S"]["traits"]["smithy.api#documentation"],
            "Line one\n  two"
        );
        assert_eq!(
            s["a#S"]["members"]["m"]["traits"],
            json!({"smithy.api#documentation": "Member", "smithy.api#default": "d"})
        );
        assert_eq!(s["a#T"], json!({"type": "string"}));
    }

    #[test]
    fn enums_keep_values_as_written() {
        let s = shapes(
            "$version: \"2\"\nnamespace a\nenum E { A\n B = \"b\"\n}\nintEnum I { X = 1\n}\n",
        );
        assert_eq!(
            s["a#E"]["members"],
            json!({"A": {"target": "smithy.api#Unit"},
                   "B": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "b"}}})
        );
        assert_eq!(
            s["a#I"]["members"]["X"]["traits"]["smithy.api#enumValue"],
            1
        );
    }

    #[test]
    fn inline_io_uses_suffixes_and_marks_structures() {
        let s = shapes(
            "$version: \"2\"\n$operationInputSuffix: \"Request\"\nnamespace a\n\
             operation Op {\n    input := @sensitive {\n        id: String\n    }\n    \
             output :=\n        /// Out\n        {}\n    errors: [E]\n}\nstructure E {}\n",
        );
        assert_eq!(s["a#Op"]["input"]["target"], "a#OpRequest");
        assert_eq!(s["a#Op"]["output"]["target"], "a#OpOutput");
        assert_eq!(s["a#Op"]["errors"], json!([{"target": "a#E"}]));
        assert_eq!(
            s["a#OpRequest"]["traits"],
            json!({"smithy.api#sensitive": {}, "smithy.api#input": {}})
        );
        assert_eq!(
            s["a#OpOutput"]["traits"],
            json!({"smithy.api#documentation": "Out", "smithy.api#output": {}})
        );
    }

    #[test]
    fn mixins_stay_unflattened_and_elision_takes_their_targets() {
        let s = shapes(
            "$version: \"2\"\nnamespace a\nresource R { identifiers: { id: Id } }\nstring Id\n\
             @mixin\nstructure M { name: String }\n\
             structure S for R with [M] {\n    $id\n    @required\n    $name\n}\n",
        );
        assert_eq!(s["a#S"]["mixins"], json!([{"target": "a#M"}]));
        assert_eq!(
            s["a#S"]["members"],
            json!({"id": {"target": "a#Id"},
                   "name": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}}})
        );
        assert!(s["a#M"]["members"].get("id").is_none());
    }

    #[test]
    fn elided_members_resolve_through_chains_in_any_order() {
        let s = shapes(
            "$version: \"2\"\nnamespace a\nstructure C with [B] { $x }\n\
             @mixin\nstructure B with [A] { $x }\n@mixin\nstructure A { x: Integer }\n",
        );
        assert_eq!(s["a#C"]["members"]["x"]["target"], "smithy.api#Integer");
    }

    #[test]
    fn unresolvable_elision_is_reported_with_position() {
        let d = rejection(
            "$version: \"2\"\nnamespace a\nresource R {}\nstructure S for R {\n    $id\n}\n",
        );
        assert_eq!(d.line_col, Some((5, 5)));
        assert_eq!(d.location, "a#S$id");
    }

    #[test]
    fn applies_fold_into_local_shapes_and_stay_for_others() {
        let s = shapes(
            "$version: \"2\"\nnamespace a\nstructure S { m: String }\n\
             apply S @tags([\"x\"])\napply S$m {\n    @required\n    @tags([\"y\"])\n}\n\
             apply S @tags([\"z\"])\napply b#Other @internal\n",
        );
        assert_eq!(s["a#S"]["traits"], json!({"smithy.api#tags": ["x", "z"]}));
        assert_eq!(
            s["a#S"]["members"]["m"]["traits"],
            json!({"smithy.api#required": {}, "smithy.api#tags": ["y"]})
        );
        assert_eq!(
            s["b#Other"],
            json!({"type": "apply", "traits": {"smithy.api#internal": {}}})
        );
    }

    #[test]
    fn conflicting_apply_is_an_error() {
        let d = rejection("namespace a\n@since(\"1\")\nstring S\napply S @since(\"2\")\n");
        assert_eq!(d.line_col, Some((4, 1)));
    }

    #[test]
    fn ids_resolve_across_files_parsed_together() {
        let sources = [
            IdlSource {
                text: "$version: \"2\"\nnamespace a\nstructure S { s: String, o: Other }\n",
                file: "one.smithy",
            },
            IdlSource {
                text: "$version: \"2\"\nnamespace a\nstring String\n",
                file: "two.smithy",
            },
        ];
        let mut context = SmithyAst::default();
        context.shapes.insert(
            "a#Other".into(),
            crate::smithy::ast::AstShape::new("string"),
        );
        let asts = parse_all(&sources, &[&context]).unwrap();
        let members = &asts[0].shapes["a#S"].members.as_ref().unwrap();
        assert_eq!(members["s"].target, "a#String");
        assert_eq!(members["o"].target, "a#Other");
    }

    #[test]
    fn a_shape_defined_differently_in_two_files_is_an_error() {
        let same = "$version: \"2\"\nnamespace a\nstring S\n";
        let other = "$version: \"2\"\nnamespace a\ninteger S\n";
        let source = |text| IdlSource {
            text,
            file: "f.smithy",
        };
        assert!(parse_all(&[source(same), source(same)], &[]).is_ok());
        let err = parse_all(&[source(same), source(other)], &[]).unwrap_err();
        assert!(err.to_string().contains("Conflicting shape definition"));
    }

    #[test]
    fn service_and_resource_properties() {
        let s = shapes(
            "$version: \"2\"\nnamespace a\nservice Svc { version: \"1\", operations: [Op], \
             resources: [R], errors: [E], rename: {\"b#X\": \"Y\"} }\n\
             resource R { identifiers: { id: String }, properties: { p: String }, read: Op, \
             collectionOperations: [Op] }\noperation Op {}\nstructure E {}\n",
        );
        assert_eq!(
            s["a#Svc"],
            json!({"type": "service", "version": "1", "operations": [{"target": "a#Op"}],
                   "resources": [{"target": "a#R"}], "errors": [{"target": "a#E"}],
                   "rename": {"b#X": "Y"}})
        );
        assert_eq!(
            s["a#R"],
            json!({"type": "resource", "identifiers": {"id": {"target": "smithy.api#String"}},
                   "properties": {"p": {"target": "smithy.api#String"}},
                   "read": {"target": "a#Op"}, "collectionOperations": [{"target": "a#Op"}]})
        );
    }

    #[test]
    fn truncated_and_mangled_input_never_panics() {
        let model = "$version: \"2\"\nmetadata m = [{a: \"\"\"\n  x\n  \"\"\"}]\nnamespace a\n\
                     use b#C\n/// d\n@t(a: [1, -2.5e3, null, true, X$y])\n\
                     structure S for R with [M] { $id\n m: C = {} }\nenum E { A = \"a\" }\n\
                     operation O { input := for R with [M] { @x $id } errors: [] }\n\
                     apply S$m { @since(\"1\") }\nmap Mp { key: String, value: String }\n";
        let chars: Vec<char> = model.chars().collect();
        for end in 0..=chars.len() {
            let prefix: String = chars[..end].iter().collect();
            let _ = parse(&prefix, "t.smithy");
            let mut mangled = chars.clone();
            if end < mangled.len() {
                mangled[end] = ['{', '"', '$', '\u{0}', '@'][end % 5];
            }
            let _ = parse(&mangled.iter().collect::<String>(), "t.smithy");
        }
    }
}
