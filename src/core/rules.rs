//! Every rule easyinfo reports, named once: the id people read in messages
//! and silence with `easyinfo-ignore`, its usual severity, and what it finds.
//!
//! Code passes a [`Rule`]; only this table knows the id strings, so an id
//! cannot be misspelt at one call site, and the README's table of checks is
//! tested against it.

use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// Whether `easyinfo lint` looks for it in the text (a check, listed in the
/// README), or it is a problem reading, importing or publishing the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Check,
    Site,
}

use Kind::{Check, Site};
const ERROR: Option<Severity> = Some(Severity::Error);
const WARNING: Option<Severity> = Some(Severity::Warning);
/// Severity that depends on the reading level (errors in easy read), or
/// on a setting ([`Rule::severity_words`] says which).
const BY_LEVEL: Option<Severity> = None;
const BY_SETTING: Option<Severity> = None;

macro_rules! rules {
    ($($name:ident = $id:literal, $kind:expr, $severity:expr, $about:literal;)*) => {
        /// One rule. Compares, sorts, prints and serialises as its id.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Rule {
            $($name,)*
        }

        impl Rule {
            /// Every rule, in the order of the table.
            pub const ALL: &'static [Rule] = &[$(Rule::$name,)*];

            /// The stable id, such as `jargon/avoid`.
            pub const fn id(self) -> &'static str {
                match self {
                    $(Rule::$name => $id,)*
                }
            }
            /// Check or site problem.
            pub const fn kind(self) -> Kind {
                match self {
                    $(Rule::$name => $kind,)*
                }
            }
            /// Its severity, when it does not depend on the version.
            pub const fn severity(self) -> Option<Severity> {
                match self {
                    $(Rule::$name => $severity,)*
                }
            }
            /// What it finds, in one line of Markdown (the README's words).
            pub const fn about(self) -> &'static str {
                match self {
                    $(Rule::$name => $about,)*
                }
            }
        }
    };
}

rules! {
    // The checks, in the README's order.
    JargonAvoid = "jargon/avoid", Check, BY_LEVEL, "an `easy: avoid` term in easy read; a `plain: avoid` term in plain or large print (with the `instead` words)";
    JargonAbbreviation = "jargon/abbreviation", Check, BY_LEVEL, "capitals such as `DWP` that are not in the glossary";
    ReadabilitySentenceLength = "readability/sentence-length", Check, WARNING, "sentences over the level's limit (15 easy, 25 plain and large)";
    ReadabilityGrade = "readability/grade", Check, WARNING, "a page above the level's Flesch-Kincaid grade (9 for plain, WCAG 3.1.5)";
    StructureAltText = "structure/alt-text", Check, ERROR, "a picture with no alt text";
    StructureEasyPicture = "structure/easy-picture", Check, WARNING, "an easy read paragraph with no picture";
    StructureEmphasis = "structure/emphasis", Check, WARNING, "italics or words in capitals in easy read or large print";
    StructureHeadingsDiffer = "structure/headings-differ", Check, WARNING, "versions whose headings differ";
    LinksBroken = "links/broken", Check, ERROR, "a link or picture that points nowhere, or out of the site";
    ContentStale = "content/stale", Check, WARNING, "a `reviewed` date more than 12 months old";
    DirectoryEasyDescription = "directory/easy-description", Check, WARNING, "a service with no easy description";
    TranslationMissing = "translation/missing", Check, BY_SETTING, "a guide with no translation into one of the site's `languages:`";
    TranslationStale = "translation/stale", Check, WARNING, "a translation whose `reviewed` date is earlier than its original's, or missing";
    TranslationHeadingsDiffer = "translation/headings-differ", Check, WARNING, "a translation whose headings differ in number, level or order from its original's, in some version";

    // Reading the site's files.
    InputRead = "input/read", Site, ERROR, "something that should be an ordinary file or folder is not";
    InputUnreadable = "input/unreadable", Site, ERROR, "a file or folder that cannot be read (a usage error)";
    InputOutsideLink = "input/outside-link", Site, ERROR, "a symbolic link that leads out of the site";
    InputBrokenLink = "input/broken-link", Site, ERROR, "a symbolic link that leads nowhere";
    InputTooLarge = "input/too-large", Site, ERROR, "a file over the size limit";
    InputEncoding = "input/encoding", Site, ERROR, "a text file that is not UTF-8";
    InputYaml = "input/yaml", Site, ERROR, "YAML that cannot be read, or an unknown or mistyped field";
    InputValue = "input/value", Site, ERROR, "a value in `site.yaml` that is out of range";
    InputLanguage = "input/language", Site, ERROR, "a language in `site.yaml`'s `languages:` that cannot be used, or a `cy:` map naming a language the site does not have";

    // Guides and the glossary.
    GuideFrontMatter = "guide/front-matter", Site, ERROR, "front matter that is never closed";
    GuideContainer = "guide/container", Site, ERROR, "a `:::` block that is not closed or not known";
    GuideTitle = "guide/title", Site, ERROR, "a guide with no title";
    GuideDate = "guide/date", Site, ERROR, "a `reviewed` date that is not a date";
    GuideDuplicate = "guide/duplicate", Site, ERROR, "two guides with the same slug";
    GuideSlug = "guide/slug", Site, ERROR, "a slug that cannot be used in a web address";
    TranslationOrphan = "translation/orphan", Site, ERROR, "a translated guide with no original beside it";
    GlossaryTerm = "glossary/term", Site, ERROR, "a glossary entry with an empty `term`";
    GlossaryMeans = "glossary/means", Site, ERROR, "a glossary entry with no meaning";
    GlossaryDuplicate = "glossary/duplicate", Site, ERROR, "a term that is in the glossary twice";

    // The service directory.
    DirectoryCsv = "directory/csv", Site, ERROR, "a spreadsheet row or header that cannot be read";
    DirectoryMissingField = "directory/missing-field", Site, ERROR, "a service or category without a field it needs";
    DirectoryId = "directory/id", Site, ERROR, "an id that cannot be used in a web address";
    DirectoryDuplicateId = "directory/duplicate-id", Site, ERROR, "an id used by two services or categories";
    DirectoryControlCharacter = "directory/control-character", Site, ERROR, "a control character in a service's text";
    DirectoryUnknownCategory = "directory/unknown-category", Site, ERROR, "a service in a category that does not exist";
    DirectoryPostcode = "directory/postcode", Site, ERROR, "a postcode that is not a UK postcode";
    DirectoryCoordinates = "directory/coordinates", Site, ERROR, "a latitude or longitude that is not a number or out of range";
    DirectoryPhone = "directory/phone", Site, ERROR, "a phone number that cannot be dialled";
    DirectoryEmail = "directory/email", Site, ERROR, "an email address that is not one";
    DirectoryUrl = "directory/url", Site, ERROR, "a website that is not a web address";
    DirectorySchedule = "directory/schedule", Site, ERROR, "opening times that cannot be read";
    DirectoryDate = "directory/date", Site, ERROR, "a service's `reviewed` date that is not a date";
    DirectoryPersonalBudget = "directory/personal-budget", Site, ERROR, "a `personal_budget` that is not yes or no";

    // Importing HSDS.
    HsdsJson = "hsds/json", Site, ERROR, "an import file that is not JSON";
    HsdsShape = "hsds/shape", Site, ERROR, "an import file with no services";
    HsdsNothing = "hsds/nothing", Site, ERROR, "an import in which no service could be imported";
    HsdsDropped = "hsds/dropped", Site, WARNING, "a field of an imported service that was left out";
    HsdsSkipped = "hsds/skipped", Site, WARNING, "an imported service that was skipped";

    // The theme, and publishing.
    ThemeName = "theme/name", Site, ERROR, "a theme name that is not a name";
    ThemeMissing = "theme/missing", Site, ERROR, "a theme that does not exist";
    ThemeCss = "theme/css", Site, ERROR, "a theme stylesheet with an error";
    ThemeTemplate = "theme/template", Site, ERROR, "a template with an error";
    ThemeRender = "theme/render", Site, ERROR, "a template that fails while making a page";
    ThemeStrings = "theme/strings", Site, ERROR, "a strings file with a missing key or a value of the wrong shape";
    OutputCollision = "output/collision", Site, ERROR, "a file that would be published where easyinfo writes its own";
    OutputWrite = "output/write", Site, ERROR, "an output file that cannot be written";
    ServeBuild = "serve/build", Site, ERROR, "a rebuild by `serve` that failed";
}

