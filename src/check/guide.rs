//! The checks on one guide, in each of its versions.

use crate::core::rules::Rule;
use super::readability;
use super::text::{self, Kind, Unit};
use super::PageStats;
use crate::core::diagnostics::{Diagnostic, LineIndex, Severity};
use crate::core::language::Language;
use crate::load::glossary::{is_all_caps, EasyUse, Glossary, PlainUse};
use crate::load::guide::Guide;
use crate::core::version::Level;
use crate::load::links::{self, Target};
use crate::load::site::Site;
use std::collections::HashMap;

pub struct GuideResult {
    pub diagnostics: Vec<Diagnostic>,
    pub pages: Vec<PageStats>,
    /// Per entry of the language's glossary: (uses, uses flagged).
    pub term_counts: Vec<(usize, usize)>,
    /// Each level's headings, for comparing a guide with its translation.
    pub headings: Vec<(Level, Vec<Heading>)>,
}

/// A heading: its level (1 to 6), text and offset in the body.
pub type Heading = (u8, String, usize);

struct Checker<'a> {
    site: &'a Site,
    guide: &'a Guide,
    index: LineIndex<'a>,
    out: Vec<Diagnostic>,
    allow: Vec<String>,
    term_counts: Vec<(usize, usize)>,
    /// The guide's language, its own glossary, and the analyser that
    /// counts sentences and grades pages in it.
    lang: Language,
    glossary: &'a Glossary,
    analyser: &'static dyn readability::Analyser,
}

/// The checks on a guide in the site's main language.
pub fn check(site: &Site, guide: &Guide, today: chrono::NaiveDate) -> GuideResult {
    check_in(site, Language::main(), guide, today)
}

/// The checks on a guide in `lang` (an original, or a translation into
/// `lang`): jargon against that language's glossary, and readability by
/// that language's analyser.
pub fn check_in(site: &Site, lang: Language, guide: &Guide, today: chrono::NaiveDate) -> GuideResult {
    let glossary = site.glossary_for(lang);
    let mut c = Checker {
        site,
        guide,
        index: LineIndex::new(&guide.source),
        out: Vec::new(),
        allow: guide.front.lint.allow.iter().map(|a| crate::load::glossary::matcher::normalize(a).to_lowercase()).collect(),
        term_counts: vec![(0, 0); glossary.entries.len()],
        lang,
        glossary,
        analyser: readability::analyser_for(site.lang_tag(lang)),
    };
    let mut pages = Vec::new();
    let mut headings: Vec<(Level, Vec<Heading>)> = Vec::new();
    // Shared blocks appear in every version: analyse each unit once.
    let mut cache: HashMap<(usize, usize), Analysis> = HashMap::new();
    let mut plain_units: Option<std::rc::Rc<Vec<Unit>>> = None;
    // The main level first: a level that falls back to it often has the
    // same text, and then shares its units.
    for level in Level::main_first() {
        let units = match &plain_units {
            Some(p) if level.fallback().is_some_and(|f| f.is_main() && guide.level_source(level) == guide.level_source(f)) => p.clone(),
            _ => std::rc::Rc::new(text::units(guide.level_source(level))),
        };
        if level.is_main() {
            plain_units = Some(units.clone());
        }
        for u in units.iter() {
            cache.entry((u.start, u.text.len())).or_insert_with(|| Analysis::of(glossary, c.analyser, u));
        }
        c.level(level, &units, &cache);
        let stats = c.analyser.stats(
            &mut units.iter().filter(|u| !matches!(u.kind, Kind::Heading(_))).flat_map(|u| cache[&(u.start, u.text.len())].sentences.iter()),
        );
        c.grade(level, &stats, &units);
        pages.push(PageStats { file: guide.file.clone(), slug: guide.slug.clone(), language: lang, level, stats });
        headings.push((
            level,
            units
                .iter()
                .filter_map(|u| match u.kind {
                    Kind::Heading(h) => Some((h, u.text.clone(), u.start)),
                    _ => None,
                })
                .collect(),
        ));
    }
    headings.sort_by_key(|(l, _)| *l);
    c.headings(&headings);
    c.stale(today);
    GuideResult { diagnostics: c.out, pages, term_counts: c.term_counts, headings }
}

/// Roman numerals and the like are capitals but not abbreviations.
fn harmless_caps(word: &str) -> bool {
    word == "OK" || word.chars().all(|c| "IVXLC".contains(c))
}

