//! One level's Markdown to HTML: site links, glossary terms, and the easy
//! read picture-and-words layout.

use crate::glossary::{EasyUse, Glossary};
use crate::level::{Level, TermPolicy};
use crate::links::Target;
use crate::util::{escape_html, slugify};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;

pub fn options() -> Options {
    lint_options() | Options::ENABLE_SMART_PUNCTUATION
}

/// Without smart punctuation, so text events match the source byte for byte.
pub fn lint_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

pub struct Ctx<'a> {
    pub level: Level,
    pub glossary: &'a Glossary,
    /// `../` steps from the page to the output root.
    pub root: &'a str,
    pub resolve: &'a dyn Fn(&str) -> Target,
    /// Byte offset in the Markdown of the heading that repeats the page
    /// title (see `Guide::title_heading`): the template shows the title, so
    /// that heading is left out. Every other heading 1 becomes a heading 2.
    pub title_at: Option<usize>,
}

#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    /// (level, text, id) of each heading below the title.
    pub headings: Vec<(u8, String, String)>,
}

pub fn render(md: &str, ctx: &Ctx) -> Rendered {
    let mut title_block = None;
    let events: Vec<Event> = Parser::new_ext(md, options())
        .into_offset_iter()
        .map(|(e, range)| {
            if matches!(e, Event::Start(Tag::Heading { .. })) && Some(range.start) == ctx.title_at && title_block.is_none() {
                title_block = Some(range.start);
            }
            e
        })
        .collect();
    let events = balance_raw_html(events.into_iter().map(tidy_raw_html).map(demote_h1).collect());
    let mut blocks = top_level_blocks(events);
    if title_block.is_some() {
        // The title is the first top-level heading at that offset.
        let title_index = blocks_with_offsets(md, ctx.title_at);
        if let Some(i) = title_index {
            if blocks.get(i).is_some_and(|b| matches!(b.first(), Some(Event::Start(Tag::Heading { .. })))) {
                blocks.remove(i);
            }
        }
    }
    let mut state = State { ctx, used: HashSet::new(), ids: HashSet::new(), headings: Vec::new() };
    let mut out: Vec<Event> = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        let block = &blocks[i];
        if ctx.level.spec().pictures {
            if let Some((picture, words, used_next)) = pair(block, blocks.get(i + 1)) {
                let (words, notes) = state.terms(words);
                out.push(Event::Html(r#"<div class="pair"><div class="pair-picture">"#.into()));
                out.extend(state.links(picture));
                out.push(Event::Html(r#"</div><div class="pair-words">"#.into()));
                out.extend(state.links(words));
                out.extend(notes);
                out.push(Event::Html("</div></div>".into()));
                i += if used_next { 2 } else { 1 };
                continue;
            }
        }
        if let Some(Event::Start(Tag::Heading { .. })) = block.first() {
            if let Some(h) = state.heading(block.clone()) {
                out.extend(h);
            }
        } else {
            let (evs, notes) = state.terms(block.clone());
            out.extend(state.links(evs));
            out.extend(notes);
        }
        i += 1;
    }
    let mut html = String::with_capacity(md.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    Rendered { html, headings: state.headings }
}

/// An editor's raw HTML is passed through, but a `<` that cannot start a
/// tag (`<3`, `a < b`) is written as `&lt;`. Browsers read it as text either
/// way; the HTML minifier does not, and would swallow the rest of the page.
fn tidy_raw_html(e: Event) -> Event {
    fn tidy(s: &str) -> Option<String> {
        let b = s.as_bytes();
        let stray = |i: usize| !b.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, b'/' | b'!' | b'?'));
        if !b.iter().enumerate().any(|(i, &c)| c == b'<' && stray(i)) {
            return None;
        }
        let mut out = String::with_capacity(s.len() + 8);
        for (i, c) in s.char_indices() {
            if c == '<' && stray(i) {
                out.push_str("&lt;");
            } else {
                out.push(c);
            }
        }
        Some(out)
    }
    match e {
        Event::Html(h) => match tidy(&h) {
            Some(t) => Event::Html(t.into()),
            None => Event::Html(h),
        },
        Event::InlineHtml(h) => match tidy(&h) {
            Some(t) => Event::InlineHtml(t.into()),
            None => Event::InlineHtml(h),
        },
        e => e,
    }
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

/// Index of the top-level block that starts at byte `at`, counting blocks
/// the way `top_level_blocks` does.
fn blocks_with_offsets(md: &str, at: Option<usize>) -> Option<usize> {
    let at = at?;
    let mut depth = 0usize;
    let mut index = 0;
    for (e, range) in Parser::new_ext(md, options()).into_offset_iter() {
        let starts_block = depth == 0;
        match &e {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if starts_block && range.start == at {
            return Some(index);
        }
        if depth == 0 {
            index += 1;
        }
    }
    None
}

/// An editor's raw HTML is kept, but balanced, so it cannot break the page:
/// a tag opened inside a Markdown block (an inline `<span>` in a paragraph,
/// or a `<details>` in a list item) is closed before that block ends, a
/// closing tag with nothing to close is shown as text, and tags still open
/// at the end are closed there. HTML blocks at the same level may open and
/// close a tag around Markdown (`<details>` … Markdown … `</details>`).
fn balance_raw_html(events: Vec<Event>) -> Vec<Event> {
    let mut out = Vec::with_capacity(events.len());
    // Open raw tags, with the Markdown depth they were opened at.
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut html_block = false;
    let close_from = |open: &mut Vec<(String, usize)>, min_depth: usize, out: &mut Vec<Event>| {
        let mut s = String::new();
        while open.last().is_some_and(|(_, d)| *d >= min_depth) {
            let (name, _) = open.pop().expect("checked");
            s.push_str(&format!("</{name}>"));
        }
        if !s.is_empty() {
            out.push(Event::InlineHtml(s.into()));
        }
    };
    for e in events {
        match e {
            Event::Start(Tag::HtmlBlock) => {
                html_block = true;
                depth += 1;
                out.push(e);
            }
            Event::End(TagEnd::HtmlBlock) => {
                html_block = false;
                depth = depth.saturating_sub(1);
                out.push(e);
            }
            Event::Start(_) => {
                depth += 1;
                out.push(e);
            }
            Event::End(_) => {
                close_from(&mut open, depth, &mut out);
                depth = depth.saturating_sub(1);
                out.push(e);
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                // Tags in an HTML block belong to the block's parent.
                let at = if html_block { depth.saturating_sub(1) } else { depth };
                let mut changed = String::new();
                let mut last = 0;
                let mut fixed = false;
                for tag in raw_tags(&h) {
                    match tag {
                        RawTag::Open(name) => open.push((name, at)),
                        RawTag::Close(name, range) => {
                            match open.iter().rposition(|(n, d)| *n == name && *d == at) {
                                Some(i) if open[i + 1..].iter().all(|(_, d)| *d == at) => {
                                    changed.push_str(&h[last..range.start]);
                                    for (n, _) in open.drain(i + 1..).rev() {
                                        changed.push_str(&format!("</{n}>"));
                                    }
                                    open.pop();
                                    changed.push_str(&h[range.clone()]);
                                    last = range.end;
                                    fixed = true;
                                }
                                _ => {
                                    changed.push_str(&h[last..range.start]);
                                    changed.push_str(&escape_html(&h[range.clone()]));
                                    last = range.end;
                                    fixed = true;
                                }
                            }
                        }
                    }
                }
                if fixed {
                    changed.push_str(&h[last..]);
                    out.push(if html_block { Event::Html(changed.into()) } else { Event::InlineHtml(changed.into()) });
                } else if html_block {
                    out.push(Event::Html(h));
                } else {
                    out.push(Event::InlineHtml(h));
                }
            }
            e => out.push(e),
        }
    }
    close_from(&mut open, 0, &mut out);
    out
}

enum RawTag {
    Open(String),
    Close(String, std::ops::Range<usize>),
}

const VOID: &[&str] = &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title"];

/// The start and end tags in a piece of raw HTML, skipping comments,
/// declarations, void and self-closing elements, and the text of
/// `script`, `style`, `textarea` and `title`.
fn raw_tags(h: &str) -> Vec<RawTag> {
    let b = h.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        if h[i..].starts_with("<!--") {
            i = h[i + 4..].find("-->").map_or(b.len(), |e| i + 4 + e + 3);
            continue;
        }
        if h[i..].starts_with("<!") || h[i..].starts_with("<?") {
            i = h[i..].find('>').map_or(b.len(), |e| i + e + 1);
            continue;
        }
        let start = i;
        let closing = b.get(i + 1) == Some(&b'/');
        let name_start = i + 1 + closing as usize;
        if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
            continue;
        }
        let mut j = name_start;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-') {
            j += 1;
        }
        let name = h[name_start..j].to_ascii_lowercase();
        // To the `>`, past quoted attribute values.
        let mut quote = None;
        let mut self_closing = false;
        while j < b.len() {
            match (quote, b[j]) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, q @ (b'"' | b'\'')) => quote = Some(q),
                (None, b'>') => {
                    self_closing = j > 0 && b[j - 1] == b'/';
                    break;
                }
                _ => {}
            }
            j += 1;
        }
        let end = (j + 1).min(b.len());
        i = end;
        if closing {
            tags.push(RawTag::Close(name, start..end));
        } else if !VOID.contains(&name.as_str()) && !self_closing {
            if RAW_TEXT.contains(&name.as_str()) {
                let close = format!("</{name}");
                match h[i..].to_ascii_lowercase().find(&close) {
                    Some(e) => i += e,
                    None => i = b.len(),
                }
            }
            tags.push(RawTag::Open(name));
        }
    }
    tags
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

