//! The page about the Braille-ready files (what a BRF file is, how to use
//! one, and the list of files with their sizes), in each version's words
//! and once beside the files; and the link on each guide page.

use super::{size, Book, Of};
use crate::core::diagnostics::Diagnostic;
use crate::core::routes;
use crate::core::version::Level;
use crate::load::site::Site;
use crate::render::{base_context, page, words, OutputFile};
use serde::Serialize;

#[derive(Serialize)]
struct Listed {
    title: String,
    href: String,
    size: String,
}

/// The page in a version (`Some`), or beside the files (`None`, in the
/// main version's words, its version links to each version's page).
pub fn index(site: &Site, level: Option<Level>, book: &Book) -> Result<Vec<OutputFile>, Diagnostic> {
    let path = level.map_or_else(routes::braille_home, routes::braille_index);
    let shown = level.unwrap_or(Level::main());
    let w = words(site, shown);
    let mut ctx = base_context(site, level, &path, w.text("braille_title"));
    crate::render::languages::insert_main_only(&mut ctx, site, &path, level);
    if level.is_none() {
        let versions: Vec<serde_json::Value> = Level::ALL
            .iter()
            .map(|l| serde_json::json!({"id": l.id(), "name": l.name(), "href": routes::relative(&path, &routes::braille_index(*l)), "current": false}))
            .collect();
        ctx.insert("versions", &versions);
    }
    let listed = |of: &Of, title: &str| {
        book.find(of).map(|f| Listed { title: title.to_string(), href: routes::relative(&path, &f.path), size: size(f.bytes, w) })
    };
    let guides: Vec<Listed> = site.guides.iter().filter_map(|g| listed(&Of::Guide(g.slug.clone()), g.title.get(shown))).collect();
    let categories: Vec<Listed> =
        site.directory.categories.iter().filter_map(|c| listed(&Of::Category(c.id.clone()), c.name_for(shown))).collect();
    ctx.insert("guides", &guides);
    ctx.insert("glossary", &listed(&Of::Glossary, w.text("glossary_title")));
    ctx.insert("categories", &categories);
    ctx.insert("grade", &site.config.braille_grade.0);
    Ok(vec![OutputFile::bytes(path.clone(), page(site, "braille.html", &ctx)?)])
}

/// What a guide page shows of its Braille-ready file.
#[derive(Serialize)]
pub struct GuideLink {
    pub href: String,
    pub size: String,
    pub about: String,
}

/// The link from a guide's page (at `path`, in `level`) to its file.
pub fn guide_link(site: &Site, book: Option<&Book>, slug: &str, level: Level, path: &str) -> Option<GuideLink> {
    let f = book?.find(&Of::Guide(slug.to_string()))?;
    Some(GuideLink { href: routes::via_root(path, &f.path), size: size(f.bytes, words(site, level)), about: routes::via_root(path, &routes::braille_index(level)) })
}
