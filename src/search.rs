//! "Find a parameter": ranks fields by how well a query matches their label, path, hint and
//! AWS documentation. Every word of the query must match somewhere.
//!
//! Matches count by where they are and whether they are whole words: a word of the label or
//! the path (split at its capitals: `CaseSensitive` is "case" and "sensitive") beats a word of
//! the hint, which beats a word of the documentation, and a query word found only inside another
//! word counts least. So "SES" finds the fields whose help speaks of Amazon SES before
//! `CaseSensitive`, whose path merely contains the letters.

use crate::model::{overlay, Field, FIELDS};
use std::sync::OnceLock;

struct Entry {
    field: &'static Field,
    label: String,
    path: String,
    label_words: Vec<String>,
    path_words: Vec<String>,
    hint_words: Vec<String>,
    doc_words: Vec<String>,
}

/// The lower-case words of a text: runs of letters and digits. ASCII rules only (the labels,
/// paths and help are English): Unicode's letter and case tables would cost the page 13 KB.
fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_ascii_lowercase).collect()
}

/// The words of a model path: its members split where a capital starts a word
/// (`Policies.PasswordPolicy.MinimumLength` → policies, password, policy, minimum, length).
fn path_words(path: &str) -> Vec<String> {
    let mut words = Vec::new();
    for member in path.split(|c: char| !c.is_ascii_alphanumeric()).filter(|m| !m.is_empty()) {
        words.extend(crate::export::lower_words(member, ' ').split(' ').map(str::to_string));
    }
    words
}

fn entries(doc: fn(&'static Field) -> String) -> Vec<Entry> {
    FIELDS
        .iter()
        .filter(|f| !f.is_synthetic())
        .map(|field| {
            let label = overlay::label(field).to_ascii_lowercase();
            Entry {
                field,
                label_words: words_of(&label),
                label,
                path: field.path.to_ascii_lowercase(),
                path_words: path_words(field.path),
                hint_words: words_of(field.hint),
                doc_words: words_of(&doc(field)),
            }
        })
        .collect()
}

/// The best matches for `query` over labels, paths, hints and the full AWS help, best first,
/// at most `limit`.
pub fn search(query: &str, limit: usize) -> Vec<&'static Field> {
    static INDEX: OnceLock<Vec<Entry>> = OnceLock::new();
    rank(INDEX.get_or_init(|| entries(|f| f.doc_text())), query, limit)
}

/// The same over labels, paths and hints only: instant, and without the full help text (which
/// the browser loads only on demand).
pub fn search_quick(query: &str, limit: usize) -> Vec<&'static Field> {
    static INDEX: OnceLock<Vec<Entry>> = OnceLock::new();
    rank(INDEX.get_or_init(|| entries(|_| String::new())), query, limit)
}

/// How well `word` matches a list of words: 3 for a whole word, 2 for the start of one, 0 else.
fn word_match(words: &[String], word: &str) -> u32 {
    if words.iter().any(|w| w == word) {
        3
    } else if words.iter().any(|w| w.starts_with(word)) {
        2
    } else {
        0
    }
}

fn score(entry: &Entry, word: &str) -> Option<u32> {
    if entry.path == word || entry.label == word {
        return Some(120);
    }
    let label = word_match(&entry.label_words, word);
    let path = word_match(&entry.path_words, word);
    let hint = word_match(&entry.hint_words, word);
    let doc = word_match(&entry.doc_words, word);
    let best = [label * 14, path * 12, hint * 4, doc * 2].into_iter().max().unwrap_or(0);
    if best > 0 {
        Some(best)
    } else if entry.label.contains(word) || entry.path.contains(word) {
        // Only inside another word ("ses" in "casesensitive"): the weakest match.
        Some(1)
    } else {
        None
    }
}

fn rank(index: &'static [Entry], query: &str, limit: usize) -> Vec<&'static Field> {
    let query = query.trim().to_ascii_lowercase();
    let words: Vec<&str> = query.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let phrase = words.join(" ");
    let mut scored: Vec<(u32, &Entry)> = index
        .iter()
        .filter_map(|entry| {
            let mut total = 0;
            for word in &words {
                total += score(entry, word)?;
            }
            // Whole-query matches on the label or path beat scattered words.
            if words.len() > 1 && (entry.label.contains(&phrase) || entry.path_words.join(" ").contains(&phrase)) {
                total += 50;
            }
            // Shallower fields first among equals: they are what people usually mean.
            Some((total * 4 - (entry.field.depth() as u32).min(3), entry))
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

    #[test]
    fn whole_words_of_labels_and_paths_come_before_letters_inside_words() {
        // "SES" is inside "CaseSensitive", but the email sending fields speak of Amazon SES.
        let ses = paths("SES");
        assert!(ses[0].starts_with("EmailConfiguration."), "{ses:?}");
        assert!(!ses[..3].contains(&"UsernameConfiguration.CaseSensitive"), "{ses:?}");
        assert_eq!(paths("case")[0], "UsernameConfiguration.CaseSensitive", "{:?}", paths("case"));
        assert_eq!(paths("minimum length")[0], "Policies.PasswordPolicy.MinimumLength");
        assert_eq!(paths("deletion")[0], "DeletionProtection");
        assert_eq!(paths("mfa")[0], "MfaConfiguration", "{:?}", paths("mfa"));
    }
}
