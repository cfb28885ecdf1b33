"""check-cfn-lint: the cloudformation-yaml and cloudformation-json exports of every corpus request,
checked with cfn-lint 1.58.0 and read back into the request they came from.

For each request in $WORK/corpus (exports in $WORK/out/<name>/):

1. cfn-lint (strict types: a quoted number or boolean is an error) reports no error on
   user-pool.yaml or user-pool.template.json. Warnings are printed, informational findings
   counted. A generated (adversarial, often invalid) request may have an error only where
   the request itself is wrong and someone says so: `poolsmith check` reports a problem at the
   same field, or the export's own notes (the YAML's header comments) announce it.
2. Two YAML parsers read the YAML into exactly the JSON template, value for value and type for
   type: PyYAML (YAML 1.1, where yes/no/on/off are booleans and 1:30 a number) and ruamel.yaml
   (YAML 1.2 core schema). Quoting that only one of them needs shows up as a difference.
3. The one resource maps back to the request (the inverse mapping below, written
   independently of the Rust one), with only the documented differences; `EnabledMfas` lists
   the pool's factors (recorder.pool_factors of $WORK/corpus/NAME.mfa) while MFA is ON or
   OPTIONAL, and is absent otherwise.

Prints one line per request and a summary; exits 1 on any failure.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml
from ruamel.yaml import YAML

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import recorder as R  # noqa: E402

WORK = Path(os.environ["WORK"])
VENV = Path(os.environ["VENV"])
POOLSMITH = os.environ["POOLSMITH"]

# CloudFormation's name of each MFA factor (AWS::Cognito::UserPool EnabledMfas:
# https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpool.html#cfn-cognito-userpool-enabledmfas).
ENABLED_MFAS = {"sms": "SMS_MFA", "totp": "SOFTWARE_TOKEN_MFA", "email": "EMAIL_OTP"}
# CloudFormation property -> request parameter, where the names differ.
RENAMED = {"UserPoolName": "PoolName"}
# Request parameters CloudFormation has no property for (cfn-lint 1.58.0 schema).
NOT_IN_CLOUDFORMATION = ["DcrConfiguration", "AcrConfiguration"]
# cfn-lint's E1029 finds `${Name}` outside Fn::Sub; the exports then ask it to skip that rule.
SUB_VARIABLE = re.compile(r"\$\{[A-Za-z0-9_:.]+\}")
LINT_METADATA = {"cfn-lint": {"config": {"ignore_checks": ["E1029"]}}}


class StrictLoader(yaml.SafeLoader):
    """PyYAML's safe loader, failing on a repeated key instead of keeping the last one."""

    def construct_mapping(self, node, deep=False):
        keys = [self.construct_object(key, deep=deep) for key, _ in node.value]
        for key in keys:
            if keys.count(key) > 1:
                raise yaml.constructor.ConstructorError(None, None, f"repeated key {key!r}", node.start_mark)
        return super().construct_mapping(node, deep=deep)


def load_json(path):
    def no_repeats(pairs):
        keys = [key for key, _ in pairs]
        repeated = {key for key in keys if keys.count(key) > 1}
        if repeated:
            raise ValueError(f"repeated keys {sorted(repeated)}")
        return dict(pairs)

    return json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=no_repeats)


