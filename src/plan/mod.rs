//! The update planner: change an existing pool without losing settings, and see beforehand
//! what cannot change.
//!
//! `UpdateUserPool` resets every parameter a request leaves out to its default ("If you don't
//! provide a value for an attribute, Amazon Cognito sets it to its default value",
//! <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPool.html>;
//! <https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-updating.html>).
//! So the planner reads the pool as it is ([`Current`]: `describe-user-pool` output, and
//! optionally `get-user-pool-mfa-config` output for the MFA factors, which describe-user-pool
//! does not show) and as it should be ([`Desired`]: a request or the form), normalises both
//! into one comparable [`Pool`], and diffs them ([`plan`]) into:
//!
//! - the change table ([`Change`]): every differing setting, old → new, and per target what
//!   happens: the API call that does it ([`Api`]), CloudFormation ([`Cfn`]) and the Terraform
//!   AWS provider 6.x ([`Tf`]), each with public sources;
//! - the safe update ([`Calls`]): one complete `UpdateUserPool` request repeating every setting
//!   to keep, `AddCustomAttributes` for new custom attributes (at most 25 per call), and
//!   `SetUserPoolMfaConfig` when MFA changes; [`script`] writes them in each SDK/CLI format;
//! - the reset report ([`Plan::resets`]): every setting the desired state leaves out that the
//!   update therefore resets to its default.
//!
//! The describe → update transform: the importer ([`crate::import::describe`]) drops the
//! output-only members and renames `Name` and `SchemaAttributes`; here `Id` becomes
//! `UserPoolId`, `AliasAttributes`, `UsernameAttributes`, `UsernameConfiguration` and `Schema`
//! stay out of `UpdateUserPool` (which rejects them: "Unknown parameter in input:
//! \"AliasAttributes\"",
//! <https://github.com/aws-samples/amazon-cognito-user-pool-development-and-testing-with-sms-redirected-to-email/issues/1>),
//! and the legacy `AdminCreateUserConfig.UnusedAccountValidityDays` is moved to
//! `Policies.PasswordPolicy.TemporaryPasswordValidityDays` ("Please use
//! TemporaryPasswordValidityDays in PasswordPolicy instead of UnusedAccountValidityDays",
//! <https://github.com/pulumi/pulumi-aws-native/issues/1256>). Which members `UpdateUserPool`
//! takes comes from the AWS model ([`crate::model::UPDATE_MEMBERS`]).
//!
//! Plain Rust: the CLI (`poolsmith plan`) and the browser's worker (op `plan`) share it.

pub mod script;
pub mod table;

use crate::json::Json;
use crate::mfa::{self, MfaFactors};
use crate::model::{self, Kind};
use crate::rules::attributes::is_standard;

/// The API reference of `UpdateUserPool`.
pub const UPDATE_USER_POOL_DOC: &str =
    "https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPool.html";
/// The developer guide's page on updating a pool (the reset-to-default warning).
pub const UPDATING_GUIDE: &str =
    "https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-updating.html";
const ADD_CUSTOM_ATTRIBUTES_DOC: &str =
    "https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AddCustomAttributes.html";
const SET_MFA_DOC: &str =
    "https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserPoolMfaConfig.html";
const MFA_ON_REFUSED: &str = "https://github.com/aws-cloudformation/cloudformation-coverage-roadmap/issues/1176";
const CFN_USER_POOL: &str =
    "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cognito-userpool.html";
const CFN_USERNAME_FAILS: &str = "https://github.com/aws-amplify/amplify-cli/issues/4227";
const CFN_SCHEMA_FAILS: &str = "https://github.com/awslabs/visual-asset-management-system/pull/72";
const TF_USER_POOL: &str =
    "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cognito_user_pool";
const TF_NAME_IN_PLACE: &str = "https://github.com/hashicorp/terraform-provider-aws/pull/42639";
const TF_SCHEMA_APPLY: &str =
    "https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/cognitoidp/user_pool.go";
const DEVICE_RESET: &str = "https://github.com/aws/aws-cdk/issues/33282";

/// Members that `UpdateUserPool` keeps when a request leaves them out (so leaving them out
/// of the desired state means "keep"): `UserPoolTier` ("With the exception of UserPoolTier",
/// the API reference) and `DcrConfiguration` ("If you omit this parameter, Amazon Cognito
/// keeps the existing configuration", the AWS model). `PoolName` is not documented either
/// way, so the current name is always sent.
pub const KEPT_WHEN_OMITTED: [&str; 3] = ["PoolName", "UserPoolTier", "DcrConfiguration"];

/// Most custom attributes one `AddCustomAttributes` call takes (the AWS model: 1 to 25).
pub const CUSTOM_ATTRIBUTES_PER_CALL: usize = 25;

/// What the API does with a change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Api {
    /// In place, by the one `UpdateUserPool` request.
    UpdateUserPool,
    /// A new custom attribute, by `AddCustomAttributes`.
    AddCustomAttributes,
    /// MFA turned ON or its factors changed, by `SetUserPoolMfaConfig`.
    SetUserPoolMfaConfig,
    /// No API changes it: it needs a new pool (and moving the users).
    Impossible,
}

impl Api {
    pub fn describe(self) -> &'static str {
        match self {
            Api::UpdateUserPool => "UpdateUserPool (in place)",
            Api::AddCustomAttributes => "AddCustomAttributes (in place)",
            Api::SetUserPoolMfaConfig => "SetUserPoolMfaConfig (in place)",
            Api::Impossible => "impossible: needs a new pool",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Api::UpdateUserPool => "UpdateUserPool",
            Api::AddCustomAttributes => "AddCustomAttributes",
            Api::SetUserPoolMfaConfig => "SetUserPoolMfaConfig",
            Api::Impossible => "impossible",
        }
    }
}

/// What a CloudFormation stack update does with a change to `AWS::Cognito::UserPool`. The
/// current resource schema marks no property as replacing the pool, so a change the service
/// refuses fails the update instead (the stack rolls back).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cfn {
    Updates,
    UpdateFails,
}

impl Cfn {
    pub fn describe(self) -> &'static str {
        match self {
            Cfn::Updates => "updates in place",
            Cfn::UpdateFails => "the stack update fails (UPDATE_FAILED, rolled back)",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Cfn::Updates => "updates",
            Cfn::UpdateFails => "update-fails",
        }
    }
}

/// What `terraform apply` with the AWS provider 6.x does with a change to
/// `aws_cognito_user_pool`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tf {
    InPlace,
    /// In place from provider 6.6.0; earlier releases replace the pool.
    InPlaceFrom6_6,
    /// ForceNew: a new, empty pool replaces the old one.
    Replaces,
    /// Planned as an in-place update, which fails at apply.
    ApplyFails,
}

