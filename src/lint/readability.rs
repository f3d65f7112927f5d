//! Readability statistics: words, sentences, syllables, Flesch Reading Ease
//! and Flesch-Kincaid grade.
//!
//! * Syllables come from the CMU Pronouncing Dictionary (first pronunciation;
//!   `data/cmudict-syllables.txt`, see `data/README.md`), then from
//!   inflection and British-spelling look-ups (`carers` → `carer` + `s`,
//!   `organise` → `organize`), and finally from vowel-group rules.
//!   Numerals count as one syllable per number (easy read guidance prefers
//!   "3" to "three" precisely because a numeral is read at a glance).
//! * Sentences are split by a hand-written scanner (no regex in the hot loop)
//!   that knows about titles and abbreviations, decimals and times, initials,
//!   ellipses, closing quotes and brackets, and blank lines.
//! * Words are counted the way textstat counts them: whitespace-separated
//!   tokens holding at least one letter or digit, so hyphenated words count
//!   once and numbers count as words.
//!
//! `tests/readability_textstat.rs` compares the results with textstat on
//! the passages in `tests/fixtures/textstat/passages.json`.

use std::ops::Range;
use std::sync::OnceLock;

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

/// Syllables in one word (letters, apostrophes). CMUdict first, then rules.
///
/// Also accepts the tokens that [`words`] returns: hyphenated or slashed
/// compounds are counted part by part (`well-being` = 3), letters separated
/// by full stops are spelled out (`e.g` = 2), and each number counts as one
/// syllable (`4,200` = 1). Any word with at least one letter or digit has at
/// least one syllable; a token with neither has none.
pub fn syllables(word: &str) -> u32 {
    let b = word.as_bytes();
    // Fast path: a plain lowercase or capitalised ASCII word.
    if b.len() <= MAX_WORD && !b.is_empty() && b.iter().all(|c| c.is_ascii_alphabetic()) {
        let mut buf = [0u8; MAX_WORD];
        let n = b.len();
        for (d, s) in buf.iter_mut().zip(b) {
            *d = s.to_ascii_lowercase();
        }
        let lower = &buf[..n];
        if let Some(c) = dict_get(lower) {
            // "TV", "BBC"; "ID" is never the Freudian "id" in capitals.
            if is_initialism(b) && (!has_vowel(lower) || lower == b"id") {
                return spelled_out(lower);
            }
            return c.max(1);
        }
        if is_initialism(b) && (!has_vowel(lower) || n <= 2) {
            return spelled_out(lower);
        }
        return letters_syllables(lower);
    }
    compound_syllables(word)
}

/// Split text into sentences. Returns byte ranges into `text`.
///
/// Each range is trimmed of surrounding whitespace and holds at least one
/// letter or digit. A sentence ends at `.`, `!`, `?` or an ellipsis (plus
/// any closing quotes or brackets) followed by whitespace and then anything
/// but a lowercase letter; at a blank line; before a new list item line
/// (`- `, `* `, `• `, `1. `, `1) `); and at the end of the text, so text
/// without final punctuation is one sentence. Titles and abbreviations that
/// are normally followed by a name or a number (`Dr.`, `Mr.`, `Mrs.`,
/// `St.`, `e.g.`, `i.e.`, `No. 5` ...), single-letter initials (`J. R.
/// Smith`) and full stops inside a token (`2.5`, `10.30am`, `gov.uk`) never
/// end a sentence; `etc.` ends one only when a capital letter follows.
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for_each_sentence(text, |r| out.push(r));
    out
}

/// Words in a piece of text (textstat-compatible counting: hyphenated words
/// count once, numbers count as words, punctuation ignored).
///
/// Tokens are separated by whitespace, em dashes and ellipsis characters;
/// a token is a word when it holds a letter or a digit, and is returned
/// without its leading and trailing punctuation (`"(e.g.,"` → `"e.g"`).
pub fn words(text: &str) -> Vec<&str> {
    WordIter::new(text).collect()
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Stats {
    pub words: usize,
    pub sentences: usize,
    pub syllables: usize,
    pub mean_sentence_words: f64,
    pub max_sentence_words: usize,
    pub flesch_reading_ease: f64,
    pub flesch_kincaid_grade: f64,
}

/// Statistics for a page: `units` are blocks of text (a paragraph, or ONE
/// list item, or a table cell); headings are excluded by the caller.
/// Each unit holds one or more sentences; a unit without final punctuation
/// still ends a sentence.
pub fn stats<'a>(units: impl IntoIterator<Item = &'a str>) -> Stats {
    let mut acc = Acc::default();
    for unit in units {
        acc.add_text(unit);
    }
    acc.finish()
}

/// Same, for one free text (used by the textstat comparison): split into
/// sentences by `split_sentences`.
pub fn text_stats(text: &str) -> Stats {
    let mut acc = Acc::default();
    acc.add_text(text);
    acc.finish()
}

/// One sentence of a text, with its counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    pub range: Range<usize>,
    pub words: usize,
    pub syllables: usize,
}

/// The sentences of one unit of text, counted once so that the lint can
/// check each sentence and total a page without splitting twice.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    for_each_sentence(text, |r| {
        let mut words = 0usize;
        let mut syl = 0usize;
        for word in WordIter::new(&text[r.clone()]) {
            words += 1;
            syl += syllables(word) as usize;
        }
        if words > 0 {
            out.push(Sentence { range: r, words, syllables: syl });
        }
    });
    out
}

impl Stats {
    /// Page figures from sentences already counted by `sentences`.
    pub fn from_sentences<'a>(all: impl IntoIterator<Item = &'a Sentence>) -> Stats {
        let mut acc = Acc::default();
        for s in all {
            acc.sentences += 1;
            acc.words += s.words;
            acc.syllables += s.syllables;
            acc.max_sentence_words = acc.max_sentence_words.max(s.words);
        }
        acc.finish()
    }
}

