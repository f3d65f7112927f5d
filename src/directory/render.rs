//! Directory pages in every version: the home with search, the A–Z list,
//! one page per category (and a list to print), one page per service, and
//! the search index.
//!
//! Directory data comes from other people's spreadsheets, so it is never
//! trusted: every field goes through Tera's escaping, and only checked
//! `http(s):`, `mailto:` and `tel:`/`sms:` addresses become links.

use super::model::{Category, Directory, Service};
use super::{search, text};
use crate::diagnostics::Diagnostic;
use crate::level::Level;
use crate::core::strings::{Strings, Words};
use crate::render::{base_context, page, words, Emitter, OutputFile};
use crate::site::Site;
use rayon::prelude::*;
use serde::Serialize;

/// Render every directory page into `em`; returns the content errors.
pub fn pages(site: &Site, em: &Emitter) -> Vec<Diagnostic> {
    let dir = &site.directory;
    let updated = dir.services.iter().filter_map(Service::reviewed_date).max();
    let members: Vec<Vec<usize>> =
        dir.categories.iter().map(|c| (0..dir.services.len()).filter(|&i| dir.services[i].categories.contains(&c.id)).collect()).collect();

    // First every service page, which also makes the service's card and
    // print entry once, for all the lists it appears in.
    let n = dir.services.len();
    let (index, done) = rayon::join(
        || (n > 0).then(|| search::build(dir, &site.glossary)),
        || -> Vec<Result<Pieces, Diagnostic>> {
            (0..n * 3)
                .into_par_iter()
                .map(|i| {
                    let (file, pieces) = service(site, &dir.services[i % n], Level::ALL[i / n])?;
                    em.put(file);
                    Ok(pieces)
                })
                .collect()
        },
    );
    let mut errors = Vec::new();
    let mut pieces: Vec<Vec<Pieces>> = Level::ALL.iter().map(|_| Vec::with_capacity(n)).collect();
    for (i, r) in done.into_iter().enumerate() {
        match r {
            Ok(p) => pieces[i / n.max(1)].push(p),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() || em.stopped() {
        return errors;
    }

    let index_main = index.as_ref().map(|i| i.main.clone());
    if let Some(i) = index {
        i.files.into_iter().for_each(|f| em.put(f));
    }
    let areas = search::areas(dir);
    let per_page = site.config.directory.page_size.get();
    type Job<'a> = Box<dyn Fn() -> Result<Vec<OutputFile>, Diagnostic> + Sync + Send + 'a>;
    let mut jobs: Vec<Job> = Vec::new();
    for (li, level) in Level::ALL.into_iter().enumerate() {
        let (members, pieces, index_main) = (&members, &pieces[li], index_main.as_deref());
        let areas = &areas;
        jobs.push(Box::new(move || home(site, level, index_main, members, areas).map(|f| vec![f])));
        jobs.push(Box::new(move || a_to_z(site, level, members).map(|f| vec![f])));
        for (ci, c) in dir.categories.iter().enumerate() {
            let count = members[ci].len().div_ceil(per_page).max(1);
            for number in 1..=count {
                let on_page = &members[ci][((number - 1) * per_page).min(members[ci].len())..(number * per_page).min(members[ci].len())];
                let paging = Paging::new(number, count, members[ci].len(), per_page);
                jobs.push(Box::new(move || category(site, c, level, on_page, pieces, paging.clone()).map(|f| vec![f])));
            }
            jobs.push(Box::new(move || print_list(site, c, level, &members[ci], pieces, updated).map(|f| vec![f])));
        }
    }
    errors.extend(jobs.par_iter().filter_map(|j| if em.stopped() { None } else { em.emit(j()) }).collect::<Vec<_>>());
    errors
}

/// One service's parts of the lists, for one level, rendered once.
struct Pieces {
    /// `directory/card.html`: a category page's entry.
    card: String,
    /// `directory/print-entry.html`: a list to print's entry.
    entry: String,
}

fn base(level: Level) -> String {
    format!("{}/directory", level.id())
}

pub fn service_path(level: Level, id: &str) -> String {
    format!("{}/services/{id}/index.html", base(level))
}

pub fn category_path(level: Level, id: &str) -> String {
    format!("{}/categories/{id}/index.html", base(level))
}

/// Page `number` of a category's list. Later pages sit beside the first, so
/// a card's relative links work on every page.
fn category_page_file(number: usize) -> String {
    if number == 1 { "index.html".into() } else { format!("page-{number}.html") }
}

/// The context every directory page gets: `dir_root` leads from the page
/// to `{v}/directory/`.
fn context(site: &Site, level: Level, path: &str, title: &str) -> tera::Context {
    let mut ctx = base_context(site, Some(level), path, title);
    let below = path.strip_prefix(&format!("{}/", base(level))).unwrap_or("");
    ctx.insert("dir_root", &"../".repeat(below.matches('/').count()));
    ctx.insert("has_services", &!site.directory.services.is_empty());
    ctx
}

fn render(site: &Site, template: &str, ctx: &tera::Context, path: String, what: &str) -> Result<OutputFile, Diagnostic> {
    let bytes = page(site, template, ctx).map_err(|d| d.hint(format!("While rendering the directory's {what}.")))?;
    Ok(OutputFile::bytes(path, bytes))
}

// ------------------------------------------------------------------ views

#[derive(Serialize)]
struct CategoryView<'a> {
    id: &'a str,
    name: &'a str,
    description: &'a str,
    href: String,
    count: usize,
}

fn category_views<'a>(dir: &'a Directory, level: Level, dir_root: &str, members: &[Vec<usize>]) -> Vec<CategoryView<'a>> {
    dir.categories
        .iter()
        .zip(members)
        .map(|(c, m)| CategoryView {
            id: &c.id,
            name: c.name_for(level),
            description: c.description.as_deref().unwrap_or(""),
            href: format!("{dir_root}categories/{}/index.html", c.id),
            count: m.len(),
        })
        .collect()
}

