//! Poolsmith: write a correct Amazon Cognito `CreateUserPool` request the first time.
//!
//! The core is plain Rust (no Leptos, no web-sys), so the same code runs in the browser app
//! and in the native CLI:
//!
//! ```text
//! model (generated) ──► FormValue ──► diagnostics ──► request (JSON) ──► exports
//! ```
//! - [`model`]: every field of `CreateUserPool` with constraints and help, from the AWS model;
//! - [`value`]: what the user typed ([`value::FormValue`]) and where ([`value::FieldPath`]);
//! - [`validate`]: single-field checks from the model; [`diagnostic`]: the problem type;
//! - [`request`]: form ⇄ request JSON; [`json`]: ordered JSON with positions;
//! - [`invisible`]: the characters every export writes as escapes (controls, bidirectional and
//!   other invisible format characters);
//! - [`expr`]: values a template gives as expressions (`!Sub`, `${self:…}`, `var.x`);
//! - [`pattern`]: Java-semantics patterns; [`cli`]: the native command line;
//! - [`plan`]: the update planner (an existing pool → the desired one, safely).

#[macro_use]
pub mod diagnostic;
pub mod check_files;
pub mod cli;
pub mod export;
pub mod expr;
pub mod fuzz_targets;
pub mod history;
pub mod import;
pub mod invisible;
pub mod json;
pub mod mfa;
pub mod model;
pub mod pattern;
pub mod plan;
pub mod presets;
pub mod request;
pub mod rules;
pub mod sample;
pub mod saved;
pub mod search;
pub mod share;
pub mod slices;
pub mod validate;
pub mod value;
pub mod worker;

#[cfg(target_arch = "wasm32")]
pub mod ui;

pub use diagnostic::{Diagnostic, Severity};
pub use value::{FieldPath, FormValue};

/// Every problem of a form: single-field checks from the model, cross-field rules and
/// best-practice lint, sorted errors first, then by path.
pub fn diagnostics(form: &FormValue) -> Vec<Diagnostic> {
    let mut all = validate::check_fields(form);
    all.extend(rules::check(form));
    diagnostic::sort(&mut all);
    all
}

/// Sorts `items` stably by `compare` (binary insertion sort). The standard library's sorts
/// are compiled again for every element type, at about 2 KB of WebAssembly each; the lists
/// sorted here (diagnostics, search hits) hold at most a few hundred items.
pub fn sort_small<T>(items: &mut [T], compare: impl Fn(&T, &T) -> std::cmp::Ordering) {
    for i in 1..items.len() {
        let (sorted, rest) = items.split_at(i);
        let at = sorted.partition_point(|x| compare(x, &rest[0]).is_le());
        items[at..=i].rotate_right(1);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sort_small_is_a_stable_sort() {
        let mut items: Vec<(u8, usize)> =
            [3, 1, 2, 3, 1, 0, 2, 3, 0].into_iter().enumerate().map(|(i, k)| (k, i)).collect();
        let mut expected = items.clone();
        expected.sort_by_key(|&(k, _)| k);
        super::sort_small(&mut items, |a, b| a.0.cmp(&b.0));
        assert_eq!(items, expected);
    }
}
