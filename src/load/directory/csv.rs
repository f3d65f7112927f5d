//! `services.csv`: services as a spreadsheet, one place a row.
//!
//! The columns are the YAML fields; list fields are split on `;`; rows that
//! repeat an id add more places to that service; `schedule` is written like
//! `MO,TU,WE 09:00-17:00; SA 10:00-12:00`.

use crate::core::rules::Rule;
use super::model::{Location, Schedule, Service, SourcePos};
use super::validate::{nearest, CsvLoc};
use crate::core::diagnostics::Diagnostic;
use std::collections::HashMap;

pub const COLUMNS: &[&str] = &[
    "id",
    "name",
    "organization",
    "description",
    "easy_description",
    "categories",
    "who_for",
    "cost",
    "personal_budget",
    "address",
    "postcode",
    "lat",
    "lon",
    "accessibility",
    "phone",
    "textphone",
    "text_relay",
    "sms",
    "email",
    "website",
    "languages",
    "schedule",
    "reviewed",
];

const LOCATION_COLUMNS: &[&str] = &["address", "postcode", "lat", "lon", "accessibility"];

/// Other spellings people use for a column.
fn alias(h: &str) -> &str {
    match h {
        "organisation" => "organization",
        "latitude" => "lat",
        "longitude" | "lng" => "lon",
        "postal_code" | "post_code" => "postcode",
        "easy_read_description" => "easy_description",
        "category" => "categories",
        "language" => "languages",
        "telephone" => "phone",
        "url" => "website",
        _ => h,
    }
}

