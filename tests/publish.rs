//! Atomic publishing: a build that fails or is stopped never damages the
//! output that is already published, and nothing outside the output folder
//! is ever touched.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use crate::util::{simple_guide, snapshot, Run, TestSite, Unprivileged};

fn site() -> TestSite {
    let t = TestSite::new();
    t.guide("g", &simple_guide("A guide", "You can choose who helps you.", "You can choose who supports you."));
    t
}

type Snapshot = Vec<(PathBuf, Vec<u8>)>;

/// Which files differ between two snapshots (not their bytes: they are big).
fn differences(a: &Snapshot, b: &Snapshot) -> Vec<String> {
    let am: std::collections::BTreeMap<_, _> = a.iter().map(|(p, b)| (p, b)).collect();
    let bm: std::collections::BTreeMap<_, _> = b.iter().map(|(p, b)| (p, b)).collect();
    let mut out: Vec<String> = Vec::new();
    for (p, x) in &am {
        match bm.get(p) {
            None => out.push(format!("only before: {}", p.display())),
            Some(y) if y != x => out.push(format!("changed: {}", p.display())),
            _ => {}
        }
    }
    out.extend(bm.keys().filter(|p| !am.contains_key(*p)).map(|p| format!("only after: {}", p.display())));
    out
}

#[track_caller]
fn assert_same(now: &Snapshot, expected: &Snapshot, what: &str) {
    let d = differences(expected, now);
    assert!(d.is_empty(), "{what}: {} files differ, e.g. {:?}", d.len(), &d[..d.len().min(10)]);
}

/// Names in `dir` made by easyinfo's publishing (`.public.easyinfo-…`).
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        // The caches (Braille's translations, audio's recordings) are meant to stay.
        .filter(|n| n.contains(".easyinfo-") && n != ".easyinfo-cache")
        .collect()
}

// ------------------------------------------------------------------ failed builds

#[test]
fn a_failed_build_leaves_the_output_byte_for_byte_unchanged() {
    let t = site();
    build(&t).ok();
    let before = snapshot(&t.path("public"));
    assert!(before.len() > 10);
    let breakages: &[(&str, &str)] = &[
        ("content/guides/g/index.md", "---\ntitle: G\n---\n::: easy\nnever closed\n"),
        ("content/glossary.yaml", "- term: [broken\n"),
        ("site.yaml", "title: [broken\n"),
        ("content/guides/h.md", "---\ntitle: H\n---\n# H\n\nThe RAS decides.\n"),
        ("themes/default/templates/guide.html", "{% extends \"base.html\" %}{% block content %}{{ nope.x }}{% endblock content %}"),
    ];
    for (file, text) in breakages {
        let saved = t.exists(file).then(|| t.read(file));
        t.write(file, text);
        build(&t).fails(1);
        assert_same(&snapshot(&t.path("public")), &before, &format!("after breaking {file}"));
        assert!(leftovers(t.root()).is_empty(), "no temporary folders are left after breaking {file}");
        match saved {
            Some(s) => {
                t.write(file, &s);
            }
            None => std::fs::remove_file(t.path(file)).unwrap(),
        }
    }
    // Once fixed, it builds again.
    build(&t).ok();
    assert_same(&snapshot(&t.path("public")), &before, "rebuilt");
}

#[test]
fn a_failed_first_build_creates_no_output() {
    let t = TestSite::new();
    t.write("content/guides/g.md", "---\ntitle: G\n---\n::: easy\nx\n");
    build(&t).fails(1);
    assert!(!t.exists("public"));
    assert!(leftovers(t.root()).is_empty());
}

#[test]
fn a_successful_build_replaces_the_output_completely() {
    let t = site();
    t.guide("old", &simple_guide("Old", "You can choose.", "Plain words."));
    build(&t).ok();
    assert!(t.exists("public/easy/guides/old/index.html"));
    std::fs::remove_dir_all(t.path("content/guides/old")).unwrap();
    build(&t).ok();
    assert!(!t.exists("public/easy/guides/old/index.html"), "pages of deleted guides go");
    assert!(t.exists("public/easy/guides/g/index.html"));
    assert!(leftovers(t.root()).is_empty());
}

// ------------------------------------------------------------------ --out checks

