// Synthesizes the compiled cdk-ts exports of the template fixtures (tests/conformance/
// check-cdk-expressions) in one Node process and compares each with the cloudformation-json
// export of the same pool: the pool resource (Type, Properties, policies, Condition,
// DependsOn; Fn::Join in CDK's minimal form, see minimalJoins), Parameters (but CDK's own BootstrapVersion), Conditions, Mappings and Outputs.
//
//   node synth-expressions.cjs BUILD
//
// BUILD holds cases.tsv (name, fixture, pool), src/NAME.ts, out/NAME.js, json/NAME.json,
// tsc.log and a node_modules link to the pinned aws-cdk-lib.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { createRequire } = require('node:module');
const assert = require('node:assert');

const build = path.resolve(process.argv[2]);
const requireHere = createRequire(path.join(build, 'out', 'index.js'));
delete process.env.CDK_OUTDIR;
const { App } = requireHere('aws-cdk-lib');

const tscLog = fs.readFileSync(path.join(build, 'tsc.log'), 'utf8').split('\n');
const typeErrors = {};
for (const line of tscLog) {
  const match = /^src\/(.+)\.ts\(/.exec(line);
  if (match) (typeErrors[match[1]] ??= []).push(line);
}
const otherCompilerOutput = tscLog.filter((l) => l && !/^src\/|^ /.test(l));

const RESOURCE_KEYS = ['Type', 'Properties', 'DeletionPolicy', 'UpdateReplacePolicy', 'Condition', 'DependsOn'];
const essentials = (resource) => ({
  ...Object.fromEntries(RESOURCE_KEYS.filter((k) => k in resource).map((k) => [k, resource[k]])),
  lintMetadata: resource.Metadata?.['cfn-lint'],
});
const section = (template, key, drop = []) => {
  const entries = Object.entries(template[key] ?? {}).filter(([k]) => !drop.includes(k));
  return Object.fromEntries(entries);
};

// aws-cdk-lib's Fn.join resolves to its minimal form (FnJoin, minimalCloudFormationJoin): nested
// joins with the same delimiter are flattened, adjacent literal strings joined, and a join of
// one item is that item. CloudFormation gives both forms the same value, so the export's
// Fn::Join is compared in that form; the output says for which pools it mattered.
let folded = 0;
function minimalJoins(value) {
  if (Array.isArray(value)) return value.map(minimalJoins);
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'Fn::Join' && Array.isArray(value['Fn::Join'][1])) {
    const [delimiter, parts] = value['Fn::Join'];
    const flat = [];
    for (const part of parts.map(minimalJoins)) {
      const nested = part && typeof part === 'object' && !Array.isArray(part) && Object.keys(part).length === 1 && part['Fn::Join'];
      flat.push(...(nested && nested[0] === delimiter && Array.isArray(nested[1]) ? nested[1] : [part]));
    }
    const merged = [];
    for (const part of flat) {
      if (typeof part === 'string' && typeof merged[merged.length - 1] === 'string') merged[merged.length - 1] += delimiter + part;
      else merged.push(part);
    }
    const result = merged.length === 1 ? merged[0] : { 'Fn::Join': [delimiter, merged] };
    if (JSON.stringify(result) !== JSON.stringify(value)) folded++;
    return result;
  }
  return Object.fromEntries(keys.map((k) => [k, minimalJoins(value[k])]));
}

// A parameter's declaration as CloudFormation reads it: `MinLength: "1"` and `MinLength: 1` are
// the same constraint, `AllowedValues: [true]` the text "true". The CDK's CfnParameter props are
// typed (minLength: number, allowedValues: string[]), so one side may hold the other spelling.
function parameters(declared) {
  const numeric = ['MinLength', 'MaxLength', 'MinValue', 'MaxValue'];
  return Object.fromEntries(Object.entries(declared).map(([name, body]) => [name, Object.fromEntries(Object.entries(body).map(([key, value]) => {
    if (numeric.includes(key) && value !== '' && !Number.isNaN(Number(value))) return [key, Number(value)];
    if (key === 'AllowedValues' && Array.isArray(value)) return [key, value.map(String)];
    return [key, value];
  }))]));
}

let passed = 0;
let failed = 0;
const cases = fs.readFileSync(path.join(build, 'cases.tsv'), 'utf8').split('\n').filter(Boolean).map((l) => l.split('\t'));
for (const [name, fixture, pool] of cases) {
  const label = `${fixture} ${pool}`;
  try {
    const exportFailed = path.join(build, 'src', `${name}.export-failed`);
    if (fs.existsSync(exportFailed)) throw new Error(fs.readFileSync(exportFailed, 'utf8').trim());
    if (typeErrors[name]) throw new Error(`tsc --strict:\n${typeErrors[name].join('\n')}`);
    const stackModule = requireHere(path.join(build, 'out', `${name}.js`));
    const outdir = fs.mkdtempSync(path.join(build, `cdk.out-${name}-`));
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
    const synthesized = assembly.getStackByName('UserPoolStack').template;
    folded = 0;
    const exported = minimalJoins(JSON.parse(fs.readFileSync(path.join(build, 'json', `${name}.json`), 'utf8')));
    const ids = Object.keys(exported.Resources);
    assert.deepStrictEqual(Object.keys(synthesized.Resources), ids, 'resources (logical IDs)');
    for (const id of ids) assert.deepStrictEqual(essentials(synthesized.Resources[id]), essentials(exported.Resources[id]), `resource ${id}`);
    assert.deepStrictEqual(parameters(section(synthesized, 'Parameters', ['BootstrapVersion'])), parameters(section(exported, 'Parameters')), 'Parameters');
    assert.deepStrictEqual(section(synthesized, 'Conditions'), section(exported, 'Conditions'), 'Conditions');
    assert.deepStrictEqual(section(synthesized, 'Mappings'), section(exported, 'Mappings'), 'Mappings');
    assert.deepStrictEqual(synthesized.Outputs, exported.Outputs, 'Outputs');
    const used = ['Parameters', 'Conditions', 'Mappings'].map((k) => `${Object.keys(section(exported, k)).length} ${k.toLowerCase()}`);
    const note = folded ? `; ${folded} Fn::Join of the export compared in CDK's minimal form` : '';
    console.log(`ok   cdk-expressions ${label} (${used.join(', ')}${note})`);
    passed++;
  } catch (error) {
    const why = String((error && error.message) || error);
    console.log(`FAIL cdk-expressions ${label}\n     ${why.split('\n').slice(0, 40).join('\n     ')}`);
    failed++;
  }
}
if (otherCompilerOutput.length) console.log(`tsc also said:\n${otherCompilerOutput.join('\n')}`);
console.log(`cdk-expressions: ${passed} pools passed (tsc --strict, synth = cloudformation-json export), ${failed} failed`);
process.exit(failed || otherCompilerOutput.length ? 1 : 0);