/// Where a page of a category's list sits among the others.
#[derive(Serialize, Clone)]
struct Paging {
    number: usize,
    count: usize,
    /// Services in the whole category.
    total: usize,
    /// Position of the first and last service on this page, from 1.
    first: usize,
    last: usize,
    prev: Option<String>,
    next: Option<String>,
    links: Vec<PageLink>,
}

#[derive(Serialize, Clone)]
struct PageLink {
    number: usize,
    href: String,
    current: bool,
    /// Stands for pages left out between two links.
    gap: bool,
}

impl Paging {
    fn new(number: usize, count: usize, total: usize, per_page: usize) -> Paging {
        let href = |n: usize| category_page_file(n);
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
struct Link {
    name: String,
    href: String,
}

#[derive(Serialize)]
struct Contact {
    /// phone, textphone, text_relay, sms, email, website
    kind: &'static str,
    label: String,
    text: String,
    /// Only set when the address is one we checked and allow.
    href: Option<String>,
}

#[derive(Serialize)]
struct Place {
    address: String,
    postcode: String,
    features: Vec<String>,
    map: Option<String>,
}

#[derive(Serialize)]
struct TimeRange {
    opens: String,
    opens_iso: String,
    closes: String,
    closes_iso: String,
}

#[derive(Serialize)]
struct Day {
    name: String,
    times: Vec<TimeRange>,
}

#[derive(Serialize)]
struct Summary {
    days: String,
    times: String,
}

/// Everything a template may show about one service, already checked.
#[derive(Serialize)]
struct ServiceView<'a> {
    id: &'a str,
    name: &'a str,
    href: String,
    organization: &'a str,
    description: &'a str,
    who_for: &'a str,
    cost: &'a str,
    free: bool,
    personal_budget: Option<bool>,
    categories: Vec<Link>,
    places: Vec<Place>,
    contacts: Vec<Contact>,
    phone: Option<Contact>,
    languages: &'a [String],
    week: Vec<Day>,
    hours: Vec<Summary>,
    reviewed: Option<String>,
    reviewed_iso: Option<String>,
}

fn view<'a>(s: &'a Service, dir: &Directory, level: Level, dir_root: &str, w: &Words) -> ServiceView<'a> {
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
        .map(|c: &Category| Link { name: c.name_for(level).to_string(), href: format!("{dir_root}categories/{}/index.html", c.id) })
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
        href: format!("{dir_root}services/{}/index.html", s.id),
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
        reviewed: reviewed.map(|d| crate::render::pages::human_date(d, w)),
        reviewed_iso: reviewed.map(|d| d.to_string()),
    }
}

