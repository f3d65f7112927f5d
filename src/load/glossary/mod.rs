//! The site's glossary: hard words, what they mean, and what to say instead.

pub mod matcher;

use crate::core::rules::Rule;
use crate::core::diagnostics::Diagnostic;
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
    /// The term's HTML id on the glossary page, and its links' `#` part.
    /// See [`anchor`].
    pub fn anchor(&self) -> String {
        anchor(&self.term)
    }
    pub fn is_abbreviation(&self) -> bool {
        self.abbr.is_some() || is_all_caps(&self.term)
    }
}

/// A term's HTML id: `term-` and the term in lower case (NFC), with spaces
/// and hyphens as `-` and any other character that is not a letter or digit
/// written as its code (`C++` → `term-c-u2b-u2b`, `C#` → `term-c-u23`), so
/// different terms get different ids, and a term keeps its id whatever else
/// the glossary holds. Terms that differ only in case, spaces or hyphens
/// share an id; the glossary reports them as the same term.
pub fn anchor(term: &str) -> String {
    let mut out = String::from("term-");
    let base = out.len();
    let sep = |out: &mut String| {
        if out.len() > base && !out.ends_with('-') {
            out.push('-');
        }
    };
    for c in matcher::normalize(term).chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if c == ' ' || c == '-' {
            sep(&mut out);
        } else {
            sep(&mut out);
            out.push_str(&format!("u{:x}", c as u32));
            out.push('-');
        }
    }
    while out.len() > base && out.ends_with('-') {
        out.pop();
    }
    out
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
    /// Terms and forms are put in Unicode normal form (NFC), so `café`
    /// typed either way is one word.
    pub fn new(mut entries: Vec<Entry>) -> Self {
        for e in &mut entries {
            e.term = crate::core::fold::nfc(&e.term);
            for f in &mut e.forms {
                *f = crate::core::fold::nfc(f);
            }
        }
        // Accents off first, so `Éclair` sorts (and is listed) with the Es.
        entries.sort_by_cached_key(|e| (crate::core::fold::fold(&e.term), e.term.to_lowercase()));
        let matcher = Matcher::new(&entries);
        Glossary { entries, matcher }
    }

    pub const FILE: &'static str = "content/glossary.yaml";

    /// The glossary's translation into language `code`: `content/glossary.cy.yaml`.
    pub fn file_for(code: &str) -> String {
        format!("content/glossary.{code}.yaml")
    }

    /// Parse `glossary.yaml`, checking each entry.
    pub fn parse(text: &str) -> Result<Glossary, Vec<Diagnostic>> {
        Self::parse_file(text, Self::FILE)
    }

    /// Parse a glossary file named `file` in messages (a translation's).
    pub fn parse_file(text: &str, file: &str) -> Result<Glossary, Vec<Diagnostic>> {
        let mut entries: Vec<Entry> = crate::load::site::yaml::parse(text, file, 0).map_err(|d| vec![d])?;
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
                errors.push(Diagnostic::error(Rule::GlossaryTerm, file, "this entry's `term` is empty").at(e.line, 1));
            }
            if e.means.trim().is_empty() {
                errors.push(
                    Diagnostic::error(Rule::GlossaryMeans, file, format!("`{}` has no meaning", e.term))
                        .at(e.line, 1)
                        .hint("Add `means:` with a short, plain explanation."),
                );
            }
            // The same term, whatever its case, spacing, hyphens or Unicode
            // form: one entry, and one id on the glossary page.
            if e.term.trim().is_empty() {
                continue;
            }
            if let Some((first, first_term)) = seen.insert(anchor(&e.term), (e.line, e.term.clone())) {
                seen.insert(anchor(&e.term), (first, first_term.clone()));
                let same = if first_term == e.term {
                    String::new()
                } else if crate::core::fold::nfc(&first_term) == crate::core::fold::nfc(&e.term) {
                    format!(" (as `{first_term}`, the same letters stored in another Unicode form)")
                } else {
                    format!(" (as `{first_term}`)")
                };
                errors.push(
                    Diagnostic::error(Rule::GlossaryDuplicate, file, format!("`{}` is in the glossary twice", e.term))
                        .at(e.line, 1)
                        .hint(format!("It is first defined on line {first}{same}. Keep one of them, and put other spellings in its `forms:`.")),
                );
            }
        }
        if errors.is_empty() { Ok(Glossary::new(entries)) } else { Err(errors) }
    }

    pub fn find(&self, text: &str) -> Vec<Match> {
        self.matcher.find(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_term_gets_its_own_id() {
        let terms = ["C++", "C#", "C", "c-sharp", "GP's", "GPs", "caf\u{e9}", "cafe", "\u{65e5}\u{672c}", "?", "direct payment"];
        let ids: Vec<String> = terms.iter().map(|t| anchor(t)).collect();
        let unique: std::collections::HashSet<&String> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "{ids:?}");
        assert_eq!(anchor("C++"), "term-c-u2b-u2b");
        assert_eq!(anchor("direct payment"), "term-direct-payment");
        assert_eq!(anchor("Direct  Payment"), "term-direct-payment");
        assert_eq!(anchor("cafe\u{301}"), anchor("caf\u{e9}"));
        for id in &ids {
            assert!(id.chars().all(|c| c.is_alphanumeric() || c == '-') && !id.ends_with('-'), "{id}");
        }
    }

    #[test]
    fn duplicates_after_normalising_are_reported_naming_both_lines() {
        let text = "- term: caf\u{e9}\n  means: a place\n- term: cafe\u{301}\n  means: a place\n- term: direct-payment\n  means: m\n- term: Direct payment\n  means: m\n";
        let errs = Glossary::parse(text).unwrap_err();
        let d: Vec<(usize, &str)> = errs.iter().map(|d| (d.line, d.suggestion.as_deref().unwrap())).collect();
        assert_eq!(d.len(), 2, "{errs:?}");
        assert_eq!(d[0].0, 3);
        assert!(d[0].1.contains("line 1") && d[0].1.contains("another Unicode form"), "{}", d[0].1);
        assert_eq!(d[1].0, 7);
        assert!(d[1].1.contains("line 5 (as `direct-payment`)"), "{}", d[1].1);
    }

    #[test]
    fn accented_terms_sort_with_their_letter() {
        let e = |t: &str| Entry { term: t.into(), forms: vec![], abbr: None, means: "m".into(), instead: None, easy: Default::default(), plain: Default::default(), line: 0 };
        let g = Glossary::new(vec![e("Zebra"), e("\u{c9}clair"), e("egg"), e("Eel")]);
        let order: Vec<&str> = g.entries.iter().map(|e| e.term.as_str()).collect();
        assert_eq!(order, ["\u{c9}clair", "Eel", "egg", "Zebra"]);
    }
}
