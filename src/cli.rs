//! The native command line, as a function over arguments and streams so tests can run it
//! in-process: `poolsmith fields | check | export | import`.
//!
//! Exit codes: 0 = fine (warnings allowed), 1 = errors found in the request, 2 = bad usage or
//! unreadable input (missing file, not UTF-8 or UTF-16 text, not JSON, a failed import).
//! Files and standard input may be UTF-8, with or without a byte-order mark, or UTF-16 with one
//! (`import::decode_text`).

use crate::diagnostic::{self, Diagnostic, Severity};
use crate::export::{self, Format, Options};
use crate::json::{self, Json};
use crate::mfa::MfaFactors;
use crate::model::{self, Kind, FIELDS};
use crate::request;
use crate::value::FormValue;
use crate::{check_files, import};
use std::io::{Read, Write};

const USAGE: &str = "\
poolsmith: write a correct Amazon Cognito CreateUserPool request the first time

Usage:
  poolsmith fields                         every field path of CreateUserPool as TSV
  poolsmith check [--json] [--mfa LIST] [--from KIND] [--resource NAME] [FILE|DIR|-]
                                           check a request, or every pool of a template,
                                           serverless.yml, .tf file or describe output (a
                                           directory: every such file below it), with
                                           file:line:column; errors, then warnings; --json
                                           adds each rule's sources
  poolsmith export --format F [--mfa LIST] [--from KIND] [--resource NAME] [FILE|-]
                                           print the request (or the pool of any file import
                                           reads, with its template's expressions) in format F
  poolsmith export --all DIR [--mfa LIST] [FILE|-]
                                           write one file per format into DIR
  poolsmith import [--from KIND] [--resource NAME] [FILE|-]
                                           read a request-json, describe-user-pool (clone a
                                           pool), cloudformation (template, resource or
                                           Properties; JSON or YAML), serverless
                                           (serverless.yml or a resources file), terraform
                                           (.tf) or terraform-show-json file, print the
                                           request JSON and, on stderr, what was renamed or
                                           dropped; KIND defaults to auto (guessed from the
                                           text); --resource picks one of several pools
                                           (logical ID, Terraform name or address)
  poolsmith plan --current FILE [--mfa-config FILE] --desired FILE [--mfa LIST] [--resource NAME] [--pool-id ID]
                 [--keep-unset] [--json | --format F [--if-unchanged] [--accept-resets LIST]]
                                           plan the change of an existing pool (current:
                                           describe-user-pool output, optionally with
                                           get-user-pool-mfa-config output) into the desired
                                           request: print the change table (every difference,
                                           what the API, CloudFormation and Terraform do with
                                           it, and the settings the update resets to their
                                           default), or with --format F (request-json,
                                           cli-bash, cli-powershell, boto3, js-sdk-v3, paws)
                                           the safe update's calls. --keep-unset keeps every
                                           setting the desired request leaves out;
                                           --accept-resets LIST (paths, or all) confirms the
                                           resets, without which --format prints no script;
                                           --if-unchanged makes the CLI scripts stop when the
                                           pool changed since it was described; --mfa LIST
                                           states the desired MFA factors exactly (default: the
                                           current ones, known from --mfa-config, which may
                                           also follow the describe output in --current)
  poolsmith --help | --version

FILE defaults to standard input. --mfa LIST names the pool's MFA factors (sms, totp, email,
comma-separated) for MfaConfiguration ON or OPTIONAL: CreateUserPool alone can only turn on
SMS, so every format then says the whole choice (EnabledMfas, Terraform's MFA blocks, or
SetUserPoolMfaConfig after CreateUserPool). Without --mfa, MFA ON or OPTIONAL means SMS, as
it does to CreateUserPool; with it, SMS stays on when the request has an SmsConfiguration.
Exit status: 0 fine, 1 errors found, 2 bad usage, unreadable input or a failed import
(the reasons on stderr). For plan, 1 means a change is impossible in place (it needs a new
pool) or, with --format, that resets are not confirmed.
";

