//! Reading input files safely: size limits, UTF-8 checks, byte order marks,
//! link loops, and symbolic links that lead outside the site.
//!
//! Problems come back as diagnostics. A file or folder that cannot be read
//! at all has the rule [`UNREADABLE`]: `site::load` turns those into a usage
//! error (exit 2), so a site is never built from part of its sources.

use crate::core::rules::Rule;
use crate::core::diagnostics::{display_path, Diagnostic};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

/// The rule of a diagnostic about a file or folder that could not be read.
pub const UNREADABLE: Rule = Rule::InputUnreadable;
/// The rule of a diagnostic about a symbolic link that leads outside the site.
pub const OUTSIDE_LINK: Rule = Rule::InputOutsideLink;

const TOO_LARGE_HINT: &str = "Split it into smaller files, or raise `limits.max_file_size` in site.yaml.";

/// What went wrong with a file, in plain words.
pub fn plain_io(e: &std::io::Error) -> String {
    match e.kind() {
        ErrorKind::PermissionDenied => "you do not have permission to read it".into(),
        ErrorKind::NotFound => "it does not exist (or a folder on its way cannot be opened)".into(),
        _ => {
            // `Input/output error (os error 5)` without the code.
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    }
}

/// A diagnostic for a file or folder that cannot be read.
pub fn unreadable(root: &Path, path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(UNREADABLE, display_path(root, path), format!("cannot read this: {}", plain_io(e)))
        .hint("Check that the file or folder is there and that you may read it (for example with `ls -l`), then try again.")
}

fn canonical_root(root: &Path) -> PathBuf {
    root.canonicalize().unwrap_or_else(|_| root.to_path_buf())
}

/// Check that `path`, once every symbolic link is followed, is inside the
/// site folder `root`. Never opens the file itself.
///
/// - outside: an [`OUTSIDE_LINK`] error naming the link and where it points;
/// - a link to nothing: an `input/broken-link` error;
/// - a folder on the way cannot be opened: an [`UNREADABLE`] error.
pub fn check_inside(root: &Path, path: &Path) -> Result<(), Diagnostic> {
    let croot = canonical_root(root);
    check_inside_canonical(root, &croot, path)
}

fn check_inside_canonical(root: &Path, croot: &Path, path: &Path) -> Result<(), Diagnostic> {
    match path.canonicalize() {
        Ok(real) if real.starts_with(croot) => Ok(()),
        Ok(real) => {
            let link = first_outside_link(root, croot, path).unwrap_or_else(|| path.to_path_buf());
            let target = link.canonicalize().unwrap_or(real);
            // Only the kind of thing it is: a device would never end.
            let odd = std::fs::metadata(&target).is_ok_and(|m| !m.is_file() && !m.is_dir());
            Err(Diagnostic::error(
                OUTSIDE_LINK,
                display_path(root, &link),
                format!(
                    "this is a symbolic link to {}, which is outside the site folder{}; easyinfo never reads or publishes files outside the site",
                    target.display(),
                    if odd { " and is not an ordinary file" } else { "" }
                ),
            )
            .hint("Copy the file into the site instead of linking to it, or remove the link."))
        }
        // A link to nothing, or to itself: a problem with the link, not with reading.
        Err(e) if path.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink()) => {
            let to = std::fs::read_link(path).map(|t| t.display().to_string()).unwrap_or_default();
            let why = if e.kind() == ErrorKind::NotFound { "which does not exist".to_string() } else { format!("which cannot be followed: {}", plain_io(&e)) };
            Err(Diagnostic::error(Rule::InputBrokenLink, display_path(root, path), format!("this is a symbolic link to {to}, {why}"))
                .hint("Remove the link, or make it point to a file inside the site."))
        }
        Err(e) => Err(unreadable(root, path, &e)),
    }
}

/// The first folder or file on the way from `root` to `path` that is a
/// symbolic link leading outside the site.
fn first_outside_link(root: &Path, croot: &Path, path: &Path) -> Option<PathBuf> {
    let rel = path.strip_prefix(root).ok()?;
    let mut p = root.to_path_buf();
    for c in rel.components() {
        p.push(c);
        if p.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink()) && p.canonicalize().is_ok_and(|r| !r.starts_with(croot)) {
            return Some(p);
        }
    }
    None
}

/// Is there a file or folder at `path`? `Err` if that cannot be known
/// (a folder on the way cannot be opened), so nothing is skipped silently.
pub fn present(root: &Path, path: &Path) -> Result<bool, Diagnostic> {
    match std::fs::symlink_metadata(path) {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(false),
        Err(e) => Err(unreadable(root, path, &e)),
    }
}

/// Check a file that will be copied as it is (a static file, a picture):
/// inside the site, an ordinary file, and no larger than `max` bytes.
pub fn check_copy(root: &Path, path: &Path, max: u64) -> Result<(), Diagnostic> {
    check_inside(root, path)?;
    let file = display_path(root, path);
    let meta = std::fs::metadata(path).map_err(|e| unreadable(root, path, &e))?;
    if !meta.is_file() {
        return Err(not_a_file(&file));
    }
    if meta.len() > max {
        return Err(too_large(&file, meta.len(), max));
    }
    Ok(())
}

