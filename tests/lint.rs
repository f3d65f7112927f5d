//! The jargon, readability and structure checks, run through the real binary.

use crate::util;
use crate::util::{simple_guide, today, with_rule, TestSite};

fn site_with(easy: &str, plain: &str) -> TestSite {
    let t = TestSite::new();
    t.guide("g", &simple_guide("A guide", easy, plain));
    t
}

fn lines(v: &serde_json::Value, rule: &str) -> Vec<(u64, u64)> {
    with_rule(v, rule).iter().map(|d| (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap())).collect()
}

#[test]
fn clean_guide_has_no_diagnostics() {
    let t = site_with("You can choose who helps you.", "You can choose the people who support you.");
    let v = t.lint_json();
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 0, "{v:#}");
    t.lint(&[]).ok();
}

#[test]
fn easy_avoid_term_is_an_error_with_position() {
    let t = site_with("The resource allocation system sets it.", "Fine text here.");
    let v = t.lint_json();
    let d = with_rule(&v, "jargon/avoid");
    assert_eq!(d.len(), 1, "{v:#}");
    assert_eq!(d[0]["severity"], "error");
    assert_eq!(d[0]["level"], "easy");
    // Line 12 of the file (front matter counts), column 5.
    assert_eq!((d[0]["line"].as_u64().unwrap(), d[0]["column"].as_u64().unwrap()), (12, 5));
    assert_eq!(d[0]["suggestion"], "Say instead: how the council works out your budget");
    t.lint(&[]).fails(1);
}

#[test]
fn plain_avoid_term_is_a_warning_with_the_instead_words() {
    let t = site_with("You get money.", "The resource allocation systems decide.");
    let v = t.lint_json();
    let d = with_rule(&v, "jargon/avoid");
    assert_eq!(d.len(), 1, "{v:#}");
    assert_eq!(d[0]["severity"], "warning");
    assert_eq!(d[0]["level"], "large, plain");
    assert!(d[0]["suggestion"].as_str().unwrap().contains("how the council works out your budget"));
    t.lint(&[]).ok();
    t.lint(&["--deny-warnings"]).fails(1);
}

#[test]
fn terms_split_over_lines_and_markup_are_found() {
    let t = site_with("You get money.", "The resource\nallocation **system** decides.");
    let v = t.lint_json();
    assert_eq!(lines(&v, "jargon/avoid"), vec![(16, 5)], "{v:#}");
}

#[test]
fn a_term_never_fires_inside_a_longer_term() {
    // `payment` alone is a term, but here it is part of `direct payment`; the
    // abbreviation `RAS` must not fire inside the spelled-out longer term either.
    let t = TestSite::new();
    t.write(
        "content/glossary.yaml",
        "- term: system\n  means: A way of doing things.\n  plain: avoid\n  instead: way\n- term: resource allocation system\n  means: How money is worked out.\n",
    );
    t.guide("g", &simple_guide("A guide", "You get money.", "The resource allocation system decides."));
    let v = t.lint_json();
    assert!(with_rule(&v, "jargon/avoid").is_empty(), "{v:#}");
    // Without the longer term, the short one fires.
    t.guide("g", &simple_guide("A guide", "You get money.", "The system decides."));
    assert_eq!(with_rule(&t.lint_json(), "jargon/avoid").len(), 1);
}

#[test]
fn code_and_urls_are_not_checked() {
    let t = site_with(
        "You get money.",
        "Type `resource allocation system` or see [this page](https://example.org/resource-allocation-system/RAS).\n\n```\nresource allocation system\n```",
    );
    let v = t.lint_json();
    assert!(with_rule(&v, "jargon/avoid").is_empty(), "{v:#}");
    assert!(with_rule(&v, "jargon/abbreviation").is_empty(), "{v:#}");
}

#[test]
fn quoted_words_are_not_checked() {
    let t = site_with("You get money.", "One person said \"resource allocation system means nothing to me\".");
    assert!(with_rule(&t.lint_json(), "jargon/avoid").is_empty());
}

#[test]
fn ignore_comment_silences_one_block_only() {
    let plain = "<!-- easyinfo-ignore resource allocation system -->\nThe resource allocation system decides.\n\nThe resource allocation system again.";
    let t = site_with("You get money.", plain);
    let v = t.lint_json();
    assert_eq!(lines(&v, "jargon/avoid"), vec![(19, 5)], "{v:#}");
    // By rule id too.
    let t = site_with("You get money.", &plain.replace("ignore resource allocation system", "ignore jargon/avoid"));
    assert_eq!(lines(&t.lint_json(), "jargon/avoid"), vec![(19, 5)]);
}

