//! Checks on every service, reporting every problem with where it is:
//! the file and line of a YAML field, or the row and column of a spreadsheet.

use crate::core::rules::Rule;
use super::model::{Category, Service};
use super::text;
use crate::core::diagnostics::Diagnostic;

/// A field of a service, for finding where it was written.
#[derive(Debug, Clone, Copy)]
pub enum Field<'a> {
    Top(&'a str),
    /// The n-th location's field.
    Location(usize, &'a str),
    Contact(&'a str),
    /// The n-th schedule entry's field.
    Schedule(usize, &'a str),
}

/// Where a field was written: (line, column, text put before the message).
pub trait Locate {
    fn file(&self) -> &str;
    fn find(&self, f: Field) -> (usize, usize, String);
    fn source_line(&self, _line: usize) -> Option<String> {
        None
    }
}

/// A YAML file: finds the line of a field by reading the text.
pub struct YamlLoc<'a> {
    pub file: &'a str,
    pub text: &'a str,
}

impl YamlLoc<'_> {
    /// Top-level keys (no indent) and their lines.
    pub fn top_fields(text: &str) -> std::collections::BTreeMap<String, usize> {
        let mut out = std::collections::BTreeMap::new();
        for (i, l) in text.lines().enumerate() {
            if l.starts_with([' ', '\t', '#', '-']) {
                continue;
            }
            if let Some(k) = key_of(l) {
                out.entry(k.to_string()).or_insert(i + 1);
            }
        }
        out
    }

    /// Lines of `key:` inside the block of the top-level `parent:`, in order.
    fn nested(&self, parent: &str, key: &str) -> Vec<usize> {
        let mut inside = false;
        let mut out = Vec::new();
        for (i, l) in self.text.lines().enumerate() {
            let top = !l.starts_with([' ', '\t', '-', '#']) && !l.trim().is_empty();
            if top {
                inside = key_of(l) == Some(parent);
                continue;
            }
            if inside {
                let t = l.trim_start().trim_start_matches('-').trim_start();
                if key_of(t) == Some(key) {
                    out.push(i + 1);
                }
            }
        }
        out
    }

    fn top(&self, key: &str) -> Option<usize> {
        self.text.lines().position(|l| !l.starts_with([' ', '\t', '#', '-']) && key_of(l) == Some(key)).map(|i| i + 1)
    }

    fn col(&self, line: usize) -> usize {
        self.text
            .lines()
            .nth(line.saturating_sub(1))
            .map(|l| l.chars().take_while(|c| c.is_whitespace() || *c == '-').count() + 1)
            .unwrap_or(1)
    }
}

fn key_of(line: &str) -> Option<&str> {
    let (k, _) = line.split_once(':')?;
    let k = k.trim().trim_matches(['"', '\'']);
    (!k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')).then_some(k)
}

impl Locate for YamlLoc<'_> {
    fn file(&self) -> &str {
        self.file
    }
    fn find(&self, f: Field) -> (usize, usize, String) {
        let line = match f {
            Field::Top(k) => self.top(k),
            Field::Location(i, k) => self.nested("locations", k).get(i).copied().or_else(|| self.top("locations")),
            Field::Contact(k) => self.nested("contacts", k).first().copied().or_else(|| self.top("contacts")),
            Field::Schedule(i, k) => self.nested("schedule", k).get(i).copied().or_else(|| self.top("schedule")),
        }
        .unwrap_or(1);
        (line, self.col(line), String::new())
    }
    fn source_line(&self, line: usize) -> Option<String> {
        self.text.lines().nth(line.saturating_sub(1)).map(|s| s.trim_end_matches('\r').to_string())
    }
}

/// A service from the spreadsheet: its first row, and the row of each location.
pub struct CsvLoc {
    pub file: String,
    /// (spreadsheet row, line in the file) of the service's first row.
    pub row: (usize, usize),
    /// The same for each location, in order.
    pub location_rows: Vec<(usize, usize)>,
}

impl Locate for CsvLoc {
    fn file(&self) -> &str {
        &self.file
    }
    fn find(&self, f: Field) -> (usize, usize, String) {
        let ((row, line), col) = match f {
            Field::Top(k) => (self.row, k),
            Field::Location(i, k) => (self.location_rows.get(i).copied().unwrap_or(self.row), k),
            Field::Contact(k) => (self.row, k),
            Field::Schedule(..) => (self.row, "schedule"),
        };
        (line, 1, format!("row {row}, column `{col}`: "))
    }
}

fn diag(loc: &dyn Locate, f: Field, rule: Rule, message: String, hint: String) -> Diagnostic {
    let (line, col, prefix) = loc.find(f);
    // Values are quoted in messages: never send their control characters to the terminal.
    let message = crate::core::util::visible(&message);
    let mut d = Diagnostic::error(rule, loc.file(), format!("{prefix}{message}")).at(line, col).hint(hint);
    if let Some(s) = loc.source_line(line) {
        d = d.with_source_line(crate::core::util::visible(&s));
    }
    d
}

/// Every piece of text in a service, with its field and its name for a message.
fn texts(s: &Service) -> Vec<(Field<'static>, String, &str)> {
    let mut out: Vec<(Field<'static>, String, &str)> = Vec::new();
    let top = |k: &'static str| (Field::Top(k), format!("`{k}`"));
    for (k, v) in [("id", Some(&s.id)), ("name", Some(&s.name)), ("organization", s.organization.as_ref()), ("description", s.description.as_ref()), ("easy_description", s.easy_description.as_ref()), ("who_for", s.who_for.as_ref()), ("cost", s.cost.as_ref()), ("reviewed", s.reviewed.as_ref())] {
        if let Some(v) = v {
            let (f, n) = top(k);
            out.push((f, n, v.as_str()));
        }
    }
    for (k, list) in [("categories", &s.categories), ("languages", &s.languages)] {
        for (i, v) in list.iter().enumerate() {
            out.push((Field::Top(k), format!("`{k}` item {}", i + 1), v.as_str()));
        }
    }
    for (i, l) in s.locations.iter().enumerate() {
        for (k, v) in [("address", &l.address), ("postcode", &l.postcode)] {
            if let Some(v) = v {
                out.push((Field::Location(i, k), format!("`locations` item {}, `{k}`", i + 1), v.as_str()));
            }
        }
        for (j, v) in l.accessibility.iter().enumerate() {
            out.push((Field::Location(i, "accessibility"), format!("`locations` item {}, `accessibility` item {}", i + 1, j + 1), v.as_str()));
        }
    }
    let c = &s.contacts;
    for (k, v) in [("phone", &c.phone), ("textphone", &c.textphone), ("text_relay", &c.text_relay), ("sms", &c.sms), ("email", &c.email), ("website", &c.website)] {
        if let Some(v) = v {
            out.push((Field::Contact(k), format!("`contacts`, `{k}`"), v.as_str()));
        }
    }
    for (i, sch) in s.schedule.iter().enumerate() {
        for (k, v) in [("byday", &sch.byday), ("opens_at", &sch.opens_at), ("closes_at", &sch.closes_at)] {
            out.push((Field::Schedule(i, k), format!("`schedule` item {}, `{k}`", i + 1), v.as_str()));
        }
    }
    out
}

/// The message for a control character found in a field's text.
fn control_message(field: &str, at: usize, c: char) -> String {
    format!(
        "{field} has an invisible control character, {}, at character {at}: it could change what a screen shows, so it is not allowed",
        crate::core::util::control_name(c)
    )
}

const CONTROL_HINT: &str = "Delete the character: retype the text around it. Control characters often come from copying out of another program.";

/// A check of an id that is already safe for web addresses: short enough
/// and not a name Windows keeps for itself.
fn id_problem(id: &str) -> Option<(String, String)> {
    crate::core::util::name_problem(id).map(|why| {
        let short = id.chars().take(40).collect::<String>();
        let shown = if short.len() < id.len() { format!("{short}…") } else { short };
        (format!("the id `{shown}` {why}"), format!("Use a shorter or different id, such as `{}`. The id names a folder in the published site.", crate::core::util::fix_name(id)))
    })
}

/// The closest of `options` to `word`, if it is close enough to suggest.
pub fn nearest<'a>(word: &str, options: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let w = crate::core::util::slugify(word);
    options
        .into_iter()
        .map(|o| (strsim::jaro_winkler(&w, o).max(strsim::normalized_levenshtein(&w, o)), o))
        .filter(|(s, _)| *s >= 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, o)| o)
}

