//! The whole pipeline: load → lint → render → publish.

use crate::diagnostics::{self, Diagnostic};
use crate::site::{self, LoadError, Site};
use std::path::{Path, PathBuf};

pub enum Outcome {
    /// Published; warnings may remain.
    Built { pages: usize, files: usize, warnings: Vec<Diagnostic> },
    /// Content problems: nothing was published.
    Failed(Vec<Diagnostic>),
    /// Cannot start: bad folder, bad `--out`, unwritable disk.
    Usage(String),
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

/// `limits.max_diagnostics` from the site's settings, read on its own so it
/// applies even when the rest of the site cannot be loaded.
pub fn max_diagnostics(root: &Path) -> usize {
    let default = crate::site::config::Limits::default().max_diagnostics;
    let path = root.join(site::SITE_FILE);
    let Ok(text) = site::files::read_text(root, &path, crate::site::config::Limits::default().max_file_size) else { return default };
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

/// The diagnostics to show when there may be very many: all of them up to
/// `max`; past that, errors before warnings. Returns them and how many were left out.
pub fn capped(diags: &[Diagnostic], max: usize) -> (Vec<Diagnostic>, usize) {
    if diags.len() <= max {
        return (diags.to_vec(), 0);
    }
    let mut shown: Vec<Diagnostic> = diags.iter().filter(|d| d.is_error()).take(max).cloned().collect();
    let room = max - shown.len();
    shown.extend(diags.iter().filter(|d| !d.is_error()).take(room).cloned());
    diagnostics::sort(&mut shown);
    (shown, diags.len() - max)
}

pub fn default_out(root: &Path) -> PathBuf {
    root.join("public")
}

pub fn build(root: &Path, out: Option<&Path>) -> Outcome {
    // First repair what a build killed part-way may have left, so even a
    // build that then fails leaves the old output in place.
    if root.join(site::SITE_FILE).is_file() {
        let o = out.map(Path::to_path_buf).unwrap_or_else(|| default_out(root));
        if let Ok(o) = crate::output::check_out_dir(root, &o) {
            crate::output::recover(&o);
        }
    }
    let site = match timed("load", || site::load(root)) {
        Ok(s) => s,
        Err(LoadError::Usage(m)) => return Outcome::Usage(m),
        Err(LoadError::Content(mut d)) => {
            diagnostics::sort(&mut d);
            return Outcome::Failed(d);
        }
    };
    build_site(&site, out)
}

pub fn build_site(site: &Site, out: Option<&Path>) -> Outcome {
    let out = out.map(Path::to_path_buf).unwrap_or_else(|| default_out(&site.root));
    let out = match crate::output::check_out_dir(&site.root, &out) {
        Ok(o) => o,
        Err(e) => return Outcome::Usage(e.to_string()),
    };
    let mut diags = timed("lint", || crate::lint::run(site));
    diagnostics::sort(&mut diags);
    if diags.iter().any(|d| d.is_error()) {
        return Outcome::Failed(diags);
    }
    // Pages go to disk as they are made, into a hidden folder that replaces
    // the old output only when everything worked.
    let staging = match crate::output::Staging::begin(&out) {
        Ok(s) => s,
        Err(e) => return Outcome::Usage(e.to_string()),
    };
    let written = match timed("render", || crate::render::render_into(site, &staging)) {
        Ok(w) => w,
        Err(crate::render::Failure::Content(mut e)) => {
            diagnostics::sort(&mut e);
            return Outcome::Failed(e);
        }
        Err(crate::render::Failure::Write(e)) => return Outcome::Usage(e.to_string()),
    };
    if let Err(e) = timed("publish", || staging.commit()) {
        return Outcome::Usage(e.to_string());
    }
    Outcome::Built { pages: written.pages, files: written.files, warnings: diags }
}
