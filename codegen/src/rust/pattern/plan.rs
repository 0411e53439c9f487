//! Character-check plans: patterns that are, branch by branch, an anchored sequence of literal
//! text and runs of one small character class (`^[a-z0-9-]{1,63}$`, `^arn:aws:[\w+=,.@-]+$`,
//! `^$|^\p{ASCII}*$`) are checked by a generated function over `chars()` (or bytes, when every
//! run is ASCII) instead of a regex. This module finds such plans, interprets them (for tests
//! and conformance harnesses) and emits their Rust code.
//!
//! A plan is only used when greedy matching is exact: every run of variable length is disjoint
//! from whatever may follow it, so taking characters greedily never takes one that a later step
//! needed. A branch without `^` is a plan only when it is one step (after dropping optional runs
//! at its open ends, which cannot change whether it matches somewhere): literal text (a
//! `contains` or `ends_with` test) or one run (`[\w+]+` is "some character is a word character
//! or `+`").

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};
use regex_syntax::hir::{self, ClassUnicode, ClassUnicodeRange, HirKind};

use super::ast::{Assertion, Fold, Node};
use super::lower::{lower, Dialect};

/// Classes with more ranges than this (both as written and negated) are left to the regex engine.
const MAX_RANGES: usize = 24;

/// A whole pattern as alternative branches; it matches when any branch does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Plan {
    pub(crate) branches: Vec<Branch>,
}

/// One branch: steps from the start of the text (or, without `^`, from anywhere), then (when
/// anchored) the end of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Branch {
    pub(crate) steps: Vec<Step>,
    /// Whether the branch starts with `^`; otherwise it has at most one step.
    pub(crate) anchored_start: bool,
    /// Whether the branch ends with `$`; otherwise any text may follow.
    pub(crate) anchored_end: bool,
}

/// One step of a branch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    /// Exactly this text.
    Literal(String),
    /// Between `min` and `max` (unbounded when `None`) characters of `set`.
    Run {
        set: CharSet,
        min: u32,
        max: Option<u32>,
    },
}

/// A character set as a few ranges, possibly negated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CharSet {
    pub(crate) negated: bool,
    pub(crate) ranges: Vec<(char, char)>,
}

impl CharSet {
    /// Whether `c` is in the set.
    pub(crate) fn contains(&self, c: char) -> bool {
        let listed = self
            .ranges
            .iter()
            .any(|&(start, end)| start <= c && c <= end);
        listed != self.negated
    }

    /// Whether no character is in the set.
    fn is_empty(&self) -> bool {
        !self.negated && self.ranges.is_empty()
    }

    /// Whether the set holds only ASCII characters, so a check can run over bytes.
    fn is_ascii(&self) -> bool {
        !self.negated && self.ranges.iter().all(|&(_, end)| end.is_ascii())
    }
}

/// Finds a plan for `node`, or says why there is none.
pub(crate) fn plan(node: &Node) -> Result<Plan, String> {
    plan_over(node, Alphabet::Unicode)
}

/// A plan for `node` that is exact on text made only of ASCII characters: every class is cut
/// down to its ASCII part (on such text a class matches exactly what its ASCII part matches),
/// and every run then checks bytes. On other text it is exact for the cut-down pattern, whose
/// matches all match `node`: what it accepts, `node` accepts. `None` when even the cut-down
/// pattern is no plan.
///
/// It gives patterns left to the `regex` crate (`^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$`, whose
/// ASCII part is `!`..=`~`) a fast path for the values that are all ASCII.
pub(crate) fn ascii_plan(node: &Node) -> Option<Plan> {
    plan_over(node, Alphabet::Ascii)
        .ok()
        .map(without_empty_runs)
        .filter(|plan| !plan.branches.is_empty() && plan.byte_mode() && !plan.always_matches())
}

/// The plan without runs of a class with no member (left when a class has no ASCII part): such
/// a run matches only the empty text when it may repeat zero times, and its branch never
/// matches otherwise.
fn without_empty_runs(plan: Plan) -> Plan {
    let is_empty_run = |step: &Step| matches!(step, Step::Run { set, .. } if set.is_empty());
    let branches =
        plan.branches
            .into_iter()
            .filter(|branch| {
                !branch.steps.iter().any(|step| {
                    is_empty_run(step) && matches!(step, Step::Run { min, .. } if *min > 0)
                })
            })
            .map(|mut branch| {
                branch.steps.retain(|step| !is_empty_run(step));
                branch
            })
            .collect();
    Plan { branches }
}

