//! Finds where a diagnostic points in its input text: JSON pointers and Smithy shape ids become a
//! 1-based line and column (in characters), in JSON, YAML and Smithy IDL files.
//!
//! Front ends report a location (a JSON pointer such as `/properties/a`, or a shape id such as
//! `ns#Name$member`); [`Locator`] turns it into a position once, after loading, with the source
//! texts at hand. Every scanner here is iterative: no input, however deep, can overflow the stack.
//! When the exact value is not in the text (a member that a mixin brings in, a pointer into a
//! merged document), the position is that of the nearest enclosing value that is.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::input::{Format, Source};
use crate::jsonschema::pointer;
use crate::model::Model;

/// Turns diagnostic locations into line and column, for diagnostics about the given sources.
/// Objects it walks through are indexed once, so locating many diagnostics in one big file
/// (thousands of naming warnings in a large model) stays linear in the file's size.
#[derive(Debug, Default)]
pub struct Locator<'a> {
    texts: HashMap<String, (&'a str, Format)>,
    shape_pointers: HashMap<String, (String, String)>,
    /// (file, object offset) → its members: key → (key offset, value offset).
    objects: RefCell<HashMap<(String, usize), ObjectIndex>>,
}

/// The members of one JSON object: key → (offset of the key, offset of the value).
type ObjectIndex = HashMap<String, (usize, usize)>;

impl<'a> Locator<'a> {
    /// A locator for diagnostics about `sources` (matched by [`Source::display_name`]).
    pub fn new(sources: &'a [Source]) -> Self {
        let texts = sources
            .iter()
            .map(|s| (s.display_name(), (s.text.as_str(), s.format)))
            .collect();
        Locator {
            texts,
            shape_pointers: HashMap::new(),
            objects: RefCell::new(HashMap::new()),
        }
    }

    /// Also maps the shape ids of `model` to the pointers they were defined at, so back-end
    /// diagnostics that name a JSON Schema shape by id find its definition.
    pub fn with_model(mut self, model: &Model) -> Self {
        let shapes = model.shapes.iter().map(|(id, s)| (id, &s.source));
        let operations = model.operations.iter().map(|(id, o)| (id, &o.source));
        for (id, source) in shapes.chain(operations) {
            let place = (source.file.to_string(), source.pointer.clone());
            self.shape_pointers.insert(id.to_string(), place);
        }
        self
    }

    /// Every diagnostic, with a position added where one can be found.
    pub fn locate_all(&self, diagnostics: Diagnostics) -> Diagnostics {
        let mut out = Diagnostics::new();
        for diagnostic in diagnostics {
            out.push(self.locate(diagnostic));
        }
        out
    }

    /// The diagnostic with a line and column, unless it has one or none can be found.
    pub fn locate(&self, diagnostic: Diagnostic) -> Diagnostic {
        if diagnostic.line_col.is_some() || diagnostic.location.is_empty() {
            return diagnostic;
        }
        let Some(&(text, format)) = self.texts.get(&diagnostic.file) else {
            return diagnostic;
        };
        match self.offset_in(text, format, &diagnostic.file, &diagnostic.location) {
            Some(offset) => {
                let (line, column) = line_col_of_offset(text, offset);
                diagnostic.at(line, column)
            }
            None => diagnostic,
        }
    }

    fn offset_in(&self, text: &str, format: Format, file: &str, location: &str) -> Option<usize> {
        if format == Format::SmithyIdl {
            return idl_definition_offset(text, location);
        }
        let is_json = matches!(text.trim_start().as_bytes().first(), Some(b'{' | b'['));
        let mut nearest: Option<(usize, usize)> = None;
        for candidate in self.pointers_for(file, location) {
            let Ok(tokens) = pointer::parse(&candidate) else {
                continue;
            };
            let found = if is_json {
                self.json_find(file, text, &tokens)
            } else {
                yaml_find(text, &tokens)
            };
            let Some((offset, depth)) = found else {
                continue;
            };
            if depth == tokens.len() {
                return Some(offset);
            }
            if nearest.map_or(true, |(_, best)| depth > best) {
                nearest = Some((offset, depth));
            }
        }
        nearest.map(|(offset, _)| offset)
    }

