//! Unit tests: one or more per translation rule, each checking verdicts on real strings (through
//! the chosen engine and, for character checks, through the translated regex too).

use super::*;

/// Runs the translation of `compiled` with the `regex` crate or, when it needs backtracking
/// (a look-around, or a possessive run inside a character check), with `fancy-regex`.
pub(super) fn translation_matcher(compiled: &CompiledPattern) -> Box<dyn Fn(&str) -> bool> {
    let translated = compiled.translated();
    match regex::RegexBuilder::new(translated)
        .size_limit(LARGE_SIZE_LIMIT)
        .build()
    {
        Ok(regex) => Box::new(move |text| regex.is_match(text)),
        Err(_) => {
            let fancy = fancy_regex::Regex::new(translated).expect("the translation builds");
            Box::new(move |text| fancy.is_match(text).unwrap_or(false))
        }
    }
}

/// Compiles `pattern`, then asserts that it matches every `yes` and none of the `no`.
fn check(pattern: &str, yes: &[&str], no: &[&str]) -> CompiledPattern {
    let compiled = compile(pattern).unwrap_or_else(|error| panic!("{pattern}: {error}"));
    let translated = compiled.translated().to_string();
    let cross_check =
        (compiled.engine() == Engine::CharCheck).then(|| translation_matcher(&compiled));
    for (values, expected) in [(yes, true), (no, false)] {
        for value in values {
            assert_eq!(
                compiled.matches(value),
                expected,
                "{pattern} (as {translated}, {:?}) on {value:?}",
                compiled.engine()
            );
            if let Some(matches) = &cross_check {
                assert_eq!(matches(value), expected, "{translated} on {value:?}");
            }
        }
    }
    compiled
}

fn error(pattern: &str) -> String {
    match compile(pattern) {
        Ok(compiled) => panic!("{pattern} compiled to {}", compiled.translated()),
        Err(error) => error.message,
    }
}

#[test]
fn patterns_are_unanchored_unless_anchors_are_written() {
    check("abc", &["abc", "xabcx"], &["ab", "ABC"]);
    check("^abc", &["abcx"], &["xabc"]);
    check("abc$", &["xabc"], &["abcx"]);
}

#[test]
fn dollar_matches_only_at_the_very_end() {
    check("^abc$", &["abc"], &["abc\n", "abc\r\n"]);
    check("^a$|^b$", &["a", "b"], &["a\n", "b\n"]);
}

#[test]
fn digit_and_word_classes_are_ascii() {
    check(
        r"^\d+$",
        &["0123456789"],
        &["\u{0663}", "\u{09EA}\u{09E8}", ""],
    );
    check(r"^\D$", &["a", "\u{07C0}"], &["0"]);
    check(r"^\w+$", &["azAZ09_"], &["ü", "é", "-"]);
    check(r"^\W$", &["é", "-"], &["a", "_"]);
}

#[test]
fn client_id_and_username_follow_the_issue() {
    check(r"^[\w+]+$", &["abc+1"], &["ü"]);
    check(
        r"^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$",
        &["ü", "user@example"],
        &["a b", ""],
    );
}

#[test]
fn space_class_is_ecma_whitespace_and_line_terminators() {
    let spaces = [
        " ", "\t", "\u{0B}", "\u{0C}", "\u{A0}", "\u{FEFF}", "\n", "\r", "\u{2028}", "\u{2029}",
        "\u{2003}", "\u{1680}", "\u{3000}",
    ];
    let others = ["\u{01}", "\u{2013}", "\u{85}", "\u{180E}", "a"];
    check(r"^\s$", &spaces, &others);
    check(r"^\S$", &others, &spaces);
}

#[test]
fn dot_excludes_the_four_line_terminators() {
    check(
        "^.$",
        &["a", "\u{85}", "é", "🐲"],
        &["\n", "\r", "\u{2028}", "\u{2029}", ""],
    );
    check("^(?s).$", &["\n", "\u{2028}", "a"], &[""]);
    check("^(?s:.)$", &["\n"], &["ab"]);
    check("^[^]$", &["\n", "x"], &["", "xy"]);
    check("^a[]", &[], &["a", "a[]"]);
}

#[test]
fn word_boundaries_use_ascii_word_characters() {
    check(r"a\b", &["aé", "a", "a-"], &["ab", "a_"]);
    check(r"a\B", &["ab"], &["aé", "a"]);
    // The same rule in the backtracking dialect.
    let compiled = check(r"(?=a)a\b", &["aé"], &["ab"]);
    assert_eq!(compiled.engine(), Engine::FancyRegex);
    check(r"(?=a)a\B", &["ab"], &["aé"]);
}