// ---------------------------------------------------------------------------
// Statistics
// ---------------------------------------------------------------------------

#[derive(Default)]
struct Acc {
    words: usize,
    sentences: usize,
    syllables: usize,
    max_sentence_words: usize,
}

impl Acc {
    fn add_text(&mut self, text: &str) {
        for_each_sentence(text, |r| {
            let mut w = 0usize;
            let mut s = 0usize;
            for word in WordIter::new(&text[r]) {
                w += 1;
                s += syllables(word) as usize;
            }
            if w > 0 {
                self.sentences += 1;
                self.words += w;
                self.syllables += s;
                self.max_sentence_words = self.max_sentence_words.max(w);
            }
        });
    }

    fn finish(&self) -> Stats {
        if self.words == 0 || self.sentences == 0 {
            return Stats::default();
        }
        let wps = self.words as f64 / self.sentences as f64;
        let spw = self.syllables as f64 / self.words as f64;
        Stats {
            words: self.words,
            sentences: self.sentences,
            syllables: self.syllables,
            mean_sentence_words: wps,
            max_sentence_words: self.max_sentence_words,
            flesch_reading_ease: 206.835 - 1.015 * wps - 84.6 * spw,
            flesch_kincaid_grade: 0.39 * wps + 11.8 * spw - 15.59,
        }
    }
}

// ---------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------

struct WordIter<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> WordIter<'a> {
    fn new(text: &'a str) -> Self {
        WordIter { text, pos: 0 }
    }
}

/// Separates tokens: whitespace, em dash, horizontal ellipsis.
#[inline]
fn is_token_sep(c: char) -> bool {
    c.is_whitespace() || c == '\u{2014}' || c == '\u{2026}'
}

impl<'a> Iterator for WordIter<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let b = self.text.as_bytes();
        let n = b.len();
        loop {
            // Skip separators.
            while self.pos < n {
                let c = b[self.pos];
                if c < 0x80 {
                    if c.is_ascii_whitespace() || c == 0x0b {
                        self.pos += 1;
                        continue;
                    }
                    break;
                }
                let ch = self.text[self.pos..].chars().next().unwrap();
                if is_token_sep(ch) {
                    self.pos += ch.len_utf8();
                    continue;
                }
                break;
            }
            if self.pos >= n {
                return None;
            }
            // Scan one token, noting the first and last alphanumeric char.
            let mut first = usize::MAX;
            let mut last_end = 0usize;
            while self.pos < n {
                let c = b[self.pos];
                if c < 0x80 {
                    if c.is_ascii_whitespace() || c == 0x0b {
                        break;
                    }
                    if c.is_ascii_alphanumeric() {
                        if first == usize::MAX {
                            first = self.pos;
                        }
                        last_end = self.pos + 1;
                    }
                    self.pos += 1;
                } else {
                    let ch = self.text[self.pos..].chars().next().unwrap();
                    if is_token_sep(ch) {
                        break;
                    }
                    let l = ch.len_utf8();
                    if ch.is_alphanumeric() {
                        if first == usize::MAX {
                            first = self.pos;
                        }
                        last_end = self.pos + l;
                    }
                    self.pos += l;
                }
            }
            if first != usize::MAX {
                return Some(&self.text[first..last_end]);
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Sentences
// ---------------------------------------------------------------------------

/// Abbreviations after which a full stop does not end a sentence (when the
/// next word is capitalised or a number). Compared case-sensitively for
/// titles, so "NO." or "no." at the end of a sentence still ends it unless a
/// digit follows (see `number_abbrev`).
const NON_TERMINAL: &[&str] = &[
    "Dr", "Mr", "Mrs", "Ms", "Mx", "Messrs", "Prof", "Rev", "Revd", "Hon", "Fr", "Capt", "Col",
    "Gen", "Lt", "Sgt", "Cllr", "Insp", "Supt", "Mt", "Sen", "vs", "e.g", "i.e", "E.g", "I.e",
    "cf", "Cf", "viz", "approx", "Approx", "incl", "Incl", "esp",
];

/// Abbreviations that do not end a sentence when a digit follows ("No. 5",
/// "p. 12", "Fig. 3").
const NUMBER_ABBREV: &[&str] = &[
    "No", "no", "Nos", "nos", "p", "pp", "Fig", "fig", "para", "Para", "paras", "Vol", "vol",
    "Art", "art", "Sec", "sec", "Ch", "ch", "Ex", "ex", "Tel", "tel", "Ref", "ref", "Reg", "reg",
];

#[inline]
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | ')'
            | ']'
            | '}'
            | '\u{201d}'
            | '\u{2019}'
            | '\u{00bb}'
            | '\u{203a}'
            | '*'
            | '_'
    )
}

