//! The error catalogue: every class of bad input gets a plain message that
//! names the file (and line where known), says what is wrong, and gives a
//! hint. Content problems exit 1; usage problems exit 2.

use crate::util;
use crate::util::{simple_guide, Run, TestSite, PICTURE};

/// The blank-line-separated block of stderr that mentions `loc`.
#[track_caller]
fn block(r: &Run, loc: &str) -> String {
    let err = r.stderr();
    err.split("\n\n")
        .find(|b| b.contains(loc))
        .unwrap_or_else(|| panic!("no message mentions `{loc}`\nstdout:\n{}\nstderr:\n{err}", r.stdout()))
        .to_string()
}

/// Exit code, a message at `loc` (`file` or `file:line:`) holding every one
/// of `words` (any case), and a hint.
#[track_caller]
fn reports(r: &Run, code: i32, loc: &str, words: &[&str]) -> String {
    r.fails(code);
    let b = block(r, loc);
    let lower = b.to_lowercase();
    for w in words {
        assert!(lower.contains(&w.to_lowercase()), "the message at `{loc}` should say `{w}`:\n{b}");
    }
    assert!(b.contains("hint: "), "the message at `{loc}` should give a hint:\n{b}");
    b
}

/// A usage error (exit 2) whose message holds every one of `words`.
#[track_caller]
fn usage(r: &Run, words: &[&str]) -> String {
    r.fails(2);
    let err = r.stderr();
    let lower = err.to_lowercase();
    for w in words {
        assert!(lower.contains(&w.to_lowercase()), "the message should say `{w}`:\n{err}");
    }
    assert!(!err.contains("panicked"), "{err}");
    err
}

fn good_site() -> TestSite {
    let t = TestSite::new();
    t.guide("g", &simple_guide("A guide", "You can choose who helps you.", "You can choose who supports you."));
    t
}

fn guide_with_front(front: &str) -> String {
    format!("---\n{front}\n---\n\n# A guide\n\nSome words.\n")
}

// ------------------------------------------------------------------ YAML

#[test]
fn yaml_syntax_error_in_site_yaml() {
    let t = good_site();
    // An unclosed quote is reported where it opens, not at the end of the file.
    t.write("site.yaml", "title: \"Test site\nbase_url: https://example.org/\nlanguage: en-GB\n");
    reports(&t.build(), 1, "site.yaml:1:8:", &["not well formed", "quote", "never closed"]);
    reports(&t.lint(&[]), 1, "site.yaml:1:8:", &["quote"]);
    t.write("site.yaml", "title: Test site\n  base_url: https://example.org/\n");
    reports(&t.build(), 1, "site.yaml:2:", &["not well formed"]);
}

#[test]
fn yaml_syntax_error_in_glossary() {
    let t = good_site();
    t.write("content/glossary.yaml", "- term: advocate\n  means: Someone: who helps you speak up.\n");
    reports(&t.build(), 1, "content/glossary.yaml:2:", &["YAML", "not well formed"]);
}

#[test]
fn yaml_syntax_error_in_front_matter_counts_lines_from_the_top_of_the_file() {
    let t = good_site();
    t.write("content/guides/bad.md", &guide_with_front("title: A guide\nsummary: [unclosed"));
    reports(&t.build(), 1, "content/guides/bad.md:3:10:", &["YAML", "`[`", "never closed"]);
}

#[test]
fn wrong_field_type_says_what_it_should_be() {
    let t = good_site();
    t.write("content/guides/bad.md", &guide_with_front("title: A guide\nweight: heavy"));
    reports(&t.build(), 1, "content/guides/bad.md:3:", &["weight", "wrong type", "heavy"]);

    let t = good_site();
    t.write("site.yaml", &format!("{}limits:\n  max_file_size: lots\n", util::SITE_YAML));
    reports(&t.build(), 1, "site.yaml:5:", &["max_file_size", "wrong type"]);
}

#[test]
fn unknown_field_suggests_the_nearest_name() {
    let t = good_site();
    t.write("content/guides/bad.md", &guide_with_front("title: A guide\nsumary: Oops"));
    let b = reports(&t.build(), 1, "content/guides/bad.md:3:", &["unknown field `sumary`"]);
    assert!(b.contains("Did you mean `summary`?"), "{b}");

    let t = good_site();
    t.write("site.yaml", &format!("{}tilte: Oops\n", util::SITE_YAML));
    let b = reports(&t.build(), 1, "site.yaml:4:", &["unknown field `tilte`"]);
    assert!(b.contains("Did you mean `title`?"), "{b}");

    let t = good_site();
    t.write("content/glossary.yaml", "- term: advocate\n  meens: Someone who helps you speak up.\n");
    let b = reports(&t.build(), 1, "content/glossary.yaml:2:", &["unknown field `meens`"]);
    assert!(b.contains("Did you mean `means`?"), "{b}");
}

