//! YAML reading with limits and plain-English errors.

use crate::core::rules::Rule;
use crate::core::diagnostics::Diagnostic;
use serde::de::DeserializeOwned;

/// serde_yaml guards alias expansion ("billion laughs") and recursion
/// itself; we add a nesting cap well below its own so messages stay plain.
const MAX_NESTING: usize = 64;

pub fn parse<T: DeserializeOwned>(text: &str, file: &str, line_offset: usize) -> Result<T, Diagnostic> {
    if let Some(line) = too_deep(text) {
        return Err(Diagnostic::error(
            Rule::InputYaml,
            file,
            format!("the YAML is nested more than {MAX_NESTING} levels deep"),
        )
        .at(line + line_offset, 1)
        .hint("Flatten the data. easyinfo's files never need deep nesting."));
    }
    if has_alias(text) {
        // Expand the aliases once, untyped, so an alias bomb stops at
        // serde_yaml's repetition limit with our message, whatever the type
        // would have made of it.
        if let Err(e) = serde_yaml::from_str::<serde_yaml::Value>(text) {
            return Err(to_diagnostic(&e, file, line_offset, text));
        }
    }
    serde_yaml::from_str(text).map_err(|e| to_diagnostic(&e, file, line_offset, text))
}

/// Does the text use a YAML alias (`*name`) anywhere outside quotes? A rough
/// check: a false "yes" only costs a second parse.
fn has_alias(text: &str) -> bool {
    text.match_indices('*').any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + 1..].chars().next();
        before.is_none_or(|c| c.is_whitespace() || "[{,:-".contains(c)) && after.is_some_and(|c| !c.is_whitespace() && c != '*')
    })
}

/// The line where nesting first goes too deep, judged from the text alone
/// (so a hostile file never reaches the parser, which is slow on it):
/// `[`/`{` that open flow collections (not brackets inside text, quotes,
/// comments or `|` blocks), and indentation plus `- - -` runs for block
/// nesting. It must not refuse what serde_yaml writes (the HSDS import's
/// output is read back), so it follows YAML's rules for where a value starts.
fn too_deep(text: &str) -> Option<usize> {
    let mut depth: usize = 0;
    let mut quote: Option<char> = None;
    // Indentation of the line that opened a `|` or `>` block: deeper lines are its text.
    let mut block: Option<usize> = None;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if let Some(b) = block {
            if trimmed.is_empty() || indent > b {
                continue;
            }
            block = None;
        }
        if quote.is_none() && depth == 0 {
            let mut dashes = 0;
            let mut rest = trimmed;
            while let Some(r) = rest.strip_prefix("- ").or_else(|| rest.strip_prefix("-\t")) {
                dashes += 1;
                rest = r.trim_start();
            }
            if indent / 2 + dashes > MAX_NESTING * 2 {
                return Some(i + 1);
            }
        }
        let mut prev = ' ';
        let mut comment_at = line.len();
        for (j, c) in line.char_indices() {
            match quote {
                Some(q) => {
                    if c == q {
                        quote = None;
                    }
                }
                None => match c {
                    '"' | '\'' if value_starts(line, j, prev, depth) => quote = Some(c),
                    '#' if prev.is_whitespace() => {
                        comment_at = j;
                        break;
                    }
                    '[' | '{' if value_starts(line, j, prev, depth) => {
                        depth += 1;
                        if depth > MAX_NESTING {
                            return Some(i + 1);
                        }
                    }
                    ']' | '}' if depth > 0 => depth -= 1,
                    _ => {}
                },
            }
            prev = c;
        }
        if quote.is_none() && depth == 0 {
            let code = line[..comment_at].trim_end();
            let (before, last) = code.rsplit_once(char::is_whitespace).unwrap_or(("", code));
            let is_indicator = last.len() <= 3
                && (last.starts_with('|') || last.starts_with('>'))
                && last[1..].chars().all(|c| c == '-' || c == '+' || c.is_ascii_digit());
            if is_indicator && starts_value(before) {
                block = Some(indent);
            }
        }
    }
    None
}

