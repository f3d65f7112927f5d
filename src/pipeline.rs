//! The one pipeline: load → check → transform → render → publish.
//!
//! `build`, `lint`, `serve` and the tests all go through these functions,
//! so a site is read, checked and rendered the same way everywhere:
//!
//! * [`load`]: read the site from disk ([`crate::load::site`]);
//! * [`check`]: every check ([`crate::check`]); errors stop the pipeline;
//! * [`render`]: make the pages the [`Select`] wants into a [`Sink`]
//!   (a staging folder for `build`, memory for `serve`), with the sources
//!   each page read;
//! * [`build`]: all of it, published atomically with [`crate::output::Staging`].
//!
//! `serve` adds its one-guide fast path from [`replace_guide`] and publishes
//! in place with [`crate::output::live`].

use crate::core::error::Error;
use crate::core::diagnostics::{self, Diagnostic};
use crate::load::guide::Guide;
use crate::render::{Memory, OutputFile, Select, Sink, Written};
use crate::load::site::{self, guides, Site};
use std::path::{Path, PathBuf};

/// What a build published; warnings may remain.
#[derive(Debug)]
pub struct Built {
    pub pages: usize,
    pub files: usize,
    pub warnings: Vec<Diagnostic>,
    /// One-line notes (what was skipped and how to get it).
    pub notes: Vec<String>,
}

/// With `EASYINFO_TIMINGS=1`, print how long a stage took to stderr.
pub fn timed<T>(stage: &str, f: impl FnOnce() -> T) -> T {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    if !*ON.get_or_init(|| std::env::var_os("EASYINFO_TIMINGS").is_some_and(|v| !v.is_empty() && v != "0")) {
        return f();
    }
    let t = std::time::Instant::now();
    let r = f();
    eprintln!("timing: {stage:<8} {:>8.1} ms", t.elapsed().as_secs_f64() * 1000.0);
    r
}

/// Content problems, in the order they are shown.
fn sorted(e: Error) -> Error {
    match e {
        Error::Content(mut d) => {
            diagnostics::sort(&mut d);
            Error::Content(d)
        }
        other => other,
    }
}

/// Stage 1: read the site.
pub fn load(root: &Path) -> Result<Site, Error> {
    timed("load", || site::load(root)).map_err(sorted)
}

/// Stage 2: every check. Returns the warnings, or all the diagnostics
/// (warnings too) as [`Error::Content`] when any is an error.
pub fn check(site: &Site) -> Result<Vec<Diagnostic>, Error> {
    stop_on_errors(timed("lint", || crate::check::run(site)))
}

fn stop_on_errors(diags: Vec<Diagnostic>) -> Result<Vec<Diagnostic>, Error> {
    if diags.iter().any(Diagnostic::is_error) {
        return Err(Error::Content(diags));
    }
    Ok(diags)
}

/// Stages 3 and 4: render what `select` wants into `sink`.
pub fn render(site: &Site, sink: &dyn Sink, select: &Select) -> Result<Written, Error> {
    timed("render", || crate::render::render_selected(site, sink, select)).map_err(sorted)
}

/// [`render`] into memory.
pub fn render_to_memory(site: &Site, select: &Select) -> Result<(Vec<OutputFile>, Written), Error> {
    let mem = Memory::default();
    let written = render(site, &mem, select)?;
    Ok((mem.into_files(), written))
}

/// Read the guide at `src` again with the loader's rules, put it in the
/// site in its place in the order, and check it as the whole-site check
/// would. Returns the guide it replaced (for [`put_back`]) and the
/// warnings; on errors the site is left as it was.
pub fn replace_guide(site: &mut Site, src: guides::GuideSource) -> Result<(Guide, Vec<Diagnostic>), Error> {
    let pos = site.guides.iter().position(|g| g.slug == src.slug).ok_or_else(|| Error::Usage(format!("no guide `{}` is loaded", src.slug)))?;
    let new = guides::read(&site.root, src, site.config.limits.max_file_size).map_err(|d| sorted(Error::Content(d)))?;
    let old = std::mem::replace(&mut site.guides[pos], new);
    match stop_on_errors(crate::check::check_guide(site, &site.guides[pos])) {
        Ok(warnings) => {
            // A new title or weight can move the guide in the lists.
            guides::sort(&mut site.guides);
            Ok((old, warnings))
        }
        Err(e) => {
            site.guides[pos] = old;
            Err(e)
        }
    }
}