impl Tf {
    pub fn describe(self) -> &'static str {
        match self {
            Tf::InPlace => "updates in place",
            Tf::InPlaceFrom6_6 => "updates in place from provider 6.6.0 (6.0 to 6.5 replace the pool)",
            Tf::Replaces => "forces replacement: a new, empty pool (users are lost)",
            Tf::ApplyFails => "plans an in-place update that fails at apply",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Tf::InPlace => "in-place",
            Tf::InPlaceFrom6_6 => "in-place-from-6.6",
            Tf::Replaces => "replaces",
            Tf::ApplyFails => "apply-fails",
        }
    }
}

/// One row of the change table.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// The setting: `Policies.PasswordPolicy.MinimumLength`, `UserPoolTags["team"]`,
    /// `Schema["tier"]`, `MFA factors`.
    pub path: String,
    /// The value before and after; `None` is "not set" (the API default).
    pub old: Option<Json>,
    pub new: Option<Json>,
    pub api: Api,
    pub cloudformation: Cfn,
    pub terraform: Tf,
    /// Why, in a sentence, when the row needs one.
    pub why: String,
    pub sources: Vec<&'static str>,
}

impl Change {
    /// Whether the update resets this setting to its default because the desired state
    /// leaves it out.
    pub fn is_reset(&self) -> bool {
        self.new.is_none() && self.old.is_some() && self.api == Api::UpdateUserPool
    }

    /// The old value in words.
    pub fn old_text(&self) -> String {
        match &self.old {
            Some(value) => value.compact(),
            None if self.path == MFA_FACTORS => "unknown".to_string(),
            None => "(not set)".to_string(),
        }
    }

    /// The new value in words: a reset names the default when Poolsmith knows it.
    pub fn new_text(&self) -> String {
        match &self.new {
            Some(value) => value.compact(),
            None if !self.is_reset() => "(not set)".to_string(),
            None => match crate::rules::defaults::of(&model_path(&self.path)) {
                Some(default) => format!("(default: {})", default.api),
                None => "(default)".to_string(),
            },
        }
    }
}

/// The row name of the MFA factors.
pub const MFA_FACTORS: &str = "MFA factors";

/// A pool as the planner compares it: the request that would create it (`CreateUserPool`
/// shape, normalised by [`normalise`]) and, while MFA is ON or OPTIONAL, its factors.
#[derive(Clone, Debug, PartialEq)]
pub struct Pool {
    pub request: Json,
    pub factors: MfaFactors,
}

/// The pool as it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Current {
    /// `Id` of describe-user-pool output: `UserPoolId` of every call.
    pub pool_id: String,
    /// `LastModifiedDate` as the output states it (for the scripts' "unchanged?" check).
    pub last_modified: Option<Json>,
    pub pool: Pool,
    /// get-user-pool-mfa-config output, when given: the factors are then known, and their
    /// settings (email text, passkey configuration) are repeated by `SetUserPoolMfaConfig`.
    pub mfa_config: Option<Json>,
    /// What the reading changed or could not tell.
    pub notes: Vec<String>,
}

/// The pool as it should be.
#[derive(Clone, Debug, PartialEq)]
pub struct Desired {
    pub pool: Pool,
    /// Whether the MFA factors were stated (`--mfa`, the form) rather than taken over.
    pub factors_stated: bool,
    /// Settings given at their default value (kept apart so that they are not reported as
    /// resets: the person asked for the default).
    pub explicit_defaults: Vec<String>,
    pub notes: Vec<String>,
}

/// The calls of the safe update (each with `UserPoolId`), in the order they run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Calls {
    pub update_user_pool: Option<Json>,
    pub add_custom_attributes: Vec<Json>,
    pub set_user_pool_mfa_config: Option<Json>,
}

impl Calls {
    pub fn is_empty(&self) -> bool {
        self.update_user_pool.is_none()
            && self.add_custom_attributes.is_empty()
            && self.set_user_pool_mfa_config.is_none()
    }

    /// `(operation, input)` in order.
    pub fn in_order(&self) -> Vec<(&'static str, &Json)> {
        let mut out = Vec::new();
        if let Some(update) = &self.update_user_pool {
            out.push(("UpdateUserPool", update));
        }
        out.extend(self.add_custom_attributes.iter().map(|call| ("AddCustomAttributes", call)));
        if let Some(mfa) = &self.set_user_pool_mfa_config {
            out.push(("SetUserPoolMfaConfig", mfa));
        }
        out
    }
}

/// The plan: the change table, the calls and what the person must know.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub pool_id: String,
    pub last_modified: Option<Json>,
    pub changes: Vec<Change>,
    pub calls: Calls,
    pub notes: Vec<String>,
}

impl Plan {
    /// The settings the update resets to their default because the desired state leaves
    /// them out: each needs the person's confirmation.
    pub fn resets(&self) -> Vec<&Change> {
        self.changes.iter().filter(|c| c.is_reset()).collect()
    }

    /// Whether some change needs a new pool.
    pub fn impossible(&self) -> bool {
        self.changes.iter().any(|c| c.api == Api::Impossible)
    }
}

/// A problem with an input, naming the place and the fix.
pub type Problems = Vec<String>;

/// The pool a template deploys, read by the importers (a CloudFormation or SAM template, a
/// serverless.yml, a Terraform file or `terraform show -json` output; `resource` picks one of
/// several): its request with each expression as a placeholder (an expression kept on both
/// sides compares equal), its MFA factors, and the import's notes. `None` when `text` is
/// describe-user-pool output or a request, which are read as before.
pub fn read_template(text: &str, resource: Option<&str>, side: &str) -> Option<Result<TemplatePool, Problems>> {
    use crate::import::Kind;
    let kind = crate::import::detect(text);
    if matches!(kind, Kind::DescribeUserPool | Kind::RequestJson) {
        return None;
    }
    Some(match crate::import::import_resource(Some(kind), text, resource) {
        Ok(imported) => {
            let mut notes: Vec<String> =
                imported.notes.iter().map(|n| format!("{side} ({}): {n}", kind.title())).collect();
            let request = crate::expr::with_placeholders(&crate::request::to_json(&imported.form), &[], &mut notes);
            Ok((request, imported.form.mfa(), notes))
        }
        Err(problems) => Err(problems
            .iter()
            .map(|d| format!("{side} ({}): {}", kind.title(), crate::worker::describe_problem(d)))
            .collect()),
    })
}

/// A template's pool for a plan: its request (expressions as placeholders), its MFA factors,
/// and the import's notes.
pub type TemplatePool = (Json, MfaFactors, Vec<String>);

