//! A service's or category's text in the site's other languages: a map
//! named by the language's code (`cy: { name: …, description: … }`).
//!
//! The maps are taken out of the YAML text before the service or category
//! is read (their lines left blank, so every line number stays true), then
//! read on their own with `deny_unknown_fields`: an unknown field is named
//! with its line, and a map for a language the site does not have stays in
//! the text, where the service's own check calls it an unknown field.

use crate::core::diagnostics::Diagnostic;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A service's text fields in one language. A field left out shows the
/// original's words (marked as the main language's on the page).
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ServiceText {
    pub name: Option<String>,
    pub organization: Option<String>,
    pub description: Option<String>,
    pub easy_description: Option<String>,
    pub who_for: Option<String>,
    pub cost: Option<String>,
}

/// A category's text fields in one language.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CategoryText {
    pub name: Option<String>,
    pub easy_name: Option<String>,
    pub description: Option<String>,
}

/// Language code to the text in it.
pub type ByLanguage<T> = BTreeMap<String, T>;

impl ServiceText {
    pub fn normalise(&mut self) {
        for x in [&mut self.name, &mut self.organization, &mut self.description, &mut self.easy_description, &mut self.who_for, &mut self.cost].into_iter().flatten() {
            *x = crate::core::fold::nfc(x);
        }
    }
}

impl CategoryText {
    pub fn normalise(&mut self) {
        for x in [&mut self.name, &mut self.easy_name, &mut self.description].into_iter().flatten() {
            *x = crate::core::fold::nfc(x);
        }
    }
}

/// `text` with every `<code>:` map of the `codes` blanked out, and the maps
/// as YAML texts of the same length in lines, each with the number of the
/// list item it is in (0 for a file that is one mapping).
pub fn split(text: &str, codes: &[String]) -> (String, BTreeMap<usize, String>) {
    let lines: Vec<&str> = text.lines().collect();
    let mut keep: Vec<&str> = lines.clone();
    let mut blocks: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    let mut item: Option<usize> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if line.starts_with('-') {
            item = Some(item.map_or(0, |n| n + 1));
        }
        let indent = line.len() - line.trim_start_matches(' ').len();
        let key = line.trim_start_matches(' ');
        let is_map = codes.iter().any(|c| key.strip_prefix(c.as_str()).and_then(|r| r.strip_prefix(':')).is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t'])));
        if !is_map {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < lines.len() {
            let l = lines[end];
            let ind = l.len() - l.trim_start_matches(' ').len();
            if !(l.trim().is_empty() || ind > indent) {
                break;
            }
            end += 1;
        }
        let block = blocks.entry(item.unwrap_or(0)).or_insert_with(|| vec![String::new(); lines.len()]);
        for n in i..end {
            block[n] = lines[n].get(indent..).unwrap_or("").to_string();
            keep[n] = "";
        }
        i = end;
    }
    let mut rest = keep.join("\n");
    if text.ends_with('\n') {
        rest.push('\n');
    }
    (rest, blocks.into_iter().map(|(k, v)| (k, v.join("\n"))).collect())
}

/// Reads one item's maps: language code to its text.
pub fn parse<T: serde::de::DeserializeOwned>(block: &str, file: &str) -> Result<ByLanguage<T>, Diagnostic> {
    crate::load::site::yaml::parse(block, file, 0).map_err(|d| {
        if d.suggestion.is_some() {
            d
        } else {
            d.hint("A translation is a map named by the language's code, with the fields it translates: `cy: { name: …, description: … }`.")
        }
    })
}

/// A hint for serde's "unknown field `fr`" when `fr` looks like a language
/// code: the site does not have that language.
pub fn unknown_language_hint(d: Diagnostic) -> Diagnostic {
    let field = d.message.split("unknown field `").nth(1).and_then(|r| r.split('`').next()).map(str::to_string);
    match field {
        Some(code) if crate::load::site::languages::valid_code(&code) => {
            let mut d = d;
            d.suggestion = None;
            d.hint(format!("If `{code}:` is this text in another language, add `{code}: {{ name: … }}` under `languages:` in site.yaml."))
        }
        _ => d,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_come_out_and_lines_stay() {
        let text = "id: a\nname: A\ncy:\n  name: Aa\n  description: Dd\nreviewed: 2026-01-01\n";
        let (rest, blocks) = split(text, &["cy".into()]);
        assert_eq!(rest, "id: a\nname: A\n\n\n\nreviewed: 2026-01-01\n");
        let m: ByLanguage<ServiceText> = parse(&blocks[&0], "x.yaml").unwrap();
        assert_eq!(m["cy"].name.as_deref(), Some("Aa"));
        let (_, blocks) = split("id: a\ncy:\n  nmae: Aa\n", &["cy".into()]);
        let e = parse::<ServiceText>(&blocks[&0], "x.yaml").unwrap_err();
        assert_eq!(e.line, 3, "{e:?}");
        assert!(e.message.contains("nmae"), "{e:?}");
    }

    #[test]
    fn list_items_keep_their_own_maps() {
        let text = "- id: a\n  name: A\n  cy: { name: Aa }\n- id: b\n  name: B\n- id: c\n  cy:\n    name: Cc\n  name: C\n";
        let (rest, blocks) = split(text, &["cy".into()]);
        assert!(!rest.contains("cy") && rest.contains("name: C"), "{rest}");
        assert_eq!(blocks.keys().copied().collect::<Vec<_>>(), [0, 2]);
        let c: ByLanguage<CategoryText> = parse(&blocks[&2], "c.yaml").unwrap();
        assert_eq!(c["cy"].name.as_deref(), Some("Cc"));
        let (rest, blocks) = split(text, &[]);
        assert_eq!(rest, text);
        assert!(blocks.is_empty());
    }
}
