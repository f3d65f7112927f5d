//! The editor's report (`easyinfo lint --report FILE`): one accessible page
//! with each guide's reading level per version as bar charts, and the
//! jargon hot spots. Each chart has a table with the same figures. Rust
//! works out the figures; the built-in template `themes/default/report/report.html`
//! lays them out, so the report looks the same whatever the site's theme.

use crate::check::{LintResult, PageStats};
use crate::core::version::Level;
use crate::load::site::Site;
use serde::Serialize;

const BAR_W: f64 = 360.0;
const TEMPLATE: &str = include_str!("../../themes/default/report/report.html");

/// What every editor's report carries in its `<head>`, so `lint --report`
/// overwrites only a file that it made itself.
pub const REPORT_MARK: &str = r#"<meta name="generator" content="easyinfo report">"#;

#[derive(Serialize)]
struct Chart {
    label: String,
    width: String,
    height: String,
    /// Where the bars start, after the labels.
    x: &'static str,
    bar_height: &'static str,
    rows: Vec<Row>,
}

#[derive(Serialize)]
struct Row {
    name: String,
    y: String,
    ty: String,
    bars: Vec<Bar>,
    vx: String,
    value: String,
    /// The version's target grade, as a line across its bar.
    target_x: Option<String>,
    y1: String,
    y2: String,
}

#[derive(Serialize)]
struct Bar {
    width: String,
    class: &'static str,
}

#[derive(Serialize)]
struct Figures {
    name: &'static str,
    words: usize,
    sentences: usize,
    mean: String,
    longest: usize,
    ease: String,
    grade: String,
}

#[derive(Serialize)]
struct GuideView<'a> {
    title: &'a str,
    file: &'a str,
    /// The guide's language's name, on a site with more than one.
    language: Option<&'a str>,
    /// No chart and no grade where the language has no proven formula.
    graded: bool,
    chart: Chart,
    pages: Vec<Figures>,
}

#[derive(Serialize)]
struct Problem<'a> {
    severity: String,
    file: &'a str,
    line: usize,
    message: &'a str,
    hint: Option<&'a str>,
}

pub fn page(site: &Site, r: &LintResult) -> String {
    let errors = r.diagnostics.iter().filter(|d| d.is_error()).count();
    let langs = site.languages();
    let guides: Vec<GuideView> = langs
        .all()
        .flat_map(|lang| site.guides_in(lang).iter().map(move |g| (lang, g)))
        .map(|(lang, g)| {
            let pages: Vec<&PageStats> =
                Level::ALL.iter().filter_map(|l| r.pages.iter().find(|p| p.slug == g.slug && p.language == lang && p.level == *l)).collect();
            let graded = crate::check::readability::analyser_for(site.lang_tag(lang)).grade_formula().is_some();
            let figures = pages
                .iter()
                .map(|p| {
                    let s = &p.stats;
                    Figures {
                        name: p.level.name(),
                        words: s.words,
                        sentences: s.sentences,
                        mean: format!("{:.1}", s.mean_sentence_words),
                        longest: s.max_sentence_words,
                        ease: format!("{:.0}", s.flesch_reading_ease),
                        grade: format!("{:.1}", s.flesch_kincaid_grade),
                    }
                })
                .collect();
            let language = langs.is_multilingual().then(|| langs.spec(lang).name.as_str());
            GuideView { title: g.title.get(Level::main()), file: &g.file, language, graded, chart: grade_chart(site, &pages), pages: figures }
        })
        .collect();
    let mut terms: Vec<_> = r.terms.iter().filter(|t| t.count > 0).collect();
    terms.sort_by(|a, b| (b.flagged, b.count).cmp(&(a.flagged, a.count)));
    terms.truncate(15);
    let problems: Vec<Problem> = r
        .diagnostics
        .iter()
        .map(|d| Problem { severity: d.severity.to_string(), file: &d.file, line: d.line, message: &d.message, hint: d.suggestion.as_deref() })
        .collect();
    let mut ctx = tera::Context::new();
    ctx.insert("mark", REPORT_MARK);
    ctx.insert("css", CSS);
    ctx.insert("title", &site.config.title);
    ctx.insert("date", &chrono::Local::now().date_naive().to_string());
    ctx.insert("errors", &errors);
    ctx.insert("warnings", &(r.diagnostics.len() - errors));
    ctx.insert("guides", &guides);
    ctx.insert("terms", &terms);
    ctx.insert("terms_chart", &terms_chart(&terms));
    ctx.insert("problems", &problems);
    ctx.insert("notes", &r.notes);
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html"]);
    // Escape as the pages do, which keeps `/` in file names readable.
    tera.set_escape_fn(crate::core::util::escape_html);
    tera.add_raw_template("report.html", TEMPLATE).expect("the built-in report template parses");
    tera.render("report.html", &ctx).expect("the built-in report template renders")
}

