//! Whether the `regex` crate accepts a translated pattern, and whether its default size limit is
//! surely enough, decided from the syntax tree without building the regex.
//!
//! Building a `regex::Regex` compiles a forward and a reverse Thompson NFA (and more); at codegen
//! time only two facts are needed from it: that the translation is valid, and whether it needs a
//! larger size limit than the default. The first is the `regex-syntax` parser's verdict with the
//! settings the `regex` crate uses; the second is decided here by an upper bound on the NFA
//! builder's memory ([`nfa_size_bound`]). Only a translation whose bound is not far enough below
//! the default limit is built, for the exact answer.

use regex_syntax::hir::{Class, Hir, HirKind};
use regex_syntax::utf8::Utf8Sequences;

/// The `regex` crate's default size limit (`RegexBuilder::size_limit`): 10 MiB, applied to each
/// Thompson NFA the crate builds for a pattern.
pub(super) const DEFAULT_SIZE_LIMIT: usize = 10 * (1 << 20);

/// How many times [`nfa_size_bound`] must fit into [`DEFAULT_SIZE_LIMIT`] for the build to be
/// skipped: a margin against a later `regex-automata` spending somewhat more per state.
const SAFETY_FACTOR: usize = 2;

/// Bytes the NFA builder counts for one state: `size_of` of its state enum, whose largest variants
/// hold a `Vec` (24 bytes) beside the tag.
const STATE: usize = 32;
/// Bytes the NFA builder counts for one transition of a sparse state (`start`, `end`, `next`).
const TRANSITION: usize = 8;
/// Bytes the NFA builder counts for one alternative of a union state (a state id).
const ALTERNATIVE: usize = 4;

/// Parses `translated` exactly as `regex::Regex::new` does (the defaults of
/// `regex_automata::util::syntax::Config`: Unicode and UTF-8 mode, nesting limit 250, no octal
/// escapes, no flags), so a pattern it refuses gets the error text `regex::Regex::new` would give.
pub(super) fn parse_like_regex(translated: &str) -> Result<Hir, Box<regex_syntax::Error>> {
    regex_syntax::ParserBuilder::new()
        .unicode(true)
        .utf8(true)
        .nest_limit(250)
        .octal(false)
        .build()
        .parse(translated)
        .map_err(Box::new)
}

/// Whether the regex of `hir` surely builds within [`DEFAULT_SIZE_LIMIT`]: its
/// [`nfa_size_bound`], times [`SAFETY_FACTOR`], is at most the limit. `false` means "build it to
/// find out", not "too big".
pub(super) fn fits_default_size_limit(hir: &Hir) -> bool {
    nfa_size_bound(hir).saturating_mul(SAFETY_FACTOR) <= DEFAULT_SIZE_LIMIT
}

/// An upper bound, in bytes, on what the size limit is compared with while `regex-automata`'s
/// Thompson compiler builds an NFA for `hir`: its builder's memory use, which is
/// `states × size_of::<State>()` plus the heap of sparse states' transitions (8 bytes each) and
/// union states' alternatives (4 bytes each), and only grows while building. The `regex` crate
/// builds two such NFAs under the limit (forward with capture states; reverse without, with
/// `shrink` off); the bound holds for both, since it is taken node by node, following
/// `thompson::Compiler`, as the larger of the two directions and without counting any of the
/// compiler's state sharing (which only saves states):
///
/// - the whole pattern adds at most 6 states and 16 bytes: the unanchored prefix (`(?s-u:.)*?`,
///   a union and a one-transition byte class), the capture of group 0 and the match state;
/// - empty: 1 state; a literal of `k` bytes: `max(k, 1)` states; a look-around: 1 state;
/// - a class: an ASCII one is an empty state and one sparse state of one transition per range;
///   otherwise each range is split into UTF-8 sequences of 1–4 byte ranges (`Utf8Sequences`, as
///   the compiler does). With `T` byte ranges in all, forward compilation (Daciuk's algorithm)
///   makes at most `T + 2` states with `T` transitions, and reverse compilation a union, an empty
///   state and at most `T` one-range states, with one alternative per sequence (at most `T`):
///   at most `(T + 2)` states and `8·T` bytes either way;
/// - a capture group: its contents plus 2 states; a concatenation: its parts (1 state if none);
/// - an alternation of `n` branches: its branches plus a union and an empty state and `n`
///   alternatives; when every branch is a literal, the compiler may build a literal trie
///   instead, of at most `2·L + n + 3` states and `12·L + 8·n + 4` bytes for `L` literal bytes,
///   so the larger of the two is taken;
/// - a repetition `{min,max}` of `x` (`max` being `min` when unbounded): at most
///   `max(max, 1)` copies of `x`, each with at most a union state and two alternatives, plus 3
///   states and 16 bytes (the loops of `*` and `+`).
///
/// All sums saturate, so a huge count gives `usize::MAX`, never a wrapped small number.
pub(super) fn nfa_size_bound(hir: &Hir) -> usize {
    node_bound(hir).saturating_add(6 * STATE + 16)
}

