//! Parses an ECMA-262 pattern, widened with the Java syntax that real Smithy models use, into the
//! [`Node`] tree, applying inline flags as it goes.
//!
//! The dialect is ECMA-262 with the `u` flag (code points, `\u{…}`, `\p{…}`), plus Annex B's
//! leniencies (a lone `]`, `{` or `}` is a literal; a quantified look-ahead), plus Java's
//! `\A` `\z` `\Z` `\h` `\R` `\Q…\E` `\a` `\e` `\x{…}` `\0nn`, inline flags `(?imsu-imsu)` and
//! `(?imsu-imsu:…)`, atomic groups, possessive quantifiers, POSIX and `java…` property names,
//! and Java class syntax: nested classes `[a[b]]` and intersection `&&`. A class is first read the
//! Java way; if the whole pattern then fails to parse, it is read again with `[` as a literal
//! inside classes, as ECMA-262 reads it.

use super::ast::{
    Assertion, Class, ClassItem, Fold, Node, ANY, DIGIT, HORIZONTAL_SPACE, LINE_TERMINATORS, SPACE,
    WORD,
};
use super::PatternError;

/// How deeply groups and classes may nest before the pattern is refused.
const MAX_DEPTH: usize = 250;

/// Parses `pattern` into a tree with backreferences resolved.
pub(crate) fn parse(pattern: &str) -> Result<Node, PatternError> {
    match Parser::new(pattern, true).parse_pattern() {
        Ok(node) => Ok(node),
        Err(java_error) => Parser::new(pattern, false)
            .parse_pattern()
            .map_err(|_| java_error),
    }
}

/// The inline flags in force at a point of the pattern.
#[derive(Debug, Clone, Copy)]
struct Flags {
    fold: Fold,
    dot_all: bool,
    multiline: bool,
}

/// What a class escape or atom stands for.
enum ClassAtom {
    /// One code point, which may start a range.
    Char(u32),
    /// A set (`\d`, `\p{L}`, …), which may not.
    Items(Vec<ClassItem>),
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
    flags: Flags,
    /// Read `[` inside a class as a nested class and `&&` as intersection (Java).
    java_classes: bool,
    groups: u32,
    names: Vec<(String, u32)>,
    depth: usize,
}

impl Parser {
    fn new(pattern: &str, java_classes: bool) -> Self {
        Parser {
            chars: pattern.chars().collect(),
            pos: 0,
            flags: Flags {
                fold: Fold::None,
                dot_all: false,
                multiline: false,
            },
            java_classes,
            groups: 0,
            names: Vec::new(),
            depth: 0,
        }
    }