/// Exit status of a run.
pub type Status = i32;

/// Runs the CLI with `args` (without the program name).
pub fn run(args: &[String], stdin: &mut dyn Read, stdout: &mut dyn Write, stderr: &mut dyn Write) -> Status {
    let result = match args.first().map(String::as_str) {
        None | Some("-h" | "--help" | "help") => {
            let _ = stdout.write_all(USAGE.as_bytes());
            return if args.is_empty() { 2 } else { 0 };
        }
        Some("-V" | "--version") => {
            let _ = writeln!(
                stdout,
                "poolsmith {} (AWS model: botocore {})",
                env!("CARGO_PKG_VERSION"),
                model::BOTOCORE_VERSION
            );
            return 0;
        }
        Some("fields") => fields(&args[1..], stdout),
        Some("check") => check(&args[1..], stdin, stdout, stderr),
        Some("export") => export(&args[1..], stdin, stdout, stderr),
        Some("import") => import(&args[1..], stdin, stdout, stderr),
        Some("plan") => plan(&args[1..], stdin, stdout, stderr),
        Some(other) => Err(Failure::Usage(format!("unknown command `{other}`"))),
    };
    match result {
        Ok(status) => status,
        Err(Failure::Usage(message)) => {
            let _ = writeln!(stderr, "poolsmith: {message}\n\n{USAGE}");
            2
        }
        Err(Failure::Input(message)) => {
            let _ = writeln!(stderr, "poolsmith: {message}");
            2
        }
    }
}

enum Failure {
    Usage(String),
    Input(String),
}

/// Splits `--flag` options from the one optional FILE argument.
struct Args<'a> {
    flags: Vec<&'a str>,
    values: Vec<(&'a str, &'a str)>,
    file: Option<&'a str>,
}

fn parse_args<'a>(args: &'a [String], flags: &[&str], valued: &[&str]) -> Result<Args<'a>, Failure> {
    let mut out = Args { flags: Vec::new(), values: Vec::new(), file: None };
    let mut iter = args.iter().map(String::as_str);
    while let Some(arg) = iter.next() {
        if let Some((name, value)) = arg.split_once('=').filter(|(n, _)| valued.contains(n)) {
            out.values.push((name, value));
        } else if valued.contains(&arg) {
            let value = iter.next().ok_or_else(|| Failure::Usage(format!("{arg} needs a value")))?;
            out.values.push((arg, value));
        } else if flags.contains(&arg) {
            out.flags.push(arg);
        } else if arg.starts_with("--") || (arg.starts_with('-') && arg != "-") {
            return Err(Failure::Usage(format!("unknown option `{arg}`")));
        } else if out.file.is_some() {
            return Err(Failure::Usage(format!("expected one FILE, got another: `{arg}`")));
        } else {
            out.file = Some(arg);
        }
    }
    Ok(out)
}

fn read_input(file: Option<&str>, stdin: &mut dyn Read) -> Result<(String, String), Failure> {
    let mut bytes = Vec::new();
    let name = match file {
        None | Some("-") => {
            stdin.read_to_end(&mut bytes).map_err(|e| Failure::Input(format!("cannot read standard input: {e}")))?;
            "<stdin>".to_string()
        }
        Some(path) => {
            let path = path.strip_prefix("file://").unwrap_or(path);
            bytes = std::fs::read(path).map_err(|e| Failure::Input(format!("cannot read {path}: {e}")))?;
            path.to_string()
        }
    };
    let text = import::decode_text(&bytes).map_err(|why| Failure::Input(format!("{name} {why}")))?;
    Ok((name, text))
}

