//! Diagnostics: problems found in the input, each naming where it is, collected so that one run
//! reports all of them. [`locate`] turns their locations into line and column; [`render`] prints
//! them with the offending source shown.

pub mod locate;
pub mod render;

use std::fmt;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Generation goes on; the user should know.
    Warning,
    /// Generation stops before anything is written.
    Error,
}

/// One problem, with its location.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The input file.
    pub file: String,
    /// A JSON pointer or shape id inside the file, or empty.
    pub location: String,
    /// 1-based line and column, when the input is text and the position is known.
    pub line_col: Option<(usize, usize)>,
    /// What is wrong, and what to do about it.
    pub message: String,
}

impl Diagnostic {
    /// An error at `file` / `location`.
    pub fn error(
        file: impl Into<String>,
        location: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            location: location.into(),
            line_col: None,
            message: message.into(),
        }
    }

    /// A warning at `file` / `location`.
    pub fn warning(
        file: impl Into<String>,
        location: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, location, message)
        }
    }

    /// The same diagnostic with a line and column.
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line_col = Some((line, column));
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{severity}: {}", self.file)?;
        if let Some((line, column)) = self.line_col {
            write!(f, ":{line}:{column}")?;
        }
        if !self.location.is_empty() {
            write!(f, ": {}", self.location)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// The error for text that a JSON parser rejected, at the position serde_json reports, with
/// the position left out of the message (the diagnostic carries it) and a hint where the cause is
/// usually elsewhere. `what` starts the message (`invalid JSON`).
pub fn json_syntax_error(file: &str, what: &str, error: &serde_json::Error) -> Diagnostic {
    let message = without_position(&error.to_string(), error.line(), error.column());
    let hint = parser_hint(&message);
    let diagnostic = Diagnostic::error(file, "", format!("{what}: {message}{hint}"));
    if error.line() == 0 {
        diagnostic
    } else {
        diagnostic.at(error.line(), error.column().max(1))
    }
}

/// A hint to add to a JSON or YAML parser's message where its wording alone does not say what to
/// fix, or empty.
pub fn parser_hint(message: &str) -> &'static str {
    if message.contains("control character") {
        " (a string is probably missing its closing quote)"
    } else if message.contains("recursion limit exceeded") {
        " (values nested more than 128 levels deep are not read)"
    } else {
        ""
    }
}

/// A parser's message without the ` at line L column C` it embeds (the diagnostic shows the
/// position itself).
pub fn without_position(message: &str, line: usize, column: usize) -> String {
    message.replace(&format!(" at line {line} column {column}"), "")
}

/// A set of diagnostics from one run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// No diagnostics.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Adds all of `other`.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Whether any is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Whether there are none at all.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// All of them, in the order found.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Only the warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Warning)
    }

    /// Sorted and without repeats, so output does not depend on the order work was done in.
    pub fn normalized(mut self) -> Self {
        self.items.sort();
        self.items.dedup();
        self
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Diagnostics {
            items: vec![diagnostic],
        }
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for item in &self.items {
            writeln!(f, "{item}")?;
        }
        let errors = self
            .items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        if errors > 0 {
            write!(f, "{errors} error(s)")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}
