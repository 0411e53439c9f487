//! Lowers a parsed pattern to the source text of the `regex` or `fancy-regex` crate, spelling out
//! every ECMA-262 meaning (`\d`, `\w`, `\s`, `.`, `\b`, case folding) explicitly so that neither
//! crate's defaults leak in.

use std::fmt::Write as _;

use super::ast::{Assertion, Class, ClassItem, Fold, Node, LINE_TERMINATORS, WORD};

/// Which crate's syntax to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    /// The `regex` crate: no look-around, no backreferences.
    Regex,
    /// The `fancy-regex` crate: look-around, backreferences, conditionals, atomic groups.
    Fancy,
}

/// A class that matches no character.
const NEVER: &str = r"[^\x{0}-\x{10FFFF}]";
/// A class that matches every character.
const ANY: &str = r"[\x{0}-\x{10FFFF}]";

/// The source text of `node` in `dialect`.
pub(crate) fn lower(node: &Node, dialect: Dialect) -> String {
    let mut out = String::new();
    Lowerer { dialect }.node(node, &mut out);
    out
}

/// Why `node` needs the backtracking engine, or `None` when the `regex` crate can run it.
pub(crate) fn backtracking_reason(node: &Node) -> Option<&'static str> {
    match node {
        Node::Look { behind: false, .. } => Some("it uses look-ahead, which needs backtracking"),
        Node::Look { behind: true, .. } => Some("it uses look-behind, which needs backtracking"),
        Node::Backref(_) | Node::BackrefDigits(_) | Node::NamedBackref(_) => {
            Some("it uses a backreference, which needs backtracking")
        }
        Node::Atomic(_) => Some("it uses an atomic group or possessive quantifier"),
        Node::Assert(Assertion::LineStart | Assertion::LineEnd) => {
            Some("it uses multiline `^`/`$`, which ECMA-262 defines over four line terminators")
        }
        Node::Assert(Assertion::EndBeforeFinalTerminator) => {
            Some("it uses Java's `\\Z`, which looks ahead for a final line terminator")
        }
        Node::Group { node, .. } | Node::Repeat { node, .. } => backtracking_reason(node),
        Node::Concat(nodes) | Node::Alternation(nodes) => {
            nodes.iter().find_map(backtracking_reason)
        }
        Node::Empty | Node::Never | Node::Literal { .. } | Node::Class(_) | Node::Assert(_) => None,
    }
}

struct Lowerer {
    dialect: Dialect,
}

impl Lowerer {
    fn node(&self, node: &Node, out: &mut String) {
        match node {
            Node::Empty => {}
            Node::Never | Node::BackrefDigits(_) | Node::NamedBackref(_) => out.push_str(NEVER),
            Node::Literal { ch, fold } => self.literal(*ch, *fold, out),
            Node::Class(class) => self.top_class(class, out),
            Node::Assert(assertion) => self.assertion(*assertion, out),
            Node::Group { capture, node } => {
                out.push_str(if *capture { "(" } else { "(?:" });
                self.node(node, out);
                out.push(')');
            }
            Node::Look {
                behind,
                negated,
                node,
            } => {
                out.push_str(match (behind, negated) {
                    (false, false) => "(?=",
                    (false, true) => "(?!",
                    (true, false) => "(?<=",
                    (true, true) => "(?<!",
                });
                self.node(node, out);
                out.push(')');
            }
            Node::Atomic(node) => {
                out.push_str("(?>");
                self.node(node, out);
                out.push(')');
            }
            Node::Repeat {
                node,
                min,
                max,
                greedy,
            } => self.repeat(node, *min, *max, *greedy, out),
            Node::Concat(nodes) => {
                for node in nodes {
                    if matches!(node, Node::Alternation(_)) {
                        out.push_str("(?:");
                        self.node(node, out);
                        out.push(')');
                    } else {
                        self.node(node, out);
                    }
                }
            }
            Node::Alternation(nodes) => {
                for (index, node) in nodes.iter().enumerate() {
                    if index > 0 {
                        out.push('|');
                    }
                    self.node(node, out);
                }
            }
            // ECMA-262: a reference to a group that has not matched matches the empty string,
            // where Perl-style engines fail; the conditional gives the ECMA-262 reading.
            Node::Backref(group) => {
                let _ = write!(out, "(?({group})\\{group}|)");
            }
        }
    }

