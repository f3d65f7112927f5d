#![no_main]
//! Front matter, containers, Markdown rendering of all three levels, and
//! the lint's text units, on arbitrary guide text.

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static GLOSSARY: OnceLock<easyinfo::load::glossary::Glossary> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let g = GLOSSARY.get_or_init(easyinfo_fuzz::glossary);
    easyinfo_fuzz::guide(text, g);
});
