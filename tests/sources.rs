//! Reading the site's sources (issue 11): a site whose folders are missing
//! or unreadable is a usage error and never publishes a smaller site over a
//! good one; symbolic links that lead outside the site are errors and what
//! they point to is never read or published; `theme:` is a name, not a
//! path; a byte order mark is ignored; `limits.max_file_size` covers static
//! files and pictures. Every case runs the real binary in a temp folder.

use std::os::unix::fs::{symlink, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;
use crate::util::{copy_dir, simple_guide, snapshot, today, Run, TestSite, Unprivileged};

/// A site that builds: one guide with a picture, a glossary, a service.
fn good_site() -> TestSite {
    let t = TestSite::new();
    t.guide("g", &simple_guide("A guide", "You can choose who helps you.", "You can choose the people who support you."));
    t.write("content/directory/categories.yaml", "- id: health\n  name: Health\n  easy_name: Your health\n  description: Help to stay healthy.\n");
    t.write(
        "content/directory/services/hub.yaml",
        &format!("id: hub\nname: Ashdown Hub\ncategories: [health]\nreviewed: {}\ndescription: Support.\neasy_description: We help you.\n", today()),
    );
    t
}

/// Every file and folder below `dir`: its path, mode, and bytes (or a note
/// that it cannot be read), so nothing may change unnoticed.
fn everything(dir: &Path) -> Vec<(PathBuf, u32, Result<Vec<u8>, String>)> {
    let mut out: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| {
            let meta = std::fs::symlink_metadata(e.path()).unwrap();
            let bytes = if meta.is_file() { std::fs::read(e.path()).map_err(|e| e.to_string()) } else { Ok(Vec::new()) };
            (e.path().strip_prefix(dir).unwrap().to_path_buf(), meta.mode(), bytes)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Open everything below `dir` to other users: folders 0777 (the output's
/// parent must be writable), files 0644.
fn open_up(dir: &Path) {
    for e in walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok) {
        let m = std::fs::symlink_metadata(e.path()).unwrap();
        if m.file_type().is_symlink() {
            continue;
        }
        let mode = if m.is_dir() { 0o777 } else { 0o644 };
        std::fs::set_permissions(e.path(), std::fs::Permissions::from_mode(mode)).unwrap();
    }
}

/// An [`Unprivileged`] runner for `t`, which opens `t` up to it.
fn unprivileged(t: &TestSite) -> Unprivileged {
    let u = Unprivileged::new(Path::new(env!("CARGO_BIN_EXE_easyinfo")));
    if u.is_root() {
        open_up(t.root());
    }
    u
}

#[track_caller]
fn usage_error(r: &Run, words: &[&str]) {
    r.fails(2);
    let err = r.stderr();
    for w in words {
        assert!(err.contains(w), "expected {w:?} in:\n{err}");
    }
    assert!(!err.contains("panicked"), "{err}");
}

// ------------------------------------------------------------------ missing folders

#[test]
fn a_missing_content_folder_is_a_usage_error_and_the_old_output_stays() {
    for missing in ["content", "content/guides", "content/directory"] {
        let t = good_site();
        t.build().ok();
        std::fs::rename(t.path(missing), t.path("moved-away")).unwrap();
        let before = snapshot(t.root());
        usage_error(&t.build(), &[&format!("no {missing}/ folder"), "nothing was built", &format!("mkdir -p {missing}")]);
        usage_error(&t.lint(&[]), &[&format!("no {missing}/ folder")]);
        assert_eq!(snapshot(t.root()), before, "{missing}: nothing changed, the old output is all there");
        assert!(t.exists("public/plain/guides/g/index.html"));
    }
}

#[test]
fn empty_guides_and_directory_folders_are_fine() {
    let t = TestSite::new();
    t.build().ok();
    assert!(t.exists("public/index.html"));
}

#[test]
fn a_new_site_has_every_folder_it_needs() {
    let t = TestSite::empty();
    Run(t.cmd(&["new", "mysite"])).ok();
    for f in ["content/guides", "content/directory", "content/static"] {
        assert!(t.path("mysite").join(f).is_dir(), "{f}");
    }
    Run(t.cmd(&["build", "mysite"])).ok();
}

// ------------------------------------------------------------------ unreadable

#[test]
fn unreadable_sources_are_usage_errors_and_the_old_output_stays() {
    for (hidden, make) in [
        ("content/directory", None),
        ("content/directory/services", None),
        ("content/guides", None),
        ("content/guides/g", None),
        ("content/guides/g/index.md", None),
        ("content/guides/g/pictures", None),
        ("content/glossary.yaml", None),
        ("content/directory/categories.yaml", None),
        ("content/directory/services/hub.yaml", None),
        ("content/static/private", Some("content/static/private/a.txt")),
        ("content", None),
        ("themes/mine/templates", Some("themes/mine/templates/404.html")),
        ("themes", Some("themes/mine/templates/404.html")),
        ("site.yaml", None),
        ("content/directory/services.csv", Some("content/directory/services.csv")),
    ] {
        let t = good_site();
        match make {
            Some(f) if f.ends_with(".csv") => t.write(f, "id,name\n"),
            Some(f) => t.write(f, "{% extends \"base.html\" %}"),
            None => &t,
        };
        if hidden.starts_with("themes") {
            let yaml = t.read("site.yaml");
            t.write("site.yaml", &format!("{yaml}theme: mine\n"));
        }
        let u = unprivileged(&t);
        u.cmd(&t, &["build"]).ok();
        let before = everything(t.root());
        let r = u.hidden(&t, hidden, || u.cmd(&t, &["build"]));
        usage_error(&r, &["cannot", hidden, "you may read", "nothing was built"]);
        assert_eq!(everything(t.root()), before, "{hidden}: nothing changed");
        let r = u.hidden(&t, hidden, || u.cmd(&t, &["lint"]));
        usage_error(&r, &[hidden]);
    }
}

// ------------------------------------------------------------------ links out of the site

/// A site in `site/` with a secret beside it, outside the site.
fn site_with_secret_beside() -> (TestSite, PathBuf) {
    let t = good_site();
    // Move the site one level down, so the secret is outside it.
    let outer = TestSite::empty();
    let site = outer.path("site");
    std::fs::rename(t.root(), &site).unwrap_or_else(|_| {
        // Different file systems: copy instead.
        copy_dir(t.root(), &site);
    });
    outer.write("secret/passwd", "root:SECRET-TOKEN:0:0\n");
    outer.write("secret/folder/key.txt", "SECRET-TOKEN\n");
    outer.write("secret/page.md", "---\ntitle: Leak\n---\n\n# Leak\n\n::: plain\nSECRET-TOKEN\n:::\n");
    outer.write("secret/pic.svg", &format!("<!-- SECRET-TOKEN -->{}", crate::util::PICTURE));
    outer.write("secret/base.html", "SECRET-TOKEN");
    outer.write("secret/glossary.yaml", "- term: SECRET-TOKEN\n  means: A secret.\n");
    outer.write("secret/site.yaml", "title: SECRET-TOKEN\n");
    outer.write("secret/svc.yaml", "id: leak\nname: SECRET-TOKEN\n");
    (outer, site)
}

fn run_in(dir: &Path, args: &[&str]) -> Run {
    Run(Command::new(env!("CARGO_BIN_EXE_easyinfo")).args(args).current_dir(dir).env("NO_COLOR", "1").output().unwrap())
}

#[test]
fn links_that_lead_outside_the_site_are_errors_and_never_published() {
    // (the link, where it points, relative to the outer folder)
    for (link, target) in [
        ("content/static/passwd", "secret/passwd"),
        ("content/static/folder", "secret/folder"),
        ("content/guides/leak.md", "secret/page.md"),
        ("content/guides/leak2/index.md", "secret/page.md"),
        ("content/guides/g/pictures/leak.svg", "secret/pic.svg"),
        ("content/guides/g/more", "secret/folder"),
        ("content/guides/everything", "secret"),
        ("content/directory/services/leak.yaml", "secret/svc.yaml"),
        ("content/glossary.yaml", "secret/glossary.yaml"),
        ("site.yaml", "secret/site.yaml"),
        ("themes/default/templates/base.html", "secret/base.html"),
        ("content/static", "secret/folder"),
        ("themes", "secret"),
    ] {
        let (outer, site) = site_with_secret_beside();
        run_in(&site, &["build"]).ok();
        let out_before = snapshot(&site.join("public"));
        let lp = site.join(link);
        std::fs::create_dir_all(lp.parent().unwrap()).unwrap();
        if lp.is_dir() {
            std::fs::remove_dir_all(&lp).unwrap();
        } else if lp.exists() {
            std::fs::remove_file(&lp).unwrap();
        }
        if link.starts_with("themes") && !link.starts_with("themes/") {
            // themes -> secret: the theme `default` would be secret/default.
            std::fs::create_dir_all(outer.path("secret/default/templates")).unwrap();
            std::fs::write(outer.path("secret/default/templates/base.html"), "SECRET-TOKEN").unwrap();
        }
        symlink(outer.path(target), &lp).unwrap();
        let before = everything(outer.root());
        for cmd in ["build", "lint"] {
            let r = run_in(&site, &[cmd]);
            r.fails(1);
            let err = r.stderr();
            assert!(err.contains(&format!("{link}:")) || err.contains(&format!("{link} ")), "{cmd} {link}: names the link:\n{err}");
            assert!(err.contains("outside the site"), "{cmd} {link}:\n{err}");
            assert!(err.contains(&outer.path(target).canonicalize().unwrap().display().to_string()), "{cmd} {link}: says where it points:\n{err}");
            assert!(!err.contains("SECRET-TOKEN") && !r.stdout().contains("SECRET-TOKEN"), "{cmd} {link}: the secret is never shown:\n{err}");
        }
        assert_eq!(everything(outer.root()), before, "{link}: nothing changed");
        assert_eq!(snapshot(&site.join("public")), out_before, "{link}: the old output stays");
    }
}

#[test]
fn links_inside_the_site_are_fine() {
    let t = good_site();
    t.write("shared/logo.txt", "our logo");
    std::fs::create_dir_all(t.path("content/static")).unwrap();
    symlink("../../shared/logo.txt", t.path("content/static/logo.txt")).unwrap();
    symlink(t.path("shared"), t.path("content/static/shared")).unwrap();
    t.build().ok();
    assert_eq!(t.raw("public/logo.txt"), "our logo");
    assert_eq!(t.raw("public/shared/logo.txt"), "our logo");
}

#[test]
fn a_broken_link_is_named() {
    let t = good_site();
    std::fs::create_dir_all(t.path("content/static")).unwrap();
    symlink("nowhere.txt", t.path("content/static/gone.txt")).unwrap();
    let r = t.build();
    r.fails(1);
    assert!(r.stderr().contains("content/static/gone.txt") && r.stderr().contains("does not exist"), "{}", r.stderr());
}

#[test]
fn a_fifo_in_static_is_refused_not_skipped() {
    let t = good_site();
    std::fs::create_dir_all(t.path("content/static")).unwrap();
    let ok = Command::new("mkfifo").arg(t.path("content/static/pipe")).status().unwrap().success();
    assert!(ok, "mkfifo");
    let r = t.build();
    r.fails(1);
    assert!(r.stderr().contains("content/static/pipe") && r.stderr().contains("not an ordinary file"), "{}", r.stderr());
}

// ------------------------------------------------------------------ theme names

#[test]
fn theme_is_a_name_in_themes_never_a_path() {
    for bad in ["/etc", "../x", "a/b", ".hidden", "..", "x\\\\y"] {
        let t = good_site();
        t.build().ok();
        t.write("site.yaml", &format!("{}# the look\ntheme: \"{bad}\"\n", crate::util::SITE_YAML));
        let mid = snapshot(t.root());
        let r = t.build();
        r.fails(1);
        let err = r.stderr();
        assert!(err.contains("site.yaml:5:"), "{bad}: names the line:\n{err}");
        assert!(err.contains("is not a theme name") && err.contains("themes/"), "{bad}: says what a theme name is:\n{err}");
        assert_eq!(snapshot(t.root()), mid, "{bad}: nothing changed");
    }
    // A real theme by name still works.
    let t = good_site();
    t.write("themes/mine/templates/404.html", "{% extends \"base.html\" %}{% block content %}<h1>{{ title }}</h1><p>Mine.</p>{% endblock content %}");
    t.write("site.yaml", &format!("{}theme: mine\n", crate::util::SITE_YAML));
    t.build().ok();
    assert!(t.raw("public/404.html").contains("Mine."));
}

// ------------------------------------------------------------------ byte order marks

const BOM: &str = "\u{feff}";

#[test]
fn a_byte_order_mark_is_ignored_everywhere() {
    let t = good_site();
    t.write("site.yaml", &format!("{BOM}title: Marked site\nbase_url: https://example.org/\nlanguage: en-GB\n"));
    t.guide("bom", &format!("{BOM}{}", simple_guide("Marked guide", "You can choose.", "You can choose who helps.")));
    t.write(
        "content/glossary.yaml",
        &format!("{BOM}- term: advocate\n  means: Someone who helps you speak up.\n- term: payment\n  means: Money that someone pays.\n"),
    );
    t.write(
        "content/directory/categories.yaml",
        &format!("{BOM}- id: health\n  name: Health\n  easy_name: Your health\n  description: Help to stay healthy.\n- id: money\n  name: Money\n  easy_name: Money\n  description: Help with money.\n"),
    );
    t.write(
        "content/directory/services/bom.yaml",
        &format!("{BOM}id: bom\nname: Marked Service\ncategories: [money]\nreviewed: {}\ndescription: Support.\neasy_description: We help you.\n", today()),
    );
    t.write(
        "content/directory/services.csv",
        &format!("{BOM}id,name,categories,reviewed,description,easy_description\ncsv1,Sheet Service,health,{},Support.,We help you.\n", today()),
    );
    let r = t.build();
    r.ok();
    let home = t.read("public/index.html");
    assert!(home.contains("Marked site"), "site.yaml read: {home}");
    let page = t.read("public/plain/guides/bom/index.html");
    assert!(page.contains("Marked guide"), "front matter recognised");
    assert!(!page.contains("reviewed:") && !page.contains("title: Marked"), "front matter is not text: {page}");
    let glossary = t.read("public/plain/glossary/index.html");
    assert!(glossary.contains("advocate"), "first glossary entry kept");
    assert!(t.exists("public/plain/directory/categories/health/index.html"), "first category kept");
    assert!(t.exists("public/plain/directory/services/bom/index.html"), "service file read as one document");
    assert!(t.exists("public/plain/directory/services/csv1/index.html"), "first column named right");
}

#[test]
fn positions_stay_right_after_a_byte_order_mark() {
    let t = good_site();
    t.write("content/directory/services/bom.yaml", &format!("{BOM}id: bom\nname: [unclosed\n"));
    t.write("content/guides/bom.md", &format!("{BOM}---\ntitle: Marked\n---\n\n# Marked\n\n::: easy\nUnclosed.\n"));
    let v = t.lint_json();
    let all = v["diagnostics"].as_array().unwrap();
    let svc: Vec<_> = all.iter().filter(|d| d["file"] == "content/directory/services/bom.yaml").collect();
    assert!(!svc.is_empty(), "{v:#}");
    assert!(svc.iter().all(|d| d["line"] == 2 || d["line"] == 3), "the service's error is on its own line: {svc:#?}");
    let guide: Vec<_> = all.iter().filter(|d| d["file"] == "content/guides/bom.md").collect();
    assert!(guide.iter().any(|d| d["line"] == 7), "the unclosed block opens on line 7: {guide:#?}");
}

// ------------------------------------------------------------------ size limits

#[test]
fn max_file_size_covers_static_files_and_pictures() {
    for big in ["content/static/big.bin", "content/guides/g/pictures/big.svg"] {
        let t = good_site();
        t.write("site.yaml", &format!("{}limits:\n  max_file_size: 4000\n", crate::util::SITE_YAML));
        t.build().ok();
        let before = snapshot(&t.path("public"));
        t.write_bytes(big, &vec![b'x'; 5000]);
        let mid = snapshot(t.root());
        let r = t.build();
        r.fails(1);
        let err = r.stderr();
        assert!(err.contains(big) && err.contains("limit of 4000 bytes") && err.contains("max_file_size"), "{big}:\n{err}");
        assert_eq!(snapshot(t.root()), mid, "{big}: nothing changed");
        assert_eq!(snapshot(&t.path("public")), before, "{big}: the old output stays");
    }
}

// ------------------------------------------------------------------ serve

/// `serve` reads the sources the same way: a link out of the site is never
/// copied into the preview, whether it is there at the start or added later.
#[test]
fn serve_never_copies_what_a_link_out_of_the_site_points_to() {
    let (outer, site) = site_with_secret_beside();
    let out = outer.path("preview");
    let mut s = easyinfo::serve::Session::new(&site, &out).expect("session starts");
    assert!(s.errors().is_empty(), "{:#?}", s.errors());
    // Added while serving: a picture beside a guide, and a static file.
    let pic = site.join("content/guides/g/pictures/leak.svg");
    symlink(outer.path("secret/pic.svg"), &pic).unwrap();
    s.apply_changes(std::slice::from_ref(&pic));
    std::fs::create_dir_all(site.join("content/static")).unwrap();
    let stat = site.join("content/static/passwd");
    symlink(outer.path("secret/passwd"), &stat).unwrap();
    s.apply_changes(std::slice::from_ref(&stat));
    let errors = s.errors();
    assert!(errors.iter().any(|d| d.file == "content/static/passwd" && d.message.contains("outside the site")), "{errors:#?}");
    for (p, bytes) in snapshot(&out) {
        assert!(!String::from_utf8_lossy(&bytes).contains("SECRET-TOKEN"), "{} holds the secret", p.display());
    }
    // And a session that starts with the links there.
    let out2 = outer.path("preview2");
    let s2 = easyinfo::serve::Session::new(&site, &out2).expect("session starts");
    assert!(s2.errors().iter().any(|d| d.message.contains("outside the site")), "{:#?}", s2.errors());
    for (p, bytes) in snapshot(&out2) {
        assert!(!String::from_utf8_lossy(&bytes).contains("SECRET-TOKEN"), "{} holds the secret", p.display());
    }
}
