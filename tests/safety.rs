//! HTML safety: every page has a Content-Security-Policy that allows
//! scripts only from the site itself; no page has inline event handlers or
//! inline scripts; guides (written by trusted editors) may hold raw HTML;
//! directory data (from other organisations' spreadsheets) can never run
//! script, whatever it holds.

use crate::htmlcheck;
use crate::util;
use crate::htmlcheck::{balanced, csp, directive, script_hazards};
use std::path::{Path, PathBuf};
use crate::util::{simple_guide, today, TestSite};

/// Every HTML page below `dir`, with its text.
fn pages(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out: Vec<(PathBuf, String)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_path_buf(), std::fs::read_to_string(e.path()).unwrap()))
        .collect();
    out.sort();
    out
}

const CATEGORIES: &str = "- id: health\n  name: Health\n  easy_name: Your health\n  description: Help to stay healthy.\n";

/// A service in the SPEC's format, with a clean shape around the given fields.
fn service(id: &str, extra: &str) -> String {
    format!(
        "id: {id}\ncategories: [health]\nreviewed: {}\n{extra}",
        today()
    )
}

/// A site with guides, a glossary and a small directory.
fn full_site() -> TestSite {
    let t = TestSite::new();
    t.guide("g", &simple_guide("A guide", "You can choose who helps you. A direct payment is money.", "You can choose the people who support you."));
    t.write("content/directory/categories.yaml", CATEGORIES);
    t.write(
        "content/directory/services/hub.yaml",
        &service(
            "hub",
            "name: Ashdown Hub\ndescription: Support for your wellbeing.\neasy_description: We help you feel better.\ncontacts:\n  phone: \"023 8050 4731\"\n  email: hello@example.org\n  website: https://example.org/hub\n",
        ),
    );
    t
}

#[track_caller]
fn assert_page_safe(path: &Path, html: &str) {
    let hz = script_hazards(html);
    assert!(hz.is_empty(), "{}: {hz:#?}", path.display());
}

#[track_caller]
fn assert_csp(path: &Path, html: &str) {
    let p = path.display();
    let policy = csp(html).unwrap_or_else(|| panic!("{p} has no Content-Security-Policy meta tag"));
    let scripts = directive(&policy, "script-src").unwrap_or_else(|| panic!("{p}: CSP `{policy}` says nothing about scripts"));
    assert_eq!(scripts, ["'self'"], "{p}: scripts only from the site itself: `{policy}`");
    for d in ["default-src", "connect-src", "img-src", "style-src", "object-src", "base-uri"] {
        if let Some(v) = directive(&policy, d) {
            assert!(
                v.iter().all(|s| ["'self'", "'none'", "data:"].contains(&s.as_str())),
                "{p}: `{d}` allows another host or inline code: `{policy}`"
            );
        }
    }
    // The meta tag must come before anything it governs.
    let at = html.find("Content-Security-Policy").unwrap();
    let first_script = html.find("<script").unwrap_or(usize::MAX);
    let first_style = html.find("<link").unwrap_or(usize::MAX);
    assert!(at < first_script && at < first_style, "{p}: the CSP meta tag must come before scripts and styles");
}

// ------------------------------------------------------------------ every page

#[test]
fn every_page_has_a_csp_allowing_scripts_only_from_the_site() {
    let t = full_site();
    t.build().ok();
    let all = pages(&t.path("public"));
    assert!(all.len() >= 20, "{} pages", all.len());
    for (p, html) in &all {
        assert_csp(p, html);
    }
}

#[test]
fn no_page_has_event_handlers_or_inline_scripts() {
    let t = full_site();
    t.build().ok();
    for (p, html) in pages(&t.path("public")) {
        assert_page_safe(&p, &html);
    }
}

#[test]
fn every_page_is_balanced_html() {
    let t = full_site();
    t.build().ok();
    for (p, html) in pages(&t.path("public")) {
        if let Err(e) = balanced(&html) {
            panic!("{}: {e}", p.display());
        }
    }
}

