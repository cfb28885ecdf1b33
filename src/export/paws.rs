//! `paws`: the request as an R script that calls `create_user_pool` with paws (and
//! `set_user_pool_mfa_config` when authenticator-app or email MFA was asked for).
//!
//! Arguments are printed by [`literal`] with R's table: `list(…)` for lists and structures,
//! `TRUE`/`FALSE`, double-quoted strings with R escapes, and every non-ASCII character as a
//! `\u` escape, because R reads a script in the session's native encoding; map keys that R
//! could not keep as argument names go through `stats::setNames`.
//!
//! paws leaves empty lists and structures out of what it sends, so email MFA, which is turned
//! on by an `EmailMfaConfiguration`, is given a message and subject here (the other exports
//! send it empty and get Cognito's default text).

use super::{literal, Export, Options};
use crate::json::Json;

/// The email MFA text paws must send (see the module documentation); the user should edit it.
pub(crate) const EMAIL_MFA_MESSAGE: &str = "Your sign-in code is {####}.";
pub(crate) const EMAIL_MFA_SUBJECT: &str = "Your sign-in code";

/// The script, and notes on MFA and on how this format was checked.
pub fn render(request: &Json, options: &Options) -> Export {
    let literal::Calls { create, mfa, notes: mfa_notes } = literal::calls(request, options);
    // From here on, `request` is what CreateUserPool is sent (see `crate::mfa`).
    let request = &*create;
    let mut text = super::text_starting_with(
        "# Creates the Amazon Cognito user pool with paws (R): install.packages(\"paws\").\n\
         # The region and credentials come from your AWS configuration (AWS_PROFILE, AWS_REGION).\n\
         # Text outside ASCII is written as \\u escapes, so the script means the same in any locale.\n\
         svc <- paws::cognitoidentityprovider()\n",
    );
    text.push_str("pool <- ");
    write_call("svc$create_user_pool", "", request, &mut text);
    text.push('\n');
    let mut notes = vec![
        "Evaluated by R 4.2 with a stand-in for paws::cognitoidentityprovider() that records its arguments: they equal the request. paws itself was not run (CRAN is not reachable from our build machines).".to_string(),
        "paws leaves empty lists and structures ([] and {}) out of the request it sends.".to_string(),
    ];
    if let Some(mut config) = mfa {
        if let Json::Object(members) = &mut config {
            for (name, value) in members.iter_mut() {
                if name == "EmailMfaConfiguration" {
                    *value = Json::Object(vec![
                        ("Message".to_string(), Json::str(EMAIL_MFA_MESSAGE)),
                        ("Subject".to_string(), Json::str(EMAIL_MFA_SUBJECT)),
                    ]);
                    notes.push(format!("paws does not send an empty EmailMfaConfiguration, so the script sets its Message and Subject to \"{EMAIL_MFA_MESSAGE}\" and \"{EMAIL_MFA_SUBJECT}\": change them to your own text."));
                }
            }
        }
        text.push_str(
            "# CreateUserPool cannot turn on authenticator-app (TOTP) or email MFA: this follow-up does,\n\
             # for the new pool's ID.\n",
        );
        if options.mfa.email {
            text.push_str("# paws does not send an empty EmailMfaConfiguration: edit this message and subject.\n");
        }
        write_call("svc$set_user_pool_mfa_config", "UserPoolId = pool$UserPool$Id", &config, &mut text);
        text.push('\n');
    }
    text.push_str("cat(\"Created user pool\", pool$UserPool$Id, \"\\n\")\n");
    if contains_nul(request) {
        notes.push("The request contains a NUL character (U+0000), which R strings cannot hold: R stops at it with an error. Remove it.".to_string());
    }
    notes.extend(literal::newest_parameters_note(request));
    notes.extend(mfa_notes);
    Export { text, notes }
}

