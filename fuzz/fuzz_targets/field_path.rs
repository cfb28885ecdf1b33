//! cargo-fuzz target `field_path`: the body is `poolsmith::fuzz_targets::field_path`, which says what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _accepted = poolsmith::fuzz_targets::field_path(data);
});
