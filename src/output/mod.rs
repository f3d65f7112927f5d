//! Stage 5: publish atomically. Everything is written into a hidden sibling
//! folder, which replaces the old output only once it is complete.
//!
//! An output folder is easyinfo's only when it says so: every build writes
//! the marker file [`MARKER`] at its top, and only a folder with the marker,
//! an empty folder, or a path that does not exist yet is ever replaced.

pub mod live;
pub mod report;

use crate::core::error::Error;
use crate::render::{Content, OutputFile, Sink};
use std::path::{Component, Path, PathBuf};

fn io(path: &Path, source: std::io::Error) -> Error {
    Error::write(path, source)
}

/// The file at the top of every output folder that says easyinfo made it.
pub const MARKER: &str = ".easyinfo-output";

/// How the marker starts. Lines after the first are free for later use
/// (such as a list of the files and their hashes).
const MARKER_FIRST_LINE: &str = "easyinfo-output 1";

/// The marker's text.
pub fn marker_text() -> String {
    format!(
        "{MARKER_FIRST_LINE}\n\
         # easyinfo {} made this folder, and replaces all of it on every build.\n\
         # Do not keep your own files here: the next build deletes them.\n\
         # Delete this file and easyinfo will refuse to touch the folder.\n",
        env!("CARGO_PKG_VERSION")
    )
}

/// Write the marker into `dir` (an output folder being made).
pub fn write_marker(dir: &Path) -> Result<(), Error> {
    let p = dir.join(MARKER);
    std::fs::write(&p, marker_text()).map_err(|e| io(&p, e))
}

/// Does `dir` carry the marker (a real file, not a link, that starts right)?
pub fn has_marker(dir: &Path) -> bool {
    use std::io::Read;
    let p = dir.join(MARKER);
    if !std::fs::symlink_metadata(&p).is_ok_and(|m| m.is_file()) {
        return false;
    }
    let mut head = [0u8; MARKER_FIRST_LINE.len()];
    std::fs::File::open(&p).and_then(|mut f| f.read_exact(&mut head)).is_ok() && head == MARKER_FIRST_LINE.as_bytes()
}

/// `p` made absolute, with `.` and `..` and every symbolic link in its
/// parents resolved, the way the system would resolve them once missing
/// folders are made. The last part is not followed if it is a link, so
/// callers can see what it is.
pub fn resolve(p: &Path) -> Result<PathBuf, String> {
    let abs = absolute(p);
    let parts: Vec<Component> = abs.components().collect();
    let mut cur = PathBuf::from("/");
    let mut hops = 0;
    for (i, c) in parts.iter().enumerate() {
        match c {
            Component::Prefix(x) => cur = PathBuf::from(x.as_os_str()),
            Component::RootDir => cur.push(std::path::MAIN_SEPARATOR_STR),
            Component::CurDir => {}
            // `cur` has no links in it, so its parent is the real parent.
            Component::ParentDir => {
                cur.pop();
            }
            Component::Normal(n) => {
                let next = cur.join(n);
                let last = parts[i + 1..].iter().all(|c| matches!(c, Component::CurDir));
                let is_link = std::fs::symlink_metadata(&next).is_ok_and(|m| m.file_type().is_symlink());
                if is_link && !last {
                    hops += 1;
                    cur = next.canonicalize().map_err(|e| {
                        let to = std::fs::read_link(&next).map(|t| t.display().to_string()).unwrap_or_default();
                        format!("{} is a symbolic link to {to}, which cannot be followed ({}).", next.display(), plain_io(&e))
                    })?;
                    if hops > 40 {
                        return Err(format!("{} has too many symbolic links in it.", p.display()));
                    }
                } else {
                    cur = next;
                }
            }
        }
    }
    Ok(cur)
}