/// Check one service; push every problem found.
pub fn service(s: &Service, loc: &dyn Locate, categories: &[Category], out: &mut Vec<Diagnostic>) {
    let mut err = |f: Field, rule: Rule, m: String, h: String| out.push(diag(loc, f, rule, m, h));

    // Identity.
    if s.id.trim().is_empty() {
        let suggestion = crate::core::util::slugify(&s.name);
        err(
            Field::Top("id"),
            Rule::DirectoryMissingField,
            "this service has no `id`".into(),
            if suggestion.is_empty() {
                "Add an id such as `id: ashdown-wellbeing-hub`: small letters, numbers and dashes. It is used in the page's web address.".into()
            } else {
                format!("Add `id: {suggestion}`. The id is used in the page's web address, so use small letters, numbers and dashes.")
            },
        );
    } else if crate::core::util::slugify(&s.id) != s.id {
        err(
            Field::Top("id"),
            Rule::DirectoryId,
            format!("the id `{}` cannot be used in a web address", s.id),
            format!("Use small letters, numbers and dashes only, for example `{}`.", crate::core::util::slugify(&s.id)),
        );
    }
    if let Some((m, h)) = (!s.id.trim().is_empty() && crate::core::util::slugify(&s.id) == s.id).then(|| id_problem(&s.id)).flatten() {
        err(Field::Top("id"), Rule::DirectoryId, m, h);
    }
    for (f, name, v) in texts(s) {
        if let Some((at, c)) = crate::core::util::first_control(v) {
            // A spreadsheet's message already names the column.
            let name = if loc.find(f).2.is_empty() { name } else { "this cell".into() };
            err(f, Rule::DirectoryControlCharacter, control_message(&name, at, c), CONTROL_HINT.into());
        }
    }
    if s.name.trim().is_empty() {
        err(Field::Top("name"), Rule::DirectoryMissingField, "this service has no `name`".into(), "Add the service's name, for example `name: Ashdown Wellbeing Hub`.".into());
    }

    // Categories.
    let ids: Vec<&str> = categories.iter().map(|c| c.id.as_str()).collect();
    for c in &s.categories {
        if ids.contains(&c.as_str()) {
            continue;
        }
        // Someone may have written the name rather than the id.
        let by_name = categories.iter().find(|k| text::fold(&k.name) == text::fold(c) || k.easy_name.as_deref().is_some_and(|e| text::fold(e) == text::fold(c)));
        let hint = match by_name.map(|k| k.id.as_str()).or_else(|| nearest(c, ids.iter().copied())) {
            Some(n) => format!("Did you mean `{n}`? Categories are listed in content/directory/categories.yaml."),
            None if ids.is_empty() => "Add the category to content/directory/categories.yaml (there are none yet).".into(),
            None => format!("Use one of: {}. Or add a new category to content/directory/categories.yaml.", ids.join(", ")),
        };
        err(Field::Top("categories"), Rule::DirectoryUnknownCategory, format!("there is no category `{c}`"), hint);
    }

    // Places.
    for (i, l) in s.locations.iter().enumerate() {
        if let Some(pc) = l.postcode.as_deref().filter(|p| !p.trim().is_empty()) {
            if text::normalise_postcode(pc).is_none() {
                let compact: String = pc.trim().to_ascii_uppercase();
                let fixed = (compact.is_ascii() && compact.len() >= 3 && compact[compact.len() - 3..].starts_with('O'))
                    .then(|| format!("{}0{}", &compact[..compact.len() - 3], &compact[compact.len() - 2..]))
                    .and_then(|f| text::normalise_postcode(&f));
                let hint = match fixed {
                    Some(f) => format!("The second part of a postcode starts with a number: did you mean `{f}` (zero, not the letter O)?"),
                    None => "A UK postcode has two parts, like `SO51 0YA`.".into(),
                };
                err(Field::Location(i, "postcode"), Rule::DirectoryPostcode, format!("`{pc}` is not a UK postcode"), hint);
            }
        }
        for (key, v, max) in [("lat", l.lat, 90.0), ("lon", l.lon, 180.0)] {
            if let Some(v) = v {
                if !v.is_finite() || v.abs() > max {
                    let what = if key == "lat" { "latitude" } else { "longitude" };
                    err(
                        Field::Location(i, key),
                        Rule::DirectoryCoordinates,
                        format!("the {what} `{v}` is out of range: it must be between -{max} and {max}"),
                        "Check the numbers, and that `lat` and `lon` are not swapped. In the UK, lat is about 50 to 60 and lon about -8 to 2.".into(),
                    );
                }
            }
        }
        if l.lat.is_some() != l.lon.is_some() {
            let missing = if l.lat.is_none() { "lat" } else { "lon" };
            err(
                Field::Location(i, if l.lat.is_none() { "lon" } else { "lat" }),
                Rule::DirectoryCoordinates,
                format!("this place has only one of `lat` and `lon`; `{missing}` is missing"),
                "Give both, or neither.".into(),
            );
        }
    }

    // Contacts.
    let c = &s.contacts;
    for (key, v) in [("phone", &c.phone), ("textphone", &c.textphone), ("text_relay", &c.text_relay), ("sms", &c.sms)] {
        if let Some(p) = v.as_deref().filter(|p| !p.trim().is_empty()) {
            if let Err(why) = text::phone_href(p) {
                err(
                    Field::Contact(key),
                    Rule::DirectoryPhone,
                    format!("`{p}` is not a UK phone number: {why}"),
                    "Write the number with its area code, like `023 8050 4731` or `+44 23 8050 4731`. Text relay numbers may start with 18001.".into(),
                );
            }
        }
    }
    if let Some(e) = c.email.as_deref().filter(|e| !e.trim().is_empty()) {
        if !text::email_ok(e) {
            let hint = if let Some(rest) = e.trim().strip_prefix("mailto:") {
                format!("Write the address alone, without `mailto:`: `{rest}`.")
            } else {
                "An email address looks like `name@example.org`.".into()
            };
            err(Field::Contact("email"), Rule::DirectoryEmail, format!("`{e}` is not an email address"), hint);
        }
    }
    if let Some(w) = c.website.as_deref().filter(|w| !w.trim().is_empty()) {
        if !text::web_url_ok(w) {
            let t = w.trim();
            let scheme = t.split_once(':').map(|(s, _)| s.to_ascii_lowercase()).filter(|s| s.chars().all(|c| c.is_ascii_alphabetic()));
            let (message, hint) = match scheme.as_deref() {
                Some("http") | Some("https") => (format!("`{t}` is not a working web address"), "Check for spaces and that the site's name is complete, like `https://example.org/page`.".to_string()),
                Some(other) if t.contains("://") || ["javascript", "data", "vbscript", "file"].contains(&other) => (
                    format!("`{t}` is not allowed as a website: only addresses that start with `https://` or `http://` are"),
                    "Give the service's web address, like `https://example.org`.".to_string(),
                ),
                _ if text::web_url_ok(&format!("https://{t}")) => {
                    (format!("`{t}` needs `https://` at the start"), format!("Write it as `https://{t}`."))
                }
                _ => (format!("`{t}` is not a web address"), "Give the service's web address, like `https://example.org`.".to_string()),
            };
            err(Field::Contact("website"), Rule::DirectoryUrl, message, hint);
        }
    }

    // Opening times.
    for (i, sch) in s.schedule.iter().enumerate() {
        match text::parse_byday(&sch.byday) {
            Ok(_) => {}
            Err(bad) => err(
                Field::Schedule(i, "byday"),
                Rule::DirectorySchedule,
                if bad.is_empty() { "this opening time has no days".into() } else { format!("`{bad}` is not a day code") },
                "Use MO, TU, WE, TH, FR, SA and SU, separated by commas, like `MO,TU,WE`.".into(),
            ),
        }
        let opens = text::parse_time(&sch.opens_at);
        let closes = text::closing_minutes(&sch.closes_at);
        for (key, v, t) in [("opens_at", &sch.opens_at, opens), ("closes_at", &sch.closes_at, closes)] {
            if t.is_none() {
                err(
                    Field::Schedule(i, key),
                    Rule::DirectorySchedule,
                    format!("`{v}` is not a time"),
                    "Write times on the 24-hour clock with a colon, like `09:00` or `17:30`.".into(),
                );
            }
        }
        if let (Some(o), Some(c)) = (opens, closes) {
            if c <= o {
                err(
                    Field::Schedule(i, "closes_at"),
                    Rule::DirectorySchedule,
                    format!("the closing time {} is not after the opening time {}", sch.closes_at.trim(), sch.opens_at.trim()),
                    "Check the two times are the right way round. Use the 24-hour clock: 5pm is `17:00`.".into(),
                );
            }
        }
    }

    // When it was checked.
    if let Some(r) = s.reviewed.as_deref().filter(|r| !r.trim().is_empty()) {
        if chrono::NaiveDate::parse_from_str(r.trim(), "%Y-%m-%d").is_err() {
            err(
                Field::Top("reviewed"),
                Rule::DirectoryDate,
                format!("`{r}` is not a date easyinfo can read"),
                "Write the date as year-month-day, for example `2026-07-17`.".into(),
            );
        }
    }
}

