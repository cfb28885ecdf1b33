//! cargo-fuzz target `import_request_json`: the body is `poolsmith::fuzz_targets::import_request_json` (see there for what it checks).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| poolsmith::fuzz_targets::import_request_json(data));
