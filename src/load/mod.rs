//! Stage 1: read a site's files into memory, checking each as it is read.
//! Nothing here knows about pages or formats.

pub mod directory;
pub mod glossary;
pub mod guide;
pub mod links;
pub mod site;
pub mod theme;