/// Can a quoted scalar or a flow collection start at byte `j` of `line`?
/// Inside `[…]`/`{…}`, after a space or `[{,:`; outside, only where a block
/// value starts (after `key:`, `- `, an anchor or tag, or at the line start),
/// never in the middle of plain text such as `see [1]`.
fn value_starts(line: &str, j: usize, prev: char, depth: usize) -> bool {
    if depth > 0 {
        return prev.is_whitespace() || "[{,:".contains(prev);
    }
    (j == 0 || prev.is_whitespace()) && starts_value(&line[..j])
}

/// Is the text before a point on a line such that a value begins there?
fn starts_value(before: &str) -> bool {
    let mut b = before.trim_end();
    // Anchors (`&a`) and tags (`!!str`) may come between.
    while let Some((head, word)) = b.rsplit_once(char::is_whitespace).or(Some(("", b))) {
        if word.starts_with('&') || word.starts_with('!') {
            b = head.trim_end();
        } else {
            break;
        }
        if b.is_empty() {
            break;
        }
    }
    b.is_empty() || b.ends_with(':') || b.chars().all(|c| c == '-' || c.is_whitespace())
}

pub fn to_diagnostic(e: &serde_yaml::Error, file: &str, line_offset: usize, text: &str) -> Diagnostic {
    let raw = e.to_string();
    // serde_yaml says "<problem> at line N column M, while parsing <what> at
    // line N column M"; we show positions separately.
    let (problem, context) = match raw.split_once(", while ") {
        Some((p, c)) => (p, Some(c)),
        None => (raw.as_str(), None),
    };
    let msg = cut_position(problem);
    let context_at = context.and_then(position_in);
    let (message, hint, use_context) = explain_with_context(&msg, context, text);
    let mut d = Diagnostic::error(Rule::InputYaml, file, crate::core::util::visible(&message));
    if let Some(h) = hint {
        d = d.hint(h);
    }
    // The reader's "control characters are not allowed at position N" counts
    // bytes from where it was reading; find the character itself instead.
    let control = if msg.contains("control characters are not allowed") { control_at(text) } else { None };
    if let Some((_, _, c)) = control {
        d.message = format!(
            "this file has an invisible control character, {}: it could change what a screen shows, so it is not allowed",
            crate::core::util::control_name(c)
        );
        d = d.hint("Delete the character: retype the text around it. Control characters often come from copying out of another program.");
    }
    let at = control.map(|(l, c, _)| (l, c)).or(if use_context { context_at } else { None })
        .or_else(|| duplicate_key_at(&msg, text, e.location().map(|l| (l.line(), l.column()))))
        .or_else(|| e.location().map(|l| (l.line(), l.column())));
    if let Some((line, column)) = at {
        // At the end of the text, point at its last line rather than past it.
        let lines = text.lines().count().max(1);
        let (line, column) = if line > lines { (last_content_line(text), 1) } else { (line.max(1), column.max(1)) };
        d = d.at(line + line_offset, column);
        // A very long line (a hostile or generated file) is not worth showing.
        if let Some(src) = text.lines().nth(line - 1).filter(|l| l.len() <= 300) {
            d = d.with_source_line(crate::core::util::visible(src));
        }
    }
    d
}

/// (line, column, character) of the first control character YAML refuses
/// raw (tab, newline and carriage return are allowed).
fn control_at(text: &str) -> Option<(usize, usize, char)> {
    text.lines().enumerate().find_map(|(i, l)| {
        l.chars().enumerate().find(|(_, c)| crate::core::util::is_control(*c) && *c != '\r' && *c != '\u{85}').map(|(j, c)| (i + 1, j + 1, c))
    })
}

/// "problem at line 3 column 1" → "problem".
fn cut_position(s: &str) -> String {
    match s.find(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s.to_string(),
    }
}

/// The "at line N column M" in a piece of serde_yaml's message.
fn position_in(s: &str) -> Option<(usize, usize)> {
    let rest = &s[s.find(" at line ")? + " at line ".len()..];
    let (line, rest) = rest.split_once(" column ")?;
    let col: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    Some((line.trim().parse().ok()?, col.parse().ok()?))
}

fn last_content_line(text: &str) -> usize {
    text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()).map(|(i, _)| i + 1).last().unwrap_or(1)
}

