//! Guides: front matter plus a body with reading-level containers.

pub mod containers;
pub mod syntax;

use crate::core::rules::Rule;
use crate::core::diagnostics::{Diagnostic, LineIndex};
use crate::core::version::Level;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(untagged)]
pub enum ByLevel {
    One(String),
    Each(PerLevel),
}

/// `{easy: …, plain: …}`: a text for some levels, keyed by the table's ids.
/// Other keys are ignored, as they always were.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PerLevel([Option<String>; Level::COUNT]);

impl<'de> Deserialize<'de> for PerLevel {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = PerLevel;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a text for each reading level")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<PerLevel, A::Error> {
                let mut out = PerLevel::default();
                while let Some(key) = map.next_key::<String>()? {
                    match Level::parse(&key) {
                        Some(l) => out.0[l.index()] = map.next_value::<Option<String>>()?,
                        None => drop(map.next_value::<serde::de::IgnoredAny>()?),
                    }
                }
                Ok(out)
            }
        }
        d.deserialize_map(Visit)
    }
}

impl Serialize for PerLevel {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(Level::COUNT))?;
        for l in Level::ALL {
            m.serialize_entry(l.id(), &self.0[l.index()])?;
        }
        m.end()
    }
}

impl PerLevel {
    fn texts(&self) -> impl Iterator<Item = &String> {
        self.0.iter().flatten()
    }
}

impl ByLevel {
    /// The text for a level, or else from where the table says it borrows.
    pub fn get(&self, level: Level) -> &str {
        match self {
            ByLevel::One(s) => s,
            ByLevel::Each(each) => level.borrow_order().find_map(|l| each.0[l.index()].as_deref()).unwrap_or(""),
        }
    }
    pub fn is_empty(&self) -> bool {
        Level::ALL.iter().all(|l| self.get(*l).trim().is_empty())
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GuideLint {
    /// Glossary terms or rule ids silenced in this guide.
    #[serde(default)]
    pub allow: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    #[serde(default)]
    pub title: Option<ByLevel>,
    #[serde(default)]
    pub summary: Option<ByLevel>,
    #[serde(default)]
    pub reviewed: Option<String>,
    /// Position in lists; lower first, then by title.
    #[serde(default)]
    pub weight: Option<i64>,
    #[serde(default)]
    pub lint: GuideLint,
}

#[derive(Debug, Clone)]
pub struct Guide {
    pub slug: String,
    /// Site-relative path of the source, for messages.
    pub file: String,
    /// Folder that relative picture paths start from.
    pub dir: PathBuf,
    pub source: String,
    /// Where the body starts in `source`.
    pub body_start: usize,
    pub front: FrontMatter,
    pub title: ByLevel,
    pub reviewed: Option<chrono::NaiveDate>,
    /// The body as each level sees it (see `containers`), same length as the body.
    pub levels: [String; Level::COUNT],
    /// Body byte ranges inside containers, with their levels.
    pub containers: Vec<(std::ops::Range<usize>, containers::LevelSet)>,
    /// Per level, the body offset of the top-level heading 1 that repeats
    /// the title: pages leave it out, since the template shows the title.
    pub title_heading: [Option<usize>; Level::COUNT],
}

impl Guide {
    pub fn body(&self) -> &str {
        &self.source[self.body_start..]
    }
    pub fn level_source(&self, level: Level) -> &str {
        &self.levels[level.index()]
    }
    /// Is this body offset inside a container written for `level`?
    pub fn in_container_for(&self, offset: usize, level: Level) -> bool {
        self.containers.iter().any(|(r, set)| r.contains(&offset) && set.has(level))
    }
    pub fn summary(&self, level: Level) -> &str {
        self.front.summary.as_ref().map(|s| s.get(level)).unwrap_or("")
    }
}

/// Parse one guide's text. `file` is the site-relative path for messages.
pub fn parse(slug: &str, file: &str, dir: PathBuf, source: String) -> Result<Guide, Vec<Diagnostic>> {
    let index = LineIndex::new(&source);
    let (front_text, front_line, body_start) = split_front_matter(&source);
    let front: FrontMatter = match front_text {
        Some(t) => crate::load::site::yaml::parse(t, file, front_line).map_err(|d| vec![d])?,
        None => FrontMatter { title: None, summary: None, reviewed: None, weight: None, lint: Default::default() },
    };
    if front_text.is_none() && source.starts_with("---") {
        return Err(vec![Diagnostic::error(Rule::GuideFrontMatter, file, "the front matter is never closed")
            .at(1, 1)
            .hint("End the front matter with a line `---`.")]);
    }
    let body = &source[body_start..];
    let split = containers::split(body).map_err(|errs| {
        errs.into_iter()
            .map(|e| index.diag(Diagnostic::error(Rule::GuideContainer, file, e.message), body_start + e.offset).hint(e.hint))
            .collect::<Vec<_>>()
    })?;

    let mut errors = Vec::new();
    let title = match front.title.clone() {
        Some(t) if !t.is_empty() => t,
        _ => match Level::main_first().find_map(|l| top_level_h1s(&split.levels[l.index()]).into_iter().next()) {
            Some((_, h)) => ByLevel::One(h),
            None => {
                errors.push(
                    Diagnostic::error(Rule::GuideTitle, file, "this guide has no title")
                        .at(1, 1)
                        .hint("Add `title: …` to the front matter at the top, between two `---` lines."),
                );
                ByLevel::One(String::new())
            }
        },
    };
    let reviewed = match &front.reviewed {
        None => None,
        Some(s) => match chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                let line = front_line + front_text.unwrap_or("").lines().position(|l| l.trim_start().starts_with("reviewed")).map_or(0, |i| i + 1);
                errors.push(
                    Diagnostic::error(Rule::GuideDate, file, format!("`reviewed: {s}` is not a date easyinfo can read"))
                        .at(line.max(1), 1)
                        .hint("Write the date as year-month-day, for example `reviewed: 2026-10-01`."),
                );
                None
            }
        },
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let containers = split.regions.iter().filter_map(|r| r.container.map(|c| (r.bytes.clone(), c))).collect();
    let titles: Vec<String> = match &title {
        ByLevel::One(t) => vec![same_words(t)],
        ByLevel::Each(each) => each.texts().map(|t| same_words(t)).collect(),
    };
    let title_heading = Level::ALL.map(|l| {
        top_level_h1s(&split.levels[l.index()]).into_iter().find(|(_, text)| titles.contains(&same_words(text))).map(|(at, _)| at)
    });
    Ok(Guide { slug: slug.into(), file: file.into(), dir, source: source.clone(), body_start, front, title, reviewed, levels: split.levels, containers, title_heading })
}

/// Returns the YAML, the line number before its first line, and where the body starts.
fn split_front_matter(source: &str) -> (Option<&str>, usize, usize) {
    let first = source.lines().next().unwrap_or("");
    if first.trim_end() != "---" {
        return (None, 0, 0);
    }
    let start = first.len() + if source[first.len()..].starts_with("\r\n") { 2 } else { 1 };
    let mut pos = start;
    for line in source[start.min(source.len())..].split_inclusive('\n') {
        if line.trim_end() == "---" {
            return (Some(&source[start..pos]), 1, pos + line.len());
        }
        pos += line.len();
    }
    (None, 0, 0)
}

/// Every heading 1 outside block quotes and lists, as CommonMark reads it
/// (not in code), with its offset and text.
fn top_level_h1s(md: &str) -> Vec<(usize, String)> {
    use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut current: Option<(usize, String)> = None;
    for (e, range) in Parser::new_ext(md, crate::load::guide::syntax::lint_options()).into_offset_iter() {
        match e {
            Event::Start(Tag::Heading { level: HeadingLevel::H1, .. }) if depth == 0 => {
                current = Some((range.start, String::new()));
                depth += 1;
            }
            Event::End(TagEnd::Heading(HeadingLevel::H1)) if depth == 1 && current.is_some() => {
                out.extend(current.take().map(|(at, t)| (at, t.trim().to_string())));
                depth -= 1;
            }
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, s)) = &mut current {
                    s.push_str(&t);
                }
            }
            _ => {}
        }
    }
    out
}

