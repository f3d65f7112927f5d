//! Braille already translated, laid out as a BRF file: 40 cells a line,
//! 25 lines a page, the braille page number ending at cell 40 of each
//! page's first line, the title centred, headings at the margin with a
//! blank line before, a blank line between paragraphs, list items at the
//! margin with run-over lines two cells in, CR LF line ends and a form
//! feed between pages. A pure function: nothing here knows liblouis.

pub const CELLS: usize = 40;
pub const LINES: usize = 25;

/// One block of a file, in braille (Braille ASCII).
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    /// Centred, on the first page.
    Title(String),
    Heading(String),
    Paragraph(String),
    /// A list item or a table row: at `depth` × 2 cells, run-over lines two
    /// cells further in.
    Item { depth: usize, text: String },
}

/// The braille page number: the number sign, then the digits as the
/// letters a–j (`#A` for 1, `#AJ` for 10), as Braille ASCII writes them.
pub fn page_number(n: usize) -> String {
    let digits: String = n.to_string().bytes().map(|d| if d == b'0' { 'J' } else { (b'A' + d - b'1') as char }).collect();
    format!("#{digits}")
}

/// Words to lines of at most `width` cells from `indent` (run-over lines
/// from `runover`). A word longer than a line is split with a hyphen,
/// after a hyphen or slash of its own where it has one.
fn wrap(text: &str, indent: usize, runover: usize, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = " ".repeat(indent);
    let mut empty = true;
    for word in text.split_whitespace() {
        let mut word = word.to_string();
        loop {
            let room = width.saturating_sub(line.len() + usize::from(!empty));
            if word.len() <= room {
                if !empty {
                    line.push(' ');
                }
                line.push_str(&word);
                empty = false;
                break;
            }
            let start = width.saturating_sub(runover.max(indent));
            if !empty && word.len() <= start {
                lines.push(std::mem::replace(&mut line, " ".repeat(runover)));
                empty = true;
                continue;
            }
            // Too long for any line: as much as fits here, broken sensibly.
            let room = if empty { width - line.len() } else { room };
            if room < 4 {
                lines.push(std::mem::replace(&mut line, " ".repeat(runover)));
                empty = true;
                continue;
            }
            let cut = split_at(&word, room);
            if !empty {
                line.push(' ');
            }
            line.push_str(&word[..cut]);
            if !word[..cut].ends_with(['-', '/']) {
                line.push('-');
            }
            lines.push(std::mem::replace(&mut line, " ".repeat(runover)));
            empty = true;
            word = word[cut..].to_string();
        }
    }
    if !empty {
        lines.push(line);
    }
    lines
}

/// Where to break a word that does not fit in `room` cells: after its last
/// hyphen or slash that fits, else one cell short of `room` for a hyphen.
fn split_at(word: &str, room: usize) -> usize {
    let fits = &word[..room.min(word.len())];
    match fits.rfind(['-', '/']) {
        Some(i) if i > 0 => i + 1,
        _ => room - 1,
    }
}

fn centre(line: &str) -> String {
    let line = line.trim();
    format!("{}{line}", " ".repeat(CELLS.saturating_sub(line.len()) / 2))
}

/// The lines of the pieces, `None` for a blank line, before paging.
/// `Some(true)` marks a heading's line, kept with the line after it.
fn lines(pieces: &[Piece]) -> Vec<Option<(String, bool)>> {
    let mut out: Vec<Option<(String, bool)>> = Vec::new();
    let (mut last_item, mut last_heading) = (false, false);
    for p in pieces {
        let (text, indent, runover, heading) = match p {
            Piece::Title(t) => (t, 0, 0, true),
            Piece::Heading(t) => (t, 0, 0, true),
            Piece::Paragraph(t) => (t, 0, 0, false),
            Piece::Item { depth, text } => (text, depth * 2, depth * 2 + 2, false),
        };
        let wrapped = wrap(text, indent, runover, CELLS);
        if wrapped.is_empty() {
            continue;
        }
        // List items follow each other, and a heading its words, with no
        // blank line between.
        let is_item = matches!(p, Piece::Item { .. });
        if !out.is_empty() && !(is_item && last_item) && !last_heading {
            out.push(None);
        }
        last_item = is_item;
        last_heading = matches!(p, Piece::Heading(_));
        let centred = matches!(p, Piece::Title(_));
        for l in wrapped {
            out.push(Some((if centred { centre(&l) } else { l }, heading)));
        }
    }
    out
}

