//! Braille-ready files: made from the plain version by liblouis, laid out
//! as BRF, linked from every guide page and listed on the Braille pages;
//! without liblouis the build says so in one line (or, with `braille:
//! required`, fails). Most tests put a stand-in `lou_translate` in
//! liblouis's place (it upper-cases its input), so they run anywhere; the
//! ones marked `ignore` need liblouis itself, and .ci/run runs them.

use crate::util::{Run, TestSite, NO_LIBLOUIS};
use std::path::{Path, PathBuf};
use std::process::Command;

const LEVELS: [&str; 3] = ["easy", "large", "plain"];

/// How the build finds its translator.
enum Lou<'a> {
    /// liblouis's own `lou_translate`, from PATH.
    Real,
    /// A program in its place.
    At(&'a Path),
    /// Nothing: PATH holds no `lou_translate` and no override is set.
    NoneOnPath(&'a Path),
}

fn build(t: &TestSite, lou: Lou) -> Run {
    let mut c = Command::new(env!("CARGO_BIN_EXE_easyinfo"));
    c.arg("build").current_dir(t.root()).env("NO_COLOR", "1").env_remove(NO_LIBLOUIS.0);
    match lou {
        Lou::Real => {}
        Lou::At(p) => {
            c.env(NO_LIBLOUIS.0, p);
        }
        Lou::NoneOnPath(empty) => {
            c.env("PATH", empty);
        }
    }
    Run(c.output().expect("run easyinfo"))
}

/// A stand-in for `lou_translate`: each line back in capitals.
fn stand_in(t: &TestSite) -> PathBuf {
    // Letters in capitals, anything not ASCII dropped, as BRF holds only ASCII.
    script(t, "#!/bin/sh\ntr '[:lower:]' '[:upper:]' | tr -cd '\\n\\040-\\176'\n")
}

/// The stand-in, also writing every line it is asked for to `asked.log`
/// beside the site (read with [`asked`]).
fn counting_stand_in(t: &TestSite) -> PathBuf {
    let log = t.beside("asked.log");
    script(t, &format!("#!/bin/sh\ntee -a '{}' | tr '[:lower:]' '[:upper:]' | tr -cd '\\n\\040-\\176'\n", log.display()))
}

/// The lines the counting stand-in was asked for since the last call.
fn asked(t: &TestSite) -> Vec<String> {
    let log = t.beside("asked.log");
    let lines = std::fs::read_to_string(&log).unwrap_or_default().lines().map(String::from).collect();
    let _ = std::fs::remove_file(&log);
    lines
}

fn script(t: &TestSite, text: &str) -> PathBuf {
    let p = t.beside("bin/lou_translate");
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, text).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    p
}

fn site() -> TestSite {
    let t = TestSite::fixture("test_site");
    // The fixture's dates are written as REVIEWED: today, so none is stale.
    for e in walkdir::WalkDir::new(t.root()).into_iter().flatten().filter(|e| e.file_type().is_file()) {
        if let Some(text) = std::fs::read_to_string(e.path()).ok().filter(|s| s.contains("REVIEWED")) {
            std::fs::write(e.path(), text.replace("REVIEWED", &crate::util::today())).unwrap();
        }
    }
    // A guide long enough for several braille pages, with a list and a table.
    let mut long = String::from("---\ntitle: Long guide\nsummary: A long guide.\n---\n\n# Long guide\n\n::: easy\n![A picture](pictures/p.svg)\nYou can get help.\n:::\n\n::: plain\n");
    for i in 0..30 {
        long.push_str(&format!("## Part {i}\n\nThe council can help you with support at home. You can ask for an assessment at any time.\n\n"));
    }
    long.push_str("- One thing to bring with you to the meeting, written long enough to run over onto a second line.\n- Another\n\n| Day | Hours |\n|---|---|\n| Monday | 9am to 5pm |\n\n:::\n");
    t.guide("long", &long);
    t
}

fn guides(t: &TestSite) -> Vec<String> {
    let dir = t.path("content/guides");
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().trim_end_matches(".md").to_string())
        .collect();
    out.sort();
    out
}

fn page_number(n: usize) -> String {
    let d: String = n.to_string().bytes().map(|b| if b == b'0' { 'J' } else { (b'A' + b - b'1') as char }).collect();
    format!("#{d}")
}