fn fields(args: &[String], stdout: &mut dyn Write) -> Result<Status, Failure> {
    if let Some(extra) = args.first() {
        return Err(Failure::Usage(format!("`fields` takes no arguments, got `{extra}`")));
    }
    let mut out = String::from("path\ttype\trequired\tmin\tmax\tpattern\tenum\n");
    for field in FIELDS.iter() {
        let kind = match field.kind {
            Kind::Structure => "structure",
            Kind::List => "list",
            Kind::Map => "map",
            Kind::String => "string",
            Kind::Integer => "integer",
            Kind::Boolean => "boolean",
            Kind::Enum => "enum",
        };
        let number = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
        out.push_str(&format!(
            "{}\t{kind}\t{}\t{}\t{}\t{}\t{}\n",
            field.path,
            field.required,
            number(field.min()),
            number(field.max()),
            field.pattern_source().unwrap_or_default(),
            field.enum_values.join("|"),
        ));
    }
    let _ = stdout.write_all(out.as_bytes());
    Ok(0)
}

/// Reads a request and returns the form with every diagnostic, each placed at its line and
/// column in the file, and whether the file was unreadable as a request (not JSON, or not an
/// object).
fn load(text: &str, stated_mfa: Option<MfaFactors>) -> (FormValue, Vec<Diagnostic>, bool) {
    let (value, located) = match json::parse(text) {
        Ok(parsed) => parsed,
        Err(error) => return (FormValue::new(), vec![request::syntax_diagnostic(&error)], true),
    };
    let (mut form, mut problems) = request::from_json(&value, &located);
    if let Some(stated) = stated_mfa {
        form.set_mfa(MfaFactors::stated_for(&value, stated));
    }
    let unreadable = !matches!(value, Json::Object(_));
    if !unreadable {
        // A value the import already complained about (kept as text) is not reported twice.
        let imported: Vec<_> = problems.iter().filter_map(|d| d.path().cloned()).collect();
        for mut d in crate::diagnostics(&form).into_iter().filter(|d| d.path().is_none_or(|p| !imported.contains(p))) {
            if let Some(path) = d.path() {
                d.pos = request::position_of(&value, &located, path);
            }
            problems.push(d);
        }
    }
    diagnostic::sort(&mut problems);
    (form, problems, unreadable)
}

