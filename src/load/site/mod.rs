//! Stage 1: load a site from disk into memory, reporting every problem.

pub mod config;
pub mod files;
pub mod guides;
pub mod languages;
pub mod view;
pub mod yaml;

use crate::core::rules::Rule;
use crate::core::error::Error;
use crate::core::diagnostics::{display_path, Diagnostic};
use crate::load::directory::Directory;
use crate::load::glossary::Glossary;
use crate::load::guide::Guide;
use crate::load::theme::Theme;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use config::Config;
pub use guides::Translations;
use crate::core::language::{Language, Languages};
use crate::core::strings::Strings;

pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    /// The languages the site is published in, main first.
    pub languages: Languages,
    /// The language of this Site's guides, glossary, directory text and
    /// words: the main language as loaded, another in a view made by
    /// [`Site::in_language`] for rendering that language's pages.
    pub view: Language,
    /// The slugs of the guides in the main language (in every view).
    pub main_slugs: Vec<String>,
    /// The guides in the main language.
    pub guides: Vec<Guide>,
    /// Each other language's code to its translated guides (same slugs as
    /// the originals, in the originals' order; a language with none has an
    /// empty list).
    pub translations: Translations,
    pub glossary: Glossary,
    /// Each other language's code to its glossary (`content/glossary.cy.yaml`),
    /// empty where it has none.
    pub glossaries: BTreeMap<String, Glossary>,
    pub directory: Directory,
    pub theme: Theme,
    /// (absolute source, path relative to the output folder)
    pub static_files: Vec<(PathBuf, String)>,
    /// Pictures and other files that sit beside guides: (absolute source, output path)
    pub guide_assets: Vec<(PathBuf, String)>,
}

pub const SITE_FILE: &str = "site.yaml";