/// Calls `f` with the byte range of each sentence in `text`.
fn for_each_sentence(text: &str, mut f: impl FnMut(Range<usize>)) {
    let b = text.as_bytes();
    let n = b.len();
    let mut start = 0usize;
    let mut i = 0usize;
    let emit = |s: usize, e: usize, f: &mut dyn FnMut(Range<usize>)| {
        let (s, e) = trim_range(text, s, e);
        if s < e && text[s..e].chars().any(|c| c.is_alphanumeric()) {
            f(s..e);
        }
    };
    while i < n {
        let c = b[i];
        match c {
            b'.' | b'!' | b'?' => {}
            0xE2 if b[i..].starts_with("\u{2026}".as_bytes()) => {}
            b'\n' => {
                if newline_breaks(b, i + 1) {
                    emit(start, i, &mut f);
                    start = i + 1;
                }
                i += 1;
                continue;
            }
            _ => {
                i += 1;
                continue;
            }
        }
        // A run of terminators: . ! ? …
        let term_start = i;
        let mut only_single_dot = true;
        let mut j = i;
        let mut count = 0;
        while j < n {
            if b[j] == b'.' || b[j] == b'!' || b[j] == b'?' {
                if b[j] != b'.' {
                    only_single_dot = false;
                }
                j += 1;
                count += 1;
            } else if b[j..].starts_with("\u{2026}".as_bytes()) {
                only_single_dot = false;
                j += 3;
                count += 1;
            } else {
                break;
            }
        }
        if count > 1 {
            only_single_dot = false;
        }
        // Closing quotes and brackets.
        let mut k = j;
        while k < n {
            let ch = text[k..].chars().next().unwrap();
            if is_closer(ch) {
                k += ch.len_utf8();
            } else {
                break;
            }
        }
        if k >= n {
            // End of text: the final sentence is emitted below.
            i = k;
            continue;
        }
        let next = text[k..].chars().next().unwrap();
        if !next.is_whitespace() {
            // "2.5", "10.30am", "e.g.", "gov.uk", "Yes!?" inside a token.
            i = k.max(i + 1);
            continue;
        }
        // First non-whitespace character after the terminator.
        let mut m = k;
        let mut blank_line = false;
        let mut newlines = 0;
        while m < n {
            let ch = text[m..].chars().next().unwrap();
            if ch == '\n' {
                newlines += 1;
                if newlines >= 2 {
                    blank_line = true;
                }
            }
            if ch.is_whitespace() {
                m += ch.len_utf8();
            } else {
                break;
            }
        }
        if m >= n {
            i = m;
            continue;
        }
        let nc = text[m..].chars().next().unwrap();
        let mut boundary = !nc.is_lowercase();
        if boundary && only_single_dot && !blank_line && dot_continues(text, start, term_start, nc)
        {
            boundary = false;
        }
        if blank_line {
            boundary = true;
        }
        if boundary {
            emit(start, k, &mut f);
            start = m;
            i = m;
        } else {
            // Newlines after a non-boundary are still checked for list items.
            i = k;
        }
    }
    emit(start, n, &mut f);
}

/// Is the full stop at `dot` (in the sentence that began at `start`, with
/// `nc` the next non-space character, not lowercase) part of a title,
/// abbreviation, initial or list label rather than a sentence end?
fn dot_continues(text: &str, start: usize, dot: usize, nc: char) -> bool {
    let tok = token_before(text, dot);
    // A list number or letter on its own: "1. Check the form."
    let so_far = text[start..dot].trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '*' | '+' | '(' | '\u{2022}')
    });
    if so_far == tok && is_list_label(tok) {
        return true;
    }
    let title = NON_TERMINAL.contains(&tok) || (tok == "St" && is_saint(text, dot));
    (title && (nc.is_uppercase() || nc.is_ascii_digit()))
        || (nc.is_ascii_digit() && NUMBER_ABBREV.contains(&tok))
        || (is_initial(tok) && nc.is_uppercase())
}

/// After a newline at `b[p-1]`: does a new sentence start here? True for a
/// blank line or a list item marker at the start of the next line.
fn newline_breaks(b: &[u8], mut p: usize) -> bool {
    while p < b.len() && (b[p] == b' ' || b[p] == b'\t' || b[p] == b'\r') {
        p += 1;
    }
    if p >= b.len() {
        return false;
    }
    match b[p] {
        b'\n' => true,
        b'-' | b'*' | b'+' => p + 1 < b.len() && (b[p + 1] == b' ' || b[p + 1] == b'\t'),
        b'0'..=b'9' => {
            let mut q = p;
            while q < b.len() && b[q].is_ascii_digit() {
                q += 1;
            }
            q + 1 < b.len()
                && (b[q] == b'.' || b[q] == b')')
                && (b[q + 1] == b' ' || b[q + 1] == b'\t')
        }
        c if c.is_ascii_alphabetic() => {
            p + 2 < b.len()
                && (b[p + 1] == b'.' || b[p + 1] == b')')
                && (b[p + 2] == b' ' || b[p + 2] == b'\t')
        }
        _ => b[p..].starts_with("\u{2022}".as_bytes()),
    }
}

/// The token just before the terminator at `end`, without leading
/// punctuation: for "(see Dr." it is "Dr", for "e.g." it is "e.g".
fn token_before(text: &str, end: usize) -> &str {
    let before = &text[..end];
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || matches!(c, '(' | '[' | '"' | '\u{201c}' | '\u{2018}'))
        .map(|(p, c)| p + c.len_utf8())
        .unwrap_or(0);
    let tok = &before[start..];
    tok.trim_start_matches(|c: char| !c.is_alphanumeric())
}

/// "St." before a name is "Saint" unless the word before it is capitalised
/// ("High St." is a street, which may end a sentence).
fn is_saint(text: &str, st_end: usize) -> bool {
    let before = text[..st_end.saturating_sub(2)].trim_end();
    match before.rsplit(|c: char| c.is_whitespace()).next() {
        Some(prev) => {
            !prev.chars().next().is_some_and(|c| c.is_uppercase())
                || prev.ends_with(['.', '!', '?'])
        }
        None => true,
    }
}

/// "1", "12", "a", "B", "iv": a label that numbers a list item.
fn is_list_label(tok: &str) -> bool {
    (!tok.is_empty() && tok.len() <= 3 && tok.bytes().all(|c| c.is_ascii_digit()))
        || (tok.len() == 1 && tok.bytes().all(|c| c.is_ascii_alphabetic()))
        || (tok.len() <= 4
            && !tok.is_empty()
            && tok.bytes().all(|c| matches!(c, b'i' | b'v' | b'x')))
}

