//! Turns one level's Markdown into units of text (a paragraph, a list item,
//! a heading, a table cell) with a map back to source offsets, so every rule
//! can report the exact line and column in the original file.

use crate::load::glossary::matcher::normalize;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Paragraph,
    Item,
    Heading(u8),
    Cell,
}

#[derive(Debug, Clone)]
pub struct Image {
    pub alt: String,
    pub url: String,
    pub offset: usize,
}

#[derive(Debug, Clone)]
pub struct Unit {
    pub kind: Kind,
    /// Text with white space folded; code spans become `x`.
    pub text: String,
    /// (text offset, source offset, exact) anchors, ascending.
    map: Vec<(usize, usize, bool)>,
    /// Source offset of the unit's start.
    pub start: usize,
    /// Rules or terms silenced by `<!-- easyinfo-ignore … -->` before this block.
    pub ignores: Vec<String>,
    pub images: Vec<Image>,
    pub links: Vec<(String, usize)>,
    /// Source ranges of italics.
    pub italics: Vec<Range<usize>>,
    /// The paragraph starts with a picture, or follows a picture-only paragraph.
    pub has_picture: bool,
    /// A paragraph made only of a picture.
    pub picture_only: bool,
}

impl Unit {
    fn new(kind: Kind, start: usize, ignores: &[String]) -> Self {
        Unit {
            kind,
            text: String::new(),
            map: Vec::new(),
            start,
            ignores: ignores.to_vec(),
            images: Vec::new(),
            links: Vec::new(),
            italics: Vec::new(),
            has_picture: false,
            picture_only: false,
        }
    }

    /// Source offset of a text offset.
    pub fn source_offset(&self, pos: usize) -> usize {
        let i = self.map.partition_point(|a| a.0 <= pos);
        if i == 0 {
            return self.start;
        }
        let (t, s, exact) = self.map[i - 1];
        if exact { s + (pos - t) } else { s }
    }

    pub fn ignores(&self, what: &str) -> bool {
        self.ignores.iter().any(|i| i.eq_ignore_ascii_case(what))
    }

    fn push_text(&mut self, text: &str, src: usize, exact: bool) {
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            // A run of white space becomes one space.
            let ws = b[i..].iter().take_while(|c| c.is_ascii_whitespace()).count();
            if ws > 0 {
                if !self.text.is_empty() && self.text.as_bytes().last() != Some(&b' ') {
                    self.text.push(' ');
                }
                i += ws;
                continue;
            }
            // A run of other text is copied as it is, with one anchor; a
            // curly apostrophe (3 bytes) becomes a straight one (1 byte).
            let run = b[i..].iter().position(|c| c.is_ascii_whitespace()).map_or(b.len(), |n| i + n);
            let mut piece = &text[i..run];
            let mut at = i;
            while !piece.is_empty() {
                self.map.push((self.text.len(), if exact { src + at } else { src }, exact));
                match piece.find('\u{2019}') {
                    Some(q) => {
                        self.text.push_str(&piece[..q]);
                        self.text.push('\'');
                        let skip = q + '\u{2019}'.len_utf8();
                        piece = &piece[skip..];
                        at += skip;
                    }
                    None => {
                        self.text.push_str(piece);
                        piece = "";
                    }
                }
            }
            i = run;
        }
    }

    fn push_break(&mut self) {
        if self.text.as_bytes().last().is_some_and(|&c| c != b' ') {
            self.text.push(' ');
        }
    }

    fn finish(mut self) -> Self {
        let trimmed = self.text.trim_end().len();
        self.text.truncate(trimmed);
        self
    }
}

/// The ignore comment: `<!-- easyinfo-ignore jargon/avoid, direct payment -->`.
pub fn parse_ignore(html: &str) -> Option<Vec<String>> {
    let inner = html.trim().strip_prefix("<!--")?.trim_end().strip_suffix("-->")?.trim();
    let rest = inner.strip_prefix("easyinfo-ignore")?;
    Some(rest.split(',').map(|s| normalize(s)).filter(|s| !s.is_empty()).collect())
}