#[test]
fn front_matter_allow_silences_a_term_for_one_guide() {
    let t = TestSite::new();
    let g = simple_guide("A", "You get money.", "The resource allocation system decides.");
    t.guide("a", &g.replace("reviewed:", "lint:\n  allow: [resource allocation system]\nreviewed:"));
    t.guide("b", &g);
    let v = t.lint_json();
    let d = with_rule(&v, "jargon/avoid");
    assert_eq!(d.len(), 1, "{v:#}");
    assert!(d[0]["file"].as_str().unwrap().contains("guides/b/"));
}

#[test]
fn unknown_abbreviations_warn_in_plain_and_fail_in_easy() {
    let t = site_with("Ask the DWP.", "Ask the DWP or your GP. The RAS decides.");
    let v = t.lint_json();
    let d = with_rule(&v, "jargon/abbreviation");
    let summary: Vec<(String, String, String)> = d
        .iter()
        .map(|d| (d["message"].as_str().unwrap().split('`').nth(1).unwrap().to_string(), d["level"].as_str().unwrap().into(), d["severity"].as_str().unwrap().into()))
        .collect();
    assert!(summary.contains(&("DWP".into(), "easy".into(), "error".into())), "{summary:?}");
    assert!(summary.contains(&("DWP".into(), "large, plain".into(), "warning".into())), "{summary:?}");
    assert!(summary.iter().any(|s| s.0 == "GP"), "{summary:?}");
    // RAS is in the glossary, so it is not "unexplained".
    assert!(!summary.iter().any(|s| s.0 == "RAS"), "{summary:?}");
}

#[test]
fn long_sentences_are_flagged_per_level() {
    let long_easy = "You can choose the people who help you and the things they do with you every single week.";
    let t = site_with(long_easy, "A short plain sentence.");
    let v = t.lint_json();
    let d = with_rule(&v, "readability/sentence-length");
    assert_eq!(d.len(), 1, "{v:#}");
    assert_eq!(d[0]["level"], "easy");
    assert!(d[0]["message"].as_str().unwrap().contains("18 words"), "{}", d[0]["message"]);
    // The same sentence is fine in plain (limit 25).
    let t = site_with("Short.", long_easy);
    assert!(with_rule(&t.lint_json(), "readability/sentence-length").is_empty());
}

#[test]
fn thresholds_come_from_site_yaml() {
    let t = site_with("You can choose who helps you.", "Short one.");
    t.write("site.yaml", &format!("{}lint:\n  easy:\n    max_sentence_words: 4\n    max_grade: 6\n", util::SITE_YAML));
    assert_eq!(with_rule(&t.lint_json(), "readability/sentence-length").len(), 1);
}

#[test]
fn hard_plain_text_fails_the_grade_check() {
    let hard = "Notwithstanding considerable organisational restructuring, multidisciplinary commissioning arrangements necessitate comprehensive reconsideration. Accountability mechanisms demonstrate institutional inconsistencies.";
    let t = site_with("You get money.", hard);
    let v = t.lint_json();
    let d = with_rule(&v, "readability/grade");
    assert_eq!(d.len(), 2, "plain and large: {v:#}");
    let t = site_with("You get money.", "You can pick who helps you. It is your choice.");
    assert!(with_rule(&t.lint_json(), "readability/grade").is_empty());
}

#[test]
fn picture_without_alt_text_is_an_error() {
    let t = TestSite::new();
    t.guide("g", &simple_guide("G", "Words here.", "Plain.").replace("![A picture]", "![]"));
    let v = t.lint_json();
    let d = with_rule(&v, "structure/alt-text");
    assert_eq!(d.len(), 1, "{v:#}");
    assert_eq!(d[0]["line"], 11);
}

#[test]
fn easy_paragraph_without_picture_warns() {
    let t = site_with("With a picture.\n\nWithout a picture.", "Plain.");
    let v = t.lint_json();
    assert_eq!(lines(&v, "structure/easy-picture"), vec![(14, 1)], "{v:#}");
}

#[test]
fn italics_and_capitals_warn_in_easy_and_large_only() {
    let t = site_with("This is *very* important.", "This is _really_ IMPORTANT STUFF.");
    let v = t.lint_json();
    let levels: Vec<&str> = with_rule(&v, "structure/emphasis").iter().map(|d| d["level"].as_str().unwrap()).collect();
    assert!(levels.contains(&"easy"), "{v:#}");
    assert!(levels.contains(&"large"), "{v:#}");
    assert!(!levels.iter().any(|l| *l == "plain"), "{v:#}");
    // Shouting in capitals is emphasis, not two abbreviations.
    assert!(with_rule(&v, "jargon/abbreviation").is_empty(), "{v:#}");
}

