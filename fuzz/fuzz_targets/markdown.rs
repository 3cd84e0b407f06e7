//! A whole page file rendered to HTML with the built-in theme and glossary.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    helder::fuzzing::markdown(data);
});
