//! Wire details of Smithy's JSON protocols in the committed `generated/` crate, as Smithy's
//! protocol tests require them: unions ignore `__type` and `null` members, and non-finite floats
//! travel as the strings `"NaN"`, `"Infinity"` and `"-Infinity"`.

use generated::types::{SearchFilter, SearchItemsInput};
use serde_json::json;

#[test]
fn union_ignores_type_member_and_null_members() {
    let filter: SearchFilter = serde_json::from_value(json!({
        "__type": "shapegen.example#SearchFilter",
        "tags": null,
        "text": "lamp"
    }))
    .expect("a union with __type and null members reads");
    assert_eq!(filter, SearchFilter::Text("lamp".to_string()));
    assert_eq!(
        serde_json::to_value(&filter).unwrap(),
        json!({"text": "lamp"})
    );
}

#[test]
fn union_needs_exactly_one_known_member() {
    let none = serde_json::from_value::<SearchFilter>(json!({"text": null}));
    assert!(none.unwrap_err().to_string().contains("no member"));
    let two = serde_json::from_value::<SearchFilter>(json!({"text": "a", "tags": ["b"]}));
    assert!(two
        .unwrap_err()
        .to_string()
        .contains("more than one member"));
    let unknown = serde_json::from_value::<SearchFilter>(json!({"colour": "red"}));
    assert!(unknown.unwrap_err().to_string().contains("colour"));
}

#[test]
fn non_finite_floats_are_strings_on_the_wire() {
    for (text, check) in [
        ("NaN", f64::is_nan as fn(f64) -> bool),
        ("Infinity", |v: f64| v == f64::INFINITY),
        ("-Infinity", |v: f64| v == f64::NEG_INFINITY),
    ] {
        let input: SearchItemsInput = serde_json::from_value(json!({
            "filter": {"text": "lamp"},
            "minScore": text
        }))
        .expect("a non-finite float reads from its string");
        let score = input.min_score.expect("minScore is set");
        assert!(check(score), "{text} read as {score}");
        let written = serde_json::to_value(&input).unwrap();
        assert_eq!(written["minScore"], json!(text));
    }
    let finite: SearchItemsInput =
        serde_json::from_value(json!({"filter": {"text": "x"}, "minScore": 0.5})).unwrap();
    assert_eq!(
        serde_json::to_value(&finite).unwrap()["minScore"],
        json!(0.5)
    );
    let bad = serde_json::from_value::<SearchItemsInput>(json!({
        "filter": {"text": "x"},
        "minScore": "lots"
    }));
    assert!(bad.is_err());
}