pub fn units(md: &str) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut stack: Vec<Unit> = Vec::new();
    let mut pending_ignores: Vec<String> = Vec::new();
    let mut block_ignores: Vec<String> = Vec::new();
    let mut depth = 0usize;
    let mut in_image: Option<Image> = None;
    let mut in_code_block = false;
    let mut italic_start: Vec<usize> = Vec::new();
    let mut last_picture_only = false;

    for (event, range) in Parser::new_ext(md, crate::load::guide::syntax::lint_options()).into_offset_iter() {
        match &event {
            Event::Start(tag) => {
                if depth == 0 && !matches!(tag, Tag::HtmlBlock) {
                    block_ignores = std::mem::take(&mut pending_ignores);
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        match event {
            Event::Html(h) if depth <= 1 => {
                if let Some(mut ig) = parse_ignore(&h) {
                    pending_ignores.append(&mut ig);
                }
            }
            Event::Start(Tag::Paragraph) => {
                if !matches!(stack.last().map(|u| u.kind), Some(Kind::Item)) {
                    let mut u = Unit::new(Kind::Paragraph, range.start, &block_ignores);
                    u.has_picture = last_picture_only;
                    stack.push(u);
                }
            }
            Event::Start(Tag::Item) => stack.push(Unit::new(Kind::Item, range.start, &block_ignores)),
            Event::Start(Tag::Heading { level, .. }) => stack.push(Unit::new(Kind::Heading(level as u8), range.start, &block_ignores)),
            Event::Start(Tag::TableCell) => stack.push(Unit::new(Kind::Cell, range.start, &block_ignores)),
            Event::End(TagEnd::Paragraph) => {
                if matches!(stack.last().map(|u| u.kind), Some(Kind::Paragraph)) {
                    let mut u = stack.pop().expect("checked").finish();
                    u.picture_only = !u.images.is_empty() && u.text.trim().is_empty();
                    if depth == 0 {
                        last_picture_only = u.picture_only;
                    }
                    out.push(u);
                }
            }
            Event::End(TagEnd::Item | TagEnd::Heading(_) | TagEnd::TableCell) => {
                if let Some(u) = stack.pop() {
                    out.push(u.finish());
                }
                if depth == 0 {
                    last_picture_only = false;
                }
            }
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            Event::Start(Tag::Image { dest_url, .. }) => {
                in_image = Some(Image { alt: String::new(), url: dest_url.to_string(), offset: range.start });
            }
            Event::End(TagEnd::Image) => {
                if let (Some(img), Some(u)) = (in_image.take(), stack.last_mut()) {
                    if u.text.trim().is_empty() && u.images.is_empty() {
                        u.has_picture = true;
                    }
                    u.images.push(img);
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some(u) = stack.last_mut() {
                    u.links.push((dest_url.to_string(), range.start));
                }
            }
            Event::Start(Tag::Emphasis) => italic_start.push(range.start),
            Event::End(TagEnd::Emphasis) => {
                if let (Some(s), Some(u)) = (italic_start.pop(), stack.last_mut()) {
                    u.italics.push(s..range.end);
                }
            }
            Event::Text(t) => {
                if in_code_block {
                    continue;
                }
                if let Some(img) = in_image.as_mut() {
                    img.alt.push_str(&t);
                } else if let Some(u) = stack.last_mut() {
                    let exact = md.get(range.clone()) == Some(t.as_ref());
                    u.push_text(&t, range.start, exact);
                }
            }
            Event::Code(_) => {
                if let Some(u) = stack.last_mut() {
                    u.push_text(" x ", range.start, false);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(u) = stack.last_mut() {
                    u.push_break();
                }
            }
            _ => {}
        }
    }
    out.extend(stack.into_iter().map(Unit::finish));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_back_to_source_across_lines_and_markup() {
        let md = "Hello  there,\nthe direct **payment** is here.\n";
        let u = &units(md)[0];
        assert_eq!(u.text, "Hello there, the direct payment is here.");
        let pos = u.text.find("payment").unwrap();
        assert_eq!(u.source_offset(pos), md.find("payment").unwrap());
        let pos = u.text.find("the direct").unwrap();
        assert_eq!(u.source_offset(pos), md.find("the direct").unwrap());
    }

    #[test]
    fn code_and_urls_are_not_text() {
        let md = "Use `RAS` and [a link](https://RAS.example).\n\n```\nRAS\n```\n";
        let us = units(md);
        assert_eq!(us.len(), 1);
        assert!(!us[0].text.contains("RAS"));
        assert_eq!(us[0].links[0].0, "https://RAS.example");
    }

    #[test]
    fn ignore_comment_applies_to_the_next_block_only() {
        let md = "<!-- easyinfo-ignore jargon/avoid, direct payment -->\nFirst.\n\nSecond.\n";
        let us = units(md);
        assert_eq!(us[0].ignores, vec!["jargon/avoid", "direct payment"]);
        assert!(us[1].ignores.is_empty());
    }

    #[test]
    fn pictures_pair_with_paragraphs() {
        let md = "![a](a.svg)\nWords.\n\n![b](b.svg)\n\nMore words.\n\nNo picture.\n";
        let us = units(md);
        assert!(us[0].has_picture && !us[0].picture_only);
        assert!(us[1].picture_only);
        assert!(us[2].has_picture);
        assert!(!us[3].has_picture);
    }

    #[test]
    fn list_items_are_units() {
        let us = units("- one thing\n- two things\n");
        assert_eq!(us.iter().map(|u| u.text.as_str()).collect::<Vec<_>>(), vec!["one thing", "two things"]);
    }
}