/// Writes `function(first, members of arguments…)`, one argument per line; `do.call` when
/// the arguments cannot be spelled as named arguments. The arguments are written as an R list
/// in place, and its `list(` opener is then swapped for the call's: the request is written
/// once, not built apart and copied.
pub(crate) fn write_call(function: &str, first: &str, arguments: &Json, out: &mut String) {
    const OPENER: &str = "list(";
    let start = out.len();
    literal::write(&literal::R, arguments, 0, out);
    if !(matches!(arguments, Json::Object(_)) && out[start..].starts_with(OPENER)) {
        out.insert_str(start, &format!("do.call({function}, "));
        out.push(')');
        return;
    }
    let opener = if first.is_empty() {
        format!("{function}(")
    } else if &out[start..] == "list()" {
        format!("{function}({first}")
    } else {
        format!("{function}(\n  {first},")
    };
    out.replace_range(start..start + OPENER.len(), &opener);
}

/// Whether any string or key holds U+0000 (tested by byte: a `char` search would set up a
/// searcher for every string of the request).
fn contains_nul(value: &Json) -> bool {
    match value {
        Json::String(s) => s.bytes().any(|b| b == 0),
        Json::Array(items) => items.iter().any(contains_nul),
        Json::Object(members) => members.iter().any(|(k, v)| k.bytes().any(|b| b == 0) || contains_nul(v)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::MfaFactors;
    use crate::json;

    fn request(text: &str) -> Json {
        json::parse(text).unwrap().0
    }

    #[test]
    fn renders_named_arguments() {
        let r = request(
            r#"{"PoolName": "it's \"x\" $(id) `y` \\ é😀", "AutoVerifiedAttributes": ["email"],
                "UserPoolTags": {"cost:center": "1"}, "UsernameConfiguration": {"CaseSensitive": false}}"#,
        );
        let export = render(&r, &Options::default());
        assert!(
            export.text.contains(
                r#"pool <- svc$create_user_pool(
  PoolName = "it's \"x\" $(id) `y` \\ \u00E9\U0001F600",
  AutoVerifiedAttributes = list("email"),
  UserPoolTags = list("cost:center" = "1"),
  UsernameConfiguration = list(CaseSensitive = FALSE)
)
"#
            ),
            "{}",
            export.text
        );
        assert!(export.text.is_ascii());
        assert!(!export.text.contains("set_user_pool_mfa_config"));
    }

    #[test]
    fn mfa_follow_up_uses_the_new_pool_id_and_spells_out_email_text() {
        let export = render(
            &request(r#"{"PoolName": "p", "MfaConfiguration": "OPTIONAL"}"#),
            &Options { mfa: MfaFactors { totp: true, email: true, sms: false }, ..Options::default() },
        );
        assert!(
            export.text.contains(
                r#"svc$set_user_pool_mfa_config(
  UserPoolId = pool$UserPool$Id,
  SoftwareTokenMfaConfiguration = list(Enabled = TRUE),
  EmailMfaConfiguration = list(
    Message = "Your sign-in code is {####}.",
    Subject = "Your sign-in code"
  ),
  MfaConfiguration = "OPTIONAL"
)
"#
            ),
            "{}",
            export.text
        );
        assert!(export.notes.iter().any(|n| n.contains("change them to your own text")));
    }

    fn call(function: &str, first: &str, arguments: &Json) -> String {
        let mut out = String::new();
        write_call(function, first, arguments, &mut out);
        out
    }

    #[test]
    fn odd_inputs_still_make_a_call() {
        assert_eq!(call("f", "", &request("{}")), "f()");
        assert_eq!(call("f", "A = 1", &request("{}")), "f(A = 1)");
        assert_eq!(call("f", "", &request("[1]")), "do.call(f, list(\n  1\n))");
        assert_eq!(
            call("f", "", &request(r#"{"é": 1}"#)),
            "do.call(f, stats::setNames(list(\n  1\n), c(\"\\u00E9\")))"
        );
        let nul = render(&request(r#"{"PoolName": "a\u0000b"}"#), &Options::default());
        assert!(nul.notes.iter().any(|n| n.contains("NUL")));
    }
}
