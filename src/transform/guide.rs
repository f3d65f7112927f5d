//! One version of a guide's Markdown to a `Document`, applying the reading
//! level's rules: the heading that repeats the title is left out, other
//! headings 1 become headings 2, top-level headings get ids, raw HTML is
//! tidied and balanced, and easy read pairs a picture with its words.

use super::document::{Block, Document, Picture};
use super::raw_html::{balance_raw_html, tidy_raw_html};
use super::tree::Builder;
use crate::load::glossary::Glossary;
use crate::load::guide::syntax::options;
use crate::load::links::Target;
use crate::core::util::slugify;
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use std::collections::HashSet;

pub struct Ctx<'a> {
    pub version: crate::core::version::Version,
    pub glossary: &'a Glossary,
    pub resolve: &'a dyn Fn(&str) -> Target,
    /// Byte offset in the Markdown of the heading that repeats the page
    /// title (see `Guide::title_heading`): the template shows the title, so
    /// that heading is left out. Every other heading 1 becomes a heading 2.
    pub title_at: Option<usize>,
}

pub fn document(md: &str, ctx: &Ctx) -> Document {
    let (events, title_index) = parse(md, ctx.title_at);
    let events = balance_raw_html(events.into_iter().map(tidy_raw_html).map(demote_h1).collect());
    let mut blocks = top_level_blocks(events);
    if let Some(i) = title_index {
        if blocks.get(i).is_some_and(|b| matches!(b.first(), Some(Event::Start(Tag::Heading { .. })))) {
            blocks.remove(i);
        }
    }
    let mut b = Builder::new(ctx.version, ctx.glossary, ctx.resolve);
    let mut ids = HashSet::new();
    let mut out = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        let block = &blocks[i];
        if ctx.version.level.spec().pictures {
            if let Some((picture, words, used_next)) = pair(block, blocks.get(i + 1)) {
                let picture = picture_of(&mut b, picture);
                let mut words = b.blocks(&mut words.into_iter());
                words.append(&mut b.notes);
                out.push(Block::Pair { picture, words });
                i += if used_next { 2 } else { 1 };
                continue;
            }
        }
        let is_heading = matches!(block.first(), Some(Event::Start(Tag::Heading { .. })));
        let mut built = b.blocks(&mut block.clone().into_iter());
        if is_heading {
            if let Some(Block::Heading { text, id, .. }) = built.first_mut() {
                *id = Some(unique_id(text, &mut ids));
            }
        }
        out.append(&mut built);
        out.append(&mut b.notes);
        i += 1;
    }
    Document { blocks: out }
}

/// The events, and the index of the top-level block that starts at byte
/// `title_at` (counting blocks the way `top_level_blocks` does).
fn parse(md: &str, title_at: Option<usize>) -> (Vec<Event<'_>>, Option<usize>) {
    let mut events = Vec::new();
    let (mut depth, mut index, mut title) = (0usize, 0usize, None);
    for (e, range) in Parser::new_ext(md, options()).into_offset_iter() {
        if depth == 0 && title.is_none() && Some(range.start) == title_at {
            title = Some(index);
        }
        match &e {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth == 0 {
            index += 1;
        }
        events.push(e);
    }
    (events, title)
}

/// The page has one heading 1, the title from the template: any heading 1
/// in the body (top level, or in a block quote or list) becomes a heading 2.
fn demote_h1(e: Event) -> Event {
    match e {
        Event::Start(Tag::Heading { level: HeadingLevel::H1, id, classes, attrs }) => {
            Event::Start(Tag::Heading { level: HeadingLevel::H2, id, classes, attrs })
        }
        Event::End(TagEnd::Heading(HeadingLevel::H1)) => Event::End(TagEnd::Heading(HeadingLevel::H2)),
        e => e,
    }
}

fn top_level_blocks(events: Vec<Event>) -> Vec<Vec<Event>> {
    let mut blocks = Vec::new();
    let mut cur = Vec::new();
    let mut depth = 0usize;
    for e in events {
        match &e {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        cur.push(e);
        if depth == 0 {
            blocks.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        blocks.push(cur);
    }
    blocks
}

/// A heading's id: its slug, numbered if an earlier heading has it.
fn unique_id(text: &str, ids: &mut HashSet<String>) -> String {
    let base = match slugify(text) {
        s if s.is_empty() => "section".to_string(),
        s => s,
    };
    let mut id = base.clone();
    let mut n = 2;
    while !ids.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// In easy read, a picture on its own line pairs with the words after it:
/// either in the same paragraph (after a line break) or the next block.
/// Returns the picture's events, the words' events and whether the words
/// are the next block.
fn pair<'a>(block: &[Event<'a>], next: Option<&Vec<Event<'a>>>) -> Option<(Vec<Event<'a>>, Vec<Event<'a>>, bool)> {
    if !matches!(block.first(), Some(Event::Start(Tag::Paragraph))) || !matches!(block.get(1), Some(Event::Start(Tag::Image { .. }))) {
        return None;
    }
    let img_end = 1 + matching_end(&block[1..])?;
    let picture: Vec<Event> = block[1..=img_end].to_vec();
    let rest = &block[img_end + 1..block.len() - 1];
    let rest: Vec<Event> = rest
        .iter()
        .skip_while(|e| matches!(e, Event::SoftBreak | Event::HardBreak) || matches!(e, Event::Text(t) if t.trim().is_empty()))
        .cloned()
        .collect();
    if !rest.is_empty() {
        let mut words = vec![Event::Start(Tag::Paragraph)];
        words.extend(rest);
        words.push(Event::End(TagEnd::Paragraph));
        return Some((picture, words, false));
    }
    match next {
        Some(n) if matches!(n.first(), Some(Event::Start(Tag::Paragraph | Tag::List(_)))) && !matches!(n.get(1), Some(Event::Start(Tag::Image { .. }))) => {
            Some((picture, n.clone(), true))
        }
        _ => Some((picture, Vec::new(), false)),
    }
}

/// Index of the end of the tag `events` starts with.
fn matching_end(events: &[Event]) -> Option<usize> {
    let mut depth = 0usize;
    for (i, e) in events.iter().enumerate() {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) if depth == 1 => return Some(i),
            Event::End(_) => depth -= 1,
            _ => {}
        }
    }
    None
}

