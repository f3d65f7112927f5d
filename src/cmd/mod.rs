//! What only the command line does: making a new site and importing
//! directory data. (`cli.rs`, the argument parser, is the binary's own.)

pub mod import;
pub mod new_site;
