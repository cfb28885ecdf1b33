"""check-cfn-expressions: the CloudFormation exports of the pools of real templates (the
tests/corpus/iac fixtures whose manifest kind is cloudformation, sam or serverless and that
import), whose values are expressions, checked with cfn-lint 1.58.0 and cfn-lint's own parser.

For every pool of every such fixture (`poolsmith export --format cloudformation-yaml|json
[--resource ID] FILE`):

1. Notes: the names the export refers to but does not define (Ref, Fn::GetAtt, Fn::Sub
   variables, conditions) are exactly those its note "The pool refers to X in the template it
   came from" lists, in the YAML header comment and on standard error for the JSON.
2. Completed honestly: the export of one pool cannot define the other resources it refers to.
   Here only (never in the export), each name the note lists gets a minimal stub chosen by how
   the pool uses it: Fn::GetAtt NAME.Arn in LambdaConfig -> AWS::Lambda::Function (Code,
   Handler, Runtime, Role); Fn::GetAtt NAME.Arn in SmsConfiguration.SnsCallerArn ->
   AWS::IAM::Role; a plain Ref -> a String parameter (CommaDelimitedList for a list property,
   Number for an integer one). Anything else fails with the name and use. The stubs are
   inserted into the YAML text after `Resources:`/`Parameters:`; the export's own lines stay
   as written. No cfn-lint rule is switched off; the one exception is a warning about a
   resource attribute the original template itself has (W3011 DeletionPolicy without
   UpdateReplacePolicy, W3005 a DependsOn a GetAtt already implies): the export keeps the
   user's attributes as written, so it is listed as "as in the original template".
3. Serverless variables: the export of a serverless.yml keeps `${self:…}`, `${opt:…}`, … as
   written, which only the Serverless Framework resolves. The checker substitutes each string
   holding one with sample literal values before cfn-lint runs (a whole-value variable gets a
   sample of the property's type: an object for LambdaConfig, a list for a list property, a map
   for UserPoolTags; a variable inside text becomes `sample`; ARNs and email addresses get
   well-formed samples), i.e. it checks the template the framework would deploy for some values
   of its variables. The replaced strings are listed in the output.
4. cfn-lint (strict types) reports no error on the completed YAML and JSON; warnings fail too
   (these templates are small and real).
5. Round trip, judged by cfn-lint's parser (cfnlint.decode): the YAML export as written
   (without stubs or substitutions) reads as the JSON export, and its pool resource's Properties
   equal the original file's pool Properties, up to an empty UserPoolTags (dropped by every
   format) and, for serverless files only, MfaConfiguration: unquoted OFF/ON is a boolean to
   cfn-lint's YAML 1.1 reader but the text "OFF"/"ON" to the Serverless Framework's js-yaml
   (YAML 1.2), which is what the export writes.

Prints one line per pool and a summary; exits 1 on any failure.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import cfnlint.decode

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "corpus" / "iac"
VENV = Path(os.environ["VENV"])
POOLSMITH = os.environ["POOLSMITH"]
KINDS = {"cloudformation", "sam", "serverless"}
POOL_TYPE = "AWS::Cognito::UserPool"
REFERS = re.compile(r"The pool refers to (.+?) in the template it came from")
PSEUDO = {
    "AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition", "AWS::Region",
    "AWS::StackId", "AWS::StackName", "AWS::URLSuffix",
}
# Properties whose value is a list (a whole-value variable becomes a list of this sample).
LIST_PROPERTIES = {
    "AliasAttributes": ["email"], "AutoVerifiedAttributes": ["email"], "UsernameAttributes": ["email"],
    "EnabledMfas": ["SOFTWARE_TOKEN_MFA"], "Schema": [{"Name": "email", "Required": True}],
}
SAMPLE_LAMBDA = "arn:aws:lambda:eu-west-1:123456789012:function:sample"
WHOLE_SAMPLES = {
    "LambdaConfig": {"PreSignUp": SAMPLE_LAMBDA},
    "UserPoolTags": {"sample": "sample"},
    **LIST_PROPERTIES,
}
# Messages whose text must hold Cognito's placeholders (a whole-value variable gets this sample).
MESSAGES = {
    "SmsAuthenticationMessage": "Your code is {####}", "SmsVerificationMessage": "Your code is {####}",
    "EmailVerificationMessage": "Your code is {####}", "SMSMessage": "Your username is {username} and code {####}",
    "EmailMessage": "Your username is {username} and code {####}",
}
# The serverless-pseudo-parameters plugin turns a string holding #{AWS::Region} into Fn::Sub.
PSEUDO_PARAMETER = re.compile(r"#\{(AWS::[A-Za-z]+)\}")
INTEGER_PROPERTIES = {"MinimumLength", "TemporaryPasswordValidityDays", "PasswordHistorySize", "UnusedAccountValidityDays"}
SERVERLESS_VARIABLE = re.compile(r"\$\{[^${}]*\}")


def plain(value):
    """cfn-lint's node classes as plain JSON values (dates as text)."""
    return json.loads(json.dumps(value, default=str))


