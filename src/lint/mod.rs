//! Stage 3: the checks that run before anything is published.

use crate::diagnostics::Diagnostic;
use crate::site::Site;

pub fn run(_site: &Site) -> Vec<Diagnostic> {
    Vec::new()
}

/// `easyinfo lint`: load and check. Returns diagnostics and how many files were checked.
pub fn lint_dir(root: &std::path::Path, _report: Option<&std::path::Path>) -> Result<(Vec<Diagnostic>, usize), String> {
    match crate::site::load(root) {
        Err(crate::site::LoadError::Usage(m)) => Err(m),
        Err(crate::site::LoadError::Content(mut d)) => {
            crate::diagnostics::sort(&mut d);
            Ok((d, 0))
        }
        Ok(site) => {
            let mut d = run(&site);
            crate::diagnostics::sort(&mut d);
            Ok((d, site.guides.len()))
        }
    }
}
