//! The crate's one error type. Every stage returns it; only the command
//! layer (`src/cmd/cli.rs`) turns it into an exit code and a message.

use crate::core::rules::Rule;
use crate::core::diagnostics::Diagnostic;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Cannot start or go on: no site, a dangerous `--out`, a file that
    /// cannot be read. The message says what to do (exit code 2).
    #[error("{0}")]
    Usage(String),
    /// Problems in the content, theme or imported data, for the editor to
    /// fix; the list may hold warnings beside the errors (exit code 1).
    #[error("{}", summary(.0))]
    Content(Vec<Diagnostic>),
    /// A file could not be written (exit code 2).
    #[error("could not write {path}: {source}")]
    Write { path: String, source: std::io::Error },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn write(path: &std::path::Path, source: std::io::Error) -> Error {
        Error::Write { path: path.display().to_string(), source }
    }

    /// The problems as diagnostics, for those who show every problem alike
    /// (`serve` lists them in the page). `rule` names a problem that is not
    /// the content's.
    pub fn into_diagnostics(self, rule: Rule) -> Vec<Diagnostic> {
        match self {
            Error::Content(d) => d,
            other => vec![Diagnostic::error(rule, ".", other.to_string())],
        }
    }
}

/// Usage problems found with plain messages, as `?` converts them.
impl From<String> for Error {
    fn from(m: String) -> Error {
        Error::Usage(m)
    }
}

fn summary(d: &[Diagnostic]) -> String {
    let errors = d.iter().filter(|d| d.is_error()).count();
    match d.iter().find(|d| d.is_error()) {
        Some(first) => format!("{errors} problem(s), the first in {}: {}", first.file, first.message),
        None => format!("{} warning(s)", d.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_errors_name_the_path() {
        let e = Error::write(std::path::Path::new("/out/a.html"), std::io::Error::other("disk full"));
        assert_eq!(e.to_string(), "could not write /out/a.html: disk full");
    }

    #[test]
    fn non_content_errors_become_one_diagnostic() {
        let d = Error::Usage("the output folder vanished".into()).into_diagnostics(Rule::ServeBuild);
        assert_eq!((d.len(), d[0].rule, d[0].message.as_str()), (1, Rule::ServeBuild, "the output folder vanished"));
    }
}
