//! Where a link or picture in a guide points, for both the lint and the renderer.

use crate::core::routes;
use crate::core::version::Version;
use std::path::{Component, Path, PathBuf};

#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// Another host, `mailto:` and the like: left as written.
    External,
    /// `#part` on the same page.
    Fragment,
    /// A file in the output, relative to the output root (fragment kept).
    Output(String),
    Broken(String),
}

/// What the site offers for links to resolve against.
pub trait Known {
    fn has_guide(&self, slug: &str) -> bool;
    fn has_service(&self, id: &str) -> bool;
    fn has_category(&self, id: &str) -> bool;
    /// Is guide `slug` in the language being made (it is in the main
    /// language when `has_guide`)? If not, links go to the main language's page.
    fn has_translation(&self, _slug: &str) -> bool {
        true
    }
}

pub fn resolve(url: &str, version: impl Into<Version>, guide_dir: &Path, guides_root: &Path, known: &dyn Known) -> Target {
    let version: Version = version.into();
    // A guide not translated into this language: its original.
    let guide_in = |slug: &str| if known.has_translation(slug) { version } else { Version { language: crate::core::language::Language::main(), ..version } };
    let url = url.trim();
    if url.is_empty() {
        return Target::Broken("the link has no address".into());
    }
    if url.starts_with('#') {
        return Target::Fragment;
    }
    if has_scheme(url) || url.starts_with("//") {
        return Target::External;
    }
    let (path, frag) = match url.find(['#', '?']) {
        Some(i) => (&url[..i], &url[i..]),
        None => (url, ""),
    };
    if let Some(rest) = path.strip_prefix("@/") {
        let rest = rest.trim_end_matches('/');
        let parts: Vec<&str> = rest.split('/').collect();
        let out = match parts.as_slice() {
            ["guides", slug] => {
                let slug = slug.trim_end_matches(".md");
                let slug = slug.strip_suffix("/index").unwrap_or(slug);
                if !known.has_guide(slug) {
                    return Target::Broken(format!("there is no guide `{slug}`"));
                }
                routes::guide(guide_in(slug), slug)
            }
            ["guides", slug, "index.md"] => {
                if !known.has_guide(slug) {
                    return Target::Broken(format!("there is no guide `{slug}`"));
                }
                routes::guide(guide_in(slug), slug)
            }
            ["glossary"] | ["glossary.yaml"] => routes::glossary(version),
            ["directory"] => routes::directory_home(version),
            ["directory", "a-z"] => routes::a_to_z(version),
            ["directory", "services", id] => {
                if !known.has_service(id) {
                    return Target::Broken(format!("there is no service with the id `{id}`"));
                }
                routes::service(version, id)
            }
            ["directory", "categories", id] => {
                if !known.has_category(id) {
                    return Target::Broken(format!("there is no category with the id `{id}`"));
                }
                routes::category(version, id)
            }
            [""] => routes::HOME.to_string(),
            _ => return Target::Broken(format!("`{url}` does not name a page easyinfo makes")),
        };
        return Target::Output(format!("{out}{frag}"));
    }
    if path.starts_with('/') {
        return Target::Broken("links that start with `/` break when the site is opened from a USB stick".into());
    }
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy().into_owned();
    let Some(joined) = clean_join(guide_dir, &decoded, guides_root) else {
        return Target::Broken(format!("`{url}` climbs out of the site's content folder"));
    };
    let Ok(rel) = joined.strip_prefix(guides_root) else {
        return Target::Broken(format!("`{url}` points outside content/guides"));
    };
    let rel_s = rel.to_string_lossy().replace('\\', "/");
    // A link to another guide's source file.
    if let Some(md) = rel_s.strip_suffix(".md") {
        let slug = md.strip_suffix("/index").unwrap_or(md);
        if !slug.contains('/') && known.has_guide(slug) {
            return Target::Output(format!("{}{frag}", routes::guide(guide_in(slug), slug)));
        }
        return Target::Broken(format!("there is no guide at `{url}`"));
    }
    if joined.is_file() {
        return Target::Output(format!("{}{frag}", routes::media(&rel_s)));
    }
    Target::Broken(format!("there is no file `{url}` beside this guide"))
}

fn has_scheme(url: &str) -> bool {
    match url.find(':') {
        Some(i) => url[..i].chars().all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c)) && i > 1,
        None => false,
    }
}

/// Join without touching the disk; `None` if `..` climbs above `floor`.
fn clean_join(base: &Path, rel: &str, floor: &Path) -> Option<PathBuf> {
    let mut out = base.to_path_buf();
    let floor = floor.components().count();
    for c in Path::new(rel).components() {
        match c {
            Component::Normal(p) => out.push(p),
            Component::ParentDir => {
                if out.components().count() <= floor || !out.pop() {
                    return None;
                }
            }
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(out)
}

/// A made-up site with one guide (`other`), one service (`svc`) and one
/// category (`cat`), for tests and fuzzing.
#[doc(hidden)]
pub struct OneOfEach;

impl Known for OneOfEach {
    fn has_guide(&self, slug: &str) -> bool {
        slug == "other"
    }
    fn has_service(&self, id: &str) -> bool {
        id == "svc"
    }
    fn has_category(&self, id: &str) -> bool {
        id == "cat"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::version::Level;
    fn r(url: &str) -> Target {
        let root = Path::new("/site/content/guides");
        resolve(url, Level::parse("easy").unwrap(), &root.join("this"), root, &OneOfEach)
    }

    #[test]
    fn site_links() {
        assert_eq!(r("@/guides/other.md"), Target::Output("easy/guides/other/index.html".into()));
        assert_eq!(r("@/guides/other.md#part"), Target::Output("easy/guides/other/index.html#part".into()));
        assert_eq!(r("@/directory/services/svc"), Target::Output("easy/directory/services/svc/index.html".into()));
        assert!(matches!(r("@/guides/missing.md"), Target::Broken(_)));
        assert!(matches!(r("@/directory/categories/nope"), Target::Broken(_)));
    }

    #[test]
    fn relative_links_to_guides() {
        assert_eq!(r("../other/index.md"), Target::Output("easy/guides/other/index.html".into()));
        assert!(matches!(r("../gone/index.md"), Target::Broken(_)));
    }

    #[test]
    fn external_and_fragment() {
        assert_eq!(r("https://example.org"), Target::External);
        assert_eq!(r("mailto:a@example.org"), Target::External);
        assert_eq!(r("#top"), Target::Fragment);
    }

    #[test]
    fn climbing_out_is_refused() {
        assert!(matches!(r("../../../../etc/passwd"), Target::Broken(_)));
        assert!(matches!(r("/abs"), Target::Broken(_)));
    }
}
