//! CloudFormation `AWS::Cognito::UserPool` → a CreateUserPool form. Not written yet.

use crate::diagnostic::Diagnostic;
use crate::value::{FieldPath, FormValue};

/// Placeholder until the importer lands: always fails and says so.
pub fn import(_text: &str) -> Result<(FormValue, Vec<String>), Vec<Diagnostic>> {
    Err(vec![Diagnostic::error(
        "import.unsupported",
        FieldPath::root(),
        "Importing CloudFormation is not available yet",
    )])
}
