//! Every input the fuzzers ever crashed on (tests/fixtures/fuzz/<target>/),
//! and the fuzzers' seed inputs (fuzz/seeds/<target>/), run through exactly
//! the code the fuzz targets run, on every `cargo test`, without the fuzzer.

#[path = "../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod fuzz;

use std::path::Path;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in [root.join("tests/fixtures/fuzz").join(target), root.join("fuzz/seeds").join(target)] {
        for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            out.push((e.path().display().to_string(), std::fs::read(e.path()).unwrap()));
        }
    }
    out.sort();
    out
}

fn run(target: &str, f: impl Fn(&[u8])) {
    let all = inputs(target);
    assert!(!all.is_empty(), "no inputs for {target}");
    for (name, bytes) in all {
        if std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&bytes))).is_err() {
            panic!("{target}: {name} fails again");
        }
    }
}

#[test]
fn guide_inputs() {
    let g = fuzz::glossary();
    run("guide", |b| {
        if let Ok(t) = std::str::from_utf8(b) {
            fuzz::guide(t, &g)
        }
    });
}

#[test]
fn glossary_inputs() {
    run("glossary", |b| {
        if let Ok(t) = std::str::from_utf8(b) {
            fuzz::glossary_input(t)
        }
    });
}

#[test]
fn service_inputs() {
    run("service", |b| {
        if let Ok(t) = std::str::from_utf8(b) {
            fuzz::service_input(t)
        }
    });
}

#[test]
fn hsds_inputs() {
    run("hsds", fuzz::hsds_input);
}
