//! Import Open Referral UK / HSDS 3.0 JSON.

use crate::diagnostics::Diagnostic;
use std::path::Path;

pub enum ImportError {
    Usage(String),
    Content(Vec<Diagnostic>),
}

pub fn import_file(_file: &Path, _out: &Path) -> Result<usize, ImportError> {
    Err(ImportError::Usage("not built yet".into()))
}
