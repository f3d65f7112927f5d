//! A site seen in one of its other languages: the same site with that
//! language's guides, glossary, directory text and words in the places
//! the renderer reads, so every page is made by the same code in every
//! language.

use super::Site;
use crate::core::language::Language;
use crate::core::version::{Level, Version};
use crate::load::directory::Directory;
use crate::load::glossary::Glossary;

impl Site {
    /// This site with `lang`'s content where the main language's is. The
    /// main language's view is a copy of the site.
    pub fn in_language(&self, lang: Language) -> Site {
        let code = lang.code();
        let (guides, glossary, directory, language) = if lang.is_main() {
            (self.guides.clone(), self.glossary.entries.clone(), self.directory.clone(), self.config.language.clone())
        } else {
            let glossary = self.glossaries.get(code).map(|g| g.entries.clone()).unwrap_or_default();
            (self.translations(code).to_vec(), glossary, in_language(&self.directory, code, &self.config.language), self.languages.spec(lang).code.clone())
        };
        let mut config = self.config.clone();
        if !lang.is_main() {
            own_words(&mut config, code);
        }
        config.language = language;
        Site {
            root: self.root.clone(),
            config,
            languages: self.languages.clone(),
            view: lang,
            main_slugs: self.main_slugs.clone(),
            guides,
            translations: self.translations.clone(),
            glossary: Glossary::new(glossary),
            glossaries: Default::default(),
            directory,
            theme: self.theme.clone(),
            static_files: self.static_files.clone(),
            guide_assets: self.guide_assets.clone(),
        }
    }

    /// A level's version in this site's language.
    pub fn at(&self, level: Level) -> Version {
        Version { language: self.view, ..Version::html(level) }
    }

    /// Is there a page for guide `slug` in `lang`? Every original is in
    /// the main language; another language has the guides translated into it.
    pub fn has_guide_in(&self, lang: Language, slug: &str) -> bool {
        if lang.is_main() { true } else { self.translations(lang.code()).iter().any(|g| g.slug == slug) }
    }
}

/// The site's own words (title, formats contact, directory notice and
/// area) in language `code` where its entry in `languages:` gives them;
/// the rest keep the main language's and are listed in `kept`.
fn own_words(config: &mut crate::load::site::config::Config, code: &str) {
    let Some(t) = config.languages.get(code).cloned() else { return };
    let main = config.language.clone();
    let fields = [
        ("title", &mut config.title, t.title),
        ("formats_contact", &mut config.formats_contact, t.formats_contact),
        ("directory_notice", &mut config.directory.notice, t.directory.notice),
        ("directory_area", &mut config.directory.area, t.directory.area),
    ];
    for (name, field, to) in fields {
        match to.filter(|t| !t.trim().is_empty()) {
            Some(t) => *field = t,
            None if !field.trim().is_empty() => {
                config.kept.insert(name.to_string(), main.clone());
            }
            None => {}
        }
    }
}

/// The directory with each service's and category's text in language
/// `code` where its `cy:` map gives it, the original's elsewhere; a
/// service's fields that kept the original's words (in language `main`)
/// are listed in its `lang`.
pub fn in_language(dir: &Directory, code: &str, main: &str) -> Directory {
    let mut out = dir.clone();
    for c in &mut out.categories {
        if let Some(t) = c.translations.get(code).cloned() {
            swap(&mut c.name, t.name);
            swap_opt(&mut c.easy_name, t.easy_name);
            swap_opt(&mut c.description, t.description);
        }
    }
    for s in &mut out.services {
        let t = s.translations.get(code).cloned().unwrap_or_default();
        let given = |f: &Option<String>| f.as_deref().is_some_and(|x| !x.trim().is_empty());
        let easy_or_plain = given(&t.description) || given(&t.easy_description);
        let kept = [("name", given(&t.name)), ("organization", given(&t.organization)), ("description", easy_or_plain), ("who_for", given(&t.who_for)), ("cost", given(&t.cost))];
        s.lang = kept.iter().filter(|(_, translated)| !translated).map(|(f, _)| (*f, main.to_string())).collect();
        // A description in this language serves every level rather than the original's.
        if easy_or_plain {
            s.description = t.description.clone().or_else(|| t.easy_description.clone());
            s.easy_description = t.easy_description.clone().or_else(|| t.description.clone());
        }
        swap(&mut s.name, t.name);
        swap_opt(&mut s.organization, t.organization);
        swap_opt(&mut s.who_for, t.who_for);
        s.original_cost = s.cost.clone();
        swap_opt(&mut s.cost, t.cost);
    }
    // The A–Z and lists follow the names in this language, in its alphabet's order.
    out.services.sort_by_cached_key(|s| (crate::core::alphabet::sort_key(&crate::load::directory::text::fold(&s.name), code), s.id.clone()));
    out
}

fn swap(field: &mut String, to: Option<String>) {
    if let Some(t) = to.filter(|t| !t.trim().is_empty()) {
        *field = t;
    }
}

fn swap_opt(field: &mut Option<String>, to: Option<String>) {
    if let Some(t) = to.filter(|t| !t.trim().is_empty()) {
        *field = Some(t);
    }
}