#[test]
fn missing_required_field_is_named() {
    let t = good_site();
    t.write("content/glossary.yaml", "- term: advocate\n  means: Someone who helps you speak up.\n- term: budget\n  instead: money\n");
    reports(&t.build(), 1, "content/glossary.yaml:", &["`means`", "missing"]);

    let t = good_site();
    t.write("site.yaml", &format!("{}lint:\n  easy:\n    max_grade: 5\n", util::SITE_YAML));
    reports(&t.build(), 1, "site.yaml:", &["`max_sentence_words`", "missing"]);
}

// ------------------------------------------------------------------ containers

#[test]
fn unclosed_container_names_the_opening_line() {
    let t = good_site();
    t.write("content/guides/bad.md", "---\ntitle: Bad\n---\n\n# Bad\n\n::: easy\nWords.\n");
    reports(&t.build(), 1, "content/guides/bad.md:7:1:", &["container", "never closed"]);
}

#[test]
fn unknown_container_level_suggests_one() {
    let t = good_site();
    t.write("content/guides/bad.md", "---\ntitle: Bad\n---\n\n# Bad\n\n::: esay\nWords.\n:::\n");
    let b = reports(&t.build(), 1, "content/guides/bad.md:7:1:", &["unknown reading level `esay`"]);
    assert!(b.contains("`easy`"), "{b}");
}

#[test]
fn nested_container_names_the_inner_line() {
    let t = good_site();
    t.write("content/guides/bad.md", "---\ntitle: Bad\n---\n\n# Bad\n\n::: easy\nWords.\n::: plain\nMore.\n:::\n");
    reports(&t.build(), 1, "content/guides/bad.md:9:1:", &["inside another container"]);
}

// ------------------------------------------------------------------ files

#[test]
fn a_file_that_is_not_utf8_reports_the_line() {
    let t = good_site();
    t.write_bytes("content/guides/latin1.md", b"---\ntitle: Caf\xe9\n---\n\n# Caf\xe9\n");
    reports(&t.build(), 1, "content/guides/latin1.md:2:", &["not UTF-8"]);

    let t = good_site();
    t.write_bytes("content/glossary.yaml", b"- term: advocate\n  means: Someone who helps you.\n- term: caf\xe9\n  means: x\n");
    reports(&t.build(), 1, "content/glossary.yaml:3:", &["not UTF-8"]);
}

#[test]
fn missing_picture_is_an_error() {
    let t = good_site();
    t.guide("g", &simple_guide("A guide", "You can choose.", "Plain words.").replace("pictures/p.svg", "pictures/missing.png"));
    reports(&t.build(), 1, "content/guides/g/index.md:11:", &["broken picture", "pictures/missing.png"]);
}

#[test]
fn picture_without_alt_text_is_an_error() {
    let t = good_site();
    t.guide("g", &simple_guide("A guide", "You can choose.", "Plain words.").replace("![A picture]", "![]"));
    reports(&t.build(), 1, "content/guides/g/index.md:11:", &["no alt text"]);
}

#[test]
fn broken_internal_link_is_an_error() {
    let t = good_site();
    t.guide("g", &simple_guide("A guide", "You can choose.", "See [the other guide](@/guides/nowhere.md)."));
    reports(&t.build(), 1, "content/guides/g/index.md:16:", &["broken link", "nowhere"]);
}

#[test]
fn duplicate_guide_slugs_are_an_error() {
    let t = good_site();
    t.write("content/guides/a.md", &simple_guide("A", "You can choose.", "Plain."));
    t.guide("a", &simple_guide("A again", "You can choose.", "Plain."));
    let r = t.build();
    r.fails(1);
    let err = r.stderr();
    assert!(err.contains("error[guide/duplicate]"), "{err}");
    assert!(err.contains("content/guides/a.md") && err.contains("content/guides/a/index.md"), "both files are named:\n{err}");
    assert!(err.contains("slug `a`"), "{err}");
    assert!(err.contains("hint: "), "{err}");
}

