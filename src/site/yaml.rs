//! YAML reading with limits and plain-English errors.

use crate::diagnostics::Diagnostic;
use serde::de::DeserializeOwned;

/// serde_yaml guards alias expansion ("billion laughs") and recursion
/// itself; we add a nesting cap well below its own so messages stay plain.
const MAX_NESTING: usize = 64;

pub fn parse<T: DeserializeOwned>(text: &str, file: &str, line_offset: usize) -> Result<T, Diagnostic> {
    if let Some(line) = too_deep(text) {
        return Err(Diagnostic::error(
            "input/yaml",
            file,
            format!("the YAML is nested more than {MAX_NESTING} levels deep"),
        )
        .at(line + line_offset, 1)
        .hint("Flatten the data. easyinfo's files never need deep nesting."));
    }
    serde_yaml::from_str(text).map_err(|e| to_diagnostic(&e, file, line_offset, text))
}

fn too_deep(text: &str) -> Option<usize> {
    let mut depth: usize = 0;
    for (i, line) in text.lines().enumerate() {
        for c in line.chars() {
            match c {
                '[' | '{' => depth += 1,
                ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        let indent = line.len() - line.trim_start().len();
        if depth > MAX_NESTING || indent / 2 > MAX_NESTING * 2 {
            return Some(i + 1);
        }
    }
    None
}

pub fn to_diagnostic(e: &serde_yaml::Error, file: &str, line_offset: usize, text: &str) -> Diagnostic {
    let raw = e.to_string();
    // serde_yaml appends " at line N column M"; we show the position separately.
    let msg = match raw.find(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw.clone(),
    };
    let (message, hint) = explain(&msg);
    let mut d = Diagnostic::error("input/yaml", file, message);
    if let Some(h) = hint {
        d = d.hint(h);
    }
    if let Some(loc) = e.location() {
        let line = loc.line();
        d = d.at(line + line_offset, loc.column());
        if let Some(src) = text.lines().nth(line.saturating_sub(1)) {
            d = d.with_source_line(src);
        }
    }
    d
}

/// Turn serde's wording into words an editor can act on.
fn explain(msg: &str) -> (String, Option<String>) {
    let (path, rest) = match msg.split_once(": ") {
        Some((p, r)) if !p.contains(' ') && !p.is_empty() => (Some(p), r),
        _ => (None, msg),
    };
    let field = |p: Option<&str>| p.map(|p| format!("`{p}`: ")).unwrap_or_default();
    if let Some(r) = rest.strip_prefix("unknown field `") {
        let name = r.split('`').next().unwrap_or("");
        let expected: Vec<&str> = r.split('`').skip(1).filter(|s| !s.contains(',') && !s.trim().is_empty() && !s.contains("expected")).collect();
        let best = expected
            .iter()
            .map(|c| (strsim::jaro_winkler(name, c), *c))
            .filter(|(s, _)| *s > 0.7)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, c)| c);
        let hint = match best {
            Some(b) => format!("Did you mean `{b}`? Known fields: {}.", expected.join(", ")),
            None => format!("Known fields: {}.", expected.join(", ")),
        };
        return (format!("{}unknown field `{name}`", field(path)), Some(hint));
    }
    if let Some(r) = rest.strip_prefix("missing field `") {
        let name = r.split('`').next().unwrap_or("");
        return (
            format!("{}the required field `{name}` is missing", field(path)),
            Some(format!("Add a line `{name}: …`.")),
        );
    }
    if let Some(r) = rest.strip_prefix("invalid type: ") {
        let (found, expected) = r.split_once(", expected ").unwrap_or((r, "another type"));
        return (
            format!("{}this has the wrong type: it is {found}, but should be {expected}", field(path)),
            Some("Check the value's spelling and quotes. Put text with a colon in quotes.".into()),
        );
    }
    if rest.contains("recursion limit exceeded") {
        return (
            "the YAML is nested too deeply".into(),
            Some("Flatten the data. easyinfo's files never need deep nesting.".into()),
        );
    }
    if rest.contains("repetition limit exceeded") || rest.contains("aliases") {
        return (
            "the YAML expands too many aliases (`*name`); this looks like an alias bomb".into(),
            Some("Write the values out instead of using `&anchors` and `*aliases`.".into()),
        );
    }
    if rest.contains("did not find expected") || rest.contains("found character") || rest.contains("mapping values are not allowed") {
        return (
            format!("the YAML is not well formed: {rest}"),
            Some("Check the indentation, and put text that contains `: ` or starts with `*`, `&`, `[` or `{` in quotes.".into()),
        );
    }
    (format!("{}{rest}", field(path)), None)
}
