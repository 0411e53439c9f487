//! Renders diagnostics for people (with `codespan-reporting`): each one with its file, line and
//! column, the offending source line underlined, and the JSON pointer or shape id it is about.
//!
//! ```text
//! error: unknown shape type `strucutre`
//!   ┌─ model.json:4:22
//!   │
//! 4 │     "ex#Thing": { "type": "strucutre" }
//!   │                           ^^^^^^^^^^^ ex#Thing
//! ```
//!
//! A diagnostic without a position (or whose file cannot be read) is printed with its file and
//! location in a note instead of a snippet.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as ReportSeverity};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::{self, termcolor, Config};

use super::locate::offset_of_line_col;
use super::{Diagnostic, Diagnostics, Severity};

/// The texts of the files that diagnostics name, to show their offending lines.
#[derive(Default)]
pub struct SourceTexts {
    files: Vec<SourceText>,
    ids: HashMap<String, usize>,
}

/// One file's name, text and line starts (found with `memchr`: a model file can have
/// hundreds of thousands of lines, and a diagnostic shows one).
struct SourceText {
    name: String,
    text: String,
    line_starts: Vec<usize>,
}

impl SourceText {
    fn new(name: String, text: String) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|at| at + 1));
        SourceText {
            name,
            text,
            line_starts,
        }
    }

    /// The offset where line `index` starts; the text's length for the line after the last.
    fn line_start(&self, index: usize) -> Result<usize, FilesError> {
        match index.cmp(&self.line_starts.len()) {
            std::cmp::Ordering::Less => Ok(self.line_starts[index]),
            std::cmp::Ordering::Equal => Ok(self.text.len()),
            std::cmp::Ordering::Greater => Err(FilesError::LineTooLarge {
                given: index,
                max: self.line_starts.len() - 1,
            }),
        }
    }
}

impl<'a> Files<'a> for SourceTexts {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, FilesError> {
        Ok(&self.file(id)?.name)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, FilesError> {
        Ok(&self.file(id)?.text)
    }

    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, FilesError> {
        let starts = &self.file(id)?.line_starts;
        Ok(starts
            .binary_search(&byte_index)
            .unwrap_or_else(|next| next - 1))
    }

    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, FilesError> {
        let file = self.file(id)?;
        Ok(file.line_start(line_index)?..file.line_start(line_index + 1)?)
    }
}

impl SourceTexts {
    /// No texts: diagnostics render without snippets.
    pub fn new() -> Self {
        Self::default()
    }

    /// The texts of every file the diagnostics name that can be read now (bytes that are not
    /// UTF-8 are shown as `�`).
    pub fn read_named_files(diagnostics: &Diagnostics) -> Self {
        let mut texts = Self::new();
        for diagnostic in diagnostics.iter() {
            let name = &diagnostic.file;
            if diagnostic.line_col.is_none() || texts.ids.contains_key(name) {
                continue;
            }
            if let Ok(bytes) = std::fs::read(name) {
                let text = String::from_utf8(bytes)
                    .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
                texts.add(name, text);
            }
        }
        texts
    }

    /// Adds (or replaces) the text of the file diagnostics call `name`.
    pub fn add(&mut self, name: &str, text: String) {
        let id = self.files.len();
        self.files.push(SourceText::new(name.to_string(), text));
        self.ids.insert(name.to_string(), id);
    }

    fn file(&self, id: usize) -> Result<&SourceText, FilesError> {
        self.files.get(id).ok_or(FilesError::FileMissing)
    }