#[test]
fn out_is_refused_when_it_is_the_site_root() {
    let t = site();
    let before = snapshot(t.root());
    let r = cmd(&t, &["build", "--out", "."]);
    r.fails(2);
    assert!(r.stderr().contains("refusing"), "{}", r.stderr());
    let abs = t.root().to_str().unwrap().to_string();
    cmd(&t, &["build", "--out", &abs]).fails(2);
    cmd(&t, &["build", "--out", "./content/.."]).fails(2);
    assert_eq!(snapshot(t.root()), before, "nothing in the site changed");
}

#[test]
fn out_is_refused_when_it_contains_the_site_or_a_content_folder() {
    let t = TestSite::empty();
    t.write("outer/site/site.yaml", crate::util::SITE_YAML);
    t.write("outer/site/content/guides/g.md", &simple_guide("G", "You can choose.", "Plain."));
    t.write("outer/site/content/directory/.keep", "");
    t.write("other/content/keep.txt", "someone else's site");
    t.write("other/site.yaml", "title: other\n");
    let before = snapshot(t.root());
    // A folder above the site.
    let r = cmd(&t, &["build", "outer/site", "--out", "outer"]);
    r.fails(2);
    assert!(r.stderr().contains("holds the site"), "{}", r.stderr());
    // Another folder that has content/.
    let r = cmd(&t, &["build", "outer/site", "--out", "other"]);
    r.fails(2);
    assert!(r.stderr().contains("content/"), "{}", r.stderr());
    assert_eq!(snapshot(t.root()), before);
}

#[test]
fn out_is_refused_inside_content() {
    let t = site();
    let before = snapshot(t.root());
    for out in ["content/public", "content/guides/out", "content"] {
        let r = cmd(&t, &["build", "--out", out]);
        r.fails(2);
        assert!(r.stderr().contains("content/"), "{out}: {}", r.stderr());
    }
    assert_eq!(snapshot(t.root()), before);
}

#[test]
fn out_is_refused_when_it_holds_someone_elses_files() {
    let t = site();
    t.write("my-documents/letter.txt", "Dear council");
    let r = cmd(&t, &["build", "--out", "my-documents"]);
    r.fails(2);
    assert!(r.stderr().contains("did not make"), "{}", r.stderr());
    assert_eq!(t.read("my-documents/letter.txt"), "Dear council");
    // An empty folder, or a new one, is fine.
    std::fs::create_dir_all(t.path("empty")).unwrap();
    cmd(&t, &["build", "--out", "empty"]).ok();
    cmd(&t, &["build", "--out", "new/deeper/out"]).ok();
    assert!(t.exists("new/deeper/out/index.html"));
    // And so is an earlier output.
    cmd(&t, &["build", "--out", "empty"]).ok();
}

#[test]
fn out_that_is_a_file_is_refused() {
    let t = site();
    t.write("out.txt", "a file");
    cmd(&t, &["build", "--out", "out.txt"]).fails(2);
    assert_eq!(t.read("out.txt"), "a file");
}

// ------------------------------------------------------------------ nothing outside

#[test]
fn nothing_outside_the_output_folder_is_deleted() {
    let t = TestSite::empty();
    t.write("site/site.yaml", crate::util::SITE_YAML);
    t.write("site/content/glossary.yaml", crate::util::GLOSSARY);
    t.write("site/content/guides/g/index.md", &simple_guide("G", "You can choose.", "Plain words."));
    t.write("site/content/guides/g/pictures/p.svg", crate::util::PICTURE);
    t.write("site/content/directory/.keep", "");
    // Sentinels beside the output folder and in its parent, including names
    // close to easyinfo's own temporary names.
    let sentinels = [
        "deploy/sentinel.txt",
        "deploy/.public.easyinfo",
        "deploy/.public.easyinfo-notes.txt",
        "deploy/public-old/keep.txt",
        "deploy/.public-backup/keep.txt",
        "deploy/.public.easyinfo-notes/keep.txt",
        "sentinel-parent.txt",
    ];
    for s in sentinels {
        t.write(s, "keep me");
    }
    let out = "deploy/public";
    let run = || cmd(&t, &["build", "site", "--out", out]);
    run().ok();
    run().ok();
    // A failed build too.
    t.write("site/content/guides/bad.md", "---\ntitle: Bad\n---\n::: easy\n");
    run().fails(1);
    std::fs::remove_file(t.path("site/content/guides/bad.md")).unwrap();
    run().ok();
    for s in sentinels {
        assert_eq!(t.read(s), "keep me", "{s} survives");
    }
    let mut names: Vec<String> = std::fs::read_dir(t.path("deploy")).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, [".public-backup", ".public.easyinfo", ".public.easyinfo-notes", ".public.easyinfo-notes.txt", "public", "public-old", "sentinel.txt"]);
}

