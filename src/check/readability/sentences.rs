//! The sentence splitter: a hand-written scanner (no regex in the hot loop)
//! that knows about titles and abbreviations, decimals and times, initials,
//! ellipses, closing quotes and brackets, and blank lines. Its titles and
//! abbreviations are English ones.

use std::ops::Range;

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
pub(super) fn for_each_sentence(text: &str, mut f: impl FnMut(Range<usize>)) {
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

#[cfg(test)]
mod tests {
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
    fn ranges_index_the_input() {
        let t = "Héllo wörld. Ça va? Oui.";
        let rs = split_sentences(t);
        assert_eq!(rs.len(), 3);
        assert_eq!(&t[rs[1].clone()], "Ça va?");
    }
}
