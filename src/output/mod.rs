//! Stage 5: publish atomically. Everything is written into a hidden sibling
//! folder, which replaces the old output only once it is complete.

use crate::render::{Content, OutputFile, Sink, WriteError};
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
    if !is_empty_or_ours(&real) {
        return Err(PublishError::Refused(format!(
            "refusing to publish into {}: it already holds files that easyinfo did not make, and publishing replaces the whole folder. Choose a new or empty folder, or delete this one yourself first.",
            out.display()
        )));
    }
    Ok(out)
}

/// A folder publishing may replace: missing, empty, or a web site (it has
/// an `index.html`, as every easyinfo output does). This keeps a slip such
/// as `--out ~/Documents` from replacing a folder of someone's own files.
fn is_empty_or_ours(dir: &Path) -> bool {
    match std::fs::read_dir(dir) {
        Err(_) => true,
        Ok(mut rd) => rd.next().is_none() || dir.join("index.html").is_file(),
    }
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

fn sibling(out: &Path, tag: &str) -> PathBuf {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    out.with_file_name(format!(".{name}.easyinfo-{tag}-{}", std::process::id()))
}

/// A hidden folder beside the output that a build writes into, file by
/// file. `commit` swaps it in; dropping it uncommitted deletes it, so a
/// failed build leaves the old output as it was.
pub struct Staging {
    tmp: PathBuf,
    out: PathBuf,
    committed: bool,
}

impl Staging {
    pub fn begin(out: &Path) -> Result<Staging, PublishError> {
        let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
        recover(out);
        let tmp = sibling(out, "new");
        let _ = std::fs::remove_dir_all(&tmp);
        std::fs::create_dir_all(&tmp).map_err(|e| io(&tmp, e))?;
        Ok(Staging { tmp, out: out.to_path_buf(), committed: false })
    }

    pub fn commit(mut self) -> Result<(), PublishError> {
        self.committed = true;
        let r = swap_in(&self.tmp, &self.out);
        if r.is_err() {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
        r
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}

impl Sink for Staging {
    /// Most pages have a folder of their own (`…/services/<id>/index.html`):
    /// for those the folder is made first; other files find out by trying.
    fn put(&self, f: OutputFile) -> Result<(), WriteError> {
        let dest = self.tmp.join(&f.path);
        let err = |e| WriteError { path: dest.display().to_string(), source: e };
        let dir = dest.parent().unwrap_or(&self.tmp);
        let make_dir = || match std::fs::create_dir(dir) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => std::fs::create_dir_all(dir),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
            r => r,
        };
        if f.path.ends_with("/index.html") {
            make_dir().map_err(err)?;
        }
        let write = || match &f.content {
            Content::Bytes(b) => std::fs::write(&dest, b),
            Content::Copy(src) => std::fs::copy(src, &dest).map(|_| ()),
        };
        match write() {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                make_dir().map_err(err)?;
                write().map_err(err)
            }
            r => r.map_err(err),
        }
    }
}

impl From<WriteError> for PublishError {
    fn from(e: WriteError) -> Self {
        PublishError::Io { path: e.path, source: e.source }
    }
}

/// Leftovers from a build that was killed part-way; only our own names.
/// If a build was stopped between moving the old output aside and moving
/// the new one in, the old output is put back first. Folders of another
/// build that is still running are left alone.
pub fn recover(out: &Path) {
    let Some(name) = out.file_name().map(|n| n.to_string_lossy().into_owned()) else { return };
    let Some(parent) = out.parent() else { return };
    let prefix = format!(".{name}.easyinfo-");
    let parent = if parent.as_os_str().is_empty() { Path::new(".") } else { parent };
    let Ok(rd) = std::fs::read_dir(parent) else { return };
    let mut stale: Vec<(PathBuf, String)> = rd
        .flatten()
        .filter_map(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            let rest = n.strip_prefix(&prefix)?.to_string();
            let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
            is_dir.then(|| (e.path(), rest))
        })
        .collect();
    stale.sort();
    for (path, rest) in stale {
        // Only `new-<pid>` and `old-<pid>`, which `sibling` makes.
        let Some((tag, pid)) = rest.split_once('-') else { continue };
        let Ok(pid) = pid.parse::<u32>() else { continue };
        if !["new", "old"].contains(&tag) || (pid != std::process::id() && process_alive(pid)) {
            continue;
        }
        if tag == "old" && !out.exists() && std::fs::rename(&path, out).is_ok() {
            continue;
        }
        let _ = std::fs::remove_dir_all(&path);
    }
}

/// Is another process with this id running? Unknown means no.
fn process_alive(pid: u32) -> bool {
    cfg!(target_os = "linux") && Path::new(&format!("/proc/{pid}")).exists()
}

fn swap_in(tmp: &Path, out: &Path) -> Result<(), PublishError> {
    if out.exists() {
        let old = sibling(out, "old");
        let _ = std::fs::remove_dir_all(&old);
        if exchange(tmp, out) {
            // `tmp` now holds the old output.
            let _ = std::fs::rename(tmp, &old);
        } else {
            std::fs::rename(out, &old).map_err(|e| io(out, e))?;
            if let Err(e) = std::fs::rename(tmp, out) {
                let _ = std::fs::rename(&old, out);
                return Err(io(out, e));
            }
        }
        let _ = std::fs::remove_dir_all(&old);
    } else {
        std::fs::rename(tmp, out).map_err(|e| io(out, e))?;
    }
    Ok(())
}

/// Swap two folders in one step, so there is no moment without an output
/// even if the build is killed. `false` where the system cannot do it; the
/// caller then uses two renames (and `recover` repairs a stop between them).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn exchange(a: &Path, b: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    extern "C" {
        fn renameat2(olddirfd: i32, oldpath: *const std::ffi::c_char, newdirfd: i32, newpath: *const std::ffi::c_char, flags: u32) -> i32;
    }
    const AT_FDCWD: i32 = -100;
    const RENAME_EXCHANGE: u32 = 2;
    let (Ok(a), Ok(b)) = (std::ffi::CString::new(a.as_os_str().as_bytes()), std::ffi::CString::new(b.as_os_str().as_bytes())) else {
        return false;
    };
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call;
    // renameat2 (glibc 2.28+) only reads them.
    unsafe { renameat2(AT_FDCWD, a.as_ptr(), AT_FDCWD, b.as_ptr(), RENAME_EXCHANGE) == 0 }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn exchange(_a: &Path, _b: &Path) -> bool {
    false
}