/// Which characters a plan must be exact for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Alphabet {
    /// Every text.
    Unicode,
    /// Text made only of ASCII characters.
    Ascii,
}

fn plan_over(node: &Node, alphabet: Alphabet) -> Result<Plan, String> {
    let alternatives = alternatives(node).ok_or_else(|| {
        format!("spelling out its alternatives would take more than {MAX_BRANCHES} branches")
    })?;
    let branches = alternatives
        .iter()
        .map(|node| branch(node, alphabet))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Plan { branches })
}

/// At most this many branches come from spelling out alternatives.
const MAX_BRANCHES: usize = 16;

/// The alternatives of `node` as separate branches, with inner alternations and optional parts
/// spelled out too (`^(a|bc)(-x)?$` is `^a$|^bc$|^a-x$|^bc-x$`): whether some branch matches is
/// whether the pattern matches. `None` past [`MAX_BRANCHES`].
fn alternatives(node: &Node) -> Option<Vec<Node>> {
    let mut done = Vec::new();
    let mut todo: Vec<Node> = match node {
        Node::Alternation(nodes) => nodes.clone(),
        other => vec![other.clone()],
    };
    while let Some(branch) = todo.pop() {
        let mut elements = Vec::new();
        flatten(&branch, &mut elements);
        match choice_point(&elements) {
            None => done.push(branch),
            Some((index, choices)) => {
                for choice in choices {
                    let mut parts: Vec<Node> = Vec::with_capacity(elements.len());
                    parts.extend(elements[..index].iter().map(|&element| element.clone()));
                    parts.push(choice);
                    parts.extend(elements[index + 1..].iter().map(|&element| element.clone()));
                    todo.push(Node::Concat(parts));
                }
            }
        }
        if done.len() + todo.len() > MAX_BRANCHES {
            return None;
        }
    }
    done.reverse();
    Some(done)
}

/// The first element of a sequence that is a choice: a group of alternatives, or an optional
/// part longer than one character; with the choices.
fn choice_point(elements: &[&Node]) -> Option<(usize, Vec<Node>)> {
    elements
        .iter()
        .enumerate()
        .find_map(|(index, element)| match element {
            Node::Alternation(choices) => Some((index, choices.clone())),
            Node::Group { node, .. } => match &**node {
                Node::Alternation(choices) => Some((index, choices.clone())),
                _ => None,
            },
            Node::Repeat {
                node,
                min: 0,
                max: Some(1),
                ..
            } if char_set(node).is_none() => Some((index, vec![Node::Empty, (**node).clone()])),
            _ => None,
        })
}

/// `^X{min,max}$` with a bounded `max`, where `X` matches exactly one character: `X` and the
/// bounds. Such a pattern is cheaper as `^X*$` plus a count of characters than as a regex that
/// repeats `X` up to `max` times.
pub(crate) fn bounded_whole_text_run(node: &Node) -> Option<(&Node, u32, u32)> {
    let mut elements = Vec::new();
    flatten(node, &mut elements);
    match elements.as_slice() {
        [Node::Assert(Assertion::Start), Node::Repeat {
            node,
            min,
            max: Some(max),
            ..
        }, Node::Assert(Assertion::End)] => char_set(node).map(|_| (&**node, *min, *max)),
        _ => None,
    }
}

/// A run being collected, with its set kept as a `ClassUnicode` for the disjointness checks.
struct RawRun {
    set: ClassUnicode,
    min: u32,
    max: Option<u32>,
    /// A possessive run (`X*+`, `(?>X*)`) never gives characters back, exactly as a plan runs.
    possessive: bool,
}

