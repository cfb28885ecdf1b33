"""Conformance check of the Terraform export (run by tests/conformance/check-terraform).

For every corpus request $WORK/corpus/<name>.json and its export $WORK/out/<name>/user_pool.tf:

1. HCL2: the file parses with python-hcl2 (pinned in requirements-terraform.txt). Every quoted
   string is also decoded by `decode_literal`, written from HCL's own rules (hclsyntax
   ParseStringLiteralToken): a live `${`/`%{`, a bad escape or a raw newline is a failure.
   python-hcl2 8.1.4 reads `$${`/`%%{` only when a `}` follows later in the same string
   (grammar tokens ESCAPED_INTERPOLATION / ESCAPED_DIRECTIVE = /$${[^}]*}/); HCL itself has no
   such rule. Strings are therefore lexed here first and handed to python-hcl2 as placeholders
   when the original text trips that bug; the summary says how often.
2. Schema: one `resource "aws_cognito_user_pool" "this"`; every argument and block exists in the
   provider 6.25.0 schema (aws_cognito_user_pool.aws-6.25.0.tsv) with the right kind (block or
   argument), nesting and value type; required arguments, item limits and ConflictsWith pairs
   from aws_cognito_user_pool.constraints.tsv.
3. Round trip: the resource mapped back through mapping.tsv equals the request minus what the
   export documents as left out (GAP fields, legacy messages superseded by their template, empty
   objects and empty lists of blocks), each of which must be named in the header comment, plus
   the schema constraints it documents filling in (what AWS stores when the request has none).
   `""` for sms_configuration's sns_caller_arn/external_id means "absent" (the provider skips it).
4. MFA (the factors the driver exported with: $WORK/corpus/<name>.mfa): while MfaConfiguration
   is ON or OPTIONAL, software_token_mfa_configuration { enabled = true } exactly when TOTP is a
   factor, a non-empty email_mfa_configuration (the provider ignores an empty one) exactly when
   email is, and sms_configuration when SMS is (the provider turns SMS MFA on with it and the
   request has one); no factor block while MFA is off.
5. Unicode: every value that NFC would change is listed in the NFC comment (Terraform's cty
   stores strings in NFC).
"""

import json
import os
import sys
import time
import unicodedata

import hcl2

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(HERE))
import recorder as R  # noqa: E402  (the factor rules shared by the checks)
RESOURCE_LINE = 'resource "aws_cognito_user_pool" "this" {'
LEFT_OUT_HEADER = "# Left out of this resource:"
NFC_HEADER = "# Terraform stores text in Unicode NFC"
SUPERSEDED = {
    "SmsVerificationMessage": "SmsMessage",
    "EmailVerificationMessage": "EmailMessage",
    "EmailVerificationSubject": "EmailSubject",
}
BLANK_IS_ABSENT = {"sms_configuration.sns_caller_arn", "sms_configuration.external_id"}


class Failure(Exception):
    pass


def read_tsv(name):
    rows = []
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                rows.append(line.split("\t"))
    return rows[1:]  # without the header row


SCHEMA = {row[0]: (row[1], row[2], row[3]) for row in read_tsv("aws_cognito_user_pool.aws-6.25.0.tsv")}
MAPPING = {row[0]: row[1] for row in read_tsv("mapping.tsv")}
TF_TO_API = {tf: api for api, tf in MAPPING.items() if tf != "GAP"}
REQUIRED, ITEMS, CONFLICTS = set(), {}, []
for kind, path, value in read_tsv("aws_cognito_user_pool.constraints.tsv"):
    if kind == "required":
        REQUIRED.add(path)
    elif kind == "items":
        low, high = value.split("-")
        ITEMS[path] = (int(low), int(high))
    elif kind == "conflicts":
        CONFLICTS.append((path, value))


# --- HCL string literals ------------------------------------------------------------------