/// A single capital letter used as an initial: "J." in "J. R. Smith".
fn is_initial(tok: &str) -> bool {
    let mut cs = tok.chars();
    match (cs.next(), cs.next()) {
        (Some(c), None) => c.is_uppercase(),
        _ => false,
    }
}

fn trim_range(text: &str, mut s: usize, mut e: usize) -> (usize, usize) {
    let t = &text[s..e];
    let t2 = t.trim_start();
    s += t.len() - t2.len();
    let t3 = t2.trim_end();
    e = s + t3.len();
    (s, e)
}

// ---------------------------------------------------------------------------
// Syllables
// ---------------------------------------------------------------------------

const MAX_WORD: usize = 48;

/// FxHash (rustc's): fast for the short keys of the dictionary.
type Dict = rustc_hash::FxHashMap<&'static [u8], u8>;

static CMUDICT_SYLLABLES: &str = include_str!("../../data/cmudict-syllables.txt");

fn dict() -> &'static Dict {
    static DICT: OnceLock<Dict> = OnceLock::new();
    DICT.get_or_init(|| {
        let mut map = Dict::with_capacity_and_hasher(130_000, Default::default());
        for line in CMUDICT_SYLLABLES.as_bytes().split(|&c| c == b'\n') {
            if line.first() == Some(&b'#') {
                continue;
            }
            if let Some(sp) = line.iter().position(|&c| c == b' ') {
                let (w, rest) = (&line[..sp], &line[sp + 1..]);
                let mut n = 0u8;
                for &d in rest {
                    if d.is_ascii_digit() {
                        n = n * 10 + (d - b'0');
                    }
                }
                map.insert(w, n);
            }
        }
        map
    })
}

#[inline]
fn dict_get(lower: &[u8]) -> Option<u32> {
    dict().get(lower).map(|&n| n as u32)
}