fn contacts(s: &Service, w: &Words) -> Vec<Contact> {
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

// ------------------------------------------------------------------ pages

#[derive(Serialize)]
struct Area {
    code: String,
    town: String,
}

#[derive(Serialize)]
struct Feature {
    key: String,
    label: String,
}

fn home(site: &Site, level: Level, index_main: Option<&str>, members: &[Vec<usize>], areas: &[(String, String)]) -> Result<OutputFile, Diagnostic> {
    let dir = &site.directory;
    let path = format!("{}/index.html", base(level));
    let w = words(site, level);
    let mut ctx = context(site, level, &path, w.text("directory_title"));
    ctx.insert("description", w.text("directory_description"));
    ctx.insert("categories", &category_views(dir, level, "", members));
    ctx.insert("index_main", &index_main);
    ctx.insert("area", &site.config.directory.area);
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
    // Towns come from the index builder's rule, so labels match everywhere.
    let mut areas: Vec<Area> = areas.iter().map(|(code, town)| Area { code: code.clone(), town: town.clone() }).collect();
    areas.sort_by_key(|a| district_order(&a.code));
    features.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    let features: Vec<Feature> = features.into_iter().map(|(key, label, _)| Feature { key, label }).collect();
    ctx.insert("areas", &areas);
    ctx.insert("features", &features);
    ctx.insert("service_count", &dir.services.len());
    render(site, "directory/home.html", &ctx, path, "home page")
}

/// SO14 before SO5 before SO51: letters, then the number as a number.
fn district_order(d: &str) -> (String, u32, String) {
    let letters: String = d.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let rest = &d[letters.len()..];
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    (letters, digits.parse().unwrap_or(0), rest[digits.len()..].to_string())
}

#[derive(Serialize)]
struct AzEntry<'a> {
    name: &'a str,
    organization: &'a str,
    href: String,
}

#[derive(Serialize)]
struct LetterGroup<'a> {
    letter: String,
    id: String,
    services: Vec<AzEntry<'a>>,
}

fn a_to_z(site: &Site, level: Level, members: &[Vec<usize>]) -> Result<OutputFile, Diagnostic> {
    let dir = &site.directory;
    let path = format!("{}/a-z/index.html", base(level));
    let w = words(site, level);
    let mut ctx = context(site, level, &path, w.text("a_to_z_title"));
    let mut groups: Vec<LetterGroup> = Vec::new();
    for s in &dir.services {
        let first = text::fold(&s.name).chars().find(|c| c.is_alphanumeric()).unwrap_or('#');
        let (letter, id) = if first.is_ascii_alphabetic() {
            (first.to_ascii_uppercase().to_string(), first.to_string())
        } else if first.is_ascii_digit() {
            (w.text("a_to_z_digits").to_string(), "0-9".to_string())
        } else {
            (w.text("a_to_z_other").to_string(), "other".to_string())
        };
        let v = AzEntry { name: &s.name, organization: s.organization.as_deref().unwrap_or(""), href: format!("../services/{}/index.html", s.id) };
        match groups.last_mut() {
            Some(g) if g.id == id => g.services.push(v),
            _ => match groups.iter_mut().find(|g| g.id == id) {
                Some(g) => g.services.push(v),
                None => groups.push(LetterGroup { letter, id, services: vec![v] }),
            },
        }
    }
    ctx.insert("groups", &groups);
    ctx.insert("categories", &category_views(dir, level, "../", members));
    render(site, "directory/a-z.html", &ctx, path, "A to Z page")
}

