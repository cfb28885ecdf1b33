//! The update planner (`poolsmith plan`, `poolsmith::plan`): the command line, the
//! describe-user-pool corpus (tests/corpus/describe), and a property test against a model of
//! what the API calls do, written from the API reference rather than from the planner:
//!
//! - `UpdateUserPool` sets every member it is sent and resets every member it is not sent to
//!   its default, except `UserPoolTier` and `DcrConfiguration`, which it keeps ("With the
//!   exception of UserPoolTier, if you don't provide a value for an attribute, Amazon Cognito
//!   sets it to its default value",
//!   <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPool.html>;
//!   DcrConfiguration: "If you omit this parameter, Amazon Cognito keeps the existing
//!   configuration", the AWS model). It rejects members it does not take ("Unknown parameter")
//!   and turning MFA ON ("Cannot turn MFA functionality ON, once the user pool has been
//!   created", <https://github.com/aws-cloudformation/cloudformation-coverage-roadmap/issues/1176>).
//!   The name is kept when omitted here (undocumented; the planner always sends it).
//! - `AddCustomAttributes` appends 1 to 25 new attributes and refuses an existing name
//!   (<https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AddCustomAttributes.html>).
//! - `SetUserPoolMfaConfig` sets the mode and replaces the factors with the ones it is sent; ON
//!   or OPTIONAL needs one (<https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserPoolMfaConfig.html>,
//!   <https://github.com/anomalyco/sst/issues/5177>).

mod common;

use common::poolsmith;
use poolsmith::json::{self, Json};
use poolsmith::mfa::MfaFactors;
use poolsmith::plan::{self, Current, Plan, Pool};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/describe");

fn parse(text: &str) -> Json {
    json::parse(text).unwrap().0
}

/// The corpus: (name, describe-user-pool output, get-user-pool-mfa-config output if any).
fn corpus() -> Vec<(String, String, Option<String>)> {
    let mut found: Vec<_> = std::fs::read_dir(CORPUS)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json") && !p.to_string_lossy().ends_with(".mfa.json"))
        .map(|p| {
            let mfa = p.with_extension("mfa.json");
            (
                p.file_stem().unwrap().to_string_lossy().to_string(),
                std::fs::read_to_string(&p).unwrap(),
                std::fs::read_to_string(mfa).ok(),
            )
        })
        .collect();
    found.sort();
    assert!(found.len() >= 3, "the corpus is missing");
    found
}

// --- the model of the API --------------------------------------------------------------

/// Members that `UpdateUserPool` keeps when it is not sent them (see the module docs).
const KEPT: [&str; 3] = ["UserPoolTier", "DcrConfiguration", "PoolName"];

fn members(value: &Json) -> &[(String, Json)] {
    match value {
        Json::Object(members) => members,
        _ => &[],
    }
}

fn set(request: &mut Json, name: &str, value: Option<Json>) {
    let Json::Object(members) = request else { return };
    members.retain(|(k, _)| k != name);
    if let Some(value) = value {
        members.push((name.to_string(), value));
    }
}

