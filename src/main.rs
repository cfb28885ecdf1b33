//! WebAssembly entry point: mounts the Poolsmith app. Built natively it does nothing (the
//! native program is the `poolsmith` CLI).

fn main() {
    #[cfg(target_arch = "wasm32")]
    poolsmith::ui::mount();
}
