//! Reading input files safely: size limits, UTF-8 checks, link loops.

use crate::diagnostics::{display_path, Diagnostic};
use std::path::{Path, PathBuf};

pub fn read_text(root: &Path, path: &Path, max: u64) -> Result<String, Diagnostic> {
    let file = display_path(root, path);
    let meta = std::fs::metadata(path).map_err(|e| {
        Diagnostic::error("input/read", &file, format!("cannot read this file: {e}")).hint("Check the file exists and you may read it.")
    })?;
    if meta.len() > max {
        return Err(Diagnostic::error(
            "input/too-large",
            &file,
            format!("this file is {} bytes, more than the limit of {max} bytes", meta.len()),
        )
        .hint("Split it into smaller files, or raise `limits.max_file_size` in site.yaml."));
    }
    if !meta.is_file() {
        // A link to a device or a pipe (`/dev/zero`) would never end.
        return Err(Diagnostic::error("input/read", &file, "this is not an ordinary file")
            .hint("Replace it with a text file (it may be a link to a device or a pipe)."));
    }
    // Read no more than the limit allows, even if the file grows meanwhile.
    let mut bytes = Vec::with_capacity(meta.len().min(max) as usize);
    let read = std::fs::File::open(path).and_then(|f| std::io::Read::read_to_end(&mut std::io::Read::take(f, max.saturating_add(1)), &mut bytes));
    read.map_err(|e| Diagnostic::error("input/read", &file, format!("cannot read this file: {e}")))?;
    if bytes.len() as u64 > max {
        return Err(Diagnostic::error("input/too-large", &file, format!("this file is more than the limit of {max} bytes"))
            .hint("Split it into smaller files, or raise `limits.max_file_size` in site.yaml."));
    }
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let text = String::from_utf8_lossy(good);
        let (line, col) = crate::diagnostics::line_col(&text, text.len());
        Diagnostic::error("input/encoding", &file, "this file is not UTF-8 text")
            .at(line, col)
            .hint("Save it again as UTF-8 (in most editors: Save As, then choose \"UTF-8\").")
    })
}

/// Files under `dir`, following links but stopping at link loops.
pub fn walk(root: &Path, dir: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    if !dir.is_dir() {
        return (files, errors);
    }
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
    {
        match entry {
            Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
            Ok(_) => {}
            Err(e) => {
                let path = e.path().map(|p| display_path(root, p)).unwrap_or_else(|| display_path(root, dir));
                let msg = if e.loop_ancestor().is_some() {
                    "this folder links back to a folder above it (a symbolic link loop)".to_string()
                } else {
                    format!("cannot read: {e}")
                };
                errors.push(Diagnostic::error("input/read", path, msg).hint("Remove the link or fix the permissions."));
            }
        }
    }
    (files, errors)
}