def decode_literal(raw):
    """The value of the quoted literal `raw` under HCL's rules, or Failure."""
    if len(raw) < 2 or raw[0] != '"' or raw[-1] != '"':
        raise Failure(f"not a quoted string: {raw!r}")
    s, out, i = raw[1:-1], [], 0
    simple = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}
    while i < len(s):
        c = s[i]
        if c == "\\":
            sel = s[i + 1] if i + 1 < len(s) else ""
            if sel in simple:
                out.append(simple[sel])
                i += 2
            elif sel in ("u", "U"):
                n = 4 if sel == "u" else 8
                digits = s[i + 2:i + 2 + n]
                if len(digits) != n or any(d not in "0123456789abcdefABCDEF" for d in digits):
                    raise Failure(f"bad \\{sel} escape in {raw!r}")
                out.append(chr(int(digits, 16)))
                i += 2 + n
            else:
                raise Failure(f"invalid escape \\{sel} in {raw!r}")
        elif c in "$%":
            nxt = s[i + 1] if i + 1 < len(s) else ""
            if nxt == "{":
                raise Failure(f"live template sequence {c}{{ in {raw!r}")
            if nxt == c:
                if s[i + 2:i + 3] != "{":
                    # `$$` not followed by `{`: HCL reads it literally, but a third sign or a
                    # scanner difference could change the meaning; the export never writes it.
                    raise Failure(f"doubled {c} that is not an escape in {raw!r}")
                out.append(c + "{")
                i += 3
            else:
                out.append(c)
                i += 1
        elif c in "\r\n":
            raise Failure(f"raw line break in {raw!r}")
        else:
            out.append(c)
            i += 1
    return "".join(out)


def lex_literals(text):
    """(start, end) of every quoted string literal outside comments; live templates refused."""
    spans, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c == "#" or text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            if j < 0:
                raise Failure("unterminated /* comment")
            i = j + 2
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                if text[j] == "\n":
                    raise Failure(f"line break inside a string at offset {i}")
                j += 2 if text[j] == "\\" else 1
            if j >= n:
                raise Failure(f"unterminated string at offset {i}")
            spans.append((i, j + 1))
            i = j + 1
        else:
            i += 1
    return spans


def parse_hcl(text, stats):
    """python-hcl2's tree with every string literal replaced by its decoded value (a `Str`)."""
    spans = lex_literals(text)
    values = {}
    pieces, last = [], 0
    for k, (a, b) in enumerate(spans):
        raw = text[a:b]
        values[f'"@{k}"'] = Str(decode_literal(raw))
        pieces.append(text[last:a])
        pieces.append(f'"@{k}"')
        last = b
    pieces.append(text[last:])
    try:
        tree = hcl2.loads(text)
        stats["parsed_as_is"] += 1
        # python-hcl2 keeps raw literals: each must be one lexed above.
        raws = [text[a:b] for a, b in spans]
        seen = []
        collect_raw(tree, seen)
        missing = [r for r in seen if r not in raws]
        if missing:
            raise Failure(f"python-hcl2 and the literal lexer disagree on {missing[:3]}")
    except Failure:
        raise
    except Exception as error:  # the $${ / %%{ limitation of python-hcl2 8.1.4, see above
        if "$${" not in text and "%%{" not in text:
            raise Failure(f"python-hcl2: {type(error).__name__}: {str(error).splitlines()[0]}")
        stats["placeholder_parses"] += 1
    try:
        tree = hcl2.loads("".join(pieces))
    except Exception as error:
        raise Failure(f"python-hcl2: {type(error).__name__}: {str(error).splitlines()[0]}")
    return substitute(tree, values)


class Str(str):
    """A decoded HCL string (as opposed to a number or bool python-hcl2 produced)."""


def collect_raw(node, out):
    if isinstance(node, dict):
        for key, value in node.items():
            if key.startswith('"'):
                out.append(key)
            collect_raw(value, out)
    elif isinstance(node, list):
        for item in node:
            collect_raw(item, out)
    elif isinstance(node, str) and node.startswith('"'):
        out.append(node)


def substitute(node, values):
    if isinstance(node, dict):
        return {substitute(k, values) if k.startswith('"') else k: substitute(v, values) for k, v in node.items()}
    if isinstance(node, list):
        return [substitute(item, values) for item in node]
    if isinstance(node, str) and node.startswith('"'):
        if node not in values:
            raise Failure(f"unexpected expression {node!r}")
        return values[node]
    return node


# --- schema --------------------------------------------------------------------------------

def is_block_list(value):
    return isinstance(value, list) and value and all(isinstance(v, dict) and v.get("__is_block__") for v in value)