    /// [`JsonScanner::find`], with every object on the way indexed once per file.
    fn json_find(&self, file: &str, text: &str, tokens: &[String]) -> Option<(usize, usize)> {
        let mut scanner = JsonScanner::new(text);
        scanner.skip_space();
        scanner.peek()?;
        let mut found = 0;
        let mut last = scanner.at;
        for token in tokens {
            let key = match scanner.peek()? {
                b'{' => {
                    let entry = self.member(file, text, scanner.at, token);
                    entry.map(|(key, value)| {
                        scanner.at = value;
                        Some(key)
                    })
                }
                b'[' => pointer::array_index(token)
                    .and_then(|i| scanner.enter_element(i))
                    .map(|()| None),
                _ => None,
            };
            let Some(key) = key else {
                break;
            };
            scanner.skip_space();
            found += 1;
            let is_container = matches!(scanner.peek(), Some(b'{' | b'['));
            last = match key {
                Some(key_offset) if is_container => key_offset,
                _ => scanner.at,
            };
        }
        Some((last, found))
    }

    /// The key and value offsets of member `token` of the object at `object`.
    fn member(&self, file: &str, text: &str, object: usize, token: &str) -> Option<(usize, usize)> {
        let mut objects = self.objects.borrow_mut();
        let index = objects
            .entry((file.to_string(), object))
            .or_insert_with(|| index_object(text, object));
        index.get(token).copied()
    }

    /// The pointers a location may mean, most precise first; the last ones are the enclosing
    /// shape, so that something is found when the member is not written in this file.
    fn pointers_for(&self, file: &str, location: &str) -> Vec<String> {
        if location.starts_with('/') {
            return vec![location.to_string()];
        }
        let (shape, member) = match location.split_once('$') {
            Some((shape, member)) => (shape, Some(member)),
            None => (location, None),
        };
        let base = match self.shape_pointers.get(shape) {
            Some((defined_in, pointer_text)) if defined_in == file => pointer_text.clone(),
            _ => format!("/shapes/{}", pointer::escape_token(shape)),
        };
        let mut pointers = Vec::new();
        if let Some(member) = member {
            let member = pointer::escape_token(member);
            for container in ["members", "properties"] {
                pointers.push(format!("{base}/{container}/{member}"));
            }
            if matches!(member.as_str(), "member" | "key" | "value") {
                pointers.push(format!("{base}/{member}"));
            }
        }
        pointers.push(base);
        pointers
    }
}

/// The 1-based line and column (in characters) of a byte offset. An offset past the end, or
/// inside a character, is taken back to the nearest character boundary.
pub fn line_col_of_offset(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text.as_bytes()[..offset];
    let line = memchr::memchr_iter(b'\n', before).count() + 1;
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    (line, text[line_start..offset].chars().count() + 1)
}

/// The byte offset of a 1-based line and column (in characters), clamped to the line's end;
/// `None` past the last line. Column 0 (which some parsers report at the end of input) is read
/// as column 1.
pub fn offset_of_line_col(text: &str, line: usize, column: usize) -> Option<usize> {
    let line_start = if line <= 1 {
        0
    } else {
        memchr::memchr_iter(b'\n', text.as_bytes()).nth(line - 2)? + 1
    };
    let line_text = text[line_start..].split('\n').next().unwrap_or("");
    let within = line_text
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line_text.len(), |(i, _)| i);
    Some(line_start + within)
}

/// The line and column of the value at `pointer` in the JSON `text`, or `None` when the text
/// is not JSON or has no such value.
pub fn json_line_col(text: &str, pointer_text: &str) -> Option<(usize, usize)> {
    let tokens = pointer::parse(pointer_text).ok()?;
    let mut scanner = JsonScanner::new(text);
    let (offset, found) = scanner.find(&tokens)?;
    (found == tokens.len()).then(|| line_col_of_offset(text, offset))
}

/// The offset of the value at `tokens` in the JSON `text`, or of the nearest enclosing value
/// that is there. `None` when the text is not JSON.
pub fn json_offset(text: &str, tokens: &[String]) -> Option<usize> {
    JsonScanner::new(text)
        .find(tokens)
        .map(|(offset, _)| offset)
}