/// The current pool from a template ([`read_template`]): its ID is not in the file, so the
/// scripts use `pool_id` (`--pool-id`), or a placeholder to fill in.
pub fn current_from_template(
    text: &str,
    resource: Option<&str>,
    pool_id: Option<&str>,
) -> Option<Result<Current, Problems>> {
    read_template(text, resource, "current").map(|read| {
        let (request, factors, mut notes) = read?;
        let id = pool_id.unwrap_or("<the pool's ID>").to_string();
        if pool_id.is_none() {
            notes.push(
                "The template does not say the pool's ID: the scripts write <the pool's ID> (give it with --pool-id)."
                    .to_string(),
            );
        }
        // The template states its MFA factors (EnabledMfas, Terraform's MFA blocks): written as
        // the get-user-pool-mfa-config output that would show them, they count as known.
        let mode = request.get("MfaConfiguration").and_then(Json::as_str).unwrap_or("OFF").to_string();
        let mut config = vec![("MfaConfiguration".to_string(), Json::String(mode))];
        if factors.sms {
            let sms = request.get("SmsConfiguration").cloned().unwrap_or(Json::Object(Vec::new()));
            config.push(("SmsMfaConfiguration".to_string(), Json::Object(vec![("SmsConfiguration".to_string(), sms)])));
        }
        if factors.totp {
            config.push((
                "SoftwareTokenMfaConfiguration".to_string(),
                Json::Object(vec![("Enabled".to_string(), Json::Bool(true))]),
            ));
        }
        if factors.email {
            config.push(("EmailMfaConfiguration".to_string(), Json::Object(Vec::new())));
        }
        Ok(Current::from_request(id, None, request, Some(Json::Object(config)), notes))
    })
}

/// Reads describe-user-pool output (JSON or YAML) and, optionally, get-user-pool-mfa-config
/// output.
pub fn read_current(describe: &str, mfa_config: Option<&str>) -> Result<Current, Problems> {
    let (id, last_modified) = crate::import::describe::identity(describe);
    let crate::import::Read { form, mut notes, .. } =
        crate::import::describe::import(describe).map_err(|problems| {
            problems
                .iter()
                .map(|d| format!("describe-user-pool output: {}", crate::worker::describe_problem(d)))
                .collect::<Vec<_>>()
        })?;
    let Some(pool_id) = id else {
        return Err(vec!["describe-user-pool output has no UserPool.Id: paste the whole output of aws cognito-idp describe-user-pool --user-pool-id <id>".to_string()]);
    };
    // The importer's notes speak of cloning; the one that matters to an update is the email
    // body it drops (the update then resets it), said here in the plan's words.
    notes.retain(|n| n.starts_with("Dropped VerificationMessageTemplate."));
    for note in &mut notes {
        *note = format!("{note} The update leaves them out, so they go back to their defaults.");
    }
    let mfa_config = match mfa_config {
        None => None,
        Some(text) => Some(read_mfa_config(text)?),
    };
    let request = crate::request::to_json(&form);
    Ok(Current::from_request(pool_id, last_modified, request, mfa_config, notes))
}

impl Current {
    /// The current pool from a CreateUserPool-shaped request (describe-user-pool output after
    /// the importer) and, optionally, get-user-pool-mfa-config output.
    pub fn from_request(
        pool_id: String,
        last_modified: Option<Json>,
        mut request: Json,
        mfa_config: Option<Json>,
        mut notes: Vec<String>,
    ) -> Current {
        move_unused_account_validity_days(&mut request, &mut notes);
        normalise(&mut request);
        let on = mfa::mode(&request).is_some();
        let factors = match &mfa_config {
            Some(config) if on => factors_of_mfa_config(config),
            Some(_) => MfaFactors::NONE,
            None => MfaFactors::stated_for(&request, MfaFactors::NONE),
        };
        if let Some(config) = &mfa_config {
            let stated = config.get("MfaConfiguration").and_then(Json::as_str).unwrap_or("OFF");
            let described = request.get("MfaConfiguration").and_then(Json::as_str).unwrap_or("OFF");
            if stated != described {
                notes.push(format!("get-user-pool-mfa-config says MfaConfiguration {stated}, describe-user-pool says {described}: the plan uses {described}. Read both again if the pool changed in between."));
            }
        } else if on {
            notes.push(format!("MFA is {} but the MFA factors are unknown without get-user-pool-mfa-config output (aws cognito-idp get-user-pool-mfa-config --user-pool-id {pool_id}); the plan leaves them alone unless you state the desired factors.", request.get("MfaConfiguration").and_then(Json::as_str).unwrap_or_default()));
        }
        Current { pool_id, last_modified, pool: Pool { request, factors }, mfa_config, notes }
    }

    /// Whether the MFA factors are known (get-user-pool-mfa-config output was given).
    pub fn factors_known(&self) -> bool {
        self.mfa_config.is_some()
    }
}

/// Splits pasted text holding describe-user-pool output followed by get-user-pool-mfa-config
/// output (two JSON objects one after the other, as `aws … describe-user-pool; aws …
/// get-user-pool-mfa-config` prints them) into the two; other text comes back whole.
pub fn split_current(text: &str) -> (&str, Option<&str>) {
    if crate::json::parse(text).is_ok() || !text.trim_start().starts_with('{') {
        return (text, None);
    }
    // The end of the first object: the `}` that closes its first `{`, outside strings.
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (at, byte) in text.bytes().enumerate() {
        match (in_string, escaped, byte) {
            (true, true, _) => escaped = false,
            (true, false, b'\\') => escaped = true,
            (true, false, b'"') => in_string = false,
            (true, ..) => {}
            (false, _, b'"') => in_string = true,
            (false, _, b'{' | b'[') => depth += 1,
            (false, _, b'}' | b']') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    let (first, rest) = text.split_at(at + 1);
                    let rest = rest.trim();
                    return if rest.is_empty() { (first, None) } else { (first, Some(rest)) };
                }
            }
            _ => {}
        }
    }
    (text, None)
}

/// Reads get-user-pool-mfa-config output: a JSON object of its members.
pub fn read_mfa_config(text: &str) -> Result<Json, Problems> {
    const MEMBERS: [&str; 5] = [
        "SmsMfaConfiguration",
        "SoftwareTokenMfaConfiguration",
        "EmailMfaConfiguration",
        "MfaConfiguration",
        "WebAuthnConfiguration",
    ];
    let (value, _) = crate::json::parse(text).map_err(|e| {
        vec![format!("get-user-pool-mfa-config output is not valid JSON: {} (at {}); paste the output of aws cognito-idp get-user-pool-mfa-config --user-pool-id <id>", e.message, e.pos)]
    })?;
    let Json::Object(members) = &value else {
        return Err(vec![format!(
            "get-user-pool-mfa-config output must be an object like {{\"MfaConfiguration\": \"OPTIONAL\", …}}, not {}",
            value.type_name()
        )]);
    };
    let mut problems = Vec::new();
    let mut kept = Vec::new();
    for (key, member) in members {
        if key == "ResponseMetadata" {
            continue;
        }
        if !MEMBERS.contains(&key.as_str()) {
            problems.push(format!(
                "get-user-pool-mfa-config output has no member {key}: remove it (the members are {})",
                MEMBERS.join(", ")
            ));
        } else if key == "MfaConfiguration" && member.as_str().is_none() {
            problems.push(format!("get-user-pool-mfa-config output: MfaConfiguration must be OFF, ON or OPTIONAL in double quotes, not {}", member.type_name()));
        } else if key != "MfaConfiguration" && !matches!(member, Json::Object(_)) {
            problems.push(format!(
                "get-user-pool-mfa-config output: {key} must be an object ({{…}}), not {}",
                member.type_name()
            ));
        } else {
            kept.push((key.clone(), member.clone()));
        }
    }
    if problems.is_empty() {
        Ok(Json::Object(kept))
    } else {
        Err(problems)
    }
}

