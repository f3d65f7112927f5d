//! Recordings of the guides, for `audio: true` in site.yaml: each version's
//! text (`script`) spoken by espeak-ng and encoded by opusenc (`tools`).
//! Recordings are kept in `<site>/.easyinfo-cache/audio/`, named by a hash
//! of their text and settings, so a rebuild makes only those whose text
//! changed. Without the programs a build says so once and goes on.

mod script;
mod tools;

use super::{Content, OutputFile};
use crate::core::routes;
use crate::core::version::Version;
use crate::load::site::Site;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};

pub use script::ssml;
pub use tools::voice;

/// Makes or finds the recordings of one render; shared by its guide jobs,
/// which run in parallel, so espeak-ng runs once per core at most.
pub struct Recorder {
    on: bool,
    cache: PathBuf,
    /// Whether recordings can be made here: looked up at the first one not
    /// in the cache, and said once if not.
    ready: OnceLock<bool>,
    /// Numbers each job's work files, so two jobs never share one.
    jobs: AtomicUsize,
    /// A lock per recording being made: versions with the same text (plain
    /// and large print often are) wait for one recording, not make two.
    making: Mutex<HashMap<String, Arc<Mutex<()>>>>,
    /// The cache files this render published, so a whole render can drop the rest.
    used: Mutex<HashSet<String>>,
}

impl Recorder {
    pub fn new(site: &Site) -> Recorder {
        Recorder { on: site.config.audio, cache: tools::cache_dir(&site.root), ready: OnceLock::new(), jobs: AtomicUsize::new(0), making: Mutex::default(), used: Mutex::default() }
    }

    /// The recording of one version of a guide, from the cache or made now,
    /// as the file to publish. `None` when audio is off, the language has no
    /// voice, or the recording cannot be made (said on stderr).
    pub fn record(&self, language: &str, version: Version, slug: &str, ssml: impl FnOnce() -> String) -> Option<OutputFile> {
        if !self.on {
            return None;
        }
        let voice = tools::voice(language)?;
        let text = ssml();
        let key = tools::key(voice, &text);
        let file = self.cache.join(&key);
        self.used.lock().expect("audio lock").insert(key.clone());
        if !file.is_file() {
            if !self.ready() {
                return None;
            }
            let lock = self.making.lock().expect("audio lock").entry(key).or_default().clone();
            let _making = lock.lock().expect("audio lock");
            if file.is_file() {
                return Some(published(version, slug, file));
            }
            let stem = self.cache.join(format!("work-{}-{}", std::process::id(), self.jobs.fetch_add(1, Ordering::Relaxed)));
            if let Err(e) = tools::make(voice, &text, &stem, &file) {
                eprintln!("audio: no recording of {slug} ({}): {e}", version.level.name());
                return None;
            }
        }
        Some(published(version, slug, file))
    }

    /// After a whole render: remove the recordings no page uses any more
    /// (old texts), so the cache does not grow with every edit. With audio
    /// off the cache is left alone, for when it is turned on again.
    pub fn prune(&self) {
        if !self.on {
            return;
        }
        let used = self.used.lock().expect("audio lock");
        let Ok(dir) = std::fs::read_dir(&self.cache) else { return };
        for e in dir.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if tools::is_key(&name) && !used.contains(&name) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }

    fn ready(&self) -> bool {
        *self.ready.get_or_init(|| {
            let missing: Vec<&str> = [tools::SPEAKER, tools::ENCODER].into_iter().filter(|p| !tools::on_path(p)).collect();
            if !missing.is_empty() {
                eprintln!(
                    "Recordings skipped: {} not installed (`audio: true` in site.yaml). To make them: {}. The rest of the site is published.",
                    missing.join(" and "),
                    tools::INSTALL
                );
                return false;
            }
            std::fs::create_dir_all(&self.cache)
                .map_err(|e| eprintln!("Recordings skipped: cannot make the cache folder {}: {e}.", self.cache.display()))
                .is_ok()
        })
    }
}

/// A cached recording, published as one version's file.
fn published(version: Version, slug: &str, file: PathBuf) -> OutputFile {
    OutputFile { path: routes::audio(version, slug, tools::EXTENSION), content: Content::Copy(file) }
}