/// The pool after `calls`, or why the API refuses one.
fn apply(pool: &Pool, pool_id: &str, calls: &[(&str, &Json)]) -> Result<Pool, String> {
    let mut state = pool.clone();
    for (operation, input) in calls {
        if input.get("UserPoolId").and_then(Json::as_str) != Some(pool_id) {
            return Err(format!("{operation} without the pool's ID"));
        }
        match *operation {
            "UpdateUserPool" => {
                for (name, _) in members(input) {
                    if !poolsmith::model::UPDATE_MEMBERS.contains(&name.as_str()) {
                        return Err(format!("Unknown parameter in input: \"{name}\""));
                    }
                }
                let on = |r: &Json| r.get("MfaConfiguration").and_then(Json::as_str) == Some("ON");
                if on(input) && !on(&state.request) {
                    return Err("Cannot turn MFA functionality ON, once the user pool has been created.".into());
                }
                for name in poolsmith::model::UPDATE_MEMBERS.iter().skip(1) {
                    match input.get(name) {
                        Some(value) => set(&mut state.request, name, Some(value.clone())),
                        None if KEPT.contains(name) => {}
                        None => set(&mut state.request, name, None),
                    }
                }
                if !matches!(state.request.get("MfaConfiguration").and_then(Json::as_str), Some("ON" | "OPTIONAL")) {
                    state.factors = MfaFactors::NONE;
                }
            }
            "AddCustomAttributes" => {
                let Some(Json::Array(new)) = input.get("CustomAttributes") else {
                    return Err("no CustomAttributes".into());
                };
                if new.is_empty() || new.len() > 25 {
                    return Err(format!("{} custom attributes in one call", new.len()));
                }
                let mut schema = match state.request.get("Schema") {
                    Some(Json::Array(items)) => items.clone(),
                    _ => Vec::new(),
                };
                for attribute in new {
                    if schema.iter().any(|a| a.get("Name") == attribute.get("Name")) {
                        return Err(format!("{} exists", attribute.compact()));
                    }
                    schema.push(attribute.clone());
                }
                set(&mut state.request, "Schema", Some(Json::Array(schema)));
            }
            "SetUserPoolMfaConfig" => {
                let mode = input.get("MfaConfiguration").cloned();
                let factors = MfaFactors {
                    sms: input.get("SmsMfaConfiguration").is_some(),
                    totp: input.get("SoftwareTokenMfaConfiguration").and_then(|t| t.get("Enabled"))
                        == Some(&Json::Bool(true)),
                    email: input.get("EmailMfaConfiguration").is_some(),
                };
                let on = matches!(mode.as_ref().and_then(Json::as_str), Some("ON" | "OPTIONAL"));
                if on && !factors.any() {
                    return Err("can't disable all MFAs with a required or optional configuration".into());
                }
                set(&mut state.request, "MfaConfiguration", mode);
                state.factors = if on { factors } else { MfaFactors::NONE };
            }
            other => return Err(format!("unexpected call {other}")),
        }
    }
    plan::normalise(&mut state.request);
    Ok(state)
}

/// JSON equality with object members in any order (the API does not keep an order).
fn same(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Object(x), Json::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.iter().any(|(k2, v2)| k == k2 && same(v, v2)))
        }
        (Json::Array(x), Json::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(v, w)| same(v, w)),
        _ => a == b,
    }
}

// --- a small deterministic generator -----------------------------------------------------

/// A linear congruential generator (Knuth's MMIX constants): the same pools on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const TEXTS: [&str; 6] = ["plain", "it's \"q\"", "$HOME `id` $(id)", "${x} %{y}", "line\nbreak", "é😀\u{2028}"];
const TRIGGERS: [&str; 5] = ["PreSignUp", "PostConfirmation", "PreAuthentication", "CustomMessage", "UserMigration"];

fn text(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(&TEXTS), rng.below(100))
}

