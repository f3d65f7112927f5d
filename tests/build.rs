//! Building whole sites, as Zola's site tests do: a fixture site is copied
//! into a temp folder, built with the real binary, and its files checked.

use crate::util;
use std::path::Path;
use crate::util::{today, TestSite};

/// Copy tests/fixtures/test_site into a temp folder, with today's dates.
fn fixture() -> TestSite {
    let t = TestSite::empty();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/test_site");
    for e in walkdir::WalkDir::new(&src).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()) {
        let rel = e.path().strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
        let bytes = std::fs::read(e.path()).unwrap();
        match String::from_utf8(bytes) {
            Ok(text) => t.write(&rel, &text.replace("REVIEWED", &today())),
            Err(e) => t.write_bytes(&rel, e.as_bytes()),
        };
    }
    t
}

macro_rules! assert_file_contains {
    ($site:expr, $path:expr, $($needle:expr),+) => {{
        let text = $site.read($path);
        $(assert!(text.contains($needle), "{} should contain {:?}", $path, $needle);)+
    }};
}

#[test]
fn builds_every_spec_output_path() {
    let t = fixture();
    t.build().ok();
    let mut expected = vec![
        "public/index.html".to_string(),
        "public/sitemap.xml".into(),
        "public/404.html".into(),
        "public/docs/readme.txt".into(),
    ];
    for v in ["easy", "plain", "large"] {
        for slug in ["bundle", "single"] {
            expected.push(format!("public/{v}/guides/{slug}/index.html"));
        }
        expected.push(format!("public/{v}/glossary/index.html"));
        expected.push(format!("public/{v}/directory/index.html"));
        expected.push(format!("public/{v}/directory/a-z/index.html"));
        for c in ["advice", "health"] {
            expected.push(format!("public/{v}/directory/categories/{c}/index.html"));
        }
        for s in ["advice-line", "health-walk"] {
            expected.push(format!("public/{v}/directory/services/{s}/index.html"));
        }
    }
    let missing: Vec<&String> = expected.iter().filter(|p| !t.exists(p)).collect();
    assert!(missing.is_empty(), "missing outputs: {missing:?}");
}