#[test]
fn headings_inside_containers_make_versions_differ() {
    let t = TestSite::new();
    let g = format!("---\ntitle: G\nreviewed: {}\n---\n# G\n\n::: plain\n## Only in plain\n\nText.\n:::\n", today());
    t.guide("g", &g);
    let v = t.lint_json();
    let d = with_rule(&v, "structure/headings-differ");
    assert!(!d.is_empty(), "{v:#}");
    assert!(d[0]["message"].as_str().unwrap().contains("Only in plain"));
}

#[test]
fn broken_internal_links_are_errors() {
    let t = site_with("See [the other guide](@/guides/missing.md).", "See [this](../nowhere/index.md) and [that](@/guides/g.md).");
    let v = t.lint_json();
    let d = with_rule(&v, "links/broken");
    assert_eq!(d.len(), 2, "{v:#}");
    t.build().fails(1);
}

#[test]
fn stale_reviewed_date_warns() {
    let t = TestSite::new();
    t.guide("g", &simple_guide("G", "Words.", "Plain.").replace(&format!("reviewed: {}", today()), "reviewed: 2020-01-01"));
    let v = t.lint_json();
    let d = with_rule(&v, "content/stale");
    assert_eq!(d.len(), 1, "{v:#}");
    assert_eq!(d[0]["line"], 3);
}

#[test]
fn github_format_prints_annotations() {
    let t = site_with("The RAS decides.", "Fine.");
    let out = t.lint(&["--format", "github"]).fails(1).stdout();
    assert!(out.lines().any(|l| l.starts_with("::error file=content/guides/g/index.md,line=12,col=5,title=jargon/avoid::")), "{out}");
}

#[test]
fn human_format_shows_position_source_and_hint() {
    let t = site_with("The RAS decides.", "Fine.");
    let r = t.lint(&[]);
    let err = r.fails(1).stderr();
    assert!(err.contains("content/guides/g/index.md:12:5: error[jargon/avoid]: `RAS` is jargon to avoid here (in the easy read version)"), "{err}");
    assert!(err.contains("12 | The RAS decides.\n   |     ^^^\n"), "{err}");
    assert!(!err.contains("\x1b["), "no colour when not a terminal");
}

#[test]
fn build_refuses_to_publish_on_lint_errors_and_keeps_old_output() {
    let t = site_with("You get money.", "Fine.");
    t.build().ok();
    let before = util::snapshot(&t.path("public"));
    assert!(!before.is_empty());
    t.guide("g", &simple_guide("A guide", "The RAS decides.", "Fine."));
    t.build().fails(1);
    assert_eq!(util::snapshot(&t.path("public")), before);
}

#[test]
fn editor_report_shows_levels_as_charts_and_jargon_hot_spots() {
    let t = site_with("You get a direct payment.", "The resource allocation system decides your direct payment.");
    t.lint(&["--report", "report.html"]).ok();
    let html = t.raw("report.html");
    assert!(html.contains("<html lang=\"en\">"));
    assert_eq!(html.matches("<h1>").count(), 1);
    // One chart per guide plus the hot spots, each with an accessible name and a table of the same figures.
    assert_eq!(html.matches("<svg class=chart role=\"img\" aria-label=").count(), 2, "{html}");
    assert!(html.contains("Reading grade by version: Easy read grade"));
    assert!(html.contains("<th scope=row>Plain</th>"));
    // The avoided term is the top hot spot, with its flagged use counted.
    let hot = &html[html.find("Jargon hot spots").unwrap()..];
    assert!(hot.contains("<tr><th scope=row>resource allocation system</th><td>1</td><td>1</td></tr>"), "{hot}");
    assert!(hot.contains("<tr><th scope=row>direct payment</th><td>1</td><td>0</td></tr>"), "{hot}");
}

#[test]
fn editor_report_charts_quote_every_attribute() {
    // An unquoted `class=target/>` in SVG swallows the rest of the chart in
    // a browser; every value in a chart's elements must be quoted.
    let t = site_with("You get a direct payment.", "The resource allocation system decides your direct payment.");
    t.lint(&["--report", "report.html"]).ok();
    let html = t.raw("report.html");
    let mut shapes = 0;
    for tag in html.split('<').filter(|t| t.starts_with("rect ") || t.starts_with("line ") || t.starts_with("text ")) {
        shapes += 1;
        let head = &tag[..tag.find('>').unwrap()];
        // Outside quotes, every `=` is followed by a quote.
        let mut quoted = false;
        let bytes = head.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            match b {
                b'"' => quoted = !quoted,
                b'=' if !quoted => assert_eq!(bytes.get(i + 1), Some(&b'"'), "an unquoted attribute in <{head}>"),
                _ => {}
            }
        }
    }
    assert!(shapes > 6, "the charts have their bars, labels and target lines: {html}");
}

