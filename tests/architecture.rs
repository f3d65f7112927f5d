//! The shape of `src/`, checked: files stay small, no two files import each
//! other (directly or round a loop), and no stage imports a later one.
//! ARCHITECTURE.md describes the same rules for people.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The stages in the order data flows through them. A file may use its own
/// stage and earlier ones only. Top-level files (`lib.rs`, `main.rs`) are
/// the command layer's entry points.
const STAGES: &[&str] = &["core", "load", "check", "transform", "render", "output", "pipeline", "serve", "cmd"];

const MAX_LINES: usize = 600;

/// `crate::a::b` for `src/a/b.rs` and `src/a/b/mod.rs`; `crate` for `src/lib.rs`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap();
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" && stem != "main" {
        parts.push(stem.to_string());
    }
    parts
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The source without comments, string literals and `#[cfg(test)]` modules:
/// only what the shipped code uses counts.
fn code_only(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    while i < b.len() {
        if src[i..].starts_with("//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if src[i..].starts_with("/*") {
            i = src[i..].find("*/").map_or(b.len(), |e| i + e + 2);
        } else if b[i] == b'"' {
            // A raw string r"…" / r#"…"# or an ordinary one.
            let hashes = src[..i].chars().rev().take_while(|&c| c == '#').count();
            let raw = src[..i - hashes].ends_with('r');
            i += 1;
            if raw {
                let end = format!("\"{}", "#".repeat(hashes));
                i = src[i..].find(&end).map_or(b.len(), |e| i + e + end.len());
            } else {
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            out.push_str("\"\"");
        } else if b[i] == b'\'' && i + 2 < b.len() && (b[i + 2] == b'\'' || b[i + 1] == b'\\') {
            // A char literal such as '"' or '\''.
            let close = src[i + 1..].find('\'').map_or(b.len(), |e| i + 1 + e);
            let close = if b[i + 1] == b'\\' { src[i + 3..].find('\'').map_or(b.len(), |e| i + 3 + e) } else { close };
            i = close + 1;
            out.push_str("' '");
        } else if src[i..].starts_with("#[cfg(test)]") {
            // Skip the item that follows, braces and all.
            let Some(open) = src[i..].find(['{', ';']) else { break };
            i += open;
            if b[i] == b'{' {
                let mut depth = 0;
                while i < b.len() {
                    match b[i] {
                        b'{' => depth += 1,
                        b'}' => {
                            depth -= 1;
                            if depth == 0 {
                                i += 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
            } else {
                i += 1;
            }
        } else {
            let c = src[i..].chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

fn ident_at(s: &str) -> Option<&str> {
    let end = s.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(s.len());
    (end > 0).then(|| &s[..end])
}

/// Every module path this code names: `crate::a::b…` anywhere, `super::…`,
/// and the branches of `use crate::{a, b::{c, d}}`.
fn paths_named(code: &str, here: &[String]) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < code.len() {
        let rest = &code[i..];
        let boundary = i == 0 || !code[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':');
        let start = if !boundary {
            None
        } else if rest.starts_with("crate::") {
            Some((Vec::new(), 7))
        } else if rest.starts_with("super::") {
            let mut base = here.to_vec();
            let mut at = 0;
            while code[i + at..].starts_with("super::") {
                base.pop();
                at += 7;
            }
            Some((base, at))
        } else {
            None
        };
        match start {
            Some((base, at)) => {
                let mut j = i + at;
                expand(code, &mut j, base, &mut found);
                i = j.max(i + 1);
            }
            None => i += rest.chars().next().unwrap().len_utf8(),
        }
    }
    found
}

/// Read a path tail (`a::b`, `{a, b::c}`) at `*j`, pushing each full path.
fn expand(code: &str, j: &mut usize, base: Vec<String>, found: &mut Vec<Vec<String>>) {
    let mut path = base;
    loop {
        let rest = &code[*j..];
        if let Some(stripped) = rest.strip_prefix('{') {
            *j += 1;
            let _ = stripped;
            loop {
                while code[*j..].starts_with(|c: char| c.is_whitespace() || c == ',') {
                    *j += 1;
                }
                if code[*j..].starts_with('}') || *j >= code.len() {
                    *j += 1;
                    return;
                }
                let before = *j;
                expand(code, j, path.clone(), found);
                // `a as b`, `self`, `*`: step over what `expand` did not read.
                while *j < code.len() && !code[*j..].starts_with([',', '}']) {
                    *j += 1;
                }
                if *j == before {
                    *j += 1;
                }
            }
        }
        match ident_at(rest) {
            Some(id) => {
                *j += id.len();
                if id != "self" {
                    path.push(id.to_string());
                }
                if code[*j..].starts_with("::") {
                    *j += 2;
                    continue;
                }
                found.push(path);
                return;
            }
            None => {
                found.push(path);
                return;
            }
        }
    }
}

struct Tree {
    files: BTreeMap<Vec<String>, PathBuf>,
    edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
}

fn tree() -> Tree {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut list = Vec::new();
    rust_files(&src, &mut list);
    let mut files = BTreeMap::new();
    for f in &list {
        if f.file_name().is_some_and(|n| n == "main.rs") {
            continue; // the binary; it only calls the library
        }
        files.insert(module_of(&src, f), f.clone());
    }
    let mut edges = BTreeMap::new();
    for (module, file) in &files {
        let code = code_only(&std::fs::read_to_string(file).unwrap());
        let mut to = BTreeSet::new();
        for mut p in paths_named(&code, module) {
            // The longest prefix that is a file of its own.
            while !p.is_empty() && !files.contains_key(&p) {
                p.pop();
            }
            // A parent naming its child (`mod x; pub use x::Y`) is how Rust
            // builds the tree, not an import back.
            if &p != module && !(p.len() > module.len() && p.starts_with(module)) {
                to.insert(p);
            }
        }
        edges.insert(module.clone(), to);
    }
    Tree { files, edges }
}

fn name(m: &[String]) -> String {
    if m.is_empty() {
        "crate".into()
    } else {
        m.join("::")
    }
}

#[test]
fn no_source_file_is_over_600_lines() {
    let t = tree();
    let long: Vec<String> = t
        .files
        .values()
        .filter_map(|f| {
            let n = std::fs::read_to_string(f).unwrap().lines().count();
            (n > MAX_LINES).then(|| format!("{} ({n} lines)", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "split these files, each over {MAX_LINES} lines:\n{}", long.join("\n"));
}

#[test]
fn no_import_cycles_between_files() {
    let t = tree();
    // Tarjan's strongly connected components, iteratively simple: repeated DFS.
    let nodes: Vec<&Vec<String>> = t.edges.keys().collect();
    let mut cycles = Vec::new();
    for start in &nodes {
        // Is `start` reachable from one of its own targets?
        let mut seen = BTreeSet::new();
        let mut stack: Vec<(&Vec<String>, Vec<&Vec<String>>)> = t.edges[*start].iter().map(|n| (n, vec![*start, n])).collect();
        while let Some((n, trail)) = stack.pop() {
            if n == *start {
                cycles.push(trail.iter().map(|m| name(m)).collect::<Vec<_>>().join(" → "));
                break;
            }
            if !seen.insert(n) {
                continue;
            }
            for next in t.edges.get(n).into_iter().flatten() {
                let mut tr = trail.clone();
                tr.push(next);
                stack.push((next, tr));
            }
        }
    }
    assert!(cycles.is_empty(), "files that import each other, round a loop:\n{}", cycles.join("\n"));
}

fn stage(m: &[String]) -> Option<usize> {
    m.first().and_then(|top| STAGES.iter().position(|s| s == top))
}

#[test]
fn no_stage_imports_a_later_stage() {
    let t = tree();
    let mut wrong = Vec::new();
    for (from, tos) in &t.edges {
        let Some(a) = stage(from) else { continue };
        for to in tos {
            if let Some(b) = stage(to) {
                if b > a {
                    wrong.push(format!("{} ({}) uses {} ({})", name(from), STAGES[a], name(to), STAGES[b]));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "a stage may use only itself and earlier stages ({}):\n{}", STAGES.join(" → "), wrong.join("\n"));
}

#[test]
fn every_source_folder_is_a_stage() {
    let t = tree();
    let strays: BTreeSet<String> = t.files.keys().filter(|m| m.len() > 1 && stage(m).is_none()).map(|m| m[0].clone()).collect();
    assert!(strays.is_empty(), "folders in src/ that are not a stage named in ARCHITECTURE.md: {strays:?}");
}

#[test]
fn the_checker_sees_imports() {
    // The scanner itself: grouped, nested, aliased, super and inline paths.
    let code = code_only(
        "use crate::{a::b, c::{d, e as f}};\nuse super::g;\nfn x() { crate::h::i(); let s = \"crate::no\"; }\n// crate::nor\n#[cfg(test)]\nmod tests { use crate::z; }\n",
    );
    let here = vec!["m".to_string(), "n".to_string()];
    let got: BTreeSet<String> = paths_named(&code, &here).iter().map(|p| name(p)).collect();
    let want: BTreeSet<String> = ["a::b", "c::d", "c::e", "m::g", "h::i"].iter().map(|s| s.to_string()).collect();
    assert_eq!(got, want);
}

#[test]
fn templates_never_choose_by_a_level_name() {
    // Words differ by version in the strings files, and layout by the
    // version table's flags in the context: never `level == "easy"`.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    let mut found = Vec::new();
    let mut stack = vec![dir];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            for (i, line) in text.lines().enumerate() {
                let squeezed: String = line.split_whitespace().collect();
                if squeezed.contains("level==") || squeezed.contains("level!=") {
                    found.push(format!("{}:{}: {}", p.display(), i + 1, line.trim()));
                }
            }
        }
    }
    assert!(found.is_empty(), "templates that compare the level's name:\n{}", found.join("\n"));
}