#[test]
fn unicode_properties_in_all_spellings() {
    check(r"^\p{L}+$", &["école", "Ωmega"], &["1", ""]);
    check(r"^\p{Letter}+$", &["école"], &["a1"]);
    check(r"^\P{L}+$", &["123 !"], &["a"]);
    check(r"^\p{Script=Greek}+$", &["Ωω"], &["a"]);
    check(r"^\p{sc=Latn}+$", &["aé"], &["Ω"]);
    check(r"^\p{gc=Lu}$", &["A", "É"], &["a"]);
    check(
        r"^\p{General_Category=Decimal_Number}+$",
        &["1\u{0663}"],
        &["a"],
    );
    check(r"^\p{digit}+$", &["42", "\u{09EA}\u{09E8}"], &["-%#"]);
    check(r"^\pL$", &["a"], &["1"]);
    check(r"\p{Letter}cole", &["l'école"], &["L'ÉCOLE"]);
}

#[test]
fn java_posix_properties_are_ascii_and_case_sensitive() {
    check(r"^\p{Alnum}+$", &["aZ9"], &["é", "_"]);
    check(r"^\p{Alpha}+$", &["aZ"], &["é", "1"]);
    check(
        r"^\p{Punct}+$",
        &["!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"],
        &["a", "¡", " "],
    );
    check(r"^\p{XDigit}{2}$", &["aF", "09"], &["g0", "a"]);
    check(r"^\p{Space}+$", &[" \t\n\u{0B}\u{0C}\r"], &["\u{A0}"]);
    check(r"^\p{ASCII}*$", &["", "~\u{7F}\u{0}"], &["é"]);
    check(r"^\p{Print}+$", &[" ~"], &["\u{7F}", "é"]);
    check(r"^\p{Graph}+$", &["!~"], &[" "]);
    check(r"^\p{Blank}+$", &[" \t"], &["\n"]);
    check(r"^[^\p{Cntrl}]*$", &["a é"], &["\u{7F}", "\u{1F}"]);
    check(
        r"^\p{Upper}\p{Lower}\p{Digit}$",
        &["Aa1"],
        &["aA1", "Aa\u{0663}"],
    );
    check(r"^\p{L1}+$", &["ÿa"], &["Ā"]);
    check(r"^\p{IsAlphabetic}+$", &["aé"], &["1"]);
    check(r"^\p{IsWhitespace}$", &["\u{2003}"], &["a"]);
    check(r"^\p{LD}+$", &["a1é\u{0663}"], &["_"]);
    check(r"^\p{javaLowerCase}+$", &["aé"], &["A"]);
    check(r"^\P{Alnum}$", &["é", "_"], &["a"]);
}

#[test]
fn java_class_intersection_and_nesting() {
    check(
        r"^[\p{Print}&&[^|:/]]+$",
        &["abc def"],
        &["a|b", "a:b", "a/b", "é"],
    );
    check(r"^[a-z&&[^aeiou]]+$", &["bcd"], &["bad"]);
    check(r"^[^a-z&&[^x]]$", &["x", "A"], &["b"]);
    check(r"^[a[0-9]]+$", &["a1"], &["b"]);
}

#[test]
fn posix_brackets_are_read_as_java_reads_them() {
    // Neither ECMA-262 nor Java has POSIX brackets: Java reads `[:alnum:]` inside a class as a
    // nested class of the characters `:alnum`.
    check(r"^[[:alnum:]\/\_]+$", &["a/_", ":mul"], &["9", "b", "-"]);
    // The same in the backtracking dialect, whose parser has its own POSIX reading.
    check(r"^(?=.)[[:alnum:]]$", &["a", ":"], &["9"]);
    check(r"^(?=.)[a[:-@]]$", &["a", ":", "@"], &["9"]);
}

#[test]
fn ecma_reading_of_a_bracket_inside_a_class_is_the_fallback() {
    check(r"^[[]$", &["["], &["]"]);
    check(r"^[^ ~^:?*\[]+$", &["abc"], &["a[", "a^", "a b"]);
}