    fn repeat(&self, node: &Node, min: u32, max: Option<u32>, greedy: bool, out: &mut String) {
        let single = matches!(
            node,
            Node::Never
                | Node::Literal { .. }
                | Node::Class(_)
                | Node::Group { .. }
                | Node::Look { .. }
                | Node::Atomic(_)
                | Node::Backref(_)
        );
        if single {
            self.node(node, out);
        } else {
            out.push_str("(?:");
            self.node(node, out);
            out.push(')');
        }
        match (min, max) {
            (0, None) => out.push('*'),
            (1, None) => out.push('+'),
            (0, Some(1)) => out.push('?'),
            (min, None) => {
                let _ = write!(out, "{{{min},}}");
            }
            (min, Some(max)) if min == max => {
                let _ = write!(out, "{{{min}}}");
            }
            (min, Some(max)) => {
                let _ = write!(out, "{{{min},{max}}}");
            }
        }
        if !greedy {
            out.push('?');
        }
    }

    fn literal(&self, ch: char, fold: Fold, out: &mut String) {
        match fold {
            Fold::Ascii if ch.is_ascii_alphabetic() => {
                out.push('[');
                out.push(ch.to_ascii_uppercase());
                out.push(ch.to_ascii_lowercase());
                out.push(']');
            }
            Fold::Unicode => {
                out.push_str("(?i:");
                push_char(ch, out);
                out.push(')');
            }
            Fold::None | Fold::Ascii => push_char(ch, out),
        }
    }

    fn assertion(&self, assertion: Assertion, out: &mut String) {
        let terminators = ranges_text(LINE_TERMINATORS, Fold::None);
        let word = ranges_text(WORD, Fold::None);
        let text = match (assertion, self.dialect) {
            (Assertion::Start, _) => "^".to_string(),
            (Assertion::End, _) => "$".to_string(),
            (Assertion::LineStart, _) => format!("(?<![^{terminators}])"),
            (Assertion::LineEnd, _) => format!("(?![^{terminators}])"),
            (Assertion::EndBeforeFinalTerminator, _) => {
                r"(?=(?:\r\n|[\n\r\x{85}\x{2028}\x{2029}])?$)".to_string()
            }
            (Assertion::WordBoundary, Dialect::Regex) => r"(?-u:\b)".to_string(),
            (Assertion::NotWordBoundary, Dialect::Regex) => r"(?-u:\B)".to_string(),
            (Assertion::WordBoundary, Dialect::Fancy) => {
                format!("(?:(?<=[{word}])(?![{word}])|(?<![{word}])(?=[{word}]))")
            }
            (Assertion::NotWordBoundary, Dialect::Fancy) => {
                format!("(?:(?<=[{word}])(?=[{word}])|(?<![{word}])(?![{word}]))")
            }
        };
        out.push_str(&text);
    }

    fn top_class(&self, class: &Class, out: &mut String) {
        if class.fold == Fold::Unicode {
            out.push_str("(?i:");
            class_text(class, class.fold, out);
            out.push(')');
        } else {
            class_text(class, class.fold, out);
        }
    }
}

/// Writes `class` as a bracket expression, folding its ranges as `fold` says.
pub(crate) fn class_text(class: &Class, fold: Fold, out: &mut String) {
    let operands: Vec<String> = class
        .operands
        .iter()
        .map(|items| items_text(items, fold))
        .collect();
    let body = if operands.len() == 1 {
        operands.into_iter().next().unwrap_or_default()
    } else {
        operands
            .iter()
            .map(|operand| {
                if operand.is_empty() {
                    NEVER.to_string()
                } else {
                    format!("[{operand}]")
                }
            })
            .collect::<Vec<_>>()
            .join("&&")
    };
    match (body.is_empty(), class.negated) {
        (true, false) => out.push_str(NEVER),
        (true, true) => out.push_str(ANY),
        (false, negated) => {
            out.push('[');
            if negated {
                out.push('^');
            }
            out.push_str(&body);
            out.push(']');
        }
    }
}