impl Checker<'_> {
    fn silenced(&self, unit: &Unit, rule: Rule, term: Option<&str>) -> bool {
        let rule_l = rule.id().to_lowercase();
        if unit.ignores(rule.id()) || self.allow.contains(&rule_l) {
            return true;
        }
        if let Some(t) = term {
            let t = t.to_lowercase();
            return unit.ignores(&t) || self.allow.contains(&t);
        }
        false
    }

    fn at(&self, d: Diagnostic, body_offset: usize, level: Level) -> Diagnostic {
        self.index.diag(d, self.guide.body_start + body_offset).level(level)
    }

    fn push(&mut self, d: Diagnostic) {
        self.out.push(d);
    }

    fn level(&mut self, level: Level, units: &[Unit], cache: &HashMap<(usize, usize), Analysis>) {
        let th = self.site.config.lint.for_level(level);
        let file = self.guide.file.clone();
        for u in units {
            let a = &cache[&(u.start, u.text.len())];
            self.jargon(level, u, a);
            // Pictures and links.
            for img in &u.images {
                if img.alt.trim().is_empty() && !self.silenced(u, Rule::StructureAltText, None) {
                    let d = Diagnostic::error(Rule::StructureAltText, &file, "this picture has no alt text")
                        .hint("Describe the picture between the square brackets: ![A person on the phone](pictures/phone.svg)");
                    let d = self.at(d, img.offset, level).span(2);
                    self.push(d);
                }
                self.link(level, u, &img.url, img.offset, true);
            }
            for (url, off) in &u.links {
                self.link(level, u, url, *off, false);
            }
            if matches!(u.kind, Kind::Heading(_)) {
                continue;
            }
            // Sentence length.
            for sentence in &a.sentences {
                let (s, n) = (sentence.range.clone(), sentence.words);
                if n > th.max_sentence_words && !self.silenced(u, Rule::ReadabilitySentenceLength, None) {
                    let d = Diagnostic::warning(
                        Rule::ReadabilitySentenceLength,
                        &file,
                        format!("this sentence has {n} words; {} aims at {} or fewer", level.name().to_lowercase(), th.max_sentence_words),
                    )
                    .hint("Split it into shorter sentences, with one idea in each.");
                    let d = self.at(d, u.source_offset(s.start), level).span(u.text[s].chars().count().min(40));
                    self.push(d);
                }
            }
            // Easy read paragraphs need a picture.
            if level.spec().pictures
                && u.kind == Kind::Paragraph
                && !u.has_picture
                && !u.picture_only
                && self.guide.in_container_for(u.start, level)
                && !self.silenced(u, Rule::StructureEasyPicture, None)
            {
                let d = Diagnostic::warning(Rule::StructureEasyPicture, &file, "this easy read paragraph has no picture")
                    .hint("Put a picture on the line just above it: ![What the picture shows](pictures/name.svg)");
                let d = self.at(d, u.start, level);
                self.push(d);
            }
            if level.spec().warn_emphasis && !self.silenced(u, Rule::StructureEmphasis, None) {
                for r in &u.italics {
                    let d = Diagnostic::warning(Rule::StructureEmphasis, &file, "italics are hard to read for many people")
                        .hint("Use bold for emphasis: **like this**.");
                    let d = self.at(d, r.start, level).span(r.len());
                    self.push(d);
                }
            }
        }
    }

    fn link(&mut self, level: Level, u: &Unit, url: &str, offset: usize, picture: bool) {
        if self.silenced(u, Rule::LinksBroken, None) {
            return;
        }
        let guides_root = self.site.root.join("content/guides");
        if let Target::Broken(why) = links::resolve(url, level, &self.guide.dir, &guides_root, self.site) {
            let what = if picture { "picture" } else { "link" };
            let d = Diagnostic::error(Rule::LinksBroken, &self.guide.file, format!("broken {what}: {why}")).hint(
                "Link to another guide with [text](@/guides/slug.md), to the glossary with @/glossary, and to the directory with @/directory.",
            );
            let d = self.at(d, offset, level).span(url.chars().count() + 4);
            self.push(d);
        }
    }

    fn jargon(&mut self, level: Level, u: &Unit, a: &Analysis) {
        let g = self.glossary;
        let quoted = &a.quoted;
        // Both lists are in order and never overlap: search, don't scan, so
        // a long paragraph with many matches stays linear.
        let in_quote = |p: usize| {
            let i = quoted.partition_point(|r| r.end <= p);
            quoted.get(i).is_some_and(|r| r.contains(&p))
        };
        let matches = &a.matches;
        let file = self.guide.file.clone();
        for m in matches {
            let e = &g.entries[m.entry];
            if level.is_main() {
                self.term_counts[m.entry].0 += 1;
            }
            if in_quote(m.start) {
                continue;
            }
            let (avoid, severity) =
                if level.spec().easy_rules { (e.easy == EasyUse::Avoid, Severity::Error) } else { (e.plain == PlainUse::Avoid, Severity::Warning) };
            if !avoid || self.silenced(u, Rule::JargonAvoid, Some(&e.term)) {
                continue;
            }
            // A level that falls back to another repeats its text: count once.
            if level.fallback().is_none() {
                self.term_counts[m.entry].1 += 1;
            }
            let word = &u.text[m.start..m.end];
            let mut d = Diagnostic::new(
                severity,
                Rule::JargonAvoid,
                &file,
                format!("`{word}` is jargon to avoid here"),
            );
            d = match &e.instead {
                Some(i) => d.hint(format!("Say instead: {i}")),
                None => d.hint(format!("Explain it in everyday words. It means: {}", e.means)),
            };
            let d = self.at(d, u.source_offset(m.start), level).span(word.chars().count());
            self.push(d);
        }
        // Abbreviations: capitals not in the glossary.
        let known = |p: usize| {
            let i = matches.partition_point(|m| m.end <= p);
            matches.get(i).is_some_and(|m| (m.start..m.end).contains(&p))
        };
        let caps: Vec<(usize, &str)> =
            a.caps.iter().map(|&(p, len)| (p, &u.text[p..p + len])).filter(|(p, _)| !known(*p) && !in_quote(*p)).collect();
        let mut i = 0;
        while i < caps.len() {
            // Two or more capital words in a row read as shouting, not an abbreviation.
            let mut j = i;
            while j + 1 < caps.len() && u.text[caps[j].0 + caps[j].1.len()..caps[j + 1].0].trim().is_empty() {
                j += 1;
            }
            let (pos, word) = caps[i];
            if j > i {
                if level.spec().warn_emphasis && !self.silenced(u, Rule::StructureEmphasis, None) {
                    let end = caps[j].0 + caps[j].1.len();
                    let d = Diagnostic::warning(Rule::StructureEmphasis, &file, "words in capital letters are hard to read")
                        .hint("Write it in ordinary letters, and use bold for emphasis: **like this**.");
                    let d = self.at(d, u.source_offset(pos), level).span(u.text[pos..end].chars().count());
                    self.push(d);
                }
            } else if !self.silenced(u, Rule::JargonAbbreviation, Some(word)) {
                let severity = if level.spec().easy_rules { Severity::Error } else { Severity::Warning };
                let d = Diagnostic::new(severity, Rule::JargonAbbreviation, &file, format!("`{word}` is an abbreviation that is not in the glossary"))
                    .hint(format!("Write it out in full, or add it to {} with `term: {word}` and `abbr: …`.", self.glossary_file()));
                let d = self.at(d, u.source_offset(pos), level).span(word.chars().count());
                self.push(d);
            }
            i = j + 1;
        }
    }

    fn grade(&mut self, level: Level, stats: &readability::Stats, units: &[Unit]) {
        let th = self.site.config.lint.for_level(level);
        // Without a proven formula for the language there is no grade to check.
        let Some(formula) = self.analyser.grade_formula() else { return };
        if stats.words == 0 || stats.flesch_kincaid_grade <= th.max_grade {
            return;
        }
        if self.allow.contains(&Rule::ReadabilityGrade.to_string()) {
            return;
        }
        let d = Diagnostic::warning(
            Rule::ReadabilityGrade,
            &self.guide.file,
            format!(
                "the {} version reads at school grade {:.1} ({formula}); aim for {} or lower",
                level.name().to_lowercase(),
                stats.flesch_kincaid_grade,
                th.max_grade
            ),
        )
        .hint(format!(
            "Use shorter sentences (now {:.1} words on average, longest {}) and shorter, everyday words.",
            stats.mean_sentence_words, stats.max_sentence_words
        ));
        let at = units.first().map(|u| u.start).unwrap_or(0);
        let d = self.at(d, at, level);
        self.push(d);
    }

    fn glossary_file(&self) -> String {
        if self.lang.is_main() { Glossary::FILE.to_string() } else { Glossary::file_for(self.lang.code()) }
    }

    fn headings(&mut self, all: &[(Level, Vec<Heading>)]) {
        let plain = &all.iter().find(|(l, _)| l.is_main()).expect("the main level is checked").1;
        for (level, hs) in all {
            if level.is_main() {
                continue;
            }
            let n = hs.len().max(plain.len());
            for i in 0..n {
                let (a, b) = (hs.get(i), plain.get(i));
                if a.map(|x| (x.0, &x.1)) == b.map(|x| (x.0, &x.1)) {
                    continue;
                }
                let (msg, at) = match (a, b) {
                    (Some(a), Some(b)) => (format!("the {} version has the heading \"{}\" where the plain version has \"{}\"", level.name().to_lowercase(), a.1, b.1), a.2.min(b.2)),
                    (Some(a), None) => (format!("the {} version has an extra heading \"{}\"", level.name().to_lowercase(), a.1), a.2),
                    (None, Some(b)) => (format!("the {} version is missing the heading \"{}\"", level.name().to_lowercase(), b.1), b.2),
                    (None, None) => unreachable!(),
                };
                let d = Diagnostic::warning(Rule::StructureHeadingsDiffer, &self.guide.file, msg)
                    .hint("Put headings outside `::: easy` and `::: plain` blocks, so every version shares them.");
                let d = self.at(d, at, *level);
                self.push(d);
                break;
            }
        }
    }

    fn stale(&mut self, today: chrono::NaiveDate) {
        if self.allow.contains(&Rule::ContentStale.to_string()) {
            return;
        }
        let months = self.site.config.lint.stale_after_months;
        if months == 0 {
            return;
        }
        let line = self.guide.source.lines().position(|l| l.starts_with("reviewed:")).map(|i| i + 1).unwrap_or(1);
        let d = match self.guide.reviewed {
            None => Diagnostic::warning(Rule::ContentStale, &self.guide.file, "this guide has no `reviewed` date")
                .hint("Add `reviewed: YYYY-MM-DD` to the front matter after you check the guide is still right."),
            Some(date) => {
                let limit = today.checked_sub_months(chrono::Months::new(months)).unwrap_or(today);
                if date >= limit {
                    return;
                }
                Diagnostic::warning(
                    Rule::ContentStale,
                    &self.guide.file,
                    format!("this guide was last checked on {date}, more than {months} months ago"),
                )
                .hint("Check the guide is still right, then update `reviewed:`.")
            }
        };
        let mut d = d.at(line, 1);
        d.source_line = Some(self.index.source_line(line, None));
        self.push(d);
    }
}

