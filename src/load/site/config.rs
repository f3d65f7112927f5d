//! `site.yaml`: the site's settings.

use crate::core::rules::Rule;
use crate::core::version::Level;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub title: String,
    pub base_url: String,
    pub language: String,
    pub theme: String,
    pub description: String,
    /// Who to ask for other formats (Braille, audio, another language).
    pub formats_contact: String,
    /// Squeeze the HTML with minify-html. Off by default, as in Hugo and
    /// Zola: it saves about a tenth of the bytes but more than doubles the
    /// time a big site takes to build.
    pub minify: bool,
    /// Make a recording of every guide in each version with espeak-ng
    /// (`render/audio`). Off by default: it needs espeak-ng and opus-tools.
    pub audio: bool,
    pub lint: LintConfig,
    pub limits: Limits,
    pub directory: DirectoryConfig,
    /// Braille-ready files: `true` (made when liblouis is there), `false`,
    /// or `required` (a build without liblouis fails).
    pub braille: Braille,
    /// Unified English Braille grade: 2 (contracted) or 1.
    pub braille_grade: BrailleGrade,
    /// The site's other languages, by code (`cy: { name: Cymraeg }`): each
    /// gets every page under `public/<code>/`.
    pub languages: BTreeMap<String, LanguageConfig>,
    /// A guide with no translation in every language is an error, not a warning.
    pub require_translations: bool,
    /// In a view in another language: the fields above that kept the main
    /// language's words (`title`, `formats_contact`, `directory_notice`,
    /// `directory_area`), to its tag.
    #[serde(skip)]
    pub kept: BTreeMap<String, String>,
}

/// One entry of `languages:`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LanguageConfig {
    /// The language's name in itself, for the link to it ("Cymraeg").
    pub name: String,
    /// The site's own words in this language; where one is not given, its
    /// pages show the main language's, marked with its `lang`.
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub formats_contact: Option<String>,
    #[serde(default)]
    pub directory: LanguageDirectory,
}

/// `directory:` in an entry of `languages:`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LanguageDirectory {
    #[serde(default)]
    pub notice: Option<String>,
    #[serde(default)]
    pub area: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "easyinfo site".into(),
            base_url: "/".into(),
            language: "en-GB".into(),
            theme: "default".into(),
            description: String::new(),
            formats_contact: String::new(),
            minify: false,
            audio: false,
            lint: LintConfig::default(),
            limits: Limits::default(),
            directory: DirectoryConfig::default(),
            braille: Braille::On,
            braille_grade: BrailleGrade(2),
            languages: BTreeMap::new(),
            require_translations: false,
            kept: BTreeMap::new(),
        }
    }
}

/// `lint:` in site.yaml: a key per reading level (the table's ids) with
/// its thresholds, and `stale_after_months`.
#[derive(Debug, Clone)]
pub struct LintConfig {
    /// Indexed by `Level::index()`.
    pub levels: [LevelThresholds; Level::COUNT],
    /// A `reviewed` date older than this many months is a warning; 0 turns
    /// the check off. At most [`LintConfig::MAX_STALE_MONTHS`].
    pub stale_after_months: u32,
}

impl Default for LintConfig {
    fn default() -> Self {
        LintConfig { levels: Level::ALL.map(|l| l.spec().lint), stale_after_months: 12 }
    }
}

const STALE: &str = "stale_after_months";

/// The keys `lint:` takes, for serde's "expected one of" message.
fn lint_fields() -> &'static [&'static str] {
    static FIELDS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    FIELDS.get_or_init(|| Level::ids().chain([STALE]).collect())
}

impl<'de> Deserialize<'de> for LintConfig {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = LintConfig;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("struct LintConfig")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<LintConfig, A::Error> {
                use serde::de::Error;
                let mut out = LintConfig::default();
                let mut seen = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    let Some(&name) = lint_fields().iter().find(|f| **f == key) else {
                        return Err(A::Error::unknown_field(&key, lint_fields()));
                    };
                    if seen.contains(&name) {
                        return Err(A::Error::duplicate_field(name));
                    }
                    seen.push(name);
                    match Level::parse(name) {
                        Some(l) => out.levels[l.index()] = map.next_value()?,
                        None => out.stale_after_months = map.next_value()?,
                    }
                }
                Ok(out)
            }
        }
        d.deserialize_struct("LintConfig", lint_fields(), Visit)
    }
}

