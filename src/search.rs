//! "Find a parameter": ranks fields by how well a query matches their label, path, hint and
//! AWS documentation. Every word of the query must match somewhere.

use crate::model::{overlay, Field, FIELDS};
use std::sync::OnceLock;

struct Entry {
    field: &'static Field,
    label: String,
    path: String,
    hint: String,
    doc: String,
}

fn entries(doc: fn(&'static Field) -> String) -> Vec<Entry> {
    FIELDS
        .iter()
        .filter(|f| !f.is_synthetic())
        .map(|field| Entry {
            field,
            label: overlay::label(field).to_ascii_lowercase(),
            path: field.path.to_ascii_lowercase(),
            hint: field.hint.to_ascii_lowercase(),
            doc: doc(field),
        })
        .collect()
}

/// The best matches for `query` over labels, paths, hints and the full AWS help, best first,
/// at most `limit`.
pub fn search(query: &str, limit: usize) -> Vec<&'static Field> {
    static INDEX: OnceLock<Vec<Entry>> = OnceLock::new();
    rank(INDEX.get_or_init(|| entries(|f| f.doc_text().to_ascii_lowercase())), query, limit)
}

/// The same over labels, paths and hints only: instant, and without the full help text (which
/// the browser loads only on demand).
pub fn search_quick(query: &str, limit: usize) -> Vec<&'static Field> {
    static INDEX: OnceLock<Vec<Entry>> = OnceLock::new();
    rank(INDEX.get_or_init(|| entries(|_| String::new())), query, limit)
}

fn rank(index: &'static [Entry], query: &str, limit: usize) -> Vec<&'static Field> {
    let query = query.trim().to_ascii_lowercase();
    let words: Vec<&str> =
        query.split(|c: char| c.is_ascii_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(u32, &Entry)> = index
        .iter()
        .filter_map(|entry| {
            let mut total = 0;
            for word in &words {
                let score = if entry.path == *word || entry.label == *word {
                    100
                } else if entry.label.split(' ').any(|w| w.starts_with(word)) {
                    30
                } else if entry.path.contains(word) {
                    20
                } else if entry.hint.contains(word) {
                    5
                } else if entry.doc.contains(word) {
                    2
                } else {
                    return None;
                };
                total += score;
            }
            // Whole-query matches on the path or label beat scattered words.
            if words.len() > 1 && (entry.label.contains(&query) || entry.path.contains(&query)) {
                total += 50;
            }
            // Shallower fields first among equals: they are what people usually mean.
            Some((total * 4 - entry.field.depth() as u32, entry))
        })
        .collect();
    crate::sort_small(&mut scored, |a, b| b.0.cmp(&a.0).then(a.1.field.id.cmp(&b.1.field.id)));
    scored.into_iter().take(limit).map(|(_, e)| e.field).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(query: &str) -> Vec<&'static str> {
        search(query, 5).into_iter().map(|f| f.path).collect()
    }

    #[test]
    fn finds_by_name_path_and_words_of_help() {
        assert_eq!(paths("pool name")[0], "PoolName");
        assert_eq!(paths("MinimumLength")[0], "Policies.PasswordPolicy.MinimumLength");
        assert_eq!(paths("kms")[0], "LambdaConfig.KMSKeyID");
        assert!(paths("case sensitive").contains(&"UsernameConfiguration.CaseSensitive"));
        assert!(paths("threat").contains(&"UserPoolAddOns.AdvancedSecurityMode"), "{:?}", paths("threat"));
        assert!(
            paths("remember devices").iter().any(|p| p.starts_with("DeviceConfiguration")),
            "{:?}",
            paths("remember devices")
        );
        assert!(paths("zzzz-nothing").is_empty());
        assert!(paths("   ").is_empty());
        let quick: Vec<&str> = search_quick("pool name", 1).into_iter().map(|f| f.path).collect();
        assert_eq!(quick, ["PoolName"]);
        assert!(search_quick("remember devices", 5).len() <= paths("remember devices").len());
    }
}
