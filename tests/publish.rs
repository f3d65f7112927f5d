//! Atomic publishing: a build that fails or is stopped never damages the
//! output that is already published, and nothing outside the output folder
//! is ever touched.

mod util;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use util::{simple_guide, snapshot, Run, TestSite};

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
        .filter(|n| n.contains(".easyinfo-"))
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
    t.write("outer/site/site.yaml", util::SITE_YAML);
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
    t.write("site/site.yaml", util::SITE_YAML);
    t.write("site/content/glossary.yaml", util::GLOSSARY);
    t.write("site/content/guides/g/index.md", &simple_guide("G", "You can choose.", "Plain words."));
    t.write("site/content/guides/g/pictures/p.svg", util::PICTURE);
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
        t.write(&format!("content/guides/guide-{i:04}/index.md"), &format!("---\ntitle: Guide {i}\nreviewed: {}\n---\n\n# Guide {i}\n\n{body}", util::today()));
        t.write(&format!("content/guides/guide-{i:04}/pictures/p.svg"), util::PICTURE);
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
