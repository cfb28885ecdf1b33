//! `describe-user-pool` output → a CreateUserPool form (clone). Not written yet.

use crate::diagnostic::Diagnostic;
use crate::value::{FieldPath, FormValue};

/// Placeholder until the importer lands: always fails and says so.
pub fn import(_text: &str) -> Result<(FormValue, Vec<String>), Vec<Diagnostic>> {
    Err(vec![Diagnostic::error(
        "import.unsupported",
        FieldPath::root(),
        "Importing describe-user-pool output is not available yet",
    )])
}
