//! Stage 3: the checks that run before anything is published.
//!
//! Every rule has a stable id (`jargon/avoid`, `readability/grade`, …) that
//! editors can silence for one block with `<!-- easyinfo-ignore RULE -->`.

pub mod guide;
pub mod readability;
pub mod text;

use crate::core::diagnostics::{Diagnostic, Rule};
use crate::core::version::Level;
use crate::load::site::Site;
use rayon::prelude::*;
use serde::Serialize;

/// Readability figures for one page in one version.
#[derive(Debug, Clone, Serialize)]
pub struct PageStats {
    pub file: String,
    pub slug: String,
    pub level: Level,
    #[serde(flatten)]
    pub stats: readability::Stats,
}

/// How often each glossary term was used, for the editor's report.
#[derive(Debug, Clone, Serialize, Default)]
pub struct TermUse {
    pub term: String,
    pub count: usize,
    pub flagged: usize,
}

#[derive(Debug, Default)]
pub struct LintResult {
    pub diagnostics: Vec<Diagnostic>,
    pub pages: Vec<PageStats>,
    pub terms: Vec<TermUse>,
}

pub fn run(site: &Site) -> Vec<Diagnostic> {
    check(site).diagnostics
}

/// One guide's checks alone, said as `check` says them (for `serve`, when only that guide changed).
pub fn check_guide(site: &Site, guide: &crate::load::guide::Guide) -> Vec<Diagnostic> {
    let mut diags = guide::check(site, guide, chrono::Local::now().date_naive()).diagnostics;
    dedupe(&mut diags);
    crate::core::diagnostics::sort(&mut diags);
    diags
}

pub fn check(site: &Site) -> LintResult {
    let today = chrono::Local::now().date_naive();
    let per_guide: Vec<guide::GuideResult> = site.guides.par_iter().map(|g| guide::check(site, g, today)).collect();
    let mut result = LintResult::default();
    let mut counts = vec![(0usize, 0usize); site.glossary.entries.len()];
    for r in per_guide {
        result.diagnostics.extend(r.diagnostics);
        result.pages.extend(r.pages);
        for (i, (c, f)) in r.term_counts.into_iter().enumerate() {
            counts[i].0 += c;
            counts[i].1 += f;
        }
    }
    result.terms = site
        .glossary
        .entries
        .iter()
        .zip(counts)
        .map(|(e, (count, flagged))| TermUse { term: e.term.clone(), count, flagged })
        .collect();
    result.diagnostics.extend(crate::load::directory::warnings(&site.directory, site.config.lint.stale_after_months, today));
    dedupe(&mut result.diagnostics);
    crate::core::diagnostics::sort(&mut result.diagnostics);
    result
}

/// A shared block is checked once per version; say it once, naming each version.
fn dedupe(diags: &mut Vec<Diagnostic>) {
    let mut seen: std::collections::HashMap<(String, usize, usize, Rule, String), usize> = Default::default();
    let mut out: Vec<Diagnostic> = Vec::with_capacity(diags.len());
    for d in diags.drain(..) {
        let key = (d.file.clone(), d.line, d.column, d.rule, d.message.clone());
        if d.line > 0 {
            if let Some(&i) = seen.get(&key) {
                let prev: &mut Diagnostic = &mut out[i];
                if let (Some(a), Some(b)) = (prev.level, d.level) {
                    prev.level = Some(a.union(b));
                }
                if d.severity > prev.severity {
                    prev.severity = d.severity;
                }
                continue;
            }
            seen.insert(key, out.len());
        }
        out.push(d);
    }
    *diags = out;
}
