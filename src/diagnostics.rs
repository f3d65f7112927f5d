//! Diagnostics: one shape for every problem easyinfo reports, from YAML
//! errors to jargon warnings, so every output format shows them alike.

use serde::Serialize;
use std::fmt;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Path relative to the site root, with `/` separators.
    pub file: String,
    /// 1-based; 0 when the problem has no line (a whole file).
    pub line: usize,
    pub column: usize,
    /// Reading level the problem was found in (`easy`, `plain`, `large`), if any.
    pub level: Option<String>,
    pub severity: Severity,
    pub rule: String,
    pub message: String,
    pub suggestion: Option<String>,
    /// The source line, for showing context. Not part of the JSON schema.
    #[serde(skip)]
    pub source_line: Option<String>,
    /// Characters to underline from `column`.
    #[serde(skip)]
    pub span: usize,
}

impl Diagnostic {
    pub fn new(severity: Severity, rule: &str, file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            line: 0,
            column: 0,
            level: None,
            severity,
            rule: rule.to_string(),
            message: message.into(),
            suggestion: None,
            source_line: None,
            span: 1,
        }
    }
    pub fn error(rule: &str, file: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, rule, file, message)
    }
    pub fn warning(rule: &str, file: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, rule, file, message)
    }
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self
    }
    /// Position from a byte offset into the whole file's text.
    pub fn at_offset(mut self, source: &str, offset: usize) -> Self {
        let (line, col) = line_col(source, offset);
        self.line = line;
        self.column = col;
        self.source_line = source.lines().nth(line - 1).map(|s| s.to_string());
        self
    }
    pub fn with_source_line(mut self, line: impl Into<String>) -> Self {
        self.source_line = Some(line.into());
        self
    }
    pub fn hint(mut self, suggestion: impl Into<String>) -> Self {
        self.suggestion = Some(suggestion.into());
        self
    }
    pub fn level(mut self, level: impl Into<String>) -> Self {
        self.level = Some(level.into());
        self
    }
    pub fn span(mut self, chars: usize) -> Self {
        self.span = chars.max(1);
        self
    }
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let col = source[line_start..offset].chars().count() + 1;
    (line, col)
}

/// Precomputed line starts, for turning many offsets into positions quickly.
pub struct LineIndex<'a> {
    source: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(source: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(source.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { source, starts }
    }
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.source.len());
        while !self.source.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        (line, self.source[start..offset].chars().count() + 1)
    }
    pub fn line_text(&self, line: usize) -> &'a str {
        let start = self.starts[line - 1];
        let end = self.starts.get(line).map(|e| e - 1).unwrap_or(self.source.len());
        self.source[start..end].trim_end_matches('\r')
    }
    pub fn diag(&self, d: Diagnostic, offset: usize) -> Diagnostic {
        let (line, col) = self.line_col(offset);
        let mut d = d.at(line, col);
        d.source_line = Some(self.line_text(line).to_string());
        d
    }
}

/// Path of `path` relative to `root`, with `/` separators, for messages.
pub fn display_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let s = rel.to_string_lossy().replace('\\', "/");
    if s.is_empty() { ".".into() } else { s }
}

pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (&a.file, a.line, a.column, &a.rule, &a.level).cmp(&(&b.file, b.line, b.column, &b.rule, &b.level))
    });
}

#[derive(Debug, Default, Clone, Serialize, PartialEq)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub files: usize,
}

impl Summary {
    pub fn of(diags: &[Diagnostic], files: usize) -> Self {
        Summary {
            errors: diags.iter().filter(|d| d.is_error()).count(),
            warnings: diags.iter().filter(|d| !d.is_error()).count(),
            files,
        }
    }
}

/// Collects diagnostics across a run; caps how many are kept so a broken
/// spreadsheet of 100,000 rows doesn't flood the terminal.
#[derive(Debug, Default)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }
    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(ds);
    }
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.is_error())
    }
}