    fn error(&self, message: impl Into<String>) -> PatternError {
        PatternError {
            message: format!("{} (at character {})", message.into(), self.pos),
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.chars.get(self.pos + offset).copied()
    }

    fn eat(&mut self, expected: char) -> bool {
        if self.peek() == Some(expected) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn looking_at(&self, text: &str) -> bool {
        text.chars()
            .enumerate()
            .all(|(offset, c)| self.peek_at(offset) == Some(c))
    }

    fn next_char(&mut self, what: &str) -> Result<char, PatternError> {
        let c = self
            .peek()
            .ok_or_else(|| self.error(format!("the pattern ends inside {what}")))?;
        self.pos += 1;
        Ok(c)
    }

    fn parse_pattern(mut self) -> Result<Node, PatternError> {
        let node = self.parse_disjunction()?;
        if self.pos < self.chars.len() {
            return Err(self.error("unmatched `)`"));
        }
        self.resolve_backrefs(node)
    }

    fn parse_disjunction(&mut self) -> Result<Node, PatternError> {
        let mut alternatives = vec![self.parse_alternative()?];
        while self.eat('|') {
            alternatives.push(self.parse_alternative()?);
        }
        Ok(if alternatives.len() == 1 {
            alternatives.pop().unwrap_or(Node::Empty)
        } else {
            Node::Alternation(alternatives)
        })
    }

    fn parse_alternative(&mut self) -> Result<Node, PatternError> {
        let mut terms = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            if let Some(term) = self.parse_term()? {
                terms.push(term);
            }
        }
        Ok(match terms.len() {
            0 => Node::Empty,
            1 => terms.pop().unwrap_or(Node::Empty),
            _ => Node::Concat(terms),
        })
    }

    /// One term with its quantifier; `None` for a flag-only group such as `(?i)`.
    fn parse_term(&mut self) -> Result<Option<Node>, PatternError> {
        let Some(atom) = self.parse_atom()? else {
            if self.at_quantifier() {
                return Err(self.error("nothing to repeat"));
            }
            return Ok(None);
        };
        if !self.at_quantifier() {
            return Ok(Some(atom));
        }
        let (min, max) = self.parse_quantifier_bounds()?;
        let greedy = !self.eat('?');
        let possessive = greedy && self.eat('+');
        // Java ignores a braced quantifier that follows another: `a{2}{0,3}` is `a{2}`.
        while self.peek() == Some('{') {
            match self.braced_quantifier_len() {
                Some(len) => self.pos += len,
                None => break,
            }
        }
        match atom {
            // A quantified assertion (Annex B for look-aheads, Java for all) is the assertion
            // itself, or nothing when it may repeat zero times.
            Node::Look { .. } | Node::Assert(_) => {
                Ok(Some(if min == 0 { Node::Empty } else { atom }))
            }
            _ => {
                let repeat = Node::Repeat {
                    node: Box::new(atom),
                    min,
                    max,
                    greedy,
                };
                Ok(Some(if possessive {
                    Node::Atomic(Box::new(repeat))
                } else {
                    repeat
                }))
            }
        }
    }

    /// Whether a quantifier starts here (`{` only when it is a well-formed `{n}`, `{n,}`, `{n,m}`).
    fn at_quantifier(&self) -> bool {
        match self.peek() {
            Some('*' | '+' | '?') => true,
            Some('{') => self.braced_quantifier_len().is_some(),
            _ => false,
        }
    }

    /// The length of a well-formed braced quantifier at the cursor.
    fn braced_quantifier_len(&self) -> Option<usize> {
        let mut offset = 1;
        let digits = |offset: &mut usize| {
            let start = *offset;
            while self.peek_at(*offset).is_some_and(|c| c.is_ascii_digit()) {
                *offset += 1;
            }
            *offset > start
        };
        if !digits(&mut offset) {
            return None;
        }
        if self.peek_at(offset) == Some(',') {
            offset += 1;
            digits(&mut offset);
        }
        (self.peek_at(offset) == Some('}')).then_some(offset + 1)
    }

    fn parse_quantifier_bounds(&mut self) -> Result<(u32, Option<u32>), PatternError> {
        let c = self.next_char("a quantifier")?;
        match c {
            '*' => Ok((0, None)),
            '+' => Ok((1, None)),
            '?' => Ok((0, Some(1))),
            _ => {
                let min = self.parse_count()?;
                let max = if self.eat(',') {
                    if self.peek() == Some('}') {
                        None
                    } else {
                        Some(self.parse_count()?)
                    }
                } else {
                    Some(min)
                };
                self.eat('}');
                if max.is_some_and(|max| max < min) {
                    return Err(self.error("numbers out of order in a `{}` quantifier"));
                }
                Ok((min, max))
            }
        }
    }

    fn parse_count(&mut self) -> Result<u32, PatternError> {
        let mut value: u32 = 0;
        while let Some(digit) = self.peek().and_then(|c| c.to_digit(10)) {
            self.pos += 1;
            value = value
                .checked_mul(10)
                .and_then(|v| v.checked_add(digit))
                .ok_or_else(|| self.error("a quantifier count is too large"))?;
        }
        Ok(value)
    }

    /// An atom or an assertion; `None` for a flag-only group.
    fn parse_atom(&mut self) -> Result<Option<Node>, PatternError> {
        let c = self.next_char("an atom")?;
        let node = match c {
            '^' => Node::Assert(if self.flags.multiline {
                Assertion::LineStart
            } else {
                Assertion::Start
            }),
            '$' => Node::Assert(if self.flags.multiline {
                Assertion::LineEnd
            } else {
                Assertion::End
            }),
            '.' => Node::Class(self.dot()),
            '(' => return self.parse_group(),
            '[' => Node::Class(self.parse_class()?),
            '\\' => self.parse_atom_escape()?,
            '*' | '+' | '?' => {
                self.pos -= 1;
                return Err(self.error("nothing to repeat"));
            }
            '{' => {
                self.pos -= 1;
                if self.braced_quantifier_len().is_some() {
                    return Err(self.error("nothing to repeat"));
                }
                self.pos += 1;
                self.literal(c)
            }
            _ => self.literal(c),
        };
        Ok(Some(node))
    }

    fn literal(&self, ch: char) -> Node {
        Node::Literal {
            ch,
            fold: self.flags.fold,
        }
    }

    /// A code point as an atom: a lone surrogate matches nothing in a Rust string.
    fn code_point_atom(&self, code: u32) -> Node {
        char::from_u32(code).map_or(Node::Never, |ch| self.literal(ch))
    }

    fn dot(&self) -> Class {
        let excluded: &[(u32, u32)] = if self.flags.dot_all {
            &[]
        } else {
            LINE_TERMINATORS
        };
        Class::of_ranges(true, excluded)
    }

    fn class_of(&self, items: Vec<ClassItem>) -> Class {
        Class {
            negated: false,
            operands: vec![items],
            fold: self.flags.fold,
        }
    }

    fn enter(&mut self) -> Result<(), PatternError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error("the pattern nests too deeply"));
        }
        Ok(())
    }

    /// After `(`: a group, a look-around, or inline flags.
    fn parse_group(&mut self) -> Result<Option<Node>, PatternError> {
        self.enter()?;
        let saved = self.flags;
        let result = self.parse_group_body(saved);
        self.depth -= 1;
        result
    }

    fn parse_group_body(&mut self, saved: Flags) -> Result<Option<Node>, PatternError> {
        enum Kind {
            Capture,
            NonCapture,
            Look { behind: bool, negated: bool },
            Atomic,
        }
        let kind = if !self.eat('?') {
            self.groups += 1;
            Kind::Capture
        } else if self.eat(':') {
            Kind::NonCapture
        } else if self.eat('=') {
            Kind::Look {
                behind: false,
                negated: false,
            }
        } else if self.eat('!') {
            Kind::Look {
                behind: false,
                negated: true,
            }
        } else if self.looking_at("<=") || self.looking_at("<!") {
            self.pos += 1;
            let negated = self.next_char("a look-behind")? == '!';
            Kind::Look {
                behind: true,
                negated,
            }
        } else if self.eat('>') {
            Kind::Atomic
        } else if self.looking_at("<") || self.looking_at("P<") {
            self.pos += if self.peek() == Some('<') { 1 } else { 2 };
            let name = self.parse_group_name()?;
            self.groups += 1;
            if self.names.iter().any(|(known, _)| *known == name) {
                return Err(self.error(format!("duplicate group name `{name}`")));
            }
            self.names.push((name, self.groups));
            Kind::Capture
        } else {
            let scoped = self.parse_inline_flags()?;
            if !scoped {
                // `(?i)`: the flags hold until the enclosing group ends.
                return Ok(None);
            }
            Kind::NonCapture
        };
        let inner = self.parse_disjunction()?;
        if !self.eat(')') {
            return Err(self.error("unclosed group: missing `)`"));
        }
        self.flags = saved;
        let node = Box::new(inner);
        Ok(Some(match kind {
            Kind::Capture => Node::Group {
                capture: true,
                node,
            },
            Kind::NonCapture => Node::Group {
                capture: false,
                node,
            },
            Kind::Look { behind, negated } => Node::Look {
                behind,
                negated,
                node,
            },
            Kind::Atomic => Node::Atomic(node),
        }))
    }

    /// Reads `imsu-imsu` followed by `)` (returns false) or `:` (returns true), setting the flags.
    fn parse_inline_flags(&mut self) -> Result<bool, PatternError> {
        let mut on = true;
        let mut ignore_case: Option<bool> = None;
        let mut unicode_case = false;
        let mut any = false;
        loop {
            let c = self.next_char("a group")?;
            match c {
                ')' | ':' if any => {
                    let scoped = c == ':';
                    if let Some(ignore_case) = ignore_case {
                        self.flags.fold = match (ignore_case, scoped || unicode_case) {
                            (false, _) => Fold::None,
                            (true, true) => Fold::Unicode,
                            (true, false) => Fold::Ascii,
                        };
                    } else if unicode_case && self.flags.fold == Fold::Ascii {
                        self.flags.fold = Fold::Unicode;
                    }
                    return Ok(scoped);
                }
                '-' if on => on = false,
                'i' => ignore_case = Some(on),
                's' => self.flags.dot_all = on,
                'm' => self.flags.multiline = on,
                'u' => unicode_case = on,
                'x' => {
                    return Err(self.error("the `x` (comments) flag is not supported"));
                }
                _ => {
                    self.pos -= 1;
                    return Err(self.error(format!("unknown group syntax or flag `{c}`")));
                }
            }
            any = true;
        }
    }

    /// `name>` of `(?<name>…)` or `\k<name>`.
    fn parse_group_name(&mut self) -> Result<String, PatternError> {
        let mut name = String::new();
        loop {
            let c = self.next_char("a group name")?;
            if c == '>' {
                break;
            }
            let allowed = c.is_alphanumeric() || c == '_' || c == '$';
            if !allowed || (name.is_empty() && c.is_numeric()) {
                return Err(self.error(format!("`{c}` cannot appear in a group name")));
            }
            name.push(c);
        }
        if name.is_empty() {
            return Err(self.error("empty group name"));
        }
        Ok(name)
    }

    /// After `\` outside a class.
    fn parse_atom_escape(&mut self) -> Result<Node, PatternError> {
        let c = self.next_char("an escape")?;
        Ok(match c {
            'b' => Node::Assert(Assertion::WordBoundary),
            'B' => Node::Assert(Assertion::NotWordBoundary),
            'A' => Node::Assert(Assertion::Start),
            'z' => Node::Assert(Assertion::End),
            'Z' => Node::Assert(Assertion::EndBeforeFinalTerminator),
            'R' => Node::Group {
                capture: false,
                node: Box::new(Node::Alternation(vec![
                    Node::Concat(vec![
                        Node::Literal {
                            ch: '\r',
                            fold: Fold::None,
                        },
                        Node::Literal {
                            ch: '\n',
                            fold: Fold::None,
                        },
                    ]),
                    Node::Class(Class::of_ranges(
                        false,
                        &[(0x0A, 0x0D), (0x85, 0x85), (0x2028, 0x2029)],
                    )),
                ])),
            },
            'Q' => self.parse_quoted(),
            'k' => {
                if !self.eat('<') {
                    return Err(self.error("`\\k` must be followed by `<name>`"));
                }
                Node::NamedBackref(self.parse_group_name()?)
            }
            '1'..='9' => {
                let mut digits = c.to_string();
                while let Some(d) = self.peek().filter(char::is_ascii_digit) {
                    digits.push(d);
                    self.pos += 1;
                }
                Node::BackrefDigits(digits)
            }
            _ => match self.parse_escape_in_class_or_atom(c)? {
                ClassAtom::Char(code) => self.code_point_atom(code),
                ClassAtom::Items(items) => Node::Class(self.class_of(items)),
            },
        })
    }

    /// Java's `\Q…\E`: everything up to `\E` (or the end) is literal.
    fn parse_quoted(&mut self) -> Node {
        let mut nodes = Vec::new();
        while self.pos < self.chars.len() && !self.looking_at("\\E") {
            nodes.push(self.literal(self.chars[self.pos]));
            self.pos += 1;
        }
        if self.looking_at("\\E") {
            self.pos += 2;
        }
        Node::Group {
            capture: false,
            node: Box::new(Node::Concat(nodes)),
        }
    }

    /// An escape that means the same inside and outside a class; `c` follows the backslash.
    fn parse_escape_in_class_or_atom(&mut self, c: char) -> Result<ClassAtom, PatternError> {
        let set = |ranges: &[(u32, u32)], negated: bool| {
            if negated {
                ClassAtom::Items(vec![ClassItem::Nested(Class::of_ranges(true, ranges))])
            } else {
                ClassAtom::Items(ranges_items(ranges))
            }
        };
        Ok(match c {
            'd' | 'D' => set(DIGIT, c == 'D'),
            'w' | 'W' => set(WORD, c == 'W'),
            's' | 'S' => set(SPACE, c == 'S'),
            'h' | 'H' => set(HORIZONTAL_SPACE, c == 'H'),
            'p' | 'P' => ClassAtom::Items(self.parse_property(c == 'P')?),
            't' => ClassAtom::Char(0x09),
            'n' => ClassAtom::Char(0x0A),
            'v' => ClassAtom::Char(0x0B),
            'f' => ClassAtom::Char(0x0C),
            'r' => ClassAtom::Char(0x0D),
            'a' => ClassAtom::Char(0x07),
            'e' => ClassAtom::Char(0x1B),
            '0' => ClassAtom::Char(self.parse_octal_after_zero()),
            'c' => {
                let letter = self.next_char("a `\\c` escape")?;
                if !letter.is_ascii_alphabetic() {
                    return Err(self.error("`\\c` must be followed by a letter"));
                }
                ClassAtom::Char(u32::from(letter) % 32)
            }
            'x' => ClassAtom::Char(self.parse_hex_escape()?),
            'u' => ClassAtom::Char(self.parse_unicode_escape()?),
            c if !c.is_alphanumeric() => ClassAtom::Char(u32::from(c)),
            _ => return Err(self.error(format!("unknown escape `\\{c}`"))),
        })
    }

    /// `\0` alone is NUL; Java (and Annex B) read up to three octal digits after it.
    fn parse_octal_after_zero(&mut self) -> u32 {
        let mut value = 0;
        let mut digits = 0;
        while let Some(d) = self.peek().and_then(|c| c.to_digit(8)) {
            if digits == 3 || (digits == 2 && value > 0o37) {
                break;
            }
            value = value * 8 + d;
            digits += 1;
            self.pos += 1;
        }
        value
    }

    /// After `\x`: two hex digits, or Java's `{h…h}`.
    fn parse_hex_escape(&mut self) -> Result<u32, PatternError> {
        if self.eat('{') {
            return self.parse_braced_hex();
        }
        let high = self.hex_digit()?;
        let low = self.hex_digit()?;
        Ok(high * 16 + low)
    }

    /// After `\u`: four hex digits (joining a surrogate pair written as two escapes) or `{h…h}`.
    fn parse_unicode_escape(&mut self) -> Result<u32, PatternError> {
        if self.eat('{') {
            return self.parse_braced_hex();
        }
        let lead = self.hex4()?;
        if (0xD800..=0xDBFF).contains(&lead) && self.looking_at("\\u") {
            let saved = self.pos;
            self.pos += 2;
            match self.hex4() {
                Ok(trail) if (0xDC00..=0xDFFF).contains(&trail) => {
                    return Ok(0x10000 + ((lead - 0xD800) << 10) + (trail - 0xDC00));
                }
                _ => self.pos = saved,
            }
        }
        Ok(lead)
    }

    fn parse_braced_hex(&mut self) -> Result<u32, PatternError> {
        let mut value: u32 = 0;
        let mut digits = 0;
        while !self.eat('}') {
            value = value.saturating_mul(16).saturating_add(self.hex_digit()?);
            digits += 1;
        }
        if digits == 0 || value > 0x10FFFF {
            return Err(self.error("a `{…}` escape must hold a code point up to 10FFFF"));
        }
        Ok(value)
    }

    fn hex4(&mut self) -> Result<u32, PatternError> {
        let mut value = 0;
        for _ in 0..4 {
            value = value * 16 + self.hex_digit()?;
        }
        Ok(value)
    }

    fn hex_digit(&mut self) -> Result<u32, PatternError> {
        let c = self.next_char("a hexadecimal escape")?;
        c.to_digit(16)
            .ok_or_else(|| self.error(format!("`{c}` is not a hexadecimal digit")))
    }

    /// After `\p` or `\P`: `{Name}`, `{Name=Value}` or Java's one-letter `\pL`.
    fn parse_property(&mut self, negated: bool) -> Result<Vec<ClassItem>, PatternError> {
        let name = if self.eat('{') {
            let mut name = String::new();
            loop {
                let c = self.next_char("a `\\p{…}` property")?;
                if c == '}' {
                    break;
                }
                name.push(c);
            }
            name
        } else {
            self.next_char("a `\\p` property")?.to_string()
        };
        // Java's `(?i)` widens the cased-letter categories to all three.
        let folded = matches!(name.as_str(), "Lu" | "Ll" | "Lt" | "IsLu" | "IsLl" | "IsLt");
        let name = if folded && self.flags.fold == Fold::Ascii {
            "LC"
        } else {
            name.as_str()
        };
        property_items(name, negated).map_err(|message| self.error(message))
    }

    /// After `[`.
    fn parse_class(&mut self) -> Result<Class, PatternError> {
        self.enter()?;
        let result = self.parse_class_body();
        self.depth -= 1;
        result
    }

    fn parse_class_body(&mut self) -> Result<Class, PatternError> {
        let negated = self.eat('^');
        let mut operands: Vec<Vec<ClassItem>> = vec![Vec::new()];
        loop {
            let c = self
                .peek()
                .ok_or_else(|| self.error("unclosed character class: missing `]`"))?;
            if c == ']' {
                self.pos += 1;
                break;
            }
            let items = if c == '[' && self.java_classes {
                self.pos += 1;
                vec![ClassItem::Nested(self.parse_class()?)]
            } else if self.java_classes && self.looking_at("&&") {
                self.pos += 2;
                operands.push(Vec::new());
                continue;
            } else {
                self.parse_class_range()?
            };
            if let Some(operand) = operands.last_mut() {
                operand.extend(items);
            }
        }
        // Java ignores an empty operand of `&&`, as in `[a&&]`.
        if operands.len() > 1 {
            operands.retain(|operand| !operand.is_empty());
            if operands.is_empty() {
                operands.push(Vec::new());
            }
        }
        Ok(Class {
            negated,
            operands,
            fold: self.flags.fold,
        })
    }

    /// One class atom, or a range `a-b`.
    fn parse_class_range(&mut self) -> Result<Vec<ClassItem>, PatternError> {
        let start = match self.parse_class_atom()? {
            ClassAtom::Items(items) => return Ok(items),
            ClassAtom::Char(code) => code,
        };
        let is_range = self.peek() == Some('-')
            && self.peek_at(1).is_some_and(|next| next != ']')
            && !(self.java_classes && self.peek_at(1) == Some('['));
        if !is_range {
            return Ok(vec![ClassItem::Range(start, start)]);
        }
        self.pos += 1;
        match self.parse_class_atom()? {
            ClassAtom::Char(end) if end >= start => Ok(vec![ClassItem::Range(start, end)]),
            ClassAtom::Char(_) => Err(self.error("range out of order in character class")),
            ClassAtom::Items(_) => Err(self.error("a class escape cannot end a range")),
        }
    }

    fn parse_class_atom(&mut self) -> Result<ClassAtom, PatternError> {
        let c = self.next_char("a character class")?;
        if c != '\\' {
            return Ok(ClassAtom::Char(u32::from(c)));
        }
        let escaped = self.next_char("an escape")?;
        match escaped {
            'b' => Ok(ClassAtom::Char(0x08)),
            '-' => Ok(ClassAtom::Char(u32::from('-'))),
            '1'..='9' => Err(self.error("a backreference cannot appear in a character class")),
            'Q' => {
                let mut items = Vec::new();
                while self.pos < self.chars.len() && !self.looking_at("\\E") {
                    let code = u32::from(self.chars[self.pos]);
                    items.push(ClassItem::Range(code, code));
                    self.pos += 1;
                }
                if self.looking_at("\\E") {
                    self.pos += 2;
                }
                Ok(ClassAtom::Items(items))
            }
            _ => self.parse_escape_in_class_or_atom(escaped),
        }
    }

    /// Turns the digits of `\N` and the names of `\k<name>` into group numbers, now that every
    /// group is known.
    fn resolve_backrefs(&self, node: Node) -> Result<Node, PatternError> {
        Ok(match node {
            Node::BackrefDigits(digits) => self.resolve_numbered_backref(&digits)?,
            Node::NamedBackref(name) => {
                let group = self
                    .names
                    .iter()
                    .find(|(known, _)| *known == name)
                    .map(|(_, group)| *group)
                    .ok_or_else(|| PatternError {
                        message: format!("`\\k<{name}>` names no group"),
                    })?;
                Node::Backref(group)
            }
            Node::Group { capture, node } => Node::Group {
                capture,
                node: Box::new(self.resolve_backrefs(*node)?),
            },
            Node::Look {
                behind,
                negated,
                node,
            } => Node::Look {
                behind,
                negated,
                node: Box::new(self.resolve_backrefs(*node)?),
            },
            Node::Atomic(node) => Node::Atomic(Box::new(self.resolve_backrefs(*node)?)),
            Node::Repeat {
                node,
                min,
                max,
                greedy,
            } => Node::Repeat {
                node: Box::new(self.resolve_backrefs(*node)?),
                min,
                max,
                greedy,
            },
            Node::Concat(nodes) => Node::Concat(self.resolve_all(nodes)?),
            Node::Alternation(nodes) => Node::Alternation(self.resolve_all(nodes)?),
            other => other,
        })
    }

    fn resolve_all(&self, nodes: Vec<Node>) -> Result<Vec<Node>, PatternError> {
        nodes
            .into_iter()
            .map(|node| self.resolve_backrefs(node))
            .collect()
    }

    /// ECMA-262 reads every digit; when that names no group, Java's rule applies: the longest
    /// prefix naming a group is the reference and the remaining digits are literals.
    fn resolve_numbered_backref(&self, digits: &str) -> Result<Node, PatternError> {
        for split in (1..=digits.len()).rev() {
            let Ok(group) = digits[..split].parse::<u32>() else {
                continue;
            };
            if group >= 1 && group <= self.groups {
                let mut nodes = vec![Node::Backref(group)];
                nodes.extend(digits[split..].chars().map(|ch| Node::Literal {
                    ch,
                    fold: Fold::None,
                }));
                return Ok(if nodes.len() == 1 {
                    nodes.remove(0)
                } else {
                    Node::Concat(nodes)
                });
            }
        }
        Err(PatternError {
            message: format!("`\\{digits}` refers to a group that does not exist"),
        })
    }
}

