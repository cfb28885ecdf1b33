//! The constraints AWS stores for a `Schema` attribute whose CreateUserPool request gives none,
//! for exports that must write them out.
//!
//! Terraform compares each `schema` block of the configuration with what DescribeUserPool
//! returns, constraints included; a String or Number attribute written without its constraints
//! block differs from the stored one, and every later plan wants to replace the pool
//! (<https://github.com/hashicorp/terraform-provider-aws/issues/7502>; the provider's
//! documentation of `aws_cognito_user_pool` makes the block required for both types). An
//! *empty* `string_attribute_constraints {}` does not help: the provider sends no constraints,
//! AWS stores its default lengths, and adding an attribute later fails with "cannot modify or
//! remove schema items" (<https://github.com/hashicorp/terraform-provider-aws/issues/37687>).
//! So the export writes the values AWS stores when CreateUserPool gets none, which creates the
//! same pool as the request:
//!
//! - a custom String attribute: 0 to 2,048 characters, each bound filled in on its own (the
//!   defaults of `StringAttributeConstraints` in the AWS CDK:
//!   <https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_cognito.StringAttributeConstraints.html>);
//! - a custom Number attribute: no bounds ("no minimum value", "no maximum value":
//!   <https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_cognito.NumberAttributeConstraints.html>),
//!   so an empty `number_attribute_constraints {}`, which the provider sends as an empty
//!   constraints object and reads back the same; community modules settled on the same block
//!   (<https://github.com/mineiros-io/terraform-aws-cognito-user-pool/pull/15>);
//! - a standard attribute: the defaults DescribeUserPool shows for it, as the provider lists them
//!   (`userPoolSchemaAttributeMatchesStandardAttribute` in
//!   `internal/service/cognitoidp/user_pool.go` of hashicorp/terraform-provider-aws): 0 to 2,048
//!   characters, `sub` 1 to 2,048, `updated_at` a minimum of 0. `birthdate` is left as it is:
//!   its stored lengths have changed (10 to 10, then 4 to 10:
//!   <https://github.com/hashicorp/terraform-provider-aws/issues/38197>).

use crate::json::Json;
use crate::rules::attributes::STANDARD_ATTRIBUTES;

/// The constraints member of a String attribute and its bounds.
pub const STRING: (&str, [&str; 2]) = ("StringAttributeConstraints", ["MinLength", "MaxLength"]);
/// The constraints member of a Number attribute and its bounds.
pub const NUMBER: (&str, [&str; 2]) = ("NumberAttributeConstraints", ["MinValue", "MaxValue"]);

