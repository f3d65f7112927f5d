//! Every page's path in the output, and every link between two pages.
//! Nothing else builds a URL: a page's path comes from here, and so does
//! each `href`, as a relative link (`../../…`) so the site works from a
//! USB stick as well as from a web server.

use super::language::Language;
use super::version::{self, Level, Version};

/// The site's front page, at the output root.
pub const HOME: &str = "index.html";
/// Served from any depth for a missing page, so it links from the base path.
pub const NOT_FOUND: &str = "404.html";
pub const SITEMAP: &str = "sitemap.xml";
/// The file a folder's address opens.
pub const FOLDER_PAGE: &str = "index.html";
/// Folders of the output that are not a version's.
const ASSET_FOLDERS: [&str; 5] = ["css", "js", "media", "audio", BRAILLE];
/// Where the Braille-ready files go (one set, from the plain version).
const BRAILLE: &str = "braille";
/// Where the directory's search index goes.
pub const SEARCH_DIR: &str = "js/search";

impl From<Level> for Version {
    fn from(level: Level) -> Version {
        Version::html(level)
    }
}

fn page_in(v: impl Into<Version>, rest: &str) -> String {
    format!("{}/{rest}", v.into().folder())
}

/// A language's front page (the version chooser): `index.html`, `cy/index.html`.
pub fn home(lang: Language) -> String {
    in_folder(lang.folder(), HOME)
}

/// A language's page for a missing address: `404.html`, `cy/404.html`.
pub fn not_found(lang: Language) -> String {
    in_folder(lang.folder(), NOT_FOUND)
}

fn in_folder(folder: &str, rest: &str) -> String {
    if folder.is_empty() { rest.to_string() } else { format!("{folder}/{rest}") }
}

/// The same page in another language: `easy/glossary/index.html` in
/// Welsh is `cy/easy/glossary/index.html`, and back.
pub fn in_language(path: &str, from: Language, to: Language) -> String {
    let rest = if from.is_main() { path } else { path.strip_prefix(from.folder()).and_then(|r| r.strip_prefix('/')).unwrap_or(path) };
    in_folder(to.folder(), rest)
}

/// The language a page's path is in, of the site's `languages`.
pub fn language_of(path: &str, languages: &version::Languages) -> Language {
    let top = path.split('/').next().unwrap_or("");
    languages.others().find(|l| l.folder() == top && path.len() > top.len()).unwrap_or(Language::main())
}

/// A version's home: the list of its guides.
pub fn level_home(v: impl Into<Version>) -> String {
    page_in(v, FOLDER_PAGE)
}

pub fn guide(v: impl Into<Version>, slug: &str) -> String {
    page_in(v, &format!("guides/{slug}/{FOLDER_PAGE}"))
}

pub fn glossary(v: impl Into<Version>) -> String {
    page_in(v, &format!("glossary/{FOLDER_PAGE}"))
}

/// One term on the glossary page.
pub fn glossary_term(v: impl Into<Version>, anchor: &str) -> String {
    format!("{}#{anchor}", glossary(v))
}

/// The directory's folder in a version: `easy/directory`.
pub fn directory(v: impl Into<Version>) -> String {
    page_in(v, "directory")
}

pub fn directory_home(v: impl Into<Version>) -> String {
    format!("{}/{FOLDER_PAGE}", directory(v))
}

pub fn a_to_z(v: impl Into<Version>) -> String {
    format!("{}/a-z/{FOLDER_PAGE}", directory(v))
}

pub fn service(v: impl Into<Version>, id: &str) -> String {
    format!("{}/services/{id}/{FOLDER_PAGE}", directory(v))
}

/// The first page of a category's list.
pub fn category(v: impl Into<Version>, id: &str) -> String {
    category_page(v, id, 1)
}

/// Page `number` of a category's list. Later pages sit beside the first,
/// so a card's relative links work on every page.
pub fn category_page(v: impl Into<Version>, id: &str, number: usize) -> String {
    let file = if number == 1 { FOLDER_PAGE.to_string() } else { format!("page-{number}.html") };
    format!("{}/categories/{id}/{file}", directory(v))
}

