//! Fuzz target `pattern`: see [`shapegen_fuzz::pattern`] for what it feeds and checks.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| shapegen_fuzz::pattern(data));