/// What a unit holds, whatever the version: worked out once per unit.
pub struct Analysis {
    matches: Vec<crate::load::glossary::Match>,
    sentences: Vec<readability::Sentence>,
    /// (offset, length) of words in capitals.
    caps: Vec<(usize, usize)>,
    quoted: Vec<std::ops::Range<usize>>,
}

impl Analysis {
    fn of(glossary: &crate::load::glossary::Glossary, analyser: &dyn readability::Analyser, u: &Unit) -> Self {
        let text = &u.text;
        let sentences = if matches!(u.kind, Kind::Heading(_)) { Vec::new() } else { analyser.sentences(text) };
        Analysis { matches: glossary.find(text), sentences, caps: capital_words(text), quoted: quoted_ranges(text) }
    }
}

/// Words of two or more capitals (a plural `s` or `'s` allowed after them).
fn capital_words(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let starts_word = i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] >= 0x80);
        if !(starts_word && b[i].is_ascii_uppercase() && b.get(i + 1).is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_digit())) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] >= 0x80) {
            j += 1;
        }
        let word = &text[i..j];
        let core = word.strip_suffix('s').filter(|w| is_all_caps(w)).unwrap_or(word);
        if is_all_caps(core) && !harmless_caps(core) {
            out.push((i, core.len()));
        }
        i = j.max(i + 1);
    }
    out
}

/// Text inside double quotes is someone's words or a title, not ours.
fn quoted_ranges(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (c, open) {
            ('\u{201C}', _) => open = Some(i),
            ('\u{201D}', Some(s)) => {
                out.push(s..i);
                open = None;
            }
            ('"', None) => open = Some(i),
            ('"', Some(s)) => {
                out.push(s..i);
                open = None;
            }
            _ => {}
        }
    }
    out
}