#[test]
fn bad_reviewed_date_is_an_error() {
    let t = good_site();
    t.write("content/guides/bad.md", &guide_with_front("title: A guide\nreviewed: 31/02/2026"));
    let b = reports(&t.build(), 1, "content/guides/bad.md:3:", &["reviewed", "not a date"]);
    assert!(b.contains("year-month-day"), "{b}");
    // A date that looks right but does not exist.
    t.write("content/guides/bad.md", &guide_with_front("title: A guide\nreviewed: 2026-02-30"));
    reports(&t.build(), 1, "content/guides/bad.md:3:", &["not a date"]);
}

// ------------------------------------------------------------------ theme

#[test]
fn theme_template_error_names_the_template_and_line() {
    let t = good_site();
    t.write(
        "themes/default/templates/guide.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ title }</h1>\n{% endblock content %}\n",
    );
    let r = t.build();
    r.fails(1);
    let err = r.stderr();
    let b = block(&r, "themes/default/templates/guide.html");
    assert!(b.contains("themes/default/templates/guide.html:3:"), "the line is given:\n{err}");
    assert!(b.contains("template"), "{b}");
    assert!(b.contains("hint: "), "{b}");
    assert!(!err.contains("panicked"), "{err}");
}

/// A guide template that parses but names a variable no page has.
const BROKEN_GUIDE_TEMPLATE: &str = "{% extends \"base.html\" %}\n{% block content %}\n{{ no_such_thing.x }}\n{% endblock content %}\n";

#[test]
fn theme_render_error_names_the_template() {
    let t = good_site();
    t.write("themes/default/templates/guide.html", BROKEN_GUIDE_TEMPLATE);
    let r = t.build();
    let b = reports(&r, 1, "guide.html", &["template"]);
    assert!(b.contains("no_such_thing"), "{b}");
    assert!(b.contains("themes/default/templates/guide.html"), "names the theme's file, not just the template: {b}");
}

#[test]
fn a_template_mistake_is_reported_once_however_many_pages_it_stops() {
    let t = good_site();
    t.guide("h", &simple_guide("Another guide", "You can ask for help.", "You can ask for help."));
    t.write("themes/default/templates/guide.html", BROKEN_GUIDE_TEMPLATE);
    let r = t.build();
    r.fails(1);
    let err = r.stderr();
    assert_eq!(err.matches("error[theme/template]").count(), 1, "{err}");
    // Two guides in three versions: six pages, one reported and five more.
    assert!(err.contains("The same problem stopped 5 other pages too."), "{err}");
    assert!(err.contains("Nothing was published: 1 error, 0 warnings."), "{err}");
}

#[test]
fn missing_theme_is_an_error() {
    let t = good_site();
    t.write("site.yaml", &format!("{}theme: nope\n", util::SITE_YAML));
    let b = reports(&t.build(), 1, "site.yaml", &["theme `nope`", "does not exist"]);
    assert!(b.contains("themes/nope"), "{b}");
}

// ------------------------------------------------------------------ output

#[test]
fn static_files_that_collide_with_generated_output_are_errors() {
    let t = good_site();
    t.write("content/static/index.html", "<p>mine</p>");
    t.write("content/static/easy/guides/g/index.html", "<p>mine</p>");
    t.write("content/static/sitemap.xml", "<urlset/>");
    t.write("content/static/files/leaflet.txt", "fine");
    let r = t.build();
    for f in ["content/static/index.html", "content/static/easy/guides/g/index.html", "content/static/sitemap.xml"] {
        reports(&r, 1, f, &["easyinfo writes itself"]);
    }
    assert!(!r.stderr().contains("leaflet.txt"), "{}", r.stderr());
    assert!(!t.exists("public"), "nothing is published");
}

// ------------------------------------------------------------------ usage

#[test]
fn a_folder_without_site_yaml_is_a_usage_error() {
    let t = TestSite::empty();
    t.write("content/guides/g.md", "# G\n");
    usage(&t.build(), &["site.yaml", "easyinfo new"]);
    usage(&t.lint(&[]), &["site.yaml"]);
}

#[test]
fn a_nonexistent_site_folder_is_a_usage_error() {
    let t = TestSite::empty();
    usage(&Run(t.cmd(&["build", "no-such-folder"])), &["no-such-folder", "not a folder"]);
    usage(&Run(t.cmd(&["lint", "no-such-folder"])), &["no-such-folder"]);
}