/// Every layout rule SPEC names, on one file; returns its pages' lines.
fn check_brf(name: &str, bytes: &[u8]) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(bytes).unwrap_or_else(|_| panic!("{name} is not ASCII text"));
    assert!(text.is_ascii(), "{name}: Braille ASCII only");
    assert!(text.ends_with("\r\n"), "{name} ends with CR LF");
    let pages: Vec<Vec<String>> = text.split('\x0c').map(|p| {
        assert!(!p.replace("\r\n", "").contains(['\r', '\n']), "{name}: every line ends CR LF");
        p.strip_suffix("\r\n").unwrap().split("\r\n").map(String::from).collect()
    }).collect();
    for (i, p) in pages.iter().enumerate() {
        assert!(p.len() <= 25, "{name} page {}: {} lines", i + 1, p.len());
        for l in p {
            assert!(l.chars().count() <= 40, "{name} page {}: {l:?} is over 40 cells", i + 1);
        }
        assert_eq!(p[0].len(), 40, "{name} page {}: the page number ends at cell 40: {:?}", i + 1, p[0]);
        assert_eq!(p[0].trim_start(), page_number(i + 1), "{name} page {}", i + 1);
        assert!(p.len() > 1 && !p[1].is_empty(), "{name} page {}: no blank line at the top", i + 1);
    }
    let first = &pages[0][1];
    let pad = first.len() - first.trim_start().len();
    assert!(pad > 0 && (40 - first.trim().len()) / 2 == pad, "{name}: the title is centred: {first:?}");
    pages
}

