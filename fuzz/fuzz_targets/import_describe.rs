//! cargo-fuzz target `import_describe`: the body is `poolsmith::fuzz_targets::import_describe` (see there for what it checks).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| poolsmith::fuzz_targets::import_describe(data));