    fn text(&self, id: usize) -> &str {
        self.files.get(id).map_or("", |file| file.text.as_str())
    }
}

/// Renders every diagnostic without colours, then a count line (`2 errors, 1 warning`).
pub fn to_string(diagnostics: &Diagnostics, texts: &SourceTexts) -> String {
    let config = Config::default();
    let mut out = String::new();
    for diagnostic in reading_order(diagnostics) {
        let report = report(diagnostic, texts);
        if term::emit_to_string(&mut out, &config, texts, &report).is_err() {
            out.push_str(&format!("{diagnostic}\n"));
        }
    }
    out.push_str(&summary(diagnostics));
    out.push('\n');
    out
}

/// Prints every diagnostic to stderr (coloured on a terminal), reading the files they name for
/// their snippets, then a count line.
pub fn eprint(diagnostics: &Diagnostics) {
    let texts = SourceTexts::read_named_files(diagnostics);
    let choice = if std::io::stderr().is_terminal() {
        termcolor::ColorChoice::Auto
    } else {
        termcolor::ColorChoice::Never
    };
    // Buffered: the renderer writes a snippet a few bytes at a time.
    let mut stream = termcolor::BufferedStandardStream::stderr(choice);
    let config = Config::default();
    for diagnostic in reading_order(diagnostics) {
        let report = report(diagnostic, &texts);
        if term::emit_to_write_style(&mut stream, &config, &texts, &report).is_err() {
            let _ = writeln!(stream, "{diagnostic}");
        }
    }
    let _ = stream.flush();
    if !diagnostics.is_empty() {
        eprintln!("{}", summary(diagnostics));
    }
}

/// The diagnostics by file, then by position (those without one first), as a reader goes.
fn reading_order(diagnostics: &Diagnostics) -> Vec<&Diagnostic> {
    let mut ordered: Vec<&Diagnostic> = diagnostics.iter().collect();
    ordered.sort_by(|a, b| (&a.file, a.line_col).cmp(&(&b.file, b.line_col)));
    ordered
}

/// `N errors, M warnings`, leaving out a zero count (`no problems` when both are).
pub fn summary(diagnostics: &Diagnostics) -> String {
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diagnostics.warnings().count();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (errors, warnings) {
        (0, 0) => "no problems".to_string(),
        (e, 0) => plural(e, "error"),
        (0, w) => plural(w, "warning"),
        (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
    }
}

/// The codespan report of one diagnostic: a labelled snippet when its position is known,
/// otherwise a note naming the file and location.
fn report(diagnostic: &Diagnostic, texts: &SourceTexts) -> Report<usize> {
    let severity = match diagnostic.severity {
        Severity::Error => ReportSeverity::Error,
        Severity::Warning => ReportSeverity::Warning,
    };
    let report = Report::new(severity).with_message(&diagnostic.message);
    match snippet(diagnostic, texts) {
        Some((id, span)) => report.with_labels(vec![
            Label::primary(id, span).with_message(&diagnostic.location)
        ]),
        None => report.with_notes(vec![where_note(diagnostic)]),
    }
}

fn snippet(diagnostic: &Diagnostic, texts: &SourceTexts) -> Option<(usize, Range<usize>)> {
    let (line, column) = diagnostic.line_col?;
    let id = *texts.ids.get(&diagnostic.file)?;
    let text = texts.text(id);
    let start = offset_of_line_col(text, line, column)?;
    Some((id, start..start + token_len(&text[start..])))
}

fn where_note(diagnostic: &Diagnostic) -> String {
    let mut note = format!("in {}", diagnostic.file);
    if let Some((line, column)) = diagnostic.line_col {
        note.push_str(&format!(":{line}:{column}"));
    }
    if !diagnostic.location.is_empty() {
        note.push_str(&format!(", at {}", diagnostic.location));
    }
    note
}

/// The length in bytes of the token that starts `rest`, within its line: a string literal, a
/// word (identifier, number, shape id), or one character.
fn token_len(rest: &str) -> usize {
    let line = rest.split(['\n', '\r']).next().unwrap_or("");
    let mut chars = line.char_indices();
    let Some((_, first)) = chars.next() else {
        return 0;
    };
    if first == '"' || first == '\'' {
        let mut escaped = false;
        for (i, c) in chars {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                _ if c == first => return i + 1,
                _ => {}
            }
        }
        return line.len();
    }
    let is_word = |c: char| c.is_alphanumeric() || matches!(c, '_' | '.' | '#' | '$' | '-' | '+');
    if is_word(first) {
        return line.find(|c: char| !is_word(c)).unwrap_or(line.len());
    }
    first.len_utf8()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_located_diagnostic_shows_its_line_underlined() {
        let mut texts = SourceTexts::new();
        texts.add(
            "m.json",
            "{\n  \"a#B\": {\"type\": \"strukture\"}\n}\n".to_string(),
        );
        let diagnostics = Diagnostics::from(
            Diagnostic::error("m.json", "a#B", "unknown shape type `strukture`").at(2, 11),
        );
        let text = to_string(&diagnostics, &texts);
        assert!(
            text.starts_with("error: unknown shape type `strukture`\n"),
            "{text}"
        );
        assert!(text.contains("m.json:2:11"), "{text}");
        assert!(
            text.contains("2 │   \"a#B\": {\"type\": \"strukture\"}"),
            "{text}"
        );
        assert!(text.contains("^ a#B"), "{text}");
        assert!(text.ends_with("1 error\n"), "{text}");
    }

    #[test]
    fn an_unlocated_diagnostic_names_file_and_location_in_a_note() {
        let diagnostics =
            Diagnostics::from(Diagnostic::warning("m.json", "/x", "something").at(3, 4));
        let text = to_string(&diagnostics, &SourceTexts::new());
        assert!(text.contains("= in m.json:3:4, at /x"), "{text}");
        assert!(text.ends_with("1 warning\n"), "{text}");
    }

    #[test]
    fn tokens_are_strings_words_or_single_characters() {
        assert_eq!(token_len("\"a\\\"b\": 1"), 6);
        assert_eq!(token_len("ns.a#B$c: x"), 8);
        assert_eq!(token_len("{ }"), 1);
        assert_eq!(token_len("\n"), 0);
        assert_eq!(token_len("\"unterminated\n"), 13);
    }

    #[test]
    fn counts_are_worded() {
        let mut diagnostics = Diagnostics::new();
        assert_eq!(summary(&diagnostics), "no problems");
        diagnostics.push(Diagnostic::error("a", "", "x"));
        diagnostics.push(Diagnostic::error("a", "", "y"));
        diagnostics.push(Diagnostic::warning("a", "", "z"));
        assert_eq!(summary(&diagnostics), "2 errors, 1 warning");
    }
}
