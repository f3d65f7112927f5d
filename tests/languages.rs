//! Sites in more than one language (`languages:` in site.yaml): what is
//! loaded, what is refused, and the pages each language gets.

use crate::util::{land, simple_guide, TestSite, SITE_YAML};

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
    // The default theme ships Welsh, so a site without its own cy.yaml uses
    // the built-in one; a language it does not ship needs the site's file.
    t.remove("themes/default/i18n/cy.yaml");
    t.build().ok();
    t.write("site.yaml", format!("{SITE_YAML}languages:\n  xx: {{ name: Xxish }}\n"));
    let run = t.build();
    run.fails(1);
    assert!(run.stderr().contains("themes/default/i18n/xx.yaml"), "{}", run.stderr());
    t.write("site.yaml", format!("{SITE_YAML}languages:\n  cy: {{ name: Cymraeg }}\n"));

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

/// The `href` of the first `<a>` with `hreflang="{lang}"` on the page.
fn language_link(html: &str, lang: &str) -> Option<String> {
    crate::htmlcheck::tokens(html).into_iter().find_map(|t| match t {
        crate::htmlcheck::Token::Start { name, attrs, .. } if name == "a" && attrs.iter().any(|(k, v)| k == "hreflang" && v == lang) => {
            assert!(attrs.iter().any(|(k, v)| k == "lang" && v == lang), "the link to {lang} says its language: {attrs:?}");
            attrs.iter().find(|(k, _)| k == "href").map(|(_, v)| crate::htmlcheck::decode(v))
        }
        _ => None,
    })
}

/// Every `<link rel="alternate">`'s (hreflang, href).
fn alternates(html: &str) -> Vec<(String, String)> {
    crate::htmlcheck::tokens(html)
        .into_iter()
        .filter_map(|t| match t {
            crate::htmlcheck::Token::Start { name, attrs, .. } if name == "link" && attrs.iter().any(|(k, v)| k == "rel" && v == "alternate") => {
                let get = |n: &str| attrs.iter().find(|(k, _)| k == n).map(|(_, v)| crate::htmlcheck::decode(v)).unwrap_or_default();
                Some((get("hreflang"), get("href")))
            }
            _ => None,
        })
        .collect()
}

fn html_lang(html: &str) -> String {
    attr_of(html, "html", "lang").unwrap_or_default()
}

/// The attribute `attr` of the first `tag` that has it.
fn attr_of(html: &str, tag: &str, attr: &str) -> Option<String> {
    crate::htmlcheck::tokens(html).into_iter().find_map(|t| match t {
        crate::htmlcheck::Token::Start { name, attrs, .. } if name == tag => attrs.into_iter().find(|(k, _)| k == attr).map(|(_, v)| v),
        _ => None,
    })
}

#[test]
fn each_page_links_to_its_translation_both_ways() {
    let t = two_languages();
    t.build().ok();
    for level in ["easy", "large", "plain"] {
        let en = format!("public/{level}/guides/money/index.html");
        let cy = format!("public/cy/{level}/guides/money/index.html");
        let (en_html, cy_html) = (t.read(&en), t.read(&cy));
        assert_eq!((html_lang(&en_html).as_str(), html_lang(&cy_html).as_str()), ("en-GB", "cy"));
        assert_eq!(land(&en, &language_link(&en_html, "cy").expect("English links to Welsh")), cy);
        assert_eq!(land(&cy, &language_link(&cy_html, "en-GB").expect("Welsh links to English")), en);
        assert!(cy_html.contains(">Arian<") && cy_html.contains(">English</a>") && en_html.contains(">Cymraeg</a>"));
        let want = vec![
            ("en-GB".to_string(), format!("https://example.org/{level}/guides/money/")),
            ("cy".to_string(), format!("https://example.org/cy/{level}/guides/money/")),
        ];
        assert_eq!(alternates(&en_html), want, "every language, its own included");
        assert_eq!(alternates(&cy_html), want);
    }
    // Pages that are in every language: the homes, glossary, directory, 404.
    for page in ["index.html", "easy/index.html", "plain/glossary/index.html", "easy/directory/index.html", "large/directory/a-z/index.html",
        "plain/directory/services/clinic/index.html", "easy/directory/categories/health/index.html", "large/directory/categories/health/print.html"]
    {
        let (en, cy) = (format!("public/{page}"), format!("public/cy/{page}"));
        assert!(t.exists(&cy), "{cy} is made");
        assert_eq!(land(&en, &language_link(&t.read(&en), "cy").unwrap()), cy);
        assert_eq!(land(&cy, &language_link(&t.read(&cy), "en-GB").unwrap()), en);
        assert_eq!(html_lang(&t.read(&cy)), "cy");
    }
    let service = t.read("public/cy/plain/directory/services/clinic/index.html");
    assert!(service.contains("Y Clinig") && service.contains("Help gyda&#x27;ch iechyd") || service.contains("Help gyda'ch iechyd"), "the directory's text is the cy: map's");
    assert!(t.read("public/cy/plain/directory/index.html").contains("Iechyd"));
    assert!(t.read("public/cy/plain/glossary/index.html").contains("taliad uniongyrchol"));
    assert!(t.exists("public/cy/404.html"));
}