pub fn load(root: &Path) -> Result<Site, Error> {
    if !root.is_dir() {
        return Err(Error::Usage(format!("{} is not a folder", root.display())));
    }
    let root = root.canonicalize().map_err(|e| Error::Usage(format!("cannot open {}: {e}", root.display())))?;
    let site_file = root.join(SITE_FILE);
    if !site_file.is_file() {
        return Err(Error::Usage(format!(
            "{} is not an easyinfo site: it has no site.yaml. Run `easyinfo new <folder>` to start one, or name the site's folder.",
            root.display()
        )));
    }
    for folder in REQUIRED_FOLDERS {
        required_folder(&root, folder)?;
    }
    let mut diags = Vec::new();
    let defaults = Config::default();
    let site_text = files::read_text(&root, &site_file, defaults.limits.max_file_size);
    let config: Config = match site_text.clone().and_then(|t| {
        let mut c: Config = if t.trim().is_empty() { Config::default() } else { yaml::parse(&t, SITE_FILE, 0)? };
        diags.extend(c.check(&t));
        diags.extend(languages::check(&mut c, &t));
        Ok(c)
    }) {
        Ok(c) => c,
        Err(d) => {
            diags.push(d);
            Config::default()
        }
    };
    let max = config.limits.max_file_size;
    // `theme:` names a folder in themes/, never a path.
    let theme_name = if Theme::valid_name(&config.theme) {
        config.theme.clone()
    } else {
        let text = site_text.as_deref().unwrap_or("");
        let line = text.lines().position(|l| l.starts_with("theme:") || l.starts_with("theme ")).map_or(1, |i| i + 1);
        let mut d = Diagnostic::error(
            Rule::ThemeName,
            SITE_FILE,
            format!("`theme: {}` is not a theme name: a theme is a folder in the site's themes/ folder, named with letters, numbers, dashes and underscores", config.theme),
        )
        .at(line, 1)
        .hint("Write just the folder's name, like `theme: my-theme` for themes/my-theme/, or remove the line to use the built-in theme.");
        if let Some(src) = text.lines().nth(line - 1) {
            d = d.with_source_line(src);
        }
        diags.push(d);
        "default".to_string()
    };

    let codes: Vec<String> = config.languages.keys().cloned().collect();
    // The parts do not depend on each other, so they load side by side.
    let ((guide_load, glossary), (directory, theme)) = rayon::join(
        || rayon::join(|| guides::load_all(&root, max, &codes), || load_glossary(&root, max)),
        || rayon::join(|| crate::load::directory::load_in(&root, max, &codes), || Theme::load(&root, &theme_name)),
    );
    let guides::GuideLoad { guides, translations, assets: guide_assets, diags: mut d } = guide_load;
    diags.append(&mut d);
    let glossary = glossary.unwrap_or_else(|mut d| {
        diags.append(&mut d);
        Glossary::default()
    });
    let mut glossaries = BTreeMap::new();
    for code in &codes {
        let g = load_glossary_for(&root, max, code).unwrap_or_else(|mut d| {
            diags.append(&mut d);
            Glossary::default()
        });
        glossaries.insert(code.clone(), g);
    }
    let directory = directory.unwrap_or_else(|mut d| {
        diags.append(&mut d);
        Directory::default()
    });
    let theme = match theme {
        Ok(t) => Some(t),
        Err(mut d) => {
            diags.append(&mut d);
            None
        }
    };
    let languages = match &theme {
        Some(t) => language_table(&config, t, &theme_name, &mut diags),
        None => Languages::default(),
    };

    let (static_paths, mut d) = files::walk(&root, &root.join("content/static"));
    diags.append(&mut d);
    let static_base = root.join("content/static");
    let static_files: Vec<(PathBuf, String)> = static_paths
        .into_iter()
        .map(|p| {
            let rel = display_path(&static_base, &p);
            (p, rel)
        })
        .collect();
    for (p, _) in static_files.iter().chain(guide_assets.iter()) {
        if let Err(d) = files::check_copy(&root, p, max) {
            diags.push(d);
        }
    }
    for (p, rel) in &static_files {
        if crate::core::routes::is_reserved(rel, &languages) {
            diags.push(
                Diagnostic::error(Rule::OutputCollision, display_path(&root, p), format!("this file would be published as `{rel}`, which easyinfo writes itself"))
                    .hint("Rename the file or move it into another folder inside content/static/."),
            );
        }
    }

    // A site read only in part must never be published over a whole one.
    let unreadable: Vec<&Diagnostic> = diags.iter().filter(|d| d.rule == files::UNREADABLE).collect();
    if !unreadable.is_empty() {
        let mut m = String::from("some of the site's files or folders cannot be read, so nothing was built:");
        for d in &unreadable {
            m.push_str(&format!("\n  {}: {}", d.file, d.message));
        }
        m.push_str("\nCheck that they are there and that you may read them (for example with `ls -l`), then try again.");
        return Err(Error::Usage(m));
    }
    if diags.iter().any(|d| d.is_error()) {
        return Err(Error::Content(diags));
    }
    let theme = theme.expect("no errors means the theme loaded");
    let main_slugs = guides.iter().map(|g| g.slug.clone()).collect();
    Ok(Site { root, config, languages, view: Language::main(), main_slugs, guides, translations, glossary, glossaries, directory, theme, static_files, guide_assets })
}

/// The site's language table; a language whose strings file the theme
/// lacks is an error naming the file to write.
fn language_table(config: &Config, theme: &Theme, theme_name: &str, diags: &mut Vec<Diagnostic>) -> Languages {
    for code in config.languages.keys() {
        if theme.strings_for(code).is_none() {
            diags.push(
                Diagnostic::error(Rule::ThemeStrings, format!("themes/{theme_name}/i18n/{code}.yaml"), format!("the theme has no words in `{code}`: this strings file is missing"))
                    .hint(format!("Copy themes/default/i18n/en.yaml (from easyinfo's source) to themes/{theme_name}/i18n/{code}.yaml and translate every value, or take `{code}` out of `languages:` in site.yaml.")),
            );
        }
    }
    // The main language's name in itself comes from its own strings file.
    let w = theme.strings(&config.language).words(crate::core::version::Level::main().id());
    languages::table(config, w.text("language_name"))
}

