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
//! - [`pattern`]: Java-semantics patterns; [`cli`]: the native command line.

#[macro_use]
pub mod diagnostic;
pub mod cli;
pub mod export;
pub mod fuzz_targets;
pub mod history;
pub mod import;
pub mod json;
pub mod model;
pub mod pattern;
pub mod presets;
pub mod request;
pub mod rules;
pub mod sample;
pub mod saved;
pub mod search;
pub mod share;
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
