//! The error banner `serve` puts at the top of every page while the site
//! has errors: the theme's `templates/serve-error.html`, rendered with Tera.
//! A theme without one uses the default theme's copy, compiled in.

use crate::core::diagnostics::Diagnostic;
use serde::Serialize;

const NAME: &str = "serve-error.html";
const DEFAULT: &str = include_str!("../../themes/default/templates/serve-error.html");
/// At most this many problems are listed; the terminal has them all.
const LIMIT: usize = 50;

pub struct Banner {
    tera: tera::Tera,
    /// Used when the theme's own template fails to render.
    fallback: Option<Box<Banner>>,
}

#[derive(Serialize)]
struct Problem<'a> {
    at: String,
    message: &'a str,
    hint: Option<&'a str>,
}

impl Banner {
    /// The default theme's banner.
    pub fn builtin() -> Banner {
        Banner::parse(DEFAULT).expect("the built-in serve-error.html is valid")
    }

    /// The banner of a theme, given its templates (`templates/<name>` to the
    /// file to name in messages and its text, as in `Theme::templates`).
    pub fn for_theme(templates: &std::collections::BTreeMap<String, (String, String)>) -> Banner {
        let own = templates.get(&format!("templates/{NAME}")).map(|(_, text)| text.as_str());
        match own.filter(|t| *t != DEFAULT).and_then(|t| Banner::parse(t).ok()) {
            Some(mut b) => {
                b.fallback = Some(Box::new(Banner::builtin()));
                b
            }
            None => Banner::builtin(),
        }
    }

    fn parse(text: &str) -> Result<Banner, tera::Error> {
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html"]);
        // Escape as the rest of easyinfo does, which keeps `/` in file names readable.
        tera.set_escape_fn(crate::core::util::escape_html);
        tera.add_raw_template(NAME, text)?;
        Ok(Banner { tera, fallback: None })
    }

    /// The banner's HTML, every message escaped; `stylesheet` is its CSS's address.
    pub fn render(&self, errors: &[Diagnostic], stylesheet: &str) -> String {
        let problems: Vec<Problem> = errors
            .iter()
            .take(LIMIT)
            .map(|d| Problem {
                at: if d.line > 0 { format!("{}:{}:{}", d.file, d.line, d.column) } else { d.file.clone() },
                message: &d.message,
                hint: d.suggestion.as_deref(),
            })
            .collect();
        let mut ctx = tera::Context::new();
        ctx.insert("stylesheet", stylesheet);
        ctx.insert("count", &errors.len());
        ctx.insert("problems", &problems);
        ctx.insert("more", &errors.len().saturating_sub(LIMIT));
        match (self.tera.render(NAME, &ctx), &self.fallback) {
            // Whitespace around the template is only its layout.
            (Ok(html), _) => html.trim().to_string(),
            (Err(_), Some(f)) => f.render(errors, stylesheet),
            // The built-in template renders with any errors; never leave the page without its warning.
            (Err(e), None) => format!("<p role=\"alert\">{}</p>", crate::core::util::escape_html(&format!("The site has errors: {e}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn errors(n: usize) -> Vec<Diagnostic> {
        (0..n).map(|i| Diagnostic::error(crate::core::diagnostics::Rule::ServeBuild, "content/guides/a.md", format!("bad <b>{i}</b>")).at(i + 1, 2)).collect()
    }

    #[test]
    fn lists_problems_escaped_with_their_place() {
        let mut e = errors(1);
        e[0].suggestion = Some("Close the <div>.".into());
        let html = Banner::builtin().render(&e, "/s.css");
        assert!(html.starts_with("<link rel=\"stylesheet\" href=\"/s.css\">"), "{html}");
        assert!(html.contains("role=\"alert\""), "{html}");
        assert!(html.contains("There is 1 problem to fix.") && html.contains("Fix it,"), "{html}");
        assert!(html.contains("<code>content/guides/a.md:1:2</code> bad &lt;b&gt;0&lt;/b&gt;"), "{html}");
        assert!(html.contains("<span class=\"easyinfo-serve-hint\">Close the &lt;div&gt;.</span>"), "{html}");
    }

    #[test]
    fn caps_the_list() {
        let html = Banner::builtin().render(&errors(52), "/s.css");
        assert!(html.contains("There are 52 problems to fix.") && html.contains("Fix them,"), "{html}");
        assert_eq!(html.matches("<li>").count(), LIMIT + 1);
        assert!(html.contains("… and 2 more: see the terminal."), "{html}");
    }

    #[test]
    fn a_theme_may_have_its_own_and_falls_back_when_it_breaks() {
        let theme = |t: &str| BTreeMap::from([(format!("templates/{NAME}"), ("themes/x/templates/serve-error.html".to_string(), t.to_string()))]);
        let own = Banner::for_theme(&theme("<div role=\"alert\">{{ count }} to fix: {{ problems.0.message }}</div>"));
        assert_eq!(own.render(&errors(1), "/s.css"), "<div role=\"alert\">1 to fix: bad &lt;b&gt;0&lt;/b&gt;</div>");
        let broken = Banner::for_theme(&theme("{{ no_such_thing.x }}"));
        assert!(broken.render(&errors(1), "/s.css").contains("There is 1 problem to fix."));
        let unparsable = Banner::for_theme(&theme("{% if %}"));
        assert!(unparsable.render(&errors(1), "/s.css").contains("There is 1 problem to fix."));
        assert!(Banner::for_theme(&BTreeMap::new()).render(&errors(1), "/s.css").contains("There is 1 problem to fix."));
    }
}