/// An error from the system in plain words.
pub fn plain_io(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "it does not exist".into(),
        K::PermissionDenied => "permission denied: you are not allowed to read it".into(),
        _ => {
            let s = e.to_string();
            s.split(" (os error").next().unwrap_or(&s).to_lowercase()
        }
    }
}

/// What kind of thing, other than a folder or a file, is at a path.
pub fn special_kind(ft: &std::fs::FileType) -> Option<&'static str> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_char_device() || ft.is_block_device() {
            return Some("a device, not a folder");
        }
        if ft.is_fifo() {
            return Some("a named pipe (FIFO), not a folder");
        }
        if ft.is_socket() {
            return Some("a socket, not a folder");
        }
    }
    if ft.is_symlink() {
        return Some("a symbolic link");
    }
    None
}

/// Refuse output folders that easyinfo does not own, and paths where a
/// wrong `--out` could destroy the site itself. Returns the real path to
/// publish to (parents resolved), which is used from then on.
pub fn check_out_dir(site_root: &Path, out: &Path) -> Result<PathBuf, Error> {
    let refuse = |why: String| Err(Error::Usage(format!("refusing to publish into {}: {why}", out.display())));
    let real = match resolve(out) {
        Ok(r) => r,
        Err(m) => return refuse(format!("{m} Choose a new or empty folder with --out.")),
    };
    let root = site_root.canonicalize().unwrap_or_else(|_| absolute(site_root));
    if real == root || root.starts_with(&real) {
        return refuse("it holds the site itself, so publishing would delete your files. Use --out with a new folder, such as public.".into());
    }
    for (sources, dir) in source_dirs(&root) {
        if real.starts_with(dir) {
            return refuse(format!(
                "it is inside {sources}/, the site's own files. Use --out with a folder outside {sources}/, such as public."
            ));
        }
    }
    if real == root.join(crate::load::site::SITE_FILE) {
        return refuse("it is the site's settings file. Use --out with a folder, such as public.".into());
    }
    let shown = if real == absolute(out) { String::new() } else { format!(" ({})", real.display()) };
    let meta = match std::fs::symlink_metadata(&real) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(real),
        Err(e) => return refuse(format!("easyinfo cannot look at it{shown}: {}. Choose a folder you can read and write.", plain_io(&e))),
    };
    let ft = meta.file_type();
    if ft.is_symlink() {
        let to = std::fs::read_link(&real).map(|t| t.display().to_string()).unwrap_or_else(|_| "somewhere unknown".into());
        let target = real.canonicalize().map(|t| t.display().to_string()).unwrap_or(to.clone());
        return refuse(format!(
            "it is a symbolic link to {to}. Publishing replaces the whole folder, which would replace the link, so easyinfo does not publish through links. If {target} is the right place, pass --out {target}."
        ));
    }
    if let Some(kind) = special_kind(&ft) {
        return refuse(format!("it is {kind}{shown}. Use --out with a new or empty folder, such as public."));
    }
    if !ft.is_dir() {
        return refuse(format!("it is a file, not a folder{shown}. Use --out with a new or empty folder, such as public."));
    }
    let mut entries = match std::fs::read_dir(&real) {
        Ok(rd) => rd,
        Err(e) => {
            return refuse(format!(
                "easyinfo cannot read this folder{shown} ({}), so it cannot check that the folder is its own. Choose a new or empty folder, or fix the folder's permissions.",
                plain_io(&e)
            ))
        }
    };
    match entries.next() {
        None => return Ok(real),
        Some(Err(e)) => return refuse(format!("easyinfo cannot read this folder{shown} ({}). Choose a new or empty folder.", plain_io(&e))),
        Some(Ok(_)) => {}
    }
    if has_marker(&real) {
        return Ok(real);
    }
    if real.join("content").is_dir() || real.join(crate::load::site::SITE_FILE).is_file() {
        return refuse(format!("it looks like an easyinfo site (it has content/ or {}). Choose an empty folder.", crate::load::site::SITE_FILE));
    }
    if real.join(crate::core::routes::HOME).is_file() {
        return refuse(format!(
            "it already holds a web site{shown} that easyinfo did not mark as its own (there is no {MARKER} file in it), and publishing replaces the whole folder. Choose a new or empty folder. If it is an output of an older easyinfo, delete the folder yourself once and build again."
        ));
    }
    refuse(format!(
        "it already holds files that easyinfo did not make{shown}, and publishing replaces the whole folder. Choose a new or empty folder, or delete this one yourself first."
    ))
}