impl RawRun {
    /// The run of `node` (a repeat of a one-character node, or that node alone), if it is one,
    /// with its set cut down to `alphabet`.
    fn of(node: &Node, possessive: bool, alphabet: Alphabet) -> Option<RawRun> {
        let (atom, min, max) = match node {
            Node::Repeat { node, min, max, .. } => (&**node, *min, *max),
            Node::Atomic(inner) => return RawRun::of(inner, true, alphabet),
            other => (other, 1, Some(1)),
        };
        let mut set = char_set(atom)?;
        if alphabet == Alphabet::Ascii {
            set.intersect(&ClassUnicode::new([ClassUnicodeRange::new('\0', '\x7F')]));
        }
        Some(RawRun {
            set,
            min,
            max,
            possessive,
        })
    }
}

fn branch(node: &Node, alphabet: Alphabet) -> Result<Branch, String> {
    const NOT_A_SEQUENCE: &str =
        "it is not a sequence of literal text and character-class runs that a direct check handles";
    let mut elements = Vec::new();
    flatten(node, &mut elements);
    let started = matches!(elements.first(), Some(Node::Assert(Assertion::Start)));
    let mut runs: Vec<RawRun> = Vec::new();
    let mut ended = false;
    for element in elements {
        match element {
            Node::Assert(Assertion::Start) if started && runs.is_empty() => {}
            Node::Assert(Assertion::End) => ended = true,
            _ if ended => return Err(NOT_A_SEQUENCE.to_string()),
            other => runs.push(RawRun::of(other, false, alphabet).ok_or(NOT_A_SEQUENCE)?),
        }
    }
    if !ended {
        // With any text allowed after the branch, a trailing optional run cannot fail.
        while runs.last().is_some_and(|run| run.min == 0) {
            runs.pop();
        }
    }
    if !started {
        // Likewise before it, when the branch may start anywhere, unless the run is possessive:
        // `(?>a*)ab` never matches "ab", since the run takes the `a` that `ab` needs.
        let optional = runs
            .iter()
            .take_while(|run| run.min == 0 && !run.possessive)
            .count();
        runs.drain(..optional);
    }
    check_greedy_is_exact(&runs)?;
    let steps = steps(runs)?;
    if !started && steps.len() > 1 {
        return Err(NOT_A_SEQUENCE.to_string());
    }
    Ok(Branch {
        steps,
        anchored_start: started,
        anchored_end: ended,
    })
}

/// The elements of a sequence, looking through groups that are not quantified.
pub(crate) fn flatten<'a>(node: &'a Node, out: &mut Vec<&'a Node>) {
    match node {
        Node::Concat(nodes) => nodes.iter().for_each(|node| flatten(node, out)),
        Node::Group { node, .. } if !matches!(**node, Node::Alternation(_)) => flatten(node, out),
        Node::Empty => {}
        other => out.push(other),
    }
}

/// The characters `node` matches when it matches exactly one character, as the `regex` crate
/// reads its lowered form.
fn char_set(node: &Node) -> Option<ClassUnicode> {
    if let Node::Literal {
        ch,
        fold: Fold::None,
    } = node
    {
        return Some(ClassUnicode::new([ClassUnicodeRange::new(*ch, *ch)]));
    }
    if !matches!(
        node,
        Node::Literal { .. } | Node::Class(_) | Node::Group { .. } | Node::Never
    ) {
        return None;
    }
    lowered_char_set(lower(node, Dialect::Regex))
}

/// [`char_set`] of a node whose `regex` syntax is `lowered`. The same classes recur in a pattern
/// (each atom is read for the Unicode and the ASCII plan) and across patterns, and reading a
/// Unicode class with the `regex-syntax` parser is costly, so answers are kept for the process
/// (the cache starts over when it holds [`CHAR_SETS_KEPT`]).
fn lowered_char_set(lowered: String) -> Option<ClassUnicode> {
    type Cache = HashMap<String, Option<ClassUnicode>>;
    static CHAR_SETS: OnceLock<Mutex<Cache>> = OnceLock::new();
    let cache = CHAR_SETS.get_or_init(Mutex::default);
    if let Some(known) = cache.lock().ok().and_then(|c| c.get(&lowered).cloned()) {
        return known;
    }
    let set = regex_syntax::Parser::new()
        .parse(&lowered)
        .ok()
        .and_then(|parsed| hir_char_set(&parsed));
    if let Ok(mut cache) = cache.lock() {
        if cache.len() >= CHAR_SETS_KEPT {
            cache.clear();
        }
        cache.insert(lowered, set.clone());
    }
    set
}