#[test]
fn java_anchors() {
    check(r"^\A[a-zA-Z0-9_]+\z$", &["abc_1"], &["abc\n", "a-b"]);
    let compiled = check(
        r"^abc\Z",
        &["abc", "abc\n", "abc\r\n", "abc\u{2028}"],
        &["abc\n\n"],
    );
    assert_eq!(compiled.engine(), Engine::FancyRegex);
}

#[test]
fn inline_flags() {
    check("^(?i)(true|false)$", &["TRUE", "False"], &["falſe", "yes"]);
    check("^(?i)k$", &["K", "k"], &["\u{212A}"]);
    check("^(?i:k)$", &["K", "k", "\u{212A}"], &["x"]);
    check("^(?iu)é$", &["É"], &["e"]);
    check("^a(?i)b|c$", &["aB", "C"], &["AB"]);
    check("^(?i)[a-c]+$", &["aBC"], &["d"]);
    check("^(?i)[^a]$", &["b"], &["a", "A"]);
    check(r"^(?i)\p{Lower}$", &["a", "A"], &["1"]);
    check(r"^(?i)\p{Lu}$", &["a", "A", "é", "ǅ"], &["1"]);
    check(r"^\p{Lu}$", &["A"], &["a"]);
    check("^(?:(?i)a)b$", &["Ab"], &["AB"]);
    check("^(?i:a)b$", &["Ab"], &["AB"]);
    check("^(?s)a.b$", &["a\nb"], &["ab"]);
    check("^(?-s:.)$", &["a"], &["\n"]);
}

#[test]
fn multiline_anchors_use_ecma_line_terminators() {
    let compiled = check(
        "(?m)^b$",
        &["a\nb", "a\u{2028}b\u{2029}c", "b\r", "b"],
        &["ab", "a\nbc"],
    );
    assert_eq!(compiled.engine(), Engine::FancyRegex);
    let pem =
        r"^(?ms)\s*^-----BEGIN (?-s:.*)PRIVATE KEY-----$.*?^-----END (?-s:.*)PRIVATE KEY-----$\s*$";
    check(
        pem,
        &["-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n"],
        &["-----BEGIN RSA PRIVATE KEY----- AAAA -----END RSA PRIVATE KEY-----x"],
    );
}

#[test]
fn look_around_in_the_middle_goes_to_the_backtracking_engine() {
    let middle = check(r"^a(?=b)", &["ab"], &["ac", "a"]);
    assert_eq!(middle.engine(), Engine::FancyRegex);
    assert!(
        middle.reason().contains("look-ahead"),
        "{}",
        middle.reason()
    );
    let behind = check(r"^[a-z]+(?<!x)-[0-9]$", &["ab-1"], &["ax-1"]);
    assert_eq!(behind.engine(), Engine::FancyRegex);
    assert!(
        behind.reason().contains("look-behind"),
        "{}",
        behind.reason()
    );
    let several = check(r"^(?!a)b|^c(?!d)", &["b", "ce"], &["cd", "a"]);
    assert_eq!(several.engine(), Engine::FancyRegex);
    // A quantified look-ahead (Annex B) means the look-ahead itself.
    check(r"^(\/(?!\.)+[a-z]+)$", &["/a"], &["/.a"]);
}

#[test]
fn look_around_at_the_ends_becomes_separate_linear_tests() {
    // Cognito's S3BucketType.
    let bucket = check(
        r"^[0-9A-Za-z\.\-_]*(?<!\.)$",
        &["my-bucket", "a.b", ""],
        &["bucket.", "a b"],
    );
    assert_eq!(bucket.engine(), Engine::CharCheck);
    assert!(bucket.reason().contains("look-around sits at the ends"));
    let prefix = check(r"^(?!aws:).+$", &["a", "awsx"], &["aws:x", ""]);
    assert_eq!(prefix.engine(), Engine::CharCheck);
    let digit = check(r"^(?=.*\d)[a-z\d]+$", &["a1"], &["ab", "1-"]);
    assert_eq!(digit.engine(), Engine::Regex);
    check(
        r"^(?!(?i)(arn|aws):)[\p{L}]+",
        &["abc"],
        &["ARN:x", "aws:x"],
    );
    check(r"^((?!\s).+)$", &["a b"], &[" a"]);
    check(r"^(?!\s*$).+$", &[" a"], &["  ", ""]);
    check(
        r"^(?![-])(?!.*[-]$)(?!.*[-]{2})[a-z0-9-]+$",
        &["a-b"],
        &["-a", "a-", "a--b"],
    );
    check(r"^(?!^[0-9]+$)([a-zA-Z0-9-_]+)$", &["a1"], &["12"]);
    check(r"^[a-z]*(?<=z)$", &["abz"], &["aby", ""]);
    check(r"^a*(?<!^)$", &["a"], &[""]);
}

