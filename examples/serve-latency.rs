//! How long `easyinfo serve` takes to rebuild after one guide changes,
//! measured through the library `Session` (no HTTP, no watcher).
//!
//! ```text
//! cargo run --release --example serve-latency -- SITE [--runs 15]
//! ```
//!
//! Each run edits a different guide (one shared line, so all three versions
//! change), and times from just before the file is written to the end of
//! `apply_changes`: parsing, linting and rendering the guide, re-rendering
//! the version homes, and writing the files that changed. The running
//! server adds its debounce (`serve::DEBOUNCE`, 50 ms of quiet after the
//! last file event) and the file watcher's own delay on top of this.
//! The edit is undone after each run, untimed.
//!
//! With `--e2e PATH/TO/easyinfo`, it also measures the whole loop through
//! the real server: from the file write until the live-reload event for the
//! rebuild arrives (watcher delay + debounce + rebuild + notification).

use easyinfo::serve::Session;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut site: Option<PathBuf> = None;
    let mut runs = 15usize;
    let mut e2e: Option<PathBuf> = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--runs" => runs = args.next().and_then(|v| v.parse().ok()).expect("--runs N"),
            "--e2e" => e2e = args.next().map(PathBuf::from),
            _ => site = Some(PathBuf::from(a)),
        }
    }
    let site = site.expect("usage: serve-latency SITE [--runs N]");
    let out = std::env::temp_dir().join(format!("easyinfo-serve-latency-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);

    let t = Instant::now();
    let mut session = Session::new(&site, &out).unwrap_or_else(|e| panic!("{e}"));
    assert!(session.errors().is_empty(), "the site has errors: {:#?}", session.errors());
    eprintln!("initial build: {:.0} ms", t.elapsed().as_secs_f64() * 1000.0);

    let mut guides: Vec<PathBuf> = std::fs::read_dir(session.root().join("content/guides"))
        .expect("content/guides")
        .flatten()
        .map(|e| e.path().join("index.md"))
        .filter(|p| p.is_file())
        .collect();
    guides.sort();
    assert!(!guides.is_empty(), "the site has no guides in folders");

    let mut times = Vec::new();
    for i in 0..runs {
        let path = &guides[(i * 7919) % guides.len()];
        let original = std::fs::read_to_string(path).unwrap();
        let edited = original.replacen("\nPhone us on ", &format!("\nPhone us (edit {i}) on "), 1);
        assert_ne!(edited, original, "{} has no `Phone us on` line to edit", path.display());
        let t = Instant::now();
        std::fs::write(path, &edited).unwrap();
        let report = session.apply_changes(std::slice::from_ref(path));
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        assert!(report.errors.is_empty(), "{:#?}", report.errors);
        assert!(!report.full, "a one-guide change should not rebuild everything");
        times.push(ms);
        eprintln!("run {i}: {ms:.1} ms, {} files rewritten", report.rewritten.len());
        std::fs::write(path, &original).unwrap();
        session.apply_changes(std::slice::from_ref(path));
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    println!("one-guide change: median {median:.1} ms, min {:.1} ms, max {:.1} ms over {runs} runs", times[0], times[times.len() - 1]);
    drop(session);
    let _ = std::fs::remove_dir_all(&out);
    if let Some(bin) = e2e {
        end_to_end(&bin, &site, &guides, runs);
    }
}

struct Child(std::process::Child);

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn end_to_end(bin: &Path, site: &Path, guides: &[PathBuf], runs: usize) {
    let out = std::env::temp_dir().join(format!("easyinfo-serve-latency-e2e-{}", std::process::id()));
    let mut child = Child(
        std::process::Command::new(bin)
            .arg("serve")
            .arg(site)
            .args(["--port", "0", "--out"])
            .arg(&out)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start easyinfo serve"),
    );
    let mut line = String::new();
    BufReader::new(child.0.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let port: u16 = line.trim().rsplit(':').next().unwrap().trim_end_matches('/').parse().expect("serve's address");
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(stream, "GET /__easyinfo/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut events = BufReader::new(stream);
    let mut next_event = || loop {
        let mut l = String::new();
        assert!(events.read_line(&mut l).unwrap() > 0, "the event stream ended");
        if let Some(d) = l.trim().strip_prefix("data: ") {
            return d.to_string();
        }
    };
    next_event();
    let mut times = Vec::new();
    for i in 0..runs {
        let path = &guides[(i * 104729 + 1) % guides.len()];
        let original = std::fs::read_to_string(path).unwrap();
        let edited = original.replacen("\nPhone us on ", &format!("\nPhone us (e2e {i}) on "), 1);
        let t = Instant::now();
        std::fs::write(path, &edited).unwrap();
        next_event();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        std::fs::write(path, &original).unwrap();
        next_event();
    }
    times.sort_by(f64::total_cmp);
    println!(
        "end to end through `easyinfo serve` (file write to reload event): median {:.1} ms, min {:.1} ms, max {:.1} ms over {runs} runs",
        times[times.len() / 2],
        times[0],
        times[times.len() - 1]
    );
    drop(child);
    let _ = std::fs::remove_dir_all(&out);
}
