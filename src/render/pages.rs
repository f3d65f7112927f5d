//! The pages every site has: home, version homes, guides, glossary, 404, sitemap.

use super::{base_context, page, Emitter, OutputFile};
use crate::diagnostics::Diagnostic;
use crate::guide::Guide;
use crate::level::Level;
use crate::links::{self, Known};
use crate::site::Site;
use rayon::prelude::*;
use serde::Serialize;

impl Known for Site {
    fn has_guide(&self, slug: &str) -> bool {
        self.guides.iter().any(|g| g.slug == slug)
    }
    fn has_service(&self, id: &str) -> bool {
        self.directory.services.iter().any(|s| s.id == id)
    }
    fn has_category(&self, id: &str) -> bool {
        self.directory.categories.iter().any(|c| c.id == id)
    }
}

/// Render every page into `em`; returns the content errors.
pub fn all(site: &Site, em: &Emitter) -> Vec<Diagnostic> {
    let mut jobs: Vec<Box<dyn Fn() -> Result<Vec<OutputFile>, Diagnostic> + Sync + Send + '_>> = Vec::new();
    jobs.push(Box::new(|| home(site)));
    jobs.push(Box::new(|| not_found(site)));
    for level in Level::ALL {
        jobs.push(Box::new(move || level_home(site, level)));
        jobs.push(Box::new(move || glossary(site, level)));
    }
    for g in &site.guides {
        for level in Level::ALL {
            jobs.push(Box::new(move || guide(site, g, level).map(|f| vec![f])));
        }
    }
    // The directory does not wait for the guides: both keep the cores busy
    // while the other's last jobs finish.
    let (mut errors, mut dir_errors) = rayon::join(
        || jobs.par_iter().filter_map(|j| if em.stopped() { None } else { em.emit(j()) }).collect::<Vec<Diagnostic>>(),
        || crate::directory::render::pages(site, em),
    );
    errors.append(&mut dir_errors);
    if !errors.is_empty() || em.stopped() {
        return errors;
    }
    for (path, text) in &site.theme.assets {
        em.put(OutputFile::bytes(path.clone(), text.clone().into_bytes()));
    }
    site.static_files.par_iter().chain(site.guide_assets.par_iter()).for_each(|(src, rel)| {
        em.put(OutputFile { path: rel.clone(), content: super::Content::Copy(src.clone()) });
    });
    let map = sitemap(site, &em.paths.lock().expect("paths lock"));
    em.put(map);
    errors
}

/// The pages a change to one existing guide can affect: its three versions
/// and every page that lists guides (the version homes). `easyinfo serve`
/// re-renders only these when the guide's file changes, so a new page that
/// lists or quotes guides must be added here too. (A guide added or removed
/// changes the sitemap and links; serve rebuilds everything for those.)
pub fn guide_dependents(site: &Site, slug: &str) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let Some(g) = site.guides.iter().find(|g| g.slug == slug) else {
        return Ok(Vec::new());
    };
    let results: Vec<Result<Vec<OutputFile>, Diagnostic>> = Level::ALL
        .into_par_iter()
        .flat_map(|level| {
            [guide(site, g, level).map(|f| vec![f]), level_home(site, level)]
        })
        .collect();
    let (files, errors) = gather(results);
    if errors.is_empty() { Ok(files) } else { Err(errors) }
}

pub fn guide_path(level: Level, slug: &str) -> String {
    format!("{}/guides/{slug}/index.html", level.id())
}

/// "3 March 2026", in the words' language.
pub fn human_date(d: chrono::NaiveDate, w: &crate::core::strings::Words) -> String {
    use chrono::Datelike;
    let (day, year) = (d.day().to_string(), d.year().to_string());
    w.fill("date", &[("day", &day), ("month", w.nth("months", d.month0() as usize)), ("year", &year)])
}

pub fn guide(site: &Site, g: &Guide, level: Level) -> Result<OutputFile, Diagnostic> {
    let path = guide_path(level, &g.slug);
    let title = g.title.get(level);
    let mut ctx = base_context(site, Some(level), &path, title);
    let root = crate::util::root_prefix(3);
    let guides_root = site.root.join("content/guides");
    let resolve = |url: &str| links::resolve(url, level, &g.dir, &guides_root, site);
    let md = super::markdown::Ctx { level, glossary: &site.glossary, root: &root, resolve: &resolve, title_at: g.title_heading[level.index()] };
    let rendered = super::markdown::render(g.level_source(level), &md);
    ctx.insert("content", &rendered.html);
    ctx.insert("summary", g.summary(level));
    ctx.insert("description", g.summary(level));
    ctx.insert("reviewed", &g.reviewed.map(|d| human_date(d, super::words(site, level))));
    ctx.insert("reviewed_iso", &g.reviewed.map(|d| d.to_string()));
    ctx.insert("headings", &rendered.headings);
    ctx.insert("slug", &g.slug);
    let bytes = page(site, "guide.html", &ctx).map_err(|d| d.hint(format!("While rendering {} ({}).", g.file, level.name())))?;
    Ok(OutputFile::bytes(path, bytes))
}

