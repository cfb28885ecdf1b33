"""A loopback stand-in for the Cognito API that records what real AWS tools send it.

The conformance checks point the AWS CLI, boto3, the JS SDK (and the paws stub) at it with
AWS_ENDPOINT_URL=http://127.0.0.1:PORT/<tag>/: every request is recorded with the first path
segment as its tag, so checks can run snippets in parallel and still tell whose call is whose.
It answers CreateUserPool with a minimal valid UserPool (Id us-east-1_Example1),
SetUserPoolMfaConfig, UpdateUserPool and AddCustomAttributes with an empty object, like the
service does, and DescribeUserPool with the pool's Id and a fixed LastModifiedDate. Stdlib only.

Also what the check-* scripts share (start(), the MFA oracle expected_calls() and
pool_factors(), same_json(), the corpus with each request's stated MFA factors plus a few extra
requests that target quoting and CLI parsing edges, and the pass/fail tally).
As a program, for manual use: `python3 recorder.py` prints its URL and each request it gets.
"""

import json
import os
import subprocess
import sys
import threading
from collections import OrderedDict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import NamedTuple

POOL_ID = "us-east-1_Example1"
DESCRIBED_LAST_MODIFIED = 1547763720.822
TARGET_PREFIX = "AWSCognitoIdentityProviderService."


class Recorder:
    """Requests received so far, grouped by tag; safe to use from the server's threads."""

    def __init__(self):
        self._lock = threading.Lock()
        self._calls = {}

    def add(self, tag, call):
        with self._lock:
            self._calls.setdefault(tag, []).append(call)

    def take(self, tag):
        """The calls recorded under `tag` (in arrival order), forgetting them."""
        with self._lock:
            return self._calls.pop(tag, [])


def _answer(operation, body):
    if operation == "CreateUserPool":
        name = body.get("PoolName") if isinstance(body, dict) else None
        pool = {
            "Id": POOL_ID,
            "Name": name if isinstance(name, str) else "example",
            "Arn": "arn:aws:cognito-idp:us-east-1:111122223333:userpool/" + POOL_ID,
            "CreationDate": 1767225600,
            "LastModifiedDate": 1767225600,
        }
        return 200, {"UserPool": pool}
    if operation in ("SetUserPoolMfaConfig", "UpdateUserPool", "AddCustomAttributes"):
        return 200, {}
    if operation == "DescribeUserPool":
        # For the update scripts' "unchanged?" check (check-aws-plan): every pool was last
        # modified at DESCRIBED_LAST_MODIFIED, as the service sends it (epoch seconds).
        pool_id = body.get("UserPoolId") if isinstance(body, dict) else None
        return 200, {"UserPool": {"Id": pool_id, "LastModifiedDate": DESCRIBED_LAST_MODIFIED}}
    return 400, {"__type": "UnknownOperationException", "message": "not recorded: " + operation}


def strict_json(text):
    """Parses JSON as the service would have to: a duplicate key or NaN is an error here,
    not something to paper over (Python's json module keeps the last key, accepts NaN)."""

    def members(pairs):
        keys = [k for k, _ in pairs]
        if len(set(keys)) != len(keys):
            raise ValueError("duplicate key in %s" % keys)
        return dict(pairs)

    def constant(name):
        raise ValueError("not JSON: " + name)

    return json.loads(text, object_pairs_hook=members, parse_constant=constant)


