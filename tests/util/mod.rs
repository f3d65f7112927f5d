//! Test helpers, in the style of ripgrep's tests/util.rs: each test gets its
//! own temporary site folder and runs the real `easyinfo` binary on it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct TestSite {
    pub dir: tempfile::TempDir,
    /// The site's folder: `dir` itself, or a folder in it (see [`TestSite::fixture_in`]).
    root: PathBuf,
}

/// Tests run as on a machine without liblouis, so a page is the same
/// wherever they run; tests/braille.rs gives liblouis (or a stand-in) back.
pub const NO_LIBLOUIS: (&str, &str) = ("EASYINFO_LOU_TRANSLATE", "/nonexistent/easyinfo-tests/lou_translate");

pub const SITE_YAML: &str = "title: Test site\nbase_url: https://example.org/\nlanguage: en-GB\n";

pub const GLOSSARY: &str = r#"
- term: direct payment
  means: Money from the council that you get, to pay for your own support.
  instead: money for your support
- term: payment
  means: Money that someone pays.
- term: resource allocation system
  means: The council's way of working out how much money you get.
  instead: how the council works out your budget
  easy: avoid
  plain: avoid
- term: RAS
  abbr: resource allocation system
  means: The council's way of working out how much money you get.
  easy: avoid
- term: advocate
  means: Someone who helps you speak up.
"#;

impl TestSite {
    /// A site with site.yaml and the test glossary.
    pub fn new() -> Self {
        let t = TestSite::empty();
        t.write("site.yaml", SITE_YAML);
        t.write("content/glossary.yaml", GLOSSARY);
        // Every site has these folders, even when they are empty.
        std::fs::create_dir_all(t.path("content/guides")).unwrap();
        std::fs::create_dir_all(t.path("content/directory")).unwrap();
        t
    }

    /// An empty folder.
    pub fn empty() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().to_path_buf();
        TestSite { dir, root }
    }

    /// A copy of the fixture site `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> Self {
        let t = TestSite::empty();
        copy_dir(&fixture_path(name), t.root());
        t
    }

    /// A copy of the fixture site `tests/fixtures/<name>` in the folder
    /// `sub` of a temporary folder, so other folders can go beside it
    /// (see [`TestSite::beside`]).
    pub fn fixture_in(name: &str, sub: &str) -> Self {
        let mut t = TestSite::empty();
        t.root = t.dir.path().join(sub);
        copy_dir(&fixture_path(name), &t.root);
        t
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// A path in the temporary folder that holds the site: beside the
    /// site for [`TestSite::fixture_in`], in it otherwise.
    pub fn beside(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> &Self {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
        self
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Self {
        self.write(rel, bytes)
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.path(rel)).unwrap();
    }

    /// A guide with a picture beside it, so easy read paragraphs can use `pictures/p.svg`.
    pub fn guide(&self, slug: &str, text: &str) -> &Self {
        self.write(&format!("content/guides/{slug}/index.md"), text);
        self.write(&format!("content/guides/{slug}/pictures/p.svg"), PICTURE);
        self
    }

    /// A file's text; HTML comes minified, so checks need not care how a
    /// theme spaces and quotes its markup.
    pub fn read(&self, rel: &str) -> String {
        let text = self.raw(rel);
        if rel.ends_with(".html") { String::from_utf8(easyinfo::render::minify(text.as_bytes())).unwrap() } else { text }
    }

    pub fn raw(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.path(rel).exists()
    }

    pub fn cmd(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_easyinfo"))
            .args(args)
            .current_dir(self.root())
            .env("NO_COLOR", "1")
            .env(NO_LIBLOUIS.0, NO_LIBLOUIS.1)
            .output()
            .expect("run easyinfo")
    }

    pub fn build(&self) -> Run {
        Run(self.cmd(&["build"]))
    }

    pub fn lint(&self, extra: &[&str]) -> Run {
        let mut args = vec!["lint"];
        args.extend_from_slice(extra);
        Run(self.cmd(&args))
    }

    /// `lint --format json`, parsed.
    pub fn lint_json(&self) -> serde_json::Value {
        let r = self.lint(&["--format", "json"]);
        serde_json::from_str(&r.stdout()).unwrap_or_else(|e| panic!("bad JSON ({e}):\n{}\n{}", r.stdout(), r.stderr()))
    }
}

/// `tests/fixtures/<name>`.
pub fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// Copy the folder `from` and everything in it to `to`; links are copied
/// as the files they point to.
pub fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from).into_iter().filter_map(Result::ok) {
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

pub const PICTURE: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="120" height="120" role="img"><circle cx="5" cy="5" r="4"/></svg>"#;

pub struct Run(pub Output);

impl Run {
    pub fn code(&self) -> i32 {
        self.0.status.code().unwrap_or(-1)
    }
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }
    #[track_caller]
    pub fn ok(&self) -> &Self {
        assert_eq!(self.code(), 0, "expected success\nstdout:\n{}\nstderr:\n{}", self.stdout(), self.stderr());
        self
    }
    #[track_caller]
    pub fn fails(&self, code: i32) -> &Self {
        assert_eq!(self.code(), code, "expected exit {code}\nstdout:\n{}\nstderr:\n{}", self.stdout(), self.stderr());
        self
    }
}