/// The members of the object starting at `object` (the first of repeated keys wins); as many
/// as can be read when the object is malformed.
fn index_object(text: &str, object: usize) -> ObjectIndex {
    let mut index = ObjectIndex::new();
    let mut scanner = JsonScanner::new(text);
    scanner.at = object + 1;
    loop {
        scanner.skip_space();
        if scanner.peek() != Some(b'"') {
            return index;
        }
        let key_offset = scanner.at;
        let Some(key) = scanner.string() else {
            return index;
        };
        scanner.skip_space();
        if scanner.expect(b':').is_none() {
            return index;
        }
        scanner.skip_space();
        index.entry(key).or_insert((key_offset, scanner.at));
        if scanner.skip_value().is_none() {
            return index;
        }
        scanner.skip_space();
        if scanner.peek() == Some(b',') {
            scanner.at += 1;
        }
    }
}

/// A minimal JSON scanner that walks down a pointer without building values.
struct JsonScanner<'t> {
    text: &'t str,
    bytes: &'t [u8],
    at: usize,
}

impl<'t> JsonScanner<'t> {
    fn new(text: &'t str) -> Self {
        JsonScanner {
            text,
            bytes: text.as_bytes(),
            at: 0,
        }
    }

    /// The offset of the deepest value on the way to `tokens` (of its key, when it is an object
    /// or array inside an object: a whole block is best shown by its name), and how many tokens
    /// were found.
    fn find(&mut self, tokens: &[String]) -> Option<(usize, usize)> {
        self.skip_space();
        self.peek()?;
        let mut found = 0;
        let mut last = self.at;
        for token in tokens {
            let key = match self.peek()? {
                b'{' => self.enter_member(token).map(Some),
                b'[' => pointer::array_index(token)
                    .and_then(|i| self.enter_element(i))
                    .map(|()| None),
                _ => None,
            };
            let Some(key) = key else {
                break;
            };
            self.skip_space();
            found += 1;
            let is_container = matches!(self.peek(), Some(b'{' | b'['));
            last = match key {
                Some(key_offset) if is_container => key_offset,
                _ => self.at,
            };
        }
        Some((last, found))
    }

    /// Moves to the value of member `wanted`; returns the offset of its key.
    fn enter_member(&mut self, wanted: &str) -> Option<usize> {
        self.at += 1;
        loop {
            self.skip_space();
            if self.peek()? == b'}' {
                return None;
            }
            let key_offset = self.at;
            let key = self.string()?;
            self.skip_space();
            self.expect(b':')?;
            self.skip_space();
            if key == wanted {
                return Some(key_offset);
            }
            self.skip_value()?;
            self.skip_space();
            if self.peek()? == b',' {
                self.at += 1;
            }
        }
    }

    fn enter_element(&mut self, index: usize) -> Option<()> {
        self.at += 1;
        for _ in 0..index {
            self.skip_space();
            if self.peek()? == b']' {
                return None;
            }
            self.skip_value()?;
            self.skip_space();
            self.expect(b',')?;
        }
        self.skip_space();
        (self.peek()? != b']').then_some(())
    }

    fn skip_value(&mut self) -> Option<()> {
        match self.peek()? {
            b'"' => self.skip_string(),
            b'{' | b'[' => self.skip_nested(),
            _ => {
                while self
                    .peek()
                    .is_some_and(|b| !matches!(b, b',' | b'}' | b']') && !b.is_ascii_whitespace())
                {
                    self.at += 1;
                }
                Some(())
            }
        }
    }

    /// Skips a whole object or array, counting depth instead of recursing. Only its own kind
    /// of bracket is counted (the other kind nests evenly inside it), so the scan can jump from
    /// one string or bracket to the next.
    fn skip_nested(&mut self) -> Option<()> {
        let (open, close) = match self.peek()? {
            b'{' => (b'{', b'}'),
            _ => (b'[', b']'),
        };
        let mut depth = 0usize;
        loop {
            let rest = self.bytes.get(self.at..)?;
            self.at += memchr::memchr3(b'"', open, close, rest)?;
            match self.bytes[self.at] {
                b'"' => {
                    self.skip_string()?;
                    continue;
                }
                byte if byte == open => depth += 1,
                _ => {
                    depth = depth.checked_sub(1)?;
                    if depth == 0 {
                        self.at += 1;
                        return Some(());
                    }
                }
            }
            self.at += 1;
        }
    }

    /// Reads a string literal and returns its decoded text.
    fn string(&mut self) -> Option<String> {
        let start = self.at;
        self.skip_string()?;
        serde_json::from_str(self.text.get(start..self.at)?).ok()
    }