/// Read the spreadsheet. Problems go into `diags`; the services that could
/// be read come back with where each row was.
pub fn read(text: &str, file: &str, diags: &mut Vec<Diagnostic>) -> Vec<(Service, CsvLoc)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // The csv crate counts lines wrongly with CRLF endings (Excel's), so
    // end lines with LF alone first.
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut rdr = csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let headers: Vec<String> = match rdr.headers() {
        Ok(h) => h.iter().map(|h| alias(&h.trim().to_lowercase().replace([' ', '-'], "_")).to_string()).collect(),
        Err(e) => {
            diags.push(Diagnostic::error(Rule::DirectoryCsv, file, format!("cannot read the header row: {e}")).at(1, 1));
            return Vec::new();
        }
    };
    let mut bad_header = false;
    for (i, h) in headers.iter().enumerate() {
        if h.is_empty() {
            continue;
        }
        if !COLUMNS.contains(&h.as_str()) {
            let hint = match nearest(h, COLUMNS.iter().copied()) {
                Some(n) => format!("Did you mean `{n}`? The columns are: {}.", COLUMNS.join(", ")),
                None => format!("The columns are: {}.", COLUMNS.join(", ")),
            };
            diags.push(Diagnostic::error(Rule::DirectoryCsv, file, format!("row 1: the column `{}` is not one easyinfo knows", crate::core::util::visible(h))).at(1, 1).hint(hint));
            bad_header = true;
        } else if headers[..i].contains(h) {
            diags.push(
                Diagnostic::error(Rule::DirectoryCsv, file, format!("row 1: there are two `{h}` columns"))
                    .at(1, 1)
                    .hint("Delete or rename one of them."),
            );
            bad_header = true;
        }
    }
    for required in ["id", "name"] {
        if !headers.iter().any(|h| h == required) {
            diags.push(
                Diagnostic::error(Rule::DirectoryMissingField, file, format!("the spreadsheet has no `{required}` column"))
                    .at(1, 1)
                    .hint(format!("Add a column headed `{required}` to the first row.")),
            );
            bad_header = true;
        }
    }
    if bad_header {
        return Vec::new();
    }
    let col = |name: &str| headers.iter().position(|h| h == name);
    let columns: HashMap<&str, usize> = COLUMNS.iter().filter_map(|c| col(c).map(|i| (*c, i))).collect();

    let mut out: Vec<(Service, CsvLoc)> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut extra_lines = 0usize; // newlines inside quoted cells so far
    for result in rdr.records() {
        let record = match result {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize).unwrap_or(0);
                diags.push(Diagnostic::error(Rule::DirectoryCsv, file, format!("cannot read this row: {e}")).at(line, 1));
                continue;
            }
        };
        let line = record.position().map(|p| p.line() as usize).unwrap_or(0);
        let row = line.saturating_sub(extra_lines);
        extra_lines += record.iter().map(|f| f.matches('\n').count()).sum::<usize>();
        if record.iter().all(|f| f.is_empty()) {
            continue;
        }
        if record.len() > headers.len() {
            diags.push(
                Diagnostic::error(Rule::DirectoryCsv, file, format!("row {row} has {} cells, but the first row names only {} columns", record.len(), headers.len()))
                    .at(line, 1)
                    .hint("A comma inside a cell splits it in two. Put text that has commas in double quotes, like \"Romsey, Hampshire\"."),
            );
            continue;
        }
        let get = |name: &str| -> &str { columns.get(name).and_then(|&i| record.get(i)).unwrap_or("") };
        let opt = |name: &str| -> Option<String> { Some(get(name).to_string()).filter(|s| !s.is_empty()) };
        let problem = |diags: &mut Vec<Diagnostic>, rule: Rule, column: &str, msg: String, hint: &str| {
            diags.push(Diagnostic::error(rule, file, format!("row {row}, column `{column}`: {}", crate::core::util::visible(&msg))).at(line, 1).hint(hint.to_string()));
        };

        // The place on this row.
        let number = |name: &str, diags: &mut Vec<Diagnostic>| -> Option<f64> {
            let v = get(name);
            if v.is_empty() {
                return None;
            }
            match v.parse::<f64>() {
                Ok(n) => Some(n),
                Err(_) => {
                    problem(diags, Rule::DirectoryCoordinates, name, format!("`{v}` is not a number"), "Write it as a decimal number, like `50.9822` or `-1.4984`.");
                    None
                }
            }
        };
        let lat = number("lat", diags);
        let lon = number("lon", diags);
        let location = Location { address: opt("address"), postcode: opt("postcode"), lat, lon, accessibility: list(get("accessibility")) };
        let has_location = LOCATION_COLUMNS.iter().any(|c| !get(c).is_empty());

        let id = get("id").to_string();
        if let Some(&first) = by_id.get(&id).filter(|_| !id.is_empty()) {
            // A repeated id adds a place; the other cells must agree or be empty.
            let (svc, loc) = &mut out[first];
            let mut conflicts = Vec::new();
            for c in COLUMNS.iter().filter(|c| !LOCATION_COLUMNS.contains(c) && **c != "id") {
                let v = get(c);
                if !v.is_empty() && !agrees(svc, c, v) {
                    conflicts.push(format!("`{c}`"));
                }
            }
            if !conflicts.is_empty() {
                diags.push(
                    Diagnostic::error(
                        Rule::DirectoryDuplicateId,
                        file,
                        format!("row {row} has the same id `{}` as row {}, but a different {}", crate::core::util::visible(&id), loc.row.0, conflicts.join(", ")),
                    )
                    .at(line, 1)
                    .hint("Rows with the same id add more places to one service: leave the other cells empty. If this is another service, give it its own id."),
                );
            }
            if has_location {
                svc.locations.push(location);
                loc.location_rows.push((row, line));
            }
            continue;
        }

        let personal_budget = match get("personal_budget").to_lowercase().as_str() {
            "" => None,
            "true" | "yes" | "y" | "1" => Some(true),
            "false" | "no" | "n" | "0" => Some(false),
            other => {
                problem(diags, Rule::DirectoryPersonalBudget, "personal_budget", format!("`{other}` is not yes or no"), "Write `yes` or `no` (or `true` or `false`), or leave it empty if you do not know.");
                None
            }
        };
        let schedule = match schedule(get("schedule")) {
            Ok(s) => s,
            Err(part) => {
                problem(
                    diags,
                    Rule::DirectorySchedule,
                    "schedule",
                    format!("`{part}` is not written as days then times"),
                    "Write the days, a space, then the times, like `MO,TU,WE 09:00-17:00; SA 10:00-12:00`.",
                );
                Vec::new()
            }
        };
        let service = Service {
            id: id.clone(),
            name: get("name").to_string(),
            organization: opt("organization"),
            description: opt("description"),
            easy_description: opt("easy_description"),
            categories: list(get("categories")),
            who_for: opt("who_for"),
            cost: opt("cost"),
            personal_budget,
            locations: if has_location { vec![location] } else { Vec::new() },
            contacts: super::model::Contacts {
                phone: opt("phone"),
                textphone: opt("textphone"),
                text_relay: opt("text_relay"),
                sms: opt("sms"),
                email: opt("email"),
                website: opt("website"),
            },
            languages: list(get("languages")),
            schedule,
            reviewed: opt("reviewed"),
            source: SourcePos { file: file.to_string(), line, row: Some(row), fields: Default::default() },
            translations: Default::default(),
            lang: Default::default(),
            original_cost: None,
        };
        if !id.is_empty() {
            by_id.insert(id, out.len());
        }
        let loc = CsvLoc { file: file.to_string(), row: (row, line), location_rows: if has_location { vec![(row, line)] } else { Vec::new() } };
        out.push((service, loc));
    }
    out
}

