//! The pattern compiler: turns an ECMA-262 regular expression, as written in a Smithy `@pattern`
//! trait or a JSON Schema `pattern`, into the Rust code a generated crate uses to test a `&str`.
//!
//! # Meaning
//!
//! Patterns mean what ECMA-262 (with the `u` flag, as JSON Schema asks) says, not what the `regex`
//! crate's defaults say:
//!
//! - unanchored: a pattern matches when it matches anywhere, unless `^`/`$` are written;
//! - `^` and `$` are the start and the very end of the text (no multiline, no "before a final
//!   newline");
//! - `\d` is `[0-9]`, `\w` is `[A-Za-z0-9_]`, `\b`/`\B` use that `\w`; `\s` is ECMA-262's
//!   WhiteSpace and LineTerminator set (TAB, VT, FF, ZWNBSP, every `Zs`, LF, CR, U+2028/9);
//!   `.` matches anything but LF, CR, U+2028 and U+2029; `[^]` matches anything, `[]` nothing;
//! - `\p{L}`, `\p{Letter}`, `\P{…}`, `\p{Script=Greek}`, `\p{gc=Lu}` and the binary properties
//!   are the `regex` crate's Unicode tables (its loose name matching also accepts JSON Schema's
//!   `\p{digit}`); a lone surrogate (`\uD800`) matches nothing, since no Rust string holds one;
//! - a backreference to a group that has not matched matches the empty string.
//!
//! Real models (the AWS corpus) are written for Java, so Java's syntax is read with Java's
//! meaning: `\p{ASCII}`, `\p{Alnum}`, `\p{Punct}`, `\p{XDigit}`, `\p{Space}` and the other POSIX
//! names (ASCII-only, matched case-sensitively, so ECMA spellings such as `\p{digit}` keep their
//! Unicode meaning), `\p{IsAlphabetic}`, `\p{LD}`, `\p{javaLowerCase}`, `\A`, `\z`, `\Z`, `\h`,
//! `\R`, `\Q…\E`, `\x{…}`, octal `\0nn`, nested classes and intersection `[\p{Print}&&[^|:/]]`
//! (so `[[:alnum:]]`, which neither dialect knows as a POSIX class, is Java's nested class of the
//! characters `:alnum`), atomic groups, possessive quantifiers, and inline flags:
//! `(?s)` (dot matches all), `(?m)` (ECMA-262 line anchors), `(?i)` (Java's ASCII-only case
//! folding; `\p{Lu}` then means `\p{LC}`, as in Java) and `(?i:…)` (ES2025 modifiers: Unicode
//! simple case folding). Java's quirks that the corpus relies on are kept: a quantified assertion
//! (`${1,128}`) is the assertion (nothing when it may repeat zero times), and a second braced
//! quantifier is ignored (`X{11}{0,1011}` is `X{11}`). Unicode blocks (`\p{InGreek}`) and `(?x)`
//! are refused with a message. Only a pattern that is not valid syntax (or uses one of those)
//! gives a [`PatternError`].
//!
//! Where the dialects disagree, ECMA-262 wins: `$`, `.`, `\s`, `\v` (vertical tab, not Java's
//! class) and `\0`. A `[` inside a class opens a nested class (Java, and ECMA-262's `v` mode);
//! only when that reading fails is the pattern read again with `[` as a literal there. Two
//! differences are known and left: a backreference inside a repeated group sees the previous
//! iteration's capture (ECMA-262 resets it), and property tables are those of the `regex` crate's
//! Unicode version.
//!
//! # Engines
//!
//! [`compile`] picks one [`Engine`] per pattern:
//!
//! - [`Engine::CharCheck`]: a sequence of literal text and runs of a small character class,
//!   anchored with `^` (`^[a-z0-9-]{1,63}$`, `^arn:aws:[\w+=,.@-]+$`, `^$|^\p{ASCII}*$`) or a
//!   single such step anywhere (`[\w+]+`, `abc$`), becomes a generated function over bytes or
//!   `chars()`, when greedy matching is exact (see `pattern/plan.rs`);
//! - [`Engine::Regex`]: everything else the linear-time `regex` crate can run;
//! - look-around at the ends of a one-branch pattern (look-aheads right after `^`, look-behinds
//!   right before `$`, as in `^(?!aws:).+$` or Cognito's `^[0-9A-Za-z\.\-_]*(?<!\.)$`) is split
//!   off (`pattern/split.rs`): each look-around becomes a test of its own that must match or must
//!   not, and the rest is compiled as above; the generated `fn` runs them all, and
//!   [`CompiledPattern::engine`] names the heaviest engine among them;
//! - [`Engine::FancyRegex`]: other look-around, backreferences, atomic groups, multiline anchors
//!   and `\Z` go to `fancy-regex`, a backtracking engine, for that pattern only, with a backtrack
//!   limit of [`BACKTRACK_LIMIT`]. A check that exceeds the limit counts as **no match**: the value
//!   is rejected rather than accepted unchecked, and the generated doc comment says so.
//!
//! Each translation is checked at codegen time against the builder settings the generated code
//! uses, so the generated `expect("pattern was checked at codegen time")` cannot fail: a
//! `fancy-regex` one is built; a `regex` one is parsed with the `regex` crate's own parser and
//! settings, and built only when an upper bound on its NFA size (`pattern/regex_check.rs`) cannot
//! show that it fits the crate's default size limit. `^X{m,n}$` with a large class `X`
//! (`[\p{L}\p{N}]{1,1024}`) becomes the regex `^X*$` plus a count of characters, which keeps the
//! regex small; any other translation over the default size limit is built, here and in the
//! generated code, with a larger limit. The generated crate depends on `regex` or `fancy-regex`
//! only when a pattern needs it ([`Engine::runtime_dependency`]). [`CompiledPattern::matches`]
//! evaluates a pattern in-process exactly as the generated code does, for tests and conformance
//! harnesses (it builds a `regex` pattern's regex on first use).
//!
//! # Why not `jsonschema-regex`
//!
//! The `jsonschema-regex` crate publishes `to_rust_regex`, an ECMA-262 → `regex` translation. It
//! is not used because it is "best effort" by its own description: it parses with
//! `regex-syntax`'s parser (so it accepts Rust-only syntax and reads Rust meanings into the
//! pattern), rewrites only `\d`, `\w`, `\s` (with an incomplete `\s` set) and `\cX`, leaves `.`,
//! `$` and `\b` with their Rust meanings, passes look-around and backreferences through
//! untranslated, knows no Java syntax (`\p{Alnum}` would silently become Unicode), and gives back
//! a string, where this module needs a tree to find character-check plans, to split off
//! look-around and to route single patterns to `fancy-regex`.

