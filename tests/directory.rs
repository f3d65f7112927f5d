//! The service directory, through the real binary on fixture sites
//! (tests/fixtures/directory/*) copied into temporary folders.

use crate::htmlcheck;
use crate::util::TestSite;

use std::path::{Path, PathBuf};
use std::process::Command;

const LEVELS: [&str; 3] = ["easy", "large", "plain"];

fn fixture(name: &str) -> TestSite {
    TestSite::fixture(&format!("directory/{name}"))
}

/// What the directory's tests ask of a site, beside [`TestSite`]'s own.
impl TestSite {
    #[track_caller]
    fn build_ok(&self) {
        let o = self.cmd(&["build"]);
        assert!(o.status.success(), "build failed:\n{}", String::from_utf8_lossy(&o.stderr));
    }
    /// (file name, line, rule) of every error.
    fn errors(&self) -> Vec<(String, u64, String)> {
        let v = self.lint_json();
        let mut out: Vec<(String, u64, String)> = v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] == "error")
            .map(|d| {
                let f = d["file"].as_str().unwrap();
                (f.rsplit('/').next().unwrap().to_string(), d["line"].as_u64().unwrap(), d["rule"].as_str().unwrap().to_string())
            })
            .collect();
        out.sort();
        out
    }
    fn html_files(&self) -> Vec<PathBuf> {
        walkdir::WalkDir::new(self.path("public"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
            .map(|e| e.into_path())
            .collect()
    }
}

use crate::util::with_rule as diags_with;

// ------------------------------------------------------------------ pages

#[test]
fn good_site_builds_every_directory_page_in_every_version() {
    let s = fixture("good");
    s.build_ok();
    for v in LEVELS {
        for page in [
            "directory/index.html",
            "directory/a-z/index.html",
            "directory/categories/mental-health/index.html",
            "directory/categories/mental-health/print.html",
            "directory/categories/carers/index.html",
            "directory/services/ashdown-wellbeing-hub/index.html",
            "directory/services/hostile-text-test/index.html",
            "directory/services/ty-croeso/index.html",
            "directory/services/shortbreak-sitters/index.html",
        ] {
            let rel = format!("public/{v}/{page}");
            assert!(s.path(&rel).is_file(), "missing {rel}");
            let html = s.read(&rel);
            assert_eq!(html.matches("<h1").count(), 1, "{rel} should have one h1");
            // Links to the same page in the other versions.
            for other in LEVELS {
                assert!(html.contains(&format!("{other}/{page}")), "{rel} does not link to its {other} version");
            }
        }
    }
    let home = s.read("public/plain/directory/index.html");
    assert!(home.contains("These services are examples for testing."), "the notice is shown");
    // Without JavaScript the form stays hidden and the lists are there.
    assert!(home.contains("id=directory-search") && home.contains(" hidden"), "{home}");
    assert!(home.contains("categories/mental-health/index.html"));
    assert!(home.contains("a-z/index.html"));
    assert!(home.contains("js/search.js"));
    assert!(home.contains("data-index=../../js/search/index."), "{home}");
    let az = s.read("public/plain/directory/a-z/index.html");
    for name in ["Ashdown Wellbeing Hub", "Direct Payments Advice", "Shortbreak Sitters", "Tŷ Croeso Lunch Club"] {
        assert!(az.contains(name), "A to Z lacks {name}");
    }
    let cat = s.read("public/plain/directory/categories/carers/index.html");
    assert!(cat.contains("print.html") && cat.contains("large/directory/categories/carers/print.html"));
}

#[test]
fn a_service_page_shows_everything_with_working_links() {
    let s = fixture("good");
    s.build_ok();
    let p = s.read("public/plain/directory/services/ashdown-wellbeing-hub/index.html");
    for want in [
        "href=tel:02380504731",
        "href=tel:02380564527",
        "href=tel:1800102380504731",
        "href=mailto:hello@example.org",
        "href=https://example.org/hub",
        "Textphone",
        "Text relay",
        "Adults with mental health problems",
        "You can pay for this from a personal budget",
        "<th scope=row>Monday</th>",
        "<th scope=col>Day</th>",
        "9am</time> to <time datetime=17:00>5pm",
        "10am</time> to <time datetime=12:30>12:30pm",
        "<th scope=row>Sunday</th><td>Closed",
        "SO51 0YA",
        "73 London Road, Romsey",
        "Step-free access",
        "Hearing loop",
        "Polish",
        "Last checked: <time datetime=2026-07-17>17 July 2026</time>",
        "One-to-one support for your wellbeing",
    ] {
        assert!(p.contains(want), "service page lacks {want:?}");
    }
    let easy = s.read("public/easy/directory/services/ashdown-wellbeing-hub/index.html");
    assert!(easy.contains("We help you feel better."));
    assert!(!easy.contains("One-to-one support"), "easy read uses easy_description");
    assert!(easy.contains("No steps to get in"));
    assert!(easy.contains("Feeling well in your mind"), "easy read uses easy_name for categories");
    assert!(easy.contains("We checked this information on"));

    // +44 numbers keep their country code in the link.
    let dp = s.read("public/plain/directory/services/direct-payments-advice/index.html");
    assert!(dp.contains("href=tel:+442380000999"), "{dp}");

    // schema.org JSON-LD that parses.
    let ld = json_ld(&p);
    assert_eq!(ld["@type"], "Service");
    assert_eq!(ld["name"], "Ashdown Wellbeing Hub");
    assert_eq!(ld["provider"]["telephone"], "023 8050 4731");
    assert_eq!(ld["hoursAvailable"][0]["opens"], "09:00");
    assert_eq!(ld["availableChannel"]["serviceLocation"][0]["address"]["postalCode"], "SO51 0YA");
}

fn json_ld(html: &str) -> serde_json::Value {
    let start = html.find("application/ld+json>").expect("JSON-LD") + "application/ld+json>".len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).unwrap()
}