/// The union of `items` as the inside of a bracket expression. A body never starts with `:`,
/// which both crates would read as the start of a POSIX class `[:name:]` (`fancy-regex` even
/// when the colon is escaped), so such an item is moved behind the others.
fn items_text(items: &[ClassItem], fold: Fold) -> String {
    let mut pieces: Vec<String> = items
        .iter()
        .map(|item| match item {
            ClassItem::Range(start, end) => ranges_text(&[(*start, *end)], fold),
            ClassItem::Property { name, negated } => {
                format!("\\{}{{{name}}}", if *negated { 'P' } else { 'p' })
            }
            ClassItem::Nested(nested) => {
                let mut out = String::new();
                class_text(nested, fold, &mut out);
                out
            }
        })
        .filter(|piece| !piece.is_empty())
        .collect();
    if let Some(position) = pieces.iter().position(|piece| !piece.starts_with(':')) {
        pieces[..=position].rotate_right(1);
    }
    pieces.concat()
}

/// The ranges as the inside of a bracket expression, without surrogates (no Rust string holds
/// one), plus the other case of their ASCII letters under ASCII folding.
fn ranges_text(ranges: &[(u32, u32)], fold: Fold) -> String {
    let mut pieces: Vec<(char, char)> = ranges
        .iter()
        .flat_map(|&(start, end)| scalar_ranges(start, end))
        .collect();
    if fold == Fold::Ascii {
        let extra: Vec<(char, char)> = pieces
            .iter()
            .flat_map(|&(start, end)| ascii_case_counterparts(start, end))
            .collect();
        pieces.extend(extra);
    }
    let mut out = String::new();
    for (start, end) in pieces {
        push_class_char(start, &mut out);
        if end != start {
            out.push('-');
            push_class_char(end, &mut out);
        }
    }
    out
}

/// `start..=end` split around the surrogate block.
pub(crate) fn scalar_ranges(start: u32, end: u32) -> Vec<(char, char)> {
    let mut pieces = Vec::new();
    let mut push = |start: u32, end: u32| {
        if let (Some(start), Some(end)) = (char::from_u32(start), char::from_u32(end)) {
            if start <= end {
                pieces.push((start, end));
            }
        }
    };
    push(start, end.min(0xD7FF));
    push(start.max(0xE000), end);
    pieces
}

/// The other-case ranges of the ASCII letters in `start..=end`.
fn ascii_case_counterparts(start: char, end: char) -> Vec<(char, char)> {
    let mut pieces = Vec::new();
    for (low, high) in [('A', 'Z'), ('a', 'z')] {
        let from = start.max(low);
        let to = end.min(high);
        if from <= to {
            let swap = |c: char| {
                if c.is_ascii_uppercase() {
                    c.to_ascii_lowercase()
                } else {
                    c.to_ascii_uppercase()
                }
            };
            pieces.push((swap(from), swap(to)));
        }
    }
    pieces
}

/// Writes `ch` so that it stands for itself outside a class.
fn push_char(ch: char, out: &mut String) {
    push_class_char(ch, out);
}

/// Writes `ch` so that it stands for itself inside or outside a class: metacharacters escaped,
/// controls and non-graphic characters as `\x{…}`.
fn push_class_char(ch: char, out: &mut String) {
    if ch.is_ascii_alphanumeric() || (ch.is_alphanumeric() && !ch.is_ascii()) {
        out.push(ch);
    } else if ch.is_ascii_punctuation() {
        if regex_syntax::is_meta_character(ch) {
            out.push('\\');
        }
        out.push(ch);
    } else if ch == ' ' {
        out.push(' ');
    } else {
        let _ = write!(out, "\\x{{{:X}}}", u32::from(ch));
    }
}
