//! `easyinfo serve`: a local preview that rebuilds what changed and reloads
//! the browser.
//!
//! * [`session`]: the incremental rebuild, usable without HTTP.
//! * [`http`]: the file server on 127.0.0.1, with live reload by
//!   server-sent events (`/__easyinfo/events`) and the error banner
//!   ([`banner`], the theme's `serve-error.html`).
//! * this module: the command and the file watcher (debounced by
//!   `notify-debouncer-full`).

pub mod banner;
pub mod http;
pub mod session;

pub use session::{RebuildReport, Session};

use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache};
use std::collections::{BTreeSet, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Quiet time after the last event on a file before rebuilding: editors
/// often write a file in several steps.
pub const DEBOUNCE: Duration = Duration::from_millis(50);

type Watcher = Debouncer<notify::RecommendedWatcher, RecommendedCache>;

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
        crate::output::report::print(&report.errors);
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
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut watcher = notify_debouncer_full::new_debouncer(DEBOUNCE, None, tx).map_err(|e| format!("cannot watch files for changes: {e}"))?;
    let root = session.root().to_path_buf();
    let mut watched: HashSet<PathBuf> = HashSet::new();
    watch_site(&mut watcher, &root, &mut watched)?;

    let state = http::State::new(session.out());
    state.set_errors(session.errors());
    state.set_banner(banner_of(&session));
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
        // Events that came in while the last rebuild ran go into this one.
        while let Ok(more) = rx.try_recv() {
            collect(more, &root, &mut paths);
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
        state.set_banner(banner_of(&session));
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

/// The error banner from the site's theme, or the built-in one.
fn banner_of(session: &Session) -> banner::Banner {
    session.site().map_or_else(banner::Banner::builtin, |site| banner::Banner::for_theme(&site.theme.templates))
}

fn collect(result: DebounceEventResult, root: &Path, paths: &mut BTreeSet<PathBuf>) {
    match result {
        Ok(events) => {
            for e in events {
                if e.need_rescan() {
                    // Lost events (a queue overflow, say): rebuild everything to be safe.
                    paths.insert(root.join(crate::load::site::SITE_FILE));
                } else if !matches!(e.kind, EventKind::Access(_)) {
                    paths.extend(e.event.paths);
                }
            }
        }
        Err(errors) => {
            let e = errors.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; ");
            eprintln!("note: the file watcher reported a problem ({e}); rebuilding everything.");
            paths.insert(root.join(crate::load::site::SITE_FILE));
        }
    }
}

fn watch_site(w: &mut Watcher, root: &Path, watched: &mut HashSet<PathBuf>) -> Result<(), String> {
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