/// How many answers [`lowered_char_set`] keeps.
const CHAR_SETS_KEPT: usize = 4096;

fn hir_char_set(parsed: &hir::Hir) -> Option<ClassUnicode> {
    match parsed.kind() {
        HirKind::Class(hir::Class::Unicode(class)) => Some(class.clone()),
        HirKind::Literal(literal) => {
            let text = std::str::from_utf8(&literal.0).ok()?;
            let mut chars = text.chars();
            let ch = chars.next()?;
            chars
                .next()
                .is_none()
                .then(|| ClassUnicode::new([ClassUnicodeRange::new(ch, ch)]))
        }
        HirKind::Capture(capture) => hir_char_set(&capture.sub),
        _ => None,
    }
}

/// Every run of variable length must be disjoint from the characters that may come right after
/// it: the following runs up to and including the first one that must match at least once.
fn check_greedy_is_exact(runs: &[RawRun]) -> Result<(), String> {
    for (index, run) in runs.iter().enumerate() {
        if run.max == Some(run.min) || run.possessive {
            continue;
        }
        for next in &runs[index + 1..] {
            let mut overlap = run.set.clone();
            overlap.intersect(&next.set);
            if overlap.iter().next().is_some() {
                return Err(
                    "a run of variable length may take characters that the next step needs"
                        .to_string(),
                );
            }
            if next.min > 0 {
                break;
            }
        }
    }
    Ok(())
}

/// Turns runs into steps: single characters repeated a fixed number of times become literal
/// text, the rest small character sets.
fn steps(runs: Vec<RawRun>) -> Result<Vec<Step>, String> {
    let mut steps: Vec<Step> = Vec::new();
    for run in runs {
        if let Some(ch) = single_char(&run.set).filter(|_| run.max == Some(run.min)) {
            let text: String = std::iter::repeat(ch).take(run.min as usize).collect();
            match steps.last_mut() {
                Some(Step::Literal(previous)) => previous.push_str(&text),
                _ => steps.push(Step::Literal(text)),
            }
            continue;
        }
        let set = small_set(&run.set).ok_or_else(|| {
            "one of its classes has too many ranges for a direct check".to_string()
        })?;
        steps.push(Step::Run {
            set,
            min: run.min,
            max: run.max,
        });
    }
    steps.retain(|step| !matches!(step, Step::Literal(text) if text.is_empty()));
    Ok(steps)
}

fn single_char(set: &ClassUnicode) -> Option<char> {
    match set.ranges() {
        [range] if range.start() == range.end() => Some(range.start()),
        _ => None,
    }
}

/// The set as at most [`MAX_RANGES`] ranges, written directly or negated.
fn small_set(set: &ClassUnicode) -> Option<CharSet> {
    let ranges = |class: &ClassUnicode| -> Vec<(char, char)> {
        class
            .ranges()
            .iter()
            .map(|range| (range.start(), range.end()))
            .collect()
    };
    if set.ranges().len() <= MAX_RANGES {
        return Some(CharSet {
            negated: false,
            ranges: ranges(set),
        });
    }
    let mut complement = set.clone();
    complement.negate();
    (complement.ranges().len() <= MAX_RANGES).then(|| CharSet {
        negated: true,
        ranges: ranges(&complement),
    })
}

impl Plan {
    /// Whether `value` matches, by interpreting the plan.
    pub(crate) fn matches(&self, value: &str) -> bool {
        self.branches.iter().any(|branch| branch.matches(value))
    }

    /// Whether every text matches (some branch is a bare `^`, or empty).
    pub(crate) fn always_matches(&self) -> bool {
        self.branches.iter().any(|branch| {
            branch.steps.is_empty() && !(branch.anchored_start && branch.anchored_end)
        })
    }

    /// Whether every run is ASCII-only, so the generated code can scan bytes.
    fn byte_mode(&self) -> bool {
        self.branches.iter().all(|branch| {
            branch.steps.iter().all(|step| match step {
                Step::Literal(_) => true,
                Step::Run { set, .. } => set.is_ascii(),
            })
        })
    }

