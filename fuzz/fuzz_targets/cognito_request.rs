//! Fuzz target `cognito_request`: see [`shapegen_fuzz::cognito_request`] for what it feeds and checks.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| shapegen_fuzz::cognito_request(data));
