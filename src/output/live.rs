//! Publishing in place, for `serve`: each file is written atomically (a
//! temporary file beside it, then a rename, so a browser never reads half a
//! page) and only when its bytes changed.

use crate::core::error::Error;
use crate::core::diagnostics::display_path;
use crate::render::{Content, OutputFile};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::hash::Hasher;
use std::path::{Path, PathBuf};

/// An output folder kept up to date file by file.
pub struct Live {
    out: PathBuf,
    /// Output path → hash of the bytes on disk.
    written: HashMap<String, u64>,
    tmp_counter: u64,
}

/// What one [`Live::write`] did.
#[derive(Debug, Default)]
pub struct Published {
    /// Paths written because their bytes changed.
    pub rewritten: Vec<String>,
    /// Paths rendered but left alone because they were unchanged.
    pub unchanged: usize,
}

impl Live {
    /// Check `out` as `build` does ([`super::check_out_dir`]), make it and mark it ours.
    pub fn open(root: &Path, out: &Path) -> Result<Live, Error> {
        let out = super::check_out_dir(root, out)?;
        std::fs::create_dir_all(&out).map_err(|e| Error::Usage(format!("cannot create {}: {e}", out.display())))?;
        let out = out.canonicalize().map_err(|e| Error::Usage(format!("cannot open {}: {e}", out.display())))?;
        super::write_marker(&out)?;
        Ok(Live { out, written: HashMap::new(), tmp_counter: 0 })
    }

    /// The output folder, canonical.
    pub fn dir(&self) -> &Path {
        &self.out
    }

    /// Paths written so far, sorted.
    pub fn outputs(&self) -> Vec<String> {
        let mut v: Vec<String> = self.written.keys().cloned().collect();
        v.sort();
        v
    }

    /// Write each file whose bytes differ from what is on disk. Files that
    /// were written are recorded even when another one fails.
    pub fn write(&mut self, files: &[OutputFile]) -> Result<Published, Error> {
        let base = self.tmp_counter;
        self.tmp_counter += files.len() as u64;
        let (out, written) = (&self.out, &self.written);
        let results: Vec<Result<(String, u64, bool), Error>> = files
            .par_iter()
            .enumerate()
            .map(|(i, f)| {
                let bytes = match &f.content {
                    Content::Bytes(b) => std::borrow::Cow::Borrowed(b.as_slice()),
                    Content::Copy(src) => std::borrow::Cow::Owned(
                        std::fs::read(src).map_err(|e| Error::Usage(format!("cannot read {}: {e}", src.display())))?,
                    ),
                };
                let h = hash(&bytes);
                if written.get(&f.path) == Some(&h) {
                    return Ok((f.path.clone(), h, false));
                }
                write_atomic(out, &f.path, &bytes, base + i as u64)?;
                Ok((f.path.clone(), h, true))
            })
            .collect();
        let mut first_err = None;
        let mut done = Published::default();
        for r in results {
            match r {
                Ok((path, h, changed)) => {
                    if changed {
                        done.rewritten.push(path.clone());
                    } else {
                        done.unchanged += 1;
                    }
                    self.written.insert(path, h);
                }
                Err(e) => {
                    first_err.get_or_insert(e);
                }
            }
        }
        done.rewritten.sort();
        first_err.map_or(Ok(done), Err)
    }

    /// After a whole site was written: delete every file not in `keep`,
    /// including files an earlier run left that this one did not write
    /// (they would be served as if current). Returns the paths it knew and deleted.
    pub fn keep_only(&mut self, keep: &HashSet<&str>) -> Vec<String> {
        let stale: Vec<String> = self.written.keys().filter(|p| !keep.contains(p.as_str())).cloned().collect();
        let mut removed: Vec<String> = stale.into_iter().filter(|p| self.remove(p)).collect();
        for entry in walkdir::WalkDir::new(&self.out).min_depth(1).into_iter().flatten() {
            if entry.file_type().is_file() {
                let rel = display_path(&self.out, entry.path());
                if !keep.contains(rel.as_str()) && rel != super::MARKER {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
        removed.sort();
        removed
    }

    /// Delete one output file, and folders it leaves empty.
    pub fn remove(&mut self, rel: &str) -> bool {
        self.written.remove(rel);
        let p = self.out.join(rel);
        let removed = std::fs::remove_file(&p).is_ok();
        // Tidy folders left empty, never above the output folder.
        let mut dir = p.parent().map(Path::to_path_buf);
        while let Some(d) = dir {
            if d == self.out || !d.starts_with(&self.out) || std::fs::remove_dir(&d).is_err() {
                break;
            }
            dir = d.parent().map(Path::to_path_buf);
        }
        removed
    }

    /// Write a file that is not part of the site (a page to show errors
    /// on before the first good build): it is not recorded as an output.
    pub fn write_unlisted(&self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        write_atomic(&self.out, rel, bytes, u64::MAX - 1)
    }
}

fn hash(bytes: &[u8]) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    h.write_usize(bytes.len());
    h.write(bytes);
    h.finish()
}

/// Write `rel` inside `out`: a temporary file beside it, then a rename.
fn write_atomic(out: &Path, rel: &str, bytes: &[u8], n: u64) -> Result<(), Error> {
    let dest = out.join(rel);
    let err = |e: std::io::Error| Error::write(&dest, e);
    let dir = dest.parent().unwrap_or(out);
    std::fs::create_dir_all(dir).map_err(err)?;
    let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.easyinfo-tmp-{}-{n}", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(err)?;
    std::fs::rename(&tmp, &dest).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        err(e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_only_changed_bytes_and_removes_what_is_not_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let mut live = Live::open(&tmp.path().join("site"), &tmp.path().join("out")).unwrap();
        let files = [OutputFile::bytes("a/index.html", "one"), OutputFile::bytes("b.txt", "two")];
        assert_eq!(live.write(&files).unwrap().rewritten, ["a/index.html", "b.txt"]);
        let again = live.write(&[OutputFile::bytes("a/index.html", "one!"), OutputFile::bytes("b.txt", "two")]).unwrap();
        assert_eq!((again.rewritten.as_slice(), again.unchanged), (&["a/index.html".to_string()][..], 1));
        std::fs::write(live.dir().join("left-over.html"), "old").unwrap();
        assert_eq!(live.keep_only(&HashSet::from(["b.txt"])), ["a/index.html"]);
        assert!(!live.dir().join("a").exists(), "the empty folder goes too");
        assert!(!live.dir().join("left-over.html").exists(), "files it did not write go");
        assert!(live.dir().join(crate::output::MARKER).is_file());
        assert_eq!(live.outputs(), ["b.txt"]);
    }
}