fn ranges_items(ranges: &[(u32, u32)]) -> Vec<ClassItem> {
    ranges
        .iter()
        .map(|&(start, end)| ClassItem::Range(start, end))
        .collect()
}

const JAVA_ALNUM: &[(u32, u32)] = &[(0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A)];
const JAVA_ALPHA: &[(u32, u32)] = &[(0x41, 0x5A), (0x61, 0x7A)];
const JAVA_ASCII: &[(u32, u32)] = &[(0x00, 0x7F)];
const JAVA_BLANK: &[(u32, u32)] = &[(0x09, 0x09), (0x20, 0x20)];
const JAVA_CNTRL: &[(u32, u32)] = &[(0x00, 0x1F), (0x7F, 0x7F)];
const JAVA_GRAPH: &[(u32, u32)] = &[(0x21, 0x7E)];
const JAVA_LOWER: &[(u32, u32)] = &[(0x61, 0x7A)];
const JAVA_PRINT: &[(u32, u32)] = &[(0x20, 0x7E)];
const JAVA_PUNCT: &[(u32, u32)] = &[(0x21, 0x2F), (0x3A, 0x40), (0x5B, 0x60), (0x7B, 0x7E)];
const JAVA_SPACE: &[(u32, u32)] = &[(0x09, 0x0D), (0x20, 0x20)];
const JAVA_UPPER: &[(u32, u32)] = &[(0x41, 0x5A)];
const JAVA_XDIGIT: &[(u32, u32)] = &[(0x30, 0x39), (0x41, 0x46), (0x61, 0x66)];
const LATIN_1: &[(u32, u32)] = &[(0x00, 0xFF)];

