//! The English syllable counter: CMUdict first, then inflection and
//! British-spelling look-ups, and finally vowel-group rules. Numerals count
//! as one syllable per number (easy read guidance prefers "3" to "three"
//! precisely because a numeral is read at a glance).

use super::cmudict::dict_get;
use super::inflection::{derived_syllables, ends_sibilant};
use super::vowels::rule_syllables;

const MAX_WORD: usize = 48;

/// Syllables in one word (letters, apostrophes). CMUdict first, then rules.
///
/// Also accepts the tokens that [`words`](super::words()) returns:
/// hyphenated or slashed compounds are counted part by part (`well-being`
/// = 3), letters separated by full stops are spelled out (`e.g` = 2), and
/// each number counts as one syllable (`4,200` = 1). Any word with at least one letter or digit has at
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

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn accented_letters_count_as_their_plain_letters() {
        // `ř` was an unknown letter, counted as a vowel: "Dvoaak", one syllable.
        assert_eq!(syllables("Dvo\u{159}\u{e1}k"), syllables("Dvorak"));
        assert_eq!(syllables("Dvo\u{159}\u{e1}k"), 2);
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
}