// ------------------------------------------------------------------ killed builds

/// A site with many guides, so a build takes long enough to be stopped part-way.
fn big_site(n: usize) -> TestSite {
    let t = TestSite::new();
    let mut body = String::new();
    for i in 0..20 {
        body.push_str(&format!(
            "## Part {i}\n\n::: easy\n![A picture](pictures/p.svg)\nYou can choose who helps you. A direct payment is money.\n:::\n\n::: plain\nYou can choose the people who support you, and a direct payment helps.\n:::\n\n"
        ));
    }
    for i in 0..n {
        t.write(&format!("content/guides/guide-{i:04}/index.md"), &format!("---\ntitle: Guide {i}\nreviewed: {}\n---\n\n# Guide {i}\n\n{body}", crate::util::today()));
        t.write(&format!("content/guides/guide-{i:04}/pictures/p.svg"), crate::util::PICTURE);
    }
    t
}

/// A private copy of the binary, so a rebuild of `target/` while these
/// tests run cannot change the output between two builds of one test.
fn bin() -> &'static Path {
    static BIN: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    BIN.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
        // Copies left by earlier runs that have ended.
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if let Some(pid) = name.strip_prefix("publish-easyinfo-") {
                if !Path::new(&format!("/proc/{pid}")).exists() {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
        let bin = dir.join(format!("publish-easyinfo-{}", std::process::id()));
        std::fs::copy(env!("CARGO_BIN_EXE_easyinfo"), &bin).unwrap();
        bin
    })
}

/// Run the private binary in the site's folder.
fn cmd(t: &TestSite, args: &[&str]) -> Run {
    Run(Command::new(bin()).args(args).current_dir(t.root()).env("NO_COLOR", "1").output().unwrap())
}

fn build(t: &TestSite) -> Run {
    cmd(t, &["build"])
}

fn spawn_build(t: &TestSite) -> std::process::Child {
    Command::new(bin())
        .arg("build")
        .current_dir(t.root())
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start easyinfo")
}

