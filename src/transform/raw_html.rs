//! An editor's raw HTML, made safe to keep: a stray `<` becomes text and
//! tags are balanced, so it cannot break the page whatever renders it.

use crate::core::util::escape_html;
use pulldown_cmark::{Event, Tag, TagEnd};

/// An editor's raw HTML is passed through, but a `<` that cannot start a
/// tag (`<3`, `a < b`) is written as `&lt;`. Browsers read it as text either
/// way; the HTML minifier does not, and would swallow the rest of the page.
pub(super) fn tidy_raw_html(e: Event) -> Event {
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

/// An editor's raw HTML is kept, but balanced, so it cannot break the page:
/// a tag opened inside a Markdown block (an inline `<span>` in a paragraph,
/// or a `<details>` in a list item) is closed before that block ends, a
/// closing tag with nothing to close is shown as text, and tags still open
/// at the end are closed there. HTML blocks at the same level may open and
/// close a tag around Markdown (`<details>` … Markdown … `</details>`).
pub(super) fn balance_raw_html(events: Vec<Event>) -> Vec<Event> {
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

