//! The theme's words in one language (`themes/<name>/i18n/<code>.yaml`),
//! resolved for each version: templates get them as `t`, Rust asks
//! [`Words`] for dates, times and labels. The shape of the file is told at
//! the top of `themes/default/i18n/en.yaml`.

use crate::core::rules::Rule;
use crate::core::diagnostics::Diagnostic;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};

/// CLDR's plural forms: a map with only these keys is words by number.
const PLURAL_FORMS: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];
/// The key, in a map of words for each version, for every version not named.
const OTHER: &str = "other";
const RULE: Rule = Rule::ThemeStrings;

/// One language's strings file, checked.
#[derive(Clone)]
pub struct Strings {
    lang: String,
    /// Each version's id to its words.
    by_version: HashMap<String, Words>,
}

/// The words for one version of the pages in one language.
#[derive(Debug, Clone)]
pub struct Words {
    map: Map<String, Value>,
}

impl Strings {
    /// Reads `text`, the file `file` for language `lang`. Every key of
    /// `reference` (the built-in English file) must be in it; `versions` are
    /// the version ids a key may have words for.
    pub fn parse(file: &str, lang: &str, text: &str, reference: Option<&Strings>, versions: &[&str]) -> Result<Strings, Vec<Diagnostic>> {
        let err = |msg: String| Diagnostic::error(RULE, file, msg);
        let raw: BTreeMap<String, serde_yaml::Value> = serde_yaml::from_str(text).map_err(|e| {
            let d = err(format!("the strings file cannot be read: {e}"));
            vec![match e.location() {
                Some(l) => d.at(l.line(), l.column()),
                None => d,
            }]
        })?;
        let mut errors = Vec::new();
        let mut entries = BTreeMap::new();
        for (key, v) in raw {
            match entry(&v, versions, true) {
                Ok(e) => {
                    entries.insert(key, e);
                }
                Err(why) => errors.push(err(format!("the key `{key}` {why}")).hint(
                    "A key's value is words, a list of words, words for each version (`easy:`, `other:`) or words by number (`one:`, `other:`).",
                )),
            }
        }
        if let Some(r) = reference {
            let any = r.by_version.values().next().map(|w| &w.map);
            for key in any.into_iter().flat_map(Map::keys).filter(|k| !entries.contains_key(*k)) {
                errors.push(err(format!("the key `{key}` is missing")).hint("Every key in the built-in English strings file must be in each language's file."));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let by_version = versions.iter().map(|v| (v.to_string(), Words::resolve(&entries, v, lang))).collect();
        Ok(Strings { lang: lang.to_string(), by_version })
    }

    /// The built-in English words, for what is made once for every site
    /// theme (the search index) and for tests.
    pub fn builtin() -> &'static Strings {
        static BUILTIN: std::sync::OnceLock<Strings> = std::sync::OnceLock::new();
        BUILTIN.get_or_init(|| {
            let versions: Vec<&str> = crate::core::version::Level::ALL.iter().map(|l| l.id()).collect();
            let text = include_str!("../../themes/default/i18n/en.yaml");
            Strings::parse("(built-in theme) i18n/en.yaml", "en", text, None, &versions).expect("the built-in strings file is valid")
        })
    }

    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// The words for the version `id`.
    pub fn words(&self, id: &str) -> &Words {
        self.by_version.get(id).unwrap_or_else(|| panic!("strings are made for every version, not for `{id}`"))
    }
}

/// A checked value: words, a list, words by number, or words per version.
enum Entry {
    Text(String),
    List(Vec<String>),
    Plural(BTreeMap<String, String>),
    ByVersion(BTreeMap<String, Entry>),
}

fn entry(v: &serde_yaml::Value, versions: &[&str], top: bool) -> Result<Entry, String> {
    use serde_yaml::Value as Y;
    let text = |v: &Y| match v {
        Y::String(s) => Some(s.clone()),
        Y::Number(n) => Some(n.to_string()),
        _ => None,
    };
    if let Some(s) = text(v) {
        return Ok(Entry::Text(s));
    }
    match v {
        Y::Sequence(items) => items.iter().map(text).collect::<Option<Vec<_>>>().map(Entry::List).ok_or_else(|| "has a list with something other than words in it".into()),
        Y::Mapping(m) => {
            let keys: Vec<String> = m.keys().map(|k| text(k).unwrap_or_default()).collect();
            if !keys.iter().any(|k| k == OTHER) {
                return Err("needs an `other:` for the rest".into());
            }
            if keys.iter().all(|k| PLURAL_FORMS.contains(&k.as_str())) && m.values().all(|v| text(v).is_some()) {
                return Ok(Entry::Plural(keys.into_iter().zip(m.values().filter_map(text)).collect()));
            }
            if !top {
                return Err("has words for each version inside words for each version".into());
            }
            let mut out = BTreeMap::new();
            for (k, v) in keys.into_iter().zip(m.values()) {
                if k != OTHER && !versions.contains(&k.as_str()) {
                    return Err(format!("has words for `{k}`, which is not a version ({})", versions.join(", ")));
                }
                out.insert(k, entry(v, versions, false)?);
            }
            Ok(Entry::ByVersion(out))
        }
        _ => Err("has no words".into()),
    }
}

impl Words {
    fn resolve(entries: &BTreeMap<String, Entry>, version: &str, lang: &str) -> Words {
        fn value(e: &Entry, version: &str, lang: &str) -> Value {
            match e {
                Entry::Text(s) => Value::String(s.clone()),
                Entry::List(l) => Value::from(l.clone()),
                // The `fill` filter picks the form by the language's rules.
                Entry::Plural(forms) => {
                    let mut m: Map<String, Value> = forms.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect();
                    m.insert("lang".into(), Value::String(lang.to_string()));
                    Value::Object(m)
                }
                Entry::ByVersion(by) => value(by.get(version).or_else(|| by.get(OTHER)).expect("checked: has `other`"), version, lang),
            }
        }
        Words { map: entries.iter().map(|(k, e)| (k.clone(), value(e, version, lang))).collect() }
    }

