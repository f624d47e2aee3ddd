//! Diagnostics: what is wrong in a scenario file, where (file, line,
//! column, byte span) and what to do about it. Rendered like rustc's with
//! `codespan-reporting`, in plain ASCII so every terminal shows it.

use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Chars, Config, DisplayStyle};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

/// One problem in a file.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A short stable name for the kind of problem, e.g. `unknown-id`.
    pub code: &'static str,
    pub message: String,
    pub file: String,
    /// 1-based line and column (columns count characters); 0 when the
    /// problem concerns the whole file (a missing path).
    pub line: usize,
    pub column: usize,
    #[serde(skip)]
    pub span: Option<Range<usize>>,
    /// Text under the pointer.
    pub label: String,
    pub help: Option<String>,
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn new(
        severity: Severity,
        code: &'static str,
        file: &str,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity,
            code,
            message: message.into(),
            file: file.to_string(),
            line: 0,
            column: 0,
            span: None,
            label: String::new(),
            help: None,
            notes: Vec::new(),
        }
    }

    pub fn error(code: &'static str, file: &str, message: impl Into<String>) -> Self {
        Diagnostic::new(Severity::Error, code, file, message)
    }

    pub fn warning(code: &'static str, file: &str, message: impl Into<String>) -> Self {
        Diagnostic::new(Severity::Warning, code, file, message)
    }

    /// Point at a byte span of the source.
    pub fn at(mut self, source: &Source, span: Range<usize>, label: impl Into<String>) -> Self {
        let span = source.clamp(span);
        let (line, column) = source.line_col(span.start);
        self.line = line;
        self.column = column;
        self.span = Some(span);
        self.label = label.into();
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// One line: `file:line:col: error[code]: message`.
    pub fn short(&self) -> String {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        if self.line > 0 {
            format!(
                "{}:{}:{}: {sev}[{}]: {}",
                self.file, self.line, self.column, self.code, self.message
            )
        } else {
            format!("{}: {sev}[{}]: {}", self.file, self.code, self.message)
        }
    }
}

/// The text of a scenario file with a line index.
#[derive(Clone, Debug, Default)]
pub struct Source {
    pub name: String,
    pub text: String,
    line_starts: Vec<usize>,
}

impl Source {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Source {
        let text = text.into();
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Source {
            name: name.into(),
            text,
            line_starts,
        }
    }

    fn clamp(&self, span: Range<usize>) -> Range<usize> {
        let mut start = span.start.min(self.text.len());
        while !self.text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = span.end.clamp(start, self.text.len());
        while !self.text.is_char_boundary(end) {
            end += 1;
        }
        start..end
    }

    /// 1-based line and character column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(l) => l,
            Err(l) => l - 1,
        };
        let start = self.line_starts[line];
        let col = self
            .text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(0);
        (line + 1, col + 1)
    }

    /// Byte offset of a 1-based line and character column (as `ron` reports them).
    pub fn offset(&self, line: usize, col: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let rest = &self.text[start..];
        rest.char_indices()
            .nth(col.saturating_sub(1))
            .map(|(i, _)| start + i)
            .unwrap_or(self.text.len())
            .min(
                self.line_starts
                    .get(line)
                    .copied()
                    .unwrap_or(self.text.len()),
            )
    }
}

/// Render diagnostics rustc-style into plain text.
pub fn render(source: Option<&Source>, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    let config = Config {
        display_style: DisplayStyle::Rich,
        chars: Chars::ascii(),
        ..Config::default()
    };
    let empty = Source::default();
    for d in diagnostics {
        let src = source.filter(|s| s.name == d.file).unwrap_or(&empty);
        let file = SimpleFile::new(d.file.as_str(), src.text.as_str());
        let severity = match d.severity {
            Severity::Error => CsSeverity::Error,
            Severity::Warning => CsSeverity::Warning,
            Severity::Note => CsSeverity::Note,
        };
        let mut cs = CsDiagnostic::new(severity)
            .with_code(d.code)
            .with_message(&d.message);
        if let Some(span) = &d.span
            && span.end <= src.text.len()
            && !src.text.is_empty()
        {
            cs = cs.with_labels(vec![
                Label::primary((), span.clone()).with_message(&d.label),
            ]);
        }
        let mut notes = Vec::new();
        if d.span.is_none() {
            notes.push(format!("in {}", d.file));
        }
        if let Some(help) = &d.help {
            notes.push(format!("help: {help}"));
        }
        notes.extend(d.notes.iter().map(|n| format!("note: {n}")));
        cs = cs.with_notes(notes);
        match term::emit_into_string(&config, &file, &cs) {
            Ok(s) => out.push_str(&s),
            Err(_) => {
                out.push_str(&d.short());
                out.push('\n');
            }
        }
    }
    out
}

/// The nearest candidate to a misspelt name, if one is close enough.
pub fn nearest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wrong_lower = wrong.to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(&wrong_lower, &c.to_lowercase());
        if score >= 0.8 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters_and_survive_crlf() {
        let src = Source::new("f", "ab\r\ncé x\n");
        assert_eq!(src.line_col(0), (1, 1));
        assert_eq!(src.line_col(4), (2, 1));
        // 'é' is two bytes but one column.
        assert_eq!(src.line_col(7), (2, 3));
        assert_eq!(src.offset(2, 3), 7);
        assert_eq!(src.offset(9, 1), src.text.len());
    }

    #[test]
    fn nearest_suggests_close_ids_only() {
        let ids = ["arcadia", "borduria", "carpathia"];
        assert_eq!(nearest("arcadai", ids), Some("arcadia"));
        assert_eq!(nearest("Borduria", ids), Some("borduria"));
        assert_eq!(nearest("zzz", ids), None);
    }

    #[test]
    fn renders_with_snippet_and_help() {
        let src = Source::new("s.ron", "(\n  owner: \"arcadai\",\n)\n");
        let d = Diagnostic::error("unknown-id", "s.ron", "no State `arcadai`")
            .at(&src, 11..20, "not a State of this scenario")
            .with_help("did you mean `arcadia`?");
        assert_eq!((d.line, d.column), (2, 10));
        let text = render(Some(&src), &[d]);
        assert!(
            text.contains("error[unknown-id]: no State `arcadai`"),
            "{text}"
        );
        assert!(text.contains("s.ron:2:10"), "{text}");
        assert!(text.contains("owner: \"arcadai\""), "{text}");
        assert!(text.contains("help: did you mean `arcadia`?"), "{text}");
    }
}
