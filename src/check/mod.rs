//! Stage 3: the checks that run before anything is published.
//!
//! Every rule has a stable id (`jargon/avoid`, `readability/grade`, …) that
//! editors can silence for one block with `<!-- easyinfo-ignore RULE -->`.

pub mod guide;
pub mod readability;
pub mod text;
pub mod translation;

use crate::core::diagnostics::{Diagnostic, Rule};
use crate::core::language::Language;
use crate::core::version::Level;
use crate::load::site::Site;
use rayon::prelude::*;
use serde::Serialize;

/// Readability figures for one page in one version.
#[derive(Debug, Clone, Serialize)]
pub struct PageStats {
    pub file: String,
    pub slug: String,
    /// The guide's language (a translation's, or the main one).
    #[serde(skip)]
    pub language: Language,
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
    /// What the lint could not check, said once per language (a language
    /// with no proven grade formula).
    pub notes: Vec<String>,
}

pub fn run(site: &Site) -> Vec<Diagnostic> {
    check(site).diagnostics
}

/// One guide's checks alone, said as `check` says them (for `serve`, when only that guide changed).
pub fn check_guide(site: &Site, guide: &crate::load::guide::Guide) -> Vec<Diagnostic> {
    let today = chrono::Local::now().date_naive();
    let r = guide::check(site, guide, today);
    let mut diags = r.diagnostics;
    // Its translations are compared with it again; their own checks did not change.
    for lang in site.languages().others() {
        let t = site.guide_in(lang, &guide.slug).map(|t| (t, guide::check_in(site, lang, t, today).headings));
        diags.extend(translation::check(site, lang, guide, &r.headings, t.as_ref().map(|(t, h)| (*t, h.as_slice()))));
    }
    dedupe(&mut diags);
    crate::core::diagnostics::sort(&mut diags);
    diags
}

pub fn check(site: &Site) -> LintResult {
    let today = chrono::Local::now().date_naive();
    // Every guide in every language: the originals, then each language's translations.
    let all: Vec<(Language, &crate::load::guide::Guide)> =
        site.languages().all().flat_map(|l| site.guides_in(l).iter().map(move |g| (l, g))).collect();
    let per_guide: Vec<guide::GuideResult> = all.par_iter().map(|(l, g)| guide::check_in(site, *l, g, today)).collect();
    let mut result = LintResult::default();
    let mut counts = vec![(0usize, 0usize); site.glossary.entries.len()];
    let mut headings: std::collections::HashMap<(Language, &str), &[(Level, Vec<guide::Heading>)]> = Default::default();
    for ((lang, g), r) in all.iter().zip(&per_guide) {
        result.diagnostics.extend(r.diagnostics.iter().cloned());
        result.pages.extend(r.pages.iter().cloned());
        headings.insert((*lang, g.slug.as_str()), &r.headings);
        // The report's term use is the main glossary's.
        if lang.is_main() {
            for (i, (c, f)) in r.term_counts.iter().enumerate() {
                counts[i].0 += c;
                counts[i].1 += f;
            }
        }
    }
    for lang in site.languages().others() {
        for g in &site.guides {
            let t = site.guide_in(lang, &g.slug).map(|t| (t, headings[&(lang, t.slug.as_str())]));
            result.diagnostics.extend(translation::check(site, lang, g, headings[&(Language::main(), g.slug.as_str())], t));
        }
    }
    result.notes = readability_notes(site);
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

/// "Cymraeg (cy): reading grade not measured …" for each language with no proven grade formula.
pub fn readability_notes(site: &Site) -> Vec<String> {
    let langs = site.languages();
    langs
        .all()
        .filter(|l| readability::analyser_for(site.lang_tag(*l)).grade_formula().is_none())
        .map(|l| format!("{} ({}): reading grade not measured (no proven formula); sentence length checked", langs.spec(l).name, langs.spec(l).code))
        .collect()
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