    /// The body of a `fn(value: &str) -> bool` that checks the plan.
    pub(crate) fn emit_body(&self) -> TokenStream {
        let bytes = self.byte_mode();
        if let [only] = self.branches.as_slice() {
            return match only.simple_expression(bytes) {
                Some(expression) => expression,
                None => only.statements(bytes),
            };
        }
        let mut helpers = Vec::new();
        let mut tests = Vec::new();
        for (index, branch) in self.branches.iter().enumerate() {
            match branch.simple_expression(bytes) {
                Some(expression) => tests.push(expression),
                None => {
                    let name = format_ident!("branch_{}", index);
                    let body = branch.statements(bytes);
                    helpers.push(quote! {
                        fn #name(value: &str) -> bool {
                            #body
                        }
                    });
                    tests.push(quote!(#name(value)));
                }
            }
        }
        quote! {
            #(#helpers)*
            #(#tests)||*
        }
    }
}

impl Branch {
    fn matches(&self, value: &str) -> bool {
        if !self.anchored_start {
            return self.matches_anywhere(value);
        }
        let mut rest = value;
        for step in &self.steps {
            match step {
                Step::Literal(text) => match rest.strip_prefix(text.as_str()) {
                    Some(tail) => rest = tail,
                    None => return false,
                },
                Step::Run { set, min, max } => {
                    let mut count: u32 = 0;
                    let mut end = rest.len();
                    for (index, c) in rest.char_indices() {
                        if Some(count) == *max || !set.contains(c) {
                            end = index;
                            break;
                        }
                        count += 1;
                    }
                    if count < *min {
                        return false;
                    }
                    rest = &rest[end..];
                }
            }
        }
        !self.anchored_end || rest.is_empty()
    }

    /// A branch without `^` (at most one step): whether it matches somewhere in `value`.
    fn matches_anywhere(&self, value: &str) -> bool {
        match (self.steps.as_slice(), self.anchored_end) {
            ([Step::Literal(text)], false) => value.contains(text.as_str()),
            ([Step::Literal(text)], true) => value.ends_with(text.as_str()),
            ([Step::Run { set, min, .. }], false) => {
                let mut streak = 0;
                *min == 0
                    || value.chars().any(|c| {
                        streak = if set.contains(c) { streak + 1 } else { 0 };
                        streak == *min
                    })
            }
            ([Step::Run { set, min, .. }], true) => {
                let wanted = *min as usize;
                value
                    .chars()
                    .rev()
                    .take(wanted)
                    .filter(|&c| set.contains(c))
                    .count()
                    == wanted
            }
            _ => self.steps.is_empty(),
        }
    }

