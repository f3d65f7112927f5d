//! The incremental rebuild behind `easyinfo serve`, usable without HTTP.
//!
//! A [`Session`] keeps the loaded [`Site`] in memory and knows the hash of
//! every file it has written. [`Session::apply_changes`] takes the paths a
//! file watcher reported and rebuilds only what they affect:
//!
//! | change | work |
//! |---|---|
//! | one existing guide (`content/guides/<slug>…`) | parse it, lint it, render its three pages and the version homes that list it |
//! | a picture beside a guide | copy it, and re-render that guide |
//! | `content/glossary.yaml` | lint and render everything (terms are used everywhere) with the site kept in memory |
//! | a guide added or removed, the directory, `content/static/`, a theme, `site.yaml` | load and render everything |
//!
//! Every file is written in place, atomically (a temporary file, then a
//! rename), and only when its bytes changed. A guide's change is checked
//! with that guide's lint alone; `easyinfo build` checks the whole site. A change with errors leaves the
//! output as it was: the last good build stays up, and the errors are kept
//! until the file that caused them is fixed.

use crate::diagnostics::{self, display_path, Diagnostic};
use crate::glossary::Glossary;
use crate::render::{Content, OutputFile};
use crate::site::{self, files, LoadError, Site};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::Hasher;
use std::path::{Path, PathBuf};
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
    out: PathBuf,
    site: Option<Site>,
    /// Output path → hash of the bytes on disk.
    written: HashMap<String, u64>,
    /// Errors outstanding, by the source whose change caused them
    /// (`SITE_KEY` for a failed full rebuild).
    errors: BTreeMap<String, Vec<Diagnostic>>,
    tmp_counter: u64,
}

