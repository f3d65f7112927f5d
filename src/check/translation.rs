//! A guide and its translation into one of the site's other languages:
//! `translation/missing` (no translation), `translation/stale` (reviewed
//! before the original) and `translation/headings-differ` (headings of a
//! different structure in some version).

use super::guide::Heading;
use crate::core::diagnostics::{Diagnostic, LineIndex, Severity};
use crate::core::language::Language;
use crate::core::rules::Rule;
use crate::core::version::Level;
use crate::load::guide::Guide;
use crate::load::site::Site;

/// The checks of `original` against its translation into `lang`, if it has
/// one (with that translation's headings per level).
pub fn check(site: &Site, lang: Language, original: &Guide, headings: &[(Level, Vec<Heading>)], translation: Option<(&Guide, &[(Level, Vec<Heading>)])>) -> Vec<Diagnostic> {
    let names = Names::of(site, lang);
    let Some((t, t_headings)) = translation else {
        return vec![missing(site, lang, &names, original)];
    };
    let mut out: Vec<Diagnostic> = stale(&names, original, t).into_iter().collect();
    let index = LineIndex::new(&t.source);
    for (level, ours) in headings {
        let Some((_, theirs)) = t_headings.iter().find(|(l, _)| l == level) else { continue };
        if let Some((msg, at)) = first_difference(&names, ours, theirs) {
            let d = Diagnostic::warning(Rule::TranslationHeadingsDiffer, &t.file, msg)
                .hint(format!("Give the translation the same headings as {}, at the same levels and in the same order; their words may differ.", original.file));
            out.push(index.diag(d, t.body_start + at).level(*level));
        }
    }
    out
}

/// How messages name the two languages: by the names site.yaml gives them.
struct Names {
    original: String,
    translation: String,
    code: String,
}

impl Names {
    fn of(site: &Site, lang: Language) -> Names {
        let langs = site.languages();
        Names { original: langs.spec(Language::main()).name.clone(), translation: langs.spec(lang).name.clone(), code: lang.code().to_string() }
    }
}

/// Where the translation of `file` into `code` goes: beside it, with the code before `.md`.
pub fn translation_file(file: &str, code: &str) -> String {
    format!("{}.{code}.md", file.strip_suffix(".md").unwrap_or(file))
}

fn missing(site: &Site, lang: Language, n: &Names, original: &Guide) -> Diagnostic {
    let want = translation_file(&original.file, lang.code());
    let severity = if site.config.require_translations { Severity::Error } else { Severity::Warning };
    let hint = if site.config.require_translations {
        format!("Write the {} version in {want} (it shares the original's pictures). `require_translations: true` in site.yaml makes this an error.", n.translation)
    } else {
        format!("Write the {} version in {want} (it shares the original's pictures). Until then the {} page links to the {} home page.", n.translation, n.original, n.translation)
    };
    Diagnostic::new(severity, Rule::TranslationMissing, &original.file, format!("this guide has no {} ({}) translation: {want} is missing", n.translation, n.code)).hint(hint)
}

fn stale(n: &Names, original: &Guide, t: &Guide) -> Option<Diagnostic> {
    let theirs = original.reviewed?;
    let message = match t.reviewed {
        Some(ours) if ours >= theirs => return None,
        Some(ours) => format!("this {} translation was reviewed on {ours}, before its original {} (reviewed on {theirs})", n.translation, original.file),
        None => format!("this {} translation has no `reviewed` date, so it counts as older than its original {} (reviewed on {theirs})", n.translation, original.file),
    };
    let line = t.source.lines().position(|l| l.starts_with("reviewed:")).map_or(1, |i| i + 1);
    let mut d = Diagnostic::warning(Rule::TranslationStale, &t.file, message)
        .hint(format!("Bring the translation up to date with the {} guide, then set its `reviewed:` to {theirs} or later.", n.original))
        .at(line, 1);
    d.source_line = Some(LineIndex::new(&t.source).source_line(line, None));
    Some(d)
}

/// The first place the translation's headings differ in structure (count,
/// levels, order) from the original's: the message and the body offset to
/// point at in the translation. Their words are not compared.
fn first_difference(n: &Names, ours: &[Heading], theirs: &[Heading]) -> Option<(String, usize)> {
    let count = |h: &[Heading]| match h.len() {
        1 => "1 heading".to_string(),
        k => format!("{k} headings"),
    };
    let counts = (ours.len() != theirs.len()).then(|| format!("the {} has {} where the {} has {}", n.translation, count(theirs), n.original, count(ours)));
    if let Some(i) = ours.iter().zip(theirs).position(|(a, b)| a.0 != b.0) {
        let mut msg = format!("the {} has a level-{} heading here, the {} a level-{}", n.original, ours[i].0, n.translation, theirs[i].0);
        if let Some(c) = counts {
            msg.push_str(&format!(" ({c})"));
        }
        return Some((msg, theirs[i].2));
    }
    let msg = counts?;
    // An extra heading is pointed at; a missing one, at the last heading there is.
    let at = theirs.get(ours.len()).or(theirs.last()).map_or(0, |h| h.2);
    Some((msg, at))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n() -> Names {
        Names { original: "English".into(), translation: "Cymraeg".into(), code: "cy".into() }
    }
    fn hs(levels: &[u8]) -> Vec<Heading> {
        levels.iter().enumerate().map(|(i, l)| (*l, format!("h{i}"), i * 10)).collect()
    }

    #[test]
    fn only_structure_counts() {
        let mut other_words = hs(&[1, 2, 2]);
        other_words[1].1 = "Rhan un".into();
        assert_eq!(first_difference(&n(), &hs(&[1, 2, 2]), &other_words), None);
    }

    #[test]
    fn the_first_difference_is_named_where_it_is() {
        let (m, at) = first_difference(&n(), &hs(&[1, 2, 2]), &hs(&[1, 3, 2])).unwrap();
        assert_eq!((m.as_str(), at), ("the English has a level-2 heading here, the Cymraeg a level-3", 10));
        let (m, at) = first_difference(&n(), &hs(&[1, 2, 2]), &hs(&[1, 2])).unwrap();
        assert_eq!((m.as_str(), at), ("the Cymraeg has 2 headings where the English has 3 headings", 10));
        let (m, at) = first_difference(&n(), &hs(&[1, 2]), &hs(&[1, 2, 3])).unwrap();
        assert_eq!((m.as_str(), at), ("the Cymraeg has 3 headings where the English has 2 headings", 20));
        let (m, _) = first_difference(&n(), &hs(&[1]), &hs(&[2, 2])).unwrap();
        assert_eq!(m, "the English has a level-1 heading here, the Cymraeg a level-2 (the Cymraeg has 2 headings where the English has 1 heading)");
    }

    #[test]
    fn translations_sit_beside_their_originals() {
        assert_eq!(translation_file("content/guides/money.md", "cy"), "content/guides/money.cy.md");
        assert_eq!(translation_file("content/guides/money/index.md", "cy"), "content/guides/money/index.cy.md");
    }
}
