//! Finds glossary terms in text: whole words, any case, with plurals and
//! other forms, longest term first. Built once per run.

use super::{is_all_caps, Entry};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    pub entry: usize,
}

#[derive(Debug, Default)]
pub struct Matcher {
    ac: Option<AhoCorasick>,
    /// Per pattern: the entry it belongs to, and whether case must match.
    patterns: Vec<(usize, bool)>,
}

impl Matcher {
    pub fn new(entries: &[Entry]) -> Self {
        let mut pats: Vec<String> = Vec::new();
        let mut meta = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            let mut seen = std::collections::HashSet::new();
            for base in std::iter::once(&e.term).chain(e.forms.iter()) {
                let caps = is_all_caps(base);
                for form in inflections(base) {
                    let norm = normalize(&form);
                    if !norm.is_empty() && seen.insert(norm.clone()) {
                        pats.push(norm);
                        meta.push((i, caps));
                    }
                }
            }
        }
        if pats.is_empty() {
            return Matcher::default();
        }
        let ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&pats)
            .expect("glossary patterns are plain strings");
        Matcher { ac: Some(ac), patterns: meta }
    }

    /// Matches in `text`, which should have runs of white space folded to
    /// one space (see `normalize`). Longest wins; matches never overlap.
    pub fn find(&self, text: &str) -> Vec<Match> {
        let Some(ac) = &self.ac else { return Vec::new() };
        let bytes = text.as_bytes();
        let mut found: Vec<Match> = ac
            .find_overlapping_iter(text)
            .filter(|m| {
                let (s, e) = (m.start(), m.end());
                let (entry, caps) = self.patterns[m.pattern().as_usize()];
                let _ = entry;
                boundary_before(text, s)
                    && boundary_after(bytes, e)
                    && (!caps || text[s..e].chars().filter(|c| c.is_alphabetic()).take(2).all(|c| c.is_uppercase()))
            })
            .map(|m| Match { start: m.start(), end: m.end(), entry: self.patterns[m.pattern().as_usize()].0 })
            .collect();
        found.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let mut out: Vec<Match> = Vec::with_capacity(found.len());
        for m in found {
            if out.last().is_none_or(|l| m.start >= l.end) {
                out.push(m);
            }
        }
        out
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn boundary_before(text: &str, s: usize) -> bool {
    text[..s].chars().next_back().is_none_or(|c| !is_word_char(c) && c != '-')
}

fn boundary_after(bytes: &[u8], e: usize) -> bool {
    match bytes.get(e) {
        None => true,
        Some(&b) if b < 0x80 => !(b.is_ascii_alphanumeric() || b == b'_' || b == b'-'),
        Some(_) => {
            let s = std::str::from_utf8(&bytes[e..(e + 4).min(bytes.len())]).unwrap_or("");
            s.chars().next().is_none_or(|c| !is_word_char(c))
        }
    }
}

/// Fold white space runs to one space and curly apostrophes to straight.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.trim().chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(if c == '\u{2019}' { '\'' } else { c });
    }
    out
}

/// The word and its common inflections; for a phrase, the last word's.
pub fn inflections(term: &str) -> Vec<String> {
    let term = term.trim();
    let mut out = vec![term.to_string()];
    if term.contains('-') {
        out.push(term.replace('-', " "));
    }
    let (head, last) = match term.rfind(' ') {
        Some(i) => (&term[..=i], &term[i + 1..]),
        None => ("", term),
    };
    if last.chars().count() < 2 {
        return out;
    }
    let lower = last.to_lowercase();
    let mut forms = Vec::new();
    if is_all_caps(last) {
        forms.push(format!("{last}s"));
        forms.push(format!("{last}'s"));
    } else {
        if lower.ends_with('y') && !lower.ends_with("ay") && !lower.ends_with("ey") && !lower.ends_with("oy") {
            forms.push(format!("{}ies", &last[..last.len() - 1]));
        }
        if ["s", "x", "z", "ch", "sh"].iter().any(|e| lower.ends_with(e)) {
            forms.push(format!("{last}es"));
        } else {
            forms.push(format!("{last}s"));
        }
        forms.push(format!("{last}'s"));
    }
    for f in forms {
        out.push(format!("{head}{f}"));
        if head.contains('-') {
            out.push(format!("{}{f}", head.replace('-', " ")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(term: &str, forms: &[&str]) -> Entry {
        Entry {
            term: term.into(),
            forms: forms.iter().map(|s| s.to_string()).collect(),
            abbr: None,
            means: "m".into(),
            instead: None,
            easy: Default::default(),
            plain: Default::default(),
            line: 0,
        }
    }

    fn found(entries: &[Entry], text: &str) -> Vec<(String, String)> {
        let m = Matcher::new(entries);
        m.find(text).into_iter().map(|x| (text[x.start..x.end].to_string(), entries[x.entry].term.clone())).collect()
    }

    #[test]
    fn plurals_and_case() {
        let e = [entry("direct payment", &[]), entry("advocacy", &[])];
        assert_eq!(
            found(&e, "Direct Payments help. Advocacies exist."),
            vec![("Direct Payments".into(), "direct payment".into()), ("Advocacies".into(), "advocacy".into())]
        );
    }

    #[test]
    fn longest_term_wins() {
        let e = [entry("payment", &[]), entry("direct payment", &[])];
        assert_eq!(found(&e, "a direct payment"), vec![("direct payment".into(), "direct payment".into())]);
        assert_eq!(found(&e, "a payment"), vec![("payment".into(), "payment".into())]);
    }

    #[test]
    fn whole_words_only() {
        let e = [entry("plan", &[])];
        assert!(found(&e, "planet explanation airplane").is_empty());
        assert_eq!(found(&e, "a plan."), vec![("plan".into(), "plan".into())]);
    }

    #[test]
    fn abbreviations_match_capitals_only() {
        let e = [entry("RAS", &[])];
        assert_eq!(found(&e, "the RAS and GPs"), vec![("RAS".into(), "RAS".into())]);
        assert!(found(&e, "the ras").is_empty());
    }

    #[test]
    fn hyphen_and_space_forms() {
        let e = [entry("person-centred", &[])];
        assert_eq!(found(&e, "person centred support").len(), 1);
    }

    #[test]
    fn normalize_folds_space() {
        assert_eq!(normalize("  direct\n   payment’s "), "direct payment's");
    }
}
