//! cargo-fuzz target `worker_message`: the body is `poolsmith::fuzz_targets::worker_message` (see there for what it checks).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| poolsmith::fuzz_targets::worker_message(data));
