//! The lint on a site in two languages: translation/missing, stale and
//! headings-differ, and every other check run on translations in their own
//! language (its glossary; sentence length, and no grade where none is proven).

use crate::languages::fake_strings;
use crate::util::{simple_guide, with_rule, TestSite, SITE_YAML};

const CY: &str = "content/guides/money/index.cy.md";

/// English and Welsh; `money` is in both, with the same headings.
fn site(extra_yaml: &str) -> TestSite {
    let t = TestSite::new();
    t.write("site.yaml", format!("{SITE_YAML}{extra_yaml}languages:\n  cy: {{ name: Cymraeg }}\n"));
    t.write("themes/default/i18n/cy.yaml", fake_strings("Cymraeg"));
    t.write("content/glossary.cy.yaml", "- term: asesiad ariannol\n  means: Pan fydd y cyngor yn edrych ar eich arian.\n  instead: edrych ar eich arian\n  easy: avoid\n");
    t.guide("money", &simple_guide("Money", "You get money.", "You get money for your support."));
    t.write(CY, simple_guide("Arian", "Rydych chi'n cael arian.", "Rydych chi'n cael arian am eich cymorth."));
    t
}

/// A guide whose body is `body`, reviewed on `reviewed`.
fn guide(title: &str, reviewed: &str, body: &str) -> String {
    format!("---\ntitle: {title}\nreviewed: {reviewed}\n---\n\n{body}")
}

fn messages(v: &serde_json::Value, rule: &str) -> Vec<String> {
    with_rule(v, rule).iter().map(|d| format!("{}:{}: {}", d["file"].as_str().unwrap(), d["line"], d["message"].as_str().unwrap())).collect()
}

#[test]
fn a_complete_translation_has_no_translation_problems() {
    let t = site("");
    let v = t.lint_json();
    for rule in ["translation/missing", "translation/stale", "translation/headings-differ"] {
        assert!(with_rule(&v, rule).is_empty(), "{rule}: {v:#}");
    }
    t.lint(&[]).ok();
}

#[test]
fn a_missing_translation_is_a_warning_naming_both_files() {
    let t = site("");
    t.guide("housing", &simple_guide("Housing", "A home.", "Somewhere to live."));
    let v = t.lint_json();
    let d = with_rule(&v, "translation/missing");
    assert_eq!(d.len(), 1, "{v:#}");
    assert_eq!(d[0]["severity"], "warning");
    assert_eq!(d[0]["file"], "content/guides/housing/index.md");
    assert!(d[0]["message"].as_str().unwrap().contains("content/guides/housing/index.cy.md"), "{:#}", d[0]);
    let run = t.lint(&[]);
    run.ok();
    assert!(run.stderr().contains("warning[translation/missing]"), "{}", run.stderr());
}

#[test]
fn require_translations_makes_a_missing_translation_an_error() {
    let t = site("require_translations: true\n");
    t.lint(&[]).ok();
    t.guide("housing", &simple_guide("Housing", "A home.", "Somewhere to live."));
    let run = t.lint(&[]);
    run.fails(1);
    assert!(
        run.stderr().contains("content/guides/housing/index.md: error[translation/missing]: this guide has no Cymraeg (cy) translation: content/guides/housing/index.cy.md is missing"),
        "{}",
        run.stderr()
    );
    t.build().fails(1);
}

#[test]
fn a_translation_reviewed_before_its_original_is_stale() {
    let t = site("");
    let body = "# Arian\n\nRydych chi'n cael arian.\n";
    t.guide("money", &guide("Money", "2026-11-20", "# Money\n\nYou get money.\n"));
    t.write(CY, guide("Arian", "2026-11-01", body));
    let v = t.lint_json();
    let m = messages(&v, "translation/stale");
    assert_eq!(m.len(), 1, "{v:#}");
    assert!(m[0].starts_with(&format!("{CY}:3: ")) && m[0].contains("2026-11-01") && m[0].contains("2026-11-20"), "{m:?}");
    // Reviewed on the same day (or later) is up to date.
    t.write(CY, guide("Arian", "2026-11-20", body));
    assert!(with_rule(&t.lint_json(), "translation/stale").is_empty());
    // No date at all, while the original has one, counts as stale.
    t.write(CY, format!("---\ntitle: Arian\n---\n\n{body}"));
    let m = messages(&t.lint_json(), "translation/stale");
    assert_eq!(m.len(), 1);
    assert!(m[0].contains("has no `reviewed` date") && m[0].contains("2026-11-20"), "{m:?}");
}

