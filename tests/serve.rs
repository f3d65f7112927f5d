//! `easyinfo serve`: the incremental rebuild (through the library, no HTTP)
//! and the HTTP server (through the real binary, on an ephemeral port).
//!
//! No test asserts on timing. Waits for the file watcher have a generous
//! deadline that only turns a hang into a failure.

use crate::util::{copy_dir, TestSite};
use easyinfo::serve::{http, Session};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A fresh copy of the fixture site, and an output folder beside it.
struct Fixture {
    tmp: TestSite,
}

impl Fixture {
    fn new() -> Fixture {
        Fixture { tmp: TestSite::fixture_in("serve/site", "site") }
    }
    fn site(&self) -> PathBuf {
        self.tmp.root().to_path_buf()
    }
    fn out(&self) -> PathBuf {
        self.tmp.beside("out")
    }
    fn guide(&self, slug: &str) -> PathBuf {
        self.site().join("content/guides").join(slug).join("index.md")
    }
    fn read_out(&self, rel: &str) -> String {
        std::fs::read_to_string(self.out().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }
    fn edit(&self, path: &Path, from: &str, to: &str) {
        let text = std::fs::read_to_string(path).unwrap();
        assert!(text.contains(from), "{} does not contain {from:?}", path.display());
        std::fs::write(path, text.replacen(from, to, 1)).unwrap();
    }
    fn session(&self) -> Session {
        let s = Session::new(&self.site(), &self.out()).expect("session starts");
        assert!(s.errors().is_empty(), "the fixture site must build cleanly: {:#?}", s.errors());
        s
    }
}

const VERSIONS: [&str; 3] = ["easy", "large", "plain"];

fn guide_pages(slug: &str) -> Vec<String> {
    VERSIONS.iter().map(|v| format!("{v}/guides/{slug}/index.html")).collect()
}

/// Identity of a file on disk: it changes when the file is replaced.
fn stamp(path: &Path) -> (std::time::SystemTime, u64) {
    let m = std::fs::metadata(path).unwrap();
    #[cfg(unix)]
    let ino = std::os::unix::fs::MetadataExt::ino(&m);
    #[cfg(not(unix))]
    let ino = 0;
    (m.modified().unwrap(), ino)
}

#[test]
fn changed_guide_shows_new_text_in_all_three_versions() {
    let f = Fixture::new();
    let mut s = f.session();
    // Shared text reaches every version; easy and plain text their own.
    f.edit(&f.guide("alpha"), "Phone us on 023 8000 0101.", "Phone the help desk on 023 8000 0199.");
    f.edit(&f.guide("alpha"), "We will listen to you.", "We will always listen to you.");
    f.edit(&f.guide("alpha"), "They will listen and write down what you need.", "They will listen and make a note of what you need.");
    let r = s.apply_changes(&[f.guide("alpha")]);
    assert!(r.errors.is_empty(), "{:#?}", r.errors);
    assert!(!r.full, "one guide's change should not rebuild everything");
    for page in guide_pages("alpha") {
        assert!(r.rewritten.contains(&page), "{page} not rewritten: {:?}", r.rewritten);
        assert!(f.read_out(&page).contains("023 8000 0199"), "{page} lacks the new shared text");
    }
    assert!(f.read_out("easy/guides/alpha/index.html").contains("We will always listen to you."));
    assert!(f.read_out("plain/guides/alpha/index.html").contains("make a note of what you need"));
    assert!(f.read_out("large/guides/alpha/index.html").contains("make a note of what you need"));
}

#[test]
fn unchanged_guide_is_not_rewritten() {
    let f = Fixture::new();
    let mut s = f.session();
    let before: Vec<_> = guide_pages("beta").iter().map(|p| stamp(&f.out().join(p))).collect();
    let glossary_before = stamp(&f.out().join("plain/glossary/index.html"));
    f.edit(&f.guide("alpha"), "You can ask for help.", "You can ask us for help.");
    let r = s.apply_changes(&[f.guide("alpha")]);
    assert!(r.errors.is_empty(), "{:#?}", r.errors);
    for (page, old) in guide_pages("beta").iter().zip(before) {
        assert!(!r.rewritten.contains(page), "{page} was rewritten: {:?}", r.rewritten);
        assert_eq!(stamp(&f.out().join(page)), old, "{page} changed on disk");
    }
    assert_eq!(stamp(&f.out().join("plain/glossary/index.html")), glossary_before);
    // Only the guide's pages changed; the version homes were rendered but are the same.
    let mut expected = guide_pages("alpha");
    expected.retain(|p| p.starts_with("easy/"));
    assert_eq!(r.rewritten, expected, "only alpha's easy read page has new bytes");

    // Saving without a change writes nothing at all.
    let r = s.apply_changes(&[f.guide("alpha")]);
    assert!(r.rewritten.is_empty(), "{:?}", r.rewritten);
}

#[test]
fn title_change_updates_the_lists() {
    let f = Fixture::new();
    let mut s = f.session();
    f.edit(&f.guide("beta"), "title: Beta guide", "title: A day out");
    let r = s.apply_changes(&[f.guide("beta")]);
    assert!(r.errors.is_empty(), "{:#?}", r.errors);
    for v in VERSIONS {
        let home = format!("{v}/index.html");
        assert!(r.rewritten.contains(&home), "{home}: {:?}", r.rewritten);
        let html = f.read_out(&home);
        let (a, b) = (html.find("A day out").expect("new title listed"), html.find("Alpha guide").unwrap());
        assert!(a < b, "guides are listed by title");
    }
}

#[test]
fn bad_edit_keeps_the_last_good_output_and_reports_it() {
    let f = Fixture::new();
    let mut s = f.session();
    let good: Vec<String> = guide_pages("alpha").iter().map(|p| f.read_out(p)).collect();
    // An easy read container that is never closed.
    let text = std::fs::read_to_string(f.guide("alpha")).unwrap();
    let broken = text.replacen(":::\n\n::: plain", "\n::: plain", 1).replace("Phone us on", "Call us on");
    std::fs::write(f.guide("alpha"), &broken).unwrap();
    let r = s.apply_changes(&[f.guide("alpha")]);
    assert!(!r.errors.is_empty(), "an unclosed container is an error");
    assert!(r.rewritten.is_empty(), "nothing is written: {:?}", r.rewritten);
    let e = &r.errors[0];
    assert_eq!(e.file, "content/guides/alpha/index.md");
    assert!(e.line > 0, "the error names a line: {e:?}");
    for (p, old) in guide_pages("alpha").iter().zip(&good) {
        assert_eq!(&f.read_out(p), old, "{p} must still be the last good build");
    }
    assert_eq!(s.errors().len(), r.errors.len());

    // Another guide can still change meanwhile; the error stays listed.
    f.edit(&f.guide("beta"), "A friend can come with you.", "A friend can come too.");
    let r = s.apply_changes(&[f.guide("beta")]);
    assert!(f.read_out("easy/guides/beta/index.html").contains("A friend can come too."));
    assert!(r.errors.iter().any(|d| d.file == "content/guides/alpha/index.md"), "alpha's error is still outstanding");

    // Fixing it clears the error and publishes the new text.
    std::fs::write(f.guide("alpha"), text.replace("Phone us on", "Call us on")).unwrap();
    let r = s.apply_changes(&[f.guide("alpha")]);
    assert!(r.errors.is_empty(), "{:#?}", r.errors);
    assert!(s.errors().is_empty());
    assert!(f.read_out("plain/guides/alpha/index.html").contains("Call us on"));
}

#[test]
fn lint_error_keeps_the_last_good_output() {
    let f = Fixture::new();
    let mut s = f.session();
    let good = f.read_out("easy/guides/alpha/index.html");
    // A term marked `easy: avoid`, in easy read text.
    f.edit(&f.guide("alpha"), "We will listen to you.", "We check your resource allocation.");
    let r = s.apply_changes(&[f.guide("alpha")]);
    assert!(r.errors.iter().any(|d| d.rule == "jargon/avoid" && d.file == "content/guides/alpha/index.md"), "{:#?}", r.errors);
    assert_eq!(f.read_out("easy/guides/alpha/index.html"), good);
}

#[test]
fn glossary_change_rerenders_pages_that_use_terms() {
    let f = Fixture::new();
    let mut s = f.session();
    let glossary = f.site().join("content/glossary.yaml");
    f.edit(&glossary, "Money from the council that you get", "Money the council gives you");
    let r = s.apply_changes(&[glossary]);
    assert!(r.errors.is_empty(), "{:#?}", r.errors);
    assert!(r.rewritten.contains(&"plain/glossary/index.html".to_string()), "{:?}", r.rewritten);
    assert!(f.read_out("plain/glossary/index.html").contains("Money the council gives you"));
}

#[test]
fn added_and_removed_guides_rebuild_the_site() {
    let f = Fixture::new();
    let mut s = f.session();
    let gamma = f.site().join("content/guides/gamma");
    copy_dir(&f.site().join("content/guides/beta"), &gamma);
    f.edit(&gamma.join("index.md"), "title: Beta guide", "title: Gamma guide");
    f.edit(&gamma.join("index.md"), "# Beta guide", "# Gamma guide");
    let r = s.apply_changes(&[gamma.join("index.md"), gamma.join("pictures/talk.svg")]);
    assert!(r.errors.is_empty(), "{:#?}", r.errors);
    assert!(f.read_out("plain/guides/gamma/index.html").contains("Gamma guide"));
    assert!(f.read_out("sitemap.xml").contains("plain/guides/gamma/"));
    assert!(f.out().join("media/gamma/pictures/talk.svg").is_file());

    std::fs::remove_dir_all(&gamma).unwrap();
    let r = s.apply_changes(&[gamma.join("index.md")]);
    assert!(r.errors.is_empty(), "{:#?}", r.errors);
    assert!(r.removed.contains(&"plain/guides/gamma/index.html".to_string()), "{:?}", r.removed);
    assert!(!f.out().join("plain/guides/gamma/index.html").exists());
    assert!(!f.read_out("sitemap.xml").contains("gamma"));
}

#[test]
fn picture_change_is_copied() {
    let f = Fixture::new();
    let mut s = f.session();
    let pic = f.site().join("content/guides/alpha/pictures/talk.svg");
    std::fs::write(&pic, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 8 8\"/>\n").unwrap();
    let r = s.apply_changes(std::slice::from_ref(&pic));
    assert!(r.errors.is_empty(), "{:#?}", r.errors);
    assert!(r.rewritten.contains(&"media/alpha/pictures/talk.svg".to_string()), "{:?}", r.rewritten);
    assert_eq!(std::fs::read(f.out().join("media/alpha/pictures/talk.svg")).unwrap(), std::fs::read(&pic).unwrap());
}

#[test]
fn a_site_with_errors_at_start_builds_once_fixed() {
    let f = Fixture::new();
    let text = std::fs::read_to_string(f.guide("alpha")).unwrap();
    std::fs::write(f.guide("alpha"), text.replace("::: plain", "::: plian")).unwrap();
    let mut s = Session::new(&f.site(), &f.out()).expect("content errors do not stop serve");
    assert!(!s.errors().is_empty());
    assert!(f.out().join("index.html").is_file(), "a page to show the errors on");
    std::fs::write(f.guide("alpha"), text).unwrap();
    let r = s.apply_changes(&[f.guide("alpha")]);
    assert!(r.errors.is_empty(), "{:#?}", r.errors);
    assert!(f.out().join("plain/guides/alpha/index.html").is_file());
}

#[test]
fn ignored_paths_do_nothing() {
    let f = Fixture::new();
    let mut s = f.session();
    let swap = f.site().join("content/guides/alpha/.index.md.swp");
    std::fs::write(&swap, "x").unwrap();
    let r = s.apply_changes(&[swap, f.site().join("README.md"), f.out().join("index.html")]);
    assert!(!r.acted && r.rewritten.is_empty());
}

#[test]
fn refuses_to_serve_into_the_site() {
    let f = Fixture::new();
    assert!(Session::new(&f.site(), &f.site()).is_err());
    assert!(Session::new(&f.site(), &f.site().join("content/out")).is_err());
}

// ------------------------------------------------------------------ HTTP ---

/// The `easyinfo serve` process, killed when the test ends however it ends.
struct Serve {
    child: Child,
    port: u16,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(site: &Path, out: &Path) -> Serve {
    let mut child = Command::new(env!("CARGO_BIN_EXE_easyinfo"))
        .arg("serve")
        .arg(site)
        .args(["--port", "0", "--out"])
        .arg(out)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start easyinfo serve");
    let stdout = child.stdout.take().unwrap();
    let mut guard = Serve { child, port: 0 };
    let mut line = String::new();
    let mut reader = BufReader::new(stdout);
    let n = reader.read_line(&mut line).unwrap_or(0);
    assert!(n > 0, "serve printed no address");
    // Keep draining stdout so the child never blocks on a full pipe.
    std::thread::spawn(move || {
        let mut sink = Vec::new();
        let _ = reader.read_to_end(&mut sink);
    });
    let url = line.trim().rsplit(' ').next().unwrap().to_string();
    assert!(url.starts_with("http://127.0.0.1:"), "serves on 127.0.0.1 only: {line}");
    guard.port = url.trim_start_matches("http://127.0.0.1:").trim_end_matches('/').parse().unwrap();
    guard
}

/// One raw request, so no client library tidies the path first.
fn get(port: u16, target: &str) -> (u16, Vec<u8>, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(s, "GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let split = buf.windows(4).position(|w| w == b"\r\n\r\n").expect("a response head");
    let head = String::from_utf8_lossy(&buf[..split]).into_owned();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, buf[split + 4..].to_vec(), head)
}

fn body(port: u16, target: &str) -> String {
    let (status, b, _) = get(port, target);
    assert_eq!(status, 200, "{target}");
    String::from_utf8(b).unwrap()
}

/// Wait for a condition the file watcher will make true; the deadline only
/// stops a broken watcher from hanging the test.
fn eventually(what: &str, mut f: impl FnMut() -> bool) {
    let end = Instant::now() + Duration::from_secs(60);
    while Instant::now() < end {
        if f() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("timed out waiting for: {what}");
}

#[test]
fn http_serves_pages_with_types_and_404() {
    let f = Fixture::new();
    let srv = serve(&f.site(), &f.out());
    let (status, b, head) = get(srv.port, "/");
    assert_eq!(status, 200);
    assert!(head.contains("Content-Type: text/html"), "{head}");
    assert!(String::from_utf8_lossy(&b).contains("Serve Test Site"));
    let (_, _, head) = get(srv.port, "/css/plain.css");
    assert!(head.contains("Content-Type: text/css"), "{head}");
    let (_, _, head) = get(srv.port, "/media/alpha/pictures/talk.svg");
    assert!(head.contains("Content-Type: image/svg+xml"), "{head}");
    let (_, _, head) = get(srv.port, "/sitemap.xml");
    assert!(head.contains("Content-Type: application/xml"), "{head}");
    let (status, _, head) = get(srv.port, "/plain/guides/alpha");
    assert_eq!(status, 301);
    assert!(head.contains("Location: /plain/guides/alpha/"), "{head}");
    assert!(body(srv.port, "/plain/guides/alpha/").contains("Alpha guide"));
    let (status, b, _) = get(srv.port, "/no/such/page.html");
    assert_eq!(status, 404);
    assert!(String::from_utf8_lossy(&b).contains("<h1"), "the site's 404 page");
}

#[cfg(target_os = "linux")]
#[test]
fn http_listens_on_loopback_only() {
    let f = Fixture::new();
    let srv = serve(&f.site(), &f.out());
    // /proc/net/tcp lists listening sockets as hex `address:port`.
    let table = std::fs::read_to_string("/proc/net/tcp").unwrap();
    let ours: Vec<&str> = table
        .lines()
        .skip(1)
        .filter(|l| {
            let cols: Vec<&str> = l.split_whitespace().collect();
            cols.get(3) == Some(&"0A") && cols[1].ends_with(&format!(":{:04X}", srv.port))
        })
        .collect();
    assert!(!ours.is_empty(), "the listening socket is in /proc/net/tcp");
    for l in ours {
        assert!(l.split_whitespace().nth(1).unwrap().starts_with("0100007F:"), "bound to 127.0.0.1 only: {l}");
    }
    let v6 = std::fs::read_to_string("/proc/net/tcp6").unwrap_or_default();
    assert!(!v6.lines().skip(1).any(|l| l.split_whitespace().nth(1).is_some_and(|a| a.ends_with(&format!(":{:04X}", srv.port)))));
}

#[test]
fn http_refuses_path_traversal() {
    let f = Fixture::new();
    // Secrets beside the output folder and in the site: never to be served.
    let secret = "SECRET-d1c4a7-NOT-FOR-THE-WEB";
    std::fs::write(f.tmp.beside("Cargo.toml"), secret).unwrap();
    let site_yaml = std::fs::read_to_string(f.site().join("site.yaml")).unwrap();
    std::fs::write(f.site().join("site.yaml"), format!("{site_yaml}# {secret}\n")).unwrap();
    let srv = serve(&f.site(), &f.out());
    for target in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E/%2E%2E/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
        "/..%2f..%2fsite.yaml",
        "/..%2fCargo.toml",
        "/easy/..%5c..%5csite.yaml",
        "/easy\\..\\..\\Cargo.toml",
        "/easy/../../Cargo.toml",
        "/./../Cargo.toml",
        "/%252e%252e/Cargo.toml",
        "/index.html%00../../Cargo.toml",
        "//etc/passwd",
        "/../site/site.yaml",
    ] {
        let (status, b, _) = get(srv.port, target);
        assert!(status == 400 || status == 404, "{target}: status {status}");
        let text = String::from_utf8_lossy(&b);
        assert!(!text.contains(secret), "{target} leaked a file");
        assert!(!text.contains("root:x:0"), "{target} leaked /etc/passwd");
    }
}

#[cfg(unix)]
#[test]
fn http_never_follows_links_out_of_the_output() {
    let f = Fixture::new();
    let secret = "SECRET-LINKED-8f2e";
    std::fs::write(f.tmp.beside("secret.txt"), secret).unwrap();
    let srv = serve(&f.site(), &f.out());
    std::os::unix::fs::symlink(f.tmp.beside("secret.txt"), f.out().join("leak.txt")).unwrap();
    std::os::unix::fs::symlink(f.tmp.beside(""), f.out().join("up")).unwrap();
    for target in ["/leak.txt", "/up/secret.txt"] {
        let (status, b, _) = get(srv.port, target);
        assert_eq!(status, 404, "{target}");
        assert!(!String::from_utf8_lossy(&b).contains(secret));
    }
}

#[test]
fn http_survives_clients_that_leave_mid_response() {
    let f = Fixture::new();
    // A file large enough that the response cannot fit in socket buffers.
    let stat = f.site().join("content/static");
    std::fs::create_dir_all(&stat).unwrap();
    std::fs::write(stat.join("big.bin"), vec![7u8; 16 * 1024 * 1024]).unwrap();
    // Static files obey `limits.max_file_size` (10 MB unless raised).
    let yaml = f.site().join("site.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(&yaml, format!("{text}\nlimits:\n  max_file_size: 33554432\n")).unwrap();
    let srv = serve(&f.site(), &f.out());
    for _ in 0..20 {
        let mut s = TcpStream::connect(("127.0.0.1", srv.port)).unwrap();
        write!(s, "GET /big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
        let mut first = [0u8; 1024];
        s.read_exact(&mut first).unwrap();
        drop(s);
    }
    // Half a request, then gone.
    for _ in 0..5 {
        let mut s = TcpStream::connect(("127.0.0.1", srv.port)).unwrap();
        s.write_all(b"GET /index.ht").unwrap();
        drop(s);
    }
    assert!(body(srv.port, "/plain/index.html").contains("Alpha guide"), "still serving");
    let (status, b, _) = get(srv.port, "/big.bin");
    assert_eq!(status, 200);
    assert_eq!(b.len(), 16 * 1024 * 1024);
}

#[test]
fn http_injects_live_reload_and_reloads_on_change() {
    let f = Fixture::new();
    let srv = serve(&f.site(), &f.out());
    let html = body(srv.port, "/easy/guides/alpha/index.html");
    assert!(html.contains("<script src=\"/__easyinfo/reload.js\""), "script injected");
    assert!(!f.read_out("easy/guides/alpha/index.html").contains("__easyinfo"), "files on disk are untouched");
    let (_, css, head) = get(srv.port, "/css/plain.css");
    assert!(head.contains("text/css") && !String::from_utf8_lossy(&css).contains("__easyinfo"), "only HTML is changed");
    let js = body(srv.port, "/__easyinfo/reload.js");
    assert!(js.contains("EventSource(\"/__easyinfo/events\")"));

    // The event stream says which build it is, then sends a message per rebuild.
    let mut es = TcpStream::connect(("127.0.0.1", srv.port)).unwrap();
    es.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    write!(es, "GET /__easyinfo/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n").unwrap();
    let mut es = BufReader::new(es);
    let mut data = Vec::new();
    let mut line = String::new();
    let mut head = String::new();
    while es.read_line(&mut line).unwrap() > 0 {
        if line.starts_with("data: ") {
            data.push(line.trim()["data: ".len()..].to_string());
            break;
        }
        head.push_str(&line);
        line.clear();
    }
    assert!(head.contains("Content-Type: text/event-stream"), "{head}");
    f.edit(&f.guide("alpha"), "You can ask for help.", "You can always ask for help.");
    line.clear();
    loop {
        line.clear();
        assert!(es.read_line(&mut line).unwrap() > 0, "the stream ended");
        if let Some(d) = line.trim().strip_prefix("data: ") {
            assert_ne!(d, data[0], "a new generation after the rebuild");
            break;
        }
    }
    assert!(body(srv.port, "/easy/guides/alpha/").contains("You can always ask for help."));
}

#[test]
fn http_shows_errors_in_the_page_until_fixed() {
    let f = Fixture::new();
    let srv = serve(&f.site(), &f.out());
    let text = std::fs::read_to_string(f.guide("alpha")).unwrap();
    // An unknown level, with markup in the line, which must come out escaped.
    std::fs::write(f.guide("alpha"), text.replacen("::: plain", "::: plain <b>bold</b>", 1)).unwrap();
    eventually("the error banner", || body(srv.port, "/plain/guides/beta/index.html").contains("role=\"alert\""));
    let html = body(srv.port, "/plain/guides/alpha/index.html");
    assert!(html.contains("content/guides/alpha/index.md:"), "names the file and line");
    assert!(!html.contains("<b>bold</b>"), "messages are escaped");
    assert!(html.contains("You can ask the team for help at home."), "the last good page is still served");
    std::fs::write(f.guide("alpha"), &text).unwrap();
    eventually("the banner to go", || !body(srv.port, "/plain/guides/alpha/index.html").contains("role=\"alert\""));
}

#[test]
fn library_server_on_an_ephemeral_port() {
    let f = Fixture::new();
    let s = f.session();
    let state = http::State::new(s.out());
    let server = http::start(state.clone(), 0).unwrap();
    assert!(server.addr.ip().is_loopback());
    let port = server.addr.port();
    assert!(body(port, "/").contains("__easyinfo/reload.js"));
    let (status, _, _) = get(port, "/%2e%2e/%2e%2e/etc/passwd");
    assert_eq!(status, 400);
    let (status, _, _) = get(port, "/no-such-page");
    assert_eq!(status, 404);
    server.stop();
}

// ------------------------------------------------- HTTP: hostile clients ---

/// A raw request (any bytes), its status, body and head; `None` if the
/// server closed the connection without answering.
fn raw(port: u16, request: &[u8]) -> Option<(u16, Vec<u8>, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    s.write_all(request).unwrap();
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    let split = buf.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&buf[..split]).into_owned();
    let status = head.split(' ').nth(1)?.parse().ok()?;
    Some((status, buf[split + 4..].to_vec(), head))
}

#[test]
fn http_answers_only_loopback_host_names() {
    let f = Fixture::new();
    let srv = serve(&f.site(), &f.out());
    let p = srv.port;
    for host in ["127.0.0.1".to_string(), format!("127.0.0.1:{p}"), format!("localhost:{p}"), "LOCALHOST".into(), format!("[::1]:{p}"), "[::1]".into()] {
        let req = format!("GET / HTTP/1.1\r\nHost: {host}\r\n\r\n");
        let (status, b, _) = raw(p, req.as_bytes()).unwrap_or_else(|| panic!("{host}: no answer"));
        assert_eq!(status, 200, "Host: {host}");
        assert!(String::from_utf8_lossy(&b).contains("Serve Test Site"), "Host: {host}");
    }
    // A page on evil.example that resolves its name to 127.0.0.1 (DNS
    // rebinding) sends its own name: it must read nothing, drafts included.
    let refused: Vec<String> = vec![
        format!("GET / HTTP/1.1\r\nHost: evil.example:{p}\r\n\r\n"),
        "GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n".into(),
        format!("GET /plain/guides/alpha/ HTTP/1.1\r\nHost: 127.0.0.1.evil.example:{p}\r\n\r\n"),
        format!("GET /plain/guides/alpha/ HTTP/1.1\r\nHost: localhost.evil.example:{p}\r\n\r\n"),
        format!("GET /__easyinfo/events HTTP/1.1\r\nHost: evil.example:{p}\r\n\r\n"),
        format!("GET /__easyinfo/reload.js HTTP/1.1\r\nhost: evil.example:{p}\r\n\r\n"),
        format!("HEAD / HTTP/1.1\r\nHost: evil.example:{p}\r\n\r\n"),
        "GET / HTTP/1.1\r\n\r\n".into(),
        "GET / HTTP/1.0\r\n\r\n".into(),
        format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{p}\r\nHost: evil.example\r\n\r\n"),
        format!("GET / HTTP/1.1\r\nHost: evil.example\r\nHost: 127.0.0.1:{p}\r\n\r\n"),
    ];
    for req in &refused {
        let (status, b, head) = raw(p, req.as_bytes()).unwrap_or_else(|| panic!("{req:?}: no answer"));
        assert!(status == 421 || status == 400, "{req:?}: status {status}");
        assert!(head.contains("text/plain"), "{req:?}: {head}");
        let text = String::from_utf8_lossy(&b);
        assert!(!text.contains("Serve Test Site") && !text.contains("Alpha guide") && !text.contains("EventSource"), "{req:?} read {text}");
        assert!(!text.contains("data:"), "{req:?} opened a live-reload stream");
    }
    let (status, b, _) = raw(p, format!("GET / HTTP/1.1\r\nHost: evil.example:{p}\r\n\r\n").as_bytes()).unwrap();
    assert_eq!(status, 421);
    assert!(String::from_utf8_lossy(&b).contains(&format!("http://127.0.0.1:{p}/")), "says where the preview is");
}

#[test]
fn http_never_redirects_to_another_host() {
    let f = Fixture::new();
    let srv = serve(&f.site(), &f.out());
    for (target, to) in [
        ("//easy", "/easy/"),
        ("//plain/guides/alpha", "/plain/guides/alpha/"),
        ("///plain//guides/alpha", "/plain/guides/alpha/"),
        ("/.//easy", "/easy/"),
        ("//easy?x=1", "/easy/"),
    ] {
        let (status, _, head) = get(srv.port, target);
        assert_eq!(status, 301, "{target}: {head}");
        let location = head.lines().find_map(|l| l.strip_prefix("Location: ")).unwrap_or_else(|| panic!("{target}: no Location in {head}"));
        assert_eq!(location, to, "{target}");
        assert!(location.starts_with('/') && !location.starts_with("//"), "{target}: Location {location} is another host");
    }
    // Following the redirect gives the page.
    assert!(body(srv.port, "/easy/").contains("<h1"));
}

/// A request head that never finishes: `GET / HTTP/1.1`, a Host, then one
/// byte of a header every `every`, at most `max` bytes. Returns what the
/// server answered before it closed the connection.
fn drip(port: u16, every: Duration, max: usize) -> Vec<u8> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ").unwrap();
    let mut w = s.try_clone().unwrap();
    let writer = std::thread::spawn(move || {
        for _ in 0..max {
            std::thread::sleep(every);
            if w.write_all(b"a").is_err() {
                return; // the server closed it
            }
        }
    });
    // Generous: only turns a server that never closes into a failure.
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let mut got = Vec::new();
    let _ = s.read_to_end(&mut got);
    let _ = writer.join();
    got
}

#[test]
fn http_request_head_has_one_deadline_however_slowly_it_drips() {
    let f = Fixture::new();
    let s = f.session();
    let state = http::State::new(s.out());
    state.set_head_deadline(Duration::from_secs(1));
    let server = http::start(state.clone(), 0).unwrap();
    let port = server.addr.port();
    // A byte every 300 ms never trips a per-read time-out; for up to 60 s,
    // far past the 1 s deadline.
    let got = drip(port, Duration::from_millis(300), 200);
    let text = String::from_utf8_lossy(&got);
    assert!(text.starts_with("HTTP/1.1 408 "), "the server must give up on the request: {text:?}");
    assert!(!text.contains("__easyinfo"), "no page was served");
    // Meanwhile and after, normal requests are answered.
    assert!(body(port, "/").contains("__easyinfo/reload.js"));
    server.stop();
}

#[test]
fn http_slow_clients_cannot_lock_others_out() {
    let f = Fixture::new();
    let srv = serve(&f.site(), &f.out());
    // More clients than connection slots, each sending a byte every 300 ms
    // and never finishing its request.
    let mut slow: Vec<TcpStream> = (0..http::MAX_CONNECTIONS + 6)
        .map(|_| {
            let mut s = TcpStream::connect(("127.0.0.1", srv.port)).unwrap();
            s.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ").unwrap();
            s
        })
        .collect();
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let dripper = {
        let done = done.clone();
        let mut socks: Vec<TcpStream> = slow.iter().map(|s| s.try_clone().unwrap()).collect();
        std::thread::spawn(move || {
            for _ in 0..200 {
                if done.load(std::sync::atomic::Ordering::SeqCst) {
                    return;
                }
                for s in &mut socks {
                    let _ = s.write_all(b"a");
                }
                std::thread::sleep(Duration::from_millis(300));
            }
        })
    };
    // Every slot is held by a slow client, yet a normal request is answered
    // at once, every time.
    for i in 0..5 {
        let answer = raw(srv.port, b"GET /plain/index.html HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        let (status, b, _) = answer.unwrap_or_else(|| panic!("request {i} while {} slow clients are connected: no answer", slow.len()));
        assert_eq!(status, 200, "request {i} while {} slow clients are connected: {}", slow.len(), String::from_utf8_lossy(&b));
        assert!(String::from_utf8_lossy(&b).contains("Alpha guide"));
    }
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    let _ = dripper.join();
    slow.clear();
}

/// Open a live-reload stream and read up to its first `data:` line: the
/// status, and the data (empty if the stream was refused).
fn open_stream(port: u16) -> (u16, String, BufReader<TcpStream>) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(s, "GET /__easyinfo/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\r\n").unwrap();
    let mut r = BufReader::new(s);
    let mut line = String::new();
    r.read_line(&mut line).unwrap();
    let status: u16 = line.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("not HTTP: {line:?}"));
    if status != 200 {
        return (status, String::new(), r);
    }
    loop {
        line.clear();
        assert!(r.read_line(&mut line).unwrap() > 0, "the stream ended before its first message");
        if let Some(d) = line.trim().strip_prefix("data: ") {
            return (status, d.to_string(), r);
        }
    }
}

/// Open a stream, waiting while the server says it is busy; the deadline
/// only turns slots that are never freed into a failure.
fn open_stream_eventually(port: u16, what: &str) -> (String, BufReader<TcpStream>) {
    let end = Instant::now() + Duration::from_secs(10);
    loop {
        let (status, data, r) = open_stream(port);
        if status == 200 {
            return (data, r);
        }
        assert_eq!(status, 503, "{what}");
        assert!(Instant::now() < end, "{what}: live-reload streams closed by the browser still hold their slots");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn http_closed_reload_streams_free_their_slots() {
    let f = Fixture::new();
    let srv = serve(&f.site(), &f.out());
    // 100 page loads: each opens a stream, and closes it when it reloads.
    for i in 0..100 {
        let (data, r) = open_stream_eventually(srv.port, &format!("reload {i}"));
        assert!(!data.is_empty());
        drop(r);
    }
    // A whole browser's worth of tabs can still connect, at the same time.
    let open: Vec<_> = (0..http::MAX_STREAMS).map(|i| open_stream_eventually(srv.port, &format!("tab {i}"))).collect();
    assert_eq!(open.len(), http::MAX_STREAMS);
    // And they still hear about rebuilds.
    f.edit(&f.guide("alpha"), "You can ask for help.", "You can always ask for help.");
    for (seen, mut r) in open {
        let mut line = String::new();
        loop {
            line.clear();
            assert!(r.read_line(&mut line).unwrap() > 0, "the stream ended");
            if let Some(d) = line.trim().strip_prefix("data: ") {
                assert_ne!(d, seen);
                break;
            }
        }
    }
}

/// A `node` that can run EventSource (Node 20 and later, with a flag before 22).
fn node_with_eventsource() -> Option<Vec<&'static str>> {
    for args in [vec!["--experimental-eventsource"], vec![]] {
        let ok = Command::new("node")
            .args(&args)
            .args(["-e", "process.exit(typeof EventSource === 'function' ? 0 : 1)"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            return Some(args);
        }
    }
    None
}

/// The page's script, run in Node against the real server: refused while
/// the server is busy, it tries again, connects once a slot is free, and
/// reloads the page after a rebuild.
/// It needs Node, which a machine with only Rust lacks, so it is ignored in a
/// plain `cargo test` and run by `.ci/run` with `--ignored`, where a missing
/// Node fails it.
#[test]
#[ignore = "needs node 20 or later; .ci/run runs it"]
fn http_reload_script_retries_after_an_error() {
    let node_args = node_with_eventsource().expect("this test needs `node` (20 or later) with EventSource");
    let f = Fixture::new();
    let srv = serve(&f.site(), &f.out());
    let page = body(srv.port, "/easy/guides/alpha/index.html");
    let generation = page.split("data-generation=\"").nth(1).and_then(|s| s.split('"').next()).expect("the page has the script").to_string();
    std::fs::write(f.tmp.beside("reload.js"), body(srv.port, "/__easyinfo/reload.js")).unwrap();
    // Just enough of a browser page for the script: it logs what happens.
    std::fs::write(
        f.tmp.beside("page.js"),
        r#"
const [base, generation, script] = process.argv.slice(-3);
const Native = globalThis.EventSource;
class PageEventSource extends Native {
  constructor(url) {
    super(new URL(url, base));
    console.log("connect");
    this.addEventListener("open", () => console.log("open"));
    this.addEventListener("error", () => console.log("error " + (this.readyState === Native.CLOSED ? "closed" : "retrying")));
  }
}
globalThis.EventSource = PageEventSource;
globalThis.window = { EventSource: PageEventSource, setTimeout, location: { reload() { console.log("reload"); process.exit(0); } } };
globalThis.document = { currentScript: { getAttribute: (n) => (n === "data-generation" ? generation : null) } };
setTimeout(() => { console.log("gave up"); process.exit(3); }, 120000);
(0, eval)(require("fs").readFileSync(script, "utf8"));
"#,
    )
    .unwrap();
    // Every live-reload slot taken: the page's first try gets 503.
    let busy: Vec<_> = (0..http::MAX_STREAMS).map(|_| open_stream(srv.port)).collect();
    assert!(busy.iter().all(|(s, _, _)| *s == 200));
    let (status, _, _) = open_stream(srv.port);
    assert_eq!(status, 503, "all slots are taken");

    let mut child = Command::new("node")
        .args(&node_args)
        .arg(f.tmp.beside("page.js"))
        .arg(format!("http://127.0.0.1:{}/", srv.port))
        .arg(&generation)
        .arg(f.tmp.beside("reload.js"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    struct Kill(Child);
    impl Drop for Kill {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let out = child.stdout.take().unwrap();
    let mut node = Kill(child);
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines() {
            let Ok(line) = line else { return };
            if tx.send(line).is_err() {
                return;
            }
        }
    });
    let mut log: Vec<String> = Vec::new();
    let wait_for = |what: &str, log: &mut Vec<String>| {
        let end = Instant::now() + Duration::from_secs(60);
        loop {
            let left = end.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(l) => {
                    let hit = l == what;
                    log.push(l);
                    if hit {
                        return;
                    }
                }
                Err(_) => panic!("the page never logged {what:?}; it logged {log:?}"),
            }
        }
    };
    wait_for("error closed", &mut log);
    // The slots free up; the page must try again by itself.
    drop(busy);
    wait_for("open", &mut log);
    f.edit(&f.guide("alpha"), "You can ask for help.", "You can always ask for help.");
    wait_for("reload", &mut log);
    assert!(log.iter().filter(|l| *l == "connect").count() >= 2, "{log:?}");
    let _ = node.0.wait();
}

// `serve` runs the build's pipeline: it finds a guide's files by the
// loader's rules, and removes what the renderer no longer makes.

fn pipeline_session() -> (tempfile::TempDir, easyinfo::serve::Session) {
    let tmp = tempfile::tempdir().unwrap();
    crate::util::copy_dir(&crate::util::fixture_path("serve/site"), &tmp.path().join("site"));
    let s = easyinfo::serve::Session::new(&tmp.path().join("site"), &tmp.path().join("out")).expect("session starts");
    assert!(s.errors().is_empty(), "{:#?}", s.errors());
    (tmp, s)
}
#[test]
fn a_deleted_picture_is_removed_without_a_full_rebuild() {
    let (tmp, mut s) = pipeline_session();
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
    let (tmp, mut s) = pipeline_session();
    let notes = tmp.path().join("site/content/guides/alpha/notes.md");
    std::fs::write(&notes, "Notes for the editors.\n").unwrap();
    s.apply_changes(&[notes]);
    assert!(!s.outputs().iter().any(|p| p.ends_with("notes.md")), "{:?}", s.outputs());
    assert!(!tmp.path().join("out/media/alpha/notes.md").exists());
}
