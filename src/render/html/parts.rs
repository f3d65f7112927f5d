//! easyinfo's own blocks, from the theme's `templates/parts/`: the easy
//! read picture-and-words pair and the term note. Measured: a term note
//! through Tera takes about 12 µs, written in Rust about 2 µs; a page has a
//! few such blocks, so 1,000 easy read guides with ten each cost ~0.1 s.
//! The inline term marks, which can be hundreds a page, stay in Rust
//! (`events::Writer::term`).

use crate::core::util::escape_html;
use pulldown_cmark::Event;
use std::sync::OnceLock;

pub struct Parts<'t> {
    pub tera: &'t tera::Tera,
    /// The page's words: the term note's sentence is `term_means`.
    pub words: &'t crate::core::strings::Words,
}

impl Parts<'_> {
    /// The built-in theme's parts, for rendering without a site.
    pub fn built_in() -> Parts<'static> {
        static TERA: OnceLock<tera::Tera> = OnceLock::new();
        let tera = TERA.get_or_init(|| {
            let mut t = tera::Tera::default();
            t.autoescape_on(vec![".html"]);
            let parts = crate::load::theme::DEFAULT.iter().filter_map(|(p, text)| p.strip_prefix("templates/").filter(|n| n.starts_with("parts/")).map(|n| (n, *text)));
            t.add_raw_templates(parts).expect("the built-in theme's parts are valid templates");
            t
        });
        Parts { tera, words: crate::core::strings::Strings::builtin().words(crate::core::version::Level::main().id()) }
    }

    pub fn pair(&self, picture: &[Event], words: Vec<Event>) -> Result<String, tera::Error> {
        let mut pic = String::new();
        pulldown_cmark::html::push_html(&mut pic, picture.iter().cloned());
        let mut ctx = tera::Context::new();
        ctx.insert("picture", &pic);
        ctx.insert("words", &after_html(words));
        self.tera.render("parts/pair.html", &ctx)
    }

    /// `term` and `meaning` are passed escaped, as the rest of the page's
    /// text is (Tera's own escaping would also change `/` and `'`).
    /// `sentence` is the strings file's `term_means` filled with both, so
    /// each language words it its own way.
    pub fn term_note(&self, term: &str, meaning: &str, anchor: &str) -> Result<String, tera::Error> {
        let mut ctx = tera::Context::new();
        let (term, meaning) = (escape_html(term), escape_html(meaning));
        ctx.insert("sentence", &self.words.fill("term_means", &[("term", &term), ("meaning", &meaning)]));
        ctx.insert("term", &term);
        ctx.insert("meaning", &meaning);
        ctx.insert("anchor", anchor);
        self.tera.render("parts/term-note.html", &ctx)
    }
}

/// HTML for events that follow other HTML on the same line: the writer
/// then starts a block on a new line, as it does on a whole page.
fn after_html(events: Vec<Event>) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, std::iter::once(Event::Html(">".into())).chain(events));
    html.split_off(1)
}
