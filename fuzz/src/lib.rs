//! Harness code shared by the fuzz targets: turns the fuzzer's bytes into in-memory
//! [`Source`]s, runs them through a front end and then the Rust back end, and panics on every
//! broken invariant (the fuzzer reports a panic as a crash).
//!
//! Conventions of the model targets (`smithy_json`, `smithy_idl`, `jsonschema`):
//! - **Several files in one input.** The bytes are split at NUL bytes (no JSON, YAML or IDL
//!   text holds a raw NUL), so one input can be a model of several files that refer to each
//!   other. At most [`MAX_FILES`] parts are used.
//! - **No filesystem.** Sources are built in memory under [`IN_MEMORY_DIR`], a directory that
//!   does not exist, so relative `$ref`s to other files find nothing on disk. (The JSON Schema
//!   front end still follows a `$ref` that is an absolute file path.)
//! - **Options from the input.** [`options_for`] derives the boolean options from the input's
//!   length, so a one-byte mutation explores both settings without a separate encoding.
//! - **Invariants.** No panic anywhere; every diagnostic names a file and says something; no
//!   `internal error` diagnostic (an emitter producing Rust that does not parse); generating a
//!   model twice gives the same files. Targets add their own checks.

use std::path::PathBuf;

use codegen::input::{self, Format, Source};
use codegen::writer::CrateFiles;
use codegen::{Diagnostics, Options};

/// At most this many files are taken from one input.
pub const MAX_FILES: usize = 4;

/// The (non-existent) directory that in-memory sources pretend to live in.
pub const IN_MEMORY_DIR: &str = "fuzz-in-memory";

/// Splits the input into file texts at NUL bytes; `None` when a part is not UTF-8 (the
/// front ends take text: `input::read_source` rejects such files before any front end runs).
pub fn split_files(data: &[u8]) -> Option<Vec<&str>> {
    data.split(|&b| b == 0)
        .take(MAX_FILES)
        .map(|part| std::str::from_utf8(part).ok())
        .collect()
}

/// The options for one input: bit 0 of its length turns on `allow_unresolved_refs`, bit 1
/// `optional_input_members`.
pub fn options_for(data: &[u8]) -> Options {
    Options {
        crate_name: "fuzzed".to_string(),
        allow_unresolved_refs: data.len() & 1 == 1,
        optional_input_members: data.len() & 2 == 2,
        ..Options::default()
    }
}

/// An in-memory source named `input<index>.<extension>`, its format detected from the name
/// and text exactly as for a file on disk.
pub fn detected_source(index: usize, extension: &str, text: &str) -> Source {
    let path = PathBuf::from(IN_MEMORY_DIR).join(format!("input{index}.{extension}"));
    let format = input::detect_format(&path, text);
    Source {
        path,
        text: text.to_string(),
        format,
    }
}

/// The extension a file with this text would most likely have: `json` for JSON, else `yaml`.
pub fn json_or_yaml_extension(text: &str) -> &'static str {
    if text.trim_start().starts_with(['{', '[']) {
        "json"
    } else {
        "yaml"
    }
}

/// Panics when a diagnostic reports an internal error (a bug in the generator rather than in
/// the input), or does not say which file it is about or what is wrong.
pub fn assert_diagnostics_sound(diagnostics: &Diagnostics) {
    for diagnostic in diagnostics.iter() {
        // `starts_with`: a message may quote the input, which can say "internal error".
        assert!(
            !diagnostic.message.starts_with("internal error"),
            "internal error reported: {diagnostic:?}"
        );
        assert!(
            !diagnostic.file.is_empty(),
            "diagnostic names no file: {diagnostic:?}"
        );
        assert!(
            !diagnostic.message.trim().is_empty(),
            "diagnostic without a message: {diagnostic:?}"
        );
    }
}