#[test]
fn backreferences_follow_ecma() {
    let compiled = check(r"^(a|b)\1$", &["aa", "bb"], &["ab"]);
    assert_eq!(compiled.engine(), Engine::FancyRegex);
    // A group that has not matched: the reference matches the empty string.
    check(r"^(a)?\1b$", &["b", "aab"], &["ab"]);
    check(r"^(?<x>[a-z])\k<x>$", &["zz"], &["zy"]);
    check(r"^(?!.*?(.)\1{3})[a-z]*$", &["aaab"], &["aaaab"]);
    // More digits than groups: Java's rule reads `\17` as `\1` then `7`.
    check(r"^(a)\17$", &["aa7"], &["aa"]);
    assert!(error(r"(a)\2").contains("does not exist"));
    assert!(error(r"\k<y>(?<x>a)").contains("names no group"));
}

#[test]
fn character_escapes() {
    check(r"^\t$", &["\t"], &["\\t", "t"]);
    check(r"^\cC$", &["\u{3}"], &["\\cC", "C"]);
    check(r"^\cc$", &["\u{3}"], &["c"]);
    check(r"^\x41\u0042\u{43}$", &["ABC"], &["abc"]);
    check(r"^\u{1F432}*$", &["", "🐲🐲"], &["🐉"]);
    check(r"^\uD83D\uDC32$", &["🐲"], &["🐉"]);
    check("^🐲*$", &["🐲"], &["🐉", "D"]);
    check(r"^\0$", &["\0"], &["0"]);
    check(r"^[^/:|\000-\037]+$", &["ab"], &["a\u{1F}", "a:"]);
    check(r"^\/\-\.\#\ $", &["/-.# "], &["x"]);
    check(r"^\a\e\f\v\n\r$", &["\u{7}\u{1B}\u{C}\u{B}\n\r"], &["a"]);
    check(r"^\x{263A}$", &["☺"], &["x"]);
    check(r"^\Qa.b\E$", &["a.b"], &["axb"]);
    check(r"\R", &["\r\n", "\u{2028}", "\u{85}"], &["a"]);
    check(r"^\h$", &["\u{A0}", "\t"], &["\n"]);
}

#[test]
fn lone_surrogates_match_nothing() {
    check(r"\uD800", &[], &["", "a", "\u{FFFD}"]);
    check(r"^[\uD800-\uDFFF]$", &[], &["a", "\u{E000}"]);
    check(
        r"^[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDBFF-\uDC00\uDFFF]+$",
        &["a\u{FFFD}"],
        &["🐲"],
    );
    check(
        r"^[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDC00-\uDBFF\uDFFF]+$",
        &["a🐲"],
        &["\t"],
    );
}

#[test]
fn annex_b_lone_brackets_and_braces_are_literals() {
    check(r"^\{config\-name}$", &["{config-name}"], &["config-name"]);
    check(r"^a]$", &["a]"], &["a"]);
    check(r"^a{,2}$", &["a{,2}"], &["aa"]);
    check(r"^{foo}$", &["{foo}"], &["foo"]);
}

#[test]
fn quantifiers() {
    check(r"^a{2}$", &["aa"], &["a", "aaa"]);
    check(r"^a{2,}$", &["aa", "aaaa"], &["a"]);
    check(r"^a{2,3}$", &["aa", "aaa"], &["aaaa"]);
    check(r"^a+?b*?c??$", &["a", "aabbc"], &["b"]);
    let possessive = check(r"^a*+a$", &[], &["aaa"]);
    assert_eq!(possessive.engine(), Engine::CharCheck);
    check(r"^[0-9A-Z]{2}+$", &["A1"], &["A", "A1B"]);
    check(r"a*+ab", &[], &["ab", "aab"]);
    check(r"a*+b", &["ab", "b"], &["a"]);
    check(r"^[\/]?+[a-z]+(\/[a-z]+)*$", &["/a/b", "a"], &["//a"]);
    check(r"^(?>a|ab)c$", &["ac"], &["abc"]);
}

