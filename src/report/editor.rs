//! The editor's report: one accessible page with reading levels as bar charts.

use crate::lint::LintResult;
use crate::site::Site;

pub fn page(_site: &Site, _r: &LintResult) -> String {
    String::new()
}
