//! cargo-fuzz target `import_cloudformation`: the body is `poolsmith::fuzz_targets::import_cloudformation` (see there for what it checks).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| poolsmith::fuzz_targets::import_cloudformation(data));
