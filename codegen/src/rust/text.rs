//! Prettyplease-compatible text: writes the most regular parts of items (doc comments,
//! attributes, fields) directly as the text `prettyplease` would print for them, so that
//! emitters can skip `syn` and `prettyplease` for those items (see
//! [`super::format::verbatim`]).
//!
//! [`ItemText`] is a line writer. Doc attributes become `///` lines. An attribute's tokens, and
//! a field's type, become the printer tokens prettyplease makes for them (`attr.rs`: a meta
//! list, with a consistent box of 4 columns per parenthesis; `path.rs`: a box per `<…>`), and
//! a small printer breaks those boxes by prettyplease's rule (`algorithm.rs`: a box breaks all
//! its breaks when its content, up to the next break after it, does not fit in the 89-column
//! margin). Anything else (a name-value attribute other than docs, an empty `()` group, a type
//! that is not a path with generic arguments) makes it return `None`, and the item goes
//! through the token path.
//!
//! Emitters can also give the regular attributes as data ([`Meta`]): [`ItemText::meta_attributes`]
//! prints those without building tokens and walking them, and [`attribute_tokens`] gives the
//! same attribute as tokens for the token path.

use std::borrow::Cow;

use proc_macro2::{Delimiter, TokenStream, TokenTree};

/// prettyplease's line width.
pub const MARGIN: usize = 89;
/// prettyplease's indentation step.
pub const INDENT: usize = 4;
/// prettyplease allows every line at least this much space, however indented.
const MIN_SPACE: usize = 60;

/// Lines of an item, written as prettyplease prints them.
#[derive(Debug, Default)]
pub struct ItemText {
    out: String,
}

impl ItemText {
    /// An empty text.
    pub fn new() -> Self {
        Self::default()
    }

    /// One line of text at `indent`.
    pub fn line(&mut self, indent: usize, text: &str) {
        push_spaces(&mut self.out, indent);
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// Doc comment lines (`lines` as [`super::docs::doc_lines_with`] gives them): what
    /// prettyplease prints for `#[doc = " line"]` attributes.
    pub fn doc_lines(&mut self, indent: usize, lines: &[String]) -> Option<()> {
        for line in lines {
            if line.contains('\n') {
                return None;
            }
            push_spaces(&mut self.out, indent);
            self.out.push_str("///");
            if !line.is_empty() {
                self.out.push(' ');
                self.out.push_str(line);
                let trimmed = self.out.trim_end_matches(' ').len();
                self.out.truncate(trimmed);
            }
            self.out.push('\n');
        }
        Some(())
    }

    /// Outer attributes (`#[path]`, `#[path(tokens)]`), each starting a line at `indent`;
    /// `None` for anything else, such as a name-value attribute.
    pub fn attributes(&mut self, indent: usize, tokens: &TokenStream) -> Option<()> {
        let mut trees = tokens.clone().into_iter();
        while let Some(tree) = trees.next() {
            let TokenTree::Punct(hash) = tree else {
                return None;
            };
            let Some(TokenTree::Group(body)) = trees.next() else {
                return None;
            };
            if hash.as_char() != '#' || body.delimiter() != Delimiter::Bracket {
                return None;
            }
            let printed = attribute_print_tokens(body.stream())?;
            print(&mut self.out, indent, &printed);
        }
        Some(())
    }

    /// Outer attributes given as data, `#[meta]` each starting a line at `indent`: the text
    /// [`Self::attributes`] prints for their [`attribute_tokens`]. `None` for an empty list
    /// (`name()`), which that leaves to prettyplease as well.
    pub fn meta_attributes(&mut self, indent: usize, attributes: &[Meta]) -> Option<()> {
        for meta in attributes {
            let mut printed = vec![Print::text("#"), Print::text("[")];
            meta_print_tokens(meta, &mut printed)?;
            printed.push(Print::text("]"));
            print(&mut self.out, indent, &printed);
        }
        Some(())
    }

    /// A field, `pub name: Type,`, with its type broken as prettyplease breaks one too long for
    /// the line; `None` for a type that is not a path with generic arguments.
    pub fn field(&mut self, indent: usize, name: &str, ty: &TokenStream) -> Option<()> {
        let mut printed = vec![Print::text(format!("pub {name}: "))];
        printed.extend(type_tokens(ty)?);
        printed.push(Print::text(","));
        print(&mut self.out, indent, &printed);
        Some(())
    }

    /// A type alias, `pub type Name = Type;`, when it fits on one line; `None` for a type that
    /// is not a path with generic arguments, or an alias too long for the line.
    pub fn alias(&mut self, indent: usize, name: &str, ty: &TokenStream) -> Option<()> {
        let mut printed = vec![Print::text(format!("pub type {name} = "))];
        printed.extend(type_tokens(ty)?);
        printed.push(Print::text(";"));
        let mut line = String::new();
        print(&mut line, indent, &printed);
        let one_line = line.matches('\n').count() == 1;
        let clear_of_margin = line.trim_end().chars().count() + 2 < MARGIN;
        (one_line && clear_of_margin).then(|| self.out.push_str(&line))
    }

    /// The text written so far.
    pub fn finish(self) -> String {
        self.out
    }
}

/// The printer tokens of a type, as prettyplease's `ty` and `angle_bracketed_generic_arguments`
/// make them: paths with generic arguments only (`Option<std::collections::HashMap<K, V>>`),
/// else `None`. Each `<…>` is a box whose arguments end with a comma when it breaks.
fn type_tokens(tokens: &TokenStream) -> Option<Vec<Print>> {
    let mut printed = Vec::new();
    let mut path = String::new();
    let mut after_ident = false;
    for tree in tokens.clone() {
        let TokenTree::Punct(punct) = tree else {
            let TokenTree::Ident(ident) = tree else {
                return None;
            };
            if after_ident {
                return None;
            }
            path.push_str(&ident.to_string());
            after_ident = true;
            continue;
        };
        after_ident = false;
        match punct.as_char() {
            ':' => {
                path.push(':');
                continue;
            }
            '<' => {
                path.push('<');
                printed.push(Print::text(std::mem::take(&mut path)));
                printed.push(Print::Begin);
                printed.push(Print::ZERO_BREAK);
            }
            ',' => {
                path.push(',');
                printed.push(Print::text(std::mem::take(&mut path)));
                printed.push(Print::SPACE);
            }
            '>' => {
                if !path.is_empty() {
                    printed.push(Print::text(std::mem::take(&mut path)));
                }
                printed.push(Print::trailing_comma(-(INDENT as isize)));
                printed.push(Print::End);
                path.push('>');
            }
            _ => return None,
        }
    }
    if !path.is_empty() {
        printed.push(Print::text(path));
    }
    (!printed.is_empty()).then_some(printed)
}

/// The source of a string literal of `text` exactly as `proc_macro2::Literal::string` writes it
/// (and prettyplease prints it), with runs of plain ASCII copied whole rather than escaped one
/// character at a time.
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    let mut rest = text;
    while let Some(at) = rest.bytes().position(|byte| !is_plain(byte)) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(ch) = rest.chars().next() else {
            break;
        };
        rest = &rest[ch.len_utf8()..];
        if ch == '\0' {
            let octal_digit_next = rest.starts_with(|next: char| ('0'..='7').contains(&next));
            out.push_str(if octal_digit_next { "\\x00" } else { "\\0" });
        } else {
            out.extend(ch.escape_debug());
        }
    }
    out.push_str(rest);
    out.push('"');
    out
}