/// In easy read, a picture on its own line pairs with the words after it:
/// either in the same paragraph (after a line break) or the next block.
fn pair<'a>(block: &[Event<'a>], next: Option<&Vec<Event<'a>>>) -> Option<(Vec<Event<'a>>, Vec<Event<'a>>, bool)> {
    if !matches!(block.first(), Some(Event::Start(Tag::Paragraph))) || !matches!(block.get(1), Some(Event::Start(Tag::Image { .. }))) {
        return None;
    }
    let img_end = block.iter().position(|e| matches!(e, Event::End(TagEnd::Image)))?;
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

struct State<'c, 'a> {
    ctx: &'c Ctx<'a>,
    used: HashSet<usize>,
    ids: HashSet<String>,
    headings: Vec<(u8, String, String)>,
}

impl State<'_, '_> {
    fn url(&self, dest: &str) -> String {
        match (self.ctx.resolve)(dest) {
            Target::Output(p) => format!("{}{}", self.ctx.root, p),
            _ => dest.to_string(),
        }
    }

    fn links<'e>(&self, events: Vec<Event<'e>>) -> Vec<Event<'e>> {
        events
            .into_iter()
            .map(|e| match e {
                Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                    Event::Start(Tag::Link { link_type, dest_url: self.url(&dest_url).into(), title, id })
                }
                Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                    Event::Start(Tag::Image { link_type, dest_url: self.url(&dest_url).into(), title, id })
                }
                e => e,
            })
            .collect()
    }

    /// A top-level heading gets an id and a place in the headings list.
    fn heading<'e>(&mut self, block: Vec<Event<'e>>) -> Option<Vec<Event<'e>>> {
        let Event::Start(Tag::Heading { level, classes, attrs, .. }) = &block[0] else { return Some(block) };
        let level = *level;
        let text: String = block
            .iter()
            .filter_map(|e| match e {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        let base = match slugify(&text) {
            s if s.is_empty() => "section".to_string(),
            s => s,
        };
        let mut id = base.clone();
        let mut n = 2;
        while !self.ids.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.headings.push((level as u8, text, id.clone()));
        let mut out = block.clone();
        out[0] = Event::Start(Tag::Heading { level, id: Some(CowStr::from(id)), classes: classes.clone(), attrs: attrs.clone() });
        let last = out.len() - 1;
        out[last] = Event::End(TagEnd::Heading(level));
        Some(self.links(out))
    }

    /// Mark glossary terms in text. Returns the events and, for easy read,
    /// the meanings to show after the block.
    fn terms<'e>(&mut self, events: Vec<Event<'e>>) -> (Vec<Event<'e>>, Vec<Event<'e>>) {
        let g = self.ctx.glossary;
        if g.entries.is_empty() {
            return (events, Vec::new());
        }
        let mut out = Vec::with_capacity(events.len());
        let mut notes = Vec::new();
        let mut skip = 0usize; // inside links, images, code
        for e in events {
            match &e {
                Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_) | Tag::Heading { .. }) => skip += 1,
                Event::End(TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock | TagEnd::Heading(_)) => skip = skip.saturating_sub(1),
                _ => {}
            }
            let Event::Text(text) = &e else {
                out.push(e);
                continue;
            };
            if skip > 0 {
                out.push(e);
                continue;
            }
            let matches = g.find(text);
            if matches.is_empty() {
                out.push(e);
                continue;
            }
            let mut html = String::new();
            let mut last = 0;
            for m in matches {
                let entry = &g.entries[m.entry];
                let first = self.used.insert(m.entry);
                let word = &text[m.start..m.end];
                html.push_str(&escape_html(&text[last..m.start]));
                last = m.end;
                let shown = match &entry.abbr {
                    Some(full) => format!(r#"<abbr title="{}">{}</abbr>"#, escape_html(full), escape_html(word)),
                    None => escape_html(word),
                };
                match self.ctx.level.spec().terms {
                    TermPolicy::Boxes => {
                        if first && entry.easy == EasyUse::Explain {
                            html.push_str(&format!(r#"<strong class="term">{shown}</strong>"#));
                            notes.push(Event::Html(
                                format!(
                                    r#"<p class="meaning"><strong>{}</strong> means {}</p>"#,
                                    escape_html(&capitalise(word)),
                                    escape_html(&lower_first(&entry.means))
                                )
                                .into(),
                            ));
                        } else {
                            html.push_str(&shown);
                        }
                    }
                    TermPolicy::Links => {
                        if first {
                            html.push_str(&format!(
                                r#"<a class="term" href="{}{}">{shown}</a>"#,
                                self.ctx.root,
                                crate::core::routes::glossary_term(self.ctx.level, &entry.anchor())
                            ));
                            if let Some(full) = &entry.abbr {
                                html.push_str(&format!(" ({})", escape_html(full)));
                            }
                        } else {
                            html.push_str(&shown);
                        }
                    }
                }
            }
            html.push_str(&escape_html(&text[last..]));
            out.push(Event::InlineHtml(html.into()));
        }
        (out, notes)
    }
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
        || crate::glossary::is_all_caps(word)
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

    fn easy(md: &str) -> String {
        let g = Glossary::default();
        let resolve = |u: &str| Target::Output(u.to_string());
        render(md, &Ctx { level: Level::parse("easy").unwrap(), glossary: &g, root: "", resolve: &resolve, title_at: md.find("# Title") }).html
    }

    #[test]
    fn picture_pairs_with_the_words_after_it() {
        let same_paragraph = easy("![Alt](a.svg)\nWords.\n");
        let next_paragraph = easy("![Alt](a.svg)\n\nWords.\n");
        for html in [&same_paragraph, &next_paragraph] {
            let flat = html.replace('\n', "");
            assert!(flat.contains(r#"<div class="pair"><div class="pair-picture"><img src="a.svg" alt="Alt" /></div><div class="pair-words"><p>Words.</p></div></div>"#), "{html}");
        }
    }

    #[test]
    fn first_heading_one_is_the_page_title_and_others_are_demoted() {
        let html = easy("# Title\n\n## Part\n\n# Another\n");
        assert!(!html.contains("Title"));
        assert!(html.contains(r#"<h2 id="part">Part</h2>"#), "{html}");
        assert!(html.contains(r#"<h2 id="another">Another</h2>"#), "{html}");
    }

    #[test]
    fn raw_html_keeps_its_tags_but_a_stray_less_than_becomes_text() {
        // Found by the property tests: `<3` in an HTML block made the
        // minifier swallow the rest of the page.
        let html = easy("<details><summary>More</summary>Hidden.</details>\n# <3 and a < b\n");
        assert!(html.contains("<details><summary>More</summary>Hidden.</details>"), "{html}");
        assert!(html.contains("# &lt;3 and a &lt; b"), "{html}");
        let page = crate::render::minify(html.as_bytes());
        let page = String::from_utf8(page).unwrap();
        assert!(page.contains("</details>") && page.contains("&lt;3"), "{page}");
        // Comments, closing tags and declarations are left alone.
        let html = easy("<div>\n<!-- note -->\n<p>x</p>\n</div>\n");
        assert!(html.contains("<!-- note -->") && html.contains("</div>"), "{html}");
    }
}
