//! Import Open Referral UK / HSDS 3.0 JSON: one YAML file per service.
//!
//! Accepts an array of services, an object with `services` (or an API page
//! with `contents`), or one service. Each service may nest its
//! `organization`, `service_at_locations[].location` (with `addresses` or
//! `physical_addresses`, and `accessibility`), `phones`, `schedules`,
//! `languages`, `cost_options`, `url` and `email`. Older Open Referral UK
//! names (`regular_schedules`, `accessibility_for_disabilities`,
//! `service_taxonomys`) are read too.

use super::model::{Contacts, Location, Schedule, Service};
use super::text;
use crate::diagnostics::Diagnostic;
use serde_json::Value;
use std::path::Path;

#[derive(Debug)]
pub enum ImportError {
    /// The file or folder cannot be used (exit code 2).
    Usage(String),
    /// The data has problems (exit code 1).
    Content(Vec<Diagnostic>),
}

/// Convert `file` into YAML files in `out`. Returns how many were written.
pub fn import_file(file: &Path, out: &Path) -> Result<usize, ImportError> {
    let name = file.display().to_string();
    let bytes = std::fs::read(file).map_err(|e| ImportError::Usage(format!("cannot read {name}: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|_| ImportError::Usage(format!("{name} is not UTF-8 text")))?;
    let services = convert(&text, &name)?;
    if out.is_file() {
        return Err(ImportError::Usage(format!("{} is a file; --out must be a folder", out.display())));
    }
    std::fs::create_dir_all(out).map_err(|e| ImportError::Usage(format!("cannot create {}: {e}", out.display())))?;
    let source = file.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or(name);
    for s in &services {
        let yaml = to_yaml(s, &source);
        let path = out.join(format!("{}.yaml", s.id));
        std::fs::write(&path, yaml).map_err(|e| ImportError::Usage(format!("cannot write {}: {e}", path.display())))?;
    }
    Ok(services.len())
}

/// The YAML for one imported service, with a note at the top.
pub fn to_yaml(s: &Service, source: &str) -> String {
    let body = serde_yaml::to_string(s).unwrap_or_default();
    let mut head = format!("# Imported from {source} (Open Referral UK / HSDS).\n");
    if s.easy_description.is_none() {
        head.push_str("# Add `easy_description:` with one or two short sentences for the easy read pages.\n");
    }
    if !s.categories.is_empty() {
        head.push_str("# Check that `categories` are ids from content/directory/categories.yaml.\n");
    }
    head + &body
}

/// Parse HSDS JSON into services. Services that are `inactive` or
/// `defunct` are left out.
pub fn convert(text: &str, file: &str) -> Result<Vec<Service>, ImportError> {
    let v: Value = serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(text)).map_err(|e| {
        ImportError::Content(vec![Diagnostic::error("hsds/json", file, format!("this is not valid JSON: {e}"))
            .at(e.line(), e.column())
            .hint("Check the file is the JSON export of an Open Referral UK / HSDS service list.")])
    })?;
    let list: Vec<&Value> = match &v {
        Value::Array(a) => a.iter().collect(),
        Value::Object(o) => match o.get("services").or_else(|| o.get("contents")).or_else(|| o.get("content")) {
            Some(Value::Array(a)) => a.iter().collect(),
            _ if o.contains_key("name") => vec![&v],
            _ => {
                return Err(ImportError::Content(vec![Diagnostic::error("hsds/shape", file, "found no services in this file")
                    .hint("The file should be a list of services, or an object with a `services` list.")]))
            }
        },
        _ => return Err(ImportError::Content(vec![Diagnostic::error("hsds/shape", file, "found no services in this file")])),
    };
    let mut out: Vec<Service> = Vec::new();
    let mut errors = Vec::new();
    // Ids taken so far, and the next suffix to try for each base id: linear
    // even when thousands of services share a name.
    let mut taken: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut next: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, item) in list.iter().enumerate() {
        let status = s(item, "status").to_lowercase();
        if status == "inactive" || status == "defunct" {
            continue;
        }
        match service(item) {
            Some(mut svc) => {
                // Keep ids unique after making them safe for web addresses.
                let base = svc.id.clone();
                let n = next.entry(base.clone()).or_insert(2);
                while taken.contains(&svc.id) {
                    svc.id = format!("{base}-{n}");
                    *n += 1;
                }
                taken.insert(svc.id.clone());
                out.push(svc);
            }
            None => errors.push(
                Diagnostic::error("hsds/missing-field", file, format!("service number {} has neither an `id` nor a `name`", i + 1))
                    .hint("Every service needs at least a name."),
            ),
        }
    }
    if !errors.is_empty() {
        return Err(ImportError::Content(errors));
    }
    Ok(out)
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
    crate::util::slugify(&text::fold(id))
}

fn service(v: &Value) -> Option<Service> {
    let name = s(v, "name");
    let id = match safe_id(&s(v, "id")) {
        x if !x.is_empty() => x,
        _ => safe_id(&name),
    };
    if id.is_empty() {
        return None;
    }
    let org = v.get("organization").filter(|o| o.is_object());

    // Places: every service_at_location's location, and any plain `locations`.
    let mut places: Vec<&Value> = arr(v, "service_at_locations").filter_map(|sal| sal.get("location")).collect();
    places.extend(arr(v, "locations"));
    let locations: Vec<Location> = places.iter().map(|l| location(l)).filter(|l| l != &Location::default()).collect();

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
        let number = s(p, "number");
        if number.is_empty() {
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
    contacts.email = opt(v, "email").or_else(|| org.and_then(|o| opt(o, "email")));
    contacts.website = opt(v, "url").or_else(|| org.and_then(|o| opt(o, "website").or_else(|| opt(o, "url"))));

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
            if !schedule.contains(&e) {
                schedule.push(e);
            }
        }
    }

    let languages: Vec<String> = arr(v, "languages")
        .filter_map(|l| match l {
            Value::String(x) => Some(x.trim().to_string()),
            o => opt(o, "name").or_else(|| opt(o, "language")).or_else(|| opt(o, "code")),
        })
        .filter(|l| !l.is_empty())
        .collect();

    let mut categories: Vec<String> = Vec::new();
    for a in arr(v, "attributes").chain(arr(v, "service_taxonomys")) {
        let term = a.get("taxonomy_term").or_else(|| a.get("taxonomy")).unwrap_or(a);
        let n = opt(term, "name").or_else(|| opt(term, "term")).or_else(|| opt(term, "code"));
        if let Some(id) = n.map(|n| safe_id(&n)).filter(|x| !x.is_empty()) {
            if !categories.contains(&id) {
                categories.push(id);
            }
        }
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

    Some(Service {
        id,
        name,
        organization: org.and_then(|o| opt(o, "name")),
        description: opt(v, "description").or_else(|| opt(v, "summary")),
        easy_description: None,
        categories,
        who_for,
        cost: cost(v),
        personal_budget: None,
        locations,
        contacts,
        languages,
        schedule,
        reviewed,
        source: Default::default(),
    })
}

fn location(l: &Value) -> Location {
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
    Location { address, postcode, lat: num(l, "latitude"), lon: num(l, "longitude"), accessibility }
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
        assert!(matches!(convert("{", "x.json"), Err(ImportError::Content(_))));
        assert!(matches!(convert(r#"[{"status": "active"}]"#, "x.json"), Err(ImportError::Content(_))));
    }

    #[test]
    fn costs() {
        let v: Value = serde_json::from_str(r#"{"cost_options": [{"amount": 0}]}"#).unwrap();
        assert_eq!(cost(&v).as_deref(), Some("Free"));
        let v: Value = serde_json::from_str(r#"{"cost_options": [{"amount": 5, "currency": "GBP", "option": "a session"}]}"#).unwrap();
        assert_eq!(cost(&v).as_deref(), Some("£5 a session"));
    }
}
