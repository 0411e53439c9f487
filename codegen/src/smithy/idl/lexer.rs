//! Splits Smithy IDL text into tokens, keeping whitespace, commas and comments as tokens of their
//! own (the IDL grammar is whitespace sensitive), each with its 1-based line and column.
//!
//! Lexing never fails: a malformed piece of text becomes an [`Tok::Error`] token carrying its
//! message, and the parser reports it when (and only if) it reaches it.

use serde_json::Number;

use super::strings::{decode_quoted, decode_text_block};

/// A 1-based line and column (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub col: usize,
}

/// The kinds of token.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    /// One or more spaces or tabs.
    Space,
    /// `\n`, `\r\n` or `\r`.
    Newline,
    /// `,` (whitespace everywhere outside strings).
    Comma,
    /// `// ...` up to and including the line break.
    Comment,
    /// `/// ...`: the line's text, without the slashes, one leading space and the line break.
    DocComment(String),
    /// `@`
    At,
    /// `$`
    Dollar,
    /// `.`
    Dot,
    /// `{`
    LBrace,
    /// `}`
    RBrace,
    /// `[`
    LBracket,
    /// `]`
    RBracket,
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// `#`
    Pound,
    /// `=`
    Equal,
    /// `:`
    Colon,
    /// `:=`
    Walrus,
    /// A decoded `"..."` string.
    Str(String),
    /// A decoded `"""..."""` text block.
    TextBlock(String),
    /// A number.
    Number(Number),
    /// An identifier (`[A-Za-z_][A-Za-z0-9_]*`).
    Ident(String),
    /// Text that is not a valid token, with the reason.
    Error(String),
    /// The end of the input.
    Eof,
}

impl Tok {
    /// Whether the token is whitespace in the `WS` production (doc comments excluded).
    pub fn is_ws(&self) -> bool {
        matches!(self, Tok::Space | Tok::Newline | Tok::Comma | Tok::Comment)
    }

    /// The token's name in diagnostics, as in `Expected COLON(':')`.
    pub fn name(&self) -> &'static str {
        match self {
            Tok::Space => "SPACE",
            Tok::Newline => "NEWLINE",
            Tok::Comma => "COMMA",
            Tok::Comment => "COMMENT",
            Tok::DocComment(_) => "DOC_COMMENT",
            Tok::At => "AT",
            Tok::Dollar => "DOLLAR",
            Tok::Dot => "DOT",
            Tok::LBrace => "LBRACE",
            Tok::RBrace => "RBRACE",
            Tok::LBracket => "LBRACKET",
            Tok::RBracket => "RBRACKET",
            Tok::LParen => "LPAREN",
            Tok::RParen => "RPAREN",
            Tok::Pound => "POUND",
            Tok::Equal => "EQUAL",
            Tok::Colon => "COLON",
            Tok::Walrus => "WALRUS",
            Tok::Str(_) => "STRING",
            Tok::TextBlock(_) => "TEXT_BLOCK",
            Tok::Number(_) => "NUMBER",
            Tok::Ident(_) => "IDENTIFIER",
            Tok::Error(_) => "ERROR",
            Tok::Eof => "EOF",
        }
    }
}

/// One token: its kind, where it starts, and its extent in characters of the input.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// What it is.
    pub tok: Tok,
    /// Where it starts.
    pub pos: Pos,
    /// Character offset of its first character.
    pub start: usize,
    /// Character offset just past its last character.
    pub end: usize,
}

/// Splits `text` into tokens; the last token is always [`Tok::Eof`].
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut lexer = Lexer::new(text);
    let mut tokens = Vec::new();
    loop {
        let token = lexer.next_token();
        let done = token.tok == Tok::Eof;
        tokens.push(token);
        if done {
            return tokens;
        }
    }
}

/// The text of a token, for diagnostics.
pub fn lexeme(chars: &[char], token: &Token) -> String {
    chars
        .get(token.start..token.end)
        .map(|slice| slice.iter().collect())
        .unwrap_or_default()
}

/// The input as characters, skipping a leading byte order mark.
pub fn source_chars(text: &str) -> Vec<char> {
    text.strip_prefix('\u{feff}')
        .unwrap_or(text)
        .chars()
        .collect()
}

struct Lexer {
    chars: Vec<char>,
    offset: usize,
    line: usize,
    col: usize,
}

impl Lexer {
    fn new(text: &str) -> Self {
        Lexer {
            chars: source_chars(text),
            offset: 0,
            line: 1,
            col: 1,
        }
    }

