//! `easyinfo import hsds` through the real binary: whatever the HSDS file
//! holds, the files it writes are ones the build accepts, and it never
//! overwrites a file without `--force`.

use crate::util;

use std::path::{Path, PathBuf};
use crate::util::{snapshot, TestSite};

const CATEGORIES: &str = "- id: health\n  name: Health\n- id: sight-loss\n  name: Sight loss\n- id: deaf-and-hearing\n  name: Deaf and hearing\n";

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn site() -> TestSite {
    let s = TestSite::new();
    s.write("content/directory/categories.yaml", CATEGORIES);
    s
}

fn import(s: &TestSite, file: &Path, extra: &[&str]) -> util::Run {
    let mut args = vec!["import", "hsds", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    util::Run(s.cmd(&args))
}

/// Every HSDS file the project keeps (the sample, the hostile one, the fuzz
/// regressions and seeds): import, then build, must succeed.
#[test]
fn every_hsds_fixture_imports_and_then_builds() {
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in ["tests/fixtures/hsds", "tests/fixtures/fuzz/hsds", "fuzz/seeds/hsds"] {
        for e in std::fs::read_dir(fixture(dir)).into_iter().flatten() {
            files.push(e.unwrap().path());
        }
    }
    assert!(files.iter().any(|f| f.ends_with("hostile.json")), "{files:?}");
    for f in &files {
        let s = site();
        let r = import(&s, f, &[]);
        assert!(r.code() == 0 || (r.code() == 1 && r.stderr().contains("no service in this file could be imported")), "{}:\n{}", f.display(), r.stderr());
        let b = s.build();
        assert_eq!(b.code(), 0, "{} imported, then the build refused it:\n{}\n{}", f.display(), r.stderr(), b.stderr());
    }
}

/// The hostile file: bad values are dropped or cleaned with a warning
/// naming the record and the field; records without a name are left out.
#[test]
fn hostile_hsds_values_are_dropped_with_a_warning_naming_the_record() {
    let s = site();
    let r = import(&s, &fixture("tests/fixtures/hsds/hostile.json"), &[]);
    r.ok();
    let err = r.stderr();
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "control characters reached the terminal:\n{err}");
    for want in [
        "service number 1 (id `H-1`, `Far North Club`), `latitude`: dropped the map position 100, -1.5",
        "service number 1 (id `H-1`, `Far North Club`), `phones`: dropped `call us`",
        "service number 1 (id `H-1`, `Far North Club`), `postal_code`: dropped `NOT A CODE`",
        "service number 1 (id `H-1`, `Far North Club`), `schedules`: dropped the opening time `MO 25:00",
        "`schedules`: dropped the opening time `TU 17:00-09:00`",
        "`attributes`: left out the categories `underwater-basket-weaving`",
        "`attributes`: dropped the category `con`",
        "service number 2 (id `H-2`): it has no name, so it was left out",
        "service number 3 (id `H-3`): it has no name",
        "service number 4 (id `con`, `Console Club`), `id`: the id is a name Windows keeps",
        "`id`: the id is 300 characters long",
        "`email`: dropped `not an email`",
        "`url`: dropped `javascript:alert(1)`",
        "`name`: removed invisible control characters (such as U+001B (escape))",
        "`longitude`: dropped the map position: it has only one of latitude and longitude",
    ] {
        assert!(err.contains(want), "no warning {want:?} in:\n{err}");
    }
    let dir = "content/directory/services";
    let names: Vec<String> = std::fs::read_dir(s.path(dir)).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names.len(), 7, "{names:?}");
    let one = s.raw(&format!("{dir}/h-1.yaml"));
    assert!(one.contains("phone: 023 8050 4731") && !one.contains("call us"), "the quote marks are taken off:\n{one}");
    assert!(!one.contains("lat:") && !one.contains("postcode") && one.contains("1 High St, Romsey"), "{one}");
    assert!(one.contains("byday: WE") && !one.contains("25:00") && !one.contains("byday: TU"), "{one}");
    assert!(one.contains("- health") && !one.contains("- underwater") && one.contains("# Categories in the HSDS file that categories.yaml does not have: underwater-basket-weaving."), "{one}");
    let con = s.raw(&format!("{dir}/con-info.yaml"));
    assert!(con.contains("email: hello@example.org") && con.contains("website: https://example.org/console"), "{con}");
    let long: Vec<&String> = names.iter().filter(|n| n.starts_with("xxx")).collect();
    assert!(long.len() == 1 && long[0].len() == 100 + ".yaml".len(), "{long:?}");
    let esc = s.raw(&format!("{dir}/etc-passwd.yaml"));
    assert!(esc.contains("name: Esc[2J Club\n") && !esc.chars().any(|c| c.is_control() && c != '\n'), "{esc:?}");
    assert!(names.contains(&"service-7.yaml".to_string()), "a name with no letters still gets an id: {names:?}");
    // And the build takes every file, with no errors.
    s.build().ok();
    assert!(s.exists("public/plain/directory/services/con-info/index.html"));
}

/// Importing over files that exist changes nothing at all, exits 2 and
/// names the file; `--force` replaces them.
#[test]
fn an_import_never_overwrites_a_file_without_force() {
    let s = site();
    s.write("content/directory/services/svc-0001.yaml", "# My own edits\nid: svc-0001\nname: Edited by hand\n");
    let before = snapshot(s.root());
    let r = import(&s, &fixture("tests/fixtures/hsds/sample.json"), &[]);
    r.fails(2);
    assert!(r.stderr().contains("svc-0001.yaml already exists") && r.stderr().contains("--force") && r.stderr().contains("Nothing was written"), "{}", r.stderr());
    assert_eq!(snapshot(s.root()), before, "nothing is written when a target exists, not even the other services");

    let r = import(&s, &fixture("tests/fixtures/hsds/sample.json"), &["--force"]);
    r.ok();
    assert!(s.raw("content/directory/services/svc-0001.yaml").contains("Test Valley Talking Newspaper"));
    assert!(s.exists("content/directory/services/svc-0002.yaml"));
    s.build().ok();
    // Importing the same file again is refused again, naming the first file.
    let before = snapshot(s.root());
    import(&s, &fixture("tests/fixtures/hsds/sample.json"), &[]).fails(2);
    assert_eq!(snapshot(s.root()), before);
}

/// A service id the site already uses in another file (here its
/// spreadsheet) would make the build refuse both: the import gives its
/// copy a new id and says so.
#[test]
fn an_import_does_not_reuse_an_id_the_site_has() {
    let s = site();
    s.write("content/directory/services.csv", "id,name\nsvc-0001,Already here\n");
    let r = import(&s, &fixture("tests/fixtures/hsds/sample.json"), &[]);
    r.ok();
    assert!(r.stderr().contains("the id `svc-0001` is already used by content/directory/services.csv row 2"), "{}", r.stderr());
    assert!(s.exists("content/directory/services/svc-0001-2.yaml"));
    s.build().ok();
}

/// Windows editors put a byte order mark at the start of a file; the import
/// reads past it instead of calling the file broken.
#[test]
fn an_hsds_file_with_a_byte_order_mark_imports() {
    let s = site();
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend(std::fs::read(fixture("tests/fixtures/hsds/sample.json")).unwrap());
    s.write_bytes("bom.json", &bytes);
    let r = import(&s, &s.path("bom.json"), &[]);
    assert_eq!(r.code(), 0, "{}", r.stderr());
    assert!(std::fs::read_dir(s.path("content/directory/services")).unwrap().count() > 0);
    s.build().ok();
}
