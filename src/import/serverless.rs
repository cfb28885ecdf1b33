//! A serverless.yml (Serverless Framework) with an `AWS::Cognito::UserPool` in its
//! `resources` → a CreateUserPool form.
//!
//! A serverless.yml carries CloudFormation under `resources:`: a mapping with `Resources`
//! (and `Outputs`, `Conditions`, …), or a list of such mappings and `${file(…)}` includes,
//! which the framework merges (<https://www.serverless.com/framework/docs/providers/aws/guide/resources>).
//! Poolsmith reads the mappings that are in the file, collects their `Resources`, and imports
//! the pool through the CloudFormation importer (`cloudformation::build`), so the two cannot
//! drift. What it cannot read is said in a note, never guessed: an include
//! (`- ${file(resources/cognito.yml)}`) names a file Poolsmith was not given, so the note names
//! it; when the pool is only in such a file, the import fails and names the files to import
//! instead. The resource files themselves import too: a file with `Resources:` at the top, or
//! with the resources themselves at the top (`UserPool: {Type: AWS::Cognito::UserPool, …}`),
//! as `${file(…)}` pulls them in.
//!
//! Serverless variables are kept, never resolved: every text that uses one (`${self:…}`,
//! `${sls:stage}`, `${opt:stage, 'dev'}`, `${env:…}`, `${param:…}`, `${file(…)}`, `${ssm:…}`,
//! `${cf:…}`, `${s3:…}`, any `${source:…}` or `${source(…)}`, and the `#{AWS::Region}` of the
//! serverless-pseudo-parameters plugin) becomes an expression, written in the request JSON as
//! the one-member object `{"Poolsmith::Serverless": "<the whole text, verbatim>"}`; the request
//! reader (`request::from_json`) turns it into an expression value. `${AWS::Region}` and
//! `${Param}` are CloudFormation's own `Fn::Sub` syntax, not serverless variables, and stay
//! text. Variables are found by their syntax
//! (<https://www.serverless.com/framework/docs/providers/aws/guide/variables>).
//!
//! The framework reads YAML with js-yaml (its YAML dependency), whose booleans are YAML 1.2's (`true`, `True`,
//! `TRUE` and the `false` spellings: its `lib/type/bool.js`,
//! <https://github.com/nodeca/js-yaml/blob/master/lib/type/bool.js>): a plain `OFF` is the
//! text "OFF" there and reaches CloudFormation as written, so the YAML 1.1 check the
//! CloudFormation importer makes does not apply here.
//!
//! Several pools: like a template, the import lists their logical IDs and takes the one asked
//! for ([`import_resource`]).

use super::cloudformation::{self, RESOURCE_TYPE};
use super::{join, not_an_object, read_document, split, Members, Outcome};
use crate::diagnostic::Diagnostic;
use crate::json::{Json, Located};
use crate::value::FieldPath;

/// The key of the one-member object that stands for a serverless variable in request JSON.
pub const EXPRESSION_KEY: &str = "Poolsmith::Serverless";

/// Imports the one user pool of a serverless.yml or resource file.
pub fn import(text: &str) -> Outcome {
    import_resource(text, None)
}

/// Imports the user pool `resource` (a logical ID); `None` takes the only one and fails,
/// listing their IDs, when there are several.
pub fn import_resource(text: &str, resource: Option<&str>) -> Outcome {
    let (template, template_at, mut notes) = template_of(text)?;
    let mut read =
        cloudformation::import_document(template, template_at, None, resource, crate::expr::Origin::Serverless)?;
    notes.append(&mut read.notes);
    read.notes = notes;
    Ok(read)
}

/// The logical ids of the user pools, when the file defines more than one.
pub fn pool_ids(text: &str) -> Vec<String> {
    let ids = template_of(text).map(|(template, ..)| cloudformation::pools_in(&template)).unwrap_or_default();
    if ids.len() > 1 {
        ids
    } else {
        Vec::new()
    }
}

/// The request JSON the pool becomes, with each serverless variable as an
/// `{"Poolsmith::Serverless": …}` object, and the notes.
pub fn request_json(text: &str, resource: Option<&str>) -> Result<(Json, Vec<String>), Vec<Diagnostic>> {
    let read = import_resource(text, resource)?;
    Ok((crate::request::to_json(&read.form), read.notes))
}