#[test]
fn the_example_site_and_a_new_site_are_safe() {
    // The repository root is itself the example site.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("public");
    let r = std::process::Command::new(env!("CARGO_BIN_EXE_easyinfo"))
        .args(["build", root.to_str().unwrap(), "--out", dest.to_str().unwrap()])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let t = TestSite::empty();
    t.cmd(&["new", "site"]);
    let r = t.cmd(&["build", "site"]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    for dir in [dest, t.path("site/public")] {
        let all = pages(&dir);
        assert!(!all.is_empty());
        for (p, html) in &all {
            assert_csp(p, html);
            assert_page_safe(p, html);
        }
    }
}

// ------------------------------------------------------------------ guides: trusted

#[test]
fn raw_html_in_guides_is_passed_through() {
    // Editors are trusted: their HTML is theirs to write.
    let t = TestSite::new();
    let plain = "You can choose.\n\n<div class=\"callout\"><p>Call us on <strong>023 8000 0000</strong>.</p></div>\n\n<details><summary>More</summary>Extra words.</details>";
    t.guide("g", &simple_guide("A guide", "You can choose who helps you.", plain));
    t.build().ok();
    let html = t.read("public/plain/guides/g/index.html");
    assert!(html.contains("class=callout") || html.contains("class=\"callout\""), "{html}");
    assert!(html.contains("<details><summary>More</summary>"), "{html}");
}

#[test]
fn guide_text_and_front_matter_are_escaped() {
    // Raw HTML is for deliberate markup; text that merely looks like markup
    // in titles, summaries and code stays text.
    let t = TestSite::new();
    let g = format!(
        "---\ntitle: \"Fish & <chips>\"\nsummary: '\"><script>alert(1)</script>'\nreviewed: {}\n---\n\n# Fish & chips\n\nUse `<script>alert(2)</script>` in code.\n\n```\n<img src=x onerror=alert(3)>\n```\n",
        today()
    );
    t.write("content/guides/g.md", &g);
    t.build().ok();
    for v in ["easy", "plain", "large"] {
        let p = format!("public/{v}/guides/g/index.html");
        let html = t.read(&p);
        assert_page_safe(Path::new(&p), &html);
        let body = &html[html.find("<body").unwrap()..];
        assert!(body.contains("&lt;chips") && !body.contains("<chips"), "{html}");
    }
    // The home pages list the title and summary too.
    for (p, html) in pages(&t.path("public")) {
        assert_page_safe(&p, &html);
    }
    // A title that tries to end the <title> element.
    t.write("content/guides/g.md", &g.replace("title: \"Fish & <chips>\"", "title: \"</title><script>alert(9)</script>\""));
    t.build().ok();
    for (p, html) in pages(&t.path("public")) {
        assert_page_safe(&p, &html);
        balanced(&html).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    }
}

// ------------------------------------------------------------------ directory: hostile

/// A directory with one hostile service (the fields the issue names) and a
/// clean one, built; returns the site.
fn hostile_site(hostile: &str) -> TestSite {
    let t = full_site();
    t.write("content/directory/services/x.yaml", hostile);
    t
}

const SCRIPT_NAME: &str = "name: \"<script>alert(1)</script>\"\n";
const IMG_DESCRIPTION: &str = "description: '\"><img src=x onerror=alert(1)>'\neasy_description: \"</title><script>alert(2)</script>\"\n";

#[test]
fn hostile_service_text_is_escaped_on_every_page() {
    let t = hostile_site(&service(
        "x",
        &format!(
            "{SCRIPT_NAME}{IMG_DESCRIPTION}organization: \"</script><script>alert(3)</script>\"\nwho_for: \"' onfocus='alert(4)\"\ncost: \"<a href=javascript:alert(5)>free</a>\"\nlanguages: [\"<svg onload=alert(6)>\"]\nlocations:\n  - address: \"1 <i>High</i> Street\"\n    postcode: SO51 8AA\n    accessibility: [\"<svg/onload=alert(7)>\"]\ncontacts:\n  phone: \"01794 000000\"\n  website: https://example.org/a?b=1&c=2\n"
        ),
    ));
    let r = t.build();
    r.ok();
    let all = pages(&t.path("public"));
    let service_pages: Vec<_> = all.iter().filter(|(p, _)| p.to_string_lossy().contains("directory/services/x/")).collect();
    assert_eq!(service_pages.len(), 3, "one service page per version: {:?}", all.iter().map(|p| &p.0).collect::<Vec<_>>());
    for (p, html) in &all {
        assert_page_safe(p, html);
        if let Err(e) = balanced(html) {
            panic!("{}: hostile text broke the page's structure: {e}", p.display());
        }
    }
    // The text is shown, as text.
    let (_, page) = service_pages.iter().find(|(p, _)| p.starts_with("plain")).unwrap();
    assert!(
        ["&lt;script>alert(1)&lt;/script>", "&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;script&gt;alert(1)&lt;&#x2F;script&gt;"].iter().any(|f| page.contains(f)),
        "{page}"
    );
    // The search index, if any, cannot run either: it is data, loaded by a script file.
    for e in walkdir::WalkDir::new(t.path("public")).into_iter().filter_map(Result::ok) {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "js" || x == "json") && p.to_string_lossy().contains("search") {
            let text = std::fs::read_to_string(p).unwrap();
            assert!(!text.contains("</script"), "{}: raw `</script` in data", p.display());
        }
    }
}

