//! The links between a page and the same page in the site's other
//! languages: the language switcher, `<link rel="alternate" hreflang>`,
//! and the sitemap's `xhtml:link` alternates. A site with one language
//! gets none of them, so its pages are as they always were.

use crate::core::language::Language;
use crate::core::routes;
use crate::core::util::escape_html;
use crate::core::version::{Level, Version};
use crate::load::site::Site;
use serde::Serialize;

/// A link to this page in another language, in that language's own name.
#[derive(Serialize)]
struct LanguageLink {
    name: String,
    lang: String,
    href: String,
    /// Said beside the link (in its language) where the page is not
    /// translated and the link goes to that language's home instead.
    note: Option<String>,
}

#[derive(Serialize)]
struct Alternate {
    hreflang: String,
    href: String,
}

/// Does the page at `path` (in the view's language) exist in `lang`?
/// Every page does but a guide that is not translated.
fn exists_in(site: &Site, lang: Language, guide: Option<&str>) -> bool {
    guide.is_none_or(|slug| site.has_guide_in(lang, slug))
}

/// Puts `languages` (links to the other languages) and `alternates` (every
/// language's address of this page) into a page's context. `guide` is the
/// slug when the page is a guide's.
pub fn insert(ctx: &mut tera::Context, site: &Site, path: &str, level: Option<Level>, guide: Option<&str>) {
    insert_linked(ctx, site, path, level, guide, |to| routes::via_root(path, to));
}

/// [`insert`], with links made by `link` from the output root (the 404
/// page links from the site's base path).
pub fn insert_linked(ctx: &mut tera::Context, site: &Site, path: &str, level: Option<Level>, guide: Option<&str>, link: impl Fn(&str) -> String) {
    put(ctx, site, path, level, |lang| exists_in(site, lang, guide), link);
}

/// [`insert`] for a page made in the main language only (the Braille
/// pages): the other languages' links go to their homes, with the note.
pub fn insert_main_only(ctx: &mut tera::Context, site: &Site, path: &str, level: Option<Level>) {
    put(ctx, site, path, level, |lang| lang.is_main(), |to| routes::via_root(path, to));
}

fn put(ctx: &mut tera::Context, site: &Site, path: &str, level: Option<Level>, exists_in: impl Fn(Language) -> bool, link: impl Fn(&str) -> String) {
    let mut links = Vec::new();
    let mut alternates = Vec::new();
    if site.languages.is_multilingual() {
        for lang in site.languages.all() {
            let spec = site.languages.spec(lang);
            let there = routes::in_language(path, site.view, lang);
            let exists = exists_in(lang);
            if exists {
                alternates.push(Alternate { hreflang: spec.code.clone(), href: address(site, &there, &link) });
            }
            if lang == site.view {
                continue;
            }
            let (href, note) = if exists {
                (link(&there), None)
            } else {
                let home = match level {
                    Some(l) => routes::level_home(Version { language: lang, ..Version::html(l) }),
                    None => routes::home(lang),
                };
                let w = site.strings_for(lang).words(level.unwrap_or(Level::main()).id());
                (link(&home), Some(w.text("translation_missing").to_string()))
            };
            links.push(LanguageLink { name: spec.name.clone(), lang: spec.code.clone(), href, note });
        }
    }
    ctx.insert("languages", &links);
    ctx.insert("alternates", &alternates);
}

/// A page's address for `hreflang`: the full address where the site has
/// one (search engines want it), else relative to this page.
fn address(site: &Site, to: &str, link: impl Fn(&str) -> String) -> String {
    if site.config.base_url.starts_with("http") { routes::public_url(&site.config.base_url, to) } else { link(to) }
}

/// The sitemap, with each page's addresses in the other languages as
/// `xhtml:link` alternates where the site has more than one.
pub fn sitemap(site: &Site, mut paths: Vec<&str>) -> String {
    paths.sort();
    let url = |p: &str| escape_html(&routes::public_url(&site.config.base_url, p));
    let multi = site.languages.is_multilingual();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"");
    xml.push_str(if multi { " xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n" } else { ">\n" });
    let written: std::collections::HashSet<&str> = paths.iter().copied().collect();
    for p in &paths {
        if !multi {
            xml.push_str(&format!("<url><loc>{}</loc></url>\n", url(p)));
            continue;
        }
        let from = routes::language_of(p, &site.languages);
        xml.push_str(&format!("<url><loc>{}</loc>", url(p)));
        for lang in site.languages.all() {
            let there = routes::in_language(p, from, lang);
            if written.contains(there.as_str()) {
                xml.push_str(&format!("<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>", escape_html(&site.languages.spec(lang).code), url(&there)));
            }
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}
