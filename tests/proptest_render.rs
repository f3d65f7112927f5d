//! Property tests: for Markdown-ish guides built from the pieces editors
//! write (headings, `:::` containers, pictures, links, emphasis, lists, code
//! fences, raw HTML, tables, any Unicode), parsing never panics; when it
//! succeeds, every level renders without panicking to balanced HTML, the
//! lint's text units map back into the source, and each level's source
//! keeps the body's byte offsets. A few whole sites are built too, and every
//! page they write must be balanced.

use crate::htmlcheck;
use crate::util;

use easyinfo::load::glossary::{EasyUse, Entry, Glossary, PlainUse};
use easyinfo::core::version::Level;
use easyinfo::load::links;
use proptest::prelude::*;
use std::path::Path;


fn entry(term: &str, abbr: Option<&str>, easy: EasyUse, plain: PlainUse) -> Entry {
    Entry {
        term: term.into(),
        forms: Vec::new(),
        abbr: abbr.map(Into::into),
        means: format!("What <{term}> & more means."),
        instead: None,
        easy,
        plain,
        line: 0,
    }
}

fn glossary() -> Glossary {
    Glossary::new(vec![
        entry("direct payment", None, EasyUse::Explain, PlainUse::Ok),
        entry("payment", None, EasyUse::Explain, PlainUse::Ok),
        entry("RAS", Some("resource allocation system"), EasyUse::Avoid, PlainUse::Avoid),
        entry("café", None, EasyUse::Explain, PlainUse::Ok),
        entry("person-centred", None, EasyUse::Explain, PlainUse::Avoid),
    ])
}

/// Words, including glossary terms, Unicode and characters HTML cares about.
fn words() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        Just("You".to_string()),
        Just("can".to_string()),
        Just("choose".to_string()),
        Just("direct payment".to_string()),
        Just("payments".to_string()),
        Just("RAS".to_string()),
        Just("café".to_string()),
        Just("person centred".to_string()),
        Just("DWP".to_string()),
        Just("&".to_string()),
        Just("<3".to_string()),
        Just("a < b > c".to_string()),
        Just("\"quoted words\"".to_string()),
        Just("it’s".to_string()),
        Just("日本語".to_string()),
        Just("🙂".to_string()),
        Just("e\u{301}".to_string()),
        Just("\u{200b}".to_string()),
        Just("مرحبا".to_string()),
        "[a-zA-Z]{1,8}",
        // Any printable text, but no `<`: a random `<p` would start raw HTML.
        "[\\PC&&[^<]]{1,4}",
    ];
    prop::collection::vec(word, 1..8).prop_map(|w| w.join(" "))
}

fn url() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("@/guides/other.md".to_string()),
        Just("@/guides/missing.md".to_string()),
        Just("@/glossary".to_string()),
        Just("@/directory/services/svc".to_string()),
        Just("@/directory/categories/nope".to_string()),
        Just("../other/index.md#part".to_string()),
        Just("https://example.org/a?b=1&c=2".to_string()),
        Just("mailto:a@example.org".to_string()),
        Just("#top".to_string()),
        Just("pictures/p.svg".to_string()),
        Just("../../../etc/passwd".to_string()),
        Just("/abs".to_string()),
        Just("%2e%2e/x".to_string()),
        Just("".to_string()),
        "[a-z/.#%:]{0,12}",
    ]
}

/// One line or block of a guide body.
fn fragment() -> BoxedStrategy<String> {
    prop_oneof![
        4 => words(),
        1 => Just(String::new()),
        1 => (1usize..7, words()).prop_map(|(n, w)| format!("{} {w}", "#".repeat(n))),
        2 => prop_oneof![
            Just("::: easy"), Just("::: plain"), Just("::: large"), Just("::: easy plain"),
            Just(":::"), Just(":::"), Just("::: esay"), Just(":::easy"), Just("  ::: plain"), Just("::: easy, large"),
        ].prop_map(str::to_string),
        2 => (words(), url()).prop_map(|(alt, u)| format!("![{alt}]({u})")),
        1 => url().prop_map(|u| format!("![]({u})")),
        2 => (words(), url()).prop_map(|(t, u)| format!("[{t}]({u})")),
        1 => (words(), url()).prop_map(|(t, u)| format!("[{t}]({u} \"a title\")")),
        1 => words().prop_map(|w| format!("**{w}**")),
        1 => words().prop_map(|w| format!("*{w}*")),
        1 => words().prop_map(|w| format!("_{w}_")),
        1 => words().prop_map(|w| format!("~~{w}~~")),
        1 => words().prop_map(|w| format!("`{w}`")),
        2 => words().prop_map(|w| format!("- {w}")),
        1 => words().prop_map(|w| format!("1. {w}")),
        1 => words().prop_map(|w| format!("  - {w}")),
        1 => words().prop_map(|w| format!("> {w}")),
        1 => words().prop_map(|w| format!("```\n{w}\n::: easy\n```")),
        1 => Just("```".to_string()),
        1 => Just("~~~~".to_string()),
        1 => words().prop_map(|w| format!("    indented code {w}")),
        1 => words().prop_map(|w| format!("| a | b |\n|---|---|\n| {w} | x |")),
        // Raw HTML blocks run to the next blank line, so each ends with one:
        // the editor's HTML is balanced, and must stay so.
        1 => words().prop_map(|w| format!("<div class=\"note\">{}</div>\n", w.replace('<', "&lt;"))),
        1 => words().prop_map(|w| format!("<span lang=\"fr\">{}</span>", w.replace('<', "&lt;"))),
        1 => Just("<details><summary>More</summary>Hidden words.</details>\n".to_string()),
        1 => words().prop_map(|w| format!("Line one<br>{w}")),
        1 => Just("<!-- a comment -->".to_string()),
        1 => Just("<!-- easyinfo-ignore jargon/avoid -->".to_string()),
        1 => Just("---".to_string()),
        1 => Just("***".to_string()),
        1 => words().prop_map(|w| format!("{w}  ")),
        1 => words().prop_map(|w| format!("{w}\r")),
        1 => Just("\t".to_string()),
    ]
    .boxed()
}

