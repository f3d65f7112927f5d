//! The one way text is put in a single form to be compared: [`nfc`] for
//! text as written, [`fold`] for matching words whatever their case and
//! accents (search, ids, sorting).
//!
//! The directory search in the browser (`themes/default/js/search.js`)
//! folds the query the same way. Its copy of the fold is the text
//! [`search_js_fold`] makes; a test fails when the two differ, and
//! `tests/fold.mjs` (run by `.ci/run`) runs the browser's copy on the same
//! cases as the Rust test (`tests/fixtures/fold/cases.txt`).

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Letters that canonical decomposition (NFD) does not split, and what
/// they fold to.
pub const LETTERS: [(char, &str); 8] =
    [('ł', "l"), ('ø', "o"), ('ß', "ss"), ('æ', "ae"), ('œ', "oe"), ('đ', "d"), ('ħ', "h"), ('ı', "i")];

/// The accents taken off: the Combining Diacritical Marks block, the range
/// search.js can name in a regular expression every browser reads.
const ACCENTS: std::ops::RangeInclusive<char> = '\u{300}'..='\u{36f}';

/// Unicode normal form C: the same letters written the same way, so `café`
/// typed with one character or with `e` and an accent is one word.
pub fn nfc(s: &str) -> String {
    if s.is_ascii() || is_nfc_quick(s.chars()) == IsNormalized::Yes {
        return s.to_string();
    }
    s.nfc().collect()
}

/// Lowercase, decomposed (NFD), accents off, and the letters in
/// [`LETTERS`] spelt in plain Latin letters: `Tŷ Łódź` → `ty lodz`.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.to_lowercase().nfd().filter(|c| !ACCENTS.contains(c)) {
        match LETTERS.iter().find(|(l, _)| *l == c) {
            Some((_, to)) => out.push_str(to),
            None => out.push(c),
        }
    }
    out
}

/// The browser's copy of [`fold`], as it stands in search.js: the same
/// steps, in the same order, with the same table.
pub fn search_js_fold() -> String {
    let table: Vec<String> = LETTERS.iter().map(|(l, to)| format!("\"{l}\": \"{to}\"")).collect();
    let letters: String = LETTERS.iter().map(|(l, _)| *l).collect();
    let (from, to) = (ACCENTS.start(), ACCENTS.end());
    [
        format!("  var EXTRA = {{ {} }};", table.join(", ")),
        "  function fold(t) {".into(),
        "    t = String(t).toLowerCase();".into(),
        format!("    if (t.normalize) t = t.normalize(\"NFD\").replace(/[\\u{:04x}-\\u{:04x}]/g, \"\");", *from as u32, *to as u32),
        format!("    return t.replace(/[{letters}]/g, function (c) {{ return EXTRA[c]; }});"),
        "  }\n".into(),
    ]
    .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each line of the shared cases: the text, a tab, its fold. `\u{…}`
    /// stands for a character that is hard to see.
    fn cases() -> Vec<(String, String)> {
        let unescape = |s: &str| {
            let mut out = String::new();
            let mut rest = s;
            while let Some(i) = rest.find("\\u{") {
                out.push_str(&rest[..i]);
                let end = rest[i..].find('}').expect("a closing brace") + i;
                out.push(char::from_u32(u32::from_str_radix(&rest[i + 3..end], 16).unwrap()).unwrap());
                rest = &rest[end + 1..];
            }
            out + rest
        };
        include_str!("../../tests/fixtures/fold/cases.txt")
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| {
                let (from, to) = l.split_once('\t').expect("a tab between the text and its fold");
                (unescape(from), unescape(to))
            })
            .collect()
    }

    #[test]
    fn folds_the_shared_cases() {
        let cases = cases();
        assert!(cases.len() >= 20, "the cases file was read");
        for (from, to) in cases {
            assert_eq!(fold(&from), to, "fold({from:?})");
        }
    }

    #[test]
    fn search_js_folds_with_the_same_table() {
        let js = include_str!("../../themes/default/js/search.js");
        let want = search_js_fold();
        assert!(js.contains(&want), "themes/default/js/search.js must fold as src/core/fold.rs does; put this in it:\n{want}");
    }

    #[test]
    fn welsh_and_other_accents() {
        assert_eq!(fold("ŴŶ Łódź"), "wy lodz");
        assert_eq!(fold("Ynglŷn â Côd post"), "ynglyn a cod post");
        assert_eq!(fold("cafe\u{301}"), fold("caf\u{e9}"));
        assert_eq!(nfc("cafe\u{301}"), "caf\u{e9}");
    }
}
