//! `terraform`: Terraform. Not written yet (issue 4): renders nothing and says so.

use super::{Export, Options};
use crate::json::Json;

/// Placeholder until the format lands.
pub fn render(_request: &Json, _options: &Options) -> Export {
    Export { text: String::new(), notes: vec!["The Terraform export is not available yet.".to_string()] }
}
