//! Input limits: file sizes, YAML alias bombs and deep nesting, symbolic
//! link loops, and links or pictures that climb out of the site.

use crate::util;
use std::process::{Command, Stdio};
use std::time::Duration;
use crate::util::{simple_guide, Run, TestSite};

fn good_site() -> TestSite {
    let t = TestSite::new();
    t.guide("g", &simple_guide("A guide", "You can choose who helps you.", "You can choose who supports you."));
    t
}

/// Run `easyinfo build` under the 2 GB address-space cap of
/// [`run_measured`], so a runaway expansion fails instead of eating the machine.
fn build_bounded(t: &TestSite) -> Run {
    run_measured(t, "build").0
}

#[track_caller]
fn error_at(r: &Run, loc: &str, words: &[&str]) {
    r.fails(1);
    let err = r.stderr();
    let block = err.split("\n\n").find(|b| b.contains(loc)).unwrap_or_else(|| panic!("nothing at `{loc}`:\n{err}"));
    for w in words {
        assert!(block.contains(w), "`{w}` in:\n{block}");
    }
    assert!(block.contains("hint: "), "{block}");
    assert!(!err.contains("panicked") && !err.contains("memory allocation"), "{err}");
}

// ------------------------------------------------------------------ file size

#[test]
fn a_file_over_the_size_limit_is_an_error_naming_the_file_and_the_limit() {
    let t = good_site();
    t.write("site.yaml", &format!("{}limits:\n  max_file_size: 2000\n", util::SITE_YAML));
    let big = format!("---\ntitle: Big\n---\n\n# Big\n\n{}", "Words here. ".repeat(300));
    t.write("content/guides/big.md", &big);
    let r = t.build();
    error_at(&r, "content/guides/big.md", &["more than the limit of 2000 bytes", "max_file_size"]);
    // The glossary too.
    t.write("content/guides/big.md", "---\ntitle: Small\n---\n# Small\n");
    t.write("content/glossary.yaml", &format!("{}# {}\n", util::GLOSSARY, "x".repeat(3000)));
    error_at(&t.build(), "content/glossary.yaml", &["2000 bytes"]);
    // Raising the limit fixes it.
    t.write("site.yaml", &format!("{}limits:\n  max_file_size: 100000\n", util::SITE_YAML));
    t.build().ok();
}

#[test]
fn the_default_size_limit_is_ten_megabytes() {
    let t = good_site();
    let mut big = String::from("---\ntitle: Huge\n---\n\n# Huge\n\n");
    while big.len() <= 10 * 1024 * 1024 {
        big.push_str(&"Words here. ".repeat(1000));
        big.push('\n');
    }
    t.write("content/guides/huge.md", &big);
    error_at(&t.build(), "content/guides/huge.md", &["10485760 bytes"]);
}

// ------------------------------------------------------------------ YAML bombs