#[test]
fn an_unknown_flag_is_a_usage_error() {
    let t = good_site();
    usage(&Run(t.cmd(&["build", "--frobnicate"])), &["--frobnicate"]);
    usage(&Run(t.cmd(&["lint", "--format", "xml"])), &["xml"]);
    usage(&Run(t.cmd(&["publish"])), &["publish"]);
}

// ------------------------------------------------------------------ many errors

#[test]
fn every_error_in_a_run_is_reported() {
    let t = good_site();
    t.write("content/guides/one.md", "---\ntitle: One\n---\n\n::: easy\nnever closed\n");
    t.write("content/guides/two.md", "---\ntitle: Two\nreviewed: soon\n---\n\nWords.\n");
    t.write("content/guides/three.md", "---\ntitle: [Three\n---\n\nWords.\n");
    t.write("content/glossary.yaml", "- term: advocate\n  meens: x\n");
    let r = t.build();
    r.fails(1);
    for f in ["content/guides/one.md:5:", "content/guides/two.md:3:", "content/guides/three.md:2:", "content/glossary.yaml:2:"] {
        block(&r, f);
    }
    assert!(r.stderr().contains("4 errors"), "{}", r.stderr());
    // Lint reports the same four.
    let v = t.lint_json();
    assert_eq!(v["summary"]["errors"], 4, "{v:#}");
}

#[test]
fn content_errors_and_lint_errors_are_reported_together_per_guide() {
    let t = good_site();
    for i in 0..3 {
        t.guide(&format!("g{i}"), &simple_guide("Broken", "See [x](@/guides/nope.md).", "Plain."));
    }
    let r = t.build();
    r.fails(1);
    for i in 0..3 {
        block(&r, &format!("content/guides/g{i}/index.md:"));
    }
}

#[test]
fn the_number_of_diagnostics_shown_is_capped() {
    let t = good_site();
    t.write("site.yaml", &format!("{}limits:\n  max_diagnostics: 5\n", util::SITE_YAML));
    for i in 0..12 {
        t.write(&format!("content/guides/bad{i:02}.md"), "---\ntitle: Bad\n---\n\n::: easy\nnever closed\n");
    }
    let r = t.build();
    r.fails(1);
    let err = r.stderr();
    assert_eq!(err.matches("error[guide/container]").count(), 5, "{err}");
    assert!(err.contains("and 7 more"), "{err}");
    assert!(err.contains("12 errors"), "the summary counts them all:\n{err}");
    // lint caps its human output the same way, but JSON keeps every one.
    let r = t.lint(&[]);
    assert_eq!(r.stderr().matches("error[guide/container]").count(), 5, "{}", r.stderr());
    assert_eq!(t.lint_json()["summary"]["errors"], 12);
}

#[test]
fn a_broken_site_yaml_still_lets_other_files_be_checked() {
    let t = good_site();
    t.write("site.yaml", "title: [oops\n");
    t.write("content/guides/bad.md", "---\ntitle: Bad\n---\n\n::: easy\nx\n");
    let r = t.build();
    r.fails(1);
    block(&r, "site.yaml:");
    block(&r, "content/guides/bad.md:5:");
}

#[test]
fn no_error_message_is_a_panic_or_debug_dump() {
    // A grab bag of broken input in one site: whatever happens, no panic,
    // no Rust debug output, and the exit code is 1.
    let t = good_site();
    t.write("content/guides/a.md", "---\n---\n");
    t.write("content/guides/b.md", "---\ntitle:\n  - a\n  - b\n---\n# B\n");
    t.write("content/guides/c.md", "---\ntitle: {easy: 1, plain: [x]}\n---\n");
    t.write("content/guides/d.md", "---\nlint: {allow: nope}\n---\n# D\n");
    t.write("content/guides/e.md", "---");
    t.write("content/glossary.yaml", "term: not a list\n");
    let r = t.build();
    r.fails(1);
    let err = r.stderr();
    assert!(!err.contains("panicked") && !err.contains("Error {") && !err.contains("Some("), "{err}");
    for f in ["content/guides/b.md", "content/guides/c.md", "content/guides/d.md", "content/guides/e.md", "content/glossary.yaml"] {
        assert!(err.contains(f), "{f} is named:\n{err}");
    }
}

#[test]
fn pictures_beside_a_guide_resolve_and_are_published() {
    // The positive case for the picture checks above.
    let t = good_site();
    t.write("content/guides/g/pictures/q.svg", PICTURE);
    t.build().ok();
    assert!(t.exists("public/media/g/pictures/q.svg"));
}
