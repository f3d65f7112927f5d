//! One version of a guide as a tree any renderer can walk: HTML today,
//! Braille and audio next. The reading-level rules (the title heading left
//! out, heading ids, easy read pairs and term notes, glossary links, site
//! links resolved) are already applied; nothing here is HTML except the raw
//! HTML an editor wrote, which is marked as such.

use crate::load::links::Target;
use serde::Serialize;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Document {
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// `id` is set on top-level headings, which the contents list names.
    Heading { level: u8, text: String, id: Option<String>, content: Vec<Inline> },
    Paragraph { content: Vec<Inline> },
    /// Words not wrapped in a paragraph: a tight list item's text.
    Plain { content: Vec<Inline> },
    /// `numbered_from` is set for an ordered list: its first number.
    List { numbered_from: Option<u64>, items: Vec<Vec<Block>> },
    Quote { blocks: Vec<Block> },
    Table { align: Vec<Align>, header: Vec<Vec<Inline>>, rows: Vec<Vec<Vec<Inline>>> },
    /// `info` is a fenced block's info string (its first word the language).
    Code { fenced: bool, info: String, text: String },
    Rule,
    /// Easy read: a picture beside the words it goes with.
    Pair { picture: Picture, words: Vec<Block> },
    /// Easy read: what a term means, after the block that first uses it.
    /// `term` is the word as used, capitalised; `meaning` reads on after
    /// "means" (its first letter lowered unless it is a name).
    TermNote { term: String, meaning: String, anchor: String },
    /// HTML the editor wrote, tidied and balanced. A renderer that is not
    /// HTML skips it or strips its tags.
    RawHtml { html: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    None,
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Inline {
    Text { text: String },
    Emphasis { content: Vec<Inline> },
    Strong { content: Vec<Inline> },
    Strikethrough { content: Vec<Inline> },
    Code { code: String },
    Link { to: Destination, title: String, content: Vec<Inline> },
    Image(Picture),
    /// A line end in the source: a space to a reader.
    SoftBreak,
    LineBreak,
    /// A glossary term where the text uses it; `abbr` is what its letters
    /// stand for.
    Term { text: String, abbr: Option<String>, role: TermRole },
    /// Inline HTML the editor wrote (see `Block::RawHtml`).
    RawHtml { html: String },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TermRole {
    /// Easy read, first use: a `Block::TermNote` follows the block.
    Explained,
    /// Plain and large print, first use: links to the glossary entry.
    Linked { to: Destination },
    /// Any later use, or a term easy read avoids explaining.
    Repeat,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Picture {
    pub src: Destination,
    /// The alternative text, flattened to plain text.
    pub alt: String,
    pub title: String,
}

/// Where a link or picture points, resolved by `links::resolve`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Destination {
    /// A page or file this site makes: its path from the output root.
    Route { path: String },
    /// Another site, `mailto:` and the like, as written.
    External { url: String },
    /// `#part` on the same page, as written.
    Fragment { url: String },
    /// A link the lint reports; left as written.
    Broken { url: String, reason: String },
}

impl Destination {
    pub fn new(target: Target, written: &str) -> Destination {
        let url = written.to_string();
        match target {
            Target::Output(path) => Destination::Route { path },
            Target::External => Destination::External { url },
            Target::Fragment => Destination::Fragment { url },
            Target::Broken(reason) => Destination::Broken { url, reason },
        }
    }
}

impl Document {
    /// (level, text, id) of each heading with an id, for a contents list.
    pub fn headings(&self) -> Vec<(u8, String, String)> {
        self.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { level, text, id: Some(id), .. } => Some((*level, text.clone(), id.clone())),
                _ => None,
            })
            .collect()
    }

    /// Every block, depth first, with the blocks inside lists, quotes and
    /// pairs: for renderers and checks that look for one kind of block.
    pub fn walk(&self) -> Vec<&Block> {
        fn visit<'a>(blocks: &'a [Block], out: &mut Vec<&'a Block>) {
            for b in blocks {
                out.push(b);
                match b {
                    Block::List { items, .. } => items.iter().for_each(|i| visit(i, out)),
                    Block::Quote { blocks } | Block::Pair { words: blocks, .. } => visit(blocks, out),
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        visit(&self.blocks, &mut out);
        out
    }
}
