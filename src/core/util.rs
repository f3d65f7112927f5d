//! Small helpers shared by several stages.

/// Small letters `a`–`z` and digits joined by `-`, from the text folded
/// (see [`crate::core::fold`]): `Côd post` → `cod-post`. Letters with no
/// plain Latin form (Greek, Cyrillic, …) are left out, as are symbols.
pub fn slugify(s: &str) -> String {
    let folded = crate::core::fold::fold(s);
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    pulldown_cmark_escape::escape_html(&mut out, s).expect("writing to a String cannot fail");
    out
}

/// The longest id or slug allowed: it becomes a folder name, and some file
/// systems and zip tools refuse long paths.
pub const MAX_NAME_LEN: usize = 100;

/// Names Windows keeps for devices: a file or folder called this (in any
/// case, with or without an extension such as `con.txt`) cannot be copied to
/// a Windows PC or a USB stick.
const WINDOWS_RESERVED: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3",
    "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Why an id or slug cannot name a folder of the output everywhere: too
/// long, or a name Windows keeps for itself. `None` when it is fine. The
/// words fit after "the id `x` …" or "the slug `x` …".
pub fn name_problem(name: &str) -> Option<String> {
    let len = name.chars().count();
    if len > MAX_NAME_LEN {
        return Some(format!("is {len} characters long; at most {MAX_NAME_LEN} are allowed, as it becomes a folder name"));
    }
    let base = name.split('.').next().unwrap_or("").trim_end().to_ascii_lowercase();
    if WINDOWS_RESERVED.contains(&base.as_str()) {
        return Some(format!(
            "is a name Windows keeps for itself (`{base}`), so the published folder could not be copied to a Windows PC or a USB stick"
        ));
    }
    None
}

/// A shorter or different name for one that [`name_problem`] refuses:
/// cut to [`MAX_NAME_LEN`] at a dash where it can be, or `-info` added to a
/// reserved name.
pub fn fix_name(name: &str) -> String {
    let mut out: String = name.chars().take(MAX_NAME_LEN).collect();
    if name.chars().count() > MAX_NAME_LEN {
        if let Some(i) = out.rfind('-').filter(|&i| i >= MAX_NAME_LEN / 2) {
            out.truncate(i);
        }
        while out.ends_with(['-', '.', ' ']) {
            out.pop();
        }
    }
    if name_problem(&out).is_some() {
        out.push_str("-info");
    }
    out
}

/// Characters that must never reach a terminal or a page raw: C0 controls
/// except tab and newline, DEL, and C1 controls (escape sequences start
/// with one of these).
pub fn is_control(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n') || ('\u{80}'..='\u{9f}').contains(&c)
}

/// The first control character in `s`: (its place, counting characters from 1; the character).
pub fn first_control(s: &str) -> Option<(usize, char)> {
    s.chars().enumerate().find(|(_, c)| is_control(*c)).map(|(i, c)| (i + 1, c))
}

/// `U+001B (escape)`: a control character named for a message.
pub fn control_name(c: char) -> String {
    let what = match c {
        '\u{1b}' => " (escape)",
        '\r' => " (carriage return)",
        '\0' => " (null)",
        '\u{7f}' => " (delete)",
        '\u{8}' => " (backspace)",
        _ => "",
    };
    format!("U+{:04X}{what}", c as u32)
}

/// Text that is safe to print: every control character is shown as
/// `<U+001B>` instead of being sent to the terminal.
pub fn visible(s: &str) -> std::borrow::Cow<'_, str> {
    replace_chars(s, is_control, |c| format!("<U+{:04X}>", c as u32))
}

/// `s` with each character that `hit` picks written as `show` says;
/// borrowed when there is none, as is almost always the case.
pub fn replace_chars(s: &str, hit: impl Fn(char) -> bool, show: impl Fn(char) -> String) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(&hit) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if hit(c) {
            out.push_str(&show(c));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// `s` without its control characters.
pub fn strip_controls(s: &str) -> String {
    s.chars().filter(|c| !is_control(*c)).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_that_cannot_be_folders_everywhere() {
        use super::{fix_name, name_problem};
        for bad in ["con", "NUL", "Aux", "lpt1", "com9", "con.x", "prn.txt.md"] {
            assert!(name_problem(bad).unwrap().contains("Windows"), "{bad}");
        }
        for good in ["console", "nul-points", "com10", "lpt", "a", &"a".repeat(100)] {
            assert_eq!(name_problem(good), None, "{good}");
        }
        assert!(name_problem(&"a".repeat(101)).unwrap().contains("101 characters"));
        assert_eq!(fix_name("con"), "con-info");
        let long = format!("{}-{}", "a".repeat(80), "b".repeat(80));
        assert_eq!(fix_name(&long), "a".repeat(80));
        assert_eq!(name_problem(&fix_name(&"x".repeat(300))), None);
    }

    #[test]
    fn control_characters_are_shown_not_sent() {
        use super::{first_control, visible};
        assert_eq!(visible("a\u{1b}[2Jb\u{9b}c\td\n"), "a<U+001B>[2Jb<U+009B>c\td\n");
        assert_eq!(first_control("ab\u{7f}"), Some((3, '\u{7f}')));
        assert_eq!(first_control("tab\tand\nnewline, Tŷ café"), None);
    }

    #[test]
    fn slugs() {
        assert_eq!(super::slugify("Direct payment's — how?"), "direct-payment-s-how");
        assert_eq!(super::slugify("  GP  "), "gp");
        assert_eq!(super::slugify("Côd post"), "cod-post");
        assert_eq!(super::slugify("Ynglŷn â"), "ynglyn-a");
        assert_eq!(super::slugify("café"), "cafe");
        assert_eq!(super::slugify("É"), "e");
        assert_eq!(super::slugify("£5 — 50%"), "5-50");
    }
}

/// `1 error`, `2 errors`: a count with its noun.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