/// Every `href` and `src` in a page.
fn refs(html: &str) -> Vec<String> {
    let re = regex::Regex::new(r#"(?:href|src)=(?:"([^"]*)"|'([^']*)'|([^\s>"']+))"#).unwrap();
    re.captures_iter(html)
        .map(|c| c.get(1).or(c.get(2)).or(c.get(3)).unwrap().as_str().replace("&amp;", "&"))
        .collect()
}

#[test]
fn every_page_has_the_required_structure_and_working_relative_links() {
    let t = fixture();
    t.build().ok();
    let out = t.path("public");
    let mut pages = 0;
    for e in walkdir::WalkDir::new(&out).into_iter().filter_map(Result::ok) {
        let p = e.path();
        if p.extension().is_none_or(|x| x != "html") {
            continue;
        }
        pages += 1;
        let rel = p.strip_prefix(&out).unwrap().to_string_lossy().to_string();
        // Minified, so the checks below need not care about spacing and quotes.
        let html = String::from_utf8(easyinfo::render::minify(&std::fs::read(p).unwrap())).unwrap();
        assert!(html.contains("<html") && html.contains(" lang=en-GB") || html.contains("lang=\"en-GB\""), "{rel}: lang");
        assert!(html.contains("href=#main"), "{rel}: skip link");
        assert!(html.contains("<main id=main"), "{rel}: main landmark");
        assert_eq!(html.matches("<h1").count(), 1, "{rel}: exactly one h1");
        assert!(html.contains("Content-Security-Policy"), "{rel}: CSP");
        if rel == "404.html" {
            continue; // served from any depth, so it links from the site's base path
        }
        for r in refs(&html) {
            assert!(!r.starts_with("http://") && !r.starts_with("https://") || !r.contains("src"), "{rel}: {r}");
            if r.starts_with('#') || r.contains(':') {
                continue;
            }
            assert!(!r.starts_with('/'), "{rel}: absolute link {r} breaks on file://");
            let target = r.split('#').next().unwrap();
            let resolved = p.parent().unwrap().join(target);
            assert!(resolved.is_file(), "{rel}: link {r} does not name an existing file");
        }
    }
    assert!(pages >= 25, "only {pages} pages");
}

#[test]
fn pages_link_to_the_same_page_in_the_other_versions() {
    let t = fixture();
    t.build().ok();
    assert_file_contains!(
        t,
        "public/easy/guides/bundle/index.html",
        "href=../../../large/guides/bundle/index.html",
        "href=../../../plain/guides/bundle/index.html"
    );
    assert_file_contains!(t, "public/plain/glossary/index.html", "href=../../easy/glossary/index.html");
}

#[test]
fn levels_get_their_own_text_title_and_layout() {
    let t = fixture();
    t.build().ok();
    let easy = t.read("public/easy/guides/bundle/index.html");
    let plain = t.read("public/plain/guides/bundle/index.html");
    let large = t.read("public/large/guides/single/index.html");
    assert!(easy.contains("<h1>Getting money</h1>"));
    assert!(plain.contains("<h1>Getting a direct payment</h1>"));
    // Easy read: picture left, words right, and the hard word explained beside its first use.
    assert!(easy.contains("<div class=pair><div class=pair-picture><img"), "{easy}");
    assert!(easy.contains("class=meaning"), "{easy}");
    assert!(!easy.contains("from the council. You use it"));
    // Plain: first use links to the glossary; abbreviations expanded.
    assert!(plain.contains("href=../../../plain/glossary/index.html#term-direct-payment"), "{plain}");
    assert!(plain.contains(r#"<abbr title="general practitioner">GP</abbr>"#), "{plain}");
    assert!(plain.contains("(general practitioner)"));
    // Large print: `::: large` replaces the plain block in its section.
    assert!(large.contains("only in large print"));
    assert!(!large.contains("It links back"));
    let plain_single = t.read("public/plain/guides/single/index.html");
    assert!(!plain_single.contains("only in large print"));
    // Glossary pages mark terms with <dfn>.
    assert_file_contains!(t, "public/plain/glossary/index.html", "<dfn>direct payment</dfn>", "id=term-direct-payment");
}

#[test]
fn built_site_makes_no_request_to_another_host() {
    let t = fixture();
    t.build().ok();
    let re = regex::Regex::new(r#"<(?:script|link|img|iframe|source|video|audio)\b[^>]*(?:src|href)=["']?(https?:)?//"#).unwrap();
    for e in walkdir::WalkDir::new(t.path("public")).into_iter().filter_map(Result::ok) {
        if e.path().extension().is_some_and(|x| x == "html" || x == "css") {
            let text = std::fs::read_to_string(e.path()).unwrap();
            assert!(!re.is_match(&text), "{} loads something from another host", e.path().display());
            assert!(!text.contains("url(http"), "{}", e.path().display());
        }
    }
}

#[test]
fn sitemap_lists_pages_under_the_base_url() {
    let t = fixture();
    t.build().ok();
    assert_file_contains!(t, "public/sitemap.xml", "<loc>https://example.org/fixture/easy/guides/bundle/</loc>", "<urlset");
    assert!(!t.read("public/sitemap.xml").contains("404"));
}

#[test]
fn out_flag_publishes_elsewhere() {
    let t = fixture();
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("site");
    let r = util::Run(t.cmd(&["build", ".", "--out", dest.to_str().unwrap()]));
    r.ok();
    assert!(dest.join("plain/guides/single/index.html").is_file());
    assert!(!t.exists("public"));
}

#[test]
fn new_site_builds_cleanly_and_refuses_a_non_empty_folder() {
    let t = TestSite::empty();
    util::Run(t.cmd(&["new", "mysite"])).ok();
    let r = util::Run(t.cmd(&["build", "mysite"]));
    r.ok();
    assert!(!r.stderr().contains("warning"), "a new site has no warnings: {}", r.stderr());
    assert!(t.exists("mysite/public/easy/guides/welcome/index.html"));
    assert!(!t.exists("mysite/themes"), "the theme is built in");
    let lint = util::Run(t.cmd(&["lint", "mysite", "--deny-warnings"]));
    lint.ok();
    util::Run(t.cmd(&["new", "mysite"])).fails(2);
}

#[test]
fn site_theme_overrides_the_built_in_one() {
    let t = fixture();
    t.write(
        "themes/default/templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<h1>{{ title }}</h1><p>Custom not found page.</p>{% endblock content %}",
    );
    t.build().ok();
    assert_file_contains!(t, "public/404.html", "Custom not found page.");
    // Other templates still come from the built-in theme.
    assert_file_contains!(t, "public/plain/guides/bundle/index.html", "class=skip-link");
}

#[test]
fn css_is_minified_for_old_browsers() {
    let t = fixture();
    t.build().ok();
    let css = t.read("public/css/large.css");
    assert!(!css.contains("\n  "), "minified");
    assert!(css.contains("-webkit-hyphens:none"), "prefixed for older Safari");
}

#[test]
fn usage_errors_exit_2() {
    let t = TestSite::empty();
    util::Run(t.cmd(&["build"])).fails(2);
    util::Run(t.cmd(&["build", "no-such-folder"])).fails(2);
    util::Run(t.cmd(&["frobnicate"])).fails(2);
}

#[test]
fn html_is_minified_only_when_the_site_asks() {
    let t = fixture();
    t.build().ok();
    let page = "public/plain/guides/single/index.html";
    let plain = t.raw(page);
    let dir_page = t.raw("public/plain/directory/a-z/index.html");
    assert!(plain.contains("<html lang=\"en-GB\" class=\"v-plain\">"), "the theme's markup as written: {plain}");
    let site = t.read("site.yaml");
    t.write("site.yaml", &format!("{site}minify: true\n"));
    t.build().ok();
    let small = t.raw(page);
    assert!(small.contains("<html class=v-plain lang=en-GB>"), "minified: {small}");
    assert!(small.len() * 100 < plain.len() * 95, "minifying saves at least 5%: {} -> {}", plain.len(), small.len());
    assert!(t.raw("public/plain/directory/a-z/index.html").len() < dir_page.len());
    // The same page either way, once both are minified.
    assert_eq!(t.read(page), small);
}