mod ast;
mod lower;
mod parse;
mod plan;
mod regex_check;
mod split;

#[cfg(test)]
mod ascii_tests;
#[cfg(test)]
mod corpus_tests;
#[cfg(test)]
mod emit_tests;
#[cfg(test)]
mod reference;
#[cfg(test)]
mod regex_check_tests;
#[cfg(test)]
mod suite_tests;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, OnceLock};

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use self::ast::Node;
use self::lower::{backtracking_reason, lower, Dialect};
use self::plan::Plan;

/// The most backtracking steps `fancy-regex` may take for one check.
pub const BACKTRACK_LIMIT: usize = 1_000_000;

/// The size limit the `regex` crate gets when its default (10 MiB) is too small.
const LARGE_SIZE_LIMIT: usize = 256 * (1 << 20);

/// How a generated crate tests a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Engine {
    /// A generated function over bytes or `chars()`; no regex engine.
    CharCheck,
    /// The `regex` crate: linear time.
    Regex,
    /// The `fancy-regex` crate: backtracking, bounded by [`BACKTRACK_LIMIT`].
    FancyRegex,
}

impl Engine {
    /// The crate (name, version requirement) the generated crate needs for this engine.
    pub fn runtime_dependency(self) -> Option<(&'static str, &'static str)> {
        match self {
            Engine::CharCheck => None,
            Engine::Regex => Some(("regex", "1")),
            Engine::FancyRegex => Some(("fancy-regex", "0.20")),
        }
    }
}

/// A pattern that could not be compiled; the caller adds the shape id and file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    /// What is wrong with the pattern.
    pub message: String,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PatternError {}

/// What [`CompiledPattern::emit`] produces.
#[derive(Debug, Clone)]
pub struct EmittedPattern {
    /// Items to place at module level (a function or a `static`).
    pub items: TokenStream,
    /// An expression of type `bool`: whether the value matches.
    pub test: TokenStream,
}

