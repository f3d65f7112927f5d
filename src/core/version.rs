//! The version table: every reading level, format and language the site is
//! published in, as data. A version is (language, level, format). Code asks
//! the table (`level.spec()`, `level.fallback()`, `versions::all()`) instead
//! of matching on names, so a new level, format or language is a new row.

use serde::Serialize;
use std::fmt;

pub use super::language::{Language, LanguageSpec, Languages};


/// The lint's limits for one reading level; site.yaml's `lint:` can change them.
#[derive(Debug, Clone, Copy, PartialEq, serde::Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    pub max_sentence_words: usize,
    /// Highest Flesch-Kincaid grade for a whole page.
    pub max_grade: f64,
}

/// How a page shows a glossary term it uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermPolicy {
    /// A box beside the paragraph says what the term means (easy read).
    Boxes,
    /// The term links to the glossary page.
    Links,
}

/// One reading level.
#[derive(Debug)]
pub struct LevelSpec {
    /// In `::: id` containers, site.yaml keys, front matter and class names.
    pub id: &'static str,
    pub name: &'static str,
    /// The level whose text this level shows where a section has none of
    /// its own: large print is plain's text, in larger type.
    pub fallback: Option<&'static str>,
    /// Where a front-matter value (title, summary) comes from when this
    /// level has none, best first.
    pub borrows_from: &'static [&'static str],
    /// The lint's limits unless site.yaml says otherwise.
    pub lint: Thresholds,
    pub terms: TermPolicy,
    /// A picture sits beside its words, and every paragraph needs one.
    pub pictures: bool,
    /// Easy read's rules: the glossary's `easy:` use, jargon and unknown
    /// abbreviations as errors, and the theme's and directory's easy words.
    pub easy_rules: bool,
    /// Italics and capitals are warned about (they are hard to read).
    pub warn_emphasis: bool,
    /// Every level's category pages offer this level's list to print.
    pub print: bool,
    /// The stylesheet every page of this level links.
    pub stylesheet: &'static str,
    /// The level's folder inside its language's and format's folder.
    pub folder: &'static str,
}

/// The reading levels, in the order the version switcher shows them.
pub const LEVELS: &[LevelSpec] = &[
    LevelSpec {
        id: "easy",
        name: "Easy read",
        fallback: None,
        borrows_from: &["plain", "large"],
        lint: Thresholds { max_sentence_words: 15, max_grade: 6.0 },
        terms: TermPolicy::Boxes,
        pictures: true,
        easy_rules: true,
        warn_emphasis: true,
        print: false,
        stylesheet: "css/easy.css",
        folder: "easy",
    },
    LevelSpec {
        id: "large",
        name: "Large print",
        fallback: Some("plain"),
        borrows_from: &["plain", "easy"],
        lint: Thresholds { max_sentence_words: 25, max_grade: 9.0 },
        terms: TermPolicy::Links,
        pictures: false,
        easy_rules: false,
        warn_emphasis: true,
        print: true,
        stylesheet: "css/large.css",
        folder: "large",
    },
    LevelSpec {
        id: "plain",
        name: "Plain",
        fallback: None,
        borrows_from: &["large", "easy"],
        lint: Thresholds { max_sentence_words: 25, max_grade: 9.0 },
        terms: TermPolicy::Links,
        pictures: false,
        easy_rules: false,
        warn_emphasis: false,
        print: false,
        stylesheet: "css/plain.css",
        folder: "plain",
    },
];

/// The level pages outside the versions (home, 404) link to, and the one
/// the others are compared with and sorted by.
const MAIN_LEVEL: &str = "plain";

/// A reading level: a handle into [`LEVELS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Level(u8);

impl Level {
    pub const COUNT: usize = LEVELS.len();
    /// Every level, in table order.
    pub const ALL: [Level; Level::COUNT] = {
        let mut all = [Level(0); Level::COUNT];
        let mut i = 0;
        while i < Level::COUNT {
            all[i] = Level(i as u8);
            i += 1;
        }
        all
    };

