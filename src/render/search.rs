//! The search index: plain JavaScript files that the directory home loads
//! with `<script src>`, so search works from `file://` with no server.
//!
//! - `js/search/index.<hash>.js` sets `window.EASYINFO_INDEX`: categories,
//!   areas, accessibility features, opening-time patterns, synonyms, and one
//!   short record per service (enough to filter and list results);
//! - `js/search/terms-<key>.<hash>.js` add words to `window.EASYINFO_TERMS[key]`:
//!   each word with the services it appears in. A small directory has one
//!   such file (`all`); a large one has one per first letter, so a query
//!   loads only the letters it needs.
//!
//! See `docs` in the README for the format; `themes/default/js/search.js` reads it.

use crate::load::directory::model::{Directory, Service};
use crate::load::directory::text;
use crate::load::glossary::Glossary;
use crate::render::OutputFile;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Where the search files go, inside the output folder.
pub const DIR: &str = crate::core::routes::SEARCH_DIR;

/// Word data smaller than this goes in one file.
const ONE_FILE_BYTES: usize = 120_000;
/// Short descriptions in results, while they stay smaller than this in total.
const SNIPPET_BUDGET: usize = 160_000;
const SNIPPET_CHARS: usize = 110;

/// Where a word was found; the client ranks name > category > other text.
pub const IN_NAME: u8 = 4;
pub const IN_CATEGORY: u8 = 2;
pub const IN_TEXT: u8 = 1;

pub struct Index {
    /// Output path of the main file, such as `js/search/index.1a2b3c4d5e.js`.
    pub main: String,
    pub files: Vec<OutputFile>,
    /// Sizes in bytes, for reports: (main file, all word files).
    pub sizes: (usize, usize),
}

#[derive(Serialize)]
struct Main {
    v: u32,
    /// [id, name, easy name or ""]
    cats: Vec<(String, String, String)>,
    /// [district, town or ""]
    areas: Vec<(String, String)>,
    /// [key, plain words, easy words]
    feats: Vec<(String, String, String)>,
    /// Opening-time patterns: [[day (Monday 0), opens, closes (minutes)], …]
    sched: Vec<Vec<(usize, u32, u32)>>,
    /// [id or "" when it is the name made into a slug, name, [cats], [areas],
    /// [feats], flags (1 free, 2 personal budget), sched or -1,
    /// short plain description, short easy description or ""]
    docs: Vec<serde_json::Value>,
    stop: &'static [&'static str],
    /// Groups of phrases that mean the same, each phrase a list of words.
    syn: Vec<Vec<Vec<String>>>,
    /// Word file key → path relative to the main file's folder.
    terms: BTreeMap<String, String>,
    /// true when word files are split by first letter.
    split: bool,
}

/// Build the index for a directory.
/// Postcode districts, each with the town most often named there (ties go
/// to the first name in alphabetical order), in district order.
pub fn areas(dir: &Directory) -> Vec<(String, String)> {
    let mut towns: BTreeMap<String, HashMap<String, usize>> = BTreeMap::new();
    for s in &dir.services {
        for l in &s.locations {
            if let Some(d) = l.postcode.as_deref().and_then(text::postcode_district) {
                let t = towns.entry(d).or_default();
                if let Some(town) = l.address.as_deref().and_then(town_of) {
                    *t.entry(town).or_default() += 1;
                }
            }
        }
    }
    towns
        .into_iter()
        .map(|(d, t)| {
            let best = t.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(k, _)| k.clone()).unwrap_or_default();
            (d, best)
        })
        .collect()
}

/// The index in the built-in English words (see [`build_in`]).
pub fn build(dir: &Directory, glossary: &Glossary) -> Index {
    build_in(dir, glossary, crate::core::strings::Strings::builtin())
}