def check_body(body, prefix, errors):
    """Validates one block body against the provider schema."""
    keys = [k for k in body if not k.startswith("__")]
    for key in keys:
        path = f"{prefix}.{key}" if prefix else key
        value = body[key]
        if path not in SCHEMA:
            errors.append(f"{path}: not an argument or block of aws_cognito_user_pool 6.25.0")
            continue
        kind, nesting, value_type = SCHEMA[path]
        if kind == "computed":
            errors.append(f"{path}: read-only attribute")
        elif kind == "block":
            if not is_block_list(value):
                errors.append(f"{path}: must be written as a block")
                continue
            low, high = ITEMS.get(path, (0, 1))
            if not low <= len(value) <= high:
                errors.append(f"{path}: {len(value)} blocks, the provider allows {low}-{high}")
            if nesting == "list" and high > 1:
                errors.append(f"{path}: a list block with more than one item is not expected")
            for item in value:
                check_body(item, path, errors)
        else:
            if is_block_list(value):
                errors.append(f"{path}: an argument written as a block")
            elif not type_ok(value, value_type):
                errors.append(f"{path}: {value!r} is not a {value_type}")
    for required in REQUIRED:
        parent, _, name = required.rpartition(".")
        if parent == prefix and name not in keys:
            errors.append(f"{required}: required by the provider, missing")


def type_ok(value, value_type):
    if value_type == "string":
        return isinstance(value, Str)
    if value_type == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if value_type == "boolean":
        return isinstance(value, bool)
    if value_type == "stringList":
        return isinstance(value, list) and all(isinstance(v, Str) for v in value)
    if value_type == "stringMap":
        return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, Str) for k, v in value.items())
    return False


def get_path(body, path):
    node = body
    for part in path.split("."):
        if isinstance(node, list):
            node = node[0] if node else None
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


# --- mapping back --------------------------------------------------------------------------

def to_request(body, prefix, out, errors, indices):
    """Sets every argument of `body` in `out` (a request) through the mapping. `indices`: the
    position of each enclosing repeated block (`schema`, `...recovery_mechanism`)."""
    for key, value in body.items():
        if key.startswith("__"):
            continue
        path = f"{prefix}.{key}" if prefix else key
        if path in ("software_token_mfa_configuration", "email_mfa_configuration"):
            continue  # MFA factors: not part of the request, checked separately
        if is_block_list(value):
            for index, item in enumerate(value):
                inner = {**indices, path: index}
                if path in BLOCK_TO_API:
                    # A block is sent even when every argument in it is blank.
                    set_api(out, BLOCK_TO_API[path], {}, inner, errors, keep=True)
                to_request(item, path, out, errors, inner)
            continue
        if path in BLANK_IS_ABSENT and value == "":
            continue
        if path + "[]" in TF_TO_API:
            set_api(out, TF_TO_API[path + "[]"][:-2], list(value), indices, errors)
        elif path + "{key}" in TF_TO_API:
            set_api(out, TF_TO_API[path + "{key}"][: -len("{key}")], dict(value), indices, errors)
        elif path in TF_TO_API:
            set_api(out, TF_TO_API[path], value, indices, errors)
        else:
            errors.append(f"{path}: no CreateUserPool field maps to it")


# The repeated block that holds each list of structures.
LIST_BLOCKS = {"Schema": "schema", "RecoveryMechanisms": "account_recovery_setting.recovery_mechanism"}


def block_containers():
    """Terraform block path → CreateUserPool object path, read off the leaf mapping
    (`password_policy.minimum_length` ↔ `Policies.PasswordPolicy.MinimumLength`)."""
    out = {}
    for tf, api in TF_TO_API.items():
        tf_parts = tf.split("{")[0].replace("[]", "").split(".")
        api_parts = api.split("{")[0].split(".")
        for depth in range(1, len(tf_parts)):
            out[".".join(tf_parts[:depth])] = ".".join(api_parts[: len(api_parts) - (len(tf_parts) - depth)])
    return out


BLOCK_TO_API = block_containers()


def set_api(out, api_path, value, indices, errors, keep=False):
    """Sets `api_path` (`Schema[].Name`: `[]` is the index of the enclosing block) in `out`;
    with `keep`, an existing value stays (creating a container only)."""
    parts = api_path.split(".")
    node = out
    for depth, part in enumerate(parts):
        if part.endswith("[]"):
            items = node.setdefault(part[:-2], [])
            index = indices[LIST_BLOCKS[part[:-2]]]
            while len(items) <= index:
                items.append({})
            node = items[index]
        elif depth == len(parts) - 1:
            if keep:
                node.setdefault(part, value)
                return
            if part in node:
                errors.append(f"{api_path}: set twice")
            node[part] = value
        else:
            node = node.setdefault(part, {})