/// A category's whole list, to print.
pub fn print_list(v: impl Into<Version>, id: &str) -> String {
    format!("{}/categories/{id}/print.html", directory(v))
}

/// A file of the search index, by its name.
pub fn search_file(name: &str) -> String {
    format!("{SEARCH_DIR}/{name}")
}

/// A picture or other file from beside a guide (`rel` from content/guides).
pub fn media(rel: &str) -> String {
    format!("media/{rel}")
}

/// The folder of one guide's pictures, with its slash.
pub fn media_of(slug: &str) -> String {
    media(&format!("{slug}/"))
}

/// A guide's recording in a version (`ext` is the encoder's: `ogg`).
pub fn audio(v: impl Into<Version>, slug: &str, ext: &str) -> String {
    format!("audio/{}/{slug}.{ext}", v.into().folder())
}

/// The page about the Braille-ready files, beside them.
pub fn braille_home() -> String {
    format!("{BRAILLE}/{FOLDER_PAGE}")
}

/// The same page in a version's own words.
pub fn braille_index(v: impl Into<Version>) -> String {
    page_in(v, &format!("{BRAILLE}/{FOLDER_PAGE}"))
}

pub fn braille_guide(slug: &str) -> String {
    format!("{BRAILLE}/guides/{slug}.brf")
}

pub fn braille_glossary() -> String {
    format!("{BRAILLE}/glossary.brf")
}

/// A category's list to print, in Braille.
pub fn braille_category(id: &str) -> String {
    format!("{BRAILLE}/directory/categories/{id}.brf")
}

/// A level's stylesheet.
pub fn stylesheet(level: Level) -> &'static str {
    level.spec().stylesheet
}

/// The same page in another version: `easy/glossary/index.html` in large
/// print is `large/glossary/index.html`. Pages outside the versions go
/// to the other version's home.
pub fn in_version(path: &str, from: Option<Version>, to: impl Into<Version>) -> String {
    let to = to.into();
    let rest = from.and_then(|f| path.strip_prefix(&f.folder())).and_then(|r| r.strip_prefix('/'));
    page_in(to, rest.filter(|r| !r.is_empty()).unwrap_or(FOLDER_PAGE))
}

/// How many folders deep a page is.
fn depth(path: &str) -> usize {
    path.matches('/').count()
}

/// From a page to the output root: `../../` for `easy/glossary/index.html`.
pub fn root(from: &str) -> String {
    "../".repeat(depth(from))
}

/// A link from page `from` to `to` by way of the output root
/// (`../../plain/index.html`). Guide pages and the site's menus link so.
pub fn via_root(from: &str, to: &str) -> String {
    format!("{}{to}", root(from))
}

