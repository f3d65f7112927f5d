//! Diagnostics: one shape for every problem easyinfo reports, from YAML
//! errors to jargon warnings, so every output format shows them alike.

pub use crate::core::level_set::LevelSet;
pub use crate::core::rules::{Rule, Severity};
use crate::core::version::Level;
use serde::Serialize;
use std::ops::Range;
use std::path::Path;
use std::sync::{Arc, OnceLock};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Path relative to the site root, with `/` separators.
    pub file: String,
    /// 1-based; 0 when the problem has no line (a whole file).
    pub line: usize,
    pub column: usize,
    /// Reading levels the problem was found in, if any.
    pub level: Option<LevelSet>,
    pub severity: Severity,
    pub rule: Rule,
    pub message: String,
    pub suggestion: Option<String>,
    /// The source line, for showing context. Not part of the JSON schema.
    /// Shared, never copied per diagnostic: a thousand problems on one
    /// 150 KB line keep one copy of it, and the printer shows a window.
    #[serde(skip)]
    pub source_line: Option<SourceLine>,
    /// Characters to underline from `column`.
    #[serde(skip)]
    pub span: usize,
}

impl Diagnostic {
    pub fn new(severity: Severity, rule: Rule, file: impl Into<String>, message: impl Into<String>) -> Self {
        debug_assert!(rule.severity().is_none_or(|s| s == severity), "{rule} is always a {:?}", rule.severity());
        Diagnostic {
            file: file.into(),
            line: 0,
            column: 0,
            level: None,
            severity,
            rule,
            message: message.into(),
            suggestion: None,
            source_line: None,
            span: 1,
        }
    }
    pub fn error(rule: Rule, file: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, rule, file, message)
    }
    pub fn warning(rule: Rule, file: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, rule, file, message)
    }
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self
    }
    /// Position from a byte offset into the whole file's text. For many
    /// diagnostics in one file, use a [`LineIndex`] instead.
    pub fn at_offset(self, source: &str, offset: usize) -> Self {
        LineIndex::new(source).diag(self, offset)
    }
    pub fn with_source_line(mut self, line: impl Into<String>) -> Self {
        let text: Arc<str> = Arc::from(line.into());
        self.source_line = Some(SourceLine { line: 0..text.len(), text, at: None });
        self
    }
    pub fn hint(mut self, suggestion: impl Into<String>) -> Self {
        self.suggestion = Some(suggestion.into());
        self
    }
    pub fn level(mut self, level: Level) -> Self {
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

/// A diagnostic's source line: a range of a shared text (the whole file, or
/// just the line), and where in it the diagnostic points, when known.
#[derive(Debug, Clone)]
pub struct SourceLine {
    text: Arc<str>,
    line: Range<usize>,
    /// Byte offset in `text` of the diagnostic's column.
    at: Option<usize>,
}

impl PartialEq for SourceLine {
    fn eq(&self, other: &Self) -> bool {
        self.text() == other.text()
    }
}

impl SourceLine {
    /// The whole line.
    pub fn text(&self) -> &str {
        &self.text[self.line.clone()]
    }

    /// Byte offset in the line of a 1-based column (in characters), when
    /// the position was not given as an offset.
    pub fn byte_of_column(&self, column: usize) -> usize {
        let line = self.text();
        match self.at {
            Some(at) => at.clamp(self.line.start, self.line.end) - self.line.start,
            None => line.char_indices().nth(column.saturating_sub(1)).map_or(line.len(), |(i, _)| i),
        }
    }

    /// At most `before` characters before the column and `after` from it.
    /// Costs the window, not the line.
    pub fn window(&self, column: usize, before: usize, after: usize) -> Window<'_> {
        let line = self.text();
        let at = self.byte_of_column(column);
        let from = line[..at].char_indices().rev().take(before).last().map_or(at, |(i, _)| i);
        let to = line[at..].char_indices().nth(after).map_or(line.len(), |(i, _)| at + i);
        Window { cut_before: from > 0, before: &line[from..at], from: &line[at..to], cut_after: to < line.len() }
    }
}

/// A piece of a source line around a diagnostic's column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window<'a> {
    /// Some of the line before `before` is left out.
    pub cut_before: bool,
    pub before: &'a str,
    /// From the column on.
    pub from: &'a str,
    pub cut_after: bool,
}

/// Precomputed line starts, for turning many offsets into positions quickly:
/// each position costs at most a few hundred bytes of counting, however long
/// its line, so a thousand problems on one long line stay linear.
pub struct LineIndex<'a> {
    source: &'a str,
    starts: Vec<usize>,
    /// Characters before byte `i * CHECKPOINT`, for columns on long lines.
    checkpoints: Vec<usize>,
    /// The source, shared by every diagnostic's `source_line`; made once, on first use.
    shared: OnceLock<Arc<str>>,
}

