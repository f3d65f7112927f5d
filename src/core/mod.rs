//! What every stage shares.

pub mod error;
