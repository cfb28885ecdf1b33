"""check-terraform-expressions: the Terraform export of every pool of the .tf fixtures in
tests/corpus/iac (manifest kind terraform, expected `imports`), whose arguments are Terraform
expressions (var.*, references, functions, conditionals, templates, heredocs, dynamic blocks).

For every pool (`poolsmith export --format terraform [--resource NAME] FILE`):

1. HCL2 and verbatim expressions (python-hcl2, pinned in requirements-terraform.txt): the export
   parses; it holds exactly one aws_cognito_user_pool, under the fixture's resource name; and
   every argument and block it writes reads, in python-hcl2's representation (expressions as
   their source text), exactly as the same argument or block of the original resource.
   Arguments only the original has (meta-arguments such as count, lifecycle, depends_on) are
   listed, not failed.
2. terraform validate (when /usr/local/bin/terraform and the hashicorp/aws provider under
   /opt/tf-plugins exist; POOLSMITH_TERRAFORM / POOLSMITH_TF_PLUGINS name others; otherwise a
   SKIPPED line): each export becomes a child module of one root configuration, with, in the
   checker only, a `variable` block for each var.* it uses (passed from an unknown root
   variable, as validate treats a module's inputs), a `locals` entry for each local.*, a stub
   module with the outputs used for each module.*, and a minimal stub resource for each
   reference to another resource (aws_lambda_function, aws_iam_role, aws_ses_email_identity,
   aws_sns_topic, aws_kms_key; indexed references get for_each/count). A reference to any
   other type is reported as a SKIPPED fixture naming it. One `terraform init -plugin-dir`
   (offline) and one `terraform validate` for all.

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

import hcl2

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "corpus" / "iac"
POOLSMITH = os.environ["POOLSMITH"]
TERRAFORM = Path(os.environ.get("POOLSMITH_TERRAFORM", "/usr/local/bin/terraform"))
PLUGINS = Path(os.environ.get("POOLSMITH_TF_PLUGINS", "/opt/tf-plugins"))
PROVIDER_BLOCK = """provider "aws" {
  region                      = "us-east-1"
  access_key                  = "AKIAIOSFODNN7EXAMPLE"
  secret_key                  = "made-up"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
}
"""
# Minimal arguments of the resources a pool refers to (hashicorp/aws required arguments).
STUBS = {
    "aws_lambda_function": 'function_name = "stub"\n  role = "arn:aws:iam::123456789012:role/stub"\n'
                           '  handler = "index.handler"\n  runtime = "nodejs20.x"\n  filename = "stub.zip"\n',
    "aws_iam_role": 'name = "stub"\n  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [] })\n',
    "aws_ses_email_identity": 'email = "no-reply@example.com"\n',
    "aws_sns_topic": "",
    "aws_kms_key": "",
}
NAME = r"[A-Za-z_][A-Za-z0-9_-]*"
VAR = re.compile(rf"\bvar\.({NAME})")
LOCAL = re.compile(rf"\blocal\.({NAME})")
MODULE = re.compile(rf"\bmodule\.({NAME})\.({NAME})")
RESOURCE = re.compile(rf"(?<![\w.])(aws_[a-z0-9_]+)\.({NAME})(\[[^\]]*\])?")
# Request members whose absence poolsmith reports (model.required) -> the provider's argument.
REQUIRED_ARGUMENT = {"PoolName": "name"}
TF_RESOURCE = re.compile(r'^resource\s+"aws_cognito_user_pool"\s+"([^"]+)"', re.M)


def manifest():
    for line in (FIXTURES / "manifest.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            fixture, kind, _constructs, expected, _sources = line.split("\t")
            yield fixture, kind, expected


def pool_blocks(parsed):
    """{name: body} of the aws_cognito_user_pool resources python-hcl2 read."""
    found = {}
    for block in parsed.get("resource", []):
        for rtype, named in block.items():
            if rtype.strip('"') == "aws_cognito_user_pool":
                for name, body in named.items():
                    found[name.strip('"')] = body
    return found


def by_label(blocks):
    """python-hcl2's list of `dynamic "LABEL"` blocks as {LABEL: block} (the export may order
    them differently)."""
    return {label: body for block in blocks for label, body in block.items()}


def as_literal_text(value):
    """A number or boolean literal as the quoted string the export may write for it (the
    provider's argument is a string; Terraform converts the literal itself)."""
    if isinstance(value, bool):
        return json.dumps(str(value).lower())
    if isinstance(value, (int, float)):
        return json.dumps(str(value))
    return None


CONVERTED = []


def not_in_original(got, want, at):
    """Where the export's value is not the original's (the export may leave things out)."""
    if isinstance(got, dict) and isinstance(want, dict):
        if "dynamic" in got and "dynamic" in want:
            got = {**got, "dynamic": by_label(got["dynamic"])}
            want = {**want, "dynamic": by_label(want["dynamic"])}
        found = []
        for key in got:
            if key not in want:
                found.append(f"{at}.{key}: not in the original")
            else:
                found += not_in_original(got[key], want[key], f"{at}.{key}")
        return found
    if isinstance(got, list) and isinstance(want, list) and len(got) == len(want):
        return [d for i, (g, w) in enumerate(zip(got, want)) for d in not_in_original(g, w, f"{at}[{i}]")]
    if isinstance(got, str) and got == as_literal_text(want):
        CONVERTED.append(f"{at} = {want!r} written as {got}")
        return []
    return [] if got == want else [f"{at}: export {json.dumps(got)[:200]} != original {json.dumps(want)[:200]}"]


def code(text):
    """The export without its comment lines."""
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(("#", "//")))