/// The factors get-user-pool-mfa-config output shows as on.
pub fn factors_of_mfa_config(config: &Json) -> MfaFactors {
    MfaFactors {
        sms: config.get("SmsMfaConfiguration").is_some(),
        totp: config.get("SoftwareTokenMfaConfiguration").and_then(|t| t.get("Enabled")) == Some(&Json::Bool(true)),
        email: config.get("EmailMfaConfiguration").is_some(),
    }
}

/// Reads the desired state: a request (CreateUserPool shape). `stated` are the MFA factors
/// the person chose (exactly those; SMS needs the request's `SmsConfiguration`); without them, the current factors stay (SMS only while the desired
/// request keeps an `SmsConfiguration`). With `keep_unset`, a top-level setting the request
/// leaves out keeps its current value instead of being reset.
pub fn read_desired(
    text: &str,
    stated: Option<MfaFactors>,
    current: &Current,
    keep_unset: bool,
) -> Result<Desired, Problems> {
    read_desired_resource(text, None, stated, current, keep_unset)
}

/// [`read_desired`] for any file the importers read (a template's pool, chosen by `resource`).
pub fn read_desired_resource(
    text: &str,
    resource: Option<&str>,
    stated: Option<MfaFactors>,
    current: &Current,
    keep_unset: bool,
) -> Result<Desired, Problems> {
    if let Some(read) = read_template(text, resource, "desired") {
        let (request, factors, notes) = read?;
        let mut desired = desired_from_request(request, stated.or(Some(factors)), current, keep_unset);
        desired.notes.splice(0..0, notes);
        return Ok(desired);
    }
    let (form, problems) = crate::request::from_text(text);
    if !problems.is_empty() {
        return Err(problems
            .iter()
            .map(|d| format!("desired request: {}", crate::worker::describe_problem(d)))
            .collect());
    }
    Ok(desired_from_request(crate::request::to_json(&form), stated, current, keep_unset))
}

/// [`read_desired`] for a request already read (the form's).
pub fn desired_from_request(
    mut request: Json,
    stated: Option<MfaFactors>,
    current: &Current,
    keep_unset: bool,
) -> Desired {
    let mut notes = Vec::new();
    let (Json::Object(members), Json::Object(now)) = (&mut request, &current.pool.request) else {
        return Desired {
            pool: Pool { request, factors: MfaFactors::NONE },
            factors_stated: false,
            explicit_defaults: Vec::new(),
            notes,
        };
    };
    let mut kept = Vec::new();
    for (name, value) in now {
        let keep = keep_unset || KEPT_WHEN_OMITTED.contains(&name.as_str());
        if keep && !members.iter().any(|(k, _)| k == name) {
            members.push((name.clone(), value.clone()));
            kept.push(name.as_str());
        }
    }
    if !kept.is_empty() {
        notes.push(format!("Kept the current {} (left out of the desired state).", kept.join(", ")));
    }
    order_members(&mut request);
    move_unused_account_validity_days(&mut request, &mut notes);
    let explicit_defaults = normalise(&mut request);
    let on = mfa::mode(&request).is_some();
    let factors = match stated {
        _ if !on => MfaFactors::NONE,
        // Exactly the stated factors (SMS only with an SMS configuration to send).
        Some(stated) => MfaFactors { sms: stated.sms && request.get("SmsConfiguration").is_some(), ..stated },
        None => {
            let sms = request.get("SmsConfiguration").is_some();
            let now = current.pool.factors;
            if mfa::mode(&current.pool.request).is_some() {
                MfaFactors { sms: now.sms && sms, ..now }
            } else {
                MfaFactors { sms, ..MfaFactors::NONE }
            }
        }
    };
    Desired { pool: Pool { request, factors }, factors_stated: stated.is_some() && on, explicit_defaults, notes }
}

/// Sorts the top-level members into model order.
fn order_members(request: &mut Json) {
    if let Json::Object(members) = request {
        let rank = |name: &str| model::top_level().position(|f| f.name == name).unwrap_or(usize::MAX);
        crate::sort_small(members, |a, b| rank(&a.0).cmp(&rank(&b.0)));
    }
}

/// Drops the legacy `AdminCreateUserConfig.UnusedAccountValidityDays`, moving its value to
/// `Policies.PasswordPolicy.TemporaryPasswordValidityDays` when that is not set.
fn move_unused_account_validity_days(request: &mut Json, notes: &mut Vec<String>) {
    let Some(days) = take_member(request, &["AdminCreateUserConfig", "UnusedAccountValidityDays"]) else { return };
    let set = request
        .get("Policies")
        .and_then(|p| p.get("PasswordPolicy"))
        .and_then(|p| p.get("TemporaryPasswordValidityDays"))
        .is_some();
    if set {
        notes.push(format!("Dropped AdminCreateUserConfig.UnusedAccountValidityDays ({}): Policies.PasswordPolicy.TemporaryPasswordValidityDays replaces it, and UpdateUserPool rejects the legacy member (https://github.com/pulumi/pulumi-aws-native/issues/1256).", days.compact()));
    } else {
        set_member(request, &["Policies", "PasswordPolicy", "TemporaryPasswordValidityDays"], days.clone());
        notes.push(format!("Moved AdminCreateUserConfig.UnusedAccountValidityDays ({0}) to Policies.PasswordPolicy.TemporaryPasswordValidityDays: UpdateUserPool rejects the legacy member (https://github.com/pulumi/pulumi-aws-native/issues/1256).", days.compact()));
    }
}

fn take_member(value: &mut Json, path: &[&str]) -> Option<Json> {
    let Json::Object(members) = value else { return None };
    let index = members.iter().position(|(k, _)| k == path[0])?;
    if path.len() == 1 {
        return Some(members.remove(index).1);
    }
    let taken = take_member(&mut members[index].1, &path[1..]);
    if matches!(&members[index].1, Json::Object(inner) if inner.is_empty()) {
        members.remove(index);
    }
    taken
}

