//! Braille-ready files (BRF) of every guide, the glossary and every
//! category's list, from the plain version, translated by liblouis.
//!
//! The files are made first, in one batch (`make`): every line of every
//! file goes to liblouis at once, and the guide pages then show each
//! file's size. `source` turns documents into pieces of print, `louis`
//! translates them, `layout` pages them, `pages` is the page about them.

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
        Some(tables) => make_with(site, em, select, &Louis { tables }),
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

/// [`make`] with any translator (tests give it a stand-in).
pub fn make_with(site: &Site, em: &Emitter, select: &Select, translator: &dyn Translator) -> Result<Book, Missing> {
    let prints = print(site);
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
    let mut book = Book::default();
    for (file, bytes) in files {
        let reads = reads(&file.of);
        if select.wants(&reads) {
            em.reading(reads).put(OutputFile::bytes(file.path.clone(), bytes));
        }
        book.files.push(file);
    }
    Ok(book)
}

fn path_of(of: &Of) -> String {
    match of {
        Of::Guide(slug) => routes::braille_guide(slug),
        Of::Glossary => routes::braille_glossary(),
        Of::Category(id) => routes::braille_category(id),
    }
}

/// Every file's pieces of print: the guides' plain documents, the
/// glossary, the categories.
pub fn print(site: &Site) -> Vec<(Of, Vec<Piece>)> {
    let plain = Level::main();
    let mut out: Vec<(Of, Vec<Piece>)> =
        site.guides.par_iter().map(|g| (Of::Guide(g.slug.clone()), source::guide(g.title.get(plain), &super::pages::document(site, g, plain)))).collect();
    let w = super::words(site, plain);
    out.push((Of::Glossary, source::glossary(w.text("glossary_title"), &site.glossary)));
    let dir = &site.directory;
    for c in &dir.categories {
        let members: Vec<usize> = (0..dir.services.len()).filter(|&i| dir.services[i].categories.contains(&c.id)).collect();
        out.push((Of::Category(c.id.clone()), source::category(c, dir, &members, &routes::print_list(plain, &c.id), w)));
    }
    out
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
