//! What goes into each Braille-ready file, as print: a guide's plain
//! document, the glossary and a category's list, each as the pieces the
//! layout knows. Tables become one line a row ("Monday: 9am to 5pm"), raw
//! HTML loses its tags and links keep only their words.

use super::layout::Piece;
use crate::core::strings::Words;
use crate::load::directory::model::{Category, Directory};
use crate::load::glossary::Glossary;
use crate::core::version::Level;
use crate::transform::document::{Block, Document, Inline, TermRole};

/// A guide: its title, then its plain document.
pub fn guide(title: &str, doc: &Document) -> Vec<Piece> {
    let mut out = vec![Piece::Title(one_line(title))];
    blocks(&doc.blocks, 0, &mut out);
    out
}

pub fn glossary(title: &str, glossary: &Glossary) -> Vec<Piece> {
    let mut out = vec![Piece::Title(one_line(title))];
    for e in &glossary.entries {
        let term = match &e.abbr {
            Some(a) => format!("{} ({a})", e.term),
            None => e.term.clone(),
        };
        out.push(Piece::Paragraph(one_line(&format!("{term}: {}", e.means))));
    }
    out
}

/// A category's list to print: its name, what it is, then each service
/// with its facts as a list.
pub fn category(c: &Category, dir: &Directory, members: &[usize], from: &str, w: &Words) -> Vec<Piece> {
    let level = Level::main();
    let mut out = vec![Piece::Title(one_line(c.name_for(level)))];
    if let Some(d) = c.description.as_deref().filter(|d| !d.trim().is_empty()) {
        out.push(Piece::Paragraph(one_line(d)));
    }
    for &i in members {
        let v = crate::transform::directory::view(&dir.services[i], dir, level, from, w);
        out.push(Piece::Heading(one_line(v.name)));
        if !v.description.trim().is_empty() {
            out.push(Piece::Paragraph(one_line(v.description)));
        }
        let mut facts: Vec<String> = v.contacts.iter().map(|c| format!("{}: {}", c.label, c.text)).collect();
        for p in v.places.iter().filter(|p| !p.address.is_empty() || !p.postcode.is_empty()) {
            let at = [p.address.as_str(), p.postcode.as_str()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(", ");
            facts.push(format!("{}: {at}", w.text("address_label")));
        }
        facts.extend(v.hours.iter().map(|h| format!("{}: {}", h.days, h.times)));
        if !v.cost.trim().is_empty() {
            facts.push(format!("{}: {}", w.text("cost_label"), v.cost));
        }
        out.extend(facts.into_iter().map(|f| Piece::Item { depth: 0, text: one_line(&f) }));
    }
    out
}

fn blocks(blocks: &[Block], depth: usize, out: &mut Vec<Piece>) {
    for b in blocks {
        block(b, depth, out);
    }
}

fn block(b: &Block, depth: usize, out: &mut Vec<Piece>) {
    let para = |text: String| Piece::Paragraph(text);
    match b {
        Block::Heading { content, .. } => out.push(Piece::Heading(inlines(content))),
        Block::Paragraph { content } | Block::Plain { content } => out.push(para(inlines(content))),
        Block::List { numbered_from, items } => {
            for (n, item) in items.iter().enumerate() {
                let mut inner = Vec::new();
                blocks(item, depth + 1, &mut inner);
                let number = numbered_from.map(|from| format!("{}. ", from + n as u64)).unwrap_or_default();
                let mut first = true;
                for p in inner {
                    match p {
                        Piece::Paragraph(t) | Piece::Heading(t) | Piece::Title(t) => {
                            let text = if first { format!("{number}{t}") } else { t };
                            out.push(Piece::Item { depth, text });
                        }
                        item @ Piece::Item { .. } => out.push(item),
                    }
                    first = false;
                }
            }
        }
        Block::Quote { blocks: inner } | Block::Pair { words: inner, .. } => blocks(inner, depth, out),
        Block::Table { header, rows, .. } => {
            let head: Vec<String> = header.iter().map(|c| inlines(c)).collect();
            for row in rows {
                out.push(Piece::Item { depth, text: table_row(&head, &row.iter().map(|c| inlines(c)).collect::<Vec<_>>()) });
            }
        }
        Block::Code { text, .. } => out.extend(text.lines().filter(|l| !l.trim().is_empty()).map(|l| para(one_line(l)))),
        Block::Rule => {}
        Block::TermNote { term, meaning, .. } => out.push(para(one_line(&format!("{term}: {meaning}")))),
        Block::RawHtml { html } => {
            let text = one_line(&strip_tags(html));
            if !text.is_empty() {
                out.push(para(text));
            }
        }
    }
}

/// A table row as a line: the first cell, then each other cell after its
/// column's heading where the table has more than two columns.
fn table_row(head: &[String], cells: &[String]) -> String {
    let Some((first, rest)) = cells.split_first() else { return String::new() };
    if rest.len() <= 1 {
        return one_line(&format!("{first}: {}", rest.join("")));
    }
    let rest: Vec<String> = rest.iter().enumerate().map(|(i, c)| match head.get(i + 1).filter(|h| !h.is_empty()) {
        Some(h) => format!("{h}: {c}"),
        None => c.clone(),
    }).collect();
    one_line(&format!("{first}: {}", rest.join("; ")))
}

fn inlines(content: &[Inline]) -> String {
    let mut s = String::new();
    push_inlines(content, &mut s);
    one_line(&s)
}

fn push_inlines(content: &[Inline], s: &mut String) {
    for i in content {
        match i {
            Inline::Text { text } => s.push_str(text),
            Inline::Emphasis { content } | Inline::Strong { content } | Inline::Strikethrough { content } | Inline::Link { content, .. } => push_inlines(content, s),
            Inline::Code { code } => s.push_str(code),
            Inline::Image(p) => s.push_str(&p.alt),
            Inline::SoftBreak | Inline::LineBreak => s.push(' '),
            Inline::Term { text, abbr, role } => {
                s.push_str(text);
                // The page shows what the letters stand for beside a linked term.
                if let (Some(full), TermRole::Linked { .. }) = (abbr, role) {
                    s.push_str(&format!(" ({full})"));
                }
            }
            Inline::RawHtml { html } => s.push_str(&strip_tags(html)),
        }
    }
}

/// An editor's HTML without its tags, its entities read.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&nbsp;", " ").replace("&amp;", "&")
}