def differences(got, want, at="$"):
    """Where two JSON values differ, types included (True is not 1, "1" is not 1)."""
    if type(got) is not type(want):
        return [f"{at}: {type(got).__name__} {got!r} instead of {type(want).__name__} {want!r}"]
    if isinstance(want, dict):
        found = [f"{at}.{key}: not expected" for key in got.keys() - want.keys()]
        found += [f"{at}.{key}: missing" for key in want.keys() - got.keys()]
        for key in want.keys() & got.keys():
            found += differences(got[key], want[key], f"{at}.{key}")
        return found
    if isinstance(want, list):
        if len(got) != len(want):
            return [f"{at}: {len(got)} items instead of {len(want)}"]
        return [d for i, (g, w) in enumerate(zip(got, want)) for d in differences(g, w, f"{at}[{i}]")]
    return [] if got == want else [f"{at}: {got!r} instead of {want!r}"]


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def expected_resource(request, stated):
    """What the resource must say about the request: properties, policies, metadata."""
    expected = {key: value for key, value in request.items() if key not in NOT_IN_CLOUDFORMATION}
    # Documented differences (README, "CloudFormation and CDK"):
    # an empty tag map means no tags, and CDK drops it, so every format does;
    if expected.get("UserPoolTags") == {}:
        del expected["UserPoolTags"]
    # CloudFormation requires the list the API lets out; empty means the same.
    settings = expected.get("UserAttributeUpdateSettings")
    if isinstance(settings, dict) and "AttributesRequireVerificationBeforeUpdate" not in settings:
        expected["UserAttributeUpdateSettings"] = {**settings, "AttributesRequireVerificationBeforeUpdate": []}
    # The pool's factors, while MFA is on (CloudFormation turns them on itself).
    factors = R.pool_factors(request, stated)
    enabled = [ENABLED_MFAS[f] for f in R.FACTORS if f in factors] or None
    retain = request.get("DeletionProtection") == "ACTIVE"
    return expected, enabled, retain


def to_request(properties):
    """The inverse mapping: CloudFormation properties back to request parameters."""
    request = {RENAMED.get(key, key): value for key, value in properties.items() if key != "EnabledMfas"}
    return request, properties.get("EnabledMfas")


def request_path(lint_path):
    """cfn-lint's path of a finding (Resources/UserPool/Properties/...) as a Poolsmith path."""
    if lint_path[:3] != ["Resources", "UserPool", "Properties"] or len(lint_path) < 4:
        return None
    text = RENAMED.get(lint_path[3], lint_path[3])
    for step in lint_path[4:]:
        text += f"[{step}]" if isinstance(step, int) else f".{step}"
    return text


# cfn-lint rules about a value itself (its format, pattern, length, range, allowed words),
# as opposed to the template's structure or types, which must always be right.
VALUE_RULES = {"E1152", "E1153", "E1156", "E1157", "E1158", "E1159", "E1160", "E3030", "E3031", "E3033", "E3034"}


def explained(finding, request_file, notes, check_cache):
    """Why a cfn-lint error on a generated request is the request's fault, or None."""
    path = request_path(finding["Location"]["Path"])
    rule = finding["Rule"]["Id"]
    if path is None:
        return None
    if rule == "E3002" and path.startswith("UserPoolTags.") and "tag key(s) use characters" in notes:
        return "export note on tag keys"
    if rule not in VALUE_RULES:
        return None
    if request_file not in check_cache:
        run = subprocess.run([POOLSMITH, "check", "--json", str(request_file)], capture_output=True, text=True)
        check_cache[request_file] = json.loads(run.stdout or "[]")
    for diagnostic in check_cache[request_file]:
        if diagnostic["path"] == path:
            return f"poolsmith check {diagnostic['rule']}"
    return None