#[test]
fn javascript_urls_in_services_are_refused() {
    for url in ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)"] {
        let t = hostile_site(&service("x", &format!("name: Hostile\ncontacts:\n  website: {:?}\n", url)));
        let r = t.build();
        assert_eq!(r.code(), 1, "{url:?} must be refused\nstderr:\n{}", r.stderr());
        let err = r.stderr();
        assert!(err.contains("content/directory/services/x.yaml"), "{url:?}: the file is named:\n{err}");
        assert!(!t.exists("public"), "{url:?}: nothing is published");
    }
}

#[test]
fn only_safe_url_schemes_reach_a_page() {
    // Whatever the directory checks accept, no page may link to a script URL.
    let t = hostile_site(&service(
        "x",
        "name: Contacts\ncontacts:\n  phone: \"023 8000 0000\"\n  textphone: \"023 8000 0001\"\n  sms: \"07700 900000\"\n  email: a@example.org\n  website: http://example.org/\n",
    ));
    t.build().ok();
    for (p, html) in pages(&t.path("public")) {
        for tok in htmlcheck::tokens(&html) {
            if let htmlcheck::Token::Start { name, attrs, .. } = tok {
                for (a, v) in attrs {
                    if a == "href" && v.contains(':') && !v.starts_with('#') {
                        let scheme = v.split(':').next().unwrap().to_ascii_lowercase();
                        let relative = scheme.contains('/') || scheme.contains('.') || scheme.contains('?');
                        assert!(
                            relative || ["http", "https", "mailto", "tel", "sms"].contains(&scheme.as_str()),
                            "{}: <{name} href=\"{v}\">",
                            p.display()
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn hostile_spreadsheet_rows_are_escaped_too() {
    let t = full_site();
    let csv = format!(
        "id,name,description,categories,website,reviewed\ncsv1,\"<script>alert(1)</script>\",\"\"\"><img src=x onerror=alert(1)>\",health,https://example.org/,{}\n",
        today()
    );
    t.write("content/directory/services.csv", &csv);
    t.build().ok();
    for (p, html) in pages(&t.path("public")) {
        assert_page_safe(&p, &html);
        if let Err(e) = balanced(&html) {
            panic!("{}: {e}", p.display());
        }
    }
}

#[test]
fn a_javascript_url_in_the_spreadsheet_is_refused() {
    let t = full_site();
    t.write(
        "content/directory/services.csv",
        &format!("id,name,categories,website,reviewed\ncsv1,Hostile,health,javascript:alert(1),{}\n", today()),
    );
    let r = t.build();
    assert_eq!(r.code(), 1, "{}", r.stderr());
    assert!(r.stderr().contains("content/directory/services.csv"), "{}", r.stderr());
}

#[test]
fn hostile_category_and_glossary_text_is_escaped() {
    let t = full_site();
    t.write(
        "content/directory/categories.yaml",
        "- id: health\n  name: \"<img src=x onerror=alert(1)>\"\n  easy_name: \"<script>alert(2)</script>\"\n  description: \"\\\"><svg onload=alert(3)>\"\n",
    );
    t.write(
        "content/glossary.yaml",
        &format!("{}- term: budget\n  means: \"<img src=x onerror=alert(4)>\"\n  instead: \"<script>alert(5)</script>\"\n", util::GLOSSARY),
    );
    t.guide("g", &simple_guide("A guide", "Your budget is money.", "Your budget is money."));
    t.build().ok();
    for (p, html) in pages(&t.path("public")) {
        assert_page_safe(&p, &html);
    }
}