/// Does a repeated row's cell say the same as the service's first row?
fn agrees(s: &Service, column: &str, v: &str) -> bool {
    let o = |x: &Option<String>| x.as_deref() == Some(v);
    match column {
        "name" => s.name == v,
        "organization" => o(&s.organization),
        "description" => o(&s.description),
        "easy_description" => o(&s.easy_description),
        "categories" => list(v) == s.categories,
        "who_for" => o(&s.who_for),
        "cost" => o(&s.cost),
        "phone" => o(&s.contacts.phone),
        "textphone" => o(&s.contacts.textphone),
        "text_relay" => o(&s.contacts.text_relay),
        "sms" => o(&s.contacts.sms),
        "email" => o(&s.contacts.email),
        "website" => o(&s.contacts.website),
        "languages" => list(v) == s.languages,
        "reviewed" => o(&s.reviewed),
        "schedule" => schedule(v).is_ok_and(|x| x == s.schedule),
        "personal_budget" => {
            let yes = ["true", "yes", "y", "1"].contains(&v.to_lowercase().as_str());
            s.personal_budget == Some(yes)
        }
        _ => true,
    }
}

/// `a; b;c` → `[a, b, c]`.
pub fn list(s: &str) -> Vec<String> {
    s.split(';').map(str::trim).filter(|p| !p.is_empty()).map(str::to_string).collect()
}

/// `MO,TU,WE 09:00-17:00; SA 10:00-12:00` → schedule entries. Only the
/// shape is checked here; days and times are checked with every service.
/// `Err` gives the part that could not be read.
pub fn schedule(s: &str) -> Result<Vec<Schedule>, String> {
    let mut out = Vec::new();
    for part in s.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let split = part.find(|c: char| c.is_ascii_digit()).filter(|&i| i > 0);
        let Some(i) = split else { return Err(part.to_string()) };
        let (days, times) = part.split_at(i);
        let times = times.replace(['\u{2013}', '\u{2014}'], "-").replace(" to ", "-");
        let Some((opens, closes)) = times.split_once('-') else { return Err(part.to_string()) };
        let days = days.trim().trim_end_matches(':').trim();
        if days.is_empty() || opens.trim().is_empty() || closes.trim().is_empty() {
            return Err(part.to_string());
        }
        out.push(Schedule { byday: days.replace(' ', ""), opens_at: opens.trim().to_string(), closes_at: closes.trim().to_string() });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedules() {
        let s = schedule("MO,TU,WE 09:00-17:00; SA 10:00-12:00").unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0], Schedule { byday: "MO,TU,WE".into(), opens_at: "09:00".into(), closes_at: "17:00".into() });
        assert_eq!(s[1].byday, "SA");
        assert_eq!(schedule("MO, TU 9:00 – 12:30").unwrap()[0].closes_at, "12:30");
        assert!(schedule("weekdays").is_err());
        assert!(schedule("MO 09:00").is_err());
        assert!(schedule("").unwrap().is_empty());
    }

    #[test]
    fn rows_and_quirks() {
        let text = "\u{feff}id,name,address,postcode,categories,schedule,personal_budget\r\n\
            a,\"Tŷ Croeso, \"\"the\"\" club\",\"1 High St, Romsey\",SO51 8AA,x;y,\"MO,TU 09:00-17:00\",yes\r\n\
            a,,\"2 Low St\",SO51 8AB,,,\r\n\
            b,Bee,,,,,maybe\r\n";
        let mut d = Vec::new();
        let rows = read(text, "services.csv", &mut d);
        assert_eq!(rows.len(), 2, "{d:?}");
        let (a, loc) = &rows[0];
        assert_eq!(a.name, "Tŷ Croeso, \"the\" club");
        assert_eq!(a.locations.len(), 2);
        assert_eq!(a.locations[0].address.as_deref(), Some("1 High St, Romsey"));
        assert_eq!(a.categories, vec!["x", "y"]);
        assert_eq!(a.personal_budget, Some(true));
        assert_eq!(loc.location_rows, vec![(2, 2), (3, 3)]);
        assert_eq!(d.len(), 1);
        assert!(d[0].message.starts_with("row 4, column `personal_budget`"), "{}", d[0].message);
        assert_eq!(d[0].line, 4);
    }

    #[test]
    fn conflicting_repeat_and_long_rows() {
        let text = "id,name,phone\na,One,01234 567890\na,Two,\nb,Bee,1,2\n";
        let mut d = Vec::new();
        let rows = read(text, "services.csv", &mut d);
        assert_eq!(rows.len(), 1);
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(d[0].message.contains("row 3 has the same id `a` as row 2, but a different `name`"), "{}", d[0].message);
        assert!(d[1].message.contains("row 4 has 4 cells"), "{}", d[1].message);
    }

    #[test]
    fn headers() {
        let mut d = Vec::new();
        read("id,nmae\n", "s.csv", &mut d);
        assert!(d.iter().any(|d| d.message.contains("`nmae`") && d.suggestion.as_deref().unwrap().contains("Did you mean `name`")), "{d:?}");
        assert!(d.iter().any(|d| d.message.contains("no `name` column")));
    }
}
