//! Stage 4: render every version of every page into memory.

pub mod css;
pub mod markdown;
pub mod pages;
pub mod theme;

use crate::diagnostics::Diagnostic;
use crate::level::Level;
use crate::site::Site;
use serde::Serialize;
use std::path::PathBuf;

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
    name: &'static str,
    href: String,
    current: bool,
}

/// The context every template gets. `path` is the page's output path and
/// `level` its version; pages outside the versions (home, 404) pass `None`.
pub fn base_context(site: &Site, level: Option<Level>, path: &str, title: &str) -> tera::Context {
    let depth = path.matches('/').count();
    let root = crate::util::root_prefix(depth);
    let shown = level.unwrap_or(Level::Plain);
    let rest = match level {
        Some(l) => path.strip_prefix(l.id()).map(|r| r.trim_start_matches('/')).unwrap_or("index.html"),
        None => "index.html",
    };
    let versions: Vec<Version> = Level::ALL
        .iter()
        .map(|l| Version { id: l.id(), name: l.name(), href: format!("{root}{}/{rest}", l.id()), current: level == Some(*l) })
        .collect();
    let mut ctx = tera::Context::new();
    ctx.insert("site", &SiteCtx::of(site));
    ctx.insert("lang", &site.config.language);
    ctx.insert("level", shown.id());
    ctx.insert("level_name", shown.name());
    ctx.insert("root", &root);
    ctx.insert("title", title);
    ctx.insert("description", "");
    ctx.insert("path", path);
    ctx.insert("versions", &versions);
    let v = shown.id();
    let nav = serde_json::json!({
        "guides": format!("{root}{v}/index.html"),
        "glossary": format!("{root}{v}/glossary/index.html"),
        "directory": format!("{root}{v}/directory/index.html"),
    });
    ctx.insert("nav", &nav);
    let words = words(site, shown);
    ctx.insert("t", words.map());
    ctx.insert("formats_note", words.text("formats_note"));
    ctx
}

/// The theme's words for a version, in the site's language.
pub fn words(site: &Site, level: Level) -> &crate::core::strings::Words {
    site.theme.strings(&site.config.language).words(level.id())
}

#[derive(Serialize)]
struct SiteCtx<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    formats_contact: &'a str,
    directory_notice: &'a str,
    base_url: &'a str,
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
    String::from_utf8(bytes).map_err(|e| Diagnostic::error("theme/render", format!("templates/{template}"), e.to_string()))
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
        site.theme.tera.render_to(template, ctx, &mut *buf).map_err(|e| theme::template_error(&e, &site.theme.templates))?;
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

/// Where rendered files go. `build` writes each to disk as soon as it is
/// made, so a big site never sits in memory whole; `serve` and tests keep them.
pub trait Sink: Sync {
    fn put(&self, file: OutputFile) -> Result<(), WriteError>;
}

#[derive(Debug, thiserror::Error)]
#[error("could not write {path}: {source}")]
pub struct WriteError {
    pub path: String,
    pub source: std::io::Error,
}

/// Why nothing can be published.
#[derive(Debug)]
pub enum Failure {
    /// Problems in the content or theme, for the editor to fix.
    Content(Vec<Diagnostic>),
    /// The output could not be written.
    Write(WriteError),
}

/// What went out.
#[derive(Debug, Default, Clone, Copy)]
pub struct Written {
    pub pages: usize,
    pub files: usize,
}

/// Passes each page job's files to the sink as the job finishes, and keeps
/// the paths (for the sitemap) and the first write error.
pub struct Emitter<'a> {
    sink: &'a dyn Sink,
    paths: std::sync::Mutex<Vec<String>>,
    write_error: std::sync::Mutex<Option<WriteError>>,
}

impl<'a> Emitter<'a> {
    fn new(sink: &'a dyn Sink) -> Self {
        Emitter { sink, paths: Default::default(), write_error: Default::default() }
    }

    /// Once a write has failed, the rest of the work is skipped.
    pub fn stopped(&self) -> bool {
        self.write_error.lock().is_ok_and(|e| e.is_some())
    }

    pub fn put(&self, file: OutputFile) {
        if self.stopped() {
            return;
        }
        let path = file.path.clone();
        match self.sink.put(file) {
            Ok(()) => self.paths.lock().expect("paths lock").push(path),
            Err(e) => {
                self.write_error.lock().expect("error lock").get_or_insert(e);
            }
        }
    }

    /// A job's result: its files are sent on; its error is returned.
    pub fn emit(&self, result: Result<Vec<OutputFile>, Diagnostic>) -> Option<Diagnostic> {
        match result {
            Ok(files) => {
                files.into_iter().for_each(|f| self.put(f));
                None
            }
            Err(e) => Some(e),
        }
    }
}

/// Render everything the site publishes into `sink`.
pub fn render_into(site: &Site, sink: &dyn Sink) -> Result<Written, Failure> {
    let em = Emitter::new(sink);
    let errors = pages::all(site, &em);
    if let Some(e) = em.write_error.lock().expect("error lock").take() {
        return Err(Failure::Write(e));
    }
    if !errors.is_empty() {
        return Err(Failure::Content(group_same(errors)));
    }
    let paths = em.paths.into_inner().expect("paths lock");
    let pages = paths.iter().filter(|p| p.ends_with(".html")).count();
    Ok(Written { pages, files: paths.len() })
}

/// A mistake in a template stops every page made from it: say it once,
/// with how many pages it stopped, rather than once a page.
fn group_same(errors: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut seen: std::collections::HashMap<(String, String, usize, String), usize> = Default::default();
    let mut out: Vec<(Diagnostic, usize)> = Vec::new();
    for d in errors {
        let key = (d.rule.clone(), d.file.clone(), d.line, d.message.clone());
        match seen.get(&key) {
            Some(&i) => out[i].1 += 1,
            None => {
                seen.insert(key, out.len());
                out.push((d, 0));
            }
        }
    }
    out.into_iter()
        .map(|(d, more)| {
            if more == 0 {
                return d;
            }
            let pages = if more == 1 { "1 other page".to_string() } else { format!("{more} other pages") };
            let before = d.suggestion.clone().map(|h| format!("{h} ")).unwrap_or_default();
            d.hint(format!("{before}The same problem stopped {pages} too."))
        })
        .collect()
}

/// Keeps every file in memory.
#[derive(Default)]
pub struct Memory(std::sync::Mutex<Vec<OutputFile>>);

impl Sink for Memory {
    fn put(&self, file: OutputFile) -> Result<(), WriteError> {
        self.0.lock().expect("memory sink lock").push(file);
        Ok(())
    }
}

/// Everything the site publishes, in memory.
pub fn render(site: &Site) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let mem = Memory::default();
    match render_into(site, &mem) {
        Ok(_) => Ok(mem.0.into_inner().expect("memory sink lock")),
        Err(Failure::Content(d)) => Err(d),
        Err(Failure::Write(e)) => unreachable!("memory cannot fail to take a file: {e}"),
    }
}
