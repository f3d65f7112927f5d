//! The directory's pages as data: every view a directory template shows,
//! built from the checked directory without any HTML. Only checked
//! `http(s):`, `mailto:` and `tel:`/`sms:` addresses become `href`s.

use crate::load::directory::model::{Category, Directory, Service};
use crate::load::directory::text;
use crate::core::routes;
use crate::core::strings::Words;
use crate::core::version::Version;
use serde::Serialize;

#[derive(Serialize)]
pub struct CategoryView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub description: &'a str,
    pub href: String,
    pub count: usize,
}

/// The categories as the page at `from` links to them.
pub fn category_views<'a>(dir: &'a Directory, version: impl Into<Version>, from: &str, members: &[Vec<usize>]) -> Vec<CategoryView<'a>> {
    let version: Version = version.into();
    let level = version.level;
    dir.categories
        .iter()
        .zip(members)
        .map(|(c, m)| CategoryView {
            id: &c.id,
            name: c.name_for(level),
            description: c.description.as_deref().unwrap_or(""),
            href: routes::relative(from, &routes::category(version, &c.id)),
            count: m.len(),
        })
        .collect()
}

/// Where a page of a category's list sits among the others.
#[derive(Serialize, Clone)]
pub struct Paging {
    pub number: usize,
    pub count: usize,
    /// Services in the whole category.
    pub total: usize,
    /// Position of the first and last service on this page, from 1.
    pub first: usize,
    pub last: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub links: Vec<PageLink>,
}

#[derive(Serialize, Clone)]
pub struct PageLink {
    pub number: usize,
    pub href: String,
    pub current: bool,
    /// Stands for pages left out between two links.
    pub gap: bool,
}

impl Paging {
    /// Page `number` of category `id`'s list.
    pub fn new(version: impl Into<Version>, id: &str, number: usize, count: usize, total: usize, per_page: usize) -> Paging {
        let version: Version = version.into();
        let here = routes::category_page(version, id, number);
        let href = |n: usize| routes::relative(&here, &routes::category_page(version, id, n));
        // The first, the last, and two either side of this one: a short
        // list to move through by keyboard, however long the category.
        let mut links = Vec::new();
        let mut last_shown = 0;
        for n in 1..=count {
            if n == 1 || n == count || n.abs_diff(number) <= 2 {
                if n > last_shown + 1 {
                    links.push(PageLink { number: 0, href: String::new(), current: false, gap: true });
                }
                links.push(PageLink { number: n, href: href(n), current: n == number, gap: false });
                last_shown = n;
            }
        }
        Paging {
            number,
            count,
            total,
            first: if total == 0 { 0 } else { (number - 1) * per_page + 1 },
            last: (number * per_page).min(total),
            prev: (number > 1).then(|| href(number - 1)),
            next: (number < count).then(|| href(number + 1)),
            links,
        }
    }
}

#[derive(Serialize)]
pub struct Link {
    pub name: String,
    pub href: String,
}

#[derive(Serialize)]
pub struct Contact {
    /// phone, textphone, text_relay, sms, email, website
    pub kind: &'static str,
    pub label: String,
    pub text: String,
    /// Only set when the address is one we checked and allow.
    pub href: Option<String>,
}

#[derive(Serialize)]
pub struct Place {
    pub address: String,
    pub postcode: String,
    pub features: Vec<String>,
    pub map: Option<String>,
}

#[derive(Serialize)]
pub struct TimeRange {
    pub opens: String,
    pub opens_iso: String,
    pub closes: String,
    pub closes_iso: String,
}

#[derive(Serialize)]
pub struct Day {
    pub name: String,
    pub times: Vec<TimeRange>,
}

#[derive(Serialize)]
pub struct Summary {
    pub days: String,
    pub times: String,
}

/// Everything a template may show about one service, already checked.
#[derive(Serialize)]
pub struct ServiceView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub href: String,
    pub organization: &'a str,
    pub description: &'a str,
    pub who_for: &'a str,
    pub cost: &'a str,
    pub free: bool,
    pub personal_budget: Option<bool>,
    pub categories: Vec<Link>,
    pub places: Vec<Place>,
    pub contacts: Vec<Contact>,
    pub phone: Option<Contact>,
    pub languages: &'a [String],
    pub week: Vec<Day>,
    pub hours: Vec<Summary>,
    pub reviewed: Option<String>,
    pub reviewed_iso: Option<String>,
    /// Text fields shown in another language than the page's, to its tag.
    pub lang: &'a std::collections::BTreeMap<&'static str, String>,
}

