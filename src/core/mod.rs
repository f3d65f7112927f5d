//! What every stage shares.

pub mod level_set;
pub mod rules;