#[test]
fn easy_pages_fall_back_to_description_with_a_warning() {
    let s = fixture("good");
    s.build_ok();
    let easy = s.read("public/easy/directory/services/shortbreak-sitters/index.html");
    assert!(easy.contains("Sitters who give carers a few hours off."));
    let dir = easyinfo::load::directory::load(s.root(), 1 << 20).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let w = easyinfo::load::directory::warnings(&dir, 12, today);
    let easy_w: Vec<_> = w.iter().filter(|d| d.rule == "directory/easy-description").collect();
    let names: Vec<&str> = easy_w.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(easy_w.len(), 2, "{names:?}");
    let csv = easy_w.iter().find(|d| d.file.ends_with("services.csv")).unwrap();
    assert_eq!(csv.line, 3);
    assert!(csv.message.starts_with("row 3, column `easy_description`"), "{}", csv.message);
    assert_eq!(csv.severity, easyinfo::core::diagnostics::Severity::Warning);
    // The build's lint shows it too, as a warning.
    let v = s.lint_json();
    assert!(!diags_with(&v, "directory/easy-description").is_empty());
}

#[test]
fn stale_entries_are_warned_about_at_the_reviewed_line() {
    let s = fixture("good");
    let dir = easyinfo::load::directory::load(s.root(), 1 << 20).unwrap();
    let later = chrono::NaiveDate::from_ymd_opt(2027, 8, 1).unwrap();
    let w = easyinfo::load::directory::warnings(&dir, 12, later);
    let stale: Vec<_> = w.iter().filter(|d| d.rule == "content/stale").collect();
    let ash = stale.iter().find(|d| d.file.ends_with("ashdown-wellbeing-hub.yaml")).expect("ashdown is stale");
    assert_eq!(ash.line, 30, "the line of `reviewed:`");
    assert!(ash.message.contains("2026-07-17"));
    let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    assert!(easyinfo::load::directory::warnings(&dir, 12, now).iter().all(|d| d.rule != "content/stale"));
    assert!(easyinfo::load::directory::warnings(&dir, 0, later).iter().all(|d| d.rule != "content/stale"), "0 turns it off");
}

// ------------------------------------------------------------------ CSV

#[test]
fn csv_quirks_bom_crlf_quotes_commas_and_welsh() {
    let s = fixture("good");
    s.remove("content/directory/services.csv");
    let csv = "\u{feff}id,name,description,categories,address,postcode,accessibility,languages,schedule,personal_budget\r\n\
        ty-croeso,\"Tŷ Croeso, \"\"the\"\" Lunch Club\",\"Lunch, tea\r\nand a chat in Cymraeg: ŵ ŷ.\",carers,\"Chapel Room, 2 Highfield Mews, Southampton\",so17 1bw,step-free; quiet room ;,Welsh;English,\"MO,TU 09:00-12:00; SA 10:00-12:00\",Yes\r\n\
        ty-croeso,,,,\"Neuadd, Romsey\",SO51 8AA,parking,,,\r\n";
    s.write("content/directory/services.csv", csv);
    let dir = easyinfo::load::directory::load(s.root(), 1 << 20).unwrap_or_else(|d| panic!("{d:#?}"));
    let t = dir.services.iter().find(|x| x.id == "ty-croeso").unwrap();
    assert_eq!(t.name, "Tŷ Croeso, \"the\" Lunch Club");
    assert_eq!(t.description.as_deref(), Some("Lunch, tea\nand a chat in Cymraeg: ŵ ŷ."));
    assert_eq!(t.locations.len(), 2);
    assert_eq!(t.locations[0].address.as_deref(), Some("Chapel Room, 2 Highfield Mews, Southampton"));
    assert_eq!(t.locations[0].accessibility, vec!["step-free", "quiet room"]);
    assert_eq!(t.languages, vec!["Welsh", "English"]);
    assert_eq!(t.schedule.len(), 2);
    assert_eq!(t.personal_budget, Some(true));
    assert_eq!(t.source.row, Some(2));
    s.build_ok();
    let page = s.read("public/plain/directory/services/ty-croeso/index.html");
    assert!(page.contains("Tŷ Croeso, \"the\" Lunch Club") || page.contains("Tŷ Croeso, &quot;the&quot; Lunch Club"), "{page}");
    assert!(page.contains("SO17 1BW"), "postcodes are shown tidied");
    assert!(page.contains("Neuadd, Romsey"));
}

