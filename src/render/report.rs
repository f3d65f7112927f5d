//! The editor's report (`easyinfo lint --report FILE`): one accessible page
//! with each guide's reading level per version as bar charts, and the
//! jargon hot spots. Each chart has a table with the same figures.

use crate::core::version::Level;
use crate::check::{LintResult, PageStats};
use crate::load::site::Site;
use crate::core::util::escape_html as esc;
use std::fmt::Write;

const BAR_W: f64 = 360.0;

/// What every editor's report carries in its `<head>`, so `lint --report`
/// overwrites only a file that it made itself.
pub const REPORT_MARK: &str = r#"<meta name="generator" content="easyinfo report">"#;

pub fn page(site: &Site, r: &LintResult) -> String {
    let errors = r.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = r.diagnostics.len() - errors;
    let mut h = String::new();
    let _ = write!(
        h,
        r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">{mark}<title>Readability report: {title}</title><style>{css}</style></head><body><main><h1>Readability report: {title}</h1><p>Made on {date}. {errors} errors and {warnings} warnings. Reading grades are Flesch-Kincaid school grades: lower is easier.</p>"#,
        title = esc(&site.config.title),
        css = CSS,
        mark = REPORT_MARK,
        date = chrono::Local::now().date_naive(),
    );
    h.push_str("<h2>Reading level of each guide</h2>");
    for g in &site.guides {
        let pages: Vec<&PageStats> = Level::ALL.iter().filter_map(|l| r.pages.iter().find(|p| p.slug == g.slug && p.level == *l)).collect();
        let _ = write!(h, "<section><h3>{}</h3><p class=file>{}</p>", esc(g.title.get(Level::main())), esc(&g.file));
        h.push_str(&grade_chart(site, &pages));
        h.push_str("<table><caption>Figures for each version</caption><thead><tr><th scope=col>Version</th><th scope=col>Words</th><th scope=col>Sentences</th><th scope=col>Mean sentence (words)</th><th scope=col>Longest sentence</th><th scope=col>Reading ease</th><th scope=col>Grade</th></tr></thead><tbody>");
        for p in &pages {
            let s = &p.stats;
            let _ = write!(
                h,
                "<tr><th scope=row>{}</th><td>{}</td><td>{}</td><td>{:.1}</td><td>{}</td><td>{:.0}</td><td>{:.1}</td></tr>",
                p.level.name(),
                s.words,
                s.sentences,
                s.mean_sentence_words,
                s.max_sentence_words,
                s.flesch_reading_ease,
                s.flesch_kincaid_grade
            );
        }
        h.push_str("</tbody></table></section>");
    }
    h.push_str(&hot_spots(r));
    h.push_str("<h2>All problems</h2>");
    if r.diagnostics.is_empty() {
        h.push_str("<p>None.</p>");
    } else {
        h.push_str("<ul class=diags>");
        for d in &r.diagnostics {
            let _ = write!(
                h,
                "<li><strong>{sev}</strong> <code>{file}:{line}</code> {msg}{hint}</li>",
                sev = d.severity,
                file = esc(&d.file),
                line = d.line,
                msg = esc(&d.message),
                hint = d.suggestion.as_ref().map(|s| format!(" <em>{}</em>", esc(s))).unwrap_or_default()
            );
        }
        h.push_str("</ul>");
    }
    h.push_str("</main></body></html>\n");
    h
}

