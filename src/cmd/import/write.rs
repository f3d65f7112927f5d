//! Writing an import's service files: never over a file unless asked
//! (`--force`), and only after every file has been checked.

use super::hsds::{convert_checked, to_yaml_with_notes, Record, SiteInfo};
use crate::core::diagnostics::Diagnostic;
use crate::core::error::Error;
use crate::load::directory as dir;
use std::path::Path;

/// What an import wrote: how many services, and the warnings about values
/// it dropped or cleaned and records it left out.
#[derive(Debug, Default)]
pub struct Report {
    pub written: usize,
    pub warnings: Vec<Diagnostic>,
}

/// Convert `file` into YAML files in `out`.
///
/// Every file it writes is one the build accepts: bad values are dropped or
/// cleaned with a warning naming the record and the field, and a record
/// with no usable name is left out with a warning. When `out` is a site's
/// `content/directory/services`, categories the site does not have are
/// dropped too (they are listed in the file's first lines), and ids another
/// service of the site already uses get a suffix.
///
/// It never overwrites a file unless `force` is given: it checks every file
/// it would write first, and writes nothing at all if one exists.
pub fn import_file(file: &Path, out: &Path, force: bool) -> Result<Report, Error> {
    let name = file.display().to_string();
    let bytes = std::fs::read(file).map_err(|e| Error::Usage(format!("cannot read {name}: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|_| Error::Usage(format!("{name} is not UTF-8 text")))?;
    let site = site_of(out);
    let (records, mut warnings) = convert_checked(&text, &name, site.as_ref())?;
    if out.is_file() {
        return Err(Error::Usage(format!("{} is a file; --out must be a folder", out.display())));
    }
    // Check every target before writing any.
    let targets: Vec<(std::path::PathBuf, &Record)> = records.iter().map(|r| (out.join(format!("{}.yaml", r.service.id)), r)).collect();
    let existing: Vec<&std::path::PathBuf> = targets.iter().map(|(p, _)| p).filter(|p| p.symlink_metadata().is_ok()).collect();
    if let Some(dir) = existing.iter().find(|p| p.is_dir() && !p.is_symlink()) {
        return Err(Error::Usage(format!("{} is a folder, where the import would write a service file. Nothing was written. Move or rename the folder.", dir.display())));
    }
    if !existing.is_empty() && !force {
        let more = match existing.len() - 1 {
            0 => String::new(),
            n => format!(" (and {n} more of the files it would write)"),
        };
        return Err(Error::Usage(format!(
            "{} already exists{more}. Nothing was written. To replace them with the imported services, run the import again with --force; or import into an empty folder with --out.",
            existing[0].display()
        )));
    }
    std::fs::create_dir_all(out).map_err(|e| Error::Usage(format!("cannot create {}: {e}", out.display())))?;
    let source = file.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or(name);
    for (path, r) in &targets {
        let yaml = to_yaml_with_notes(&r.service, &source, &r.notes);
        // A symbolic link is replaced by the file, never written through.
        if path.is_symlink() {
            std::fs::remove_file(path).map_err(|e| Error::Usage(format!("cannot replace {}: {e}", path.display())))?;
        }
        // Whole files only: write beside, then rename over.
        let tmp = out.join(format!(".{}.yaml.importing", r.service.id));
        std::fs::write(&tmp, yaml)
            .and_then(|_| std::fs::rename(&tmp, path))
            .map_err(|e| {
                let _ = std::fs::remove_file(&tmp);
                Error::Usage(format!("cannot write {}: {e}", path.display()))
            })?;
    }
    warnings.shrink_to_fit();
    Ok(Report { written: targets.len(), warnings })
}

/// When `out` is `SITE/content/directory/services` of a site, its
/// categories and the ids its services use.
fn site_of(out: &Path) -> Option<SiteInfo> {
    if !out.ends_with(dir::SERVICES_DIR) {
        return None;
    }
    let root = out.ancestors().nth(3)?;
    let root = if root.as_os_str().is_empty() { Path::new(".") } else { root };
    if !root.join(crate::load::site::SITE_FILE).is_file() {
        return None;
    }
    let max = crate::load::site::Config::default().limits.max_file_size;
    let mut diags = Vec::new();
    let languages = crate::load::site::other_languages(root);
    let categories = dir::load_categories(root, max, &languages, &mut diags);
    if diags.iter().any(Diagnostic::is_error) {
        return None;
    }
    let mut ids = std::collections::HashMap::new();
    if let Ok(dir) = dir::load_in(root, max, &languages) {
        for s in dir.services {
            let at = match s.source.row {
                Some(r) => format!("{} row {r}", s.source.file),
                None => s.source.file.clone(),
            };
            // A file this import would replace is not another service.
            if s.source.file != format!("{}/{}.yaml", dir::SERVICES_DIR, s.id) {
                ids.insert(s.id, at);
            }
        }
    }
    Some(SiteInfo { categories, ids })
}

