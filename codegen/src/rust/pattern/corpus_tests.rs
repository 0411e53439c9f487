//! Every `smithy.api#pattern` of the AWS Smithy corpus (shapes' and members' traits) must
//! compile; the test reports how many patterns each engine gets, and compares verdicts with the
//! regex crates and, where `node` is installed, with V8.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rayon::prelude::*;
use serde::Deserialize;

use super::*;

const CORPUS_DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/corpus/smithy-aws"
);

/// The parts of a Smithy JSON AST file that hold patterns; everything else is skipped unparsed.
#[derive(Deserialize)]
struct ModelFile {
    #[serde(default)]
    shapes: BTreeMap<String, ShapeEntry>,
}

#[derive(Deserialize)]
struct ShapeEntry {
    #[serde(default)]
    traits: Traits,
    #[serde(default)]
    members: BTreeMap<String, MemberEntry>,
    /// A list's `member`, a map's `key` and `value`.
    member: Option<MemberEntry>,
    key: Option<MemberEntry>,
    value: Option<MemberEntry>,
}

#[derive(Deserialize)]
struct MemberEntry {
    #[serde(default)]
    traits: Traits,
}

#[derive(Deserialize, Default)]
struct Traits {
    #[serde(rename = "smithy.api#pattern")]
    pattern: Option<String>,
}

/// The distinct patterns of one file.
fn patterns_in(path: &Path) -> BTreeSet<String> {
    let text = std::fs::read(path).expect("corpus file is readable");
    let model: ModelFile =
        serde_json::from_slice(&text).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let mut patterns = BTreeSet::new();
    for shape in model.shapes.into_values() {
        patterns.extend(shape.traits.pattern);
        let named = shape.members.into_values();
        for member in named
            .chain(shape.member)
            .chain(shape.key)
            .chain(shape.value)
        {
            patterns.extend(member.traits.pattern);
        }
    }
    patterns
}

/// Strings that exercise common pattern shapes, for the plan-versus-regex comparison.
const PROBES: &[&str] = &[
    "",
    "a",
    "Z",
    "0",
    "-",
    "_",
    ".",
    " ",
    "\n",
    "é",
    "🐲",
    "abc",
    "abc-def_1.2",
    "-abc-",
    "ABC def",
    "arn:aws:iam::123456789012:role/name",
    "arn:aws:s3:::bucket/key",
    "123456789012",
    "0123456789abcdef",
    "12345678-1234-1234-1234-123456789012",
    "user@example.com",
    "https://example.com/path?q=1",
    "a\tb",
    "\u{7F}x",
    "sg-0123abcd",
    "i-0123456789abcdef0",
    "vpc-1a2b3c4d",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
];

/// The corpus's files and distinct patterns, or `None` when the corpus is absent.
fn corpus_patterns() -> Option<(usize, BTreeSet<String>)> {
    let entries = std::fs::read_dir(CORPUS_DIR).ok()?;
    let files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    let patterns =
        files
            .par_iter()
            .map(|path| patterns_in(path))
            .reduce(BTreeSet::new, |mut all, some| {
                all.extend(some);
                all
            });
    Some((files.len(), patterns))
}

/// Every pattern compiles, and its verdicts on probe strings and on strings sampled from the
/// pattern (and small edits of them) agree with V8's ECMA-262 engine (`new RegExp(pattern, "u")`,
/// where `node` is installed and V8 accepts the pattern) or else, for character-check plans, with
/// the regex crates running the translation.
#[test]
fn every_aws_corpus_pattern_compiles_and_agrees_with_reference_engines() {
    let Some((files, patterns)) = corpus_patterns() else {
        eprintln!("skipped: {CORPUS_DIR} is absent");
        return;
    };
    let results: Vec<(&String, Result<CompiledPattern, PatternError>)> = patterns
        .par_iter()
        .map(|pattern| (pattern, compile(pattern)))
        .collect();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut failures = Vec::new();
    for (pattern, result) in &results {
        match result {
            Ok(compiled) => {
                *counts
                    .entry(format!("{:?}", compiled.engine()))
                    .or_default() += 1;
            }
            Err(error) => failures.push(format!("{pattern:?}: {error}")),
        }
    }
    println!(
        "{files} files, {} distinct patterns; engines: {counts:?}",
        patterns.len()
    );
    assert!(!patterns.is_empty(), "the corpus holds patterns");
    assert!(
        failures.is_empty(),
        "{} patterns fail:\n{}",
        failures.len(),
        failures.join("\n")
    );

    let cases: Vec<Case> = results
        .par_iter()
        .filter_map(|(_, result)| result.as_ref().ok())
        .map(Case::new)
        .collect();
    // V8 is the reference where it reads the pattern; the regex crates, running the translation,
    // are the reference for character-check plans elsewhere (Java syntax, or no `node`).
    let refused_by_v8: Option<BTreeSet<String>> = match super::reference::v8_disagreements(&cases) {
        None => {
            eprintln!("skipped the V8 comparison: `node` is not available");
            None
        }
        Some(report) => {
            println!(
                "V8: {} patterns compared on {} strings, {} refused by V8 (Java syntax)",
                report.compared,
                report.strings,
                report.refused.len()
            );
            assert!(
                report.disagreements.is_empty(),
                "verdicts differ from V8:\n{}",
                report.disagreements.join("\n")
            );
            Some(report.refused.into_iter().collect())
        }
    };
    let disagreements: Vec<String> = cases
        .par_iter()
        .filter(|case| case.compiled.engine() == Engine::CharCheck)
        .filter(|case| {
            refused_by_v8
                .as_ref()
                .map_or(true, |refused| refused.contains(case.compiled.source()))
        })
        .flat_map_iter(Case::plan_disagreements)
        .collect();
    assert!(
        disagreements.is_empty(),
        "plans disagree with the regex crates:\n{}",
        disagreements.join("\n")
    );
    // The ASCII fast path of the patterns left to the `regex` crate must give the regex's
    // verdict, V8 or not.
    let fast_paths = cases.iter().filter(|c| c.compiled.ascii.is_some()).count();
    let disagreements: Vec<String> = cases
        .par_iter()
        .flat_map_iter(Case::ascii_disagreements)
        .collect();
    println!("{fast_paths} patterns run by the regex crate have an ASCII fast path");
    assert!(
        disagreements.is_empty(),
        "ASCII fast paths disagree with the regex:\n{}",
        disagreements.join("\n")
    );
}