/// A pattern compiled for one engine, checked to build.
#[derive(Debug, Clone)]
pub struct CompiledPattern {
    source: String,
    engine: Engine,
    reason: String,
    translated: String,
    plan: Option<Plan>,
    /// For [`Engine::Regex`]: the regex [`CompiledPattern::matches`] runs, built on first use
    /// (`None` inside if it cannot be built, which [`compile`] rules out).
    regex: OnceLock<Option<regex::Regex>>,
    fancy: Option<fancy_regex::Regex>,
    size_limit: Option<usize>,
    /// For `^X{min,max}$` run as `^X*$`: the bounds on the number of characters.
    length: Option<(u32, u32)>,
    /// For a pattern run by the `regex` crate: a plan that decides values made only of ASCII
    /// characters without it (see `plan::ascii_plan`). What it accepts, the pattern accepts,
    /// whatever the value.
    ascii: Option<Plan>,
    /// For look-around at the ends: tests that must match (`true`) or not (`false`), all of
    /// which must hold; the engine fields above are then unused.
    parts: Vec<(bool, CompiledPattern)>,
    /// Whether this is one of those tests (its source is then in `regex` syntax).
    is_part: bool,
}

/// Compiles an ECMA-262 `pattern` (with the Java extensions the module documentation lists).
///
/// Results are kept for the process: one pattern is compiled for the crate's dependencies and
/// again for its static, and the same patterns recur across models; checking that a translation
/// builds is the costly part.
pub fn compile(pattern: &str) -> Result<CompiledPattern, PatternError> {
    type Cache = HashMap<String, Result<CompiledPattern, PatternError>>;
    static COMPILED: OnceLock<Mutex<Cache>> = OnceLock::new();
    let cache = COMPILED.get_or_init(Mutex::default);
    if let Some(known) = cache.lock().ok().and_then(|c| c.get(pattern).cloned()) {
        return known;
    }
    let compiled = parse::parse(pattern).and_then(|node| compile_node(pattern, &node));
    if let Ok(mut cache) = cache.lock() {
        if cache.len() >= COMPILED_KEPT {
            cache.clear();
        }
        cache.insert(pattern.to_string(), compiled.clone());
    }
    compiled
}

/// How many compiled patterns [`compile`] keeps for reuse (more than any one model has; the
/// cache starts over when full, which bounds its memory).
const COMPILED_KEPT: usize = 1024;

/// Compiles the parsed `node`, whose text is `pattern`.
fn compile_node(pattern: &str, node: &Node) -> Result<CompiledPattern, PatternError> {
    let backtracking = backtracking_reason(node);
    match plan::plan(node) {
        Ok(plan) => Ok(with_char_check(pattern, node, plan, backtracking.is_some())),
        Err(not_a_plan) => match (backtracking, split::split(node)) {
            (Some(_), Some(parts)) => with_parts(pattern, node, parts),
            (Some(reason), None) => with_fancy_regex(pattern, node, reason),
            (None, _) => with_regex(pattern, node, not_a_plan),
        },
    }
}

/// A pattern whose look-around sits at its ends, as separate tests without backtracking.
fn with_parts(
    pattern: &str,
    node: &Node,
    parts: Vec<split::Part>,
) -> Result<CompiledPattern, PatternError> {
    let parts = parts
        .iter()
        .map(|part| {
            let compiled = compile_node(&lower(&part.node, Dialect::Regex), &part.node)?;
            Ok((
                part.expected,
                CompiledPattern {
                    is_part: true,
                    ..compiled
                },
            ))
        })
        .collect::<Result<Vec<_>, PatternError>>()?;
    let engine = if parts.iter().any(|(_, part)| part.engine == Engine::Regex) {
        Engine::Regex
    } else {
        Engine::CharCheck
    };
    let reason = format!(
        "its look-around sits at the ends of the pattern, so it is checked as {} separate tests \
         that need no backtracking",
        parts.len()
    );
    Ok(CompiledPattern {
        parts,
        ..CompiledPattern::new(pattern, engine, reason, lower(node, Dialect::Fancy))
    })
}

/// A pattern checked by `plan`. The translation is kept for documentation and comparisons, in
/// the backtracking dialect when `backtracking` (a possessive run is a plan but not a regex).
fn with_char_check(pattern: &str, node: &Node, plan: Plan, backtracking: bool) -> CompiledPattern {
    let dialect = if backtracking {
        Dialect::Fancy
    } else {
        Dialect::Regex
    };
    CompiledPattern {
        plan: Some(plan),
        ..CompiledPattern::new(
            pattern,
            Engine::CharCheck,
            "it is literal text and runs of small character classes".into(),
            lower(node, dialect),
        )
    }
}

