//! Relative shape id resolution: `use` statements first, then shapes defined in the current
//! namespace (in any of the files parsed together), then the public prelude (`smithy.api`),
//! and otherwise the current namespace.

use std::collections::{HashMap, HashSet};

use super::syntax::{IdlFile, Statement};
use crate::smithy::ast::SmithyAst;

/// The prelude namespace.
pub const PRELUDE: &str = "smithy.api";

/// Names of the public (not `@private`) shapes of the Smithy 2.0 prelude, which relative ids
/// can reach.
const PRELUDE_SHAPES: &[&str] = &[
    // Simple shapes and the unit type.
    "String",
    "Blob",
    "BigInteger",
    "BigDecimal",
    "Timestamp",
    "Document",
    "Boolean",
    "Byte",
    "Short",
    "Integer",
    "Long",
    "Float",
    "Double",
    "PrimitiveBoolean",
    "PrimitiveByte",
    "PrimitiveShort",
    "PrimitiveInteger",
    "PrimitiveLong",
    "PrimitiveFloat",
    "PrimitiveDouble",
    "Unit",
    // Traits.
    "addedDefault",
    "auth",
    "authDefinition",
    "box",
    "clientOptional",
    "cors",
    "default",
    "deprecated",
    "documentation",
    "endpoint",
    "enum",
    "enumDefault",
    "enumValue",
    "error",
    "eventHeader",
    "eventPayload",
    "examples",
    "externalDocumentation",
    "hostLabel",
    "http",
    "httpApiKeyAuth",
    "httpBasicAuth",
    "httpBearerAuth",
    "httpChecksumRequired",
    "httpDigestAuth",
    "httpError",
    "httpHeader",
    "httpLabel",
    "httpPayload",
    "httpPrefixHeaders",
    "httpQuery",
    "httpQueryParams",
    "httpResponseCode",
    "idRef",
    "idempotencyToken",
    "idempotent",
    "input",
    "internal",
    "jsonName",
    "length",
    "mediaType",
    "mixin",
    "nestedProperties",
    "noReplace",
    "notProperty",
    "optionalAuth",
    "output",
    "paginated",
    "pattern",
    "private",
    "property",
    "protocolDefinition",
    "range",
    "readonly",
    "recommended",
    "references",
    "requestCompression",
    "required",
    "requiresLength",
    "resourceIdentifier",
    "retryable",
    "sensitive",
    "since",
    "sparse",
    "streaming",
    "suppress",
    "tags",
    "timestampFormat",
    "title",
    "trait",
    "uniqueItems",
    "unitType",
    "unstable",
    "xmlAttribute",
    "xmlFlattened",
    "xmlName",
    "xmlNamespace",
];

/// Prelude traits whose shape is a list: written as an annotation (`@tags`), their value is
/// `[]` rather than `{}`.
const PRELUDE_LIST_TRAITS: &[&str] = &[
    "smithy.api#auth",
    "smithy.api#enum",
    "smithy.api#examples",
    "smithy.api#references",
    "smithy.api#suppress",
    "smithy.api#tags",
];

/// Whether the absolute trait id names a prelude trait whose shape is a list.
pub fn is_prelude_list_trait(id: &str) -> bool {
    PRELUDE_LIST_TRAITS.contains(&id)
}

/// Whether `name` is a public prelude shape.
pub fn is_prelude_shape(name: &str) -> bool {
    PRELUDE_SHAPES.contains(&name)
}

/// Resolution for node values before the namespace statement (metadata): only prelude shapes
/// can be named relatively there.
pub fn resolve_in_prelude(raw: &str) -> Result<String, String> {
    if raw.contains('#') {
        return Ok(raw.to_string());
    }
    let root = raw.split('$').next().unwrap_or(raw);
    if is_prelude_shape(root) {
        Ok(format!("{PRELUDE}#{raw}"))
    } else {
        Err(format!(
            "Syntactic shape ID `{raw}` does not resolve to a valid shape ID: `{PRELUDE}#{raw}`"
        ))
    }
}

/// Shape names defined in each namespace, by the files parsed together and any other models
/// given as context.
#[derive(Debug, Default)]
pub struct Declared {
    names: HashMap<String, HashSet<String>>,
}

impl Declared {
    /// Collects the shape names of `files` and of `context` (other already parsed models).
    pub fn collect(files: &[IdlFile], context: &[&SmithyAst]) -> Self {
        let mut declared = Declared::default();
        for file in files {
            let Some(namespace) = &file.namespace else {
                continue;
            };
            for statement in &file.statements {
                if let Statement::Shape(shape) = statement {
                    declared.add(namespace, &shape.name);
                }
            }
        }
        for ast in context {
            for (id, shape) in &ast.shapes {
                if shape.kind == "apply" || id.contains('$') {
                    continue;
                }
                if let Some((namespace, name)) = id.split_once('#') {
                    declared.add(namespace, name);
                }
            }
        }
        declared
    }