/// The patterns among `compiled` and its parts that the `regex` crate runs.
fn run_by_regex(compiled: &CompiledPattern) -> Vec<&CompiledPattern> {
    if !compiled.parts.is_empty() {
        return compiled
            .parts
            .iter()
            .flat_map(|(_, part)| run_by_regex(part))
            .collect();
    }
    match compiled.engine() {
        Engine::Regex => vec![compiled],
        Engine::CharCheck | Engine::FancyRegex => Vec::new(),
    }
}

/// Wherever the NFA size bound lets [`compile`] skip building a corpus pattern's regex, the
/// `regex` crate builds it even with the bound itself as its size limit (so surely within the
/// default); the others were built, and their size limit is the exact answer.
#[test]
fn the_nfa_size_bound_holds_for_every_aws_corpus_pattern() {
    let Some((_, patterns)) = corpus_patterns() else {
        eprintln!("skipped: {CORPUS_DIR} is absent");
        return;
    };
    let compiled: Vec<CompiledPattern> = patterns
        .par_iter()
        .filter_map(|pattern| compile(pattern).ok())
        .collect();
    let translations: Vec<&CompiledPattern> = compiled.iter().flat_map(run_by_regex).collect();
    let checked: Vec<(bool, Option<String>)> = translations
        .par_iter()
        .map(|pattern| {
            let hir = regex_check::parse_like_regex(pattern.translated()).expect("parsed before");
            if !regex_check::fits_default_size_limit(&hir) {
                println!("built: {:?}", pattern.translated());
                return (false, None);
            }
            assert_eq!(pattern.size_limit, None, "{:?}", pattern.translated());
            let bound = regex_check::nfa_size_bound(&hir);
            let built = regex::RegexBuilder::new(pattern.translated())
                .size_limit(bound)
                .build();
            let failure = built
                .err()
                .map(|error| format!("{:?} (bound {bound}): {error}", pattern.translated()));
            (true, failure)
        })
        .collect();
    let skipped = checked.iter().filter(|(fits, _)| *fits).count();
    let raised = translations
        .iter()
        .filter(|p| p.size_limit.is_some())
        .count();
    println!(
        "{} translations run by the regex crate: {skipped} not built at codegen time (size \
         bound within the default limit), {} built, {raised} of them need the larger limit",
        translations.len(),
        translations.len() - skipped
    );
    let failures: Vec<String> = checked
        .into_iter()
        .filter_map(|(_, failure)| failure)
        .collect();
    assert!(skipped > 0, "the bound skips some builds");
    assert!(
        failures.is_empty(),
        "the bound is too small:\n{}",
        failures.join("\n")
    );
}

/// A compiled pattern with the strings it is tried on and its verdicts.
pub(super) struct Case<'a> {
    pub(super) compiled: &'a CompiledPattern,
    pub(super) strings: Vec<String>,
    pub(super) verdicts: Vec<bool>,
}

impl<'a> Case<'a> {
    fn new(compiled: &'a CompiledPattern) -> Self {
        let mut strings: Vec<String> = PROBES.iter().map(|probe| (*probe).to_string()).collect();
        strings.extend(super::reference::samples(compiled, 12));
        let verdicts = strings.iter().map(|text| compiled.matches(text)).collect();
        Case {
            compiled,
            strings,
            verdicts,
        }
    }

    /// Strings on which the ASCII fast path (if any) and the pattern's regex disagree.
    fn ascii_disagreements(&self) -> Vec<String> {
        if self.compiled.ascii.is_none() {
            return Vec::new();
        }
        let regex = CompiledPattern {
            ascii: None,
            ..self.compiled.clone()
        };
        self.strings
            .iter()
            .zip(&self.verdicts)
            .filter(|(text, verdict)| regex.matches(text) != **verdict)
            .map(|(text, _)| format!("{:?} on {text:?}", self.compiled.source()))
            .collect()
    }

    /// Strings on which the plan and the regex crates disagree.
    fn plan_disagreements(&self) -> Vec<String> {
        let matches = super::tests::translation_matcher(self.compiled);
        self.strings
            .iter()
            .zip(&self.verdicts)
            .filter(|(text, verdict)| matches(text) != **verdict)
            .map(|(text, _)| format!("{:?} on {text:?}", self.compiled.source()))
            .collect()
    }
}
