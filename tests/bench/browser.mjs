// Browser benchmarks (run by scripts/bench, not by the tests): time to interactive over cold
// loads, and the time from an input event to the DOM showing the new diagnostics and the
// visible export, for keystrokes spread over fields of every kind on the largest request.
// Prints JSON on stdout.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve, launch, appReady } from '../e2e/harness.mjs';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const LARGEST = readFileSync(join(ROOT, 'tests/data/largest-request.json'), 'utf8');
const LOADS = Number(process.env.LOADS || 10);
const KEYSTROKES = Number(process.env.KEYSTROKES || 240);

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { n: s.length, p50: at(0.5), p95: at(0.95), max: s[s.length - 1] };
};

const server = await serve();
const browser = await launch();

// 1. Interactive: navigation start → performance.mark("poolsmith:interactive") (the first
// fields take input), and → "poolsmith:complete" (every section is in), over cold loads.
const interactive = [];
const complete = [];
const markTime = (name) => performance.getEntriesByName(name)[0]?.startTime;
for (let i = 0; i < LOADS; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForFunction(markTime, 'poolsmith:complete');
  interactive.push(await page.evaluate(markTime, 'poolsmith:interactive'));
  complete.push(await page.evaluate(markTime, 'poolsmith:complete'));
  await context.close();
}

// 2. Keystrokes on the largest request.
const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
const page = await context.newPage();
await page.goto(server.url);
await appReady(page);
await page.getByRole('button', { name: 'Import…' }).click();
await page.locator('#import-text').fill(LARGEST);
await page.locator('#import-dialog').getByRole('button', { name: 'Import', exact: true }).click();
await page.locator('[name="Schema[49].Name"]').waitFor();
await page.getByRole('button', { name: 'Check request' }).click(); // diagnostics shown everywhere
const fields = [
  'PoolName', 'Policies.PasswordPolicy.MinimumLength', 'LambdaConfig.PreSignUp', 'VerificationMessageTemplate.EmailMessage',
  'Schema[3].Name', 'Schema[40].NumberAttributeConstraints.MaxValue', 'UserPoolTags{tag-07}', 'UserPoolTags{tag-45}',
  'SmsConfiguration.ExternalId', 'EmailConfiguration.From', 'AdminCreateUserConfig.InviteMessageTemplate.SMSMessage',
  'AccountRecoverySetting.RecoveryMechanisms[0].Priority',
];
const { times, cross } = await page.evaluate(async ({ fields, count }) => {
  const pre = () => document.querySelector('pre[data-format="request-json"]');
  const marks = () => performance.getEntriesByName('poolsmith:cross-field');
  const out = [];
  const crossOut = [];
  for (let i = 0; i < count; i++) {
    // Each field gets a pair of keystrokes: add a character, then take it away, so every
    // keystroke changes the request and the form ends as it started.
    const name = fields[Math.floor(i / 2) % fields.length];
    const input = document.querySelector(`[name="${name}"]`);
    if (!input) throw new Error(`no field ${name}`);
    const original = input.value;
    const next = i % 2 === 0 ? original + '7' : original.slice(0, -1);
    const target = pre();
    const changed = new Promise((resolve) => {
      const observer = new MutationObserver(() => { observer.disconnect(); resolve(performance.now()); });
      observer.observe(target, { childList: true, characterData: true, subtree: true });
    });
    const seen = marks().length;
    const t0 = performance.now();
    input.value = next;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    const t1 = await changed;
    out.push(t1 - t0);
    // The cross-field diagnostics come from the helper worker: wait for this edit's answer.
    while (marks().length === seen) await new Promise((r) => setTimeout(r, 0));
    crossOut.push(marks()[marks().length - 1].startTime - t0);
  }
  return { times: out, cross: crossOut };
}, { fields, count: KEYSTROKES });
await context.close();
await browser.close();
await server.close();
console.log(JSON.stringify({ interactive_ms: stats(interactive), complete_ms: stats(complete), keystroke_ms: stats(times), cross_field_ms: stats(cross) }));
