//! Import Open Referral UK / HSDS 3.0 JSON: one YAML file per service.
//!
//! Accepts an array of services, an object with `services` (or an API page
//! with `contents`), or one service. Each service may nest its
//! `organization`, `service_at_locations[].location` (with `addresses` or
//! `physical_addresses`, and `accessibility`), `phones`, `schedules`,
//! `languages`, `cost_options`, `url` and `email`. Older Open Referral UK
//! names (`regular_schedules`, `accessibility_for_disabilities`,
//! `service_taxonomys`) are read too.
//!
//! Every file it writes is one the build accepts. Values the build would
//! refuse are dropped (a latitude of 100, a phone number that is not one, a
//! `javascript:` address, an opening time of `25:00`) or cleaned (quote marks
//! around a phone number, `mailto:` before an email address, control
//! characters), each with a warning naming the record and the HSDS field.
//! A record with no usable name is left out with a warning. Ids longer than
//! 100 characters are cut, and Windows device names (`con`, `nul`, …) get
//! `-info` added. Each service is read back and checked as the build would
//! check it before anything is written. It never overwrites a file unless
//! `--force` is given, and then only after checking every file first.

use crate::core::rules::Rule;
use crate::load::directory::model::{Contacts, Location, Schedule, Service};
use crate::load::directory::text;
use crate::load::directory as dir;
use crate::core::error::Error;
use crate::core::diagnostics::Diagnostic;
use serde_json::Value;

/// One service ready to write, with notes for the top of its file.
#[derive(Debug, Clone)]
pub struct Record {
    pub service: Service,
    pub notes: Vec<String>,
}

/// What an import needs to know about the site it imports into.
#[derive(Debug, Default)]
pub struct SiteInfo {
    pub categories: Vec<dir::Category>,
    /// Ids of the site's services, with where each is, for messages.
    pub ids: std::collections::HashMap<String, String>,
}

/// The YAML for one imported service, with a note at the top.
pub fn to_yaml(s: &Service, source: &str) -> String {
    to_yaml_with_notes(s, source, &[])
}

pub fn to_yaml_with_notes(s: &Service, source: &str, notes: &[String]) -> String {
    let body = serde_yaml::to_string(s).unwrap_or_default();
    let mut head = format!("# Imported from {} (Open Referral UK / HSDS).\n", crate::core::util::strip_controls(source).replace('\n', " "));
    if s.easy_description.is_none() {
        head.push_str("# Add `easy_description:` with one or two short sentences for the easy read pages.\n");
    }
    if !s.categories.is_empty() {
        head.push_str("# Check that `categories` are ids from content/directory/categories.yaml.\n");
    }
    for n in notes {
        head.push_str(&format!("# {}\n", n.replace('\n', " ")));
    }
    head + &body
}

/// Parse HSDS JSON into services. Services that are `inactive` or
/// `defunct` are left out, and so are records with no usable name; bad
/// values are dropped (see [`convert_checked`], which also gives the warnings).
pub fn convert(text: &str, file: &str) -> Result<Vec<Service>, Error> {
    convert_checked(text, file, None).map(|(r, _)| r.into_iter().map(|r| r.service).collect())
}