fn not_a_file(file: &str) -> Diagnostic {
    Diagnostic::error(Rule::InputRead, file, "this is not an ordinary file").hint("Replace it with an ordinary file (it may be a link to a device or a pipe).")
}

fn too_large(file: &str, len: u64, max: u64) -> Diagnostic {
    Diagnostic::error(Rule::InputTooLarge, file, format!("this file is {len} bytes, more than the limit of {max} bytes")).hint(TOO_LARGE_HINT)
}

/// Read a text file of the site: inside the site, at most `max` bytes,
/// UTF-8. A byte order mark at the start is dropped, so positions are the
/// ones an editor shows.
pub fn read_text(root: &Path, path: &Path, max: u64) -> Result<String, Diagnostic> {
    let file = display_path(root, path);
    check_inside(root, path)?;
    let meta = std::fs::metadata(path).map_err(|e| unreadable(root, path, &e))?;
    if meta.len() > max {
        return Err(too_large(&file, meta.len(), max));
    }
    if !meta.is_file() {
        // A link to a device or a pipe (`/dev/zero`) would never end.
        return Err(not_a_file(&file));
    }
    // Read no more than the limit allows, even if the file grows meanwhile.
    let mut bytes = Vec::with_capacity(meta.len().min(max) as usize);
    let read = std::fs::File::open(path).and_then(|f| std::io::Read::read_to_end(&mut std::io::Read::take(f, max.saturating_add(1)), &mut bytes));
    read.map_err(|e| unreadable(root, path, &e))?;
    if bytes.len() as u64 > max {
        return Err(Diagnostic::error(Rule::InputTooLarge, &file, format!("this file is more than the limit of {max} bytes")).hint(TOO_LARGE_HINT));
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let text = String::from_utf8_lossy(good);
        let (line, col) = crate::core::diagnostics::line_col(&text, text.len());
        Diagnostic::error(Rule::InputEncoding, &file, "this file is not UTF-8 text")
            .at(line, col)
            .hint("Save it again as UTF-8 (in most editors: Save As, then choose \"UTF-8\").")
    })
}

/// Files under `dir`, following links inside the site but stopping at link
/// loops and at links that lead outside the site (those are errors, and
/// what they point to is never listed). Hidden files and folders (`.keep`)
/// are left out. A folder that does not exist has no files; one that
/// cannot be read is an [`UNREADABLE`] error, as is anything below it.
pub fn walk(root: &Path, dir: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == ErrorKind::NotFound => return (files, errors),
        Err(e) => {
            errors.push(unreadable(root, dir, &e));
            return (files, errors);
        }
        Ok(_) => {}
    }
    let croot = canonical_root(root);
    if let Err(d) = check_inside_canonical(root, &croot, dir) {
        errors.push(d);
        return (files, errors);
    }
    if !dir.is_dir() {
        errors.push(
            Diagnostic::error(Rule::InputRead, display_path(root, dir), "this should be a folder, but it is a file")
                .hint("Move the file away and make a folder with this name."),
        );
        return (files, errors);
    }
    let mut it = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    while let Some(entry) = it.next() {
        match entry {
            Ok(e) => {
                if e.depth() > 0 && e.path_is_symlink() {
                    if let Err(d) = check_inside_canonical(root, &croot, e.path()) {
                        errors.push(d);
                        if e.file_type().is_dir() {
                            it.skip_current_dir();
                        }
                        continue;
                    }
                }
                if e.file_type().is_file() {
                    files.push(e.into_path());
                } else if !e.file_type().is_dir() {
                    errors.push(not_a_file(&display_path(root, e.path())));
                }
            }
            Err(e) => {
                let path = e.path().map(Path::to_path_buf).unwrap_or_else(|| dir.to_path_buf());
                if e.loop_ancestor().is_some() {
                    errors.push(
                        Diagnostic::error(Rule::InputRead, display_path(root, &path), "this folder links back to a folder above it (a symbolic link loop)")
                            .hint("Remove the link."),
                    );
                    continue;
                }
                // A link to nothing, or to somewhere outside: say which.
                if let Err(d) = check_inside_canonical(root, &croot, &path) {
                    errors.push(d);
                    continue;
                }
                let io = e.into_io_error().unwrap_or_else(|| std::io::Error::other("unknown problem"));
                errors.push(unreadable(root, &path, &io));
            }
        }
    }
    (files, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.yaml");
        std::fs::write(&p, b"\xEF\xBB\xBFtitle: x\n").unwrap();
        assert_eq!(read_text(dir.path(), &p, 100).unwrap(), "title: x\n");
    }

    #[test]
    fn io_errors_are_in_plain_words() {
        let e = std::io::Error::from_raw_os_error(5);
        assert!(!plain_io(&e).contains("os error"), "{}", plain_io(&e));
        assert_eq!(plain_io(&std::io::Error::from(ErrorKind::PermissionDenied)), "you do not have permission to read it");
    }
}