#[test]
fn java_quantifier_quirks() {
    // A quantified assertion is the assertion, or nothing when it may repeat zero times.
    check(r"^a${1,128}$", &["a"], &["ab"]);
    check(r"^*a", &["ba"], &["b"]);
    check(r"^a\b+", &["a b"], &["ab"]);
    // Java ignores a second braced quantifier.
    check(r"^[a-z]{2}{0,3}$", &["ab"], &["", "abcd", "abc"]);
    check(r"^[a-z]{1,2}{3}$", &["a", "ab"], &["abc"]);
}

#[test]
fn class_ranges_and_escapes() {
    check(r"^[\w-.]+$", &["a-b.c"], &["a b"]);
    check(r"^[\p{L}\p{N}\p{Z}-_]*$", &["a- _1"], &["$"]);
    check(r"^[(0-9a-zA-Z)-?]+$", &["(a)-?"], &["!"]);
    check(r"^[\b]$", &["\u{8}"], &["b"]);
    check(r"^[\d\s]+$", &["1 \u{2003}"], &["a"]);
    check(r"^[\D]$", &["a"], &["1"]);
    check(r"^[^\W]$", &["a"], &["é"]);
    check(r"^[-a]+$", &["-a"], &["b"]);
    check(r"^[a-]+$", &["-a"], &["b"]);
    check(r"^[\^a]+$", &["^a"], &["b"]);
}

#[test]
fn syntax_errors_are_reported() {
    for (pattern, expected) in [
        ("(abc", "missing `)`"),
        ("abc)", "unmatched `)`"),
        ("[a-z", "missing `]`"),
        ("*a", "nothing to repeat"),
        ("a**", "nothing to repeat"),
        ("[z-a]", "out of order"),
        ("a{3,2}", "out of order"),
        (r"\m", "unknown escape"),
        (r"\c1", "`\\c` must be followed by a letter"),
        (r"\xZZ", "not a hexadecimal digit"),
        (r"\p{Nope}", "unknown Unicode property"),
        (r"\p{InGreek}", "blocks are not supported"),
        ("(?x)a", "not supported"),
        ("(?<1a>x)", "group name"),
        ("(?<a>x)(?<a>y)", "duplicate group name"),
        (r"[a-\d]", "cannot end a range"),
        (r"\u{110000}", "up to 10FFFF"),
        ("a\\", "ends inside"),
    ] {
        let message = error(pattern);
        assert!(message.contains(expected), "{pattern}: {message}");
    }
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let pattern = format!("{}a{}", "(".repeat(10_000), ")".repeat(10_000));
    assert!(error(&pattern).contains("nests too deeply"));
}

#[test]
fn simple_patterns_become_character_checks() {
    for pattern in [
        r"^[a-z]+$",
        r"^[a-z]*$",
        r"^[a-zA-Z0-9._-]{1,64}$",
        r"^[\w\d\s]+$",
        r"^\p{ASCII}{0,8192}$",
        r"^$|^[0-9]{12}$",
        r"^arn:aws:iam::\d{12}:role/[\w+=,.@-]+$",
        r"^arn:",
        r"\A[a-zA-Z0-9_]+\z",
        r"^[^\p{Cntrl}]*$",
        r"^.*$",
        r"^\S+$",
        r"^([a-z])+$",
        r"^(?:abc)$",
        r"^[a-z][a-z0-9-]*$",
        r"^(?i)[a-z]{2}$",
        r"^\p{XDigit}{8}-\p{XDigit}{4}$",
    ] {
        let compiled = compile(pattern).expect("compiles");
        assert_eq!(compiled.engine(), Engine::CharCheck, "{pattern}");
    }
}

#[test]
fn one_step_without_a_caret_is_a_character_check() {
    for (pattern, yes, no) in [
        (r"[\w+]+", &["ü+", "a"][..], &["ü", ""][..]),
        (r"[0-9]{3}", &["a123b", "1234"], &["12a3", "12"]),
        (r"[a-z]{2}$", &["12ab", "ab"], &["ab1", "a"]),
        (r"[a-z]{2,5}$", &["xyzab"], &["a"]),
        (r"abc", &["xabcx"], &["ab"]),
        (r"abc$", &["xabc"], &["abcx"]),
        (r".*\{####\}.*", &["a {####} b"], &["{###}"]),
        (r"[a-z]*", &["", "1"], &[]),
        (r"x*$", &["", "1"], &[]),
        (r"[\S]+", &[" a "], &[" \u{3000}"]),
        (r"é+", &["café"], &["cafe"]),
        (r"^a|b$", &["ax", "xb"], &["xa", "bx"]),
    ] {
        let compiled = check(pattern, yes, no);
        assert_eq!(compiled.engine(), Engine::CharCheck, "{pattern}");
    }
}

