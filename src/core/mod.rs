//! What every stage shares: the version table, the routes, rule ids, the
//! one error type and the one text fold.

pub mod alphabet;
pub mod diagnostics;
pub mod error;
pub mod fold;
pub mod language;
pub mod level_set;
pub mod routes;
pub mod rules;
pub mod strings;
pub mod util;
pub mod version;