fn set_member(value: &mut Json, path: &[&str], new: Json) {
    let Json::Object(members) = value else { return };
    let index = match members.iter().position(|(k, _)| k == path[0]) {
        Some(index) => index,
        None => {
            members.push((path[0].to_string(), Json::Object(Vec::new())));
            members.len() - 1
        }
    };
    if path.len() == 1 {
        members[index].1 = new;
    } else {
        set_member(&mut members[index].1, &path[1..], new);
    }
}

/// Makes two requests for the same pool compare equal: scalars at their API default go
/// (leaving a setting out gives the default), and so do structures left empty by that, except
/// for the members `UpdateUserPool` keeps when omitted; schema attributes lose what
/// `CreateUserPool` assumes anyway. Returns the paths of the defaults removed.
pub fn normalise(request: &mut Json) -> Vec<String> {
    let mut removed = Vec::new();
    if let Json::Object(members) = request {
        for (name, value) in members.iter_mut() {
            if name == "Schema" {
                normalise_schema(value);
            } else if !KEPT_WHEN_OMITTED.contains(&name.as_str()) {
                strip_defaults(value, name, &mut removed);
            }
        }
        members.retain(|(name, value)| {
            if !KEPT_WHEN_OMITTED.contains(&name.as_str()) && is_default(name, value) {
                removed.push(name.clone());
                return false;
            }
            // A structure emptied above said nothing but defaults.
            let emptied =
                *value == Json::Object(Vec::new()) && removed.iter().any(|r| r.starts_with(&format!("{name}.")));
            !emptied
        });
    }
    removed
}

fn is_default(path: &str, value: &Json) -> bool {
    let text = match value {
        Json::String(s) | Json::Number(s) => s.clone(),
        Json::Bool(b) => b.to_string(),
        _ => return false,
    };
    crate::rules::defaults::of(path).is_some_and(|d| d.api == text)
}

fn strip_defaults(value: &mut Json, path: &str, removed: &mut Vec<String>) {
    let Json::Object(members) = value else { return };
    if model::by_path(path).is_some_and(|f| f.kind == Kind::Map) {
        return;
    }
    for (name, child) in members.iter_mut() {
        strip_defaults(child, &format!("{path}.{name}"), removed);
    }
    members.retain(|(name, child)| {
        let child_path = format!("{path}.{name}");
        if is_default(&child_path, child) {
            removed.push(child_path);
            return false;
        }
        // A structure emptied here said nothing but defaults.
        !(*child == Json::Object(Vec::new()) && removed.iter().any(|r| r.starts_with(&format!("{child_path}."))))
    });
}

/// Schema attributes without `DeveloperOnlyAttribute: false` and empty constraints.
fn normalise_schema(schema: &mut Json) {
    let Json::Array(items) = schema else { return };
    for item in items {
        if let Json::Object(members) = item {
            members.retain(|(k, v)| {
                !((k == "DeveloperOnlyAttribute" && *v == Json::Bool(false))
                    || (k.ends_with("Constraints") && *v == Json::Object(Vec::new())))
            });
        }
    }
}

/// The model path of a change's setting: `UserPoolTags["a"]` → `UserPoolTags`.
fn model_path(path: &str) -> String {
    path.split('[').next().unwrap_or(path).to_string()
}

/// The attributes of a `Schema` by name.
fn attributes(request: &Json) -> Vec<(String, &Json)> {
    match request.get("Schema") {
        Some(Json::Array(items)) => items
            .iter()
            .map(|item| (item.get("Name").and_then(Json::as_str).unwrap_or_default().to_string(), item))
            .collect(),
        _ => Vec::new(),
    }
}

/// Plans the change from `current` to `desired`.
pub fn plan(current: &Current, desired: &Desired) -> Plan {
    let (old, new) = (&current.pool.request, &desired.pool.request);
    let mut changes = Vec::new();
    let names: Vec<&'static str> = model::top_level().map(|f| f.name).collect();
    for name in names {
        let (a, b) = (old.get(name), new.get(name));
        if a == b {
            continue;
        }
        if name == "Schema" {
            schema_changes(old, new, &mut changes);
        } else {
            diff(name, a, b, &mut changes);
        }
    }
    let mut notes = Vec::new();
    let set_mfa = mfa_change(current, desired, &mut changes, &mut notes);
    for change in &mut changes {
        if desired.explicit_defaults.contains(&change.path) && change.new.is_none() {
            // Asked for: shown as the default value, not as a reset.
            if let Some(default) = crate::rules::defaults::of(&change.path) {
                change.new = Some(default_json(&change.path, default.api));
            }
        }
    }
    let calls = calls(current, desired, &changes, set_mfa);
    if changes.iter().any(|c| c.path.starts_with("DeviceConfiguration") && c.new.is_none()) {
        notes.push(format!("Leaving DeviceConfiguration out turns device remembering off ({DEVICE_RESET})."));
    }
    if changes.iter().any(|c| c.path == "UserPoolTier") {
        notes.push("Changing UserPoolTier can fail with TierChangeNotAllowedException or FeatureUnavailableInTierException when the pool uses features of its current tier.".to_string());
    }
    if changes.iter().any(|c| c.path.starts_with("DeletionProtection") && c.new.is_none()) {
        notes.push("DeletionProtection left out: by the reset rule the update turns deletion protection off (INACTIVE). Set it to ACTIVE to keep it.".to_string());
    }
    Plan { pool_id: current.pool_id.clone(), last_modified: current.last_modified.clone(), changes, calls, notes }
}

/// The JSON of a default value given as text: numbers and booleans unquoted.
fn default_json(path: &str, text: &str) -> Json {
    match model::by_path(path).map(|f| f.kind) {
        Some(Kind::Integer) => Json::Number(text.to_string()),
        Some(Kind::Boolean) => Json::Bool(text == "true"),
        _ => Json::str(text),
    }
}

/// Rows for one top-level member (recursing into structures and maps).
fn diff<'a>(path: &str, old: Option<&'a Json>, new: Option<&'a Json>, out: &mut Vec<Change>) {
    if old == new {
        return;
    }
    let model = model_path(path);
    let kind = model::by_path(&model).map(|f| f.kind);
    let none = Vec::new();
    let members = |value: Option<&'a Json>| match value {
        Some(Json::Object(members)) => Some(members),
        None => Some(&none),
        _ => None,
    };
    match (members(old), members(new), kind) {
        (Some(a), Some(b), Some(Kind::Structure)) => {
            let mut keys: Vec<&str> = a.iter().map(|(k, _)| k.as_str()).collect();
            keys.extend(b.iter().map(|(k, _)| k.as_str()).filter(|k| !a.iter().any(|(ak, _)| ak == k)));
            for key in keys {
                diff(&format!("{path}.{key}"), old.and_then(|o| o.get(key)), new.and_then(|n| n.get(key)), out);
            }
        }
        (Some(a), Some(b), Some(Kind::Map)) => {
            let mut keys: Vec<&str> = a.iter().map(|(k, _)| k.as_str()).collect();
            keys.extend(b.iter().map(|(k, _)| k.as_str()).filter(|k| !a.iter().any(|(ak, _)| ak == k)));
            for key in keys {
                let (x, y) = (old.and_then(|o| o.get(key)), new.and_then(|n| n.get(key)));
                if x != y {
                    out.push(row(&format!("{path}[{}]", crate::json::quote(key)), x, y));
                }
            }
        }
        _ => out.push(row(path, old, new)),
    }
}