impl Rule {
    /// Its severity in words, as the README's table gives it.
    pub fn severity_words(self) -> String {
        match (self, self.severity()) {
            (Rule::TranslationMissing, _) => "warning, or error with `require_translations: true`".to_string(),
            (_, Some(s)) => s.to_string(),
            (_, None) => "error in easy read, warning otherwise".to_string(),
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

/// By id, so diagnostics sort as they did when the rule was a string.
impl Ord for Rule {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.id().cmp(other.id())
    }
}
impl PartialOrd for Rule {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// `d.rule == "jargon/avoid"`: tests and tools compare with the printed id.
impl PartialEq<&str> for Rule {
    fn eq(&self, other: &&str) -> bool {
        self.id() == *other
    }
}
impl PartialEq<str> for Rule {
    fn eq(&self, other: &str) -> bool {
        self.id() == other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_well_formed() {
        let mut ids: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
        for id in &ids {
            let (area, name) = id.split_once('/').unwrap_or_else(|| panic!("{id} has no area"));
            let ok = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b == b'-');
            assert!(ok(area) && ok(name), "{id}");
        }
        ids.sort();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n, "an id is in the table twice");
    }

    /// The README's table of checks lists exactly the checks, in order,
    /// with the same words and severities.
    #[test]
    fn the_readme_lists_every_check() {
        let readme = include_str!("../../README.md");
        let table = readme.split("## The checks (lint)").nth(1).expect("README has a table of checks");
        let rows: Vec<(String, String, String)> = table
            .lines()
            .skip_while(|l| !l.starts_with('|'))
            .take_while(|l| l.starts_with('|'))
            .filter(|l| l.starts_with("| `"))
            .map(|l| {
                let cells: Vec<&str> = l.trim_matches('|').split(" | ").map(str::trim).collect();
                (cells[0].trim_matches('`').to_string(), cells[1].to_string(), cells[2].to_string())
            })
            .collect();
        let checks: Vec<(String, String, String)> = Rule::ALL
            .iter()
            .filter(|r| r.kind() == Kind::Check)
            .map(|r| {
                (r.id().to_string(), r.about().to_string(), r.severity_words())
            })
            .collect();
        assert_eq!(rows, checks);
    }

    #[test]
    fn a_rule_prints_compares_and_sorts_as_its_id() {
        let r = Rule::StructureAltText;
        assert_eq!(r.to_string(), "structure/alt-text");
        assert_eq!(serde_json::to_string(&r).unwrap(), "\"structure/alt-text\"");
        assert!(r == "structure/alt-text" && r != "structure/emphasis");
        let mut all = Rule::ALL.to_vec();
        all.sort();
        assert!(all.windows(2).all(|w| w[0].id() < w[1].id()));
    }
}
