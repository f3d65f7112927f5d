//! Lint throughput, in MB/s of Markdown. Run with
//! `cargo bench --bench lint -- [SITE]`; without SITE it generates the
//! issue's corpus (1,000 guides, 300 terms) with examples/gen-corpus first.
//! A benchmark, not a test: it prints figures and asserts nothing.

use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let arg = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let site = match arg {
        Some(s) => PathBuf::from(s),
        None => {
            let dir = std::env::temp_dir().join("easyinfo-lint-bench");
            if !dir.join("site.yaml").exists() {
                let status = std::process::Command::new(env!("CARGO"))
                    .args(["run", "--release", "--example", "gen-corpus", "--", "--guides", "1000", "--services", "0", "--terms", "300", "--out"])
                    .arg(&dir)
                    .status()
                    .expect("run gen-corpus");
                assert!(status.success(), "gen-corpus failed");
            }
            dir
        }
    };
    let t = Instant::now();
    let loaded = easyinfo::load::site::load(&site);
    let load_s = t.elapsed().as_secs_f64();
    let Ok(site) = loaded else { panic!("the corpus does not load") };
    let bytes: usize = site.guides.iter().map(|g| g.source.len()).sum();
    let terms = site.glossary.entries.len();
    // Warm up once (the syllable dictionary loads lazily), then take the median of 5.
    let _ = easyinfo::check::check(&site);
    let mut times: Vec<f64> = (0..5)
        .map(|_| {
            let t = Instant::now();
            let r = easyinfo::check::check(&site);
            std::hint::black_box(r.diagnostics.len());
            t.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let median = times[2];
    let mb = bytes as f64 / 1e6;
    println!("guides: {}, terms: {terms}, Markdown: {mb:.1} MB, threads: {}", site.guides.len(), rayon::current_num_threads());
    println!("load (read + parse containers): {load_s:.3} s");
    println!("lint median of 5: {median:.3} s = {:.1} MB/s", mb / median);
    println!("lint including load: {:.1} MB/s", mb / (median + load_s));
}