const CHECKPOINT: usize = 512;

/// Characters in `bytes`, which start and end on character boundaries.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl<'a> LineIndex<'a> {
    pub fn new(source: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(source));
        let bytes = source.as_bytes();
        let mut checkpoints = Vec::with_capacity(bytes.len() / CHECKPOINT + 1);
        let mut chars = 0;
        for chunk in bytes.chunks(CHECKPOINT) {
            checkpoints.push(chars);
            chars += count_chars(chunk);
        }
        checkpoints.push(chars);
        LineIndex { source, starts, checkpoints, shared: OnceLock::new() }
    }

    /// Characters before byte `offset` (a character boundary).
    fn chars_before(&self, offset: usize) -> usize {
        let k = offset / CHECKPOINT;
        self.checkpoints[k] + count_chars(&self.source.as_bytes()[k * CHECKPOINT..offset])
    }

    fn boundary(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.source.len());
        while !self.source.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.boundary(offset);
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        (line, self.chars_before(offset) - self.chars_before(start) + 1)
    }
    fn line_range(&self, line: usize) -> Range<usize> {
        let start = self.starts[line - 1];
        let end = self.starts.get(line).map(|e| e - 1).unwrap_or(self.source.len());
        let text = &self.source[start..end];
        start..start + text.trim_end_matches('\r').len()
    }
    pub fn line_text(&self, line: usize) -> &'a str {
        &self.source[self.line_range(line)]
    }
    pub fn diag(&self, d: Diagnostic, offset: usize) -> Diagnostic {
        let offset = self.boundary(offset);
        let (line, col) = self.line_col(offset);
        let mut d = d.at(line, col);
        d.source_line = Some(self.source_line(line, Some(offset)));
        d
    }
    /// The line as a diagnostic's `source_line`, sharing one copy of the text.
    pub fn source_line(&self, line: usize, at: Option<usize>) -> SourceLine {
        let text = self.shared.get_or_init(|| Arc::from(self.source)).clone();
        SourceLine { text, line: self.line_range(line), at }
    }
}

fn memchr_newlines(source: &str) -> impl Iterator<Item = usize> + '_ {
    source.match_indices('\n').map(|(i, _)| i + 1)
}

/// Path of `path` relative to `root`, with `/` separators, for messages.
pub fn display_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let s = rel.to_string_lossy().replace('\\', "/");
    if s.is_empty() { ".".into() } else { s }
}

pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.rule, a.level).cmp(&(&b.file, b.line, b.column, b.rule, b.level))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_columns_match_counting_from_the_line_start() {
        // Long lines of mixed one- to four-byte characters, so positions fall
        // on both sides of every checkpoint.
        let line: String = "aé€😀 ".repeat(700);
        let source = format!("front\n{line}\nshort\r\n{line}");
        let index = LineIndex::new(&source);
        for offset in (0..=source.len()).filter(|&o| source.is_char_boundary(o)) {
            assert_eq!(index.line_col(offset), line_col(&source, offset), "offset {offset}");
        }
        assert_eq!(index.line_text(3), "short");
    }

    #[test]
    fn many_diagnostics_on_one_line_share_one_copy_of_it() {
        let source = "x ".repeat(50_000);
        let index = LineIndex::new(&source);
        let ds: Vec<Diagnostic> = (0..100).map(|i| index.diag(Diagnostic::error(Rule::InputRead, "f", "m"), i * 1000)).collect();
        let first = ds[0].source_line.as_ref().unwrap();
        for d in &ds {
            assert!(Arc::ptr_eq(&first.text, &d.source_line.as_ref().unwrap().text));
        }
        assert_eq!(ds[7].column, 7001);
    }

    #[test]
    fn a_window_is_cut_around_the_column() {
        let source = format!("{}RAS{}", "é ".repeat(5000), " b".repeat(5000));
        let index = LineIndex::new(&source);
        let d = index.diag(Diagnostic::error(Rule::InputRead, "f", "m"), source.find("RAS").unwrap());
        let w = d.source_line.as_ref().unwrap().window(d.column, 60, 100);
        assert!(w.cut_before && w.cut_after);
        assert_eq!(w.before.chars().count(), 60);
        assert!(w.from.starts_with("RAS b b"));
        // Given as a line and a column, the same window.
        let d2 = Diagnostic::error(Rule::InputRead, "f", "m").at(1, d.column).with_source_line(source.clone());
        assert_eq!(d2.source_line.as_ref().unwrap().window(d2.column, 60, 100), w);
    }
}
