//! Native benchmark of the engine on the largest request (50 attributes, 50 tags, every
//! section set): import, validation with every rule, and rendering every export format.
//! Target: validate + render all formats ≤ 1 ms. Run with `cargo bench --bench engine`
//! (scripts/bench prints it with the browser numbers). No framework: the median of many timed
//! rounds after a warm-up is enough for a number this size, and keeps the dependencies few.

use poolsmith::export::{self, Format, MfaFactors, Options};
use poolsmith::request;
use std::hint::black_box;
use std::time::{Duration, Instant};

fn median_of(rounds: usize, mut work: impl FnMut()) -> Duration {
    for _ in 0..rounds / 10 + 1 {
        work();
    }
    let mut times: Vec<Duration> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/largest-request.json"))
        .expect("tests/data/largest-request.json");
    let (form, problems) = request::from_text(&text);
    assert!(problems.is_empty(), "{problems:?}");
    let json = request::to_json(&form);
    let options = Options { mfa: MfaFactors { totp: true, email: true } };

    let import = median_of(200, || {
        black_box(request::from_text(black_box(&text)));
    });
    let validate = median_of(500, || {
        black_box(poolsmith::diagnostics(black_box(&form)));
    });
    let mut per_format = Vec::new();
    for format in Format::ALL {
        per_format.push((
            format,
            median_of(300, || {
                black_box(export::render(format, black_box(&json), &options));
            }),
        ));
    }
    let all = median_of(200, || {
        black_box(poolsmith::diagnostics(&form));
        let json = request::to_json(&form);
        for format in Format::ALL {
            black_box(export::render(format, &json, &options));
        }
    });

    let us = |d: Duration| d.as_secs_f64() * 1e6;
    println!("engine benchmark, largest request ({} bytes, median):", text.len());
    println!("  import request JSON             {:>9.1} µs", us(import));
    println!("  validate (model + all rules)     {:>9.1} µs", us(validate));
    for (format, time) in per_format {
        println!("  render {:<25} {:>9.1} µs", format.id(), us(time));
    }
    println!("  validate + render all formats    {:>9.1} µs  (target ≤ 1000 µs)", us(all));
}
