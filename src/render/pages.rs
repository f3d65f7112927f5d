//! The pages every site has: home, version homes, guides, glossary, 404, sitemap.

use super::{base_context, page, Emitter, OutputFile, Select, Source};
use crate::core::routes;
use crate::core::diagnostics::Diagnostic;
use crate::load::guide::Guide;
use crate::core::version::Level;
use crate::load::links::Known;
use crate::load::site::Site;
use rayon::prelude::*;
use serde::Serialize;

impl Known for Site {
    fn has_guide(&self, slug: &str) -> bool {
        self.guides.iter().any(|g| g.slug == slug) || self.main_slugs.iter().any(|s| s == slug)
    }
    fn has_translation(&self, slug: &str) -> bool {
        self.has_guide_in(self.view, slug)
    }
    fn has_service(&self, id: &str) -> bool {
        self.directory.services.iter().any(|s| s.id == id)
    }
    fn has_category(&self, id: &str) -> bool {
        self.directory.categories.iter().any(|c| c.id == id)
    }
}

type Job<'a> = (Vec<Source>, Box<dyn Fn() -> Result<Vec<OutputFile>, Diagnostic> + Sync + Send + 'a>);

/// Render the pages `select` wants into `em`; returns the content errors.
/// Each job names the sources it reads, and only there: that is the
/// dependency map `serve` rebuilds from.
pub fn all(site: &Site, em: &Emitter, select: &Select) -> Vec<Diagnostic> {
    // Declared before the jobs, which borrow it.
    let recorder = super::audio::Recorder::new(site);
    let recorder = &recorder;
    // The Braille-ready files come first: guide pages show their sizes.
    // They are made from the main language only (see render/braille).
    let book = super::braille::make(site, em, select);
    let braille = book.as_ref();
    // Each other language's pages are made from a view of the site in it.
    let views: Vec<Site> = site.languages.others().map(|l| site.in_language(l)).collect();
    let mut errors = language_pages(site, em, select, recorder, braille);
    for view in &views {
        if errors.is_empty() && !em.stopped() {
            errors.extend(language_pages(view, em, select, recorder, None));
        }
    }
    if !errors.is_empty() || em.stopped() {
        return errors;
    }
    shared_files(site, em, select);
    if matches!(select, Select::All) {
        recorder.prune();
    }
    errors
}

/// Every page of the view's language.
fn language_pages(site: &Site, em: &Emitter, select: &Select, recorder: &super::audio::Recorder, braille: Option<&super::braille::Book>) -> Vec<Diagnostic> {
    let mut jobs: Vec<Job> = Vec::new();
    let every_guide: Vec<Source> = site.guides.iter().map(|g| Source::Guide(g.slug.clone())).collect();
    if let Some(book) = braille {
        let every: Vec<Source> = every_guide.iter().cloned().chain([Source::Glossary, Source::Directory]).collect();
        for level in Level::ALL.map(Some).into_iter().chain([None]) {
            jobs.push((every.clone(), Box::new(move || super::braille::pages::index(site, level, book))));
        }
    }
    jobs.push((vec![], Box::new(|| home(site))));
    jobs.push((vec![], Box::new(|| not_found(site))));
    for level in Level::ALL {
        jobs.push((every_guide.clone(), Box::new(move || level_home(site, level))));
        jobs.push((vec![Source::Glossary], Box::new(move || glossary(site, level))));
    }
    for g in &site.guides {
        for level in Level::ALL {
            let reads = vec![Source::Guide(g.slug.clone()), Source::Media(g.slug.clone()), Source::Glossary];
            jobs.push((reads, Box::new(move || guide(site, g, level, recorder, braille))));
        }
    }
    jobs.retain(|(reads, _)| select.wants(reads));
    let directory = vec![Source::Directory, Source::Glossary];
    // The directory does not wait for the guides: both keep the cores busy
    // while the other's last jobs finish.
    let (mut errors, mut dir_errors) = rayon::join(
        || jobs.par_iter().filter_map(|(reads, j)| if em.stopped() { None } else { em.reading(reads.clone()).emit(j()) }).collect::<Vec<Diagnostic>>(),
        || if select.wants(&directory) { crate::render::directory::pages(site, &em.reading(directory.clone())) } else { Vec::new() },
    );
    errors.append(&mut dir_errors);
    errors
}

