//! `easyinfo new DIR`: a small site that builds cleanly.

use crate::core::error::Error;
use std::path::Path;

const FILES: &[(&str, &str)] = &[
    ("site.yaml", include_str!("../../templates/new/site.yaml")),
    ("content/guides/welcome/index.md", include_str!("../../templates/new/content/guides/welcome/index.md")),
    ("content/guides/welcome/pictures/hello.svg", include_str!("../../templates/new/content/guides/welcome/pictures/hello.svg")),
    ("content/glossary.yaml", include_str!("../../templates/new/content/glossary.yaml")),
    ("content/directory/categories.yaml", include_str!("../../templates/new/content/directory/categories.yaml")),
    ("content/directory/services/example-advice-line.yaml", include_str!("../../templates/new/content/directory/services/example-advice-line.yaml")),
    ("content/static/.keep", ""),
];

pub fn create(dir: &Path) -> Result<usize, Error> {
    if dir.exists() && dir.read_dir().map(|mut d| d.next().is_some()).unwrap_or(true) {
        return Err(Error::Usage(format!("{} already exists and is not empty. Choose a new folder name.", dir.display())));
    }
    for (rel, text) in FILES {
        let p = dir.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::Usage(format!("cannot create {}: {e}", parent.display())))?;
        }
        // Dates are today's, so a new site is never stale.
        let text = text.replace("REVIEWED_DATE", &chrono::Local::now().date_naive().to_string());
        std::fs::write(&p, text).map_err(|e| Error::Usage(format!("cannot write {}: {e}", p.display())))?;
    }
    Ok(FILES.len())
}