// ------------------------------------------------------------------ issue 11

/// Characters a terminal acts on instead of showing.
fn raw_controls(s: &str) -> Vec<char> {
    s.chars().filter(|&c| (c.is_control() && c != '\n') || ('\u{202A}'..='\u{202E}').contains(&c)).collect()
}

#[test]
fn control_characters_from_a_site_are_never_printed_raw() {
    let t = TestSite::new();
    // Clear the screen, set the window title, ring the bell, a C1 escape
    // (U+009B) and a right-to-left override, in a guide's text and in the
    // glossary's words shown as a hint.
    let nasty = "\x1b[2J\x1b]0;owned\x07\u{9b}31m\u{202e}";
    t.guide("g", &simple_guide("A guide", &format!("The RAS{nasty} sets it."), &format!("The DWP{nasty} helps.")));
    t.write(
        "content/glossary.yaml",
        &util::GLOSSARY.replace("  abbr: resource allocation system\n", "  abbr: resource allocation system\n  instead: \"how the council \\e[2Jworks\"\n"),
    );
    let before = util::snapshot(t.root());
    let r = t.lint(&[]);
    let err = r.fails(1).stderr();
    assert!(err.contains("error[jargon/avoid]") && err.contains("warning[jargon/abbreviation]"), "{err}");
    assert_eq!(raw_controls(&err), Vec::<char>::new(), "{err}");
    assert!(err.contains(r"The RAS\u{1b}[2J\u{1b}]0;owned\u{7}\u{9b}31m\u{202e} sets it."), "shown, escaped: {err}");
    assert!(err.contains(r"council \u{1b}[2Jworks"), "the hint too: {err}");
    // The caret still sits under the word after the escapes.
    let block = err.split("\n\n").find(|b| b.contains("`DWP`")).unwrap();
    let text = block.lines().find(|l| l.starts_with("16 | ")).unwrap();
    let caret = block.lines().find(|l| l.contains('^')).unwrap();
    assert_eq!(&text[caret.find('^').unwrap()..][..3], "DWP", "{block}");

    let out = t.lint(&["--format", "github"]).stdout();
    assert_eq!(raw_controls(&out), Vec::<char>::new(), "{out}");
    assert!(out.contains(r"\u{1b}[2Jworks"), "{out}");
    let json = t.lint(&["--format", "json"]).stdout();
    assert_eq!(raw_controls(&json), Vec::<char>::new(), "{json}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(with_rule(&v, "jargon/avoid")[0]["suggestion"].as_str().unwrap().contains("\x1b[2J"), "JSON keeps the value");
    assert_eq!(util::snapshot(t.root()), before);
}

#[test]
fn a_file_name_with_an_escape_character_is_shown_escaped() {
    let t = TestSite::new();
    t.guide("g", &simple_guide("A guide", "Words.", "Plain."));
    t.write("content/guides/bad\x1b[2Jname.md", "---\ntitle: [unclosed\n---\n# X\n");
    let r = t.lint(&[]);
    let err = r.stderr();
    assert!(err.contains(r"bad\u{1b}[2Jname"), "{err}");
    assert_eq!(raw_controls(&err), Vec::<char>::new(), "{err}");
    // A usage error too.
    let r = t.lint(&["no\x1b[2Jsuch"]);
    r.fails(2);
    assert_eq!(raw_controls(&r.stderr()), Vec::<char>::new(), "{}", r.stderr());
    assert!(r.stderr().contains(r"no\u{1b}[2Jsuch"), "{}", r.stderr());
}

#[test]
fn stale_after_months_is_bounded_and_reported_on_its_line() {
    let t = TestSite::new();
    t.guide("g", &simple_guide("G", "Words.", "Plain."));
    t.write("site.yaml", &format!("{}lint:\n  stale_after_months: 100000000\n", util::SITE_YAML));
    let before = util::snapshot(t.root());
    let r = t.lint(&[]);
    let err = r.fails(1).stderr();
    assert!(err.contains("site.yaml:5:1: error[input/value]: `stale_after_months` is 100000000, more than 1200"), "{err}");
    assert!(err.contains("5 |   stale_after_months: 100000000"), "{err}");
    assert!(err.contains("hint: "), "{err}");
    assert!(!err.contains("content/stale"), "not every guide flagged: {err}");
    t.build().fails(1);
    assert_eq!(util::snapshot(t.root()), before, "nothing published");
    // The largest allowed value, and 0 (off), are fine.
    for ok in ["1200", "0"] {
        t.write("site.yaml", &format!("{}lint:\n  stale_after_months: {ok}\n", util::SITE_YAML));
        t.lint(&["--deny-warnings"]).ok();
    }
    t.write("site.yaml", &format!("{}lint:\n  stale_after_months: 1201\n", util::SITE_YAML));
    t.lint(&[]).fails(1);
    // 0 turns the guide check off, even for an old guide.
    t.write("site.yaml", &format!("{}lint:\n  stale_after_months: 0\n", util::SITE_YAML));
    t.guide("g", &simple_guide("G", "Words.", "Plain.").replace(&format!("reviewed: {}", today()), "reviewed: 2001-01-01"));
    t.lint(&["--deny-warnings"]).ok();
}

#[test]
fn a_term_is_one_term_in_either_unicode_form() {
    let (nfc, nfd) = ("caf\u{e9}", "cafe\u{301}");
    let t = TestSite::new();
    t.write("content/glossary.yaml", &format!("{}- term: {nfc}\n  means: A place to eat.\n  easy: avoid\n", util::GLOSSARY));
    // Written the other way in the guide: still found, at its place in the file.
    t.guide("g", &simple_guide("A guide", &format!("Go to the {nfd} now."), "Fine text here."));
    let before = util::snapshot(t.root());
    let v = t.lint_json();
    let d = with_rule(&v, "jargon/avoid");
    assert_eq!(d.len(), 1, "{v:#}");
    assert_eq!((d[0]["line"].as_u64(), d[0]["column"].as_u64()), (Some(12), Some(11)));
    assert!(d[0]["message"].as_str().unwrap().contains(nfd), "the words as written: {v:#}");
    let err = t.lint(&[]).fails(1).stderr();
    assert!(err.contains(&format!("12 | Go to the {nfd} now.\n   |           ^^^^^\n")), "{err}");
    assert_eq!(util::snapshot(t.root()), before, "lint changes nothing");
    // Allowed in the other form, it is allowed.
    t.guide("g", &simple_guide("A guide", &format!("Go to the {nfd} now."), "Fine text here.").replace("---\n\n", &format!("lint: {{ allow: [{nfd}] }}\n---\n\n")));
    assert!(with_rule(&t.lint_json(), "jargon/avoid").is_empty());
    // Both forms in the glossary are one term written twice: an error naming both lines.
    let lines_before = util::GLOSSARY.lines().count();
    t.write("content/glossary.yaml", &format!("{}- term: {nfc}\n  means: A place to eat.\n- term: {nfd}\n  means: A place to eat.\n", util::GLOSSARY));
    let r = t.lint(&[]);
    let err = r.fails(1).stderr();
    let at = format!("content/glossary.yaml:{}:1: error[glossary/duplicate]", lines_before + 3);
    assert!(err.contains(&at), "{err}");
    assert!(err.contains(&format!("first defined on line {}", lines_before + 1)), "{err}");
}

#[test]
fn every_term_gets_its_own_id_and_links_go_to_it() {
    let t = TestSite::new();
    t.write("content/glossary.yaml", &format!("{}- term: C++\n  means: A language.\n- term: C#\n  means: Another language.\n", util::GLOSSARY));
    t.guide("g", &simple_guide("A guide", "You can choose who helps you.", "You can learn C++ and C# here."));
    let before = util::snapshot(t.root());
    t.build().ok();
    let page = t.read("public/plain/glossary/index.html");
    let ids: Vec<&str> = page.split("id=").skip(1).map(|s| s.trim_start_matches('"').split(['"', ' ', '>']).next().unwrap()).filter(|i| i.starts_with("term-")).collect();
    let unique: std::collections::HashSet<&&str> = ids.iter().collect();
    assert_eq!(ids.len(), 7, "every term has an id: {ids:?}");
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
    let guide = t.read("public/plain/guides/g/index.html");
    let links: Vec<&str> = guide.split("glossary/index.html#").skip(1).map(|s| s.split(['"', ' ', '>']).next().unwrap()).collect();
    assert_eq!(links.len(), 2, "{guide}");
    assert_ne!(links[0], links[1]);
    for l in &links {
        assert!(ids.contains(l), "`{l}` is on the glossary page: {ids:?}");
    }
    // Nothing outside the output changed.
    let after: Vec<_> = util::snapshot(t.root()).into_iter().filter(|(p, _)| !p.starts_with("public")).collect();
    assert_eq!(after, before);
}