/// A row of a setting that is not a schema attribute nor the MFA factors.
fn row(path: &str, old: Option<&Json>, new: Option<&Json>) -> Change {
    let top = path.split(['.', '[']).next().unwrap_or(path);
    let update = model::UPDATE_MEMBERS.contains(&top);
    let (api, cloudformation, terraform, why, sources) = if !update {
        let why = match top {
            "UsernameConfiguration" => "Username case sensitivity is set when the pool is created and never changes.",
            _ => "How users sign in (usernames, email or phone number, aliases) is set when the pool is created and never changes.",
        };
        (
            Api::Impossible,
            Cfn::UpdateFails,
            Tf::Replaces,
            why,
            vec![UPDATE_USER_POOL_DOC, CFN_USER_POOL, CFN_USERNAME_FAILS, TF_USER_POOL],
        )
    } else if top == "MfaConfiguration" && new.and_then(Json::as_str) == Some("ON") {
        (
            Api::SetUserPoolMfaConfig,
            Cfn::Updates,
            Tf::InPlace,
            "UpdateUserPool refuses to turn MFA ON after creation (\"Cannot turn MFA functionality ON, once the user pool has been created\"): SetUserPoolMfaConfig does it.",
            vec![SET_MFA_DOC, MFA_ON_REFUSED, CFN_USER_POOL, TF_USER_POOL],
        )
    } else if top == "PoolName" {
        (
            Api::UpdateUserPool,
            Cfn::Updates,
            Tf::InPlaceFrom6_6,
            "",
            vec![UPDATE_USER_POOL_DOC, CFN_USER_POOL, TF_NAME_IN_PLACE],
        )
    } else {
        let why =
            if new.is_none() { "Left out of the desired state: UpdateUserPool resets it to its default." } else { "" };
        (
            Api::UpdateUserPool,
            Cfn::Updates,
            Tf::InPlace,
            why,
            vec![UPDATE_USER_POOL_DOC, UPDATING_GUIDE, CFN_USER_POOL, TF_USER_POOL],
        )
    };
    Change {
        path: path.to_string(),
        old: old.cloned(),
        new: new.cloned(),
        api,
        cloudformation,
        terraform,
        why: why.to_string(),
        sources,
    }
}

/// Rows for the schema, one per attribute that differs.
fn schema_changes(old: &Json, new: &Json, out: &mut Vec<Change>) {
    let (before, after) = (attributes(old), attributes(new));
    let mut names: Vec<&str> = before.iter().map(|(n, _)| n.as_str()).collect();
    names.extend(after.iter().map(|(n, _)| n.as_str()).filter(|n| !before.iter().any(|(b, _)| b == n)));
    for name in names {
        let a = before.iter().find(|(n, _)| n == name).map(|(_, v)| *v);
        let b = after.iter().find(|(n, _)| n == name).map(|(_, v)| *v);
        // What the desired request leaves out of an attribute is not a change: it cannot unset
        // a setting, and a standard attribute that describe-user-pool reports at its defaults
        // (so not in the current schema) is unchanged when the request states those defaults.
        let base = match a {
            Some(a) => Some(a.clone()),
            None => crate::import::describe::reported_default(name),
        };
        if a == b || b.is_some_and(|b| base.is_some() && within(base.as_ref(), b, true)) {
            continue;
        }
        let path = format!("Schema[{}]", crate::json::quote(name));
        let added_custom = a.is_none() && !is_standard(name);
        let change = if added_custom {
            Change {
                path,
                old: None,
                new: b.cloned(),
                api: Api::AddCustomAttributes,
                cloudformation: Cfn::Updates,
                terraform: Tf::InPlace,
                why: "A new custom attribute: AddCustomAttributes adds it (existing users keep theirs).".to_string(),
                sources: vec![ADD_CUSTOM_ATTRIBUTES_DOC, CFN_USER_POOL, TF_SCHEMA_APPLY],
            }
        } else {
            let why = if a.is_none() {
                "A standard attribute exists in every pool: its settings cannot change after creation."
            } else if b.is_none() {
                "An attribute cannot be removed from a pool."
            } else {
                "An existing attribute's settings cannot change after creation."
            };
            Change {
                path,
                old: a.cloned(),
                new: b.cloned(),
                api: Api::Impossible,
                cloudformation: Cfn::UpdateFails,
                terraform: Tf::ApplyFails,
                why: why.to_string(),
                sources: vec![ADD_CUSTOM_ATTRIBUTES_DOC, CFN_USER_POOL, CFN_SCHEMA_FAILS, TF_SCHEMA_APPLY],
            }
        };
        out.push(change);
    }
}

/// Whether every setting `stated` (an attribute, or a part of one) has its value in `base`;
/// `DeveloperOnlyAttribute: false` matches its absence, and the top level's `Name` is skipped.
fn within(base: Option<&Json>, stated: &Json, top: bool) -> bool {
    match stated {
        Json::Object(members) => members.iter().all(|(key, value)| {
            let there = base.and_then(|b| b.get(key));
            (top && key == "Name")
                || (key == "DeveloperOnlyAttribute" && *value == Json::Bool(false) && there.is_none())
                || within(there, value, false)
        }),
        _ => base == Some(stated),
    }
}

/// The MFA factors row, and whether `SetUserPoolMfaConfig` is needed.
fn mfa_change(current: &Current, desired: &Desired, changes: &mut Vec<Change>, notes: &mut Vec<String>) -> bool {
    let Some(mode) = mfa::mode(&desired.pool.request) else { return false };
    let old_mode = mfa::mode(&current.pool.request);
    let (old, new) = (current.pool.factors, desired.pool.factors);
    let turns_on = mode == "ON" && old_mode != Some("ON");
    let needed =
        if current.factors_known() { old != new || old_mode != Some(mode) } else { turns_on || desired.factors_stated };
    if !needed {
        return false;
    }
    if !new.any() {
        notes.push(format!("MFA is {mode} with no factor: SetUserPoolMfaConfig refuses that (https://github.com/anomalyco/sst/issues/5177). Choose at least one factor."));
    }
    if !current.factors_known() && old_mode.is_some() {
        notes.push("The current MFA factors are unknown: SetUserPoolMfaConfig replaces them all with the desired ones. Give get-user-pool-mfa-config output to see the difference.".to_string());
    }
    let words = |f: MfaFactors| if f.any() { Json::str(f.describe()) } else { Json::str("none") };
    let known_old = current.factors_known() || old_mode.is_none();
    if !known_old || old != new {
        changes.push(Change {
            path: MFA_FACTORS.to_string(),
            old: known_old.then(|| words(old)),
            new: Some(words(new)),
            api: Api::SetUserPoolMfaConfig,
            cloudformation: Cfn::Updates,
            terraform: Tf::InPlace,
            why: "The factors (SMS, authenticator app, email) are set by SetUserPoolMfaConfig, which replaces the whole MFA configuration: every factor that stays on is repeated.".to_string(),
            sources: vec![SET_MFA_DOC, CFN_USER_POOL, TF_USER_POOL],
        });
    }
    true
}

