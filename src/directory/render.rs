//! Directory pages in every version.

use crate::diagnostics::Diagnostic;
use crate::render::OutputFile;
use crate::site::Site;

pub fn pages(_site: &Site) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    Ok(Vec::new())
}
