//! The parsed form of a pattern: ECMA-262 syntax plus the Java extensions found in real models,
//! with every flag already applied to the nodes it governs, so that lowering needs no context.

/// How letters compare under a case-insensitive flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fold {
    /// Letters match only themselves.
    None,
    /// ASCII letters also match their other case (Java's `(?i)` without `u`).
    Ascii,
    /// Unicode simple case folding (ECMA-262 `i` with the `u` flag, ES2025 `(?i:…)`).
    Unicode,
}

/// A zero-width test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Assertion {
    /// Start of the text: `^` without multiline, `\A`.
    Start,
    /// End of the text: `$` without multiline, `\z`.
    End,
    /// `^` under multiline: start of the text or after a line terminator.
    LineStart,
    /// `$` under multiline: end of the text or before a line terminator.
    LineEnd,
    /// Java's `\Z`: end of the text, or before a line terminator that ends it.
    EndBeforeFinalTerminator,
    /// `\b` with ECMA-262's ASCII word characters.
    WordBoundary,
    /// `\B` with ECMA-262's ASCII word characters.
    NotWordBoundary,
}

/// One node of a parsed pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Node {
    /// Matches the empty string.
    Empty,
    /// Matches nothing (a lone surrogate, which no Rust string holds).
    Never,
    /// One character.
    Literal { ch: char, fold: Fold },
    /// A set of characters (bracket classes, `.`, `\d`, `\p{…}`, …).
    Class(Class),
    /// A zero-width assertion other than a look-around.
    Assert(Assertion),
    /// `(…)` or `(?:…)`; named groups are capturing groups.
    Group { capture: bool, node: Box<Node> },
    /// `(?=…)`, `(?!…)`, `(?<=…)`, `(?<!…)`.
    Look {
        behind: bool,
        negated: bool,
        node: Box<Node>,
    },
    /// Java's atomic group `(?>…)`, also the form of a possessive quantifier.
    Atomic(Box<Node>),
    /// A quantified node; `max: None` is unbounded.
    Repeat {
        node: Box<Node>,
        min: u32,
        max: Option<u32>,
        greedy: bool,
    },
    /// Nodes one after another.
    Concat(Vec<Node>),
    /// `a|b|…`.
    Alternation(Vec<Node>),
    /// `\N` or `\k<name>`, resolved to a group number.
    Backref(u32),
    /// The digits of `\N` before the number of groups is known; resolved after parsing.
    BackrefDigits(String),
    /// `\k<name>` before the group names are all known; resolved after parsing.
    NamedBackref(String),
}

/// A character class: the intersection of its operands (Java's `&&`; one operand is the usual
/// case), each the union of its items, negated as a whole when `negated`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Class {
    /// `[^…]`.
    pub negated: bool,
    /// Never empty; each operand is a union of items.
    pub operands: Vec<Vec<ClassItem>>,
    /// Case folding applied to every character and range inside, nested classes included.
    pub fold: Fold,
}

/// One member of a class operand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ClassItem {
    /// Code points `start..=end`; may include surrogates, which match nothing.
    Range(u32, u32),
    /// `\p{name}` / `\P{name}`, with `name` in the spelling the `regex` crate accepts.
    Property { name: String, negated: bool },
    /// A nested class (`\D`, Java's `[a[b]]`, a negated POSIX class, …).
    Nested(Class),
}

impl Class {
    /// A class of the given ranges, with no case folding.
    pub(crate) fn of_ranges(negated: bool, ranges: &[(u32, u32)]) -> Class {
        Class {
            negated,
            operands: vec![ranges
                .iter()
                .map(|&(start, end)| ClassItem::Range(start, end))
                .collect()],
            fold: Fold::None,
        }
    }
}

/// ECMA-262 `\d`.
pub(crate) const DIGIT: &[(u32, u32)] = &[(0x30, 0x39)];
/// ECMA-262 `\w`.
pub(crate) const WORD: &[(u32, u32)] = &[(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)];
/// ECMA-262 `\s`: WhiteSpace (TAB, VT, FF, ZWNBSP and every `Zs` character) plus LineTerminator.
pub(crate) const SPACE: &[(u32, u32)] = &[
    (0x09, 0x0D),
    (0x20, 0x20),
    (0xA0, 0xA0),
    (0x1680, 0x1680),
    (0x2000, 0x200A),
    (0x2028, 0x2029),
    (0x202F, 0x202F),
    (0x205F, 0x205F),
    (0x3000, 0x3000),
    (0xFEFF, 0xFEFF),
];
/// ECMA-262 LineTerminator: what `.` does not match.
pub(crate) const LINE_TERMINATORS: &[(u32, u32)] = &[(0x0A, 0x0A), (0x0D, 0x0D), (0x2028, 0x2029)];
/// Java's `\h`: horizontal whitespace.
pub(crate) const HORIZONTAL_SPACE: &[(u32, u32)] = &[
    (0x09, 0x09),
    (0x20, 0x20),
    (0xA0, 0xA0),
    (0x1680, 0x1680),
    (0x180E, 0x180E),
    (0x2000, 0x200A),
    (0x202F, 0x202F),
    (0x205F, 0x205F),
    (0x3000, 0x3000),
];
/// Every code point.
pub(crate) const ANY: &[(u32, u32)] = &[(0, 0x10FFFF)];