def differences(got, want, at="$"):
    """Where two JSON values differ, types included."""
    if type(got) is not type(want):
        return [f"{at}: {type(got).__name__} {got!r} instead of {type(want).__name__} {want!r}"]
    if isinstance(want, dict):
        found = [f"{at}.{key}: not expected" for key in got.keys() - want.keys()]
        found += [f"{at}.{key}: missing" for key in want.keys() - got.keys()]
        for key in sorted(want.keys() & got.keys()):
            found += differences(got[key], want[key], f"{at}.{key}")
        return found
    if isinstance(want, list):
        if len(got) != len(want):
            return [f"{at}: {len(got)} items instead of {len(want)}"]
        return [d for i, (g, w) in enumerate(zip(got, want)) for d in differences(g, w, f"{at}[{i}]")]
    return [] if got == want else [f"{at}: {got!r} instead of {want!r}"]


def quoted_booleans(want, got, at="$"):
    """Replaces, in `want`, each quoted 'true'/'false' (any case) where `got` has that boolean;
    returns where."""
    found = []
    if isinstance(want, dict) and isinstance(got, dict):
        for key in want.keys() & got.keys():
            if isinstance(want[key], str) and isinstance(got[key], bool) and want[key].lower() == str(got[key]).lower():
                want[key] = got[key]
                found.append(f"{at}.{key}")
            else:
                found += quoted_booleans(want[key], got[key], f"{at}.{key}")
    elif isinstance(want, list) and isinstance(got, list) and len(want) == len(got):
        for i, (w, g) in enumerate(zip(want, got)):
            if isinstance(w, str) and isinstance(g, bool) and w.lower() == str(g).lower():
                want[i] = g
                found.append(f"{at}[{i}]")
            else:
                found += quoted_booleans(w, g, f"{at}[{i}]")
    return found