    fn add(&mut self, namespace: &str, name: &str) {
        self.names
            .entry(namespace.to_string())
            .or_default()
            .insert(name.to_string());
    }

    /// Whether `namespace` has a shape called `name`.
    pub fn contains(&self, namespace: &str, name: &str) -> bool {
        self.names
            .get(namespace)
            .is_some_and(|names| names.contains(name))
    }
}

/// Resolves the relative ids of one file.
#[derive(Debug)]
pub struct Resolver<'a> {
    namespace: Option<&'a str>,
    uses: HashMap<&'a str, &'a str>,
    declared: &'a Declared,
}

impl<'a> Resolver<'a> {
    /// A resolver for `file`.
    pub fn new(file: &'a IdlFile, declared: &'a Declared) -> Self {
        Resolver {
            namespace: file.namespace.as_deref(),
            uses: file
                .uses
                .iter()
                .map(|u| (u.name.as_str(), u.id.as_str()))
                .collect(),
            declared,
        }
    }

    /// The absolute id for `raw` (which may carry a `$member`), or why there is none: without
    /// a namespace (metadata before `namespace`), only prelude shapes resolve.
    pub fn resolve(&self, raw: &str) -> Result<String, String> {
        if raw.contains('#') {
            return Ok(raw.to_string());
        }
        let (root, member) = match raw.split_once('$') {
            Some((root, member)) => (root, Some(member)),
            None => (raw, None),
        };
        let absolute = self.resolve_root(root)?;
        Ok(match member {
            Some(member) => format!("{absolute}${member}"),
            None => absolute,
        })
    }

    fn resolve_root(&self, name: &str) -> Result<String, String> {
        if let Some(id) = self.uses.get(name) {
            return Ok((*id).to_string());
        }
        if let Some(namespace) = self.namespace {
            if self.declared.contains(namespace, name) {
                return Ok(format!("{namespace}#{name}"));
            }
        }
        if is_prelude_shape(name) {
            return Ok(format!("{PRELUDE}#{name}"));
        }
        match self.namespace {
            Some(namespace) => Ok(format!("{namespace}#{name}")),
            None => Err(format!(
                "Syntactic shape ID `{name}` does not resolve to a valid shape ID: `{PRELUDE}#{name}`"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::parser::parse_file;
    use super::*;

    fn resolve_all(text: &str, raws: &[&str]) -> Vec<Result<String, String>> {
        let file = parse_file(text, "t.smithy").unwrap();
        let files = [file];
        let declared = Declared::collect(&files, &[]);
        let resolver = Resolver::new(&files[0], &declared);
        raws.iter().map(|raw| resolver.resolve(raw)).collect()
    }

    #[test]
    fn resolution_order_is_use_then_namespace_then_prelude() {
        let text = "namespace smithy.example\nuse foo.baz#Bar\nstring MyString\nstring Integer\n";
        let got = resolve_all(
            text,
            &[
                "MyString",
                "Bar",
                "String",
                "Integer",
                "Nope",
                "a.b#C",
                "Bar$m",
                "documentation",
            ],
        );
        let expect = [
            "smithy.example#MyString",
            "foo.baz#Bar",
            "smithy.api#String",
            "smithy.example#Integer",
            "smithy.example#Nope",
            "a.b#C",
            "foo.baz#Bar$m",
            "smithy.api#documentation",
        ];
        for (got, want) in got.iter().zip(expect) {
            assert_eq!(got.as_deref(), Ok(want));
        }
    }

    #[test]
    fn without_namespace_only_prelude_resolves() {
        let got = resolve_all("metadata a = 1\n", &["String", "truefalse"]);
        assert_eq!(got[0].as_deref(), Ok("smithy.api#String"));
        assert!(got[1].is_err());
    }

    #[test]
    fn context_models_declare_names() {
        let mut ast = SmithyAst::default();
        ast.shapes.insert(
            "a#String".to_string(),
            crate::smithy::ast::AstShape::new("string"),
        );
        let file = parse_file("namespace a\n", "t.smithy").unwrap();
        let files = [file];
        let declared = Declared::collect(&files, &[&ast]);
        let resolver = Resolver::new(&files[0], &declared);
        assert_eq!(resolver.resolve("String").as_deref(), Ok("a#String"));
    }
}
