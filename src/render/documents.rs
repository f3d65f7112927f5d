//! A guide's format-neutral document in one version, made the same way
//! for every renderer (the HTML pages, the Braille-ready files).

use crate::core::version::Level;
use crate::load::guide::Guide;
use crate::load::links;
use crate::load::site::Site;
use crate::transform::document::Document;

pub fn guide(site: &Site, g: &Guide, level: Level) -> Document {
    let guides_root = site.root.join("content/guides");
    let resolve = |url: &str| links::resolve(url, site.at(level), &g.dir, &guides_root, site);
    let source = crate::transform::guide::Ctx { version: site.at(level), glossary: &site.glossary, resolve: &resolve, title_at: g.title_heading[level.index()] };
    crate::transform::guide::document(g.level_source(level), &source)
}
