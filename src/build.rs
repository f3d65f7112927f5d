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

pub fn default_out(root: &Path) -> PathBuf {
    root.join("public")
}

pub fn build(root: &Path, out: Option<&Path>) -> Outcome {
    let site = match site::load(root) {
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
    let mut diags = crate::lint::run(site);
    diagnostics::sort(&mut diags);
    if diags.iter().any(|d| d.is_error()) {
        return Outcome::Failed(diags);
    }
    let files = match crate::render::render(site) {
        Ok(f) => f,
        Err(mut e) => {
            diagnostics::sort(&mut e);
            return Outcome::Failed(e);
        }
    };
    if let Err(e) = crate::output::publish(&out, &files) {
        return Outcome::Usage(e.to_string());
    }
    let pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
    Outcome::Built { pages, files: files.len(), warnings: diags }
}
