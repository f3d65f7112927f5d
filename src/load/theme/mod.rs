//! Themes: Tera templates plus CSS and JS. The default theme is built into
//! the binary; a site's `themes/<name>/` overrides it file by file.

pub mod css;

use crate::core::rules::Rule;
use crate::core::diagnostics::{display_path, Diagnostic};
use std::collections::BTreeMap;
use crate::core::strings::Strings;
use std::path::Path;

macro_rules! embed {
    ($($f:literal),* $(,)?) => {
        &[$(($f, include_str!(concat!("../../../themes/default/", $f)))),*]
    };
}

/// The default theme, compiled in so `easyinfo new` sites need no theme folder.
pub const DEFAULT: &[(&str, &str)] = embed![
    "templates/base.html",
    "templates/home.html",
    "templates/level_home.html",
    "templates/guide.html",
    "templates/glossary.html",
    "templates/404.html",
    "templates/directory/home.html",
    "templates/directory/category.html",
    "templates/directory/a-z.html",
    "templates/directory/service.html",
    "templates/directory/print.html",
    "templates/directory/card.html",
    "templates/directory/print-entry.html",
    "templates/parts/pair.html",
    "templates/parts/term-note.html",
    "templates/parts/listen.html",
    "templates/braille.html",
    "templates/parts/braille-link.html",
    "css/base.css",
    "css/easy.css",
    "css/large.css",
    "css/plain.css",
    "css/directory.css",
    "js/prefs.js",
    "js/controls.js",
    "js/search.js",
    "js/listen.js",
    "i18n/en.yaml",
    "i18n/cy.yaml",
];


#[derive(Clone)]
pub struct Theme {
    pub tera: tera::Tera,
    /// `templates/<name>` to (the file to name in messages, its text).
    pub templates: BTreeMap<String, (String, String)>,
    /// Output path (`css/easy.css`) to minified CSS.
    pub assets: BTreeMap<String, String>,
    /// Language code (`en`, `cy`) to the theme's words in it.
    pub strings: BTreeMap<String, Strings>,
}

impl Theme {
    /// A theme name is a folder's name in themes/: letters, numbers, dashes,
    /// underscores and dots, not starting with a dot. Never a path.
    pub fn valid_name(name: &str) -> bool {
        name.len() <= 100
            && name.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    }

    pub fn load(root: &Path, name: &str) -> Result<Theme, Vec<Diagnostic>> {
        if !Self::valid_name(name) {
            return Err(vec![Diagnostic::error(Rule::ThemeName, "site.yaml", format!("`{name}` is not a theme name"))
                .hint("Write just the name of a folder in themes/, like `theme: my-theme`.")]);
        }
        let dir = root.join("themes").join(name);
        let mut files: BTreeMap<String, (String, String)> =
            DEFAULT.iter().map(|(p, t)| (p.to_string(), (format!("(built-in theme) {p}"), t.to_string()))).collect();
        let mut errors = Vec::new();
        let present = match crate::load::site::files::present(root, &dir) {
            Ok(p) => p,
            Err(d) => return Err(vec![d]),
        };
        if present {
            let (paths, mut d) = crate::load::site::files::walk(root, &dir);
            errors.append(&mut d);
            for p in paths {
                let rel = display_path(&dir, &p);
                match crate::load::site::files::read_text(root, &p, 4 * 1024 * 1024) {
                    Ok(t) => {
                        files.insert(rel, (display_path(root, &p), t));
                    }
                    Err(d) => errors.push(d),
                }
            }
        } else if name != "default" {
            return Err(vec![Diagnostic::error(Rule::ThemeMissing, "site.yaml", format!("the theme `{name}` does not exist"))
                .hint(format!("Create themes/{name}/, or remove the `theme:` line to use the built-in theme."))]);
        }
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.register_filter("fill", crate::core::strings::Fill);
        let templates: Vec<(String, String)> = files
            .iter()
            .filter_map(|(rel, (_, text))| rel.strip_prefix("templates/").map(|n| (n.to_string(), text.clone())))
            .collect();
        if let Err(e) = tera.add_raw_templates(templates) {
            errors.push(template_error(&e, &files));
        }
        let mut assets = BTreeMap::new();
        let css = |n: &str| files.get(&format!("css/{n}.css")).map(|(_, t)| t.as_str()).unwrap_or("");
        for level in crate::core::version::Level::ALL {
            let sheet = crate::core::routes::stylesheet(level);
            let joined = format!("{}\n{}\n{}", css("base"), css("directory"), files.get(sheet).map(|(_, t)| t.as_str()).unwrap_or(""));
            match css::process(sheet, &joined) {
                Ok(out) => {
                    assets.insert(sheet.to_string(), out);
                }
                Err(e) => errors.push(
                    Diagnostic::error(Rule::ThemeCss, format!("themes/{name}/css"), format!("the CSS for {level} has an error: {e}"))
                        .hint("Check the CSS files in the theme's css/ folder."),
                ),
            }
        }
        for (rel, (_, text)) in &files {
            if rel.starts_with("js/") {
                assets.insert(rel.clone(), text.clone());
            }
        }
        let strings = load_strings(&files, &mut errors);
        let templates = files.into_iter().filter(|(rel, _)| rel.starts_with("templates/")).collect();
        if errors.is_empty() { Ok(Theme { tera, templates, assets, strings }) } else { Err(errors) }
    }