def manifest():
    for line in (FIXTURES / "manifest.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        fixture, kind, _constructs, expected, _sources = line.split("\t")
        yield fixture, kind, expected


def pools(value):
    """(logical ID, resource) of every AWS::Cognito::UserPool anywhere in a parsed file."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict) and item.get("Type") == POOL_TYPE:
                yield str(key), item
            else:
                yield from pools(item)
    elif isinstance(value, list):
        for item in value:
            yield from pools(item)


def uses(value, path=()):
    """(kind, name, attribute, path) of every reference in a value: Ref, Fn::GetAtt, Fn::Sub
    variables, Fn::If conditions."""
    if isinstance(value, dict):
        if len(value) == 1:
            (key, arg), = value.items()
            if key == "Ref" and isinstance(arg, str):
                yield "Ref", arg, None, path
                return
            if key == "Fn::GetAtt":
                name, attribute = (arg.split(".", 1) if isinstance(arg, str) else arg)
                yield "GetAtt", name, attribute, path
                return
            if key == "Fn::Sub":
                text, variables = (arg, {}) if isinstance(arg, str) else (arg[0], arg[1])
                for variable in re.findall(r"\$\{([^!}][^}]*)\}", text):
                    if variable in variables:
                        continue
                    name, _, attribute = variable.partition(".")
                    yield ("GetAtt" if attribute else "Ref"), name, attribute or None, path
                for item in variables.values():
                    yield from uses(item, path)
                return
            if key == "Fn::If":
                yield "Condition", arg[0], None, path
                for item in arg[1:]:
                    yield from uses(item, path)
                return
            if key.startswith("Fn::"):
                yield from uses(arg, path)
                return
        for key, item in value.items():
            yield from uses(item, path + (key,))
    elif isinstance(value, list):
        for item in value:
            yield from uses(item, path)


def undefined(template, resource_id):
    """Names the pool resource refers to that the template does not define, with their uses."""
    resource = template["Resources"][resource_id]
    found = {}
    for kind, name, attribute, path in uses(resource.get("Properties", {})):
        if kind == "Condition":
            defined = name in template.get("Conditions", {})
        else:
            defined = name in PSEUDO or name in template.get("Resources", {}) or (
                kind == "Ref" and name in template.get("Parameters", {}))
        if not defined:
            found.setdefault(name, []).append((kind, attribute, path))
    if resource.get("Condition") and resource["Condition"] not in template.get("Conditions", {}):
        found.setdefault(resource["Condition"], []).append(("Condition", None, ()))
    return found


def stub(name, used):
    """('Resources' | 'Parameters', definition) completing a reference, or an error text."""
    kinds = {kind for kind, _, _ in used}
    attributes = {attribute for _, attribute, _ in used if attribute}
    places = {path[0] for _, _, path in used if path}
    if kinds == {"GetAtt"} and attributes == {"Arn"} and places == {"LambdaConfig"}:
        return "Resources", {
            "Type": "AWS::Lambda::Function",
            "Properties": {
                "Handler": "index.handler", "Runtime": "nodejs24.x",
                "Role": "arn:aws:iam::123456789012:role/stub-lambda-role",
                "Code": {"ZipFile": "exports.handler = async (event) => event;"},
            },
        }
    if kinds == {"GetAtt"} and attributes == {"Arn"} and places == {"SmsConfiguration"}:
        return "Resources", {
            "Type": "AWS::IAM::Role",
            "Properties": {
                "AssumeRolePolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [{"Effect": "Allow", "Principal": {"Service": "cognito-idp.amazonaws.com"}, "Action": "sts:AssumeRole"}],
                },
            },
        }
    if kinds == {"Ref"}:
        leaves = {path[-1] for _, _, path in used if path}
        if leaves and leaves <= set(LIST_PROPERTIES):
            return "Parameters", {"Type": "CommaDelimitedList"}
        if leaves and leaves <= INTEGER_PROPERTIES:
            return "Parameters", {"Type": "Number"}
        return "Parameters", {"Type": "String"}
    return None, f"cannot complete {name}: used as {sorted(used, key=str)}"


def sample_for(text, path):
    """The literal a string holding serverless variables stands for, by where it is."""
    if PSEUDO_PARAMETER.search(text) and not SERVERLESS_VARIABLE.search(text):
        return {"Fn::Sub": PSEUDO_PARAMETER.sub(r"${\1}", text)}
    leaf = path[-1] if path else ""
    if SERVERLESS_VARIABLE.fullmatch(text) and leaf in WHOLE_SAMPLES:
        return WHOLE_SAMPLES[leaf]
    if leaf.endswith("Arn") or (path and path[0] == "LambdaConfig"):
        if leaf == "SourceArn":
            return "arn:aws:ses:eu-west-1:123456789012:identity/example.com"
        if leaf == "SnsCallerArn":
            return "arn:aws:iam::123456789012:role/sample"
        return SAMPLE_LAMBDA
    if leaf in ("From", "ReplyToEmailAddress"):
        return "no-reply@example.com"
    if leaf in MESSAGES and SERVERLESS_VARIABLE.fullmatch(text):
        return MESSAGES[leaf]
    while SERVERLESS_VARIABLE.search(text):
        text = SERVERLESS_VARIABLE.sub("sample", text)
    return text


def variable_strings(value, path=()):
    """(text, path) of every string holding a serverless variable (not inside Fn::Sub)."""
    if isinstance(value, str):
        if SERVERLESS_VARIABLE.search(value) or PSEUDO_PARAMETER.search(value):
            yield value, path
    elif isinstance(value, dict):
        for key, item in value.items():
            if key != "Fn::Sub":
                yield from variable_strings(item, path + (key,))
    elif isinstance(value, list):
        for item in value:
            yield from variable_strings(item, path)


def insert_after(text, header, lines):
    """The YAML text with `lines` inserted after the top-level `header:` line."""
    marker = f"\n{header}:\n"
    if marker not in text:
        return None
    return text.replace(marker, marker + "".join(lines), 1)


def yaml_entry(name, definition):
    return f"  {json.dumps(name)}: {json.dumps(definition)}\n"


# (pool, fixture) -> cfn-lint warnings about resource attributes copied from the original.
INHERITED = {}


def prepare(fixture, kind, resource_id, several, workdir):
    """Exports one pool, completes it; returns (files to lint, facts, problems)."""
    problems, facts = [], []
    source = FIXTURES / fixture
    args = ["--resource", resource_id] if several else []
    exports = {}
    for fmt in ("cloudformation-yaml", "cloudformation-json"):
        run = subprocess.run([POOLSMITH, "export", "--format", fmt, *args, str(source)], capture_output=True, text=True)
        if run.returncode != 0:
            return [], facts, [f"poolsmith export --format {fmt} exited {run.returncode}: {run.stderr.strip()[:500]}"]
        exports[fmt] = (run.stdout, run.stderr)
    yaml_text, _ = exports["cloudformation-yaml"]
    json_text, json_notes = exports["cloudformation-json"]
    template = json.loads(json_text)
    exported_yaml, matches = cfnlint.decode.decode_str(yaml_text)
    if matches:
        return [], facts, [f"cfn-lint cannot read the YAML export: {[m.message for m in matches]}"]
    exported_yaml = plain(exported_yaml)
    problems += [f"YAML export reads differently from the JSON export: {d}" for d in differences(exported_yaml, template)]

    if list(template.get("Resources", {})) != [resource_id]:
        problems.append(f"resources {list(template.get('Resources', {}))} instead of the pool {resource_id}")
        return [], facts, problems

    # 5. Round trip against the original file, both read by cfn-lint's parser.
    original, matches = cfnlint.decode.decode(str(source))
    if matches or original is None:
        return [], facts, problems + [f"cfn-lint cannot read the fixture: {[m.message for m in matches]}"]
    found = [resource for rid, resource in pools(original) if rid == resource_id]
    want = plain(found[0].get("Properties", {}))
    if want.get("UserPoolTags") == {}:
        del want["UserPoolTags"]
    got = exported_yaml["Resources"][resource_id].get("Properties", {})
    # The resource's own attributes come back as written; the export may add the Retain
    # policies that DeletionProtection ACTIVE implies, nothing else.
    attributes = ("DeletionPolicy", "UpdateReplacePolicy", "Condition", "DependsOn", "Metadata", "UpdatePolicy")
    exported = exported_yaml["Resources"][resource_id]
    for a in attributes:
        if a in found[0] and plain(found[0][a]) != exported.get(a):
            problems.append(f"round trip: the resource attribute {a} {json.dumps(plain(found[0][a]))} is "
                            f"{json.dumps(exported.get(a))} in the export")
        elif a not in found[0] and a in exported:
            if a in ("DeletionPolicy", "UpdateReplacePolicy") and exported[a] == "Retain":
                facts.append(f"{a}: Retain added (DeletionProtection is ACTIVE)")
            else:
                problems.append(f"round trip: the export adds the resource attribute {a} {json.dumps(exported[a])}")
    # cfn-lint's advice on attributes the original template itself has (only DeletionPolicy,
    # a DependsOn that a GetAtt already implies) is the user's, kept as written.
    INHERITED[resource_id, fixture] = {"W3011", "W3005"} if any(a in found[0] for a in attributes) else set()
    if kind == "serverless" and isinstance(want.get("MfaConfiguration"), bool) and got.get("MfaConfiguration") in ("OFF", "ON"):
        facts.append(f"MfaConfiguration unquoted in the serverless file (YAML 1.1 boolean, js-yaml text {got['MfaConfiguration']!r})")
        want["MfaConfiguration"] = got["MfaConfiguration"]
    quoted = quoted_booleans(want, got)
    if quoted:
        facts.append(f"quoted booleans in the file written as booleans (CloudFormation reads both alike; strict cfn-lint wants booleans): {', '.join(quoted)}")
    problems += [f"round trip: export's Properties differ from the file's: {d}" for d in differences(got, want)]

    # 1. The note names exactly what the export leaves undefined.
    missing = undefined(template, resource_id)
    for label, notes in (("YAML header", "\n".join(l for l in yaml_text.splitlines() if l.startswith("#"))), ("JSON notes", json_notes)):
        listed = set()
        for match in REFERS.finditer(notes):
            listed |= {name.strip() for name in match.group(1).split(",")}
        if listed != set(missing):
            problems.append(f"{label} names {sorted(listed)} as defined elsewhere; the export leaves {sorted(missing)} undefined")

    # 2. Stubs for the names the note lists.
    resources, parameters = {}, {}
    for name, used in sorted(missing.items()):
        section, definition = stub(name, used)
        if section is None:
            problems.append(f"{fixture}: {definition}")
        elif section == "Resources":
            resources[name] = definition
        else:
            parameters[name] = definition
    if resources or parameters:
        facts.append("stubs: " + ", ".join(
            [f"{n} ({d['Type']})" for n, d in resources.items()] + [f"{n} (parameter {d['Type']})" for n, d in parameters.items()]))
    completed_yaml = insert_after(yaml_text, "Resources", [yaml_entry(n, d) for n, d in resources.items()])
    if parameters:
        if "\nParameters:\n" in completed_yaml:
            completed_yaml = insert_after(completed_yaml, "Parameters", [yaml_entry(n, d) for n, d in parameters.items()])
        else:
            completed_yaml = completed_yaml.replace("\nResources:\n", "\nParameters:\n" + "".join(
                yaml_entry(n, d) for n, d in parameters.items()) + "Resources:\n", 1)
    completed_json = json.loads(json_text)
    completed_json["Resources"].update(resources)
    if parameters:
        completed_json.setdefault("Parameters", {}).update(parameters)
    completed_json_text = json.dumps(completed_json, indent=2, ensure_ascii=False)

    # 3. Serverless variables -> sample literals, in both texts alike.
    replaced = {}
    for text, path in variable_strings(template["Resources"][resource_id].get("Properties", {}), ("",)):
        replaced[text] = sample_for(text, path[1:])
    for text, sample in replaced.items():
        quoted, literal = json.dumps(text, ensure_ascii=False), json.dumps(sample, ensure_ascii=False)
        for label in ("yaml", "json"):
            body = completed_yaml if label == "yaml" else completed_json_text
            if quoted not in body:
                problems.append(f"cannot substitute {quoted} in the {label} export (written differently)")
                continue
            body = body.replace(quoted, literal)
            if label == "yaml":
                completed_yaml = body
            else:
                completed_json_text = body
    if replaced:
        facts.append("serverless variables replaced: " + "; ".join(f"{t} -> {json.dumps(s)}" for t, s in replaced.items()))

    stem = f"{fixture.replace('/', '__')}__{resource_id}"
    files = [workdir / f"{stem}.yaml", workdir / f"{stem}.json"]
    files[0].write_text(completed_yaml, encoding="utf-8")
    files[1].write_text(completed_json_text, encoding="utf-8")
    return files, facts, problems


def main():
    workdir = Path(tempfile.mkdtemp(prefix="poolsmith-cfn-expressions."))
    cases, skipped = [], []
    for fixture, kind, expected in manifest():
        if kind not in KINDS:
            continue
        if expected != "imports":
            skipped.append(f"{fixture} ({expected})")
            continue
        original, matches = cfnlint.decode.decode(str(FIXTURES / fixture))
        ids = [rid for rid, _ in pools(original)] if original is not None else []
        if not ids:
            cases.append((fixture, kind, "?", [], [], [f"no {POOL_TYPE} found by cfn-lint's parser: {[m.message for m in matches]}"]))
            continue
        for resource_id in ids:
            files, facts, problems = prepare(fixture, kind, resource_id, len(ids) > 1, workdir)
            cases.append((fixture, kind, resource_id, files, facts, problems))

    all_files = [str(f) for case in cases for f in case[3]]
    lint = subprocess.run(
        [str(VENV / "bin" / "cfn-lint"), "--format", "json", "--configure-rule", "E3012:strict=true", "--", *all_files],
        capture_output=True, text=True,
    )
    try:
        findings = json.loads(lint.stdout)
    except json.JSONDecodeError:
        print(f"cfn-lint failed to run (exit {lint.returncode}):\n{lint.stdout}\n{lint.stderr}")
        return 1
    by_file = {}
    for finding in findings:
        by_file.setdefault(Path(finding["Filename"]).name, []).append(finding)

    passed = failed = 0
    for fixture, kind, resource_id, files, facts, problems in cases:
        for path in files:
            lines = path.read_text(encoding="utf-8").splitlines()
            for finding in by_file.get(path.name, []):
                if finding["Level"] not in ("Error", "Warning"):
                    continue
                line = finding["Location"]["Start"]["LineNumber"]
                shown = lines[line - 1].strip() if 0 < line <= len(lines) else ""
                said = (f"cfn-lint {finding['Level'].lower()} {finding['Rule']['Id']} {path.suffix[1:]}:{line} "
                        f"{finding['Message'][:300]} | {shown}")
                if finding["Level"] == "Warning" and finding["Rule"]["Id"] in INHERITED.get((resource_id, fixture), ()):
                    facts.append(f"as in the original template: {said}")
                else:
                    problems.append(said)
        ok = not problems
        print(f"{'ok  ' if ok else 'FAIL'} cfn-expressions {fixture} {resource_id} ({kind})")
        for line in problems + facts:
            print(f"     {line}")
        passed, failed = passed + ok, failed + (not ok)
    for item in skipped:
        print(f"skip cfn-expressions {item}: refused by design, nothing to export")
    if failed:
        print(f"(completed exports kept in {workdir})")
    else:
        shutil.rmtree(workdir)
    print(f"cfn-expressions: {passed} pools passed (cfn-lint on YAML and JSON, round trip), {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
