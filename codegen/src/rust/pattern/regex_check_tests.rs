//! Tests of `regex_check`: the parser refuses what `regex::Regex::new` refuses, with its message;
//! the NFA size bound is at least what the `regex` crate needs; and a translation too big for the
//! default size limit is still built, and generated, with the larger one.

use super::regex_check::{
    fits_default_size_limit, nfa_size_bound, parse_like_regex, DEFAULT_SIZE_LIMIT,
};
use super::*;

/// Translations of every kind of syntax node the bound follows.
const VARIED: &[&str] = &[
    "",
    "a",
    "abc",
    "^$",
    r"^[a-z0-9-]{1,63}$",
    r"\p{L}",
    r"[\p{L}\p{M}\p{N}]+",
    r"^(?:[\p{L}\p{N}])*$",
    r"(?s:.)*",
    r"[^\n\r\u{2028}\u{2029}]{0,20}",
    r"(a|b|cd)",
    r"foo|bar|baz|quux|foobar",
    r"(?:foo|bar)*",
    r"(?:|a)*",
    r"(?:a*)*",
    r"(?:a?)+?",
    r"(?i)straße{2,}",
    r"(?-u:\b)[0-9]{3,5}(?-u:\B)",
    r"(?<name>x)(y)\z",
    r"[\x{10000}-\x{10FFFF}]{2,3}",
    r"(?:[\p{Greek}\p{Cyrillic}]|\d)+[\p{Han}&&\p{L}]{0,4}",
    r"^arn:aws[a-z-]*:[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$",
];

#[test]
fn the_bound_is_enough_for_the_regex_crate() {
    for pattern in VARIED {
        let hir = parse_like_regex(pattern).expect("valid");
        let bound = nfa_size_bound(&hir);
        let built = regex::RegexBuilder::new(pattern).size_limit(bound).build();
        assert!(built.is_ok(), "{pattern:?} with limit {bound}: {built:?}");
    }
}

#[test]
fn small_translations_fit_the_default_limit() {
    for pattern in [
        r"^[a-z0-9-]{1,63}$",
        r"\p{L}",
        r"^(?:[\p{L}\p{M}\p{S}\p{N}\p{P}])*$",
    ] {
        let hir = parse_like_regex(pattern).expect("valid");
        assert!(fits_default_size_limit(&hir), "{pattern:?}");
    }
}

#[test]
fn the_parser_refuses_what_the_regex_crate_refuses_with_its_message() {
    let deep = format!("{}a{}", "(".repeat(300), ")".repeat(300));
    for pattern in [
        "(",
        "a{2,1}",
        r"\1",
        "[z-a]",
        "(?<n>a)(?<n>b)",
        r"\p{NotAProperty}",
        "(?-u:\\xFF)",
        r"\8",
        &deep,
    ] {
        let expected = regex::Regex::new(pattern).expect_err(pattern).to_string();
        let found = parse_like_regex(pattern).expect_err(pattern).to_string();
        assert_eq!(found, expected, "{pattern:?}");
        let error = check_regex(pattern).map(|_| ()).expect_err(pattern);
        assert_eq!(
            error.message,
            format!("the regex engine rejects the translated pattern: {expected}")
        );
    }
}

/// `x\p{L}{300}` needs more than the default 10 MiB: the check cannot rule that out, builds it,
/// and keeps the larger limit for the generated code.
#[test]
fn translations_over_the_default_limit_are_built_with_the_larger_one() {
    let translated = r"x\p{L}{300}";
    assert!(matches!(
        regex::Regex::new(translated),
        Err(regex::Error::CompiledTooBig(_))
    ));
    let hir = parse_like_regex(translated).expect("valid");
    assert!(!fits_default_size_limit(&hir));
    let (regex, limit) = check_regex(translated).expect("builds with the larger limit");
    assert_eq!(limit, Some(LARGE_SIZE_LIMIT));
    assert!(regex.is_some_and(|regex| regex.is_match(&format!("x{}", "é".repeat(300)))));

    let compiled = compile(translated).expect("compiles");
    assert_eq!(compiled.engine(), Engine::Regex);
    let hir = parse_like_regex(compiled.translated()).expect("valid");
    assert!(!fits_default_size_limit(&hir), "{}", compiled.translated());
    assert_eq!(compiled.size_limit, Some(LARGE_SIZE_LIMIT));
    let items = compiled.emit("BIG", &quote!(v)).items.to_string();
    assert!(items.contains("size_limit"), "{items}");
    assert!(compiled.matches(&format!("-x{}", "ж".repeat(300))));
    assert!(!compiled.matches(&format!("x{}", "ж".repeat(299))));
}

#[test]
fn small_translations_are_not_built_and_their_regex_is_made_on_first_use() {
    let compiled = compile(r"^(?:a|\p{Lu}b)+[0-9]?$").expect("compiles");
    assert_eq!(compiled.engine(), Engine::Regex);
    assert_eq!(compiled.size_limit, None);
    assert!(compiled.regex.get().is_none(), "not built at compile time");
    let copy = compiled.clone();
    assert!(compiled.matches("aÄba1"));
    assert!(compiled.regex.get().is_some_and(Option::is_some));
    assert!(!copy.matches("b"));
    let items = compiled.emit("SMALL", &quote!(v)).items.to_string();
    assert!(!items.contains("size_limit"), "{items}");
}

#[test]
fn huge_counts_saturate_the_bound() {
    let hir = parse_like_regex(r"(?:\p{L}{1000}){1000}").expect("valid");
    assert!(nfa_size_bound(&hir) > DEFAULT_SIZE_LIMIT);
    assert!(!fits_default_size_limit(&hir));
    let nested = format!("{}a{}", "(?:".repeat(7), "){1000}".repeat(7));
    let hir = parse_like_regex(&nested).expect("valid");
    assert_eq!(nfa_size_bound(&hir), usize::MAX);
}
