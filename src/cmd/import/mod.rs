//! `easyinfo import`: bring outside data into a site's own files.

pub mod hsds;