/// The bound of [`nfa_size_bound`] for one node, without the whole pattern's fixed part.
fn node_bound(hir: &Hir) -> usize {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => STATE,
        HirKind::Literal(literal) => literal.0.len().max(1).saturating_mul(STATE),
        HirKind::Class(class) => class_bound(class),
        HirKind::Capture(capture) => node_bound(&capture.sub).saturating_add(2 * STATE),
        HirKind::Concat(parts) if parts.is_empty() => STATE,
        HirKind::Concat(parts) => sum_of_bounds(parts),
        HirKind::Alternation(branches) => alternation_bound(branches),
        HirKind::Repetition(repetition) => {
            let copies = repetition.max.unwrap_or(repetition.min).max(1) as usize;
            let copy = node_bound(&repetition.sub).saturating_add(STATE + 2 * ALTERNATIVE);
            copies.saturating_mul(copy).saturating_add(3 * STATE + 16)
        }
    }
}

/// The sum of the bounds of `nodes`.
fn sum_of_bounds(nodes: &[Hir]) -> usize {
    nodes
        .iter()
        .fold(0usize, |sum, node| sum.saturating_add(node_bound(node)))
}

/// The bound for an alternation of `branches` (see [`nfa_size_bound`]).
fn alternation_bound(branches: &[Hir]) -> usize {
    let count = branches.len();
    let general = sum_of_bounds(branches)
        .saturating_add(2 * STATE)
        .saturating_add(count.saturating_mul(ALTERNATIVE));
    let literal_bytes = branches
        .iter()
        .try_fold(0usize, |sum, branch| match branch.kind() {
            HirKind::Literal(literal) => Some(sum.saturating_add(literal.0.len())),
            _ => None,
        });
    match literal_bytes {
        None => general,
        Some(bytes) => {
            let states = bytes
                .saturating_mul(2)
                .saturating_add(count)
                .saturating_add(3);
            let heap = bytes
                .saturating_mul(12)
                .saturating_add(count.saturating_mul(8))
                .saturating_add(4);
            general.max(states.saturating_mul(STATE).saturating_add(heap))
        }
    }
}

/// The bound for a character class (see [`nfa_size_bound`]).
fn class_bound(class: &Class) -> usize {
    match class {
        Class::Bytes(bytes) => 2 * STATE + bytes.ranges().len().saturating_mul(TRANSITION),
        Class::Unicode(unicode) if unicode.is_ascii() => {
            2 * STATE + unicode.ranges().len().saturating_mul(TRANSITION)
        }
        Class::Unicode(unicode) => {
            let byte_ranges = unicode
                .iter()
                .flat_map(|range| Utf8Sequences::new(range.start(), range.end()))
                .fold(0usize, |sum, sequence| sum.saturating_add(sequence.len()));
            byte_ranges
                .saturating_add(2)
                .saturating_mul(STATE)
                .saturating_add(byte_ranges.saturating_mul(TRANSITION))
        }
    }
}