/// The folders of the site's sources, also where a link takes them.
fn source_dirs(root: &Path) -> Vec<(&'static str, PathBuf)> {
    let mut out = Vec::new();
    for name in ["content", "themes"] {
        let dir = root.join(name);
        if let Ok(real) = dir.canonicalize() {
            if real != dir {
                out.push((name, real));
            }
        }
        out.push((name, dir));
    }
    out
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
    pub fn begin(out: &Path) -> Result<Staging, Error> {
        let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
        recover(out);
        let tmp = sibling(out, "new");
        // Our own name with our own process id: nothing else's.
        let _ = std::fs::remove_dir_all(&tmp);
        std::fs::create_dir(&tmp).map_err(|e| io(&tmp, e))?;
        let staging = Staging { tmp, out: out.to_path_buf(), committed: false };
        write_marker(&staging.tmp)?;
        Ok(staging)
    }

    pub fn commit(mut self) -> Result<(), Error> {
        self.committed = true;
        // The output may have changed while the pages were made: check once
        // more, just before it is replaced.
        let r = still_ours(&self.out).and_then(|()| swap_in(&self.tmp, &self.out));
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
    fn put(&self, f: OutputFile) -> Result<(), Error> {
        let dest = self.tmp.join(&f.path);
        let err = |e| io(&dest, e);
        let dir = dest.parent().unwrap_or(&self.tmp);
        let make_dir = || match std::fs::create_dir(dir) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => std::fs::create_dir_all(dir),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
            r => r,
        };
        if f.path.rsplit('/').next() == Some(crate::core::routes::FOLDER_PAGE) && f.path.contains('/') {
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

/// The output is still missing, empty or marked, and a real folder.
fn still_ours(out: &Path) -> Result<(), Error> {
    match std::fs::symlink_metadata(out) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Ok(m) if m.is_dir() && (has_marker(out) || std::fs::read_dir(out).is_ok_and(|mut rd| rd.next().is_none())) => Ok(()),
        _ => Err(Error::Usage(format!(
            "refusing to publish into {}: it changed while the site was being built, and is no longer a folder easyinfo made. Nothing was published; build again.",
            out.display()
        ))),
    }
}

fn swap_in(tmp: &Path, out: &Path) -> Result<(), Error> {
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
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> bool {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    // renameat2 with RENAME_EXCHANGE; an error (an old kernel, or a file
    // system that cannot swap, such as some network ones) means two renames.
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).is_ok()
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(_a: &Path, _b: &Path) -> bool {
    false
}


/// Where `lint --report FILE` may write: never inside the site's sources
/// (`site.yaml`, `content/`, `themes/`), never over a folder, device, pipe,
/// socket or link, and over an existing file only if it is an earlier
/// report. Returns the real path to write to.
pub fn check_report_path(site_root: &Path, report: &Path) -> Result<PathBuf, Error> {
    let refuse = |why: String| Err(Error::Usage(format!("refusing to write the report to {}: {why}", report.display())));
    let real = match resolve(report) {
        Ok(r) => r,
        Err(m) => return refuse(format!("{m} Choose another file name.")),
    };
    let root = site_root.canonicalize().unwrap_or_else(|_| absolute(site_root));
    if root.starts_with(&real) {
        return refuse("it is a folder that holds the site. Give a file name, such as report.html.".into());
    }
    if real == root.join(crate::load::site::SITE_FILE) {
        return refuse(format!("it is the site's settings file, {}. Choose another name, such as report.html.", crate::load::site::SITE_FILE));
    }
    for (sources, dir) in source_dirs(&root) {
        if real.starts_with(dir) {
            return refuse(format!(
                "it is inside {sources}/, the site's own files, which the report would change or be published with. Choose a file outside {sources}/, such as report.html."
            ));
        }
    }
    let meta = match std::fs::symlink_metadata(&real) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let parent = real.parent().unwrap_or(Path::new("/"));
            return match std::fs::metadata(parent) {
                Ok(m) if m.is_dir() => Ok(real),
                Ok(_) => refuse(format!("{} is not a folder.", parent.display())),
                Err(e) => refuse(format!("the folder {} cannot be used: {}. Make the folder first, or choose another.", parent.display(), plain_io(&e))),
            };
        }
        Err(e) => return refuse(format!("easyinfo cannot look at it: {}.", plain_io(&e))),
    };
    let ft = meta.file_type();
    if ft.is_symlink() {
        let to = std::fs::read_link(&real).map(|t| t.display().to_string()).unwrap_or_else(|_| "somewhere unknown".into());
        return refuse(format!("it is a symbolic link to {to}, and easyinfo does not write through links. Choose another file name."));
    }
    if let Some(kind) = special_kind(&ft) {
        let kind = kind.replace(", not a folder", "");
        return refuse(format!("it is {kind}, not a file. Choose a file name, such as report.html."));
    }
    if ft.is_dir() {
        return refuse("it is a folder. Give a file name, such as report.html.".into());
    }
    if !is_report(&real) {
        return refuse(
            "the file already exists and is not a report easyinfo made, so writing would destroy it. Choose a new file name, or delete the file yourself first."
                .into(),
        );
    }
    Ok(real)
}

/// Is this file an earlier editor's report? The mark is in its first bytes.
fn is_report(path: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::with_capacity(1024);
    let ok = std::fs::File::open(path).and_then(|f| f.take(1024).read_to_end(&mut head)).is_ok();
    ok && head.windows(crate::render::report::REPORT_MARK.len()).any(|w| w == crate::render::report::REPORT_MARK.as_bytes())
}

/// Write the report to a path [`check_report_path`] allowed: a temporary
/// file beside it first, then a rename, so a failed write leaves no half file.
pub fn write_report(path: &Path, html: &str) -> Result<(), Error> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "report".into());
    let tmp = path.with_file_name(format!(".{name}.easyinfo-report-{}", std::process::id()));
    let err = |e: std::io::Error| Error::Usage(format!("cannot write the report to {}: {}", path.display(), plain_io(&e)));
    let r = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&tmp)
        .and_then(|mut f| std::io::Write::write_all(&mut f, html.as_bytes()))
        .and_then(|()| std::fs::rename(&tmp, path));
    if r.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    r.map_err(err)
}

#[cfg(test)]
mod tests {
    /// Where the system can swap, both folders trade places in one step.
    #[test]
    #[cfg(any(target_os = "linux", target_os = "android"))]
    fn exchange_swaps_two_folders() {
        let t = tempfile::tempdir().unwrap();
        let (a, b) = (t.path().join("a"), t.path().join("b"));
        std::fs::create_dir(&a).unwrap();
        std::fs::create_dir(&b).unwrap();
        std::fs::write(a.join("x"), "from a").unwrap();
        std::fs::write(b.join("y"), "from b").unwrap();
        assert!(super::exchange(&a, &b), "tmpfs and ext4 can swap folders");
        assert_eq!(std::fs::read_to_string(b.join("x")).unwrap(), "from a");
        assert_eq!(std::fs::read_to_string(a.join("y")).unwrap(), "from b");
        assert!(!super::exchange(&a, &t.path().join("missing")), "nothing to swap with");
    }
}
