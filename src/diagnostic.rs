//! `Diagnostic`: one problem found in a request, with where it is and how to fix it.
//!
//! Every check in Poolsmith (model constraints, import, cross-field rules, best-practice lint)
//! speaks this one type, so the CLI, the error summary and the inline messages show the same
//! words. Messages follow GOV.UK's error-message style: they name the field and say what to do
//! ("Enter a minimum length from 6 to 99"), never "invalid value".

use crate::json::{self, Pos};
use crate::value::FieldPath;

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// AWS rejects the request (or a tool cannot read it).
    Error,
    /// AWS accepts the request, but it is probably not what was meant.
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// Where a rule comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// A sentence of the AWS model's documentation of a field (a model path, or
    /// `CreateUserPool` for the operation), quoted exactly; a test checks the quote is there.
    Doc(&'static str, &'static str),
    /// A page (developer guide, a tool's documentation, an issue reporting a service error)
    /// and what it says.
    Web(&'static str, &'static str),
    /// Poolsmith's own reasoning, where no AWS text decides (kept as a warning).
    Reasoning(&'static str),
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Doc(path, quote) => write!(f, "AWS API reference, {path}: “{quote}”"),
            Source::Web(url, says) => write!(f, "{url}: {says}"),
            Source::Reasoning(why) => write!(f, "Poolsmith: {why}"),
        }
    }
}

/// A rule's sources (`sources![Source::Doc(..), ..]`). They are compiled into the native CLI
/// and the tests only: the browser app does not show them, and leaving their text out keeps
/// its download small.
#[cfg(not(target_arch = "wasm32"))]
#[macro_export]
macro_rules! sources {
    ($($source:expr),* $(,)?) => { &[$($source),*] };
}

/// In the browser: no sources (see the native definition).
#[cfg(target_arch = "wasm32")]
#[macro_export]
macro_rules! sources {
    ($($source:expr),* $(,)?) => {{
        // Still type-checked (a broken source fails the browser build too), never emitted.
        const _: &[$crate::diagnostic::Source] = &[$($source),*];
        &[]
    }};
}

/// One source, under the same rule as [`sources!`]: kept natively, blank in the browser.
#[cfg(not(target_arch = "wasm32"))]
#[macro_export]
macro_rules! source {
    ($source:expr) => {
        $source
    };
}

/// In the browser: a blank source (see the native definition).
#[cfg(target_arch = "wasm32")]
#[macro_export]
macro_rules! source {
    ($source:expr) => {{
        const _: $crate::diagnostic::Source = $source;
        $crate::diagnostic::Source::Reasoning("")
    }};
}

/// One problem.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable identifier (`model.length`, `import.unknown-key`, `mfa.sms-configuration`).
    pub rule: &'static str,
    /// The values involved; the first is where the user should make the fix.
    pub paths: Vec<FieldPath>,
    /// What is wrong and what to do, naming the field.
    pub message: String,
    /// Where the rule comes from: doc quotes or addresses.
    pub sources: Vec<Source>,
    /// Where in an imported file the problem sits, when known.
    pub pos: Option<Pos>,
}

impl Diagnostic {
    /// An error at one path.
    pub fn error(rule: &'static str, path: FieldPath, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            rule,
            paths: vec![path],
            message: message.into(),
            sources: Vec::new(),
            pos: None,
        }
    }

    /// A warning at one path.
    pub fn warning(rule: &'static str, path: FieldPath, message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(rule, path, message) }
    }

    /// Adds the file position.
    pub fn at(mut self, pos: Option<Pos>) -> Diagnostic {
        self.pos = pos;
        self
    }

    /// The path where the fix goes.
    pub fn path(&self) -> Option<&FieldPath> {
        self.paths.first()
    }

    /// `{"path", "severity", "rule", "message"}` plus `line`/`column` when known and
    /// `sources` when `with_sources`.
    pub fn to_json(&self, with_sources: bool) -> json::Json {
        use json::Json;
        let mut members = vec![
            ("path".to_string(), Json::str(self.path().map(ToString::to_string).unwrap_or_default())),
            ("severity".to_string(), Json::str(self.severity.as_str())),
            ("rule".to_string(), Json::str(self.rule)),
            ("message".to_string(), Json::str(&self.message)),
        ];
        if self.paths.len() > 1 {
            let all = self.paths.iter().map(|p| Json::str(p.to_string())).collect();
            members.push(("paths".to_string(), Json::Array(all)));
        }
        if let Some(pos) = self.pos {
            members.push(("line".to_string(), Json::Number(pos.line.to_string())));
            members.push(("column".to_string(), Json::Number(pos.column.to_string())));
        }
        if with_sources {
            members.push((
                "sources".to_string(),
                Json::Array(self.sources.iter().map(|s| Json::str(s.to_string())).collect()),
            ));
        }
        Json::Object(members)
    }
}

impl Diagnostic {
    /// Reads [`Diagnostic::to_json`] back (without position or sources), under `rule`: the
    /// page gets the cross-field diagnostics from its helper worker this way, and shows their
    /// messages, never their rule ids, so it does not carry the table of rules to look them up.
    pub fn from_json(value: &json::Json, rule: &'static str) -> Option<Diagnostic> {
        use json::Json;
        let text = |key: &str| value.get(key).and_then(Json::as_str);
        let severity = match text("severity")? {
            "error" => Severity::Error,
            _ => Severity::Warning,
        };
        let paths: Vec<FieldPath> = match value.get("paths") {
            Some(Json::Array(items)) => items.iter().filter_map(|p| FieldPath::parse(p.as_str()?).ok()).collect(),
            _ => vec![FieldPath::parse(text("path")?).ok()?],
        };
        let message = text("message")?.to_string();
        Some(Diagnostic { severity, rule, paths, message, sources: Vec::new(), pos: None })
    }
}

/// Sorts errors before warnings, then by path, then by rule: the order `check` prints.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    crate::sort_small(diagnostics, |a, b| {
        (a.severity, a.path(), a.rule, &a.message).cmp(&(b.severity, b.path(), b.rule, &b.message))
    });
}

/// Whether any diagnostic is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.severity == Severity::Error)
}