    /// Moves past a string literal without decoding it (most of a scan skips strings).
    fn skip_string(&mut self) -> Option<()> {
        self.expect(b'"')?;
        loop {
            let rest = self.bytes.get(self.at..)?;
            let found = memchr::memchr2(b'"', b'\\', rest)?;
            self.at += found;
            if self.bytes[self.at] == b'\\' {
                self.at += 2;
            } else {
                self.at += 1;
                return Some(());
            }
        }
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.at += 1)
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.at += 1;
        }
    }
}

/// One non-blank, non-comment line of a YAML block, as an indentation and its content.
#[derive(Debug, Clone, Copy)]
struct YamlLine<'t> {
    indent: usize,
    offset: usize,
    content: &'t str,
}

/// The offset of the value at `tokens` in block-style YAML `text`, or of the nearest enclosing
/// entry found. Flow collections (`{a: 1}`, `[1, 2]`) and multi-line scalars are not entered:
/// the position is then that of the entry holding them.
pub fn yaml_offset(text: &str, tokens: &[String]) -> Option<usize> {
    yaml_find(text, tokens).map(|(offset, _)| offset)
}

/// [`yaml_offset`], and how many tokens were found.
fn yaml_find(text: &str, tokens: &[String]) -> Option<(usize, usize)> {
    let mut block = yaml_lines(text);
    let mut found = (block.first()?.offset, 0);
    for token in tokens {
        let Some((offset, inner)) = yaml_enter(&block, token) else {
            break;
        };
        found = (offset, found.1 + 1);
        block = inner;
    }
    Some(found)
}

fn yaml_lines(text: &str) -> Vec<YamlLine<'_>> {
    let mut lines = Vec::new();
    let mut offset = 0;
    for raw in text.split('\n') {
        let trimmed = raw.trim_start_matches(' ');
        let content = trimmed.trim_end();
        let is_document_marker = content == "---" || content == "...";
        if !content.is_empty() && !content.starts_with('#') && !is_document_marker {
            let indent = raw.len() - trimmed.len();
            lines.push(YamlLine {
                indent,
                offset: offset + indent,
                content,
            });
        }
        offset += raw.len() + 1;
    }
    lines
}

/// Finds `token` among the entries of `block` (the lines of one node): a mapping key, or a
/// sequence index. Returns the entry's offset and the lines of its value.
fn yaml_enter<'t>(block: &[YamlLine<'t>], token: &str) -> Option<(usize, Vec<YamlLine<'t>>)> {
    let indent = block.iter().map(|l| l.indent).min()?;
    let entries: Vec<usize> = (0..block.len())
        .filter(|&i| block[i].indent == indent)
        .collect();
    let is_sequence = entries.iter().all(|&i| is_sequence_item(block[i].content));
    let chosen = if is_sequence {
        *entries.get(pointer::array_index(token)?)?
    } else {
        *entries
            .iter()
            .find(|&&i| yaml_key(block[i].content) == Some(token))?
    };
    let line = block[chosen];
    let end = (chosen + 1..block.len())
        .find(|&i| block[i].indent <= indent)
        .unwrap_or(block.len());
    let mut inner: Vec<YamlLine<'t>> = block[chosen + 1..end].to_vec();
    let rest = if is_sequence {
        line.content[1..].trim_start()
    } else {
        yaml_value_text(line.content)
    };
    if !rest.is_empty() {
        let offset = line.offset + (line.content.len() - rest.len());
        let first = YamlLine {
            indent: line.indent + (line.content.len() - rest.len()),
            offset,
            content: rest,
        };
        inner.insert(0, first);
        return Some((offset, inner));
    }
    Some((line.offset, inner))
}

fn is_sequence_item(content: &str) -> bool {
    content == "-" || content.starts_with("- ")
}

/// The key of a `key: value` line, unquoted.
fn yaml_key(content: &str) -> Option<&str> {
    let (key, _) = split_yaml_entry(content)?;
    let unquoted = key
        .strip_prefix('"')
        .and_then(|k| k.strip_suffix('"'))
        .or_else(|| key.strip_prefix('\'').and_then(|k| k.strip_suffix('\'')));
    Some(unquoted.unwrap_or(key))
}

/// The value text after `key:` on the same line, or empty.
fn yaml_value_text(content: &str) -> &str {
    split_yaml_entry(content).map_or("", |(_, value)| value.trim_start())
}

