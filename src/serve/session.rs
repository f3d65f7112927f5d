//! The incremental rebuild behind `easyinfo serve`, usable without HTTP.
//!
//! A [`Session`] keeps the loaded [`Site`] in memory, and runs the same
//! [`pipeline`] as `easyinfo build`. [`Session::apply_changes`] takes the
//! paths a file watcher reported and rebuilds only what they affect:
//!
//! | change | work |
//! |---|---|
//! | one existing guide (`content/guides/<slug>…`) | read it by the loader's rules, check it, render the pages that read it (its three pages and the version homes) |
//! | a picture beside a guide | copy it, and re-render the pages that read that guide's pictures |
//! | `content/glossary.yaml` | check everything, render the pages that read the glossary, with the site kept in memory |
//! | a guide added or removed, the directory, `content/static/`, a theme, `site.yaml` | load and render everything |
//!
//! Which pages read what comes from the renderer itself (every render job
//! names its [`Source`]s), kept here as a dependency map. Files are written
//! with [`crate::output::live`]: in place, atomically, and only when their
//! bytes changed. A guide's change is checked with that guide's checks
//! alone; `easyinfo build` checks the whole site. A change with errors leaves the
//! output as it was: the last good build stays up, and the errors are kept
//! until the file that caused them is fixed.

use crate::core::rules::Rule;
use crate::core::error::Error;
use crate::core::diagnostics::{self, display_path, Diagnostic};
use crate::output::live::Live;
use crate::pipeline;
use crate::render::{OutputFile, Select, Source, Written};
use crate::load::site::{self, guides, Site};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What one call to [`Session::apply_changes`] did.
#[derive(Debug, Default, Clone)]
pub struct RebuildReport {
    /// Output paths (relative, `/`-separated) written because their bytes changed.
    pub rewritten: Vec<String>,
    /// Output paths deleted because nothing produces them any more.
    pub removed: Vec<String>,
    /// Output files rendered but left alone because they were unchanged.
    pub unchanged: usize,
    /// The errors now outstanding (from this change and earlier ones not yet
    /// fixed). While there are any, the output shows the last good build.
    pub errors: Vec<Diagnostic>,
    /// Warnings found by this change's checks.
    pub warnings: Vec<Diagnostic>,
    /// Whether the whole site was loaded and rendered again.
    pub full: bool,
    /// Whether anything was done at all (false when every path was ignored).
    pub acted: bool,
    pub elapsed: Duration,
}

impl RebuildReport {
    /// A browser showing the site should reload: files or errors changed.
    pub fn needs_reload(&self, errors_before: &[Diagnostic]) -> bool {
        !self.rewritten.is_empty() || !self.removed.is_empty() || self.errors != errors_before
    }
}

/// Where a change belongs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Change {
    Guide(String),
    GuideAsset(String),
    Glossary,
    Full,
}

const SITE_KEY: &str = "(site)";

pub struct Session {
    root: PathBuf,
    live: Live,
    site: Option<Site>,
    /// Output path → the sources it was made from, as the renderer
    /// reported them: what a change to one source must render again.
    deps: HashMap<String, Arc<[Source]>>,
    /// Errors outstanding, by the source whose change caused them
    /// (`SITE_KEY` for a failed full rebuild).
    errors: BTreeMap<String, Vec<Diagnostic>>,
}