impl Serialize for LintConfig {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(Level::COUNT + 1))?;
        for l in Level::ALL {
            m.serialize_entry(l.id(), &self.levels[l.index()])?;
        }
        m.serialize_entry(STALE, &self.stale_after_months)?;
        m.end()
    }
}

impl LintConfig {
    pub fn for_level(&self, level: Level) -> LevelThresholds {
        self.levels[level.index()]
    }
    /// The most `stale_after_months` may be: a hundred years.
    pub const MAX_STALE_MONTHS: u32 = 1200;
}

impl Config {
    /// Checks on values that parse but make no sense. `text` is site.yaml's
    /// text, for the line of each problem. A value out of range is put back
    /// to its default, so the rest of the checks still run.
    pub fn check(&mut self, text: &str) -> Vec<crate::core::diagnostics::Diagnostic> {
        let mut out = Vec::new();
        let months = self.lint.stale_after_months;
        if months > LintConfig::MAX_STALE_MONTHS {
            let line = text
                .lines()
                .position(|l| l.trim_start().strip_prefix("stale_after_months").is_some_and(|r| r.trim_start().starts_with(':')))
                .map_or(0, |i| i + 1);
            let mut d = crate::core::diagnostics::Diagnostic::error(
                Rule::InputValue,
                "site.yaml",
                format!("`stale_after_months` is {months}, more than {} (a hundred years)", LintConfig::MAX_STALE_MONTHS),
            )
            .hint("Write how many months a guide or service stays up to date after its `reviewed` date, such as 12. Write 0 to turn the check off.");
            if line > 0 {
                d = d.at(line, 1).with_source_line(text.lines().nth(line - 1).unwrap_or(""));
            }
            out.push(d);
            self.lint.stale_after_months = LintConfig::default().stale_after_months;
        }
        out
    }
}

/// One level's limits; the defaults are in the version table.
pub type LevelThresholds = crate::core::version::Thresholds;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Largest input file read, in bytes.
    pub max_file_size: u64,
    /// Stop collecting after this many diagnostics.
    pub max_diagnostics: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_file_size: 10 * 1024 * 1024, max_diagnostics: 1000 }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct DirectoryConfig {
    /// Shown at the top of every directory page, e.g. "These services are examples".
    pub notice: String,
    pub area: String,
    /// Services on each page of a category's list.
    pub page_size: std::num::NonZeroUsize,
}

impl Default for DirectoryConfig {
    fn default() -> Self {
        DirectoryConfig { notice: String::new(), area: String::new(), page_size: std::num::NonZeroUsize::new(20).expect("20 is not zero") }
    }
}

/// `braille:` in site.yaml.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Braille {
    On,
    Off,
    Required,
}

impl<'de> Deserialize<'de> for Braille {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl serde::de::Visitor<'_> for Visit {
            type Value = Braille;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("true, false or required")
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Braille, E> {
                Ok(if v { Braille::On } else { Braille::Off })
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Braille, E> {
                match v {
                    "required" => Ok(Braille::Required),
                    _ => Err(E::invalid_value(serde::de::Unexpected::Str(v), &self)),
                }
            }
        }
        d.deserialize_any(Visit)
    }
}

/// `braille_grade:` in site.yaml: 1 or 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BrailleGrade(pub u8);

impl<'de> Deserialize<'de> for BrailleGrade {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // A visitor, so a wrong value is reported at its own line.
        struct Visit;
        impl serde::de::Visitor<'_> for Visit {
            type Value = BrailleGrade;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("1 (uncontracted) or 2 (contracted)")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<BrailleGrade, E> {
                match v {
                    1 | 2 => Ok(BrailleGrade(v as u8)),
                    _ => Err(E::invalid_value(serde::de::Unexpected::Unsigned(v), &self)),
                }
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<BrailleGrade, E> {
                Err(E::invalid_value(serde::de::Unexpected::Signed(v), &self))
            }
        }
        d.deserialize_any(Visit)
    }
}