/// A service as a list shows it: the piece made for that list, and what a
/// template may want around it.
#[derive(Serialize)]
struct ListItem<'a> {
    id: &'a str,
    name: &'a str,
    href: String,
    html: &'a str,
}

fn list_items<'a>(dir: &'a Directory, on_page: &[usize], pieces: &'a [Pieces], pick: fn(&Pieces) -> &str) -> Vec<ListItem<'a>> {
    on_page
        .iter()
        .map(|&i| {
            let s = &dir.services[i];
            ListItem { id: &s.id, name: &s.name, href: format!("../../services/{}/index.html", s.id), html: pick(&pieces[i]) }
        })
        .collect()
}

fn category(site: &Site, c: &Category, level: Level, on_page: &[usize], pieces: &[Pieces], paging: Paging) -> Result<OutputFile, Diagnostic> {
    let dir = &site.directory;
    let path = format!("{}/categories/{}/{}", base(level), c.id, category_page_file(paging.number));
    let name = c.name_for(level);
    let title = if paging.count > 1 {
        words(site, level).fill("category_page_title", &[("name", name), ("number", &paging.number.to_string()), ("count", &paging.count.to_string())])
    } else {
        name.to_string()
    };
    let mut ctx = context(site, level, &path, &title);
    ctx.insert("category", &CategoryView { id: &c.id, name, description: c.description.as_deref().unwrap_or(""), href: "index.html".into(), count: paging.total });
    ctx.insert("description", c.description.as_deref().unwrap_or(""));
    ctx.insert("services", &list_items(dir, on_page, pieces, |p| &p.card));
    ctx.insert("pages", &paging);
    ctx.insert("large_print_href", &format!("../../../../large/directory/categories/{}/print.html", c.id));
    render(site, "directory/category.html", &ctx, path, &format!("category `{}`", c.id))
}

fn print_list(site: &Site, c: &Category, level: Level, members: &[usize], pieces: &[Pieces], updated: Option<chrono::NaiveDate>) -> Result<OutputFile, Diagnostic> {
    let dir = &site.directory;
    let path = format!("{}/categories/{}/print.html", base(level), c.id);
    let name = c.name_for(level);
    let w = words(site, level);
    let mut ctx = context(site, level, &path, &w.fill("print_title", &[("name", name)]));
    ctx.insert("category", &CategoryView { id: &c.id, name, description: c.description.as_deref().unwrap_or(""), href: "index.html".into(), count: members.len() });
    ctx.insert("services", &list_items(dir, members, pieces, |p| &p.entry));
    ctx.insert("updated", &updated.map(|d| crate::render::pages::human_date(d, w)));
    ctx.insert("site_url", &site.config.base_url);
    render(site, "directory/print.html", &ctx, path, &format!("list to print for `{}`", c.id))
}

/// A service's page, and its card and print entry from the same context.
fn service(site: &Site, s: &Service, level: Level) -> Result<(OutputFile, Pieces), Diagnostic> {
    let dir = &site.directory;
    let path = service_path(level, &s.id);
    let mut ctx = context(site, level, &path, &s.name);
    let v = view(s, dir, level, "../../", words(site, level));
    ctx.insert("description", v.description);
    ctx.insert("jsonld", &json_ld(s, site, level));
    ctx.insert("service", &v);
    let piece = |template: &str, what: &str| {
        crate::render::fragment(site, template, &ctx).map_err(|d| d.hint(format!("While rendering the {what} for `{}`.", s.id)))
    };
    let pieces = Pieces { card: piece("directory/card.html", "directory card")?, entry: piece("directory/print-entry.html", "list to print entry")? };
    Ok((render(site, "directory/service.html", &ctx, path, &format!("page for `{}`", s.id))?, pieces))
}