/// Text as one line for the translator: every run of spaces, line ends or
/// control characters one space. A no-break space stays: liblouis keeps
/// it (UEB writes `#c"bde` for 3 245 with one).
pub fn one_line(s: &str) -> String {
    let breaks = |c: char| c.is_ascii_whitespace() || c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{85}');
    s.split(breaks).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transform::document::{Align, Destination};

    fn text(t: &str) -> Vec<Inline> {
        vec![Inline::Text { text: t.into() }]
    }

    #[test]
    fn a_document_becomes_pieces() {
        let link = Inline::Link { to: Destination::External { url: "https://x.org".into() }, title: String::new(), content: text("our site") };
        let doc = Document {
            blocks: vec![
                Block::Heading { level: 2, text: "Help".into(), id: None, content: text("Help") },
                Block::Paragraph { content: vec![Inline::Text { text: "See\n".into() }, link, Inline::SoftBreak, Inline::RawHtml { html: "<b>now</b>".into() }] },
                Block::List { numbered_from: Some(1), items: vec![vec![Block::Plain { content: text("One") }], vec![Block::Plain { content: text("Two") }]] },
                Block::Table {
                    align: vec![Align::None, Align::None],
                    header: vec![text("Day"), text("Open")],
                    rows: vec![vec![text("Monday"), text("9am to 5pm")]],
                },
                Block::RawHtml { html: "<div>Tom &amp; Jo</div>".into() },
                Block::Rule,
            ],
        };
        assert_eq!(
            guide("Title", &doc),
            vec![
                Piece::Title("Title".into()),
                Piece::Heading("Help".into()),
                Piece::Paragraph("See our site now".into()),
                Piece::Item { depth: 0, text: "1. One".into() },
                Piece::Item { depth: 0, text: "2. Two".into() },
                Piece::Item { depth: 0, text: "Monday: 9am to 5pm".into() },
                Piece::Paragraph("Tom & Jo".into()),
            ]
        );
    }

    #[test]
    fn one_line_keeps_no_break_spaces() {
        assert_eq!(one_line(" a\n\tb\u{a0}c\u{2028}d "), "a b\u{a0}c d");
    }

    #[test]
    fn wide_tables_name_their_columns() {
        let head = ["Day".to_string(), "Opens".into(), "Closes".into()];
        assert_eq!(table_row(&head, &["Monday".into(), "9am".into(), "5pm".into()]), "Monday: Opens: 9am; Closes: 5pm");
    }
}
