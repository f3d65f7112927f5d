//! `serve` runs the build's pipeline: it finds a guide's files by the
//! loader's rules, and removes what the renderer no longer makes.

use easyinfo::serve::Session;
use std::path::Path;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/serve/site");

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

fn session() -> (tempfile::TempDir, Session) {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(Path::new(FIXTURE), &tmp.path().join("site"));
    let s = Session::new(&tmp.path().join("site"), &tmp.path().join("out")).expect("session starts");
    assert!(s.errors().is_empty(), "{:#?}", s.errors());
    (tmp, s)
}

#[test]
fn a_deleted_picture_is_removed_without_a_full_rebuild() {
    let (tmp, mut s) = session();
    let pic = tmp.path().join("site/content/guides/alpha/pictures/talk.svg");
    std::fs::remove_file(&pic).unwrap();
    let r = s.apply_changes(&[pic]);
    assert!(!r.full, "a picture's change renders only what read it");
    assert_eq!(r.removed, ["media/alpha/pictures/talk.svg"]);
    assert!(!tmp.path().join("out/media/alpha/pictures/talk.svg").exists());
    assert!(tmp.path().join("out/media/beta/pictures/talk.svg").is_file(), "other guides' pictures stay");
}

#[test]
fn a_markdown_file_beside_a_guide_is_not_published_by_serve_or_build() {
    let (tmp, mut s) = session();
    let notes = tmp.path().join("site/content/guides/alpha/notes.md");
    std::fs::write(&notes, "Notes for the editors.\n").unwrap();
    s.apply_changes(&[notes]);
    assert!(!s.outputs().iter().any(|p| p.ends_with("notes.md")), "{:?}", s.outputs());
    assert!(!tmp.path().join("out/media/alpha/notes.md").exists());
}
