//! Stage between checking and rendering: content becomes data any
//! renderer can walk (a guide's `Document`, the directory's views).

pub mod directory;
pub mod document;
pub mod guide;
mod raw_html;
mod tree;
