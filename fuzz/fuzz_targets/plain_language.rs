//! The plain-language analysis of a parent page with this body.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    helder::fuzzing::plain_language(data);
});
