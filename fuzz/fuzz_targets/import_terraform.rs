//! cargo-fuzz target `import_terraform`: the body is `poolsmith::fuzz_targets::import_terraform`, which says what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _accepted = poolsmith::fuzz_targets::import_terraform(data);
});