/// Parse HSDS JSON into services that pass every check the build makes,
/// with a warning for each value dropped or cleaned and each record left
/// out. `site` is the site the services go into, when known.
pub fn convert_checked(text: &str, file: &str, site: Option<&SiteInfo>) -> Result<(Vec<Record>, Vec<Diagnostic>), Error> {
    let v: Value = serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(text)).map_err(|e| {
        Error::Content(vec![Diagnostic::error(Rule::HsdsJson, file, format!("this is not valid JSON: {e}"))
            .at(e.line(), e.column())
            .hint("Check the file is the JSON export of an Open Referral UK / HSDS service list.")])
    })?;
    let list: Vec<&Value> = match &v {
        Value::Array(a) => a.iter().collect(),
        Value::Object(o) => match o.get("services").or_else(|| o.get("contents")).or_else(|| o.get("content")) {
            Some(Value::Array(a)) => a.iter().collect(),
            _ if o.contains_key("name") => vec![&v],
            _ => {
                return Err(Error::Content(vec![Diagnostic::error(Rule::HsdsShape, file, "found no services in this file")
                    .hint("The file should be a list of services, or an object with a `services` list.")]))
            }
        },
        _ => return Err(Error::Content(vec![Diagnostic::error(Rule::HsdsShape, file, "found no services in this file")])),
    };
    let mut out: Vec<Record> = Vec::new();
    let mut warnings = Vec::new();
    let mut active = 0;
    // Ids taken so far, and the next suffix to try for each base id: linear
    // even when thousands of services share a name.
    let mut taken: std::collections::HashSet<String> = site.map(|s| s.ids.keys().cloned().collect()).unwrap_or_default();
    let mut next: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, item) in list.iter().enumerate() {
        let status = s(item, "status").to_lowercase();
        if status == "inactive" || status == "defunct" {
            continue;
        }
        active += 1;
        let mut w = Warn { file, label: label(i, item), out: &mut warnings };
        let Some(mut rec) = service(item, i, &mut w, site) else { continue };
        // Keep ids unique after making them safe for web addresses, and short.
        let base: String = rec.service.id.clone();
        if taken.contains(&base) {
            let short: String = base.chars().take(crate::core::util::MAX_NAME_LEN - 8).collect();
            let short = short.trim_end_matches('-').to_string();
            let n = next.entry(base.clone()).or_insert(2);
            while taken.contains(&rec.service.id) {
                rec.service.id = format!("{short}-{n}");
                *n += 1;
            }
            if let Some(at) = site.and_then(|s| s.ids.get(&base)) {
                w.warn("id", format!("the id `{base}` is already used by {at}, so this service is written as `{}`", rec.service.id));
            }
        }
        // The last word: the file must be one the build accepts.
        if let Some(problem) = refused(&rec, site) {
            w.skip(format!("it was left out, because the build would refuse it: {problem}"));
            continue;
        }
        taken.insert(rec.service.id.clone());
        out.push(rec);
    }
    if out.is_empty() && active > 0 {
        warnings.push(
            Diagnostic::error(Rule::HsdsNothing, file, "no service in this file could be imported")
                .hint("Every service needs at least a name. The warnings above say what was wrong with each."),
        );
        return Err(Error::Content(warnings));
    }
    Ok((out, warnings))
}

/// `service 3 (id `x`, `Name`)`: a record named for a message.
fn label(i: usize, item: &Value) -> String {
    let short = |t: String| {
        let t = crate::core::util::visible(&t).into_owned();
        if t.chars().count() > 60 { format!("{}…", t.chars().take(60).collect::<String>()) } else { t }
    };
    let (id, name) = (s(item, "id"), s(item, "name"));
    let mut parts = Vec::new();
    if !id.is_empty() {
        parts.push(format!("id `{}`", short(id)));
    }
    if !name.is_empty() {
        parts.push(format!("`{}`", short(name)));
    }
    if parts.is_empty() { format!("service number {}", i + 1) } else { format!("service number {} ({})", i + 1, parts.join(", ")) }
}

/// Warnings about one record.
struct Warn<'a> {
    file: &'a str,
    label: String,
    out: &'a mut Vec<Diagnostic>,
}

impl Warn<'_> {
    fn warn(&mut self, field: &str, what: String) {
        self.out.push(Diagnostic::warning(Rule::HsdsDropped, self.file, format!("{}, `{field}`: {}", self.label, crate::core::util::visible(&what))));
    }
    fn skip(&mut self, why: String) {
        self.out.push(
            Diagnostic::warning(Rule::HsdsSkipped, self.file, format!("{}: {}", self.label, crate::core::util::visible(&why)))
                .hint("Fix the record in the system it came from, or add the service by hand."),
        );
    }
    /// The text without control characters, with a warning if it had any.
    fn text(&mut self, field: &str, t: String) -> String {
        match crate::core::util::first_control(&t) {
            None => t,
            Some((_, c)) => {
                self.warn(field, format!("removed invisible control characters (such as {})", crate::core::util::control_name(c)));
                crate::core::util::strip_controls(&t)
            }
        }
    }
}

