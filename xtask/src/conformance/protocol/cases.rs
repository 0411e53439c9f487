//! Reads Smithy's protocol test traits (`smithy.test#httpRequestTests`, `httpResponseTests`,
//! `httpMalformedRequestTests`) out of the Smithy syntax model of each file: they are custom
//! traits, which the resolved model leaves out. Malformed request tests with `testParameters`
//! are expanded into one case per parameter set.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use codegen::smithy::SmithyAst;
use serde_json::Value;

/// `smithy.test#httpRequestTests`.
pub const REQUEST_TESTS: &str = "smithy.test#httpRequestTests";
/// `smithy.test#httpResponseTests`.
pub const RESPONSE_TESTS: &str = "smithy.test#httpResponseTests";
/// `smithy.test#httpMalformedRequestTests`.
pub const MALFORMED_TESTS: &str = "smithy.test#httpMalformedRequestTests";

/// Which message an HTTP test case describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// A request: `params` are the operation's input.
    Request,
    /// A response: `params` are the operation's output, or the error structure's members.
    Response,
}

/// One `httpRequestTests` or `httpResponseTests` entry.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpCase {
    /// The case id.
    pub id: String,
    /// The file the trait was written in.
    pub file: PathBuf,
    /// The shape carrying the trait: an operation, or an error structure (responses).
    pub owner: String,
    /// Request or response.
    pub direction: Direction,
    /// The protocol's shape id (`aws.protocols#awsJson1_1`).
    pub protocol: String,
    /// The body, when the case asserts one.
    pub body: Option<String>,
    /// `bodyMediaType`.
    pub media_type: Option<String>,
    /// The parameters, as Smithy node values.
    pub params: Value,
    /// Headers, names lowercased.
    pub headers: BTreeMap<String, String>,
    /// The response status code (responses only).
    pub code: Option<u16>,
    /// `appliesTo` (`client` or `server`), when set.
    pub applies_to: Option<String>,
}

/// One expanded `httpMalformedRequestTests` entry.
#[derive(Debug, Clone, PartialEq)]
pub struct MalformedCase {
    /// The case id, with `_caseN` appended for expanded parameter sets.
    pub id: String,
    /// The file the trait was written in.
    pub file: PathBuf,
    /// The operation.
    pub owner: String,
    /// The protocol's shape id.
    pub protocol: String,
    /// The request body, parameters substituted.
    pub body: Option<String>,
    /// Request headers, names lowercased, parameters substituted.
    pub headers: BTreeMap<String, String>,
    /// Request query parameters.
    pub query_params: Vec<String>,
    /// The expected response code.
    pub code: Option<u16>,
    /// The expected response body (`assertion.contents`), parameters substituted.
    pub expected_body: Option<String>,
}

/// Everything one file declares.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileCases {
    /// Request and response cases.
    pub http: Vec<HttpCase>,
    /// Malformed request cases.
    pub malformed: Vec<MalformedCase>,
}

/// Reads the cases of one parsed file; `problems` gets a line per entry that cannot be read.
pub fn read_file_cases(file: &Path, ast: &SmithyAst, problems: &mut Vec<String>) -> FileCases {
    let mut cases = FileCases::default();
    for (id, shape) in &ast.shapes {
        let owner = id.split('$').next().unwrap_or(id).to_string();
        for (trait_id, direction) in [
            (REQUEST_TESTS, Direction::Request),
            (RESPONSE_TESTS, Direction::Response),
        ] {
            for entry in entries(shape.traits.get(trait_id)) {
                match read_http_case(file, &owner, direction, entry) {
                    Ok(case) => cases.http.push(case),
                    Err(e) => {
                        problems.push(format!("{}: {owner}: {trait_id}: {e}", file.display()))
                    }
                }
            }
        }
        for entry in entries(shape.traits.get(MALFORMED_TESTS)) {
            match read_malformed_cases(file, &owner, entry) {
                Ok(expanded) => cases.malformed.extend(expanded),
                Err(e) => problems.push(format!(
                    "{}: {owner}: {MALFORMED_TESTS}: {e}",
                    file.display()
                )),
            }
        }
    }
    cases
}