def start(recorder):
    """Serves on an ephemeral loopback port in a daemon thread; returns (server, base URL)."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            target = self.headers.get("X-Amz-Target", "")
            operation = target[len(TARGET_PREFIX):] if target.startswith(TARGET_PREFIX) else target
            tag = self.path.strip("/").split("/")[0]
            try:
                body = strict_json(raw.decode("utf-8"))
            except ValueError as error:
                body = {"__unparseable__": str(error), "raw": raw.decode("utf-8", "replace")}
            recorder.add(tag, {"target": target, "operation": operation, "body": body})
            status, answer = _answer(operation, body)
            payload = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/x-amz-json-1.1")
            self.send_header("x-amzn-RequestId", "00000000-0000-0000-0000-000000000000")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, "http://127.0.0.1:%d" % server.server_address[1]


def tool_env(endpoint, tag):
    """The environment for one tool run: fake credentials, us-east-1, the recorder as endpoint,
    and nothing from the user's own AWS configuration."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(
        AWS_ACCESS_KEY_ID="AKIAIOSFODNN7EXAMPLE",
        AWS_SECRET_ACCESS_KEY="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        AWS_REGION="us-east-1",
        AWS_DEFAULT_REGION="us-east-1",
        AWS_ENDPOINT_URL="%s/%s/" % (endpoint, tag),
        AWS_CONFIG_FILE=os.devnull,
        AWS_SHARED_CREDENTIALS_FILE=os.devnull,
        AWS_EC2_METADATA_DISABLED="true",
        AWS_MAX_ATTEMPTS="1",
        AWS_RETRY_MODE="standard",
    )
    return env


FACTORS = ("sms", "totp", "email")  # the ids of `poolsmith --mfa LIST`, in this order
DEFAULT_FACTORS = "totp,email"  # the `run` driver's list for requests without a NAME.mfa


def parse_factors(text):
    """The factor ids of a `--mfa` list (`totp,email`; `none` or nothing: no factor)."""
    ids = [i.strip() for i in text.strip().split(",") if i.strip() and i.strip() != "none"]
    unknown = [i for i in ids if i not in FACTORS]
    if unknown:
        raise ValueError("unknown MFA factor(s) %s" % unknown)
    return frozenset(ids)


def mfa_mode(request):
    """The request's MfaConfiguration when it turns MFA on (ON or OPTIONAL), else None."""
    mode = request.get("MfaConfiguration")
    return mode if mode in ("ON", "OPTIONAL") else None


def pool_factors(request, stated):
    """The factors the pool ends up with, by the `--mfa` contract (`poolsmith --help`): the
    stated ones, plus SMS when the request turns SMS MFA on itself (MFA ON or OPTIONAL with an
    SmsConfiguration). None while MFA is off: no factor is turned on."""
    if not mfa_mode(request):
        return frozenset()
    return frozenset(stated) | ({"sms"} if "SmsConfiguration" in request else set())


def expected_calls(request, stated):
    """The calls the CLI and SDK exports must make, as [(operation, body)], written from the
    API reference independently of the Rust code:
    - CreateUserPool supports only SMS MFA: ON or OPTIONAL there turns SMS MFA on (and needs an
      SmsConfiguration), so without SMS among the factors it is sent with MFA OFF
      (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPool.html#CognitoUserPools-CreateUserPool-request-MfaConfiguration);
    - TOTP and email MFA exist only in SetUserPoolMfaConfig, which then sets the mode and every
      factor; it replaces the whole configuration, so SMS MFA is repeated when it is a factor
      (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserPoolMfaConfig.html).
    With MFA OFF, nothing but the request: factors alone turn nothing on."""
    mode, factors = mfa_mode(request), pool_factors(request, stated)
    create = dict(request)
    if mode and "sms" not in factors:
        create["MfaConfiguration"] = "OFF"
    calls = [("CreateUserPool", create)]
    if mode and factors & {"totp", "email"}:
        body = {"UserPoolId": POOL_ID}
        if "sms" in factors and "SmsConfiguration" in request:
            sms = {"SmsConfiguration": request["SmsConfiguration"]}
            if "SmsAuthenticationMessage" in request:
                sms["SmsAuthenticationMessage"] = request["SmsAuthenticationMessage"]
            body["SmsMfaConfiguration"] = sms
        if "totp" in factors:
            body["SoftwareTokenMfaConfiguration"] = {"Enabled": True}
        if "email" in factors:
            body["EmailMfaConfiguration"] = {}  # Cognito's default message and subject
        body["MfaConfiguration"] = mode
        calls.append(("SetUserPoolMfaConfig", body))
    return calls