# What AWS stores for the constraints of a schema attribute the request gives none (the export
# writes them so that later plans do not replace the pool; src/export/schema_constraints.rs says
# where each comes from): String 0 to 2048 (sub: 1 to 2048; birthdate: not known for certain,
# not filled in), Number no bounds (updated_at: a minimum of 0). A developer-only attribute is
# custom whatever its name.
EMPTY_NUMBER_BOUNDS = "__no_bounds__"  # a marker that survives prune(): the export writes `{}`


def stored_constraints(attribute):
    """(member, {bound: value}) that AWS stores for `attribute` without constraints, or None."""
    name, kind = attribute.get("Name"), attribute.get("AttributeDataType")
    standard = attribute.get("DeveloperOnlyAttribute") is not True
    if kind == "String":
        if standard and name == "birthdate":
            return None
        low = "1" if standard and name == "sub" else "0"
        return "StringAttributeConstraints", {"MinLength": low, "MaxLength": "2048"}
    if kind == "Number":
        return "NumberAttributeConstraints", {"MinValue": "0"} if standard and name == "updated_at" else {}
    return None


def fill_schema_constraints(expected):
    """Fills in the stored constraints the export writes for String and Number attributes."""
    schema = expected.get("Schema")
    if not isinstance(schema, list):
        return
    for attribute in schema:
        if not isinstance(attribute, dict) or not isinstance(attribute.get("Name"), str):
            continue
        stored = stored_constraints(attribute)
        if stored is None:
            continue
        member, bounds = stored
        given = attribute.get(member)
        if given is None:
            given = {}
        if not isinstance(given, dict):
            continue
        if not given and not bounds:
            attribute.pop(member, None)
            attribute[EMPTY_NUMBER_BOUNDS] = True
            continue
        for bound, value in bounds.items():
            given.setdefault(bound, value)
        attribute[member] = given


def restore_empty_number_bounds(expected):
    for attribute in expected.get("Schema") or []:
        if isinstance(attribute, dict) and attribute.pop(EMPTY_NUMBER_BOUNDS, False):
            attribute["NumberAttributeConstraints"] = {}


def expected_request(request, left_out):
    """The request as the export promises to carry it; what it leaves out goes to `left_out`."""
    expected = json.loads(json.dumps(request))
    template = request.get("VerificationMessageTemplate") or {}
    for legacy, member in SUPERSEDED.items():
        if legacy in expected and isinstance(template, dict) and member in template:
            expected.pop(legacy)
            left_out.add(legacy)
    schema = expected.get("Schema")
    if isinstance(schema, list):
        # The provider requires name and attribute_data_type in every schema block.
        complete = [a for a in schema if not isinstance(a, dict) or ("Name" in a and "AttributeDataType" in a)]
        if len(complete) != len(schema):
            left_out.add("Schema[]")
            if complete:
                expected["Schema"] = complete
            else:
                expected.pop("Schema")
    fill_schema_constraints(expected)
    originally_empty = set()
    find_empty(expected, "", originally_empty)
    for container in GAP_CONTAINERS:
        remove_path(expected, container, left_out)
    prune(expected, "")
    restore_empty_number_bounds(expected)
    left_out |= originally_empty - {"Policies"}  # `Policies: {}` says nothing: no note needed
    blank_absent(expected)
    return expected


def gap_containers():
    """The outermost field that holds only GAP leaves, for each GAP leaf
    (`DcrConfiguration.EnableStatus` → `DcrConfiguration`, `IssuerConfiguration.Type` →
    `IssuerConfiguration`, `AdminCreateUserConfig.UnusedAccountValidityDays` → itself)."""
    def segments(api):
        return api.replace("{", ".{").replace("[]", "").split(".")

    leaves = {tuple(segments(api)): tf for api, tf in MAPPING.items()}
    containers = set()
    for leaf, tf in leaves.items():
        if tf != "GAP":
            continue
        top = len(leaf)
        for depth in range(len(leaf) - 1, 0, -1):
            below = [t for other, t in leaves.items() if other[:depth] == leaf[:depth]]
            if all(t == "GAP" for t in below):
                top = depth
            else:
                break
        containers.add(".".join(p for p in leaf[:top] if not p.startswith("{")))
    return sorted(containers)


GAP_CONTAINERS = gap_containers()