/// Splits `key: value` at the first `:` that ends the line or is followed by a space, outside
/// quotes.
fn split_yaml_entry(content: &str) -> Option<(&str, &str)> {
    let bytes = content.as_bytes();
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') if i == 0 => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b':') if bytes.get(i + 1).map_or(true, |n| *n == b' ') => {
                return Some((content[..i].trim_end(), &content[i + 1..]));
            }
            _ => {}
        }
    }
    None
}

/// Shape keywords of the Smithy IDL that start a definition.
const IDL_SHAPE_KEYWORDS: &[&str] = &[
    "structure",
    "union",
    "enum",
    "intEnum",
    "list",
    "set",
    "map",
    "string",
    "blob",
    "boolean",
    "byte",
    "short",
    "integer",
    "long",
    "float",
    "double",
    "bigInteger",
    "bigDecimal",
    "timestamp",
    "document",
    "operation",
    "service",
    "resource",
    "apply",
];

/// The offset where the shape (or member) a shape id names is defined in Smithy IDL `text`:
/// the shape's name after its keyword, then the member's name inside the shape's body.
pub fn idl_definition_offset(text: &str, location: &str) -> Option<usize> {
    let (shape, member) = match location.split_once('$') {
        Some((shape, member)) => (shape, Some(member)),
        None => (location, None),
    };
    let name = shape.rsplit_once('#').map_or(shape, |(_, name)| name);
    let shape_offset = idl_shape_offset(text, name)?;
    let member_offset = member.and_then(|m| idl_member_offset(text, shape_offset, m));
    Some(member_offset.unwrap_or(shape_offset))
}

fn idl_shape_offset(text: &str, name: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split('\n') {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let mut words = trimmed.split_whitespace();
        let keyword = words.next().unwrap_or("");
        let defined = words.next().map(identifier_prefix);
        if IDL_SHAPE_KEYWORDS.contains(&keyword) && defined == Some(name) {
            let after_keyword = &trimmed[keyword.len()..];
            let gap = after_keyword.len() - after_keyword.trim_start().len();
            return Some(offset + indent + keyword.len() + gap);
        }
        offset += line.len() + 1;
    }
    None
}

/// The member's name in the lines after its shape's definition, up to the next definition.
fn idl_member_offset(text: &str, shape_offset: usize, member: &str) -> Option<usize> {
    let after = text.get(shape_offset..)?;
    let mut offset = shape_offset;
    for (index, line) in after.split('\n').enumerate() {
        let trimmed = line.trim_start();
        let first = trimmed.split_whitespace().next().unwrap_or("");
        if index > 0 && line.len() == trimmed.len() && IDL_SHAPE_KEYWORDS.contains(&first) {
            return None;
        }
        let word = identifier_prefix(trimmed.trim_start_matches('$'));
        let rest = trimmed
            .trim_start_matches('$')
            .get(word.len()..)
            .unwrap_or("");
        let ends_name = rest.is_empty() || rest.starts_with([':', '=', ' ', '\t', '\r']);
        if index > 0 && word == member && ends_name {
            return Some(offset + line.len() - trimmed.len());
        }
        offset += line.len() + 1;
    }
    None
}

