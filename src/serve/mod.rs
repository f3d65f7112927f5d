//! `easyinfo serve`: a local preview that rebuilds what changed and reloads
//! the browser.
//!
//! * [`session`]: the incremental rebuild, usable without HTTP.
//! * [`http`]: the file server on 127.0.0.1, with live reload by
//!   server-sent events (`/__easyinfo/events`) and the error banner.
//! * this module: the command, the file watcher and its debounce.

pub mod http;
pub mod session;

pub use session::{RebuildReport, Session};

use notify::{EventKind, RecursiveMode, Watcher};
use std::collections::{BTreeSet, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

/// Quiet time after the last file event before rebuilding: editors often
/// write a file in several steps.
pub const DEBOUNCE: Duration = Duration::from_millis(50);
/// Rebuild at least this often while events keep coming.
const MAX_WAIT: Duration = Duration::from_millis(500);

/// The temporary output folder, removed when serve ends normally.
struct TempOut(PathBuf);

impl Drop for TempOut {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn temp_out() -> Result<TempOut, String> {
    let base = std::env::temp_dir();
    // Folders left by a serve that was stopped with Ctrl+C: remove those whose process is gone.
    if Path::new("/proc/self").exists() {
        if let Ok(rd) = std::fs::read_dir(&base) {
            for e in rd.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if let Some(pid) = name.strip_prefix("easyinfo-serve-").and_then(|p| p.parse::<u32>().ok()) {
                    if !Path::new(&format!("/proc/{pid}")).exists() {
                        let _ = std::fs::remove_dir_all(e.path());
                    }
                }
            }
        }
    }
    let dir = base.join(format!("easyinfo-serve-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create a temporary folder {}: {e}", dir.display()))?;
    Ok(TempOut(dir))
}

fn print_outcome(report: &RebuildReport, first: bool) {
    if !report.errors.is_empty() {
        crate::report::print(&report.errors);
        let n = report.errors.len();
        eprintln!(
            "{} {}. The preview shows the last version that built{}. Fix {}, save, and it rebuilds.",
            n,
            if n == 1 { "problem" } else { "problems" },
            if first { " (none yet)" } else { "" },
            if n == 1 { "it" } else { "them" }
        );
        return;
    }
    let warn = match report.warnings.len() {
        0 => String::new(),
        1 => " (1 warning: run `easyinfo lint` to see it)".into(),
        n => format!(" ({n} warnings: run `easyinfo lint` to see them)"),
    };
    let ms = report.elapsed.as_secs_f64() * 1000.0;
    if first {
        eprintln!("Built {} files in {ms:.0} ms{warn}.", report.rewritten.len() + report.unchanged);
    } else {
        let changed = report.rewritten.len() + report.removed.len();
        eprintln!(
            "Rebuilt{} in {ms:.0} ms: {changed} {} changed{warn}.",
            if report.full { " everything" } else { "" },
            if changed == 1 { "file" } else { "files" }
        );
    }
}

/// `easyinfo serve [SITE] [--port N] [--out DIR]`. Returns only on errors
/// that stop it from starting (usage errors, exit code 2).
pub fn run(root: &Path, port: u16, out: Option<PathBuf>) -> Result<(), crate::core::error::Error> {
    let started = Instant::now();
    let (out, _temp) = match out {
        Some(o) => (o, None),
        None => {
            let t = temp_out()?;
            (t.0.clone(), Some(t))
        }
    };
    eprintln!("Building {}…", root.display());
    let mut session = Session::new(root, &out)?;
    let first = RebuildReport {
        rewritten: session.outputs(),
        errors: session.errors(),
        elapsed: started.elapsed(),
        ..Default::default()
    };
    print_outcome(&first, true);

    // Watch before announcing the address, so no change made after it is missed.
    let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(tx).map_err(|e| format!("cannot watch files for changes: {e}"))?;
    let root = session.root().to_path_buf();
    let mut watched: HashSet<PathBuf> = HashSet::new();
    watch_site(&mut watcher, &root, &mut watched)?;

    let state = http::State::new(session.out());
    state.set_errors(session.errors());
    let server = http::start(state.clone(), port).map_err(|e| {
        format!("cannot listen on 127.0.0.1:{port}: {e}. Another program may be using it: try another port with --port.")
    })?;
    let mut stdout = std::io::stdout();
    let _ = writeln!(stdout, "Serving {} at http://127.0.0.1:{}/", session.root().display(), server.addr.port());
    let _ = stdout.flush();
    eprintln!("Watching for changes. Press Ctrl+C to stop.");

    while let Ok(first) = rx.recv() {
        let mut paths: BTreeSet<PathBuf> = BTreeSet::new();
        collect(first, &root, &mut paths);
        let begun = Instant::now();
        let mut last = Instant::now();
        loop {
            let wait = DEBOUNCE.saturating_sub(last.elapsed());
            if wait.is_zero() || begun.elapsed() > MAX_WAIT {
                break;
            }
            match rx.recv_timeout(wait) {
                Ok(e) => {
                    collect(e, &root, &mut paths);
                    last = Instant::now();
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return Ok(()),
            }
        }
        let paths: Vec<PathBuf> = paths.into_iter().filter(|p| session.is_relevant(p)).collect();
        if paths.is_empty() {
            continue;
        }
        let before = state.errors();
        let report = session.apply_changes(&paths);
        if !report.acted {
            continue;
        }
        state.set_errors(report.errors.clone());
        if report.needs_reload(&before) {
            state.reload();
        }
        print_outcome(&report, false);
        // content/ or themes/ may have just appeared.
        let _ = watch_site(&mut watcher, &root, &mut watched);
    }
    server.stop();
    Ok(())
}

fn collect(event: notify::Result<notify::Event>, root: &Path, paths: &mut BTreeSet<PathBuf>) {
    match event {
        Ok(e) => {
            if matches!(e.kind, EventKind::Access(_)) {
                return;
            }
            paths.extend(e.paths);
        }
        Err(e) => {
            // Lost events (a queue overflow, say): rebuild everything to be safe.
            eprintln!("note: the file watcher reported a problem ({e}); rebuilding everything.");
            paths.insert(root.join(crate::site::SITE_FILE));
        }
    }
}

fn watch_site(w: &mut notify::RecommendedWatcher, root: &Path, watched: &mut HashSet<PathBuf>) -> Result<(), String> {
    if watched.insert(root.to_path_buf()) {
        w.watch(root, RecursiveMode::NonRecursive).map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    }
    for sub in ["content", "themes"] {
        let p = root.join(sub);
        if p.is_dir() && !watched.contains(&p) {
            match w.watch(&p, RecursiveMode::Recursive) {
                Ok(()) => {
                    watched.insert(p);
                }
                Err(e) => eprintln!("note: cannot watch {}: {e}", p.display()),
            }
        }
    }
    Ok(())
}
