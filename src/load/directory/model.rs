//! Directory data, named after Open Referral UK / HSDS fields where it has them.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Directory {
    pub categories: Vec<Category>,
    pub services: Vec<Service>,
}

impl Directory {
    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }
    pub fn is_empty(&self) -> bool {
        self.categories.is_empty() && self.services.is_empty()
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Category {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub easy_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Line in categories.yaml, for messages.
    #[serde(skip)]
    pub line: usize,
    /// The text in the site's other languages (the `cy:` maps).
    #[serde(skip)]
    pub translations: super::translations::ByLanguage<super::translations::CategoryText>,
}

impl Category {
    /// Every piece of text in Unicode normal form C (see [`Service::normalise`]).
    pub fn normalise(&mut self) {
        self.id = crate::core::fold::nfc(&self.id);
        self.name = crate::core::fold::nfc(&self.name);
        for x in [&mut self.easy_name, &mut self.description].into_iter().flatten() {
            *x = crate::core::fold::nfc(x);
        }
        self.translations.values_mut().for_each(super::translations::CategoryText::normalise);
    }
    /// The name for a reading level: easy read uses `easy_name` when there is one.
    pub fn name_for(&self, level: crate::core::version::Level) -> &str {
        match &self.easy_name {
            Some(e) if level.spec().easy_rules && !e.trim().is_empty() => e,
            _ => &self.name,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// Required; checked by validation so a missing one gets a plain message.
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub easy_description: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub who_for: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<String>,
    /// `true`/`false`, or `yes`/`no` as people write in spreadsheets.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "yes_no")]
    pub personal_budget: Option<bool>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub locations: Vec<Location>,
    #[serde(default, skip_serializing_if = "Contacts::is_empty")]
    pub contacts: Contacts,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schedule: Vec<Schedule>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed: Option<String>,
    /// Where it came from, for messages: file and line (YAML) or row (CSV).
    #[serde(skip)]
    pub source: SourcePos,
    /// The text in the site's other languages (the `cy:` maps).
    #[serde(skip)]
    pub translations: super::translations::ByLanguage<super::translations::ServiceText>,
    /// In a view of the site in another language: each text field still in
    /// the main language, to that language's tag (pages mark it with `lang`).
    #[serde(skip)]
    pub lang: BTreeMap<&'static str, String>,
    /// In a view in another language: the original's `cost`, which says
    /// whether the service is free (the words that do are the main language's).
    #[serde(skip)]
    pub original_cost: Option<String>,
}

impl Service {
    /// The description for a reading level: easy read prefers `easy_description`.
    pub fn description_for(&self, level: crate::core::version::Level) -> &str {
        let easy = self.easy_description.as_deref().filter(|s| !s.trim().is_empty());
        let plain = self.description.as_deref().filter(|s| !s.trim().is_empty());
        if level.spec().easy_rules { easy.or(plain) } else { plain.or(easy) }.unwrap_or("")
    }
    /// Free of charge, judged from the original's `cost` text.
    pub fn is_free(&self) -> bool {
        self.original_cost.as_deref().or(self.cost.as_deref()).is_some_and(cost_is_free)
    }
    /// Every piece of text in Unicode normal form C, so that ids, names and
    /// search words compare the same however the letters were typed.
    pub fn normalise(&mut self) {
        let n = |s: &mut String| *s = crate::core::fold::nfc(s);
        let o = |s: &mut Option<String>| {
            if let Some(x) = s {
                *x = crate::core::fold::nfc(x);
            }
        };
        n(&mut self.id);
        n(&mut self.name);
        for x in [&mut self.organization, &mut self.description, &mut self.easy_description, &mut self.who_for, &mut self.cost, &mut self.reviewed] {
            o(x);
        }
        self.categories.iter_mut().chain(self.languages.iter_mut()).for_each(n);
        for l in &mut self.locations {
            o(&mut l.address);
            o(&mut l.postcode);
            l.accessibility.iter_mut().for_each(n);
        }
        let c = &mut self.contacts;
        for x in [&mut c.phone, &mut c.textphone, &mut c.text_relay, &mut c.sms, &mut c.email, &mut c.website] {
            o(x);
        }
        for sch in &mut self.schedule {
            n(&mut sch.byday);
            n(&mut sch.opens_at);
            n(&mut sch.closes_at);
        }
        self.translations.values_mut().for_each(super::translations::ServiceText::normalise);
    }
    /// `reviewed` as a date, if it is one.
    pub fn reviewed_date(&self) -> Option<chrono::NaiveDate> {
        self.reviewed.as_deref().and_then(|s| chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok())
    }
}

fn yes_no<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum YesNo {
        Bool(bool),
        Text(String),
    }
    match Option::<YesNo>::deserialize(d)? {
        None => Ok(None),
        Some(YesNo::Bool(b)) => Ok(Some(b)),
        Some(YesNo::Text(t)) => match t.trim().to_lowercase().as_str() {
            "yes" | "y" | "true" => Ok(Some(true)),
            "no" | "n" | "false" => Ok(Some(false)),
            "" => Ok(None),
            _ => Err(serde::de::Error::custom(format!("`{t}` is not yes or no"))),
        },
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourcePos {
    pub file: String,
    /// Line of the service's start (YAML: 1; CSV: the line of its first row).
    pub line: usize,
    /// The spreadsheet row (header = row 1) for services from services.csv.
    pub row: Option<usize>,
    /// YAML only: the line of each top-level field, for pointing at it.
    pub fields: BTreeMap<String, usize>,
}

impl SourcePos {
    /// The line of a top-level field, or of the service.
    pub fn line_of(&self, field: &str) -> usize {
        self.fields.get(field).copied().unwrap_or(self.line)
    }
    /// "row 4: " for spreadsheet rows, nothing for YAML files.
    pub fn row_prefix(&self) -> String {
        self.row.map(|r| format!("row {r}: ")).unwrap_or_default()
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Location {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postcode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accessibility: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Contacts {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub textphone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_relay: Option<String>,
    /// A mobile number that takes text messages (SMS); HSDS phone type `text`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sms: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
}

impl Contacts {
    pub fn is_empty(&self) -> bool {
        self == &Contacts::default()
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    pub byday: String,
    pub opens_at: String,
    pub closes_at: String,
}

/// "Free", "Free on the NHS", "Free. Tea is provided." count as free;
/// "£3 a session. Carers free." does not.
pub fn cost_is_free(cost: &str) -> bool {
    let c = cost.trim().to_lowercase();
    let first = c.split(|ch: char| !ch.is_alphanumeric() && ch != '£').find(|w| !w.is_empty()).unwrap_or("");
    first == "free" || c == "no cost" || c == "£0" || c == "0" || c == "nothing"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free() {
        assert!(cost_is_free("Free"));
        assert!(cost_is_free("Free on the NHS"));
        assert!(cost_is_free("free. Tea provided"));
        assert!(!cost_is_free("£3 a session. Carers free."));
        assert!(!cost_is_free("Freedom pass"));
    }
}