/// Titles match whatever the case and spacing.
fn same_words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_and_levels() {
        let src = "---\ntitle: {easy: Easy T, plain: Plain T}\nreviewed: 2026-10-01\n---\n# Plain T\n\n::: easy\nhi\n:::\n";
        let g = parse("g", "g.md", PathBuf::new(), src.into()).unwrap();
        assert_eq!(g.title.get(Level::parse("easy").unwrap()), "Easy T");
        assert_eq!(g.title.get(Level::parse("large").unwrap()), "Plain T");
        assert_eq!(g.reviewed.unwrap().to_string(), "2026-10-01");
        assert!(g.level_source(Level::parse("easy").unwrap()).contains("hi"));
        assert!(!g.level_source(Level::parse("plain").unwrap()).contains("hi"));
    }

    #[test]
    fn only_a_heading_that_repeats_the_title_is_the_title() {
        let src = "---\ntitle: Money\n---\nIntro.\n\n# Part one\n\n```\n# not a heading\n```\n# money\n";
        let g = parse("g", "g.md", PathBuf::new(), src.into()).unwrap();
        let at = g.title_heading[Level::parse("plain").unwrap().index()].unwrap();
        assert!(g.body()[at..].starts_with("# money"));
        // Without a title in front matter, the first heading 1 outside code is the title.
        let src = "```\n# comment\n```\n\n# Real title\n";
        let g = parse("g", "g.md", PathBuf::new(), src.into()).unwrap();
        assert_eq!(g.title.get(Level::parse("easy").unwrap()), "Real title");
        assert_eq!(g.title_heading[Level::parse("easy").unwrap().index()], g.body().find("# Real"));
    }

    #[test]
    fn container_errors_use_file_lines() {
        let src = "---\ntitle: T\n---\n\n::: easy\nnever closed\n";
        let errs = parse("g", "g.md", PathBuf::new(), src.into()).unwrap_err();
        assert_eq!((errs[0].line, errs[0].column), (5, 1));
        assert_eq!(errs[0].file, "g.md");
    }

    #[test]
    fn bad_date_names_the_line() {
        let src = "---\ntitle: T\nreviewed: 1st May\n---\nx\n";
        let errs = parse("g", "g.md", PathBuf::new(), src.into()).unwrap_err();
        assert_eq!(errs[0].rule, Rule::GuideDate);
        assert_eq!(errs[0].line, 3);
    }

    #[test]
    fn yaml_errors_in_front_matter_count_lines_from_the_file_top() {
        let src = "---\ntitle: T\ntitel: oops\n---\nx\n";
        let errs = parse("g", "g.md", PathBuf::new(), src.into()).unwrap_err();
        assert_eq!(errs[0].line, 3);
        assert!(errs[0].suggestion.as_deref().unwrap_or("").contains("`title`"));
    }
}