impl Session {
    /// Load, check and build the site into `out`. Fails only on usage
    /// problems (no site, a dangerous `out`). Content errors do not fail:
    /// the session starts with them in [`Session::errors`] and an output
    /// folder holding a page that lists them, and builds for real once they
    /// are fixed.
    pub fn new(root: &Path, out: &Path) -> Result<Session, Error> {
        let started = Instant::now();
        if !root.is_dir() {
            return Err(Error::Usage(format!("{} is not a folder", root.display())));
        }
        let root = root.canonicalize().map_err(|e| Error::Usage(format!("cannot open {}: {e}", root.display())))?;
        let live = Live::open(&root, out)?;
        let mut s = Session { root, live, site: None, deps: HashMap::new(), errors: BTreeMap::new() };
        let report = s.full_rebuild(started, true)?;
        if !report.errors.is_empty() && s.live.outputs().is_empty() {
            s.write_placeholder();
        }
        Ok(s)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The output folder, canonical.
    pub fn out(&self) -> &Path {
        self.live.dir()
    }

    pub fn site(&self) -> Option<&Site> {
        self.site.as_ref()
    }

    /// Every error outstanding, sorted.
    pub fn errors(&self) -> Vec<Diagnostic> {
        let mut all: Vec<Diagnostic> = self.errors.values().flatten().cloned().collect();
        diagnostics::sort(&mut all);
        all.dedup_by(|a, b| a.file == b.file && a.line == b.line && a.column == b.column && a.rule == b.rule && a.message == b.message);
        all
    }

    /// Output paths the session has written, sorted.
    pub fn outputs(&self) -> Vec<String> {
        self.live.outputs()
    }

    /// Whether the watcher should pass on a path at all: not our own
    /// output, not hidden files, not editors' swap and backup files.
    pub fn is_relevant(&self, path: &Path) -> bool {
        if path.starts_with(self.live.dir()) {
            return false;
        }
        let rel = match path.strip_prefix(&self.root) {
            Ok(r) => r,
            Err(_) => return false,
        };
        if rel.as_os_str().is_empty() {
            return false;
        }
        for c in rel.components() {
            let s = c.as_os_str().to_string_lossy();
            if s.starts_with('.') {
                return false;
            }
        }
        let name = rel.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".swx") || name.ends_with(".tmp") || name == "4913" || name.starts_with('#') {
            return false;
        }
        let first = rel.components().next().map(|c| c.as_os_str().to_string_lossy().into_owned()).unwrap_or_default();
        first == "content" || first == "themes" || (rel.components().count() == 1 && name == site::SITE_FILE)
    }

