//! Small text helpers shared by validation, pages and the search index:
//! days and times in words, postcodes, phone numbers, words for searching.

use crate::core::strings::Words;

/// HSDS / iCal day codes, Monday first, with their English names (for
/// schema.org; pages take the names from the theme's strings).
pub const DAYS: [(&str, &str); 7] = [
    ("MO", "Monday"),
    ("TU", "Tuesday"),
    ("WE", "Wednesday"),
    ("TH", "Thursday"),
    ("FR", "Friday"),
    ("SA", "Saturday"),
    ("SU", "Sunday"),
];

/// `MO,TU,WE` to day numbers (Monday = 0). `Err` names the first bad code.
pub fn parse_byday(s: &str) -> Result<Vec<usize>, String> {
    let mut out = Vec::new();
    let parts: Vec<&str> = s.split([',', ' ']).map(str::trim).filter(|p| !p.is_empty()).collect();
    if parts.is_empty() {
        return Err(String::new());
    }
    for p in parts {
        let up = p.to_ascii_uppercase();
        match DAYS.iter().position(|(c, _)| *c == up) {
            Some(i) => {
                if !out.contains(&i) {
                    out.push(i);
                }
            }
            None => return Err(p.to_string()),
        }
    }
    out.sort_unstable();
    Ok(out)
}

/// `09:00`, `9:00`, `09:00:00` or `24:00` to minutes after midnight.
pub fn parse_time(s: &str) -> Option<u32> {
    let s = s.trim();
    let mut parts = s.split([':', '.']);
    let h = parts.next()?;
    let m = parts.next()?;
    let sec = parts.next();
    if parts.next().is_some() || h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    if !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    if let Some(sec) = sec {
        if sec.len() != 2 || !sec.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    if m > 59 || h > 24 || (h == 24 && m != 0) {
        return None;
    }
    Some(h * 60 + m)
}

/// A closing time of `00:00` means midnight at the end of the day.
pub fn closing_minutes(s: &str) -> Option<u32> {
    parse_time(s).map(|m| if m == 0 { 24 * 60 } else { m })
}

/// GOV.UK style: `9am`, `5:30pm`, `midday`, `midnight`, in the words'
/// language.
pub fn human_time(min: u32, w: &Words) -> String {
    let (h, m) = (min / 60 % 24, min % 60);
    if m == 0 && h == 12 {
        return w.text("midday").into();
    }
    if m == 0 && h == 0 {
        return w.text("midnight").into();
    }
    let (h12, pm) = match h {
        0 => (12, false),
        1..=11 => (h, false),
        12 => (12, true),
        _ => (h - 12, true),
    };
    let (hour, minutes) = (h12.to_string(), format!("{m:02}"));
    let args = [("hour", hour.as_str()), ("minutes", minutes.as_str())];
    match (pm, m == 0) {
        (false, true) => w.fill("time_am", &args),
        (false, false) => w.fill("time_am_minutes", &args),
        (true, true) => w.fill("time_pm", &args),
        (true, false) => w.fill("time_pm_minutes", &args),
    }
}

/// `HH:MM`, for `<time datetime>`; midnight at the end of a day is `00:00`.
pub fn iso_time(min: u32) -> String {
    let min = min % (24 * 60);
    format!("{:02}:{:02}", min / 60, min % 60)
}

/// One opening period: a day, and minutes after midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Period {
    pub day: usize,
    pub opens: u32,
    pub closes: u32,
}

