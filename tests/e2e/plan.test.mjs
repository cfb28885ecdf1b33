// "Change an existing pool": the import dialog loads describe-user-pool output (and the
// get-user-pool-mfa-config output after it) as the form; the export panel then shows, for the
// pool as edited, the safe update script of the chosen format, with the change table and the
// reset report leading its notes (all made by the helper worker, op `plan`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve, launch, openApp, field } from './harness.mjs';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const CLI = process.env.POOLSMITH_CLI || join(ROOT, 'target/debug/poolsmith');
const CORPUS = join(ROOT, 'tests/corpus/describe');

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function panel(page, format) {
  await page.locator(`button[role="tab"][data-format="${format}"]`).click();
  await page.waitForFunction((f) => {
    const el = document.querySelector(`pre[data-format="${f}"]`);
    return el && el.getAttribute('aria-busy') === 'false' && el.textContent.length > 0;
  }, format);
  return {
    text: await page.locator(`pre[data-format="${format}"]`).textContent(),
    notes: await page.locator('.ps-exports__notes li').allTextContents(),
  };
}

test('a described pool loads as the form, and an edit shows as a planned change with the safe update', async () => {
  const { context, page, problems } = await openApp(browser, server.url);
  const describe = readFileSync(join(CORPUS, 'case-insensitive-triggers-devices.json'), 'utf8');
  const mfa = readFileSync(join(CORPUS, 'case-insensitive-triggers-devices.mfa.json'), 'utf8');
  await page.getByRole('button', { name: 'Import…' }).click();
  await page.locator('#import-kind').selectOption('plan');
  await page.locator('#import-text').fill(`${describe}\n${mfa}`);
  await page.locator('#import-dialog').getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('region', { name: 'Notices' }).waitFor();
  assert.match(await page.getByRole('region', { name: 'Notices' }).innerText(), /Imported the pool to change \(describe-user-pool output\)\./);
  assert.equal(await field(page, 'PoolName').inputValue(), 'app-users prod');
  let shown = await panel(page, 'cli-bash');
  assert.equal(shown.notes[0], 'Changes to the existing pool us-east-1_Trig00001: no changes: the pool already is the desired one.');

  await field(page, 'PoolName').fill('app-users renamed');
  await page.waitForFunction(() => document.querySelector('.ps-exports__notes li')?.textContent.includes('1 change'));
  shown = await panel(page, 'cli-bash');
  assert.match(shown.notes[1], /^PoolName: "app-users prod" → "app-users renamed"\. API: UpdateUserPool \(in place\)\. CloudFormation: updates in place\. Terraform \(AWS provider 6\.x\): updates in place from provider 6\.6\.0/);
  // The same script as the command line's for the same pool and desired request.
  const dir = mkdtempSync(join(tmpdir(), 'poolsmith-plan-e2e-'));
  const current = join(dir, 'current.json');
  writeFileSync(current, `${describe}\n${mfa}`);
  let imported;
  try {
    imported = execFileSync(CLI, ['import', '--from', 'describe-user-pool', join(CORPUS, 'case-insensitive-triggers-devices.json')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (e) {
    imported = e.stdout; // exit 1: MFA OPTIONAL without --mfa factors is an error for a new pool
  }
  const desired = JSON.parse(imported);
  desired.PoolName = 'app-users renamed';
  writeFileSync(join(dir, 'desired.json'), JSON.stringify(desired));
  const cli = execFileSync(CLI, ['plan', '--current', current, '--desired', join(dir, 'desired.json'), '--mfa', 'totp,email', '--format', 'cli-bash', '--if-unchanged'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  assert.equal(shown.text, cli);
  assert.match(shown.text, /"PreSignUp": "arn:aws:lambda:us-east-1:111122223333:function:pre-sign-up"/);

  // Before the script is copied, the checklist lists what the update cannot undo (each setting
  // it resets, each change that needs a new pool), the same as the command line's reset report:
  // a rename resets nothing.
  await page.getByRole('button', { name: 'Copy', exact: true }).click();
  const checklist = page.locator('#locked-checklist');
  await checklist.waitFor();
  const items = await checklist.locator('li').allTextContents();
  assert.deepEqual(items, ['Nothing is reset: the update repeats every setting the form keeps']);
  assert.deepEqual(problems, []);
  await context.close();
});