/// A service as the page at `from` shows it, in the words `w`.
pub fn view<'a>(s: &'a Service, dir: &Directory, version: impl Into<Version>, from: &str, w: &Words) -> ServiceView<'a> {
    let version: Version = version.into();
    let level = version.level;
    let periods = text::periods(&s.schedule);
    let week = if periods.is_empty() {
        Vec::new()
    } else {
        (0..text::DAYS.len())
            .map(|i| Day {
                name: w.nth("days", i).to_string(),
                times: text::day_times(&periods, i)
                    .into_iter()
                    .map(|(o, c)| TimeRange { opens: text::human_time(o, w), opens_iso: text::iso_time(o), closes: text::human_time(c, w), closes_iso: text::iso_time(c) })
                    .collect(),
            })
            .collect()
    };
    let categories = s
        .categories
        .iter()
        .filter_map(|id| dir.category(id))
        .map(|c: &Category| Link { name: c.name_for(level).to_string(), href: routes::via_folder(from, &routes::directory(version), &routes::category(version, &c.id)) })
        .collect();
    let places = s
        .locations
        .iter()
        .map(|l| Place {
            address: l.address.clone().unwrap_or_default(),
            postcode: l.postcode.as_deref().map(|p| text::normalise_postcode(p).unwrap_or_else(|| p.to_string())).unwrap_or_default(),
            features: l.accessibility.iter().map(|f| text::feature_label(f, w)).collect(),
            map: match (l.lat, l.lon) {
                (Some(a), Some(o)) if a.abs() <= 90.0 && o.abs() <= 180.0 => {
                    Some(format!("https://www.openstreetmap.org/?mlat={a}&mlon={o}#map=17/{a}/{o}"))
                }
                _ => None,
            },
        })
        .collect();
    let reviewed = s.reviewed_date();
    ServiceView {
        id: &s.id,
        name: &s.name,
        href: routes::via_folder(from, &routes::directory(version), &routes::service(version, &s.id)),
        organization: s.organization.as_deref().unwrap_or(""),
        description: s.description_for(level),
        who_for: s.who_for.as_deref().unwrap_or(""),
        cost: s.cost.as_deref().unwrap_or(""),
        free: s.is_free(),
        personal_budget: s.personal_budget,
        categories,
        places,
        contacts: contacts(s, w),
        phone: contacts(s, w).into_iter().find(|c| c.kind == "phone"),
        languages: &s.languages,
        week,
        hours: text::week_summary(&periods, w).into_iter().map(|(days, times)| Summary { days, times }).collect(),
        reviewed: reviewed.map(|d| crate::core::strings::human_date(d, w)),
        reviewed_iso: reviewed.map(|d| d.to_string()),
        lang: &s.lang,
    }
}

pub fn contacts(s: &Service, w: &Words) -> Vec<Contact> {
    let c = &s.contacts;
    let mut out = Vec::new();
    let tel = |v: &str, relay: bool, scheme: &str| {
        text::phone_href(v).ok().map(|d| {
            let d = if relay && !d.starts_with("1800") { format!("18001{d}") } else { d };
            format!("{scheme}:{d}")
        })
    };
    let present = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_string);
    if let Some(v) = present(&c.phone) {
        out.push(Contact { kind: "phone", label: w.text("contact_phone").into(), href: tel(&v, false, "tel"), text: v });
    }
    if let Some(v) = present(&c.textphone) {
        out.push(Contact { kind: "textphone", label: w.text("contact_textphone").into(), href: tel(&v, false, "tel"), text: v });
    }
    if let Some(v) = present(&c.text_relay) {
        out.push(Contact { kind: "text_relay", label: w.text("contact_text_relay").into(), href: tel(&v, true, "tel"), text: v });
    }
    if let Some(v) = present(&c.sms) {
        out.push(Contact { kind: "sms", label: w.text("contact_sms").into(), href: tel(&v, false, "sms"), text: v });
    }
    if let Some(v) = present(&c.email) {
        let href = text::email_ok(&v).then(|| format!("mailto:{v}"));
        out.push(Contact { kind: "email", label: w.text("contact_email").into(), href, text: v });
    }
    if let Some(v) = present(&c.website) {
        let href = text::web_url_ok(&v).then(|| v.clone());
        out.push(Contact { kind: "website", label: w.text("contact_website").into(), href, text: v });
    }
    out
}