fn with_fancy_regex(
    pattern: &str,
    node: &Node,
    reason: &str,
) -> Result<CompiledPattern, PatternError> {
    let translated = lower(node, Dialect::Fancy);
    let fancy = build_fancy(&translated)?;
    Ok(CompiledPattern {
        fancy: Some(fancy),
        ..CompiledPattern::new(pattern, Engine::FancyRegex, reason.into(), translated)
    })
}

/// A pattern for the `regex` crate; `^X{min,max}$` becomes `^X*$` plus a count of characters.
fn with_regex(
    pattern: &str,
    node: &Node,
    not_a_plan: String,
) -> Result<CompiledPattern, PatternError> {
    let (translated, reason, length) = match plan::bounded_whole_text_run(node) {
        Some((atom, min, max)) => (
            format!("^(?:{})*$", lower(atom, Dialect::Regex)),
            format!(
                "{not_a_plan}; the length ({min} to {max} characters) is counted separately to \
                 keep the regex small"
            ),
            Some((min, max)),
        ),
        None => (lower(node, Dialect::Regex), not_a_plan, None),
    };
    let (regex, size_limit) = check_regex(&translated)?;
    Ok(CompiledPattern {
        regex: regex
            .map(|regex| OnceLock::from(Some(regex)))
            .unwrap_or_default(),
        size_limit,
        length,
        ascii: plan::ascii_plan(node),
        ..CompiledPattern::new(pattern, Engine::Regex, reason, translated)
    })
}

/// Checks that the `regex` crate accepts the translation and finds the size limit it needs
/// (`None`: the default). The regex is built, and returned, only when the translation's NFA size
/// bound cannot show that the default limit suffices (see `pattern/regex_check.rs`); otherwise
/// the parser's verdict is enough.
fn check_regex(translated: &str) -> Result<(Option<regex::Regex>, Option<usize>), PatternError> {
    let hir = regex_check::parse_like_regex(translated).map_err(|error| rejected(&error))?;
    if regex_check::fits_default_size_limit(&hir) {
        return Ok((None, None));
    }
    let (regex, size_limit) = build_regex(translated)?;
    Ok((Some(regex), size_limit))
}

/// The error for a translation the `regex` crate refuses, with the crate's message.
fn rejected(error: &dyn fmt::Display) -> PatternError {
    PatternError {
        message: format!("the regex engine rejects the translated pattern: {error}"),
    }
}

/// Builds the translation with the `regex` crate, raising the size limit when the default is
/// too small; returns the raised limit, if any.
fn build_regex(translated: &str) -> Result<(regex::Regex, Option<usize>), PatternError> {
    match regex::Regex::new(translated) {
        Ok(regex) => Ok((regex, None)),
        Err(regex::Error::CompiledTooBig(_)) => build_large_regex(translated),
        Err(error) => Err(rejected(&error)),
    }
}

/// Builds the translation with [`LARGE_SIZE_LIMIT`].
fn build_large_regex(translated: &str) -> Result<(regex::Regex, Option<usize>), PatternError> {
    regex::RegexBuilder::new(translated)
        .size_limit(LARGE_SIZE_LIMIT)
        .build()
        .map(|regex| (regex, Some(LARGE_SIZE_LIMIT)))
        .map_err(|error| PatternError {
            message: format!("the pattern is too large for the regex engine: {error}"),
        })
}

fn build_fancy(translated: &str) -> Result<fancy_regex::Regex, PatternError> {
    fancy_regex::RegexBuilder::new(translated)
        .backtrack_limit(BACKTRACK_LIMIT)
        .build()
        .map_err(|error| PatternError {
            message: format!("the backtracking regex engine rejects the pattern: {error}"),
        })
}

impl CompiledPattern {
    /// A pattern with no compiled engine yet.
    fn new(source: &str, engine: Engine, reason: String, translated: String) -> Self {
        CompiledPattern {
            source: source.to_string(),
            engine,
            reason,
            translated,
            plan: None,
            regex: OnceLock::new(),
            fancy: None,
            size_limit: None,
            length: None,
            ascii: None,
            parts: Vec::new(),
            is_part: false,
        }
    }

    /// The engine the generated code uses.
    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// The original ECMA-262 pattern.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The pattern in `regex` syntax, with every ECMA-262 meaning spelled out; in `fancy-regex`
    /// syntax when it needs backtracking (always for [`Engine::FancyRegex`]; for a character
    /// check with a possessive run). For `^X{m,n}$` run by the `regex` crate, this is `^X*$` and
    /// the length is checked apart.
    pub fn translated(&self) -> &str {
        &self.translated
    }

