//! A page file's front matter (split, parsed, checked) and a glossary file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    helder::fuzzing::front_matter(data);
});
