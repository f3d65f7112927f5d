#![no_main]
//! One service's YAML, and services.csv, read and validated.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    easyinfo_fuzz::service_input(text);
});