/// Every valid period in a schedule, sorted by day and time. Bad entries
/// (which validation reports) are left out.
pub fn periods(schedule: &[super::model::Schedule]) -> Vec<Period> {
    let mut out = Vec::new();
    for s in schedule {
        let (Ok(days), Some(opens), Some(closes)) = (parse_byday(&s.byday), parse_time(&s.opens_at), closing_minutes(&s.closes_at)) else {
            continue;
        };
        if closes <= opens {
            continue;
        }
        for day in days {
            out.push(Period { day, opens, closes });
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Times on one day in words: "9am to 5pm" or "9am to midday, and 1pm to 5pm".
pub fn day_times(periods: &[Period], day: usize) -> Vec<(u32, u32)> {
    periods.iter().filter(|p| p.day == day).map(|p| (p.opens, p.closes)).collect()
}

pub fn times_in_words(times: &[(u32, u32)], w: &Words) -> String {
    let parts: Vec<String> =
        times.iter().map(|(o, c)| w.fill("time_range", &[("opens", &human_time(*o, w)), ("closes", &human_time(*c, w))])).collect();
    match parts.len() {
        0 => String::new(),
        1 => parts[0].clone(),
        _ => w.fill("times_last", &[("rest", &parts[..parts.len() - 1].join(w.text("list_comma"))), ("last", &parts[parts.len() - 1])]),
    }
}

/// Days with the same times grouped: ("Monday to Friday", "9am to 5pm").
pub fn week_summary(periods: &[Period], w: &Words) -> Vec<(String, String)> {
    // (first day, last day, times)
    type Run = (usize, usize, Vec<(u32, u32)>);
    let mut out: Vec<Run> = Vec::new();
    for day in 0..7 {
        let t = day_times(periods, day);
        if t.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some((_, end, times)) if *end + 1 == day && *times == t => *end = day,
            _ => out.push((day, day, t)),
        }
    }
    out.into_iter()
        .map(|(a, b, t)| {
            let (first, last) = (w.nth("days", a), w.nth("days", b));
            let days = match b - a {
                0 => first.to_string(),
                1 => w.fill("days_two", &[("first", first), ("last", last)]),
                _ => w.fill("days_run", &[("first", first), ("last", last)]),
            };
            (days, times_in_words(&t, w))
        })
        .collect()
}

// ---------------------------------------------------------------- postcodes

/// `so51 0ya`, `SO510YA` → `SO51 0YA`; `None` if it is not a UK postcode.
pub fn normalise_postcode(s: &str) -> Option<String> {
    let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
    if compact == "GIR0AA" {
        return Some("GIR 0AA".into());
    }
    if compact.len() < 5 || compact.len() > 7 || !compact.is_ascii() {
        return None;
    }
    let (out, inw) = compact.split_at(compact.len() - 3);
    let ib = inw.as_bytes();
    if !(ib[0].is_ascii_digit() && ib[1].is_ascii_alphabetic() && ib[2].is_ascii_alphabetic()) {
        return None;
    }
    let ob = out.as_bytes();
    let letters = ob.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    if !(1..=2).contains(&letters) {
        return None;
    }
    let rest = &ob[letters..];
    let ok = match rest {
        [d] => d.is_ascii_digit(),
        [d, x] => d.is_ascii_digit() && x.is_ascii_alphanumeric(),
        _ => false,
    };
    // Only one space, between the parts, is allowed in the original.
    let spaces = s.trim().matches(char::is_whitespace).count();
    if !ok || spaces > 1 {
        return None;
    }
    Some(format!("{out} {inw}"))
}

/// The postcode district (outward code), such as `SO51`.
pub fn postcode_district(s: &str) -> Option<String> {
    normalise_postcode(s).and_then(|p| p.split(' ').next().map(str::to_string))
}

// ------------------------------------------------------------ phone numbers

/// A phone number as `tel:` wants it (digits, and `+` for +44), or why not.
/// Accepts spaces, dashes, brackets, `+44`, and the `18001`/`18002`
/// text relay prefixes.
pub fn phone_href(s: &str) -> Result<String, &'static str> {
    let t = s.trim();
    if t.is_empty() {
        return Err("it is empty");
    }
    if let Some(bad) = t.chars().find(|c| !(c.is_ascii_digit() || " -()./+\u{a0}".contains(*c))) {
        let _ = bad;
        return Err("it has letters or other characters that are not part of a phone number");
    }
    let plus = t.starts_with('+');
    if t[1..].contains('+') {
        return Err("it has a `+` in the middle");
    }
    let mut digits: String = t.chars().filter(|c| c.is_ascii_digit()).collect();
    // Text relay: 18001 (or 18002 for a textphone call) then the number.
    let relay = ["18001", "18002"].into_iter().find(|p| digits.starts_with(p) && digits.len() > 8);
    let prefix = relay.unwrap_or("");
    digits = digits[prefix.len()..].to_string();
    let mut intl = false;
    if plus || digits.starts_with("0044") {
        let rest = if plus { digits.as_str() } else { &digits[2..] };
        let Some(national) = rest.strip_prefix("44") else {
            return Err("it is not a UK number (UK numbers start with 0 or +44)");
        };
        // +44 (0)23… writes the 0 that callers from abroad leave out.
        let national = national.strip_prefix('0').unwrap_or(national);
        digits = format!("0{national}");
        intl = true;
    }
    let short = ["999", "111", "112", "101", "105", "119"].contains(&digits.as_str())
        || (digits.len() == 6 && (digits.starts_with("116") || digits.starts_with("118")));
    let national = digits.starts_with('0') && !digits.starts_with("00") && (digits.len() == 10 || digits.len() == 11);
    let short_ok = short && !intl && prefix.is_empty();
    if !short_ok && !national {
        return Err(if digits.starts_with('0') {
            "it has the wrong number of digits (UK numbers have 10 or 11)"
        } else {
            "UK numbers start with 0 or +44"
        });
    }
    Ok(if intl { format!("{prefix}+44{}", &digits[1..]) } else { format!("{prefix}{digits}") })
}

// ----------------------------------------------------------------- e-mail, web

pub fn email_ok(s: &str) -> bool {
    let s = s.trim();
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && local.len() <= 64
        && local.chars().all(|c| c.is_ascii_alphanumeric() || "._+'-".contains(c))
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && host_ok(domain)
}

fn host_ok(h: &str) -> bool {
    let labels: Vec<&str> = h.split('.').collect();
    labels.len() >= 2
        && h.len() <= 253
        && labels.iter().all(|l| {
            !l.is_empty() && l.len() <= 63 && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') && !l.starts_with('-') && !l.ends_with('-')
        })
        && labels.last().is_some_and(|tld| tld.chars().all(|c| c.is_ascii_alphabetic()) && tld.len() >= 2)
}

/// Only `http://` and `https://` web addresses with a real host name.
pub fn web_url_ok(s: &str) -> bool {
    let s = s.trim();
    let rest = if let Some(r) = s.strip_prefix("https://") {
        r
    } else if let Some(r) = s.strip_prefix("http://") {
        r
    } else {
        return false;
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(end);
    let host = match authority.rsplit_once(':') {
        Some((h, port)) if !port.is_empty() && port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit()) => h,
        Some(_) => return false,
        None => authority,
    };
    host_ok(host) && !path.chars().any(|c| c.is_whitespace() || c.is_control() || "\"<>\\^`{|}".contains(c))
}

// ------------------------------------------------------------------- searching

/// Words that carry no meaning in a search.
pub const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "for", "from", "has", "have", "i", "if", "in", "into", "is", "it",
    "its", "me", "my", "of", "on", "or", "our", "so", "that", "the", "their", "them", "they", "this", "to", "us", "we", "with",
    "you", "your",
];