/// The shortest relative link from page `from` to `to`: up to the folders
/// they share, then down (`../services/x/index.html`).
pub fn relative(from: &str, to: &str) -> String {
    let from_dirs: Vec<&str> = from.split('/').collect();
    let from_dirs = &from_dirs[..from_dirs.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let shared = from_dirs.iter().zip(&to_parts[..to_parts.len() - 1]).take_while(|(a, b)| a == b).count();
    format!("{}{}", "../".repeat(from_dirs.len() - shared), to_parts[shared..].join("/"))
}

/// The path part of the site's address, with its slash: `/` or `/site/`.
pub fn base_path(base_url: &str) -> String {
    let base = base_url.split("://").nth(1).and_then(|r| r.find('/').map(|i| r[i..].to_string())).unwrap_or_else(|| "/".into());
    if base.ends_with('/') { base } else { format!("{base}/") }
}

/// A link from page `from` up to `folder` and down to `to` inside it,
/// never shorter: a directory card made on a service page keeps working
/// on the category pages that show it.
pub fn via_folder(from: &str, folder: &str, to: &str) -> String {
    let up = relative(from, &format!("{folder}/{FOLDER_PAGE}"));
    let up = up.strip_suffix(FOLDER_PAGE).unwrap_or(&up);
    format!("{up}{}", to.strip_prefix(folder).map(|r| r.trim_start_matches('/')).unwrap_or(to))
}

/// A path as the site's address from a base path (`/` or `/site/`), for
/// pages such as the 404 that are served from any depth.
pub fn from_base(base: &str, to: &str) -> String {
    format!("{base}{to}")
}

/// A page's full public address, with a folder's `index.html` left off:
/// for the sitemap and search engines' data.
pub fn public_url(base_url: &str, path: &str) -> String {
    let base = base_url.trim_end_matches('/');
    format!("{base}/{}", path.strip_suffix(FOLDER_PAGE).unwrap_or(path))
}

/// Is this output path a page (for counting and the sitemap)?
pub fn is_page(path: &str) -> bool {
    version::FORMATS.iter().any(|f| path.ends_with(&format!(".{}", f.extension)))
}

/// Does a static file at this output path clash with what easyinfo writes
/// (in any of the site's `languages`)?
pub fn is_reserved(path: &str, languages: &version::Languages) -> bool {
    let top = path.split('/').next().unwrap_or("");
    let version_tops = languages.versions().map(|v| v.folder()).map(|f| f.split('/').next().unwrap_or("").to_string()).collect::<Vec<_>>();
    version_tops.iter().any(|t| t == top) || ASSET_FOLDERS.contains(&top) || [HOME, NOT_FOUND, SITEMAP].contains(&path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(id: &str) -> Level {
        Level::parse(id).unwrap()
    }

    #[test]
    fn pages_have_their_paths() {
        assert_eq!(guide(l("easy"), "money"), "easy/guides/money/index.html");
        assert_eq!(level_home(l("plain")), "plain/index.html");
        assert_eq!(glossary_term(l("large"), "gp"), "large/glossary/index.html#gp");
        assert_eq!(service(l("plain"), "svc"), "plain/directory/services/svc/index.html");
        assert_eq!(category_page(l("easy"), "food", 3), "easy/directory/categories/food/page-3.html");
        assert_eq!(category(l("easy"), "food"), "easy/directory/categories/food/index.html");
        assert_eq!(print_list(l("large"), "food"), "large/directory/categories/food/print.html");
        assert_eq!(a_to_z(l("easy")), "easy/directory/a-z/index.html");
        assert_eq!(media_of("money"), "media/money/");
        assert_eq!(audio(l("easy"), "money", "ogg"), "audio/easy/money.ogg");
        assert_eq!(braille_guide("money"), "braille/guides/money.brf");
        assert_eq!(braille_glossary(), "braille/glossary.brf");
        assert_eq!(braille_category("food"), "braille/directory/categories/food.brf");
        assert_eq!(braille_home(), "braille/index.html");
        assert_eq!(braille_index(l("easy")), "easy/braille/index.html");
    }

    #[test]
    fn relative_links_climb_to_what_the_pages_share() {
        let az = a_to_z(l("easy"));
        assert_eq!(relative(&az, &service(l("easy"), "x")), "../services/x/index.html");
        assert_eq!(relative(&category(l("easy"), "c"), &service(l("easy"), "x")), "../../services/x/index.html");
        assert_eq!(relative(&category_page(l("easy"), "c", 2), &category(l("easy"), "c")), "index.html");
        assert_eq!(relative(&level_home(l("plain")), &guide(l("plain"), "g")), "guides/g/index.html");
        assert_eq!(relative(&directory_home(l("easy")), &category(l("easy"), "c")), "categories/c/index.html");
        assert_eq!(relative(&category(l("easy"), "c"), &print_list(l("large"), "c")), "../../../../large/directory/categories/c/print.html");
        let svc = service(l("easy"), "x");
        assert_eq!(via_folder(&svc, &directory(l("easy")), &svc), "../../services/x/index.html");
        assert_eq!(via_root(&glossary(l("easy")), &level_home(l("plain"))), "../../plain/index.html");
        assert_eq!(via_root(HOME, &level_home(l("easy"))), "easy/index.html");
    }

    #[test]
    fn pages_in_other_languages() {
        let langs = version::Languages::new("en-GB", "English", &[("cy".into(), "Cymraeg".into())]);
        let cy = langs.parse("cy").unwrap();
        let g = guide(Version { language: cy, ..Version::html(l("easy")) }, "money");
        assert_eq!(g, "cy/easy/guides/money/index.html");
        assert_eq!(in_language(&g, cy, Language::main()), "easy/guides/money/index.html");
        assert_eq!(in_language(HOME, Language::main(), cy), "cy/index.html");
        assert_eq!((home(cy), not_found(cy), home(Language::main())), ("cy/index.html".into(), "cy/404.html".into(), HOME.to_string()));
        assert_eq!(language_of(&g, &langs), cy);
        assert_eq!(language_of("easy/index.html", &langs), Language::main());
        assert_eq!(relative(&g, &guide(Version { language: cy, ..Version::html(l("easy")) }, "x")), "../x/index.html");
    }

    #[test]
    fn other_versions_of_a_page() {
        let g = glossary(l("easy"));
        assert_eq!(in_version(&g, Some(l("easy").into()), l("large")), "large/glossary/index.html");
        assert_eq!(in_version(HOME, None, l("easy")), "easy/index.html");
    }

    #[test]
    fn public_addresses_leave_off_index_html() {
        assert_eq!(public_url("https://x.org/", &guide(l("easy"), "a")), "https://x.org/easy/guides/a/");
        assert_eq!(public_url("https://x.org", NOT_FOUND), "https://x.org/404.html");
        assert_eq!(base_path("https://x.org/site"), "/site/");
        assert_eq!(base_path("/"), "/");
        let en = version::Languages::default();
        assert!(is_reserved("easy/x.png", &en) && is_reserved("sitemap.xml", &en) && is_reserved("media/a", &en) && is_reserved("braille/a.brf", &en) && is_reserved("audio/a.ogg", &en));
        assert!(!is_reserved("pictures/a.png", &en) && !is_reserved("cy/a.png", &en));
        let cy = version::Languages::new("en-GB", "English", &[("cy".into(), "Cymraeg".into())]);
        assert!(is_reserved("cy/a.png", &cy));
    }
}

/// Nothing outside this file builds a page's address: a string literal in
/// `src/` that holds a piece of one (`index.html`, `../`, a version's page
/// folder) fails this test. Tests, `include_str!` paths and the server's
/// mapping from an address to a file are not URL building.
#[cfg(test)]
mod no_urls_elsewhere {
    const PIECES: [&str; 7] = ["index.html", "../", "}/print.html", "}/guides/", "}/glossary", "}/directory", "media/"];
    /// Files that map addresses to files rather than making links.
    const SERVES: [&str; 2] = ["src/serve/http.rs", "src/serve/http/"];

    fn literals(line: &str) -> Vec<&str> {
        line.split('"').skip(1).step_by(2).collect()
    }

    fn check(rel: &str, text: &str) -> Vec<String> {
        let mut found = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let t = line.trim_start();
            if t.starts_with("#[cfg(test)]") {
                break;
            }
            if t.starts_with("//") || line.contains("include_str!") {
                continue;
            }
            for lit in literals(line) {
                if let Some(p) = PIECES.iter().find(|p| lit.contains(**p)) {
                    found.push(format!("{rel}:{}: `{p}` in \"{lit}\"", n + 1));
                }
            }
        }
        found
    }

    #[test]
    fn the_check_finds_a_url_built_by_hand() {
        assert_eq!(check("x.rs", "let a = format!(\"{v}/guides/{slug}/index.html\");").len(), 1);
        assert_eq!(check("x.rs", "let a = \"../../x\";").len(), 1);
        assert!(check("x.rs", "#[cfg(test)]\nlet a = \"index.html\";").is_empty());
    }

    #[test]
    fn only_routes_builds_urls() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut found = Vec::new();
        let mut dirs = vec![src.clone()];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                let rel = format!("src/{}", p.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/"));
                if p.is_dir() {
                    dirs.push(p);
                } else if p.extension().is_some_and(|x| x == "rs") && rel != "src/core/routes.rs" && !SERVES.iter().any(|s| rel == *s || (s.ends_with('/') && rel.starts_with(s))) {
                    found.extend(check(&rel, &std::fs::read_to_string(&p).unwrap()));
                }
            }
        }
        assert!(found.is_empty(), "build these addresses in src/core/routes.rs:\n{}", found.join("\n"));
    }
}