    /// One expression for the common shapes: empty, literal text, or one run over the whole text.
    fn simple_expression(&self, bytes: bool) -> Option<TokenStream> {
        if !self.anchored_start {
            return Some(self.anywhere_expression(bytes));
        }
        match (self.steps.as_slice(), self.anchored_end) {
            ([], true) => Some(quote!(value.is_empty())),
            ([], false) => Some(quote!(true)),
            ([Step::Literal(text)], true) => Some(quote!(value == #text)),
            ([Step::Literal(text)], false) => {
                let text = text_pattern(text);
                Some(quote!(value.starts_with(#text)))
            }
            ([Step::Run { set, min, max }], true) => Some(whole_text_run(set, *min, *max, bytes)),
            _ => None,
        }
    }

    /// The expression of a branch without `^`, as [`Branch::matches_anywhere`] reads it.
    fn anywhere_expression(&self, bytes: bool) -> TokenStream {
        let (chars, var, test_of) = if bytes {
            (
                quote!(bytes),
                format_ident!("b"),
                byte_test as fn(&CharSet, &Ident) -> TokenStream,
            )
        } else {
            (
                quote!(chars),
                format_ident!("c"),
                char_test as fn(&CharSet, &Ident) -> TokenStream,
            )
        };
        match (self.steps.as_slice(), self.anchored_end) {
            ([Step::Literal(text)], false) => {
                let text = text_pattern(text);
                quote!(value.contains(#text))
            }
            ([Step::Literal(text)], true) => {
                let text = text_pattern(text);
                quote!(value.ends_with(#text))
            }
            ([Step::Run { set, min: 1, .. }], false) => {
                let test = test_of(set, &var);
                quote!(value.#chars().any(|#var| #test))
            }
            ([Step::Run { set, min, .. }], false) => {
                let test = test_of(set, &var);
                let min = Literal::usize_unsuffixed(*min as usize);
                quote! {{
                    let mut streak = 0usize;
                    value.#chars().any(|#var| {
                        streak = if #test { streak + 1 } else { 0 };
                        streak == #min
                    })
                }}
            }
            ([Step::Run { set, min, .. }], true) => {
                let test = test_of(set, &var);
                let min = Literal::usize_unsuffixed(*min as usize);
                quote!(value.#chars().rev().take(#min).filter(|&#var| #test).count() == #min)
            }
            _ => quote!(true),
        }
    }

    /// Statements that `return false` on a mismatch and end with the verdict.
    fn statements(&self, bytes: bool) -> TokenStream {
        let last = self.steps.len().saturating_sub(1);
        let steps = self.steps.iter().enumerate().map(|(index, step)| {
            let keep_rest = index != last || self.anchored_end;
            step_statements(step, keep_rest, bytes)
        });
        let verdict = if self.anchored_end {
            quote!(rest.is_empty())
        } else {
            quote!(true)
        };
        let binding = if self.steps.len() > 1 || self.anchored_end {
            quote!(let mut rest: &str = value;)
        } else {
            quote!(let rest: &str = value;)
        };
        quote! {
            #binding
            #(#steps)*
            #verdict
        }
    }
}

/// `value` is made of between `min` and `max` characters of `set`.
fn whole_text_run(set: &CharSet, min: u32, max: Option<u32>, bytes: bool) -> TokenStream {
    let all = if bytes {
        let test = byte_test(set, &format_ident!("b"));
        quote!(value.bytes().all(|b| #test))
    } else {
        let test = char_test(set, &format_ident!("c"));
        quote!(value.chars().all(|c| #test))
    };
    let length = if bytes {
        quote!(value.len())
    } else {
        quote!(value.chars().count())
    };
    let min_lit = Literal::usize_unsuffixed(min as usize);
    match (min, max) {
        (0, None) => all,
        (1, None) => quote!(!value.is_empty() && #all),
        (_, None) => quote!(#length >= #min_lit && #all),
        (_, Some(max)) => {
            let max_lit = Literal::usize_unsuffixed(max as usize);
            quote!((#min_lit..=#max_lit).contains(&#length) && #all)
        }
    }
}

/// Literal text as a `str` method pattern: a `char` when it is one character.
fn text_pattern(text: &str) -> TokenStream {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(only), None) => {
            let only = Literal::character(only);
            quote!(#only)
        }
        _ => quote!(#text),
    }
}

fn step_statements(step: &Step, keep_rest: bool, bytes: bool) -> TokenStream {
    match step {
        Step::Literal(text) if keep_rest => {
            let text = text_pattern(text);
            quote! {
                let Some(tail) = rest.strip_prefix(#text) else {
                    return false;
                };
                rest = tail;
            }
        }
        Step::Literal(text) => {
            let text = text_pattern(text);
            quote! {
                if !rest.starts_with(#text) {
                    return false;
                }
            }
        }
        Step::Run { set, min, max } => {
            let scan = if bytes {
                byte_scan(set, *min, *max)
            } else {
                char_scan(set, *min, *max)
            };
            let advance = keep_rest.then(|| quote!(rest = &rest[end..];));
            quote! {
                #scan
                #advance
            }
        }
    }
}

/// Sets `end` to the byte length of the run at the start of `rest`; returns false when the run
/// is shorter than `min`.
fn byte_scan(set: &CharSet, min: u32, max: Option<u32>) -> TokenStream {
    let stop = byte_test(&complement(set), &format_ident!("b"));
    let end = match max {
        None => quote! {
            let end = rest.bytes().position(|b| #stop).unwrap_or(rest.len());
        },
        Some(max) => {
            let max = Literal::usize_unsuffixed(max as usize);
            quote! {
                let end = rest
                    .bytes()
                    .take(#max)
                    .position(|b| #stop)
                    .unwrap_or_else(|| rest.len().min(#max));
            }
        }
    };
    let check = (min > 0).then(|| {
        let min = Literal::usize_unsuffixed(min as usize);
        quote! {
            if end < #min {
                return false;
            }
        }
    });
    quote!(#end #check)
}

/// As [`byte_scan`], over characters.
fn char_scan(set: &CharSet, min: u32, max: Option<u32>) -> TokenStream {
    let stop = char_test(&complement(set), &format_ident!("c"));
    match max {
        None => {
            let check = match min {
                0 => None,
                1 => Some(quote! {
                    if end == 0 {
                        return false;
                    }
                }),
                _ => {
                    let min = Literal::usize_unsuffixed(min as usize);
                    Some(quote! {
                        if rest[..end].chars().count() < #min {
                            return false;
                        }
                    })
                }
            };
            quote! {
                let end = rest.find(|c: char| #stop).unwrap_or(rest.len());
                #check
            }
        }
        Some(max) => {
            let max = Literal::usize_unsuffixed(max as usize);
            if min == 0 {
                // No count is needed after the loop: `enumerate` counts (a hand-kept counter
                // that nothing reads afterwards trips `clippy::explicit_counter_loop`).
                return quote! {
                    let mut end = rest.len();
                    for (count, (index, c)) in rest.char_indices().enumerate() {
                        if count == #max || #stop {
                            end = index;
                            break;
                        }
                    }
                };
            }
            let min = Literal::usize_unsuffixed(min as usize);
            quote! {
                let mut count = 0usize;
                let mut end = rest.len();
                for (index, c) in rest.char_indices() {
                    if count == #max || #stop {
                        end = index;
                        break;
                    }
                    count += 1;
                }
                if count < #min {
                    return false;
                }
            }
        }
    }
}

/// The set's complement, written the same way.
fn complement(set: &CharSet) -> CharSet {
    CharSet {
        negated: !set.negated,
        ranges: set.ranges.clone(),
    }
}

/// `matches!(c, 'a'..='z' | '_')`, negated when the set is.
fn char_test(set: &CharSet, var: &Ident) -> TokenStream {
    let patterns = set.ranges.iter().map(|&(start, end)| {
        let start_lit = Literal::character(start);
        if start == end {
            quote!(#start_lit)
        } else {
            let end_lit = Literal::character(end);
            quote!(#start_lit..=#end_lit)
        }
    });
    membership(set, var, patterns.collect())
}

/// As [`char_test`] over a byte, for an ASCII-only set.
fn byte_test(set: &CharSet, var: &Ident) -> TokenStream {
    let byte = |c: char| Literal::byte_character(u8::try_from(c).unwrap_or(u8::MAX));
    let patterns = set.ranges.iter().map(|&(start, end)| {
        let start_lit = byte(start);
        if start == end {
            quote!(#start_lit)
        } else {
            let end_lit = byte(end);
            quote!(#start_lit..=#end_lit)
        }
    });
    membership(set, var, patterns.collect())
}

fn membership(set: &CharSet, var: &Ident, patterns: Vec<TokenStream>) -> TokenStream {
    if let Some(method) = ascii_method(&set.ranges) {
        let method = format_ident!("{}", method);
        return if set.negated {
            quote!(!#var.#method())
        } else {
            quote!(#var.#method())
        };
    }
    match (patterns.is_empty(), set.negated) {
        (true, negated) => quote!(#negated),
        (false, false) => quote!(matches!(#var, #(#patterns)|*)),
        (false, true) => quote!(!matches!(#var, #(#patterns)|*)),
    }
}

/// The standard library's method for a set that is exactly one of the ASCII classes, which
/// reads better than the ranges (and is what Clippy asks for).
fn ascii_method(ranges: &[(char, char)]) -> Option<&'static str> {
    Some(match ranges {
        [('0', '9')] => "is_ascii_digit",
        [('a', 'z')] => "is_ascii_lowercase",
        [('A', 'Z')] => "is_ascii_uppercase",
        [('A', 'Z'), ('a', 'z')] => "is_ascii_alphabetic",
        [('0', '9'), ('A', 'Z'), ('a', 'z')] => "is_ascii_alphanumeric",
        [('0', '9'), ('A', 'F'), ('a', 'f')] => "is_ascii_hexdigit",
        [('!', '~')] => "is_ascii_graphic",
        _ => return None,
    })
}
