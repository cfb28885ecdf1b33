//! The `poolsmith` command: the native CLI over the same core as the browser app.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let status = poolsmith::cli::run(
        &args,
        &mut std::io::stdin().lock(),
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    std::process::exit(status);
}
