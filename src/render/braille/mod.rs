//! Braille-ready files (BRF) of every guide, the glossary and every
//! category's list, from the plain version, translated by liblouis.
//!
//! The files are made first, in one batch (`make`): every line of every
//! file goes to liblouis at once, and the guide pages then show each
//! file's size. `source` turns documents into pieces of print, `louis`
//! translates them, `layout` pages them, `pages` is the page about them.

pub mod cache;
pub mod layout;
pub mod louis;
pub mod pages;
pub mod source;

use super::{Emitter, OutputFile, Select, Source};
use crate::core::error::Error;
use crate::core::routes;
use crate::core::version::Level;
use crate::load::site::config::Braille;
use crate::load::site::Site;
use layout::Piece;
use louis::{Louis, Missing, Translator};
use rayon::prelude::*;

/// What a file is of.
#[derive(Debug, Clone, PartialEq)]
pub enum Of {
    Guide(String),
    Glossary,
    Category(String),
}

/// One Braille-ready file made.
#[derive(Debug, Clone)]
pub struct File {
    pub of: Of,
    pub path: String,
    pub bytes: usize,
}

/// Every file made this render, for the pages that link to them.
#[derive(Debug, Default)]
pub struct Book {
    pub files: Vec<File>,
}

impl Book {
    pub fn find(&self, of: &Of) -> Option<&File> {
        self.files.iter().find(|f| &f.of == of)
    }
}

/// The sources a file reads: a guide's file is remade with its page.
pub fn reads(of: &Of) -> Vec<Source> {
    match of {
        Of::Guide(slug) => vec![Source::Guide(slug.clone()), Source::Media(slug.clone()), Source::Glossary],
        Of::Glossary => vec![Source::Glossary],
        Of::Category(_) => vec![Source::Directory],
    }
}

/// Make and put every file `select` wants. `None` when the site makes no
/// Braille (turned off, or liblouis missing: then a note says so once, or
/// with `braille: required` the render fails).
pub fn make(site: &Site, em: &Emitter, select: &Select) -> Option<Book> {
    if site.config.braille == Braille::Off {
        return None;
    }
    let result = match louis::tables(&site.config.language, site.config.braille_grade.0) {
        Some(tables) => made(site, em, select, &Louis { tables }),
        None => Err(Missing(format!("liblouis has no table here for the site's language `{}`", site.config.language))),
    };
    match result {
        Ok(book) => Some(book),
        Err(Missing(why)) => {
            let say = format!("Braille was skipped: {why}. To make Braille-ready files, install liblouis: `{}`.", louis::INSTALL);
            if site.config.braille == Braille::Required {
                em.fail(Error::Usage(format!("{say} site.yaml says `braille: required`.")));
            } else {
                em.note(say);
            }
            None
        }
    }
}

/// liblouis's files. A whole build goes through the disk cache (`serve`'s
/// one-guide renders keep to the translations it holds in memory).
fn made(site: &Site, em: &Emitter, select: &Select, louis: &Louis) -> Result<Book, Missing> {
    if !matches!(select, Select::All) {
        return make_with(site, em, select, louis);
    }
    let dir = cache::dir(&site.root);
    let disk = cache::Disk::new(&dir, &format!("{} {}", louis.tables, louis::version()), louis);
    let book = make_with(site, em, select, &disk)?;
    if let Err(e) = disk.save() {
        em.note(format!("Braille: could not keep the translations in {} ({e}); the next build translates everything again.", dir.display()));
    }
    Ok(book)
}

/// [`make`] with any translator (tests give it a stand-in).
pub fn make_with(site: &Site, em: &Emitter, select: &Select, translator: &dyn Translator) -> Result<Book, Missing> {
    // Only the files `select` wants are made again (serve's one-guide
    // rebuild); the others keep the sizes the last render recorded.
    let prints = print(site, |of| select.wants(&reads(of)));
    let texts: Vec<String> = prints.iter().flat_map(|(_, pieces)| pieces.iter().map(|p| piece_text(p).to_string())).collect();
    let braille = translator.translate(&texts)?;
    let mut next = braille.into_iter();
    let translated: Vec<(Of, Vec<Piece>)> =
        prints.into_iter().map(|(of, pieces)| (of, pieces.into_iter().map(|p| with_text(p, next.next().unwrap_or_default())).collect())).collect();
    let files: Vec<(File, Vec<u8>)> = translated
        .into_par_iter()
        .map(|(of, pieces)| {
            let bytes = layout::brf(&pieces);
            let path = path_of(&of);
            (File { of, path, bytes: bytes.len() }, bytes)
        })
        .collect();
    let mut known = sizes().lock().expect("braille sizes");
    for (file, bytes) in files {
        known.insert((site.root.clone(), file.path.clone()), file.bytes);
        em.reading(reads(&file.of)).put(OutputFile::bytes(file.path, bytes));
    }
    let files = everything(site).filter_map(|of| {
        let path = path_of(&of);
        known.get(&(site.root.clone(), path.clone())).map(|&bytes| File { of, path, bytes })
    });
    Ok(Book { files: files.collect() })
}

