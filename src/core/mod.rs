//! What every stage shares.

pub mod fold;
