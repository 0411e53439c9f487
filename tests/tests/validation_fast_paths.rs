//! The shortcuts of the generated validators report exactly what a full check would: string
//! lengths are counted in characters only when the byte length cannot decide, and `Username`'s
//! pattern `^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$` decides all-ASCII values by byte tests before its
//! regex. Values of 1- to 4-byte characters around the bounds (1 and 128 characters), and
//! random values, must get the violations (kinds, lengths, messages) that the definitions give.

use generated::types::{Item, ResendConfirmationCodeRequest};
use generated::validation::{Validate, ViolationKind};
use proptest::prelude::*;

/// A request whose only constrained value in question is `username`.
fn request(username: String) -> ResendConfirmationCodeRequest {
    ResendConfirmationCodeRequest::new("client".into(), username)
}

/// The violations of `username`, as (kind, message).
fn violations(username: &str) -> Vec<(ViolationKind, String)> {
    match request(username.to_string()).validate() {
        Ok(()) => Vec::new(),
        Err(errors) => errors
            .into_iter()
            .map(|violation| {
                assert_eq!(violation.path(), "/Username");
                (violation.kind().clone(), violation.message().to_string())
            })
            .collect(),
    }
}

/// The length violation the definition gives (`@length(min: 1, max: 128)`, in characters).
fn expected_length(username: &str) -> Option<(ViolationKind, String)> {
    let length = username.chars().count() as u64;
    (!(1..=128).contains(&length)).then(|| {
        (
            ViolationKind::Length {
                length,
                min: Some(1),
                max: Some(128),
            },
            format!(
                "Value with length {length} at '/Username' failed to satisfy constraint: Member \
                 must have length between 1 and 128, inclusive"
            ),
        )
    })
}

fn pattern_violation() -> (ViolationKind, String) {
    let pattern = r"^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$";
    (
        ViolationKind::Pattern { pattern },
        format!(
            "Value at '/Username' failed to satisfy constraint: Member must satisfy regular \
             expression pattern: {pattern}"
        ),
    )
}

#[test]
fn lengths_are_characters_whatever_their_width() {
    // A letter of each UTF-8 width, and a symbol of four bytes; all match the pattern.
    for unit in ["a", "ü", "中", "🐲"] {
        for count in [1, 2, 31, 32, 33, 127, 128, 129, 512, 513] {
            let username = unit.repeat(count);
            let expected: Vec<_> = expected_length(&username).into_iter().collect();
            assert_eq!(violations(&username), expected, "{count} × {unit:?}");
        }
    }
}

#[test]
fn a_minimum_above_one_counts_characters_not_bytes() {
    // `ItemId` has `@length(min: 3, max: 40)`: three 2-byte characters are long enough, two are
    // not, although their 4 bytes would be.
    let lengths = |id: &str| -> Vec<ViolationKind> {
        match Item::new(id.to_string(), "name".into()).validate() {
            Ok(()) => Vec::new(),
            Err(errors) => errors
                .iter()
                .map(|violation| violation.kind().clone())
                .filter(|kind| matches!(kind, ViolationKind::Length { .. }))
                .collect(),
        }
    };
    let too_short = |length| ViolationKind::Length {
        length,
        min: Some(3),
        max: Some(40),
    };
    assert_eq!(lengths("üü"), vec![too_short(2)]);
    assert_eq!(lengths("🐲"), vec![too_short(1)]);
    assert_eq!(lengths("üüü"), Vec::new());
    assert_eq!(lengths(&"中".repeat(40)), Vec::new());
    assert_eq!(
        lengths(&"中".repeat(41)),
        vec![ViolationKind::Length {
            length: 41,
            min: Some(3),
            max: Some(40),
        }]
    );
}

#[test]
fn an_empty_username_breaks_both_the_length_and_the_pattern() {
    let expected = vec![expected_length("").expect("too short"), pattern_violation()];
    assert_eq!(violations(""), expected);
}

#[test]
fn ascii_values_match_exactly_the_printable_characters_but_space() {
    for b in 0u8..128 {
        let username = format!("a{}b", char::from(b));
        let expected: Vec<_> = if b.is_ascii_graphic() {
            Vec::new()
        } else {
            vec![pattern_violation()]
        };
        assert_eq!(violations(&username), expected, "byte {b:#04x}");
    }
}

#[test]
fn other_values_go_to_the_regex() {
    for (username, matches) in [
        ("Zoë", true),
        ("名前", true),
        ("a\u{300}", true),
        ("€5", true),
        ("no\u{a0}break", false),
        ("line\u{2028}", false),
        ("tab\u{85}", false),
    ] {
        let expected: Vec<_> = if matches {
            Vec::new()
        } else {
            vec![pattern_violation()]
        };
        assert_eq!(violations(username), expected, "{username:?}");
    }
}

proptest! {
    #[test]
    fn random_lengths_are_reported_as_the_definition_says(
        username in "[a-z\u{e9}\u{4e2d}\u{1f512}]{1,140}"
    ) {
        // Every character of the mix matches the pattern, so only the length can break (the
        // empty value, which also breaks the pattern, has a test of its own).
        let expected: Vec<_> = expected_length(&username).into_iter().collect();
        prop_assert_eq!(violations(&username), expected);
    }

    #[test]
    fn random_ascii_values_are_checked_as_the_pattern_says(username in "[ -~\t]{1,20}") {
        let expected: Vec<_> = if username.bytes().all(|b| b.is_ascii_graphic()) {
            Vec::new()
        } else {
            vec![pattern_violation()]
        };
        prop_assert_eq!(violations(&username), expected);
    }
}
