//! Fuzz target `smithy_idl`: see [`shapegen_fuzz::smithy_idl`] for what it feeds and checks.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| shapegen_fuzz::smithy_idl(data));
