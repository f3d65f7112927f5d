//! pulldown-cmark's events to document blocks and inlines, marking
//! glossary terms and resolving links on the way.

use super::document::{Align, Block, Destination, Inline, Picture, TermRole};
use crate::load::glossary::{EasyUse, Glossary};
use crate::core::routes;
use crate::core::version::{TermPolicy, Version};
use crate::load::links::Target;
use pulldown_cmark::{Alignment, CodeBlockKind, Event, LinkType, Tag};
use std::collections::HashSet;

/// What the tree builder keeps across one page's blocks.
pub(super) struct Builder<'c> {
    pub version: Version,
    pub glossary: &'c Glossary,
    pub resolve: &'c dyn Fn(&str) -> Target,
    /// Glossary entries already used on the page.
    used: HashSet<usize>,
    /// Easy read term notes waiting for the end of their top-level block.
    pub notes: Vec<Block>,
}

type Events<'a, 'e> = &'a mut dyn Iterator<Item = Event<'e>>;

impl<'c> Builder<'c> {
    pub fn new(version: Version, glossary: &'c Glossary, resolve: &'c dyn Fn(&str) -> Target) -> Self {
        Builder { version, glossary, resolve, used: HashSet::new(), notes: Vec::new() }
    }

    /// Blocks up to the end of the container the events are in (or their end).
    pub fn blocks(&mut self, it: Events) -> Vec<Block> {
        let mut out = Vec::new();
        // Whether the last block is a `Plain` run that inline events extend.
        let mut run = false;
        while let Some(e) = it.next() {
            let block = match e {
                Event::End(_) => break,
                Event::Start(Tag::Paragraph) => Block::Paragraph { content: self.inlines(it, true, None) },
                Event::Start(Tag::Heading { level, id, .. }) => {
                    let mut text = String::new();
                    let content = self.inlines(it, false, Some(&mut text));
                    Block::Heading { level: level as u8, text, id: id.map(|i| i.to_string()), content }
                }
                Event::Start(Tag::BlockQuote(_)) => Block::Quote { blocks: self.blocks(it) },
                Event::Start(Tag::List(start)) => {
                    let mut items = Vec::new();
                    while let Some(Event::Start(_)) = it.next() {
                        items.push(self.blocks(it));
                    }
                    Block::List { numbered_from: start, items }
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let (fenced, info) = match kind {
                        CodeBlockKind::Fenced(info) => (true, info.to_string()),
                        CodeBlockKind::Indented => (false, String::new()),
                    };
                    Block::Code { fenced, info, text: raw_until_end(it) }
                }
                Event::Start(Tag::HtmlBlock) => Block::RawHtml { html: raw_until_end(it) },
                Event::Start(Tag::Table(align)) => self.table(it, align),
                Event::Rule => Block::Rule,
                Event::Html(h) => Block::RawHtml { html: h.to_string() },
                // Tags the balancer closed at the end of a container.
                Event::InlineHtml(h) if !run => Block::RawHtml { html: h.to_string() },
                e => {
                    let mut content = Vec::new();
                    self.inline(e, it, true, None, &mut content);
                    match out.last_mut() {
                        Some(Block::Plain { content: c }) if run => c.append(&mut content),
                        _ => out.push(Block::Plain { content }),
                    }
                    run = true;
                    continue;
                }
            };
            run = false;
            out.push(block);
        }
        out
    }

    fn table(&mut self, it: Events, align: Vec<Alignment>) -> Block {
        let align = align
            .into_iter()
            .map(|a| match a {
                Alignment::None => Align::None,
                Alignment::Left => Align::Left,
                Alignment::Center => Align::Center,
                Alignment::Right => Align::Right,
            })
            .collect();
        let mut header = Vec::new();
        let mut rows = Vec::new();
        // The head holds its cells; each row holds its own.
        while let Some(Event::Start(part)) = it.next() {
            let mut cells = Vec::new();
            while let Some(Event::Start(_)) = it.next() {
                cells.push(self.inlines(it, true, None));
            }
            match part {
                Tag::TableHead => header = cells,
                _ => rows.push(cells),
            }
        }
        Block::Table { align, header, rows }
    }

    /// Inlines up to the end of the tag they are in. `terms` is off inside
    /// links, pictures and headings; `text` collects a heading's words.
    fn inlines(&mut self, it: Events, terms: bool, mut text: Option<&mut String>) -> Vec<Inline> {
        let mut out = Vec::new();
        while let Some(e) = it.next() {
            if let Event::End(_) = e {
                break;
            }
            self.inline(e, it, terms, text.as_deref_mut(), &mut out);
        }
        out
    }

