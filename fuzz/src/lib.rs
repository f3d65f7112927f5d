//! Shared pieces of the fuzz targets, so the proptests and regression tests
//! can reuse exactly what the fuzzers run.

use easyinfo::load::glossary::{EasyUse, Entry, Glossary, PlainUse};
use easyinfo::core::version::Level;
use easyinfo::load::links;
use std::path::Path;


pub fn entry(term: &str, abbr: Option<&str>, easy: EasyUse, plain: PlainUse) -> Entry {
    Entry {
        term: term.into(),
        forms: Vec::new(),
        abbr: abbr.map(Into::into),
        means: format!("What {term} means."),
        instead: Some("other words".into()),
        easy,
        plain,
        line: 0,
    }
}

/// A small glossary, so rendering exercises term marking and notes.
pub fn glossary() -> Glossary {
    Glossary::new(vec![
        entry("direct payment", None, EasyUse::Explain, PlainUse::Ok),
        entry("payment", None, EasyUse::Explain, PlainUse::Ok),
        entry("RAS", Some("resource allocation system"), EasyUse::Avoid, PlainUse::Avoid),
        entry("person-centred", None, EasyUse::Explain, PlainUse::Avoid),
        entry("café", None, EasyUse::Explain, PlainUse::Ok),
    ])
}

/// Parse a guide and push it through every stage that reads its text:
/// containers, Markdown rendering in all three levels, and the lint's units.
/// Panics (which the fuzzer reports) when an invariant breaks.
pub fn guide(source: &str, glossary: &Glossary) {
    let dir = Path::new("/site/content/guides/g");
    let root = Path::new("/site/content/guides");
    let Ok(g) = easyinfo::load::guide::parse("g", "content/guides/g/index.md", dir.to_path_buf(), source.to_string()) else {
        return;
    };
    let body = g.body();
    for level in Level::ALL {
        let src = g.level_source(level);
        assert_eq!(src.len(), body.len(), "a level's source must keep the body's byte offsets");
        for (a, b) in src.bytes().zip(body.bytes()) {
            assert!(a == b || a == b' ' || (a == b'\n') == (b == b'\n'), "levels only blank bytes");
        }
        let resolve = |url: &str| links::resolve(url, level, dir, root, &links::OneOfEach);
        let ctx = easyinfo::render::markdown::Ctx { level, glossary, root: "../../../", resolve: &resolve, title_at: g.title_heading[level.index()] };
        let _ = easyinfo::render::markdown::render(src, &ctx);
        let units = easyinfo::check::text::units(src);
        let index = easyinfo::core::diagnostics::LineIndex::new(&g.source);
        for u in &units {
            for pos in [0, u.text.len() / 2, u.text.len()] {
                let off = u.source_offset(pos);
                let _ = index.line_col(g.body_start + off);
            }
            for s in easyinfo::check::readability::split_sentences(&u.text) {
                let _ = easyinfo::check::readability::words(&u.text[s]);
            }
            let _ = glossary.find(&u.text);
        }
        let _ = easyinfo::check::readability::stats(units.iter().map(|u| u.text.as_str()));
    }
}

/// Parse `yaml` as a glossary; then build a glossary from the input's first
/// lines and match it over the rest, checking every match is a whole,
/// non-overlapping slice of the text.
pub fn glossary_input(data: &str) {
    if let Ok(g) = Glossary::parse(data) {
        check_matches(&g, data);
    }
    let mut lines = data.splitn(5, '\n');
    let terms: Vec<&str> = lines.by_ref().take(4).collect();
    let text = lines.next().unwrap_or("");
    let entries = terms
        .iter()
        .filter(|t| !t.trim().is_empty())
        .map(|t| {
            let mut parts = t.split('|');
            let mut e = entry(parts.next().unwrap_or(""), None, EasyUse::Explain, PlainUse::Ok);
            e.forms = parts.map(str::to_string).collect();
            e
        })
        .collect();
    let g = Glossary::new(entries);
    check_matches(&g, text);
    check_matches(&g, &easyinfo::load::glossary::matcher::normalize(text));
}

fn check_matches(g: &Glossary, text: &str) {
    let found = g.find(text);
    let mut last = 0;
    for m in found {
        assert!(m.start >= last, "matches must not overlap");
        assert!(m.start < m.end && m.end <= text.len());
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        assert!(m.entry < g.entries.len());
        last = m.end;
    }
}

/// The categories every fuzzed service may use.
pub fn categories() -> Vec<easyinfo::load::directory::Category> {
    ["health", "money"]
        .iter()
        .map(|id| easyinfo::load::directory::Category { id: id.to_string(), name: id.to_string(), easy_name: None, description: None, translations: Default::default(), line: 1 })
        .collect()
}

/// Service YAML and the services spreadsheet, read and checked the way
/// `directory::load` does.
pub fn service_input(data: &str) {
    use easyinfo::load::directory::{csv, validate};
    let cats = categories();
    let mut diags = Vec::new();
    let file = "content/directory/services/x.yaml";
    if let Ok(mut s) = easyinfo::load::site::yaml::parse::<easyinfo::load::directory::Service>(data, file, 0) {
        s.source = easyinfo::load::directory::model::SourcePos {
            file: file.into(),
            line: 1,
            row: None,
            fields: validate::YamlLoc::top_fields(data),
        };
        let loc = validate::YamlLoc { file, text: data };
        validate::service(&s, &loc, &cats, &mut diags);
    }
    for (s, loc) in csv::read(data, "content/directory/services.csv", &mut diags) {
        validate::service(&s, &loc, &cats, &mut diags);
    }
    let _ = csv::schedule(data);
    for d in &diags {
        assert!(!d.file.is_empty());
    }
}

/// HSDS import of arbitrary JSON. Whatever it accepts must come out as
/// service YAML that easyinfo itself reads back, with a safe, unique id,
/// and that the build's checks accept.
pub fn hsds_input(data: &[u8]) {
    use easyinfo::cmd::import::hsds;
    use easyinfo::load::directory::{validate, Service};
    let Ok(text) = std::str::from_utf8(data) else { return };
    let cats = categories();
    let site = hsds::SiteInfo { categories: cats.clone(), ids: Default::default() };
    let Ok((records, _)) = hsds::convert_checked(text, "in.json", Some(&site)) else { return };
    let services: Vec<Service> = records.into_iter().map(|r| r.service).collect();
    let mut ids = std::collections::HashSet::new();
    for s in &services {
        assert!(!s.id.is_empty(), "an imported service has an id");
        assert_eq!(easyinfo::core::util::slugify(&s.id), s.id, "ids are safe for file names and web addresses");
        assert!(ids.insert(s.id.clone()), "ids are unique");
        let yaml = hsds::to_yaml(s, "in.json");
        let file = format!("content/directory/services/{}.yaml", s.id);
        let back: Service = match easyinfo::load::site::yaml::parse(&yaml, &file, 0) {
            Ok(b) => b,
            Err(d) => panic!("the imported YAML does not read back: {d:?}\n{yaml}"),
        };
        assert_eq!(back.id, s.id);
        assert_eq!(back.name, s.name);
        let mut diags = Vec::new();
        let loc = validate::YamlLoc { file: &file, text: &yaml };
        validate::service(&back, &loc, &cats, &mut diags);
        assert!(!diags.iter().any(|d| d.is_error()), "the build would refuse an imported file: {diags:?}\n{yaml}");
    }
}
