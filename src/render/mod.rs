//! Stage 4: render every version of every page into memory.

pub mod audio;
pub mod braille;
pub mod directory;
pub mod documents;
mod emit;
pub mod html;
pub mod languages;
pub mod markdown;
pub mod pages;
pub mod report;
pub mod search;

use crate::core::rules::Rule;
use crate::core::routes;
use crate::core::diagnostics::Diagnostic;
use crate::core::version::Level;
use crate::load::site::Site;
use serde::Serialize;
use std::path::PathBuf;

pub use emit::{render, render_into, render_selected, Emitter, Memory, Select, Sink, Source, Written};

/// A file to publish, by its path inside the output folder.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: String,
    pub content: Content,
}

#[derive(Debug, Clone)]
pub enum Content {
    Bytes(Vec<u8>),
    Copy(PathBuf),
}

impl OutputFile {
    pub fn bytes(path: impl Into<String>, b: impl Into<Vec<u8>>) -> Self {
        OutputFile { path: path.into(), content: Content::Bytes(b.into()) }
    }
}

#[derive(Serialize)]
struct Version {
    id: &'static str,
    name: String,
    href: String,
    current: bool,
}

/// The context every template gets. `path` is the page's output path and
/// `level` its version; pages outside the versions (home, 404) pass `None`.
pub fn base_context(site: &Site, level: Option<Level>, path: &str, title: &str) -> tera::Context {
    let root = routes::root(path);
    let shown = level.unwrap_or(Level::main());
    let words = words(site, shown);
    let name = |l: Level| words.text(&format!("choice_{}_name", l.id())).to_string();
    let versions: Vec<Version> = Level::ALL
        .iter()
        .map(|l| Version {
            id: l.id(),
            name: name(*l),
            href: routes::via_root(path, &routes::in_version(path, level.map(|l| site.at(l)), site.at(*l))),
            current: level == Some(*l),
        })
        .collect();
    let mut ctx = tera::Context::new();
    ctx.insert("site", &SiteCtx::of(site));
    ctx.insert("lang", &site.config.language);
    ctx.insert("home", &routes::via_root(path, &routes::home(site.view)));
    languages::insert(&mut ctx, site, path, level, None);
    ctx.insert("level", shown.id());
    ctx.insert("level_name", &name(shown));
    ctx.insert("root", &root);
    ctx.insert("title", title);
    ctx.insert("description", "");
    ctx.insert("path", path);
    ctx.insert("versions", &versions);
    ctx.insert("nav", &nav(site.at(shown), |to| routes::via_root(path, to)));
    ctx.insert("t", words.map());
    ctx.insert("formats_note", words.text("formats_note"));
    ctx
}

/// The theme's words for a version, in the language of the site's view.
pub fn words(site: &Site, level: Level) -> &crate::core::strings::Words {
    site.strings_for(site.view).words(level.id())
}

/// The menu's links for a level's pages, each made by `link` from its path.
pub fn nav(version: impl Into<crate::core::version::Version>, link: impl Fn(&str) -> String) -> serde_json::Value {
    let version = version.into();
    serde_json::json!({
        "guides": link(&routes::level_home(version)),
        "glossary": link(&routes::glossary(version)),
        "directory": link(&routes::directory_home(version)),
    })
}

#[derive(Serialize)]
struct SiteCtx<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    formats_contact: &'a str,
    directory_notice: &'a str,
    base_url: &'a str,
    /// The fields above shown in the main language on another language's
    /// pages, to its tag, for `lang=`.
    lang: &'a std::collections::BTreeMap<String, String>,
}

impl<'a> SiteCtx<'a> {
    fn of(site: &'a Site) -> Self {
        let c = &site.config;
        SiteCtx {
            title: &c.title,
            description: &c.description,
            language: &c.language,
            formats_contact: &c.formats_contact,
            directory_notice: &c.directory.notice,
            base_url: &c.base_url,
            lang: &c.kept,
        }
    }
}

/// Render a template, minified if the site asks for it.
pub fn page(site: &Site, template: &str, ctx: &tera::Context) -> Result<Vec<u8>, Diagnostic> {
    render_with(site, template, ctx, |html| if site.config.minify { minify(html) } else { html.to_vec() })
}

/// Render part of a page that pages then include as it is; it is
/// minified with the page.
pub fn fragment(site: &Site, template: &str, ctx: &tera::Context) -> Result<String, Diagnostic> {
    let bytes = render_with(site, template, ctx, <[u8]>::to_vec)?;
    // Templates and every value in them are text, so this cannot fail.
    String::from_utf8(bytes).map_err(|e| Diagnostic::error(Rule::ThemeRender, format!("templates/{template}"), e.to_string()))
}

/// Renders into a buffer kept per thread, so a page's HTML is not grown
/// piece by piece in a new allocation every time.
fn render_with(site: &Site, template: &str, ctx: &tera::Context, finish: impl FnOnce(&[u8]) -> Vec<u8>) -> Result<Vec<u8>, Diagnostic> {
    thread_local! {
        static BUF: std::cell::RefCell<Vec<u8>> = std::cell::RefCell::new(Vec::with_capacity(64 * 1024));
    }
    BUF.with(|buf| {
        let mut buf = buf.borrow_mut();
        buf.clear();
        site.theme.tera.render_to(template, ctx, &mut *buf).map_err(|e| crate::load::theme::template_error(&e, &site.theme.templates))?;
        let out = finish(&buf);
        // A rare huge page (a long list to print) should not keep its buffer.
        if buf.capacity() > 1024 * 1024 {
            *buf = Vec::with_capacity(64 * 1024);
        }
        Ok(out)
    })
}

pub fn minify(html: &[u8]) -> Vec<u8> {
    let mut cfg = minify_html::Cfg::new();
    cfg.minify_js = false;
    cfg.minify_css = false;
    cfg.keep_closing_tags = true;
    cfg.keep_html_and_head_opening_tags = true;
    cfg.allow_removing_spaces_between_attributes = false;
    cfg.allow_noncompliant_unquoted_attribute_values = false;
    minify_html::minify(html, &cfg)
}