/// Check the categories: ids, names and duplicates.
pub fn categories(cats: &[Category], file: &str, out: &mut Vec<Diagnostic>) {
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for c in cats {
        let shown = crate::core::util::visible(&c.id);
        if c.id.trim().is_empty() {
            out.push(Diagnostic::error(Rule::DirectoryMissingField, file, "this category has no `id`").at(c.line, 1).hint(format!(
                "Add an id such as `id: {}`: small letters, numbers and dashes.",
                crate::core::util::slugify(if c.name.is_empty() { "mental-health" } else { &c.name })
            )));
        } else if crate::core::util::slugify(&c.id) != c.id {
            out.push(
                Diagnostic::error(Rule::DirectoryId, file, format!("the category id `{shown}` cannot be used in a web address"))
                    .at(c.line, 1)
                    .hint(format!("Use small letters, numbers and dashes only, for example `{}`.", crate::core::util::slugify(&c.id))),
            );
        } else if let Some((m, h)) = id_problem(&c.id) {
            out.push(Diagnostic::error(Rule::DirectoryId, file, m.replacen("the id", "the category id", 1)).at(c.line, 1).hint(h));
        }
        if !c.id.trim().is_empty() {
            if let Some(first) = seen.insert(&c.id, c.line) {
                out.push(
                    Diagnostic::error(Rule::DirectoryDuplicateId, file, format!("the category `{shown}` is listed twice"))
                        .at(c.line, 1)
                        .hint(format!("It is first listed on line {first}. Keep one of them.")),
                );
            }
        }
        if c.name.trim().is_empty() {
            out.push(
                Diagnostic::error(Rule::DirectoryMissingField, file, format!("the category `{shown}` has no `name`"))
                    .at(c.line, 1)
                    .hint("Add `name: …` with the category's name."),
            );
        }
        for (k, v) in [("id", Some(&c.id)), ("name", Some(&c.name)), ("easy_name", c.easy_name.as_ref()), ("description", c.description.as_ref())] {
            if let Some((at, ch)) = v.and_then(|v| crate::core::util::first_control(v)) {
                out.push(
                    Diagnostic::error(Rule::DirectoryControlCharacter, file, format!("the category on this line: {}", control_message(&format!("`{k}`"), at, ch)))
                        .at(c.line, 1)
                        .hint(CONTROL_HINT),
                );
            }
        }
    }
}