fn entries(value: Option<&Value>) -> &[Value] {
    value
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

fn text(entry: &Value, key: &str) -> Option<String> {
    entry.get(key).and_then(Value::as_str).map(str::to_string)
}

fn required_text(entry: &Value, key: &str) -> Result<String, String> {
    text(entry, key).ok_or_else(|| format!("an entry has no `{key}` string"))
}

fn headers(entry: &Value) -> BTreeMap<String, String> {
    entry
        .get("headers")
        .and_then(Value::as_object)
        .map(|map| {
            map.iter()
                .filter_map(|(k, v)| Some((k.to_ascii_lowercase(), v.as_str()?.to_string())))
                .collect()
        })
        .unwrap_or_default()
}

fn code(entry: &Value) -> Option<u16> {
    entry
        .get("code")
        .and_then(Value::as_u64)
        .and_then(|c| u16::try_from(c).ok())
}

fn read_http_case(
    file: &Path,
    owner: &str,
    direction: Direction,
    entry: &Value,
) -> Result<HttpCase, String> {
    Ok(HttpCase {
        id: required_text(entry, "id")?,
        file: file.to_path_buf(),
        owner: owner.to_string(),
        direction,
        protocol: required_text(entry, "protocol")?,
        body: text(entry, "body"),
        media_type: text(entry, "bodyMediaType"),
        params: entry
            .get("params")
            .cloned()
            .unwrap_or_else(|| Value::Object(Default::default())),
        headers: headers(entry),
        code: code(entry),
        applies_to: text(entry, "appliesTo"),
    })
}

/// One malformed request entry, expanded over its `testParameters`.
fn read_malformed_cases(
    file: &Path,
    owner: &str,
    entry: &Value,
) -> Result<Vec<MalformedCase>, String> {
    let id = required_text(entry, "id")?;
    let protocol = required_text(entry, "protocol")?;
    let request = entry
        .get("request")
        .ok_or_else(|| format!("{id}: no `request`"))?;
    let response = entry.get("response");
    let parameter_sets = parameter_sets(entry.get("testParameters"))
        .map_err(|e| format!("{id}: testParameters: {e}"))?;
    let expanded = parameter_sets.len() > 1 || entry.get("testParameters").is_some();
    let query_params: Vec<String> = request
        .get("queryParams")
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let expected_body = response
        .and_then(|r| r.pointer("/body/assertion/contents"))
        .and_then(Value::as_str);
    Ok(parameter_sets
        .iter()
        .enumerate()
        .map(|(index, parameters)| MalformedCase {
            id: if expanded {
                format!("{id}_case{index}")
            } else {
                id.clone()
            },
            file: file.to_path_buf(),
            owner: owner.to_string(),
            protocol: protocol.clone(),
            body: text(request, "body").map(|b| substitute(&b, parameters)),
            headers: headers(request)
                .into_iter()
                .map(|(k, v)| (k, substitute(&v, parameters)))
                .collect(),
            query_params: query_params
                .iter()
                .map(|q: &String| substitute(q, parameters))
                .collect(),
            code: response.and_then(code),
            expected_body: expected_body.map(|b| substitute(b, parameters)),
        })
        .collect())
}

/// The parameter sets of `testParameters` (name → list of values, all lists of one length):
/// one map per index; a single empty set when there are none.
fn parameter_sets(value: Option<&Value>) -> Result<Vec<BTreeMap<String, String>>, String> {
    let Some(value) = value else {
        return Ok(vec![BTreeMap::new()]);
    };
    let map = value.as_object().ok_or("not an object")?;
    let mut count = None;
    for (name, values) in map {
        let length = values
            .as_array()
            .ok_or_else(|| format!("`{name}` is not a list"))?
            .len();
        match count {
            Some(n) if n != length => {
                return Err(format!("`{name}` has {length} values, others {n}"));
            }
            _ => count = Some(length),
        }
    }
    let count = count.unwrap_or(0);
    Ok((0..count)
        .map(|index| {
            map.iter()
                .map(|(name, values)| {
                    let value = values
                        .get(index)
                        .and_then(Value::as_str)
                        .unwrap_or_default();
                    (name.clone(), value.to_string())
                })
                .collect()
        })
        .collect())
}

/// Fills a template of Smithy's malformed request tests: `$name:L` becomes the value as is,
/// `$name:S` the value as a JSON string, and `$$` a single `$`.
pub fn substitute(template: &str, parameters: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        if let Some(after) = rest.strip_prefix('$') {
            out.push('$');
            rest = after;
            continue;
        }
        match placeholder(rest, parameters) {
            Some((value, consumed)) => {
                out.push_str(&value);
                rest = &rest[consumed..];
            }
            None => out.push('$'),
        }
    }
    out.push_str(rest);
    out
}

/// The value of the placeholder at the start of `text` (after its `$`), and its length.
fn placeholder(text: &str, parameters: &BTreeMap<String, String>) -> Option<(String, usize)> {
    let name_length = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    let (name, tail) = text.split_at(name_length);
    let value = parameters.get(name)?;
    if tail.starts_with(":L") {
        Some((value.clone(), name_length + 2))
    } else if tail.starts_with(":S") {
        Some((Value::String(value.clone()).to_string(), name_length + 2))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn substitutes_literal_and_string_parameters() {
        let parameters = BTreeMap::from([
            ("value".to_string(), "👍".to_string()),
            ("inputLength".to_string(), "1".to_string()),
        ]);
        assert_eq!(
            substitute(r#"{ "s" : $value:S } $inputLength:L"#, &parameters),
            r#"{ "s" : "👍" } 1"#
        );
        assert_eq!(
            substitute("^[a-m]+$$ $other", &parameters),
            "^[a-m]+$ $other"
        );
    }

    #[test]
    fn expands_malformed_tests_over_parameter_sets() {
        let entry = json!({
            "id": "Len",
            "protocol": "aws.protocols#restJson1",
            "request": {"body": "{\"s\": $value:S}", "headers": {"Content-Type": "application/json"}},
            "response": {"code": 400, "body": {"assertion": {"contents": "$n:L"}}},
            "testParameters": {"value": ["a", "bcd"], "n": ["1", "3"]}
        });
        let cases = read_malformed_cases(Path::new("f.smithy"), "ns#Op", &entry).unwrap();
        assert_eq!(cases.len(), 2);
        assert_eq!(cases[1].id, "Len_case1");
        assert_eq!(cases[1].body.as_deref(), Some("{\"s\": \"bcd\"}"));
        assert_eq!(cases[1].expected_body.as_deref(), Some("3"));
        assert_eq!(cases[0].headers["content-type"], "application/json");
    }

    #[test]
    fn unequal_parameter_lists_are_reported() {
        let value = json!({"a": ["1"], "b": ["1", "2"]});
        assert!(parameter_sets(Some(&value)).is_err());
    }
}
