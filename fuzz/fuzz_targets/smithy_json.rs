//! Fuzz target `smithy_json`: see [`shapegen_fuzz::smithy_json`] for what it feeds and checks.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| shapegen_fuzz::smithy_json(data));
