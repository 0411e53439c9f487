//! Decodes the contents of IDL quoted strings and text blocks: line ending normalization,
//! incidental whitespace removal for text blocks, and escape sequences.

/// Decodes the raw text between the quotes of a `"..."` string.
pub fn decode_quoted(raw: &str) -> Result<String, String> {
    unescape(&normalize_newlines(raw), false)
}

/// Decodes the raw text between the delimiters of a `"""..."""` text block: the opening line
/// break is dropped, the common indentation removed, trailing spaces trimmed, then escapes
/// expanded (in that order, as the spec says).
pub fn decode_text_block(raw: &str) -> Result<String, String> {
    let normalized = normalize_newlines(raw);
    let formatted = format_text_block(&normalized)?;
    unescape(&formatted, true)
}

/// Turns `\r\n` and lone `\r` into `\n`.
fn normalize_newlines(raw: &str) -> String {
    if !raw.contains('\r') {
        return raw.to_string();
    }
    raw.replace("\r\n", "\n").replace('\r', "\n")
}

/// Removes the incidental whitespace of a text block (before escapes are expanded).
fn format_text_block(content: &str) -> Result<String, String> {
    if content.is_empty() {
        return Err("Text block is empty".to_string());
    }
    let Some((first, _)) = content.split_once('\n') else {
        return Err("Text block must start with a new line".to_string());
    };
    if !first.chars().all(|c| c == ' ') {
        return Err("Text block must start with a new line".to_string());
    }
    let lines: Vec<&str> = content.split('\n').skip(1).collect();
    let last = lines.len().saturating_sub(1);
    let padding = lines
        .iter()
        .enumerate()
        .filter_map(|(i, line)| leading_spaces(line, i == last))
        .min()
        .unwrap_or(0);
    let mut out = String::with_capacity(content.len());
    for (i, line) in lines.iter().enumerate() {
        if !line.is_empty() {
            out.push_str(trim_text_block_line(line, padding));
        }
        if i < last {
            out.push('\n');
        }
    }
    Ok(out)
}

/// The number of leading spaces of a line; `None` for a line of only spaces, unless it is the
/// last line (the one holding the closing delimiter), whose indentation always counts.
fn leading_spaces(line: &str, is_last: bool) -> Option<usize> {
    match line.bytes().position(|b| b != b' ') {
        Some(offset) => Some(offset),
        None if is_last => Some(line.len()),
        None => None,
    }
}

/// One text block line without its incidental indentation and trailing spaces.
fn trim_text_block_line(line: &str, padding: usize) -> &str {
    let bytes = line.as_bytes();
    let start = padding.min(bytes.len());
    // Mirrors the reference implementation: trailing spaces are trimmed down to, but never
    // including, the line's first character.
    let mut end = bytes.len() - 1;
    while end > 0 && bytes[end] == b' ' {
        end -= 1;
    }
    if end >= start {
        // `start` only skips ASCII spaces and `end` stops on a non-space or at 0, so both are
        // character boundaries unless the line is a single multi-byte character.
        line.get(start..=end).unwrap_or(line)
    } else {
        ""
    }
}

/// Expands escapes and rejects characters a quoted string may not hold.
fn unescape(text: &str, text_block: bool) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    let mut pending_high: Option<u16> = None;
    while let Some(c) = chars.next() {
        if c != '\\' {
            if pending_high.is_some() {
                return Err(unpaired_surrogate());
            }
            if !is_valid_string_char(c, text_block) {
                return Err(format!("Invalid string character: `{}`", c.escape_debug()));
            }
            out.push(c);
            continue;
        }
        let Some(escaped) = chars.next() else {
            return Err("Invalid escape found in string: `\\`".to_string());
        };
        if escaped == 'u' {
            let unit = read_unicode_escape(&mut chars)?;
            push_utf16_unit(&mut out, &mut pending_high, unit)?;
            continue;
        }
        if pending_high.is_some() {
            return Err(unpaired_surrogate());
        }
        match escaped {
            '"' => out.push('"'),
            '\\' => out.push('\\'),
            '/' => out.push('/'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            '\n' => {}
            other => return Err(format!("Invalid escape found in string: `\\{other}`")),
        }
    }
    if pending_high.is_some() {
        return Err(unpaired_surrogate());
    }
    Ok(out)
}

