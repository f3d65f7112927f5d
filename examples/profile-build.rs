//! Where `easyinfo build` spends its CPU time, stage by stage.
//!
//! ```text
//! cargo run --release --example profile-build -- SITE [OUT]
//! ```
//!
//! Prints wall time and process CPU time (user + system, from
//! `/proc/self/stat`, so a busy machine does not distort it) for loading,
//! linting, rendering guides and other pages, the directory, and writing.
//! Run with `RAYON_NUM_THREADS=1` to see single-core costs.

use easyinfo::core::version::Level;
use std::path::PathBuf;
use std::time::Instant;

fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = after.split_whitespace().collect();
    // Fields 14 and 15 of the whole line are utime and stime; after the `)` they are 12 and 13 (1-based from state).
    let ticks: f64 = f.get(11).and_then(|v| v.parse().ok()).unwrap_or(0.0) + f.get(12).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    ticks * 10.0
}

fn stage<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let (w, c) = (Instant::now(), cpu_ms());
    let r = f();
    eprintln!("{name:<22} wall {:>8.0} ms   cpu {:>8.0} ms", w.elapsed().as_secs_f64() * 1000.0, cpu_ms() - c);
    r
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().expect("usage: profile-build SITE [OUT]"));
    let out = args.next().map(PathBuf::from).unwrap_or_else(|| std::env::temp_dir().join("easyinfo-profile-out"));
    let site = stage("load", || easyinfo::load::site::load(&root).unwrap_or_else(|_| panic!("the site does not load")));
    let diags = stage("lint", || easyinfo::check::run(&site));
    assert!(!diags.iter().any(|d| d.is_error()), "lint errors");
    let guides = stage("render guides (x3)", || {
        use rayon::prelude::*;
        let site = &site;
        let recorder = &easyinfo::render::audio::Recorder::new(site);
        site.guides
            .par_iter()
            .flat_map(|g| Level::ALL.into_par_iter().map(move |l| easyinfo::render::pages::guide(site, g, l, recorder, None).unwrap()))
            .collect::<Vec<_>>()
    });
    drop(guides);
    let files = stage("render all, in memory", || easyinfo::render::render(&site).unwrap());
    let bytes: usize = files.iter().map(|f| match &f.content {
        easyinfo::render::Content::Bytes(b) => b.len(),
        _ => 0,
    }).sum();
    eprintln!("  {} files, {:.0} MB", files.len(), bytes as f64 / 1e6);
    stage("minify all (if minify: true)", || {
        use rayon::prelude::*;
        files.par_iter().for_each(|f| {
            if let easyinfo::render::Content::Bytes(b) = &f.content {
                if f.path.ends_with(".html") {
                    std::hint::black_box(easyinfo::render::minify(b));
                }
            }
        })
    });
    stage("drop files", || drop(files));
    let _ = std::fs::remove_dir_all(&out);
    stage("render and write", || {
        let staging = easyinfo::output::Staging::begin(&out).unwrap();
        easyinfo::render::render_into(&site, &staging).unwrap();
        staging.commit().unwrap();
    });
    stage("drop site", || drop(site));
}
