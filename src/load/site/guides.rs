//! Finding and reading guides: the one place that knows which files under
//! `content/guides/` are guides and which are their pictures. `load` reads
//! them all; `serve` reads one again with the same rules.

use crate::core::rules::Rule;
use super::files;
use crate::core::diagnostics::{display_path, Diagnostic};
use crate::load::guide::{self, Guide};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

pub const DIR: &str = "content/guides";

/// A guide's text file, and the folder its links and pictures are relative to.
#[derive(Debug, Clone)]
pub struct GuideSource {
    pub slug: String,
    pub path: PathBuf,
    pub dir: PathBuf,
    /// A translation's language code (`cy` for `<slug>.cy.md`); `None` for
    /// a guide in the site's main language.
    pub lang: Option<String>,
}

/// A file beside a guide: (absolute source, output path `media/<slug>/…`).
pub type Asset = (PathBuf, String);

enum Found {
    Guide(GuideSource),
    Asset(Asset),
}

/// `name` is `<stem>.<code>.md` for a language code: (stem, code).
/// Only codes that look like one count, so `a.b.md` stays a (badly named) guide.
pub fn translation_name(name: &str) -> Option<(&str, &str)> {
    let (stem, code) = name.strip_suffix(".md")?.rsplit_once('.')?;
    (!stem.is_empty() && super::languages::valid_code(code)).then_some((stem, code))
}

/// The naming rule: `<slug>.md`, or `<slug>/index.md` with its other files
/// as the guide's pictures; a translation adds its language's code
/// (`<slug>.cy.md`, `<slug>/index.cy.md`) and shares the pictures. Anything
/// else under `content/guides/` is not part of the site.
fn classify(guides: &Path, p: PathBuf) -> Option<Found> {
    let parts: Vec<String> = p.strip_prefix(guides).unwrap_or(&p).iter().map(|s| s.to_string_lossy().into_owned()).collect();
    let is_md = p.extension().is_some_and(|e| e == "md");
    match (parts.len(), is_md) {
        (1, true) => {
            let (slug, lang) = match translation_name(&parts[0]) {
                Some((stem, code)) => (stem.to_string(), Some(code.to_string())),
                None => (parts[0].trim_end_matches(".md").to_string(), None),
            };
            Some(Found::Guide(GuideSource { slug, path: p, dir: guides.to_path_buf(), lang }))
        }
        (2, true) if parts[1] == "index.md" || translation_name(&parts[1]).is_some_and(|(stem, _)| stem == "index") => {
            let dir = p.parent().expect("a file in a folder").to_path_buf();
            let lang = translation_name(&parts[1]).map(|(_, code)| code.to_string());
            Some(Found::Guide(GuideSource { slug: parts[0].clone(), path: p, dir, lang }))
        }
        (n, false) if n >= 2 => Some(Found::Asset((p, crate::core::routes::media(&parts.join("/"))))),
        _ => None,
    }
}

/// Every guide and picture, with the problems met on the way.
pub fn discover(root: &Path) -> (Vec<GuideSource>, Vec<Asset>, Vec<Diagnostic>) {
    let dir = root.join(DIR);
    let (paths, diags) = files::walk(root, &dir);
    let (mut sources, mut assets) = (Vec::new(), Vec::new());
    for found in paths.into_iter().filter_map(|p| classify(&dir, p)) {
        match found {
            Found::Guide(g) => sources.push(g),
            Found::Asset(a) => assets.push(a),
        }
    }
    (sources, assets, diags)
}