#[test]
fn an_untranslated_guide_links_to_the_translated_home_with_a_note() {
    let t = two_languages();
    t.build().ok();
    assert!(!t.exists("public/cy/easy/guides/housing/index.html"), "only translated guides are made");
    let page = "public/easy/guides/housing/index.html";
    let html = t.read(page);
    assert_eq!(land(page, &language_link(&html, "cy").unwrap()), "public/cy/easy/index.html");
    let note = fake_strings("Cymraeg").lines().find_map(|l| l.strip_prefix("translation_missing: ").map(|v| v.trim_matches('\'').to_string())).unwrap();
    assert!(html.contains(&format!("lang=cy>{note}</span>")) || html.contains(&format!("lang=\"cy\">{note}</span>")), "{note} in {html}");
    assert!(t.read("public/cy/easy/guides/money/index.html").contains(">English</a>"), "a translated guide has no note");
    assert_eq!(alternates(&html).iter().map(|(l, _)| l.as_str()).collect::<Vec<_>>(), ["en-GB"], "no alternate where there is no page");
    assert!(!t.read("public/cy/easy/index.html").contains("guides/housing"), "the Welsh list has only Welsh guides");
}

#[test]
fn the_sitemap_lists_both_languages_with_alternates() {
    let t = two_languages();
    t.build().ok();
    let map = t.read("public/sitemap.xml");
    assert!(map.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    let alt = |lang: &str, p: &str| format!("<xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href=\"https://example.org/{p}\"/>");
    let money = format!("<url><loc>https://example.org/cy/easy/guides/money/</loc>{}{}</url>", alt("en-GB", "easy/guides/money/"), alt("cy", "cy/easy/guides/money/"));
    assert!(map.contains(&money), "{map}");
    assert!(map.contains(&format!("<url><loc>https://example.org/easy/guides/housing/</loc>{}</url>", alt("en-GB", "easy/guides/housing/"))), "{map}");
    assert!(!map.contains("404.html"));
}

/// The text a reader meets on a page: its text and the attributes read
/// out (labels, titles, alternative text), with what is marked as another
/// language (`lang` starting with `other`) left out.
fn readable_text(html: &str, other: &str) -> String {
    let mut out = String::new();
    let mut skip: Vec<String> = Vec::new();
    let toks = crate::htmlcheck::tokens(html);
    let mut last = 0;
    for t in &toks {
        let offset = match t {
            crate::htmlcheck::Token::Start { offset, .. } | crate::htmlcheck::Token::End { offset, .. } => *offset,
            _ => continue,
        };
        let in_script = matches!(t, crate::htmlcheck::Token::End { name, .. } if name == "script" || name == "style");
        if skip.is_empty() && offset >= last && !in_script {
            out.push_str(&html[last..offset]);
            out.push(' ');
        }
        match t {
            crate::htmlcheck::Token::Start { name, attrs, self_closing, .. } => {
                if skip.is_empty() {
                    for (k, v) in attrs {
                        if ["aria-label", "title", "alt", "placeholder", "content", "value"].contains(&k.as_str()) {
                            out.push_str(&format!(" {v} "));
                        }
                    }
                }
                let foreign = attrs.iter().any(|(k, v)| k == "lang" && v.starts_with(other));
                if (foreign || !skip.is_empty()) && !self_closing && !crate::htmlcheck::VOID.contains(&name.as_str()) {
                    skip.push(name.clone());
                }
            }
            crate::htmlcheck::Token::End { name, .. } => {
                if skip.last() == Some(name) {
                    skip.pop();
                }
            }
            _ => {}
        }
        last = html[offset..].find('>').map_or(html.len(), |e| offset + e + 1);
    }
    crate::htmlcheck::decode(&out)
}

/// Every piece of words in the English strings file, between its
/// `{placeholders}` and tags, with at least two words or six letters.
fn english_pieces() -> Vec<String> {
    fn collect(v: &serde_yaml::Value, out: &mut Vec<String>) {
        match v {
            serde_yaml::Value::String(s) => {
                let re = regex::Regex::new(r"\{[^}]*\}|<[^>]*>|&[a-z#0-9]+;").unwrap();
                for piece in re.split(s) {
                    let p = piece.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
                    if p.split_whitespace().count() >= 2 || p.chars().filter(|c| c.is_alphabetic()).count() >= 6 {
                        out.push(p);
                    }
                }
            }
            serde_yaml::Value::Sequence(items) => items.iter().for_each(|i| collect(i, out)),
            serde_yaml::Value::Mapping(m) => m.values().for_each(|i| collect(i, out)),
            _ => {}
        }
    }
    let doc: serde_yaml::Value = serde_yaml::from_str(&english_strings()).unwrap();
    let mut out = Vec::new();
    collect(&doc, &mut out);
    out.sort();
    out.dedup();
    out
}

#[test]
fn no_english_theme_word_on_a_welsh_page() {
    let t = two_languages();
    t.build().ok();
    let pieces = english_pieces();
    assert!(pieces.len() > 100 && pieces.iter().any(|p| p == "Skip to main content"), "the check reads the English words");
    let mut pages = 0;
    for e in walkdir::WalkDir::new(t.path("public/cy")).into_iter().filter_map(Result::ok).filter(|e| e.path().extension().is_some_and(|x| x == "html")) {
        let text = readable_text(&std::fs::read_to_string(e.path()).unwrap(), "en");
        let found: Vec<&String> = pieces.iter().filter(|p| text.contains(p.as_str())).collect();
        assert!(found.is_empty(), "{} has English theme words: {found:?}", e.path().display());
        pages += 1;
    }
    assert!(pages > 20, "{pages} Welsh pages");
    // The check finds English where it is.
    let en = readable_text(&t.read("public/easy/guides/money/index.html"), "cy");
    assert!(pieces.iter().any(|p| en.contains(p.as_str())));
}

#[test]
fn a_third_language_is_a_strings_file_and_a_line_in_site_yaml() {
    let t = two_languages();
    t.write("site.yaml", format!("{SITE_YAML}languages:\n  cy: {{ name: Cymraeg }}\n  xx: {{ name: Xxish }}\n"));
    t.write("themes/default/i18n/xx.yaml", fake_strings("Xxish"));
    t.write("content/guides/money.xx.md", simple_guide("Xmoney", "Xx.", "Xx xx."));
    t.build().ok();
    for page in ["index.html", "404.html", "easy/index.html", "large/guides/money/index.html", "plain/glossary/index.html", "easy/directory/a-z/index.html", "plain/directory/services/clinic/index.html"] {
        let html = t.read(&format!("public/xx/{page}"));
        assert_eq!(html_lang(&html), "xx", "{page}");
    }
    let en = t.read("public/easy/guides/money/index.html");
    assert!(en.contains(">Cymraeg</a>") && en.contains(">Xxish</a>"));
    assert_eq!(alternates(&en).iter().map(|(l, _)| l.as_str()).collect::<Vec<_>>(), ["en-GB", "cy", "xx"]);
    let cy = "public/cy/easy/guides/money/index.html";
    assert_eq!(land(cy, &language_link(&t.read(cy), "xx").unwrap()), "public/xx/easy/guides/money/index.html");
}

#[test]
fn the_welsh_a_to_z_is_in_welsh_alphabet_order() {
    let t = two_languages();
    for (id, en, cy) in [("a", "Lakes", "Llynnoedd"), ("b", "Lunch club", "Lol"), ("c", "Play", "Chwarae"), ("d", "Care", "Cymorth")] {
        t.write(&format!("content/directory/services/{id}.yaml"), format!("id: {id}\nname: {en}\ncategories: [health]\ncy: {{ name: {cy} }}\n"));
    }
    t.build().ok();
    let az = t.read("public/cy/plain/directory/a-z/index.html");
    let at = |s: &str| az.find(s).unwrap_or_else(|| panic!("{s} in {az}"));
    assert!(at("Cymorth") < at("Chwarae") && at("Chwarae") < at("Lol") && at("Lol") < at("Llynnoedd"), "{az}");
    assert!(az.contains("id=\"letter-ll\"") || az.contains("id=letter-ll") || az.contains(">Ll<"), "ll is a letter of its own: {az}");
    let en = t.read("public/plain/directory/a-z/index.html");
    assert!(!en.contains(">Ll<"));
}

/// The theme's real Welsh strings file.
fn welsh_strings() -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/i18n/cy.yaml")).unwrap()
}

