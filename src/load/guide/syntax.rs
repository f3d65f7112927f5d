//! The Markdown extensions guides are read with.

use pulldown_cmark::Options;

pub fn options() -> Options {
    lint_options() | Options::ENABLE_SMART_PUNCTUATION
}

/// Without smart punctuation, so text events match the source byte for byte.
pub fn lint_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}