    /// The words for language `lang` (`en-GB`): its own file, else its
    /// main language's (`en`), else English.
    pub fn strings(&self, lang: &str) -> &Strings {
        let main = lang.split(['-', '_']).next().unwrap_or(lang);
        self.strings.get(lang).or_else(|| self.strings.get(main)).or_else(|| self.strings.get("en")).expect("the built-in English strings always load")
    }

    /// The words for another language of the site: its own file
    /// (`i18n/cy.yaml`), or its main language's (`pt` for `pt-BR`), never English.
    pub fn strings_for(&self, code: &str) -> Option<&Strings> {
        let main = code.split(['-', '_']).next().unwrap_or(code);
        self.strings.get(code).or_else(|| self.strings.get(main))
    }
}

/// Every `i18n/<code>.yaml`, each checked against the built-in English.
fn load_strings(files: &BTreeMap<String, (String, String)>, errors: &mut Vec<Diagnostic>) -> BTreeMap<String, Strings> {
    let versions: Vec<&str> = crate::core::version::Level::ALL.iter().map(|l| l.id()).collect();
    let reference = Strings::builtin();
    let mut out = BTreeMap::new();
    for (rel, (shown, text)) in files {
        let Some(code) = rel.strip_prefix("i18n/").and_then(|n| n.strip_suffix(".yaml")) else { continue };
        match Strings::parse(shown, code, text, Some(reference), &versions) {
            Ok(s) => {
                out.insert(code.to_string(), s);
            }
            Err(mut d) => errors.append(&mut d),
        }
    }
    out
}

/// Tera names the template and, for syntax errors, the line. `files` maps
/// `templates/<name>` to (the file to name in messages, its text).
pub fn template_error(e: &tera::Error, files: &BTreeMap<String, (String, String)>) -> Diagnostic {
    let mut chain = vec![e.to_string()];
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        chain.push(s.to_string());
        src = s.source();
    }
    let text = chain.join(": ");
    let name = text.split('\'').nth(1).unwrap_or("").to_string();
    let entry = files.get(&format!("templates/{name}"));
    let file = entry.map(|(f, _)| f.clone()).unwrap_or_else(|| format!("templates/{name}"));
    let line = regex::Regex::new(r"--> (\d+):(\d+)")
        .ok()
        .and_then(|re| re.captures(&text).map(|c| (c[1].parse().unwrap_or(0), c[2].parse().unwrap_or(0))))
        .unwrap_or((0, 0));
    // Tera's own explanation: the `= expected …` line of a syntax error, or
    // the last cause of a rendering error.
    let detail = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("= ").map(str::to_string))
        .unwrap_or_else(|| chain.last().cloned().unwrap_or_default().lines().next().unwrap_or("").to_string());
    let (message, hint) = if line.0 > 0 {
        (
            format!("the template `{name}` has a mistake: {detail}"),
            "Check that every `{{` on this line has its `}}` and every `{%` its `%}`. Templates use Tera: https://keats.github.io/tera/docs/".to_string(),
        )
    } else {
        (
            format!("the template `{name}` could not be filled in: {detail}"),
            "Check the names used between `{{` and `}}` in this template; the built-in theme shows which names each page has.".to_string(),
        )
    };
    let mut d = Diagnostic::error(Rule::ThemeTemplate, file, message).at(line.0, line.1).hint(hint);
    if let Some(src) = entry.and_then(|(_, t)| t.lines().nth(line.0.saturating_sub(1))).filter(|_| line.0 > 0) {
        d = d.with_source_line(src);
    }
    d
}
