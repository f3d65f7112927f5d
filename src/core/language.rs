//! The languages one site is published in: its main language (at the
//! output's root) and the others in site.yaml's `languages:`, each under
//! its own folder (`public/cy/`). The table is made from the site, so
//! several sites can be built in one process; a [`Language`] is a small
//! copyable handle that carries its own folder, so routes need no table.

use serde::Serialize;
use std::fmt;

/// The longest language code `languages:` takes (`cy`, `pt-BR`, `zh-Hant-TW`).
pub const MAX_CODE: usize = 15;

/// One language of a site.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LanguageSpec {
    /// BCP 47 tag, as in `<html lang>` and `hreflang` (`en-GB`, `cy`).
    pub code: String,
    /// The language's name in itself ("Cymraeg", "English"), for the link to it.
    pub name: String,
    /// The folder of its pages in the output: empty for the main language.
    pub folder: String,
}

/// A language of the site: index 0 is the main language.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Language {
    index: u8,
    len: u8,
    /// The folder's letters (empty for the main language).
    code: [u8; MAX_CODE],
}

impl Language {
    /// The language at the output's root.
    pub const fn main() -> Language {
        Language { index: 0, len: 0, code: [0; MAX_CODE] }
    }
    fn other(index: usize, code: &str) -> Language {
        assert!(code.len() <= MAX_CODE && index < 256, "site.yaml's check keeps codes short and few");
        let mut out = Language { index: index as u8, len: code.len() as u8, code: [0; MAX_CODE] };
        out.code[..code.len()].copy_from_slice(code.as_bytes());
        out
    }
    pub fn index(self) -> usize {
        self.index as usize
    }
    pub fn is_main(self) -> bool {
        self.index == 0
    }
    /// The language's folder in the output (`cy`), empty for the main one.
    pub fn folder(&self) -> &str {
        std::str::from_utf8(&self.code[..self.len as usize]).expect("made from a str")
    }
    /// The code site.yaml names it by (`cy`); empty for the main language,
    /// whose code is `language:` (ask the table: [`Languages::spec`]).
    pub fn code(&self) -> &str {
        self.folder()
    }
}

impl fmt::Debug for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_main() { f.write_str("Language(main)") } else { write!(f, "Language({})", self.folder()) }
    }
}

/// The site's languages, main first, the others in code order.
#[derive(Debug, Clone, PartialEq)]
pub struct Languages {
    rows: Vec<LanguageSpec>,
}

impl Default for Languages {
    /// An English-only site.
    fn default() -> Self {
        Languages::new("en-GB", "English", &[])
    }
}

impl Languages {
    /// `main` is site.yaml's `language:` and `main_name` its name in itself;
    /// `others` are `languages:` as (code, name).
    pub fn new(main: &str, main_name: &str, others: &[(String, String)]) -> Languages {
        let mut rows = vec![LanguageSpec { code: main.to_string(), name: main_name.to_string(), folder: String::new() }];
        rows.extend(others.iter().map(|(code, name)| LanguageSpec { code: code.clone(), name: name.clone(), folder: code.clone() }));
        Languages { rows }
    }
    /// Every language, main first.
    pub fn all(&self) -> impl Iterator<Item = Language> + '_ {
        self.rows.iter().enumerate().map(|(i, r)| if i == 0 { Language::main() } else { Language::other(i, &r.code) })
    }
    /// The languages other than the main one.
    pub fn others(&self) -> impl Iterator<Item = Language> + '_ {
        self.all().skip(1)
    }
    pub fn spec(&self, l: Language) -> &LanguageSpec {
        &self.rows[l.index()]
    }
    /// The language with this code (the main language's is `language:`).
    pub fn parse(&self, code: &str) -> Option<Language> {
        self.all().find(|l| self.spec(*l).code == code)
    }
    /// More than one language: pages link to each other's translations.
    pub fn is_multilingual(&self) -> bool {
        self.rows.len() > 1
    }
    pub fn len(&self) -> usize {
        self.rows.len()
    }
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}
