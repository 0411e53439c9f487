//! Fuzz target `jsonschema`: see [`shapegen_fuzz::jsonschema`] for what it feeds and checks.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| shapegen_fuzz::jsonschema(data));
