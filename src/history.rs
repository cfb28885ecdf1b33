//! Undo and redo: snapshots of the form before each change. Keystrokes in one field within a
//! second count as one change, so undo steps back a word or a field, not a character.

use crate::value::FormValue;

const LIMIT: usize = 200;
const COALESCE_MS: f64 = 1000.0;

#[derive(Clone, Debug, Default)]
pub struct History {
    past: Vec<FormValue>,
    future: Vec<FormValue>,
    /// The field and time of the last recorded change, for coalescing.
    last: Option<(String, f64)>,
}

impl History {
    pub fn new() -> History {
        History::default()
    }

    /// Whether a change to `field` at `now_ms` starts a new undo step (so the caller must
    /// snapshot the form and [`History::record`] it), rather than continuing the last one.
    pub fn starts_step(&self, field: Option<&str>, now_ms: f64) -> bool {
        !matches!((&self.last, field), (Some((last, at)), Some(field)) if last == field && now_ms - at < COALESCE_MS)
    }

    /// Notes a change that continues the current undo step (no snapshot needed).
    pub fn continue_step(&mut self, field: Option<&str>, now_ms: f64) {
        self.future.clear();
        self.last = field.map(|f| (f.to_string(), now_ms));
    }

    /// Records `before`, the form as it was before a change to `field` (any key; `None` for a
    /// change that should never merge with others, such as an import) at `now_ms`.
    pub fn record(&mut self, before: &FormValue, field: Option<&str>, now_ms: f64) {
        if self.starts_step(field, now_ms) {
            self.past.push(before.clone());
            if self.past.len() > LIMIT {
                self.past.remove(0);
            }
        }
        self.future.clear();
        self.last = field.map(|f| (f.to_string(), now_ms));
    }

    /// The form to go back to, given the current one.
    pub fn undo(&mut self, current: &FormValue) -> Option<FormValue> {
        let previous = self.past.pop()?;
        self.future.push(current.clone());
        self.last = None;
        Some(previous)
    }

    /// The form to go forward to, given the current one.
    pub fn redo(&mut self, current: &FormValue) -> Option<FormValue> {
        let next = self.future.pop()?;
        self.past.push(current.clone());
        self.last = None;
        Some(next)
    }

    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::from_text;

    fn form(name: &str) -> FormValue {
        from_text(&format!("{{\"PoolName\": \"{name}\"}}")).0
    }

    #[test]
    fn typing_in_one_field_undoes_as_one_step() {
        let mut history = History::new();
        history.record(&form(""), Some("PoolName"), 0.0);
        history.record(&form("a"), Some("PoolName"), 200.0);
        history.record(&form("ab"), Some("PoolName"), 400.0);
        let back = history.undo(&form("abc")).unwrap();
        assert_eq!(back, form(""));
        assert!(!history.can_undo());
        assert_eq!(history.redo(&back), Some(form("abc")));
    }

    #[test]
    fn only_a_new_step_needs_a_snapshot() {
        let mut history = History::new();
        assert!(history.starts_step(Some("PoolName"), 0.0));
        history.record(&form(""), Some("PoolName"), 0.0);
        assert!(!history.starts_step(Some("PoolName"), 300.0));
        history.continue_step(Some("PoolName"), 300.0);
        assert!(!history.starts_step(Some("PoolName"), 1200.0), "each keystroke extends the step");
        assert!(history.starts_step(Some("UserPoolTier"), 1200.0));
        assert!(history.starts_step(None, 1200.0));
        assert_eq!(history.undo(&form("abc")), Some(form("")));
    }

    #[test]
    fn pauses_and_other_fields_make_new_steps_and_new_changes_drop_redo() {
        let mut history = History::new();
        history.record(&form("a"), Some("PoolName"), 0.0);
        history.record(&form("ab"), Some("PoolName"), 5000.0);
        history.record(&form("abc"), Some("UserPoolTier"), 5100.0);
        assert_eq!(history.undo(&form("abcd")), Some(form("abc")));
        assert_eq!(history.undo(&form("abc")), Some(form("ab")));
        history.record(&form("ab"), None, 6000.0);
        assert!(!history.can_redo());
    }
}
