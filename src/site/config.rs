//! `site.yaml`: the site's settings.

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
    /// A `reviewed` date older than this many months is a warning.
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
