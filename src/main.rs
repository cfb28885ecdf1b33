//! WebAssembly entry point: mounts the Poolsmith app. Built natively it does nothing (the
//! native program is the `poolsmith` CLI).
//!
//! In the browser the module has no `main`: wasm-bindgen's start function mounts the app. A Rust
//! `main` would link the standard library's runtime around it (its exit path flushes stdout),
//! which brings stdout and the text of every `io::ErrorKind` into the first load for nothing.
#![cfg_attr(target_arch = "wasm32", no_main)]

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
fn start() {
    poolsmith::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