def module_for(text, pool_name):
    """(files of a child module wrapping the export, root-level inputs) or (None, why)."""
    body = code(text)
    variables = sorted(set(VAR.findall(body)))
    locals_ = sorted(set(LOCAL.findall(body)))
    modules = {}
    for module, output in MODULE.findall(body):
        modules.setdefault(module, set()).add(output)
    resources = {}
    for rtype, name, index in RESOURCE.findall(body):
        if rtype == "aws_cognito_user_pool" and name == pool_name:
            continue
        resources.setdefault((rtype, name), set()).add(index)
    unknown = sorted(f"{t}.{n}" for t, n in resources if t not in STUBS)
    if unknown:
        return None, f"refers to {', '.join(unknown)}, which the checker has no stub for"
    stubs = [f'variable "{v}" {{}}\n' for v in variables]
    if locals_:
        stubs.append("locals {\n" + "".join(f"  {l} = null\n" for l in locals_) + "}\n")
    extra = {}
    for module, outputs in sorted(modules.items()):
        stubs.append(f'module "{module}" {{\n  source = "./stub-{module}"\n}}\n')
        extra[f"stub-{module}/main.tf"] = "".join(f'output "{o}" {{\n  value = null\n}}\n' for o in sorted(outputs))
    for (rtype, name), indexes in sorted(resources.items()):
        keys = sorted({i[1:-1] for i in indexes if i})
        meta = ""
        if keys and all(k.startswith('"') for k in keys):
            meta = f"  for_each = toset([{', '.join(keys)}])\n"
        elif keys:
            meta = f"  count = {max(int(k) for k in keys) + 1}\n"
        stubs.append(f'resource "{rtype}" "{name}" {{\n{meta}  {STUBS[rtype]}}}\n')
    files = {"user_pool.tf": text, "stubs.tf": "\n".join(stubs), **extra}
    return (files, variables), None


def terraform(directory, *args):
    env = {**os.environ, "TF_CLI_CONFIG_FILE": str(directory / "terraformrc"), "CHECKPOINT_DISABLE": "1",
           "TF_IN_AUTOMATION": "1", "TF_INPUT": "0", "AWS_CONFIG_FILE": "/dev/null",
           "AWS_SHARED_CREDENTIALS_FILE": "/dev/null", "AWS_EC2_METADATA_DISABLED": "true"}
    env.pop("TF_PLUGIN_CACHE_DIR", None)
    env.pop("AWS_PROFILE", None)
    return subprocess.run([str(TERRAFORM), *args], cwd=directory, env=env, capture_output=True, text=True)


