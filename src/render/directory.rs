//! Directory pages in every version: the home with search, the A–Z list,
//! one page per category (and a list to print), one page per service, and
//! the search index.
//!
//! Directory data comes from other people's spreadsheets, so it is never
//! trusted: every field goes through Tera's escaping, and only checked
//! `http(s):`, `mailto:` and `tel:`/`sms:` addresses become links.

use super::search;
use crate::load::directory::model::{Category, Directory, Service};
use crate::load::directory::text;
use crate::core::routes;
use crate::core::diagnostics::Diagnostic;
use crate::core::version::Level;
use crate::render::{base_context, page, words, Emitter, OutputFile};
use crate::load::site::Site;
use crate::transform::directory::{self as views, CategoryView, Paging};
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
        || (n > 0).then(|| search::build_in(dir, &site.glossary, site.strings_for(site.view))),
        || -> Vec<Result<Pieces, Diagnostic>> {
            (0..n * Level::COUNT)
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
                let paging = Paging::new(site.at(level), &c.id, number, count, members[ci].len(), per_page);
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

/// The context every directory page gets: `dir_root` leads from the page
/// to `{v}/directory/`.
fn context(site: &Site, level: Level, path: &str, title: &str) -> tera::Context {
    let mut ctx = base_context(site, Some(level), path, title);
    let dir_root = routes::relative(path, &routes::directory_home(site.at(level)));
    ctx.insert("dir_root", dir_root.strip_suffix(routes::FOLDER_PAGE).unwrap_or(&dir_root));
    ctx.insert("has_services", &!site.directory.services.is_empty());
    ctx
}

fn render(site: &Site, template: &str, ctx: &tera::Context, path: String, what: &str) -> Result<OutputFile, Diagnostic> {
    let bytes = page(site, template, ctx).map_err(|d| d.hint(format!("While rendering the directory's {what}.")))?;
    Ok(OutputFile::bytes(path, bytes))
}

// ------------------------------------------------------------------ pages

fn home(site: &Site, level: Level, index_main: Option<&str>, members: &[Vec<usize>], areas: &[(String, String)]) -> Result<OutputFile, Diagnostic> {
    let dir = &site.directory;
    let path = routes::directory_home(site.at(level));
    let w = words(site, level);
    let mut ctx = context(site, level, &path, w.text("directory_title"));
    ctx.insert("description", w.text("directory_description"));
    ctx.insert("categories", &views::category_views(dir, site.at(level), &path, members));
    // Easy read keeps the list short: names only.
    ctx.insert("category_descriptions", &!level.spec().easy_rules);
    ctx.insert("index_main", &index_main);
    ctx.insert("area", &site.config.directory.area);
    // Towns come from the index builder's rule, so labels match everywhere.
    let areas = views::areas(areas);
    let features = views::features(dir, w);
    ctx.insert("areas", &areas);
    ctx.insert("features", &features);
    ctx.insert("service_count", &dir.services.len());
    render(site, "directory/home.html", &ctx, path, "home page")
}

fn a_to_z(site: &Site, level: Level, members: &[Vec<usize>]) -> Result<OutputFile, Diagnostic> {
    let dir = &site.directory;
    let path = routes::a_to_z(site.at(level));
    let w = words(site, level);
    let mut ctx = context(site, level, &path, w.text("a_to_z_title"));
    let groups = views::letter_groups(dir, site.at(level), &path, w);
    ctx.insert("groups", &groups);
    ctx.insert("categories", &views::category_views(dir, site.at(level), &path, members));
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

/// The services of a list on the page at `from`.
fn list_items<'a>(dir: &'a Directory, version: crate::core::version::Version, from: &str, on_page: &[usize], pieces: &'a [Pieces], pick: fn(&Pieces) -> &str) -> Vec<ListItem<'a>> {
    on_page
        .iter()
        .map(|&i| {
            let s = &dir.services[i];
            ListItem { id: &s.id, name: &s.name, href: routes::relative(from, &routes::service(version, &s.id)), html: pick(&pieces[i]) }
        })
        .collect()
}

fn category(site: &Site, c: &Category, level: Level, on_page: &[usize], pieces: &[Pieces], paging: Paging) -> Result<OutputFile, Diagnostic> {
    let dir = &site.directory;
    let path = routes::category_page(site.at(level), &c.id, paging.number);
    let first = routes::relative(&path, &routes::category(site.at(level), &c.id));
    let name = c.name_for(level);
    let title = if paging.count > 1 {
        words(site, level).fill("category_page_title", &[("name", name), ("number", &paging.number.to_string()), ("count", &paging.count.to_string())])
    } else {
        name.to_string()
    };
    let mut ctx = context(site, level, &path, &title);
    ctx.insert("category", &CategoryView { id: &c.id, name, description: c.description.as_deref().unwrap_or(""), href: first, count: paging.total });
    ctx.insert("description", c.description.as_deref().unwrap_or(""));
    ctx.insert("services", &list_items(dir, site.at(level), &path, on_page, pieces, |p| &p.card));
    ctx.insert("pages", &paging);
    // The print level's own list is already in that print: no second link.
    let large_print = (level != Level::for_print()).then(|| routes::via_root(&path, &routes::print_list(Level::for_print(), &c.id)));
    ctx.insert("large_print_href", &large_print);
    render(site, "directory/category.html", &ctx, path, &format!("category `{}`", c.id))
}

fn print_list(site: &Site, c: &Category, level: Level, members: &[usize], pieces: &[Pieces], updated: Option<chrono::NaiveDate>) -> Result<OutputFile, Diagnostic> {
    let dir = &site.directory;
    let path = routes::print_list(site.at(level), &c.id);
    let first = routes::relative(&path, &routes::category(site.at(level), &c.id));
    let name = c.name_for(level);
    let w = words(site, level);
    let mut ctx = context(site, level, &path, &w.fill("print_title", &[("name", name)]));
    ctx.insert("category", &CategoryView { id: &c.id, name, description: c.description.as_deref().unwrap_or(""), href: first, count: members.len() });
    ctx.insert("services", &list_items(dir, site.at(level), &path, members, pieces, |p| &p.entry));
    ctx.insert("updated", &updated.map(|d| crate::core::strings::human_date(d, w)));
    ctx.insert("site_url", &site.config.base_url);
    render(site, "directory/print.html", &ctx, path, &format!("list to print for `{}`", c.id))
}

/// A service's page, and its card and print entry from the same context.
fn service(site: &Site, s: &Service, level: Level) -> Result<(OutputFile, Pieces), Diagnostic> {
    let dir = &site.directory;
    let path = routes::service(site.at(level), &s.id);
    let mut ctx = context(site, level, &path, &s.name);
    let v = views::view(s, dir, site.at(level), &path, words(site, level));
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
                // Search engines get the main level's words.
                .map(|f| Feature { kind: "LocationFeatureSpecification", name: text::feature_label(f, words(site, Level::main())), value: true })
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
        url: base_url.starts_with("http").then(|| routes::public_url(base_url, &routes::service(site.at(level), &s.id))),
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

pub use crate::transform::directory::contact_links;