/// The index of a directory in one language: its services' words, and
/// the labels in that language's strings (`words`).
pub fn build_in(dir: &Directory, glossary: &Glossary, words: &crate::core::strings::Strings) -> Index {
    let cats: Vec<(String, String, String)> =
        dir.categories.iter().map(|c| (c.id.clone(), c.name.clone(), c.easy_name.clone().unwrap_or_default())).collect();
    let cat_index: HashMap<&str, usize> = dir.categories.iter().enumerate().map(|(i, c)| (c.id.as_str(), i)).collect();

    let areas = areas(dir);
    let area_index: HashMap<&str, usize> = areas.iter().enumerate().map(|(i, a)| (a.0.as_str(), i)).collect();

    // Accessibility features, most common first.
    let mut feat_count: HashMap<String, (usize, String)> = HashMap::new();
    for s in &dir.services {
        let mut mine: Vec<String> = s.locations.iter().flat_map(|l| l.accessibility.iter()).map(|f| text::feature_key(f)).collect();
        mine.sort();
        mine.dedup();
        for k in mine {
            let raw = s.locations.iter().flat_map(|l| l.accessibility.iter()).find(|f| text::feature_key(f) == k).cloned().unwrap_or_default();
            feat_count.entry(k).or_insert((0, raw)).0 += 1;
        }
    }
    let mut feats: Vec<(String, usize, String)> = feat_count.into_iter().filter(|(k, _)| !k.is_empty()).map(|(k, (n, raw))| (k, n, raw)).collect();
    feats.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let feat_index: HashMap<String, usize> = feats.iter().enumerate().map(|(i, f)| (f.0.clone(), i)).collect();
    // The index is built once for all versions of a language.
    let builtin = words;
    let feats: Vec<(String, String, String)> = feats
        .into_iter()
        .map(|(k, _, raw)| (k, text::feature_label(&raw, builtin.words(crate::core::version::Level::main().id())), text::feature_label(&raw, builtin.words(crate::core::version::Level::easiest().id()))))
        .collect();

    // Opening-time patterns, shared by services with the same hours.
    let mut sched: Vec<Vec<(usize, u32, u32)>> = Vec::new();
    let mut sched_index: HashMap<Vec<(usize, u32, u32)>, usize> = HashMap::new();

    // Short descriptions, if they fit.
    let snippet_total: usize = dir
        .services
        .iter()
        .map(|s| {
            let p = s.description_for(crate::core::version::Level::main());
            let e = s.description_for(crate::core::version::Level::easiest());
            p.len().min(SNIPPET_CHARS) + if e == p { 0 } else { e.len().min(SNIPPET_CHARS) }
        })
        .sum();
    let snippets = snippet_total <= SNIPPET_BUDGET;

    let mut docs = Vec::with_capacity(dir.services.len());
    let mut postings: BTreeMap<String, Vec<(u32, u8)>> = BTreeMap::new();
    for (n, s) in dir.services.iter().enumerate() {
        let mut c: Vec<usize> = s.categories.iter().filter_map(|c| cat_index.get(c.as_str()).copied()).collect();
        c.dedup();
        let mut a: Vec<usize> = s
            .locations
            .iter()
            .filter_map(|l| l.postcode.as_deref().and_then(text::postcode_district))
            .filter_map(|d| area_index.get(d.as_str()).copied())
            .collect();
        a.sort_unstable();
        a.dedup();
        let mut f: Vec<usize> =
            s.locations.iter().flat_map(|l| l.accessibility.iter()).filter_map(|x| feat_index.get(&text::feature_key(x)).copied()).collect();
        f.sort_unstable();
        f.dedup();
        let flags = u8::from(s.is_free()) | (u8::from(s.personal_budget == Some(true)) << 1);
        let periods: Vec<(usize, u32, u32)> = text::periods(&s.schedule).into_iter().map(|p| (p.day, p.opens, p.closes)).collect();
        let si: i64 = if periods.is_empty() {
            -1
        } else {
            let next = sched.len();
            let i = *sched_index.entry(periods.clone()).or_insert(next);
            if i == next {
                sched.push(periods);
            }
            i as i64
        };
        let id = if s.name.is_ascii() && crate::core::util::slugify(&s.name) == s.id { String::new() } else { s.id.clone() };
        let mut doc = vec![
            serde_json::json!(id),
            serde_json::json!(s.name),
            serde_json::json!(c),
            serde_json::json!(a),
            serde_json::json!(f),
            serde_json::json!(flags),
            serde_json::json!(si),
        ];
        if snippets {
            let p = s.description_for(crate::core::version::Level::main());
            let e = s.description_for(crate::core::version::Level::easiest());
            doc.push(serde_json::json!(snippet(p)));
            doc.push(serde_json::json!(if e == p { String::new() } else { snippet(e) }));
        }
        docs.push(serde_json::Value::Array(doc));

        for (word, mask) in words_of(s, dir, words) {
            postings.entry(word).or_default().push((n as u32, mask));
        }
    }

    // Word files.
    let encoded: Vec<(String, String)> = postings.into_iter().map(|(w, p)| (w, encode(&p))).collect();
    let total: usize = encoded.iter().map(|(w, p)| w.len() + p.len() + 6).sum();
    let split = total > ONE_FILE_BYTES;
    let mut groups: BTreeMap<String, (Vec<String>, Vec<String>)> = BTreeMap::new();
    for (w, p) in encoded {
        let key = if split { chunk_key(&w) } else { "all".to_string() };
        let g = groups.entry(key).or_default();
        g.0.push(w);
        g.1.push(p);
    }
    let mut files = Vec::new();
    let mut terms = BTreeMap::new();
    let mut terms_bytes = 0;
    for (key, (k, p)) in groups {
        let json = js_json(&serde_json::json!({ "k": k, "p": p }));
        let body = format!(
            "window.EASYINFO_TERMS=window.EASYINFO_TERMS||{{}};window.EASYINFO_TERMS[{}]={json};\n",
            serde_json::to_string(&key).unwrap_or_default()
        );
        let name = format!("terms-{key}.{}.js", hash(body.as_bytes()));
        terms_bytes += body.len();
        files.push(OutputFile::bytes(crate::core::routes::search_file(&name), body));
        terms.insert(key, name);
    }

    let main = Main {
        v: 1,
        cats,
        areas,
        feats,
        sched,
        docs,
        stop: text::STOP_WORDS,
        syn: synonyms(glossary),
        terms,
        split,
    };
    let body = format!("window.EASYINFO_INDEX={};\n", js_json(&serde_json::to_value(&main).unwrap_or_default()));
    let main_path = crate::core::routes::search_file(&format!("index.{}.js", hash(body.as_bytes())));
    let main_len = body.len();
    files.push(OutputFile::bytes(main_path.clone(), body));
    Index { main: main_path, files, sizes: (main_len, terms_bytes) }
}