#[test]
fn the_welsh_term_note_is_in_welsh_and_names_the_glossary_word() {
    let t = two_languages();
    t.write("themes/default/i18n/cy.yaml", welsh_strings());
    t.write("content/glossary.cy.yaml", "- term: cwyn\n  forms: [gwyno]\n  means: Dweud nad ydych chi'n hapus.\n");
    t.write("content/guides/money/index.cy.md", simple_guide("Arian", "Gallwch chi gwyno.", "Gallwch chi gwyno."));
    t.build().ok();
    let cy = t.read("public/cy/easy/guides/money/index.html");
    assert!(cy.contains(">Ystyr <strong>cwyn</strong> yw dweud nad ydych chi"), "{cy}");
    assert!(!cy.contains(" means ") && !cy.contains("<strong>Gwyno</strong>"), "{cy}");
}

#[test]
fn welsh_directory_search_gets_its_messages_from_the_welsh_strings() {
    let t = two_languages();
    t.write("themes/default/i18n/cy.yaml", welsh_strings());
    t.build().ok();
    let form = |page: &str| attr_of(&t.read(page), "form", "data-say-none").map(|v| crate::htmlcheck::decode(&v)).unwrap_or_default();
    assert_eq!(form("public/cy/plain/directory/index.html"), "\"Dim gwasanaethau. Rhowch gynnig ar eiriau eraill neu lai o ddewisiadau.\"");
    assert_eq!(form("public/plain/directory/index.html"), "\"No services found. Try other words or fewer filters.\"");
    let found = crate::htmlcheck::decode(&attr_of(&t.read("public/cy/easy/directory/index.html"), "form", "data-say-found").unwrap());
    let forms: serde_json::Value = serde_json::from_str(&found).unwrap();
    assert_eq!(forms["two"], "Daethon ni o hyd i {count} wasanaeth.", "every Welsh plural form reaches the script: {found}");
    let js = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/js/search.js")).unwrap();
    for english in ["We found", "services found", "No services", "Open now", "\"Free\""] {
        assert!(!js.contains(english), "search.js writes `{english}` itself");
    }
}