/// Each file's size as last made, by site and path.
fn sizes() -> &'static std::sync::Mutex<std::collections::HashMap<(std::path::PathBuf, String), usize>> {
    static SIZES: std::sync::OnceLock<std::sync::Mutex<std::collections::HashMap<(std::path::PathBuf, String), usize>>> = std::sync::OnceLock::new();
    SIZES.get_or_init(Default::default)
}

/// Every file the site has, in the order the pages list them.
fn everything(site: &Site) -> impl Iterator<Item = Of> + '_ {
    let guides = site.guides.iter().map(|g| Of::Guide(g.slug.clone()));
    guides.chain([Of::Glossary]).chain(site.directory.categories.iter().map(|c| Of::Category(c.id.clone())))
}

fn path_of(of: &Of) -> String {
    match of {
        Of::Guide(slug) => routes::braille_guide(slug),
        Of::Glossary => routes::braille_glossary(),
        Of::Category(id) => routes::braille_category(id),
    }
}

/// The pieces of print of each file `wanted` picks: the guides' plain
/// documents, the glossary, the categories' lists.
pub fn print(site: &Site, wanted: impl Fn(&Of) -> bool + Sync) -> Vec<(Of, Vec<Piece>)> {
    let plain = Level::main();
    let w = super::words(site, plain);
    let dir = &site.directory;
    let todo: Vec<Of> = everything(site).filter(|of| wanted(of)).collect();
    todo.into_par_iter()
        .map(|of| {
            let pieces = match &of {
                Of::Guide(slug) => {
                    let g = site.guides.iter().find(|g| &g.slug == slug).expect("a guide of the site");
                    source::guide(g.title.get(plain), &super::documents::guide(site, g, plain))
                }
                Of::Glossary => source::glossary(w.text("glossary_title"), &site.glossary),
                Of::Category(id) => {
                    let c = dir.categories.iter().find(|c| &c.id == id).expect("a category of the site");
                    let members: Vec<usize> = (0..dir.services.len()).filter(|&i| dir.services[i].categories.contains(&c.id)).collect();
                    source::category(c, dir, &members, &routes::print_list(plain, &c.id), w)
                }
            };
            (of, pieces)
        })
        .collect()
}

/// A piece's words.
pub fn piece_text(p: &Piece) -> &str {
    match p {
        Piece::Title(t) | Piece::Heading(t) | Piece::Paragraph(t) | Piece::Item { text: t, .. } => t,
    }
}

/// A translated piece. Braille ASCII is ASCII: a space liblouis passed
/// through (a no-break space, in older tables) is a space, and nothing
/// else outside ASCII is kept.
fn with_text(p: Piece, t: String) -> Piece {
    let t: String = if t.is_ascii() { t } else { t.chars().filter_map(|c| if c.is_ascii() { Some(c) } else { c.is_whitespace().then_some(' ') }).collect() };
    match p {
        Piece::Title(_) => Piece::Title(t),
        Piece::Heading(_) => Piece::Heading(t),
        Piece::Paragraph(_) => Piece::Paragraph(t),
        Piece::Item { depth, .. } => Piece::Item { depth, text: t },
    }
}

/// A file's size in the words of the page's version ("3 KB").
pub fn size(bytes: usize, w: &crate::core::strings::Words) -> String {
    w.fill("braille_size", &[("size", &bytes.div_ceil(1024).max(1).to_string())])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Memory;

    /// Capitals for braille: enough to see what went where.
    struct Capitals;
    impl Translator for Capitals {
        fn translate(&self, lines: &[String]) -> Result<Vec<String>, Missing> {
            Ok(lines.iter().map(|l| l.to_ascii_uppercase()).collect())
        }
    }

    fn run(site: &Site, select: &Select) -> (Book, Vec<String>) {
        let mem = Memory::default();
        let book = Emitter::scoped(&mem, |em| make_with(site, em, select, &Capitals)).unwrap();
        (book, mem.into_files().into_iter().map(|f| f.path).collect())
    }

    #[test]
    fn a_one_guide_render_remakes_only_its_file_and_keeps_the_other_sizes() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/serve/site");
        let site = crate::load::site::load(std::path::Path::new(root)).unwrap();
        let (all, written) = run(&site, &Select::All);
        assert_eq!(written.len(), all.files.len());
        assert!(written.contains(&routes::braille_guide("alpha")) && written.contains(&routes::braille_glossary()));
        let (book, written) = run(&site, &Select::Reading(vec![Source::Guide("alpha".into())]));
        assert_eq!(written, [routes::braille_guide("alpha")]);
        assert_eq!(book.files.len(), all.files.len(), "the other files keep their sizes");
    }
}