fn billion_laughs() -> String {
    let mut bomb = String::from("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    let names: Vec<char> = "abcdefghij".chars().collect();
    for w in names.windows(2) {
        let (p, c) = (w[0], w[1]);
        bomb.push_str(&format!("{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n"));
    }
    bomb
}

#[test]
fn an_alias_bomb_in_the_glossary_is_refused() {
    let t = good_site();
    t.write("content/glossary.yaml", &billion_laughs());
    error_at(&build_bounded(&t), "content/glossary.yaml", &["alias bomb"]);
    // Shaped like a glossary entry, too.
    let shaped = format!("- term: lol\n  means: x\n  forms: {}\n", billion_laughs().replace('\n', " ").replace("a: &a", "&a"));
    t.write("content/glossary.yaml", &shaped);
    let r = build_bounded(&t);
    r.fails(1);
    assert!(r.stderr().contains("content/glossary.yaml"), "{}", r.stderr());
}

#[test]
fn an_alias_bomb_in_front_matter_is_refused() {
    let t = good_site();
    t.write("content/guides/bomb.md", &format!("---\n{}title: Bomb\n---\n\n# Bomb\n", billion_laughs()));
    error_at(&build_bounded(&t), "content/guides/bomb.md", &["alias bomb"]);
}

#[test]
fn an_alias_bomb_in_site_yaml_is_refused() {
    let t = good_site();
    t.write("site.yaml", &format!("{}{}", util::SITE_YAML, billion_laughs().replace("a: &a", "description: &a")));
    let r = build_bounded(&t);
    r.fails(1);
    assert!(r.stderr().contains("site.yaml"), "{}", r.stderr());
}

#[test]
fn deeply_nested_yaml_is_refused() {
    let deep_flow = format!("- term: deep\n  means: {}x{}\n", "[".repeat(50_000), "]".repeat(50_000));
    let deep_block = format!("- {}x\n", "- ".repeat(20_000));
    let mut deep_map = String::from("- term: deep\n  means: x\n  forms:\n");
    for i in 0..400 {
        deep_map.push_str(&format!("{}k{i}:\n", "  ".repeat(i + 2)));
    }
    for text in [&deep_flow, &deep_block, &deep_map] {
        let t = good_site();
        t.write("content/glossary.yaml", text);
        error_at(&build_bounded(&t), "content/glossary.yaml", &["nested"]);
        let t = good_site();
        t.write("content/guides/deep.md", &format!("---\ntitle: Deep\nsummary: {}\n---\n# Deep\n", text.replace('\n', " ")));
        let r = build_bounded(&t);
        r.fails(1);
        assert!(r.stderr().contains("content/guides/deep.md"), "{}", r.stderr());
    }
}

// ------------------------------------------------------------------ link loops

#[cfg(unix)]
#[test]
fn a_symbolic_link_loop_in_guides_is_reported() {
    let t = good_site();
    std::os::unix::fs::symlink("..", t.path("content/guides/g/loop")).unwrap();
    let r = build_bounded(&t);
    error_at(&r, "content/guides/g/loop", &["symbolic link loop"]);
    // In static files, too.
    std::fs::remove_file(t.path("content/guides/g/loop")).unwrap();
    t.write("content/static/files/a.txt", "a");
    std::os::unix::fs::symlink("../..", t.path("content/static/files/up")).unwrap();
    error_at(&build_bounded(&t), "content/static/files/up", &["symbolic link loop"]);
}

#[cfg(unix)]
#[test]
fn two_links_pointing_at_each_other_are_reported() {
    let t = good_site();
    std::fs::create_dir_all(t.path("content/guides/a")).unwrap();
    std::fs::create_dir_all(t.path("content/guides/b")).unwrap();
    std::os::unix::fs::symlink("../b", t.path("content/guides/a/to-b")).unwrap();
    std::os::unix::fs::symlink("../a", t.path("content/guides/b/to-a")).unwrap();
    let r = build_bounded(&t);
    r.fails(1);
    assert!(r.stderr().contains("symbolic link loop"), "{}", r.stderr());
}

#[cfg(unix)]
#[test]
fn a_link_to_itself_is_reported_not_followed_forever() {
    let t = good_site();
    std::os::unix::fs::symlink("self.md", t.path("content/guides/self.md")).unwrap();
    let r = build_bounded(&t);
    r.fails(1);
    assert!(r.stderr().contains("content/guides/self.md"), "{}", r.stderr());
}

// ------------------------------------------------------------------ climbing out

#[test]
fn links_and_pictures_that_climb_out_of_the_site_are_errors() {
    for (what, md) in [
        ("link", "[passwords](../../../etc/passwd)"),
        ("link", "[settings](../../site.yaml)"),
        ("link", "[settings](%2e%2e/%2e%2e/%2e%2e/site.yaml)"),
        ("picture", "![The settings](../../site.yaml)"),
        ("picture", "![Passwords](../../../../../../../../etc/passwd)"),
        ("link", "[abs](/etc/passwd)"),
    ] {
        let t = good_site();
        t.guide("g", &simple_guide("A guide", "You can choose who helps you.", &format!("See {md}.")));
        let r = t.build();
        r.fails(1);
        let err = r.stderr();
        assert!(err.contains(&format!("broken {what}")), "{md}:\n{err}");
        assert!(err.contains("content/guides/g/index.md:16:"), "{md}: file and line:\n{err}");
        assert!(!t.exists("public"), "{md}: nothing published");
    }
}

#[test]
fn a_flat_guide_cannot_reach_above_content_either() {
    let t = good_site();
    t.write("content/guides/flat.md", "---\ntitle: Flat\n---\n\n# Flat\n\n![Site settings](../site.yaml)\n\n[Up](../../site.yaml)\n");
    let r = t.build();
    r.fails(1);
    assert_eq!(r.stderr().matches("error[links/broken]").count(), 2, "{}", r.stderr());
}

#[cfg(unix)]
#[test]
fn a_link_to_a_device_is_refused_not_read_forever() {
    let t = good_site();
    std::fs::remove_file(t.path("content/glossary.yaml")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", t.path("content/glossary.yaml")).unwrap();
    error_at(&build_bounded(&t), "content/glossary.yaml", &["not an ordinary file"]);
}

// ------------------------------------------------------------------ long lines

/// Run `easyinfo ARGS` under a 2 GB address-space cap, and return its run
/// and its peak memory (resident set, in bytes), from wait4 on that one
/// process, so other tests' processes never count.
#[cfg(unix)]
fn run_measured(t: &TestSite, args: &str) -> (Run, u64) {
    use std::io::Read;
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v 2000000; exec '{}' {args}", env!("CARGO_BIN_EXE_easyinfo")))
        .current_dir(t.root())
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id() as libc::pid_t;
    let (mut out, mut err) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let out = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut status = 0;
        // SAFETY: a plain system call on our own child, with buffers we own.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        let _ = tx.send((r, status, usage.ru_maxrss));
    });
    let (r, status, maxrss) = rx.recv_timeout(Duration::from_secs(120)).unwrap_or_else(|_| {
        let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
        panic!("`easyinfo {args}` did not finish within two minutes");
    });
    assert_eq!(r, pid, "wait4 failed");
    use std::os::unix::process::ExitStatusExt;
    let output = std::process::Output {
        status: std::process::ExitStatus::from_raw(status),
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    };
    (Run(output), maxrss as u64 * 1024)
}

