//! JSON pointers (RFC 6901): parsing with `~0`/`~1` escapes, percent-decoding of URI fragments,
//! lookup in a `serde_json::Value`, and finding the line and column a pointer names in JSON text
//! (with the scanner in [`crate::diagnostics::locate`]).

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
    let mut out = String::with_capacity(token.len());
    push_escaped(&mut out, token);
    out
}

/// Appends `token` to `out`, escaped (`~` → `~0`, `/` → `~1`).
fn push_escaped(out: &mut String, token: &str) {
    if !token.contains(['~', '/']) {
        out.push_str(token);
        return;
    }
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            _ => out.push(c),
        }
    }
}

/// Appends `/` and `token` (escaped) to `pointer`: the pointer to `token` inside its value.
pub fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    push_escaped(pointer, token);
}

/// The pointer to `token` inside the value at `pointer`.
pub fn child(pointer: &str, token: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + 1 + token.len());
    out.push_str(pointer);
    out.push('/');
    push_escaped(&mut out, token);
    out
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
    tokens
        .iter()
        .try_fold(root, |value, token| step(value, token))
}

/// The value at one token inside `value`: an object member, or an array item.
fn step<'a>(value: &'a Value, token: &str) -> Option<&'a Value> {
    match value {
        Value::Object(map) => super::keywords::get(map, token),
        Value::Array(items) => array_index(token).and_then(|i| items.get(i)),
        _ => None,
    }
}

/// The value at a pointer written as text. Looks tokens up as it reads them, allocating only
/// for a token with escapes (lookups run for every schema the front end visits).
pub fn get_str<'a>(root: &'a Value, pointer: &str) -> Option<&'a Value> {
    if pointer.is_empty() {
        return Some(root);
    }
    let rest = pointer.strip_prefix('/')?;
    let escaped = memchr::memchr(b'~', rest.as_bytes()).is_some();
    let mut value = root;
    let mut start = 0;
    loop {
        let end = memchr::memchr(b'/', &rest.as_bytes()[start..]).map_or(rest.len(), |i| start + i);
        let token = &rest[start..end];
        value = if escaped && token.contains('~') {
            step(value, &unescape_token(token).ok()?)?
        } else {
            step(value, token)?
        };
        if end == rest.len() {
            return Some(value);
        }
        start = end + 1;
    }
}

/// An array index token: decimal, without leading zeros.
pub fn array_index(token: &str) -> Option<usize> {
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
/// `text`, or `None` when the text is not JSON or has no such value. The scanner is shared with
/// every front end: see [`crate::diagnostics::locate`].
pub fn line_col(text: &str, pointer: &str) -> Option<(usize, usize)> {
    crate::diagnostics::locate::json_line_col(text, pointer)
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
        assert_eq!(escape_token("~1/"), "~01~1");
        assert_eq!(child("/a", "b/c"), "/a/b~1c");
        assert_eq!(child("", "plain"), "/plain");
    }

    #[test]
    fn lookup_follows_objects_and_array_indexes() {
        let doc = json!({"a/b": [10, {"~": true}], "": 1});
        assert_eq!(get_str(&doc, "/a~1b/1/~0"), Some(&json!(true)));
        assert_eq!(get_str(&doc, "/"), Some(&json!(1)));
        assert_eq!(get_str(&doc, "/a~1b/01"), None);
        assert_eq!(get_str(&doc, "/a~1b/2"), None);
        assert_eq!(get_str(&doc, ""), Some(&doc));
        assert_eq!(get_str(&doc, "a~1b"), None);
        assert_eq!(get_str(&doc, "/a~2b"), None);
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
