//! cargo-fuzz target `yaml`: the body is `poolsmith::fuzz_targets::yaml`, which says what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _accepted = poolsmith::fuzz_targets::yaml(data);
});