/// What a schema attribute needs so that its constraints say what AWS stores.
#[derive(Clone, Debug, PartialEq)]
pub enum Completion {
    /// Nothing to add: not a String or Number attribute, every stored bound already given, or
    /// constraints that are not an object (the export reports those as they are).
    Nothing,
    /// The attribute with `added` bounds (member name and value) filled into its constraints
    /// object `member`, created if the request had none.
    Filled { attribute: Vec<(String, Json)>, member: &'static str, added: Vec<(&'static str, &'static str)> },
    /// A Number attribute for which AWS stores no bound: its constraints are an empty object.
    /// `attribute` is the attribute without its empty constraints member, when it had one.
    NoBounds { attribute: Option<Vec<(String, Json)>> },
    /// A standard attribute whose stored default is not known for certain (`birthdate`), with
    /// its constraints incomplete: nothing can be filled in.
    Unknown,
}

/// What AWS stores for an attribute given without constraints: the constraints member and, per
/// bound, its value (None: no bound). None for types without constraints (Boolean, DateTime,
/// anything else).
enum Stored {
    Bounds(&'static str, [(&'static str, Option<&'static str>); 2]),
    Unknown,
    NotApplicable,
}

/// What AWS stores for attribute `name` of `data_type` (a developer-only attribute is custom).
fn stored(name: &str, data_type: &str, developer_only: bool) -> Stored {
    let standard = !developer_only && STANDARD_ATTRIBUTES.iter().any(|&(n, t)| n == name && t == data_type);
    let (string, [min_length, max_length]) = STRING;
    let (number, [min_value, max_value]) = NUMBER;
    match (data_type, standard, name) {
        ("String", true, "birthdate") => Stored::Unknown,
        ("String", true, "sub") => Stored::Bounds(string, [(min_length, Some("1")), (max_length, Some("2048"))]),
        ("String", _, _) => Stored::Bounds(string, [(min_length, Some("0")), (max_length, Some("2048"))]),
        ("Number", true, _) => Stored::Bounds(number, [(min_value, Some("0")), (max_value, None)]),
        ("Number", false, _) => Stored::Bounds(number, [(min_value, None), (max_value, None)]),
        _ => Stored::NotApplicable,
    }
}

/// What `attribute` (the members of one `Schema` item) needs to state the constraints AWS stores.
pub fn complete(attribute: &[(String, Json)]) -> Completion {
    let text = |key: &str| attribute.iter().find(|(k, _)| k == key).and_then(|(_, v)| v.as_str());
    let (Some(name), Some(data_type)) = (text("Name"), text("AttributeDataType")) else { return Completion::Nothing };
    let developer_only = attribute.iter().any(|(k, v)| k == "DeveloperOnlyAttribute" && *v == Json::Bool(true));
    let (member, bounds) = match stored(name, data_type, developer_only) {
        Stored::NotApplicable => return Completion::Nothing,
        Stored::Unknown => {
            let (member, names) = STRING;
            let given = attribute.iter().find(|(k, _)| k == member).map(|(_, v)| v);
            let complete =
                matches!(given, Some(Json::Object(m)) if names.iter().all(|n| m.iter().any(|(k, _)| k == n)));
            return if complete { Completion::Nothing } else { Completion::Unknown };
        }
        Stored::Bounds(member, bounds) => (member, bounds),
    };
    let given = match attribute.iter().find(|(k, _)| k == member).map(|(_, v)| v) {
        None => &[][..],
        Some(Json::Object(members)) => members.as_slice(),
        Some(_) => return Completion::Nothing,
    };
    if given.is_empty() && bounds.iter().all(|(_, value)| value.is_none()) {
        let had_member = attribute.iter().any(|(k, _)| k == member);
        let without = had_member.then(|| attribute.iter().filter(|(k, _)| k != member).cloned().collect());
        return Completion::NoBounds { attribute: without };
    }
    let added: Vec<(&str, &str)> = bounds
        .iter()
        .filter_map(|&(bound, value)| value.filter(|_| !given.iter().any(|(k, _)| k == bound)).map(|v| (bound, v)))
        .collect();
    if added.is_empty() {
        return Completion::Nothing;
    }
    let mut constraints = given.to_vec();
    constraints.extend(added.iter().map(|&(bound, value)| (bound.to_string(), Json::str(value))));
    let mut filled: Vec<(String, Json)> = attribute.iter().filter(|(k, _)| k != member).cloned().collect();
    filled.push((member.to_string(), Json::Object(constraints)));
    Completion::Filled { attribute: filled, member, added }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;

    fn attribute(text: &str) -> Vec<(String, Json)> {
        match json::parse(text).expect("test JSON").0 {
            Json::Object(members) => members,
            other => panic!("not an object: {other:?}"),
        }
    }

    fn filled(text: &str) -> (Json, Vec<(&'static str, &'static str)>) {
        match complete(&attribute(text)) {
            Completion::Filled { attribute, added, .. } => (Json::Object(attribute), added),
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn a_custom_string_gets_the_stored_lengths() {
        let (attribute, added) = filled(r#"{"Name": "tenant_id", "AttributeDataType": "String", "Mutable": true}"#);
        assert_eq!(
            attribute.compact(),
            r#"{"Name":"tenant_id","AttributeDataType":"String","Mutable":true,"StringAttributeConstraints":{"MinLength":"0","MaxLength":"2048"}}"#
        );
        assert_eq!(added, [("MinLength", "0"), ("MaxLength", "2048")]);
    }

    #[test]
    fn a_partial_string_gets_the_missing_bound_only() {
        let (attribute, added) = filled(
            r#"{"Name": "code", "AttributeDataType": "String", "StringAttributeConstraints": {"MaxLength": "12"}}"#,
        );
        assert_eq!(
            attribute.get("StringAttributeConstraints").unwrap().compact(),
            r#"{"MaxLength":"12","MinLength":"0"}"#
        );
        assert_eq!(added, [("MinLength", "0")]);
        let empty = filled(r#"{"Name": "x", "AttributeDataType": "String", "StringAttributeConstraints": {}}"#).0;
        assert_eq!(
            empty.get("StringAttributeConstraints").unwrap().compact(),
            r#"{"MinLength":"0","MaxLength":"2048"}"#
        );
    }

    #[test]
    fn standard_attributes_get_their_own_defaults() {
        let sub = filled(r#"{"Name": "sub", "AttributeDataType": "String"}"#).0;
        assert_eq!(sub.get("StringAttributeConstraints").unwrap().compact(), r#"{"MinLength":"1","MaxLength":"2048"}"#);
        let updated = filled(r#"{"Name": "updated_at", "AttributeDataType": "Number"}"#).0;
        assert_eq!(updated.get("NumberAttributeConstraints").unwrap().compact(), r#"{"MinValue":"0"}"#);
        // A developer-only attribute is custom whatever its name: dev:sub is not sub.
        let dev = filled(r#"{"Name": "sub", "AttributeDataType": "String", "DeveloperOnlyAttribute": true}"#).0;
        assert_eq!(dev.get("StringAttributeConstraints").unwrap().compact(), r#"{"MinLength":"0","MaxLength":"2048"}"#);
        assert_eq!(
            complete(&attribute(r#"{"Name": "birthdate", "AttributeDataType": "String"}"#)),
            Completion::Unknown
        );
        let given = r#"{"Name": "birthdate", "AttributeDataType": "String", "StringAttributeConstraints": {"MinLength": "10", "MaxLength": "10"}}"#;
        assert_eq!(complete(&attribute(given)), Completion::Nothing);
    }

    #[test]
    fn a_custom_number_has_no_stored_bounds() {
        let absent = attribute(r#"{"Name": "score", "AttributeDataType": "Number"}"#);
        assert_eq!(complete(&absent), Completion::NoBounds { attribute: None });
        let empty = attribute(r#"{"Name": "score", "AttributeDataType": "Number", "NumberAttributeConstraints": {}}"#);
        assert_eq!(complete(&empty), Completion::NoBounds { attribute: Some(absent) });
        let one =
            r#"{"Name": "score", "AttributeDataType": "Number", "NumberAttributeConstraints": {"MaxValue": "9"}}"#;
        assert_eq!(complete(&attribute(one)), Completion::Nothing, "AWS stores no other bound");
    }

    #[test]
    fn other_types_and_odd_constraints_are_left_alone() {
        for text in [
            r#"{"Name": "flag", "AttributeDataType": "Boolean"}"#,
            r#"{"Name": "when", "AttributeDataType": "DateTime"}"#,
            r#"{"Name": "x", "AttributeDataType": "Text"}"#,
            r#"{"AttributeDataType": "String"}"#,
            r#"{"Name": "x", "AttributeDataType": "String", "StringAttributeConstraints": "5"}"#,
            r#"{"Name": "x", "AttributeDataType": "String", "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "5"}}"#,
        ] {
            assert_eq!(complete(&attribute(text)), Completion::Nothing, "{text}");
        }
    }
}
