//! Native benchmark of the engine on the largest request (tests/data/largest-request.json: 50
//! attributes, 50 tags, every section set): import, validation with every rule, rendering each
//! export format, and `validate_and_render_all` (validation plus every format, what one edit
//! costs). Target: `validate_and_render_all` ≤ 1 ms (1000 µs, the median column).
//!
//! Run with `cargo bench --bench engine` (scripts/bench prints it with the browser numbers).
//! Uses divan, as the project issue asks for a real benchmark framework (criterion or divan):
//! divan is the smaller of the two, runs with `harness = false`, sizes its samples itself and
//! prints fastest, slowest, median and mean per benchmark in one table.

use divan::{black_box, Bencher};
use poolsmith::export::{self, Format, MfaFactors, Options};
use poolsmith::json::Json;
use poolsmith::{request, FormValue};
use std::sync::OnceLock;

fn main() {
    divan::main();
}

/// The largest request as text, as a form and as normalised JSON, read once.
struct Fixture {
    text: String,
    form: FormValue,
    json: Json,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/largest-request.json"))
            .expect("tests/data/largest-request.json");
        let (form, problems) = request::from_text(&text);
        assert!(problems.is_empty(), "{problems:?}");
        let json = request::to_json(&form);
        Fixture { text, form, json }
    })
}

/// Both MFA follow-ups on, so every export writes its longest form.
const OPTIONS: Options = Options { mfa: MfaFactors { sms: true, totp: true, email: true }, template: None };

/// Reading the request JSON into a form.
#[divan::bench]
fn import(bencher: Bencher) {
    let text = &fixture().text;
    bencher.bench(|| request::from_text(black_box(text)));
}

/// `poolsmith::diagnostics`: the model's single-field checks plus every rule.
#[divan::bench]
fn validate(bencher: Bencher) {
    let form = &fixture().form;
    bencher.bench(|| poolsmith::diagnostics(black_box(form)));
}

/// One export format, by its id.
#[divan::bench(args = Format::ALL.map(Format::id))]
fn render(bencher: Bencher, id: &str) {
    let format = Format::from_id(id).expect("a format id");
    let json = &fixture().json;
    bencher.bench(|| export::render(format, black_box(json), &OPTIONS));
}

/// What one edit costs: validation, the request JSON, and every format rendered from it.
#[divan::bench]
fn validate_and_render_all(bencher: Bencher) {
    let form = &fixture().form;
    bencher.bench(|| {
        black_box(poolsmith::diagnostics(black_box(form)));
        let json = request::to_json(form);
        for format in Format::ALL {
            black_box(export::render(format, &json, &OPTIONS));
        }
    });
}