# MFA shapes the corpus must keep (issue 13): (what, CreateUserPool's MfaConfiguration, then
# SetUserPoolMfaConfig's MfaConfiguration and factor members).
MFA_SHAPES = [
    ("a TOTP-only OPTIONAL pool", "OFF", "OPTIONAL", {"SoftwareTokenMfaConfiguration"}),
    ("an ON pool with SMS, TOTP and email", "ON", "ON",
     {"SmsMfaConfiguration", "SoftwareTokenMfaConfiguration", "EmailMfaConfiguration"}),
]


def missing_mfa_shapes(corpus):
    """The MFA_SHAPES that no corpus entry has (by expected_calls)."""
    found = set()
    for entry in corpus:
        calls = expected_calls(entry.request, entry.factors)
        if len(calls) == 2:
            members = frozenset(calls[1][1]) - {"UserPoolId", "MfaConfiguration"}
            found.add((calls[0][1].get("MfaConfiguration"), calls[1][1]["MfaConfiguration"], members))
    return [what for what, create, mode, members in MFA_SHAPES if (create, mode, frozenset(members)) not in found]


def describe_mfa(request, stated):
    """`MfaConfiguration OPTIONAL, --mfa totp`: for failure messages."""
    return "MfaConfiguration %s, --mfa %s" % (
        request.get("MfaConfiguration", "unset"), ",".join(f for f in FACTORS if f in stated) or "none")


def same_json(expected, got, empty_containers_alike=False):
    """Exact equality of parsed JSON (member order aside). Booleans are not numbers here, and
    integers are compared by value (1 == 1.0 is not accepted: 1.0 is a float). With
    `empty_containers_alike`, [] and {} are taken as equal (R cannot tell them apart)."""
    if empty_containers_alike and expected in ({}, []) and got in ({}, []):
        return True
    if isinstance(expected, dict):
        return (
            isinstance(got, dict)
            and expected.keys() == got.keys()
            and all(same_json(v, got[k], empty_containers_alike) for k, v in expected.items())
        )
    if isinstance(expected, list):
        return (
            isinstance(got, list)
            and len(expected) == len(got)
            and all(same_json(a, b, empty_containers_alike) for a, b in zip(expected, got))
        )
    return type(expected) is type(got) and expected == got


def first_difference(expected, got, path="$"):
    """A short description of where two JSON values first differ, for failure messages."""
    if isinstance(expected, dict) and isinstance(got, dict):
        for key in expected.keys() | got.keys():
            if key not in got:
                return "%s.%s missing" % (path, key)
            if key not in expected:
                return "%s.%s unexpected" % (path, key)
            if not same_json(expected[key], got[key]):
                return first_difference(expected[key], got[key], "%s.%s" % (path, key))
    if isinstance(expected, list) and isinstance(got, list) and len(expected) == len(got):
        for i, (a, b) in enumerate(zip(expected, got)):
            if not same_json(a, b):
                return first_difference(a, b, "%s[%d]" % (path, i))
    return "%s: expected %s, got %s" % (path, json.dumps(expected)[:200], json.dumps(got)[:200])


def verify_calls(expected, calls, empty_containers_alike=False):
    """None when `calls` are exactly the `expected` [(operation, body)]; otherwise what is wrong."""
    operations = [c["operation"] for c in calls]
    if operations != [op for op, _ in expected]:
        return "calls were %s, expected %s" % (operations, [op for op, _ in expected])
    for (operation, body), call in zip(expected, calls):
        if not same_json(body, call["body"], empty_containers_alike):
            return "%s body differs: %s" % (operation, first_difference(body, call["body"]))
    return None


def check_calls(entry, calls, expected=None, empty_containers_alike=False):
    """verify_calls against expected_calls(entry) (or `expected`), saying the MFA choice on failure."""
    if expected is None:
        expected = expected_calls(entry.request, entry.factors)
    problem = verify_calls(expected, calls, empty_containers_alike)
    return problem and "%s (%s)" % (problem, describe_mfa(entry.request, entry.factors))


_SMS = {"SnsCallerArn": "arn:aws:iam::111122223333:role/sms", "ExternalId": "it's $(id)", "SnsRegion": "us-east-1"}
_AWKWARD = "it's \"q\" \\ $HOME `id` $(id) ${x} %{x} # ! \n\ttab \u2028 \u202e é 😀 '"