#[cfg(unix)]
#[test]
fn a_build_killed_part_way_leaves_the_old_output_unchanged() {
    let t = big_site(400);
    build(&t).ok();
    let before = snapshot(&t.path("public"));
    assert!(before.len() > 1200, "{} files", before.len());

    // Change every guide, so a finished build would differ from the old output.
    for i in 0..400 {
        let p = format!("content/guides/guide-{i:04}/index.md");
        let text = t.read(&p).replace("You can choose who helps you.", "You choose who helps you.");
        t.write(&p, &text);
    }
    // How long a whole build takes here, to spread the kills across it.
    // (Only used to pick the moments; nothing asserts on time.)
    let started = Instant::now();
    let mut child = spawn_build(&t);
    let full = loop {
        if child.try_wait().unwrap().is_some() {
            break started.elapsed();
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    // That build finished: put the old output back, for the kills.
    let after = snapshot(&t.path("public"));
    assert!(after != before);
    restore(&t.path("public"), &before);
    assert_same(&snapshot(&t.path("public")), &before, "restored");

    let mut killed = 0;
    for tenth in [1u32, 3, 5, 7, 9] {
        let delay = full * tenth / 10;
        let mut child = spawn_build(&t);
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL; a no-op if it has already finished
        child.wait().unwrap();
        let now = snapshot(&t.path("public"));
        if differences(&now, &after).is_empty() {
            // It got as far as swapping the new output in: that output is whole.
            restore(&t.path("public"), &before);
        } else {
            // Otherwise, not one byte of the old output changed.
            killed += 1;
            assert_same(&now, &before, &format!("killed at {tenth}/10 of a build: the old output must be unchanged"));
        }
    }
    eprintln!("{killed} of 5 builds were killed before their output was swapped in (a whole build took {full:?})");
    assert!(killed > 0, "at least one build was stopped part-way");

    // A normal build succeeds and tidies up what the killed builds left.
    build(&t).ok();
    assert_same(&snapshot(&t.path("public")), &after, "the next build");
    assert_eq!(leftovers(t.root()), Vec::<String>::new());
}

/// Replace `dir` with exactly these files.
fn restore(dir: &Path, files: &Snapshot) {
    std::fs::remove_dir_all(dir).unwrap();
    for (p, b) in files {
        let p = dir.join(p);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, b).unwrap();
    }
}

#[test]
fn a_build_stopped_between_the_two_renames_is_repaired() {
    // Where folders cannot be swapped in one step, publishing moves the old
    // output aside and then moves the new one in. If it is stopped between
    // the two, the next build puts the old output back before anything else.
    let t = site();
    build(&t).ok();
    let before = snapshot(&t.path("public"));
    std::fs::rename(t.path("public"), t.path(".public.easyinfo-old-999999999")).unwrap();
    std::fs::create_dir_all(t.path(".public.easyinfo-new-999999999/easy")).unwrap();
    std::fs::create_dir_all(t.path(".public.easyinfo-new-999999998/plain")).unwrap();
    // Even a build that fails puts the old output back, untouched.
    t.write("content/guides/bad.md", "---\ntitle: Bad\n---\n::: easy\n");
    build(&t).fails(1);
    assert_same(&snapshot(&t.path("public")), &before, "after a failed build");
    std::fs::remove_file(t.path("content/guides/bad.md")).unwrap();
    build(&t).ok();
    assert_same(&snapshot(&t.path("public")), &before, "rebuilt");
    assert!(leftovers(t.root()).is_empty(), "{:?}", leftovers(t.root()));
}

// ------------------------------------------------------------------ whose folder (issue 11)

/// One thing in a folder tree, as it is on disk: links are not followed.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Node {
    Dir(u32),
    File(Vec<u8>, u32),
    Link(PathBuf),
    Other(&'static str, u64),
}

/// Every file, folder, link, device, pipe and socket below `dir` (and `dir`
/// itself), with bytes, permissions and link targets, for before/after checks.
#[cfg(unix)]
fn tree(dir: &Path) -> std::collections::BTreeMap<PathBuf, Node> {
    use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
    let mut out = std::collections::BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).follow_links(false) {
        let e = e.unwrap_or_else(|e| panic!("cannot walk {}: {e}", dir.display()));
        let m = e.path().symlink_metadata().unwrap();
        let ft = m.file_type();
        let mode = m.permissions().mode() & 0o7777;
        let node = if ft.is_symlink() {
            Node::Link(std::fs::read_link(e.path()).unwrap())
        } else if ft.is_dir() {
            Node::Dir(mode)
        } else if ft.is_file() {
            Node::File(std::fs::read(e.path()).unwrap(), mode)
        } else if ft.is_char_device() {
            Node::Other("char device", m.rdev())
        } else if ft.is_block_device() {
            Node::Other("block device", m.rdev())
        } else if ft.is_fifo() {
            Node::Other("fifo", 0)
        } else if ft.is_socket() {
            Node::Other("socket", 0)
        } else {
            Node::Other("unknown", 0)
        };
        out.insert(e.path().strip_prefix(dir).unwrap().to_path_buf(), node);
    }
    out
}

#[cfg(unix)]
#[track_caller]
fn assert_tree_same(dir: &Path, before: &std::collections::BTreeMap<PathBuf, Node>, what: &str) {
    let now = tree(dir);
    let mut diffs: Vec<String> = Vec::new();
    for (p, n) in before {
        match now.get(p) {
            None => diffs.push(format!("gone: {}", p.display())),
            Some(m) if m != n => diffs.push(format!("changed: {} (was {}, now {})", p.display(), kind(n), kind(m))),
            _ => {}
        }
    }
    diffs.extend(now.keys().filter(|p| !before.contains_key(*p)).map(|p| format!("new: {}", p.display())));
    assert!(diffs.is_empty(), "{what}: nothing may change, but {} did: {:?}", diffs.len(), &diffs[..diffs.len().min(12)]);
}

fn kind(n: &Node) -> String {
    match n {
        Node::Dir(m) => format!("folder {m:o}"),
        Node::File(b, m) => format!("file of {} bytes {m:o}", b.len()),
        Node::Link(t) => format!("link to {}", t.display()),
        Node::Other(k, _) => k.to_string(),
    }
}