/// The safe update's calls.
fn calls(current: &Current, desired: &Desired, changes: &[Change], set_mfa: bool) -> Calls {
    let id = Json::str(&current.pool_id);
    let mut out = Calls::default();
    if changes.iter().any(|c| c.api == Api::UpdateUserPool) {
        let mut members = vec![("UserPoolId".to_string(), id.clone())];
        for name in model::UPDATE_MEMBERS.iter().skip(1) {
            let Some(value) = desired.pool.request.get(name) else { continue };
            let mut value = value.clone();
            if *name == "MfaConfiguration"
                && value.as_str() == Some("ON")
                && mfa::mode(&current.pool.request) != Some("ON")
            {
                // ON only through SetUserPoolMfaConfig: keep the current mode here.
                match current.pool.request.get("MfaConfiguration") {
                    Some(now) => value = now.clone(),
                    None => continue,
                }
            }
            members.push((name.to_string(), value));
        }
        out.update_user_pool = Some(Json::Object(members));
    }
    let added: Vec<Json> =
        changes.iter().filter(|c| c.api == Api::AddCustomAttributes).filter_map(|c| c.new.clone()).collect();
    for chunk in added.chunks(CUSTOM_ATTRIBUTES_PER_CALL) {
        out.add_custom_attributes.push(Json::Object(vec![
            ("UserPoolId".to_string(), id.clone()),
            ("CustomAttributes".to_string(), Json::Array(chunk.to_vec())),
        ]));
    }
    if set_mfa {
        out.set_user_pool_mfa_config = Some(mfa_request(current, desired));
    }
    out
}