/// A string literal token of `text`, the same as `proc_macro2::Literal::string(text)`, made
/// faster for long text such as documentation (see [`string_literal`]).
pub fn literal(text: &str) -> proc_macro2::Literal {
    string_literal(text)
        .parse()
        .unwrap_or_else(|_| proc_macro2::Literal::string(text))
}

/// An attribute, or one item of an attribute's list, as data: what emitters build for the
/// regular attributes of fields (`serde(...)`, `cfg_attr(feature = "schemars", schemars(...))`).
#[derive(Debug, Clone)]
pub enum Meta {
    /// A word or path: `default`, `serde::Serialize`.
    Word(&'static str),
    /// `name = "text"` (`text` unescaped).
    Str(&'static str, String),
    /// `name = literal`, for literals other than strings (numbers).
    Lit(&'static str, proc_macro2::Literal),
    /// A string literal alone: `"text"` (`text` unescaped).
    Value(String),
    /// `name(items)`.
    List(&'static str, Vec<Meta>),
    /// Any other item, as tokens.
    Tokens(TokenStream),
}

impl Meta {
    /// The item as tokens.
    pub fn tokens(&self) -> TokenStream {
        let ident = |name: &str| proc_macro2::Ident::new(name, proc_macro2::Span::call_site());
        match self {
            Meta::Word(path) => path_tokens(path, ident),
            Meta::Str(name, text) => {
                let (name, text) = (ident(name), proc_macro2::Literal::string(text));
                quote::quote!(#name = #text)
            }
            Meta::Lit(name, literal) => {
                let name = ident(name);
                quote::quote!(#name = #literal)
            }
            Meta::Value(text) => TokenTree::from(proc_macro2::Literal::string(text)).into(),
            Meta::List(name, items) => {
                let (name, items) = (ident(name), items.iter().map(Meta::tokens));
                quote::quote!(#name(#(#items),*))
            }
            Meta::Tokens(tokens) => tokens.clone(),
        }
    }
}

/// The tokens of a path (`a::b`).
fn path_tokens(path: &str, ident: impl Fn(&str) -> proc_macro2::Ident) -> TokenStream {
    let mut tokens = TokenStream::new();
    for (index, segment) in path.split("::").enumerate() {
        if index > 0 {
            let colon = |spacing| TokenTree::from(proc_macro2::Punct::new(':', spacing));
            tokens.extend([
                colon(proc_macro2::Spacing::Joint),
                colon(proc_macro2::Spacing::Alone),
            ]);
        }
        tokens.extend([TokenTree::from(ident(segment))]);
    }
    tokens
}

/// `#[meta]` as tokens.
pub fn attribute_tokens(meta: &Meta) -> TokenStream {
    let meta = meta.tokens();
    quote::quote!(#[#meta])
}

/// The printer tokens of `meta`, as [`meta_list_tokens`] makes them for its tokens (after an
/// opening parenthesis or a comma, inside a list).
fn meta_print_tokens(meta: &Meta, printed: &mut Vec<Print>) -> Option<()> {
    match meta {
        Meta::Word(word) => printed.push(Print::text(*word)),
        Meta::Str(name, text) => {
            printed.push(Print::text(*name));
            printed.extend([Print::text(" "), Print::text("="), Print::text(" ")]);
            printed.push(Print::text(string_literal(text)));
        }
        Meta::Lit(name, literal) => {
            printed.push(Print::text(*name));
            printed.extend([Print::text(" "), Print::text("="), Print::text(" ")]);
            printed.push(Print::text(literal.to_string()));
        }
        Meta::Value(text) => printed.push(Print::text(string_literal(text))),
        Meta::List(name, items) => {
            if items.is_empty() {
                return None;
            }
            printed.push(Print::text(*name));
            printed.extend([Print::text("("), Print::Begin, Print::ZERO_BREAK]);
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    printed.extend([Print::text(","), Print::SPACE]);
                }
                meta_print_tokens(item, printed)?;
            }
            printed.extend([Print::CLOSING_BREAK, Print::End, Print::text(")")]);
        }
        Meta::Tokens(tokens) => walk_meta_tokens(tokens.clone(), true, printed)?,
    }
    Some(())
}

/// Printable ASCII that a string literal holds as itself (`'` included, unlike
/// `char::escape_debug`).
fn is_plain(byte: u8) -> bool {
    (0x20..0x7f).contains(&byte) && byte != b'"' && byte != b'\\'
}

/// A token of prettyplease's printer.
#[derive(Debug, Clone, PartialEq)]
enum Print {
    Text(Cow<'static, str>),
    /// A place to break: `blank` spaces when the box fits; else `pre` (if any), a new line,
    /// and the box's indentation plus `offset`.
    Break {
        blank: usize,
        offset: isize,
        pre: Option<char>,
    },
    /// A consistent box indented by [`INDENT`].
    Begin,
    End,
}

impl Print {
    fn text(text: impl Into<Cow<'static, str>>) -> Print {
        Print::Text(text.into())
    }

    /// prettyplease's `zerobreak`: nothing, or a new line.
    const ZERO_BREAK: Print = Print::Break {
        blank: 0,
        offset: 0,
        pre: None,
    };
    /// prettyplease's `space`: a space, or a new line.
    const SPACE: Print = Print::Break {
        blank: 1,
        offset: 0,
        pre: None,
    };

    /// The break before a list's closing parenthesis: nothing, or a new line back at the
    /// indentation of the line the list opened on.
    const CLOSING_BREAK: Print = Print::Break {
        blank: 0,
        offset: -(INDENT as isize),
        pre: None,
    };

    /// prettyplease's `trailing_comma(true)`: nothing, or a comma and a new line.
    fn trailing_comma(offset: isize) -> Print {
        Print::Break {
            blank: 0,
            offset,
            pre: Some(','),
        }
    }
}

/// The printer tokens of one attribute's body (inside `#[` `]`), as prettyplease's `attr`
/// makes them for a path or a meta list; `None` for other attributes.
fn attribute_print_tokens(body: TokenStream) -> Option<Vec<Print>> {
    let mut printed = vec![Print::text("#"), Print::text("[")];
    let mut path = String::new();
    let mut trees = body.into_iter().peekable();
    let mut list = None;
    while let Some(tree) = trees.next() {
        match tree {
            TokenTree::Ident(ident) => path.push_str(&ident.to_string()),
            TokenTree::Punct(punct) if punct.as_char() == ':' => path.push(':'),
            TokenTree::Group(group)
                if group.delimiter() == Delimiter::Parenthesis && trees.peek().is_none() =>
            {
                list = Some(group);
            }
            _ => return None,
        }
    }
    if path.is_empty() || path.starts_with(':') {
        return None;
    }
    printed.push(Print::text(path));
    if let Some(group) = list {
        meta_list_tokens(TokenTree::Group(group), &mut printed)?;
    }
    printed.push(Print::text("]"));
    Some(printed)
}

/// Where the printer is in a meta list (prettyplease's `attr_tokens` state).
#[derive(Clone, Copy, PartialEq)]
enum State {
    Word,
    Punct,
    TrailingComma,
}

/// prettyplease's `attr_tokens`: the printer tokens of a meta list's group. `None` for an
/// empty parenthesized group, whose printing this does not follow.
fn meta_list_tokens(group: TokenTree, printed: &mut Vec<Print>) -> Option<()> {
    walk_meta_tokens(TokenStream::from(group), false, printed)
}

/// The walk of [`meta_list_tokens`] over `tokens`: a meta list's group, or (`inside_list`) one
/// item of a list, which follows an opening parenthesis or a comma.
fn walk_meta_tokens(
    tokens: TokenStream,
    inside_list: bool,
    printed: &mut Vec<Print>,
) -> Option<()> {
    let mut stack = vec![(tokens.into_iter().peekable(), Delimiter::None)];
    let mut breakable = inside_list;
    let mut state = if inside_list {
        State::Punct
    } else {
        State::Word
    };
    let space = |printed: &mut Vec<Print>, breakable: bool| {
        printed.push(if breakable {
            Print::SPACE
        } else {
            Print::text(" ")
        });
    };
    while let Some((trees, delimiter)) = stack.last_mut() {
        let delimiter = *delimiter;
        match trees.next() {
            Some(word @ (TokenTree::Ident(_) | TokenTree::Literal(_))) => {
                if state == State::Word {
                    space(printed, breakable);
                }
                printed.push(Print::text(word.to_string()));
                state = State::Word;
            }
            Some(TokenTree::Punct(punct)) => {
                let ch = punct.as_char();
                if state == State::Word && ch == '=' {
                    printed.push(Print::text(" "));
                }
                if ch == ',' && trees.peek().is_none() {
                    printed.push(Print::trailing_comma(0));
                    state = State::TrailingComma;
                } else {
                    printed.push(Print::text(punct_text(ch)));
                    if ch == '=' {
                        printed.push(Print::text(" "));
                    } else if ch == ',' {
                        space(printed, breakable);
                    }
                    state = State::Punct;
                }
            }
            Some(TokenTree::Group(group)) => {
                let inner = group.delimiter();
                if inner == Delimiter::Parenthesis && group.stream().is_empty() {
                    return None;
                }
                if let Some((open, _)) = delimiter_texts(inner) {
                    printed.push(Print::text(open));
                    state = State::Punct;
                }
                if inner == Delimiter::Parenthesis {
                    printed.push(Print::Begin);
                    printed.push(Print::ZERO_BREAK);
                }
                stack.push((group.stream().into_iter().peekable(), inner));
                breakable = true;
            }
            None => {
                if delimiter == Delimiter::Parenthesis {
                    if state != State::TrailingComma {
                        printed.push(Print::ZERO_BREAK);
                    }
                    if let Some(Print::Break { offset, .. }) = printed.last_mut() {
                        *offset -= INDENT as isize;
                    }
                    printed.push(Print::End);
                }
                if let Some((_, close)) = delimiter_texts(delimiter) {
                    printed.push(Print::text(close));
                    state = State::Punct;
                }
                stack.pop();
                if stack.is_empty() {
                    breakable = false;
                }
            }
        }
    }
    Some(())
}

/// The text of a punctuation character (without allocating for the common ones).
fn punct_text(ch: char) -> Cow<'static, str> {
    match ch {
        '=' => "=".into(),
        ',' => ",".into(),
        ':' => ":".into(),
        other => other.to_string().into(),
    }
}

/// The opening and closing text of a delimiter.
fn delimiter_texts(delimiter: Delimiter) -> Option<(&'static str, &'static str)> {
    match delimiter {
        Delimiter::Parenthesis => Some(("(", ")")),
        Delimiter::Brace => Some(("{", "}")),
        Delimiter::Bracket => Some(("[", "]")),
        Delimiter::None => None,
    }
}

/// How a box is printed.
#[derive(Clone, Copy)]
enum Frame {
    Fits,
    /// Broken; the indentation to restore at its end.
    Broken(usize),
}

/// Prints `printed` (one attribute) starting a line at `indent`, as prettyplease's printer
/// does inside a broken box (a struct's body, or a file's top level): a box breaks when its
/// size is more than the space left on the line; the line ends with the break that follows
/// the attribute.
fn print(out: &mut String, indent: usize, printed: &[Print]) {
    let sizes = box_sizes(printed);
    let mut space = line_space(indent);
    let mut block_indent = indent;
    let mut pending = indent;
    let mut frames: Vec<Frame> = Vec::new();
    for (index, token) in printed.iter().enumerate() {
        match token {
            Print::Text(text) => {
                push_spaces(out, pending);
                pending = 0;
                out.push_str(text);
                space -= text.len() as isize;
            }
            Print::Begin => {
                if sizes[index] > space {
                    frames.push(Frame::Broken(block_indent));
                    block_indent += INDENT;
                } else {
                    frames.push(Frame::Fits);
                }
            }
            Print::End => {
                if let Some(Frame::Broken(outer)) = frames.pop() {
                    block_indent = outer;
                }
            }
            Print::Break { blank, offset, pre } => {
                if let Some(Frame::Fits) = frames.last() {
                    pending += blank;
                    space -= *blank as isize;
                    continue;
                }
                if let Some(pre) = pre {
                    push_spaces(out, pending);
                    out.push(*pre);
                }
                out.push('\n');
                let line_indent = (block_indent as isize + offset).max(0) as usize;
                pending = line_indent;
                space = line_space(line_indent);
            }
        }
    }
    out.push('\n');
}

/// The space prettyplease gives a line indented by `indent`.
fn line_space(indent: usize) -> isize {
    MARGIN.saturating_sub(indent).max(MIN_SPACE) as isize
}

/// The size prettyplease gives each box (at its [`Print::Begin`]): the width of its content
/// and of what follows it up to the next break (the end of the tokens counts as one: the
/// break after an attribute).
fn box_sizes(printed: &[Print]) -> Vec<isize> {
    let width = |token: &Print| match token {
        Print::Text(text) => text.len(),
        Print::Break { blank, .. } => *blank,
        Print::Begin | Print::End => 0,
    };
    let mut sizes = vec![0; printed.len()];
    for (start, token) in printed.iter().enumerate() {
        if *token != Print::Begin {
            continue;
        }
        let mut depth = 0usize;
        let mut closed = false;
        let mut size = 0;
        for token in &printed[start + 1..] {
            match token {
                Print::Begin => depth += 1,
                Print::End if depth == 0 => closed = true,
                Print::End => depth -= 1,
                Print::Break { .. } if closed => break,
                _ => {}
            }
            size += width(token);
        }
        sizes[start] = size as isize;
    }
    sizes
}

fn push_spaces(out: &mut String, count: usize) {
    out.extend(std::iter::repeat(' ').take(count));
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    /// What prettyplease prints for `attrs` on a unit struct at the top level, and on a field.
    fn formatted(attrs: &TokenStream) -> (String, String) {
        let item = quote!(#attrs pub struct S;);
        let field = quote!(pub struct S { #attrs pub f: u8, });
        let print = |tokens: TokenStream| {
            prettyplease::unparse(&syn::parse2::<syn::File>(tokens).expect("parses"))
        };
        (print(item), print(field))
    }

    fn written(attrs: &TokenStream) -> Option<(String, String)> {
        let mut item = ItemText::new();
        item.attributes(0, attrs)?;
        item.line(0, "pub struct S;");
        let mut field = ItemText::new();
        field.line(0, "pub struct S {");
        field.attributes(INDENT, attrs)?;
        field.line(INDENT, "pub f: u8,");
        field.line(0, "}");
        Some((item.finish(), field.finish()))
    }

    #[test]
    fn attributes_break_as_prettyplease_breaks_them() {
        let long = "a description long enough to push the attribute past the margin of a line";
        let pattern = "^[\\w\\s\"'\\\\]+ é 中文 \u{7f} \n$";
        let cases = [
            quote!(#[serde_with::serde_as]),
            quote!(#[derive(Clone, PartialEq, Eq, Hash, Default, Debug, serde::Serialize, serde::Deserialize)]),
            quote!(#[serde(rename = "a\"b\\c", default, skip_serializing_if = "Option::is_none")]),
            quote!(#[cfg_attr(feature = "schemars", schemars(description = "short"))]),
            quote!(#[cfg_attr(feature = "schemars", schemars(description = #long))]),
            quote!(#[cfg_attr(feature = "schemars", schemars(description = "", length(min = 1, max = 128), pattern(#pattern)))]),
            quote!(#[cfg_attr(feature = "schemars", schemars(pattern(#long), extend("enum" = ["a", "b", #long], "x-sensitive" = true)))]),
            quote!(#[cfg_attr(feature = "schemars", schemars(transform = super::json_schema::Merge(serde_json::json!({"items": {"minLength": 1, "maxLength": 128, "pattern": #long}}))))]),
            quote!(#[serde(deny_unknown_fields)] #[serde(flatten,)]),
        ];
        for attrs in cases {
            let expected = formatted(&attrs);
            assert_eq!(written(&attrs), Some(expected), "{attrs}");
        }
        // Every width around the margin, where a box starts or stops fitting.
        for length in 40..100 {
            let text = "x".repeat(length);
            let attrs = quote!(#[cfg_attr(feature = "schemars", schemars(description = #text, length(min = 1)))]);
            assert_eq!(written(&attrs), Some(formatted(&attrs)), "{length}");
        }
    }

    #[test]
    fn attributes_given_as_data_print_as_their_tokens_do() {
        let long = "a description long enough to push the attribute past the margin of a line";
        let schemars = |items: Vec<Meta>| {
            Meta::List(
                "cfg_attr",
                vec![
                    Meta::Str("feature", "schemars".into()),
                    Meta::List("schemars", items),
                ],
            )
        };
        let pattern = "^[\\w\\s\"'\\\\]+ é 中文 \u{7f} \n$";
        let cases = vec![
            vec![Meta::List("serde", vec![Meta::Word("flatten")])],
            vec![
                Meta::Word("serde_with::serde_as"),
                Meta::List(
                    "derive",
                    [
                        "Clone",
                        "PartialEq",
                        "Default",
                        "Debug",
                        "serde::Serialize",
                        "serde::Deserialize",
                    ]
                    .map(Meta::Word)
                    .to_vec(),
                ),
            ],
            vec![
                Meta::List(
                    "serde",
                    vec![
                        Meta::Str("rename", "a\"b\\c".into()),
                        Meta::Word("default"),
                        Meta::Str("skip_serializing_if", "Option::is_none".into()),
                    ],
                ),
                Meta::List("serde_as", vec![Meta::Str("as", "Option<Vec<X>>".into())]),
            ],
            vec![schemars(vec![Meta::Str("description", String::new())])],
            vec![schemars(vec![
                Meta::Str("rename", "Name".into()),
                Meta::Str("description", long.repeat(3)),
                Meta::Tokens(quote!(length(min = 1, max = 128))),
                Meta::Tokens(quote!(pattern(#pattern))),
                Meta::List(
                    "length",
                    vec![
                        Meta::Lit("min", proc_macro2::Literal::i32_unsuffixed(1)),
                        Meta::Lit("max", proc_macro2::Literal::u64_suffixed(3_000_000_000)),
                    ],
                ),
                Meta::List("pattern", vec![Meta::Value(pattern.to_string())]),
                Meta::List(
                    "range",
                    vec![Meta::Lit("min", proc_macro2::Literal::f64_unsuffixed(-0.5))],
                ),
                Meta::Tokens(quote!(extend("enum" = ["a", "b", #long], "x-sensitive" = true))),
                Meta::Tokens(quote!(
                    transform =
                        super::json_schema::Merge(serde_json::json!({"items": {"minLength": 1}}))
                )),
            ])],
        ];
        for metas in cases {
            let tokens: TokenStream = metas.iter().map(attribute_tokens).collect();
            let mut text = ItemText::new();
            text.meta_attributes(INDENT, &metas).expect("prints");
            let mut from_tokens = ItemText::new();
            from_tokens.attributes(INDENT, &tokens).expect("prints");
            assert_eq!(text.finish(), from_tokens.finish(), "{tokens}");
            assert_eq!(written(&tokens), Some(formatted(&tokens)), "{tokens}");
        }
        for length in 40..100 {
            let metas = [schemars(vec![
                Meta::Str("description", "x".repeat(length)),
                Meta::Tokens(quote!(length(min = 1))),
            ])];
            let tokens: TokenStream = metas.iter().map(attribute_tokens).collect();
            let mut text = ItemText::new();
            text.field(0, "f", &quote!(u8));
            text.meta_attributes(0, &metas).expect("prints");
            let mut from_tokens = ItemText::new();
            from_tokens.field(0, "f", &quote!(u8));
            from_tokens.attributes(0, &tokens).expect("prints");
            assert_eq!(text.finish(), from_tokens.finish(), "{length}");
        }
        let mut text = ItemText::new();
        assert_eq!(text.meta_attributes(0, &[Meta::List("a", vec![])]), None);
    }

    #[test]
    fn other_attributes_are_left_to_prettyplease() {
        assert_eq!(written(&quote!(#[doc = "x"])), None);
        assert_eq!(written(&quote!(#[a()])), None);
        assert_eq!(written(&quote!(pub)), None);
    }

    #[test]
    fn doc_lines_print_as_doc_comments() {
        let lines = vec![
            "First line  ".to_string(),
            String::new(),
            "Quotes \" and \\ and é".to_string(),
        ];
        let attrs = super::super::docs::doc_tokens(&lines);
        let expected = prettyplease::unparse(&syn::parse_quote!(#attrs pub struct S;));
        let mut text = ItemText::new();
        text.doc_lines(0, &lines).expect("one-line docs");
        text.line(0, "pub struct S;");
        assert_eq!(text.finish(), expected);
    }

    #[test]
    fn string_literals_escape_as_proc_macro2_does() {
        let cases = [
            "",
            "plain 'quoted' text",
            "\"\\\n\r\t\0\x01\u{7f}",
            "\0 then \x007 and \08 and \0",
            "é 中文 🚀 Ελληνικά \u{301}combining \u{200b} \u{feff} \u{e000}",
            "a\u{301}",
        ];
        for text in cases {
            let expected = proc_macro2::Literal::string(text).to_string();
            assert_eq!(string_literal(text), expected, "{text:?}");
            assert_eq!(literal(text).to_string(), expected, "{text:?}");
        }
        let all: String = (0..0x3000u32).filter_map(char::from_u32).collect();
        assert_eq!(
            string_literal(&all),
            proc_macro2::Literal::string(&all).to_string()
        );
    }

    /// What prettyplease prints for a field of type `ty` named `name`.
    fn formatted_field(name: &str, ty: &TokenStream) -> String {
        let name = quote::format_ident!("{name}");
        let item = quote!(pub struct S { pub #name: #ty, });
        prettyplease::unparse(&syn::parse2::<syn::File>(item).expect("parses"))
    }

    fn written_field(name: &str, ty: &TokenStream) -> Option<String> {
        let mut text = ItemText::new();
        text.line(0, "pub struct S {");
        text.field(INDENT, name, ty)?;
        text.line(0, "}");
        Some(text.finish())
    }

    #[test]
    fn field_types_break_as_prettyplease_breaks_them() {
        let types = [
            quote!(u8),
            quote!(Option<std::collections::HashMap<String, Vec<super::types::A>>>),
            quote!(Option<Box<super::types::AVeryLongStructureNameThatIsLongEnoughToBreak>>),
            quote!(std::collections::HashMap<super::types::SomeKeyType, Vec<Option<super::types::SomeValueType>>>),
        ];
        for ty in &types {
            for length in [1, 20, 40, 50, 55, 60, 65, 70, 75, 80, 85, 90] {
                let name = "f".repeat(length);
                let expected = formatted_field(&name, ty);
                assert_eq!(written_field(&name, ty), Some(expected), "{name}: {ty}");
            }
        }
    }

    #[test]
    fn other_types_are_left_to_prettyplease() {
        for ty in [quote!([u8; 4]), quote!(&'static str), quote!(dyn Any)] {
            assert_eq!(written_field("f", &ty), None, "{ty}");
        }
    }

    /// Structure definitions written as text against the same definitions formatted by
    /// prettyplease.
    mod structures {
        use crate::model::{
            AdditionalMembers, Deprecation, LengthBounds, Member, Model, Scalar, Shape, ShapeId,
            ShapeKind, Structure,
        };
        use crate::rust::format::format_tokens;
        use crate::rust::types::{
            Constructor, EnumDefinition, RedactingDebug, StructureDefinition,
        };
        use crate::rust::typespace::{Module, TypeSpace};
        use crate::Options;

        /// Whether the text path took the structure; if it did, its text is what prettyplease
        /// prints.
        fn text_matches_tokens(space: &TypeSpace<'_>, shape: &Shape, module: Module) -> bool {
            let definition = StructureDefinition::new(space, shape, module);
            let Some(text) = definition.text() else {
                return false;
            };
            let expected = format_tokens("types", definition.tokens()).expect("formats");
            assert_eq!(text, expected, "{}", shape.id);
            true
        }

        fn scalar(model: &mut Model, name: &str, scalar: Scalar) -> ShapeId {
            let id = ShapeId::new("smithy.api", name);
            let shape = Shape::new(id.clone(), ShapeKind::Scalar(scalar));
            model.shapes.insert(id.clone(), shape);
            id
        }

        fn structure(model: &mut Model, name: &str, members: Vec<Member>) -> ShapeId {
            let id = ShapeId::new("ns", name);
            let kind = ShapeKind::Structure(Structure {
                members,
                additional: AdditionalMembers::Ignore,
            });
            model
                .shapes
                .insert(id.clone(), Shape::new(id.clone(), kind));
            id
        }

        fn tricky_model() -> (Model, Vec<ShapeId>) {
            let mut model = Model::default();
            let string = scalar(&mut model, "String", Scalar::String);
            let timestamp = scalar(&mut model, "Timestamp", Scalar::Timestamp);
            let integer = scalar(&mut model, "Integer", Scalar::Integer);
            let code = ShapeId::new("ns", "Code");
            let mut code_shape = Shape::new(code.clone(), ShapeKind::Scalar(Scalar::String));
            code_shape.constraints.patterns = vec![r#"^[\w"'\\/]+ é 中文$"#.to_string()];
            code_shape.constraints.length = Some(LengthBounds {
                min: Some(1),
                max: Some(3_000_000_000),
            });
            code_shape.docs = Some("A code, \"quoted\" and \\ escaped. Ελληνικά.".into());
            model.shapes.insert(code.clone(), code_shape);

            let mut weird = Member::new("Weird", string.clone());
            weird.wire_name = "we\"ird\\name é".into();
            weird.docs = Some(format!("<p>{}</p>", "Long words. ".repeat(30)));
            let mut secret = Member::new("Secret", code.clone());
            secret.sensitive = true;
            secret.required = true;
            let mut old = Member::new("Old", timestamp);
            old.deprecated = Some(Deprecation {
                message: Some("Use \"New\".".into()),
                since: Some("2020".into()),
            });
            let mut size = Member::new("Size", integer);
            size.default = Some(serde_json::json!(5));
            let long = Member::new("A".repeat(80), string.clone());
            let mut ids = vec![
                structure(&mut model, "Tricky", vec![weird, secret, old, size]),
                structure(&mut model, "Empty", Vec::new()),
                structure(&mut model, "TooLong", vec![long]),
            ];
            let mut denying = Member::new("Code", code);
            denying.docs = Some(String::new());
            let id = structure(&mut model, "Denying", vec![denying]);
            if let Some(Shape {
                kind: ShapeKind::Structure(s),
                deprecated,
                docs,
                ..
            }) = model.shapes.get_mut(&id)
            {
                s.additional = AdditionalMembers::Deny;
                *deprecated = Some(Deprecation::default());
                *docs = Some("x".repeat(200));
            }
            ids.push(id);
            let map = structure(&mut model, "Open", Vec::new());
            if let Some(Shape {
                kind: ShapeKind::Structure(s),
                sensitive,
                ..
            }) = model.shapes.get_mut(&map)
            {
                s.additional = AdditionalMembers::Map(string);
                *sensitive = true;
            }
            ids.push(map);
            (model, ids)
        }

        #[test]
        fn tricky_structures_print_as_prettyplease_prints_them() {
            let (model, ids) = tricky_model();
            let options = Options::default();
            let space = TypeSpace::new(&model, &options);
            let accepted: Vec<String> = ids
                .iter()
                .filter(|id| {
                    let shape = model.shape(id).expect("defined");
                    text_matches_tokens(&space, shape, Module::Types)
                })
                .map(|id| id.name().to_string())
                .collect();
            assert_eq!(accepted, ["Tricky", "Empty", "TooLong", "Denying", "Open"]);
        }

        /// The model of a file of the shared corpus, or `None` (with a note) when the corpus is
        /// absent.
        fn corpus_model(file: &str) -> Option<Model> {
            let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus/");
            let path = format!("{corpus}{file}");
            if !std::path::Path::new(&path).exists() {
                eprintln!("skipped: {path} is absent");
                return None;
            }
            let loaded = crate::load_model(&[path.into()], &Options::default()).expect("loads");
            Some(loaded.model)
        }

        /// The Cognito models, Smithy and OpenAPI, that the comparisons run on.
        const COGNITO: [&str; 2] = [
            "smithy-aws/cognito-identity-provider-2016-04-18.json",
            "openapi/cognito-user-pools-bundled.schema.json",
        ];

        /// Every structure definition of `model`: how many were written as text, of how many.
        fn structures_match(model: &Model) -> (usize, usize) {
            let options = Options::default();
            let space = TypeSpace::new(model, &options);
            let (mut accepted, mut total) = (0, 0);
            for module in [Module::Types, Module::Errors] {
                for shape in space.shapes_in(module) {
                    if matches!(shape.kind, ShapeKind::Structure(_)) {
                        total += 1;
                        accepted += usize::from(text_matches_tokens(&space, shape, module));
                    }
                }
            }
            (accepted, total)
        }

        /// Every string enum definition of `model`: how many were written as text, of how
        /// many, each text checked against prettyplease.
        fn enums_match(model: &Model) -> (usize, usize) {
            let options = Options::default();
            let space = TypeSpace::new(model, &options);
            let (mut accepted, mut total) = (0, 0);
            for shape in space.shapes_in(Module::Types) {
                let ShapeKind::Enum(values) = &shape.kind else {
                    continue;
                };
                total += 1;
                let variants: Vec<_> = (0..values.len())
                    .map(|i| space.names.variant_ident(&shape.id, i))
                    .collect();
                let definition = EnumDefinition::new(&space, shape, &variants, values);
                if let Some(text) = definition.text() {
                    let expected = format_tokens("types", definition.tokens()).expect("formats");
                    assert_eq!(text, expected, "{}", shape.id);
                    accepted += 1;
                }
            }
            (accepted, total)
        }

        /// Constructors and redacting `Debug` impls of every structure of `model`: how many
        /// were written as text, of how many, each text checked against prettyplease.
        fn impls_match(model: &Model) -> (usize, usize) {
            let options = Options::default();
            let space = TypeSpace::new(model, &options);
            let (mut accepted, mut total) = (0, 0);
            for module in [Module::Types, Module::Errors] {
                for shape in space.shapes_in(module) {
                    let ShapeKind::Structure(structure) = &shape.kind else {
                        continue;
                    };
                    let debug = RedactingDebug::new(&space, shape, &structure.members);
                    let constructor = Constructor::new(&space, shape, module);
                    let pairs = [
                        Some((debug.text(), debug.tokens())),
                        constructor.map(|c| (c.text(), c.tokens())),
                    ];
                    for (text, tokens) in pairs.into_iter().flatten() {
                        total += 1;
                        if let Some(text) = text {
                            let expected = format_tokens("types", tokens).expect("formats");
                            assert_eq!(text, expected, "{}", shape.id);
                            accepted += 1;
                        }
                    }
                }
            }
            (accepted, total)
        }

        /// Every type alias of `model` with its default docs: how many were written as text,
        /// each text checked against prettyplease.
        fn aliases_match(model: &Model) -> usize {
            let options = Options::default();
            let space = TypeSpace::new(model, &options);
            let mut accepted = 0;
            for shape in space.shapes_in(Module::Types) {
                let has_own_item = matches!(
                    shape.kind,
                    ShapeKind::Structure(_)
                        | ShapeKind::Union(_)
                        | ShapeKind::Enum(_)
                        | ShapeKind::IntEnum(_)
                );
                if has_own_item {
                    continue;
                }
                let name = space.names.type_ident(&shape.id);
                let ty = space.inline_type(shape, Module::Types);
                let doc = format!(" The `{name}` shape.");
                let docs = vec![doc.trim_start().to_string()];
                if let Some(text) = crate::rust::types::alias_text(&docs, &name, &ty) {
                    let tokens = quote::quote!(#[doc = #doc] pub type #name = #ty;);
                    let expected = format_tokens("types", tokens).expect("formats");
                    assert_eq!(text, expected, "{}", shape.id);
                    accepted += 1;
                }
            }
            accepted
        }

        #[test]
        fn constructors_and_debug_impls_print_as_prettyplease_prints_them() {
            let (model, _) = tricky_model();
            let (_, total) = impls_match(&model);
            assert!(total >= 5, "{total}");
            for file in COGNITO.into_iter().chain(["smithy-aws/s3-2006-03-01.json"]) {
                if let Some(model) = corpus_model(file) {
                    let (accepted, total) = impls_match(&model);
                    eprintln!("{file}: {accepted} of {total} impls written as text");
                    assert!(total > 100, "{file}: {total} impls");
                }
            }
        }

        #[test]
        fn aliases_print_as_prettyplease_prints_them() {
            let long = format!(
                "Vec<std::collections::HashMap<String, {}>>",
                "Long".repeat(30)
            );
            let long: proc_macro2::TokenStream = long.parse().expect("a type");
            let name = quote::format_ident!("Long");
            assert_eq!(crate::rust::types::alias_text(&[], &name, &long), None);
            for file in COGNITO {
                if let Some(model) = corpus_model(file) {
                    let accepted = aliases_match(&model);
                    assert!(accepted > 50, "{file}: {accepted} aliases");
                }
            }
        }

        #[test]
        fn cognito_enums_print_as_prettyplease_prints_them() {
            for file in COGNITO {
                if let Some(model) = corpus_model(file) {
                    let (accepted, total) = enums_match(&model);
                    eprintln!("{file}: {accepted} of {total} enums written as text");
                    assert!(total > 30, "{file}: {total} enums");
                    assert_eq!(accepted, total, "{file}");
                }
            }
        }

        #[test]
        fn cognito_structures_print_as_prettyplease_prints_them() {
            for file in COGNITO {
                if let Some(model) = corpus_model(file) {
                    let (accepted, total) = structures_match(&model);
                    eprintln!("{file}: {accepted} of {total} structures written as text");
                    assert!(total > 100, "{file}: {total} structures");
                    assert!(accepted * 10 >= total * 9, "{file}: {accepted} of {total}");
                }
            }
        }
    }
}
