//! Property tests over requests generated from the model: import → export round-trips, and
//! no input, however broken, makes the importer panic.

use poolsmith::json;
use poolsmith::request::{from_text, to_json};
use poolsmith::sample::{Rng, Sampler};

#[test]
fn import_then_export_round_trips_generated_requests() {
    for seed in 0..3000u64 {
        let mut sampler = Sampler::new(seed);
        sampler.adversarial = seed % 2 == 0;
        sampler.fill = [0.15, 0.5, 0.9][(seed % 3) as usize];
        let with_invalid = seed % 5 == 0;
        if with_invalid {
            sampler.invalid_rate = 0.2;
        }
        let form = sampler.request();
        let request = to_json(&form);
        let text = request.pretty();
        let (back, problems) = from_text(&text);
        if !with_invalid {
            assert!(problems.is_empty(), "seed {seed}: {problems:?}\n{text}");
        }
        assert_eq!(to_json(&back), request, "seed {seed}: the request changed on the way back\n{text}");
        assert_eq!(to_json(&back).pretty(), text, "seed {seed}: printing is not stable");
        // Compact JSON (what people paste from other tools) reads back the same.
        let (compact_back, _) = from_text(&request.compact());
        assert_eq!(to_json(&compact_back), request, "seed {seed}: compact form");
    }
}

#[test]
fn the_importer_never_panics_on_mutated_input() {
    let mut rng = Rng::new(99);
    let alphabet: Vec<char> = "{}[]\":,\\ntrue-0.e5 \u{0}é😀\u{feff}".chars().collect();
    let mut diagnostics = 0usize;
    for seed in 0..4000u64 {
        let mut sampler = Sampler::new(seed);
        sampler.adversarial = true;
        let mut text: Vec<char> = to_json(&sampler.request()).pretty().chars().collect();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(text.len() + 1);
            match rng.below(3) {
                0 if at < text.len() => {
                    text.remove(at);
                }
                1 => text.insert(at, *rng.pick(&alphabet)),
                _ => {
                    let end = (at + rng.below(20)).min(text.len());
                    text.drain(at..end);
                }
            }
        }
        let text: String = text.into_iter().collect();
        let (form, problems) = from_text(&text);
        diagnostics += problems.len();
        // Whatever was kept is a well-formed request that checks and prints.
        let _ = poolsmith::diagnostics(&form);
        let printed = to_json(&form).pretty();
        assert!(json::parse(&printed).is_ok(), "seed {seed}: printed request is not JSON");
        for d in &problems {
            assert!(!d.message.is_empty());
        }
    }
    assert!(diagnostics > 1000, "mutations should produce diagnostics, got {diagnostics}");
}
