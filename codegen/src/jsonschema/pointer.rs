//! JSON pointers (RFC 6901): parsing with `~0`/`~1` escapes, percent-decoding of URI fragments,
//! lookup in a `serde_json::Value`, and finding the line and column a pointer names in JSON text.

use serde_json::Value;

/// Splits a pointer (`/a/b~1c`) into its unescaped tokens (`a`, `b/c`). The empty pointer is the
/// whole document.
pub fn parse(pointer: &str) -> Result<Vec<String>, String> {
    if pointer.is_empty() {
        return Ok(Vec::new());
    }
    let Some(rest) = pointer.strip_prefix('/') else {
        return Err(format!("JSON pointer `{pointer}` must start with `/`"));
    };
    rest.split('/').map(unescape_token).collect()
}

/// Undoes `~1` (→ `/`) and `~0` (→ `~`) in one token; any other `~` is an error.
fn unescape_token(token: &str) -> Result<String, String> {
    let mut out = String::with_capacity(token.len());
    let mut chars = token.chars();
    while let Some(c) = chars.next() {
        if c != '~' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('0') => out.push('~'),
            Some('1') => out.push('/'),
            _ => return Err(format!("`~` must be followed by 0 or 1 in token `{token}`")),
        }
    }
    Ok(out)
}

/// Escapes one token for use in a pointer.
pub fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// The pointer to `token` inside the value at `pointer`.
pub fn child(pointer: &str, token: &str) -> String {
    format!("{pointer}/{}", escape_token(token))
}

/// Decodes `%XX` escapes in a URI fragment (`#/definitions/a%20b` → `/definitions/a b`).
pub fn percent_decode(text: &str) -> Result<String, String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'%' {
            out.push(bytes[i]);
            i += 1;
            continue;
        }
        let hex = text
            .get(i + 1..i + 3)
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match hex {
            Some(byte) => out.push(byte),
            None => return Err(format!("bad percent escape in `{text}`")),
        }
        i += 3;
    }
    String::from_utf8(out).map_err(|_| format!("percent escapes in `{text}` are not UTF-8"))
}

/// The value at `tokens` inside `root`, if there is one. Array indexes are decimal without
/// leading zeros.
pub fn get<'a>(root: &'a Value, tokens: &[String]) -> Option<&'a Value> {
    tokens.iter().try_fold(root, |value, token| match value {
        Value::Object(map) => map.get(token),
        Value::Array(items) => array_index(token).and_then(|i| items.get(i)),
        _ => None,
    })
}

/// The value at a pointer written as text.
pub fn get_str<'a>(root: &'a Value, pointer: &str) -> Option<&'a Value> {
    get(root, &parse(pointer).ok()?)
}

fn array_index(token: &str) -> Option<usize> {
    let valid = !token.is_empty()
        && token.bytes().all(|b| b.is_ascii_digit())
        && (token == "0" || !token.starts_with('0'));
    if valid {
        token.parse().ok()
    } else {
        None
    }
}

/// The 1-based line and column (in characters) where the value at `pointer` starts in the JSON
/// `text`, or `None` when the text is not JSON or has no such value.
pub fn line_col(text: &str, pointer: &str) -> Option<(usize, usize)> {
    let tokens = parse(pointer).ok()?;
    let offset = Scanner::new(text).find(&tokens)?;
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Some((line, text[line_start..offset].chars().count() + 1))
}

/// A minimal JSON scanner that walks down a pointer without building values.
struct Scanner<'t> {
    text: &'t str,
    bytes: &'t [u8],
    at: usize,
}

impl<'t> Scanner<'t> {
    fn new(text: &'t str) -> Self {
        Scanner {
            text,
            bytes: text.as_bytes(),
            at: 0,
        }
    }

    /// The offset of the value at `tokens`.
    fn find(&mut self, tokens: &[String]) -> Option<usize> {
        self.skip_space();
        for token in tokens {
            match self.peek()? {
                b'{' => self.enter_member(token)?,
                b'[' => self.enter_element(array_index(token)?)?,
                _ => return None,
            }
            self.skip_space();
        }
        Some(self.at)
    }

    fn enter_member(&mut self, wanted: &str) -> Option<()> {
        self.at += 1;
        loop {
            self.skip_space();
            if self.peek()? == b'}' {
                return None;
            }
            let key = self.string()?;
            self.skip_space();
            self.expect(b':')?;
            self.skip_space();
            if key == wanted {
                return Some(());
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
            b'"' => self.string().map(|_| ()),
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

    fn skip_nested(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            match self.peek()? {
                b'"' => {
                    self.string()?;
                    continue;
                }
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth -= 1;
                    if depth == 0 {
                        self.at += 1;
                        return Some(());
                    }
                }
                _ => {}
            }
            self.at += 1;
        }
    }

    /// Reads a string literal and returns its decoded text.
    fn string(&mut self) -> Option<String> {
        let start = self.at;
        self.expect(b'"')?;
        loop {
            match self.peek()? {
                b'\\' => self.at += 2,
                b'"' => {
                    self.at += 1;
                    break;
                }
                _ => self.at += 1,
            }
        }
        serde_json::from_str(self.text.get(start..self.at)?).ok()
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn tokens_are_unescaped_in_the_right_order() {
        assert_eq!(parse("/a~1b/c~0d/~01").unwrap(), vec!["a/b", "c~d", "~1"]);
        assert_eq!(parse("").unwrap(), Vec::<String>::new());
        assert!(parse("a").is_err());
        assert!(parse("/a~2").is_err());
        assert_eq!(escape_token("a/b~c"), "a~1b~0c");
    }

    #[test]
    fn lookup_follows_objects_and_array_indexes() {
        let doc = json!({"a/b": [10, {"~": true}], "": 1});
        assert_eq!(get_str(&doc, "/a~1b/1/~0"), Some(&json!(true)));
        assert_eq!(get_str(&doc, "/"), Some(&json!(1)));
        assert_eq!(get_str(&doc, "/a~1b/01"), None);
        assert_eq!(get_str(&doc, "/a~1b/2"), None);
    }

    #[test]
    fn percent_escapes_are_decoded() {
        assert_eq!(percent_decode("/a%20b/%25").unwrap(), "/a b/%");
        assert!(percent_decode("/a%2").is_err());
    }

    #[test]
    fn line_and_column_point_at_the_value() {
        let text = "{\n  \"a\": {\"x\": [1, \"é\", {\"b\\\"\": 2}]},\n  \"c\": 3\n}";
        assert_eq!(line_col(text, ""), Some((1, 1)));
        assert_eq!(line_col(text, "/c"), Some((3, 8)));
        assert_eq!(line_col(text, "/a/x/2/b\""), Some((2, 31)));
        assert_eq!(line_col(text, "/a/x/9"), None);
        assert_eq!(line_col("not json", "/a"), None);
    }
}
