//! Directory checks that warn rather than stop a build.

use crate::diagnostics::Diagnostic;
use crate::directory::Directory;
use crate::site::Config;

pub fn check(dir: &Directory, config: &Config, today: chrono::NaiveDate) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let months = config.lint.stale_after_months;
    let limit = today.checked_sub_months(chrono::Months::new(months)).unwrap_or(today);
    for s in &dir.services {
        let at = |d: Diagnostic| d.at(s.source.line, 1);
        if s.easy_description.as_deref().is_none_or(|d| d.trim().is_empty()) {
            out.push(at(Diagnostic::warning(
                "directory/easy-description",
                &s.source.file,
                format!("`{}` has no easy_description, so easy read pages show the full description", s.name),
            )
            .hint("Add `easy_description:` with one or two short sentences.")));
        }
        match s.reviewed.as_deref().map(|r| chrono::NaiveDate::parse_from_str(r.trim(), "%Y-%m-%d")) {
            Some(Ok(d)) if d < limit => out.push(at(Diagnostic::warning(
                "content/stale",
                &s.source.file,
                format!("`{}` was last checked on {d}, more than {months} months ago", s.name),
            )
            .hint("Check the entry with the service, then update `reviewed:`."))),
            None => out.push(at(Diagnostic::warning("content/stale", &s.source.file, format!("`{}` has no `reviewed` date", s.name))
                .hint("Add `reviewed: YYYY-MM-DD` after you check the entry with the service."))),
            _ => {}
        }
    }
    out
}