fn unpaired_surrogate() -> String {
    "Invalid unicode escape: unpaired UTF-16 surrogate".to_string()
}

/// Reads the four hex digits after `\u`.
fn read_unicode_escape(chars: &mut std::str::Chars<'_>) -> Result<u16, String> {
    let mut value: u16 = 0;
    for _ in 0..4 {
        let Some(c) = chars.next() else {
            return Err("Invalid unclosed unicode escape found in string".to_string());
        };
        let Some(digit) = c.to_digit(16) else {
            return Err(format!("Invalid unicode escape character: `{c}`"));
        };
        // Four hex digits always fit in 16 bits.
        value = (value << 4) | digit as u16;
    }
    Ok(value)
}

/// Appends one UTF-16 code unit, pairing surrogates.
fn push_utf16_unit(
    out: &mut String,
    pending_high: &mut Option<u16>,
    unit: u16,
) -> Result<(), String> {
    match (pending_high.take(), unit) {
        (None, 0xD800..=0xDBFF) => {
            *pending_high = Some(unit);
            Ok(())
        }
        (Some(high), 0xDC00..=0xDFFF) => {
            let code = 0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(unit) - 0xDC00);
            let c = char::from_u32(code).ok_or_else(unpaired_surrogate)?;
            out.push(c);
            Ok(())
        }
        (None, _) => {
            let c = char::from_u32(u32::from(unit)).ok_or_else(unpaired_surrogate)?;
            out.push(c);
            Ok(())
        }
        (Some(_), _) => Err(unpaired_surrogate()),
    }
}

/// Characters allowed unescaped (the `QuotedChar` production).
fn is_valid_string_char(c: char, text_block: bool) -> bool {
    matches!(c, '\t' | '\n' | '\r')
        || (' '..='!').contains(&c)
        || (text_block && c == '"')
        || ('#'..='[').contains(&c)
        || c >= ']'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_escapes_expand() {
        assert_eq!(
            decode_quoted(r#"a\"b\\c\/d\n\t\u0041"#).unwrap(),
            "a\"b\\c/d\n\tA"
        );
        assert_eq!(decode_quoted("line\\\nnext").unwrap(), "linenext");
        assert_eq!(decode_quoted(r"\uD83D\uDE00").unwrap(), "😀");
    }

    #[test]
    fn quoted_rejects_bad_escapes() {
        assert!(decode_quoted(r"\'").unwrap_err().contains("Invalid escape"));
        assert!(decode_quoted(r"\ua")
            .unwrap_err()
            .contains("unclosed unicode"));
        assert!(decode_quoted(r"\uaaat").unwrap_err().contains("`t`"));
        assert!(decode_quoted(r"\uD83D").is_err());
    }

    #[test]
    fn crlf_is_normalized() {
        assert_eq!(decode_quoted("a\r\nb\rc").unwrap(), "a\nb\nc");
    }

    #[test]
    fn text_block_strips_common_indentation() {
        let raw = "\n        <div>\n            <p>Hello!</p>\n        </div>\n        ";
        assert_eq!(
            decode_text_block(raw).unwrap(),
            "<div>\n    <p>Hello!</p>\n</div>\n"
        );
    }

    #[test]
    fn text_block_closing_delimiter_sets_margin() {
        let raw = "\n    Foo\n        Baz\n    Bar\n";
        assert_eq!(
            decode_text_block(raw).unwrap(),
            "    Foo\n        Baz\n    Bar\n"
        );
    }

    #[test]
    fn text_block_spec_example() {
        let raw = "\n    Foo\n        Baz\n\n  \n    Bar\n    ";
        assert_eq!(decode_text_block(raw).unwrap(), "Foo\n    Baz\n\n\nBar\n");
    }

    #[test]
    fn text_block_escapes_after_indentation() {
        let raw = "\n    Foo \\\n    Baz \\\n    Bam";
        assert_eq!(decode_text_block(raw).unwrap(), "Foo Baz Bam");
        let quotes = "\n    foo \\\"\"\"\n    baz";
        assert_eq!(decode_text_block(quotes).unwrap(), "foo \"\"\"\nbaz");
    }

    #[test]
    fn text_block_errors() {
        assert_eq!(decode_text_block("").unwrap_err(), "Text block is empty");
        assert!(decode_text_block("Hi").unwrap_err().contains("new line"));
        assert!(decode_text_block("\n    \\ua").is_err());
    }
}
