//! Stage 5: publish atomically. Everything is written into a hidden sibling
//! folder, which replaces the old output only once it is complete.

use crate::render::{Content, OutputFile};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error("{0}")]
    Refused(String),
    #[error("could not write {path}: {source}")]
    Io { path: String, source: std::io::Error },
}

fn io(path: &Path, source: std::io::Error) -> PublishError {
    PublishError::Io { path: path.display().to_string(), source }
}

/// Refuse output folders where a wrong path could destroy the site itself.
pub fn check_out_dir(site_root: &Path, out: &Path) -> Result<PathBuf, PublishError> {
    let out = absolute(out);
    let root = site_root.canonicalize().unwrap_or_else(|_| absolute(site_root));
    let content = root.join("content");
    let real = out.canonicalize().unwrap_or_else(|_| out.clone());
    if real == root || root.starts_with(&real) {
        return Err(PublishError::Refused(format!(
            "refusing to publish into {}: it holds the site itself, so publishing would delete your files. Use --out with a new folder, such as public.",
            out.display()
        )));
    }
    if real.starts_with(&content) {
        return Err(PublishError::Refused(format!(
            "refusing to publish into {}: it is inside content/. Use --out with a folder outside content/, such as public.",
            out.display()
        )));
    }
    if real.join("content").is_dir() || real.join("site.yaml").is_file() {
        return Err(PublishError::Refused(format!(
            "refusing to publish into {}: it looks like an easyinfo site (it has content/ or site.yaml). Choose an empty folder.",
            out.display()
        )));
    }
    if real.is_file() {
        return Err(PublishError::Refused(format!("{} is a file, not a folder", out.display())));
    }
    Ok(out)
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

fn sibling(out: &Path, tag: &str) -> PathBuf {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    out.with_file_name(format!(".{name}.easyinfo-{tag}-{}", std::process::id()))
}

/// Write `files` into `out`, replacing what was there only if every write worked.
pub fn publish(out: &Path, files: &[OutputFile]) -> Result<(), PublishError> {
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
    clean_stale(out);
    let tmp = sibling(out, "new");
    let _ = std::fs::remove_dir_all(&tmp);
    let result = write_all(&tmp, files);
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    swap_in(&tmp, out)
}

/// Leftovers from a build that was killed part-way; only our own names.
fn clean_stale(out: &Path) {
    let Some(name) = out.file_name().map(|n| n.to_string_lossy().into_owned()) else { return };
    let Some(parent) = out.parent() else { return };
    let prefix = format!(".{name}.easyinfo-");
    if let Ok(rd) = std::fs::read_dir(if parent.as_os_str().is_empty() { Path::new(".") } else { parent }) {
        for e in rd.flatten() {
            let n = e.file_name().to_string_lossy().into_owned();
            if n.starts_with(&prefix) && e.path().is_dir() {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
}

fn write_all(tmp: &Path, files: &[OutputFile]) -> Result<(), PublishError> {
    std::fs::create_dir_all(tmp).map_err(|e| io(tmp, e))?;
    let mut dirs: Vec<PathBuf> = files.iter().filter_map(|f| Path::new(&f.path).parent().map(|p| tmp.join(p))).collect();
    dirs.sort();
    dirs.dedup();
    for d in &dirs {
        std::fs::create_dir_all(d).map_err(|e| io(d, e))?;
    }
    files.par_iter().try_for_each(|f| {
        let dest = tmp.join(&f.path);
        match &f.content {
            Content::Bytes(b) => std::fs::write(&dest, b).map_err(|e| io(&dest, e)),
            Content::Copy(src) => std::fs::copy(src, &dest).map(|_| ()).map_err(|e| io(&dest, e)),
        }
    })
}

fn swap_in(tmp: &Path, out: &Path) -> Result<(), PublishError> {
    if out.exists() {
        let old = sibling(out, "old");
        let _ = std::fs::remove_dir_all(&old);
        std::fs::rename(out, &old).map_err(|e| io(out, e))?;
        if let Err(e) = std::fs::rename(tmp, out) {
            let _ = std::fs::rename(&old, out);
            return Err(io(out, e));
        }
        let _ = std::fs::remove_dir_all(&old);
    } else {
        std::fs::rename(tmp, out).map_err(|e| io(out, e))?;
    }
    Ok(())
}
