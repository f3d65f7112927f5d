//! A `Document` back to pulldown-cmark events, so its HTML writer writes
//! ordinary Markdown exactly as CommonMark does. easyinfo's own blocks
//! arrive as finished HTML from the templates (see `parts`).

use super::parts::Parts;
use crate::transform::document::{Align, Block, Destination, Inline, Picture, TermRole};
use crate::core::util::escape_html;
use pulldown_cmark::{Alignment, CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Tag, TagEnd};

pub(super) struct Writer<'r> {
    /// `../` steps from the page to the output root.
    pub root: &'r str,
    pub parts: &'r Parts<'r>,
}

type Out<'d> = Vec<Event<'d>>;

impl Writer<'_> {
    pub fn blocks<'d>(&self, blocks: &'d [Block], out: &mut Out<'d>) -> Result<(), tera::Error> {
        for b in blocks {
            self.block(b, out)?;
        }
        Ok(())
    }

    fn block<'d>(&self, b: &'d Block, out: &mut Out<'d>) -> Result<(), tera::Error> {
        match b {
            Block::Heading { level, id, content, .. } => {
                let level = HeadingLevel::try_from(*level as usize).unwrap_or(HeadingLevel::H6);
                let id = id.as_deref().map(CowStr::from);
                out.push(Event::Start(Tag::Heading { level, id, classes: Vec::new(), attrs: Vec::new() }));
                self.inlines(content, out);
                out.push(Event::End(TagEnd::Heading(level)));
            }
            Block::Paragraph { content } => {
                out.push(Event::Start(Tag::Paragraph));
                self.inlines(content, out);
                out.push(Event::End(TagEnd::Paragraph));
            }
            Block::Plain { content } => self.inlines(content, out),
            Block::List { numbered_from, items } => {
                out.push(Event::Start(Tag::List(*numbered_from)));
                for item in items {
                    out.push(Event::Start(Tag::Item));
                    self.blocks(item, out)?;
                    out.push(Event::End(TagEnd::Item));
                }
                out.push(Event::End(TagEnd::List(numbered_from.is_some())));
            }
            Block::Quote { blocks } => {
                out.push(Event::Start(Tag::BlockQuote(None)));
                self.blocks(blocks, out)?;
                out.push(Event::End(TagEnd::BlockQuote(None)));
            }
            Block::Table { align, header, rows } => self.table(align, header, rows, out),
            Block::Code { fenced, info, text } => {
                let kind = if *fenced { CodeBlockKind::Fenced(info.as_str().into()) } else { CodeBlockKind::Indented };
                out.push(Event::Start(Tag::CodeBlock(kind)));
                if !text.is_empty() {
                    out.push(Event::Text(text.as_str().into()));
                }
                out.push(Event::End(TagEnd::CodeBlock));
            }
            Block::Rule => out.push(Event::Rule),
            Block::Pair { picture, words } => {
                let mut pic = Vec::new();
                self.picture(picture, &mut pic);
                let mut w = Vec::new();
                self.blocks(words, &mut w)?;
                out.push(Event::Html(self.parts.pair(&pic, w)?.into()));
            }
            Block::TermNote { term, meaning, anchor } => out.push(Event::Html(self.parts.term_note(term, meaning, anchor)?.into())),
            Block::RawHtml { html } => out.push(Event::Html(html.as_str().into())),
        }
        Ok(())
    }

    fn table<'d>(&self, align: &[Align], header: &'d [Vec<Inline>], rows: &'d [Vec<Vec<Inline>>], out: &mut Out<'d>) {
        let align = align
            .iter()
            .map(|a| match a {
                Align::None => Alignment::None,
                Align::Left => Alignment::Left,
                Align::Center => Alignment::Center,
                Align::Right => Alignment::Right,
            })
            .collect();
        out.push(Event::Start(Tag::Table(align)));
        let cells = |cells: &'d [Vec<Inline>], out: &mut Out<'d>| {
            for c in cells {
                out.push(Event::Start(Tag::TableCell));
                self.inlines(c, out);
                out.push(Event::End(TagEnd::TableCell));
            }
        };
        out.push(Event::Start(Tag::TableHead));
        cells(header, out);
        out.push(Event::End(TagEnd::TableHead));
        for row in rows {
            out.push(Event::Start(Tag::TableRow));
            cells(row, out);
            out.push(Event::End(TagEnd::TableRow));
        }
        out.push(Event::End(TagEnd::Table));
    }

    fn inlines<'d>(&self, inlines: &'d [Inline], out: &mut Out<'d>) {
        for i in inlines {
            self.inline(i, out);
        }
    }

    fn inline<'d>(&self, i: &'d Inline, out: &mut Out<'d>) {
        let wrap = |tag: Tag<'d>, end: TagEnd, content: &'d [Inline], out: &mut Out<'d>| {
            out.push(Event::Start(tag));
            self.inlines(content, out);
            out.push(Event::End(end));
        };
        match i {
            Inline::Text { text } => out.push(Event::Text(text.as_str().into())),
            Inline::Emphasis { content } => wrap(Tag::Emphasis, TagEnd::Emphasis, content, out),
            Inline::Strong { content } => wrap(Tag::Strong, TagEnd::Strong, content, out),
            Inline::Strikethrough { content } => wrap(Tag::Strikethrough, TagEnd::Strikethrough, content, out),
            Inline::Code { code } => out.push(Event::Code(code.as_str().into())),
            Inline::Link { to, title, content } => {
                let tag = Tag::Link { link_type: LinkType::Inline, dest_url: self.href(to), title: title.as_str().into(), id: "".into() };
                wrap(tag, TagEnd::Link, content, out)
            }
            Inline::Image(p) => self.picture(p, out),
            Inline::SoftBreak => out.push(Event::SoftBreak),
            Inline::LineBreak => out.push(Event::HardBreak),
            Inline::Term { text, abbr, role } => out.push(Event::InlineHtml(self.term(text, abbr.as_deref(), role).into())),
            Inline::RawHtml { html } => out.push(Event::InlineHtml(html.as_str().into())),
        }
    }

    fn picture<'d>(&self, p: &'d Picture, out: &mut Out<'d>) {
        out.push(Event::Start(Tag::Image { link_type: LinkType::Inline, dest_url: self.href(&p.src), title: p.title.as_str().into(), id: "".into() }));
        if !p.alt.is_empty() {
            out.push(Event::Text(p.alt.as_str().into()));
        }
        out.push(Event::End(TagEnd::Image));
    }

    fn href<'d>(&self, to: &'d Destination) -> CowStr<'d> {
        match to {
            Destination::Route { path } => format!("{}{path}", self.root).into(),
            Destination::External { url } | Destination::Fragment { url } | Destination::Broken { url, .. } => url.as_str().into(),
        }
    }

    /// Written here, not in a template: a page can use hundreds of terms,
    /// and this is the hot part of rendering a guide (see `parts`).
    fn term(&self, word: &str, abbr: Option<&str>, role: &TermRole) -> String {
        let shown = match abbr {
            Some(full) => format!(r#"<abbr title="{}">{}</abbr>"#, escape_html(full), escape_html(word)),
            None => escape_html(word),
        };
        match role {
            TermRole::Explained => format!(r#"<strong class="term">{shown}</strong>"#),
            TermRole::Linked { to } => {
                let mut s = format!(r#"<a class="term" href="{}">{shown}</a>"#, self.href(to));
                if let Some(full) = abbr {
                    s.push_str(&format!(" ({})", escape_html(full)));
                }
                s
            }
            TermRole::Repeat => shown,
        }
    }
}
