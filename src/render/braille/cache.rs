//! Translations kept on disk between builds, in
//! `<site>/.easyinfo-cache/braille/lines`: liblouis costs about 1 µs a
//! character, so a rebuild sends it only the lines it has not seen.
//!
//! One file, read once and written once a whole build (a temporary file,
//! then a rename), holding only the lines that build used, so it never
//! grows past one site's worth. It starts with the tables and liblouis's
//! version and ends with a checksum of all before it: a file made for
//! other tables, by another liblouis, cut short or changed is ignored and
//! made again, never trusted.

use super::louis::{Missing, Translator};
use std::collections::HashMap;
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

const MAGIC: &str = "easyinfo braille cache 1";

/// The cache folder of a site.
pub fn dir(root: &Path) -> PathBuf {
    root.join(".easyinfo-cache").join("braille")
}

/// A translator that asks `inner` only for lines the cache file lacks.
pub struct Disk<'a> {
    file: PathBuf,
    /// What the translations depend on besides the line: tables, version.
    tag: String,
    inner: &'a dyn Translator,
    /// This build's lines and their braille, in first-use order, for [`Disk::save`].
    used: Mutex<Vec<(String, String)>>,
}

impl<'a> Disk<'a> {
    pub fn new(dir: &Path, tag: &str, inner: &'a dyn Translator) -> Disk<'a> {
        // The tag is one line of the file.
        let tag = tag.replace(['\n', '\r'], " ");
        Disk { file: dir.join("lines"), tag, inner, used: Mutex::default() }
    }

    /// Write the lines this build used, and only those, in place of the
    /// file. Call once, after the whole build's one `translate`.
    pub fn save(&self) -> std::io::Result<()> {
        let used = self.used.lock().expect("braille cache");
        let dir = self.file.parent().expect("a cache folder");
        std::fs::create_dir_all(dir)?;
        let tmp = dir.join(format!("lines.tmp-{}", std::process::id()));
        std::fs::write(&tmp, encode(&self.tag, &used))?;
        std::fs::rename(&tmp, &self.file).inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
    }
}

impl Translator for Disk<'_> {
    fn translate(&self, lines: &[String]) -> Result<Vec<String>, Missing> {
        let mut known = std::fs::read(&self.file).ok().and_then(|b| decode(&self.tag, &b)).unwrap_or_default();
        let mut todo: Vec<String> = Vec::new();
        {
            let mut asked: std::collections::HashSet<&str> = std::collections::HashSet::new();
            for l in lines.iter().filter(|l| !l.is_empty() && !known.contains_key(l.as_str())) {
                if asked.insert(l) {
                    todo.push(l.clone());
                }
            }
        }
        let done = self.inner.translate(&todo)?;
        known.extend(todo.into_iter().zip(done));
        let mut used = self.used.lock().expect("braille cache");
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::with_capacity(lines.len());
        for l in lines {
            // Every line not empty is known by now.
            let b = if l.is_empty() { String::new() } else { known.get(l.as_str()).cloned().unwrap_or_default() };
            if !l.is_empty() && storable(l) && storable(&b) && seen.insert(l.as_str()) {
                used.push((l.clone(), b.clone()));
            }
            out.push(b);
        }
        Ok(out)
    }
}

/// Whether a line can be written as one line of the file.
fn storable(s: &str) -> bool {
    !s.contains(['\n', '\r'])
}

fn checksum(bytes: &[u8]) -> String {
    let mut h = fnv::FnvHasher::default();
    h.write(bytes);
    format!("{:016x}", h.finish())
}

/// The file: magic, tag, count, then print and braille on a line each,
/// then the checksum of everything before it.
fn encode(tag: &str, pairs: &[(String, String)]) -> Vec<u8> {
    let size: usize = pairs.iter().map(|(p, b)| p.len() + b.len() + 2).sum();
    let mut s = String::with_capacity(size + 100);
    s.push_str(&format!("{MAGIC}\n{tag}\n{}\n", pairs.len()));
    for (p, b) in pairs {
        s.push_str(p);
        s.push('\n');
        s.push_str(b);
        s.push('\n');
    }
    let sum = checksum(s.as_bytes());
    s.push_str(&format!("end {sum}\n"));
    s.into_bytes()
}

/// The pairs in a file, or `None` when it is not a whole, unchanged cache
/// file made with `tag`.
fn decode(tag: &str, bytes: &[u8]) -> Option<HashMap<String, String>> {
    let text = std::str::from_utf8(bytes).ok()?;
    let body = text.strip_suffix('\n')?;
    let (body, trailer) = body.rsplit_once('\n')?;
    let body = &text[..body.len() + 1];
    if trailer != format!("end {}", checksum(body.as_bytes())) {
        return None;
    }
    let mut lines = body.split_terminator('\n');
    if lines.next()? != MAGIC || lines.next()? != tag {
        return None;
    }
    let count: usize = lines.next()?.parse().ok()?;
    let mut known = HashMap::with_capacity(count.min(body.len()));
    for _ in 0..count {
        known.insert(lines.next()?.to_string(), lines.next()?.to_string());
    }
    lines.next().is_none().then_some(known)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs() -> Vec<(String, String)> {
        vec![("Hello there".into(), ",HELLO ?RE".into()), ("".into(), "".into()), ("Two".into(), ",TWO".into())]
    }

    #[test]
    fn a_file_reads_back_as_written() {
        let known = decode("t v", &encode("t v", &pairs())).unwrap();
        assert_eq!(known.len(), 3);
        assert_eq!(known["Hello there"], ",HELLO ?RE");
    }

    #[test]
    fn a_changed_cut_or_foreign_file_is_not_trusted() {
        let good = encode("t v", &pairs());
        assert!(decode("t v2", &good).is_none(), "another liblouis or other tables");
        for cut in 0..good.len() {
            assert!(decode("t v", &good[..cut]).is_none(), "cut at {cut}");
        }
        let mut changed = good.clone();
        let at = String::from_utf8_lossy(&good).find("HELLO").unwrap();
        changed[at] = b'J';
        assert!(decode("t v", &changed).is_none());
        assert!(decode("t v", b"anything else\n").is_none());
        assert!(decode("t v", &[0xff, 0xfe, b'\n']).is_none());
    }
}