/// schema.org data for search engines, as JSON that cannot end its
/// `<script>` element (every `<` and `>` is escaped).
fn json_ld(s: &Service, site: &Site, level: Level) -> String {
    #[derive(Serialize)]
    struct Ld<'a> {
        #[serde(rename = "@context")]
        context: &'static str,
        #[serde(rename = "@type")]
        kind: &'static str,
        name: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        description: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        url: Option<String>,
        provider: Provider<'a>,
        #[serde(skip_serializing_if = "Option::is_none")]
        audience: Option<Typed<Audience<'a>>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        offers: Option<Offer<'a>>,
        #[serde(rename = "availableLanguage", skip_serializing_if = "<[String]>::is_empty")]
        languages: &'a [String],
        #[serde(skip_serializing_if = "Vec::is_empty")]
        category: Vec<&'a str>,
        #[serde(rename = "hoursAvailable", skip_serializing_if = "Vec::is_empty")]
        hours: Vec<Hours>,
        #[serde(rename = "availableChannel", skip_serializing_if = "Option::is_none")]
        channel: Option<Channel<'a>>,
        #[serde(rename = "dateModified", skip_serializing_if = "Option::is_none")]
        modified: Option<String>,
    }
    /// Adds `"@type": …` to a value's own fields.
    #[derive(Serialize)]
    struct Typed<T> {
        #[serde(rename = "@type")]
        kind: &'static str,
        #[serde(flatten)]
        value: T,
    }
    #[derive(Serialize)]
    struct Provider<'a> {
        #[serde(rename = "@type")]
        kind: &'static str,
        name: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        telephone: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        email: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        url: Option<&'a str>,
    }
    #[derive(Serialize)]
    struct Audience<'a> {
        #[serde(rename = "audienceType")]
        audience_type: &'a str,
    }
    #[derive(Serialize)]
    struct Offer<'a> {
        #[serde(rename = "@type")]
        kind: &'static str,
        description: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        price: Option<&'static str>,
        #[serde(rename = "priceCurrency", skip_serializing_if = "Option::is_none")]
        currency: Option<&'static str>,
    }
    #[derive(Serialize)]
    struct Hours {
        #[serde(rename = "@type")]
        kind: &'static str,
        #[serde(rename = "dayOfWeek")]
        day: String,
        opens: String,
        closes: String,
    }
    #[derive(Serialize)]
    struct Channel<'a> {
        #[serde(rename = "@type")]
        kind: &'static str,
        #[serde(rename = "serviceLocation", skip_serializing_if = "Vec::is_empty")]
        places: Vec<LdPlace<'a>>,
        #[serde(rename = "servicePhone", skip_serializing_if = "Option::is_none")]
        phone: Option<Typed<Telephone<'a>>>,
        #[serde(rename = "serviceUrl", skip_serializing_if = "Option::is_none")]
        url: Option<&'a str>,
    }
    #[derive(Serialize)]
    struct Telephone<'a> {
        telephone: &'a str,
    }
    #[derive(Serialize)]
    struct LdPlace<'a> {
        #[serde(rename = "@type")]
        kind: &'static str,
        address: Address<'a>,
        #[serde(skip_serializing_if = "Option::is_none")]
        geo: Option<Geo>,
        #[serde(rename = "amenityFeature", skip_serializing_if = "Vec::is_empty")]
        features: Vec<Feature>,
    }
    #[derive(Serialize)]
    struct Address<'a> {
        #[serde(rename = "@type")]
        kind: &'static str,
        #[serde(rename = "addressCountry")]
        country: &'static str,
        #[serde(rename = "streetAddress", skip_serializing_if = "Option::is_none")]
        street: Option<&'a str>,
        #[serde(rename = "postalCode", skip_serializing_if = "Option::is_none")]
        postcode: Option<String>,
    }
    #[derive(Serialize)]
    struct Geo {
        #[serde(rename = "@type")]
        kind: &'static str,
        latitude: f64,
        longitude: f64,
    }
    #[derive(Serialize)]
    struct Feature {
        #[serde(rename = "@type")]
        kind: &'static str,
        name: String,
        value: bool,
    }

    let c = &s.contacts;
    let phone = c.phone.as_deref().filter(|p| text::phone_href(p).is_ok()).map(str::trim);
    let website = c.website.as_deref().filter(|w| text::web_url_ok(w)).map(str::trim);
    let base_url = site.config.base_url.trim_end_matches('/');
    let description = s.description_for(level);
    let places: Vec<LdPlace> = s
        .locations
        .iter()
        .map(|l| LdPlace {
            kind: "Place",
            address: Address {
                kind: "PostalAddress",
                country: "GB",
                street: l.address.as_deref(),
                postcode: l.postcode.as_deref().map(|p| text::normalise_postcode(p).unwrap_or_else(|| p.to_string())),
            },
            geo: match (l.lat, l.lon) {
                (Some(latitude), Some(longitude)) => Some(Geo { kind: "GeoCoordinates", latitude, longitude }),
                _ => None,
            },
            features: l
                .accessibility
                .iter()
                // Search engines get the plain words.
                .map(|f| Feature { kind: "LocationFeatureSpecification", name: text::feature_label(f, words(site, Level::Plain)), value: true })
                .collect(),
        })
        .collect();
    let channel = Channel { kind: "ServiceChannel", places, phone: phone.map(|telephone| Typed { kind: "ContactPoint", value: Telephone { telephone } }), url: website };
    let has_channel = !channel.places.is_empty() || channel.phone.is_some() || channel.url.is_some();
    let ld = Ld {
        context: "https://schema.org",
        kind: "Service",
        name: &s.name,
        description: (!description.is_empty()).then_some(description),
        url: base_url.starts_with("http").then(|| format!("{base_url}/{}", service_path(level, &s.id).trim_end_matches("index.html"))),
        provider: Provider {
            kind: "Organization",
            name: s.organization.as_deref().unwrap_or(&s.name),
            telephone: phone,
            email: c.email.as_deref().filter(|e| text::email_ok(e)).map(str::trim),
            url: website,
        },
        audience: s.who_for.as_deref().map(|w| Typed { kind: "Audience", value: Audience { audience_type: w } }),
        offers: s.cost.as_deref().map(|cost| {
            let free = s.is_free();
            Offer { kind: "Offer", description: cost, price: free.then_some("0"), currency: free.then_some("GBP") }
        }),
        languages: &s.languages,
        category: s.categories.iter().filter_map(|id| site.directory.category(id)).map(|c| c.name.as_str()).collect(),
        hours: text::periods(&s.schedule)
            .iter()
            .map(|p| Hours {
                kind: "OpeningHoursSpecification",
                day: format!("https://schema.org/{}", text::DAYS[p.day].1),
                opens: text::iso_time(p.opens),
                // schema.org writes closing at midnight as 23:59.
                closes: text::iso_time(p.closes.min(24 * 60 - 1)),
            })
            .collect(),
        channel: has_channel.then_some(channel),
        modified: s.reviewed_date().map(|d| d.to_string()),
    };
    search::js_json(&ld)
}

/// (kind, link) for each of a service's contacts; `None` where the address
/// is not one easyinfo links to. For tests and other front ends.
pub fn contact_links(s: &Service, level: Level) -> Vec<(&'static str, Option<String>)> {
    contacts(s, Strings::builtin().words(level.id())).into_iter().map(|c| (c.kind, c.href)).collect()
}