#[test]
fn a_csv_with_three_bad_rows_reports_all_three_and_publishes_nothing() {
    let s = fixture("bad-csv");
    let o = s.cmd(&["build"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    for (row, col) in [(3, "postcode"), (5, "email"), (6, "schedule")] {
        assert!(err.contains(&format!("services.csv:{row}:1:")), "no line {row} in:\n{err}");
        assert!(err.contains(&format!("row {row}, column `{col}`")), "no row {row} in:\n{err}");
    }
    assert!(!s.path("public").exists(), "nothing is published");
    assert_eq!(
        s.errors(),
        vec![
            ("services.csv".into(), 3, "directory/postcode".into()),
            ("services.csv".into(), 5, "directory/email".into()),
            ("services.csv".into(), 6, "directory/schedule".into()),
        ]
    );
}

#[test]
fn csv_header_and_cell_problems_are_named() {
    let s = fixture("good");
    s.write(
        "content/directory/services.csv",
        "id,name,postcod,lat\nx,X,,north\n,No Id,,\ny,Y,,,extra\nz,Zed,,\nz,Zee,,\n",
    );
    let v = s.lint_json();
    let csv = diags_with(&v, "directory/csv");
    assert!(csv.iter().any(|d| d["message"].as_str().unwrap().contains("`postcod`") && d["suggestion"].as_str().unwrap().contains("`postcode`")), "{v:#}");
    // A bad header stops the rows being read, so fix it and look again.
    s.write("content/directory/services.csv", "id,name,postcode,lat,lon\nx,X,,north,1\n,No Id,,,\ny,Y,,,,extra\nz,Zed,,,\nz,Zee,,,\n");
    let e = s.errors();
    assert!(e.contains(&("services.csv".into(), 2, "directory/coordinates".into())), "{e:?}");
    assert!(e.contains(&("services.csv".into(), 3, "directory/missing-field".into())), "{e:?}");
    assert!(e.contains(&("services.csv".into(), 4, "directory/csv".into())), "{e:?}");
    assert!(e.contains(&("services.csv".into(), 6, "directory/duplicate-id".into())), "{e:?}");
}

#[test]
fn ids_must_be_unique_across_yaml_and_csv() {
    let s = fixture("good");
    s.write("content/directory/services.csv", "id,name\nashdown-wellbeing-hub,Another Hub\n");
    let v = s.lint_json();
    let d = diags_with(&v, "directory/duplicate-id");
    assert_eq!(d.len(), 1, "{v:#}");
    assert!(d[0]["message"].as_str().unwrap().contains("ashdown-wellbeing-hub"));
}

// ------------------------------------------------------------ validation

#[test]
fn every_rule_fires_with_its_file_and_line_in_one_run() {
    let s = fixture("bad-yaml");
    let e = s.errors();
    let want: Vec<(&str, u64, &str)> = vec![
        ("bad-times.yaml", 4, "directory/url"),
        ("bad-times.yaml", 8, "directory/schedule"),
        ("bad-times.yaml", 9, "directory/schedule"),
        ("dup-b.yaml", 1, "directory/duplicate-id"),
        ("everything-wrong.yaml", 3, "directory/unknown-category"),
        ("everything-wrong.yaml", 6, "directory/postcode"),
        ("everything-wrong.yaml", 7, "directory/coordinates"),
        ("everything-wrong.yaml", 10, "directory/phone"),
        ("everything-wrong.yaml", 11, "directory/email"),
        ("everything-wrong.yaml", 12, "directory/url"),
        ("everything-wrong.yaml", 14, "directory/schedule"),
        ("everything-wrong.yaml", 16, "directory/schedule"),
        ("everything-wrong.yaml", 17, "directory/date"),
        ("no-id.yaml", 1, "directory/missing-field"),
        ("no-name.yaml", 1, "directory/missing-field"),
        ("unknown-field.yaml", 3, "input/yaml"),
    ];
    let want: Vec<(String, u64, String)> = want.into_iter().map(|(a, b, c)| (a.to_string(), b, c.to_string())).collect();
    assert_eq!(e, want);
    let v = s.lint_json();
    let hint = |rule: &str, needle: &str| {
        assert!(
            diags_with(&v, rule).iter().any(|d| d["suggestion"].as_str().unwrap_or("").contains(needle)),
            "no {rule} hint with {needle:?}: {v:#}"
        )
    };
    hint("directory/unknown-category", "`mental-health`");
    hint("directory/postcode", "`SO51 0YA`");
    hint("directory/url", "https://www.example.org");
    hint("input/yaml", "Did you mean `description`");
    hint("directory/missing-field", "id: service-without-an-id");
    let o = s.cmd(&["build"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!s.path("public").exists());
}

#[test]
fn rules_do_not_fire_on_good_data() {
    let s = fixture("good");
    assert_eq!(s.errors(), vec![]);
}

#[test]
fn phone_forms_that_are_allowed_and_refused() {
    let s = fixture("good");
    let svc = |phone: &str| format!("id: p\nname: P\ncontacts:\n  phone: \"{phone}\"\n");
    for ok in ["023 8050 4731", "02380504731", "+44 23 8050 4731", "+44 (0)23 8050 4731", "(023) 8050-4731", "0800 123 4567", "07700 900123", "18001 023 8050 4731", "999"] {
        s.write("content/directory/services/p.yaml", svc(ok));
        assert_eq!(s.errors(), vec![], "{ok} should be allowed");
    }
    for bad in ["023 8050", "+1 202 555 0100", "phone us", "0044", "00 33 1 23 45 67 89"] {
        s.write("content/directory/services/p.yaml", svc(bad));
        assert_eq!(s.errors(), vec![("p.yaml".into(), 4, "directory/phone".into())], "{bad} should be refused");
    }
}

#[test]
fn only_web_addresses_become_website_links() {
    let s = fixture("good");
    for bad in ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:x", "ftp://example.org", "//example.org", "https://exa mple.org", "https://example.org/\"><script>"] {
        s.write("content/directory/services/u.yaml", format!("id: u\nname: U\ncontacts:\n  website: '{}'\n", bad.replace('\'', "''")));
        assert_eq!(s.errors(), vec![("u.yaml".into(), 4, "directory/url".into())], "{bad} should be refused");
        let o = s.cmd(&["build"]);
        assert_eq!(o.status.code(), Some(1), "{bad}");
        assert!(!s.path("public").exists());
    }
}

// --------------------------------------------------------------- hostile

/// Every attribute (name, value) in every tag, reading quotes properly.
fn attributes(html: &str) -> Vec<(String, String)> {
    let b = html.as_bytes();
    let mut names = Vec::new();
    let mut i = 0;
    let mut raw_until: Option<&str> = None;
    while i < b.len() {
        if let Some(end) = raw_until {
            // Inside <script> or <style>: skip to the end tag.
            match html[i..].find(end) {
                Some(j) => i += j,
                None => break,
            }
            raw_until = None;
            continue;
        }
        if b[i] != b'<' || i + 1 >= b.len() || !(b[i + 1].is_ascii_alphabetic()) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < b.len() && b[j].is_ascii_alphanumeric() {
            j += 1;
        }
        let tag = html[i + 1..j].to_ascii_lowercase();
        loop {
            while j < b.len() && (b[j] as char).is_ascii_whitespace() {
                j += 1;
            }
            if j >= b.len() || b[j] == b'>' || (b[j] == b'/' && b.get(j + 1) == Some(&b'>')) {
                break;
            }
            let start = j;
            while j < b.len() && !(b[j] as char).is_ascii_whitespace() && b[j] != b'=' && b[j] != b'>' {
                j += 1;
            }
            let attr = html[start..j].to_ascii_lowercase();
            let mut value = String::new();
            if j < b.len() && b[j] == b'=' {
                j += 1;
                match b.get(j) {
                    Some(&q) if q == b'"' || q == b'\'' => {
                        j += 1;
                        let vs = j;
                        while j < b.len() && b[j] != q {
                            j += 1;
                        }
                        value = html[vs..j.min(b.len())].to_string();
                        j += 1;
                    }
                    _ => {
                        let vs = j;
                        while j < b.len() && !(b[j] as char).is_ascii_whitespace() && b[j] != b'>' {
                            j += 1;
                        }
                        value = html[vs..j].to_string();
                    }
                }
            }
            names.push((attr, htmlcheck::decode(&value)));
        }
        if tag == "script" || tag == "style" {
            raw_until = Some(if tag == "script" { "</script" } else { "</style" });
        }
        i = j + 1;
    }
    names
}

#[test]
fn hostile_text_shows_as_text_and_never_runs() {
    let s = fixture("good");
    s.build_ok();
    let mut checked = 0;
    for f in s.html_files() {
        let html = std::fs::read_to_string(&f).unwrap();
        let name = f.display().to_string();
        // The head holds text in <title> (where `<` is only text) and in
        // quoted attributes; the body must have no raw markup from the data.
        let end = html.find("</title>").unwrap();
        assert!(html[..end].ends_with("| Directory test site"), "{name}: nothing closes the title early");
        // Title text is only text (RCDATA); look at the rest as markup.
        let start = html.find("<title>").unwrap() + "<title>".len();
        let html = format!("{}{}", &html[..start], &html[end..]);
        let body = &html[html.find("<body").unwrap()..];
        for bad in ["<script>alert", "<img src=x", "<svg onload", "<b>help", "<i>High", "<u>Welsh", "<a href=javascript", "</title><!--"] {
            assert!(!body.contains(bad), "{name} contains raw {bad:?}");
        }
        let attrs = attributes(&html);
        assert!(!attrs.iter().any(|(a, _)| a.starts_with("on")), "{name} has an event handler attribute: {attrs:?}");
        for (a, v) in &attrs {
            if a == "href" || a == "src" || a == "action" {
                let v = v.to_ascii_lowercase();
                let ok = ["http://", "https://", "mailto:", "tel:", "sms:", "#"].iter().any(|p| v.starts_with(p)) || !v.contains(':');
                assert!(ok, "{name}: {a}={v}");
            }
        }
        // Scripts are files, or JSON-LD data.
        for (i, _) in html.match_indices("<script") {
            let tag = &html[i..i + html[i..].find('>').unwrap()];
            assert!(tag.contains("src=") || tag.contains("application/ld+json"), "{name}: inline script {tag}");
        }
        checked += 1;
    }
    assert!(checked > 20);
    for v in LEVELS {
        let p = s.read(&format!("public/{v}/directory/services/hostile-text-test/index.html"));
        assert!(p.contains("&lt;script>alert(1)&lt;/script> Club") || p.contains("&lt;script&gt;alert(1)&lt;/script&gt; Club"), "{p}");
        assert_eq!(p.matches("</script>").count(), p.matches("<script").count(), "nothing closes a script early");
        let ld = json_ld(&p);
        assert_eq!(ld["name"], "<script>alert(1)</script> Club", "the data survives, escaped");
        assert_eq!(ld["provider"]["name"], "</script><script>alert(2)</script>");
        assert!(p.contains("href=\"mailto:o&#39;brien@example.org\"") || p.contains("mailto:o'brien@example.org") || p.contains("mailto:o&#x27;brien@example.org"), "{p}");
    }
    // The search index can never end a script element or break out of a string.
    for e in std::fs::read_dir(s.path("public/js/search")).unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        assert!(!text.contains('<'), "the index escapes <");
    }
}

#[test]
fn render_never_links_an_unchecked_address() {
    // Belt and braces: even if validation were skipped, a bad address is shown as text.
    let s = fixture("good");
    let dir = easyinfo::load::directory::load(s.root(), 1 << 20).unwrap();
    let mut svc = dir.services.iter().find(|x| x.id == "ashdown-wellbeing-hub").unwrap().clone();
    svc.contacts.website = Some("javascript:alert(1)".into());
    svc.contacts.email = Some("x@y.org?subject=hi".into());
    svc.contacts.phone = Some("javascript:alert(1)".into());
    let links = easyinfo::render::directory::contact_links(&svc, easyinfo::core::version::Level::parse("plain").unwrap());
    for (kind, href) in links {
        if ["website", "email", "phone"].contains(&kind) {
            assert!(href.is_none(), "{kind} should not be a link");
        } else {
            assert!(href.is_some(), "{kind} is fine and should be a link");
        }
    }
}

// ------------------------------------------------------------------ HSDS

#[test]
fn hsds_sample_imports_and_builds() {
    let s = fixture("good");
    s.write(
        "content/directory/categories.yaml",
        "- id: sight-loss\n  name: Sight loss\n- id: deaf-and-hearing\n  name: Deaf and hearing\n- id: carers\n  name: Carers\n- id: mental-health\n  name: Mental health\n- id: health\n  name: Health\n- id: personal-budgets\n  name: Personal budgets\n",
    );
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hsds/sample.json");
    let o = s.cmd(&["import", "hsds", sample.to_str().unwrap(), "--out", "content/directory/services"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("Wrote 3 services"));
    let a = s.read("content/directory/services/svc-0001.yaml");
    for want in ["name: Test Valley Talking Newspaper", "organization: Test Valley Sight Group", "postcode: SP10 1LT", "byday: MO,WE,FR", "hearing loop", "text_relay: 18001 01794 000 111", "reviewed: 2026-06-02", "cost: Free"] {
        assert!(a.contains(want), "svc-0001.yaml lacks {want:?}:\n{a}");
    }
    let b = s.read("content/directory/services/svc-0002.yaml");
    for want in ["textphone: 01794 000 222", "sms: 07700 900456", "address: Village Hall, Slab Lane, West Wellow", "- BSL", "byday: TU", "reviewed: 2026-09-14", "£2 a visit"] {
        assert!(b.contains(want), "svc-0002.yaml lacks {want:?}:\n{b}");
    }
    let c = s.read("content/directory/services/3f1c2a9e-6b7d-4c11-9a0f-2b5e8d4c7a10.yaml");
    assert!(c.contains("byday: TH") && c.contains("closes_at: 20:00") && c.contains("- Polish"), "{c}");
    assert!(!s.path("content/directory/services/svc-old.yaml").exists(), "defunct services are left out");
    s.build_ok();
    let page = s.read("public/plain/directory/services/svc-0001/index.html");
    assert!(page.contains("href=tel:1800101794000111"));
    assert!(page.contains("<th scope=row>Wednesday</th><td><time datetime=10:00>10am</time> to <time datetime=13:00>1pm</time>"), "{page}");
    let sms = s.read("public/plain/directory/services/svc-0002/index.html");
    assert!(sms.contains("href=sms:07700900456"), "{sms}");
}

#[test]
fn hsds_import_reports_bad_json_with_a_position() {
    let s = fixture("good");
    s.write("bad.json", "{\n  \"services\": [\n    {\"id\": 1,, }\n  ]\n}\n");
    let o = s.cmd(&["import", "hsds", "bad.json", "--out", "out"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("bad.json:3:"), "{err}");
    let o = s.cmd(&["import", "hsds", "missing.json", "--out", "out"]);
    assert_eq!(o.status.code(), Some(2));
}

// ---------------------------------------------------------------- search

fn main_index(s: &TestSite) -> serde_json::Value {
    let dir = s.path("public/js/search");
    let main = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).find(|p| p.file_name().unwrap().to_string_lossy().starts_with("index.")).unwrap();
    let text = std::fs::read_to_string(main).unwrap();
    let json = text.trim().strip_prefix("window.EASYINFO_INDEX=").unwrap().strip_suffix(';').unwrap();
    serde_json::from_str(json).unwrap()
}

#[test]
fn the_search_index_is_a_script_with_words_filters_and_synonyms() {
    let s = fixture("good");
    s.build_ok();
    let ix = main_index(&s);
    assert_eq!(ix["docs"].as_array().unwrap().len(), 5);
    let names: Vec<&str> = ix["docs"].as_array().unwrap().iter().map(|d| d[1].as_str().unwrap()).collect();
    assert!(names.contains(&"Ashdown Wellbeing Hub"));
    let syn = ix["syn"].to_string();
    assert!(syn.contains(r#"["direct","payment"]"#) && syn.contains(r#"["money","support"]"#), "{syn}");
    assert!(syn.contains(r#"["respite"]"#) && syn.contains(r#"["break"]"#), "{syn}");
    let areas = ix["areas"].to_string();
    assert!(areas.contains(r#"["SO51","Romsey"]"#), "{areas}");
    let terms = ix["terms"].as_object().unwrap();
    assert_eq!(terms.len(), 1, "a small directory has one word file");
    let words = s.read(&format!("public/js/search/{}", terms["all"].as_str().unwrap()));
    assert!(words.starts_with("window.EASYINFO_TERMS="));
    for w in ["\"ashdown\"", "\"wellbeing\"", "\"ty\"", "\"croeso\"", "\"so51\""] {
        assert!(words.contains(w), "no {w} in the word file");
    }
    // Ashdown is open on Mondays 9 to 5.
    let ash = ix["docs"].as_array().unwrap().iter().find(|d| d[1] == "Ashdown Wellbeing Hub").unwrap();
    let sched = &ix["sched"][ash[6].as_u64().unwrap() as usize];
    assert!(sched.as_array().unwrap().iter().any(|p| p == &serde_json::json!([0, 540, 1020])), "{sched}");
    assert_eq!(ash[5], 3, "free and personal budget");
}

#[test]
fn a_big_directory_splits_its_words_by_first_letter() {
    let s = fixture("good");
    let mut csv = String::from("id,name,description,categories,postcode\n");
    let words = ["advice", "benefits", "carers", "dementia", "exercise", "friendship", "gardening", "housing", "independence", "jobs"];
    for i in 0..2500 {
        let w = words[i % words.len()];
        let w2 = words[(i / 10) % words.len()];
        csv.push_str(&format!("svc-{i},Service {i} {w},\"Help with {w} and {w2}, number {i}, word{i} extra{}\",health,SO{} {}AB\n", i * 7, 14 + i % 40, i % 10));
    }
    s.write("content/directory/services.csv", csv);
    s.build_ok();
    let ix = main_index(&s);
    assert_eq!(ix["split"], true);
    let terms = ix["terms"].as_object().unwrap();
    assert!(terms.contains_key("s") && terms.contains_key("0") && terms.contains_key("w"), "{terms:?}");
}

#[test]
fn yaml_personal_budget_takes_yes_and_no() {
    let s = fixture("good");
    s.write("content/directory/services/yn.yaml", "id: yn\nname: YN\npersonal_budget: yes\n");
    let dir = easyinfo::load::directory::load(s.root(), 1 << 20).unwrap();
    assert_eq!(dir.services.iter().find(|x| x.id == "yn").unwrap().personal_budget, Some(true));
    s.write("content/directory/services/yn.yaml", "id: yn\nname: YN\n\npersonal_budget: perhaps\n");
    assert_eq!(s.errors(), vec![("yn.yaml".into(), 4, "input/yaml".into())]);
}

#[test]
fn a_site_without_a_directory_still_has_its_pages() {
    let s = fixture("good");
    // An empty folder: a missing one is a usage error (issue 11).
    std::fs::remove_dir_all(s.path("content/directory")).unwrap();
    std::fs::create_dir_all(s.path("content/directory")).unwrap();
    s.build_ok();
    for v in LEVELS {
        let home = s.read(&format!("public/{v}/directory/index.html"));
        assert!(!home.contains("directory-search"), "no search without services");
        assert!(s.path(&format!("public/{v}/directory/a-z/index.html")).is_file());
    }
    assert!(!s.path("public/js/search").exists());
}

/// Sizes of the search index for a site, for the benchmark notes:
/// `EASYINFO_DIR_SITE=path cargo test --test main directory::index_sizes -- --ignored --nocapture`
#[test]
#[ignore]
fn index_sizes() {
    use std::io::Write;
    let Ok(site) = std::env::var("EASYINFO_DIR_SITE") else { return };
    let site = easyinfo::load::site::load(Path::new(&site)).unwrap_or_else(|_| panic!("cannot load {site}"));
    let ix = easyinfo::render::search::build(&site.directory, &site.glossary);
    let gz = |b: &[u8]| {
        let mut e = Command::new("gzip").arg("-9c").stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped()).spawn().unwrap();
        e.stdin.take().unwrap().write_all(b).unwrap();
        e.wait_with_output().unwrap().stdout.len()
    };
    println!("{} services", site.directory.services.len());
    for f in &ix.files {
        if let easyinfo::render::Content::Bytes(b) = &f.content {
            println!("{:>9} {:>9}  {}", b.len(), gz(b), f.path);
        }
    }
}

/// Thousands of services with one name get unique ids without the import slowing to a crawl.
#[test]
fn hsds_import_makes_many_duplicate_ids_unique() {
    let dir = tempfile::tempdir().unwrap();
    let services: Vec<String> = (0..6000).map(|_| r#"{"name": "Same Name", "status": "active"}"#.to_string()).collect();
    let file = dir.path().join("many.json");
    std::fs::write(&file, format!("[{}]", services.join(","))).unwrap();
    let out = dir.path().join("services");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_easyinfo"))
        .args(["import", "hsds", file.to_str().unwrap(), "--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let names: std::collections::HashSet<String> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names.len(), 6000);
    assert!(names.contains("same-name.yaml") && names.contains("same-name-2.yaml") && names.contains("same-name-6000.yaml"));
}

/// `n` services in the `carers` category, named so they sort in order.
fn with_carers(s: &TestSite, n: usize, page_size: Option<usize>) {
    let mut csv = String::from("id,name,description,categories,phone\n");
    for i in 0..n {
        csv.push_str(&format!("carer-{i:03},Carers Group {i:03},Meets every week,carers,023 8000 {:04}\n", 1000 + i));
    }
    s.write("content/directory/services.csv", csv);
    if let Some(size) = page_size {
        let site = s.read("site.yaml");
        s.write("site.yaml", site.replace("directory:\n", &format!("directory:\n  page_size: {size}\n")));
    }
}

fn card_ids(html: &str) -> Vec<String> {
    html.split("class=service-card").skip(1).filter_map(|c| c.split("services/").nth(1)).map(|r| r.split('/').next().unwrap().to_string()).collect()
}

#[test]
fn a_long_category_is_split_into_pages_with_every_service_once() {
    let s = fixture("good");
    with_carers(&s, 12, Some(5));
    s.build_ok();
    let dir = "public/plain/directory/categories/carers";
    // The fixture's own carers service plus 12: pages of 5, 5 and 3.
    let pages = [format!("{dir}/index.html"), format!("{dir}/page-2.html"), format!("{dir}/page-3.html")];
    assert!(!s.path(&format!("{dir}/page-4.html")).exists(), "no empty page after the last");
    let mut seen = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        let html = s.read(p);
        let ids = card_ids(&html);
        assert_eq!(ids.len(), if i < 2 { 5 } else { 3 }, "{p}: {ids:?}");
        seen.extend(ids);
        assert_eq!(html.matches("<h1").count(), 1);
        if i > 0 {
            assert!(html.contains(&format!("<title>Carers (page {} of 3)", i + 1)), "{p} says which page it is in its title");
        }
        assert!(html.contains("There are 13 services in this list."), "{p}");
        assert!(html.contains("aria-label=\"Pages of this list\""), "{p} has the pages nav");
        let file = p.rsplit('/').next().unwrap();
        assert!(html.contains(&format!("aria-current=page href={file}><span class=visually-hidden>Page </span>{}</a>", i + 1)), "{p} marks itself");
        // The other versions of this page are the same page of the list.
        for v in LEVELS {
            assert!(html.contains(&format!("{v}/directory/categories/carers/{file}")), "{p} links to its {v} version");
        }
        // Relative links from every page reach real files.
        for href in html.split("href=").skip(1).map(|r| r.split(['>', ' ']).next().unwrap().trim_matches('"')) {
            if href.contains(':') || href.starts_with('#') {
                continue;
            }
            let target = s.path(dir).join(href);
            assert!(target.is_file(), "{p} links to {href}, which does not exist");
        }
    }
    seen.sort();
    let mut want: Vec<String> = (0..12).map(|i| format!("carer-{i:03}")).collect();
    want.push("hostile-text-test".into());
    want.sort();
    assert_eq!(seen, want, "every service on exactly one page");
    let first = s.read(&pages[0]);
    assert!(first.contains("href=page-2.html rel=next>Next page"), "{first}");
    assert!(!first.contains("rel=prev"));
    let last = s.read(&pages[2]);
    assert!(last.contains("href=page-2.html rel=prev>Previous page") && !last.contains("rel=next"));
    let easy = s.read("public/easy/directory/categories/carers/page-2.html");
    assert!(easy.contains("This is page 2 of 3.") && easy.contains(">Page before<"), "easy read words");
    // The list to print is never split.
    let print = s.read(&format!("{dir}/print.html"));
    assert_eq!(print.matches("class=print-service").count(), 13);
}

#[test]
fn page_links_stay_short_for_a_very_long_list() {
    let s = fixture("good");
    with_carers(&s, 99, Some(1));
    s.build_ok();
    let html = s.read("public/plain/directory/categories/carers/page-50.html");
    let links: Vec<&str> = html.split("<span class=visually-hidden>Page </span>").skip(1).map(|r| r.split('<').next().unwrap()).collect();
    assert_eq!(links, ["1", "48", "49", "50", "51", "52", "100"], "first, last and two either side");
    assert_eq!(html.matches("class=pager-gap").count(), 2);
}

#[test]
fn a_short_category_has_one_page_and_no_pages_nav() {
    let s = fixture("good");
    with_carers(&s, 19, None);
    s.build_ok();
    let html = s.read("public/plain/directory/categories/carers/index.html");
    assert_eq!(card_ids(&html).len(), 20, "the default page holds 20");
    assert!(!html.contains("class=pager") && !s.path("public/plain/directory/categories/carers/page-2.html").exists());
}

#[test]
fn a_page_size_of_zero_is_refused_with_its_place() {
    let s = fixture("good");
    with_carers(&s, 3, Some(0));
    let o = s.cmd(&["build"]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("site.yaml") && err.contains("page_size"), "{err}");
}

// ------------------------------------------- issue 11: names, controls, NFC

/// Every file below the site, hashed, for "nothing outside changed" checks.
fn hashes(root: &Path) -> Vec<(PathBuf, u64)> {
    use std::hash::{Hash, Hasher};
    let mut out: Vec<(PathBuf, u64)> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            std::fs::read(e.path()).unwrap().hash(&mut h);
            (e.path().strip_prefix(root).unwrap().to_path_buf(), h.finish())
        })
        .collect();
    out.sort();
    out
}

/// A 300-character id, or a name Windows keeps for devices (`con`, `nul`,
/// `lpt1`, ...), is refused at lint time naming the file and line, for
/// services (YAML and spreadsheet), categories and guide slugs; the build
/// publishes nothing and changes no file.
#[test]
fn long_and_windows_reserved_ids_and_slugs_are_refused_naming_the_file() {
    let s = fixture("good");
    let long = "a".repeat(300);
    s.write("content/directory/services/long.yaml", format!("# A long id\nid: {long}\nname: Long\nreviewed: 2026-07-01\n"));
    s.write("content/directory/services/con.yaml", "id: con\nname: Console\n");
    s.write("content/directory/services.csv", "id,name\nnul,Null Club\nlpt1,Printer Club\n");
    let cats = std::fs::read_to_string(s.path("content/directory/categories.yaml")).unwrap();
    s.write("content/directory/categories.yaml", format!("{cats}\n- id: aux\n  name: Aux\n"));
    s.write("content/guides/com1.md", "---\ntitle: Com\n---\n\n# Com\n\n::: plain\nWords.\n:::\n");
    let v = s.lint_json();
    let ids = diags_with(&v, "directory/id");
    let at = |file: &str| ids.iter().filter(|d| d["file"].as_str().unwrap().ends_with(file)).map(|d| (d["line"].as_u64().unwrap(), d["message"].as_str().unwrap().to_string())).collect::<Vec<_>>();
    let long_d = at("long.yaml");
    assert_eq!(long_d.len(), 1, "{v:#}");
    assert_eq!(long_d[0].0, 2);
    assert!(long_d[0].1.contains("300 characters") && long_d[0].1.len() < 200, "{}", long_d[0].1);
    let con = at("con.yaml");
    assert!(con.len() == 1 && con[0].0 == 1 && con[0].1.contains("Windows"), "{con:?}");
    let csv = at("services.csv");
    assert!(csv.len() == 2 && csv[1].0 == 3 && csv[1].1.contains("`lpt1`"), "{csv:?}");
    assert!(csv[0].1.starts_with("row 2, column `id`: the id `nul`") && csv[0].0 == 2, "{csv:?}");
    let cat = at("categories.yaml");
    assert!(cat.len() == 1 && cat[0].1.contains("`aux`") && cat[0].1.contains("Windows"), "{cat:?}");
    let slug = diags_with(&v, "guide/slug");
    assert!(slug.len() == 1 && slug[0]["file"].as_str().unwrap().ends_with("com1.md") && slug[0]["message"].as_str().unwrap().contains("Windows"), "{v:#}");

    let before = hashes(s.root());
    let o = s.cmd(&["build"]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(!s.path("public").exists());
    assert_eq!(hashes(s.root()), before, "a refused build changes no file");
}

/// Escape and other control characters in directory data are refused with
/// the file, line and field, and the terminal never receives them raw.
#[test]
fn control_characters_in_directory_data_are_refused_and_never_printed_raw() {
    let s = fixture("good");
    s.write(
        "content/directory/services/esc.yaml",
        "id: esc-club\nname: \"Esc\\e[2J Club\"\ncontacts:\n  phone: \"023 8050\\x1b]0;owned\\x07 4731\"\nlocations:\n  - address: \"1 High St\\u0085\"\n",
    );
    s.write("content/directory/services.csv", "id,name,description\ncsv-club,CSV Club,\"Hello\u{1b}[31m red\"\n");
    let cats = std::fs::read_to_string(s.path("content/directory/categories.yaml")).unwrap();
    s.write("content/directory/categories.yaml", format!("{cats}\n- id: bell\n  name: \"Bell\\a\"\n"));
    let v = s.lint_json();
    let d = diags_with(&v, "directory/control-character");
    let got: Vec<(String, u64, String)> = d
        .iter()
        .map(|d| (d["file"].as_str().unwrap().rsplit('/').next().unwrap().to_string(), d["line"].as_u64().unwrap(), d["message"].as_str().unwrap().to_string()))
        .collect();
    let has = |file: &str, line: u64, words: &str| got.iter().any(|(f, l, m)| f == file && *l == line && m.contains(words));
    assert!(has("esc.yaml", 2, "`name` has an invisible control character, U+001B (escape), at character 4"), "{got:#?}");
    assert!(has("esc.yaml", 4, "`contacts`, `phone`"), "{got:#?}");
    assert!(has("esc.yaml", 6, "`locations` item 1, `address`"), "{got:#?}");
    assert!(has("services.csv", 2, "row 2, column `description`: this cell has"), "{got:#?}");
    assert!(has("categories.yaml", cats.lines().count() as u64 + 2, "`name` has an invisible control character, U+0007"), "{got:#?}");
    let o = s.cmd(&["build"]);
    assert_eq!(o.status.code(), Some(1));
    for out in [&o.stderr, &o.stdout] {
        assert!(!out.iter().any(|&b| b == 0x1b || b == 0x07), "a control character reached the terminal:\n{}", String::from_utf8_lossy(out));
        assert!(!String::from_utf8_lossy(out).contains('\u{85}'));
    }
    assert!(String::from_utf8_lossy(&o.stderr).contains("<U+001B>"), "{}", String::from_utf8_lossy(&o.stderr));
    let lint = s.cmd(&["lint"]);
    assert!(!lint.stderr.iter().any(|&b| b == 0x1b), "{}", String::from_utf8_lossy(&lint.stderr));

    // Written raw into the file, the YAML reader refuses it; the line it
    // shows has the character made visible.
    let s = fixture("good");
    s.write("content/directory/services/raw.yaml", b"id: raw\nname: Raw \x1b[2J Club\n");
    let o = s.cmd(&["lint"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.stderr.contains(&0x1b) && err.contains("raw.yaml:2") && err.contains("<U+001B>"), "{err}");
}

/// `café` written as one character or as `e` and an accent is one id: the
/// copy is reported as a duplicate. Names are stored as NFC, so searching
/// for "cafe" finds a name that was typed with a combining accent.
#[test]
fn ids_and_names_are_compared_in_one_unicode_form() {
    let s = fixture("good");
    s.write("content/directory/services/one.yaml", "id: caf\u{e9}-club\nname: One\n");
    s.write("content/directory/services/two.yaml", "id: cafe\u{301}-club\nname: Two\n");
    let v = s.lint_json();
    let d = diags_with(&v, "directory/duplicate-id");
    assert_eq!(d.len(), 1, "{v:#}");
    assert!(d[0]["message"].as_str().unwrap().contains("caf\u{e9}-club"), "{v:#}");

    let s = fixture("good");
    s.write("content/directory/services/cafe.yaml", "id: cafe-club\nname: \"Cafe\u{301} Club\"\ndescription: We meet at the cafe\u{301}s.\nreviewed: 2026-07-01\n");
    s.build_ok();
    let ix = main_index(&s);
    assert!(ix["docs"].as_array().unwrap().iter().any(|d| d[1] == "Caf\u{e9} Club"), "names are kept in NFC");
    let words = s.read(&format!("public/js/search/{}", ix["terms"]["all"].as_str().unwrap()));
    assert!(words.contains("\"cafes\""), "a search for `cafes` finds it");
    assert!(!words.contains('\u{301}'));
}

/// A key written twice is reported at its second line in its own mapping,
/// not at the first later line that happens to start with the same key.
#[test]
fn a_duplicate_key_is_reported_at_its_own_line() {
    let s = fixture("good");
    s.write("content/directory/categories.yaml", "- id: health\n  name: Health\n- id: carers\n  name: Carers\n  name: Carers again\n");
    s.write(
        "content/directory/services/twice.yaml",
        "id: twice\nname: Twice\ndescription: |\n  reviewed: in the text\nlocations:\n  - address: 1 High St\nreviewed: 2026-07-01\nreviewed: 2026-07-02\n",
    );
    let v = s.lint_json();
    let d = diags_with(&v, "input/yaml");
    let lines: Vec<(String, u64)> = d.iter().map(|d| (d["file"].as_str().unwrap().rsplit('/').next().unwrap().to_string(), d["line"].as_u64().unwrap())).collect();
    assert!(lines.contains(&("categories.yaml".into(), 5)), "{v:#}");
    assert!(lines.contains(&("twice.yaml".into(), 8)), "{v:#}");
}
