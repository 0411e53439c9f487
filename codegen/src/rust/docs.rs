//! Documentation conversion: turns model documentation as written (AWS-style HTML, CommonMark or
//! plain text) into rustdoc Markdown that `cargo doc` with `-D warnings` and clippy's doc lints
//! accept, and that shows the text as its author wrote it.
//!
//! One of two readers parses the text into a small tree of `Block`s and `Inline`s: the HTML
//! reader when the text uses a known HTML tag (`<p>`, `<code>`, `<a>`, `<ul>`, `<note>`, …), the
//! Markdown reader otherwise. One writer renders the tree, escaping every character that is not
//! markup it generated itself:
//!
//! - `[`/`]` are escaped (no broken intra-doc links); bare `http(s)://` URLs become `<…>`
//!   autolinks (`rustdoc::bare_urls`); `<` is escaped, so `<UserPoolId>` is text, not an unclosed
//!   HTML tag (`rustdoc::invalid_html_tags`);
//! - paragraph whitespace is collapsed, so indented lines never become indented code blocks
//!   (which rustdoc would compile as doctests); preformatted text becomes a fenced block tagged
//!   `text`, never a doctest;
//! - list continuation lines are indented exactly under the item's text
//!   (`clippy::doc_lazy_continuation`, `clippy::doc_overindented_list_items`);
//! - tabs, bidirectional-override and zero-width characters are removed or replaced;
//! - long lines are wrapped at word boundaries, only before words that cannot start a Markdown
//!   block, so wrapping never changes the meaning.

use std::borrow::Cow;

use proc_macro2::TokenStream;
use quote::quote;

/// Text columns per line (before `/// ` and any list indentation), so that field docs stay
/// within about 100 columns.
const WRAP_WIDTH: usize = 90;
/// Deeply nested lists never wrap narrower than this.
const MIN_WRAP_WIDTH: usize = 40;
/// Deeper nesting (of elements, quotes, lists, emphasis) is flattened, so hostile input cannot
/// exhaust the stack.
const MAX_NESTING: usize = 32;

/// Placeholders used while rendering a paragraph; the input cannot contain them (see
/// [`sanitize`]).
const PROTECTED_SPACE: char = '\u{E000}';
const STRONG_OPEN: char = '\u{E001}';
const STRONG_CLOSE: char = '\u{E002}';
const EMPHASIS_OPEN: char = '\u{E003}';
const EMPHASIS_CLOSE: char = '\u{E004}';
const HARD_BREAK: char = '\u{E005}';
/// A single space inside a code span, where a line may break.
const CODE_SPACE: char = '\u{E006}';

/// Converts documentation as written into rustdoc Markdown lines (no `///` prefix), never empty
/// lines at start/end.
///
/// Text that uses known HTML tags is read as HTML (as AWS models write it); any other text is
/// read as CommonMark (which plain text also is). The result is deterministic.
pub fn to_rustdoc(text: &str) -> Vec<String> {
    if let Some(lines) = prepared(text) {
        return lines;
    }
    remembered(text, convert)
}

fn convert(text: &str) -> Vec<String> {
    let text = sanitize(text);
    let blocks = html::parse(&text).unwrap_or_else(|| markdown::parse(&text));
    render::blocks(&blocks, WRAP_WIDTH)
}

/// Conversions worked out ahead of need by [`prepare`], for every thread.
type Prepared = std::sync::RwLock<std::collections::HashMap<Box<str>, Vec<String>, TextHash>>;

fn prepared_table() -> &'static Prepared {
    static PREPARED: std::sync::OnceLock<Prepared> = std::sync::OnceLock::new();
    PREPARED.get_or_init(Prepared::default)
}

fn prepared(text: &str) -> Option<Vec<String>> {
    let table = prepared_table().read().ok()?;
    table.get(text).cloned()
}

/// Converts `texts` ahead of need, for any thread's [`to_rustdoc`] to find: a caller with a core
/// to spare (the front end runs on one) converts the documentation of the inputs while the
/// model is being resolved. The table keeps at most [`PREPARED_CONVERSIONS`] texts.
pub fn prepare<'t>(texts: impl IntoIterator<Item = &'t str>) {
    let texts: Vec<&str> = texts.into_iter().take(PREPARED_CONVERSIONS).collect();
    for batch in texts.chunks(PREPARED_BATCH) {
        let converted: Vec<(Box<str>, Vec<String>)> = batch
            .iter()
            .filter(|text| prepared(text).is_none())
            .map(|text| (Box::from(*text), convert(text)))
            .collect();
        let Ok(mut table) = prepared_table().write() else {
            return;
        };
        if table.len() + converted.len() > PREPARED_CONVERSIONS {
            table.clear();
        }
        table.extend(converted);
    }
}

/// How many conversions [`prepare`] adds to the table at a time (readers wait meanwhile).
const PREPARED_BATCH: usize = 32;

/// How many conversions [`prepare`] keeps for the process.
const PREPARED_CONVERSIONS: usize = 1 << 14;

/// Converts one extra Markdown paragraph (a constraint note, `Required.`) into rustdoc lines.
fn paragraph_to_rustdoc(paragraph: &str) -> Vec<String> {
    remembered(paragraph, |paragraph| {
        render::blocks(&markdown::parse(&sanitize(paragraph)), WRAP_WIDTH)
    })
}

/// How many conversions each thread remembers before it starts over.
const REMEMBERED_CONVERSIONS: usize = 4096;

/// `convert(text)`, remembered per thread: models repeat the same documentation on many
/// members (and the same notes on most), and conversion is deterministic.
fn remembered(text: &str, convert: impl FnOnce(&str) -> Vec<String>) -> Vec<String> {
    use std::cell::RefCell;
    use std::collections::HashMap;
    thread_local! {
        static CONVERTED: RefCell<HashMap<Box<str>, Vec<String>, TextHash>> = RefCell::default();
    }
    if let Some(lines) = CONVERTED.with(|c| c.borrow().get(text).cloned()) {
        return lines;
    }
    let lines = convert(text);
    CONVERTED.with(|c| {
        let mut converted = c.borrow_mut();
        if converted.len() >= REMEMBERED_CONVERSIONS {
            converted.clear();
        }
        converted.insert(text.into(), lines.clone());
    });
    lines
}

/// The hasher of the remembered conversions: the keys are whole documentation texts, which
/// need no protection against chosen collisions, so a word-at-a-time multiplicative hash is
/// enough (and several times cheaper than the default SipHash on long texts).
type TextHash = std::hash::BuildHasherDefault<WordHasher>;

/// A multiply-rotate hash over 8-byte words (the scheme of rustc's `FxHasher`).
#[derive(Default)]
struct WordHasher(u64);

impl WordHasher {
    fn add(&mut self, word: u64) {
        const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl std::hash::Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            let mut buffer = [0u8; 8];
            buffer.copy_from_slice(word);
            self.add(u64::from_le_bytes(buffer));
        }
        let mut buffer = [0u8; 8];
        let tail = words.remainder();
        buffer[..tail.len()].copy_from_slice(tail);
        self.add(u64::from_le_bytes(buffer) ^ ((tail.len() as u64) << 56));
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The tokens of `#[doc = "..."]` attributes for those lines (one attribute per line, `quote!`).
pub fn doc_attrs(text: Option<&str>) -> TokenStream {
    doc_attrs_with(text, &[])
}

/// Like doc_attrs, but appends extra Markdown paragraphs (e.g. constraint notes) after the
/// converted text.
///
/// Each extra paragraph is read as CommonMark, so code spans (see [`inline_code`]), links and
/// emphasis in it are kept while anything else is escaped as in [`to_rustdoc`].
pub fn doc_attrs_with(text: Option<&str>, extra: &[String]) -> TokenStream {
    doc_tokens(&doc_lines_with(text, extra))
}

/// The rustdoc lines [`doc_attrs_with`] puts in attributes (no `///` prefix; empty lines
/// between paragraphs), for emitters that write doc comments as text.
pub fn doc_lines_with(text: Option<&str>, extra: &[String]) -> Vec<String> {
    with_paragraphs(text.map(to_rustdoc).unwrap_or_default(), extra)
}

/// Rustdoc `lines` (as [`to_rustdoc`] gives them) with the `extra` paragraphs of
/// [`doc_attrs_with`] after them.
pub fn with_paragraphs(mut lines: Vec<String>, extra: &[String]) -> Vec<String> {
    for paragraph in extra {
        let converted = paragraph_to_rustdoc(paragraph);
        if converted.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(converted);
    }
    lines
}

/// `#[doc = " line"]` attributes (`#[doc = ""]` for an empty line), one per line.
pub fn doc_tokens(lines: &[String]) -> TokenStream {
    let attrs = lines.iter().map(|line| {
        if line.is_empty() {
            super::text::literal("")
        } else {
            super::text::literal(&format!(" {line}"))
        }
    });
    quote! { #( #[doc = #attrs] )* }
}

/// A Markdown code span showing `text` exactly (spaces and backticks included), for building
/// the extra paragraphs of [`doc_attrs_with`].
pub fn inline_code(text: &str) -> String {
    render::code_span(&text.replace('\n', " "), ' ')
}

/// A block of documentation.
#[derive(Debug, Clone, PartialEq)]
enum Block {
    /// Running text.
    Paragraph(Vec<Inline>),
    /// A list; each item is a sequence of blocks.
    List {
        ordered: bool,
        items: Vec<Vec<Block>>,
    },
    /// Preformatted text, shown verbatim.
    Code(String),
}

/// Running text inside a paragraph.
#[derive(Debug, Clone, PartialEq)]
enum Inline {
    /// Literal text (whitespace not yet collapsed).
    Text(String),
    /// Literal code.
    Code(String),
    /// A hyperlink, as written (validated when rendered).
    Link {
        url: String,
        children: Vec<Inline>,
    },
    Strong(Vec<Inline>),
    Emphasis(Vec<Inline>),
    /// A forced line break.
    Break,
}

/// Normalises line ends, expands tabs, turns unusual whitespace into spaces, and drops control,
/// invisible and bidirectional-override characters (and the renderer's placeholders).
///
/// Text that needs none of this (printable ASCII and line feeds, as most documentation is) is
/// returned as it is, without a copy.
fn sanitize(text: &str) -> Cow<'_, str> {
    let Some(first) = text.bytes().position(|b| !is_clean_byte(b)) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..first]);
    let mut rest = &text[first..];
    while let Some(c) = rest.chars().next() {
        let mut len = c.len_utf8();
        match c {
            '\r' if rest.as_bytes().get(1) == Some(&b'\n') => {
                out.push('\n');
                len = 2;
            }
            '\r' | '\n' => out.push('\n'),
            '\t' => out.push_str("    "),
            c if is_dropped_char(c) => {}
            c if c.is_whitespace() => out.push(' '),
            c => out.push(c),
        }
        rest = &rest[len..];
        let run = rest
            .bytes()
            .position(|b| !is_clean_byte(b))
            .unwrap_or(rest.len());
        out.push_str(&rest[..run]);
        rest = &rest[run..];
    }
    Cow::Owned(out)
}

/// Whether [`sanitize`] keeps this byte as it is: printable ASCII or a line feed.
fn is_clean_byte(b: u8) -> bool {
    matches!(b, b' '..=b'~' | b'\n')
}

/// The renderer's placeholder characters (removed from the input by [`sanitize`]).
fn is_placeholder_char(c: char) -> bool {
    ('\u{E000}'..='\u{E00F}').contains(&c)
}

/// Characters that never reach the output.
fn is_dropped_char(c: char) -> bool {
    c.is_control()
        || is_placeholder_char(c)
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
        || matches!(
            c,
            '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
        )
}

/// Whether `c` counts as punctuation for CommonMark's emphasis rules.
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() || (!c.is_ascii() && !c.is_alphanumeric() && !c.is_whitespace())
}

/// Decodes HTML character references; unknown ones stay as written.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest
            .get(1..)
            .and_then(|after| after.find(';').filter(|&end| end > 0 && end <= 32))
            .and_then(|end| decode_entity(&rest[1..=end]).map(|c| (c, end + 2)));
        match decoded {
            Some((c, len)) => {
                push_decoded(&mut out, c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Appends a decoded character, applying the same clean-up as [`sanitize`].
fn push_decoded(out: &mut String, c: char) {
    match c {
        '\t' => out.push_str("    "),
        '\n' => out.push('\n'),
        c if is_dropped_char(c) => {}
        c if c.is_whitespace() => out.push(' '),
        c => out.push(c),
    }
}

/// One character reference without `&` and `;` (`lt`, `#39`, `#x27`).
fn decode_entity(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code).filter(|&c| c != '\0');
    }
    let c = match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "bull" => '•',
        "middot" => '·',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "times" => '×',
        "divide" => '÷',
        "plusmn" => '±',
        "le" => '≤',
        "ge" => '≥',
        "ne" => '≠',
        "rarr" => '→',
        "larr" => '←',
        "sect" => '§',
        "para" => '¶',
        "euro" => '€',
        "pound" => '£',
        "yen" => '¥',
        "cent" => '¢',
        "micro" => 'µ',
        _ => return None,
    };
    Some(c)
}

/// The HTML reader: a forgiving tokenizer and tree builder for the HTML subset documentation
/// uses. Tags it does not know are text (`<UserPoolId>`) unless a matching end tag follows, in
/// which case they are dropped and their content kept (`<fullname>…</fullname>`).
mod html {
    use super::{decode_entities, Block, Inline, MAX_NESTING};

    /// Elements that start a block.
    fn is_block(name: &str) -> bool {
        matches!(
            name,
            "p" | "para"
                | "div"
                | "section"
                | "blockquote"
                | "ul"
                | "ol"
                | "li"
                | "dl"
                | "dt"
                | "dd"
                | "pre"
                | "note"
                | "important"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "hr"
                | "table"
                | "thead"
                | "tbody"
                | "tfoot"
                | "tr"
                | "td"
                | "th"
        )
    }

    /// Elements that stay inside running text.
    fn is_inline(name: &str) -> bool {
        matches!(
            name,
            "a" | "b"
                | "strong"
                | "i"
                | "em"
                | "cite"
                | "dfn"
                | "var"
                | "code"
                | "tt"
                | "kbd"
                | "samp"
                | "br"
                | "span"
                | "u"
                | "sup"
                | "sub"
                | "small"
                | "img"
        )
    }

    /// Elements without content or end tag.
    fn is_void(name: &str) -> bool {
        matches!(name, "br" | "hr" | "img" | "wbr")
    }