fn grade_chart(site: &Site, pages: &[&PageStats]) -> String {
    let max = pages.iter().map(|p| p.stats.flesch_kincaid_grade).fold(12.0_f64, f64::max);
    let row_h = 34.0;
    let height = row_h * pages.len() as f64 + 10.0;
    let label: Vec<String> = pages.iter().map(|p| format!("{} grade {:.1}", p.level.name(), p.stats.flesch_kincaid_grade)).collect();
    let mut s = format!(
        r#"<svg class=chart role="img" aria-label="Reading grade by version: {}" viewBox="0 0 {w} {height}" width="{w}" height="{height}">"#,
        esc(&label.join(", ")),
        w = BAR_W + 170.0
    );
    for (i, p) in pages.iter().enumerate() {
        let y = 5.0 + i as f64 * row_h;
        let g = p.stats.flesch_kincaid_grade.max(0.0);
        let target = site.config.lint.for_level(p.level).max_grade;
        let w = g / max * BAR_W;
        let over = g > target;
        let tx = 110.0 + target / max * BAR_W;
        let _ = write!(
            s,
            r##"<text x="0" y="{ty}" class=lbl>{name}</text><rect x="110" y="{y}" width="{w:.1}" height="24" class="{cls}"/><text x="{vx:.1}" y="{ty}" class=val>{g:.1}{mark}</text><line x1="{tx:.1}" x2="{tx:.1}" y1="{y1}" y2="{y2}" class=target/>"##,
            ty = y + 17.0,
            name = p.level.name(),
            cls = if over { "bar over" } else { "bar" },
            vx = 116.0 + w,
            mark = if over { " (too hard)" } else { "" },
            y1 = y - 2.0,
            y2 = y + 26.0,
        );
    }
    s.push_str("</svg>");
    s
}

fn hot_spots(r: &LintResult) -> String {
    let mut terms: Vec<_> = r.terms.iter().filter(|t| t.count > 0).collect();
    terms.sort_by(|a, b| (b.flagged, b.count).cmp(&(a.flagged, a.count)));
    terms.truncate(15);
    let mut h = String::from("<h2>Jargon hot spots</h2><p>Glossary terms used most in the plain versions. Flagged uses are words to avoid.</p>");
    if terms.is_empty() {
        h.push_str("<p>No glossary terms are used.</p>");
        return h;
    }
    let max = terms.iter().map(|t| t.count).max().unwrap_or(1) as f64;
    let row_h = 26.0;
    let height = row_h * terms.len() as f64 + 6.0;
    let label: Vec<String> = terms.iter().map(|t| format!("{} {} uses", t.term, t.count)).collect();
    let _ = write!(
        h,
        r#"<svg class=chart role="img" aria-label="Most used terms: {}" viewBox="0 0 {w} {height}" width="{w}" height="{height}">"#,
        esc(&label.join(", ")),
        w = BAR_W + 260.0
    );
    for (i, t) in terms.iter().enumerate() {
        let y = 3.0 + i as f64 * row_h;
        let w = t.count as f64 / max * BAR_W;
        let fw = t.flagged as f64 / max * BAR_W;
        let _ = write!(
            h,
            r#"<text x="0" y="{ty}" class=lbl>{term}</text><rect x="200" y="{y}" width="{w:.1}" height="18" class=bar/><rect x="200" y="{y}" width="{fw:.1}" height="18" class="bar over"/><text x="{vx:.1}" y="{ty}" class=val>{c}</text>"#,
            ty = y + 14.0,
            term = esc(&t.term),
            vx = 206.0 + w,
            c = t.count,
        );
    }
    h.push_str("</svg><table><caption>Term use</caption><thead><tr><th scope=col>Term</th><th scope=col>Uses</th><th scope=col>Flagged</th></tr></thead><tbody>");
    for t in &terms {
        let _ = write!(h, "<tr><th scope=row>{}</th><td>{}</td><td>{}</td></tr>", esc(&t.term), t.count, t.flagged);
    }
    h.push_str("</tbody></table>");
    h
}

const CSS: &str = "body{font-family:Verdana,Arial,sans-serif;color:#1a1a1a;background:#fff;line-height:1.5;margin:0}main{max-width:60rem;margin:0 auto;padding:1rem}\
table{border-collapse:collapse;margin:0.5rem 0 1.5rem}th,td{border:1px solid #1a1a1a;padding:0.3rem 0.5rem;text-align:left}\
caption{text-align:left;font-weight:bold}.file{font-family:monospace}.chart{max-width:100%;height:auto;display:block}\
.bar{fill:#0b3d91}.bar.over{fill:#a4001d}.target{stroke:#1a1a1a;stroke-width:2;stroke-dasharray:4 3}.lbl,.val{font-size:14px;fill:#1a1a1a}\
section{border-top:2px solid #1a1a1a;margin-top:1rem}";