    fn peek_at(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.offset + ahead).copied()
    }

    fn peek(&self) -> Option<char> {
        self.peek_at(0)
    }

    fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            col: self.col,
        }
    }

    /// Consumes one character, keeping line and column up to date (`\r\n` is one line break).
    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.offset += 1;
        match c {
            '\n' => self.new_line(),
            '\r' if self.peek() != Some('\n') => self.new_line(),
            _ => self.col += 1,
        }
        Some(c)
    }

    fn new_line(&mut self) {
        self.line += 1;
        self.col = 1;
    }

    fn bump_while(&mut self, keep: impl Fn(char) -> bool) {
        while self.peek().is_some_and(&keep) {
            self.bump();
        }
    }

    fn next_token(&mut self) -> Token {
        let pos = self.pos();
        let start = self.offset;
        let tok = match self.peek() {
            None => Tok::Eof,
            Some(c) => self.lex_from(c),
        };
        let pos = match tok {
            // Unterminated strings are reported where the input ends, bad identifier
            // characters where they are.
            Tok::Error(ref message)
                if message.starts_with("Expected: '\"'")
                    || message.starts_with("Expected a valid identifier character") =>
            {
                self.pos()
            }
            _ => pos,
        };
        Token {
            tok,
            pos,
            start,
            end: self.offset,
        }
    }

    fn lex_from(&mut self, c: char) -> Tok {
        match c {
            ' ' | '\t' => {
                self.bump_while(|c| c == ' ' || c == '\t');
                Tok::Space
            }
            '\n' => self.single(Tok::Newline),
            '\r' => {
                self.bump();
                if self.peek() == Some('\n') {
                    self.bump();
                }
                Tok::Newline
            }
            ',' => self.single(Tok::Comma),
            '@' => self.single(Tok::At),
            '$' => self.single(Tok::Dollar),
            '.' => self.single(Tok::Dot),
            '{' => self.single(Tok::LBrace),
            '}' => self.single(Tok::RBrace),
            '[' => self.single(Tok::LBracket),
            ']' => self.single(Tok::RBracket),
            '(' => self.single(Tok::LParen),
            ')' => self.single(Tok::RParen),
            '#' => self.single(Tok::Pound),
            '=' => self.single(Tok::Equal),
            ':' => {
                self.bump();
                if self.peek() == Some('=') {
                    self.bump();
                    Tok::Walrus
                } else {
                    Tok::Colon
                }
            }
            '"' => self.string(),
            '/' => self.comment(),
            '-' | '0'..='9' => self.number(),
            'A'..='Z' | 'a'..='z' | '_' => self.identifier(),
            other => {
                self.bump();
                Tok::Error(format!("Unexpected character: '{other}'"))
            }
        }
    }

    fn single(&mut self, tok: Tok) -> Tok {
        self.bump();
        tok
    }

    fn comment(&mut self) -> Tok {
        self.bump();
        if self.peek() != Some('/') {
            return Tok::Error("Expected a '/' to follow '/' to form a comment.".to_string());
        }
        self.bump();
        let doc = self.peek() == Some('/');
        if doc {
            self.bump();
            if self.peek() == Some(' ') {
                self.bump();
            }
        }
        let text_start = self.offset;
        self.bump_while(|c| c != '\n' && c != '\r');
        let text: String = self.chars[text_start..self.offset].iter().collect();
        if self.peek() == Some('\r') {
            self.bump();
        }
        if self.peek() == Some('\n') {
            self.bump();
        }
        if doc {
            Tok::DocComment(text)
        } else {
            Tok::Comment
        }
    }

    fn identifier(&mut self) -> Tok {
        let start = self.offset;
        if self.peek() == Some('_') {
            self.bump_while(|c| c == '_');
            match self.peek() {
                Some(c) if c.is_ascii_alphanumeric() => {}
                Some(c) => {
                    return Tok::Error(format!(
                        "Expected a valid identifier character, but found '{c}'"
                    ))
                }
                None => {
                    return Tok::Error(
                        "Expected a valid identifier character, but found '[EOF]'".to_string(),
                    )
                }
            }
        }
        self.bump_while(|c| c.is_ascii_alphanumeric() || c == '_');
        Tok::Ident(self.chars[start..self.offset].iter().collect())
    }

    fn number(&mut self) -> Tok {
        let start = self.offset;
        if self.peek() == Some('-') {
            self.bump();
        }
        if !self.peek().is_some_and(|c| c.is_ascii_digit()) {
            return self.number_error(start, "'-' must be followed by a digit");
        }
        if self.peek() == Some('0') {
            self.bump();
        } else {
            self.bump_while(|c| c.is_ascii_digit());
        }
        let mut is_integer = true;
        if self.peek() == Some('.') {
            is_integer = false;
            self.bump();
            if !self.peek().is_some_and(|c| c.is_ascii_digit()) {
                return self.number_error(start, "'.' must be followed by a digit");
            }
            self.bump_while(|c| c.is_ascii_digit());
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            is_integer = false;
            self.bump();
            if matches!(self.peek(), Some('+' | '-')) {
                self.bump();
            }
            if !self.peek().is_some_and(|c| c.is_ascii_digit()) {
                return self.number_error(start, "'e', '+', and '-' must be followed by a digit");
            }
            self.bump_while(|c| c.is_ascii_digit());
        }
        let lexeme: String = self.chars[start..self.offset].iter().collect();
        match number_value(&lexeme, is_integer) {
            Some(number) => Tok::Number(number),
            None => Tok::Error(format!("Invalid number '{lexeme}': too large to represent")),
        }
    }

    fn number_error(&self, start: usize, reason: &str) -> Tok {
        let lexeme: String = self.chars[start..self.offset].iter().collect();
        Tok::Error(format!("Invalid number '{lexeme}': {reason}"))
    }

    fn string(&mut self) -> Tok {
        self.bump();
        if self.peek() == Some('"') && self.peek_at(1) == Some('"') {
            self.bump();
            self.bump();
            return match self.raw_string_until_close(true) {
                Some(raw) => decode_text_block(&raw)
                    .map(Tok::TextBlock)
                    .unwrap_or_else(|e| Tok::Error(format!("Error parsing text block: {e}"))),
                None => unclosed_string(),
            };
        }
        match self.raw_string_until_close(false) {
            Some(raw) => decode_quoted(&raw)
                .map(Tok::Str)
                .unwrap_or_else(|e| Tok::Error(format!("Error parsing quoted string: {e}"))),
            None => unclosed_string(),
        }
    }

    /// Consumes up to and including the closing delimiter; returns the raw text in between, or
    /// `None` when the input ends first.
    fn raw_string_until_close(&mut self, text_block: bool) -> Option<String> {
        let start = self.offset;
        loop {
            let c = self.peek()?;
            let closes = c == '"'
                && (!text_block || (self.peek_at(1) == Some('"') && self.peek_at(2) == Some('"')));
            if closes {
                let raw = self.chars[start..self.offset].iter().collect();
                let delimiter = if text_block { 3 } else { 1 };
                for _ in 0..delimiter {
                    self.bump();
                }
                return Some(raw);
            }
            self.bump();
            if c == '\\' && self.peek().is_some() {
                self.bump();
            }
        }
    }
}