    /// Why this engine was chosen, as a clause ("it uses look-behind, …").
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// Whether `value` matches, evaluated in-process the way the generated code evaluates it
    /// (the character-check plan is interpreted; a `fancy-regex` error counts as no match).
    pub fn matches(&self, value: &str) -> bool {
        if !self.parts.is_empty() {
            return self
                .parts
                .iter()
                .all(|(expected, part)| part.matches(value) == *expected);
        }
        if let Some(plan) = &self.plan {
            return plan.matches(value);
        }
        if let Some(ascii) = &self.ascii {
            if ascii.matches(value) {
                return true;
            }
            if value.is_ascii() {
                return false;
            }
        }
        if self.engine == Engine::Regex {
            let length_fits = self.length.map_or(true, |(min, max)| {
                (min as usize..=max as usize).contains(&value.chars().count())
            });
            return length_fits && self.regex().is_some_and(|regex| regex.is_match(value));
        }
        self.fancy
            .as_ref()
            .is_some_and(|fancy| fancy.is_match(value).unwrap_or(false))
    }

    /// The regex of an [`Engine::Regex`] pattern, built (once) as the generated code builds it.
    fn regex(&self) -> Option<&regex::Regex> {
        self.regex
            .get_or_init(|| {
                let mut builder = regex::RegexBuilder::new(&self.translated);
                if let Some(limit) = self.size_limit {
                    builder.size_limit(limit);
                }
                builder.build().ok()
            })
            .as_ref()
    }

