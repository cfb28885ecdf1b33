//! cargo-fuzz target `worker_message`: the body is `poolsmith::fuzz_targets::worker_message`, which says what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _accepted = poolsmith::fuzz_targets::worker_message(data);
});