/// `duplicate entry with key "a"`: where the key is written again, as
/// (line, column). serde_yaml gives the start of the mapping that holds the
/// two keys; its keys sit at that column, so only lines at that indentation,
/// up to the end of the mapping, are counted (not a nested mapping's keys,
/// another list item's, or text inside a `|` block).
fn duplicate_key_at(msg: &str, text: &str, mapping: Option<(usize, usize)>) -> Option<(usize, usize)> {
    let key = if msg.contains("duplicate entry") {
        msg.split('"').nth(1)?
    } else if msg.contains("duplicate field `") {
        msg.split('`').nth(1)?
    } else {
        return None;
    };
    let (start, col) = mapping?;
    let lines: Vec<&str> = text.lines().collect();
    let first = lines.get(start.checked_sub(1)?)?;
    let indent = first.char_indices().nth(col.checked_sub(1)?).map(|(i, _)| i)?;
    if first[indent..].starts_with('{') {
        return None; // a flow mapping: serde_yaml's own position is the best there is
    }
    let is_key = |rest: &str| {
        let rest = rest.trim_end();
        let k = ["\"", "'"].iter().find_map(|q| rest.strip_prefix(q).and_then(|r| r.strip_prefix(key)).and_then(|r| r.strip_prefix(q)));
        k.or_else(|| rest.strip_prefix(key)).is_some_and(|r| r.trim_start().starts_with(':'))
    };
    let mut seen = 0;
    for (i, l) in lines.iter().enumerate().skip(start - 1) {
        let here = if i == start - 1 {
            &l[indent..]
        } else {
            let t = l.trim_start();
            if t.is_empty() || t.starts_with('#') {
                continue;
            }
            let ind = l.len() - t.len();
            if ind < indent {
                break;
            }
            // Deeper lines, and a list written under a key at the key's own indentation.
            if ind > indent || t.starts_with("- ") || t == "-" {
                continue;
            }
            t
        };
        if is_key(here) {
            seen += 1;
            if seen == 2 {
                return Some((i + 1, l[..if i == start - 1 { indent } else { l.len() - here.len() }].chars().count() + 1));
            }
        }
    }
    None
}

/// Problems that are found at one place but made at another (a bracket or
/// quote never closed) are shown where they were made. Returns the message,
/// the hint, and whether to use the position of serde_yaml's "while …" part.
fn explain_with_context(msg: &str, context: Option<&str>, _text: &str) -> (String, Option<String>, bool) {
    let context = context.unwrap_or("");
    let ends_early = msg.contains("end of stream") || msg.contains("did not find expected ',' or");
    if ends_early && context.contains("quoted scalar") {
        return (
            "the YAML is not well formed: a quote opened here is never closed".into(),
            Some("Add the closing quote (`\"` or `'`) at the end of the text.".into()),
            true,
        );
    }
    if ends_early && context.contains("flow sequence") {
        return (
            "the YAML is not well formed: a list opened here with `[` is never closed".into(),
            Some("Add `]` at the end of the list. If the text should start with `[`, put it in quotes.".into()),
            true,
        );
    }
    if ends_early && context.contains("flow mapping") {
        return (
            "the YAML is not well formed: a `{` opened here is never closed".into(),
            Some("Add `}` at the end. If the text should start with `{`, put it in quotes.".into()),
            true,
        );
    }
    if msg.contains("end of stream") {
        return (
            "the YAML is not well formed: the file ends in the middle of something".into(),
            Some("Check the last lines for a missing quote or bracket.".into()),
            false,
        );
    }
    if msg.starts_with("unknown anchor") {
        return (
            "the YAML uses an alias (`*name`) whose anchor (`&name`) is not defined above it".into(),
            Some("Write the value out in full. A `*` at the start of text needs quotes.".into()),
            false,
        );
    }
    if msg.contains("cannot start any token") && context.contains("next token") {
        return (
            "the YAML is not well formed: it has a character that cannot start a value here (often a tab)".into(),
            Some("Indent with spaces, not tabs, and put text that starts with `@`, `` ` `` or `%` in quotes.".into()),
            false,
        );
    }
    if msg.contains("duplicate entry with key") || msg.contains("duplicate field `") {
        let key = if msg.contains('"') { msg.split('"').nth(1) } else { msg.split('`').nth(1) }.unwrap_or("");
        return (format!("the field `{key}` is written twice"), Some("Keep one of them.".into()), false);
    }
    let (m, h) = explain(msg);
    (m, h, false)
}

