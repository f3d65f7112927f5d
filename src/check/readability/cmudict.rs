//! The CMU Pronouncing Dictionary's syllable counts (first pronunciation;
//! `data/cmudict-syllables.txt`, see `data/README.md`), loaded once.

use std::sync::OnceLock;

/// FxHash (rustc's): fast for the short keys of the dictionary.
type Dict = rustc_hash::FxHashMap<&'static [u8], u8>;

static CMUDICT_SYLLABLES: &str = include_str!("../../../data/cmudict-syllables.txt");

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
pub(super) fn dict_get(lower: &[u8]) -> Option<u32> {
    dict().get(lower).map(|&n| n as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn dictionary_loads_every_entry_and_skips_comments() {
        assert!(dict().len() > 120_000, "{}", dict().len());
        assert_eq!(dict_get(b"#"), None);
        assert_eq!(dict_get(b"zucchini"), Some(3));
        assert_eq!(dict_get(b"'bout"), Some(1));
    }
}
