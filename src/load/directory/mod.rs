//! The local service directory: services and categories, from YAML files
//! and spreadsheets.
//!
//! - `content/directory/categories.yaml`: the categories;
//! - `content/directory/services/*.yaml`: one service a file;
//! - `content/directory/services.csv`: services as a spreadsheet.
//!
//! `load` reads and checks them all, reporting every problem; `warnings`
//! gives the lint's softer findings; `render::pages` makes the pages and
//! the search index.

pub mod csv;
pub mod model;
pub mod text;
pub mod translations;
pub mod validate;

pub use model::{Category, Directory, Service};

use crate::core::rules::Rule;
use crate::core::diagnostics::{display_path, Diagnostic};
use crate::load::site::files;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::Path;
use validate::YamlLoc;

pub const DIR: &str = "content/directory";
pub const CATEGORIES_FILE: &str = "content/directory/categories.yaml";
pub const CSV_FILE: &str = "content/directory/services.csv";
pub const SERVICES_DIR: &str = "content/directory/services";

/// Load `content/directory/`. A site without one has an empty directory.
/// Every problem in every file is reported, not just the first.
pub fn load(root: &Path, max_file_size: u64) -> Result<Directory, Vec<Diagnostic>> {
    load_in(root, max_file_size, &[])
}

/// [`load`] for a site with other `languages` (their codes): each service
/// and category may have a map of its text in each (`cy: { name: … }`).
pub fn load_in(root: &Path, max_file_size: u64, languages: &[String]) -> Result<Directory, Vec<Diagnostic>> {
    let base = root.join(DIR);
    if !files::present(root, &base).map_err(|d| vec![d])? {
        return Ok(Directory::default());
    }
    let mut diags = Vec::new();

    let categories = load_categories(root, max_file_size, languages, &mut diags);

    // Services: every YAML file, then the spreadsheet.
    let yaml_texts = read_yaml_services(root, max_file_size, languages, &mut diags);
    let checked: Vec<Vec<Diagnostic>> = yaml_texts
        .par_iter()
        .map(|(file, text, service)| {
            let mut d = Vec::new();
            validate::service(service, &YamlLoc { file, text }, &categories, &mut d);
            d
        })
        .collect();
    diags.extend(checked.into_iter().flatten());
    let mut services: Vec<Service> = yaml_texts.into_iter().map(|(_, _, s)| s).collect();
    let csv_path = root.join(CSV_FILE);
    let csv_present = files::present(root, &csv_path).unwrap_or_else(|d| {
        diags.push(d);
        false
    });
    if csv_present {
        match files::read_text(root, &csv_path, max_file_size) {
            Ok(text) => {
                let mut rows = csv::read(&text, CSV_FILE, &mut diags);
                rows.iter_mut().for_each(|(s, _)| s.normalise());
                let checked: Vec<Vec<Diagnostic>> = rows
                    .par_iter()
                    .map(|(service, loc)| {
                        let mut d = Vec::new();
                        validate::service(service, loc, &categories, &mut d);
                        d
                    })
                    .collect();
                diags.extend(checked.into_iter().flatten());
                services.extend(rows.into_iter().map(|(s, _)| s));
            }
            Err(d) => diags.push(d),
        }
    }

    // Ids must be unique across all files.
    let mut seen: HashMap<&str, &Service> = HashMap::new();
    for s in &services {
        if s.id.is_empty() {
            continue;
        }
        if let Some(first) = seen.insert(&s.id, s) {
            let other = match first.source.row {
                Some(r) => format!("{} row {r}", first.source.file),
                None => first.source.file.clone(),
            };
            let (line, prefix) = match s.source.row {
                Some(r) => (s.source.line, format!("row {r}, column `id`: ")),
                None => (s.source.line_of("id"), String::new()),
            };
            diags.push(
                Diagnostic::error(Rule::DirectoryDuplicateId, &s.source.file, format!("{prefix}the id `{}` is already used by {other}", crate::core::util::visible(&s.id)))
                    .at(line, 1)
                    .hint("Every service needs its own id. Change one of them, or delete the copy."),
            );
            seen.insert(&first.id, first);
        }
    }

    if diags.iter().any(Diagnostic::is_error) {
        return Err(diags);
    }
    services.sort_by_cached_key(|s| (text::fold(&s.name), s.id.clone()));
    Ok(Directory { categories, services })
}

pub(crate) fn load_categories(root: &Path, max: u64, languages: &[String], diags: &mut Vec<Diagnostic>) -> Vec<model::Category> {
    let path = root.join(CATEGORIES_FILE);
    match files::present(root, &path) {
        Ok(true) => {}
        Ok(false) => return Vec::new(),
        Err(d) => {
            diags.push(d);
            return Vec::new();
        }
    }
    let text = match files::read_text(root, &path, max) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return Vec::new();
        }
    };
    if text.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#')) {
        return Vec::new();
    }
    let (rest, maps) = translations::split(&text, languages);
    let mut cats: Vec<model::Category> = match crate::load::site::yaml::parse(&rest, CATEGORIES_FILE, 0) {
        Ok(c) => c,
        Err(d) => {
            diags.push(translations::unknown_language_hint(d.hint_if_none("categories.yaml is a list; each item starts with `- id: …` and has a `name`.")));
            return Vec::new();
        }
    };
    for (item, block) in maps {
        match (translations::parse(&block, CATEGORIES_FILE), cats.get_mut(item)) {
            (Ok(t), Some(c)) => c.translations = t,
            (Err(d), _) => diags.push(d),
            (Ok(_), None) => {}
        }
    }
    let starts: Vec<usize> = text.lines().enumerate().filter(|(_, l)| l.starts_with('-')).map(|(i, _)| i + 1).collect();
    for (i, c) in cats.iter_mut().enumerate() {
        c.normalise();
        c.line = starts.get(i).copied().unwrap_or(1);
    }
    validate::categories(&cats, CATEGORIES_FILE, diags);
    cats
}