/// Every search word of a service, with where it was found.
fn words_of(s: &Service, dir: &Directory, words: &crate::core::strings::Strings) -> Vec<(String, u8)> {
    let mut m: HashMap<String, u8> = HashMap::new();
    let mut add = |t: &str, mask: u8| {
        for w in text::search_words(t) {
            *m.entry(w).or_default() |= mask;
        }
    };
    add(&s.name, IN_NAME);
    for c in &s.categories {
        if let Some(cat) = dir.category(c) {
            add(&cat.name, IN_CATEGORY);
            if let Some(e) = &cat.easy_name {
                add(e, IN_CATEGORY);
            }
        }
    }
    for t in [&s.organization, &s.description, &s.easy_description, &s.who_for, &s.cost].into_iter().flatten() {
        add(t, IN_TEXT);
    }
    for l in &s.languages {
        add(l, IN_TEXT);
    }
    for l in &s.locations {
        if let Some(a) = &l.address {
            // House numbers only add noise.
            let words: String = a.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.chars().all(|c| c.is_ascii_digit())).collect::<Vec<_>>().join(" ");
            add(&words, IN_TEXT);
        }
        if let Some(p) = l.postcode.as_deref() {
            if let Some(n) = text::normalise_postcode(p) {
                add(&n, IN_TEXT);
            }
        }
        for f in &l.accessibility {
            add(f, IN_TEXT);
            add(&text::feature_label(f, words.words(crate::core::version::Level::main().id())), IN_TEXT);
        }
    }
    let mut v: Vec<(String, u8)> = m.into_iter().collect();
    v.sort();
    v
}

/// Doc numbers as deltas, each times 8 plus where the word was, in base 36.
fn encode(p: &[(u32, u8)]) -> String {
    let mut out = String::new();
    let mut prev = 0u32;
    for (i, (doc, mask)) in p.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&base36(((doc - prev) as u64) * 8 + *mask as u64));
        prev = *doc;
    }
    out
}

