use super::*;

const VERSIONS: [&str; 3] = ["easy", "large", "plain"];
const EN: &str = include_str!("../../../themes/default/i18n/en.yaml");

fn en() -> Strings {
    Strings::parse("en.yaml", "en", EN, None, &VERSIONS).expect("the built-in strings load")
}

#[test]
fn a_key_picks_the_words_for_its_version() {
    let s = Strings::parse("x.yaml", "en", "a: { easy: Easy words, large: Big words, other: Plain words }\nb: Same\n", None, &VERSIONS).unwrap();
    assert_eq!(s.words("easy").text("a"), "Easy words");
    assert_eq!(s.words("large").text("a"), "Big words");
    assert_eq!(s.words("plain").text("a"), "Plain words");
    assert_eq!(s.words("easy").text("b"), "Same");
}

#[test]
fn a_key_missing_from_a_language_is_an_error_naming_the_file_and_key() {
    let reference = Strings::parse("en.yaml", "en", "hello: Hello\nbye: Goodbye\n", None, &VERSIONS).unwrap();
    let Err(errors) = Strings::parse("themes/default/i18n/cy.yaml", "cy", "hello: Helo\n", Some(&reference), &VERSIONS) else {
        panic!("a missing key must be an error")
    };
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].file, "themes/default/i18n/cy.yaml");
    assert!(errors[0].message.contains("`bye`"), "{}", errors[0].message);
}

#[test]
fn a_badly_shaped_value_is_an_error() {
    for (text, why) in [
        ("a: { easy: Hi }\n", "other"),
        ("a: { big: Hi, other: Hello }\n", "`big`"),
        ("a: { easy: { easy: Hi, other: Ho }, other: Hello }\n", "inside"),
        ("a: [one, [two]]\n", "list"),
        ("a:\n", "no words"),
    ] {
        let Err(errors) = Strings::parse("x.yaml", "en", text, None, &VERSIONS) else { panic!("{text} must be refused") };
        assert!(errors[0].message.contains("`a`") && errors[0].message.contains(why), "{text}: {}", errors[0].message);
    }
    let Err(errors) = Strings::parse("x.yaml", "en", "a: [\n", None, &VERSIONS) else { panic!("bad YAML must be refused") };
    assert!(errors[0].line > 0, "a YAML error has its line");
}

#[test]
fn placeholders_are_filled_and_a_missing_value_is_named() {
    assert_eq!(fill("{a} and {b}", |n| Some(n.to_uppercase())).unwrap(), "A and B");
    assert_eq!(fill("no {x} here", |_| None), Err("x".to_string()));
    let w = en();
    assert_eq!(w.words("plain").fill("run_by", &[("name", "Age UK")]), "Run by Age UK");
}

#[test]
fn plural_forms_follow_the_language() {
    assert_eq!(plural_form("en-GB", 1.0), "one");
    assert_eq!(plural_form("en", 2.0), "other");
    assert_eq!(plural_form("en", 0.0), "other");
    // Welsh has six forms; a Welsh file needs only a new file, not code.
    assert_eq!(plural_form("cy", 0.0), "zero");
    assert_eq!(plural_form("cy", 2.0), "two");
    assert_eq!(plural_form("cy", 3.0), "few");
    assert_eq!(plural_form("not a language!", 1.0), "other");
}

fn filter(value: Value, args: &[(&str, Value)]) -> tera::Result<Value> {
    use tera::Filter;
    Fill.filter(&value, &args.iter().map(|(k, v)| (k.to_string(), v.clone())).collect())
}

#[test]
fn the_fill_filter_escapes_values_and_picks_plural_forms() {
    let w = en();
    let count = w.words("plain").map()["service_count"].clone();
    assert_eq!(filter(count.clone(), &[("count", 1.into())]).unwrap(), "1 service");
    assert_eq!(filter(count.clone(), &[("count", 12.into())]).unwrap(), "12 services");
    assert!(filter(count, &[]).is_err(), "words by number need a count");
    // The words are the theme's; the values are data, escaped.
    let run_by = w.words("plain").map()["run_by"].clone();
    assert_eq!(filter(run_by.clone(), &[("name", "<b>A & B</b>".into())]).unwrap(), "Run by &lt;b&gt;A &amp; B&lt;&#x2F;b&gt;");
    assert!(filter(run_by, &[]).unwrap_err().to_string().contains("{name}"));
}

/// Every `t.key` in the templates and every key Rust asks for is in the
/// English file, and every key in it is used, so the file cannot rot.
#[test]
fn every_key_is_used_and_every_used_key_exists() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut used = std::collections::BTreeSet::new();
    let in_templates = regex::Regex::new(r"\bt\.([a-z0-9_]+)").unwrap();
    // Rust asks a `Words` named `w` or `words`, or `words(site, level)`:
    // `.text("key")`, `.nth("key", i)`, `.fill("key", …)`.
    let in_rust = regex::Regex::new(r#"(?:\bw|\bwords(?:\([^()]*\))?)\.(?:text\("([a-z0-9_]+)"\)|nth\("([a-z0-9_]+)",|fill\(\s*"([a-z0-9_]+)",)"#).unwrap();
    for (dir, re) in [("themes/default/templates", &in_templates), ("src", &in_rust)] {
        // This module's own tests use keys of their own.
        let own = root.join("src/core/strings");
        for f in walkdir::WalkDir::new(root.join(dir)).into_iter().filter_map(Result::ok).filter(|f| f.file_type().is_file() && !f.path().starts_with(&own)) {
            let text = std::fs::read_to_string(f.path()).unwrap_or_default();
            used.extend(re.captures_iter(&text).filter_map(|c| c.iter().skip(1).flatten().next().map(|m| m.as_str().to_string())));
        }
    }
    let en = en();
    let keys: std::collections::BTreeSet<String> = en.words("plain").map().keys().cloned().collect();
    let missing: Vec<_> = used.difference(&keys).collect();
    let unused: Vec<_> = keys.difference(&used).collect();
    assert!(missing.is_empty(), "used but not in en.yaml: {missing:?}");
    assert!(unused.is_empty(), "in en.yaml but never used: {unused:?}");
}