/// Runs a loading result through the Rust back end when loading succeeded (twice: the output
/// must not depend on hash order or threads); checks the diagnostics either way. Returns the
/// generated files, or `None` when loading or generation failed.
pub fn generate_if_loaded(
    loaded: Result<codegen::Loaded, Diagnostics>,
    options: &Options,
) -> Option<CrateFiles> {
    let loaded = match loaded {
        Ok(loaded) => loaded,
        Err(errors) => {
            assert!(errors.has_errors(), "loading failed without an error");
            assert_diagnostics_sound(&errors);
            return None;
        }
    };
    assert_diagnostics_sound(&loaded.warnings);
    let first = codegen::rust::generate_crate(&loaded.model, options);
    let second = codegen::rust::generate_crate(&loaded.model, options);
    match (first, second) {
        (Ok(files), Ok(again)) => {
            assert_diagnostics_sound(&files.warnings);
            assert!(
                files.files.contains_key("src/lib.rs"),
                "generated crate has no src/lib.rs"
            );
            assert_eq!(files.files, again.files, "generation is not deterministic");
            Some(files)
        }
        (Err(errors), Err(again)) => {
            assert!(errors.has_errors(), "generation failed without an error");
            assert_diagnostics_sound(&errors);
            assert_eq!(errors, again, "generation errors are not deterministic");
            None
        }
        _ => panic!("generation succeeded only once of two runs"),
    }
}

/// Target `smithy_json`: the `load_model` path from text. Every part is a `.json` file whose
/// format is detected from its content (Smithy JSON AST when it has a top-level `smithy` key),
/// the sources are resolved together as `codegen::load_model` does, and a model that loads goes
/// through the Rust back end.
pub fn smithy_json(data: &[u8]) {
    let Some(texts) = split_files(data) else {
        return;
    };
    let sources: Vec<Source> = texts
        .iter()
        .enumerate()
        .map(|(i, text)| detected_source(i, "json", text))
        .collect();
    let options = options_for(data);
    generate_if_loaded(input::resolve(&sources, &options), &options);
}

/// Target `smithy_idl`: each part through the IDL parser on its own
/// (`codegen::smithy::idl::parse`), then all parts as `.smithy` files through the Smithy front
/// end together, and a model that loads through the Rust back end.
///
/// For a one-file input that parses, the parsed syntax model is also written out as JSON AST
/// and loaded through the JSON AST reader under the same file name: when the IDL loads and
/// generates, the JSON AST must too, to the same files (both readers produce one syntax model,
/// so they must agree).
pub fn smithy_idl(data: &[u8]) {
    let Some(texts) = split_files(data) else {
        return;
    };
    let mut parsed = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        let name = format!("{IN_MEMORY_DIR}/input{i}.smithy");
        match codegen::smithy::idl::parse(text, &name) {
            Ok(ast) => parsed.push(ast),
            Err(errors) => assert!(errors.has_errors(), "IDL parse failed without an error"),
        }
    }
    let sources: Vec<Source> = texts
        .iter()
        .enumerate()
        .map(|(i, text)| detected_source(i, "smithy", text))
        .collect();
    debug_assert!(sources.iter().all(|s| s.format == Format::SmithyIdl));
    let refs: Vec<&Source> = sources.iter().collect();
    let options = options_for(data);
    let from_idl = generate_if_loaded(codegen::smithy::load(&refs, &options), &options);
    if let ([source], [ast], Some(from_idl)) = (&sources[..], &parsed[..], from_idl) {
        let as_json = Source {
            path: source.path.clone(),
            text: serde_json::to_string(ast).expect("a syntax model serializes"),
            format: Format::SmithyJson,
        };
        let loaded = codegen::smithy::load(&[&as_json], &options);
        if let Err(errors) = &loaded {
            panic!(
                "the IDL loads but its JSON AST does not: {errors:?}\n{}",
                as_json.text
            );
        }
        let from_json = generate_if_loaded(loaded, &options);
        assert_eq!(
            from_json.map(|files| files.files),
            Some(from_idl.files),
            "the IDL and its JSON AST generate different crates:\n{}",
            as_json.text
        );
    }
}

