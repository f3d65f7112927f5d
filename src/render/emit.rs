//! Where rendered files go, and what each was made from.
//!
//! Every render job says which sources it reads ([`Source`]); the
//! [`Emitter`] records that beside each file it passes on, so the caller
//! gets a dependency map made by the rendering itself. `serve` uses it to
//! re-render only the pages a change touches ([`Select`]).

use super::OutputFile;
use crate::core::error::Error;
use crate::core::diagnostics::Diagnostic;
use crate::load::site::Site;
use std::sync::{Arc, Mutex};

/// `build` writes each file to disk as soon as it is made, so a big site
/// never sits in memory whole; `serve` and tests keep them ([`Memory`]).
pub trait Sink: Sync {
    fn put(&self, file: OutputFile) -> Result<(), Error>;
}

/// A part of the site's content that pages are made from. Every page also
/// reads `site.yaml` and the theme; a change to those renders everything.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Source {
    /// One guide's text (`content/guides/<slug>…`).
    Guide(String),
    /// The pictures and files beside one guide.
    Media(String),
    Glossary,
    Directory,
    /// `content/static/`.
    Static,
    /// The theme's own files (stylesheets, scripts).
    Theme,
}

/// Which render jobs to run.
#[derive(Debug, Clone)]
pub enum Select {
    All,
    /// Only the jobs that read one of these.
    Reading(Vec<Source>),
}

impl Select {
    pub fn wants(&self, reads: &[Source]) -> bool {
        match self {
            Select::All => true,
            Select::Reading(changed) => reads.iter().any(|r| changed.contains(r)),
        }
    }
}

/// What went out: counts, and each file's path with the sources it read.
#[derive(Debug, Default, Clone)]
pub struct Written {
    pub pages: usize,
    pub files: usize,
    pub reads: Vec<(String, Arc<[Source]>)>,
    /// One-line notes for the user, such as Braille skipped for want of liblouis.
    pub notes: Vec<String>,
}

#[derive(Default)]
struct Shared {
    reads: Mutex<Vec<(String, Arc<[Source]>)>>,
    write_error: Mutex<Option<Error>>,
    notes: Mutex<Vec<String>>,
}

/// Passes each job's files to the sink as the job finishes, and keeps
/// their paths and sources (for the sitemap and the caller) and the first write error.
#[derive(Clone)]
pub struct Emitter<'a> {
    sink: &'a dyn Sink,
    shared: &'a Shared,
    reads: Arc<[Source]>,
}

impl<'a> Emitter<'a> {
    /// An emitter into `sink` for a test of one renderer.
    #[cfg(test)]
    pub(crate) fn scoped<R>(sink: &dyn Sink, f: impl FnOnce(&Emitter) -> R) -> R {
        let shared = Shared::default();
        f(&Emitter { sink, shared: &shared, reads: Arc::new([]) })
    }

    /// The same emitter, for a job that reads `reads`.
    pub fn reading(&self, reads: Vec<Source>) -> Emitter<'a> {
        Emitter { reads: reads.into(), ..self.clone() }
    }

    /// Once a write has failed, the rest of the work is skipped.
    pub fn stopped(&self) -> bool {
        self.shared.write_error.lock().is_ok_and(|e| e.is_some())
    }

    pub fn put(&self, file: OutputFile) {
        if self.stopped() {
            return;
        }
        let path = file.path.clone();
        match self.sink.put(file) {
            Ok(()) => self.shared.reads.lock().expect("reads lock").push((path, self.reads.clone())),
            Err(e) => {
                self.shared.write_error.lock().expect("error lock").get_or_insert(e);
            }
        }
    }

    /// A note for the user, said once at the end (see [`Written::notes`]).
    pub fn note(&self, text: String) {
        let mut notes = self.shared.notes.lock().expect("notes lock");
        if !notes.contains(&text) {
            notes.push(text);
        }
    }

    /// Stops the render with an error that is not the content's (a tool
    /// the site requires is missing): it is returned as the write errors are.
    pub fn fail(&self, e: Error) {
        self.shared.write_error.lock().expect("error lock").get_or_insert(e);
    }

    /// A job's result: its files are sent on; its error is returned.
    pub fn emit(&self, result: Result<Vec<OutputFile>, Diagnostic>) -> Option<Diagnostic> {
        match result {
            Ok(files) => {
                files.into_iter().for_each(|f| self.put(f));
                None
            }
            Err(e) => Some(e),
        }
    }

    /// The paths sent so far.
    pub fn paths(&self) -> Vec<String> {
        self.shared.reads.lock().expect("reads lock").iter().map(|(p, _)| p.clone()).collect()
    }
}

