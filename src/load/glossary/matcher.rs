//! Finds glossary terms in text: whole words, any case, with plurals and
//! other forms, longest term first. Built once per run.

use super::{is_all_caps, Entry};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Input, MatchKind};
use crate::core::fold::nfc;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Text in NFC, with a map back to the text it came from.
struct Nfc {
    text: String,
    /// (offset in `text`, offset in the original, unchanged) where each
    /// piece starts; inside an unchanged piece, offsets map one to one.
    /// A piece is an ASCII character and the non-ASCII ones after it: NFC
    /// never joins a character to an ASCII one before it, so pieces are
    /// normalised one by one, in linear time.
    pieces: Vec<(usize, usize, bool)>,
    len: usize,
}

impl Nfc {
    fn of(text: &str) -> Self {
        let mut out = String::with_capacity(text.len());
        let mut pieces = Vec::new();
        let b = text.as_bytes();
        let mut s = 0;
        while s < b.len() {
            let mut e = s + 1;
            while e < b.len() && !b[e].is_ascii() {
                e += 1;
            }
            // `s` is 0 or an ASCII byte, and `e` an ASCII byte or the end: both boundaries.
            let piece = &text[s..e];
            let norm: String = piece.nfc().collect();
            if norm == piece {
                pieces.push((out.len(), s, true));
            } else if b[s].is_ascii() && norm.as_bytes()[0] == b[s] && norm[1..] == piece[1..].nfc().collect::<String>() {
                // The ASCII character stays as it is: only what follows changed.
                pieces.push((out.len(), s, true));
                pieces.push((out.len() + 1, s + 1, false));
            } else {
                pieces.push((out.len(), s, false));
            }
            out.push_str(&norm);
            s = e;
        }
        Nfc { text: out, pieces, len: text.len() }
    }

    /// The original offset of `pos`. Inside a piece, its start (or, for the
    /// end of a match, its end).
    fn back(&self, pos: usize, end: bool) -> usize {
        let i = self.pieces.partition_point(|p| p.0 <= pos);
        let Some(&(n, o, same)) = i.checked_sub(1).map(|i| &self.pieces[i]) else { return 0 };
        if n == pos || same {
            o + (pos - n)
        } else if end {
            self.pieces.get(i).map_or(self.len, |p| p.1)
        } else {
            o
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    pub entry: usize,
}

#[derive(Debug, Default)]
pub struct Matcher {
    /// Leftmost-longest, for the common case.
    ac: Option<AhoCorasick>,
    /// Every match, for when the longest one is not a whole word.
    all: Option<AhoCorasick>,
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
        let build = |kind| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(kind)
                .kind(Some(AhoCorasickKind::DFA))
                .build(&pats)
                .expect("glossary patterns are plain strings")
        };
        Matcher { ac: Some(build(MatchKind::LeftmostLongest)), all: Some(build(MatchKind::Standard)), patterns: meta }
    }

    /// Matches in `text`, which should have runs of white space folded to
    /// one space (see `normalize`). Longest wins; matches never overlap.
    /// Text is matched in Unicode normal form (NFC), and the offsets are
    /// in `text` itself, whatever form it is in.
    pub fn find(&self, text: &str) -> Vec<Match> {
        if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
            return self.find_nfc(text);
        }
        let n = Nfc::of(text);
        self.find_nfc(&n.text)
            .into_iter()
            .map(|m| Match { start: n.back(m.start, false), end: n.back(m.end, true), entry: m.entry })
            .collect()
    }

    fn find_nfc(&self, text: &str) -> Vec<Match> {
        let (Some(ac), Some(all)) = (&self.ac, &self.all) else { return Vec::new() };
        let bytes = text.as_bytes();
        let whole = |s: usize, e: usize, pattern: usize| {
            let caps = self.patterns[pattern].1;
            boundary_before(text, s)
                && boundary_after(bytes, e)
                && (!caps || text[s..e].chars().filter(|c| c.is_alphabetic()).take(2).all(|c| c.is_uppercase()))
        };
        let mut out = Vec::new();
        let mut pos = 0;
        while let Some(m) = ac.find(Input::new(text).span(pos..text.len())) {
            let (s, e, p) = (m.start(), m.end(), m.pattern().as_usize());
            if whole(s, e, p) {
                out.push(Match { start: s, end: e, entry: self.patterns[p].0 });
                pos = e;
                continue;
            }
            // The longest term here is not a whole word: try shorter ones at the same place.
            let shorter = all
                .find_overlapping_iter(Input::new(text).span(s..e))
                .filter(|o| o.start() == s && whole(o.start(), o.end(), o.pattern().as_usize()))
                .max_by_key(|o| o.end());
            match shorter {
                Some(o) => {
                    out.push(Match { start: s, end: o.end(), entry: self.patterns[o.pattern().as_usize()].0 });
                    pos = o.end();
                }
                None => pos = s + text[s..].chars().next().map_or(1, char::len_utf8),
            }
        }
        out
    }
}

/// A letter, digit or `_`, or an accent joined to the letter before it.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || unicode_normalization::char::is_combining_mark(c)
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

/// Fold white space runs to one space and curly apostrophes to straight,
/// in Unicode normal form C.
pub fn normalize(s: &str) -> String {
    nfc(&fold(s))
}

fn fold(s: &str) -> String {
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
    fn a_longest_match_that_is_not_a_whole_word_falls_back_to_a_shorter_one() {
        let e = [entry("social care", &[]), entry("social care assessment", &[]), entry("care", &[])];
        assert_eq!(found(&e, "social care assessmentx"), vec![("social care".into(), "social care".into())]);
        assert_eq!(found(&e, "xsocial care"), vec![("care".into(), "care".into())]);
    }

    #[test]
    fn hyphen_and_space_forms() {
        let e = [entry("person-centred", &[])];
        assert_eq!(found(&e, "person centred support").len(), 1);
    }

    #[test]
    fn terms_and_text_match_in_either_unicode_form() {
        let (nfc, nfd) = ("caf\u{e9}", "cafe\u{301}");
        for term in [nfc, nfd] {
            let e = [entry(term, &[])];
            for text in [format!("A {nfc} here"), format!("A {nfd} here"), format!("{nfd}s, {nfc}, e\u{301}{nfd}")] {
                let m = Matcher::new(&e);
                let found: Vec<&str> = m.find(&text).iter().map(|x| &text[x.start..x.end]).collect();
                let want: Vec<&str> = text.match_indices(nfc).chain(text.match_indices(nfd)).filter(|(i, _)| *i == 0 || text.as_bytes()[i - 1] == b' ').map(|(i, w)| {
                    let end = i + w.len() + usize::from(text[i + w.len()..].starts_with('s'));
                    &text[i..end]
                }).collect();
                let mut want = want;
                want.sort_by_key(|w| text.find(w));
                assert_eq!(found, want, "term {term:?} in {text:?}");
            }
        }
    }

    #[test]
    fn offsets_map_back_to_the_text_as_written() {
        let e = [entry("\u{fc}ber", &[]), entry("b", &[])];
        let text = "x u\u{308}ber \u{fc}ber b\u{308} b";
        let m = Matcher::new(&e);
        let found: Vec<(&str, usize)> = m.find(text).iter().map(|x| (&text[x.start..x.end], x.entry)).collect();
        assert_eq!(found, vec![("u\u{308}ber", 0), ("\u{fc}ber", 0), ("b", 1)]);
    }

    #[test]
    fn normalize_folds_space() {
        assert_eq!(normalize("  direct\n   payment’s "), "direct payment's");
    }
}