/// Lowercase, with accents taken off (ŵ → w, é → e): the one fold the
/// search index, the browser's search and sorting share.
pub use crate::core::fold::fold;

/// Search words in a text: folded, split at anything that is not a letter
/// or digit, apostrophes dropped (`carer's` → `carers`), stop words out.
pub fn search_words(s: &str) -> Vec<String> {
    let folded = fold(s);
    let mut out = Vec::new();
    let mut word = String::new();
    let flush = |w: &mut String, out: &mut Vec<String>| {
        if !w.is_empty() && !STOP_WORDS.contains(&w.as_str()) {
            out.push(std::mem::take(w));
        }
        w.clear();
    };
    for c in folded.chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else if c == '\'' || c == '\u{2019}' {
            // part of the word
        } else {
            flush(&mut word, &mut out);
        }
    }
    flush(&mut word, &mut out);
    out
}

// ----------------------------------------------------------- accessibility

/// A stable key for an accessibility feature: `Step free` → `step-free`.
pub fn feature_key(s: &str) -> String {
    crate::core::util::slugify(s)
}

/// Words for a feature, in the version's words. Unknown features keep
/// their own words.
pub fn feature_label(s: &str, w: &Words) -> String {
    let known = match feature_key(s).as_str() {
        "step-free" | "step-free-access" | "wheelchair-access" | "wheelchair-accessible" | "level-access" => Some(w.text("feature_step_free")),
        "hearing-loop" | "induction-loop" | "loop" => Some(w.text("feature_hearing_loop")),
        "accessible-toilet" | "disabled-toilet" => Some(w.text("feature_accessible_toilet")),
        "changing-places" | "changing-places-toilet" => Some(w.text("feature_changing_places")),
        "parking" | "disabled-parking" | "blue-badge-parking" => Some(w.text("feature_parking")),
        "lift" => Some(w.text("feature_lift")),
        "large-print" => Some(w.text("feature_large_print")),
        "easy-read" => Some(w.text("feature_easy_read")),
        "braille" => Some(w.text("feature_braille")),
        "quiet-room" | "quiet-space" => Some(w.text("feature_quiet_room")),
        "bsl" | "british-sign-language" | "bsl-interpreter" => Some(w.text("feature_bsl")),
        "assistance-dogs" | "assistance-dogs-welcome" => Some(w.text("feature_assistance_dogs")),
        "home-visits" => Some(w.text("feature_home_visits")),
        _ => None,
    };
    match known {
        Some(words) => words.to_string(),
        None => {
            let t = s.trim();
            let mut c = t.chars();
            match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                None => String::new(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en(version: &str) -> &'static Words {
        crate::core::strings::Strings::builtin().words(version)
    }

    #[test]
    fn times() {
        assert_eq!(parse_time("09:00"), Some(540));
        assert_eq!(parse_time("9:30"), Some(570));
        assert_eq!(parse_time("09:00:00"), Some(540));
        assert_eq!(parse_time("24:00"), Some(1440));
        assert_eq!(parse_time("25:00"), None);
        assert_eq!(parse_time("9am"), None);
        assert_eq!(parse_time("09:60"), None);
        let w = en("plain");
        assert_eq!(human_time(540, w), "9am");
        assert_eq!(human_time(17 * 60 + 30, w), "5:30pm");
        assert_eq!(human_time(720, w), "midday");
        assert_eq!(human_time(1440, w), "midnight");
        assert_eq!(human_time(30, w), "12:30am");
    }

    #[test]
    fn days() {
        assert_eq!(parse_byday("MO,TU,WE"), Ok(vec![0, 1, 2]));
        assert_eq!(parse_byday("su, mo"), Ok(vec![0, 6]));
        assert_eq!(parse_byday("MO,XX"), Err("XX".into()));
        assert!(parse_byday("").is_err());
    }

    #[test]
    fn week_words() {
        use super::super::model::Schedule;
        let s = vec![
            Schedule { byday: "MO,TU,WE,TH,FR".into(), opens_at: "09:00".into(), closes_at: "17:00".into() },
            Schedule { byday: "SA".into(), opens_at: "10:00".into(), closes_at: "12:00".into() },
        ];
        let p = periods(&s);
        assert_eq!(
            week_summary(&p, en("plain")),
            vec![("Monday to Friday".into(), "9am to 5pm".into()), ("Saturday".into(), "10am to midday".into())]
        );
    }

    #[test]
    fn postcodes() {
        assert_eq!(normalise_postcode("so51 0ya").as_deref(), Some("SO51 0YA"));
        assert_eq!(normalise_postcode("SO510YA").as_deref(), Some("SO51 0YA"));
        assert_eq!(normalise_postcode("EC1A 1BB").as_deref(), Some("EC1A 1BB"));
        assert_eq!(normalise_postcode("W1A 0AX").as_deref(), Some("W1A 0AX"));
        assert_eq!(normalise_postcode("M1 1AE").as_deref(), Some("M1 1AE"));
        assert_eq!(normalise_postcode("SO51 OYA"), None);
        assert_eq!(normalise_postcode("12345"), None);
        assert_eq!(normalise_postcode("SO5 1 0YA"), None);
        assert_eq!(postcode_district("SO51 0YA").as_deref(), Some("SO51"));
    }

    #[test]
    fn phones() {
        assert_eq!(phone_href("023 8050 4731"), Ok("02380504731".into()));
        assert_eq!(phone_href("+44 23 8050 4731"), Ok("+442380504731".into()));
        assert_eq!(phone_href("+44 (0)23 8050 4731"), Ok("+442380504731".into()));
        assert_eq!(phone_href("18001 023 8050 4731"), Ok("1800102380504731".into()));
        assert_eq!(phone_href("07700 900123"), Ok("07700900123".into()));
        assert_eq!(phone_href("0800 123 456"), Ok("0800123456".into()));
        assert_eq!(phone_href("999"), Ok("999".into()));
        assert_eq!(phone_href("116 123"), Ok("116123".into()));
        assert!(phone_href("023 8050").is_err());
        assert!(phone_href("call us").is_err());
        assert!(phone_href("+1 202 555 0100").is_err());
        assert!(phone_href("javascript:alert(1)").is_err());
    }

    #[test]
    fn emails_and_urls() {
        assert!(email_ok("hello@example.org"));
        assert!(email_ok("o'brien+x@mail.example.co.uk"));
        assert!(!email_ok("hello@example"));
        assert!(!email_ok("hello example.org"));
        assert!(!email_ok("a@b.org?subject=x"));
        assert!(web_url_ok("https://example.org/hub"));
        assert!(web_url_ok("http://example.org:8080/a?b=c#d"));
        assert!(!web_url_ok("javascript:alert(1)"));
        assert!(!web_url_ok("www.example.org"));
        assert!(!web_url_ok("https://exa mple.org"));
        assert!(!web_url_ok("https://example.org/\"onmouseover=alert(1)"));
        assert!(!web_url_ok("ftp://example.org"));
    }

    #[test]
    fn words() {
        assert_eq!(search_words("Tŷ Croeso: the carer's Café!"), vec!["ty", "croeso", "carers", "cafe"]);
        assert_eq!(fold("ŴŶ Łódź"), "wy lodz");
    }


    #[test]
    fn features() {
        assert_eq!(feature_label("step free", en("plain")), "Step-free access");
        assert_eq!(feature_label("BSL", en("easy")), "Sign language (BSL)");
        assert_eq!(feature_label("tactile map", en("plain")), "Tactile map");
    }
}
