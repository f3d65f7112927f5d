//! easyinfo: one Markdown source becomes easy read, large print and plain
//! pages, with a jargon lint and an offline service directory.
//!
//! Data flows one way, one module a stage:
//! `site` (load) → `guide` (parse by level) → `lint` → `render` → `output`.

pub mod build;
pub mod core;
pub mod diagnostics;
pub mod directory;
pub mod glossary;
pub mod guide;
pub mod level;
pub mod links;
pub mod lint;
pub mod new_site;
pub mod output;
pub mod render;
pub mod report;
pub mod serve;
pub mod site;
pub mod util;