/// The whole file.
pub fn brf(pieces: &[Piece]) -> Vec<u8> {
    let mut pages: Vec<Vec<String>> = Vec::new();
    let mut page: Vec<String> = Vec::new();
    let lines = lines(pieces);
    let mut i = 0;
    while i < lines.len() {
        if page.is_empty() {
            // The first line of every page holds its number at the right.
            let n = page_number(pages.len() + 1);
            page.push(format!("{n:>CELLS$}"));
        }
        match &lines[i] {
            // No blank line at the top of a page.
            None if page.len() == 1 => {}
            None => page.push(String::new()),
            Some((l, heading)) => {
                // A heading does not end a page: it moves to the next one.
                let next_is_text = matches!(lines.get(i + 1), Some(Some(_)));
                if *heading && next_is_text && page.len() == LINES - 1 {
                    pages.push(std::mem::take(&mut page));
                    continue;
                }
                page.push(l.clone());
            }
        }
        if page.len() == LINES {
            pages.push(std::mem::take(&mut page));
        }
        i += 1;
    }
    if page.len() > 1 {
        pages.push(page);
    }
    let mut out = String::new();
    for (n, p) in pages.iter().enumerate() {
        if n > 0 {
            out.push('\x0c');
        }
        // A blank line left at a page's foot is not written.
        let end = p.iter().rposition(|l| !l.is_empty()).map_or(0, |e| e + 1);
        for l in &p[..end] {
            out.push_str(l.trim_end());
            out.push_str("\r\n");
        }
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages(b: &[u8]) -> Vec<Vec<String>> {
        let s = String::from_utf8(b.to_vec()).unwrap();
        s.split('\x0c').map(|p| p.strip_suffix("\r\n").unwrap().split("\r\n").map(String::from).collect()).collect()
    }

    fn para(n: usize) -> Piece {
        Piece::Paragraph(format!("WORD{n} ").repeat(30))
    }

    #[test]
    fn page_numbers_are_letters_after_the_number_sign() {
        assert_eq!(page_number(1), "#A");
        assert_eq!(page_number(10), "#AJ");
        assert_eq!(page_number(29), "#BI");
    }

    #[test]
    fn lines_and_pages_keep_their_lengths_and_ends() {
        let doc: Vec<Piece> = std::iter::once(Piece::Title(",T".into())).chain((0..30).map(para)).collect();
        let b = brf(&doc);
        let s = String::from_utf8(b.clone()).unwrap();
        assert!(!s.replace("\r\n", "").contains('\n') && !s.replace("\r\n", "").contains('\r'), "every line ends CR LF");
        let pages = pages(&b);
        assert!(pages.len() > 5);
        for (i, p) in pages.iter().enumerate() {
            assert!(p.len() <= LINES, "page {} has {} lines", i + 1, p.len());
            assert!(p.iter().all(|l| l.len() <= CELLS), "{p:?}");
            assert_eq!(p[0].len(), CELLS, "the page number ends at cell 40");
            assert_eq!(p[0].trim(), page_number(i + 1));
            assert!(!p[1].is_empty(), "no blank line at the top of a page");
        }
        assert_eq!(pages.len(), s.matches('\x0c').count() + 1);
    }

    #[test]
    fn title_centred_heading_at_margin_after_a_blank_line() {
        let b = brf(&[Piece::Title(",TITLE".into()), Piece::Paragraph("A B".into()), Piece::Heading(",HEAD".into()), Piece::Paragraph("C".into())]);
        let p = &pages(&b)[0];
        assert_eq!(p[1], format!("{},TITLE", " ".repeat(17)));
        assert_eq!(&p[2..], ["", "A B", "", ",HEAD", "C"]);
    }

    #[test]
    fn list_items_sit_together_with_run_over_lines_indented() {
        let long = "ITEM ".repeat(12);
        let b = brf(&[Piece::Paragraph("P".into()), Piece::Item { depth: 0, text: long.clone() }, Piece::Item { depth: 0, text: "TWO".into() }]);
        let p = &pages(&b)[0];
        assert_eq!(p[1], "P");
        assert_eq!(p[2], "");
        assert!(p[3].starts_with("ITEM"));
        assert!(p[4].starts_with("  ITEM"), "{p:?}");
        assert_eq!(p[5], "TWO");
    }

    #[test]
    fn long_words_are_split_with_a_hyphen() {
        let word = "X".repeat(100);
        let b = brf(&[Piece::Paragraph(format!("A {word}"))]);
        let p = &pages(&b)[0];
        assert!(p[1..].iter().all(|l| l.len() <= CELLS));
        assert_eq!(p[1], format!("A {}-", "X".repeat(37)));
        assert_eq!(p[1..].iter().map(|l| l.trim_end_matches('-').replace("A ", "")).collect::<String>(), word);
        let b = brf(&[Piece::Paragraph(format!("{}/{}", "Y".repeat(30), "Z".repeat(30)))]);
        assert_eq!(pages(&b)[0][1], format!("{}/", "Y".repeat(30)), "split after its own slash");
    }

    #[test]
    fn a_heading_never_ends_a_page() {
        // Ten short paragraphs and a two-line one fill lines 2 to 23; the
        // heading's blank line is line 24, so the heading would be line 25.
        let mut doc: Vec<Piece> = (0..10).map(|i| Piece::Paragraph(format!("P{i}"))).collect();
        doc.push(Piece::Paragraph("LAST ".repeat(10)));
        doc.push(Piece::Heading(",H".into()));
        doc.push(Piece::Paragraph("AFTER".into()));
        let pages = pages(&brf(&doc));
        assert!(pages[0].iter().all(|l| l != ",H"), "{:?}", pages[0]);
        assert_eq!(pages[1][1], ",H");
    }
}
