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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transform::document::Block;

    /// A theme can word the easy read term note its own way: the wording
    /// is in `templates/parts/term-note.html`, not in Rust.
    #[test]
    fn the_term_note_comes_from_the_theme() {
        let doc = Document { blocks: vec![Block::TermNote { term: "Tax & more".into(), meaning: "money".into(), anchor: "term-tax".into() }] };
        assert_eq!(guide(&doc, "", &Parts::built_in()).unwrap(), r#"<p class="meaning"><strong>Tax &amp; more</strong> means money</p>"#);
        let mut tera = tera::Tera::default();
        tera.add_raw_template("parts/term-note.html", r#"<dfn id="{{ anchor }}">{{ term | safe }}</dfn>: {{ meaning | safe }}"#).unwrap();
        assert_eq!(guide(&doc, "", &Parts { tera: &tera, words: Parts::built_in().words }).unwrap(), r#"<dfn id="term-tax">Tax &amp; more</dfn>: money"#);
    }
}