    pub fn spec(self) -> &'static LevelSpec {
        &LEVELS[self.index()]
    }
    pub fn id(self) -> &'static str {
        self.spec().id
    }
    pub fn name(self) -> &'static str {
        self.spec().name
    }
    pub fn index(self) -> usize {
        self.0 as usize
    }
    pub fn parse(s: &str) -> Option<Level> {
        LEVELS.iter().position(|l| l.id == s).map(|i| Level(i as u8))
    }
    /// The main level (plain).
    pub fn main() -> Level {
        Level::parse(MAIN_LEVEL).expect("the main level is in the table")
    }
    /// The level with easy read's rules: the search index carries its
    /// words beside the main level's.
    pub fn easiest() -> Level {
        Level::ALL.into_iter().find(|l| l.spec().easy_rules).expect("one level has easy read's rules")
    }
    /// The level of the lists to print (large print: easiest on paper).
    pub fn for_print() -> Level {
        Level::ALL.into_iter().find(|l| l.spec().print).expect("one level makes the lists to print")
    }
    pub fn is_main(self) -> bool {
        self == Level::main()
    }
    /// The level this one shows the text of where it has none of its own.
    pub fn fallback(self) -> Option<Level> {
        self.spec().fallback.map(|id| Level::parse(id).expect("a fallback names a level in the table"))
    }
    /// This level, then where it borrows front-matter values from.
    pub fn borrow_order(self) -> impl Iterator<Item = Level> {
        std::iter::once(self).chain(self.spec().borrows_from.iter().map(|id| Level::parse(id).expect("borrows_from names levels in the table")))
    }
    /// The main level first, then the others in table order: levels that
    /// fall back to another come after it.
    pub fn main_first() -> impl Iterator<Item = Level> {
        std::iter::once(Level::main()).chain(Level::ALL.into_iter().filter(|l| !l.is_main()))
    }
    /// Every level's id.
    pub fn ids() -> impl Iterator<Item = &'static str> {
        LEVELS.iter().map(|l| l.id)
    }
    /// Every level's id, for messages: "easy, large and plain".
    pub fn ids_in_words() -> String {
        let ids: Vec<&str> = Level::ids().collect();
        match ids.split_last() {
            Some((last, [])) => last.to_string(),
            Some((last, init)) => format!("{} and {last}", init.join(", ")),
            None => String::new(),
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for Level {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

/// One output format.
#[derive(Debug)]
pub struct FormatSpec {
    pub id: &'static str,
    pub name: &'static str,
    /// The format's folder inside a language's folder; the main format
    /// (web pages) sits at the language's root.
    pub folder: &'static str,
    /// The ending of a page's file.
    pub extension: &'static str,
}

/// The formats. Braille and audio come next.
pub const FORMATS: &[FormatSpec] = &[FormatSpec { id: "html", name: "Web page", folder: "", extension: "html" }];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Format(u8);

impl Format {
    pub fn spec(self) -> &'static FormatSpec {
        &FORMATS[self.0 as usize]
    }
    pub fn html() -> Format {
        Format::parse("html").expect("html is in the table")
    }
    pub fn parse(s: &str) -> Option<Format> {
        FORMATS.iter().position(|f| f.id == s).map(|i| Format(i as u8))
    }
}

/// One version of a page: (language, reading level, format).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Version {
    pub language: Language,
    pub level: Level,
    pub format: Format,
}

impl Version {
    /// A level's web pages in the main language: all the site makes today.
    pub fn html(level: Level) -> Version {
        Version { language: Language::main(), level, format: Format::html() }
    }
    /// The version's folder from the output root (`easy`, later `cy/easy`).
    pub fn folder(self) -> String {
        [self.language.folder(), self.format.spec().folder, self.level.spec().folder]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("/")
    }
}

impl Languages {
    /// Every version the site publishes: each language × format × level.
    pub fn versions(&self) -> impl Iterator<Item = Version> + '_ {
        self.all().flat_map(all_in)
    }
}

/// Every version of one language: each format × level.
pub fn all_in(language: Language) -> impl Iterator<Item = Version> {
    (0..FORMATS.len()).flat_map(move |f| Level::ALL.into_iter().map(move |level| Version { language, level, format: Format(f as u8) }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_in_the_table_names_a_row() {
        for l in Level::ALL {
            assert_eq!(Level::parse(l.id()), Some(l));
            let _ = l.fallback();
            assert_eq!(l.borrow_order().count(), Level::COUNT, "{l} borrows from every other level once");
        }
        assert!(Level::main().fallback().is_none(), "the main level has text of its own");
    }

    #[test]
    fn large_print_falls_back_to_plain() {
        let large = Level::parse("large").unwrap();
        assert_eq!(large.fallback(), Level::parse("plain"));
        assert_eq!(Level::parse("easy").unwrap().spec().terms, TermPolicy::Boxes);
        assert_eq!(Level::parse("nope"), None);
    }

    #[test]
    fn versions_are_languages_times_formats_times_levels() {
        let langs = Languages::new("en-GB", "English", &[("cy".into(), "Cymraeg".into())]);
        let v: Vec<Version> = langs.versions().collect();
        assert_eq!(v.len(), 2 * FORMATS.len() * Level::COUNT);
        assert_eq!(v.iter().map(|v| v.folder()).collect::<Vec<_>>(), ["easy", "large", "plain", "cy/easy", "cy/large", "cy/plain"]);
        let cy = langs.parse("cy").unwrap();
        assert_eq!((cy.code(), langs.spec(cy).name.as_str(), cy.is_main()), ("cy", "Cymraeg", false));
        assert_eq!(langs.spec(Language::main()).code, "en-GB");
        assert_eq!(langs.parse("en-GB"), Some(Language::main()));
        assert!(langs.parse("fr").is_none());
        assert_eq!(Level::main_first().map(Level::id).collect::<Vec<_>>(), ["plain", "easy", "large"]);
    }
}