#[test]
fn headings_must_match_in_number_level_and_order_but_not_words() {
    let t = site("");
    let today = crate::util::today();
    t.guide("money", &guide("Money", &today, "# Money\n\n## Who can get it\n\nSome people.\n\n### How much\n\nSome money.\n"));
    let differs = |cy_body: &str| {
        t.write(CY, guide("Arian", &today, cy_body));
        messages(&t.lint_json(), "translation/headings-differ")
    };
    // Only the words differ.
    assert_eq!(differs("# Arian\n\n## Pwy all ei gael\n\nRhai pobl.\n\n### Faint\n\nRhywfaint.\n"), Vec::<String>::new());
    // A level: line 12 is the Welsh's `## Faint`.
    let m = differs("# Arian\n\n## Pwy all ei gael\n\nRhai pobl.\n\n## Faint\n\nRhywfaint.\n");
    assert_eq!(m, [format!("{CY}:12: the English has a level-3 heading here, the Cymraeg a level-2")]);
    // The count.
    let m = differs("# Arian\n\n## Pwy all ei gael\n\nRhai pobl.\n");
    assert_eq!(m, [format!("{CY}:8: the Cymraeg has 2 headings where the English has 3 headings")]);
    // The order.
    let m = differs("# Arian\n\n### Faint\n\nRhywfaint.\n\n## Pwy all ei gael\n\nRhai pobl.\n");
    assert_eq!(m, [format!("{CY}:8: the English has a level-2 heading here, the Cymraeg a level-3")]);
}

#[test]
fn welsh_is_checked_against_the_welsh_glossary() {
    let t = site("");
    t.write(
        CY,
        simple_guide("Arian", "Bydd asesiad ariannol yn digwydd. Mae resource allocation system yn Saesneg.", "Rydych chi'n cael arian."),
    );
    let v = t.lint_json();
    let m = messages(&v, "jargon/avoid");
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].starts_with(&format!("{CY}:")) && m[0].contains("asesiad ariannol"), "{m:?}");
    let d = with_rule(&v, "jargon/avoid")[0];
    assert_eq!((d["severity"].as_str(), d["suggestion"].as_str()), (Some("error"), Some("Say instead: edrych ar eich arian")));
    // The same Welsh words in the English guide are not English jargon.
    t.guide("money", &simple_guide("Money", "Bydd asesiad ariannol yn digwydd.", "You get money."));
    assert!(messages(&t.lint_json(), "jargon/avoid").iter().all(|m| m.starts_with(CY)));
}

#[test]
fn long_welsh_sentences_are_flagged_and_no_grade_is_given() {
    let t = site("");
    let long = "Mae'r cyngor yn gallu eich helpu chi gyda'ch arian os ydych chi'n byw yn y sir ac yn cael trafferth talu am eich gofal neu am eich cartref bob mis heddiw.";
    // Long, hard words: English would be graded far above 9.
    let hard = "Gweinyddiaeth gwasanaethau cymdeithasol cydgysylltiedig. Cyfrifoldebau awdurdodau lleol rhanbarthol.";
    t.write(CY, simple_guide("Arian", "Rydych chi'n cael arian.", &format!("{long} {hard}")));
    let v = t.lint_json();
    let m = messages(&v, "readability/sentence-length");
    // Plain and large print share the text, and each has its limit.
    assert_eq!(m, [format!("{CY}:16: this sentence has 31 words; large print aims at 25 or fewer"), format!("{CY}:16: this sentence has 31 words; plain aims at 25 or fewer")]);
    assert!(with_rule(&v, "readability/grade").iter().all(|d| d["file"] != CY), "{v:#}");
    let note = "Cymraeg (cy): reading grade not measured (no proven formula); sentence length checked";
    assert_eq!(v["notes"], serde_json::json!([note]));
    let run = t.lint(&[]);
    assert_eq!(run.stderr().matches(note).count(), 1, "{}", run.stderr());
    // An English-only site has nothing to say.
    let en = TestSite::new();
    en.guide("money", &simple_guide("Money", "You get money.", "You get money for your support."));
    assert_eq!(en.lint_json()["notes"], serde_json::json!([]));
    assert!(!en.lint(&[]).stderr().contains("not measured"));
}

#[test]
fn the_report_says_welsh_has_no_grade() {
    let t = site("");
    t.lint(&["--report", "report.html"]).ok();
    let html = t.read("report.html");
    assert!(html.contains("Cymraeg (cy): reading grade not measured (no proven formula); sentence length checked"), "{html}");
    assert!(html.contains("Arian (Cymraeg)") && html.contains("not measured</td>"), "{html}");
}