/// What every language shares: the theme's files, static files, pictures, the sitemap.
fn shared_files(site: &Site, em: &Emitter, select: &Select) {
    if select.wants(&[Source::Theme]) {
        let em = em.reading(vec![Source::Theme]);
        for (path, text) in &site.theme.assets {
            em.put(OutputFile::bytes(path.clone(), text.clone().into_bytes()));
        }
    }
    let copies = site.static_files.iter().map(|f| (Source::Static, f)).chain(site.guide_assets.iter().map(|f| (media_of(&f.1), f)));
    let copies: Vec<_> = copies.filter(|(source, _)| select.wants(std::slice::from_ref(source))).collect();
    copies.into_par_iter().for_each(|(source, (src, rel))| {
        em.reading(vec![source]).put(OutputFile { path: rel.clone(), content: super::Content::Copy(src.clone()) });
    });
    if matches!(select, Select::All) {
        // The sitemap lists every page, so it changes only when pages come
        // or go, which only a whole render knows.
        let map = sitemap(site, &em.paths());
        em.put(map);
    }
}

/// The guide a picture belongs to, from its output path `media/<slug>/…`.
fn media_of(out: &str) -> Source {
    Source::Media(out.split('/').nth(1).unwrap_or_default().to_string())
}

pub fn guide(site: &Site, g: &Guide, level: Level, recorder: &super::audio::Recorder, braille: Option<&super::braille::Book>) -> Result<Vec<OutputFile>, Diagnostic> {
    let path = routes::guide(site.at(level), &g.slug);
    let title = g.title.get(level);
    let mut ctx = base_context(site, Some(level), &path, title);
    let root = routes::root(&path);
    let doc = super::documents::guide(site, g, level);
    ctx.insert("braille", &super::braille::pages::guide_link(site, braille, &g.slug, level, &path));
    let html = super::html::guide(&doc, &root, &super::html::Parts { tera: &site.theme.tera, words: super::words(site, level) })
        .map_err(|e| crate::load::theme::template_error(&e, &site.theme.templates).hint(format!("While rendering {} ({}).", g.file, level.name())))?;
    ctx.insert("content", &html);
    ctx.insert("summary", g.summary(level));
    ctx.insert("description", g.summary(level));
    ctx.insert("reviewed", &g.reviewed.map(|d| crate::core::strings::human_date(d, super::words(site, level))));
    ctx.insert("reviewed_iso", &g.reviewed.map(|d| d.to_string()));
    ctx.insert("headings", &doc.headings());
    ctx.insert("slug", &g.slug);
    let recording = recorder.record(site.lang_tag(site.view), site.at(level), &g.slug, || super::audio::ssml(title, g.summary(level), &doc, super::words(site, level)));
    ctx.insert("audio", &recording.as_ref().map(|f| routes::relative(&path, &f.path)));
    super::languages::insert(&mut ctx, site, &path, Some(level), Some(&g.slug));
    let bytes = page(site, "guide.html", &ctx).map_err(|d| d.hint(format!("While rendering {} ({}).", g.file, level.name())))?;
    Ok(std::iter::once(OutputFile::bytes(path, bytes)).chain(recording).collect())
}

fn home(site: &Site) -> Result<Vec<OutputFile>, Diagnostic> {
    let path = routes::home(site.view);
    let ctx = base_context(site, None, &path, &site.config.title);
    Ok(vec![OutputFile::bytes(path, page(site, "home.html", &ctx)?)])
}

#[derive(Serialize)]
struct GuideLink<'a> {
    title: &'a str,
    summary: &'a str,
    href: String,
}

