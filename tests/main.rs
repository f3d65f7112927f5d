//! The integration tests, one binary (as ripgrep and mdBook do), so the
//! test helpers are compiled and linked once. Each module is a former test
//! file; `util` holds the shared [`util::TestSite`] and helpers.
//!
//! Cargo.toml sets `autotests = false`: a new `tests/<name>.rs` must be
//! added here as a module, or it does not run
//! (`every_test_file_is_a_module` says so).

#[allow(dead_code)]
mod htmlcheck;
mod util;

mod braille;
mod braille_agreement;
mod build;
mod commonmark;
mod directory;
mod errors;
mod fuzz_regressions;
mod import;
mod limits;
mod languages;
mod lint;
mod lint_languages;
mod proptest_render;
mod publish;
mod readability_textstat;
mod safety;
mod serve;
mod snapshots;
mod sources;
mod architecture;
mod audio;

/// With `autotests = false`, a test file that is not a module here would
/// never run.
#[test]
fn every_test_file_is_a_module() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let main = std::fs::read_to_string(dir.join("main.rs")).unwrap();
    for e in std::fs::read_dir(&dir).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if let Some(module) = name.strip_suffix(".rs").filter(|m| *m != "main") {
            assert!(main.contains(&format!("\nmod {module};\n")), "tests/{name} is not a module of tests/main.rs, so its tests never run: add `mod {module};`");
        }
    }
}