    fn classify(&self, path: &Path) -> Option<Change> {
        if !self.is_relevant(path) {
            return None;
        }
        let rel = path.strip_prefix(&self.root).ok()?;
        let parts: Vec<String> = rel.iter().map(|s| s.to_string_lossy().into_owned()).collect();
        match parts.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
            ["content", "glossary.yaml"] => Some(Change::Glossary),
            ["content", "guides", file] if file.ends_with(".md") => Some(Change::Guide(file.trim_end_matches(".md").to_string())),
            ["content", "guides", _] => Some(Change::Full), // a guide folder added or removed
            ["content", "guides", slug, "index.md"] => {
                if path.is_dir() {
                    Some(Change::Full)
                } else {
                    Some(Change::Guide(slug.to_string()))
                }
            }
            // A translation (`index.cy.md`) and a translated glossary: the
            // fast paths know only the main language.
            ["content", "guides", _, file] if crate::load::site::guides::translation_name(file).is_some() => Some(Change::Full),
            ["content", file] if file.starts_with("glossary.") && file.ends_with(".yaml") => Some(Change::Full),
            ["content", "guides", slug, ..] => Some(Change::GuideAsset(slug.to_string())),
            ["content", "directory", ..] | ["content", "static", ..] | ["themes", ..] => Some(Change::Full),
            ["content"] => Some(Change::Full),
            [f] if *f == site::SITE_FILE => Some(Change::Full),
            // Other files in content/ are not part of the site.
            _ => None,
        }
    }

    /// Rebuild what `paths` affect. Paths may be absolute or relative to the site root.
    pub fn apply_changes(&mut self, paths: &[PathBuf]) -> RebuildReport {
        let started = Instant::now();
        let mut changes: Vec<Change> = paths
            .iter()
            .map(|p| if p.is_absolute() { p.clone() } else { self.root.join(p) })
            .filter_map(|p| self.classify(&p))
            .collect();
        changes.sort();
        changes.dedup();
        if changes.is_empty() {
            return RebuildReport { errors: self.errors(), elapsed: started.elapsed(), ..Default::default() };
        }
        // After a failed full rebuild, or with nothing loaded, only a full rebuild can tell.
        let full = self.site.is_none() || self.errors.contains_key(SITE_KEY) || changes.contains(&Change::Full);
        // A guide that was added or removed changes links and lists all over.
        let added_or_removed = |site: &Site, slug: &str| !site.guides.iter().any(|g| g.slug == slug) || guides::find(&self.root, slug).is_none();
        let some_added_or_removed = || {
            let site = self.site.as_ref().expect("checked above");
            changes.iter().any(|c| matches!(c, Change::Guide(slug) if added_or_removed(site, slug)))
        };
        if full || some_added_or_removed() {
            return self.full_rebuild(started, false).unwrap_or_else(|e| self.report_failed(SITE_KEY, e, RebuildReport::full(), started));
        }
        if changes.contains(&Change::Glossary) {
            return self.glossary_changed(started);
        }
        self.guides_changed(&changes, started)
    }

    /// Load, check and render everything again. `Err` only for usage
    /// problems on the first build.
    fn full_rebuild(&mut self, started: Instant, first: bool) -> Result<RebuildReport, Error> {
        let report = RebuildReport::full();
        let site = match pipeline::load(&self.root) {
            Ok(s) => s,
            Err(e @ (Error::Usage(_) | Error::Write { .. })) if first => return Err(e),
            Err(e) => return Ok(self.report_failed(SITE_KEY, e, report, started)),
        };
        let mut warnings = Vec::new();
        let rendered = pipeline::check(&site).and_then(|w| {
            warnings = w;
            pipeline::render_to_memory(&site, &Select::All)
        });
        let mut report = RebuildReport { warnings, ..report };
        let (files, written) = match rendered {
            Ok(r) => r,
            Err(e) => return Ok(self.report_failed(SITE_KEY, e, report, started)),
        };
        self.errors.clear();
        self.site = Some(site);
        self.publish(SITE_KEY, &files, written, &Select::All, &mut report);
        Ok(self.finish(report, started))
    }

    fn glossary_changed(&mut self, started: Instant) -> RebuildReport {
        let mut report = RebuildReport { acted: true, ..Default::default() };
        let key = crate::load::glossary::Glossary::FILE.to_string();
        self.errors.remove(&key);
        let site = self.site.as_mut().expect("glossary changes need a loaded site");
        let glossary = match site::load_glossary(&self.root, site.config.limits.max_file_size) {
            Ok(g) => g,
            Err(d) => return self.report_failed(&key, Error::Content(d), report, started),
        };
        let old = std::mem::replace(&mut site.glossary, glossary);
        let select = Select::Reading(vec![Source::Glossary]);
        let rendered = pipeline::check(site).and_then(|w| {
            report.warnings = w;
            pipeline::render_to_memory(site, &select)
        });
        match rendered {
            Ok((files, written)) => self.publish(&key, &files, written, &select, &mut report),
            Err(e) => {
                site.glossary = old;
                return self.report_failed(&key, e, report, started);
            }
        }
        self.finish(report, started)
    }

    /// The fast path: read, check and render only the guides that changed
    /// (and the pages that list them), with the rest of the site kept in memory.
    fn guides_changed(&mut self, changes: &[Change], started: Instant) -> RebuildReport {
        let mut report = RebuildReport { acted: true, ..Default::default() };
        let site = self.site.as_mut().expect("guide changes need a loaded site");
        let mut changed: Vec<Source> = Vec::new();
        let mut slugs: Vec<&String> = Vec::new();
        for c in changes {
            match c {
                Change::Guide(slug) => slugs.push(slug),
                Change::GuideAsset(slug) => {
                    // Pictures first: links to them are checked when the guide is checked.
                    let prefix = crate::core::routes::media_of(slug);
                    site.guide_assets.retain(|(_, o)| !o.starts_with(&prefix));
                    site.guide_assets.extend(guides::assets_of(&self.root, slug));
                    changed.push(Source::Media(slug.clone()));
                    if site.guides.iter().any(|g| g.slug == *slug) {
                        slugs.push(slug);
                    }
                }
                _ => {}
            }
        }
        slugs.sort();
        slugs.dedup();
        let mut applied = Vec::new(); // the guides replaced, to put back if rendering fails
        for slug in slugs {
            let Some(src) = guides::find(&self.root, slug) else { continue };
            let file = display_path(&self.root, &src.path);
            self.errors.remove(&file);
            match pipeline::replace_guide(site, src) {
                Ok((old, warnings)) => {
                    report.warnings.extend(warnings);
                    changed.push(Source::Guide(slug.clone()));
                    applied.push(old);
                }
                Err(e) => {
                    self.errors.insert(file, problems(e, &mut report.warnings));
                }
            }
        }
        if changed.is_empty() {
            return self.finish(report, started);
        }
        let select = Select::Reading(changed);
        match pipeline::render_to_memory(site, &select) {
            Ok((files, written)) => self.publish(SITE_KEY, &files, written, &select, &mut report),
            Err(e) => {
                applied.into_iter().for_each(|old| pipeline::put_back(site, old));
                return self.report_failed(SITE_KEY, e, report, started);
            }
        }
        self.finish(report, started)
    }

    /// Write what was rendered, and delete what the same jobs made before
    /// but no longer make (a picture removed, say). A write error is kept
    /// under `key` until the next change.
    fn publish(&mut self, key: &str, files: &[OutputFile], written: Written, select: &Select, report: &mut RebuildReport) {
        match self.live.write(files) {
            Ok(done) => {
                report.rewritten = done.rewritten;
                report.unchanged = done.unchanged;
            }
            Err(e) => {
                let diags = problems(e, &mut report.warnings);
                self.errors.insert(key.to_string(), diags);
                return;
            }
        }
        let produced: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
        report.removed = match select {
            Select::All => {
                self.deps.clear();
                self.live.keep_only(&produced)
            }
            Select::Reading(_) => {
                let stale: Vec<String> = self.deps.iter().filter(|(p, reads)| select.wants(reads) && !produced.contains(p.as_str())).map(|(p, _)| p.clone()).collect();
                let mut removed: Vec<String> = stale.into_iter().filter(|p| self.live.remove(p)).collect();
                removed.sort();
                removed
            }
        };
        for p in &report.removed {
            self.deps.remove(p);
        }
        self.deps.extend(written.reads);
    }

    /// A change that failed: its problems are kept under `key` (all of the
    /// site's, for `SITE_KEY`) until the next change to it, and the output stays as it was.
    fn report_failed(&mut self, key: &str, e: Error, mut report: RebuildReport, started: Instant) -> RebuildReport {
        if key == SITE_KEY {
            self.errors.clear();
        }
        let diags = problems(e, &mut report.warnings);
        self.errors.insert(key.to_string(), diags);
        self.finish(report, started)
    }

    fn finish(&self, mut report: RebuildReport, started: Instant) -> RebuildReport {
        report.errors = self.errors();
        report.elapsed = started.elapsed();
        report
    }

    /// With no good build yet, the browser still needs a page to show the errors on.
    fn write_placeholder(&mut self) {
        // Plain HTML in the default theme, so it needs no theme of the site's.
        const HTML: &str = include_str!("../../themes/default/templates/serve-placeholder.html");
        for name in [crate::core::routes::HOME, crate::core::routes::NOT_FOUND] {
            let _ = self.live.write_unlisted(name, HTML.as_bytes());
        }
    }
}

impl RebuildReport {
    fn full() -> RebuildReport {
        RebuildReport { full: true, acted: true, ..Default::default() }
    }
}

/// An error as the problems to list in the page: the content's errors
/// (its warnings go to `warnings`), or one diagnostic naming what failed.
fn problems(e: Error, warnings: &mut Vec<Diagnostic>) -> Vec<Diagnostic> {
    match e {
        Error::Content(d) => {
            let (errors, rest): (Vec<_>, Vec<_>) = d.into_iter().partition(Diagnostic::is_error);
            if errors.is_empty() {
                return rest;
            }
            warnings.extend(rest);
            errors
        }
        Error::Write { path, source } => vec![Diagnostic::error(Rule::OutputWrite, path, format!("cannot write this file: {source}"))
            .hint("Check the disk has space and the folder can be written to.")],
        Error::Usage(m) => vec![Diagnostic::error(Rule::InputRead, ".", m)],
    }
}