fn grade_chart(site: &Site, pages: &[&PageStats]) -> Chart {
    let max = pages.iter().map(|p| p.stats.flesch_kincaid_grade).fold(12.0_f64, f64::max);
    let row_h = 34.0;
    let label: Vec<String> = pages.iter().map(|p| format!("{} grade {:.1}", p.level.name(), p.stats.flesch_kincaid_grade)).collect();
    let rows = pages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let y = 5.0 + i as f64 * row_h;
            let g = p.stats.flesch_kincaid_grade.max(0.0);
            let target = site.config.lint.for_level(p.level).max_grade;
            let w = g / max * BAR_W;
            let over = g > target;
            Row {
                name: p.level.name().to_string(),
                y: y.to_string(),
                ty: (y + 17.0).to_string(),
                bars: vec![Bar { width: format!("{w:.1}"), class: if over { "bar over" } else { "bar" } }],
                vx: format!("{:.1}", 116.0 + w),
                value: format!("{g:.1}{}", if over { " (too hard)" } else { "" }),
                target_x: Some(format!("{:.1}", 110.0 + target / max * BAR_W)),
                y1: (y - 2.0).to_string(),
                y2: (y + 26.0).to_string(),
            }
        })
        .collect();
    Chart {
        label: format!("Reading grade by version: {}", label.join(", ")),
        width: (BAR_W + 170.0).to_string(),
        height: (row_h * pages.len() as f64 + 10.0).to_string(),
        x: "110",
        bar_height: "24",
        rows,
    }
}

fn terms_chart(terms: &[&crate::check::TermUse]) -> Chart {
    let max = terms.iter().map(|t| t.count).max().unwrap_or(1) as f64;
    let row_h = 26.0;
    let label: Vec<String> = terms.iter().map(|t| format!("{} {} uses", t.term, t.count)).collect();
    let rows = terms
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let y = 3.0 + i as f64 * row_h;
            let w = t.count as f64 / max * BAR_W;
            let fw = t.flagged as f64 / max * BAR_W;
            Row {
                name: t.term.clone(),
                y: y.to_string(),
                ty: (y + 14.0).to_string(),
                bars: vec![Bar { width: format!("{w:.1}"), class: "bar" }, Bar { width: format!("{fw:.1}"), class: "bar over" }],
                vx: format!("{:.1}", 206.0 + w),
                value: t.count.to_string(),
                target_x: None,
                y1: String::new(),
                y2: String::new(),
            }
        })
        .collect();
    Chart {
        label: format!("Most used terms: {}", label.join(", ")),
        width: (BAR_W + 260.0).to_string(),
        height: (row_h * terms.len() as f64 + 6.0).to_string(),
        x: "200",
        bar_height: "18",
        rows,
    }
}

const CSS: &str = "body{font-family:Verdana,Arial,sans-serif;color:#1a1a1a;background:#fff;line-height:1.5;margin:0}main{max-width:60rem;margin:0 auto;padding:1rem}\
table{border-collapse:collapse;margin:0.5rem 0 1.5rem}th,td{border:1px solid #1a1a1a;padding:0.3rem 0.5rem;text-align:left}\
caption{text-align:left;font-weight:bold}.file{font-family:monospace}.chart{max-width:100%;height:auto;display:block}\
.bar{fill:#0b3d91}.bar.over{fill:#a4001d}.target{stroke:#1a1a1a;stroke-width:2;stroke-dasharray:4 3}.lbl,.val{font-size:14px;fill:#1a1a1a}\
section{border-top:2px solid #1a1a1a;margin-top:1rem}";
