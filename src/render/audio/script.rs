//! What a recording says: the guide's words as SSML for espeak-ng, one
//! paragraph per block, as the page shows them. Pictures are never named
//! (neither their file nor their alternative text); an easy read pair
//! starts with a longer pause; a term box is read where the page has it,
//! after the block that uses the term.

use crate::core::strings::Words;
use crate::transform::document::{Block, Document, Inline};

/// The pause before each easy read picture-and-words pair.
const PAIR_BREAK: &str = "<break time=\"800ms\"/>\n";

/// The title, the summary and the guide's text, as SSML.
/// `words` are the page's: a term box is said in its sentence (`term_means`).
pub fn ssml(title: &str, summary: &str, doc: &Document, words: &Words) -> String {
    let mut out = String::from("<speak>\n");
    para(&mut out, title);
    para(&mut out, summary);
    let means = spoken_sentence(words);
    blocks(&mut out, &doc.blocks, &means);
    out.push_str("</speak>\n");
    out
}

fn para(out: &mut String, text: &str) {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if !text.is_empty() {
        out.push_str("<p>");
        out.push_str(&crate::core::util::escape_html(&text));
        out.push_str("</p>\n");
    }
}

/// The term box's sentence with its markup taken off, `\u{1}` for the term
/// and `\u{2}` for the meaning (filled before the tags go, so a meaning's
/// own angle brackets stay).
fn spoken_sentence(words: &Words) -> String {
    let marked = words.fill("term_means", &[("term", "\u{1}"), ("meaning", "\u{2}")]);
    let mut out = String::new();
    let mut in_tag = false;
    for c in marked.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn blocks(out: &mut String, list: &[Block], means: &str) {
    for b in list {
        match b {
            Block::Heading { text, .. } => para(out, text),
            Block::Paragraph { content } | Block::Plain { content } => para(out, &words(content)),
            Block::List { items, .. } => items.iter().for_each(|i| blocks(out, i, means)),
            Block::Quote { blocks: inner } => blocks(out, inner, means),
            Block::Table { header, rows, .. } => {
                for row in std::iter::once(header).chain(rows) {
                    para(out, &row.iter().map(|c| words(c)).collect::<Vec<_>>().join(", "));
                }
            }
            Block::Code { text, .. } => para(out, text),
            Block::Rule => out.push_str(PAIR_BREAK),
            Block::Pair { words: inner, .. } => {
                out.push_str(PAIR_BREAK);
                blocks(out, inner, means);
            }
            // Said as the box says it, in the page's language.
            Block::TermNote { term, meaning, .. } => para(out, &means.replace('\u{1}', term).replace('\u{2}', meaning)),
            // An editor's raw HTML is the page's own markup, not words to say.
            Block::RawHtml { .. } => {}
        }
    }
}

/// The words of some inline content: link text but not addresses, and
/// nothing from a picture.
fn words(content: &[Inline]) -> String {
    let mut s = String::new();
    inline(&mut s, content);
    s
}

fn inline(s: &mut String, content: &[Inline]) {
    for i in content {
        match i {
            Inline::Text { text } | Inline::Term { text, .. } => s.push_str(text),
            Inline::Code { code } => s.push_str(code),
            Inline::Emphasis { content } | Inline::Strong { content } | Inline::Strikethrough { content } | Inline::Link { content, .. } => inline(s, content),
            Inline::SoftBreak | Inline::LineBreak => s.push(' '),
            Inline::Image(_) | Inline::RawHtml { .. } => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transform::document::{Destination, Picture};

    fn text(t: &str) -> Vec<Inline> {
        vec![Inline::Text { text: t.into() }]
    }

    fn pair(file: &str, alt: &str, words: &str) -> Block {
        let picture = Picture { src: Destination::Route { path: format!("media/g/{file}") }, alt: alt.into(), title: String::new() };
        Block::Pair { picture, words: vec![Block::Paragraph { content: text(words) }] }
    }

    #[test]
    fn pairs_pause_and_pictures_are_never_said() {
        let doc = Document {
            blocks: vec![
                pair("calendar.svg", "A calendar", "Tell people early."),
                Block::TermNote { term: "Advocate".into(), meaning: "someone who helps you".into(), anchor: "advocate".into() },
                pair("clock.svg", "A clock", "Have breaks & rest."),
            ],
        };
        let s = ssml("Meetings", "How to plan", &doc, crate::core::strings::Strings::builtin().words("easy"));
        assert!(!s.contains("calendar") && !s.contains("A clock") && !s.contains(".svg"), "{s}");
        assert_eq!(s.matches("<break").count(), 2, "{s}");
        let order = ["Meetings", "How to plan", "Tell people early.", "Advocate means someone who helps you", "Have breaks &amp; rest."];
        let at: Vec<usize> = order.iter().map(|w| s.find(w).unwrap_or_else(|| panic!("{w} not in {s}"))).collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{s}");
    }

    #[test]
    fn a_welsh_term_box_is_said_in_welsh() {
        use crate::core::strings::Strings;
        let text = crate::load::theme::DEFAULT.iter().find(|(p, _)| *p == "i18n/cy.yaml").expect("the theme ships Welsh").1;
        let levels: Vec<&str> = crate::core::version::Level::ids().collect();
        let cy = Strings::parse("i18n/cy.yaml", "cy", text, Some(Strings::builtin()), &levels).expect("cy.yaml parses");
        let doc = Document { blocks: vec![Block::TermNote { term: "cwyn".into(), meaning: "dweud nad ydych chi'n hapus".into(), anchor: "cwyn".into() }] };
        let s = ssml("T", "", &doc, cy.words("easy"));
        assert!(s.contains("<p>Ystyr cwyn yw dweud nad ydych chi&#39;n hapus</p>"), "{s}");
        assert!(!s.contains("means") && !s.contains("<strong>"), "{s}");
    }

    #[test]
    fn tables_lists_and_links_read_as_words() {
        let link = Inline::Link { to: Destination::External { url: "https://x.example/".into() }, title: String::new(), content: text("our page") };
        let doc = Document {
            blocks: vec![
                Block::List { numbered_from: None, items: vec![vec![Block::Plain { content: vec![Inline::Text { text: "See ".into() }, link] }]] },
                Block::Table { align: vec![], header: vec![text("Day"), text("Time")], rows: vec![vec![text("Monday"), text("9 to 5")]] },
                Block::RawHtml { html: "<div>x</div>".into() },
            ],
        };
        let s = ssml("T", "", &doc, crate::core::strings::Strings::builtin().words("easy"));
        assert!(s.contains("<p>See our page</p>") && !s.contains("x.example"), "{s}");
        assert!(s.contains("<p>Day, Time</p>\n<p>Monday, 9 to 5</p>") && !s.contains("div"), "{s}");
    }
}
