//! The reading levels every guide is published in: see `core::version`.

pub use crate::core::version::{Level, LevelSpec, TermPolicy, Thresholds};