fn front_matter() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => Just(String::new()),
        2 => words().prop_map(|t| format!("---\ntitle: {t:?}\nreviewed: 2026-01-01\n---\n")),
        1 => Just("---\ntitle: {easy: Easy, plain: Plain, large: Large}\nsummary: A summary\n---\n".to_string()),
        1 => Just("---\ntitle: T\nreviewed: not a date\n---\n".to_string()),
        1 => Just("---\ntitle: [x\n---\n".to_string()),
        1 => Just("---\ntitle: T\n".to_string()),
        1 => Just("---\r\ntitle: T\r\n---\r\n".to_string()),
        1 => Just("---\ntitel: T\n---\n".to_string()),
        1 => Just("---\n---\n".to_string()),
    ]
}

fn guide_text() -> impl Strategy<Value = String> {
    (front_matter(), prop::collection::vec(fragment(), 0..40)).prop_map(|(fm, parts)| format!("{fm}{}", parts.join("\n")))
}

fn deterministic(cases: u32, max_shrink_iters: u32) -> ProptestConfig {
    let mut c = ProptestConfig { cases, max_shrink_iters, ..ProptestConfig::default() };
    // ProptestConfig::default() reads PROPTEST_RNG_SEED; fix the seed unless it is set.
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        c.rng_seed = proptest::test_runner::RngSeed::Fixed(0x00ea_5e1f_0011);
    }
    c
}

/// Parse and render; panics (and so fails the property) on any broken invariant.
fn check(source: &str, glossary: &Glossary) -> Result<(), TestCaseError> {
    let dir = Path::new("/site/content/guides/g");
    let root = Path::new("/site/content/guides");
    let Ok(g) = easyinfo::load::guide::parse("g", "content/guides/g/index.md", dir.to_path_buf(), source.to_string()) else {
        return Ok(());
    };
    let body = g.body();
    for level in Level::ALL {
        let src = g.level_source(level);
        prop_assert_eq!(src.len(), body.len(), "{:?} source must keep the body's byte offsets", level);
        for (i, (a, b)) in src.bytes().zip(body.bytes()).enumerate() {
            prop_assert!(a == b || (a == b' ' && b != b'\n'), "{:?}: byte {} changed from {:?} to {:?}", level, i, b as char, a as char);
        }
        prop_assert!(src.is_char_boundary(src.len()));
        let resolve = |u: &str| links::resolve(u, level, dir, root, &links::OneOfEach);
        let ctx = easyinfo::render::markdown::Ctx { level, glossary, root: "../../../", resolve: &resolve, title_at: g.title_heading[level.index()] };
        let r = easyinfo::render::markdown::render(src, &ctx);
        if let Err(e) = htmlcheck::balanced(&r.html) {
            return Err(TestCaseError::fail(format!("{level:?}: {e}\n--- markdown ---\n{src}\n--- html ---\n{}", r.html)));
        }
        let hz = htmlcheck::script_hazards(&r.html);
        prop_assert!(hz.iter().all(|h| !h.contains("script URL")), "{:?}: {:?}", level, hz);
        for u in easyinfo::check::text::units(src) {
            for pos in [0, u.text.len() / 2, u.text.len()] {
                let off = u.source_offset(pos);
                prop_assert!(off <= body.len(), "unit offset {} beyond the body ({})", off, body.len());
            }
            for img in &u.images {
                prop_assert!(img.offset <= body.len());
            }
            for (_, off) in &u.links {
                prop_assert!(*off <= body.len());
            }
        }
    }
    Ok(())
}

proptest! {
    // A fixed seed: `cargo test` runs the same cases every time, so it never
    // passes or fails by chance. Open-ended exploration is the fuzz step's
    // job (fuzz/); to explore here, set PROPTEST_RNG_SEED=random.
    #![proptest_config(deterministic(256, 2000))]

    #[test]
    fn parsing_and_rendering_never_panic_and_give_balanced_html(source in guide_text()) {
        let g = glossary();
        check(&source, &g)?;
    }

    #[test]
    fn arbitrary_unicode_never_panics(source in "(---\n)?\\PC{0,200}(\n:::)?") {
        let g = glossary();
        check(&source, &g)?;
    }
}