    fn is_known(name: &str) -> bool {
        is_block(name) || is_inline(name)
    }

    /// Parses `text` as HTML, or returns `None` if it uses no known tag.
    pub(super) fn parse(text: &str) -> Option<Vec<Block>> {
        if !text.contains('<') {
            return None;
        }
        let tokens = tokenize(text);
        let uses_html = tokens.iter().any(|token| match token {
            Token::Open { name, .. } | Token::Close { name, .. } => is_known(name),
            Token::Text(_) => false,
        });
        if !uses_html {
            return None;
        }
        let tree = build_tree(resolve_unknown_tags(tokens));
        Some(flow(&tree, true))
    }

    /// A tag or text; `raw` is the tag as written.
    #[derive(Debug, Clone)]
    enum Token<'a> {
        /// Decoded text.
        Text(String),
        Open {
            name: String,
            href: Option<String>,
            self_closing: bool,
            raw: &'a str,
        },
        Close {
            name: String,
            raw: &'a str,
        },
    }

    /// Splits `text` into tags and decoded text; a `<` that does not start a well-formed tag is
    /// text. Comments and `<!…>` declarations are dropped.
    fn tokenize(text: &str) -> Vec<Token<'_>> {
        let mut tokens = Vec::new();
        let mut text_start = 0;
        let mut i = 0;
        while let Some(offset) = text[i..].find('<') {
            let at = i + offset;
            match parse_tag(text, at) {
                Some((tag, end)) => {
                    if text_start < at {
                        tokens.push(Token::Text(decode_entities(&text[text_start..at])));
                    }
                    tokens.extend(tag);
                    i = end;
                    text_start = end;
                }
                None => i = at + 1,
            }
        }
        if text_start < text.len() {
            tokens.push(Token::Text(decode_entities(&text[text_start..])));
        }
        tokens
    }

    /// Parses the tag starting at byte `start` (a `<`): the token (none for comments) and the
    /// byte just after the tag.
    fn parse_tag(text: &str, start: usize) -> Option<(Option<Token<'_>>, usize)> {
        let rest = &text[start + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            let end = comment
                .find("-->")
                .map_or(text.len(), |p| start + 4 + p + 3);
            return Some((None, end));
        }
        if rest.starts_with(['!', '?']) {
            let end = rest.find('>')?;
            return Some((None, start + 1 + end + 1));
        }
        let (closing, body, body_start) = match rest.strip_prefix('/') {
            Some(body) => (true, body, start + 2),
            None => (false, rest, start + 1),
        };
        let name_len = tag_name_len(body);
        if name_len == 0 {
            return None;
        }
        let name = body[..name_len].to_ascii_lowercase();
        let (href, self_closing, end) = parse_attributes(text, body_start + name_len)?;
        let raw = &text[start..end];
        if closing {
            return (href.is_none() && !self_closing)
                .then_some((Some(Token::Close { name, raw }), end));
        }
        let token = Token::Open {
            name,
            href,
            self_closing,
            raw,
        };
        Some((Some(token), end))
    }

    /// The length in bytes of the tag name at the start of `body`.
    fn tag_name_len(body: &str) -> usize {
        let bytes = body.as_bytes();
        if !bytes.first().is_some_and(u8::is_ascii_alphabetic) {
            return 0;
        }
        bytes
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':'))
            .count()
    }

    /// Parses attributes from byte `pos` up to and including `>`: the decoded `href`, whether
    /// the tag is self-closing, and the byte after `>`. `None` if this is not a well-formed tag.
    fn parse_attributes(text: &str, mut pos: usize) -> Option<(Option<String>, bool, usize)> {
        let bytes = text.as_bytes();
        if !matches!(bytes.get(pos), Some(b) if b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
        {
            return None;
        }
        let mut href = None;
        loop {
            while bytes.get(pos).is_some_and(u8::is_ascii_whitespace) {
                pos += 1;
            }
            match bytes.get(pos)? {
                b'>' => return Some((href, false, pos + 1)),
                b'/' if bytes.get(pos + 1) == Some(&b'>') => return Some((href, true, pos + 2)),
                _ => {}
            }
            let name_start = pos;
            while bytes
                .get(pos)
                .is_some_and(|b| !b.is_ascii_whitespace() && !b"=>/<\"'".contains(b))
            {
                pos += 1;
            }
            if pos == name_start {
                return None;
            }
            let attr_name = text[name_start..pos].to_ascii_lowercase();
            while bytes.get(pos).is_some_and(u8::is_ascii_whitespace) {
                pos += 1;
            }
            if bytes.get(pos) != Some(&b'=') {
                continue;
            }
            pos += 1;
            while bytes.get(pos).is_some_and(u8::is_ascii_whitespace) {
                pos += 1;
            }
            let (value, next) = attribute_value(text, pos)?;
            if attr_name == "href" {
                href = Some(decode_entities(value));
            }
            pos = next;
        }
    }

    /// A quoted or unquoted attribute value starting at byte `pos`, and the byte after it.
    fn attribute_value(text: &str, pos: usize) -> Option<(&str, usize)> {
        let bytes = text.as_bytes();
        match bytes.get(pos)? {
            quote @ (b'"' | b'\'') => {
                let len = text[pos + 1..].find(*quote as char)?;
                Some((&text[pos + 1..pos + 1 + len], pos + 1 + len + 1))
            }
            _ => {
                let len = text[pos..]
                    .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '<')
                    .unwrap_or(text.len() - pos);
                Some((&text[pos..pos + len], pos + len))
            }
        }
    }

    /// Drops unknown tags that have a matching end tag (keeping their content), and turns the
    /// other unknown tags back into the text they were.
    fn resolve_unknown_tags(tokens: Vec<Token<'_>>) -> Vec<Token<'_>> {
        let mut transparent = vec![false; tokens.len()];
        for (i, token) in tokens.iter().enumerate() {
            let Token::Open {
                name, self_closing, ..
            } = token
            else {
                continue;
            };
            if is_known(name) || *self_closing {
                continue;
            }
            if let Some(end) = matching_end(&tokens, &transparent, i, name) {
                transparent[i] = true;
                transparent[end] = true;
            }
        }
        tokens
            .into_iter()
            .zip(transparent)
            .filter_map(|(token, transparent)| match token {
                _ if transparent => None,
                Token::Open { ref name, raw, .. } | Token::Close { ref name, raw }
                    if !is_known(name) =>
                {
                    Some(Token::Text(raw.to_string()))
                }
                token => Some(token),
            })
            .collect()
    }

    /// The index of the end tag matching the unknown start tag at `open`, if any.
    fn matching_end(tokens: &[Token], used: &[bool], open: usize, name: &str) -> Option<usize> {
        let mut depth = 0usize;
        for (i, token) in tokens.iter().enumerate().skip(open + 1) {
            match token {
                Token::Open {
                    name: other,
                    self_closing: false,
                    ..
                } if other == name => depth += 1,
                Token::Close { name: other, .. } if other == name && !used[i] => {
                    if depth == 0 {
                        return Some(i);
                    }
                    depth -= 1;
                }
                _ => {}
            }
        }
        None
    }

    /// A parsed node.
    #[derive(Debug, Clone)]
    enum Node {
        Element(Element),
        Text(String),
    }

    #[derive(Debug, Clone)]
    struct Element {
        name: String,
        href: Option<String>,
        children: Vec<Node>,
    }

    impl Element {
        fn new(name: String, href: Option<String>) -> Self {
            Element {
                name,
                href,
                children: Vec::new(),
            }
        }
    }

    /// Builds the tree, closing unclosed elements where HTML would (a block closes an open
    /// `<p>`, an `<li>` closes the previous item) and ignoring stray end tags.
    fn build_tree(tokens: Vec<Token<'_>>) -> Vec<Node> {
        let mut stack = vec![Element::new(String::new(), None)];
        for token in tokens {
            match token {
                Token::Text(text) => push_child(&mut stack, Node::Text(text)),
                Token::Open {
                    name,
                    href,
                    self_closing,
                    ..
                } => {
                    close_implied(&mut stack, &name);
                    let too_deep = stack.len() > MAX_NESTING;
                    if too_deep && !is_void(&name) {
                        continue;
                    }
                    if self_closing || is_void(&name) {
                        push_child(&mut stack, Node::Element(Element::new(name, href)));
                    } else {
                        stack.push(Element::new(name, href));
                    }
                }
                Token::Close { name, .. } => close(&mut stack, &name),
            }
        }
        while stack.len() > 1 {
            pop_into_parent(&mut stack);
        }
        stack.pop().map(|root| root.children).unwrap_or_default()
    }

    fn push_child(stack: &mut [Element], node: Node) {
        if let Some(top) = stack.last_mut() {
            top.children.push(node);
        }
    }

    fn pop_into_parent(stack: &mut Vec<Element>) {
        if stack.len() > 1 {
            if let Some(element) = stack.pop() {
                push_child(stack, Node::Element(element));
            }
        }
    }

    /// Closes the open element `name` and everything inside it; a stray end tag does nothing.
    fn close(stack: &mut Vec<Element>, name: &str) {
        if let Some(position) = stack.iter().rposition(|e| e.name == name) {
            while position > 0 && stack.len() > position {
                pop_into_parent(stack);
            }
        }
    }

    /// Closes what opening `name` implicitly ends.
    fn close_implied(stack: &mut Vec<Element>, name: &str) {
        if is_block(name) {
            close_open_paragraph(stack);
        }
        let (siblings, containers): (&[&str], &[&str]) = match name {
            "li" => (&["li"], &["ul", "ol"]),
            "dt" | "dd" => (&["dt", "dd"], &["dl"]),
            _ => return,
        };
        let nearest = stack.iter().rposition(|e| {
            siblings.contains(&e.name.as_str()) || containers.contains(&e.name.as_str())
        });
        if let Some(position) = nearest {
            if siblings.contains(&stack[position].name.as_str()) {
                while position > 0 && stack.len() > position {
                    pop_into_parent(stack);
                }
            }
        }
    }

    /// Closes a `<p>` that only inline elements separate from the top of the stack.
    fn close_open_paragraph(stack: &mut Vec<Element>) {
        let Some(position) = stack.iter().rposition(|e| e.name == "p") else {
            return;
        };
        if position > 0 && stack[position + 1..].iter().all(|e| !is_block(&e.name)) {
            while stack.len() > position {
                pop_into_parent(stack);
            }
        }
    }

    /// Converts a sequence of nodes to blocks; running text between blocks becomes paragraphs.
    /// With `split_blank_lines`, a blank line in loose text also ends a paragraph.
    fn flow(nodes: &[Node], split_blank_lines: bool) -> Vec<Block> {
        let mut blocks = Vec::new();
        let mut pending = Vec::new();
        for node in nodes {
            match node {
                Node::Text(text) if split_blank_lines => {
                    let mut parts = split_on_blank_lines(text).into_iter();
                    if let Some(first) = parts.next() {
                        pending.push(Inline::Text(first));
                    }
                    for part in parts {
                        flush_paragraph(&mut blocks, &mut pending);
                        pending.push(Inline::Text(part));
                    }
                }
                Node::Text(text) => pending.push(Inline::Text(text.clone())),
                Node::Element(element) if is_block(&element.name) => {
                    flush_paragraph(&mut blocks, &mut pending);
                    blocks.extend(block_element(element));
                }
                Node::Element(element) => pending.extend(inline_element(element)),
            }
        }
        flush_paragraph(&mut blocks, &mut pending);
        blocks
    }

    /// Splits loose text at blank lines (a line of only spaces between two line ends).
    fn split_on_blank_lines(text: &str) -> Vec<String> {
        let segments: Vec<&str> = text.split('\n').collect();
        let mut parts = vec![String::new()];
        for (k, segment) in segments.iter().enumerate() {
            let blank_line = k > 0 && k + 1 < segments.len() && segment.trim().is_empty();
            if blank_line {
                parts.push(String::new());
            } else if let Some(part) = parts.last_mut() {
                part.push_str(segment);
                part.push('\n');
            }
        }
        parts
    }

    fn flush_paragraph(blocks: &mut Vec<Block>, pending: &mut Vec<Inline>) {
        let has_content = pending.iter().any(|inline| match inline {
            Inline::Text(text) => !text.trim().is_empty(),
            Inline::Break => false,
            _ => true,
        });
        if has_content {
            blocks.push(Block::Paragraph(std::mem::take(pending)));
        } else {
            pending.clear();
        }
    }

    fn block_element(element: &Element) -> Vec<Block> {
        let children = &element.children;
        match element.name.as_str() {
            "p" | "para" => flow(children, false),
            "ul" => list(children, false, "li"),
            "ol" => list(children, true, "li"),
            "dl" => definition_list(children),
            "li" => vec![Block::List {
                ordered: false,
                items: vec![flow(children, true)],
            }],
            "dt" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => heading(children),
            "pre" => vec![Block::Code(text_content(children))],
            "note" => callout("Note:", flow(children, true)),
            "important" => callout("Important:", flow(children, true)),
            "hr" => Vec::new(),
            "tr" => table_row(children),
            _ => flow(children, true),
        }
    }

    /// A `<ul>`/`<ol>`: each `<li>` is an item; stray content joins the previous item.
    fn list(children: &[Node], ordered: bool, item_tag: &str) -> Vec<Block> {
        let mut items: Vec<Vec<Block>> = Vec::new();
        for child in children {
            match child {
                Node::Element(e) if e.name == item_tag => items.push(flow(&e.children, true)),
                Node::Text(text) if text.trim().is_empty() => {}
                other => {
                    let blocks = flow(std::slice::from_ref(other), true);
                    match items.last_mut() {
                        Some(item) => item.extend(blocks),
                        None => items.push(blocks),
                    }
                }
            }
        }
        items.retain(|item| !item.is_empty());
        if items.is_empty() {
            return Vec::new();
        }
        vec![Block::List { ordered, items }]
    }

    /// A `<dl>` as a bullet list: each term in bold, followed by its definitions.
    fn definition_list(children: &[Node]) -> Vec<Block> {
        let mut items: Vec<Vec<Block>> = Vec::new();
        for child in children {
            match child {
                Node::Element(e) if e.name == "dt" => items.push(heading(&e.children)),
                Node::Element(e) if e.name == "dd" => {
                    let blocks = flow(&e.children, true);
                    match items.last_mut() {
                        Some(item) => item.extend(blocks),
                        None => items.push(blocks),
                    }
                }
                Node::Text(text) if text.trim().is_empty() => {}
                other => {
                    let blocks = flow(std::slice::from_ref(other), true);
                    match items.last_mut() {
                        Some(item) => item.extend(blocks),
                        None => items.push(blocks),
                    }
                }
            }
        }
        items.retain(|item| !item.is_empty());
        if items.is_empty() {
            return Vec::new();
        }
        vec![Block::List {
            ordered: false,
            items,
        }]
    }

    /// A heading or term: one bold paragraph.
    fn heading(children: &[Node]) -> Vec<Block> {
        let inlines = inlines(children);
        let has_text = inlines.iter().any(|inline| match inline {
            Inline::Text(text) => !text.trim().is_empty(),
            Inline::Break => false,
            _ => true,
        });
        if has_text {
            vec![Block::Paragraph(vec![Inline::Strong(inlines)])]
        } else {
            Vec::new()
        }
    }

    /// `<note>`/`<important>`: the blocks, the first paragraph starting with a bold label.
    fn callout(label: &str, mut blocks: Vec<Block>) -> Vec<Block> {
        if blocks.is_empty() {
            return blocks;
        }
        let label = Inline::Strong(vec![Inline::Text(label.to_string())]);
        match blocks.first_mut() {
            Some(Block::Paragraph(inlines)) => {
                inlines.insert(0, Inline::Text(" ".to_string()));
                inlines.insert(0, label);
            }
            _ => blocks.insert(0, Block::Paragraph(vec![label])),
        }
        blocks
    }

    /// A table row as one paragraph, cells separated by `|`.
    fn table_row(children: &[Node]) -> Vec<Block> {
        let mut inlines = Vec::new();
        for child in children {
            let Node::Element(cell) = child else {
                continue;
            };
            if !inlines.is_empty() {
                inlines.push(Inline::Text(" | ".to_string()));
            }
            inlines.extend(self::inlines(&cell.children));
        }
        if inlines.is_empty() {
            Vec::new()
        } else {
            vec![Block::Paragraph(inlines)]
        }
    }

    /// Running text of `nodes`; block elements inside are flattened to their text.
    fn inlines(nodes: &[Node]) -> Vec<Inline> {
        let mut out = Vec::new();
        for node in nodes {
            match node {
                Node::Text(text) => out.push(Inline::Text(text.clone())),
                Node::Element(e) if is_block(&e.name) => {
                    out.push(Inline::Text(" ".to_string()));
                    out.extend(inlines(&e.children));
                    out.push(Inline::Text(" ".to_string()));
                }
                Node::Element(e) => out.extend(inline_element(e)),
            }
        }
        out
    }

    fn inline_element(element: &Element) -> Vec<Inline> {
        let children = &element.children;
        match element.name.as_str() {
            "code" | "tt" | "kbd" | "samp" => vec![code(children)],
            "a" => match &element.href {
                Some(url) => vec![Inline::Link {
                    url: url.clone(),
                    children: inlines(children),
                }],
                None => inlines(children),
            },
            "b" | "strong" => vec![Inline::Strong(inlines(children))],
            "i" | "em" | "cite" | "dfn" | "var" => vec![Inline::Emphasis(inlines(children))],
            "br" => vec![Inline::Break],
            "img" => Vec::new(),
            _ => inlines(children),
        }
    }

    /// `<code>`: its text with whitespace collapsed; a code element that only wraps a link
    /// becomes a link around the code.
    fn code(children: &[Node]) -> Inline {
        let mut elements = children.iter().filter(|node| match node {
            Node::Text(text) => !text.trim().is_empty(),
            Node::Element(_) => true,
        });
        if let (Some(Node::Element(only)), None) = (elements.next(), elements.next()) {
            if let (Some(url), "a") = (&only.href, only.name.as_str()) {
                return Inline::Link {
                    url: url.clone(),
                    children: vec![Inline::Code(collapse_whitespace(&text_content(
                        &only.children,
                    )))],
                };
            }
        }
        Inline::Code(collapse_whitespace(&text_content(children)))
    }

    fn collapse_whitespace(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The text of `nodes`, tags dropped, `<br>` as a line break.
    fn text_content(nodes: &[Node]) -> String {
        let mut out = String::new();
        for node in nodes {
            match node {
                Node::Text(text) => out.push_str(text),
                Node::Element(e) if e.name == "br" => out.push('\n'),
                Node::Element(e) => out.push_str(&text_content(&e.children)),
            }
        }
        out
    }
}

/// The Markdown reader: the CommonMark subset documentation uses (paragraphs, lists, fenced and
/// indented code, headings, block quotes, pipe tables, code spans, links, emphasis, escapes and
/// entities). Anything else is text.
mod markdown {
    use super::{decode_entities, is_punctuation, Block, Inline, MAX_NESTING};

    /// Parses `text` into blocks.
    pub(super) fn parse(text: &str) -> Vec<Block> {
        let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
        let indent = lines
            .iter()
            .filter(|line| !line.is_empty())
            .map(|line| indent_of(line))
            .min()
            .unwrap_or(0);
        let lines: Vec<&str> = lines
            .into_iter()
            .map(|line| line.get(indent..).unwrap_or(""))
            .collect();
        parse_blocks(&lines, 0)
    }

    fn indent_of(line: &str) -> usize {
        line.len() - line.trim_start_matches(' ').len()
    }

    fn is_blank(line: &str) -> bool {
        line.trim().is_empty()
    }

    /// Parses lines into blocks; `depth` counts the enclosing quotes and list items.
    fn parse_blocks(lines: &[&str], depth: usize) -> Vec<Block> {
        if depth > MAX_NESTING {
            let text = lines.join("\n");
            return vec![Block::Paragraph(parse_inlines(&text))];
        }
        let mut blocks = Vec::new();
        let mut i = 0;
        while i < lines.len() {
            let line = lines[i];
            let trimmed = line.trim_start();
            if is_blank(line) {
                i += 1;
            } else if indent_of(line) >= 4 {
                let end = indented_code_end(lines, i);
                let code: Vec<&str> = lines[i..end]
                    .iter()
                    .map(|l| l.get(4..).unwrap_or(""))
                    .collect();
                blocks.push(Block::Code(code.join("\n")));
                i = end;
            } else if let Some(fence) = fence_open(trimmed) {
                let (code, end) = fenced_code(lines, i, indent_of(line), fence);
                blocks.push(Block::Code(code));
                i = end;
            } else if let Some(heading) = atx_heading(trimmed) {
                blocks.extend(strong_paragraph(heading));
                i += 1;
            } else if is_thematic_break(trimmed) {
                i += 1;
            } else if trimmed.starts_with('>') {
                let end = quote_end(lines, i);
                let inner: Vec<&str> = lines[i..end].iter().map(|l| unquote(l)).collect();
                blocks.extend(parse_blocks(&inner, depth + 1));
                i = end;
            } else if let Some(marker) = list_marker(line) {
                let (list, end) = parse_list(lines, i, marker, depth);
                blocks.push(list);
                i = end;
            } else if is_table_start(lines, i) {
                let end = lines[i..]
                    .iter()
                    .position(|l| is_blank(l))
                    .map_or(lines.len(), |p| i + p);
                blocks.push(Block::Code(lines[i..end].join("\n")));
                i = end;
            } else {
                let (block, end) = paragraph(lines, i);
                blocks.extend(block);
                i = end;
            }
        }
        blocks
    }

    fn strong_paragraph(text: &str) -> Option<Block> {
        let inlines = parse_inlines(text);
        (!text.trim().is_empty()).then(|| Block::Paragraph(vec![Inline::Strong(inlines)]))
    }

    /// A paragraph from line `start`: the block (a setext heading becomes bold) and the next line.
    fn paragraph(lines: &[&str], start: usize) -> (Option<Block>, usize) {
        let mut end = start + 1;
        while end < lines.len() && !is_blank(lines[end]) {
            if is_setext_underline(lines[end]) {
                let text = lines[start..end].join("\n");
                return (strong_paragraph(&text), end + 1);
            }
            if interrupts_paragraph(lines[end]) {
                break;
            }
            end += 1;
        }
        let text = lines[start..end].join("\n");
        (Some(Block::Paragraph(parse_inlines(&text))), end)
    }

    fn is_setext_underline(line: &str) -> bool {
        let trimmed = line.trim();
        indent_of(line) < 4
            && !trimmed.is_empty()
            && (trimmed.chars().all(|c| c == '=') || trimmed.chars().all(|c| c == '-'))
    }

    /// Whether `line` starts a block that ends a paragraph without a blank line.
    fn interrupts_paragraph(line: &str) -> bool {
        if indent_of(line) >= 4 {
            return false;
        }
        let trimmed = line.trim_start();
        fence_open(trimmed).is_some()
            || atx_heading(trimmed).is_some()
            || is_thematic_break(trimmed)
            || trimmed.starts_with('>')
            || list_marker(line).is_some_and(|m| {
                !m.content.trim().is_empty()
                    && matches!(m.kind, MarkerKind::Bullet(_) | MarkerKind::Ordered(_, 1))
            })
    }

    fn indented_code_end(lines: &[&str], start: usize) -> usize {
        let mut end = start;
        let mut last_code = start;
        while end < lines.len() && (is_blank(lines[end]) || indent_of(lines[end]) >= 4) {
            if !is_blank(lines[end]) {
                last_code = end;
            }
            end += 1;
        }
        last_code + 1
    }

    /// A code fence opening: the fence character and length.
    fn fence_open(trimmed: &str) -> Option<(char, usize)> {
        let c = trimmed.chars().next().filter(|c| matches!(c, '`' | '~'))?;
        let len = trimmed.chars().take_while(|&d| d == c).count();
        let info = &trimmed[len..];
        (len >= 3 && !(c == '`' && info.contains('`'))).then_some((c, len))
    }

    /// The content of the fenced block opening at `start` and the line after its closing fence.
    fn fenced_code(
        lines: &[&str],
        start: usize,
        indent: usize,
        fence: (char, usize),
    ) -> (String, usize) {
        let (c, len) = fence;
        let mut content = Vec::new();
        let mut i = start + 1;
        while i < lines.len() {
            let line = lines[i];
            let trimmed = line.trim_start();
            let run = trimmed.chars().take_while(|&d| d == c).count();
            if indent_of(line) < 4 && run >= len && trimmed[run..].trim().is_empty() {
                return (content.join("\n"), i + 1);
            }
            let strip = indent_of(line).min(indent);
            content.push(&line[strip..]);
            i += 1;
        }
        (content.join("\n"), i)
    }

    fn atx_heading(trimmed: &str) -> Option<&str> {
        let level = trimmed.chars().take_while(|&c| c == '#').count();
        let rest = &trimmed[level..];
        if !(1..=6).contains(&level) || !(rest.is_empty() || rest.starts_with(' ')) {
            return None;
        }
        let text = rest.trim();
        let without_closing = text.trim_end_matches('#');
        if without_closing.is_empty() || without_closing.ends_with(' ') {
            Some(without_closing.trim_end())
        } else {
            Some(text)
        }
    }

    fn is_thematic_break(trimmed: &str) -> bool {
        let Some(c) = trimmed
            .chars()
            .next()
            .filter(|c| matches!(c, '*' | '-' | '_'))
        else {
            return false;
        };
        trimmed.chars().all(|d| d == c || d == ' ')
            && trimmed.chars().filter(|&d| d == c).count() >= 3
    }

    fn quote_end(lines: &[&str], start: usize) -> usize {
        let mut end = start;
        while end < lines.len()
            && indent_of(lines[end]) < 4
            && lines[end].trim_start().starts_with('>')
        {
            end += 1;
        }
        end
    }

    fn unquote(line: &str) -> &str {
        let rest = line.trim_start().strip_prefix('>').unwrap_or(line);
        rest.strip_prefix(' ').unwrap_or(rest)
    }

    /// A pipe table: a line with `|` followed by a delimiter row.
    fn is_table_start(lines: &[&str], i: usize) -> bool {
        let Some(next) = lines.get(i + 1) else {
            return false;
        };
        let delimiter = next.trim();
        lines[i].contains('|')
            && delimiter.contains('-')
            && delimiter.contains('|')
            && delimiter
                .chars()
                .all(|c| matches!(c, '|' | '-' | ':' | ' '))
    }

    #[derive(Debug, Clone, Copy, PartialEq)]
    enum MarkerKind {
        /// `-`, `+` or `*`.
        Bullet(char),
        /// The delimiter (`.` or `)`) and the number.
        Ordered(char, u64),
    }

    #[derive(Debug, Clone)]
    struct Marker<'a> {
        kind: MarkerKind,
        /// The column where the item's content starts.
        content_column: usize,
        content: &'a str,
    }

    impl MarkerKind {
        fn same_list(self, other: MarkerKind) -> bool {
            match (self, other) {
                (MarkerKind::Bullet(a), MarkerKind::Bullet(b)) => a == b,
                (MarkerKind::Ordered(a, _), MarkerKind::Ordered(b, _)) => a == b,
                _ => false,
            }
        }
    }

    fn list_marker(line: &str) -> Option<Marker<'_>> {
        let indent = indent_of(line);
        if indent >= 4 {
            return None;
        }
        let rest = &line[indent..];
        if is_thematic_break(rest) {
            return None;
        }
        let (kind, marker_len) = match rest.chars().next()? {
            c @ ('-' | '+' | '*') => (MarkerKind::Bullet(c), 1),
            c if c.is_ascii_digit() => {
                let digits = rest.chars().take_while(char::is_ascii_digit).count();
                let delimiter = rest[digits..]
                    .chars()
                    .next()
                    .filter(|c| matches!(c, '.' | ')'))?;
                if digits > 9 {
                    return None;
                }
                (
                    MarkerKind::Ordered(delimiter, rest[..digits].parse().ok()?),
                    digits + 1,
                )
            }
            _ => return None,
        };
        let after = &rest[marker_len..];
        if !after.is_empty() && !after.starts_with(' ') {
            return None;
        }
        let spaces = indent_of(after);
        let spaces = if after.trim().is_empty() || spaces > 4 {
            1
        } else {
            spaces
        };
        Some(Marker {
            kind,
            content_column: indent + marker_len + spaces,
            content: after.get(spaces..).unwrap_or(""),
        })
    }

    /// The list starting at line `start`: the block and the line after it.
    fn parse_list<'a>(
        lines: &[&'a str],
        start: usize,
        first: Marker<'a>,
        depth: usize,
    ) -> (Block, usize) {
        let kind = first.kind;
        let mut items = Vec::new();
        let mut i = start;
        let mut marker = Some(first);
        while let Some(current) = marker.take() {
            let mut item_lines = vec![current.content];
            let mut last_blank = current.content.trim().is_empty();
            i += 1;
            while i < lines.len() {
                let line = lines[i];
                if is_blank(line) {
                    item_lines.push("");
                    last_blank = true;
                } else if indent_of(line) >= current.content_column {
                    item_lines.push(&line[current.content_column..]);
                    last_blank = false;
                } else if last_blank || list_marker(line).is_some() || interrupts_paragraph(line) {
                    break;
                } else {
                    item_lines.push(line.trim_start());
                }
                i += 1;
            }
            items.push(parse_blocks(&item_lines, depth + 1));
            marker = lines
                .get(i)
                .and_then(|line| list_marker(line))
                .filter(|next| next.kind.same_list(kind));
        }
        let ordered = matches!(kind, MarkerKind::Ordered(..));
        items.retain(|item| !item.is_empty());
        (Block::List { ordered, items }, i)
    }

    /// Parses running text.
    fn parse_inlines(text: &str) -> Vec<Inline> {
        let chars: Vec<char> = text.chars().collect();
        parse_range(&chars, 0)
    }

    /// Accumulates literal text, decoding entities when flushed.
    #[derive(Default)]
    struct Inlines {
        out: Vec<Inline>,
        text: String,
    }

    impl Inlines {
        fn flush(&mut self) {
            if !self.text.is_empty() {
                let text = decode_entities(&std::mem::take(&mut self.text));
                self.out.push(Inline::Text(text));
            }
        }
        fn push(&mut self, inline: Inline) {
            self.flush();
            self.out.push(inline);
        }
        /// A literal character: not subject to entity decoding.
        fn push_literal(&mut self, c: char) {
            self.flush();
            self.out.push(Inline::Text(c.to_string()));
        }
    }

    /// Parses running text; `depth` counts the enclosing links and emphasis.
    fn parse_range(chars: &[char], depth: usize) -> Vec<Inline> {
        let nested = depth < MAX_NESTING;
        let mut acc = Inlines::default();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            match c {
                '\\' => match chars.get(i + 1) {
                    Some(&next) if next.is_ascii_punctuation() => {
                        acc.push_literal(next);
                        i += 2;
                        continue;
                    }
                    Some('\n') => {
                        acc.push(Inline::Break);
                        i += 2;
                        continue;
                    }
                    _ => acc.text.push('\\'),
                },
                '`' => {
                    if let Some((code, end)) = code_span(chars, i) {
                        acc.push(Inline::Code(code));
                        i = end;
                    } else {
                        let run = run_length(chars, i, '`');
                        acc.text.extend(&chars[i..i + run]);
                        i += run;
                    }
                    continue;
                }
                '<' => {
                    if let Some((url, end)) = autolink(chars, i) {
                        let text = url.strip_prefix("mailto:").unwrap_or(&url).to_string();
                        let children = vec![Inline::Text(text)];
                        acc.push(Inline::Link { url, children });
                        i = end;
                        continue;
                    }
                    acc.text.push('<');
                }
                '[' | '!' => {
                    let bracket = if c == '!' { i + 1 } else { i };
                    if let Some((label, url, end)) = link(chars, bracket).filter(|_| nested) {
                        let children = parse_range(label, depth + 1);
                        acc.push(Inline::Link { url, children });
                        i = end;
                        continue;
                    }
                    acc.text.push(c);
                }
                '*' | '_' => {
                    let run = run_length(chars, i, c);
                    let found = if nested {
                        emphasis(chars, i, run, depth)
                    } else {
                        None
                    };
                    if let Some((inline, end)) = found {
                        acc.push(inline);
                        i = end;
                    } else {
                        acc.text.extend(&chars[i..i + run]);
                        i += run;
                    }
                    continue;
                }
                '\n' if acc.text.ends_with("  ") => {
                    acc.text.truncate(acc.text.trim_end_matches(' ').len());
                    acc.push(Inline::Break);
                }
                _ => acc.text.push(c),
            }
            i += 1;
        }
        acc.flush();
        acc.out
    }

    fn run_length(chars: &[char], start: usize, c: char) -> usize {
        chars[start..].iter().take_while(|&&d| d == c).count()
    }

    /// A code span opening at `start`: its content and the index after it.
    fn code_span(chars: &[char], start: usize) -> Option<(String, usize)> {
        let run = run_length(chars, start, '`');
        let mut i = start + run;
        while i < chars.len() {
            if chars[i] == '`' {
                let closing = run_length(chars, i, '`');
                if closing == run {
                    let content: String = chars[start + run..i]
                        .iter()
                        .map(|&c| if c == '\n' { ' ' } else { c })
                        .collect();
                    let stripped = match content.strip_prefix(' ').and_then(|c| c.strip_suffix(' '))
                    {
                        Some(inner) if !content.trim().is_empty() => inner.to_string(),
                        _ => content,
                    };
                    return Some((stripped, i + run));
                }
                i += closing;
            } else {
                i += 1;
            }
        }
        None
    }

    /// An autolink `<scheme:…>` or `<user@host>` at `start`: the URL and the index after it.
    fn autolink(chars: &[char], start: usize) -> Option<(String, usize)> {
        let len = chars[start + 1..]
            .iter()
            .position(|&c| c == '>' || c == '<' || c.is_whitespace())?;
        if chars[start + 1 + len] != '>' || len == 0 {
            return None;
        }
        let inner: String = chars[start + 1..start + 1 + len].iter().collect();
        let end = start + len + 2;
        if is_email(&inner) {
            return Some((format!("mailto:{inner}"), end));
        }
        let scheme_len = inner.find(':')?;
        let scheme = &inner[..scheme_len];
        if (2..=32).contains(&scheme.len())
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'))
        {
            return Some((inner, end));
        }
        None
    }

    fn is_email(text: &str) -> bool {
        let Some((user, host)) = text.split_once('@') else {
            return false;
        };
        !user.is_empty()
            && user
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || ".!#$%&'*+/=?^_`{|}~-".contains(c))
            && host.contains('.')
            && host.split('.').all(|part| {
                !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            })
    }

    /// An inline link `[label](destination "title")` with `[` at `start`: the label, the
    /// destination and the index after the closing parenthesis.
    fn link(chars: &[char], start: usize) -> Option<(&[char], String, usize)> {
        if chars.get(start) != Some(&'[') {
            return None;
        }
        let mut depth = 0usize;
        let mut i = start;
        let close = loop {
            match chars.get(i)? {
                '\\' => i += 1,
                '[' => depth += 1,
                ']' => {
                    depth -= 1;
                    if depth == 0 {
                        break i;
                    }
                }
                _ => {}
            }
            i += 1;
        };
        if chars.get(close + 1) != Some(&'(') {
            return None;
        }
        let (destination, end) = link_destination(chars, close + 2)?;
        Some((&chars[start + 1..close], destination, end))
    }

    /// The destination and optional title after `(`, and the index after `)`.
    fn link_destination(chars: &[char], start: usize) -> Option<(String, usize)> {
        let skip_space = |mut i: usize| {
            while chars.get(i).is_some_and(|c| c.is_whitespace()) {
                i += 1;
            }
            i
        };
        let mut i = skip_space(start);
        let mut destination = String::new();
        if chars.get(i) == Some(&'<') {
            i += 1;
            while *chars.get(i)? != '>' {
                destination.push(chars[i]);
                i += 1;
            }
            i += 1;
        } else {
            let mut depth = 0usize;
            while let Some(&c) = chars.get(i) {
                match c {
                    '\\' if chars.get(i + 1).is_some_and(char::is_ascii_punctuation) => {
                        destination.push(chars[i + 1]);
                        i += 1;
                    }
                    '(' => {
                        depth += 1;
                        destination.push(c);
                    }
                    ')' if depth == 0 => break,
                    ')' => {
                        depth -= 1;
                        destination.push(c);
                    }
                    c if c.is_whitespace() => break,
                    c => destination.push(c),
                }
                i += 1;
            }
        }
        i = skip_space(i);
        if let Some(&open) = chars.get(i).filter(|c| matches!(c, '"' | '\'' | '(')) {
            let close = if open == '(' { ')' } else { open };
            i += 1;
            while *chars.get(i)? != close {
                i += 1;
            }
            i = skip_space(i + 1);
        }
        (chars.get(i) == Some(&')')).then(|| (decode_entities(&destination), i + 1))
    }

    /// Emphasis (`*x*`, `_x_`) or strong emphasis (`**x**`, `__x__`) opening with the `run`
    /// delimiters at `start`: the inline and the index after the closing delimiters.
    fn emphasis(chars: &[char], start: usize, run: usize, depth: usize) -> Option<(Inline, usize)> {
        let c = chars[start];
        if run > 2 {
            return None;
        }
        let before = start.checked_sub(1).map_or(' ', |p| chars[p]);
        let after = chars.get(start + run).copied().unwrap_or(' ');
        let left_flanking = !after.is_whitespace()
            && (!is_punctuation(after) || before.is_whitespace() || is_punctuation(before));
        if !left_flanking || (c == '_' && before.is_alphanumeric()) {
            return None;
        }
        let mut i = start + run;
        while i < chars.len() {
            match chars[i] {
                '\\' => i += 2,
                '`' => i = code_span(chars, i).map_or(i + 1, |(_, end)| end),
                d if d == c => {
                    let closing = run_length(chars, i, c);
                    let before_close = chars[i - 1];
                    let after_close = chars.get(i + closing).copied().unwrap_or(' ');
                    let right_flanking = !before_close.is_whitespace()
                        && (!is_punctuation(before_close)
                            || after_close.is_whitespace()
                            || is_punctuation(after_close));
                    let allowed = c == '*' || !after_close.is_alphanumeric();
                    if closing == run && right_flanking && allowed && i > start + run {
                        let inner = parse_range(&chars[start + run..i], depth + 1);
                        let inline = if run == 2 {
                            Inline::Strong(inner)
                        } else {
                            Inline::Emphasis(inner)
                        };
                        return Some((inline, i + run));
                    }
                    i += closing;
                }
                _ => i += 1,
            }
        }
        None
    }
}