/// `build --out OUT` is refused with exit 2, the message has every one of
/// `words`, and nothing at all in the test folder changes.
#[cfg(unix)]
#[track_caller]
fn refused(t: &TestSite, args: &[&str], words: &[&str]) -> String {
    let before = tree(t.root());
    let r = cmd(t, args);
    r.fails(2);
    let msg = r.stderr();
    for w in words {
        assert!(msg.contains(w), "{args:?}: the message should say {w:?}:\n{msg}");
    }
    assert!(!msg.contains("panicked"), "{msg}");
    assert_tree_same(t.root(), &before, &format!("{args:?}"));
    msg
}

#[cfg(unix)]
fn mknod_char(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // The numbers of /dev/null; made inside the test folder, never a real system path.
    let r = unsafe { libc::mknod(c.as_ptr(), libc::S_IFCHR | 0o666, libc::makedev(1, 3)) };
    assert_eq!(r, 0, "mknod {}: {}", path.display(), std::io::Error::last_os_error());
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    let r = unsafe { libc::mkfifo(c.as_ptr(), 0o644) };
    assert_eq!(r, 0, "mkfifo {}: {}", path.display(), std::io::Error::last_os_error());
}

#[test]
fn every_build_marks_its_output_and_rebuilds_a_marked_folder() {
    let t = site();
    build(&t).ok();
    let marker = t.raw("public/.easyinfo-output");
    assert!(marker.starts_with("easyinfo-output 1\n"), "{marker}");
    assert!(marker.contains("replaces all of it"), "{marker}");
    build(&t).ok();
    assert!(t.exists("public/.easyinfo-output"));
}

