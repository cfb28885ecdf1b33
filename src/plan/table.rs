//! The change table in words: text for the terminal, JSON for programs, and rows and lines of
//! strings for the browser page (which shows them as they are and knows nothing of plans).

use super::{Change, Plan};
use crate::json::Json;

/// The column headings of [`rows`].
pub const COLUMNS: [&str; 6] = ["Setting", "Now", "Desired", "API", "CloudFormation", "Terraform (AWS provider 6.x)"];

/// One row of strings per change, in [`COLUMNS`] order, then the sources (space-separated) and
/// the reason: the page shows them without knowing what they mean.
pub fn rows(plan: &Plan) -> Vec<Vec<String>> {
    plan.changes
        .iter()
        .map(|c| {
            let mut api = c.api.describe().to_string();
            if c.is_reset() {
                api.push_str("; resets it to its default");
            }
            vec![
                c.path.clone(),
                c.old_text(),
                c.new_text(),
                api,
                c.cloudformation.describe().to_string(),
                c.terraform.describe().to_string(),
                c.sources.join(" "),
                c.why.clone(),
            ]
        })
        .collect()
}

/// A one-line summary: `3 changes (1 impossible in place), 2 settings reset to default`.
pub fn summary(plan: &Plan) -> String {
    let (changes, impossible, resets) = (
        plan.changes.len(),
        plan.changes.iter().filter(|c| c.api == super::Api::Impossible).count(),
        plan.resets().len(),
    );
    if changes == 0 {
        return format!("{}: no changes: the pool already is the desired one", plan.pool_id);
    }
    let mut out = format!("{}: {changes} change{}", plan.pool_id, if changes == 1 { "" } else { "s" });
    if impossible > 0 {
        out.push_str(&format!(" ({impossible} impossible in place: needs a new pool)"));
    }
    if resets > 0 {
        out.push_str(&format!(", {resets} setting{} reset to default", if resets == 1 { "" } else { "s" }));
    }
    out
}

/// The table for a terminal: one block per change.
pub fn text(plan: &Plan) -> String {
    let mut out = summary(plan);
    out.push('\n');
    let mut sources: Vec<&str> = Vec::new();
    for change in &plan.changes {
        out.push('\n');
        block(change, &mut sources, &mut out);
    }
    let resets = plan.resets();
    if !resets.is_empty() {
        out.push_str("\nReset report: the desired state leaves these out, so the update sets them to their default:\n");
        for change in resets {
            out.push_str(&format!("  {}: {} → {}\n", change.path, change.old_text(), change.new_text()));
        }
    }
    if !sources.is_empty() {
        out.push_str("\nSources:\n");
        for (i, source) in sources.iter().enumerate() {
            out.push_str(&format!("  [{}] {source}\n", i + 1));
        }
    }
    if !plan.notes.is_empty() {
        out.push('\n');
        for note in &plan.notes {
            out.push_str(&format!("note: {note}\n"));
        }
    }
    out
}

fn block<'a>(change: &'a Change, sources: &mut Vec<&'a str>, out: &mut String) {
    out.push_str(&format!("{}: {} → {}\n", change.path, change.old_text(), change.new_text()));
    let reset = if change.is_reset() { "; resets it to its default" } else { "" };
    out.push_str(&format!("  API: {}{reset}\n", change.api.describe()));
    out.push_str(&format!("  CloudFormation: {}\n", change.cloudformation.describe()));
    out.push_str(&format!("  Terraform (AWS provider 6.x): {}\n", change.terraform.describe()));
    if !change.why.is_empty() {
        out.push_str(&format!("  Why: {}\n", change.why));
    }
    let numbers: Vec<String> = change
        .sources
        .iter()
        .map(|source| {
            let index = sources.iter().position(|s| s == source).unwrap_or_else(|| {
                sources.push(source);
                sources.len() - 1
            });
            format!("[{}]", index + 1)
        })
        .collect();
    out.push_str(&format!("  Sources: {}\n", numbers.join(" ")));
}

/// The plan as JSON: `{"userPoolId", "changes": [{"path", "old", "new", "reset", "api",
/// "cloudformation", "terraform", "why", "sources"}], "resets": ["path"…], "impossible",
/// "calls": [{"operation", "input"}], "notes"}`. `old`/`new` are `null` when not set.
pub fn to_json(plan: &Plan) -> Json {
    let strings = |items: Vec<String>| Json::Array(items.into_iter().map(Json::String).collect());
    let changes = plan
        .changes
        .iter()
        .map(|c| {
            Json::Object(vec![
                ("path".into(), Json::str(&c.path)),
                ("old".into(), c.old.clone().unwrap_or(Json::Null)),
                ("new".into(), c.new.clone().unwrap_or(Json::Null)),
                ("reset".into(), Json::Bool(c.is_reset())),
                ("api".into(), Json::str(c.api.id())),
                ("cloudformation".into(), Json::str(c.cloudformation.id())),
                ("terraform".into(), Json::str(c.terraform.id())),
                ("why".into(), Json::str(&c.why)),
                ("sources".into(), strings(c.sources.iter().map(|s| s.to_string()).collect())),
            ])
        })
        .collect();
    let calls = plan
        .calls
        .in_order()
        .into_iter()
        .map(|(operation, input)| {
            Json::Object(vec![("operation".into(), Json::str(operation)), ("input".into(), input.clone())])
        })
        .collect();
    Json::Object(vec![
        ("userPoolId".into(), Json::str(&plan.pool_id)),
        ("changes".into(), Json::Array(changes)),
        ("resets".into(), strings(plan.resets().iter().map(|c| c.path.clone()).collect())),
        ("impossible".into(), Json::Bool(plan.impossible())),
        ("calls".into(), Json::Array(calls)),
        ("notes".into(), strings(plan.notes.clone())),
    ])
}

/// The table as lines for the browser page's notes list: the summary, one line per change,
/// then the reset report.
pub fn lines(plan: &Plan) -> Vec<String> {
    let mut out = vec![format!("Changes to the existing pool {}.", summary(plan))];
    for change in &plan.changes {
        let reset = if change.is_reset() { "; resets it to its default" } else { "" };
        let why = if change.why.is_empty() { String::new() } else { format!(" {}", change.why) };
        out.push(format!(
            "{}: {} → {}. API: {}{reset}. CloudFormation: {}. Terraform (AWS provider 6.x): {}.{why} Sources: {}",
            change.path,
            change.old_text(),
            change.new_text(),
            change.api.describe(),
            change.cloudformation.describe(),
            change.terraform.describe(),
            change.sources.join(" ")
        ));
    }
    let resets = plan.resets();
    if !resets.is_empty() {
        let list: Vec<String> = resets.iter().map(|c| c.path.clone()).collect();
        out.push(format!(
            "Reset report: the desired state leaves out {}, so the update sets them to their default. Confirm each, or set it in the form.",
            list.join(", ")
        ));
    }
    out
}