/// One line of "The DWP helps. " `n` times: every sentence has an
/// abbreviation that is not in the glossary.
fn one_line_guide(n: usize) -> (TestSite, String) {
    let t = good_site();
    let head = format!("---\ntitle: Long\nreviewed: {}\n---\n\n# Long\n\n", util::today());
    t.write("content/guides/long.md", &format!("{head}{}\n", "The DWP helps. ".repeat(n)));
    (t, head)
}

#[cfg(target_os = "linux")]
#[test]
fn a_150_kb_line_lints_in_little_memory_with_every_diagnostic_in_place() {
    let (t, head) = one_line_guide(10_000);
    let before = util::snapshot(t.root());
    let line = head.lines().count() + 1;
    let (r, peak) = run_measured(&t, "lint --format json");
    r.fails(1);
    assert!(peak < 200 << 20, "peak memory {} MB", peak >> 20);
    let v: serde_json::Value = serde_json::from_str(&r.stdout()).unwrap();
    let found = util::with_rule(&v, "jargon/abbreviation");
    assert_eq!(found.len(), 10_000, "one for each sentence");
    for (i, d) in found.iter().enumerate() {
        assert_eq!((d["file"].as_str(), d["line"].as_u64(), d["column"].as_u64()), (Some("content/guides/long.md"), Some(line as u64), Some(5 + 15 * i as u64)));
        assert_eq!(d["level"], "easy, large, plain");
        assert!(d.get("source_line").is_none());
    }
    // For a person: a window of the line, the caret under the word.
    let (r, peak) = run_measured(&t, "lint");
    r.fails(1);
    assert!(peak < 200 << 20, "peak memory {} MB", peak >> 20);
    let err = r.stderr();
    let block = err.split("\n\n").find(|b| b.contains(&format!("long.md:{line}:{}:", 5 + 15 * 500))).expect("the 501st is shown");
    let text = block.lines().find(|l| l.starts_with(&format!("{line} | "))).unwrap();
    let caret = block.lines().find(|l| l.contains('^')).unwrap();
    assert!(text.chars().count() < 200, "{text}");
    let at = caret.chars().position(|c| c == '^').unwrap();
    assert_eq!(text.chars().skip(at).take(3).collect::<String>(), "DWP", "{block}");
    assert_eq!(caret.matches('^').count(), 3);
    assert_eq!(util::snapshot(t.root()), before, "lint changes nothing");
}

#[cfg(target_os = "linux")]
#[test]
fn a_300_kb_line_is_not_killed_for_memory() {
    let (t, _) = one_line_guide(20_000);
    for format in ["json", "human", "github"] {
        let (r, peak) = run_measured(&t, &format!("lint --format {format}"));
        r.fails(1);
        // Twice the text of the 150 KB test, so twice its budget: linear.
        assert!(peak < 400 << 20, "{format}: peak memory {} MB", peak >> 20);
        assert!(!r.stderr().contains("memory allocation"), "{}", r.stderr());
    }
    let (r, _) = run_measured(&t, "lint --format github");
    assert_eq!(r.stdout().lines().filter(|l| l.starts_with("::error file=content/guides/long.md,line=8,")).count(), 20_000);
    // And a build refuses it, in the same memory.
    let (r, peak) = run_measured(&t, "build");
    r.fails(1);
    assert!(peak < 400 << 20, "build: peak memory {} MB", peak >> 20);
    assert!(!t.exists("public"));
}