    /// Items to place at module level, named from `name` (an UPPER_SNAKE identifier chosen by
    /// the caller, unique per crate), plus an expression of type `bool` that tests the `&str`
    /// expression `value` (evaluated once). A character check, and a pattern split into several
    /// tests, is a `fn` named `name` in lower case; a regex is a `static NAME: LazyLock<…>`.
    pub fn emit(&self, name: &str, value: &TokenStream) -> EmittedPattern {
        let doc = self.doc_attributes();
        let source = &self.translated;
        if !self.parts.is_empty() {
            return self.emit_parts(name, value);
        }
        match self.engine {
            Engine::CharCheck => {
                let function = identifier(&name.to_ascii_lowercase());
                let items = match &self.plan {
                    Some(plan) if !plan.always_matches() => {
                        let body = plan.emit_body();
                        quote! {
                            #doc
                            fn #function(value: &str) -> bool {
                                #body
                            }
                        }
                    }
                    always => {
                        let verdict = always.is_some();
                        quote! {
                            #doc
                            fn #function(_value: &str) -> bool {
                                #verdict
                            }
                        }
                    }
                };
                EmittedPattern {
                    items,
                    test: quote!(#function(#value)),
                }
            }
            Engine::Regex if self.ascii.is_some() => self.emit_with_ascii_path(name, value),
            Engine::Regex => self.emit_regex(&identifier(name), value, doc),
            Engine::FancyRegex => {
                let name = identifier(name);
                EmittedPattern {
                    items: quote! {
                        #doc
                        static #name: ::std::sync::LazyLock<::fancy_regex::Regex> =
                            ::std::sync::LazyLock::new(|| {
                                ::fancy_regex::RegexBuilder::new(#source)
                                    .backtrack_limit(#BACKTRACK_LIMIT)
                                    .build()
                                    .expect("pattern was checked at codegen time")
                            });
                    },
                    test: quote!(#name.is_match(#value).unwrap_or(false)),
                }
            }
        }
    }

    /// A `static` named `name` holding the pattern's regex, with the attributes `doc`, and the
    /// test of `value` against it (and against the separate count of characters, if any).
    fn emit_regex(&self, name: &Ident, value: &TokenStream, doc: TokenStream) -> EmittedPattern {
        let source = &self.translated;
        let build = match self.size_limit {
            None => quote!(::regex::Regex::new(#source)),
            Some(limit) => quote! {
                ::regex::RegexBuilder::new(#source).size_limit(#limit).build()
            },
        };
        let test = match self.length {
            None => quote!(#name.is_match(#value)),
            Some((min, max)) => {
                let min = Literal::usize_unsuffixed(min as usize);
                let max = Literal::usize_unsuffixed(max as usize);
                quote! {{
                    let value: &str = #value;
                    (#min..=#max).contains(&value.chars().count()) && #name.is_match(value)
                }}
            }
        };
        EmittedPattern {
            items: quote! {
                #doc
                static #name: ::std::sync::LazyLock<::regex::Regex> =
                    ::std::sync::LazyLock::new(|| {
                        #build.expect("pattern was checked at codegen time")
                    });
            },
            test,
        }
    }

    /// A `fn` named `name` in lower case that decides values made only of ASCII characters by
    /// the ASCII plan (byte tests) and the others with the pattern's regex, a `static` inside.
    /// The ASCII plan runs first on every value: what it accepts, the pattern accepts too (it is
    /// the pattern with every class cut down to its ASCII part), so a valid ASCII value is
    /// scanned once.
    fn emit_with_ascii_path(&self, name: &str, value: &TokenStream) -> EmittedPattern {
        let doc = self.doc_attributes();
        let function = identifier(&name.to_ascii_lowercase());
        let regex = self.emit_regex(
            &identifier("REGEX"),
            &quote!(value),
            quote!(#[doc = " The pattern, for values with other characters."]),
        );
        let regex_items = regex.items;
        let regex_test = regex.test;
        let ascii_body = self
            .ascii
            .as_ref()
            .map(Plan::emit_body)
            .unwrap_or_else(|| quote!(false));
        EmittedPattern {
            items: quote! {
                #doc
                fn #function(value: &str) -> bool {
                    /// The verdict on a value made only of ASCII characters.
                    fn ascii(value: &str) -> bool {
                        #ascii_body
                    }
                    #regex_items
                    ascii(value) || (!value.is_ascii() && #regex_test)
                }
            },
            test: quote!(#function(#value)),
        }
    }

    /// A `fn` named `name` in lower case that holds one item per part and requires each part's
    /// verdict.
    fn emit_parts(&self, name: &str, value: &TokenStream) -> EmittedPattern {
        let doc = self.doc_attributes();
        let function = identifier(&name.to_ascii_lowercase());
        let mut items = Vec::new();
        let mut tests = Vec::new();
        for (index, (expected, part)) in self.parts.iter().enumerate() {
            let emitted = part.emit(&format!("PART_{index}"), &quote!(value));
            items.push(emitted.items);
            let test = emitted.test;
            tests.push(if *expected { test } else { quote!(!#test) });
        }
        EmittedPattern {
            items: quote! {
                #doc
                fn #function(value: &str) -> bool {
                    #(#items)*
                    #(#tests)&&*
                }
            },
            test: quote!(#function(#value)),
        }
    }

    /// The doc attributes of the generated item, one per line (so they print as `///`).
    fn doc_attributes(&self) -> TokenStream {
        let lines = self.doc_comment();
        let lines = lines.lines().map(|line| format!(" {line}"));
        quote!(#(#[doc = #lines])*)
    }

    /// The doc comment of the generated item: the pattern, the engine, and why.
    fn doc_comment(&self) -> String {
        let how = match self.engine {
            Engine::CharCheck => "Checked by direct character tests (no regex engine)".to_string(),
            Engine::Regex if self.ascii.is_some() => {
                "Checked by direct byte tests when the value is \
                all ASCII, else with the `regex` crate (linear time)"
                    .to_string()
            }
            Engine::Regex => "Checked with the `regex` crate (linear time)".to_string(),
            Engine::FancyRegex => format!(
                "Checked with the `fancy-regex` crate (backtracking, at most {BACKTRACK_LIMIT} \
                 steps; a check that exceeds them counts as no match)"
            ),
        };
        if self.is_part {
            return format!(
                "One test of the pattern above: whether a value matches (control characters shown \
                 escaped)\n\n```text\n{}\n```\n\n{how}, because {}.",
                printable(&self.source),
                self.reason
            );
        }
        format!(
            "Whether a value matches the ECMA-262 pattern (control characters shown escaped)\n\n\
             ```text\n{}\n```\n\n{how}, because {}.",
            printable(&self.source),
            self.reason
        )
    }
}

/// The pattern on one line, with control characters written as escapes (`\n`, `\r`, `\t`,
/// `\u{..}`), so documentation shows it exactly and stays valid Rust.
fn printable(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    for c in source.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

/// `name` as a Rust identifier: characters other than letters, digits and `_` become `_`, and a
/// keyword gets a trailing `_`.
fn identifier(name: &str) -> Ident {
    let mut text: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if text.is_empty() || text.starts_with(|c: char| c.is_ascii_digit()) {
        text.insert(0, '_');
    }
    if text == "_" || syn::parse_str::<Ident>(&text).is_err() {
        text.push('_');
    }
    Ident::new(&text, Span::call_site())
}
