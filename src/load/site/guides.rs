//! Finding and reading guides: the one place that knows which files under
//! `content/guides/` are guides and which are their pictures. `load` reads
//! them all; `serve` reads one again with the same rules.

use crate::core::rules::Rule;
use super::files;
use crate::core::diagnostics::{display_path, Diagnostic};
use crate::load::guide::{self, Guide};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub const DIR: &str = "content/guides";

/// A guide's text file, and the folder its links and pictures are relative to.
#[derive(Debug, Clone)]
pub struct GuideSource {
    pub slug: String,
    pub path: PathBuf,
    pub dir: PathBuf,
}

/// A file beside a guide: (absolute source, output path `media/<slug>/…`).
pub type Asset = (PathBuf, String);

enum Found {
    Guide(GuideSource),
    Asset(Asset),
}

/// The naming rule: `<slug>.md`, or `<slug>/index.md` with its other files
/// as the guide's pictures. Anything else under `content/guides/` is not part of the site.
fn classify(guides: &Path, p: PathBuf) -> Option<Found> {
    let parts: Vec<String> = p.strip_prefix(guides).unwrap_or(&p).iter().map(|s| s.to_string_lossy().into_owned()).collect();
    let is_md = p.extension().is_some_and(|e| e == "md");
    match (parts.len(), is_md) {
        (1, true) => Some(Found::Guide(GuideSource { slug: parts[0].trim_end_matches(".md").to_string(), path: p, dir: guides.to_path_buf() })),
        (2, true) if parts[1] == "index.md" => {
            let dir = p.parent().expect("a file in a folder").to_path_buf();
            Some(Found::Guide(GuideSource { slug: parts[0].clone(), path: p, dir }))
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
            Some(Found::Guide(g)) if g.slug == slug => Some(g),
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

type GuideLoad = (Vec<Guide>, Vec<Asset>, Vec<Diagnostic>);

/// Every guide, sorted, checked for duplicate and unusable slugs.
pub fn load_all(root: &Path, max: u64) -> GuideLoad {
    let (sources, assets, mut diags) = discover(root);
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
    let results: Vec<Result<Guide, Vec<Diagnostic>>> = sources.into_par_iter().map(|src| read(root, src, max)).collect();
    let mut guides = Vec::new();
    for r in results {
        match r {
            Ok(g) => guides.push(g),
            Err(mut d) => diags.append(&mut d),
        }
    }
    sort(&mut guides);
    (guides, assets, diags)
}