fn base36(mut n: u64) -> String {
    const D: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    if n == 0 {
        return "0".into();
    }
    let mut s = Vec::new();
    while n > 0 {
        s.push(D[(n % 36) as usize]);
        n /= 36;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// Which word file a word goes in: its first letter, `0` for digits, `_` else.
pub fn chunk_key(w: &str) -> String {
    match w.chars().next() {
        Some(c) if c.is_ascii_lowercase() => c.to_string(),
        Some(c) if c.is_ascii_digit() => "0".into(),
        _ => "_".into(),
    }
}

/// Glossary words that mean the same: term, forms, abbreviation and the
/// plainer words, so "money for your support" finds "direct payments".
fn synonyms(g: &Glossary) -> Vec<Vec<Vec<String>>> {
    let mut out = Vec::new();
    for e in &g.entries {
        let mut group: Vec<Vec<String>> = Vec::new();
        let phrases = std::iter::once(&e.term).chain(e.forms.iter()).chain(e.abbr.iter()).chain(e.instead.iter());
        for p in phrases {
            // `instead` may offer choices: "money for your support, or a personal budget".
            for part in p.split([',', ';', '/']).flat_map(|x| x.split(" or ")) {
                let w = text::search_words(part);
                if !w.is_empty() && !group.contains(&w) {
                    group.push(w);
                }
            }
        }
        if group.len() > 1 {
            out.push(group);
        }
    }
    out
}

/// The start of a description, cut at a word.
fn snippet(s: &str) -> String {
    let s = s.trim();
    if s.chars().count() <= SNIPPET_CHARS {
        return s.to_string();
    }
    let cut: String = s.chars().take(SNIPPET_CHARS).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > SNIPPET_CHARS / 2 => &cut[..i],
        _ => &cut,
    };
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':', ' ']))
}

/// The town in an address: its last part that is not a number or postcode.
pub fn town_of(address: &str) -> Option<String> {
    address
        .split(',')
        .map(str::trim)
        .rev()
        .find(|p| !p.is_empty() && !p.chars().any(|c| c.is_ascii_digit()) && p.chars().any(char::is_alphabetic))
        .map(str::to_string)
}

/// JSON that is also safe JavaScript in any browser: U+2028 and U+2029 are
/// line ends in older JavaScript, and `<`, `>` and `&` are escaped so the text can never
/// end a script element.
pub fn js_json<T: serde::Serialize + ?Sized>(v: &T) -> String {
    let json = serde_json::to_string(v).unwrap_or_default();
    let mut out = String::with_capacity(json.len() + 16);
    // `<`, `>` and `&` only appear inside strings in JSON, where `\uXXXX`
    // means the same. Runs of other text are copied whole.
    let mut start = 0;
    for (i, c) in json.char_indices() {
        let esc = match c {
            '<' => "\\u003c",
            '>' => "\\u003e",
            '&' => "\\u0026",
            '\u{2028}' => "\\u2028",
            '\u{2029}' => "\\u2029",
            _ => continue,
        };
        out.push_str(&json[start..i]);
        out.push_str(esc);
        start = i + c.len_utf8();
    }
    out.push_str(&json[start..]);
    out
}

/// A short, stable content hash (FNV-1a, the same on every machine and
/// release), so browsers never mix old and new files.
pub fn hash(b: &[u8]) -> String {
    use std::hash::Hasher;
    let mut h = fnv::FnvHasher::default();
    h.write(b);
    format!("{:010x}", h.finish() & 0xff_ffff_ffff)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding() {
        assert_eq!(encode(&[(0, 4), (3, 1), (40, 2)]), "4,p,8a");
        assert_eq!(base36(35), "z");
        assert_eq!(chunk_key("support"), "s");
        assert_eq!(chunk_key("24"), "0");
        // Published file names: the hash must not change between releases.
        assert_eq!(hash(b""), "e484222325");
        assert_eq!(hash(b"a"), "4c8601ec8c");
    }

    #[test]
    fn towns_and_snippets() {
        assert_eq!(town_of("73 London Road, Romsey").as_deref(), Some("Romsey"));
        assert_eq!(town_of("Chapel Room, 2 Highfield Mews, Southampton").as_deref(), Some("Southampton"));
        assert_eq!(town_of("12"), None);
        let long = "word ".repeat(40);
        assert!(snippet(&long).ends_with('…'));
        assert!(snippet(&long).chars().count() <= SNIPPET_CHARS + 1);
    }

    #[test]
    fn json_is_script_safe() {
        let v = serde_json::json!({"a": "</script><script>alert(1)</script>\u{2028}\u{2029} & <!-- -->"});
        let s = js_json(&v);
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&') && !s.contains('\u{2029}'), "{s}");
        assert!(!s.contains('\u{2028}'));
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
        let plain = serde_json::json!({"a": "Tŷ Croeso, £5 a week"});
        assert_eq!(js_json(&plain), serde_json::to_string(&plain).unwrap(), "other text is left as it is");
    }
}
