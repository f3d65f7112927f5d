//! `site.yaml`: the site's settings.

use crate::core::rules::Rule;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub title: String,
    pub base_url: String,
    pub language: String,
    pub theme: String,
    pub description: String,
    /// Who to ask for other formats (Braille, audio, another language).
    pub formats_contact: String,
    /// Squeeze the HTML with minify-html. Off by default, as in Hugo and
    /// Zola: it saves about a tenth of the bytes but more than doubles the
    /// time a big site takes to build.
    pub minify: bool,
    pub lint: LintConfig,
    pub limits: Limits,
    pub directory: DirectoryConfig,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "easyinfo site".into(),
            base_url: "/".into(),
            language: "en-GB".into(),
            theme: "default".into(),
            description: String::new(),
            formats_contact: String::new(),
            minify: false,
            lint: LintConfig::default(),
            limits: Limits::default(),
            directory: DirectoryConfig::default(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct LintConfig {
    pub easy: LevelThresholds,
    pub plain: LevelThresholds,
    pub large: LevelThresholds,
    /// A `reviewed` date older than this many months is a warning; 0 turns
    /// the check off. At most [`LintConfig::MAX_STALE_MONTHS`].
    pub stale_after_months: u32,
}

impl Default for LintConfig {
    fn default() -> Self {
        LintConfig {
            easy: LevelThresholds { max_sentence_words: 15, max_grade: 6.0 },
            plain: LevelThresholds { max_sentence_words: 25, max_grade: 9.0 },
            large: LevelThresholds { max_sentence_words: 25, max_grade: 9.0 },
            stale_after_months: 12,
        }
    }
}

impl LintConfig {
    /// The most `stale_after_months` may be: a hundred years.
    pub const MAX_STALE_MONTHS: u32 = 1200;
}

impl Config {
    /// Checks on values that parse but make no sense. `text` is site.yaml's
    /// text, for the line of each problem. A value out of range is put back
    /// to its default, so the rest of the checks still run.
    pub fn check(&mut self, text: &str) -> Vec<crate::diagnostics::Diagnostic> {
        let mut out = Vec::new();
        let months = self.lint.stale_after_months;
        if months > LintConfig::MAX_STALE_MONTHS {
            let line = text
                .lines()
                .position(|l| l.trim_start().strip_prefix("stale_after_months").is_some_and(|r| r.trim_start().starts_with(':')))
                .map_or(0, |i| i + 1);
            let mut d = crate::diagnostics::Diagnostic::error(
                Rule::InputValue,
                "site.yaml",
                format!("`stale_after_months` is {months}, more than {} (a hundred years)", LintConfig::MAX_STALE_MONTHS),
            )
            .hint("Write how many months a guide or service stays up to date after its `reviewed` date, such as 12. Write 0 to turn the check off.");
            if line > 0 {
                d = d.at(line, 1).with_source_line(text.lines().nth(line - 1).unwrap_or(""));
            }
            out.push(d);
            self.lint.stale_after_months = LintConfig::default().stale_after_months;
        }
        out
    }
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LevelThresholds {
    pub max_sentence_words: usize,
    /// Highest Flesch-Kincaid grade for a whole page.
    pub max_grade: f64,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Largest input file read, in bytes.
    pub max_file_size: u64,
    /// Stop collecting after this many diagnostics.
    pub max_diagnostics: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_file_size: 10 * 1024 * 1024, max_diagnostics: 1000 }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct DirectoryConfig {
    /// Shown at the top of every directory page, e.g. "These services are examples".
    pub notice: String,
    pub area: String,
    /// Services on each page of a category's list.
    pub page_size: std::num::NonZeroUsize,
}

impl Default for DirectoryConfig {
    fn default() -> Self {
        DirectoryConfig { notice: String::new(), area: String::new(), page_size: std::num::NonZeroUsize::new(20).expect("20 is not zero") }
    }
}