#[test]
fn other_patterns_use_the_regex_crate() {
    for (pattern, why) in [
        (r"[a-z]cole", "not a sequence"),
        (r"^[a-z]*[a-z0-9]$", "may take characters"),
        (r"^[\p{L}]+$", "too many ranges"),
        (r"^(ab)+$", "not a sequence"),
        (r"^a|b+c", "not a sequence"),
        (r"^a$b", "not a sequence"),
    ] {
        let compiled = compile(pattern).expect("compiles");
        assert_eq!(compiled.engine(), Engine::Regex, "{pattern}");
        assert!(
            compiled.reason().contains(why),
            "{pattern}: {}",
            compiled.reason()
        );
    }
}

#[test]
fn character_checks_agree_with_the_regex_translation() {
    let inputs = [
        "",
        "a",
        "z",
        "A",
        "0",
        "-",
        "_",
        ".",
        " ",
        "\n",
        "é",
        "🐲",
        "ab",
        "a-b",
        "abc-",
        "-abc",
        "a b",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "arn:",
        "arn:aws:iam::123456789012:role/x",
        "arn:aws:iam::12345678901:role/x",
        "abc\u{7F}",
        "0123456789ab",
        "123456789012",
        "deadbeef-cafe",
        "DEADBEEF-cafe",
        "x\u{2028}",
    ];
    for pattern in [
        r"^[a-z]+$",
        r"^[a-z]*$",
        r"^[a-z-]{1,3}$",
        r"^[a-z][a-z0-9-]*$",
        r"^[a-z][a-z0-9-]{0,2}$",
        r"^-?[a-z]+$",
        r"^$|^[0-9]{12}$",
        r"^arn:aws:iam::\d{12}:role/[\w+=,.@-]+$",
        r"^arn:",
        r"^[^\p{Cntrl}]*$",
        r"^.*$",
        r"^\S+$",
        r"^\s*$",
        r"^[a-z]{2}",
        r"^\p{XDigit}{8}-[a-f]{4}$",
        r"^[^a]{0,3}$",
        r"^(?i)[a-z]{2}$",
        r"^[a-z]*+[a-z0-9]$",
        r"^[0-9A-Z]{2}+$",
    ] {
        let compiled = compile(pattern).expect("compiles");
        assert_eq!(compiled.engine(), Engine::CharCheck, "{pattern}");
        let matches = translation_matcher(&compiled);
        for input in inputs {
            assert_eq!(
                compiled.matches(input),
                matches(input),
                "{pattern} on {input:?}"
            );
        }
    }
}