def remove_path(node, path, left_out):
    parts = path.split(".")
    for part in parts[:-1]:
        node = node.get(part) if isinstance(node, dict) else None
    if isinstance(node, dict) and parts[-1] in node:
        node.pop(parts[-1])
        left_out.add(path)


STRUCTURE_KEYS = {"Policies", "PasswordPolicy", "SignInPolicy", "LambdaConfig", "PreTokenGenerationConfig",
                  "CustomSMSSender", "CustomEmailSender", "VerificationMessageTemplate", "UserAttributeUpdateSettings",
                  "DeviceConfiguration", "EmailConfiguration", "SmsConfiguration", "AdminCreateUserConfig",
                  "InviteMessageTemplate", "NumberAttributeConstraints", "StringAttributeConstraints", "UserPoolAddOns",
                  "AdvancedSecurityAdditionalFlows", "UsernameConfiguration", "AccountRecoverySetting"}
BLOCK_LISTS = {"Schema", "RecoveryMechanisms"}


def find_empty(node, path, out):
    """Paths of the empty objects and empty lists of blocks in the request as sent."""
    for key, value in node.items():
        sub = f"{path}.{key}" if path else key
        if key in BLOCK_LISTS and isinstance(value, list):
            if not value:
                out.add(sub)
            for item in value:
                if isinstance(item, dict):
                    if not item:
                        out.add(sub + "[]")
                    find_empty(item, sub + "[]", out)
        elif key in STRUCTURE_KEYS and isinstance(value, dict):
            if not value:
                out.add(sub)
            find_empty(value, sub, out)


def prune(node, path):
    """Drops empty objects (structures) and empty lists of blocks, innermost first: the export
    writes no empty blocks. (Only what was empty in the request itself is named as left out:
    what became empty lost named fields already.)"""
    for key in list(node):
        value = node[key]
        sub = f"{path}.{key}" if path else key
        if key in BLOCK_LISTS and isinstance(value, list):
            kept = []
            for item in value:
                if isinstance(item, dict):
                    prune(item, sub + "[]")
                if item != {}:
                    kept.append(item)
            if kept:
                node[key] = kept
            else:
                node.pop(key)
        elif key in STRUCTURE_KEYS and isinstance(value, dict):
            prune(value, sub)
            if not value:
                node.pop(key)


def blank_absent(request):
    sms = request.get("SmsConfiguration")
    if isinstance(sms, dict):
        for key in ("SnsCallerArn", "ExternalId"):
            if sms.get(key) == "":
                sms.pop(key)


# --- one request ---------------------------------------------------------------------------

def strings_with_paths(node, path, out):
    """(model path, text) of every string in a request, map keys included."""
    if isinstance(node, dict):
        is_map = path in ("UserPoolTags", "AcrConfiguration")
        for key, value in node.items():
            if is_map:
                out.append((f"{path}{{key}}", key))
                strings_with_paths(value, f"{path}{{}}", out)
            else:
                strings_with_paths(value, f"{path}.{key}" if path else key, out)
    elif isinstance(node, list):
        for item in node:
            strings_with_paths(item, f"{path}[]", out)
    elif isinstance(node, str):
        out.append((path, node))


def comment_list(text, header):
    names, inside = [], False
    for line in text.splitlines():
        if line.startswith(header):
            inside = True
        elif inside and line.startswith("#   "):
            names.append(line[4:].split(": ")[0])
        else:
            inside = False
    return names