/// The guide `slug`, if exactly one file is it (two is a duplicate, which a full load reports).
pub fn find(root: &Path, slug: &str) -> Option<GuideSource> {
    let dir = root.join(DIR);
    let mut found = [dir.join(format!("{slug}.md")), dir.join(slug).join("index.md")]
        .into_iter()
        .filter(|p| p.is_file())
        .filter_map(|p| match classify(&dir, p) {
            Some(Found::Guide(g)) if g.slug == slug && g.lang.is_none() => Some(g),
            _ => None,
        });
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

/// The pictures beside the guide `slug`.
pub fn assets_of(root: &Path, slug: &str) -> Vec<Asset> {
    let dir = root.join(DIR);
    let (paths, _) = files::walk(root, &dir.join(slug));
    paths
        .into_iter()
        .filter_map(|p| match classify(&dir, p) {
            Some(Found::Asset(a)) => Some(a),
            _ => None,
        })
        .collect()
}

/// Read and parse one guide.
pub fn read(root: &Path, src: GuideSource, max: u64) -> Result<Guide, Vec<Diagnostic>> {
    let file = display_path(root, &src.path);
    let text = files::read_text(root, &src.path, max).map_err(|d| vec![d])?;
    guide::parse(&src.slug, &file, src.dir, text)
}

/// The order every list of guides uses: by weight, then by title.
pub fn sort(guides: &mut [Guide]) {
    guides.sort_by(|a, b| {
        (a.front.weight.unwrap_or(0), a.title.get(crate::core::version::Level::main()).to_lowercase())
            .cmp(&(b.front.weight.unwrap_or(0), b.title.get(crate::core::version::Level::main()).to_lowercase()))
    });
}

/// Each other language's code to its translated guides, sorted as the originals.
pub type Translations = BTreeMap<String, Vec<Guide>>;

pub struct GuideLoad {
    pub guides: Vec<Guide>,
    pub translations: Translations,
    pub assets: Vec<Asset>,
    pub diags: Vec<Diagnostic>,
}

/// Every guide and translation, sorted, checked for duplicate and unusable
/// slugs; `languages` are the codes of the site's other languages.
pub fn load_all(root: &Path, max: u64, languages: &[String]) -> GuideLoad {
    let (sources, assets, mut diags) = discover(root);
    let (sources, translated): (Vec<GuideSource>, Vec<GuideSource>) = sources.into_iter().partition(|s| s.lang.is_none());
    let mut by_slug: HashMap<String, String> = HashMap::new();
    for src in &sources {
        let (slug, file) = (&src.slug, display_path(root, &src.path));
        if let Some(other) = by_slug.insert(slug.clone(), file.clone()) {
            diags.push(
                Diagnostic::error(Rule::GuideDuplicate, &file, format!("two guides have the slug `{slug}`; the other is {other}"))
                    .hint("Keep one of them, or rename one file or folder."),
            );
        }
        if crate::core::util::slugify(slug) != *slug {
            diags.push(
                Diagnostic::error(Rule::GuideSlug, &file, format!("`{slug}` cannot be used in a web address"))
                    .hint(format!("Rename it to `{}`: small letters, numbers and dashes only.", crate::core::util::slugify(slug))),
            );
        } else if let Some(why) = crate::core::util::name_problem(slug) {
            diags.push(
                Diagnostic::error(Rule::GuideSlug, &file, format!("the slug `{slug}` (the guide's file or folder name) {why}"))
                    .hint(format!("Rename it, for example to `{}`.", crate::core::util::fix_name(slug))),
            );
        }
    }
    let mut translated = check_translations(root, translated, &by_slug, languages, &mut diags);
    // A translation shares its original's folder, so its pictures and links
    // resolve as the original's do, wherever the translation's file sits.
    let dirs: HashMap<&str, &PathBuf> = sources.iter().map(|s| (s.slug.as_str(), &s.dir)).collect();
    for src in translated.values_mut().flatten() {
        if let Some(dir) = dirs.get(src.slug.as_str()) {
            src.dir = (*dir).clone();
        }
    }
    drop(dirs);
    let mut guides = read_all(root, sources, max, &mut diags);
    sort(&mut guides);
    let mut translations: Translations = languages.iter().map(|c| (c.clone(), Vec::new())).collect();
    for (code, list) in translated {
        let mut read = read_all(root, list, max, &mut diags);
        // The originals' order, so lists in every language match.
        read.sort_by_key(|t| guides.iter().position(|g| g.slug == t.slug));
        translations.insert(code, read);
    }
    GuideLoad { guides, translations, assets, diags }
}

fn read_all(root: &Path, sources: Vec<GuideSource>, max: u64, diags: &mut Vec<Diagnostic>) -> Vec<Guide> {
    let results: Vec<Result<Guide, Vec<Diagnostic>>> = sources.into_par_iter().map(|src| read(root, src, max)).collect();
    let mut out = Vec::new();
    for r in results {
        match r {
            Ok(g) => out.push(g),
            Err(mut d) => diags.append(&mut d),
        }
    }
    out
}

/// Each translation needs its original, a language the site has, and to
/// be the only one of its guide in that language. Returns them by language.
fn check_translations(root: &Path, translated: Vec<GuideSource>, originals: &HashMap<String, String>, languages: &[String], diags: &mut Vec<Diagnostic>) -> BTreeMap<String, Vec<GuideSource>> {
    let mut out: BTreeMap<String, Vec<GuideSource>> = BTreeMap::new();
    let mut seen: HashMap<(String, String), String> = HashMap::new();
    for src in translated {
        let (file, code) = (display_path(root, &src.path), src.lang.clone().unwrap_or_default());
        if !languages.contains(&code) {
            diags.push(
                Diagnostic::error(Rule::InputLanguage, &file, format!("this is a translation into `{code}`, which is not one of the site's languages"))
                    .hint(format!("Add `{code}: {{ name: … }}` under `languages:` in site.yaml, or rename the file.")),
            );
        } else if !originals.contains_key(&src.slug) {
            diags.push(
                Diagnostic::error(Rule::TranslationOrphan, &file, format!("this translation has no original: there is no guide `{}`", src.slug))
                    .hint(format!("A translation sits beside its guide: content/guides/{0}.md or content/guides/{0}/index.md. Check the name.", src.slug)),
            );
        } else if let Some(other) = seen.insert((src.slug.clone(), code.clone()), file.clone()) {
            diags.push(
                Diagnostic::error(Rule::GuideDuplicate, &file, format!("two translations of `{}` into `{code}`; the other is {other}", src.slug))
                    .hint("Keep one of them."),
            );
        } else {
            out.entry(code).or_default().push(src);
        }
    }
    out
}
