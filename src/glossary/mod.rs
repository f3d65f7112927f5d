//! The site's glossary: hard words, what they mean, and what to say instead.

pub mod matcher;

use crate::diagnostics::Diagnostic;
use serde::{Deserialize, Serialize};

pub use matcher::{Match, Matcher};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EasyUse {
    #[default]
    Explain,
    Avoid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PlainUse {
    #[default]
    Ok,
    Avoid,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub term: String,
    #[serde(default)]
    pub forms: Vec<String>,
    /// For abbreviations: what the letters stand for.
    #[serde(default)]
    pub abbr: Option<String>,
    pub means: String,
    #[serde(default)]
    pub instead: Option<String>,
    #[serde(default)]
    pub easy: EasyUse,
    #[serde(default)]
    pub plain: PlainUse,
    /// Line in glossary.yaml, for messages.
    #[serde(skip)]
    pub line: usize,
}

impl Entry {
    pub fn anchor(&self) -> String {
        format!("term-{}", crate::util::slugify(&self.term))
    }
    pub fn is_abbreviation(&self) -> bool {
        self.abbr.is_some() || is_all_caps(&self.term)
    }
}

pub fn is_all_caps(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && word.chars().all(|c| !c.is_lowercase())
}

#[derive(Debug, Default)]
pub struct Glossary {
    pub entries: Vec<Entry>,
    pub matcher: Matcher,
}

impl Glossary {
    pub fn new(mut entries: Vec<Entry>) -> Self {
        entries.sort_by_key(|e| e.term.to_lowercase());
        let matcher = Matcher::new(&entries);
        Glossary { entries, matcher }
    }

    pub const FILE: &'static str = "content/glossary.yaml";

    /// Parse `glossary.yaml`, checking each entry.
    pub fn parse(text: &str) -> Result<Glossary, Vec<Diagnostic>> {
        let mut entries: Vec<Entry> = crate::site::yaml::parse(text, Self::FILE, 0).map_err(|d| vec![d])?;
        let starts: Vec<usize> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.starts_with("- ") || l.starts_with("-\t"))
            .map(|(i, _)| i + 1)
            .collect();
        let mut errors = Vec::new();
        let mut seen = std::collections::HashMap::new();
        for (i, e) in entries.iter_mut().enumerate() {
            e.line = starts.get(i).copied().unwrap_or(0);
            if e.term.trim().is_empty() {
                errors.push(Diagnostic::error("glossary/term", Self::FILE, "this entry's `term` is empty").at(e.line, 1));
            }
            if e.means.trim().is_empty() {
                errors.push(
                    Diagnostic::error("glossary/means", Self::FILE, format!("`{}` has no meaning", e.term))
                        .at(e.line, 1)
                        .hint("Add `means:` with a short, plain explanation."),
                );
            }
            if let Some(first) = seen.insert(e.term.to_lowercase(), e.line) {
                errors.push(
                    Diagnostic::error("glossary/duplicate", Self::FILE, format!("`{}` is in the glossary twice", e.term))
                        .at(e.line, 1)
                        .hint(format!("It is first defined on line {first}. Keep one of them.")),
                );
            }
        }
        if errors.is_empty() { Ok(Glossary::new(entries)) } else { Err(errors) }
    }

    pub fn find(&self, text: &str) -> Vec<Match> {
        self.matcher.find(text)
    }
}