/// One updatable top-level member with a random value.
fn member(rng: &mut Rng, name: &str) -> Option<Json> {
    let value = match name {
        "PoolName" => Json::str(format!("pool-{}", rng.below(1000))),
        "Policies" => parse(&format!(
            r#"{{"PasswordPolicy": {{"MinimumLength": {}, "RequireUppercase": {}, "TemporaryPasswordValidityDays": {}}}}}"#,
            6 + rng.below(15),
            rng.chance(50),
            1 + rng.below(10)
        )),
        "DeletionProtection" => Json::str(rng.pick(&["ACTIVE", "INACTIVE"])),
        "LambdaConfig" => {
            let mut chosen: Vec<(String, Json)> = Vec::new();
            for t in TRIGGERS {
                if rng.chance(50) {
                    let arn = format!("arn:aws:lambda:us-east-1:111122223333:function:{t}-{}", rng.below(9));
                    chosen.push((t.to_string(), Json::str(arn)));
                }
            }
            if chosen.is_empty() {
                return None;
            }
            Json::Object(chosen)
        }
        "AutoVerifiedAttributes" => {
            parse(rng.pick(&[r#"["email"]"#, r#"["phone_number"]"#, r#"["email", "phone_number"]"#]))
        }
        "VerificationMessageTemplate" => Json::Object(vec![("EmailSubject".into(), Json::str(text(rng)))]),
        "SmsAuthenticationMessage" => Json::str(format!("{} {{####}}", text(rng))),
        "DeviceConfiguration" => parse(&format!(r#"{{"ChallengeRequiredOnNewDevice": {}}}"#, rng.chance(50))),
        "SmsConfiguration" => parse(r#"{"SnsCallerArn": "arn:aws:iam::111122223333:role/sms", "ExternalId": "x"}"#),
        "UserPoolTags" => Json::Object(
            (0..1 + rng.below(3)).map(|i| (format!("k{i}-{}", rng.pick(&TEXTS)), Json::str(text(rng)))).collect(),
        ),
        "AdminCreateUserConfig" => parse(&format!(r#"{{"AllowAdminCreateUserOnly": {}}}"#, rng.chance(50))),
        "UserPoolTier" => Json::str(rng.pick(&["ESSENTIALS", "PLUS"])),
        _ => return None,
    };
    Some(value)
}

const UPDATABLE: [&str; 12] = [
    "PoolName",
    "Policies",
    "DeletionProtection",
    "LambdaConfig",
    "AutoVerifiedAttributes",
    "VerificationMessageTemplate",
    "SmsAuthenticationMessage",
    "DeviceConfiguration",
    "SmsConfiguration",
    "UserPoolTags",
    "AdminCreateUserConfig",
    "UserPoolTier",
];

/// Random MFA: a mode, and factors that fit it (SMS only with an SMS configuration).
fn mfa(rng: &mut Rng, request: &mut Json) -> MfaFactors {
    let mode = rng.pick(&["OFF", "OPTIONAL", "ON"]);
    set(request, "MfaConfiguration", Some(Json::str(mode)));
    if mode == "OFF" {
        return MfaFactors::NONE;
    }
    let sms = request.get("SmsConfiguration").is_some() && rng.chance(50);
    let totp = rng.chance(60);
    let email = rng.chance(40) || !(sms || totp);
    MfaFactors { sms, totp, email }
}

fn mfa_config(request: &Json, factors: MfaFactors) -> Json {
    let mut members = Vec::new();
    if factors.sms {
        members.push((
            "SmsMfaConfiguration".to_string(),
            Json::Object(vec![("SmsConfiguration".into(), request.get("SmsConfiguration").cloned().unwrap())]),
        ));
    }
    if factors.totp {
        members.push(("SoftwareTokenMfaConfiguration".to_string(), parse(r#"{"Enabled": true}"#)));
    }
    if factors.email {
        members.push(("EmailMfaConfiguration".to_string(), parse(r#"{"Message": "{####} it's", "Subject": "code"}"#)));
    }
    members
        .push(("MfaConfiguration".to_string(), request.get("MfaConfiguration").cloned().unwrap_or(Json::str("OFF"))));
    Json::Object(members)
}

fn attribute(name: &str, kind: &str) -> Json {
    Json::Object(vec![("Name".into(), Json::str(name)), ("AttributeDataType".into(), Json::str(kind))])
}

/// A random pool: a request of random updatable members, create-only choices, custom
/// attributes, and MFA.
fn pool(rng: &mut Rng) -> (Json, MfaFactors) {
    let mut request = Json::Object(Vec::new());
    for name in UPDATABLE {
        if name == "PoolName" || rng.chance(60) {
            let value = member(rng, name);
            set(&mut request, name, value);
        }
    }
    if rng.chance(30) {
        set(&mut request, "AliasAttributes", Some(parse(r#"["email"]"#)));
    }
    if rng.chance(30) {
        set(&mut request, "UsernameConfiguration", Some(parse(r#"{"CaseSensitive": false}"#)));
    }
    let schema: Vec<Json> = (0..rng.below(3)).map(|i| attribute(&format!("old{i}"), "String")).collect();
    if !schema.is_empty() {
        set(&mut request, "Schema", Some(Json::Array(schema)));
    }
    let factors = mfa(rng, &mut request);
    (request, factors)
}

/// An edit E of `request`: changes, additions and removals of updatable members (never a
/// removal of a member UpdateUserPool keeps), new custom attributes, MFA. Returns P+E and the
/// names of the members E touched.
fn edit(rng: &mut Rng, request: &Json, factors: MfaFactors) -> (Json, MfaFactors, Vec<String>) {
    let mut next = request.clone();
    let mut touched = Vec::new();
    for _ in 0..1 + rng.below(4) {
        let name = rng.pick(&UPDATABLE);
        let value = if KEPT.contains(&name) || rng.chance(70) { member(rng, name) } else { None };
        if value.is_none() && KEPT.contains(&name) {
            continue;
        }
        if name == "SmsConfiguration" && value.is_none() && factors.sms {
            continue; // SMS MFA needs it
        }
        set(&mut next, name, value);
        touched.push(name.to_string());
    }
    if rng.chance(30) {
        let count = if rng.chance(20) { 26 + rng.below(30) } else { 1 + rng.below(3) };
        let mut schema = match next.get("Schema") {
            Some(Json::Array(items)) => items.clone(),
            _ => Vec::new(),
        };
        schema.extend((0..count).map(|i| attribute(&format!("new{i}"), rng.pick(&["String", "Number"]))));
        set(&mut next, "Schema", Some(Json::Array(schema)));
        touched.push("Schema".into());
    }
    let mut factors = factors;
    if rng.chance(40) || (factors.sms && next.get("SmsConfiguration").is_none()) {
        factors = mfa(rng, &mut next);
        touched.push("MfaConfiguration".into());
    }
    (next, factors, touched)
}

fn plan_of(current: &Current, desired: &Json, factors: MfaFactors) -> (Plan, Pool) {
    let stated = Some(factors);
    let wanted = plan::desired_from_request(desired.clone(), stated, current, false);
    (plan::plan(current, &wanted), wanted.pool)
}

#[test]
fn applying_the_plan_gives_the_desired_pool_and_changes_nothing_else() {
    let mut rng = Rng(16);
    let mut checked = 0;
    for case in 0..400 {
        let (request, factors) = pool(&mut rng);
        let config = mfa_config(&request, factors);
        let current = Current::from_request("us-east-1_Prop".into(), None, request.clone(), Some(config), Vec::new());
        // plan(P, P) is empty.
        let (same_plan, _) = plan_of(&current, &request, factors);
        assert!(
            same_plan.changes.is_empty() && same_plan.calls.is_empty(),
            "case {case}: {:?}\n{}",
            same_plan.changes,
            request.compact()
        );

        let (desired, new_factors, touched) = edit(&mut rng, &request, factors);
        let (planned, _) = plan_of(&current, &desired, new_factors);
        assert!(!planned.impossible(), "case {case}: {:?}", planned.changes);
        let after = apply(&current.pool, "us-east-1_Prop", &planned.calls.in_order())
            .unwrap_or_else(|why| panic!("case {case}: the API refuses the plan: {why}\n{:#?}", planned.calls));
        let mut expected = desired.clone();
        plan::normalise(&mut expected);
        let expected_factors =
            if matches!(expected.get("MfaConfiguration").and_then(Json::as_str), Some("ON" | "OPTIONAL")) {
                new_factors
            } else {
                MfaFactors::NONE
            };
        assert!(
            same(&after.request, &expected),
            "case {case}:\n got {}\nwant {}\ncalls {:#?}",
            after.request.compact(),
            expected.compact(),
            planned.calls
        );
        assert_eq!(after.factors, expected_factors, "case {case}");
        // Nothing outside E changed.
        for (name, value) in members(&current.pool.request) {
            if !touched.contains(name) {
                assert!(after.request.get(name).is_some_and(|v| same(v, value)), "case {case}: {name} changed");
            }
        }
        checked += 1;
    }
    assert_eq!(checked, 400);
}

#[test]
fn sign_in_changes_are_impossible_whatever_else_changes() {
    let mut rng = Rng(7);
    for _ in 0..50 {
        let (request, factors) = pool(&mut rng);
        let current = Current::from_request(
            "us-east-1_Prop".into(),
            None,
            request.clone(),
            Some(mfa_config(&request, factors)),
            Vec::new(),
        );
        let mut desired = request.clone();
        let aliases = if request.get("AliasAttributes").is_some() { None } else { Some(parse(r#"["phone_number"]"#)) };
        set(&mut desired, "AliasAttributes", aliases);
        let (planned, _) = plan_of(&current, &desired, factors);
        assert!(planned.impossible());
        assert!(planned.calls.is_empty(), "{:?}", planned.calls);
    }
}

// --- the corpus ---------------------------------------------------------------------------

#[test]
fn every_described_pool_plans_nothing_against_itself_and_edits_make_valid_calls() {
    for (name, describe, mfa_config) in corpus() {
        let current = plan::read_current(&describe, mfa_config.as_deref()).unwrap_or_else(|p| panic!("{name}: {p:?}"));
        let clone = poolsmith::import::describe::import(&describe).unwrap().form;
        let request = poolsmith::request::to_json(&clone);
        let stated = mfa_config.as_ref().map(|_| current.pool.factors);
        let desired = plan::desired_from_request(request.clone(), stated, &current, false);
        let same_plan = plan::plan(&current, &desired);
        assert!(same_plan.changes.is_empty(), "{name}: {:?}", same_plan.changes);

        let mut edited = request.clone();
        set(&mut edited, "DeletionProtection", Some(Json::str("ACTIVE")));
        let tags = Json::Object(vec![("added".into(), Json::str("it's $x"))]);
        let mut all_tags = edited.get("UserPoolTags").cloned().unwrap_or(Json::Object(Vec::new()));
        if let (Json::Object(a), Json::Object(b)) = (&mut all_tags, tags) {
            a.extend(b);
        }
        set(&mut edited, "UserPoolTags", Some(all_tags));
        let desired = plan::desired_from_request(edited, stated, &current, false);
        let planned = plan::plan(&current, &desired);
        assert!(planned.resets().is_empty(), "{name}: {:?}", planned.resets());
        let update = planned.calls.update_user_pool.as_ref().unwrap_or_else(|| panic!("{name}: no update"));
        let id = describe_id(&describe);
        assert_eq!(update.get("UserPoolId").and_then(Json::as_str), Some(id.as_str()), "{name}");
        for (member, _) in members(update) {
            assert!(
                poolsmith::model::UPDATE_MEMBERS.contains(&member.as_str()),
                "{name}: UpdateUserPool gets {member}"
            );
        }
        assert!(!update.compact().contains("UnusedAccountValidityDays"), "{name}");
        // Every setting the pool had is repeated (or kept by the API): the update loses nothing.
        let after = apply(&current.pool, &id, &planned.calls.in_order()).unwrap_or_else(|why| panic!("{name}: {why}"));
        for (member, value) in members(&current.pool.request) {
            if member != "UserPoolTags" && member != "DeletionProtection" {
                assert!(after.request.get(member).is_some_and(|v| same(v, value)), "{name}: {member} lost");
            }
        }
    }
}

fn describe_id(describe: &str) -> String {
    poolsmith::import::describe::identity(describe).0.unwrap()
}

#[test]
fn the_legacy_validity_moves_into_the_password_policy() {
    let (_, describe, _) = corpus().into_iter().find(|(n, ..)| n == "aliases-legacy-validity").unwrap();
    let current = plan::read_current(&describe, None).unwrap();
    assert_eq!(
        current
            .pool
            .request
            .get("Policies")
            .and_then(|p| p.get("PasswordPolicy"))
            .and_then(|p| p.get("TemporaryPasswordValidityDays")),
        Some(&Json::Number("14".into()))
    );
    assert_eq!(current.last_modified, Some(Json::Number("1547763720.822".into())));
}

// --- the command line ----------------------------------------------------------------------

fn corpus_file(name: &str) -> String {
    format!("{CORPUS}/{name}")
}

fn write_temp(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("poolsmith-plan-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().to_string()
}

#[test]
fn cli_prints_the_table_and_exits_1_for_impossible_changes() {
    let current = corpus_file("case-insensitive-triggers-devices.json");
    let mfa = corpus_file("case-insensitive-triggers-devices.mfa.json");
    let (_, request, _) = poolsmith(&["import", "--from", "describe-user-pool", &current], "");
    let desired = write_temp("same.json", &request);
    let (status, out, err) =
        poolsmith(&["plan", "--current", &current, "--mfa-config", &mfa, "--desired", &desired], "");
    assert_eq!(status, 0, "{out}{err}");
    assert!(out.contains("no changes"), "{out}");

    let mut edited = parse(&request);
    set(&mut edited, "UsernameAttributes", None);
    set(&mut edited, "AliasAttributes", Some(parse(r#"["email"]"#)));
    set(&mut edited, "LambdaConfig", None);
    let desired = write_temp("edited.json", &edited.pretty());
    let (status, out, _) = poolsmith(&["plan", "--current", &current, "--mfa-config", &mfa, "--desired", &desired], "");
    assert_eq!(status, 1, "{out}");
    assert!(out.contains("UsernameAttributes: [\"email\"] → (not set)\n  API: impossible: needs a new pool"), "{out}");
    assert!(out.contains("Terraform (AWS provider 6.x): forces replacement"), "{out}");
    assert!(out.contains("Reset report"), "{out}");
    let (status, out, _) =
        poolsmith(&["plan", "--json", "--current", &current, "--mfa-config", &mfa, "--desired", &desired], "");
    assert_eq!(status, 1);
    let table = parse(&out);
    assert_eq!(table.get("impossible"), Some(&Json::Bool(true)));
    let Some(Json::Array(resets)) = table.get("resets") else { panic!("{out}") };
    assert!(resets.contains(&Json::str("LambdaConfig.PreSignUp")), "{out}");

    // --format: no script until the resets are confirmed.
    let (status, out, err) =
        poolsmith(&["plan", "--current", &current, "--desired", &desired, "--format", "cli-bash"], "");
    assert_eq!((status, out.as_str()), (1, ""), "{err}");
    assert!(err.contains("--accept-resets"), "{err}");
    let (status, out, err) = poolsmith(
        &["plan", "--current", &current, "--desired", &desired, "--format", "boto3", "--accept-resets", "all"],
        "",
    );
    assert_eq!(status, 1, "impossible changes still fail: {err}");
    assert!(out.contains("client.update_user_pool(**UPDATE_USER_POOL)"), "{out}");
    assert!(err.contains("impossible in place: UsernameAttributes"), "{err}");
    let (status, out, _) = poolsmith(
        &[
            "plan",
            "--current",
            &current,
            "--desired",
            &desired,
            "--format",
            "cli-bash",
            "--keep-unset",
            "--if-unchanged",
        ],
        "",
    );
    assert_eq!(status, 1);
    assert!(out.contains("--query UserPool.LastModifiedDate --output json"), "{out}");
    // --keep-unset keeps the triggers (and the username attributes): only the impossible
    // alias change is left, so nothing is sent.
    assert!(!out.contains("update-user-pool --cli-input-json"), "{out}");
}

#[test]
fn cli_bad_usage_and_bad_input_exit_2_naming_the_problem() {
    let current = corpus_file("ses-sms-tags-plus.json");
    for (args, stdin, says) in [
        (vec!["plan"], "", "plan needs --current"),
        (
            vec!["plan", "--current", current.as_str(), "--desired", "-", "--format", "terraform"],
            "{}",
            "a plan is written as",
        ),
        (
            vec!["plan", "--current", current.as_str(), "--desired", "-", "--json", "--format", "boto3"],
            "{}",
            "not both",
        ),
        (vec!["plan", "--current", current.as_str(), "--desired", "-"], "{\"PoolNmae\": 1}", "did you mean PoolName"),
        (vec!["plan", "--current", current.as_str(), "--desired", "-"], "{", "desired request"),
        (
            vec!["plan", "--current", "-", "--desired", current.as_str()],
            "{\"UserPool\": {\"Name\": \"x\"}}",
            "UserPool.Id",
        ),
        (
            vec!["plan", "--current", current.as_str(), "--mfa-config", "-", "--desired", current.as_str()],
            "{\"Mfa\": 1}",
            "has no member Mfa",
        ),
        (vec!["plan", "--current", "/no/such/file", "--desired", "-"], "{}", "cannot read"),
    ] {
        let (status, _, err) = poolsmith(&args, stdin);
        assert_eq!(status, 2, "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
}

#[test]
fn mangled_inputs_never_panic() {
    let mut rng = Rng(99);
    let (_, describe, mfa) = corpus().into_iter().find(|(n, ..)| n == "case-insensitive-triggers-devices").unwrap();
    let mfa = mfa.unwrap();
    let good = plan::read_current(&describe, Some(&mfa)).unwrap();
    let replacements = ["", "null", "[]", "{}", "\"", "1e999", "-", "\"ON\"", "{\"UserPool\": 5}", "\u{0}"];
    for round in 0..600 {
        let (base, cut) = match round % 3 {
            0 => (describe.as_str(), rng.below(describe.len())),
            1 => (mfa.as_str(), rng.below(mfa.len())),
            _ => (describe.as_str(), rng.below(describe.len())),
        };
        let cut = (0..=cut).rev().find(|&i| base.is_char_boundary(i)).unwrap_or(0);
        let end =
            (cut..=base.len()).find(|&i| base.is_char_boundary(i) && i >= cut + rng.below(8)).unwrap_or(base.len());
        let mangled = format!("{}{}{}", &base[..cut], rng.pick(&replacements), &base[end..]);
        let current = match round % 3 {
            1 => plan::read_current(&describe, Some(&mangled)),
            _ => plan::read_current(&mangled, Some(&mfa)),
        };
        if let Ok(current) = &current {
            let planned =
                plan::plan(current, &plan::desired_from_request(good.pool.request.clone(), None, current, false));
            for format in plan::script::FORMATS {
                let _ = plan::script::render(format, &planned, plan::script::ScriptOptions { if_unchanged: true });
            }
        }
        // A mangled desired request against the good pool.
        if let Ok(desired) = plan::read_desired(&mangled, None, &good, round % 2 == 0) {
            let _ = plan::table::text(&plan::plan(&good, &desired));
        }
    }
}

#[test]
fn a_template_can_be_the_current_or_the_desired_pool() {
    // The pool a CloudFormation template deploys, against the same template edited: the table
    // says what each target does; expressions kept on both sides are no change.
    let current = "Parameters:\n  Stage: {Type: String, Default: dev}\nResources:\n  Pool:\n    Type: AWS::Cognito::UserPool\n    Properties:\n      UserPoolName: !Sub \"${AWS::StackName}-users\"\n      UsernameAttributes: [email]\n      UserPoolTags: {stage: !Ref Stage}\n      Policies:\n        PasswordPolicy: {MinimumLength: 10}\n";
    let desired = current.replace("MinimumLength: 10", "MinimumLength: 12").replace("[email]", "[phone_number]");
    let dir = std::env::temp_dir().join(format!("poolsmith-plan-template-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (now, wanted) = (dir.join("current.yaml"), dir.join("desired.yaml"));
    std::fs::write(&now, current).unwrap();
    std::fs::write(&wanted, &desired).unwrap();
    let args = ["plan", "--current", now.to_str().unwrap(), "--desired", wanted.to_str().unwrap(), "--json"];
    let (status, out, err) = poolsmith(&args, "");
    assert_eq!(status, 1, "{err}"); // the sign-in attribute cannot change in place
    let table = parse(&out);
    let paths: Vec<&str> = match table.get("changes") {
        Some(Json::Array(changes)) => changes.iter().filter_map(|c| c.get("path").and_then(Json::as_str)).collect(),
        _ => Vec::new(),
    };
    assert_eq!(paths, ["Policies.PasswordPolicy.MinimumLength", "UsernameAttributes"], "{out}");
    assert!(err.contains("the scripts write <the pool's ID> (give it with --pool-id)"), "{err}");
    // The same template on both sides: nothing to do.
    let same = ["plan", "--current", now.to_str().unwrap(), "--desired", now.to_str().unwrap()];
    let (status, out, _) = poolsmith(&same, "");
    assert_eq!(status, 0);
    assert!(out.contains("no changes"), "{out}");
    std::fs::remove_dir_all(&dir).ok();
}
