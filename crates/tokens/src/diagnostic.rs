//! Problems found in token sources, each with the place it was found.
//!
//! A diagnostic is self-contained (file name, line and column are computed
//! when it is made) so the core can hand a list of them to any edge: the
//! CLI renders them with miette, the preview shows them beside its editor.

use crate::json::Span;
use std::fmt;

/// One input text and where its lines start, for turning byte offsets into
/// `line:column` positions.
#[derive(Clone, Debug)]
pub struct Source {
    pub name: String,
    pub text: String,
    line_starts: Vec<u32>,
}

impl Source {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i as u32 + 1),
        );
        Source {
            name: name.into(),
            text,
            line_starts,
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn position(&self, offset: u32) -> (u32, u32) {
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1) - 1;
        let start = self.line_starts[line] as usize;
        let end = (offset as usize).min(self.text.len());
        let column = self
            .text
            .get(start..end)
            .map(|s| s.chars().count())
            .unwrap_or(end.saturating_sub(start));
        (line as u32 + 1, column as u32 + 1)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub span: Span,
    /// Dotted token (or group) path, when the problem belongs to one.
    pub path: Option<String>,
    pub message: String,
}

impl Diagnostic {
    pub fn error(source: &Source, span: Span, path: Option<&str>, message: String) -> Self {
        let (line, column) = source.position(span.start);
        Diagnostic {
            severity: Severity::Error,
            file: source.name.clone(),
            line,
            column,
            span,
            path: path.map(str::to_string),
            message,
        }
    }

    pub fn warning(source: &Source, span: Span, path: Option<&str>, message: String) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(source, span, path, message)
        }
    }

    /// A problem with no place in a file (e.g. a missing input).
    pub fn general(file: &str, message: String) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_string(),
            line: 1,
            column: 1,
            span: Span::default(),
            path: None,
            message,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// `file:line:column: token.path: message` — the one format every edge shows.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.file, self.line, self.column)?;
        if self.severity == Severity::Warning {
            f.write_str("warning: ")?;
        }
        if let Some(p) = &self.path {
            write!(f, "{p}: ")?;
        }
        f.write_str(&self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let s = Source::new("a.json", "{\n  \"ä\": 1,\n  \"b\": x\n}");
        let off = s.text.find('x').unwrap() as u32;
        assert_eq!(s.position(off), (3, 8));
        let off = s.text.find('1').unwrap() as u32;
        assert_eq!(s.position(off), (2, 8));
        assert_eq!(s.position(0), (1, 1));
    }

    #[test]
    fn display_names_file_line_column_and_path() {
        let s = Source::new("t.json", "{}");
        let d = Diagnostic::error(&s, Span::new(1, 2), Some("a.b"), "bad".into());
        assert_eq!(d.to_string(), "t.json:1:2: a.b: bad");
    }
}