#[test]
fn the_site_s_own_words_come_from_its_languages_entry() {
    let t = two_languages();
    let cy = "languages:\n  cy:\n    name: Cymraeg\n    title: Safle Prawf\n    directory:\n      notice: Enghraifft yw hwn.\n";
    t.write("site.yaml", format!("{SITE_YAML}directory:\n  notice: This is an example.\n{cy}"));
    t.build().ok();
    let home = t.read("public/cy/plain/directory/index.html");
    assert!(home.contains(">Safle Prawf</a>") && home.contains("Enghraifft yw hwn."), "{home}");
    assert!(!home.contains("This is an example."));
    assert!(t.read("public/plain/directory/index.html").contains("This is an example."), "English keeps its own");
    // Not given: the main language's words, marked as such.
    t.write("site.yaml", format!("{SITE_YAML}directory:\n  notice: This is an example.\nlanguages:\n  cy: {{ name: Cymraeg }}\n"));
    t.build().ok();
    let home = t.read("public/cy/plain/directory/index.html");
    let marked = readable_text(&home, "en");
    assert!(home.contains("This is an example.") && !marked.contains("This is an example."), "the English notice is marked lang=en-GB: {home}");
    t.write("site.yaml", format!("{SITE_YAML}languages:\n  cy:\n    name: Cymraeg\n    directory:\n      notise: Hwn.\n"));
    let run = t.build();
    run.fails(1);
    assert!(run.stderr().contains("site.yaml:8") && run.stderr().contains("notise"), "{}", run.stderr());
}

#[test]
fn a_free_service_shows_the_welsh_free_badge_on_its_welsh_pages() {
    let t = two_languages();
    t.write("themes/default/i18n/cy.yaml", welsh_strings());
    t.write("content/directory/services/clinic.yaml", "id: clinic\nname: The Clinic\ncost: Free\ncategories: [health]\ncy:\n  name: Y Clinig\n  cost: Am ddim\n");
    t.build().ok();
    let badge = |page: &str| t.read(page).contains("<li>Mae am ddim</li>");
    assert!(badge("public/cy/easy/directory/categories/health/index.html"), "{}", t.read("public/cy/easy/directory/categories/health/index.html"));
    assert!(t.read("public/easy/directory/categories/health/index.html").contains("<li>It is free</li>"));
}