impl Site {
    /// The languages the site is published in, main first.
    pub fn languages(&self) -> &Languages {
        &self.languages
    }
    /// The guides in `lang`: the originals for the main language, else its translations.
    pub fn guides_in(&self, lang: Language) -> &[Guide] {
        if lang.is_main() { &self.guides } else { self.translations.get(lang.code()).map_or(&[], Vec::as_slice) }
    }
    /// The translation of guide `slug` into `lang` (the guide itself for the main language).
    pub fn guide_in(&self, lang: Language, slug: &str) -> Option<&Guide> {
        self.guides_in(lang).iter().find(|g| g.slug == slug)
    }
    /// Every translated guide into `code` (`cy`); empty when there are none.
    pub fn translations(&self, code: &str) -> &[Guide] {
        self.translations.get(code).map_or(&[], Vec::as_slice)
    }
    /// The glossary of `lang`: glossary.yaml for the main language, else
    /// its own (`glossary.cy.yaml`), empty when it has none.
    pub fn glossary_for(&self, lang: Language) -> &Glossary {
        static EMPTY: std::sync::OnceLock<Glossary> = std::sync::OnceLock::new();
        if lang.is_main() { &self.glossary } else { self.glossaries.get(lang.code()).unwrap_or_else(|| EMPTY.get_or_init(Glossary::default)) }
    }
    /// The theme's words in `lang`.
    pub fn strings_for(&self, lang: Language) -> &Strings {
        if lang.is_main() {
            self.theme.strings(&self.config.language)
        } else {
            self.theme.strings_for(lang.code()).expect("load checks every language has a strings file")
        }
    }
    /// `<html lang>`'s value for `lang` (`en-GB`, `cy`).
    pub fn lang_tag(&self, lang: Language) -> &str {
        &self.languages.spec(lang).code
    }
}

/// The codes in site.yaml's `languages:`, for tools that read part of a
/// site (the import); empty when site.yaml cannot be read.
pub fn other_languages(root: &Path) -> Vec<String> {
    let text = files::read_text(root, &root.join(SITE_FILE), Config::default().limits.max_file_size).unwrap_or_default();
    yaml::parse::<Config>(&text, SITE_FILE, 0).map(|c| c.languages.into_keys().collect()).unwrap_or_default()
}

/// Folders every site has, even if empty: without them a build would
/// publish a smaller site over a good one.
pub const REQUIRED_FOLDERS: &[&str] = &["content", "content/guides", "content/directory"];

fn required_folder(root: &Path, folder: &str) -> Result<(), Error> {
    let path = root.join(folder);
    let what = match folder {
        "content/guides" => "guides",
        "content/directory" => "services",
        _ => "guides or services",
    };
    match std::fs::metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::Usage(format!(
            "the site {} has no {folder}/ folder, so nothing was built. If the site really has no {what}, make an empty folder {folder}/ (`mkdir -p {folder}`); otherwise check that you named the right site folder.",
            root.display()
        ))),
        Err(e) => Err(Error::Usage(format!(
            "cannot open the folder {folder}/ in {}: {}, so nothing was built. Check that you may read it (for example with `ls -l`), then try again.",
            root.display(),
            files::plain_io(&e)
        ))),
        Ok(m) if !m.is_dir() => Err(Error::Usage(format!(
            "{folder} in {} is a file, but it should be a folder, so nothing was built. Move the file away and make a folder {folder}/.",
            root.display()
        ))),
        Ok(_) => std::fs::read_dir(&path).map(|_| ()).map_err(|e| {
            Error::Usage(format!(
                "cannot read the folder {folder}/ in {}: {}, so nothing was built. Check that you may read it (for example with `ls -l`), then try again.",
                root.display(),
                files::plain_io(&e)
            ))
        }),
    }
}

/// The glossary, or an empty one when the site has none.
pub fn load_glossary(root: &Path, max: u64) -> Result<Glossary, Vec<Diagnostic>> {
    let path = root.join(Glossary::FILE);
    if !files::present(root, &path).map_err(|d| vec![d])? {
        return Ok(Glossary::default());
    }
    files::read_text(root, &path, max).map_err(|d| vec![d]).and_then(|t| Glossary::parse(&t))
}

/// The glossary's translation into `code`, or an empty one.
pub fn load_glossary_for(root: &Path, max: u64, code: &str) -> Result<Glossary, Vec<Diagnostic>> {
    let file = Glossary::file_for(code);
    let path = root.join(&file);
    if !files::present(root, &path).map_err(|d| vec![d])? {
        return Ok(Glossary::default());
    }
    files::read_text(root, &path, max).map_err(|d| vec![d]).and_then(|t| Glossary::parse_file(&t, &file))
}