#[derive(Serialize)]
pub struct Area {
    pub code: String,
    pub town: String,
}

#[derive(Serialize)]
pub struct Feature {
    pub key: String,
    pub label: String,
}

#[derive(Serialize)]
pub struct AzEntry<'a> {
    pub name: &'a str,
    pub organization: &'a str,
    pub href: String,
}

#[derive(Serialize)]
pub struct LetterGroup<'a> {
    pub letter: String,
    pub id: String,
    pub services: Vec<AzEntry<'a>>,
}

/// SO14 before SO5 before SO51: letters, then the number as a number.
pub fn district_order(d: &str) -> (String, u32, String) {
    let letters: String = d.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let rest = &d[letters.len()..];
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    (letters, digits.parse().unwrap_or(0), rest[digits.len()..].to_string())
}

/// The features found at any service's places, most common first.
pub fn features(dir: &Directory, w: &Words) -> Vec<Feature> {
    let mut features: Vec<(String, String, usize)> = Vec::new();
    for s in &dir.services {
        let mut mine = Vec::new();
        for l in &s.locations {
            for f in &l.accessibility {
                let k = text::feature_key(f);
                if !k.is_empty() && !mine.contains(&k) {
                    mine.push(k.clone());
                    match features.iter_mut().find(|x| x.0 == k) {
                        Some(x) => x.2 += 1,
                        None => features.push((k, text::feature_label(f, w), 1)),
                    }
                }
            }
        }
    }
    features.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    features.into_iter().map(|(key, label, _)| Feature { key, label }).collect()
}

/// (postcode district, town) pairs, in postcode order.
pub fn areas(areas: &[(String, String)]) -> Vec<Area> {
    let mut areas: Vec<Area> = areas.iter().map(|(code, town)| Area { code: code.clone(), town: town.clone() }).collect();
    areas.sort_by_key(|a| district_order(&a.code));
    areas
}

/// Services by first letter (digits together, then the rest), in the
/// directory's order; `href`s lead from the A to Z page.
pub fn letter_groups<'a>(dir: &'a Directory, version: impl Into<Version>, from: &str, w: &Words) -> Vec<LetterGroup<'a>> {
    let version: Version = version.into();
    let mut groups: Vec<LetterGroup> = Vec::new();
    for s in &dir.services {
        let folded = text::fold(&s.name);
        let first = folded.chars().find(|c| c.is_alphanumeric()).unwrap_or('#');
        // A language with letters of two characters (Welsh `ll`) groups by them.
        let start = folded.trim_start_matches(|c: char| !c.is_alphanumeric());
        let (letter, id) = if let Some(l) = crate::core::alphabet::first_letter(start, version.language.code()) {
            let mut upper: String = l.chars().take(1).flat_map(char::to_uppercase).collect();
            upper.extend(l.chars().skip(1));
            (upper, l.to_string())
        } else if first.is_ascii_alphabetic() {
            (first.to_ascii_uppercase().to_string(), first.to_string())
        } else if first.is_ascii_digit() {
            (w.text("a_to_z_digits").to_string(), "0-9".to_string())
        } else {
            (w.text("a_to_z_other").to_string(), "other".to_string())
        };
        let v = AzEntry { name: &s.name, organization: s.organization.as_deref().unwrap_or(""), href: routes::relative(from, &routes::service(version, &s.id)) };
        match groups.last_mut() {
            Some(g) if g.id == id => g.services.push(v),
            _ => match groups.iter_mut().find(|g| g.id == id) {
                Some(g) => g.services.push(v),
                None => groups.push(LetterGroup { letter, id, services: vec![v] }),
            },
        }
    }
    groups
}

/// (kind, link) for each of a service's contacts; `None` where the address
/// is not one easyinfo links to. For tests and other front ends.
pub fn contact_links(s: &Service, version: impl Into<Version>) -> Vec<(&'static str, Option<String>)> {
    let version: Version = version.into();
    let level = version.level;
    contacts(s, crate::core::strings::Strings::builtin().words(level.id())).into_iter().map(|c| (c.kind, c.href)).collect()
}