fn check(
    args: &[String],
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<Status, Failure> {
    let args = parse_args(args, &["--json"], &["--mfa", "--from", "--resource"])?;
    let stated_mfa = mfa_option(&args)?;
    let chosen = kind_option(&args)?;
    let resource = args.values.iter().find(|(name, _)| *name == "--resource").map(|(_, v)| *v);
    let json_output = args.flags.contains(&"--json");
    // (file name, resource, problems) for every pool checked.
    let mut checked: Vec<(String, Option<String>, Vec<Diagnostic>)> = Vec::new();
    let mut unreadable = false;
    let directory = args.file.map(std::path::Path::new).filter(|path| path.is_dir());
    let inputs: Vec<(String, String)> = match directory {
        Some(dir) => {
            let files = check_files::files_in(dir)
                .map_err(|e| Failure::Input(format!("cannot read the directory {}: {e}", dir.display())))?;
            let mut inputs = Vec::new();
            for file in files {
                let name = file.display().to_string();
                let bytes = std::fs::read(&file).map_err(|e| Failure::Input(format!("cannot read {name}: {e}")))?;
                // Files that are not text, or define no pool, are not ours to judge.
                if let Some(text) = import::decode_text(&bytes).ok().filter(|t| check_files::defines_pool(t)) {
                    inputs.push((name, text));
                }
            }
            if inputs.is_empty() {
                let _ = writeln!(
                    stderr,
                    "poolsmith: no user pool found in {} (looked at .json, .yaml, .yml, .template and .tf files)",
                    dir.display()
                );
            }
            inputs
        }
        None => vec![read_input(args.file, stdin)?],
    };
    for (name, text) in inputs {
        let kind = chosen.unwrap_or_else(|| import::detect(&text));
        if kind == import::Kind::RequestJson {
            let (_, problems, bad) = load(&text, stated_mfa);
            unreadable |= bad;
            checked.push((name, None, problems));
            continue;
        }
        for report in check_files::check_text(&text, Some(kind), resource, stated_mfa) {
            unreadable |= report.unreadable;
            for note in &report.notes {
                let pool = report.resource.as_deref().map(|r| format!(" [{r}]")).unwrap_or_default();
                let _ = writeln!(stderr, "{name}{pool}: note: {note}");
            }
            checked.push((name.clone(), report.resource, report.problems));
        }
    }
    if json_output {
        let single = directory.is_none() && checked.len() == 1;
        let mut items = Vec::new();
        for (name, resource, problems) in &checked {
            for d in problems {
                let mut item = d.to_json(true);
                if let (Json::Object(members), false) = (&mut item, single) {
                    members.insert(0, ("file".into(), Json::str(name.as_str())));
                    if let Some(resource) = resource {
                        members.insert(1, ("resource".into(), Json::str(resource.as_str())));
                    }
                }
                items.push(item);
            }
        }
        let _ = stdout.write_all(Json::Array(items).pretty().as_bytes());
    } else {
        for (name, resource, problems) in &checked {
            let _ = stdout.write_all(pool_report(name, resource.as_deref(), problems).as_bytes());
        }
    }
    let errors = checked.iter().any(|(_, _, problems)| diagnostic::has_errors(problems));
    Ok(if unreadable {
        2
    } else if errors {
        1
    } else {
        0
    })
}

/// [`human_report`] for one pool of a file that may define several: the pool's name leads
/// each line's path (`[Admins] Policies…`).
fn pool_report(name: &str, resource: Option<&str>, problems: &[Diagnostic]) -> String {
    let Some(resource) = resource else { return human_report(name, problems) };
    let report = human_report(name, problems);
    let mut out = String::with_capacity(report.len() + problems.len() * (resource.len() + 3));
    for line in report.lines() {
        match line.find("] ") {
            Some(at) if line.contains(": error[") || line.contains(": warning[") => {
                out.push_str(&line[..at + 2]);
                out.push_str(&format!("[{resource}] "));
                out.push_str(&line[at + 2..]);
            }
            _ => out.push_str(&line.replacen(name, &format!("{name} [{resource}]"), 1)),
        }
        out.push('\n');
    }
    out
}

/// The kind `--from` names, if any (`auto` is none).
fn kind_option(args: &Args) -> Result<Option<import::Kind>, Failure> {
    let kinds = || import::Kind::ALL.map(import::Kind::id).join(", ");
    match args.values.iter().find(|(name, _)| *name == "--from").map(|(_, id)| *id) {
        None | Some("auto") => Ok(None),
        Some(id) => import::Kind::from_id(id)
            .map(Some)
            .ok_or_else(|| Failure::Usage(format!("unknown import kind `{id}`; use {} or auto", kinds()))),
    }
}

/// One line per problem (`file:line:column: error[rule] path: message`) and a count.
pub fn human_report(name: &str, problems: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in problems {
        let place = match d.pos {
            Some(pos) => format!("{name}:{}:{}", pos.line, pos.column),
            None => name.to_string(),
        };
        let path =
            d.path().map(|p| p.to_string()).filter(|p| !p.is_empty()).map(|p| format!(" {p}:")).unwrap_or_default();
        out.push_str(&format!("{place}: {}[{}]{path} {}\n", d.severity.as_str(), d.rule, d.message));
    }
    let errors = problems.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = problems.len() - errors;
    if problems.is_empty() {
        out.push_str(&format!("{name}: no problems found\n"));
    } else {
        out.push_str(&format!(
            "{name}: {errors} error{}, {warnings} warning{}\n",
            plural_s(errors),
            plural_s(warnings)
        ));
    }
    out
}

fn plural_s(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The factors `--mfa` states, if given.
fn mfa_option(args: &Args) -> Result<Option<MfaFactors>, Failure> {
    let Some((_, list)) = args.values.iter().find(|(name, _)| *name == "--mfa") else { return Ok(None) };
    MfaFactors::parse_list(list).map(Some).map_err(Failure::Usage)
}

fn format_ids() -> String {
    Format::ALL.iter().map(|f| f.id()).collect::<Vec<_>>().join(", ")
}

fn export(
    args: &[String],
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<Status, Failure> {
    let args = parse_args(args, &[], &["--format", "--all", "--mfa", "--from", "--resource"])?;
    let value = |name: &str| args.values.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
    let formats: Vec<Format> = match (value("--format"), value("--all")) {
        (Some(_), Some(_)) => return Err(Failure::Usage("use either --format or --all, not both".into())),
        (None, None) => return Err(Failure::Usage(format!("export needs --format F ({}) or --all DIR", format_ids()))),
        (Some(id), None) => vec![Format::from_id(id)
            .ok_or_else(|| Failure::Usage(format!("unknown format `{id}`; formats: {}", format_ids())))?],
        (None, Some(_)) => Format::ALL.to_vec(),
    };
    let stated_mfa = mfa_option(&args)?;
    let (name, text) = read_input(args.file, stdin)?;
    let kind = kind_option(&args)?.unwrap_or_else(|| import::detect(&text));
    let (form, problems, unreadable) = if kind == import::Kind::RequestJson {
        load(&text, stated_mfa)
    } else {
        // A template, serverless.yml, Terraform file or describe output converts directly,
        // keeping its expressions and the template context they need.
        match import::import_resource(Some(kind), &text, value("--resource")) {
            Ok(mut imported) => {
                let problems = check_files::diagnose(&mut imported, stated_mfa);
                (imported.form, problems, false)
            }
            // Nothing to export: why (several pools to choose from, a syntax error, …).
            Err(problems) => (FormValue::new(), problems, true),
        }
    };
    let options = Options { mfa: form.mfa(), template: form.template().cloned() };
    if unreadable {
        let _ = stderr.write_all(human_report(&name, &problems).as_bytes());
        return Ok(2);
    }
    let errors: Vec<Diagnostic> = problems.into_iter().filter(|d| d.severity == Severity::Error).collect();
    if !errors.is_empty() {
        // Exported anyway (the user may be drafting), but the errors come first, on stderr.
        let _ = stderr.write_all(human_report(&name, &errors).as_bytes());
    }
    let request = request::to_json(&form);
    match value("--all") {
        Some(dir) => {
            let dir = std::path::Path::new(dir);
            std::fs::create_dir_all(dir)
                .map_err(|e| Failure::Input(format!("cannot create {}: {e}", dir.display())))?;
            for format in formats {
                let rendered = export::render(format, &request, &options);
                let path = dir.join(format.file_name());
                std::fs::write(&path, rendered.text)
                    .map_err(|e| Failure::Input(format!("cannot write {}: {e}", path.display())))?;
                let _ = writeln!(stdout, "{}", path.display());
            }
        }
        None => {
            let rendered = export::render(formats[0], &request, &options);
            let _ = stdout.write_all(rendered.text.as_bytes());
            for note in rendered.notes {
                let _ = writeln!(stderr, "note: {note}");
            }
        }
    }
    Ok(if errors.is_empty() { 0 } else { 1 })
}

/// `import`: the request JSON on stdout; notes, errors in the imported request, or why
/// nothing was imported on stderr.
fn import(
    args: &[String],
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<Status, Failure> {
    let args = parse_args(args, &[], &["--from", "--resource"])?;
    let chosen = kind_option(&args)?;
    let resource = args.values.iter().find(|(name, _)| *name == "--resource").map(|(_, v)| *v);
    let (name, text) = read_input(args.file, stdin)?;
    let kind = chosen.unwrap_or_else(|| import::detect(&text));
    let imported = match import::import_resource(Some(kind), &text, resource) {
        Ok(imported) => imported,
        Err(mut problems) => {
            diagnostic::sort(&mut problems);
            let _ = writeln!(stderr, "poolsmith: nothing imported from {name} as {}:", kind.title());
            let _ = stderr.write_all(human_report(&name, &problems).as_bytes());
            return Ok(2);
        }
    };
    let _ = stdout.write_all(request::to_pretty_json(&imported.form).as_bytes());
    if chosen.is_none() {
        let _ = writeln!(stderr, "note: read {name} as {} (choose with --from)", kind.title());
    }
    for note in &imported.notes {
        let _ = writeln!(stderr, "note: {note}");
    }
    let factors = imported.form.mfa();
    if factors != MfaFactors::implied_by(&request::to_json(&imported.form)) {
        // The request JSON cannot carry them (see `crate::mfa`).
        let ids = if factors.any() { factors.ids().join(",") } else { "none".to_string() };
        let _ = writeln!(
            stderr,
            "note: the pool's MFA factors are not part of the request: check and export it with --mfa {ids}"
        );
    }
    let errors: Vec<Diagnostic> =
        crate::diagnostics(&imported.form).into_iter().filter(|d| d.severity == Severity::Error).collect();
    if errors.is_empty() {
        return Ok(0);
    }
    // Positions refer to the request printed above, not to the imported file: none are shown.
    let _ = stderr.write_all(human_report("request", &errors).as_bytes());
    Ok(1)
}

/// `plan`: the change table, or the safe update's script (see `crate::plan`).
fn plan(
    args: &[String],
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<Status, Failure> {
    use crate::plan::{self, script, table};
    let args = parse_args(
        args,
        &["--json", "--keep-unset", "--if-unchanged"],
        &["--current", "--mfa-config", "--desired", "--mfa", "--format", "--accept-resets", "--resource", "--pool-id"],
    )?;
    if let Some(file) = args.file {
        return Err(Failure::Usage(format!("plan takes its files as --current and --desired, not `{file}`")));
    }
    let value = |name: &str| args.values.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
    let flag = |name: &str| args.flags.contains(&name);
    let (Some(current), Some(desired)) = (value("--current"), value("--desired")) else {
        return Err(Failure::Usage(
            "plan needs --current (describe-user-pool output) and --desired (a request)".into(),
        ));
    };
    let format = match value("--format") {
        None => None,
        Some(id) => {
            let ids = || script::FORMATS.map(Format::id).join(", ");
            let format = Format::from_id(id)
                .filter(|f| script::FORMATS.contains(f))
                .ok_or_else(|| Failure::Usage(format!("a plan is written as {}, not `{id}`", ids())))?;
            Some(format)
        }
    };
    if format.is_some() && flag("--json") {
        return Err(Failure::Usage("use either --json (the table) or --format (the script), not both".into()));
    }
    let stated = mfa_option(&args)?;
    let mut read = |file: &str| -> Result<String, Failure> { read_input(Some(file), stdin).map(|(_, text)| text) };
    let current_text = read(current)?;
    let mfa_text = value("--mfa-config").map(&mut read).transpose()?;
    let desired_text = read(desired)?;
    let unreadable = |problems: Vec<String>| Failure::Input(problems.join("\n"));
    // get-user-pool-mfa-config output may follow the describe output in the same file.
    let (describe, pasted_mfa) = plan::split_current(&current_text);
    // The current pool may also be a template's (CloudFormation, serverless.yml, Terraform).
    let resource = value("--resource");
    let now = match plan::current_from_template(&current_text, resource, value("--pool-id")) {
        Some(read) => read,
        None => plan::read_current(describe, mfa_text.as_deref().or(pasted_mfa)),
    }
    .map_err(unreadable)?;
    let wanted =
        plan::read_desired_resource(&desired_text, resource, stated, &now, flag("--keep-unset")).map_err(unreadable)?;
    let planned = plan::plan(&now, &wanted);
    for note in now.notes.iter().chain(&wanted.notes) {
        let _ = writeln!(stderr, "note: {note}");
    }
    let impossible = planned.impossible();
    let Some(format) = format else {
        if flag("--json") {
            let _ = stdout.write_all(table::to_json(&planned).pretty().as_bytes());
        } else {
            let _ = stdout.write_all(table::text(&planned).as_bytes());
        }
        return Ok(if impossible { 1 } else { 0 });
    };
    let accepted: Vec<&str> =
        value("--accept-resets").map(|list| list.split(',').map(str::trim).collect()).unwrap_or_default();
    let unconfirmed: Vec<String> = planned
        .resets()
        .iter()
        .filter(|c| !accepted.contains(&"all") && !accepted.contains(&c.path.as_str()))
        .map(|c| format!("  {}: {} → {}", c.path, c.old_text(), c.new_text()))
        .collect();
    if !unconfirmed.is_empty() {
        let _ = writeln!(
            stderr,
            "poolsmith: the update would reset {} setting(s) that the desired request leaves out:\n{}\nSet them in the desired request, keep every setting left out with --keep-unset, or confirm the resets with --accept-resets PATH,PATH (or all). No script written.",
            unconfirmed.len(),
            unconfirmed.join("\n")
        );
        return Ok(1);
    }
    let options = script::ScriptOptions { if_unchanged: flag("--if-unchanged") };
    let rendered = script::render(format, &planned, options).map_err(Failure::Usage)?;
    let _ = stdout.write_all(rendered.text.as_bytes());
    for note in rendered.notes {
        let _ = writeln!(stderr, "note: {note}");
    }
    if impossible {
        let _ = writeln!(stderr, "poolsmith: {}; the script makes every other change.", table::summary(&planned));
        for change in planned.changes.iter().filter(|c| c.api == plan::Api::Impossible) {
            let _ = writeln!(
                stderr,
                "  impossible in place: {}: {} → {}: {}",
                change.path,
                change.old_text(),
                change.new_text(),
                change.why
            );
        }
    }
    Ok(if impossible { 1 } else { 0 })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A request with no errors and no best-practice warnings.
    const CLEAN: &str = r#"{"PoolName": "ok", "DeletionProtection": "ACTIVE", "MfaConfiguration": "OPTIONAL", "SmsConfiguration": {"SnsCallerArn": "arn:aws:iam::111122223333:role/sms"}, "AutoVerifiedAttributes": ["phone_number"], "Policies": {"PasswordPolicy": {"MinimumLength": 12, "RequireUppercase": true, "RequireLowercase": true, "RequireNumbers": true, "RequireSymbols": true}}, "UsernameConfiguration": {"CaseSensitive": false}}"#;

    fn run_with(args: &[&str], input: &str) -> (Status, String, String) {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let status = run(&args, &mut input.as_bytes(), &mut out, &mut err);
        (status, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap())
    }

    #[test]
    fn usage_errors_exit_2() {
        assert_eq!(run_with(&["frobnicate"], "").0, 2);
        assert_eq!(run_with(&["export"], "{}").0, 2);
        assert_eq!(run_with(&["export", "--format", "yaml"], "{}").0, 2);
        assert_eq!(run_with(&["check", "--nope"], "{}").0, 2);
        assert_eq!(run_with(&["check", "/no/such/file.json"], "").0, 2);
        assert_eq!(run_with(&["--help"], "").0, 0);
    }

    #[test]
    fn check_reports_with_positions() {
        let (status, out, _) = run_with(&["check", "-"], "{\n  \"PoolName\": \"a/b\"\n}");
        assert_eq!(status, 1);
        assert!(out.starts_with("<stdin>:2:3: error[model.pattern] PoolName: Pool name can only include"), "{out}");
        let (status, out, _) = run_with(&["check"], CLEAN);
        assert_eq!((status, out.as_str()), (0, "<stdin>: no problems found\n"));
        let (status, out, _) = run_with(&["check"], r#"{"PoolName": "ok"}"#);
        assert_eq!(status, 0, "warnings alone do not fail a check");
        assert!(out.ends_with("<stdin>: 0 errors, 4 warnings\n"), "{out}");
    }
}
