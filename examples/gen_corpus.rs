//! Writes generated requests for the conformance suite: `cargo run --example gen_corpus -- DIR N`.
//!
//! Each `gen-NNN.json` satisfies every single-field constraint of the model, and its free text
//! leans on what breaks exporters (quotes, backslashes, `$`, backticks, `$(..)`, `${..}`,
//! `%{..}`, `#`, `: `, YAML words, Unicode, emoji, newlines where the pattern allows them).
//! Deterministic: the same N gives the same files.

use poolsmith::request;
use poolsmith::sample::Sampler;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(count)) = (args.next(), args.next().and_then(|n| n.parse::<u64>().ok())) else {
        eprintln!("usage: gen_corpus DIR N");
        std::process::exit(2);
    };
    std::fs::create_dir_all(&dir).expect("create the corpus directory");
    for seed in 0..count {
        let mut sampler = Sampler::new(1_000 + seed);
        sampler.adversarial = true;
        sampler.fill = 0.6;
        let text = request::to_pretty_json(&sampler.request());
        std::fs::write(format!("{dir}/gen-{seed:03}.json"), text).expect("write a corpus file");
    }
}