#[cfg(unix)]
#[test]
fn a_device_as_out_is_refused_and_left_alone() {
    // `build --out /dev/null`, with a device made in the test folder.
    let t = site();
    mknod_char(&t.path("null"));
    refused(&t, &["build", "--out", "null"], &["null", "device", "--out"]);
    let abs = t.path("null").display().to_string();
    refused(&t, &["build", "--out", &abs], &["device"]);
    refused(&t, &["serve", "--out", "null", "--port", "0"], &["device"]);
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_socket_as_out_is_refused_and_left_alone() {
    let t = site();
    mkfifo(&t.path("pipe"));
    refused(&t, &["build", "--out", "pipe"], &["pipe", "FIFO"]);
    let _listener = std::os::unix::net::UnixListener::bind(t.path("sock")).unwrap();
    refused(&t, &["build", "--out", "sock"], &["sock", "socket"]);
    refused(&t, &["serve", "--out", "sock", "--port", "0"], &["socket"]);
}

#[cfg(unix)]
#[test]
fn a_web_folder_with_index_html_that_easyinfo_did_not_mark_is_refused() {
    // Debian's /var/www/html ships with an index.html; a wordpress/ beside it must survive.
    let t = site();
    t.write("www/html/index.html", "<h1>Apache works</h1>");
    t.write("www/html/wordpress/wp-config.php", "<?php define('DB_PASSWORD', 'x');");
    let m = refused(&t, &["build", "--out", "www/html"], &["www/html", ".easyinfo-output", "new or empty folder"]);
    assert!(m.contains("older easyinfo"), "{m}");
    refused(&t, &["serve", "--out", "www/html", "--port", "0"], &["www/html", ".easyinfo-output"]);
    // A marker that is not easyinfo's (wrong text, or a link) does not count.
    t.write("www/html/.easyinfo-output", "mine");
    refused(&t, &["build", "--out", "www/html"], &["www/html"]);
    std::fs::remove_file(t.path("www/html/.easyinfo-output")).unwrap();
    build(&t).ok();
    std::os::unix::fs::symlink(t.path("public/.easyinfo-output"), t.path("www/html/.easyinfo-output")).unwrap();
    refused(&t, &["build", "--out", "www/html"], &["www/html"]);
}

#[cfg(unix)]
#[test]
fn an_output_of_an_earlier_easyinfo_without_the_marker_is_refused_with_what_to_do() {
    let t = site();
    build(&t).ok();
    std::fs::remove_file(t.path("public/.easyinfo-output")).unwrap();
    let m = refused(&t, &["build"], &["public", "older easyinfo", "delete the folder yourself once"]);
    assert!(m.starts_with("error: refusing to publish into"), "{m}");
    // Once deleted, it builds.
    std::fs::remove_dir_all(t.path("public")).unwrap();
    build(&t).ok();
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_as_out_is_refused_even_to_a_marked_folder() {
    let t = site();
    cmd(&t, &["build", "--out", "deploy/releases/one"]).ok();
    std::os::unix::fs::symlink("deploy/releases/one", t.path("live")).unwrap();
    let target = t.path("deploy/releases/one").canonicalize().unwrap().display().to_string();
    let m = refused(&t, &["build", "--out", "live"], &["live", "symbolic link", "deploy/releases/one", "--out"]);
    assert!(m.contains(&format!("pass --out {target}")), "{m}");
    refused(&t, &["serve", "--out", "live", "--port", "0"], &["symbolic link"]);
    // The default output, too.
    std::os::unix::fs::symlink("deploy/releases/one", t.path("public")).unwrap();
    refused(&t, &["build"], &["public", "symbolic link"]);
    // A link to an empty folder, and a link that points nowhere.
    std::fs::create_dir(t.path("empty")).unwrap();
    std::os::unix::fs::symlink("empty", t.path("to-empty")).unwrap();
    refused(&t, &["build", "--out", "to-empty"], &["symbolic link"]);
    std::os::unix::fs::symlink("nowhere", t.path("dangling")).unwrap();
    refused(&t, &["build", "--out", "dangling"], &["symbolic link"]);
    // The folder it points to is fine when named itself.
    cmd(&t, &["build", "--out", &target]).ok();
}

#[cfg(unix)]
#[test]
fn out_is_checked_after_resolving_dots_and_links_in_its_parents() {
    let t = site();
    refused(&t, &["build", "--out", "public/../content/new"], &["content/"]);
    refused(&t, &["build", "--out", "nothing/yet/../../content/new"], &["content/"]);
    refused(&t, &["build", "--out", "public/../themes/x"], &["themes/"]);
    std::os::unix::fs::symlink("content", t.path("shortcut")).unwrap();
    refused(&t, &["build", "--out", "shortcut/new"], &["content/"]);
    refused(&t, &["build", "--out", "shortcut/../shortcut/guides/out"], &["content/"]);
    // A link above the site's folder.
    std::os::unix::fs::symlink(".", t.path("here")).unwrap();
    refused(&t, &["build", "--out", "here"], &["symbolic link"]);
    refused(&t, &["build", "--out", "here/content/out"], &["content/"]);
    // A link in the parents to a good place is followed: the output is made there.
    std::fs::create_dir(t.path("real-deploy")).unwrap();
    std::os::unix::fs::symlink("real-deploy", t.path("deploy")).unwrap();
    cmd(&t, &["build", "--out", "deploy/site"]).ok();
    assert!(t.exists("real-deploy/site/.easyinfo-output"));
    assert!(std::fs::symlink_metadata(t.path("deploy")).unwrap().file_type().is_symlink(), "the link stays a link");
    assert!(leftovers(&t.path("real-deploy")).is_empty());
}

/// Let `nobody` read the whole test folder and write in `writable`.
#[cfg(unix)]
fn open_up(t: &TestSite, writable: &[&str]) {
    use std::os::unix::fs::PermissionsExt;
    for e in walkdir::WalkDir::new(t.root()).follow_links(false).into_iter().flatten() {
        let mode = if e.file_type().is_dir() { 0o755 } else if e.file_type().is_file() { 0o644 } else { continue };
        std::fs::set_permissions(e.path(), std::fs::Permissions::from_mode(mode)).unwrap();
    }
    for w in writable {
        std::fs::set_permissions(t.path(w), std::fs::Permissions::from_mode(0o777)).unwrap();
    }
}

#[cfg(unix)]
#[test]
fn an_unreadable_out_folder_is_refused_and_its_files_kept() {
    use std::os::unix::fs::PermissionsExt;
    let t = site();
    t.write("deploy/private/secret.txt", "my own file");
    t.write("deploy/private/inner/more.txt", "more");
    open_up(&t, &["deploy"]);
    std::fs::set_permissions(t.path("deploy/private"), std::fs::Permissions::from_mode(0o000)).unwrap();
    // The check must really be made as a user who cannot read the folder.
    let nobody = Unprivileged::new(bin());
    let probe = nobody.cmd(&t, &["lint"]);
    probe.ok();
    let before = tree(t.root());
    let r = nobody.cmd(&t, &["build", "--out", "deploy/private"]);
    r.fails(2);
    assert!(r.stderr().contains("cannot read this folder") && r.stderr().contains("deploy/private"), "{}", r.stderr());
    assert_tree_same(t.root(), &before, "an unreadable --out");
    // And the unprivileged user can publish next to it.
    nobody.cmd(&t, &["build", "--out", "deploy/site"]).ok();
    assert!(t.exists("deploy/site/.easyinfo-output"));
    std::fs::set_permissions(t.path("deploy/private"), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(t.raw("deploy/private/secret.txt"), "my own file");
}

// ------------------------------------------------------------------ lint --report

#[cfg(unix)]
#[test]
fn lint_report_never_writes_over_the_sites_sources() {
    let t = site();
    t.write("themes/default/templates/extra.html", "x");
    for path in ["site.yaml", "content/glossary.yaml", "content/guides/g/index.md", "content/new-report.html", "content/static/report.html", "themes/report.html", "themes/default/templates/extra.html", "public/../site.yaml", ".", "content"] {
        refused(&t, &["lint", "--report", path], &["refusing to write the report", path]);
    }
    // Through a link in its parents, too.
    std::os::unix::fs::symlink("content", t.path("c")).unwrap();
    refused(&t, &["lint", "--report", "c/report.html"], &["content/"]);
}

#[cfg(unix)]
#[test]
fn lint_report_overwrites_only_a_report_it_made() {
    let t = site();
    t.write("notes.html", "<p>My notes</p>");
    refused(&t, &["lint", "--report", "notes.html"], &["notes.html", "not a report easyinfo made"]);
    mknod_char(&t.path("null"));
    refused(&t, &["lint", "--report", "null"], &["device"]);
    mkfifo(&t.path("pipe"));
    refused(&t, &["lint", "--report", "pipe"], &["FIFO"]);
    std::fs::create_dir(t.path("folder")).unwrap();
    refused(&t, &["lint", "--report", "folder"], &["folder"]);
    std::os::unix::fs::symlink("notes.html", t.path("link.html")).unwrap();
    refused(&t, &["lint", "--report", "link.html"], &["symbolic link"]);
    refused(&t, &["lint", "--report", "no-such-folder/report.html"], &["no-such-folder"]);
    // A new file, then the same file again: it carries the report's mark.
    cmd(&t, &["lint", "--report", "report.html"]).ok();
    let first = t.raw("report.html");
    assert!(first.contains(r#"<meta name="generator" content="easyinfo report">"#));
    t.guide("h", &simple_guide("Another", "You can choose.", "Plain words."));
    cmd(&t, &["lint", "--report", "report.html"]).ok();
    assert!(t.raw("report.html").contains("Another"), "the earlier report is replaced");
    assert!(leftovers(t.root()).is_empty(), "{:?}", leftovers(t.root()));
}

/// Start `serve --out OUT --port 0`, wait until it serves, then stop it.
fn serve_once(t: &TestSite, out: &str) {
    use std::io::BufRead;
    let mut child = Command::new(bin())
        .args(["serve", "--port", "0", "--out", out])
        .current_dir(t.root())
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    // Blocks until serve has built and prints its address (or ends).
    std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let _ = child.kill();
    child.wait().unwrap();
    assert!(line.starts_with("Serving"), "serve did not start: {line:?}");
}

#[test]
fn serve_marks_its_output_so_build_and_serve_can_reuse_it() {
    let t = site();
    std::fs::create_dir(t.path("preview")).unwrap();
    serve_once(&t, "preview");
    assert!(t.raw("preview/.easyinfo-output").starts_with("easyinfo-output 1\n"));
    // A second serve keeps the marker (it removes only files it did not write).
    serve_once(&t, "preview");
    assert!(t.exists("preview/.easyinfo-output"));
    cmd(&t, &["build", "--out", "preview"]).ok();
    serve_once(&t, "preview");
    assert!(t.exists("preview/.easyinfo-output"));
    assert!(t.exists("preview/index.html"));
}
