//! One level's Markdown to HTML in one call: the guide's `Document`
//! (`transform::guide`) rendered by the HTML renderer with the built-in
//! theme's parts. For tests and tools; pages use the site's theme.

use crate::load::glossary::Glossary;
use crate::core::version::Level;
use crate::load::links::Target;
use crate::transform::guide;

pub use crate::load::guide::syntax::{lint_options, options};

pub struct Ctx<'a> {
    pub level: Level,
    pub glossary: &'a Glossary,
    /// `../` steps from the page to the output root.
    pub root: &'a str,
    pub resolve: &'a dyn Fn(&str) -> Target,
    /// Byte offset of the heading that repeats the page title; see
    /// `transform::guide::Ctx::title_at`.
    pub title_at: Option<usize>,
}

#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    /// (level, text, id) of each heading below the title.
    pub headings: Vec<(u8, String, String)>,
}

pub fn render(md: &str, ctx: &Ctx) -> Rendered {
    let doc = guide::document(md, &guide::Ctx { version: ctx.level.into(), glossary: ctx.glossary, resolve: ctx.resolve, title_at: ctx.title_at });
    let html = super::html::guide(&doc, ctx.root, &super::html::Parts::built_in()).expect("the built-in parts render any document");
    Rendered { html, headings: doc.headings() }
}

#[cfg(test)]
mod tests {
    use super::*;

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
