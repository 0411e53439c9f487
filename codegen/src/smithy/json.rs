//! Reads Smithy JSON AST text into the syntax model ([`SmithyAst`]), reporting syntax errors
//! with the file, line and column serde_json found them at.

use crate::diagnostics::Diagnostic;

use super::ast::SmithyAst;

/// The `smithy` version strings this front end reads.
const KNOWN_VERSIONS: &[&str] = &["1", "1.0", "2", "2.0"];

/// Parses one JSON AST file. Invalid JSON, or JSON that is not laid out as a Smithy JSON AST
/// (a shape without `type`, a member without `target`, ...), is an error at the position where
/// serde_json stopped.
pub fn parse(text: &str, file: &str) -> Result<SmithyAst, Diagnostic> {
    serde_json::from_str::<SmithyAst>(text).map_err(|error| syntax_error(&error, file))
}

/// A warning about a parsed file's `smithy` version, which is read as 2.0 when unknown.
pub fn version_warning(ast: &SmithyAst, file: &str) -> Option<Diagnostic> {
    let version = ast.smithy.as_str();
    if !KNOWN_VERSIONS.contains(&version) {
        return Some(Diagnostic::warning(
            file,
            "/smithy",
            format!("unknown Smithy version `{version}`; the file is read as Smithy 2.0"),
        ));
    }
    None
}

fn syntax_error(error: &serde_json::Error, file: &str) -> Diagnostic {
    crate::diagnostics::json_syntax_error(file, "not a valid Smithy JSON AST", error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_small_model() {
        let ast = parse(
            r#"{"smithy":"2.0","shapes":{"a#B":{"type":"string","traits":{"smithy.api#sensitive":{}}}}}"#,
            "m.json",
        )
        .unwrap();
        assert_eq!(ast.smithy, "2.0");
        let shape = &ast.shapes["a#B"];
        assert_eq!(shape.kind, "string");
        assert!(shape.traits.contains_key("smithy.api#sensitive"));
    }

    #[test]
    fn syntax_errors_name_file_line_and_column() {
        let error = parse(
            "{\n  \"smithy\": \"2.0\",\n  \"shapes\": {,}\n}",
            "bad.json",
        )
        .unwrap_err();
        assert_eq!(error.file, "bad.json");
        assert_eq!(error.line_col, Some((3, 14)));
        assert!(!error.message.contains(" at line "), "{}", error.message);
        assert!(
            error.to_string().starts_with("error: bad.json:3:14:"),
            "{error}"
        );
    }

    #[test]
    fn a_shape_without_a_type_is_reported_where_it_ends() {
        let error = parse(r#"{"smithy":"2.0","shapes":{"a#B":{}}}"#, "t.json").unwrap_err();
        assert!(error.message.contains("type"), "{}", error.message);
        assert!(error.line_col.is_some());
    }

    #[test]
    fn only_unknown_versions_warn() {
        let v3 = parse(r#"{"smithy":"3.0"}"#, "v.json").unwrap();
        assert!(version_warning(&v3, "v.json")
            .unwrap()
            .message
            .contains("3.0"));
        let v1 = parse(r#"{"smithy":"1.0"}"#, "v.json").unwrap();
        assert!(version_warning(&v1, "v.json").is_none());
        let v2 = parse(r#"{"smithy":"2.0"}"#, "v.json").unwrap();
        assert!(version_warning(&v2, "v.json").is_none());
    }
}