def check_one(name, work, stats):
    request = json.load(open(os.path.join(work, "corpus", f"{name}.json"), encoding="utf-8"))
    path = os.path.join(work, "out", name, "user_pool.tf")
    text = open(path, encoding="utf-8").read()
    errors = []

    head, sep, _ = text.partition(RESOURCE_LINE)
    if not sep:
        raise Failure("no resource \"aws_cognito_user_pool\" \"this\"")
    if any(line and not line.startswith("#") for line in head.splitlines()):
        raise Failure("text before the resource that is not a comment")
    tree = {k: v for k, v in parse_hcl(text, stats).items() if not k.startswith("__")}
    if set(tree) != {"resource"} or len(tree["resource"]) != 1:
        raise Failure(f"expected exactly one resource, got {list(tree)}")
    resources = {k: v for k, v in tree["resource"][0].items() if not k.startswith("__")}
    if list(resources) != ["aws_cognito_user_pool"] or list(resources["aws_cognito_user_pool"]) != ["this"]:
        raise Failure(f"unexpected resource labels {list(resources)}")
    body = resources["aws_cognito_user_pool"]["this"]

    check_body(body, "", errors)
    for a, b in CONFLICTS:
        if get_path(body, a) is not None and get_path(body, b) is not None:
            if (a, b) == ("alias_attributes", "username_attributes") and "AliasAttributes" in request and "UsernameAttributes" in request:
                stats["request_conflicts"] += 1  # the request itself breaks the same AWS rule
            else:
                errors.append(f"{a} and {b} together: the provider refuses both")

    actual = {}
    to_request(body, "", actual, errors, {})
    blank_absent(actual)
    left_out = set()
    expected = expected_request(request, left_out)
    if actual != expected:
        errors.append("maps back to a different request: " + diff(expected, actual))
    commented = comment_list(text, LEFT_OUT_HEADER)
    for path in sorted(left_out):
        if path not in commented:
            errors.append(f"{path} is left out but not named in the comment")

    errors += check_mfa(request, work, name, body)

    flagged = comment_list(text, NFC_HEADER)
    strings = []
    strings_with_paths(expected, "", strings)
    for field, value in strings:
        if unicodedata.normalize("NFC", value) != value and field not in flagged:
            errors.append(f"{field}: NFC would change it, but the NFC comment does not say so")
    return errors


def check_mfa(request, work, name, body):
    """The factor blocks against the pool's factors (point 4 above)."""
    with open(os.path.join(work, "corpus", f"{name}.mfa"), encoding="utf-8") as f:
        stated = R.parse_factors(f.read())
    factors = R.pool_factors(request, stated)
    choice = R.describe_mfa(request, stated)
    totp = body.get("software_token_mfa_configuration")
    email = body.get("email_mfa_configuration")
    errors = []
    if not R.mfa_mode(request):
        if totp or email:
            errors.append(f"MFA factor blocks while MFA is off: the provider would ignore them ({choice})")
        return errors
    totp_on = bool(totp) and totp[0].get("enabled") is True
    if totp_on != ("totp" in factors):
        errors.append(f"software_token_mfa_configuration {{ enabled = true }} {'present' if totp_on else 'missing'} ({choice})")
    email_on = bool(email) and any(not k.startswith("__") for k in email[0])
    if email_on != ("email" in factors):
        errors.append(f"a non-empty email_mfa_configuration {'present' if email_on else 'missing'} ({choice})")
    if "sms" in factors and request.get("SmsConfiguration") and not body.get("sms_configuration"):
        errors.append(f"SMS is a factor, but sms_configuration is missing ({choice})")
    return errors


def diff(expected, actual, path=""):
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in sorted(set(expected) | set(actual)):
            if expected.get(key, "<absent>") != actual.get(key, "<absent>"):
                return diff(expected.get(key, "<absent>"), actual.get(key, "<absent>"), f"{path}.{key}" if path else key)
    if isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        for i, (e, a) in enumerate(zip(expected, actual)):
            if e != a:
                return diff(e, a, f"{path}[{i}]")
    return f"{path}: expected {expected!r}, got {actual!r}"


def main():
    work = os.environ["WORK"]
    names = sorted(f[:-5] for f in os.listdir(os.path.join(work, "corpus")) if f.endswith(".json"))
    stats = {"parsed_as_is": 0, "placeholder_parses": 0, "request_conflicts": 0}
    started = time.monotonic()
    failed = 0
    for name in names:
        try:
            errors = check_one(name, work, stats)
        except Failure as failure:
            errors = [str(failure)]
        except Exception as error:  # a crash of the check is a failure too, never a pass
            errors = [f"check crashed: {type(error).__name__}: {error}"]
        if errors:
            failed += 1
            print(f"FAIL {name}")
            for error in errors[:10]:
                print(f"     {error}")
        else:
            print(f"pass {name}")
    print(
        f"terraform: {len(names) - failed}/{len(names)} passed in {time.monotonic() - started:.1f}s "
        f"(python-hcl2 read {stats['parsed_as_is']} files as written and {stats['placeholder_parses']} with "
        f"placeholder strings because of its $${{/%%{{ limitation; {stats['request_conflicts']} requests set both "
        f"AliasAttributes and UsernameAttributes, which AWS refuses too)"
    )
    return 1 if failed or not names else 0


if __name__ == "__main__":
    sys.exit(main())
