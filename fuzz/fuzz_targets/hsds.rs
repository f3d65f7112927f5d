#![no_main]
//! The Open Referral UK / HSDS JSON import, on arbitrary bytes.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    easyinfo_fuzz::hsds_input(data);
});