# Requests aimed at what breaks a command line: text the AWS CLI would read as an option, a
# file or a URL; every quoting hazard of bash, PowerShell, Python, JavaScript and R; invisible
# characters; empty values; the MFA follow-up in each mode. Not all are valid for the service
# (the checks test transport: what the tool sends must be the request).
EDGE_REQUESTS = {
    "edge-help": {"PoolName": "help"},
    "edge-dashes": {"PoolName": "--", "EmailVerificationSubject": "--help"},
    "edge-leading-dash": {"PoolName": "-x", "EmailVerificationSubject": "-"},
    "edge-paramfile-prefixes": {
        "PoolName": "prefixes",
        "SmsVerificationMessage": "file:///etc/hostname {####}",
        "EmailVerificationMessage": "https://example.com/{####}",
        "EmailVerificationSubject": "fileb://x",
        "SmsAuthenticationMessage": "HTTP://example.com {####}",
        "AutoVerifiedAttributes": ["file://x"],
    },
    "edge-quoting": {
        "PoolName": "quoting",
        "EmailVerificationSubject": _AWKWARD,
        "SmsAuthenticationMessage": "'@\n'@ {####}\n@'\n\"@",
        "VerificationMessageTemplate": {"EmailMessage": "x\n'@\n{####}", "EmailSubject": "\u2019@ smart quote", "SmsMessage": "%{x} {####}"},
        "UserPoolTags": {
            "a'b": "$(id)",
            "k": "line1\nline2\r\n\ttab",
            "e": "",
            "u": "é😀\u2028\u2029\u202e\u200b\ufeff\u0085\U000e0041",
            "__proto__": "proto",
            "if": "TRUE",
            "NULL": "None",
            "$HOME": "${HOME}",
            "#": "# not a comment",
        },
    },
    "edge-controls": {"PoolName": "controls", "EmailVerificationSubject": "a\u0001b\u007fc\u001bd", "UserPoolTags": {"nul": "a\u0000b"}},
    "edge-empty-values": {
        "PoolName": "empty",
        "UserPoolAddOns": {"AdvancedSecurityMode": "OFF", "AdvancedSecurityAdditionalFlows": {}},
        "AliasAttributes": [],
        "UserPoolTags": {"empty": ""},
    },
    "edge-mfa-on-sms": {
        "PoolName": "mfa-on",
        "MfaConfiguration": "ON",
        "SmsAuthenticationMessage": "Code: {####} it's",
        "SmsConfiguration": _SMS,
    },
    "edge-mfa-off-sms": {"PoolName": "mfa-off", "MfaConfiguration": "OFF", "SmsConfiguration": _SMS},
    "edge-mfa-on-sms-only": {"PoolName": "mfa-on-sms", "MfaConfiguration": "ON", "SmsConfiguration": _SMS},
}
# The `--mfa` list of an edge request, when not DEFAULT_FACTORS: SMS alone is one call, ON.
EDGE_FACTORS = {"edge-mfa-on-sms-only": "sms"}


class Entry(NamedTuple):
    """One corpus request: its name, the request, the stated factors (`--mfa`, a set of ids),
    its file and the directory of its exports."""

    name: str
    request: dict
    factors: frozenset
    file: str
    out: str


def load_corpus(work, poolsmith=None):
    """An Entry for every request of $WORK/corpus (its factors from NAME.mfa, which the `run`
    driver writes for each), sorted by name; with `poolsmith`, the EDGE_REQUESTS too,
    exported into $WORK/edge/."""
    found = []
    for folder, out in [("corpus", "out")] + ([("edge/corpus", "edge/out")] if poolsmith else []):
        corpus = os.path.join(work, folder)
        if folder.startswith("edge"):
            _export_edge_requests(work, poolsmith)
        for file in sorted(os.listdir(corpus)):
            if file.endswith(".json"):
                name = file[: -len(".json")]
                path = os.path.join(corpus, file)
                with open(path, encoding="utf-8") as f:
                    request = json.load(f)
                with open(os.path.join(corpus, name + ".mfa"), encoding="utf-8") as f:
                    factors = parse_factors(f.read())
                found.append(Entry(name, request, factors, path, os.path.join(work, out, name)))
    return found