/// The `SetUserPoolMfaConfig` request: the desired mode and every factor that is on (it
/// replaces the whole MFA configuration), keeping the current email text and passkey settings.
fn mfa_request(current: &Current, desired: &Desired) -> Json {
    let request = &desired.pool.request;
    let factors = desired.pool.factors;
    let config = current.mfa_config.as_ref();
    let mut members = vec![("UserPoolId".to_string(), Json::str(&current.pool_id))];
    if let (true, Some(sms)) = (factors.sms, mfa::sms_mfa_configuration(request)) {
        members.push(("SmsMfaConfiguration".to_string(), sms));
    }
    if factors.totp || current.pool.factors.totp {
        // Turned off explicitly: an omitted authenticator-app configuration is not documented
        // to turn it off.
        members.push((
            "SoftwareTokenMfaConfiguration".to_string(),
            Json::Object(vec![("Enabled".to_string(), Json::Bool(factors.totp))]),
        ));
    }
    if factors.email {
        let email = config.and_then(|c| c.get("EmailMfaConfiguration")).cloned().unwrap_or(Json::Object(Vec::new()));
        members.push(("EmailMfaConfiguration".to_string(), email));
    }
    members.push(("MfaConfiguration".to_string(), Json::str(mfa::mode(request).unwrap_or("OFF"))));
    if let Some(webauthn) = config.and_then(|c| c.get("WebAuthnConfiguration")) {
        members.push(("WebAuthnConfiguration".to_string(), webauthn.clone()));
    }
    Json::Object(members)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(text: &str) -> Json {
        crate::json::parse(text).unwrap().0
    }

    fn current(request: &str, mfa_config: Option<&str>) -> Current {
        Current::from_request("us-east-1_Ex".into(), None, json(request), mfa_config.map(json), Vec::new())
    }

    fn planned(old: &str, mfa_config: Option<&str>, new: &str, stated: Option<MfaFactors>) -> Plan {
        let now = current(old, mfa_config);
        let desired = desired_from_request(json(new), stated, &now, false);
        plan(&now, &desired)
    }

    #[test]
    fn same_pool_plans_nothing() {
        let pool = r#"{"PoolName": "p", "MfaConfiguration": "OPTIONAL", "SmsConfiguration": {"SnsCallerArn": "arn:aws:iam::1:role/r"}, "UserPoolTags": {"a": "b"}, "Schema": [{"Name": "tier", "AttributeDataType": "String"}]}"#;
        let plan = planned(
            pool,
            Some(r#"{"MfaConfiguration": "OPTIONAL", "SoftwareTokenMfaConfiguration": {"Enabled": true}}"#),
            pool,
            None,
        );
        assert!(plan.changes.is_empty(), "{:?}", plan.changes);
        assert!(plan.calls.is_empty());
    }

    #[test]
    fn a_partial_desired_state_resets_what_it_leaves_out() {
        let plan = planned(
            r#"{"PoolName": "p", "LambdaConfig": {"PreSignUp": "arn:a"}, "Policies": {"PasswordPolicy": {"MinimumLength": 12}}, "DeletionProtection": "ACTIVE"}"#,
            None,
            r#"{"PoolName": "p", "LambdaConfig": {"PreSignUp": "arn:a", "PostConfirmation": "arn:b"}}"#,
            None,
        );
        let resets: Vec<&str> = plan.resets().iter().map(|c| c.path.as_str()).collect();
        assert_eq!(resets, ["Policies.PasswordPolicy.MinimumLength", "DeletionProtection"]);
        let update = plan.calls.update_user_pool.unwrap();
        assert_eq!(
            update.compact(),
            r#"{"UserPoolId":"us-east-1_Ex","LambdaConfig":{"PreSignUp":"arn:a","PostConfirmation":"arn:b"},"PoolName":"p"}"#
        );
        assert!(plan.notes.iter().any(|n| n.contains("deletion protection off")));
    }

    #[test]
    fn sign_in_and_existing_attributes_are_impossible_and_new_ones_are_added() {
        let plan = planned(
            r#"{"PoolName": "p", "AliasAttributes": ["email"], "Schema": [{"Name": "a", "AttributeDataType": "String"}]}"#,
            None,
            r#"{"PoolName": "p", "UsernameAttributes": ["email"], "Schema": [{"Name": "a", "AttributeDataType": "Number"}, {"Name": "b", "AttributeDataType": "String", "DeveloperOnlyAttribute": false}]}"#,
            None,
        );
        let apis: Vec<(&str, Api, Tf)> = plan.changes.iter().map(|c| (c.path.as_str(), c.api, c.terraform)).collect();
        assert_eq!(
            apis,
            [
                ("AliasAttributes", Api::Impossible, Tf::Replaces),
                ("UsernameAttributes", Api::Impossible, Tf::Replaces),
                ("Schema[\"a\"]", Api::Impossible, Tf::ApplyFails),
                ("Schema[\"b\"]", Api::AddCustomAttributes, Tf::InPlace),
            ]
        );
        assert!(plan.impossible());
        assert_eq!(
            plan.calls.add_custom_attributes[0].compact(),
            r#"{"UserPoolId":"us-east-1_Ex","CustomAttributes":[{"Name":"b","AttributeDataType":"String"}]}"#
        );
        assert!(plan.calls.update_user_pool.is_none());
    }

    #[test]
    fn mfa_on_goes_through_set_user_pool_mfa_config_repeating_every_factor() {
        let plan = planned(
            r#"{"PoolName": "p", "MfaConfiguration": "OPTIONAL", "SmsConfiguration": {"SnsCallerArn": "arn:r"}}"#,
            Some(
                r#"{"MfaConfiguration": "OPTIONAL", "SmsMfaConfiguration": {"SmsConfiguration": {"SnsCallerArn": "arn:r"}}, "EmailMfaConfiguration": {"Message": "{####}", "Subject": "s"}, "WebAuthnConfiguration": {"RelyingPartyId": "example.com", "UserVerification": "preferred"}}"#,
            ),
            r#"{"PoolName": "p", "MfaConfiguration": "ON", "SmsConfiguration": {"SnsCallerArn": "arn:r"}, "DeletionProtection": "ACTIVE"}"#,
            Some(MfaFactors { sms: true, totp: true, email: true }),
        );
        let update = plan.calls.update_user_pool.as_ref().unwrap();
        assert_eq!(update.get("MfaConfiguration"), Some(&Json::str("OPTIONAL")));
        assert_eq!(
            plan.calls.set_user_pool_mfa_config.unwrap().compact(),
            r#"{"UserPoolId":"us-east-1_Ex","SmsMfaConfiguration":{"SmsConfiguration":{"SnsCallerArn":"arn:r"}},"SoftwareTokenMfaConfiguration":{"Enabled":true},"EmailMfaConfiguration":{"Message":"{####}","Subject":"s"},"MfaConfiguration":"ON","WebAuthnConfiguration":{"RelyingPartyId":"example.com","UserVerification":"preferred"}}"#
        );
        let rows: Vec<(&str, Api)> = plan.changes.iter().map(|c| (c.path.as_str(), c.api)).collect();
        assert_eq!(
            rows,
            [
                ("DeletionProtection", Api::UpdateUserPool),
                ("MfaConfiguration", Api::SetUserPoolMfaConfig),
                (MFA_FACTORS, Api::SetUserPoolMfaConfig)
            ]
        );
    }

    #[test]
    fn legacy_unused_account_validity_days_moves_and_defaults_compare_equal() {
        let now = current(
            r#"{"PoolName": "p", "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": false, "UnusedAccountValidityDays": 3}, "MfaConfiguration": "OFF", "DeletionProtection": "INACTIVE"}"#,
            None,
        );
        assert_eq!(
            now.pool.request.compact(),
            r#"{"PoolName":"p","Policies":{"PasswordPolicy":{"TemporaryPasswordValidityDays":3}}}"#
        );
        let desired = desired_from_request(
            json(r#"{"Policies": {"PasswordPolicy": {"TemporaryPasswordValidityDays": 3}}}"#),
            None,
            &now,
            false,
        );
        assert!(plan(&now, &desired).changes.is_empty());
    }

    #[test]
    fn attributes_compare_by_what_the_desired_request_states() {
        let now = r#"{"PoolName": "p", "Schema": [{"Name": "tier", "AttributeDataType": "String", "Mutable": true, "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "32"}}]}"#;
        // The request leaves out what describe-user-pool reports, and states a standard
        // attribute at its defaults: no change.
        let same = r#"{"PoolName": "p", "Schema": [{"Name": "tier", "AttributeDataType": "String"}, {"Name": "email", "AttributeDataType": "String", "Mutable": true, "Required": false, "DeveloperOnlyAttribute": false}]}"#;
        assert!(planned(now, None, same, None).changes.is_empty());
        let changed = r#"{"PoolName": "p", "Schema": [{"Name": "tier", "AttributeDataType": "String", "Mutable": false}, {"Name": "email", "AttributeDataType": "String", "Required": true}]}"#;
        let apis: Vec<(String, Api)> =
            planned(now, None, changed, None).changes.into_iter().map(|c| (c.path, c.api)).collect();
        assert_eq!(
            apis,
            [("Schema[\"tier\"]".to_string(), Api::Impossible), ("Schema[\"email\"]".to_string(), Api::Impossible)]
        );
    }

    #[test]
    fn many_new_attributes_take_several_calls() {
        let attributes: Vec<String> =
            (0..30).map(|i| format!(r#"{{"Name": "a{i}", "AttributeDataType": "String"}}"#)).collect();
        let plan = planned(
            r#"{"PoolName": "p"}"#,
            None,
            &format!(r#"{{"PoolName": "p", "Schema": [{}]}}"#, attributes.join(",")),
            None,
        );
        let sizes: Vec<usize> = plan
            .calls
            .add_custom_attributes
            .iter()
            .map(|c| match c.get("CustomAttributes") {
                Some(Json::Array(a)) => a.len(),
                _ => 0,
            })
            .collect();
        assert_eq!(sizes, [25, 5]);
    }

    #[test]
    fn pasted_describe_and_mfa_outputs_are_split() {
        let describe = r#"{"UserPool": {"Id": "x", "Name": "a}\"{"}}"#;
        let pasted = format!("{describe}\n{{\"MfaConfiguration\": \"OFF\"}}\n");
        assert_eq!(split_current(&pasted), (describe, Some(r#"{"MfaConfiguration": "OFF"}"#)));
        assert_eq!(split_current(describe), (describe, None));
        assert_eq!(split_current("UserPool:\n  Id: x\n"), ("UserPool:\n  Id: x\n", None));
        assert_eq!(split_current("{"), ("{", None));
    }

    #[test]
    fn explicit_defaults_are_not_resets() {
        let plan = planned(
            r#"{"PoolName": "p", "Policies": {"PasswordPolicy": {"MinimumLength": 12}}}"#,
            None,
            r#"{"PoolName": "p", "Policies": {"PasswordPolicy": {"MinimumLength": 8}}}"#,
            None,
        );
        assert!(plan.resets().is_empty(), "{:?}", plan.changes);
        assert_eq!(plan.changes[0].new_text(), "8");
    }
}