/// Undo a [`replace_guide`].
pub fn put_back(site: &mut Site, old: Guide) {
    if let Some(g) = site.guides.iter_mut().find(|g| g.slug == old.slug) {
        *g = old;
    }
    guides::sort(&mut site.guides);
}

pub fn default_out(root: &Path) -> PathBuf {
    root.join("public")
}

/// `easyinfo build`: load, check, render and publish atomically.
pub fn build(root: &Path, out: Option<&Path>) -> Result<Built, Error> {
    // First repair what a build killed part-way may have left, so even a
    // build that then fails leaves the old output in place.
    if root.join(site::SITE_FILE).is_file() {
        let o = out.map(Path::to_path_buf).unwrap_or_else(|| default_out(root));
        if let Ok(o) = crate::output::check_out_dir(root, &o) {
            crate::output::recover(&o);
        }
    }
    build_site(&load(root)?, out)
}

/// [`build`] for a site already loaded.
pub fn build_site(site: &Site, out: Option<&Path>) -> Result<Built, Error> {
    let out = out.map(Path::to_path_buf).unwrap_or_else(|| default_out(&site.root));
    let out = crate::output::check_out_dir(&site.root, &out)?;
    let warnings = check(site)?;
    // Pages go to disk as they are made, into a hidden folder that replaces
    // the old output only when everything worked.
    let staging = crate::output::Staging::begin(&out)?;
    let written = render(site, &staging, &Select::All)?;
    timed("publish", || staging.commit())?;
    Ok(Built { pages: written.pages, files: written.files, warnings, notes: written.notes })
}

/// `easyinfo lint`: load and check, and write the editor's report if asked.
/// Returns every diagnostic, how many files were checked, and what could
/// not be checked (a language with no proven grade formula).
pub fn lint(root: &Path, report: Option<&Path>) -> Result<(Vec<Diagnostic>, usize, Vec<String>), Error> {
    // Where the report may go is checked before anything else, and again
    // just before it is written.
    if let Some(path) = report {
        crate::output::check_report_path(root, path)?;
    }
    let site = match load(root) {
        Err(Error::Content(d)) => return Ok((d, 0, Vec::new())),
        other => other?,
    };
    let result = timed("lint", || crate::check::check(&site));
    if let Some(path) = report {
        let html = crate::render::report::page(&site, &result);
        let path = crate::output::check_report_path(root, path)?;
        crate::output::write_report(&path, &html)?;
    }
    let files = site.languages().all().map(|l| site.guides_in(l).len()).sum::<usize>() + site.directory.services.len() + 1;
    Ok((result.diagnostics, files, result.notes))
}

/// `limits.max_diagnostics` from the site's settings, read on its own so it
/// applies even when the rest of the site cannot be loaded.
pub fn max_diagnostics(root: &Path) -> usize {
    let default = crate::load::site::config::Limits::default().max_diagnostics;
    let path = root.join(site::SITE_FILE);
    let Ok(text) = site::files::read_text(root, &path, crate::load::site::config::Limits::default().max_file_size) else { return default };
    // Only the `limits` block matters here; other mistakes are reported elsewhere.
    #[derive(serde::Deserialize)]
    struct Only {
        #[serde(default)]
        limits: Option<serde_yaml::Value>,
    }
    serde_yaml::from_str::<Only>(&text)
        .ok()
        .and_then(|o| o.limits)
        .and_then(|l| l.get("max_diagnostics").and_then(serde_yaml::Value::as_u64))
        .map_or(default, |n| n as usize)
}
