//! Directory data, named after Open Referral UK / HSDS fields where it has them.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Serialize)]
pub struct Directory {
    pub categories: Vec<Category>,
    pub services: Vec<Service>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub easy_name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub organization: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub easy_description: Option<String>,
    #[serde(default)]
    pub categories: Vec<String>,
    #[serde(default)]
    pub who_for: Option<String>,
    #[serde(default)]
    pub cost: Option<String>,
    #[serde(default)]
    pub personal_budget: Option<bool>,
    #[serde(default)]
    pub locations: Vec<Location>,
    #[serde(default)]
    pub contacts: Contacts,
    #[serde(default)]
    pub languages: Vec<String>,
    #[serde(default)]
    pub schedule: Vec<Schedule>,
    #[serde(default)]
    pub reviewed: Option<String>,
    /// Where it came from, for messages: file and line (YAML) or row (CSV).
    #[serde(skip)]
    pub source: SourcePos,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourcePos {
    pub file: String,
    pub line: usize,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Location {
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub postcode: Option<String>,
    #[serde(default)]
    pub lat: Option<f64>,
    #[serde(default)]
    pub lon: Option<f64>,
    #[serde(default)]
    pub accessibility: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Contacts {
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub textphone: Option<String>,
    #[serde(default)]
    pub text_relay: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub website: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    pub byday: String,
    pub opens_at: String,
    pub closes_at: String,
}
