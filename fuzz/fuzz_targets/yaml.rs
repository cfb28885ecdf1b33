//! cargo-fuzz target `yaml`: the body is `poolsmith::fuzz_targets::yaml` (see there for what it checks).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| poolsmith::fuzz_targets::yaml(data));