fn level_home(site: &Site, level: Level) -> Result<Vec<OutputFile>, Diagnostic> {
    let path = routes::level_home(site.at(level));
    let title = super::words(site, level).text("level_home_title");
    let mut ctx = base_context(site, Some(level), &path, title);
    let guides: Vec<GuideLink> = site
        .guides
        .iter()
        .map(|g| GuideLink { title: g.title.get(level), summary: g.summary(level), href: routes::relative(&path, &routes::guide(site.at(level), &g.slug)) })
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

/// The letter a term is listed under, accents off (`Éclair` under E, as
/// the glossary is sorted), and that letter's id: its slug, or its code
/// for a letter with no Latin form (`Ж` → `u436`, the small letter's code).
fn letter_of(term: &str) -> (String, String) {
    let Some(first) = crate::core::fold::fold(term).chars().next() else { return Default::default() };
    let letter: String = first.to_uppercase().collect();
    let id = match crate::core::util::slugify(&letter) {
        s if s.is_empty() => format!("u{:x}", first as u32),
        s => s,
    };
    (letter, id)
}

fn glossary(site: &Site, level: Level) -> Result<Vec<OutputFile>, Diagnostic> {
    let path = routes::glossary(site.at(level));
    let title = super::words(site, level).text("glossary_title");
    let mut ctx = base_context(site, Some(level), &path, title);
    let mut groups: Vec<LetterGroup> = Vec::new();
    for e in &site.glossary.entries {
        let (letter, id) = letter_of(&e.term);
        let entry = GlossaryEntry {
            term: &e.term,
            anchor: e.anchor(),
            abbr: e.abbr.as_deref(),
            means: &e.means,
            instead: e.instead.as_deref(),
        };
        match groups.last_mut() {
            Some(g) if g.letter == letter => g.entries.push(entry),
            _ => groups.push(LetterGroup { id, letter, entries: vec![entry] }),
        }
    }
    ctx.insert("groups", &groups);
    Ok(vec![OutputFile::bytes(path, page(site, "glossary.html", &ctx)?)])
}

/// The 404 page is served from any depth, so it links from the site's base path.
fn not_found(site: &Site) -> Result<Vec<OutputFile>, Diagnostic> {
    let w = super::words(site, Level::main());
    let path = routes::not_found(site.view);
    let mut ctx = base_context(site, None, &path, w.text("not_found_title"));
    let base = routes::base_path(&site.config.base_url);
    ctx.insert("root", &base);
    ctx.insert("home", &routes::from_base(&base, &routes::home(site.view)));
    super::languages::insert_linked(&mut ctx, site, &path, None, None, |to| routes::from_base(&base, to));
    let versions: Vec<serde_json::Value> = Level::ALL
        .iter()
        .map(|l| serde_json::json!({"id": l.id(), "name": w.text(&format!("choice_{}_name", l.id())), "href": routes::from_base(&base, &routes::level_home(site.at(*l))), "current": false}))
        .collect();
    ctx.insert("versions", &versions);
    ctx.insert("nav", &super::nav(site.at(Level::main()), |to| routes::from_base(&base, to)));
    Ok(vec![OutputFile::bytes(path, page(site, "404.html", &ctx)?)])
}

fn sitemap(site: &Site, written: &[String]) -> OutputFile {
    let not_found: Vec<String> = site.languages.all().map(routes::not_found).collect();
    let paths: Vec<&str> = written.iter().map(String::as_str).filter(|p| routes::is_page(p) && !not_found.iter().any(|n| n == p)).collect();
    OutputFile::bytes(routes::SITEMAP, super::languages::sitemap(site, paths))
}

#[cfg(test)]
mod tests {
    #[test]
    fn letters_of_terms_have_ids() {
        assert_eq!(super::letter_of("\u{c9}clair"), ("E".into(), "e".into()));
        assert_eq!(super::letter_of("\u{d6}ffentlich"), ("O".into(), "o".into()));
        assert_eq!(super::letter_of("\u{416}\u{443}\u{43a}"), ("\u{416}".into(), "u436".into()));
        assert_eq!(super::letter_of("gp"), ("G".into(), "g".into()));
    }
}
