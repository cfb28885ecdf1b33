//! `cloudformation-json`: the CloudFormation template (`cloudformation::template`) printed as
//! JSON by `json.rs`, whose string escapes are safe for any value and show every invisible
//! character ([`crate::invisible`]) as a `\u` escape.

use super::cloudformation::{self, Node};
use super::{Export, Options};
use crate::json::{self, Json};

/// The template as pretty-printed JSON, plus notes on what it leaves out and what to do next.
pub fn render(request: &Json, options: &Options) -> Export {
    let mut pool = cloudformation::user_pool(request, options);
    let pool_notes = std::mem::take(&mut pool.notes);
    let surrogate_escapes = pool.properties.iter().any(|(_, value)| has_invisible_above_bmp(value));
    let mut text = super::text_starting_with("");
    write_pretty(&cloudformation::template_tree(pool), 0, &mut text);
    text.push('\n');
    let mut notes = vec![
        "Deploy it with: aws cloudformation deploy --template-file user-pool.template.json --stack-name user-pool"
            .to_string(),
    ];
    notes.extend(pool_notes);
    if surrogate_escapes {
        notes.push(
            "Some text holds invisible characters above U+FFFF (such as Unicode tag characters), which JSON can only \
             write as surrogate-pair escapes (\\udb40\\udc41). They are standard JSON (RFC 8259), but cfn-lint 1.58.0 \
             cannot parse such a JSON template (E0000: it reads JSON as YAML first): lint the YAML export, which \
             writes them as \\U000e0041, or remove the characters."
                .to_string(),
        );
    }
    notes.push("Checked in Poolsmith's conformance tests with cfn-lint 1.58.0.".to_string());
    Export { text, notes }
}

/// Whether a string or key in `value` holds an invisible character above U+FFFF, which JSON
/// writes as a surrogate pair.
fn has_invisible_above_bmp(value: &Json) -> bool {
    let holds =
        |text: &str| !text.is_ascii() && text.chars().any(|c| c > '\u{ffff}' && crate::invisible::is_invisible(c));
    match value {
        Json::String(text) => holds(text),
        Json::Array(items) => items.iter().any(has_invisible_above_bmp),
        Json::Object(members) => members.iter().any(|(key, item)| holds(key) || has_invisible_above_bmp(item)),
        _ => false,
    }
}

/// Writes `node` as [`Json::pretty`] writes the same value (without the final newline).
fn write_pretty(node: &Node, indent: usize, out: &mut String) {
    match node {
        Node::Json(value) => json::write_pretty(value, indent, out),
        Node::Object(members) if members.is_empty() => out.push_str("{}"),
        Node::Object(members) => {
            out.push_str("{\n");
            for (i, (key, item)) in members.iter().enumerate() {
                json::push_indent(indent + 1, out);
                json::write_string(key, out);
                out.push_str(": ");
                write_pretty(item, indent + 1, out);
                out.push_str(if i + 1 < members.len() { ",\n" } else { "\n" });
            }
            json::push_indent(indent, out);
            out.push('}');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{cdk_ts, cloudformation_yaml, MfaFactors};
    use crate::json;
    use crate::request;
    use crate::sample::Sampler;

    /// Generated requests, awkward text and invalid values included: every CloudFormation-based
    /// export renders without panicking, and the JSON template parses back to the mapping.
    #[test]
    fn generated_requests_render_and_parse_back() {
        for seed in 0..300 {
            let mut sampler = Sampler::new(seed);
            sampler.adversarial = true;
            sampler.invalid_rate = if seed % 3 == 0 { 0.2 } else { 0.0 };
            let request = request::to_json(&sampler.request());
            let options = Options {
                mfa: MfaFactors { sms: seed % 3 == 0, totp: seed % 2 == 0, email: seed % 5 == 0 },
                ..Options::default()
            };
            let (template, _) = json::parse(&render(&request, &options).text).expect("valid JSON");
            let properties =
                template.get("Resources").and_then(|r| r.get("UserPool")).and_then(|r| r.get("Properties"));
            let expected = cloudformation::user_pool(&request, &options).properties_object();
            assert_eq!(properties, Some(&expected), "seed {seed}");
            assert!(!cloudformation_yaml::render(&request, &options).text.is_empty());
            assert!(!cdk_ts::render(&request, &options).text.is_empty());
        }
    }

    #[test]
    fn notes_the_surrogate_escapes_cfn_lint_cannot_read() {
        let tagged = |value: &str| {
            let request = Json::Object(vec![
                ("PoolName".into(), Json::str("p")),
                ("UserPoolTags".into(), Json::Object(vec![("k".into(), Json::str(value))])),
            ]);
            render(&request, &Options::default())
        };
        let export = tagged("flag \u{e0067}\u{e007f}");
        assert!(export.text.contains(r#""k": "flag \udb40\udc67\udb40\udc7f""#), "{}", export.text);
        assert!(export.notes.iter().any(|n| n.contains("cfn-lint 1.58.0 cannot parse such a JSON template")));
        // Visible characters above U+FFFF stay as typed; invisible ones below it are \u escapes.
        for value in ["😀", "a\u{202e}b"] {
            assert!(!tagged(value).notes.iter().any(|n| n.contains("surrogate")), "{value}");
        }
    }

    #[test]
    fn prints_a_template_that_parses_back_to_the_values() {
        let awkward = "q\"b\\s$`${x}%{y} #: yes\n\t\u{2028}😀";
        let request = Json::Object(vec![
            ("PoolName".into(), Json::str("p")),
            ("DeletionProtection".into(), Json::str("ACTIVE")),
            ("UserPoolTags".into(), Json::Object(vec![(awkward.into(), Json::str(awkward))])),
        ]);
        let export = render(&request, &Options { mfa: MfaFactors::default(), ..Options::default() });
        let (template, _) = json::parse(&export.text).expect("valid JSON");
        let resource = template.get("Resources").and_then(|r| r.get("UserPool")).unwrap();
        assert_eq!(resource.get("Type"), Some(&Json::str("AWS::Cognito::UserPool")));
        assert_eq!(resource.get("DeletionPolicy"), Some(&Json::str("Retain")));
        let properties = resource.get("Properties").unwrap();
        assert_eq!(properties.get("UserPoolName"), Some(&Json::str("p")));
        assert_eq!(properties.get("UserPoolTags").and_then(|t| t.get(awkward)), Some(&Json::str(awkward)));
        assert!(!export.text.contains('\u{2028}'));
        assert_eq!(
            template
                .get("Outputs")
                .and_then(|o| o.get("UserPoolId"))
                .and_then(|o| o.get("Value"))
                .map(Json::compact)
                .as_deref(),
            Some(r#"{"Ref":"UserPool"}"#)
        );
    }
}