trait HintIfNone {
    fn hint_if_none(self, h: &str) -> Self;
}
impl HintIfNone for Diagnostic {
    fn hint_if_none(self, h: &str) -> Self {
        if self.suggestion.is_some() { self } else { self.hint(h) }
    }
}

/// (file, text, service) for every YAML service file that parses.
fn read_yaml_services(root: &Path, max: u64, languages: &[String], diags: &mut Vec<Diagnostic>) -> Vec<(String, String, Service)> {
    let (paths, mut d) = files::walk(root, &root.join(SERVICES_DIR));
    diags.append(&mut d);
    let paths: Vec<_> = paths.into_iter().filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml")).collect();
    let read: Vec<Result<(String, String, Service), Diagnostic>> = paths.par_iter().map(|p| read_yaml_service(root, p, max, languages)).collect();
    let mut out = Vec::with_capacity(read.len());
    for r in read {
        match r {
            Ok(s) => out.push(s),
            Err(d) => diags.push(d),
        }
    }
    out
}

fn read_yaml_service(root: &Path, p: &Path, max: u64, languages: &[String]) -> Result<(String, String, Service), Diagnostic> {
    let file = display_path(root, p);
    let text = files::read_text(root, p, max)?;
    if text.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#')) {
        return Err(Diagnostic::error(Rule::DirectoryMissingField, &file, "this service file is empty")
            .hint("Add the service's `id` and `name` at least, or delete the file."));
    }
    let (rest, maps) = translations::split(&text, languages);
    match crate::load::site::yaml::parse::<Service>(&rest, &file, 0) {
        Ok(mut s) => {
            if let Some(block) = maps.get(&0) {
                s.translations = translations::parse(block, &file)?;
            }
            s.normalise();
            s.source = model::SourcePos { file: file.clone(), line: 1, row: None, fields: YamlLoc::top_fields(&text) };
            Ok((file, text, s))
        }
        Err(mut d) => {
            // Our own yes/no check cannot say where it was; the field can.
            if d.message.ends_with("is not yes or no") {
                if let Some(&line) = YamlLoc::top_fields(&text).get("personal_budget") {
                    d = d.at(line, 1).with_source_line(text.lines().nth(line - 1).unwrap_or(""));
                    d.message = format!("`personal_budget`: {}", d.message);
                }
                d = d.hint("Write `yes` or `no` (or `true` or `false`), or leave it out if you do not know.");
            }
            Err(translations::unknown_language_hint(d.hint_if_none("A service file holds one service: `id: …`, `name: …` and the other fields, one a line.")))
        }
    }
}

/// The lint's softer findings about the directory:
/// - `directory/easy-description`: no `easy_description`, so easy read pages
///   fall back to `description`;
/// - `content/stale`: no `reviewed` date, or one more than
///   `stale_after_months` old (0 turns this off).
pub fn warnings(dir: &Directory, stale_after_months: u32, today: chrono::NaiveDate) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let cutoff = today.checked_sub_months(chrono::Months::new(stale_after_months));
    for s in &dir.services {
        let src = &s.source;
        if s.easy_description.as_deref().is_none_or(|e| e.trim().is_empty()) {
            let (line, prefix) = match src.row {
                Some(r) => (src.line, format!("row {r}, column `easy_description`: ")),
                None => (src.line_of("description").max(1), String::new()),
            };
            let fallback = if s.description.as_deref().is_some_and(|d| !d.trim().is_empty()) {
                "easy read pages show the `description` instead"
            } else {
                "it has no `description` either, so easy read pages have no words about it"
            };
            out.push(
                Diagnostic::warning(Rule::DirectoryEasyDescription, &src.file, format!("{prefix}`{}` has no `easy_description`: {fallback}", s.name))
                    .at(line, 1)
                    .level(crate::core::version::Level::easiest())
                    .hint("Add `easy_description:` with one or two short sentences, like \"We help you feel better.\""),
            );
        }
        if s.reviewed.as_deref().is_none_or(|r| r.trim().is_empty()) && stale_after_months > 0 {
            let (line, prefix) = match src.row {
                Some(r) => (src.line, format!("row {r}, column `reviewed`: ")),
                None => (src.line, String::new()),
            };
            out.push(
                Diagnostic::warning(Rule::ContentStale, &src.file, format!("{prefix}`{}` has no `reviewed` date", s.name))
                    .at(line, 1)
                    .hint("Add `reviewed: YYYY-MM-DD` after you check the details with the service."),
            );
        }
        if let (Some(date), Some(cutoff)) = (s.reviewed_date(), cutoff) {
            if stale_after_months > 0 && date < cutoff {
                let (line, prefix) = match src.row {
                    Some(r) => (src.line, format!("row {r}, column `reviewed`: ")),
                    None => (src.line_of("reviewed"), String::new()),
                };
                out.push(
                    Diagnostic::warning(
                        Rule::ContentStale,
                        &src.file,
                        format!("{prefix}`{}` was last checked on {date}, more than {stale_after_months} months ago", s.name),
                    )
                    .at(line, 1)
                    .hint("Check the details with the service, then change `reviewed` to today's date."),
                );
            }
        }
    }
    out
}

/// For other stages: does a service with this id exist?
pub fn has_service(dir: &Directory, id: &str) -> bool {
    dir.services.iter().any(|s| s.id == id)
}
