// Synthesizes every compiled cdk-ts export in one Node process and compares its UserPool
// resource and outputs with the cloudformation-json export of the same request.
//
//   node synth.cjs BUILD WORK NAME…
//
// BUILD holds out/NAME.js (tsc's output for $WORK/out/NAME/user-pool-stack.ts), tsc.log and a
// node_modules link to the pinned aws-cdk-lib. A request whose stack has a type error fails
// with the compiler's message. Prints one line per request and a summary; exits 1 on failure.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { createRequire } = require('node:module');
const assert = require('node:assert');

const [build, work, ...names] = process.argv.slice(2);
// Resolve aws-cdk-lib as the compiled stacks do, so both share one module instance.
const requireHere = createRequire(path.join(path.resolve(build), 'out', 'index.js'));
// With the CDK CLI's variable set, an App synthesizes on exit; the exports' own `new App()` must not.
delete process.env.CDK_OUTDIR;
const { App } = requireHere('aws-cdk-lib');

const typeErrors = {};
for (const line of fs.readFileSync(path.join(build, 'tsc.log'), 'utf8').split('\n')) {
  const match = /^src\/(.+)\.ts\(/.exec(line);
  if (match) (typeErrors[match[1]] ??= []).push(line);
}
const otherCompilerOutput = fs.readFileSync(path.join(build, 'tsc.log'), 'utf8').split('\n').filter((l) => l && !/^src\/|^ /.test(l));

// Everything CloudFormation acts on for the resource (CDK adds its own path Metadata, which is
// compared only for the cfn-lint entry the exports write).
const RESOURCE_KEYS = ['Type', 'Properties', 'DeletionPolicy', 'UpdateReplacePolicy', 'Condition', 'DependsOn'];
const essentials = (resource) => ({
  ...Object.fromEntries(RESOURCE_KEYS.filter((k) => k in resource).map((k) => [k, resource[k]])),
  lintMetadata: resource.Metadata?.['cfn-lint'],
});

/** CDK's validation findings as `RULE at PATH` strings (none when there is no report). */
function validationFindings(report) {
  if (!fs.existsSync(report)) return [];
  const found = [];
  for (const plugin of JSON.parse(fs.readFileSync(report, 'utf8')).pluginReports ?? []) {
    for (const violation of plugin.violations ?? []) {
      for (const construct of violation.violatingConstructs ?? []) {
        for (const at of construct.cloudFormationResource?.propertyPaths ?? ['?']) found.push(`${violation.ruleName} at ${at}: ${violation.description}`);
      }
    }
  }
  return found;
}

/** A generated request's tag key that CloudFormation's schema refuses, announced by the export. */
const explained = (finding, notes) =>
  /^F3002 at Properties\.UserPoolTags\./.test(finding) && notes.includes('tag key(s) use characters');

let passed = 0;
let failed = 0;
const fail = (name, why) => {
  console.log(`FAIL cdk-synth ${name}\n     ${why.split('\n').slice(0, 40).join('\n     ')}`);
  failed++;
};
for (const name of names) {
  if (typeErrors[name]) {
    fail(name, `tsc --strict: ${typeErrors[name].join('\n')}`);
    continue;
  }
  try {
    const stackModule = requireHere(path.resolve(build, 'out', `${name}.js`));
    const outdir = fs.mkdtempSync(path.join(path.resolve(build), `cdk.out-${name}-`));
    // CDK validates the template against CloudFormation's rules at synthesis; new projects make
    // the findings errors. Here they stay warnings, read from the report file, so that each is
    // judged below; its console copy is dropped.
    const app = new App({ outdir, analyticsReporting: false, context: { '@aws-cdk/core:validateAgainstDefaultRules': false } });
    new stackModule.UserPoolStack(app, 'UserPoolStack');
    const write = process.stderr.write;
    process.stderr.write = () => true;
    let assembly;
    try {
      assembly = app.synth();
    } finally {
      process.stderr.write = write;
    }
    const findings = validationFindings(path.join(outdir, 'validation-report.json'));
    const notes = fs.readFileSync(path.join(build, 'src', `${name}.ts`), 'utf8').split('\n').filter((l) => l.startsWith('//')).join('\n');
    const unexplained = findings.filter((f) => !(name.startsWith('gen-') && explained(f, notes)));
    assert.deepStrictEqual(unexplained, [], 'CDK template validation');
    const tolerated = findings.length - unexplained.length;
    const synthesized = assembly.getStackByName('UserPoolStack').template;
    const exported = JSON.parse(fs.readFileSync(path.join(work, 'out', name, 'user-pool.template.json'), 'utf8'));
    assert.deepStrictEqual(Object.keys(synthesized.Resources), ['UserPool'], 'resources');
    assert.deepStrictEqual(essentials(synthesized.Resources.UserPool), essentials(exported.Resources.UserPool));
    assert.deepStrictEqual(synthesized.Outputs, exported.Outputs);
    console.log(`ok   cdk-synth ${name}${tolerated ? ` (${tolerated} validation warning(s) on tag keys the export's notes warn about)` : ''}`);
    passed++;
  } catch (error) {
    fail(name, String((error && error.message) || error));
  }
}
if (otherCompilerOutput.length) console.log(`tsc also said:\n${otherCompilerOutput.join('\n')}`);
console.log(`cdk-synth: ${passed} passed, ${failed} failed`);
process.exit(failed || otherCompilerOutput.length ? 1 : 0);
