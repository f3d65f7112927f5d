//! Sites in more than one language (`languages:` in site.yaml): what is
//! loaded, what is refused, and the pages each language gets.

use crate::util::{simple_guide, TestSite, SITE_YAML};

/// The built-in English strings file.
pub fn english_strings() -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/i18n/en.yaml")).unwrap()
}

/// A strings file with every key of the English one and no English word in
/// it: each run of letters is turned round and marked with a `ŵ`, outside
/// `{placeholders}`, `<tags>` and `&entities;`. Made from en.yaml as it is,
/// so keys other helpers add are always there.
pub fn fake_strings(name: &str) -> String {
    fn turn(s: &str) -> String {
        let (mut out, mut word, mut skip_to) = (String::new(), String::new(), None::<char>);
        let flush = |out: &mut String, word: &mut String| {
            if !word.is_empty() {
                out.push('ŵ');
                out.extend(word.chars().rev());
                word.clear();
            }
        };
        for c in s.chars() {
            if let Some(end) = skip_to {
                out.push(c);
                if c == end {
                    skip_to = None;
                }
                continue;
            }
            match c {
                '{' | '<' | '&' => {
                    flush(&mut out, &mut word);
                    skip_to = Some(match c {
                        '{' => '}',
                        '<' => '>',
                        _ => ';',
                    });
                    out.push(c);
                }
                c if c.is_ascii_alphabetic() => word.push(c),
                c => {
                    flush(&mut out, &mut word);
                    out.push(c);
                }
            }
        }
        flush(&mut out, &mut word);
        out
    }
    fn walk(v: &mut serde_yaml::Value) {
        match v {
            serde_yaml::Value::String(s) => *s = turn(s),
            serde_yaml::Value::Sequence(items) => items.iter_mut().for_each(walk),
            serde_yaml::Value::Mapping(m) => m.values_mut().for_each(walk),
            _ => {}
        }
    }
    let mut doc: serde_yaml::Mapping = serde_yaml::from_str(&english_strings()).unwrap();
    doc.values_mut().for_each(walk);
    doc.insert("language_name".into(), name.into());
    serde_yaml::to_string(&doc).unwrap()
}