/// The writer: blocks and inlines → rustdoc Markdown lines.
mod render {
    use super::{
        is_punctuation, Block, Inline, CODE_SPACE, EMPHASIS_CLOSE, EMPHASIS_OPEN, HARD_BREAK,
        MIN_WRAP_WIDTH, PROTECTED_SPACE, STRONG_CLOSE, STRONG_OPEN,
    };

    /// Renders blocks separated by one empty line.
    pub(super) fn blocks(blocks: &[Block], width: usize) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut previous_list: Option<(bool, bool)> = None;
        for block in blocks {
            let (lines, list) = match block {
                Block::Paragraph(inlines) => (paragraph(inlines, width), None),
                Block::Code(code) => (code_block(code), None),
                Block::List { ordered, items } => {
                    let alternate = match previous_list {
                        Some((previous_ordered, previous_alternate))
                            if previous_ordered == *ordered =>
                        {
                            !previous_alternate
                        }
                        _ => false,
                    };
                    (
                        list(*ordered, items, alternate, width),
                        Some((*ordered, alternate)),
                    )
                }
            };
            if lines.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push(String::new());
            }
            out.extend(lines);
            previous_list = list;
        }
        out
    }

    /// A list. A list right after another list of the same kind uses the other marker (`*` or
    /// `)`), so the two stay separate lists.
    fn list(ordered: bool, items: &[Vec<Block>], alternate: bool, width: usize) -> Vec<String> {
        let mut rendered = Vec::new();
        for item in items {
            let marker = match (ordered, alternate) {
                (true, false) => format!("{}.", rendered.len() + 1),
                (true, true) => format!("{})", rendered.len() + 1),
                (false, false) => String::from("-"),
                (false, true) => String::from("*"),
            };
            let inner_width = width.saturating_sub(marker.len() + 1).max(MIN_WRAP_WIDTH);
            let lines = blocks(item, inner_width);
            if !lines.is_empty() {
                rendered.push((marker, lines));
            }
        }
        let loose = rendered
            .iter()
            .any(|(_, lines)| lines.iter().any(String::is_empty));
        let mut out = Vec::new();
        for (n, (marker, lines)) in rendered.into_iter().enumerate() {
            if loose && n > 0 {
                out.push(String::new());
            }
            for (k, line) in lines.into_iter().enumerate() {
                out.push(match (k, line.is_empty()) {
                    (0, _) => prefixed(&marker, &line),
                    (_, true) => line,
                    (_, false) => indented(marker.len() + 1, &line),
                });
            }
        }
        out
    }

    /// `marker`, a space and `line`.
    fn prefixed(marker: &str, line: &str) -> String {
        let mut out = String::with_capacity(marker.len() + 1 + line.len());
        out.push_str(marker);
        out.push(' ');
        out.push_str(line);
        out
    }

    /// `line` after `indent` spaces.
    fn indented(indent: usize, line: &str) -> String {
        let mut out = String::with_capacity(indent + line.len());
        out.extend(std::iter::repeat(' ').take(indent));
        out.push_str(line);
        out
    }

    /// A fenced block tagged `text`: shown verbatim, never compiled as a doctest.
    fn code_block(code: &str) -> Vec<String> {
        let lines: Vec<&str> = code.lines().map(str::trim_end).collect();
        let first = lines.iter().position(|l| !l.is_empty());
        let last = lines.iter().rposition(|l| !l.is_empty());
        let (Some(first), Some(last)) = (first, last) else {
            return Vec::new();
        };
        let lines = &lines[first..=last];
        let indent = lines
            .iter()
            .filter(|l| !l.is_empty())
            .map(|l| l.len() - l.trim_start_matches(' ').len())
            .min()
            .unwrap_or(0);
        let fence = "`".repeat(longest_run(code, '`').max(2) + 1);
        let mut out = vec![format!("{fence}text")];
        out.extend(
            lines
                .iter()
                .map(|l| l.get(indent..).unwrap_or("").to_string()),
        );
        out.push(fence);
        out
    }

    /// The longest run of the ASCII character `c` in `text`.
    fn longest_run(text: &str, c: char) -> usize {
        let Ok(c) = u8::try_from(c) else {
            return 0;
        };
        let mut longest = 0;
        let mut current = 0;
        for &d in text.as_bytes() {
            current = if d == c { current + 1 } else { 0 };
            longest = longest.max(current);
        }
        longest
    }

    /// A code span for `content`, with `space` for its spaces.
    pub(super) fn code_span(content: &str, space: char) -> String {
        let fence = longest_run(content, '`') + 1;
        let pad = content.starts_with('`')
            || content.ends_with('`')
            || (content.starts_with(' ') && content.ends_with(' '));
        let mut out = String::with_capacity(content.len() + 2 * fence + 8);
        out.extend(std::iter::repeat('`').take(fence));
        if pad {
            out.push(space);
        }
        for (n, piece) in content.split(' ').enumerate() {
            if n > 0 {
                out.push(space);
            }
            out.push_str(piece);
        }
        if pad {
            out.push(space);
        }
        out.extend(std::iter::repeat('`').take(fence));
        out
    }

    /// A code span whose single interior spaces are [`CODE_SPACE`]s (places a line may break)
    /// and whose other spaces are protected.
    fn breakable_code_span(content: &str) -> String {
        let span = code_span(content, PROTECTED_SPACE);
        if !span.contains(PROTECTED_SPACE) {
            return span;
        }
        let plain = |c: char| c != PROTECTED_SPACE && c != '`';
        let mut out = String::with_capacity(span.len());
        let mut previous = None;
        let mut chars = span.chars().peekable();
        while let Some(c) = chars.next() {
            let breakable = c == PROTECTED_SPACE
                && previous.is_some_and(plain)
                && chars.peek().copied().is_some_and(plain);
            out.push(if breakable { CODE_SPACE } else { c });
            previous = Some(c);
        }
        out
    }

    /// A paragraph: inlines rendered, emphasis checked, whitespace collapsed, wrapped, and line
    /// starts escaped; forced breaks end a line with `\`.
    fn paragraph(inlines: &[Inline], width: usize) -> Vec<String> {
        let mut markdown = String::new();
        render_inlines(inlines, &mut markdown, false);
        let markdown = resolve_emphasis(markdown);
        let mut segments = markdown
            .split(HARD_BREAK)
            .map(collapse_whitespace)
            .filter(|segment| !segment.is_empty())
            .peekable();
        let mut out = Vec::new();
        while let Some(segment) = segments.next() {
            let first = out.len();
            wrap(&segment, width, &mut out);
            if let Some(first) = out.get_mut(first) {
                escape_line_start(first);
            }
            if segments.peek().is_some() {
                if let Some(last) = out.last_mut() {
                    last.push('\\');
                }
            }
        }
        for line in &mut out {
            if has_placeholder(line) {
                *line = line.replace([PROTECTED_SPACE, CODE_SPACE], " ");
            }
        }
        out
    }

    /// Whether `text` may contain a placeholder character (all of them start with this byte
    /// in UTF-8).
    fn has_placeholder(text: &str) -> bool {
        text.as_bytes().contains(&PLACEHOLDER_LEAD_BYTE)
    }

    /// The first UTF-8 byte of every placeholder character.
    const PLACEHOLDER_LEAD_BYTE: u8 = 0xEE;

    /// The words of `text` (as [`str::split_whitespace`] splits it), joined by single spaces.
    ///
    /// Runs of words already separated by single spaces are copied at once.
    fn collapse_whitespace(text: &str) -> String {
        let bytes = text.as_bytes();
        let mut out = String::with_capacity(text.len());
        let mut i = 0;
        while i < bytes.len() {
            let space = whitespace_len(text, i);
            if space > 0 {
                i += space;
                continue;
            }
            let start = i;
            loop {
                while bytes.get(i).is_some_and(|&b| b > b' ' && b.is_ascii()) {
                    i += 1;
                }
                match bytes.get(i) {
                    None => break,
                    Some(&b) if whitespace_len(text, i) == 0 => i += utf8_len(b),
                    Some(b' ') if i + 1 < bytes.len() && whitespace_len(text, i + 1) == 0 => i += 1,
                    Some(_) => break,
                }
            }
            push_word(&mut out, &text[start..i]);
        }
        out
    }

    fn push_word(out: &mut String, word: &str) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }

    /// The length in bytes of the whitespace character at byte `i` of `text`, or 0.
    fn whitespace_len(text: &str, i: usize) -> usize {
        match text.as_bytes()[i] {
            b' ' | b'\t'..=b'\r' => 1,
            b if b.is_ascii() => 0,
            _ => text[i..]
                .chars()
                .next()
                .filter(|c| c.is_whitespace())
                .map_or(0, char::len_utf8),
        }
    }

    /// The length of the UTF-8 sequence that starts with byte `lead`.
    fn utf8_len(lead: u8) -> usize {
        match lead {
            0x00..=0x7F => 1,
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        }
    }

    /// Greedy word wrap at spaces, and at single spaces inside code spans (a line end inside a
    /// code span reads as one space), appending the lines to `lines`. A line only ever starts
    /// with a word that cannot start a Markdown block.
    fn wrap(text: &str, width: usize, lines: &mut Vec<String>) {
        let mut line = String::with_capacity(text.len().min(width + 8));
        let mut line_len = 0;
        let mut separator = None;
        let mut rest = text;
        while !rest.is_empty() {
            let (word, next_separator, after) = split_word(rest);
            let word_len = word.chars().count();
            let may_break = match separator {
                Some(' ') => can_start_line(word),
                Some(_) => can_start_code_line(word),
                None => false,
            };
            if !line.is_empty() && line_len + 1 + word_len > width && may_break {
                let capacity = rest.len().min(width + 8);
                lines.push(std::mem::replace(
                    &mut line,
                    String::with_capacity(capacity),
                ));
                line_len = 0;
            } else if let Some(separator) = separator {
                line.push(separator);
                line_len += 1;
            }
            line.push_str(word);
            line_len += word_len;
            separator = next_separator;
            rest = after;
        }
        if !line.is_empty() {
            lines.push(line);
        }
    }

    /// The word at the start of `text`, the space or [`CODE_SPACE`] that ends it (if any), and
    /// the text after that.
    fn split_word(text: &str) -> (&str, Option<char>, &str) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b' ' => return (&text[..i], Some(' '), &text[i + 1..]),
                PLACEHOLDER_LEAD_BYTE if text[i..].starts_with(CODE_SPACE) => {
                    let after = i + CODE_SPACE.len_utf8();
                    return (&text[..i], Some(CODE_SPACE), &text[after..]);
                }
                _ => i += 1,
            }
        }
        (text, None, "")
    }

    /// Whether a wrapped line may start with `word` inside a code span, where `[`, `*`, `<` and
    /// `` ` `` are literal: a letter, a quote or parenthesis, a number that is not a list
    /// marker, or any non-ASCII character (no Markdown block starts with one).
    fn can_start_code_line(word: &str) -> bool {
        match word.chars().next() {
            Some(c) if !c.is_ascii() => !super::is_placeholder_char(c),
            Some(c) if c.is_alphabetic() => true,
            Some('(' | '"' | '\'') => true,
            Some(c) if c.is_ascii_digit() => !word
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .starts_with(['.', ')']),
            _ => false,
        }
    }

    /// Whether a wrapped line may start with `word`: a letter, an opening quote or parenthesis,
    /// a number that is not a list marker, a non-ASCII character, or markup this writer generated (literal `[`, `` ` ``,
    /// `<` and `*` are always escaped, so a word starting with one of them is a link, code span,
    /// autolink or emphasis).
    fn can_start_line(word: &str) -> bool {
        match word.chars().next() {
            Some(c) if !c.is_ascii() => !super::is_placeholder_char(c),
            Some(c) if c.is_alphabetic() => true,
            Some('(' | '"' | '\'' | '[' | '`' | '<' | '*') => true,
            Some(c) if c.is_ascii_digit() => !word
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .starts_with(['.', ')']),
            _ => false,
        }
    }

    /// Escapes what would make the start of a line a heading, quote, list item or underline.
    fn escape_line_start(line: &mut String) {
        let bytes = line.as_bytes();
        let at = match bytes.first() {
            Some(b'#' | b'>' | b'=') => Some(0),
            Some(b'+' | b'-') if matches!(bytes.get(1), None | Some(b' ')) => Some(0),
            Some(b) if b.is_ascii_digit() => {
                let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
                (digits <= 9 && matches!(bytes.get(digits), Some(b'.' | b')'))).then_some(digits)
            }
            _ => None,
        };
        if let Some(at) = at {
            line.insert(at, '\\');
        }
    }

    /// Renders inlines into Markdown with placeholders: emphasis delimiters, forced breaks and
    /// the spaces inside code spans (which must not be wrapped or collapsed).
    fn render_inlines(inlines: &[Inline], out: &mut String, in_link: bool) {
        let mut i = 0;
        while i < inlines.len() {
            let texts = inlines[i..]
                .iter()
                .take_while(|inline| matches!(inline, Inline::Text(_)))
                .count();
            match &inlines[i..i + texts] {
                [] => {}
                [Inline::Text(text)] => escape_text(text, out, in_link),
                run => {
                    let mut text = String::new();
                    for inline in run {
                        if let Inline::Text(more) = inline {
                            text.push_str(more);
                        }
                    }
                    escape_text(&text, out, in_link);
                }
            }
            i += texts;
            let Some(inline) = inlines.get(i) else {
                break;
            };
            match inline {
                Inline::Text(_) => {}
                Inline::Code(code) => {
                    let code = code.replace('\n', " ");
                    if !code.trim().is_empty() {
                        out.push_str(&breakable_code_span(&code));
                    }
                }
                Inline::Link { url, children } => render_link(url, children, out, in_link),
                Inline::Strong(children) => {
                    render_emphasis(children, (STRONG_OPEN, STRONG_CLOSE), out, in_link)
                }
                Inline::Emphasis(children) => {
                    render_emphasis(children, (EMPHASIS_OPEN, EMPHASIS_CLOSE), out, in_link)
                }
                Inline::Break => out.push(HARD_BREAK),
            }
            i += 1;
        }
    }

    /// Emphasised inlines; spaces at the edges move outside the delimiters.
    fn render_emphasis(
        children: &[Inline],
        delimiters: (char, char),
        out: &mut String,
        in_link: bool,
    ) {
        let mut inner = String::new();
        render_inlines(children, &mut inner, in_link);
        let trimmed = inner.trim_matches(' ');
        if trimmed.is_empty() {
            out.push_str(&inner);
            return;
        }
        if inner.starts_with(' ') {
            out.push(' ');
        }
        out.push(delimiters.0);
        out.push_str(trimmed);
        out.push(delimiters.1);
        if inner.ends_with(' ') {
            out.push(' ');
        }
    }

    /// A link to an absolute URL as `[text](url)` (or `<url>` when the text is the URL); other
    /// links (relative, empty, nested) are just their text.
    fn render_link(url: &str, children: &[Inline], out: &mut String, in_link: bool) {
        let destination = link_destination(url).filter(|_| !in_link);
        let Some(destination) = destination else {
            render_inlines(children, out, in_link);
            return;
        };
        let mut label = String::new();
        render_inlines(children, &mut label, true);
        let trimmed = label.trim_matches(' ');
        if trimmed.is_empty() || plain_text(children).trim() == url.trim() {
            out.push_str(&label[..label.len() - label.trim_start_matches(' ').len()]);
            out.push('<');
            out.push_str(&destination);
            out.push('>');
            if label.ends_with(' ') && !trimmed.is_empty() {
                out.push(' ');
            }
            return;
        }
        if label.starts_with(' ') {
            out.push(' ');
        }
        out.push('[');
        out.push_str(trimmed);
        out.push_str("](");
        out.push_str(&destination);
        out.push(')');
        if label.ends_with(' ') {
            out.push(' ');
        }
    }

    /// The Markdown destination for an absolute `http`, `https`, `ftp` or `mailto` URL, with the
    /// characters Markdown would misread percent-encoded; `None` for any other URL.
    fn link_destination(url: &str) -> Option<String> {
        let url = url.trim();
        let scheme_len = ["https://", "http://", "ftp://", "mailto:"]
            .iter()
            .find(|scheme| starts_with_ignore_ascii_case(url.as_bytes(), scheme.as_bytes()))?
            .len();
        if !url[scheme_len..].chars().any(char::is_alphanumeric) {
            return None;
        }
        let mut out = String::with_capacity(url.len());
        for c in url.chars() {
            match c {
                ' ' => out.push_str("%20"),
                '(' => out.push_str("%28"),
                ')' => out.push_str("%29"),
                '<' => out.push_str("%3C"),
                '>' => out.push_str("%3E"),
                '\\' => out.push_str("%5C"),
                '`' => out.push_str("%60"),
                '"' => out.push_str("%22"),
                c if c.is_whitespace() => out.push_str("%20"),
                c => out.push(c),
            }
        }
        Some(out)
    }

    fn plain_text(inlines: &[Inline]) -> String {
        let mut out = String::new();
        for inline in inlines {
            match inline {
                Inline::Text(text) | Inline::Code(text) => out.push_str(text),
                Inline::Link { children, .. }
                | Inline::Strong(children)
                | Inline::Emphasis(children) => out.push_str(&plain_text(children)),
                Inline::Break => out.push(' '),
            }
        }
        out
    }

    /// Escapes literal text so Markdown shows it as written; outside links, bare URLs become
    /// autolinks (or code spans, when a `<placeholder>` is part of the URL). Whitespace becomes
    /// spaces.
    fn escape_text(text: &str, out: &mut String, in_link: bool) {
        out.reserve(text.len());
        let bytes = text.as_bytes();
        let mut before: Option<char> = None;
        let mut i = 0;
        while i < bytes.len() {
            let plain = bytes[i..]
                .iter()
                .position(|&b| !is_plain_byte(b))
                .unwrap_or(bytes.len() - i);
            if plain > 0 {
                out.push_str(&text[i..i + plain]);
                before = Some(char::from(bytes[i + plain - 1]));
                i += plain;
                continue;
            }
            if !in_link && matches!(bytes[i], b'h' | b'H') {
                if let Some((end, templated)) = bare_url(text, i) {
                    let url = &text[i..end];
                    if templated {
                        out.push_str(&code_span(url, PROTECTED_SPACE));
                    } else {
                        out.push('<');
                        out.push_str(url);
                        out.push('>');
                    }
                    before = url.chars().next_back();
                    i = end;
                    continue;
                }
            }
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            let after = || text[i + c.len_utf8()..].chars().next();
            let alphanumeric = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            let escape = match c {
                '\\' | '`' | '*' | '[' | ']' | '<' | '|' | '~' => true,
                '_' => !(alphanumeric(before) && alphanumeric(after())),
                '&' => {
                    let after = after();
                    alphanumeric(after) || after == Some('#')
                }
                '-' => before == Some('-'),
                _ => false,
            };
            if escape {
                out.push('\\');
            }
            out.push(if c.is_whitespace() { ' ' } else { c });
            before = Some(c);
            i += c.len_utf8();
        }
    }

    /// Whether [`escape_text`] copies this byte as it is, whatever surrounds it: ASCII that is
    /// neither Markdown punctuation it escapes, nor whitespace other than a space, nor the
    /// start of a bare URL.
    fn is_plain_byte(b: u8) -> bool {
        b.is_ascii()
            && !matches!(
                b,
                b'\\'
                    | b'`'
                    | b'*'
                    | b'['
                    | b']'
                    | b'<'
                    | b'|'
                    | b'~'
                    | b'_'
                    | b'&'
                    | b'-'
                    | b'h'
                    | b'H'
                    | b'\t'..=b'\r'
            )
    }

    /// Whether `bytes` starts with `prefix`, ignoring ASCII case.
    fn starts_with_ignore_ascii_case(bytes: &[u8], prefix: &[u8]) -> bool {
        bytes
            .get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
    }

    /// A bare `http://` or `https://` URL at byte `start`: the byte after it, and whether it
    /// contains a `<placeholder>` (so it cannot be an autolink).
    fn bare_url(text: &str, start: usize) -> Option<(usize, bool)> {
        let head = &text.as_bytes()[start..];
        let scheme_len = if starts_with_ignore_ascii_case(head, b"https://") {
            8
        } else if starts_with_ignore_ascii_case(head, b"http://") {
            7
        } else {
            return None;
        };
        let raw_end = find_char(text, start, |c| {
            c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`')
        });
        let templated =
            text.as_bytes().get(raw_end) == Some(&b'<') || text[start..raw_end].contains('{');
        let end = if templated {
            find_char(text, start, char::is_whitespace)
        } else {
            raw_end
        };
        let end = start + trim_url_end(&text.as_bytes()[start..end]);
        if end <= start + scheme_len {
            return None;
        }
        let first = text[start + scheme_len..].chars().next();
        if !templated && !first.is_some_and(char::is_alphanumeric) {
            return None;
        }
        Some((end, templated))
    }

    /// The byte of the first character from byte `start` on that is a `stop`, or the length.
    fn find_char(text: &str, start: usize, stop: impl Fn(char) -> bool) -> usize {
        text[start..]
            .char_indices()
            .find(|&(_, c)| stop(c))
            .map_or(text.len(), |(i, _)| start + i)
    }

    /// The length of `url` without the trailing punctuation that ends the sentence rather than
    /// the URL.
    fn trim_url_end(url: &[u8]) -> usize {
        let mut end = url.len();
        while let Some(&last) = url[..end].last() {
            let url = &url[..end];
            let count = |c: u8| url.iter().filter(|&&d| d == c).count();
            let unbalanced = match last {
                b')' => count(b'(') < count(b')'),
                b']' => count(b'[') < count(b']'),
                b'}' => count(b'{') < count(b'}'),
                _ => false,
            };
            if matches!(
                last,
                b'.' | b',' | b':' | b';' | b'!' | b'?' | b'\'' | b'*' | b'_' | b'~'
            ) || unbalanced
            {
                end -= 1;
            } else {
                break;
            }
        }
        end
    }

    /// Turns emphasis placeholders into `*`/`**` where CommonMark will read them as emphasis,
    /// and drops the others (empty emphasis, delimiters that would not be flanking).
    fn resolve_emphasis(markdown: String) -> String {
        let emphasis = [STRONG_OPEN, STRONG_CLOSE, EMPHASIS_OPEN, EMPHASIS_CLOSE];
        if !has_placeholder(&markdown) || !markdown.contains(emphasis) {
            return markdown;
        }
        let chars: Vec<char> = markdown.chars().collect();
        let mut dropped = vec![false; chars.len()];
        for i in 1..chars.len() {
            let merge = matches!(
                (chars[i - 1], chars[i]),
                (STRONG_CLOSE, STRONG_OPEN) | (EMPHASIS_CLOSE, EMPHASIS_OPEN)
            );
            if merge && !dropped[i - 1] {
                dropped[i - 1] = true;
                dropped[i] = true;
            }
        }
        let mut stack: Vec<usize> = Vec::new();
        let mut pairs = Vec::new();
        for (i, &c) in chars.iter().enumerate() {
            if dropped[i] {
                continue;
            }
            match c {
                STRONG_OPEN | EMPHASIS_OPEN => stack.push(i),
                STRONG_CLOSE | EMPHASIS_CLOSE => match stack.pop() {
                    Some(open) if opener_of(c) == chars[open] => pairs.push((open, i)),
                    Some(open) => {
                        dropped[open] = true;
                        dropped[i] = true;
                    }
                    None => dropped[i] = true,
                },
                _ => {}
            }
        }
        for open in stack {
            dropped[open] = true;
        }
        for (open, close) in pairs {
            let around = |at: usize, forward: bool| neighbour(&chars, &dropped, at, forward);
            let has_content = (open + 1..close).any(|i| !is_placeholder(chars[i]));
            let left_flanking = flanking(around(open, true), around(open, false));
            let right_flanking = flanking(around(close, false), around(close, true));
            if !(has_content && left_flanking && right_flanking) {
                dropped[open] = true;
                dropped[close] = true;
            }
        }
        let mut out = String::with_capacity(markdown.len());
        for (i, &c) in chars.iter().enumerate() {
            match c {
                _ if dropped[i] => {}
                STRONG_OPEN | STRONG_CLOSE => out.push_str("**"),
                EMPHASIS_OPEN | EMPHASIS_CLOSE => out.push('*'),
                c => out.push(c),
            }
        }
        out
    }

    fn opener_of(close: char) -> char {
        if close == STRONG_CLOSE {
            STRONG_OPEN
        } else {
            EMPHASIS_OPEN
        }
    }

    fn is_placeholder(c: char) -> bool {
        matches!(
            c,
            STRONG_OPEN | STRONG_CLOSE | EMPHASIS_OPEN | EMPHASIS_CLOSE | HARD_BREAK
        )
    }

    /// The character next to `at` as CommonMark will see it: kept delimiters are `*`, the
    /// edges and forced breaks are whitespace.
    fn neighbour(chars: &[char], dropped: &[bool], at: usize, forward: bool) -> char {
        let mut i = at;
        loop {
            if forward {
                i += 1;
                if i >= chars.len() {
                    return ' ';
                }
            } else {
                if i == 0 {
                    return ' ';
                }
                i -= 1;
            }
            if dropped[i] {
                continue;
            }
            return match chars[i] {
                HARD_BREAK => ' ',
                c if is_placeholder(c) => '*',
                PROTECTED_SPACE | CODE_SPACE => ' ',
                c => c,
            };
        }
    }

    /// Whether a delimiter with `inside` next to its content and `outside` on the other side is
    /// flanking (so it can open or close emphasis).
    fn flanking(inside: char, outside: char) -> bool {
        !inside.is_whitespace()
            && (!is_punctuation(inside) || outside.is_whitespace() || is_punctuation(outside))
    }

    /// The rewritten helpers against the straightforward versions they replaced (kept here as
    /// the specification), on generated text mixing markup, URLs, whitespace and non-ASCII.
    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn fast_helpers_match_their_reference_versions() {
            for text in super::super::tests::generated_texts(4000) {
                for in_link in [false, true] {
                    let (mut fast, mut slow) = (String::new(), String::new());
                    escape_text(&text, &mut fast, in_link);
                    reference::escape_text(&text, &mut slow, in_link);
                    assert_eq!(fast, slow, "escape_text({text:?}, {in_link})");
                }
                let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
                assert_eq!(collapse_whitespace(&text), words, "{text:?}");
                for width in [1, 12, 40] {
                    let mut fast = Vec::new();
                    wrap(&text, width, &mut fast);
                    assert_eq!(fast, reference::wrap(&text, width), "{text:?} at {width}");
                }
                let mut escaped = text.clone();
                escape_line_start(&mut escaped);
                assert_eq!(escaped, reference::escape_line_start(&text), "{text:?}");
                assert_eq!(
                    breakable_code_span(&text),
                    reference::breakable_code_span(&text),
                    "{text:?}"
                );
                assert_eq!(
                    code_span(&text, ' '),
                    reference::code_span(&text, ' '),
                    "{text:?}"
                );
            }
        }

        /// The character-vector implementations the fast helpers replaced.
        mod reference {
            use super::super::{can_start_code_line, can_start_line, code_span as fast_span};
            use super::super::{CODE_SPACE, PROTECTED_SPACE};

            pub(super) fn escape_text(text: &str, out: &mut String, in_link: bool) {
                let chars: Vec<char> = text
                    .chars()
                    .map(|c| if c.is_whitespace() { ' ' } else { c })
                    .collect();
                let mut i = 0;
                while i < chars.len() {
                    if !in_link {
                        if let Some((url, end, templated)) = bare_url(&chars, i) {
                            if templated {
                                out.push_str(&fast_span(&url, PROTECTED_SPACE));
                            } else {
                                out.push('<');
                                out.push_str(&url);
                                out.push('>');
                            }
                            i = end;
                            continue;
                        }
                    }
                    let c = chars[i];
                    let before = i.checked_sub(1).map(|p| chars[p]);
                    let after = chars.get(i + 1).copied();
                    let alphanumeric = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
                    let escape = match c {
                        '\\' | '`' | '*' | '[' | ']' | '<' | '|' | '~' => true,
                        '_' => !(alphanumeric(before) && alphanumeric(after)),
                        '&' => alphanumeric(after) || after == Some('#'),
                        '-' => before == Some('-'),
                        _ => false,
                    };
                    if escape {
                        out.push('\\');
                    }
                    out.push(c);
                    i += 1;
                }
            }

            fn bare_url(chars: &[char], start: usize) -> Option<(String, usize, bool)> {
                if !matches!(chars[start], 'h' | 'H') {
                    return None;
                }
                let rest: String = chars[start..chars.len().min(start + 8)].iter().collect();
                let lower = rest.to_ascii_lowercase();
                let scheme_len = if lower.starts_with("https://") {
                    8
                } else if lower.starts_with("http://") {
                    7
                } else {
                    return None;
                };
                let stop = |c: char| c == ' ' || matches!(c, '<' | '>' | '"' | '`');
                let raw_end = (start..chars.len())
                    .find(|&i| stop(chars[i]))
                    .unwrap_or(chars.len());
                let templated =
                    chars.get(raw_end) == Some(&'<') || chars[start..raw_end].contains(&'{');
                let end = if templated {
                    (start..chars.len())
                        .find(|&i| chars[i] == ' ')
                        .unwrap_or(chars.len())
                } else {
                    raw_end
                };
                let end = trim_url_end(chars, start, end);
                if end <= start + scheme_len {
                    return None;
                }
                if !templated && !chars[start + scheme_len].is_alphanumeric() {
                    return None;
                }
                Some((chars[start..end].iter().collect(), end, templated))
            }

            fn trim_url_end(chars: &[char], start: usize, mut end: usize) -> usize {
                while end > start {
                    let last = chars[end - 1];
                    let url = &chars[start..end];
                    let count = |c: char| url.iter().filter(|&&d| d == c).count();
                    let unbalanced = match last {
                        ')' => count('(') < count(')'),
                        ']' => count('[') < count(']'),
                        '}' => count('{') < count('}'),
                        _ => false,
                    };
                    let sentence = matches!(
                        last,
                        '.' | ',' | ':' | ';' | '!' | '?' | '\'' | '*' | '_' | '~'
                    );
                    if !(sentence || unbalanced) {
                        break;
                    }
                    end -= 1;
                }
                end
            }

            pub(super) fn wrap(text: &str, width: usize) -> Vec<String> {
                let mut lines = Vec::new();
                let mut line = String::new();
                let mut line_len = 0;
                let mut separator = None;
                for word in text.split_inclusive([' ', CODE_SPACE]) {
                    let (word, next_separator) = match word.strip_suffix([' ', CODE_SPACE]) {
                        Some(stripped) => (stripped, word.chars().last()),
                        None => (word, None),
                    };
                    let word_len = word.chars().count();
                    let may_break = match separator {
                        Some(' ') => can_start_line(word),
                        Some(_) => can_start_code_line(word),
                        None => false,
                    };
                    if !line.is_empty() && line_len + 1 + word_len > width && may_break {
                        lines.push(std::mem::take(&mut line));
                        line_len = 0;
                    } else if let Some(separator) = separator {
                        line.push(separator);
                        line_len += 1;
                    }
                    line.push_str(word);
                    line_len += word_len;
                    separator = next_separator;
                }
                if !line.is_empty() {
                    lines.push(line);
                }
                lines
            }

            pub(super) fn escape_line_start(line: &str) -> String {
                let mut chars = line.chars();
                match chars.next() {
                    Some('#' | '>' | '=') => format!("\\{line}"),
                    Some('+' | '-') if matches!(chars.next(), None | Some(' ')) => {
                        format!("\\{line}")
                    }
                    Some(c) if c.is_ascii_digit() => {
                        let digits = line.chars().take_while(char::is_ascii_digit).count();
                        if digits <= 9 && line[digits..].starts_with(['.', ')']) {
                            format!("{}\\{}", &line[..digits], &line[digits..])
                        } else {
                            line.to_string()
                        }
                    }
                    _ => line.to_string(),
                }
            }

            fn longest_run(text: &str, c: char) -> usize {
                let mut longest = 0;
                let mut current = 0;
                for d in text.chars() {
                    current = if d == c { current + 1 } else { 0 };
                    longest = longest.max(current);
                }
                longest
            }

            pub(super) fn code_span(content: &str, space: char) -> String {
                let fence = "`".repeat(longest_run(content, '`') + 1);
                let pad = content.starts_with('`')
                    || content.ends_with('`')
                    || (content.starts_with(' ') && content.ends_with(' '));
                let pad = if pad {
                    space.to_string()
                } else {
                    String::new()
                };
                let content = content.replace(' ', &space.to_string());
                format!("{fence}{pad}{content}{pad}{fence}")
            }

            pub(super) fn breakable_code_span(content: &str) -> String {
                let chars: Vec<char> = code_span(content, PROTECTED_SPACE).chars().collect();
                let breakable = |i: usize| {
                    let plain = |c: char| c != PROTECTED_SPACE && c != '`';
                    chars[i] == PROTECTED_SPACE && plain(chars[i - 1]) && plain(chars[i + 1])
                };
                (0..chars.len())
                    .map(|i| {
                        if i > 0 && i + 1 < chars.len() && breakable(i) {
                            CODE_SPACE
                        } else {
                            chars[i]
                        }
                    })
                    .collect()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pieces of documentation text: markup of both readers, URLs, entities, every kind of
    /// whitespace, invisible and placeholder characters, and non-ASCII letters.
    const PIECES: &[&str] = &[
        "<p>",
        "</p>",
        "<code>",
        "</code>",
        "`",
        "``",
        "*",
        "**",
        "_",
        "__",
        "http://",
        "https://x.example.com/a_(b)",
        "HTTPS://",
        "https://",
        "{",
        "}",
        "<",
        ">",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\t",
        "[",
        "]",
        "(",
        ")",
        "&amp;",
        "&lt;",
        "&#39;",
        "&",
        "#",
        "é",
        "\u{a0}",
        "\u{2028}",
        "\u{3000}",
        "\u{b}",
        "\u{c}",
        "\u{85}",
        "\u{1}",
        "-",
        "--",
        "1.",
        "2)",
        "+",
        "=",
        "<ul>",
        "<li>",
        "</ul>",
        "<a href=\"https://a.b/c\">",
        "</a>",
        "\\",
        "|",
        "~",
        "\u{200b}",
        "\r\n",
        "\r",
        "<pre>",
        "</pre>",
        "<br>",
        "<b>",
        "</b>",
        "<note>",
        "<UserPoolId>",
        "<region>",
        "word",
        "Longer words",
        "x",
        "12345",
        "9.",
        "> ",
        "    ",
        "```",
        "- ",
        "* ",
        "[a](https://b.c/d)",
        "<https://q.r>",
        "'",
        "\"",
        ".",
        ",",
        ":",
        "!",
        "?",
        "\u{e000}",
        "\u{e001}",
        "\u{e006}",
        "\u{202e}",
        "ß",
        "İ",
        "日本",
        "🦀",
        "%",
    ];

    /// `count` deterministic pseudo-random texts of up to 40 [`PIECES`].
    pub(super) fn generated_texts(count: usize) -> Vec<String> {
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        (0..count)
            .map(|_| {
                let len = next() % 40;
                (0..len)
                    .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                    .collect()
            })
            .collect()
    }

    /// The straightforward character-by-character [`sanitize`] the fast one replaced.
    fn reference_sanitize(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' if chars.peek() == Some(&'\n') => {}
                '\r' | '\n' => out.push('\n'),
                '\t' => out.push_str("    "),
                c if is_dropped_char(c) => {}
                c if c.is_whitespace() => out.push(' '),
                c => out.push(c),
            }
        }
        out
    }

    #[test]
    fn sanitize_matches_its_reference_version() {
        for text in generated_texts(4000) {
            assert_eq!(sanitize(&text), reference_sanitize(&text), "{text:?}");
        }
    }

    #[test]
    fn prepared_conversions_are_what_converting_gives() {
        let text = "<p>Prepared <b>ahead</b> of need, with <code>code</code>.</p>";
        let expected = convert(text);
        prepare([text]);
        assert_eq!(prepared(text), Some(expected.clone()));
        assert_eq!(to_rustdoc(text), expected);
        assert_eq!(prepared("<p>Never prepared.</p>"), None);
    }

    #[test]
    fn remembered_conversions_are_found_again() {
        let text = "<p>Remembered <code>text</code> for https://example.com/x.</p>";
        let first = to_rustdoc(text);
        assert_eq!(to_rustdoc(text), first);
        let copy: String = text.chars().collect();
        assert_eq!(to_rustdoc(&copy), first);
        assert_ne!(to_rustdoc("<p>Other text.</p>"), first);
    }

    fn one_line(text: &str) -> String {
        let lines = to_rustdoc(text);
        assert_eq!(
            lines.len(),
            1,
            "expected one line for {text:?}, got {lines:#?}"
        );
        lines[0].clone()
    }

    #[test]
    fn square_brackets_are_escaped() {
        assert_eq!(
            one_line("<p>Use [x] and [^1] and [a](b).</p>"),
            r"Use \[x\] and \[^1\] and \[a\](b)."
        );
        assert_eq!(one_line("Plain [Foo] text"), r"Plain \[Foo\] text");
    }

    #[test]
    fn bare_urls_become_autolinks() {
        assert_eq!(
            one_line("<p>See https://example.com/a_(b). Then (http://x.example.org/y).</p>"),
            "See <https://example.com/a_(b)>. Then (<http://x.example.org/y>)."
        );
        assert_eq!(
            one_line("Docs at https://docs.aws.amazon.com/cognito/latest/?a=1&b=2, too"),
            "Docs at <https://docs.aws.amazon.com/cognito/latest/?a=1&b=2>, too"
        );
    }

    #[test]
    fn urls_with_placeholders_become_code() {
        assert_eq!(
            one_line("<p>Call https://cognito-idp.&lt;region&gt;.amazonaws.com/x.</p>"),
            "Call `https://cognito-idp.<region>.amazonaws.com/x`."
        );
        assert_eq!(
            one_line("<p>At https://cognito-idp.<region>.amazonaws.com/.</p>"),
            "At `https://cognito-idp.<region>.amazonaws.com/`."
        );
        assert_eq!(
            one_line("Open https://{domain}.auth.example.com/login, then"),
            "Open `https://{domain}.auth.example.com/login`, then"
        );
    }

    #[test]
    fn unknown_tags_and_stray_angle_brackets_are_text() {
        assert_eq!(
            one_line("<p>The <UserPoolId> of a < b > c.</p>"),
            r"The \<UserPoolId> of a \< b > c."
        );
        assert_eq!(
            one_line("Plain <UserPoolId> text"),
            r"Plain \<UserPoolId> text"
        );
        assert_eq!(one_line("<p>a <!-- hidden --> b</p>"), "a b");
    }

    #[test]
    fn unknown_tags_with_end_tags_keep_only_their_content() {
        assert_eq!(
            to_rustdoc(
                "<fullname>Amazon Cognito</fullname> <p>Text <replaceable>x</replaceable></p>"
            ),
            ["Amazon Cognito", "", "Text x"]
        );
    }

    #[test]
    fn indented_lines_do_not_become_code_blocks() {
        assert_eq!(
            to_rustdoc(
                "<p>First line\n        second line\n\n            third</p>\n    <p>Next</p>"
            ),
            ["First line second line third", "", "Next"]
        );
        assert_eq!(
            to_rustdoc("Plain first\n    indented continuation"),
            ["Plain first indented continuation"]
        );
    }

    #[test]
    fn preformatted_text_becomes_a_text_fence() {
        assert_eq!(
            to_rustdoc("<p>Example:</p><pre><code>fn main() {\n    x();\n}\n</code></pre>"),
            [
                "Example:",
                "",
                "```text",
                "fn main() {",
                "    x();",
                "}",
                "```"
            ]
        );
        assert_eq!(
            to_rustdoc("```\nfn main() {}\n```"),
            ["```text", "fn main() {}", "```"]
        );
        assert_eq!(
            to_rustdoc("```rust\nlet x = ;\n```"),
            ["```text", "let x = ;", "```"]
        );
        assert_eq!(
            to_rustdoc("Example:\n\n    {\"a\": 1}\n    panic!()\n\nAfter."),
            [
                "Example:",
                "",
                "```text",
                "{\"a\": 1}",
                "panic!()",
                "```",
                "",
                "After."
            ]
        );
        assert_eq!(
            to_rustdoc("<pre>```\ninner\n```</pre>"),
            ["````text", "```", "inner", "```", "````"]
        );
    }

    #[test]
    fn code_spans_cope_with_backticks_and_line_breaks() {
        assert_eq!(one_line("<code>a`b</code>"), "``a`b``");
        assert_eq!(one_line("<code>`x</code>"), "`` `x ``");
        assert_eq!(one_line("<code>Foo\n      Bar</code>"), "`Foo Bar`");
        assert_eq!(
            one_line("<p>Set <code>[a-z]*_x</code>.</p>"),
            "Set `[a-z]*_x`."
        );
        assert_eq!(inline_code("a  `b` "), "``a  `b` ``");
        assert_eq!(inline_code("`b`"), "`` `b` ``");
        assert_eq!(inline_code(" x "), "`  x  `");
    }

    #[test]
    fn block_markers_at_line_start_are_escaped() {
        assert_eq!(
            to_rustdoc(
                "<p># h</p><p>- d</p><p>+ p</p><p>1. one</p><p>2) two</p><p>&gt; q</p><p>===</p>"
            ),
            [
                r"\# h", "", r"\- d", "", r"\+ p", "", r"1\. one", "", r"2\) two", "", r"\> q", "",
                r"\==="
            ]
        );
        assert_eq!(one_line("<p>-1 and 3.5</p>"), "-1 and 3.5");
    }

    #[test]
    fn markdown_characters_in_text_are_escaped() {
        assert_eq!(
            one_line(r"<p>a*b* c_d _e_ x|y ~z C:\path `t` &amp;lt; --flag</p>"),
            r"a\*b\* c_d \_e\_ x\|y \~z C:\\path \`t\` \&lt; -\-flag"
        );
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            one_line(
                "<p>&lt;b&gt; &amp;amp; &#39;x&#x27; &quot;q&quot; a&nbsp;b &IAM; &mdash;</p>"
            ),
            r#"\<b> \&amp; 'x' "q" a b \&IAM; —"#
        );
    }

    #[test]
    fn whitespace_collapses_and_paragraphs_are_separated_by_one_empty_line() {
        assert_eq!(
            to_rustdoc("\n\n  <p>  a \n\n b  </p>\n\n\n   <p></p> <p>c</p>  \n"),
            ["a b", "", "c"]
        );
        assert_eq!(to_rustdoc("one\n\n\n\ntwo\n"), ["one", "", "two"]);
        assert!(to_rustdoc("").is_empty());
        assert!(to_rustdoc(" <p> </p> ").is_empty());
    }

    #[test]
    fn loose_html_text_splits_at_blank_lines() {
        assert_eq!(
            to_rustdoc("First <b>part</b>\n\nSecond part<p>Third</p>"),
            ["First **part**", "", "Second part", "", "Third"]
        );
    }

    #[test]
    fn list_items_indent_continuation_lines() {
        let long = "word ".repeat(40);
        let lines = to_rustdoc(&format!("<ul><li><p>{long}</p></li><li>short</li></ul>"));
        assert!(lines.len() > 2, "{lines:#?}");
        assert!(lines[0].starts_with("- word"));
        for line in &lines[1..lines.len() - 1] {
            assert!(line.starts_with("  word"), "{line:?}");
        }
        assert_eq!(lines.last().map(String::as_str), Some("- short"));
    }

    #[test]
    fn nested_and_ordered_lists() {
        assert_eq!(
            to_rustdoc("<ul><li>a<ul><li>b</li><li>c</li></ul></li><li>d</li></ul>"),
            ["- a", "", "  - b", "  - c", "", "- d"]
        );
        let items: String = (1..=10).map(|n| format!("<li>item {n}</li>")).collect();
        let lines = to_rustdoc(&format!("<ol>{items}</ol>"));
        assert_eq!(lines[0], "1. item 1");
        assert_eq!(lines[9], "10. item 10");
        let long = "word ".repeat(30);
        let lines = to_rustdoc(&format!("<ol>{}<li>{long}</li></ol>", items));
        assert!(lines[10].starts_with("11. word"));
        assert!(lines[11].starts_with("    word"), "{lines:#?}");
    }

    #[test]
    fn unclosed_list_items_and_stray_tags() {
        assert_eq!(to_rustdoc("<ul><li>a<li>b</ul></li></ol>"), ["- a", "- b"]);
        assert_eq!(
            to_rustdoc("<p>Unclosed <b>bold<p>next</ul></li></p>"),
            ["Unclosed **bold**", "", "next"]
        );
        assert_eq!(
            to_rustdoc("<ul><li>a</li></ul><ul><li>b</li></ul>"),
            ["- a", "", "* b"]
        );
    }

    #[test]
    fn definition_lists_become_bullets() {
        assert_eq!(
            to_rustdoc("<dl><dt>Term</dt><dd><p>Meaning.</p></dd><dt>Other</dt><dd>x</dd></dl>"),
            ["- **Term**", "", "  Meaning.", "", "- **Other**", "", "  x"]
        );
    }

    #[test]
    fn links_keep_absolute_urls_only() {
        assert_eq!(
            one_line(r#"<p>See <a href="https://example.com/a b(c)">the [guide]</a>.</p>"#),
            r"See [the \[guide\]](https://example.com/a%20b%28c%29)."
        );
        assert_eq!(
            one_line(r#"<a href="../relative.html">rel</a> <a href="">empty</a> <a>none</a>"#),
            "rel empty none"
        );
        assert_eq!(
            one_line(r#"<a href="https://x.example.com">https://x.example.com</a>"#),
            "<https://x.example.com>"
        );
        assert_eq!(
            one_line(r#"<a href="https://e.example.com/A"><code>Foo</code></a>"#),
            "[`Foo`](https://e.example.com/A)"
        );
        assert_eq!(
            one_line(r#"<code><a href="https://e.example.com/B">Bar</a></code>"#),
            "[`Bar`](https://e.example.com/B)"
        );
        assert_eq!(
            one_line(r#"Mail <a href="mailto:a@example.com">me</a>"#),
            "Mail [me](mailto:a@example.com)"
        );
    }

    #[test]
    fn notes_start_with_a_bold_label() {
        assert_eq!(
            to_rustdoc("<note><p>Careful.</p><p>Really.</p></note>"),
            ["**Note:** Careful.", "", "Really."]
        );
        assert_eq!(
            to_rustdoc("<important><ul><li>x</li></ul></important>"),
            ["**Important:**", "", "- x"]
        );
    }

    #[test]
    fn line_breaks_become_backslash_line_ends() {
        assert_eq!(to_rustdoc("<p>a<br/>- b<br>c</p>"), [r"a\", r"\- b\", "c"]);
        assert_eq!(to_rustdoc("<p><br/>a<br/><br/></p>"), ["a"]);
    }

    #[test]
    fn emphasis_is_kept_only_where_markdown_reads_it() {
        assert_eq!(
            one_line("<p>A <b>bold</b> and <i>it</i> word</p>"),
            "A **bold** and *it* word"
        );
        assert_eq!(one_line("<p>foo<b>(bar)</b>baz</p>"), "foo(bar)baz");
        assert_eq!(one_line("<p><b>a</b><b>b</b></p>"), "**ab**");
        assert_eq!(one_line("<p><i> </i>x<b></b></p>"), "x");
        assert_eq!(one_line("<p><b> spaced </b>out</p>"), "**spaced** out");
    }

    #[test]
    fn markdown_input_keeps_its_markup() {
        assert_eq!(
            one_line("Use **bold**, *em*, `co  de`, [link](https://example.com), [rel](Foo), snake_case."),
            "Use **bold**, *em*, `co  de`, [link](https://example.com), rel, snake_case."
        );
        assert_eq!(
            one_line("Auto <https://a.example.com> and <a@example.com> and <UserPoolId>"),
            r"Auto <https://a.example.com> and [a@example.com](mailto:a@example.com) and \<UserPoolId>"
        );
        assert_eq!(
            to_rustdoc("# Title\n\n- one\ncontinued\n  - nested\n- two\n\n> quoted"),
            [
                "**Title**",
                "",
                "- one continued",
                "",
                "  - nested",
                "",
                "- two",
                "",
                "quoted"
            ]
        );
        assert_eq!(
            to_rustdoc("| a | b |\n|---|---|\n| 1 | 2 |"),
            ["```text", "| a | b |", "|---|---|", "| 1 | 2 |", "```"]
        );
        assert_eq!(
            one_line(r"Escaped \* and \[x\] and &lt;tag&gt;"),
            r"Escaped \* and \[x\] and \<tag>"
        );
    }

    #[test]
    fn tabs_and_invisible_characters_are_removed() {
        assert_eq!(one_line("a\tb\u{200B}c\u{202E}d\u{2066}e\u{7}f"), "a bcdef");
        assert_eq!(
            to_rustdoc("<pre>\tindented\n\t\tmore</pre>"),
            ["```text", "indented", "    more", "```"]
        );
    }

    #[test]
    fn long_lines_wrap_only_before_safe_words() {
        let text = format!(
            "<p>{} 1. x {} - y {} # z end</p>",
            "aaaa ".repeat(17),
            "b ".repeat(40),
            "c ".repeat(40)
        );
        let lines = to_rustdoc(&text);
        assert!(lines.len() > 2, "{lines:#?}");
        for line in &lines {
            let first = line.chars().next().unwrap_or(' ');
            assert!(first.is_alphabetic(), "unsafe line start: {line:?}");
            assert!(line.chars().count() <= WRAP_WIDTH + 2, "too long: {line:?}");
        }
        let words: Vec<&str> = lines.iter().flat_map(|l| l.split(' ')).collect();
        assert_eq!(words.len(), text.split_whitespace().count());
        assert_eq!(to_rustdoc(&text), lines, "output must be deterministic");
    }

    #[test]
    fn lines_may_start_with_generated_markup() {
        let text = format!(
            "<p>{}<code>code</code> <a href=\"https://e.example.com\">link</a> <b>bold</b> x</p>",
            "w ".repeat(44)
        );
        let lines = to_rustdoc(&text);
        assert_eq!(lines.len(), 2, "{lines:#?}");
        assert_eq!(lines[1], "`code` [link](https://e.example.com) **bold** x");
    }

    #[test]
    fn long_code_spans_wrap_only_at_safe_single_spaces() {
        let code = format!("{}- [x] *y  z", "key: value ".repeat(12));
        let lines = to_rustdoc(&format!("Send `{code}` now"));
        assert!(lines.len() > 1, "{lines:#?}");
        for line in &lines[1..] {
            assert!(line.starts_with(|c: char| c.is_alphabetic()), "{line:?}");
        }
        assert!(lines.iter().all(|l| !l.ends_with(' ')));
        assert_eq!(lines.join(" "), format!("Send `{code}` now"));
    }

    #[test]
    fn pathological_nesting_is_bounded() {
        let deep_html = format!("{}x", "<b><ul><li>".repeat(5000));
        assert!(to_rustdoc(&deep_html).concat().contains('x'));
        let deep_quote = format!("{} x", ">".repeat(20000));
        assert_eq!(
            to_rustdoc(&deep_quote)
                .concat()
                .trim_start_matches(['\\', '>', ' ']),
            "x"
        );
        let deep_list = (0..200)
            .map(|n| format!("{}- item", "  ".repeat(n)))
            .collect::<Vec<_>>();
        assert!(to_rustdoc(&deep_list.join("\n")).len() > 1);
        let deep_emphasis = format!("{}x{}", "*a ".repeat(1000), " b*".repeat(1000));
        assert!(to_rustdoc(&deep_emphasis).concat().contains('x'));
    }

    #[test]
    fn doc_attrs_emit_one_attribute_per_line() {
        let tokens = doc_attrs(Some("<p>One</p><p>Two</p>")).to_string();
        assert_eq!(tokens, r#"# [doc = " One"] # [doc = ""] # [doc = " Two"]"#);
        assert!(doc_attrs(None).is_empty());
        assert!(doc_attrs(Some("<p></p>")).is_empty());
    }

    #[test]
    fn doc_attrs_with_appends_markdown_paragraphs() {
        let pattern = format!("**Pattern:** {}", inline_code("^[a-z]+`$"));
        let tokens = doc_attrs_with(
            Some("Text [x]"),
            &[pattern, String::new(), "Length [1, 5] <n>".into()],
        );
        assert_eq!(
            tokens.to_string(),
            r#"# [doc = " Text \\[x\\]"] # [doc = ""] # [doc = " **Pattern:** ``^[a-z]+`$``"] # [doc = ""] # [doc = " Length \\[1, 5\\] \\<n>"]"#
        );
        let only_extra = doc_attrs_with(None, &["Note".to_string()]).to_string();
        assert_eq!(only_extra, r#"# [doc = " Note"]"#);
    }

    /// Inputs that exercise every hazard, for the end-to-end test.
    const TRICKY_DOCS: &[&str] = &[
        "<p>Use <code>[a-z]</code> or [brackets], [Foo], [^1] footnote, [a](b) and [x]: y.</p>",
        "See https://example.com/path_(x)/y. and http://foo.example.org/a?b=c&d=e, www.example.com",
        "<p>The <UserPoolId> and a < b > c and <region> and </region-x>.</p>",
        "<p>Line one\n        indented line\n            more indented\n\n                again</p>",
        "Example:\n\n    fn main() { panic!() }\n\nAfter.",
        "<pre><code>fn main() {\n    panic!();\n}\n</code></pre>",
        "```\nfn main() { panic!() }\n```",
        "```rust\nlet x = ;\n```\n\n~~~\n#[test] fn t() {}\n~~~",
        "<p><code>a`b``c</code> and <code>`</code> and <code>\n  spread\n    over lines\n</code></p>",
        "<p>* not a list</p><p># not heading</p><p>1. not ordered</p><p>- dash</p><p>&gt; quote</p><p>===</p><p>---</p><p>***</p>",
        r"<p>C:\Path\file and \n and \\ and \` escapes and a trailing \</p>",
        "<ul><li><p>First item with a long text that goes on and on past the wrap width so that it has to continue on the next line.</p><p>Second paragraph.</p></li><li>Second <ul><li>nested <ol><li>deep</li></ol></li></ul></li></ul>",
        "<ol><li>one</li><li>two</li><li>three</li><li>four</li><li>five</li><li>six</li><li>seven</li><li>eight</li><li>nine</li><li>ten is long enough to wrap onto the next line because it keeps going and going and going</li></ol>",
        r#"<p><a href="https://example.com/a b(c)">text [x]</a>, <a href="../relative">rel</a>, <a href="">empty</a>, <a href="https://x.example.com">https://x.example.com</a>, <a href="https://y.example.com/p">see https://z.example.com</a>, <a href="mailto:a@example.com">mail</a>, <a href="Foo">Foo</a></p>"#,
        "<note><p>Important stuff.</p><ul><li>a</li></ul></note><important><p>Really.</p></important><note>bare</note>",
        "<p>&lt;b&gt; &amp;amp; &#39; &quot; &nbsp; &#x27; &IAM; &unknown; &#0; &#xE001; &#8203;</p>",
        "<p>Unclosed <b>bold and <i>italic<p>next</ul></li></p></b></i></dl>",
        "<dl><dt>Term</dt><dd><p>Definition.</p></dd><dt>Other</dt><dd>x</dd><dd>orphan</dd></dl>",
        "<p>a<br/>- b<br/># c<br>1. d<br/></p>",
        "<p>snake_case _leading trailing_ a*b*c **x** __y__ ~~strike~~ ~home --flag ---</p>",
        "Use **bold**, *em*, `code`, [link](https://example.com), [rel](Foo), <https://auto.example.com>, <a@example.com> and [x].",
        "- item one\ncontinues lazily\n  - nested\n    more\n- two\n\n1. a\n2. b\n\n* star\n+ plus",
        "tab\there \u{200B} zero\u{202E}bidi\u{2066}iso \u{7} bell\r\nwindows line",
        "<p>arn:aws:cognito-idp:<region>:<account-id>:userpool/<pool-id> at https://cognito-idp.<region>.amazonaws.com/ or https://{domain}.auth.example.com/x</p>",
        "<p>a <!-- hidden --> b <![CDATA[x]]> c <?php ?> d</p>",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "<h1>Title</h1><p>text</p><hr/><table><tr><td>a</td><td>b|c</td></tr></table>",
        "<p>foo<b>(bar)</b>baz and <i> </i> empty and <b>a</b><b>b</b> and <b><i>both</i></b> and <i>x</i><b>y</b></p>",
        "<p></p><p>  </p><p>After empty paragraphs.</p>",
        "<ul><li>a<li>b</ul><ul><li>c</li></ul><ol><li>d</li></ol><ol><li>e</li></ol>",
        "# Heading\n\nSetext\n===\n\n> quoted\n> more\n\nText with trailing spaces  \nhard break and backslash\\\nbreak.",
        "<p>Emoji 🚀 and 中文 and Ελληνικά. 2024. The year. 3) three</p>",
        "<p>A very long URL https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-aws-waf.html#cognito-user-pools-waf-rules-explained-in-depth and words after it.</p>",
        "<code><a href=\"https://e.example.com\">Foo</a></code> <a href=\"https://e.example.com/x\"><code>Bar</code></a>",
        "Plain text with <angle> brackets & ampersands &amp; entities, and | pipes.",
    ];

    /// Every `smithy.api#documentation` string in the Cognito model, if the corpus is present.
    fn corpus_documentation() -> Option<Vec<String>> {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../shared/corpus/smithy-aws/cognito-identity-provider-2016-04-18.json"
        );
        let text = std::fs::read_to_string(path).ok()?;
        let model: serde_json::Value = serde_json::from_str(&text).expect("corpus model is JSON");
        let mut docs = Vec::new();
        collect_documentation(&model, &mut docs);
        Some(docs)
    }

    fn collect_documentation(value: &serde_json::Value, docs: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, value) in map {
                    match value {
                        serde_json::Value::String(doc) if key == "smithy.api#documentation" => {
                            docs.push(doc.clone())
                        }
                        other => collect_documentation(other, docs),
                    }
                }
            }
            serde_json::Value::Array(values) => {
                values.iter().for_each(|v| collect_documentation(v, docs))
            }
            _ => {}
        }
    }

    /// Runs `cargo <args>` in `dir`, with its own target folder; returns (success, output).
    fn run_cargo(dir: &std::path::Path, args: &[&str]) -> (bool, String) {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let output = std::process::Command::new(cargo)
            .args(args)
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", dir.join("target"))
            .env("RUSTDOCFLAGS", "-D warnings")
            .env_remove("RUSTFLAGS")
            .env_remove("CARGO_ENCODED_RUSTFLAGS")
            .output()
            .expect("cargo runs");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        (output.status.success(), text)
    }

    /// Converts the tricky samples and the Cognito model's documentation into the docs of a
    /// crate, then checks that `cargo doc -D warnings`, `cargo clippy -D warnings` and the
    /// doctest run (which must find no doctest) accept it.
    #[test]
    fn rustdoc_and_clippy_accept_converted_docs() {
        let mut docs: Vec<String> = TRICKY_DOCS.iter().map(|doc| doc.to_string()).collect();
        match corpus_documentation() {
            Some(real) => {
                assert!(
                    real.len() > 1000,
                    "expected the Cognito model's documentation"
                );
                docs.extend(real);
            }
            None => eprintln!("note: corpus absent; checking only the built-in samples"),
        }
        let mut items = Vec::new();
        for (n, doc) in docs.iter().enumerate() {
            let lines = to_rustdoc(doc);
            assert!(
                !lines.is_empty(),
                "sample {n} converted to nothing: {doc:?}"
            );
            for line in &lines {
                assert!(
                    !line.contains('\t') && line.trim_end() == line,
                    "sample {n}: {line:?}"
                );
            }
            let attrs = doc_attrs_with(
                Some(doc),
                &[format!("Pattern {}.", inline_code("^[a-z]`*$"))],
            );
            let name = quote::format_ident!("Doc{n}");
            items.push(quote! { #attrs pub struct #name; });
        }
        let file: syn::File = syn::parse2(quote! { #(#items)* }).expect("generated items parse");
        let source = format!(
            "//! Converted documentation samples.\n\
             #![warn(rustdoc::unescaped_backticks, clippy::doc_broken_link, \
             clippy::doc_link_with_quotes, clippy::doc_comment_double_space_linebreaks)]\n\n{}",
            prettyplease::unparse(&file)
        );
        let dir = tempfile::tempdir().expect("temporary folder");
        let manifest = "[package]\nname = \"doc_samples\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[workspace]\n";
        std::fs::write(dir.path().join("Cargo.toml"), manifest).expect("write manifest");
        std::fs::create_dir(dir.path().join("src")).expect("create src");
        std::fs::write(dir.path().join("src/lib.rs"), &source).expect("write lib.rs");

        let (ok, output) = run_cargo(dir.path(), &["doc", "--no-deps", "--offline"]);
        assert!(ok, "cargo doc rejected the converted docs:\n{output}");

        let (clippy_present, _) = run_cargo(dir.path(), &["clippy", "--version"]);
        if clippy_present {
            let (ok, output) =
                run_cargo(dir.path(), &["clippy", "--offline", "--", "-D", "warnings"]);
            assert!(ok, "cargo clippy rejected the converted docs:\n{output}");
        } else {
            eprintln!("note: clippy is not installed; skipping the clippy check");
        }

        let (ok, output) = run_cargo(dir.path(), &["test", "--doc", "--offline"]);
        assert!(ok, "doctest run failed:\n{output}");
        assert!(
            output.contains("running 0 tests"),
            "converted docs contain doctests:\n{output}"
        );
    }
}
