//! The JSON-Schema-Test-Suite's regex cases (draft 2020-12: `optional/ecmascript-regex.json`,
//! `optional/non-bmp-regex.json`, and the groups of `pattern.json` and `patternProperties.json`
//! with one pattern), run through the translator and evaluated in-process with the `regex` /
//! `fancy-regex` crates and, for character checks, by interpreting the plan.

use serde_json::Value;

use super::*;

const SUITE_DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/corpus/json-schema-test-suite/tests/draft2020-12/"
);

/// The outcome of one suite file.
#[derive(Default)]
struct Tally {
    passed: usize,
    failed: Vec<String>,
    skipped: Vec<String>,
    /// Cases the `regex` crate, given the pattern unchanged, gets wrong (or cannot compile).
    plain_regex_failed: usize,
}

/// The schema shapes the harness understands: `pattern` (with an optional `type`), and
/// `patternProperties` with one pattern whose subschema is `true` or `{"type": …}`, with an
/// optional `"additionalProperties": false`.
enum Shape<'a> {
    Pattern {
        pattern: &'a str,
        string_only: bool,
    },
    PatternProperties {
        pattern: &'a str,
        value_schema: &'a Value,
        closed: bool,
    },
}

fn shape_of(schema: &Value) -> Result<Shape<'_>, String> {
    let object = schema.as_object().ok_or("schema is not an object")?;
    let known = [
        "$schema",
        "type",
        "pattern",
        "patternProperties",
        "additionalProperties",
    ];
    if let Some(other) = object.keys().find(|key| !known.contains(&key.as_str())) {
        return Err(format!("keyword `{other}` is outside this harness"));
    }
    if let Some(pattern) = object.get("pattern").and_then(Value::as_str) {
        return Ok(Shape::Pattern {
            pattern,
            string_only: object.get("type").and_then(Value::as_str) == Some("string"),
        });
    }
    let properties = object
        .get("patternProperties")
        .and_then(Value::as_object)
        .ok_or("neither `pattern` nor `patternProperties`")?;
    let [(pattern, value_schema)] = properties.iter().collect::<Vec<_>>()[..] else {
        return Err("more than one pattern property".to_string());
    };
    let simple = value_schema.is_boolean()
        || value_schema
            .as_object()
            .is_some_and(|object| object.keys().all(|key| key == "type"));
    if !simple {
        return Err("the property subschema is more than a `type`".to_string());
    }
    Ok(Shape::PatternProperties {
        pattern,
        value_schema,
        closed: object.get("additionalProperties") == Some(&Value::Bool(false)),
    })
}

/// Whether `value` satisfies `true` or `{"type": name}`.
fn satisfies_simple(schema: &Value, value: &Value) -> bool {
    match schema.get("type").and_then(Value::as_str) {
        Some("integer") => value.as_i64().is_some() || value.as_u64().is_some(),
        Some("number") => value.is_number(),
        Some("string") => value.is_string(),
        Some("object") => value.is_object(),
        Some("boolean") => value.is_boolean(),
        Some("null") => value.is_null(),
        Some(_) => false,
        None => schema != &Value::Bool(false),
    }
}

/// The verdict for `data`, given a pattern test.
fn validate(shape: &Shape<'_>, data: &Value, matches: &dyn Fn(&str) -> bool) -> bool {
    match shape {
        Shape::Pattern { string_only, .. } => match data.as_str() {
            Some(text) => matches(text),
            None => !string_only,
        },
        Shape::PatternProperties {
            value_schema,
            closed,
            ..
        } => match data.as_object() {
            Some(object) => object.iter().all(|(key, value)| {
                if matches(key) {
                    satisfies_simple(value_schema, value)
                } else {
                    !closed
                }
            }),
            None => true,
        },
    }
}

fn run_suite_file(name: &str) -> Option<Tally> {
    let path = format!("{SUITE_DIR}{name}");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {path} is absent");
        return None;
    };
    let groups: Vec<Value> = serde_json::from_str(&text).expect("the suite file is JSON");
    let mut tally = Tally::default();
    for group in &groups {
        let description = group["description"].as_str().unwrap_or("?");
        let tests = group["tests"].as_array().map(Vec::as_slice).unwrap_or(&[]);
        let shape = match shape_of(&group["schema"]) {
            Ok(shape) => shape,
            Err(reason) => {
                tally
                    .skipped
                    .push(format!("{description} ({} cases): {reason}", tests.len()));
                continue;
            }
        };
        let (Shape::Pattern { pattern, .. } | Shape::PatternProperties { pattern, .. }) = shape;
        let compiled = match compile(pattern) {
            Ok(compiled) => compiled,
            Err(error) => {
                for _ in tests {
                    tally.failed.push(format!(
                        "{description}: {pattern} does not compile: {error}"
                    ));
                }
                continue;
            }
        };
        let by_engine = super::tests::translation_matcher(&compiled);
        let plain = regex::Regex::new(pattern).ok();
        for test in tests {
            let data = &test["data"];
            let expected = test["valid"].as_bool().unwrap_or(false);
            let verdicts = [
                ("translated regex", validate(&shape, data, &*by_engine)),
                (
                    "compiled pattern",
                    validate(&shape, data, &|t| compiled.matches(t)),
                ),
            ];
            let plain_verdict = plain
                .as_ref()
                .map(|regex| validate(&shape, data, &|t| regex.is_match(t)));
            if plain_verdict != Some(expected) {
                tally.plain_regex_failed += 1;
            }
            let wrong: Vec<&str> = verdicts
                .iter()
                .filter(|(_, verdict)| *verdict != expected)
                .map(|(how, _)| *how)
                .collect();
            if wrong.is_empty() {
                tally.passed += 1;
            } else {
                tally.failed.push(format!(
                    "{description} / {}: {pattern} on {data} ({wrong:?} wrong)",
                    test["description"].as_str().unwrap_or("?")
                ));
            }
        }
    }
    Some(tally)
}

fn report_and_assert(name: &str, tally: &Tally) {
    let total = tally.passed + tally.failed.len();
    println!(
        "{name}: {} of {total} cases pass (the regex crate given the patterns unchanged gets {} \
         wrong); {} groups skipped",
        tally.passed,
        tally.plain_regex_failed,
        tally.skipped.len()
    );
    for skipped in &tally.skipped {
        println!("  skipped: {skipped}");
    }
    assert!(
        tally.failed.is_empty(),
        "{name}: failures:\n{}",
        tally.failed.join("\n")
    );
    assert!(total > 0, "{name}: no case ran");
}

#[test]
fn ecmascript_regex_suite_passes() {
    if let Some(tally) = run_suite_file("optional/ecmascript-regex.json") {
        report_and_assert("ecmascript-regex.json", &tally);
        assert!(tally.skipped.is_empty(), "every group of the file runs");
    }
}

#[test]
fn non_bmp_regex_suite_passes() {
    if let Some(tally) = run_suite_file("optional/non-bmp-regex.json") {
        report_and_assert("non-bmp-regex.json", &tally);
    }
}

#[test]
fn pattern_suite_passes() {
    if let Some(tally) = run_suite_file("pattern.json") {
        report_and_assert("pattern.json", &tally);
        assert!(tally.skipped.is_empty(), "every group of the file runs");
    }
}

/// Groups with several pattern properties, or subschemas beyond `type`, are skipped (and listed).
#[test]
fn pattern_properties_suite_passes() {
    if let Some(tally) = run_suite_file("patternProperties.json") {
        report_and_assert("patternProperties.json", &tally);
    }
}