def check(name, findings, check_cache):
    """Problems with the CloudFormation exports of one request; prints warnings."""
    problems, notices = [], []
    request_file = WORK / "corpus" / f"{name}.json"
    request = load_json(request_file)
    stated = R.parse_factors((WORK / "corpus" / f"{name}.mfa").read_text(encoding="utf-8"))
    out = WORK / "out" / name
    yaml_text = (out / "user-pool.yaml").read_text(encoding="utf-8")
    notes = "\n".join(line for line in yaml_text.splitlines() if line.startswith("#"))
    generated = name.startswith("gen-")
    tolerated = {}
    for finding in findings:
        where = f"{Path(finding['Filename']).name}:{finding['Location']['Start']['LineNumber']}"
        text = f"{finding['Rule']['Id']} {where} {finding['Message'][:300]}"
        if finding["Level"] == "Error":
            # Only a generated request may be wrong; the realistic corpus must lint clean.
            reason = explained(finding, request_file, notes, check_cache) if generated else None
            if reason:
                key = f"{finding['Rule']['Id']} ({reason})"
                tolerated[key] = tolerated.get(key, 0) + 1
            else:
                problems.append(f"cfn-lint error {text}")
        elif finding["Level"] == "Warning":
            notices.append(f"warning {text}")
    if tolerated:
        counts = ", ".join(f"{key} ×{count}" for key, count in sorted(tolerated.items()))
        notices.append(f"errors where the generated request itself is wrong: {counts}")

    try:
        template = load_json(out / "user-pool.template.json")
        yaml_1_1 = yaml.load(yaml_text, Loader=StrictLoader)
        # ruamel's safe loader refuses repeated keys itself.
        yaml_1_2 = YAML(typ="safe", pure=True).load(yaml_text)
    except Exception as error:  # noqa: BLE001 - any parser's complaint is this request's failure
        return problems + [f"cannot read the template: {type(error).__name__}: {error}"], notices
    problems += [f"YAML 1.1 (PyYAML) reads differently from JSON: {d}" for d in differences(yaml_1_1, template)]
    problems += [f"YAML 1.2 (ruamel.yaml) reads differently from JSON: {d}" for d in differences(yaml_1_2, template)]

    resources = template.get("Resources", {})
    if list(resources) != ["UserPool"]:
        return problems + [f"resources {list(resources)} instead of one UserPool"], notices
    resource = resources["UserPool"]
    expected, enabled, retain = expected_resource(request, stated)
    got, got_enabled = to_request(resource.get("Properties", {}))
    problems += [f"maps back differently: {d}" for d in differences(got, expected)]
    if got_enabled != enabled:
        problems.append(f"EnabledMfas {got_enabled} instead of {enabled} ({R.describe_mfa(request, stated)})")
    for policy in ("DeletionPolicy", "UpdateReplacePolicy"):
        if resource.get(policy) != ("Retain" if retain else None):
            problems.append(f"{policy} {resource.get(policy)!r} with DeletionProtection {request.get('DeletionProtection')!r}")
    wants_metadata = any(SUB_VARIABLE.search(text) for text in strings(resource.get("Properties", {})))
    if resource.get("Metadata") != (LINT_METADATA if wants_metadata else None):
        problems.append(f"Metadata {resource.get('Metadata')!r}")
    if resource.get("Type") != "AWS::Cognito::UserPool":
        problems.append(f"Type {resource.get('Type')!r}")
    for parameter in NOT_IN_CLOUDFORMATION:
        if parameter in request and f"# Left out: {parameter}" not in notes:
            problems.append(f"{parameter} left out without a note")
    return problems, notices


def main():
    names = sorted(path.stem for path in (WORK / "corpus").glob("*.json"))
    files = [str(WORK / "out" / name / file) for name in names for file in ("user-pool.yaml", "user-pool.template.json")]
    # One cfn-lint process for every file: its start-up dominates the time of a single run.
    lint = subprocess.run(
        [str(VENV / "bin" / "cfn-lint"), "--format", "json", "--configure-rule", "E3012:strict=true",
         "--include-checks", "I", "--", *files],
        capture_output=True, text=True,
    )
    try:
        findings = json.loads(lint.stdout)
    except json.JSONDecodeError:
        print(f"cfn-lint failed to run (exit {lint.returncode}):\n{lint.stdout}\n{lint.stderr}")
        return 1
    by_request, informational = {}, {}
    for finding in findings:
        name = Path(finding["Filename"]).parent.name
        by_request.setdefault(name, []).append(finding)
        if finding["Level"] == "Informational":
            informational[finding["Rule"]["Id"]] = informational.get(finding["Rule"]["Id"], 0) + 1

    passed, failed, check_cache = 0, 0, {}
    for name in names:
        problems, notices = check(name, by_request.get(name, []), check_cache)
        print(f"{'ok  ' if not problems else 'FAIL'} cfn-lint {name} (user-pool.yaml, user-pool.template.json)")
        for line in problems + notices:
            print(f"     {line}")
        passed, failed = passed + (not problems), failed + bool(problems)
    if informational:
        counts = ", ".join(f"{rule} ×{count}" for rule, count in sorted(informational.items()))
        print(f"cfn-lint informational findings (not failures): {counts}")
    print(f"cfn-lint: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