fn picture_of(b: &mut Builder, events: Vec<Event>) -> Picture {
    let mut it = events.into_iter();
    match it.next() {
        Some(Event::Start(Tag::Image { dest_url, title, .. })) => b.picture(&dest_url, &title, &mut it, None),
        _ => unreachable!("`pair` starts the picture's events with its image"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::version::Level;
    use crate::transform::document::{Destination, Inline, TermRole};
    use std::path::Path;

    /// One of the example site's guides, in `level`.
    fn example(level: Level) -> (Document, String) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let site = crate::load::site::load(root).unwrap_or_else(|e| panic!("the example site loads: {e:?}"));
        let g = site.guides.iter().find(|g| g.slug == "person-centred-support").expect("the example guide");
        let guides_root = root.join("content/guides");
        let resolve = |u: &str| crate::load::links::resolve(u, level, &g.dir, &guides_root, &site);
        let ctx = Ctx { version: level.into(), glossary: &site.glossary, resolve: &resolve, title_at: g.title_heading[level.index()] };
        (document(g.level_source(level), &ctx), g.title.get(level).to_string())
    }

    fn terms<'d>(inlines: &'d [Inline], out: &mut Vec<(&'d str, &'d TermRole)>) {
        for i in inlines {
            match i {
                Inline::Term { text, role, .. } => out.push((text, role)),
                Inline::Emphasis { content } | Inline::Strong { content } | Inline::Strikethrough { content } => terms(content, out),
                _ => {}
            }
        }
    }

    fn block_terms(b: &Block) -> Vec<(&str, &TermRole)> {
        let mut out = Vec::new();
        if let Block::Paragraph { content } | Block::Plain { content } = b {
            terms(content, &mut out);
        }
        out
    }

    /// What a Braille or audio renderer relies on: the headings with their
    /// ids and no title, each pair with its picture and words, and each
    /// explained term followed by its note.
    #[test]
    fn an_easy_read_guide_walks_as_headings_pairs_and_term_notes() {
        let (doc, title) = example(Level::parse("easy").unwrap());
        let ids: Vec<String> = doc.headings().into_iter().map(|(level, _, id)| format!("{level} {id}")).collect();
        assert_eq!(
            ids,
            [
                "2 you-are-at-the-centre",
                "2 choice-and-control",
                "2 being-listened-to",
                "2 goals-and-trying-new-things",
                "2 family-friends-and-other-people",
                "2 get-this-guide-in-another-way"
            ]
        );
        let all = doc.walk();
        assert!(!all.iter().any(|b| matches!(b, Block::Heading { text, .. } if *text == title)), "the title heading is left out");
        let pairs: Vec<_> = doc.blocks.iter().filter_map(|b| if let Block::Pair { picture, words } = b { Some((picture, words)) } else { None }).collect();
        assert!(pairs.len() >= 2, "{pairs:?}");
        for (picture, words) in &pairs {
            assert!(matches!(&picture.src, Destination::Route { path } if path.starts_with("media/")), "{picture:?}");
            assert!(!picture.alt.is_empty() && !words.is_empty(), "{picture:?}");
        }
        let notes: Vec<(&str, &str)> =
            all.iter().filter_map(|b| if let Block::TermNote { term, anchor, .. } = b { Some((term.as_str(), anchor.as_str())) } else { None }).collect();
        assert!(notes.contains(&("Person-centred support", "term-person-centred-support")), "{notes:?}");
        assert!(notes.contains(&("Personal budget", "term-personal-budget")), "{notes:?}");
        // Each note comes after the block that explains its term, in the
        // same list of blocks (the page, or a pair's words).
        let mut lists: Vec<&[Block]> = vec![&doc.blocks];
        lists.extend(pairs.iter().map(|(_, w)| w.as_slice()));
        let mut seen = 0;
        for blocks in lists {
            for (i, b) in blocks.iter().enumerate() {
                let Block::TermNote { term, .. } = b else { continue };
                let user = blocks[..i].iter().rev().find(|b| !matches!(b, Block::TermNote { .. })).expect("a block before the note");
                let explained = block_terms(user).into_iter().any(|(t, r)| *r == TermRole::Explained && t.eq_ignore_ascii_case(term));
                assert!(explained, "{term}: {user:?}");
                seen += 1;
            }
        }
        assert_eq!(seen, notes.len());
        let json = serde_json::to_value(&doc).expect("a document serialises");
        assert_eq!(json["blocks"][0]["type"], "heading", "{}", json["blocks"][0]);
    }

    #[test]
    fn plain_links_a_terms_first_use_to_the_glossary_and_has_no_notes() {
        let (doc, _) = example(Level::parse("plain").unwrap());
        let all = doc.walk();
        assert!(!all.iter().any(|b| matches!(b, Block::TermNote { .. } | Block::Pair { .. })));
        let linked: Vec<&Destination> = all
            .iter()
            .flat_map(|b| block_terms(b))
            .filter_map(|(_, r)| if let TermRole::Linked { to } = r { Some(to) } else { None })
            .collect();
        let glossary = Destination::Route { path: "plain/glossary/index.html#term-person-centred-support".into() };
        assert!(linked.contains(&&glossary), "{linked:?}");
    }
}
