//! Syllables of English words missing from CMUdict that are inflections,
//! derivations or British spellings of words in it (`carers` → `carer` + `s`,
//! `organise` → `organize`).

use super::cmudict::dict_get;
use super::vowels::{is_vowel, rule_syllables};

#[inline]
fn get_lookup(w: &[u8]) -> Option<u32> {
    dict_get(w).map(|c| c.max(1))
}

/// Look-ups for words missing from CMUdict: British spellings and
/// inflections/derivations of dictionary words. `depth` bounds recursion.
pub(super) fn derived_syllables(w: &[u8], depth: u8) -> Option<u32> {
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

/// Does a word end with an s/z/sh/ch/j sound ("-'s" then adds a syllable)?
pub(super) fn ends_sibilant(base: &[u8]) -> bool {
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
