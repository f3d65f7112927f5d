//! What every stage shares.

pub mod fold;
pub mod level_set;
pub mod rules;
pub mod error;
