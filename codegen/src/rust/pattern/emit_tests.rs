//! Compiles the generated character-check functions with `rustc` (warnings denied), runs them on
//! probe strings, and compares every verdict with the interpreted plan.

use std::process::Command;

use proc_macro2::TokenStream;

use super::*;

/// Character-check patterns covering every emitted shape: bytes and chars, bounded and unbounded
/// runs, literal text, several branches, negated sets, unanchored ends.
const PATTERNS: &[&str] = &[
    r"^[a-z]+$",
    r"^[a-z]*$",
    r"^[a-zA-Z0-9._-]{1,5}$",
    r"^[a-z]{3,}$",
    r"^\S{2,4}$",
    r"^.*$",
    r"^[\w\s]+$",
    r"^[^\p{Cntrl}]{0,3}$",
    r"^$|^[0-9]{3}$",
    r"^arn:aws:[a-z]+:\d{2}/[\w+=,.@-]+$",
    r"^arn:",
    r"^abc$",
    r"^$",
    r"^",
    r"^[a-z][a-z0-9-]{0,3}$",
    r"^[a-z][a-z0-9-]*$",
    r"^-?[a-w]+x",
    r"^[é-ü]+[0-9]{2}$",
    r"^[^\s:]+:[a-z]{2,}$",
    r"^[^:]{1,3}:[^:]*$",
    r"^(?i)[a-c]{2}|^x$",
    r"^[a-z]{2,}-[0-9]{0,2}",
    r"[\w+]+",
    r"[0-9]{3}",
    r"[a-z]{2}$",
    r"ab",
    r"b$",
    r"[^a-z]{2}",
    r"é{2}$",
    r"\S$|^$",
    r"x*",
    r"^(?!ab)[a-z:]+$",
    r"^[a-z.]*(?<!\.)$",
    r"^(?=a)(?!ab)[a-z]{2}(?<=c)$",
];

const INPUTS: &[&str] = &[
    "",
    "a",
    "ab",
    "abc",
    "abcd",
    "abcdef",
    "A",
    "0",
    "000",
    "0000",
    "-",
    "_",
    ".",
    " ",
    "\n",
    "é",
    "ü",
    "ée12",
    "🐲",
    "a b",
    "a\u{7F}",
    "x",
    "X",
    "aB",
    "ABc",
    "arn:",
    "arn:aws:s:12/x",
    "arn:aws:s:1/x",
    "arn:aws:s:12/",
    "ab:cd",
    "abc:",
    "a:b:c",
    "é:é",
    "ab-12",
    "ab-",
    "ab-123",
    "-ab",
    "-abx",
    "abx",
    "a-b-c",
];

#[test]
fn emitted_character_checks_compile_and_agree_with_the_plans() {
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
        assert_eq!(pattern.engine(), Engine::CharCheck, "{}", pattern.source());
        let emitted = pattern.emit(&format!("PATTERN_{index}"), &quote!(input));
        items.extend(emitted.items);
        let test = emitted.test;
        prints.push(quote!(line.push(if #test { '1' } else { '0' });));
    }
    let probes = INPUTS.iter();
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
    let source = dir.path().join("checks.rs");
    let binary = dir.path().join("checks");
    std::fs::write(&source, program.to_string()).expect("write the program");
    let build = Command::new(&rustc)
        .args(["--edition", "2021", "-o"])
        .arg(&binary)
        .arg(&source)
        .output()
        .expect("run rustc");
    assert!(
        build.status.success(),
        "the generated checks do not compile:\n{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let run = Command::new(&binary).output().expect("run the checks");
    let stdout = String::from_utf8(run.stdout).expect("UTF-8 output");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), INPUTS.len());
    for (input, line) in INPUTS.iter().zip(lines) {
        for (pattern, verdict) in compiled.iter().zip(line.chars()) {
            assert_eq!(
                verdict == '1',
                pattern.matches(input),
                "{} on {input:?}",
                pattern.source()
            );
        }
    }
}

#[test]
fn patterns_with_line_breaks_keep_the_generated_file_valid_rust() {
    // Regression: codecatalyst's `ProjectDescription` pattern holds a raw CR and LF; the doc
    // comment showed them as written, which made the formatted file unparsable.
    let compiled = compile("^[a-z \n\t\r]*$").unwrap();
    let emitted = compiled.emit("DESCRIPTION_PATTERN", &quote::quote!(value));
    let file: syn::File = syn::parse2(emitted.items).unwrap();
    let text = prettyplease::unparse(&file);
    assert!(syn::parse_file(&text).is_ok(), "{text}");
    assert!(text.contains("\\n\\t\\r"), "{text}");
}