/// Whether `text` is a serverless.yml or one of its resource files, as `import::detect` asks:
/// YAML with `service:` and `provider:` at the top, or YAML that uses a serverless variable of
/// a source the framework ships, or the serverless-pseudo-parameters plugin's `#{AWS::…}` (a
/// CloudFormation template has neither: its `${…}` are `Fn::Sub`'s).
pub fn looks_like(text: &str) -> bool {
    let top = |key: &str| text.lines().any(|line| line.strip_prefix(key).is_some_and(|rest| rest.starts_with(':')));
    const SOURCES: [&str; 12] = [
        "${self:", "${sls:", "${opt:", "${env:", "${param:", "${file(", "${ssm:", "${cf:", "${s3:", "${aws:", "${git:",
        "#{AWS::",
    ];
    (top("service") && top("provider")) || SOURCES.iter().any(|source| text.contains(source))
}

/// Whether `text` uses a serverless variable: `${source:…}` or `${source(…)}` where the
/// source is a name (not `AWS::…`, `Fn::Sub`'s pseudo parameters), or `#{…}` of the
/// serverless-pseudo-parameters plugin.
pub fn has_variable(text: &str) -> bool {
    let bytes = text.as_bytes();
    let name_end = |from: usize| {
        let mut i = from;
        while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] == b'-') {
            i += 1;
        }
        i
    };
    (0..bytes.len().saturating_sub(1)).any(|i| match (bytes[i], bytes[i + 1]) {
        (b'$', b'{') => {
            let mut start = i + 2;
            while start < bytes.len() && bytes[start] == b' ' {
                start += 1;
            }
            let end = name_end(start);
            end > start
                && bytes[start].is_ascii_alphabetic()
                && match bytes.get(end) {
                    Some(b'(') => true,
                    Some(b':') => bytes.get(end + 1) != Some(&b':'),
                    _ => false,
                }
        }
        (b'#', b'{') => {
            let end = name_end(i + 2);
            end > i + 2 && bytes[i + 2].is_ascii_alphabetic() && matches!(bytes.get(end), Some(b'}' | b':'))
        }
        _ => false,
    })
}

/// Reads the file and collects its resources into a template (`{"Resources": …}`) whose
/// serverless variables are expressions, with notes on what was not read.
fn template_of(text: &str) -> Result<(Json, Located, Vec<String>), Vec<Diagnostic>> {
    // The plain-scalar positions are not used: js-yaml is YAML 1.2 (see the module docs).
    let (value, at, _) = read_document(text)?;
    let mut notes = Vec::new();
    let (mut resources, resources_at, includes) = collect_resources(value, at, &mut notes)?;
    let pools = resources_of_type(&resources);
    if pools == 0 && !includes.is_empty() {
        let message = format!(
            "This serverless.yml has no {RESOURCE_TYPE} of its own: its resources come from {}, which Poolsmith was \
             not given. Import the file that defines the pool (a resources file imports on its own)",
            includes.join(", ")
        );
        let diagnostic = Diagnostic::error("import.resource", FieldPath::member("resources"), message);
        return Err(vec![diagnostic.at(Some(resources_at.pos))]);
    }
    mark_variables(&mut resources);
    let (template, template_at) =
        join(vec![("Resources".to_string(), resources, resources_at.clone())], resources_at.pos);
    Ok((template, template_at, notes))
}

/// How many resources are user pools.
fn resources_of_type(resources: &Json) -> usize {
    match resources {
        Json::Object(members) => members
            .iter()
            .filter(|(_, resource)| resource.get("Type").and_then(Json::as_str) == Some(RESOURCE_TYPE))
            .count(),
        _ => 0,
    }
}

