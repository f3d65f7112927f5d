//! liblouis, the reference Braille translator, driven through its own
//! `lou_translate` tool: one process per batch, fed every line at once.
//! Measured (README, "Braille"): a process per line costs about 8 ms, a
//! batch about 0.1 ms a line, the same as calling `lou_translateString`
//! through the C library, so the batch needs no unsafe code and nothing
//! linked at build time.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::Mutex;

/// Turns lines of print into lines of braille (North American Braille
/// ASCII), one out for each in. The layout only sees this, so it is tested
/// without liblouis.
pub trait Translator: Sync {
    fn translate(&self, lines: &[String]) -> Result<Vec<String>, Missing>;
}

/// Why there is no Braille: said to the user in one line.
#[derive(Debug, Clone, PartialEq)]
pub struct Missing(pub String);

/// How to get liblouis, for the one-line message.
pub const INSTALL: &str = "sudo apt-get install liblouis-bin liblouis-data";

/// Names the `lou_translate` to run instead of the one on PATH (tests use
/// it to make liblouis missing, or to put a stand-in in its place).
pub const PROGRAM_ENV: &str = "EASYINFO_LOU_TRANSLATE";

/// liblouis's tables for a language (its BCP 47 tag) and grade, display
/// table first: upper-case Braille ASCII, as BRF files are written.
pub fn tables(language: &str, grade: u8) -> Option<&'static str> {
    let primary = language.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    Some(match (primary.as_str(), grade) {
        ("en", 1) => "en-us-brf.dis,en-ueb-g1.ctb",
        ("en", _) => "en-us-brf.dis,en-ueb-g2.ctb",
        ("cy", 1) => "en-us-brf.dis,cy-cy-g1.utb",
        ("cy", _) => "en-us-brf.dis,cy-cy-g2.ctb",
        _ => return None,
    })
}

/// liblouis through `lou_translate`, with what it has translated kept for
/// the next render (serve re-renders; the lines that did not change are
/// not sent again).
pub struct Louis {
    pub tables: &'static str,
}

fn cache() -> &'static Mutex<HashMap<(&'static str, String), String>> {
    static CACHE: std::sync::OnceLock<Mutex<HashMap<(&'static str, String), String>>> = std::sync::OnceLock::new();
    CACHE.get_or_init(Default::default)
}

impl Translator for Louis {
    fn translate(&self, lines: &[String]) -> Result<Vec<String>, Missing> {
        let mut todo: Vec<&str> = {
            let known = cache().lock().expect("braille cache");
            lines.iter().map(String::as_str).filter(|l| !l.is_empty() && !known.contains_key(&(self.tables, l.to_string()))).collect()
        };
        todo.sort_unstable();
        todo.dedup();
        let done = run_parallel(self.tables, &todo)?;
        let mut known = cache().lock().expect("braille cache");
        for (print, braille) in todo.iter().zip(done) {
            known.insert((self.tables, print.to_string()), braille);
        }
        Ok(lines.iter().map(|l| if l.is_empty() { String::new() } else { known[&(self.tables, l.clone())].clone() }).collect())
    }
}

/// The batch split over the machine's cores, one process each.
fn run_parallel(tables: &str, lines: &[&str]) -> Result<Vec<String>, Missing> {
    if lines.is_empty() {
        return Ok(Vec::new());
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    // Below a few thousand lines a second process costs more than it saves.
    let parts = cores.min(lines.len().div_ceil(2000)).max(1);
    let size = lines.len().div_ceil(parts);
    let results: Vec<Result<Vec<String>, Missing>> =
        std::thread::scope(|s| lines.chunks(size).map(|c| s.spawn(move || run(tables, c))).collect::<Vec<_>>().into_iter().map(|h| h.join().expect("lou_translate thread")).collect());
    let mut out = Vec::with_capacity(lines.len());
    for r in results {
        out.extend(r?);
    }
    Ok(out)
}

/// liblouis's version as `lou_translate --version` says it (its first
/// line), for the disk cache's key; empty when it says nothing.
pub fn version() -> String {
    let out = Command::new(program()).arg("--version").stdin(Stdio::null()).stderr(Stdio::null()).output();
    out.ok().and_then(|o| String::from_utf8_lossy(&o.stdout).lines().next().map(|l| l.trim().to_string())).unwrap_or_default()
}

fn program() -> std::ffi::OsString {
    std::env::var_os(PROGRAM_ENV).filter(|p| !p.is_empty()).unwrap_or_else(|| "lou_translate".into())
}

/// One `lou_translate` process over `lines` (no line is empty or holds a
/// line end): a line out for each line in, or why not.
pub fn run(tables: &str, lines: &[&str]) -> Result<Vec<String>, Missing> {
    let prog = program();
    let name = std::path::Path::new(&prog).display().to_string();
    let mut child = Command::new(&prog)
        .args(["--forward", tables])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Missing(format!("liblouis's `{name}` could not be started ({e})")))?;
    let mut stdin = child.stdin.take().expect("piped stdin");
    let input: String = lines.iter().flat_map(|l| [*l, "\n"]).collect();
    // Written from another thread: the tool answers as it reads, and a
    // full pipe each way would wait for ever.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let mut err = child.stderr.take().expect("piped stderr");
    let errors = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut err, &mut s);
        s
    });
    let mut out = Vec::with_capacity(lines.len());
    let reader = BufReader::new(child.stdout.take().expect("piped stdout"));
    for line in reader.lines() {
        match line {
            Ok(l) => out.push(l.trim_end_matches('\r').to_string()),
            Err(e) => return Err(Missing(format!("`{name}` wrote something that is not text ({e})"))),
        }
    }
    let _ = writer.join();
    let status = child.wait().map_err(|e| Missing(format!("`{name}` failed ({e})")))?;
    let why = errors.join().unwrap_or_default();
    if !status.success() || out.len() != lines.len() {
        let why = why.lines().find(|l| !l.trim().is_empty()).unwrap_or("no message").trim().to_string();
        return Err(Missing(format!("`{name}` could not translate with the tables {tables} ({why})")));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_chosen_by_language_and_grade() {
        assert_eq!(tables("en-GB", 2), Some("en-us-brf.dis,en-ueb-g2.ctb"));
        assert_eq!(tables("en", 1), Some("en-us-brf.dis,en-ueb-g1.ctb"));
        assert_eq!(tables("cy", 1), Some("en-us-brf.dis,cy-cy-g1.utb"));
        assert_eq!(tables("xx-YY", 2), None);
    }
}
