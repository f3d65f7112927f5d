#![no_main]
//! glossary.yaml parsing, then term matching over arbitrary text.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    easyinfo_fuzz::glossary_input(text);
});
