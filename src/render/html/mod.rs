//! The HTML renderer: a `Document` to the HTML inside a guide page.
//! Ordinary Markdown goes back through pulldown-cmark's HTML writer, so it
//! is written exactly as CommonMark writes it; the easy read pair and term
//! note come from the theme's templates.

mod events;
mod parts;

pub use parts::Parts;

use crate::transform::document::Document;

/// `root` is the `../` steps from the page to the output root.
pub fn guide(doc: &Document, root: &str, parts: &Parts) -> Result<String, tera::Error> {
    let mut events = Vec::new();
    events::Writer { root, parts }.blocks(&doc.blocks, &mut events)?;
    let mut html = String::with_capacity(events.len() * 16);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    Ok(html)
}