/// Diagnostics from `lint --format json` with this rule.
pub fn with_rule<'a>(v: &'a serde_json::Value, rule: &str) -> Vec<&'a serde_json::Value> {
    v["diagnostics"].as_array().unwrap().iter().filter(|d| d["rule"] == rule).collect()
}

/// Every file below `dir`, with its bytes, for before/after comparisons.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect();
    out.sort();
    out
}

/// A guide with one easy block and one plain block, for quick tests.
pub fn simple_guide(title: &str, easy: &str, plain: &str) -> String {
    let today = today();
    format!("---\ntitle: {title}\nreviewed: {today}\n---\n\n# {title}\n\n## Part one\n\n::: easy\n![A picture](pictures/p.svg)\n{easy}\n:::\n\n::: plain\n{plain}\n:::\n")
}

/// Today's date, so fixtures never go stale.
pub fn today() -> String {
    chrono::Local::now().date_naive().to_string()
}

/// Runs easyinfo as a user who really cannot read a chmod 000 file: when
/// the tests run as root (root can read any folder, so chmod alone proves
/// nothing then), the binary runs as `nobody` (65534).
#[cfg(unix)]
pub struct Unprivileged {
    bin: PathBuf,
    root: bool,
    _copy: Option<tempfile::TempDir>,
}

#[cfg(unix)]
impl Unprivileged {
    /// Runs `bin`, or a copy of it when `nobody` cannot reach it.
    pub fn new(bin: &Path) -> Self {
        use std::os::unix::fs::PermissionsExt;
        use std::os::unix::process::CommandExt;
        let root = unsafe { libc::geteuid() } == 0;
        if !root {
            return Unprivileged { bin: bin.to_path_buf(), root, _copy: None };
        }
        // `nobody` may not reach the target folder (under /root, say): then
        // run a copy from a temporary folder, deleted at the end of the test.
        let reachable = Command::new(bin).arg("--version").uid(65534).gid(65534).output().is_ok_and(|o| o.status.success());
        if reachable {
            return Unprivileged { bin: bin.to_path_buf(), root, _copy: None };
        }
        let dir = tempfile::tempdir().unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let copy = dir.path().join("easyinfo");
        std::fs::copy(bin, &copy).unwrap();
        std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o755)).unwrap();
        Unprivileged { bin: copy, root, _copy: Some(dir) }
    }

    /// Is the test run as root (so easyinfo runs as `nobody`)?
    pub fn is_root(&self) -> bool {
        self.root
    }

    pub fn cmd(&self, t: &TestSite, args: &[&str]) -> Run {
        use std::os::unix::process::CommandExt;
        let mut c = Command::new(&self.bin);
        c.args(args).current_dir(t.root()).env("NO_COLOR", "1").env(NO_LIBLOUIS.0, NO_LIBLOUIS.1);
        if self.root {
            c.uid(65534).gid(65534);
        }
        Run(c.output().expect("run easyinfo"))
    }

    /// Run `f` while `rel` is chmod 000 (checking that easyinfo's user
    /// really cannot read it), then put the old mode back.
    pub fn hidden<T>(&self, t: &TestSite, rel: &str, f: impl FnOnce() -> T) -> T {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        use std::os::unix::process::CommandExt;
        let p = t.path(rel);
        let mode = std::fs::metadata(&p).unwrap().mode();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
        let mut probe = if p.is_dir() { Command::new("ls") } else { Command::new("cat") };
        probe.arg(&p);
        if self.root {
            probe.uid(65534).gid(65534);
        }
        let readable = probe.output().unwrap().status.success();
        let r = f();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).unwrap();
        assert!(!readable, "{rel} must be unreadable for the test to mean anything");
        r
    }
}

/// Where a relative link from output page `from` lands, from the output root.
pub fn land(from: &str, href: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for p in href.split('/') {
        match p {
            ".." => {
                parts.pop();
            }
            "." => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}