fn unclosed_string() -> Tok {
    Tok::Error("Expected: '\"', but found '[EOF]'".to_string())
}

/// The JSON number for a numeric lexeme: integers as `i64`/`u64` when they fit, everything else
/// as `f64` (so integers beyond 64 bits lose precision).
fn number_value(lexeme: &str, is_integer: bool) -> Option<Number> {
    if is_integer {
        if let Ok(i) = lexeme.parse::<i64>() {
            return Some(Number::from(i));
        }
        if let Ok(u) = lexeme.parse::<u64>() {
            return Some(Number::from(u));
        }
    }
    lexeme.parse::<f64>().ok().and_then(Number::from_f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<Tok> {
        tokenize(text).into_iter().map(|t| t.tok).collect()
    }

    #[test]
    fn punctuation_and_words() {
        assert_eq!(
            kinds("@foo(a: 1):= $x"),
            vec![
                Tok::At,
                Tok::Ident("foo".into()),
                Tok::LParen,
                Tok::Ident("a".into()),
                Tok::Colon,
                Tok::Space,
                Tok::Number(Number::from(1)),
                Tok::RParen,
                Tok::Walrus,
                Tok::Space,
                Tok::Dollar,
                Tok::Ident("x".into()),
                Tok::Eof
            ]
        );
    }

    #[test]
    fn comments_keep_their_line_break() {
        let tokens = tokenize("// a\n/// doc\r\nx");
        assert_eq!(tokens[0].tok, Tok::Comment);
        assert_eq!(tokens[1].tok, Tok::DocComment("doc".into()));
        assert_eq!(tokens[2].tok, Tok::Ident("x".into()));
        assert_eq!(tokens[2].pos, Pos { line: 3, col: 1 });
    }

    #[test]
    fn numbers() {
        assert_eq!(kinds("-12")[0], Tok::Number(Number::from(-12)));
        assert_eq!(
            kinds("1.5e2")[0],
            Tok::Number(Number::from_f64(150.0).unwrap())
        );
        assert_eq!(
            kinds("18446744073709551615")[0],
            Tok::Number(Number::from(u64::MAX))
        );
        for bad in ["1.", "1.0e", "1.0e+", "-"] {
            assert!(matches!(&kinds(bad)[0], Tok::Error(m) if m.starts_with("Invalid number")));
        }
    }

    #[test]
    fn strings_and_text_blocks() {
        assert_eq!(kinds(r#""a\nb""#)[0], Tok::Str("a\nb".into()));
        assert_eq!(kinds(r#""""#)[0], Tok::Str(String::new()));
        assert_eq!(
            kinds("\"\"\"\n  hi\n  \"\"\"")[0],
            Tok::TextBlock("hi\n".into())
        );
        let unclosed = tokenize("\"abc");
        assert!(matches!(&unclosed[0].tok, Tok::Error(m) if m.contains("EOF")));
        assert_eq!(unclosed[0].pos, Pos { line: 1, col: 5 });
    }

    #[test]
    fn bad_characters_become_error_tokens() {
        assert!(matches!(&kinds("%")[0], Tok::Error(m) if m.contains("'%'")));
        assert!(matches!(&kinds("_ ")[0], Tok::Error(_)));
        assert!(matches!(&kinds("/x")[0], Tok::Error(_)));
    }

    #[test]
    fn columns_count_characters() {
        let tokens = tokenize("é x");
        assert_eq!(tokens[2].pos, Pos { line: 1, col: 3 });
    }
}
