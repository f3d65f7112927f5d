//! Showing diagnostics: for people (with the source line and a caret), as
//! JSON for tools, and as GitHub annotations for CI.


use crate::core::diagnostics::{Diagnostic, LevelSet, Severity, Summary};
use std::io::{IsTerminal, Write};

/// Print to stderr for a person. Colour only on a terminal, and never with NO_COLOR.
pub fn print(diags: &[Diagnostic]) {
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(human(diags, colour).as_bytes());
}

pub fn human(diags: &[Diagnostic], colour: bool) -> String {
    let paint = |code: &str, s: &str| if colour { format!("\x1b[{code}m{s}\x1b[0m") } else { s.to_string() };
    let mut out = String::new();
    for d in diags {
        let sev = match d.severity {
            Severity::Error => paint("1;31", "error"),
            Severity::Warning => paint("1;33", "warning"),
        };
        let file = visible(&d.file);
        let pos = if d.line > 0 { format!("{file}:{}:{}", d.line, d.column) } else { file.into_owned() };
        let level = d.level.map(level_names).unwrap_or_default();
        out.push_str(&format!("{}: {sev}[{}]: {}{}\n", paint("1", &pos), d.rule, visible(&d.message), visible(&level)));
        if let (Some(src), true) = (&d.source_line, d.line > 0) {
            let num = d.line.to_string();
            let pad = " ".repeat(num.len());
            // Show at most a window of a very long line, around the column.
            let w = src.window(d.column, 60, 100);
            let before = format!("{}{}", if w.cut_before { "…" } else { "" }, shown(w.before));
            let marked: String = w.from.chars().take(d.span.max(1)).collect();
            let width = shown(&marked).chars().count().max(1);
            let line = format!("{before}{}{}", shown(w.from), if w.cut_after { "…" } else { "" });
            let caret = " ".repeat(before.chars().count());
            out.push_str(&format!("{pad} |\n{num} | {line}\n{pad} | {caret}{}\n", paint("1;36", &"^".repeat(width))));
        }
        if let Some(h) = &d.suggestion {
            out.push_str(&format!("  = hint: {}\n", visible(h)));
        }
        out.push('\n');
    }
    out
}

/// A character a terminal would act on rather than show: control
/// characters (escape, bell, carriage return, DEL, the C1 set) and the
/// bidirectional overrides that make text read differently from its bytes.
fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `s` with every such character written out visibly (`\u{1b}`), so text
/// from a site's files can never clear a terminal or recolour it. Line
/// breaks and tabs stay as they are.
pub fn visible(s: &str) -> std::borrow::Cow<'_, str> {
    crate::core::util::replace_chars(s, is_hidden, |c| format!("\\u{{{:x}}}", c as u32))
}

/// A piece of a source line as shown under a message: visible, with tabs as spaces.
fn shown(s: &str) -> String {
    visible(s).replace(['\t', '\n'], " ")
}

/// easy and large → " (in the easy read and large print versions)".
fn level_names(levels: LevelSet) -> String {
    let names: Vec<String> = levels.iter().map(|l| l.name().to_lowercase()).collect();
    match names.as_slice() {
        [one] => format!(" (in the {one} version)"),
        [init @ .., last] => format!(" (in the {} and {last} versions)", init.join(", ")),
        [] => String::new(),
    }
}

/// `notes` say what was not checked (once per language with no proven grade formula).
pub fn json(diags: &[Diagnostic], summary: &Summary, notes: &[String]) -> String {
    let text = serde_json::to_string_pretty(&serde_json::json!({ "diagnostics": diags, "summary": summary, "notes": notes })).expect("plain data serialises");
    // serde_json escapes C0 controls; the rest it writes raw. They can only
    // be inside strings, where `\uXXXX` means the same, so escape them too.
    crate::core::util::replace_chars(&text, is_hidden, |c| format!("\\u{:04x}", c as u32)).into_owned()
}

/// GitHub Actions workflow commands: one annotation a line.
pub fn github(diags: &[Diagnostic]) -> String {
    let esc_data = |s: &str| s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
    let esc_prop = |s: &str| esc_data(s).replace(':', "%3A").replace(',', "%2C");
    let mut out = String::new();
    for d in diags {
        let kind = if d.is_error() { "error" } else { "warning" };
        let mut msg = visible(&d.message).into_owned();
        if let Some(h) = &d.suggestion {
            msg.push_str(&format!("\n{}", visible(h)));
        }
        let mut props = format!("file={}", esc_prop(&visible(&d.file)));
        if d.line > 0 {
            props.push_str(&format!(",line={},col={}", d.line, d.column));
        }
        props.push_str(&format!(",title={}", esc_prop(d.rule.id())));
        out.push_str(&format!("::{kind} {props}::{}\n", esc_data(&msg)));
    }
    out
}

/// The notes as GitHub notices.
pub fn github_notes(notes: &[String]) -> String {
    notes.iter().map(|n| format!("::notice title=readability::{}\n", visible(n).replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A"))).collect()
}

/// A spinner while a long build runs, only on a terminal.
pub struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    pub fn new(on_terminal: bool) -> Self {
        if !on_terminal {
            return Progress(None);
        }
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_message("Checking and building…");
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        Progress(Some(bar))
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::Rule;

    fn d() -> Diagnostic {
        Diagnostic::error(Rule::JargonAvoid, "content/guides/a.md", "RAS is a hard word")
            .at(3, 5)
            .with_source_line("The RAS says")
            .span(3)
            .hint("Say: how the council works out your budget")
    }

    #[test]
    fn human_has_position_caret_and_hint() {
        let out = human(&[d()], false);
        assert!(out.starts_with("content/guides/a.md:3:5: error[jargon/avoid]: RAS is a hard word\n"), "{out}");
        assert!(out.contains("3 | The RAS says\n  |     ^^^\n"), "{out}");
        assert!(out.contains("= hint: Say: how"));
    }

    #[test]
    fn long_lines_are_shown_as_a_window_around_the_column() {
        let long = format!("{}RAS{}", "a ".repeat(5000), " b".repeat(5000));
        let col = 10_001;
        let out = human(&[d().at(3, col).with_source_line(long)], false);
        let line = out.lines().find(|l| l.starts_with("3 | ")).unwrap();
        assert!(line.chars().count() < 200, "{line}");
        let caret = out.lines().find(|l| l.contains('^')).unwrap();
        let at = caret.find('^').unwrap();
        assert_eq!(line.chars().skip(at).take(3).collect::<String>(), "RAS");
    }

    #[test]
    fn github_escapes() {
        let out = github(&[d().hint("a\nb")]);
        assert_eq!(out, "::error file=content/guides/a.md,line=3,col=5,title=jargon/avoid::RAS is a hard word%0Aa%0Ab\n");
    }

    #[test]
    fn json_schema() {
        let v: serde_json::Value = serde_json::from_str(&json(&[d()], &Summary::of(&[d()], 1), &[])).unwrap();
        let x = &v["diagnostics"][0];
        for k in ["file", "line", "column", "level", "severity", "rule", "message", "suggestion"] {
            assert!(x.get(k).is_some(), "missing {k}");
        }
        assert_eq!(x["severity"], "error");
        assert_eq!(v["summary"]["errors"], 1);
    }
}
