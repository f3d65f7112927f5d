//! What every stage shares.

pub mod strings;