/// Why the build would refuse this record's file, if it would.
fn refused(r: &Record, site: Option<&SiteInfo>) -> Option<String> {
    let yaml = to_yaml_with_notes(&r.service, "import", &r.notes);
    let file = format!("{}/{}.yaml", dir::SERVICES_DIR, r.service.id);
    let mut back: Service = match crate::load::site::yaml::parse(&yaml, &file, 0) {
        Ok(b) => b,
        Err(d) => return Some(d.message),
    };
    back.normalise();
    let own: Vec<dir::Category>;
    let cats = match site {
        Some(s) => &s.categories,
        None => {
            own = back.categories.iter().map(|c| dir::Category { id: c.clone(), name: c.clone(), easy_name: None, description: None, line: 0, translations: Default::default() }).collect();
            &own
        }
    };
    let mut d = Vec::new();
    dir::validate::service(&back, &dir::validate::YamlLoc { file: &file, text: &yaml }, cats, &mut d);
    d.into_iter().find(Diagnostic::is_error).map(|d| d.message)
}

/// A string field, trimmed; numbers are written out.
fn s(v: &Value, key: &str) -> String {
    match v.get(key) {
        Some(Value::String(x)) => x.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

fn opt(v: &Value, key: &str) -> Option<String> {
    Some(s(v, key)).filter(|x| !x.is_empty())
}

fn arr<'a>(v: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    v.get(key).and_then(Value::as_array).into_iter().flatten()
}

fn num(v: &Value, key: &str) -> Option<f64> {
    match v.get(key) {
        Some(Value::Number(n)) => n.as_f64(),
        Some(Value::String(x)) => x.trim().parse().ok(),
        _ => None,
    }
}

/// Make an id safe for a file name and web address: `a-z`, `0-9` and `-`.
pub fn safe_id(id: &str) -> String {
    crate::core::util::slugify(id)
}

fn service(v: &Value, index: usize, w: &mut Warn, site: Option<&SiteInfo>) -> Option<Record> {
    let name = w.text("name", s(v, "name")).trim().to_string();
    if name.is_empty() {
        w.skip("it has no name, so it was left out".into());
        return None;
    }
    let raw_id = s(v, "id");
    let mut id = match safe_id(&raw_id) {
        x if !x.is_empty() => x,
        _ => safe_id(&name),
    };
    if id.is_empty() {
        id = format!("service-{}", index + 1);
    }
    if let Some(why) = crate::core::util::name_problem(&id) {
        let fixed = crate::core::util::fix_name(&id);
        w.warn("id", format!("the id {why}; it is written as `{fixed}`"));
        id = fixed;
    }
    let org = v.get("organization").filter(|o| o.is_object());

    // Places: every service_at_location's location, and any plain `locations`.
    let mut places: Vec<&Value> = arr(v, "service_at_locations").filter_map(|sal| sal.get("location")).collect();
    places.extend(arr(v, "locations"));
    let locations: Vec<Location> = places.iter().map(|l| location(l, w)).filter(|l| l != &Location::default()).collect();

    // Phones from the service, its places and its organisation, by type.
    let mut phones: Vec<&Value> = arr(v, "phones").collect();
    for sal in arr(v, "service_at_locations") {
        phones.extend(arr(sal, "phones"));
        if let Some(l) = sal.get("location") {
            phones.extend(arr(l, "phones"));
        }
    }
    if let Some(o) = org {
        phones.extend(arr(o, "phones"));
    }
    let mut contacts = Contacts::default();
    for p in phones {
        let number = w.text("phones", s(p, "number"));
        // Spreadsheets and some systems wrap numbers in quote marks.
        let number = number.trim_matches(|c: char| c.is_whitespace() || "\"'\u{201c}\u{201d}\u{2018}\u{2019}`".contains(c)).to_string();
        if number.is_empty() {
            continue;
        }
        if let Err(why) = text::phone_href(&number) {
            w.warn("phones", format!("dropped `{number}`, which is not a UK phone number: {why}"));
            continue;
        }
        let kind = s(p, "type").to_lowercase();
        let about = s(p, "description").to_lowercase();
        let digits: String = number.chars().filter(char::is_ascii_digit).collect();
        let slot = if digits.starts_with("18001") || about.contains("relay") {
            &mut contacts.text_relay
        } else if kind == "textphone" || kind == "tty" || kind == "minicom" || about.contains("textphone") || about.contains("minicom") {
            &mut contacts.textphone
        } else if kind == "text" || kind == "sms" {
            &mut contacts.sms
        } else if kind == "fax" || kind == "pager" {
            continue;
        } else {
            &mut contacts.phone
        };
        if slot.is_none() {
            *slot = Some(number);
        }
    }
    let email = opt(v, "email").or_else(|| org.and_then(|o| opt(o, "email"))).map(|e| w.text("email", e));
    contacts.email = email.and_then(|e| {
        let e = e.trim().strip_prefix("mailto:").unwrap_or(e.trim()).to_string();
        if text::email_ok(&e) {
            Some(e)
        } else {
            w.warn("email", format!("dropped `{e}`, which is not an email address"));
            None
        }
    });
    let website = opt(v, "url").or_else(|| org.and_then(|o| opt(o, "website").or_else(|| opt(o, "url")))).map(|u| w.text("url", u));
    contacts.website = website.and_then(|u| {
        let u = u.trim().to_string();
        if text::web_url_ok(&u) {
            return Some(u);
        }
        let with = format!("https://{u}");
        if !u.contains(':') && text::web_url_ok(&with) {
            return Some(with);
        }
        w.warn("url", format!("dropped `{u}`: only web addresses that start with `https://` or `http://` are kept"));
        None
    });

    // Opening times from the service and its places.
    let mut schedule: Vec<Schedule> = Vec::new();
    let mut sched_sources: Vec<&Value> = arr(v, "schedules").chain(arr(v, "regular_schedules")).collect();
    for sal in arr(v, "service_at_locations") {
        sched_sources.extend(arr(sal, "schedules").chain(arr(sal, "regular_schedules")));
        if let Some(l) = sal.get("location") {
            sched_sources.extend(arr(l, "schedules").chain(arr(l, "regular_schedules")));
        }
    }
    for sc in sched_sources {
        if let Some(e) = schedule_entry(sc) {
            let e = Schedule { byday: w.text("schedules", e.byday), opens_at: e.opens_at, closes_at: e.closes_at };
            let (opens, closes) = (text::parse_time(&e.opens_at), text::closing_minutes(&e.closes_at));
            let why = match (text::parse_byday(&e.byday), opens, closes) {
                (Err(bad), ..) => Some(format!("`{bad}` is not a day easyinfo knows (MO to SU)")),
                (_, None, _) => Some(format!("`{}` is not a time", e.opens_at)),
                (_, _, None) => Some(format!("`{}` is not a time", e.closes_at)),
                (_, Some(o), Some(c)) if c <= o => Some(format!("it closes at {} before it opens at {}", e.closes_at, e.opens_at)),
                _ => None,
            };
            if let Some(why) = why {
                w.warn("schedules", format!("dropped the opening time `{} {}-{}`: {why}", e.byday, e.opens_at, e.closes_at));
            } else if !schedule.contains(&e) {
                schedule.push(e);
            }
        }
    }

    let languages: Vec<String> = arr(v, "languages")
        .filter_map(|l| match l {
            Value::String(x) => Some(x.trim().to_string()),
            o => opt(o, "name").or_else(|| opt(o, "language")).or_else(|| opt(o, "code")),
        })
        .map(|l| w.text("languages", l).trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();

    let mut categories: Vec<String> = Vec::new();
    for a in arr(v, "attributes").chain(arr(v, "service_taxonomys")) {
        let term = a.get("taxonomy_term").or_else(|| a.get("taxonomy")).unwrap_or(a);
        let n = opt(term, "name").or_else(|| opt(term, "term")).or_else(|| opt(term, "code"));
        if let Some(id) = n.map(|n| safe_id(&n)).filter(|x| !x.is_empty()) {
            if let Some(why) = crate::core::util::name_problem(&id) {
                w.warn("attributes", format!("dropped the category `{}`: its id {why}", id.chars().take(40).collect::<String>()));
                continue;
            }
            if !categories.contains(&id) {
                categories.push(id);
            }
        }
    }
    // Into a site: only the categories it has.
    let mut notes = Vec::new();
    if let Some(site) = site {
        let (known, unknown): (Vec<String>, Vec<String>) = categories.into_iter().partition(|c| site.categories.iter().any(|k| &k.id == c));
        if !unknown.is_empty() {
            let list = unknown.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ");
            w.warn("attributes", format!("left out the categories {list}: content/directory/categories.yaml does not have them"));
            notes.push(format!("Categories in the HSDS file that categories.yaml does not have: {}.", unknown.join(", ")));
        }
        categories = known;
    }

    let who_for = opt(v, "eligibility_description").or_else(|| {
        let min = num(v, "minimum_age");
        let max = num(v, "maximum_age");
        match (min, max) {
            (Some(a), Some(b)) => Some(format!("People aged {a} to {b}")),
            (Some(a), None) => Some(format!("People aged {a} and over")),
            (None, Some(b)) => Some(format!("People aged up to {b}")),
            _ => None,
        }
    });

    let reviewed = ["assured_date", "last_modified", "last_updated"]
        .iter()
        .filter_map(|k| opt(v, k))
        .find_map(|d| d.get(..10).filter(|x| chrono::NaiveDate::parse_from_str(x, "%Y-%m-%d").is_ok()).map(str::to_string));

    let mut t = |field: &str, x: Option<String>| x.map(|x| w.text(field, x)).filter(|x| !x.trim().is_empty());
    let organization = t("organization", org.and_then(|o| opt(o, "name")));
    let description = t("description", opt(v, "description").or_else(|| opt(v, "summary")));
    let who_for = t("eligibility_description", who_for);
    let cost = t("cost_options", cost(v));
    let mut service = Service {
        id,
        name,
        organization,
        description,
        easy_description: None,
        categories,
        who_for,
        cost,
        personal_budget: None,
        locations,
        contacts,
        languages,
        schedule,
        reviewed,
        source: Default::default(),
        translations: Default::default(),
        lang: Default::default(),
        original_cost: None,
    };
    service.normalise();
    Some(Record { service, notes })
}

fn location(l: &Value, w: &mut Warn) -> Location {
    let addr = arr(l, "addresses")
        .find(|a| s(a, "address_type").is_empty() || s(a, "address_type").eq_ignore_ascii_case("physical"))
        .or_else(|| arr(l, "physical_addresses").next());
    let (address, postcode) = match addr {
        Some(a) => {
            let parts: Vec<String> = ["address_1", "address_2", "address_3", "address_4", "city"]
                .iter()
                .map(|k| s(a, k))
                .filter(|p| !p.is_empty())
                .collect();
            let joined = if parts.is_empty() { None } else { Some(parts.join(", ")) };
            (joined.or_else(|| opt(l, "name")), opt(a, "postal_code"))
        }
        None => (opt(l, "name"), None),
    };
    let mut accessibility: Vec<String> = Vec::new();
    for a in arr(l, "accessibility").chain(arr(l, "accessibility_for_disabilities")) {
        let words = match a {
            Value::String(x) => Some(x.trim().to_string()),
            o => opt(o, "description").or_else(|| opt(o, "accessibility")),
        };
        if let Some(w) = words.filter(|w| !w.is_empty()) {
            if !accessibility.contains(&w) {
                accessibility.push(w);
            }
        }
    }
    let address = address.map(|a| w.text("address", a)).filter(|a| !a.trim().is_empty());
    let postcode = postcode.map(|p| w.text("postal_code", p)).filter(|p| !p.trim().is_empty()).and_then(|p| {
        if text::normalise_postcode(&p).is_some() {
            Some(p)
        } else {
            w.warn("postal_code", format!("dropped `{p}`, which is not a UK postcode"));
            None
        }
    });
    let accessibility = accessibility.into_iter().map(|a| w.text("accessibility", a)).filter(|a| !a.trim().is_empty()).collect();
    let (mut lat, mut lon) = (num(l, "latitude"), num(l, "longitude"));
    let bad = |v: Option<f64>, max: f64| v.is_some_and(|v| !v.is_finite() || v.abs() > max);
    let shown = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_else(|| "none".into());
    if bad(lat, 90.0) || bad(lon, 180.0) {
        w.warn("latitude", format!("dropped the map position {}, {}: it is out of range (a latitude is between -90 and 90, a longitude between -180 and 180)", shown(lat), shown(lon)));
        (lat, lon) = (None, None);
    } else if lat.is_some() != lon.is_some() {
        w.warn(if lat.is_some() { "longitude" } else { "latitude" }, "dropped the map position: it has only one of latitude and longitude".into());
        (lat, lon) = (None, None);
    }
    Location { address, postcode, lat, lon, accessibility }
}

const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

fn schedule_entry(sc: &Value) -> Option<Schedule> {
    let opens = hhmm(&s(sc, "opens_at"))?;
    let closes = hhmm(&s(sc, "closes_at"))?;
    let byday = match opt(sc, "byday") {
        Some(b) => b.to_ascii_uppercase().replace(' ', ""),
        None => {
            // Open Referral UK v1: `weekday` as a name or a number (Monday = 1).
            let w = s(sc, "weekday").to_lowercase();
            let i = WEEKDAYS.iter().position(|d| *d == w || d[..3] == w).or_else(|| w.parse::<usize>().ok().filter(|n| (1..=7).contains(n)).map(|n| n - 1))?;
            text::DAYS[i].0.to_string()
        }
    };
    Some(Schedule { byday, opens_at: opens, closes_at: closes })
}

/// `09:00:00`, `09:00:00Z`, `9:00` → `09:00`.
fn hhmm(t: &str) -> Option<String> {
    let t = t.trim();
    let (h, rest) = t.split_once(':')?;
    let m: String = rest.chars().take(2).collect();
    let h: u32 = h.parse().ok()?;
    let m: u32 = m.parse().ok()?;
    Some(format!("{h:02}:{m:02}"))
}

fn cost(v: &Value) -> Option<String> {
    let mut parts = Vec::new();
    let mut free = false;
    for c in arr(v, "cost_options") {
        let amount = num(c, "amount");
        let option = s(c, "option");
        let described = s(c, "amount_description");
        if amount == Some(0.0) || option.eq_ignore_ascii_case("free") {
            free = true;
            continue;
        }
        let money = amount.map(|a| {
            let cur = s(c, "currency");
            let sign = if cur.is_empty() || cur.eq_ignore_ascii_case("GBP") { "£".to_string() } else { format!("{cur} ") };
            if a.fract() == 0.0 { format!("{sign}{a:.0}") } else { format!("{sign}{a:.2}") }
        });
        let mut text = [money.unwrap_or_default(), option].into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ");
        if !described.is_empty() {
            text = if text.is_empty() { described } else { format!("{text} ({described})") };
        }
        if !text.is_empty() {
            parts.push(text);
        }
    }
    let fees = opt(v, "fees_description").or_else(|| opt(v, "fees"));
    match (free, parts.is_empty(), fees) {
        (true, true, None) => Some("Free".into()),
        (true, true, Some(f)) => Some(format!("Free. {f}")),
        (_, false, f) => {
            let mut t = parts.join("; ");
            if free {
                t = format!("Free for some. {t}");
            }
            if let Some(f) = f {
                t = format!("{t}. {f}");
            }
            Some(t)
        }
        (false, true, f) => f,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_times() {
        assert_eq!(safe_id("Svc_001/A"), "svc-001-a");
        assert_eq!(safe_id("Tŷ Croeso"), "ty-croeso");
        assert_eq!(hhmm("09:00:00Z").as_deref(), Some("09:00"));
        assert_eq!(hhmm("9:30").as_deref(), Some("09:30"));
        assert_eq!(hhmm("later"), None);
    }

    #[test]
    fn minimal_and_shapes() {
        let one = r#"{"id": "A 1", "name": "One", "status": "active"}"#;
        let s = convert(one, "x.json").unwrap();
        assert_eq!(s[0].id, "a-1");
        let list = r#"[{"id": "a", "name": "A"}, {"id": "a", "name": "B"}, {"id": "c", "name": "C", "status": "defunct"}]"#;
        let s = convert(list, "x.json").unwrap();
        assert_eq!(s.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), vec!["a", "a-2"]);
        assert!(matches!(convert("{", "x.json"), Err(Error::Content(_))));
        // No usable name: left out; if nothing is left, that is an error.
        assert!(matches!(convert(r#"[{"status": "active"}]"#, "x.json"), Err(Error::Content(_))));
        let (r, w) = convert_checked(r#"[{"id": "a"}, {"id": "b", "name": "B"}]"#, "x.json", None).unwrap();
        assert_eq!(r.len(), 1);
        assert!(w[0].message.contains("service number 1 (id `a`): it has no name"), "{w:?}");
    }

    #[test]
    fn costs() {
        let v: Value = serde_json::from_str(r#"{"cost_options": [{"amount": 0}]}"#).unwrap();
        assert_eq!(cost(&v).as_deref(), Some("Free"));
        let v: Value = serde_json::from_str(r#"{"cost_options": [{"amount": 5, "currency": "GBP", "option": "a session"}]}"#).unwrap();
        assert_eq!(cost(&v).as_deref(), Some("£5 a session"));
    }
}
