//! Stage 1: load a site from disk into memory, reporting every problem.

pub mod config;
pub mod files;
pub mod guides;
pub mod yaml;

use crate::core::rules::Rule;
use crate::core::error::Error;
use crate::core::diagnostics::{display_path, Diagnostic};
use crate::load::directory::Directory;
use crate::load::glossary::Glossary;
use crate::load::guide::Guide;
use crate::load::theme::Theme;
use std::path::{Path, PathBuf};

pub use config::Config;

pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    pub guides: Vec<Guide>,
    pub glossary: Glossary,
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

    // The parts do not depend on each other, so they load side by side.
    let ((guide_load, glossary), (directory, theme)) = rayon::join(
        || rayon::join(|| guides::load_all(&root, max), || load_glossary(&root, max)),
        || rayon::join(|| crate::load::directory::load(&root, max), || Theme::load(&root, &theme_name)),
    );
    let (guides, guide_assets, mut d) = guide_load;
    diags.append(&mut d);
    let glossary = glossary.unwrap_or_else(|mut d| {
        diags.append(&mut d);
        Glossary::default()
    });
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
        if crate::core::routes::is_reserved(rel) {
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
    Ok(Site { root, config, guides, glossary, directory, theme: theme.expect("no errors means the theme loaded"), static_files, guide_assets })
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
