//! What the integration tests share: running the `poolsmith` binary as scripts and CI do.

use std::io::Write;
use std::process::{Command, Stdio};

/// Runs `poolsmith` with `args` and `stdin`: (exit status, stdout, stderr).
pub fn poolsmith(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_poolsmith"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run poolsmith");
    // The program may exit before reading its input (bad usage): a broken pipe is fine.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}