#[inline]
fn has_vowel(w: &[u8]) -> bool {
    w.iter()
        .any(|&c| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y'))
}

/// All capitals, at least two letters: "NHS", "GP", "DWP".
#[inline]
fn is_initialism(orig: &[u8]) -> bool {
    orig.len() >= 2 && orig.len() <= 6 && orig.iter().all(|c| c.is_ascii_uppercase())
}

/// Letter names read aloud: one syllable each, "w" three.
fn spelled_out(lower: &[u8]) -> u32 {
    lower.iter().map(|&c| if c == b'w' { 3 } else { 1 }).sum()
}

/// Syllables of a token that is not a plain ASCII word: split it into
/// letter runs (with apostrophes) and numbers.
fn compound_syllables(word: &str) -> u32 {
    let mut total = 0u32;
    let mut letters = String::new();
    let mut in_number = false;
    // Letters glued to a number ("7am", "1st", "1990s", "5kg") belong to it.
    let mut suffix_of_number = false;
    let mut chars = word.chars().peekable();
    let flush = |letters: &mut String, total: &mut u32, suffix: bool| {
        let unit = suffix && letters.chars().count() <= 3;
        if !unit && letters.chars().any(|c| c.is_alphabetic()) {
            *total += letter_run_syllables(letters);
        }
        letters.clear();
    };
    while let Some(c) = chars.next() {
        if c.is_alphabetic() || ((c == '\'' || c == '\u{2019}') && !letters.is_empty()) {
            if letters.is_empty() {
                suffix_of_number = in_number;
            }
            in_number = false;
            letters.push(if c == '\u{2019}' { '\'' } else { c });
        } else if c.is_numeric() {
            flush(&mut letters, &mut total, suffix_of_number);
            if !in_number {
                total += 1;
                in_number = true;
            }
        } else {
            flush(&mut letters, &mut total, suffix_of_number);
            // "4,200", "2.5", "10:30" stay one number.
            let joins_number = in_number
                && matches!(c, ',' | '.' | ':')
                && chars.peek().is_some_and(|d| d.is_numeric());
            if !joins_number {
                in_number = false;
            }
        }
    }
    flush(&mut letters, &mut total, suffix_of_number);
    total
}

/// A run of letters and apostrophes, any case, possibly non-ASCII.
fn letter_run_syllables(run: &str) -> u32 {
    let run = run.trim_matches('\'');
    if run.is_empty() {
        return 0;
    }
    let mut buf = Vec::with_capacity(run.len());
    for c in run.chars() {
        push_folded(c, &mut buf);
    }
    let orig_caps = run.chars().count() >= 2 && run.chars().all(|c| c.is_uppercase());
    if buf.len() > MAX_WORD {
        return rule_syllables(&strip_apostrophes(&buf));
    }
    if let Some(c) = dict_get(&buf) {
        if orig_caps && !has_vowel(&buf) {
            return spelled_out(&buf);
        }
        return c.max(1);
    }
    if orig_caps && (!has_vowel(&buf) || buf.len() <= 2) && !buf.contains(&b'\'') {
        return spelled_out(&buf);
    }
    letters_syllables(&buf)
}

/// A letter as lowercase ASCII, accents off by the one fold
/// ([`crate::core::fold`]); a letter with no Latin form counts as a
/// vowel-ish `a`.
fn push_folded(c: char, buf: &mut Vec<u8>) {
    if c.is_ascii_alphabetic() || c == '\'' {
        buf.push(c.to_ascii_lowercase() as u8);
        return;
    }
    let f = crate::core::fold::fold(c.encode_utf8(&mut [0; 4]));
    if !f.is_empty() && f.bytes().all(|b| b.is_ascii_lowercase()) {
        buf.extend_from_slice(f.as_bytes());
    } else {
        buf.push(b'a');
    }
}

fn strip_apostrophes(w: &[u8]) -> Vec<u8> {
    w.iter().copied().filter(|&c| c != b'\'').collect()
}

/// Syllables of a lowercase ASCII word (letters and apostrophes) that may
/// or may not be in the dictionary.
fn letters_syllables(w: &[u8]) -> u32 {
    if let Some(c) = dict_get(w) {
        return c.max(1);
    }
    if w.contains(&b'\'') {
        // Possessive 's: "council's", "James's".
        if let Some(base) = w.strip_suffix(b"'s") {
            if !base.contains(&b'\'') {
                let extra = u32::from(ends_sibilant(base));
                return letters_syllables(base) + extra;
            }
        }
        let plain = strip_apostrophes(w);
        if plain.is_empty() {
            return 0;
        }
        return letters_syllables(&plain);
    }
    if let Some(c) = derived_syllables(w, 2) {
        return c;
    }
    rule_syllables(w)
}

#[inline]
fn get_lookup(w: &[u8]) -> Option<u32> {
    dict_get(w).map(|c| c.max(1))
}

/// Look-ups for words missing from CMUdict: British spellings and
/// inflections/derivations of dictionary words. `depth` bounds recursion.
fn derived_syllables(w: &[u8], depth: u8) -> Option<u32> {
    if let Some(c) = get_lookup(w) {
        return Some(c);
    }
    if depth == 0 || w.len() < 4 {
        return None;
    }
    // British spellings with the same syllable count as the American one.
    if let Some(c) = british_variant(w) {
        return Some(c);
    }
    let n = w.len();
    let try_base = |base: &[u8], add: u32| -> Option<u32> {
        derived_syllables(base, depth - 1).map(|c| c + add)
    };
    let with_e = |base: &[u8]| -> Vec<u8> {
        let mut v = base.to_vec();
        v.push(b'e');
        v
    };
    let with_y = |base: &[u8]| -> Vec<u8> {
        let mut v = base.to_vec();
        v.push(b'y');
        v
    };
    // -ies / -ied / -ier / -iest → -y
    for (suf, add) in [
        (&b"ies"[..], 0u32),
        (b"ied", 0),
        (b"ier", 1),
        (b"iest", 1),
        (b"iness", 1),
    ] {
        if let Some(base) = w.strip_suffix(suf) {
            if base.len() >= 2 {
                if let Some(c) = try_base(&with_y(base), add) {
                    return Some(c);
                }
            }
        }
    }
    // -es after a sibilant adds a syllable; plain -s does not.
    if let Some(base) = w.strip_suffix(b"es") {
        if ends_sibilant_letters(base) {
            if let Some(c) = try_base(base, 1) {
                return Some(c);
            }
        }
    }
    if let Some(base) = w.strip_suffix(b"s") {
        if !base.ends_with(b"s") {
            if let Some(c) = try_base(base, 0) {
                return Some(c);
            }
        }
    }
    // -ed: a syllable only after t or d.
    if let Some(base) = w.strip_suffix(b"ed") {
        let add_after = |b: &[u8]| u32::from(b.ends_with(b"t") || b.ends_with(b"d"));
        if let Some(c) = try_base(&with_e(base), 0) {
            // "authorised" → "authorise" (+0), "created" → "create" (+1)
            return Some(c + add_after(base));
        }
        if let Some(c) = try_base(base, add_after(base)) {
            return Some(c);
        }
        if base.len() >= 3 && base[base.len() - 1] == base[base.len() - 2] {
            let b2 = &base[..base.len() - 1];
            if let Some(c) = try_base(b2, add_after(b2)) {
                return Some(c);
            }
        }
    }
    // Suffixes that add syllables of their own.
    for (suf, add, e_base) in [
        (&b"ing"[..], 1u32, true),
        (b"er", 1, true),
        (b"ers", 1, true),
        (b"est", 1, true),
        (b"ly", 1, false),
        (b"ness", 1, false),
        (b"ment", 1, false),
        (b"ments", 1, false),
        (b"ful", 1, false),
        (b"less", 1, false),
        (b"able", 2, true),
        (b"ism", 2, true),
        (b"ist", 1, true),
        (b"ists", 1, true),
        (b"ship", 1, false),
        (b"hood", 1, false),
    ] {
        if let Some(base) = w.strip_suffix(suf) {
            if base.len() < 2 {
                continue;
            }
            if let Some(c) = try_base(base, add) {
                return Some(c);
            }
            if e_base {
                if let Some(c) = try_base(&with_e(base), add) {
                    return Some(c);
                }
                let bl = base.len();
                if bl >= 3 && base[bl - 1] == base[bl - 2] {
                    if let Some(c) = try_base(&base[..bl - 1], add) {
                        return Some(c);
                    }
                }
            }
        }
    }
    // Prefixes.
    for pre in [
        &b"un"[..],
        b"re",
        b"non",
        b"pre",
        b"dis",
        b"mis",
        b"over",
        b"under",
        b"out",
        b"co",
        b"sub",
        b"anti",
        b"inter",
        b"multi",
        b"self",
        b"post",
        b"semi",
        b"super",
        b"micro",
    ] {
        if let Some(rest) = w.strip_prefix(pre) {
            if rest.len() >= 3 {
                if let Some(c) = try_base(rest, 0) {
                    let p = rule_syllables(pre);
                    return Some(c + p);
                }
            }
        }
    }
    // Closed compounds of two dictionary words: "helpline", "wellbeing".
    if n >= 6 && depth >= 2 {
        for split in (3..=n - 3).rev() {
            let (a, b) = w.split_at(split);
            if let (Some(x), Some(y)) = (get_lookup(a), get_lookup(b)) {
                return Some(x + y);
            }
        }
    }
    None
}

/// British spelling → American (same syllables), then look up.
fn british_variant(w: &[u8]) -> Option<u32> {
    let n = w.len();
    let mut v: Vec<u8>;
    // -is- → -iz- in -ise, -ised, -ising, -isation, -iser, -ises.
    for i in 1..n.saturating_sub(2) {
        if w[i] == b'i'
            && w[i + 1] == b's'
            && matches!(w[i + 2], b'e' | b'a' | b'i')
            && !is_vowel(w[i - 1])
        {
            v = w.to_vec();
            v[i + 1] = b'z';
            if let Some(c) = get_lookup(&v) {
                return Some(c);
            }
        }
    }
    // -our → -or ("colour", "behaviours")
    if let Some(p) = find(w, b"our") {
        if p > 0 {
            v = [&w[..p], b"or", &w[p + 3..]].concat();
            if let Some(c) = get_lookup(&v) {
                return Some(c);
            }
        }
    }
    // -tre → -ter, -ence → -ense, -ogue → -og, -amme → -am, -yse → -yze
    for (from, to) in [
        (&b"tre"[..], &b"ter"[..]),
        (b"bre", b"ber"),
        (b"ence", b"ense"),
        (b"ogue", b"og"),
        (b"amme", b"am"),
        (b"yse", b"yze"),
        (b"eing", b"ing"),
        (b"ll", b"l"),
        (b"ae", b"e"),
        (b"oe", b"e"),
    ] {
        if let Some(p) = find(w, from) {
            v = [&w[..p], to, &w[p + from.len()..]].concat();
            if let Some(c) = get_lookup(&v) {
                return Some(c);
            }
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|x| x == needle)
}

#[inline]
fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// Does a word end with an s/z/sh/ch/j sound ("-'s" then adds a syllable)?
fn ends_sibilant(base: &[u8]) -> bool {
    base.ends_with(b"s")
        || base.ends_with(b"x")
        || base.ends_with(b"z")
        || base.ends_with(b"ch")
        || base.ends_with(b"sh")
        || base.ends_with(b"ce")
        || base.ends_with(b"ge")
        || base.ends_with(b"se")
        || base.ends_with(b"ze")
}

/// Stems that take "-es" as an extra syllable: "boxes", "churches".
fn ends_sibilant_letters(base: &[u8]) -> bool {
    base.ends_with(b"s")
        || base.ends_with(b"x")
        || base.ends_with(b"z")
        || base.ends_with(b"ch")
        || base.ends_with(b"sh")
}

/// Vowel-group rules for words not in the dictionary (lowercase ASCII
/// letters; apostrophes ignored).
fn rule_syllables(w: &[u8]) -> u32 {
    let w: Vec<u8> = w
        .iter()
        .copied()
        .filter(|c| c.is_ascii_lowercase())
        .collect();
    let n = w.len();
    if n == 0 {
        return 0;
    }
    if n <= 2 {
        return 1;
    }
    let mut count: i32 = 0;
    let mut prev_vowel = false;
    for (i, &c) in w.iter().enumerate() {
        let v = if c == b'y' {
            i > 0 && (!prev_vowel || i == n - 1)
        } else {
            is_vowel(c)
        };
        if v && !prev_vowel {
            count += 1;
        }
        prev_vowel = v;
    }
    let cons = |i: usize| !is_vowel(w[i]);
    // Silent final e: "make", "rule"; but "-le" after a consonant is
    // syllabic ("table"), and "-ee"/"-ie"/"-oe"/"-ye" are vowel groups.
    if w[n - 1] == b'e' && cons(n - 2) {
        let syllabic_le = w[n - 2] == b'l' && n >= 3 && cons(n - 3);
        if !syllabic_le {
            count -= 1;
        }
    }
    // "-es": silent after most consonants ("makes"), not after sibilants
    // ("cases", "boxes", "changes") or syllabic l ("tables").
    if n >= 4 && w.ends_with(b"es") && cons(n - 3) {
        let p = w[n - 3];
        let sib = matches!(p, b's' | b'x' | b'z' | b'c' | b'g')
            || w[..n - 2].ends_with(b"ch")
            || w[..n - 2].ends_with(b"sh");
        let syllabic = p == b'l' && cons(n - 4);
        if !sib && !syllabic {
            count -= 1;
        }
    }
    // "-ed": silent except after t or d ("jumped" vs "wanted") or in a
    // syllabic "-led" ("disabled"); also silent after a vowel "y" ("delayed").
    if n >= 4 && w.ends_with(b"ed") {
        let p = w[n - 3];
        let syllabic = p == b'l' && n >= 5 && cons(n - 4);
        let vowel_y = p == b'y' && n >= 5 && is_vowel(w[n - 4]);
        if (cons(n - 3) && !matches!(p, b't' | b'd') && !syllabic) || vowel_y {
            count -= 1;
        }
    }
    // Silent e before a suffix: "completely", "movement", "useless".
    for suf in [&b"ly"[..], b"ment", b"ments", b"ness", b"less", b"ful"] {
        if n > suf.len() + 3 && w.ends_with(suf) {
            let e = n - suf.len() - 1;
            if w[e] == b'e' && cons(e - 1) && is_vowel(w[e - 2]) && w[e - 1] != b'l' {
                count -= 1;
            }
            break;
        }
    }
    // Vowel pairs that are two syllables: "media", "radio", "video",
    // "actual", "stadium"; but not "-tion", "-cial", "quality".
    for i in 1..n - 1 {
        let (a, b) = (w[i], w[i + 1]);
        let pre = w[i - 1];
        let two = match (a, b) {
            (b'i', b'a') | (b'i', b'o') | (b'i', b'u') => {
                !matches!(pre, b't' | b'c' | b's' | b'x' | b'g')
            }
            (b'e', b'o') => true,
            (b'u', b'a') | (b'u', b'o') => !matches!(pre, b'q' | b'g'),
            _ => false,
        };
        if two {
            count += 1;
        }
    }
    // "doing", "playing": a vowel before "-ing" is its own syllable.
    if n >= 5 && w.ends_with(b"ing") && is_vowel(w[n - 4]) {
        count += 1;
    }
    // "-ism": "autism", "racism".
    if w.ends_with(b"ism") {
        count += 1;
    }
    count.max(1) as u32
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    #[test]
    fn accented_letters_count_as_their_plain_letters() {
        // `ř` was an unknown letter, counted as a vowel: "Dvoaak", one syllable.
        assert_eq!(syllables("Dvo\u{159}\u{e1}k"), syllables("Dvorak"));
        assert_eq!(syllables("Dvo\u{159}\u{e1}k"), 2);
    }

    use super::*;

    fn sents(text: &str) -> Vec<&str> {
        split_sentences(text)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn splits_on_full_stop_question_and_exclamation() {
        assert_eq!(
            sents("We can help. Do you need help? Call us now! We are open."),
            vec![
                "We can help.",
                "Do you need help?",
                "Call us now!",
                "We are open."
            ]
        );
    }

    #[test]
    fn titles_do_not_end_sentences() {
        assert_eq!(
            sents(
                "Your appointment with Dr. Patel is on Monday. Mr. and Mrs. Ahmed will come too."
            ),
            vec![
                "Your appointment with Dr. Patel is on Monday.",
                "Mr. and Mrs. Ahmed will come too."
            ]
        );
        assert_eq!(
            sents("Meet at St. John's church. Bring a coat."),
            vec!["Meet at St. John's church.", "Bring a coat."]
        );
        // "High St." is a street: a capital after it starts a new sentence.
        assert_eq!(
            sents("We moved to 14 High St. It is near the bank."),
            vec!["We moved to 14 High St.", "It is near the bank."]
        );
    }

    #[test]
    fn abbreviations_mid_sentence() {
        assert_eq!(
            sents("Bring proof, e.g. a bill. Some items, i.e. Large ones, go elsewhere. Pens, paper, etc. are free. Then go home."),
            vec!["Bring proof, e.g. a bill.", "Some items, i.e. Large ones, go elsewhere.", "Pens, paper, etc. are free.", "Then go home."]
        );
        // "etc." followed by a capital does end the sentence.
        assert_eq!(
            sents("Bring pens, paper, etc. Then sit down."),
            vec!["Bring pens, paper, etc.", "Then sit down."]
        );
        assert_eq!(
            sents("See No. 5 on the list. It is red."),
            vec!["See No. 5 on the list.", "It is red."]
        );
    }

    #[test]
    fn decimals_and_times() {
        assert_eq!(
            sents("It costs 2.5 pounds. Come at 10.30am tomorrow. The rate is 4.99 per cent."),
            vec![
                "It costs 2.5 pounds.",
                "Come at 10.30am tomorrow.",
                "The rate is 4.99 per cent."
            ]
        );
    }

    #[test]
    fn initials() {
        assert_eq!(
            sents("The hall is named after J. R. Smith. She founded it."),
            vec!["The hall is named after J. R. Smith.", "She founded it."]
        );
    }

    #[test]
    fn ellipses() {
        assert_eq!(
            sents("I waited... and waited. Nobody came."),
            vec!["I waited... and waited.", "Nobody came."]
        );
        assert_eq!(
            sents("I waited\u{2026} Then he came."),
            vec!["I waited\u{2026}", "Then he came."]
        );
        assert_eq!(sents("Wait... Stop."), vec!["Wait...", "Stop."]);
    }

    #[test]
    fn closing_quotes_and_brackets() {
        assert_eq!(
            sents("\"Can I help?\" she asked. \"Yes.\" (It was late.) He left."),
            vec![
                "\"Can I help?\" she asked.",
                "\"Yes.\"",
                "(It was late.)",
                "He left."
            ]
        );
        assert_eq!(
            sents("\u{201c}Stop!\u{201d} Then quiet."),
            vec!["\u{201c}Stop!\u{201d}", "Then quiet."]
        );
    }

    #[test]
    fn no_final_punctuation_is_one_sentence() {
        assert_eq!(sents("Phone us on Monday"), vec!["Phone us on Monday"]);
        assert_eq!(
            sents("  Phone us. Or write to us  "),
            vec!["Phone us.", "Or write to us"]
        );
    }

    #[test]
    fn blank_lines_and_list_items_break() {
        assert_eq!(
            sents("Bring these\n- your letter\n- your glasses\n\nThank you"),
            vec![
                "Bring these",
                "- your letter",
                "- your glasses",
                "Thank you"
            ]
        );
        assert_eq!(
            sents("Do this.\n1. Check the form.\n2. Sign it.\nb. Post it. It is 2019. Done."),
            vec![
                "Do this.",
                "1. Check the form.",
                "2. Sign it.",
                "b. Post it.",
                "It is 2019.",
                "Done."
            ]
        );
        // A single newline inside a sentence does not break it.
        assert_eq!(
            sents("We will\nwrite to you."),
            vec!["We will\nwrite to you."]
        );
    }

    #[test]
    fn empty_and_punctuation_only() {
        assert!(split_sentences("").is_empty());
        assert!(split_sentences("  ... !! ").is_empty());
        assert_eq!(text_stats(""), Stats::default());
        assert_eq!(stats(["", "  ", "--"]), Stats::default());
    }

    #[test]
    fn ranges_index_the_input() {
        let t = "Héllo wörld. Ça va? Oui.";
        let rs = split_sentences(t);
        assert_eq!(rs.len(), 3);
        assert_eq!(&t[rs[1].clone()], "Ça va?");
    }

    #[test]
    fn word_counting() {
        assert_eq!(
            words("A well-being check, e.g. for 4,200 people — today!"),
            vec![
                "A",
                "well-being",
                "check",
                "e.g",
                "for",
                "4,200",
                "people",
                "today"
            ]
        );
        assert_eq!(
            words("\"Don't,\" she said & left (quickly)."),
            vec!["Don't", "she", "said", "left", "quickly"]
        );
        assert!(words(" -- ... ").is_empty());
    }

    #[test]
    fn dictionary_loads_every_entry_and_skips_comments() {
        assert!(dict().len() > 120_000, "{}", dict().len());
        assert_eq!(dict_get(b"#"), None);
        assert_eq!(dict_get(b"zucchini"), Some(3));
        assert_eq!(dict_get(b"'bout"), Some(1));
    }

    #[test]
    fn syllables_from_dictionary() {
        for (w, n) in [
            ("the", 1),
            ("about", 2),
            ("again", 2),
            ("area", 3),
            ("idea", 3),
            ("discretionary", 5),
            ("circumstances", 4),
            ("Council", 2),
            ("don't", 1),
            ("hmm", 1), // CMUdict has 0 vowels; every word has at least one
        ] {
            assert_eq!(syllables(w), n, "{w}");
        }
    }

    #[test]
    fn syllables_of_derived_and_british_words() {
        for (w, n) in [
            ("organise", 3),
            ("authorised", 3),
            ("anonymised", 4),
            ("carers", 2),
            ("nappies", 2),
            ("ageing", 2),
            ("helpline", 2),
            ("lawfulness", 3),
            ("prioritise", 4),
            ("council's", 2),
            ("church's", 2),
            ("Nurse\u{2019}s", 2),
        ] {
            assert_eq!(syllables(w), n, "{w}");
        }
    }

    #[test]
    fn syllables_by_rule() {
        // Made-up words, certainly not in CMUdict.
        for (w, n) in [
            ("blorp", 1),
            ("flimbake", 2),
            ("zandle", 2),
            ("grobbed", 1),
            ("snorted", 2),
            ("plimbia", 3),
            ("strakes", 1),
            ("bonnaxes", 3),
        ] {
            assert_eq!(rule_syllables(w.as_bytes()), n, "{w}");
            assert_eq!(syllables(w), n, "{w}");
        }
    }

    #[test]
    fn syllables_of_tokens() {
        assert_eq!(syllables("well-being"), 3);
        assert_eq!(syllables("e.g"), 2);
        assert_eq!(syllables("NHS"), 3);
        assert_eq!(syllables("GP"), 2);
        assert_eq!(syllables("DWP"), 5);
        assert_eq!(syllables("ID"), 2);
        assert_eq!(syllables("id"), 1);
        assert_eq!(syllables("US"), 1);
        assert_eq!(syllables("4,200"), 1);
        assert_eq!(syllables("2024"), 1);
        assert_eq!(syllables("10.30am"), 1);
        assert_eq!(syllables("9pm"), 1);
        assert_eq!(syllables("21st"), 1);
        assert_eq!(syllables("COVID-19"), 3);
        assert_eq!(syllables("café"), 2);
        assert_eq!(syllables(""), 0);
        assert_eq!(syllables("--"), 0);
    }

    #[test]
    fn arbitrary_text_never_panics_and_ranges_are_sane() {
        // Deterministic pseudo-random strings over a troublesome alphabet.
        let alphabet: Vec<char> =
            "aZ9 .!?\n\t'\"()-\u{2014}\u{2026}\u{201d}\u{2019}éÇ\u{2022}*1e.g.Dr. St. "
                .chars()
                .collect();
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..3000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let len = (seed >> 33) as usize % 60;
            let mut t = String::new();
            for _ in 0..len {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                t.push(alphabet[(seed >> 33) as usize % alphabet.len()]);
            }
            let rs = split_sentences(&t);
            let mut last = 0;
            for r in &rs {
                assert!(
                    r.start >= last && r.start < r.end && r.end <= t.len(),
                    "{t:?}: {rs:?}"
                );
                assert!(
                    t.is_char_boundary(r.start) && t.is_char_boundary(r.end),
                    "{t:?}"
                );
                last = r.end;
            }
            let in_sentences: usize = rs.iter().map(|r| words(&t[r.clone()]).len()).sum();
            assert_eq!(in_sentences, words(&t).len(), "{t:?}");
            let s = text_stats(&t);
            assert!(
                s.flesch_kincaid_grade.is_finite() && s.flesch_reading_ease.is_finite(),
                "{t:?}"
            );
            assert_eq!(s.words == 0, s.sentences == 0, "{t:?}");
        }
    }

    #[test]
    fn stats_formulas() {
        // 2 sentences, 6 words, 9 syllables.
        let s = text_stats("The cat sat. A lovely holiday.");
        assert_eq!(
            (s.words, s.sentences, s.syllables, s.max_sentence_words),
            (6, 2, 9, 3)
        );
        assert!((s.mean_sentence_words - 3.0).abs() < 1e-9);
        let fre = 206.835 - 1.015 * 3.0 - 84.6 * (9.0 / 6.0);
        let fk = 0.39 * 3.0 + 11.8 * (9.0 / 6.0) - 15.59;
        assert!((s.flesch_reading_ease - fre).abs() < 1e-9);
        assert!((s.flesch_kincaid_grade - fk).abs() < 1e-9);
    }

    #[test]
    fn units_end_sentences() {
        let s = stats([
            "Bring your letter",
            "Bring your glasses",
            "We will help you. Call us.",
        ]);
        assert_eq!(s.sentences, 4);
        assert_eq!(s.words, 12);
        assert_eq!(s.max_sentence_words, 4);
        // The same text as one unit without punctuation is one long sentence.
        let joined = text_stats("Bring your letter bring your glasses");
        assert_eq!(joined.sentences, 1);
    }
}
