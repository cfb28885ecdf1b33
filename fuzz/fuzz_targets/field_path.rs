//! cargo-fuzz target `field_path`: the body is `poolsmith::fuzz_targets::field_path` (see there for what it checks).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| poolsmith::fuzz_targets::field_path(data));
