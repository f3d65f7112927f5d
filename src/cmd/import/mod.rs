//! `easyinfo import`: bring outside data into a site's own files.

pub mod hsds;
pub mod write;

pub use write::{import_file, Report};
