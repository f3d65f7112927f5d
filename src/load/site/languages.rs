//! site.yaml's `language:` and `languages:`: checked, then made into the
//! site's language table (`core::language::Languages`).

use super::config::Config;
use crate::core::diagnostics::Diagnostic;
use crate::core::language::{Languages, MAX_CODE};
use crate::core::rules::Rule;

/// Folders at the output's root that a language's folder must not take.
const TAKEN: [&str; 3] = ["css", "js", "media"];
/// More languages than this is a mistake, not a site.
const MAX_LANGUAGES: usize = 64;

/// Is `code` a language code we can use as a folder: a BCP 47 tag made of
/// small letters first (`cy`, `pt-BR`), at most [`MAX_CODE`] characters?
pub fn valid_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let first = parts.next().unwrap_or("");
    code.len() <= MAX_CODE
        && (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
        && code.parse::<unic_langid::LanguageIdentifier>().is_ok()
}

/// Problems with `languages:`; a language with one is dropped, so the rest
/// of the site still loads and is checked.
pub fn check(config: &mut Config, text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let levels: Vec<&str> = crate::core::version::Level::ALL.iter().map(|l| l.spec().folder).collect();
    let mut bad = Vec::new();
    for (code, lang) in &config.languages {
        let why = if !valid_code(code) {
            Some(format!("`{code}` is not a language code easyinfo can use"))
        } else if *code == config.language {
            Some(format!("`{code}` is the site's main language (`language:`), so it needs no copy"))
        } else if TAKEN.contains(&code.as_str()) || levels.contains(&code.as_str()) {
            Some(format!("`{code}` is the name of a folder easyinfo writes itself"))
        } else if lang.name.trim().is_empty() {
            Some(format!("the language `{code}` has no `name`"))
        } else {
            None
        };
        if let Some(why) = why {
            out.push(at_key(
                Diagnostic::error(Rule::InputLanguage, super::SITE_FILE, why).hint(
                    "Each entry of `languages:` is a language's code, small letters as in `cy` or `pt-BR`, with its name in itself: `cy: { name: Cymraeg }`.",
                ),
                text,
                code,
            ));
            bad.push(code.clone());
        }
    }
    if config.languages.len() > MAX_LANGUAGES {
        out.push(at_key(Diagnostic::error(Rule::InputLanguage, super::SITE_FILE, format!("`languages:` has {} languages; at most {MAX_LANGUAGES} are allowed", config.languages.len())), text, "languages"));
        bad.extend(config.languages.keys().cloned());
    }
    for code in bad {
        config.languages.remove(&code);
    }
    out
}

/// The diagnostic, at the first line where `key:` is written (or unplaced).
fn at_key(d: Diagnostic, text: &str, key: &str) -> Diagnostic {
    match line_of_key(text, key) {
        Some(line) => d.at(line, 1).with_source_line(text.lines().nth(line - 1).unwrap_or("")),
        None => d,
    }
}

/// The first line (from 1) with `key:` as a key, block or flow style.
pub fn line_of_key(text: &str, key: &str) -> Option<usize> {
    let pat = [format!("{key}:"), format!("\"{key}\":"), format!("'{key}':")];
    text.lines().position(|l| {
        let t = l.trim_start().trim_start_matches(['{', ',', ' ']);
        pat.iter().any(|p| t.starts_with(p.as_str())) || l.contains(&format!("{{ {key}:")) || l.contains(&format!(", {key}:"))
    }).map(|i| i + 1)
}

/// The site's language table. The main language's name comes from its
/// strings file (`language_name`), the others' from `languages:`.
pub fn table(config: &Config, main_name: &str) -> Languages {
    let others: Vec<(String, String)> = config.languages.iter().map(|(c, l)| (c.clone(), l.name.trim().to_string())).collect();
    Languages::new(&config.language, main_name, &others)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_small_letters_first() {
        assert!(valid_code("cy") && valid_code("pt-BR") && valid_code("gd"));
        assert!(!valid_code("CY") && !valid_code("c") && !valid_code("../x") && !valid_code("cy/easy") && !valid_code("welsh-language-x"));
    }

    #[test]
    fn a_bad_language_is_named_on_its_line() {
        let text = "title: x\nlanguages:\n  cy: { name: Cymraeg }\n  easy: { name: Easy }\n  Fr: { name: Français }\n";
        let mut c: Config = crate::load::site::yaml::parse(text, "site.yaml", 0).unwrap();
        let d = check(&mut c, text);
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(d[0].line, 5, "{:?}", d[0]);
        assert!(d[0].message.contains("`Fr`"));
        assert_eq!(d[1].line, 4);
        assert_eq!(c.languages.keys().collect::<Vec<_>>(), ["cy"]);
        let t = table(&c, "English");
        assert_eq!(t.spec(t.parse("cy").unwrap()).name, "Cymraeg");
    }
}
