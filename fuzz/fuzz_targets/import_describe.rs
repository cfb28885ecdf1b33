//! cargo-fuzz target `import_describe`: the body is `poolsmith::fuzz_targets::import_describe`, which says what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _accepted = poolsmith::fuzz_targets::import_describe(data);
});
