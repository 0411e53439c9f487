//! The ASCII fast path of patterns left to the `regex` crate: the ASCII plan must give the
//! regex's verdict on every text made only of ASCII characters, and its emitted byte tests must
//! compile and agree with it.

use std::process::Command;

use proc_macro2::TokenStream;

use super::*;

/// Patterns the `regex` crate runs whose ASCII part is a plan: large Unicode classes, negated
/// classes, case folding, literal text between runs, a bounded run (checked apart as a count of
/// characters), alternatives, classes with no ASCII member at all.
const PATTERNS: &[&str] = &[
    r"^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$",
    r"^[\p{L}\p{M}\p{S}\p{N}\p{P}\s]{1,4}$",
    r"^[\p{L}]+$",
    r"^\p{Lu}\p{Ll}*$",
    r"^[\p{L}\p{N}_.-]+@[\p{L}\p{N}-]+$",
    r"^[^\p{L}\p{Cc}]*$",
    r"^\P{L}{2,}$",
    r"\p{S}",
    r"^(?i:\p{Lu})+$",
    r"^\p{Greek}+$|^x$",
    r"^[\p{N}\p{Sc}]{0,3}$",
];

/// Every ASCII character alone, twice, between letters, and a few longer texts.
fn ascii_probes() -> Vec<String> {
    let mut probes: Vec<String> = (0u8..128)
        .flat_map(|b| {
            let c = char::from(b);
            [
                c.to_string(),
                format!("{c}{c}"),
                format!("a{c}b"),
                format!("A{c}"),
            ]
        })
        .collect();
    probes.extend(
        [
            "",
            "alice@example.com",
            "Alice",
            "ABC",
            "x",
            "a b",
            "$1",
            "$12345",
            "user_name-1",
        ]
        .map(String::from),
    );
    probes
}

/// `compiled` with its regex only: what the generated code runs for other values.
fn regex_only(compiled: &CompiledPattern) -> CompiledPattern {
    CompiledPattern {
        ascii: None,
        ..compiled.clone()
    }
}

/// Texts with other characters than ASCII.
const OTHER_PROBES: &[&str] = &[
    "ü",
    "Ωmega",
    "a\u{a0}b",
    "é ",
    "x€",
    "€x",
    "🐲",
    "aé@b-c",
    "Ä1",
    "\u{2028}",
    "ab\u{300}",
];

#[test]
fn the_ascii_plan_agrees_with_the_regex_on_ascii_text() {
    for pattern in PATTERNS {
        let compiled = compile(pattern).expect("compiles");
        assert_eq!(compiled.engine(), Engine::Regex, "{pattern}");
        let ascii = compiled
            .ascii
            .as_ref()
            .unwrap_or_else(|| panic!("{pattern}: no ASCII plan"));
        let regex = regex_only(&compiled);
        for probe in ascii_probes() {
            assert_eq!(
                ascii.matches(&probe),
                regex.matches(&probe),
                "{pattern} on {probe:?}"
            );
        }
        for probe in OTHER_PROBES {
            // The generated code takes the plan's yes for any text.
            assert!(
                !ascii.matches(probe) || regex.matches(probe),
                "{pattern} on {probe:?}"
            );
            assert_eq!(
                compiled.matches(probe),
                regex.matches(probe),
                "{pattern} on {probe:?}"
            );
        }
    }
}

#[test]
fn the_username_class_is_every_printable_ascii_character_but_space() {
    let compiled = compile(r"^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$").expect("compiles");
    let ascii = compiled.ascii.as_ref().expect("an ASCII plan");
    for b in 0u8..128 {
        let text = char::from(b).to_string();
        assert_eq!(ascii.matches(&text), (b'!'..=b'~').contains(&b), "{b:#x}");
    }
    let items = compiled.emit("USERNAME", &quote!(value)).items.to_string();
    assert!(items.contains("is_ascii_graphic"), "{items}");
    assert!(items.contains("! value . is_ascii ()"), "{items}");
}

#[test]
fn other_values_still_go_to_the_regex() {
    let compiled = compile(r"^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$").expect("compiles");
    for (value, expected) in [
        ("ü", true),
        ("Ωmega", true),
        ("a\u{a0}b", false),
        ("é ", false),
    ] {
        assert_eq!(compiled.matches(value), expected, "{value:?}");
    }
    let bounded = compile(r"^[\p{L}]{2,3}$").expect("compiles");
    for (value, expected) in [("ab", true), ("abcd", false), ("éé", true), ("éééé", false)] {
        assert_eq!(bounded.matches(value), expected, "{value:?}");
    }
}

#[test]
fn patterns_that_are_no_plan_even_in_ascii_have_no_fast_path() {
    for pattern in [r"^(ab)+$", r"^[\p{L}]*[\p{L}0-9]$", r"\bx"] {
        let compiled = compile(pattern).expect("compiles");
        assert!(compiled.ascii.is_none(), "{pattern}");
        let items = compiled.emit("P", &quote!(value)).items.to_string();
        assert!(!items.contains("is_ascii ()"), "{items}");
    }
}

#[test]
fn emitted_ascii_paths_compile_and_agree_with_the_regex() {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_string());
    if Command::new(&rustc).arg("--version").output().is_err() {
        eprintln!("skipped: `{rustc}` is not available");
        return;
    }
    let compiled: Vec<CompiledPattern> = PATTERNS
        .iter()
        .map(|pattern| compile(pattern).expect("compiles"))
        .collect();
    let mut items = TokenStream::new();
    let mut prints = Vec::new();
    for (index, pattern) in compiled.iter().enumerate() {
        let body = pattern.ascii.as_ref().expect("an ASCII plan").emit_body();
        let function = identifier(&format!("ascii_{index}"));
        items.extend(quote! {
            fn #function(value: &str) -> bool {
                #body
            }
        });
        prints.push(quote!(line.push(if #function(input) { '1' } else { '0' });));
    }
    let probes = ascii_probes();
    let program = quote! {
        #![deny(warnings)]
        #items
        fn main() {
            let inputs: &[&str] = &[#(#probes),*];
            for input in inputs {
                let input: &str = input;
                let mut line = String::new();
                #(#prints)*
                println!("{line}");
            }
        }
    };
    let dir = tempfile::tempdir().expect("temporary directory");
    let source = dir.path().join("ascii.rs");
    let binary = dir.path().join("ascii");
    std::fs::write(&source, program.to_string()).expect("write the program");
    let build = Command::new(&rustc)
        .args(["--edition", "2021", "-o"])
        .arg(&binary)
        .arg(&source)
        .output()
        .expect("run rustc");
    assert!(
        build.status.success(),
        "the generated ASCII paths do not compile:\n{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let run = Command::new(&binary).output().expect("run the checks");
    let stdout = String::from_utf8(run.stdout).expect("UTF-8 output");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), probes.len());
    for (probe, line) in probes.iter().zip(lines) {
        for (pattern, verdict) in compiled.iter().zip(line.chars()) {
            assert_eq!(
                verdict == '1',
                regex_only(pattern).matches(probe),
                "{} on {probe:?}",
                pattern.source()
            );
        }
    }
}

#[test]
fn the_whole_emitted_function_is_valid_rust() {
    for pattern in PATTERNS {
        let compiled = compile(pattern).expect("compiles");
        let items = compiled.emit("PATTERN", &quote!(value)).items;
        syn::parse2::<syn::File>(items).unwrap_or_else(|e| panic!("{pattern}: {e}"));
    }
}