fn identifier_prefix(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(pointer_text: &str) -> Vec<String> {
        pointer::parse(pointer_text).unwrap()
    }

    #[test]
    fn json_positions_point_at_the_value() {
        let text = "{\n  \"a\": {\"x\": [1, \"é\", {\"b\\\"\": 2}]},\n  \"c\": 3\n}";
        assert_eq!(json_line_col(text, ""), Some((1, 1)));
        assert_eq!(json_line_col(text, "/c"), Some((3, 8)));
        assert_eq!(json_line_col(text, "/a/x/2/b\""), Some((2, 31)));
        assert_eq!(json_line_col(text, "/a/x/9"), None);
        assert_eq!(json_line_col("not json", "/a"), None);
    }

    #[test]
    fn a_missing_json_value_falls_back_to_its_parent() {
        let text = "{\"a\": {\"b\": 1}}";
        let offset = json_offset(text, &tokens("/a/zzz/y")).unwrap();
        assert_eq!(
            &text[offset..offset + 3],
            "\"a\"",
            "an object is shown by its key"
        );
    }

    #[test]
    fn deep_json_is_scanned_without_recursion() {
        let depth = 100_000;
        let text = format!(
            "{{\"a\": {}{}, \"b\": 1}}",
            "[".repeat(depth),
            "]".repeat(depth)
        );
        assert_eq!(json_line_col(&text, "/b"), Some((1, 2 * depth + 14)));
    }

    #[test]
    fn yaml_positions_follow_block_mappings_and_sequences() {
        let text = "# c\nopenapi: 3.0.0\ncomponents:\n  schemas:\n    A:\n      type: object\n      required:\n        - x\n        - y\n    B: {type: string}\n";
        let at = |p: &str| line_col_of_offset(text, yaml_offset(text, &tokens(p)).unwrap());
        assert_eq!(at("/components/schemas/A/type"), (6, 13));
        assert_eq!(at("/components/schemas/A/required/1"), (9, 11));
        assert_eq!(at("/components/schemas/B"), (10, 8));
        assert_eq!(at("/components/schemas/B/type"), (10, 8));
        assert_eq!(at("/components/nothing"), (3, 1));
    }

    #[test]
    fn yaml_sequences_of_mappings_are_entered() {
        let text = "items:\n  - name: a\n    value: 1\n  - name: b\n    value: 2\n";
        let at = |p: &str| line_col_of_offset(text, yaml_offset(text, &tokens(p)).unwrap());
        assert_eq!(at("/items/1/value"), (5, 12));
        assert_eq!(at("/items/0/name"), (2, 11));
    }

    #[test]
    fn idl_shape_ids_find_definitions_and_members() {
        let text = "$version: \"2\"\nnamespace a.b\n\nstructure Foo {\n    bar: String\n    @required\n    baz: Integer\n}\n\nstring FooBar\n";
        let at = |id: &str| line_col_of_offset(text, idl_definition_offset(text, id).unwrap());
        assert_eq!(at("a.b#Foo"), (4, 11));
        assert_eq!(at("a.b#Foo$baz"), (7, 5));
        assert_eq!(at("a.b#FooBar"), (10, 8));
        assert_eq!(at("a.b#Foo$missing"), (4, 11));
        assert!(idl_definition_offset(text, "a.b#Nope").is_none());
    }

    #[test]
    fn smithy_shape_ids_map_to_json_ast_pointers() {
        let text = "{\"smithy\": \"2.0\", \"shapes\": {\n  \"a#L\": {\"type\": \"list\", \"member\": {\"target\": \"a#X\"}},\n  \"a#S\": {\"type\": \"structure\", \"members\": {\"m\": {\"target\": \"a#X\"}}}\n}}";
        let sources = [Source {
            path: "m.json".into(),
            text: text.to_string(),
            format: Format::SmithyJson,
        }];
        let locator = Locator::new(&sources);
        let at = |location: &str| {
            locator
                .locate(Diagnostic::error("m.json", location, "x"))
                .line_col
        };
        assert_eq!(at("a#S$m"), Some((3, 44)));
        assert_eq!(at("a#L$member"), Some((2, 27)));
        assert_eq!(at("a#S$other"), Some((3, 3)));
        assert_eq!(at("a#Missing"), Some((1, 19)));
    }

    #[test]
    fn many_diagnostics_in_one_file_each_find_their_shape() {
        let shapes: Vec<String> = (0..5000)
            .map(|i| {
                format!("\"a#S{i}\": {{\"type\": \"structure\", \"members\": {{\"m\": {{}}}}}}")
            })
            .collect();
        let text = format!(
            "{{\"smithy\": \"2.0\", \"shapes\": {{\n{}\n}}}}",
            shapes.join(",\n")
        );
        let sources = [Source {
            path: "big.json".into(),
            text,
            format: Format::SmithyJson,
        }];
        let locator = Locator::new(&sources);
        let mut diagnostics = Diagnostics::new();
        for i in 0..5000 {
            diagnostics.push(Diagnostic::warning("big.json", format!("a#S{i}$m"), "x"));
        }
        let located: Vec<_> = locator.locate_all(diagnostics).into_iter().collect();
        assert_eq!(located[0].line_col, Some((2, 43)));
        assert_eq!(located[4999].line_col, Some((5001, 46)));
    }

    #[test]
    fn offsets_and_positions_convert_both_ways() {
        let text = "ab\néc\n";
        assert_eq!(line_col_of_offset(text, 5), (2, 2));
        assert_eq!(offset_of_line_col(text, 2, 2), Some(5));
        assert_eq!(offset_of_line_col(text, 2, 99), Some(6));
        assert_eq!(offset_of_line_col(text, 1, 0), Some(0));
        assert_eq!(offset_of_line_col(text, 9, 1), None);
    }
}