    fn inline(&mut self, e: Event, it: Events, terms: bool, text: Option<&mut String>, out: &mut Vec<Inline>) {
        match e {
            Event::Text(t) => {
                if let Some(s) = text {
                    s.push_str(&t);
                }
                if terms && !self.glossary.entries.is_empty() {
                    self.terms(&t, out);
                } else {
                    out.push(Inline::Text { text: t.to_string() });
                }
            }
            Event::Code(t) => {
                if let Some(s) = text {
                    s.push_str(&t);
                }
                out.push(Inline::Code { code: t.to_string() });
            }
            Event::SoftBreak => out.push(Inline::SoftBreak),
            Event::HardBreak => out.push(Inline::LineBreak),
            Event::Html(h) | Event::InlineHtml(h) => out.push(Inline::RawHtml { html: h.to_string() }),
            Event::Start(Tag::Emphasis) => out.push(Inline::Emphasis { content: self.inlines(it, terms, text) }),
            Event::Start(Tag::Strong) => out.push(Inline::Strong { content: self.inlines(it, terms, text) }),
            Event::Start(Tag::Strikethrough) => out.push(Inline::Strikethrough { content: self.inlines(it, terms, text) }),
            Event::Start(Tag::Link { link_type, dest_url, title, .. }) => {
                let to = match link_type {
                    // `<name@example.org>`: the address, not a file beside the guide.
                    LinkType::Email => Destination::External { url: format!("mailto:{dest_url}") },
                    _ => Destination::new((self.resolve)(&dest_url), &dest_url),
                };
                out.push(Inline::Link { to, title: title.to_string(), content: self.inlines(it, false, text) });
            }
            Event::Start(Tag::Image { dest_url, title, .. }) => out.push(Inline::Image(self.picture(&dest_url, &title, it, text))),
            // Nothing else is switched on in `options()`; keep any words.
            Event::Start(_) => out.extend(self.inlines(it, terms, text)),
            _ => {}
        }
    }

    /// A picture's alternative text is its words as plain text, the way
    /// CommonMark writes `alt`: breaks become spaces, tags are dropped.
    pub fn picture(&mut self, dest: &str, title: &str, it: Events, mut text: Option<&mut String>) -> Picture {
        let mut alt = String::new();
        let mut depth = 0usize;
        while let Some(e) = it.next() {
            match e {
                Event::Start(_) => depth += 1,
                Event::End(_) if depth == 0 => break,
                Event::End(_) => depth -= 1,
                Event::Text(t) | Event::Code(t) => {
                    if let Some(s) = text.as_deref_mut() {
                        s.push_str(&t);
                    }
                    alt.push_str(&t);
                }
                Event::InlineHtml(t) => alt.push_str(&t),
                Event::SoftBreak | Event::HardBreak | Event::Rule => alt.push(' '),
                _ => {}
            }
        }
        Picture { src: Destination::new((self.resolve)(dest), dest), alt, title: title.to_string() }
    }

    /// Split text at glossary terms. A term's first use on the page is
    /// explained (easy read, with a note after the block) or linked to the
    /// glossary (plain and large print).
    fn terms(&mut self, text: &str, out: &mut Vec<Inline>) {
        let mut last = 0;
        for m in self.glossary.find(text) {
            let entry = &self.glossary.entries[m.entry];
            let first = self.used.insert(m.entry);
            let word = &text[m.start..m.end];
            if m.start > last {
                out.push(Inline::Text { text: text[last..m.start].to_string() });
            }
            last = m.end;
            let role = match self.version.level.spec().terms {
                TermPolicy::Boxes if first && entry.easy == EasyUse::Explain => {
                    // A translation names the glossary's own word as written
                    // there: its text may hold a changed form ("Gwyno" for
                    // "cwyn"), and its sentence need not start with the term.
                    let term = if self.version.language.is_main() { capitalise(word) } else { entry.term.clone() };
                    self.notes.push(Block::TermNote { term, meaning: lower_first(&entry.means), anchor: entry.anchor() });
                    TermRole::Explained
                }
                TermPolicy::Links if first => {
                    TermRole::Linked { to: Destination::Route { path: routes::glossary_term(self.version, &entry.anchor()) } }
                }
                _ => TermRole::Repeat,
            };
            out.push(Inline::Term { text: word.to_string(), abbr: entry.abbr.clone(), role });
        }
        if last < text.len() {
            out.push(Inline::Text { text: text[last..].to_string() });
        }
    }
}

/// The text of a code or HTML block, to its end.
fn raw_until_end(it: Events) -> String {
    let mut s = String::new();
    while let Some(e) = it.next() {
        match e {
            Event::End(_) => break,
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => s.push_str(&t),
            _ => {}
        }
    }
    s
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// "Money from…" becomes "money from…", but "NHS…", "I…" and names keep theirs.
fn lower_first(s: &str) -> String {
    let first = s.split_whitespace().next().unwrap_or("");
    let word = first.trim_matches(|c: char| !c.is_alphabetic());
    let keep = word == "I"
        || crate::load::glossary::is_all_caps(word)
        || ["Braille", "British", "England", "English", "Wales", "Welsh", "Scotland", "NHS"].contains(&word)
        || !word.chars().next().is_some_and(char::is_uppercase);
    if keep {
        return s.to_string();
    }
    let mut c = s.chars();
    let f = c.next().expect("a word was found");
    f.to_lowercase().chain(c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meanings_read_on_from_the_term() {
        assert_eq!(lower_first("A meeting with the council."), "a meeting with the council.");
        assert_eq!(lower_first("Money from the council."), "money from the council.");
        assert_eq!(lower_first("NHS money for health care."), "NHS money for health care.");
        assert_eq!(lower_first("Braille is raised dots."), "Braille is raised dots.");
        assert_eq!(lower_first("I can help."), "I can help.");
    }
}
