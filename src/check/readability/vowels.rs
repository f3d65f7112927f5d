//! Vowel-group rules: syllables of an English word the dictionary lacks.

#[inline]
pub(super) fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}
/// Vowel-group rules for words not in the dictionary (lowercase ASCII
/// letters; apostrophes ignored).
pub(super) fn rule_syllables(w: &[u8]) -> u32 {
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
