//! The CMU Pronouncing Dictionary's syllable counts (first pronunciation;
//! `data/cmudict-syllables.txt`, see `data/README.md`), loaded once.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// FxHash (as used in rustc): fast for short keys, no allocation.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

const FX_K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(FX_K);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, mut bytes: &[u8]) {
        while bytes.len() >= 8 {
            self.add(u64::from_le_bytes(bytes[..8].try_into().unwrap()));
            bytes = &bytes[8..];
        }
        if bytes.len() >= 4 {
            self.add(u32::from_le_bytes(bytes[..4].try_into().unwrap()) as u64);
            bytes = &bytes[4..];
        }
        for &b in bytes {
            self.add(b as u64);
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

type Dict = HashMap<&'static [u8], u8, BuildHasherDefault<FxHasher>>;

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