/// Java's POSIX and other ASCII property names, matched case-sensitively as Java does (so the
/// ECMA-262 / JSON Schema spelling `\p{digit}` still means Unicode `Nd`).
fn java_property_ranges(name: &str) -> Option<&'static [(u32, u32)]> {
    Some(match name {
        "ASCII" => JAVA_ASCII,
        "Alnum" => JAVA_ALNUM,
        "Alpha" => JAVA_ALPHA,
        "Blank" => JAVA_BLANK,
        "Cntrl" => JAVA_CNTRL,
        "Digit" => DIGIT,
        "Graph" => JAVA_GRAPH,
        "Lower" => JAVA_LOWER,
        "Print" => JAVA_PRINT,
        "Punct" => JAVA_PUNCT,
        "Space" => JAVA_SPACE,
        "Upper" => JAVA_UPPER,
        "XDigit" => JAVA_XDIGIT,
        "L1" => LATIN_1,
        "all" => ANY,
        _ => return None,
    })
}

/// Java's `java…` properties (methods of `java.lang.Character`) as Unicode properties.
fn java_method_properties(name: &str) -> Option<&'static [&'static str]> {
    Some(match name {
        "LD" | "javaLetterOrDigit" => &["L", "Nd"],
        "javaLowerCase" => &["Lowercase"],
        "javaUpperCase" => &["Uppercase"],
        "javaAlphabetic" => &["Alphabetic"],
        "javaDigit" => &["Nd"],
        "javaLetter" => &["L"],
        "javaSpaceChar" => &["Z"],
        "javaISOControl" => &["Cc"],
        "javaIdeographic" => &["Ideographic"],
        "javaTitleCase" => &["Lt"],
        _ => return None,
    })
}