/// The Braille link's href and words on a guide page, if it has one.
fn braille_link(html: &str) -> Option<(String, String)> {
    let at = html.find(r#"class="braille-link""#)?;
    let rest = &html[at..];
    let href = rest.split("href=\"").nth(1)?.split('"').next()?.replace("&#x2F;", "/");
    let words = rest.split('>').nth(2)?.split('<').next()?.to_string();
    Some((href, words))
}

fn categories(t: &TestSite) -> Vec<String> {
    t.raw("content/directory/categories.yaml").lines().filter_map(|l| l.strip_prefix("- id: ")).map(str::to_string).collect()
}

#[test]
fn every_guide_the_glossary_and_every_category_get_a_brf_laid_out_by_the_rules() {
    let t = site();
    let r = build(&t, Lou::At(&stand_in(&t)));
    r.ok();
    assert!(!r.stderr().contains("Braille was skipped"), "{}", r.stderr());
    for slug in guides(&t) {
        let name = format!("public/braille/guides/{slug}.brf");
        check_brf(&name, t.raw(&name).as_bytes());
    }
    check_brf("glossary", t.raw("public/braille/glossary.brf").as_bytes());
    let cats = categories(&t);
    assert!(!cats.is_empty());
    for id in &cats {
        let name = format!("public/braille/directory/categories/{id}.brf");
        check_brf(&name, t.raw(&name).as_bytes());
    }
    let long = check_brf("long", t.raw("public/braille/guides/long.brf").as_bytes());
    assert!(long.len() >= 3, "the long guide runs to several pages");
    let all: Vec<&String> = long.iter().flatten().collect();
    assert!(all[1].trim() == "LONG GUIDE", "the title, from the plain version: {:?}", all[1]);
    // A heading at the margin with a blank line before it.
    let h = all.iter().position(|l| *l == "PART 3").expect("a heading");
    assert_eq!(all[h - 1], "", "a blank line before a heading");
    assert!(all[h + 1].starts_with("THE COUNCIL CAN HELP"));
    // A blank line between paragraphs; list run-over lines two cells in.
    let item = all.iter().position(|l| l.starts_with("ONE THING TO BRING")).expect("the list item");
    assert!(all[item + 1].starts_with("  ") && !all[item + 1].starts_with("   "), "{:?}", all[item + 1]);
    assert!(all.iter().any(|l| *l == "MONDAY: 9AM TO 5PM"), "a table row in linear form");
    assert!(!all.iter().any(|l| l.contains("YOU CAN GET HELP")), "the easy read words are not in the file");
    // The category's list holds its services' opening times, a row a line.
    let advice = t.raw("public/braille/directory/categories/advice.brf");
    assert!(advice.contains("ADVICE AND INFORMATION"), "{advice}");
}

#[test]
fn every_guide_page_in_every_version_links_its_brf_with_its_size() {
    let t = site();
    build(&t, Lou::At(&stand_in(&t))).ok();
    for slug in guides(&t) {
        for level in LEVELS {
            let page = format!("{level}/guides/{slug}/index.html");
            let html = t.raw(&format!("public/{page}"));
            let (href, words) = braille_link(&html).unwrap_or_else(|| panic!("{page} has no Braille link"));
            let target = crate::util::land(&page, &href);
            assert_eq!(target, format!("braille/guides/{slug}.brf"), "{page}");
            let size = std::fs::metadata(t.path(&format!("public/{target}"))).unwrap().len();
            let kb = size.div_ceil(1024).max(1);
            assert!(words.contains(&format!("{kb} KB")), "{page} shows the size ({kb} KB): {words:?}");
        }
    }
}

#[test]
fn the_braille_pages_say_what_a_brf_is_and_list_every_file() {
    let t = site();
    build(&t, Lou::At(&stand_in(&t))).ok();
    let mut pages = vec!["braille/index.html".to_string()];
    pages.extend(LEVELS.iter().map(|l| format!("{l}/braille/index.html")));
    for page in &pages {
        let html = t.raw(&format!("public/{page}"));
        assert!(html.contains("embosser") && html.contains("braille display"), "{page} says how to use a BRF file");
        let transcriber = if page.starts_with("easy/") { "someone who makes Braille for you" } else { "transcriber" };
        assert!(html.contains(transcriber), "{page} says how to send it to a transcriber");
        let mut wanted: Vec<String> = guides(&t).iter().map(|s| format!("braille/guides/{s}.brf")).collect();
        wanted.push("braille/glossary.brf".into());
        wanted.extend(categories(&t).iter().map(|c| format!("braille/directory/categories/{c}.brf")));
        let linked: Vec<String> = html.split("href=\"").skip(1).map(|h| crate::util::land(page, &h.split('"').next().unwrap().replace("&#x2F;", "/"))).collect();
        for w in &wanted {
            assert!(linked.contains(w), "{page} lists {w}");
            assert!(t.exists(&format!("public/{w}")));
        }
        assert!(html.matches(" KB)").count() >= wanted.len(), "{page} shows each file's size");
    }
    let easy = t.raw("public/easy/braille/index.html");
    let plain = t.raw("public/plain/braille/index.html");
    assert!(easy.contains("Read it on a braille display") && !plain.contains("Read it on a braille display"), "easy read has its own words");
}

#[test]
fn without_liblouis_the_build_says_so_in_one_line_and_publishes_the_rest() {
    let t = site();
    let empty = t.beside("empty-bin");
    std::fs::create_dir_all(&empty).unwrap();
    for lou in [Lou::NoneOnPath(&empty), Lou::At(Path::new(NO_LIBLOUIS.1))] {
        let r = build(&t, lou);
        r.ok();
        let err = r.stderr();
        let said: Vec<&str> = err.lines().filter(|l| l.contains("Braille")).map(str::trim).collect();
        assert_eq!(said.len(), 1, "one line: {}", r.stderr());
        assert!(said[0].contains("Braille was skipped") && said[0].contains("sudo apt-get install liblouis-bin liblouis-data"), "{}", said[0]);
        assert!(t.exists("public/plain/guides/long/index.html"), "the rest is published");
        assert!(!t.exists("public/braille"), "no Braille folder");
        assert!(braille_link(&t.raw("public/plain/guides/long/index.html")).is_none(), "no link to a file that is not there");
    }
}

#[test]
fn braille_required_without_liblouis_is_an_error() {
    let t = site();
    t.write("site.yaml", format!("{}braille: required\n", t.raw("site.yaml")));
    let r = build(&t, Lou::At(Path::new(NO_LIBLOUIS.1)));
    r.fails(2);
    assert!(r.stderr().contains("braille: required") && r.stderr().contains("liblouis-bin"), "{}", r.stderr());
    assert!(!t.exists("public/plain/guides/long/index.html"), "nothing is published");
}

#[test]
fn braille_false_makes_no_files_and_no_links() {
    let t = site();
    t.write("site.yaml", format!("{}braille: false\n", t.raw("site.yaml")));
    let r = build(&t, Lou::At(&stand_in(&t)));
    r.ok();
    assert!(!r.stderr().contains("Braille"), "{}", r.stderr());
    assert!(!t.exists("public/braille"));
    assert!(braille_link(&t.raw("public/easy/guides/long/index.html")).is_none());
}

const CACHE: &str = ".easyinfo-cache/braille/lines";

/// Every BRF file of the last build, by path.
fn brfs(t: &TestSite) -> std::collections::BTreeMap<String, Vec<u8>> {
    let dir = t.root().join("public/braille");
    let files = walkdir::WalkDir::new(&dir).into_iter().flatten().filter(|e| e.path().extension().is_some_and(|x| x == "brf"));
    files.map(|e| (e.path().strip_prefix(&dir).unwrap().display().to_string(), std::fs::read(e.path()).unwrap())).collect()
}

#[test]
fn a_second_build_asks_liblouis_for_no_line() {
    let t = site();
    let lou = counting_stand_in(&t);
    build(&t, Lou::At(&lou)).ok();
    let first = asked(&t);
    assert!(first.iter().any(|l| l.contains("support at home")), "{first:?}");
    let made = brfs(&t);
    build(&t, Lou::At(&lou)).ok();
    assert_eq!(asked(&t), Vec::<String>::new());
    assert_eq!(brfs(&t), made);
}

#[test]
fn a_changed_guide_asks_only_for_its_changed_lines() {
    let t = site();
    let lou = counting_stand_in(&t);
    build(&t, Lou::At(&lou)).ok();
    asked(&t);
    let guide = "content/guides/long/index.md";
    let old = "## Part 3\n\nThe council can help you with support at home.";
    assert!(t.raw(guide).contains(old));
    t.write(guide, t.raw(guide).replacen(old, "## Part three\n\nThe council can help you at any hour.", 1));
    build(&t, Lou::At(&lou)).ok();
    let mut lines = asked(&t);
    lines.sort();
    assert_eq!(lines, ["Part three", "The council can help you at any hour. You can ask for an assessment at any time."]);
    let brf = String::from_utf8(brfs(&t)["guides/long.brf"].clone()).unwrap();
    assert!(brf.contains("ANY HOUR"), "{brf}");
    // The old line is gone from the cache: it holds only what the last build used.
    let cache = t.raw(CACHE);
    assert!(cache.lines().any(|l| l == "Part three") && !cache.lines().any(|l| l == "Part 3"), "{cache}");
    assert!(cache.lines().any(|l| l == "Part 4"), "{cache}");
}

#[test]
fn a_damaged_cut_or_foreign_cache_is_ignored_and_the_files_are_as_a_clean_build_makes_them() {
    let t = site();
    let lou = counting_stand_in(&t);
    build(&t, Lou::At(&lou)).ok();
    let clean = brfs(&t);
    let all = asked(&t).len();
    let good = t.raw(CACHE);
    assert!(good.contains("THE COUNCIL CAN HELP"));
    let damaged = [
        good.replace("THE COUNCIL CAN HELP", "THE COUNCIL CANNOT HELP"),
        good[..good.len() / 2].to_string(),
        good[..good.len() - 1].to_string(),
        "some other program's file\n".to_string(),
        good.replacen("en-ueb", "en-xx", 1),
    ];
    for (i, bad) in damaged.iter().enumerate() {
        t.write(CACHE, bad);
        build(&t, Lou::At(&lou)).ok();
        assert_eq!(brfs(&t), clean, "damage {i}");
        assert_eq!(asked(&t).len(), all, "damage {i}: every line asked again");
        assert_eq!(t.raw(CACHE), good, "damage {i}: the cache is made again");
    }
}

#[test]
fn braille_false_leaves_the_cache_alone() {
    let t = site();
    let lou = counting_stand_in(&t);
    build(&t, Lou::At(&lou)).ok();
    asked(&t);
    let kept = t.raw(CACHE);
    t.write("site.yaml", format!("{}braille: false\n", t.raw("site.yaml")));
    build(&t, Lou::At(&lou)).ok();
    assert_eq!(t.raw(CACHE), kept);
    assert_eq!(asked(&t).len(), 0, "nothing translated");
}

#[test]
fn unknown_braille_settings_are_content_errors_with_their_line() {
    for (yaml, says) in [("braille: maybe\n", "true, false or required"), ("braille_grade: 3\n", "1 (uncontracted) or 2 (contracted)")] {
        let t = site();
        t.write("site.yaml", format!("{}{yaml}", t.raw("site.yaml")));
        let r = build(&t, Lou::At(&stand_in(&t)));
        r.fails(1);
        let line = t.raw("site.yaml").lines().count();
        assert!(r.stderr().contains(says) && r.stderr().contains(&format!("site.yaml:{line}")), "{yaml}: {}", r.stderr());
    }
}

// ------------------------------------------------------ with liblouis itself

#[test]
#[ignore = "needs liblouis; .ci/run runs it"]
fn liblouis_translates_the_fixture_and_the_layout_holds() {
    let t = site();
    let r = build(&t, Lou::Real);
    r.ok();
    assert!(!r.stderr().contains("Braille was skipped"), "{}", r.stderr());
    let pages = check_brf("long", t.raw("public/braille/guides/long.brf").as_bytes());
    let all: Vec<&String> = pages.iter().flatten().collect();
    // UEB grade 2 in upper-case Braille ASCII: `,` is the capital sign.
    assert_eq!(all[1].trim(), ",L;G GUIDE");
    assert!(all.iter().any(|l| l.starts_with(",! C\\NCIL C HELP")), "contracted: {all:?}");
    for slug in guides(&t) {
        check_brf(&slug, t.raw(&format!("public/braille/guides/{slug}.brf")).as_bytes());
    }
    t.write("site.yaml", format!("{}braille_grade: 1\n", t.raw("site.yaml")));
    build(&t, Lou::Real).ok();
    let g1 = t.raw("public/braille/guides/long.brf");
    assert!(g1.contains(",THE ,COUNCIL CAN HELP") || g1.contains(",THE COUNCIL CAN HELP"), "uncontracted:\n{g1}");
}

/// Our one batched process gives exactly what a separate `lou_translate`
/// per paragraph gives, for every paragraph of the example site.
#[test]
#[ignore = "needs liblouis; .ci/run runs it"]
fn the_batch_agrees_with_one_call_per_paragraph_on_the_example_site() {
    use easyinfo::render::braille::{self, louis};
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = easyinfo::pipeline::load(root).unwrap();
    let tables = louis::tables("en-GB", 2).unwrap();
    let mut lines: Vec<String> = braille::print(&site, |_| true).into_iter().flat_map(|(_, p)| p.into_iter().map(|p| braille::piece_text(&p).to_string())).collect();
    lines.sort();
    lines.dedup();
    lines.retain(|l| !l.is_empty());
    let batch = louis::Translator::translate(&louis::Louis { tables }, &lines).unwrap();
    let mut same = 0;
    for (line, b) in lines.iter().zip(&batch) {
        let alone = louis::run(tables, &[line]).unwrap();
        if alone[0] == *b {
            same += 1;
        } else {
            eprintln!("differs: {line:?}\n  batch: {b:?}\n  alone: {:?}", alone[0]);
        }
    }
    eprintln!("batched path vs one call each: {same} of {} paragraphs the same", lines.len());
    assert!(lines.len() > 100, "the example site has its paragraphs");
    assert_eq!(same, lines.len());
}

/// Braille is made in the main language only: its pages' links to another
/// language go to that language's home, with the note, never to a page
/// that does not exist.
#[test]
fn the_braille_pages_link_other_languages_to_their_homes() {
    let t = site();
    let yaml = t.raw("site.yaml");
    t.write("site.yaml", format!("{yaml}\nlanguages:\n  cy: {{ name: Cymraeg }}\n"));
    build(&t, Lou::At(&stand_in(&t))).ok();
    assert!(!t.path("public/cy/braille").exists() && !t.path("public/cy/plain/braille").exists(), "no Welsh Braille pages");
    for (page, home) in [("plain/braille/index.html", "cy/plain/index.html"), ("braille/index.html", "cy/index.html")] {
        let html = t.raw(&format!("public/{page}"));
        let hrefs: Vec<String> = html.split("href=\"").skip(1).filter_map(|s| s.split('"').next()).map(|h| crate::util::land(page, &h.replace("&#x2F;", "/"))).collect();
        assert!(hrefs.iter().any(|h| h == home), "{page} links to {home}: {hrefs:?}");
        assert!(!hrefs.iter().any(|h| h.starts_with("cy/") && h.contains("braille")), "{page} links to a Welsh Braille page: {hrefs:?}");
    }
}