def _export_edge_requests(work, poolsmith):
    corpus = os.path.join(work, "edge", "corpus")
    if os.path.isdir(corpus):
        return  # an earlier check wrote them
    os.makedirs(corpus + ".tmp", exist_ok=True)
    for name, request in EDGE_REQUESTS.items():
        path = os.path.join(corpus + ".tmp", name + ".json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(request, f, ensure_ascii=False, indent=2)
        factors = EDGE_FACTORS.get(name, DEFAULT_FACTORS)
        with open(os.path.join(corpus + ".tmp", name + ".mfa"), "w", encoding="utf-8") as f:
            f.write(factors + "\n")
        out = os.path.join(work, "edge", "out", name)
        # Exit 1 means rule errors (some edge requests are invalid on purpose); 2 is a failure.
        status = subprocess.run(
            [poolsmith, "export", "--all", out, "--mfa", factors, path], capture_output=True
        ).returncode
        if status not in (0, 1):
            raise SystemExit("poolsmith export failed for %s (exit %d)" % (name, status))
    os.rename(corpus + ".tmp", corpus)


class Tally:
    """Pass/fail lines per request and the closing summary line."""

    def __init__(self, label):
        self.label = label
        self.passed = 0
        self.failed = 0

    def record(self, name, problem):
        if problem is None:
            self.passed += 1
            print("pass %s %s" % (self.label, name), flush=True)
        else:
            self.failed += 1
            print("FAIL %s %s: %s" % (self.label, name, problem), flush=True)

    def summary(self):
        print("%s: %d passed, %d failed" % (self.label, self.passed, self.failed), flush=True)
        return self.failed == 0


def serve_aws_cli(socket_path, data_path):
    """Runs in the AWS CLI's virtualenv: imports the CLI once, then runs every command sent to
    `socket_path` in a forked child, through the CLI's own entry point (what the `aws` script
    calls: awscli.clidriver), with the caller's arguments, environment and directory. This
    saves the ~0.4 s of interpreter start and imports that each `aws` process spends, and
    (_warm_up_aws_cli) most of the model parsing."""
    import base64
    import socketserver
    import tempfile
    import traceback

    from awscli.clidriver import create_clidriver

    cli_data = os.environ.get("AWS_DATA_PATH", "")  # awscli adds its own data dir on import
    _warm_up_aws_cli(create_clidriver, os.pathsep.join(p for p in (data_path, cli_data) if p))

    class Handler(socketserver.StreamRequestHandler):
        def handle(self):  # in a child of the server (ForkingMixIn)
            task = json.loads(self.rfile.readline())
            os.environ.clear()
            os.environ.update(task["env"])
            os.environ["AWS_DATA_PATH"] = os.pathsep.join(p for p in (task["env"].get("AWS_DATA_PATH"), cli_data) if p)
            os.chdir(task["cwd"])
            with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
                saved = os.dup(1), os.dup(2)
                os.dup2(out.fileno(), 1)
                os.dup2(err.fileno(), 2)
                try:
                    rc = create_clidriver().main(task["argv"])
                except SystemExit as stop:
                    rc = stop.code if isinstance(stop.code, int) else 1
                except BaseException:
                    traceback.print_exc()
                    rc = 255
                sys.stdout.flush()
                sys.stderr.flush()
                os.dup2(saved[0], 1)
                os.dup2(saved[1], 2)
                out.seek(0)
                err.seek(0)
                reply = {"rc": rc or 0, "stdout": base64.b64encode(out.read()).decode(),
                         "stderr": base64.b64encode(err.read()).decode()}
            self.wfile.write(json.dumps(reply).encode() + b"\n")

    class Server(socketserver.ForkingMixIn, socketserver.UnixStreamServer):
        pass

    with Server(socket_path, Handler) as server:
        server.serve_forever()


def _warm_up_aws_cli(create_clidriver, data_path):
    """Runs one create-user-pool (against a closed port) to load the CLI's plugins and learn
    which model files it reads, then keeps one freshly parsed copy of each for the forked
    children: a child gets a file's copy the first time it reads it (later reads go to the
    disk, so no object is ever shared), and the directory listings of the data path, which
    never change during a run. Parsing those files is about half of each command's time. If
    the CLI's internals differ from what this expects, it only warms up the imports."""
    import json as json_module

    try:
        # The CLI imports its bundled botocore as `botocore` (not as awscli.botocore, which
        # would be a second copy of the module): patch the copy it uses.
        import botocore.loaders as loaders

        read_file = loaders.JSONFileLoader._load_file
        list_services = loaders.Loader.list_available_services
    except (ImportError, AttributeError):
        loaders = None
    files_read = []
    listings = {}
    if loaders:

        def recording_read(self, full_path, open_method):
            files_read.append((full_path, open_method))
            return read_file(self, full_path, open_method)

        def listed(self, type_name):
            key = (tuple(self.search_paths), type_name)
            if key not in listings:
                listings[key] = list_services(self, type_name)
            return list(listings[key])

        loaders.JSONFileLoader._load_file = recording_read
        loaders.Loader.list_available_services = listed
    saved_env = dict(os.environ)
    os.environ.update(
        AWS_ACCESS_KEY_ID="AKIAIOSFODNN7EXAMPLE", AWS_SECRET_ACCESS_KEY="warm-up", AWS_DEFAULT_REGION="us-east-1",
        AWS_DATA_PATH=data_path, AWS_ENDPOINT_URL="http://127.0.0.1:9/", AWS_MAX_ATTEMPTS="1",
        AWS_CONFIG_FILE=os.devnull, AWS_SHARED_CREDENTIALS_FILE=os.devnull, AWS_EC2_METADATA_DISABLED="true",
    )
    saved = os.dup(1), os.dup(2)
    with open(os.devnull, "w") as devnull:
        os.dup2(devnull.fileno(), 1)
        os.dup2(devnull.fileno(), 2)
        try:
            create_clidriver().main(["cognito-idp", "create-user-pool", "--pool-name", "warm-up"])
        except BaseException:
            pass
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
    os.environ.clear()
    os.environ.update(saved_env)
    if not loaders:
        return
    fresh = {}
    for full_path, open_method in files_read:
        if os.path.isfile(full_path):
            with open_method(full_path, "rb") as f:
                fresh[full_path] = json_module.loads(f.read().decode("utf-8"), object_pairs_hook=OrderedDict)

    def read_once(self, full_path, open_method):
        data = fresh.pop(full_path, None)
        return data if data is not None else read_file(self, full_path, open_method)

    loaders.JSONFileLoader._load_file = read_once


def aws_call(socket_path, argv, env=None, cwd=None):
    """Runs `aws ARGV` through serve_aws_cli; returns (exit code, stdout bytes, stderr bytes)."""
    import base64
    import socket

    task = {"argv": argv, "env": dict(os.environ if env is None else env), "cwd": cwd or os.getcwd()}
    with socket.socket(socket.AF_UNIX) as connection:
        connection.connect(socket_path)
        connection.sendall(json.dumps(task).encode() + b"\n")
        reply = json.loads(connection.makefile("rb").readline())
    return reply["rc"], base64.b64decode(reply["stdout"]), base64.b64decode(reply["stderr"])


def aws_shim(socket_path):
    """The `aws` that check-aws-cli puts first on PATH: hands its arguments to serve_aws_cli."""
    rc, out, err = aws_call(socket_path, sys.argv[1:])
    sys.stdout.buffer.write(out)
    sys.stderr.buffer.write(err)
    return rc


if __name__ == "__main__" and sys.argv[1:2] == ["serve-aws-cli"]:
    serve_aws_cli(sys.argv[2], sys.argv[3])
elif __name__ == "__main__":

    class Printing(Recorder):
        def add(self, tag, call):
            print(json.dumps({"tag": tag, **call}), flush=True)

    server, url = start(Printing())
    print(url, flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()
        sys.exit(0)