/// Turn serde's wording into words an editor can act on.
fn explain(msg: &str) -> (String, Option<String>) {
    let (path, rest) = match msg.split_once(": ") {
        Some((p, r)) if !p.contains(' ') && !p.is_empty() => (Some(p), r),
        _ => (None, msg),
    };
    let field = |p: Option<&str>| p.map(plain_path).filter(|p| !p.is_empty()).map(|p| format!("{p}: ")).unwrap_or_default();
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
        let (found, expected) = (plain_found(found), plain_type(expected));
        let hint = match expected.as_str() {
            "a list" => "Write a list as `[first, second]`, or one item a line, each starting with `- `.",
            "a set of fields" => "Write the fields on their own lines under this one, indented by two spaces.",
            "a whole number" | "a number" => "Write just the number, with no words or units.",
            _ => "Check the value's spelling and quotes. Put text with a colon in quotes.",
        };
        return (format!("{}this has the wrong type: it is {found}, but should be {expected}", field(path)), Some(hint.into()));
    }
    if let Some(r) = rest.strip_prefix("unknown variant `") {
        let name = r.split('`').next().unwrap_or("");
        let choices: Vec<&str> = r.split('`').skip(1).filter(|s| !s.contains(' ') && !s.is_empty()).collect();
        return (
            format!("{}`{name}` is not one of the choices", field(path)),
            Some(format!("Use one of: {}.", choices.join(", "))),
        );
    }
    if rest.contains("did not match any variant of untagged enum ByLevel") {
        let name = path.map(|p| p.trim_start_matches('.')).unwrap_or("title");
        return (
            format!("{}this should be text, or one text for each reading level", field(path)),
            Some(format!("Write `{name}: Your words`, or `{name}: {{easy: …, plain: …}}`.")),
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

/// serde's path (`.[1].means`, `locations[0].postcode`) in words:
/// "item 2, `means`", "`locations` item 1, `postcode`".
fn plain_path(p: &str) -> String {
    let mut parts = Vec::new();
    for seg in p.split('.').filter(|s| !s.is_empty()) {
        let (name, rest) = seg.split_at(seg.find('[').unwrap_or(seg.len()));
        if !name.is_empty() {
            parts.push(format!("`{name}`"));
        }
        for idx in rest.split(['[', ']']).filter(|s| !s.is_empty()) {
            match idx.parse::<usize>() {
                Ok(n) => parts.push(format!("item {}", n + 1)),
                Err(_) => parts.push(format!("`{idx}`")),
            }
        }
    }
    parts.join(", ")
}

/// serde's names for types, as an editor would say them.
fn plain_type(t: &str) -> String {
    let t = t.trim();
    match t {
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "isize" => "a whole number".into(),
        "f32" | "f64" => "a number".into(),
        "a string" | "string" | "a borrowed string" => "text".into(),
        "a boolean" | "bool" => "`true` or `false`".into(),
        "a sequence" | "sequence" => "a list".into(),
        "a map" | "map" => "a set of fields".into(),
        _ if t.starts_with("struct ") => "a set of fields".into(),
        _ if t.starts_with("a sequence") => "a list".into(),
        _ => t.to_string(),
    }
}

/// serde's description of what was found (`string "heavy"`, `sequence`).
fn plain_found(f: &str) -> String {
    let f = f.trim();
    if let Some(v) = f.strip_prefix("string ") {
        return format!("the text {v}");
    }
    for (k, say) in [("integer ", "the number "), ("floating point ", "the number "), ("boolean ", "")] {
        if let Some(v) = f.strip_prefix(k) {
            return format!("{say}{}", v.trim_matches('`'));
        }
    }
    match f {
        "sequence" => "a list".into(),
        "map" => "a set of fields".into(),
        "unit value" => "empty".into(),
        _ => f.to_string(),
    }
}

#[cfg(test)]
mod tests;