fn home(site: &Site) -> Result<Vec<OutputFile>, Diagnostic> {
    let ctx = base_context(site, None, "index.html", &site.config.title);
    Ok(vec![OutputFile::bytes("index.html", page(site, "home.html", &ctx)?)])
}

#[derive(Serialize)]
struct GuideLink<'a> {
    title: &'a str,
    summary: &'a str,
    href: String,
}

fn level_home(site: &Site, level: Level) -> Result<Vec<OutputFile>, Diagnostic> {
    let path = format!("{}/index.html", level.id());
    let title = super::words(site, level).text("level_home_title");
    let mut ctx = base_context(site, Some(level), &path, title);
    let guides: Vec<GuideLink> = site
        .guides
        .iter()
        .map(|g| GuideLink { title: g.title.get(level), summary: g.summary(level), href: format!("guides/{}/index.html", g.slug) })
        .collect();
    ctx.insert("guides", &guides);
    Ok(vec![OutputFile::bytes(path, page(site, "level_home.html", &ctx)?)])
}

#[derive(Serialize)]
struct GlossaryEntry<'a> {
    term: &'a str,
    anchor: String,
    abbr: Option<&'a str>,
    means: &'a str,
    instead: Option<&'a str>,
}

#[derive(Serialize)]
struct LetterGroup<'a> {
    letter: String,
    id: String,
    entries: Vec<GlossaryEntry<'a>>,
}

fn glossary(site: &Site, level: Level) -> Result<Vec<OutputFile>, Diagnostic> {
    let path = format!("{}/glossary/index.html", level.id());
    let title = super::words(site, level).text("glossary_title");
    let mut ctx = base_context(site, Some(level), &path, title);
    let mut groups: Vec<LetterGroup> = Vec::new();
    for e in &site.glossary.entries {
        let letter = e.term.chars().next().map(|c| c.to_uppercase().to_string()).unwrap_or_default();
        let entry = GlossaryEntry {
            term: &e.term,
            anchor: e.anchor(),
            abbr: e.abbr.as_deref(),
            means: &e.means,
            instead: e.instead.as_deref(),
        };
        match groups.last_mut() {
            Some(g) if g.letter == letter => g.entries.push(entry),
            _ => groups.push(LetterGroup { id: crate::util::slugify(&letter), letter, entries: vec![entry] }),
        }
    }
    ctx.insert("groups", &groups);
    Ok(vec![OutputFile::bytes(path, page(site, "glossary.html", &ctx)?)])
}

/// The 404 page is served from any depth, so it links from the site's base path.
fn not_found(site: &Site) -> Result<Vec<OutputFile>, Diagnostic> {
    let mut ctx = base_context(site, None, "404.html", super::words(site, Level::Plain).text("not_found_title"));
    let base = site.config.base_url.split("://").nth(1).and_then(|r| r.find('/').map(|i| r[i..].to_string())).unwrap_or_else(|| "/".into());
    let base = if base.ends_with('/') { base } else { format!("{base}/") };
    ctx.insert("root", &base);
    let versions: Vec<serde_json::Value> = Level::ALL
        .iter()
        .map(|l| serde_json::json!({"id": l.id(), "name": l.name(), "href": format!("{base}{}/index.html", l.id()), "current": false}))
        .collect();
    ctx.insert("versions", &versions);
    ctx.insert(
        "nav",
        &serde_json::json!({
            "guides": format!("{base}plain/index.html"),
            "glossary": format!("{base}plain/glossary/index.html"),
            "directory": format!("{base}plain/directory/index.html"),
        }),
    );
    Ok(vec![OutputFile::bytes("404.html", page(site, "404.html", &ctx)?)])
}

fn sitemap(site: &Site, written: &[String]) -> OutputFile {
    let base = site.config.base_url.trim_end_matches('/');
    let mut paths: Vec<&str> = written.iter().map(String::as_str).filter(|p| p.ends_with(".html") && *p != "404.html").collect();
    paths.sort();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for p in paths {
        let p = p.strip_suffix("index.html").unwrap_or(p);
        xml.push_str(&format!("<url><loc>{}</loc></url>\n", crate::util::escape_html(&format!("{base}/{p}"))));
    }
    xml.push_str("</urlset>\n");
    OutputFile::bytes("sitemap.xml", xml)
}

/// Files from the jobs that worked, and the errors of those that did not.
fn gather(results: Vec<Result<Vec<OutputFile>, Diagnostic>>) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(mut f) => files.append(&mut f),
            Err(e) => errors.push(e),
        }
    }
    (files, errors)
}