impl Session {
    /// Load, check and build the site into `out`. Fails only on usage
    /// problems (no site, a dangerous `out`). Content errors do not fail:
    /// the session starts with them in [`Session::errors`] and an output
    /// folder holding a page that lists them, and builds for real once they
    /// are fixed.
    pub fn new(root: &Path, out: &Path) -> Result<Session, String> {
        let started = Instant::now();
        if !root.is_dir() {
            return Err(format!("{} is not a folder", root.display()));
        }
        let root = root.canonicalize().map_err(|e| format!("cannot open {}: {e}", root.display()))?;
        let out = crate::output::check_out_dir(&root, out).map_err(|e| e.to_string())?;
        std::fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
        let out = out.canonicalize().map_err(|e| format!("cannot open {}: {e}", out.display()))?;
        crate::output::write_marker(&out).map_err(|e| e.to_string())?;
        let mut s = Session { root, out, site: None, written: HashMap::new(), errors: BTreeMap::new(), tmp_counter: 0 };
        let report = s.full_rebuild(started, true)?;
        if !report.errors.is_empty() && s.written.is_empty() {
            s.write_placeholder();
        }
        Ok(s)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The output folder, canonical.
    pub fn out(&self) -> &Path {
        &self.out
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
        let mut v: Vec<String> = self.written.keys().cloned().collect();
        v.sort();
        v
    }

    /// Whether the watcher should pass on a path at all: not our own
    /// output, not hidden files, not editors' swap and backup files.
    pub fn is_relevant(&self, path: &Path) -> bool {
        if path.starts_with(&self.out) {
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
        if !full {
            // A guide that was added or removed changes links and lists all over.
            let site = self.site.as_ref().expect("checked above");
            for c in &changes {
                if let Change::Guide(slug) = c {
                    let known = site.guides.iter().find(|g| g.slug == *slug);
                    let exists = guide_path(&self.root, slug).is_some();
                    if known.is_none() || !exists {
                        return self.full_or_report(started);
                    }
                }
            }
        }
        if full {
            return self.full_or_report(started);
        }
        if changes.contains(&Change::Glossary) {
            return self.glossary_changed(started);
        }
        self.guides_changed(&changes, started)
    }

    fn full_or_report(&mut self, started: Instant) -> RebuildReport {
        match self.full_rebuild(started, false) {
            Ok(r) => r,
            Err(m) => {
                // Usage problems mid-session (the output folder vanished, say).
                let d = Diagnostic::error("serve/build", ".", m);
                self.errors.insert(SITE_KEY.into(), vec![d]);
                RebuildReport { errors: self.errors(), acted: true, full: true, elapsed: started.elapsed(), ..Default::default() }
            }
        }
    }

    /// Load everything again. `Err` only for usage problems.
    fn full_rebuild(&mut self, started: Instant, first: bool) -> Result<RebuildReport, String> {
        let mut report = RebuildReport { full: true, acted: true, ..Default::default() };
        let site = match site::load(&self.root) {
            Ok(s) => s,
            Err(LoadError::Usage(m)) => {
                if first {
                    return Err(m);
                }
                self.errors.clear();
                self.errors.insert(SITE_KEY.into(), vec![Diagnostic::error("input/read", ".", m)]);
                report.errors = self.errors();
                report.elapsed = started.elapsed();
                return Ok(report);
            }
            Err(LoadError::Content(d)) => {
                self.errors.clear();
                self.errors.insert(SITE_KEY.into(), only_errors(d));
                report.errors = self.errors();
                report.elapsed = started.elapsed();
                return Ok(report);
            }
        };
        let diags = crate::lint::run(&site);
        let (errors, warnings): (Vec<_>, Vec<_>) = diags.into_iter().partition(|d| d.is_error());
        report.warnings = warnings;
        if !errors.is_empty() {
            self.errors.clear();
            self.errors.insert(SITE_KEY.into(), errors);
            report.errors = self.errors();
            report.elapsed = started.elapsed();
            return Ok(report);
        }
        let files = match crate::render::render(&site) {
            Ok(f) => f,
            Err(e) => {
                self.errors.clear();
                self.errors.insert(SITE_KEY.into(), e);
                report.errors = self.errors();
                report.elapsed = started.elapsed();
                return Ok(report);
            }
        };
        self.errors.clear();
        self.site = Some(site);
        if let Err(e) = self.write_files(&files, true, &mut report) {
            self.errors.insert(SITE_KEY.into(), vec![e]);
        }
        report.errors = self.errors();
        report.elapsed = started.elapsed();
        Ok(report)
    }

    fn glossary_changed(&mut self, started: Instant) -> RebuildReport {
        let mut report = RebuildReport { acted: true, ..Default::default() };
        let key = Glossary::FILE.to_string();
        self.errors.remove(&key);
        let path = self.root.join(Glossary::FILE);
        let site = self.site.as_mut().expect("glossary changes need a loaded site");
        let parsed = if path.exists() {
            files::read_text(&self.root, &path, site.config.limits.max_file_size).map_err(|d| vec![d]).and_then(|t| Glossary::parse(&t))
        } else {
            Ok(Glossary::default())
        };
        let glossary = match parsed {
            Ok(g) => g,
            Err(d) => {
                self.errors.insert(key, only_errors(d));
                report.errors = self.errors();
                report.elapsed = started.elapsed();
                return report;
            }
        };
        let old = std::mem::replace(&mut site.glossary, glossary);
        let diags = crate::lint::run(site);
        let (errors, warnings): (Vec<_>, Vec<_>) = diags.into_iter().partition(|d| d.is_error());
        report.warnings = warnings;
        let rendered = if errors.is_empty() { crate::render::render(site) } else { Err(errors) };
        match rendered {
            Ok(files) => {
                if let Err(e) = self.write_files(&files, true, &mut report) {
                    self.errors.insert(key, vec![e]);
                }
            }
            Err(e) => {
                site.glossary = old;
                self.errors.insert(key, e);
            }
        }
        report.errors = self.errors();
        report.elapsed = started.elapsed();
        report
    }

    fn guides_changed(&mut self, changes: &[Change], started: Instant) -> RebuildReport {
        let mut report = RebuildReport { acted: true, ..Default::default() };
        let mut slugs: Vec<String> = Vec::new();
        let mut asset_slugs: Vec<String> = Vec::new();
        for c in changes {
            match c {
                Change::Guide(s) => slugs.push(s.clone()),
                Change::GuideAsset(s) => asset_slugs.push(s.clone()),
                _ => {}
            }
        }
        // Pictures first: links to them are checked when the guide is linted.
        let mut extra: Vec<OutputFile> = Vec::new();
        let mut gone: Vec<String> = Vec::new();
        for slug in &asset_slugs {
            let (files, removed) = self.rescan_assets(slug);
            extra.extend(files);
            gone.extend(removed);
            if self.site.as_ref().is_some_and(|s| s.guides.iter().any(|g| g.slug == *slug)) && !slugs.contains(slug) {
                slugs.push(slug.clone());
            }
        }
        let today = chrono::Local::now().date_naive();
        let root = self.root.clone();
        let mut applied: Vec<(String, crate::guide::Guide)> = Vec::new(); // (slug, old guide)
        for slug in &slugs {
            let site = self.site.as_mut().expect("guide changes need a loaded site");
            let Some(path) = guide_path(&root, slug) else { continue };
            let file = display_path(&root, &path);
            self.errors.remove(&file);
            let Some(pos) = site.guides.iter().position(|g| g.slug == *slug) else { continue };
            let gdir = if path.ends_with("index.md") { path.parent().unwrap().to_path_buf() } else { root.join("content/guides") };
            let parsed = files::read_text(&root, &path, site.config.limits.max_file_size)
                .map_err(|d| vec![d])
                .and_then(|text| crate::guide::parse(slug, &file, gdir, text));
            let new = match parsed {
                Ok(g) => g,
                Err(d) => {
                    self.errors.insert(file, only_errors(d));
                    continue;
                }
            };
            let old = std::mem::replace(&mut site.guides[pos], new);
            let mut diags = crate::lint::guide::check(site, &site.guides[pos], today).diagnostics;
            dedupe(&mut diags);
            let (errors, warnings): (Vec<_>, Vec<_>) = diags.into_iter().partition(|d| d.is_error());
            if !errors.is_empty() {
                site.guides[pos] = old;
                self.errors.insert(file, errors);
                continue;
            }
            report.warnings.extend(warnings);
            applied.push((slug.clone(), old));
        }
        let site = self.site.as_mut().expect("guide changes need a loaded site");
        if !applied.is_empty() {
            // A new title or weight can move the guide in the lists.
            sort_guides(&mut site.guides);
        }
        let mut files = extra;
        let mut render_errors: Vec<Diagnostic> = Vec::new();
        for (slug, _) in &applied {
            match crate::render::pages::guide_dependents(site, slug) {
                Ok(f) => files.extend(f),
                Err(e) => render_errors.extend(e),
            }
        }
        if !render_errors.is_empty() {
            for (slug, old) in applied {
                if let Some(pos) = site.guides.iter().position(|g| g.slug == slug) {
                    site.guides[pos] = old;
                }
            }
            sort_guides(&mut site.guides);
            self.errors.insert(SITE_KEY.into(), render_errors);
            report.errors = self.errors();
            report.elapsed = started.elapsed();
            return report;
        }
        // The version homes come once per guide; write each once.
        let mut seen = HashSet::new();
        files.retain(|f| seen.insert(f.path.clone()));
        if let Err(e) = self.write_files(&files, false, &mut report) {
            self.errors.insert(SITE_KEY.into(), vec![e]);
        }
        for p in gone {
            if self.remove_output(&p) {
                report.removed.push(p);
            }
        }
        report.errors = self.errors();
        report.elapsed = started.elapsed();
        report
    }

    /// Re-read the pictures beside one guide. Returns files to copy and output paths that went away.
    fn rescan_assets(&mut self, slug: &str) -> (Vec<OutputFile>, Vec<String>) {
        let Some(site) = self.site.as_mut() else { return (Vec::new(), Vec::new()) };
        let prefix = crate::core::routes::media_of(slug);
        let dir = self.root.join("content/guides").join(slug);
        let (paths, _) = files::walk(&self.root, &dir);
        let base = self.root.join("content/guides");
        let now: Vec<(PathBuf, String)> = paths
            .into_iter()
            .filter(|p| p.file_name().is_none_or(|n| n != "index.md"))
            .map(|p| {
                let rel = display_path(&base, &p);
                (p, crate::core::routes::media(&rel))
            })
            .collect();
        let before: Vec<String> = site.guide_assets.iter().filter(|(_, o)| o.starts_with(&prefix)).map(|(_, o)| o.clone()).collect();
        site.guide_assets.retain(|(_, o)| !o.starts_with(&prefix));
        site.guide_assets.extend(now.iter().cloned());
        let keep: HashSet<&String> = now.iter().map(|(_, o)| o).collect();
        let gone = before.into_iter().filter(|o| !keep.contains(o)).collect();
        let files = now.into_iter().map(|(src, path)| OutputFile { path, content: Content::Copy(src) }).collect();
        (files, gone)
    }

    /// Write each file whose bytes differ from what is on disk. With
    /// `complete`, `files` is the whole site and anything else is deleted.
    fn write_files(&mut self, files: &[OutputFile], complete: bool, report: &mut RebuildReport) -> Result<(), Diagnostic> {
        let base = self.tmp_counter;
        self.tmp_counter += files.len() as u64;
        let out = self.out.clone();
        let written = &self.written;
        let results: Vec<Result<(String, u64, bool), Diagnostic>> = files
            .par_iter()
            .enumerate()
            .map(|(i, f)| {
                let bytes = match &f.content {
                    Content::Bytes(b) => std::borrow::Cow::Borrowed(b.as_slice()),
                    Content::Copy(src) => std::borrow::Cow::Owned(
                        std::fs::read(src).map_err(|e| Diagnostic::error("output/write", display_path(&out, src), format!("cannot read this file: {e}")))?,
                    ),
                };
                let h = hash(&bytes);
                if written.get(&f.path) == Some(&h) {
                    return Ok((f.path.clone(), h, false));
                }
                write_atomic(&out, &f.path, &bytes, base + i as u64)?;
                Ok((f.path.clone(), h, true))
            })
            .collect();
        let mut first_err = None;
        let mut produced = HashSet::new();
        for r in results {
            match r {
                Ok((path, h, changed)) => {
                    if changed {
                        report.rewritten.push(path.clone());
                    } else {
                        report.unchanged += 1;
                    }
                    self.written.insert(path.clone(), h);
                    produced.insert(path);
                }
                Err(e) => {
                    first_err.get_or_insert(e);
                }
            }
        }
        if complete && first_err.is_none() {
            let stale: Vec<String> = self.written.keys().filter(|p| !produced.contains(*p)).cloned().collect();
            for p in stale {
                if self.remove_output(&p) {
                    report.removed.push(p);
                }
            }
            self.remove_unknown_files(&produced);
        }
        report.rewritten.sort();
        report.removed.sort();
        match first_err {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Files in the output folder that the session did not write (left from
    /// an earlier run with `--out`) would be served as if current: remove them.
    fn remove_unknown_files(&mut self, produced: &HashSet<String>) {
        for entry in walkdir::WalkDir::new(&self.out).min_depth(1).into_iter().flatten() {
            if entry.file_type().is_file() {
                let rel = display_path(&self.out, entry.path());
                if !produced.contains(&rel) && rel != crate::output::MARKER {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
    }

    fn remove_output(&mut self, rel: &str) -> bool {
        self.written.remove(rel);
        let p = self.out.join(rel);
        let removed = std::fs::remove_file(&p).is_ok();
        // Tidy folders left empty, never above the output folder.
        let mut dir = p.parent().map(Path::to_path_buf);
        while let Some(d) = dir {
            if d == self.out || !d.starts_with(&self.out) || std::fs::remove_dir(&d).is_err() {
                break;
            }
            dir = d.parent().map(Path::to_path_buf);
        }
        removed
    }

    /// With no good build yet, the browser still needs a page to show the errors on.
    fn write_placeholder(&mut self) {
        let html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>The site has problems</title>\n</head>\n<body>\n<main id=\"main\">\n<h1>The site cannot be built yet</h1>\n<p>Fix the problems listed on this page. It reloads by itself when you save.</p>\n</main>\n</body>\n</html>\n";
        for name in [crate::core::routes::HOME, crate::core::routes::NOT_FOUND] {
            let _ = write_atomic(&self.out, name, html.as_bytes(), u64::MAX - 1);
        }
    }
}

fn guide_path(root: &Path, slug: &str) -> Option<PathBuf> {
    let dir = root.join("content/guides");
    let a = dir.join(format!("{slug}.md"));
    let b = dir.join(slug).join("index.md");
    match (a.is_file(), b.is_file()) {
        (true, false) => Some(a),
        (false, true) => Some(b),
        // None, or both: a duplicate slug, which a full build reports.
        _ => None,
    }
}

fn sort_guides(guides: &mut [crate::guide::Guide]) {
    use crate::level::Level;
    guides.sort_by(|a, b| {
        (a.front.weight.unwrap_or(0), a.title.get(Level::main()).to_lowercase())
            .cmp(&(b.front.weight.unwrap_or(0), b.title.get(Level::main()).to_lowercase()))
    });
}

fn only_errors(d: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let errs: Vec<Diagnostic> = d.iter().filter(|d| d.is_error()).cloned().collect();
    if errs.is_empty() { d } else { errs }
}

/// A shared block is checked once per version; keep one copy of each message.
fn dedupe(d: &mut Vec<Diagnostic>) {
    let mut seen = HashSet::new();
    d.retain(|x| seen.insert((x.file.clone(), x.line, x.column, x.rule.clone(), x.message.clone())));
}

pub(crate) fn hash(bytes: &[u8]) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    h.write_usize(bytes.len());
    h.write(bytes);
    h.finish()
}

/// Write `rel` inside `out`: a temporary file beside it, then a rename, so a
/// browser never reads half a page.
fn write_atomic(out: &Path, rel: &str, bytes: &[u8], n: u64) -> Result<(), Diagnostic> {
    let dest = out.join(rel);
    let err = |e: std::io::Error| {
        Diagnostic::error("output/write", rel, format!("cannot write {}: {e}", dest.display())).hint("Check the disk has space and the folder can be written to.")
    };
    let dir = dest.parent().unwrap_or(out);
    std::fs::create_dir_all(dir).map_err(err)?;
    let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.easyinfo-tmp-{}-{n}", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(err)?;
    std::fs::rename(&tmp, &dest).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        err(e)
    })
}
