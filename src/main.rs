//! WebAssembly entry point: mounts the app. Natively this binary does nothing.
fn main() {}