def main():
    cases, skipped = [], []
    for fixture, kind, expected in manifest():
        if kind != "terraform":
            continue
        if expected != "imports":
            skipped.append(f"skip terraform-expressions {fixture} ({expected}): refused by design")
            continue
        source = (FIXTURES / fixture).read_text(encoding="utf-8-sig")
        names = TF_RESOURCE.findall(source.replace("\r\n", "\n"))
        for name in names:
            cases.append((fixture, name, len(names) > 1, source))

    passed = failed = 0
    modules, results, expected_errors = {}, [], {}
    for fixture, name, several, source in cases:
        problems, facts = [], []
        args = ["--resource", name] if several else []
        run = subprocess.run([POOLSMITH, "export", "--format", "terraform", *args, str(FIXTURES / fixture)],
                             capture_output=True, text=True)
        # Exit 1: the pool has rule errors, which poolsmith reports; the export is still written.
        predicted = re.findall(r"error\[([\w.-]+)\] (\S+):", run.stderr) if run.returncode == 1 else []
        if predicted:
            facts.append("poolsmith reports rule errors in the original: " + ", ".join(f"{r} at {p}" for r, p in predicted))
        if run.returncode not in (0, 1) or (run.returncode == 1 and not run.stdout):
            problems.append(f"poolsmith export exited {run.returncode}: {run.stderr.strip()[:400]}")
        else:
            try:
                exported = pool_blocks(hcl2.loads(run.stdout))
                original = pool_blocks(hcl2.loads(source))
            except Exception as error:  # noqa: BLE001 - a parser's complaint is this pool's failure
                exported, original = {}, {}
                problems.append(f"python-hcl2 cannot read it: {type(error).__name__}: {str(error)[:400]}")
            if exported and list(exported) != [name]:
                problems.append(f"aws_cognito_user_pool resources {list(exported)} instead of {name}")
            elif exported:
                CONVERTED.clear()
                problems += not_in_original(exported[name], original[name], name)
                if CONVERTED:
                    facts.append("literals written as the provider's string type: " + "; ".join(CONVERTED))
                left = sorted(set(original[name]) - set(exported[name]))
                if left:
                    facts.append(f"only in the original (not judged): {', '.join(left)}")
            if not problems:
                module, why = module_for(run.stdout, name)
                if module is None:
                    facts.append(f"SKIPPED terraform validate: {why}")
                else:
                    modules[f"{Path(fixture).stem.replace('-', '_')}__{name}"] = module
                    expected_errors[f"{Path(fixture).stem.replace('-', '_')}__{name}"] = {
                        REQUIRED_ARGUMENT[p] for r, p in predicted if r == "model.required" and p in REQUIRED_ARGUMENT}
        results.append((fixture, name, problems, facts))

    validate = None
    if not TERRAFORM.exists():
        validate = f"SKIPPED: terraform validate: no Terraform CLI at {TERRAFORM}"
    elif not (PLUGINS / "registry.terraform.io" / "hashicorp" / "aws").is_dir():
        validate = f"SKIPPED: terraform validate: no hashicorp/aws provider under {PLUGINS}"
    validated, tolerated = {}, {}
    if validate is None and modules:
        directory = Path(tempfile.mkdtemp(prefix="poolsmith-tf-expressions."))
        (directory / "terraformrc").write_text("disable_checkpoint = true\n", encoding="utf-8")
        root = [PROVIDER_BLOCK]
        for module, (files, variables) in modules.items():
            for path, text in files.items():
                (directory / module / path).parent.mkdir(parents=True, exist_ok=True)
                (directory / module / path).write_text(text, encoding="utf-8")
            inputs = "".join(f"  {v} = var.{module}__{v}\n" for v in variables)
            root += [f'variable "{module}__{v}" {{}}\n' for v in variables]
            root.append(f'module "{module}" {{\n  source = "./{module}"\n{inputs}}}\n')
        (directory / "main.tf").write_text("\n".join(root), encoding="utf-8")
        init = terraform(directory, "init", "-backend=false", "-input=false", "-no-color", f"-plugin-dir={PLUGINS}")
        if init.returncode != 0:
            print(f"terraform init failed:\n{init.stdout}\n{init.stderr}")
            return 1
        versions = sorted(p.name for p in (PLUGINS / "registry.terraform.io" / "hashicorp" / "aws").iterdir())
        check = terraform(directory, "validate", "-json", "-no-color")
        report = json.loads(check.stdout)
        for module in modules:
            validated[module] = []
        for diagnostic in report.get("diagnostics", []):
            where = diagnostic.get("range", {}).get("filename", "")
            module = where.split("/")[0] if "/" in where else None
            line = diagnostic.get("range", {}).get("start", {}).get("line")
            snippet = (diagnostic.get("snippet") or {}).get("code", "").strip()
            text = f"terraform validate {diagnostic['severity']}: {diagnostic['summary']}: {diagnostic.get('detail', '')[:300]} ({where}:{line}: {snippet})"
            if diagnostic["severity"] != "error":
                print(f"     {text}")
                continue
            missing = re.search(r'The argument "([\w-]+)" is required', diagnostic.get("detail", ""))
            if (module in expected_errors and diagnostic["summary"] == "Missing required argument" and missing
                    and missing.group(1) in expected_errors[module]):
                tolerated.setdefault(module, []).append(f"terraform validate: {missing.group(1)} missing, as poolsmith reports")
                continue
            validated.setdefault(module if module in modules else "(root)", []).append(text)
        explained = sum(len(v) for v in tolerated.values())
        validate = (f"terraform validate ({TERRAFORM}, hashicorp/aws {', '.join(versions)}): "
                    f"{'valid' if report.get('valid') else 'invalid'}"
                    + (f" ({explained} error(s) where the fixture itself lacks a required argument)" if explained else ""))
        if validated.get("(root)"):
            print("terraform validate errors outside any export:\n  " + "\n  ".join(validated["(root)"]))
            failed += 1
        shutil.rmtree(directory)

    validated_count = 0
    for fixture, name, problems, facts in results:
        module = f"{Path(fixture).stem.replace('-', '_')}__{name}"
        problems = problems + validated.get(module, [])
        checked = "hcl2" + (", terraform validate" if module in validated else "")
        validated_count += module in validated and not problems
        ok = not problems
        print(f"{'ok  ' if ok else 'FAIL'} terraform-expressions {fixture} {name} ({checked})")
        for line in problems + facts + tolerated.get(module, []):
            print(f"     {line}")
        passed, failed = passed + ok, failed + (not ok)
    for line in skipped:
        print(line)
    print(validate)
    print(f"terraform-expressions: {passed} pools passed ({validated_count} of them by terraform validate), {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