/// Render everything the site publishes into `sink`.
pub fn render_into(site: &Site, sink: &dyn Sink) -> Result<Written, Error> {
    render_selected(site, sink, &Select::All)
}

/// Render the jobs `select` wants into `sink`.
pub fn render_selected(site: &Site, sink: &dyn Sink, select: &Select) -> Result<Written, Error> {
    let shared = Shared::default();
    let em = Emitter { sink, shared: &shared, reads: Arc::new([]) };
    let errors = super::pages::all(site, &em, select);
    if let Some(e) = shared.write_error.lock().expect("error lock").take() {
        return Err(e);
    }
    if !errors.is_empty() {
        return Err(Error::Content(group_same(errors)));
    }
    let reads = shared.reads.into_inner().expect("reads lock");
    let pages = reads.iter().filter(|(p, _)| p.ends_with(".html")).count();
    let notes = shared.notes.into_inner().expect("notes lock");
    Ok(Written { pages, files: reads.len(), reads, notes })
}

/// A mistake in a template stops every page made from it: say it once,
/// with how many pages it stopped, rather than once a page.
fn group_same(errors: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut seen: std::collections::HashMap<(crate::core::rules::Rule, String, usize, String), usize> = Default::default();
    let mut out: Vec<(Diagnostic, usize)> = Vec::new();
    for d in errors {
        let key = (d.rule, d.file.clone(), d.line, d.message.clone());
        match seen.get(&key) {
            Some(&i) => out[i].1 += 1,
            None => {
                seen.insert(key, out.len());
                out.push((d, 0));
            }
        }
    }
    out.into_iter()
        .map(|(d, more)| {
            if more == 0 {
                return d;
            }
            let pages = if more == 1 { "1 other page".to_string() } else { format!("{more} other pages") };
            let before = d.suggestion.clone().map(|h| format!("{h} ")).unwrap_or_default();
            d.hint(format!("{before}The same problem stopped {pages} too."))
        })
        .collect()
}

/// Keeps every file in memory.
#[derive(Default)]
pub struct Memory(Mutex<Vec<OutputFile>>);

impl Memory {
    pub fn into_files(self) -> Vec<OutputFile> {
        self.0.into_inner().expect("memory sink lock")
    }
}

impl Sink for Memory {
    fn put(&self, file: OutputFile) -> Result<(), Error> {
        self.0.lock().expect("memory sink lock").push(file);
        Ok(())
    }
}

/// Everything the site publishes, in memory.
pub fn render(site: &Site) -> Result<Vec<OutputFile>, Error> {
    let mem = Memory::default();
    render_into(site, &mem)?;
    Ok(mem.into_files())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture() -> Site {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/serve/site");
        let mut site = crate::load::site::load(std::path::Path::new(root)).expect("the serve fixture loads");
        // The same files whether or not this machine has liblouis (Braille's
        // own selection is tested in render/braille).
        site.config.braille = crate::load::site::config::Braille::Off;
        site
    }

    #[test]
    fn each_file_records_the_sources_it_read() {
        let site = fixture();
        let w = render_into(&site, &Memory::default()).unwrap();
        let reads = |p: &str| w.reads.iter().find(|(q, _)| q == p).map(|(_, r)| r.to_vec()).unwrap_or_else(|| panic!("{p} not rendered"));
        let alpha = Source::Guide("alpha".into());
        assert!(reads("plain/guides/alpha/index.html").contains(&alpha));
        assert!(reads("plain/guides/alpha/index.html").contains(&Source::Glossary));
        assert!(!reads("plain/guides/beta/index.html").contains(&alpha));
        assert!(reads("easy/index.html").contains(&alpha), "a version home lists every guide");
        assert_eq!(reads("media/alpha/pictures/talk.svg"), [Source::Media("alpha".into())]);
    }

    #[test]
    fn a_selection_renders_only_the_pages_that_read_it() {
        let site = fixture();
        let mem = Memory::default();
        render_selected(&site, &mem, &Select::Reading(vec![Source::Guide("alpha".into())])).unwrap();
        let mut paths: Vec<String> = mem.into_files().into_iter().map(|f| f.path).collect();
        paths.sort();
        let mut expected: Vec<String> = ["easy", "large", "plain"].iter().flat_map(|v| [format!("{v}/guides/alpha/index.html"), format!("{v}/index.html")]).collect();
        expected.sort();
        assert_eq!(paths, expected);
    }
}
