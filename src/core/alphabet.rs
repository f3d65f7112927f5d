//! Alphabets whose letters are not one character each, for the A to Z:
//! in Welsh `ch`, `dd`, `ff`, `ng`, `ll`, `ph`, `rh` and `th` are letters,
//! and `ch` comes after `c`, `ll` after `l`. Other languages sort and group
//! by single letters, as before.

/// A language's letters in order, by its code's first part.
fn letters(lang: &str) -> Option<&'static [&'static str]> {
    match lang.split(['-', '_']).next().unwrap_or(lang) {
        "cy" => Some(&["a", "b", "c", "ch", "d", "dd", "e", "f", "ff", "g", "ng", "h", "i", "j", "l", "ll", "m", "n", "o", "p", "ph", "r", "rh", "s", "t", "th", "u", "w", "y"]),
        _ => None,
    }
}

/// The first letter of `folded` (lower case, accents off) in language
/// `lang`: `ll` for "llanelli" in Welsh; `None` where the language has no
/// table here, or the text does not start with one of its letters.
pub fn first_letter(folded: &str, lang: &str) -> Option<&'static str> {
    let table = letters(lang)?;
    table.iter().filter(|l| folded.starts_with(**l)).max_by_key(|l| l.len()).copied()
}

/// A key that sorts folded text in the language's alphabet order; the
/// text itself where the language has no table here.
pub fn sort_key(folded: &str, lang: &str) -> Vec<u32> {
    let Some(table) = letters(lang) else { return folded.chars().map(|c| c as u32).collect() };
    let mut out = Vec::with_capacity(folded.len());
    let mut rest = folded;
    while let Some(c) = rest.chars().next() {
        match table.iter().enumerate().filter(|(_, l)| rest.starts_with(**l)).max_by_key(|(_, l)| l.len()) {
            // Letters sort after digits and spaces, in the table's order.
            Some((i, l)) => {
                out.push(0x10000 + i as u32);
                rest = &rest[l.len()..];
            }
            None => {
                out.push(c as u32);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn welsh_letters_are_two_characters_where_they_are() {
        assert_eq!(first_letter("llanelli", "cy"), Some("ll"));
        assert_eq!(first_letter("lol", "cy"), Some("l"));
        assert_eq!(first_letter("chwarae", "cy"), Some("ch"));
        assert_eq!(first_letter("llanelli", "en-GB"), None);
        let mut words = vec!["llyn", "lol", "cymorth", "chwarae", "dyn", "ddoe", "theatr", "tŷ"];
        words.sort_by_key(|w| sort_key(&crate::core::fold::fold(w), "cy"));
        assert_eq!(words, ["cymorth", "chwarae", "dyn", "ddoe", "lol", "llyn", "tŷ", "theatr"]);
    }
}