/// The resources of a serverless.yml (`resources:` as a mapping or a list of them) or of a
/// resource file (`Resources:` at the top, or the resources themselves), merged into one
/// mapping; with the includes (`${file(…)}`) that could not be read, each also in a note.
fn collect_resources(
    value: Json,
    at: Located,
    notes: &mut Vec<String>,
) -> Result<(Json, Located, Vec<String>), Vec<Diagnostic>> {
    let what =
        "Expected a serverless.yml or a resources file: a mapping with resources, Resources or resources at the top";
    let top_pos = at.pos;
    let mut top = split(value, at).map_err(|(value, at)| vec![not_an_object(what, &value, at.pos)])?;
    let mut merged = Members::new();
    let mut includes = Vec::new();
    let mut pos = top_pos;
    if let Some(index) = top.iter().position(|(key, ..)| key == "resources") {
        let (_, resources, at) = top.swap_remove(index);
        pos = at.pos;
        match split(resources, at) {
            Ok(section) => add_section(section, &mut merged, &mut includes),
            Err((Json::Array(items), at)) => {
                let mut children = at.children.into_iter();
                for item in items {
                    let item_at = children.next().unwrap_or_default();
                    match split(item, item_at) {
                        Ok(section) => add_section(section, &mut merged, &mut includes),
                        Err((Json::String(text), _)) if has_variable(&text) => includes.push(text),
                        Err((other, at)) => {
                            let what =
                                "Each item of resources must be a mapping with Resources, or a ${file(…)} include";
                            return Err(vec![not_an_object(what, &other, at.pos)]);
                        }
                    }
                }
            }
            Err((Json::String(text), _)) if has_variable(&text) => includes.push(text),
            Err((other, at)) => {
                let what = "resources must be a mapping with Resources, or a list of them and ${file(…)} includes";
                return Err(vec![not_an_object(what, &other, at.pos)]);
            }
        }
    } else if top.iter().any(|(key, ..)| key == "Resources") {
        add_section(top, &mut merged, &mut includes);
    } else if top.iter().any(|(_, resource, _)| resource.get("Type").is_some()) {
        // A file pulled in as `Resources: ${file(…)}`: the resources themselves.
        merged = top;
    } else {
        let message = "This file has no resources: a serverless.yml keeps its CloudFormation under resources: (with \
                       Resources:), and a resources file has Resources: at the top";
        return Err(vec![Diagnostic::error("import.resource", FieldPath::root(), message).at(Some(top_pos))]);
    }
    for include in &includes {
        notes.push(format!(
            "Did not read {include}: it brings in resources from another file, which Poolsmith was not given; import \
             that file on its own to check the pools in it."
        ));
    }
    let (resources, at) = join(merged, pos);
    Ok((resources, at, includes))
}

/// Adds the `Resources` of one section (`{Resources: …, Outputs: …}`) to `merged`; a
/// `Resources` or a resource that is an include is recorded in `includes`.
fn add_section(section: Members, merged: &mut Members, includes: &mut Vec<String>) {
    for (key, value, at) in section {
        if key != "Resources" {
            continue;
        }
        match split(value, at) {
            Ok(resources) => {
                for (id, resource, at) in resources {
                    match resource {
                        Json::String(text) => includes.push(format!("{text} (resource {id})")),
                        resource => merged.push((id, resource, at)),
                    }
                }
            }
            Err((Json::String(text), _)) => includes.push(text),
            Err(_) => {}
        }
    }
}

/// Replaces every text that uses a serverless variable with its expression object.
fn mark_variables(value: &mut Json) {
    match value {
        Json::String(text) if has_variable(text) => {
            let text = std::mem::take(text);
            *value = Json::Object(vec![(EXPRESSION_KEY.to_string(), Json::String(text))]);
        }
        Json::Object(members) => members.iter_mut().for_each(|(_, item)| mark_variables(item)),
        Json::Array(items) => items.iter_mut().for_each(mark_variables),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_are_found_by_their_syntax() {
        for text in [
            "${self:custom.stage}-users",
            "${sls:stage}",
            "${opt:stage, 'dev'}",
            "${env:STAGE}",
            "${param:pool}",
            "${file(./config.yml):name}",
            "${ssm:/app/name}",
            "${cf:other-stack.Output}",
            "${s3:bucket/key}",
            "${bref:layer.php-74}",
            "arn:aws:lambda:#{AWS::Region}:#{AWS::AccountId}:function:f",
            "${ self:custom.name }",
        ] {
            assert!(has_variable(text), "{text}");
        }
        for text in ["${AWS::StackName}-users", "${Param}", "${Fn.Arn}", "{####}", "{##Verify Email##}", "$5 {x}", "${"]
        {
            assert!(!has_variable(text), "{text}");
        }
    }

    #[test]
    fn detection_needs_service_and_provider_or_a_shipped_source() {
        assert!(looks_like("service: s\nprovider:\n  name: aws\n"));
        assert!(looks_like("Resources:\n  P:\n    Properties:\n      UserPoolName: ${sls:stage}-p\n"));
        assert!(!looks_like("Resources:\n  P:\n    Properties:\n      UserPoolName: !Sub ${AWS::StackName}\n"));
        assert!(!looks_like("service: s\n"));
    }
}