/// The class items of `\p{name}` (or `\P{name}` when `negated`).
fn property_items(name: &str, negated: bool) -> Result<Vec<ClassItem>, String> {
    let wrap = |items: Vec<ClassItem>| {
        if negated {
            vec![ClassItem::Nested(Class {
                negated: true,
                operands: vec![items],
                fold: Fold::None,
            })]
        } else {
            items
        }
    };
    if let Some(ranges) = java_property_ranges(name) {
        return Ok(wrap(ranges_items(ranges)));
    }
    if let Some(properties) = java_method_properties(name) {
        let items = properties
            .iter()
            .map(|property| ClassItem::Property {
                name: (*property).to_string(),
                negated: false,
            })
            .collect();
        return Ok(wrap(items));
    }
    if name.starts_with("In") && name.len() > 2 || name.starts_with("block=") {
        return Err(format!(
            "`\\p{{{name}}}`: Unicode blocks are not supported by the Rust regex engines"
        ));
    }
    let unicode_name = name
        .strip_prefix("Is")
        .filter(|rest| !rest.is_empty())
        .unwrap_or(name);
    if !unicode_property_exists(unicode_name) {
        return Err(format!("unknown Unicode property `\\p{{{name}}}`"));
    }
    Ok(vec![ClassItem::Property {
        name: unicode_name.to_string(),
        negated,
    }])
}

/// Whether the `regex` crate knows the property (general category, script, binary property,
/// `name=value`), by its own loose matching.
fn unicode_property_exists(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '=' | ' ' | '-' | '.'))
        && regex_syntax::Parser::new()
            .parse(&format!("\\p{{{name}}}"))
            .is_ok()
}