    /// Every key, for templates.
    pub fn map(&self) -> &Map<String, Value> {
        &self.map
    }

    /// The words for `key`. Every key Rust asks for is in the built-in file
    /// (a test checks), and every language's file has every key (checked at
    /// load), so a missing one shows as the key itself rather than failing.
    pub fn text<'a>(&'a self, key: &'a str) -> &'a str {
        self.map.get(key).and_then(Value::as_str).unwrap_or(key)
    }

    /// Item `i` of the list `key` (a month, a day).
    pub fn nth<'a>(&'a self, key: &'a str, i: usize) -> &'a str {
        self.map.get(key).and_then(|l| l.get(i)).and_then(Value::as_str).unwrap_or(key)
    }

    /// The words for `key` with each `{name}` filled in.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.text(key), |name| args.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string())).unwrap_or_else(|missing| format!("{key}: no {missing}"))
    }
}

/// Replaces each `{name}` in `template` by `value(name)`; `Err` names the
/// first placeholder with no value.
pub fn fill(template: &str, value: impl Fn(&str) -> Option<String>) -> Result<String, String> {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else { break };
        let name = &rest[start + 1..start + len];
        out.push_str(&rest[..start]);
        out.push_str(&value(name).ok_or_else(|| name.to_string())?);
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The plural form of `n` in language `lang` (`en-GB`, `cy`), by CLDR's rules.
pub fn plural_form(lang: &str, n: f64) -> &'static str {
    use intl_pluralrules::{PluralCategory as C, PluralRuleType, PluralRules};
    // The rules are by language: `en-GB` takes `en`'s.
    let main = lang.split(['-', '_']).next().unwrap_or(lang);
    let rules = [lang, main]
        .into_iter()
        .filter_map(|l| l.parse::<unic_langid::LanguageIdentifier>().ok())
        .find_map(|id| PluralRules::create(id, PluralRuleType::CARDINAL).ok());
    let form = rules.and_then(|r| if n.fract() == 0.0 { r.select(n as i64).ok() } else { r.select(n).ok() });
    match form {
        Some(C::ZERO) => "zero",
        Some(C::ONE) => "one",
        Some(C::TWO) => "two",
        Some(C::FEW) => "few",
        Some(C::MANY) => "many",
        _ => OTHER,
    }
}

/// `{{ t.key | fill(name=value, count=n) }}`: the words with each `{name}`
/// filled in by its value, escaped; words by number pick their form by
/// `count`. The words themselves are the theme's and go in as written.
pub struct Fill;

impl tera::Filter for Fill {
    fn filter(&self, value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let template = match value {
            Value::String(s) => s.as_str(),
            Value::Object(forms) => {
                let n = args.get("count").and_then(Value::as_f64).ok_or("`fill` needs `count=` for words by number")?;
                let lang = forms.get("lang").and_then(Value::as_str).unwrap_or("");
                forms.get(plural_form(lang, n)).or_else(|| forms.get(OTHER)).and_then(Value::as_str).unwrap_or("")
            }
            _ => return Err("`fill` is for words from the strings file (`t.…`)".into()),
        };
        let text = |v: &Value| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        fill(template, |name| args.get(name).map(|v| tera::escape_html(&text(v))))
            .map(Value::String)
            .map_err(|missing| format!("`fill` has no value for `{{{missing}}}` in \"{template}\"").into())
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// "3 March 2026", in the words' language.
pub fn human_date(d: chrono::NaiveDate, w: &Words) -> String {
    use chrono::Datelike;
    let (day, year) = (d.day().to_string(), d.year().to_string());
    w.fill("date", &[("day", &day), ("month", w.nth("months", d.month0() as usize)), ("year", &year)])
}

#[cfg(test)]
mod tests;