/// A site in English and Welsh: two guides, one translated; a translated
/// glossary; a category and a service with `cy:` maps; a Welsh strings file
/// with no English word in it.
pub fn two_languages() -> TestSite {
    let t = TestSite::new();
    t.write("site.yaml", format!("{SITE_YAML}languages:\n  cy: {{ name: Cymraeg }}\n"));
    t.write("themes/default/i18n/cy.yaml", fake_strings("Cymraeg"));
    t.guide("money", &simple_guide("Money", "You get money.", "You get money for your support."));
    t.write("content/guides/money/pictures/p.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    t.write("content/guides/money/index.cy.md", simple_guide("Arian", "Rydych chi'n cael arian.", "Rydych chi'n cael arian am eich cymorth."));
    t.guide("housing", &simple_guide("Housing", "A home.", "Somewhere to live."));
    t.write("content/glossary.cy.yaml", "- term: taliad uniongyrchol\n  means: Arian gan y cyngor.\n");
    t.write("content/directory/categories.yaml", "- id: health\n  name: Health\n  cy: { name: Iechyd, description: Help gyda'ch iechyd }\n");
    t.write(
        "content/directory/services/clinic.yaml",
        "id: clinic\nname: The Clinic\ndescription: Help with your health.\ncategories: [health]\ncy:\n  name: Y Clinig\n  description: Help gyda'ch iechyd.\n",
    );
    t
}

#[test]
fn a_two_language_site_loads_its_translations() {
    let t = two_languages();
    let site = easyinfo::load::site::load(t.root()).unwrap_or_else(|e| panic!("{e:?}"));
    let langs = site.languages();
    assert_eq!(langs.len(), 2);
    let cy = langs.parse("cy").unwrap();
    assert_eq!(langs.spec(cy).name, "Cymraeg");
    assert_eq!(langs.spec(easyinfo::core::language::Language::main()).name, "English", "the main language's name is its strings file's");
    assert_eq!(site.translations("cy").iter().map(|g| g.slug.as_str()).collect::<Vec<_>>(), ["money"]);
    assert_eq!(site.guide_in(cy, "money").unwrap().title.get(easyinfo::core::version::Level::main()), "Arian");
    assert!(site.guide_in(cy, "housing").is_none());
    assert_eq!(site.glossary_for(cy).entries[0].term, "taliad uniongyrchol");
    assert_eq!(site.directory.categories[0].translations["cy"].name.as_deref(), Some("Iechyd"));
    assert_eq!(site.directory.services[0].translations["cy"].name.as_deref(), Some("Y Clinig"));
    assert_eq!(site.directory.services[0].description.as_deref(), Some("Help with your health."), "the original keeps its own words");
    assert_ne!(site.strings_for(cy).words("plain").text("skip_link"), site.strings_for(langs.all().next().unwrap()).words("plain").text("skip_link"));
    t.build().ok();
}

#[test]
fn a_translation_without_its_original_is_an_error_naming_it() {
    let t = two_languages();
    t.write("content/guides/benefits.cy.md", simple_guide("Budd-daliadau", "Arian.", "Arian."));
    let run = t.build();
    run.fails(1);
    assert!(run.stderr().contains("content/guides/benefits.cy.md") && run.stderr().contains("translation/orphan"), "{}", run.stderr());
}

#[test]
fn a_translation_into_a_language_the_site_lacks_is_an_error() {
    let t = two_languages();
    t.write("content/guides/money.fr.md", simple_guide("Argent", "Argent.", "Argent."));
    let run = t.build();
    run.fails(1);
    assert!(run.stderr().contains("content/guides/money.fr.md") && run.stderr().contains("`fr`"), "{}", run.stderr());
}

#[test]
fn a_missing_strings_file_or_key_is_an_error_naming_file_and_key() {
    let t = two_languages();
    t.remove("themes/default/i18n/cy.yaml");
    let run = t.build();
    run.fails(1);
    assert!(run.stderr().contains("themes/default/i18n/cy.yaml"), "{}", run.stderr());

    let without: String = fake_strings("Cymraeg").lines().filter(|l| !l.starts_with("skip_link:")).map(|l| format!("{l}\n")).collect();
    t.write("themes/default/i18n/cy.yaml", without);
    let run = t.build();
    run.fails(1);
    assert!(run.stderr().contains("themes/default/i18n/cy.yaml") && run.stderr().contains("`skip_link` is missing"), "{}", run.stderr());
}

#[test]
fn a_translation_map_is_checked_with_file_and_line() {
    let t = two_languages();
    t.write("content/directory/services/clinic.yaml", "id: clinic\nname: The Clinic\ncategories: [health]\ncy:\n  name: Y Clinig\n  nmae: Y Clinig\n");
    let run = t.build();
    run.fails(1);
    assert!(run.stderr().contains("content/directory/services/clinic.yaml:6") && run.stderr().contains("nmae"), "{}", run.stderr());

    t.write("content/directory/services/clinic.yaml", "id: clinic\nname: The Clinic\ncategories: [health]\nfr:\n  name: La Clinique\n");
    let run = t.build();
    run.fails(1);
    let err = run.stderr();
    assert!(err.contains("clinic.yaml:4") && err.contains("`fr`") && err.contains("languages:"), "{err}");
}

#[test]
fn languages_in_site_yaml_are_checked() {
    let t = two_languages();
    t.write("site.yaml", format!("{SITE_YAML}languages:\n  cy: {{ name: Cymraeg }}\n  js: {{ name: Easy }}\n"));
    let run = t.build();
    run.fails(1);
    assert!(run.stderr().contains("site.yaml:6") && run.stderr().contains("`js`"), "{}", run.stderr());
    t.write("site.yaml", format!("{SITE_YAML}languages:\n  cy: {{ nam: Cymraeg }}\n"));
    let run = t.build();
    run.fails(1);
    assert!(run.stderr().contains("site.yaml:5") && run.stderr().contains("nam"), "{}", run.stderr());
    t.write("site.yaml", format!("{SITE_YAML}require_translations: maybe\n"));
    t.build().fails(1);
}