proptest! {
    // Whole builds through the binary are slower: a few cases.
    #![proptest_config(deterministic(12, 50))]

    #[test]
    fn every_page_a_build_writes_is_balanced(bodies in prop::collection::vec(prop::collection::vec(fragment(), 0..25), 1..4)) {
        let t = util::TestSite::new();
        for (i, parts) in bodies.iter().enumerate() {
            t.write(&format!("content/guides/g{i}/index.md"), &format!("---\ntitle: Guide {i}\n---\n\n# Guide {i}\n\n{}", parts.join("\n")));
            t.write(&format!("content/guides/g{i}/pictures/p.svg"), util::PICTURE);
        }
        // Random text has lint errors, so render in-process, past the lint:
        // every page the renderer would publish must be balanced.
        let Ok(site) = easyinfo::load::site::load(t.root()) else { return Ok(()) };
        let files = easyinfo::render::render(&site).map_err(|d| TestCaseError::fail(format!("render failed: {d:?}")))?;
        let mut pages = 0;
        for f in &files {
            if let (true, easyinfo::render::Content::Bytes(b)) = (f.path.ends_with(".html"), &f.content) {
                pages += 1;
                let html = String::from_utf8(b.clone()).map_err(|e| TestCaseError::fail(e.to_string()))?;
                if let Err(err) = htmlcheck::balanced(&html) {
                    return Err(TestCaseError::fail(format!("{}: {err}\n{html}", f.path)));
                }
            }
        }
        prop_assert!(pages >= 3 * bodies.len());
    }
}

/// Regression cases: inputs that once broke an invariant (from fuzzing or
/// the properties above) stay here.
#[test]
fn regressions() {
    let g = glossary();
    for source in [
        "",
        "---",
        "---\n",
        "---\n---",
        ":::",
        "::: easy",
        "::: easy\n:::",
        "![](pictures/p.svg)",
        "::: easy\n![A](pictures/p.svg)\n:::\n",
        "# T\n\n::: large\nx\n:::\n::: plain\ny\n:::\n",
        "\r\n::: easy\r\nx\r\n:::\r\n",
        "```\n::: easy\n",
        // Drawn after 152 successes: `\<` is an escaped `<`, so the span
        // never closed and `</p>` closed it.
        "---\ntitle: T\n---\n<span lang=\"fr\">\\</span>",
        "---\ntitle: T\n---\n<div>\nopen\n",
        "---\ntitle: T\n---\n</div>\n\ntext</span>",
        "---\ntitle: T\n---\n- <details>\n\n  text\n</details>\n",
        "---\ntitle: T\n---\n> # Heading\n\n- # Item\n",
    ] {
        check(source, &g).unwrap_or_else(|e| panic!("{source:?}: {e}"));
    }
}

/// Found by `parsing_and_rendering_never_panic_and_give_balanced_html`
/// (minimal case, after 152 successes): the easy read page came out as
/// `<p><span lang="fr">&lt;/span&gt;</p>`.
#[test]
fn an_unclosed_inline_tag_is_closed_in_its_paragraph() {
    let g = glossary();
    let source = "---\ntitle: T\n---\n<span lang=\"fr\">\\</span>";
    check(source, &g).unwrap_or_else(|e| panic!("{e}"));
    let dir = Path::new("/site/content/guides/g");
    let parsed = easyinfo::load::guide::parse("g", "content/guides/g/index.md", dir.to_path_buf(), source.into()).unwrap();
    let resolve = |u: &str| links::resolve(u, Level::parse("easy").unwrap(), dir, dir, &links::OneOfEach);
    let ctx = easyinfo::render::markdown::Ctx { level: Level::parse("easy").unwrap(), glossary: &g, root: "", resolve: &resolve, title_at: None };
    let html = easyinfo::render::markdown::render(parsed.level_source(Level::parse("easy").unwrap()), &ctx).html;
    assert_eq!(html.trim(), r#"<p><span lang="fr">&lt;/span&gt;</span></p>"#);
}

/// Found by `every_page_a_build_writes_is_balanced`: a `<3` in an HTML
/// block made the minifier swallow `</article></main>`.
#[test]
fn a_stray_less_than_in_raw_html_does_not_break_the_page() {
    let t = util::TestSite::new();
    t.write(
        "content/guides/g/index.md",
        "---\ntitle: Guide\n---\n\n# Guide\n\n<details><summary>More</summary>Hidden words.</details>\n# <3\n",
    );
    let site = easyinfo::load::site::load(t.root()).unwrap();
    for f in easyinfo::render::render(&site).unwrap() {
        if let (true, easyinfo::render::Content::Bytes(b)) = (f.path.ends_with(".html"), &f.content) {
            let html = String::from_utf8_lossy(b);
            htmlcheck::balanced(&html).unwrap_or_else(|e| panic!("{}: {e}\n{html}", f.path));
            assert!(html.contains("</main>"), "{}", f.path);
        }
    }
}