#[test]
fn emitted_code_is_valid_rust_for_every_engine() {
    let value = quote!(value.as_str());
    for (pattern, engine) in [
        (r"^[a-z]{1,63}$", Engine::CharCheck),
        (r"^$|^arn:[a-z]+:[^\nx]{2,}x$", Engine::CharCheck),
        (r"^[\p{L}]+$", Engine::Regex),
        (r"^\p{L}{1,2048}$", Engine::Regex),
        (r"^x\p{L}{1,20}$", Engine::Regex),
        (r"^a(?!-)[a-z-]+$", Engine::FancyRegex),
        (r"^(?!-)[a-z-]+$", Engine::CharCheck),
        (r"^(?=.*[0-9])[a-z0-9]+(?<!-)$", Engine::Regex),
    ] {
        let compiled = compile(pattern).expect("compiles");
        assert_eq!(compiled.engine(), engine, "{pattern}");
        let emitted = compiled.emit("CLIENT_ID_PATTERN", &value);
        let file: syn::File = syn::parse2(emitted.items.clone())
            .unwrap_or_else(|error| panic!("{pattern}: {error}\n{}", emitted.items));
        assert_eq!(file.items.len(), 1, "{pattern}");
        let test: syn::Expr = syn::parse2(emitted.test.clone()).expect("the test is an expression");
        let test = quote!(#test).to_string();
        let items = emitted.items.to_string();
        let split = compiled.reason().contains("separate tests");
        match engine {
            Engine::CharCheck => {
                assert!(items.contains("fn client_id_pattern"), "{items}");
                assert!(test.starts_with("client_id_pattern"), "{test}");
            }
            Engine::Regex if split => {
                assert!(items.contains("fn client_id_pattern"), "{items}");
                assert!(items.contains("static PART_0"), "{items}");
                assert!(items.contains("fn part_1"), "{items}");
            }
            Engine::Regex if compiled.ascii.is_some() => {
                assert!(items.contains("fn client_id_pattern"), "{items}");
                assert!(items.contains("! value . is_ascii ()"), "{items}");
                assert!(items.contains("static REGEX"), "{items}");
                assert!(items.contains("REGEX . is_match"), "{items}");
                assert!(test.starts_with("client_id_pattern"), "{test}");
            }
            Engine::Regex => {
                assert!(items.contains("static CLIENT_ID_PATTERN"), "{items}");
                assert!(items.contains(":: regex :: Regex"), "{items}");
                assert!(test.contains("is_match"), "{test}");
            }
            Engine::FancyRegex => {
                assert!(items.contains("backtrack_limit"), "{items}");
                assert!(test.contains("unwrap_or (false)"), "{test}");
            }
        }
        assert!(items.contains("ECMA-262 pattern"), "{items}");
    }
}

#[test]
fn long_bounded_runs_of_large_classes_count_their_length_separately() {
    let long = "ü".repeat(1024);
    let too_long = "ü".repeat(1025);
    let compiled = check(
        r"^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,1024}$",
        &["ü", &long],
        &["", " ", &too_long],
    );
    assert_eq!(compiled.engine(), Engine::Regex);
    assert_eq!(compiled.translated(), r"^(?:[\p{L}\p{M}\p{S}\p{N}\p{P}])*$");
    let emitted = compiled.emit("BIG", &quote!(v));
    // Values with other characters than ASCII count them before the regex runs; all-ASCII
    // values are measured in bytes by the ASCII plan.
    let items = emitted.items.to_string();
    assert!(items.contains("chars () . count ()"), "{items}");
    assert!(
        items.contains("(1 ..= 1024) . contains (& value . len ())"),
        "{items}"
    );
    syn::parse2::<syn::File>(emitted.items).expect("valid items");
    syn::parse2::<syn::Expr>(emitted.test).expect("the test is an expression");
}

/// A translation over the `regex` crate's default size limit (such as
/// `^a[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,1024}$`, too slow to build in a debug test) is built,
/// and generated, with the larger limit.
#[test]
fn oversized_translations_get_a_larger_size_limit() {
    let (regex, limit) = build_large_regex(r"^a\p{L}{1,3}$").expect("builds");
    assert_eq!(limit, Some(LARGE_SIZE_LIMIT));
    assert!(regex.is_match("aéé"));
    let mut compiled = compile(r"^a\p{L}{1,3}$").expect("compiles");
    assert_eq!(compiled.engine(), Engine::Regex);
    let items = compiled.emit("BIG", &quote!(v)).items.to_string();
    assert!(!items.contains("size_limit"), "{items}");
    compiled.size_limit = limit;
    let items = compiled.emit("BIG", &quote!(v)).items;
    assert!(items.to_string().contains("size_limit"), "{items}");
    syn::parse2::<syn::File>(items).expect("valid items");
}

#[test]
fn identifiers_are_sanitised() {
    assert_eq!(identifier("TYPE").to_string(), "TYPE");
    assert_eq!(identifier("type").to_string(), "type_");
    assert_eq!(identifier("1A-B").to_string(), "_1A_B");
    assert_eq!(identifier("").to_string(), "__");
}

#[test]
fn compiled_patterns_can_be_shared_across_threads() {
    fn assert_send_sync<T: Send + Sync>(_: &T) {}
    for pattern in [r"^[a-z]+$", r"\p{L}", r"(?!a)b"] {
        assert_send_sync(&compile(pattern).expect("compiles"));
    }
}

#[test]
fn bounded_runs_without_a_minimum_count_with_enumerate() {
    // A hand-kept counter that nothing reads after the loop trips
    // `clippy::explicit_counter_loop` in the generated crate.
    let compiled = compile(r"^arn:[a-z]+:[-.0-9a-zé]{0,63}:x$").expect("compiles");
    assert_eq!(compiled.engine(), Engine::CharCheck);
    let items = compiled.emit("ARN", &quote!(value)).items.to_string();
    assert!(items.contains("char_indices () . enumerate ()"), "{items}");
    assert!(!items.contains("count += 1"), "{items}");
}