/// Target `jsonschema`: every part is a JSON or YAML file (by its first character), its format
/// detected (OpenAPI or JSON Schema), all loaded together by `codegen::jsonschema::load`, and a
/// model that loads goes through the Rust back end.
pub fn jsonschema(data: &[u8]) {
    let Some(texts) = split_files(data) else {
        return;
    };
    let sources: Vec<Source> = texts
        .iter()
        .enumerate()
        .map(|(i, text)| detected_source(i, json_or_yaml_extension(text), text))
        .collect();
    let refs: Vec<&Source> = sources.iter().collect();
    let options = options_for(data);
    generate_if_loaded(codegen::jsonschema::load(&refs, &options), &options);
}

/// Target `pattern`: the pattern compiler (`codegen::rust::pattern::compile`), which every
/// `@pattern` and JSON Schema `pattern` goes through. The input is a pattern, then optionally a
/// NUL byte and a value to test. Checks that compiling, matching and emitting never panic, that
/// the emitted items and test parse as Rust, and, for a pattern run as a character check
/// (interpreted here as in the generated code), that its verdict on the value, on the empty
/// text and on the pattern's own text agrees with its translation run by `fancy-regex`.
pub fn pattern(data: &[u8]) {
    let (pattern, value) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &b""[..]),
    };
    let (Ok(pattern), Ok(value)) = (std::str::from_utf8(pattern), std::str::from_utf8(value))
    else {
        return;
    };
    let Ok(compiled) = codegen::rust::pattern::compile(pattern) else {
        return;
    };
    let emitted = compiled.emit("FUZZED_PATTERN", &quote::quote!(value));
    if let Err(error) = syn::parse2::<syn::File>(emitted.items.clone()) {
        panic!("emitted items do not parse: {error}\n{}", emitted.items);
    }
    if let Err(error) = syn::parse2::<syn::Expr>(emitted.test.clone()) {
        panic!("emitted test does not parse: {error}\n{}", emitted.test);
    }
    let verdicts: Vec<(&str, bool)> = [value, "", pattern]
        .into_iter()
        .map(|text| (text, compiled.matches(text)))
        .collect();
    if compiled.engine() != codegen::rust::pattern::Engine::CharCheck {
        return;
    }
    let Ok(reference) = fancy_regex::RegexBuilder::new(compiled.translated())
        .backtrack_limit(codegen::rust::pattern::BACKTRACK_LIMIT)
        .build()
    else {
        return;
    };
    for (text, verdict) in verdicts {
        if let Ok(expected) = reference.is_match(text) {
            assert_eq!(
                verdict,
                expected,
                "pattern {pattern:?} (translated {:?}) on {text:?}",
                compiled.translated()
            );
        }
    }
}

/// Target `cognito_request`: the generated `from_json`/`from_slice` and `validate` of the
/// Cognito `ResendConfirmationCodeRequest`. Checks that bytes and text agree, that an accepted
/// value validates and survives a serialize/read round trip unchanged, and that a rejection
/// names at least one violation.
pub fn cognito_request(data: &[u8]) {
    use generated::types::ResendConfirmationCodeRequest as Request;
    use generated::validation::{FromJson, Validate};

    let from_slice = Request::from_slice(data);
    if let Ok(text) = std::str::from_utf8(data) {
        let from_json = Request::from_json(text);
        assert_eq!(
            from_json.as_ref().ok(),
            from_slice.as_ref().ok(),
            "from_json and from_slice disagree"
        );
    }
    match from_slice {
        Ok(request) => {
            assert!(
                request.validate().is_ok(),
                "an accepted request does not validate"
            );
            let written = serde_json::to_string(&request).expect("a request serializes");
            let reread = Request::from_json(&written);
            assert_eq!(
                reread.as_ref().ok(),
                Some(&request),
                "round trip changed or rejected the request: {written}"
            );
        }
        Err(errors) => {
            assert!(!errors.is_empty(), "rejected without a violation");
            for violation in errors.iter() {
                assert!(
                    !violation.message().is_empty(),
                    "violation without a message"
                );
            }
            let _ = errors.to_string();
        }
    }
}
