// The guided form: cross-field rules on the right field, exports equal to the CLI's, import,
// share links, autosave, presets, undo, search, and accessibility (axe) in light and dark.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { serve, launch, openApp, appReady, field, choose, chosen, problemOf, previewRequest } from './harness.mjs';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const CLI = process.env.POOLSMITH_CLI || join(ROOT, 'target/debug/poolsmith');
const FORMATS = ['request-json', 'cli-bash', 'cli-powershell', 'cloudformation-yaml', 'cloudformation-json',
  'terraform', 'cdk-ts', 'boto3', 'js-sdk-v3', 'paws'];

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

function cliExport(request, format, mfa) {
  const dir = mkdtempSync(join(tmpdir(), 'poolsmith-e2e-'));
  const file = join(dir, 'request.json');
  writeFileSync(file, JSON.stringify(request));
  const args = ['export', '--format', format, file];
  if (mfa) args.splice(3, 0, '--mfa', mfa);
  try {
    return execFileSync(CLI, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (e) {
    return e.stdout; // exit 1: the request has errors, the export is still printed
  }
}

/** Imports a request through the import dialog. */
async function importText(page, text, kind = 'auto') {
  await page.getByRole('button', { name: 'Import…' }).click();
  await page.locator('#import-kind').selectOption(kind);
  await page.locator('#import-text').fill(text);
  await page.locator('#import-dialog').getByRole('button', { name: 'Import', exact: true }).click();
}

async function exportText(page, format) {
  await page.locator(`button[role="tab"][data-format="${format}"]`).click();
  const pre = page.locator(`pre[data-format="${format}"]`);
  await page.waitForFunction((f) => {
    const el = document.querySelector(`pre[data-format="${f}"]`);
    return el && el.getAttribute('aria-busy') === 'false' && el.textContent.length > 0;
  }, format);
  return pre.textContent();
}

const FULL = JSON.parse(readFileSync(join(ROOT, 'tests/corpus/realistic/08-acme-fully-featured.json'), 'utf8'));

test('MFA is one question: optional with an authenticator app is valid and every export turns it on', async () => {
  const { context, page, problems } = await openApp(browser, server.url);
  await field(page, 'PoolName').fill('mfa-pool');
  const decision = page.getByRole('group', { name: 'Multi-factor authentication' });
  await decision.getByRole('radio', { name: 'Optional' }).check();
  // The authenticator app needs nothing else, so it is chosen first.
  assert.ok(await decision.getByRole('checkbox', { name: 'Authenticator app (TOTP)' }).isChecked());
  await page.getByRole('button', { name: 'Check request' }).click();
  assert.equal(await page.locator('.ps-exports__errors').count(), 0, 'no error for a TOTP-only pool');
  const request = { PoolName: 'mfa-pool', MfaConfiguration: 'OPTIONAL' };
  for (const format of FORMATS) {
    assert.equal(await exportText(page, format), cliExport(request, format, 'totp'), `${format} differs from poolsmith export`);
  }
  assert.match(await exportText(page, 'cloudformation-yaml'), /MfaConfiguration: OPTIONAL\n\s+EnabledMfas:\n\s+- SOFTWARE_TOKEN_MFA\n/);
  assert.match(await exportText(page, 'terraform'), /software_token_mfa_configuration \{\n\s+enabled = true/);
  // CreateUserPool is sent with MFA off; the notes give the call that turns it on.
  assert.equal(JSON.parse(await exportText(page, 'request-json')).MfaConfiguration, 'OFF');
  assert.match(await page.locator('.ps-exports__notes').innerText(), /set-user-pool-mfa-config --user-pool-id <the new pool's ID> --cli-input-json '\{"SoftwareTokenMfaConfiguration":\{"Enabled":true\},"MfaConfiguration":"OPTIONAL"\}'/);

  // SMS without an SMS configuration: the error sits on the question and says what to do.
  await decision.getByRole('radio', { name: 'Required' }).check();
  await decision.getByRole('checkbox', { name: 'Authenticator app (TOTP)' }).uncheck();
  await decision.getByRole('checkbox', { name: 'SMS text message' }).check();
  await page.waitForFunction(() => /SMS MFA \(ON\) needs an SMS configuration/.test(document.querySelector('#error-summary')?.textContent || ''));
  assert.match(await problemOf(page, 'MfaConfiguration'), /^Error: SMS MFA \(ON\) needs an SMS configuration in the same request: add SmsConfiguration/);
  await page.locator('#error-summary').getByRole('link', { name: /SMS MFA \(ON\) needs an SMS configuration/ }).click();
  await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'MfaConfiguration');
  assert.match(await page.locator('nav.ps-nav').innerText(), /Password and MFA\s*1 error/);
  // Off clears the factors; the lint then suggests MFA.
  await decision.getByRole('radio', { name: 'Off' }).check();
  assert.equal(await decision.getByRole('checkbox').count(), 0, 'no factors while MFA is off');
  const id = await field(page, 'MfaConfiguration').getAttribute('id');
  await page.waitForFunction((id) => /MFA is off/.test(document.getElementById(`${id}-error`)?.textContent || ''), id);
  assert.equal(await problemOf(page, 'MfaConfiguration'), 'Warning: MFA is off: set MFA configuration to OPTIONAL (users choose) or ON (required), with an authenticator app (TOTP) as a factor');
  assert.deepEqual(problems, []);
  await context.close();
});

test('every export tab shows exactly what the CLI exports for the same request', async () => {
  const { context, page, problems } = await openApp(browser, server.url);
  await importText(page, JSON.stringify(FULL), 'request-json');
  await page.locator('.ps-notice', { hasText: 'Imported' }).waitFor();
  await page.getByRole('checkbox', { name: 'Authenticator app (TOTP)' }).check();
  const expected = Object.fromEntries(FORMATS.map((format) => [format, cliExport(FULL, format, 'totp')]));
  // Every text the panel ever shows under a format's name is that format's: it starts as that
  // format's export does (stale text of the same format, a keystroke old, is allowed).
  await page.evaluate(() => {
    window.__shown = [];
    const pre = document.querySelector('pre.ps-code');
    const record = () => window.__shown.push([pre.getAttribute('data-format'), pre.textContent]);
    new MutationObserver(record).observe(pre, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  for (const format of FORMATS) {
    const shown = await exportText(page, format);
    assert.equal(shown, expected[format], `${format} differs from poolsmith export`);
  }
  const head = (text) => text.split('\n').slice(0, 2).join('\n');
  for (const [format, text] of await page.evaluate(() => window.__shown)) {
    if (text) assert.equal(head(text), head(expected[format]), `the ${format} tab showed another format's text`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('copy asks to confirm the locked choices first, then copies; download names the file', async () => {
  const { context, page, problems } = await openApp(browser, server.url);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
  await importText(page, JSON.stringify(FULL), 'request-json');
  await exportText(page, 'terraform');
  await page.getByRole('button', { name: 'Copy', exact: true }).click();
  const checklist = page.locator('#locked-checklist');
  await checklist.waitFor();
  assert.match(await checklist.innerText(), /Users sign in with their email as the username\.[\s\S]*Usernames are case-insensitive\.[\s\S]*custom:tenant_id/);
  await checklist.getByRole('button', { name: 'These are right: copy' }).click();
  await page.locator('.ps-exports__copied', { hasText: 'Copied the Terraform export.' }).waitFor();
  const clipboard = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(clipboard, cliExport(FULL, 'terraform'));
  // Confirmed once: the next copy goes straight through.
  await exportText(page, 'boto3');
  await page.getByRole('button', { name: 'Copy', exact: true }).click();
  await page.locator('.ps-exports__copied', { hasText: 'Copied the boto3 (Python) export.' }).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download create_user_pool.py' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'create_user_pool.py');
  assert.equal(readFileSync(await download.path(), 'utf8'), cliExport(FULL, 'boto3'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('a broken import changes nothing and says why; a good one replaces the form and can be undone', async () => {
  const { context, page, problems } = await openApp(browser, server.url);
  await field(page, 'PoolName').fill('keep-me');
  await importText(page, '{"PoolName": "x",}', 'request-json');
  const failure = page.locator('#import-problems');
  await failure.waitFor();
  assert.match(await failure.innerText(), /did not change anything[\s\S]*trailing comma/);
  await page.locator('#import-text').fill('{"PoolNmae": "x"}');
  await page.locator('#import-dialog').getByRole('button', { name: 'Import', exact: true }).click();
  await page.locator('#import-problems', { hasText: 'did you mean PoolName?' }).waitFor();
  assert.deepEqual(await previewRequest(page), { PoolName: 'keep-me' });
  await page.locator('#import-text').fill(JSON.stringify({ PoolName: 'imported', UserPoolTier: 'PLUS' }));
  await page.locator('#import-dialog').getByRole('button', { name: 'Import', exact: true }).click();
  await page.locator('.ps-notice', { hasText: 'Imported' }).waitFor();
  assert.deepEqual(await previewRequest(page), { PoolName: 'imported', UserPoolTier: 'PLUS' });
  assert.equal(await chosen(page, 'UserPoolTier'), 'PLUS', 'the form shows the imported value');
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.deepEqual(await previewRequest(page), { PoolName: 'keep-me' });
  await page.getByRole('button', { name: 'Redo' }).click();
  assert.deepEqual(await previewRequest(page), { PoolName: 'imported', UserPoolTier: 'PLUS' });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a chosen file is read as UTF-8 or as UTF-16 with a byte-order mark; other bytes are refused with the fix', async () => {
  const { context, page, problems } = await openApp(browser, server.url);
  await page.getByRole('button', { name: 'Import…' }).click();
  // What Windows PowerShell 5.1 writes for `aws … > pool.json`: UTF-16LE with a byte-order mark, CRLF.
  const text = '{\r\n  "PoolName": "café 😀",\r\n  "UserPoolTier": "PLUS"\r\n}\r\n';
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  await page.locator('#import-file').setInputFiles({ name: 'request.json', mimeType: 'application/json', buffer: utf16 });
  // A textarea's value has LF line ends.
  await page.waitForFunction((t) => document.querySelector('#import-text').value === t, text.replace(/\r\n/g, '\n'));
  await page.locator('#import-dialog').getByRole('button', { name: 'Import', exact: true }).click();
  await page.locator('.ps-notice', { hasText: 'Imported' }).waitFor();
  assert.deepEqual(await previewRequest(page), { PoolName: 'café 😀', UserPoolTier: 'PLUS' });
  await page.getByRole('button', { name: 'Import…' }).click();
  const latin1 = Buffer.from('{"PoolName": "caf\xe9"}', 'latin1');
  await page.locator('#import-file').setInputFiles({ name: 'latin1.json', mimeType: 'application/json', buffer: latin1 });
  await page.locator('#import-problems', { hasText: 'The file is not UTF-8 text (invalid byte at offset 17): save it as UTF-8' }).waitFor();
  assert.deepEqual(await previewRequest(page), { PoolName: 'café 😀', UserPoolTier: 'PLUS' }, 'a refused file changes nothing');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the share link rebuilds the form, and a reload restores the draft', async () => {
  const { context, page, problems } = await openApp(browser, server.url);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
  const tricky = { PoolName: 'shared pool', UserPoolTags: { note: 'quotes " and \' and $x `y` ${z} %{w} é 😀' } };
  await importText(page, JSON.stringify(tricky), 'request-json');
  await page.getByRole('button', { name: 'Copy share link' }).click();
  await page.locator('#status', { hasText: 'Share link copied' }).waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(link, /#request=[A-Za-z0-9_-]+$/);
  const other = await browser.newContext();
  const shared = await other.newPage();
  await shared.goto(link);
  await appReady(shared);
  await shared.locator('.ps-notice', { hasText: 'Loaded the request from the share link.' }).waitFor();
  assert.deepEqual(await previewRequest(shared), tricky);
  assert.ok(!shared.url().includes('#request='), 'the fragment is cleared after loading');
  await other.close();

  await choose(page, 'DeletionProtection', 'ACTIVE');
  await page.reload();
  await appReady(page);
  assert.deepEqual(await previewRequest(page), { ...tricky, DeletionProtection: 'ACTIVE' });
  assert.equal(await field(page, 'PoolName').inputValue(), 'shared pool');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a corrupt saved draft never breaks the app and is set aside', async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('poolsmith.draft', '{"version": 1, "request": {"PoolName": ');
      sessionStorage.setItem('seeded', '1');
    }
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  await appReady(page);
  await page.locator('.ps-notice', { hasText: 'could not be read' }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('poolsmith.draft.unreadable')), '{"version": 1, "request": {"PoolName": ');
  assert.deepEqual(errors, []);
  await context.close();
});

test('Import and Presets are modal dialogs: focus moves in, Escape closes, focus returns; an import focuses its notice', async () => {
  const { context, page, problems } = await openApp(browser, server.url);
  const focusedId = () => page.evaluate(() => document.activeElement?.id);
  for (const [button, dialog] of [['Import…', '#import-dialog'], ['Presets…', '#preset-menu']]) {
    await page.getByRole('button', { name: button }).click();
    assert.ok(await page.locator(dialog).evaluate((d) => d.open && d.matches(':modal')), `${button} opens a modal dialog`);
    assert.ok(await page.locator(dialog).evaluate((d) => d.contains(document.activeElement)), `focus moves into ${dialog}`);
    await page.keyboard.press('Escape');
    assert.equal(await page.locator(dialog).evaluate((d) => d.open), false, 'Escape closes it');
    assert.equal(await focusedId(), button === 'Import…' ? 'import-open' : 'preset-open', 'focus returns to the button');
  }
  await page.getByRole('button', { name: 'Import…' }).click();
  await page.locator('#import-text').fill('{"PoolName": "imported"}');
  await page.locator('#import-dialog').getByRole('button', { name: 'Import', exact: true }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'notices');
  assert.match(await page.locator('#notices').innerText(), /Imported/);
  assert.ok(await page.evaluate(() => document.getElementById('notices').getBoundingClientRect().top >= 0), 'the notice is in view');
  assert.deepEqual(problems, []);
  await context.close();
});

test('presets apply on top of the form and say what they changed', async () => {
  const { context, page, problems } = await openApp(browser, server.url);
  await field(page, 'PoolName').fill('secure');
  await page.getByRole('button', { name: 'Presets…' }).click();
  await page.locator('[data-preset="high-security"]').click();
  const notice = page.locator('.ps-notice');
  await notice.waitFor();
  assert.match(await notice.innerText(), /Applied the preset “High security \(Plus, threat protection enforced\)”: \d+ changes[\s\S]*UserPoolTier: set to PLUS/);
  const request = await previewRequest(page);
  assert.equal(request.PoolName, 'secure');
  assert.equal(request.UserPoolAddOns.AdvancedSecurityMode, 'ENFORCED');
  assert.equal(request.MfaConfiguration, 'OPTIONAL');
  assert.ok(await page.getByRole('checkbox', { name: 'Authenticator app (TOTP)' }).isChecked(), 'the preset chooses TOTP');
  assert.ok(await page.getByRole('checkbox', { name: 'SMS text message' }).isChecked(), 'and SMS');
  assert.deepEqual(problems, []);
  await context.close();
});

test('find a parameter jumps to it; start over asks first', async () => {
  const { context, page, problems } = await openApp(browser, server.url);
  await page.locator('#search').fill('case sensitive');
  await page.locator('.ps-search__result', { hasText: 'UsernameConfiguration.CaseSensitive' }).first().click();
  await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'UsernameConfiguration.CaseSensitive');
  await page.locator('#search').fill('KMSKeyID');
  await page.locator('#search').press('Enter');
  await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'LambdaConfig.KMSKeyID');
  await field(page, 'PoolName').fill('to-clear');
  page.once('dialog', (dialog) => dialog.dismiss());
  await page.getByRole('button', { name: 'Start over' }).click();
  assert.deepEqual(await previewRequest(page), { PoolName: 'to-clear' }, 'dismissing keeps everything');
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Start over' }).click();
  assert.deepEqual(await previewRequest(page), {});
  assert.deepEqual(problems, []);
  await context.close();
});

test('lists and maps: add, edit, reorder and remove rows without losing focus', async () => {
  const { context, page, problems } = await openApp(browser, server.url);
  await page.getByRole('button', { name: 'Add attribute' }).click();
  await field(page, 'Schema[0].Name').fill('tenant');
  await choose(page, 'Schema[0].AttributeDataType', 'String');
  await page.getByRole('button', { name: 'Add attribute' }).click();
  const second = field(page, 'Schema[1].Name');
  await second.fill('plan');
  const id = await second.getAttribute('id');
  await page.getByRole('button', { name: 'Move Attribute 2 up' }).click();
  assert.equal(await page.locator(`[id="${id}"]`).getAttribute('name'), 'Schema[0].Name', 'the row keeps its control as it moves');
  assert.deepEqual((await previewRequest(page)).Schema.map((a) => a.Name), ['plan', 'tenant']);
  await page.getByRole('button', { name: 'Add tag' }).click();
  const key = page.locator('[name="UserPoolTags{}@key"]');
  await key.focus();
  await key.pressSequentially('env');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'UserPoolTags{env}@key', 'focus stays in the key while its path changes');
  await field(page, 'UserPoolTags{env}').fill('prod');
  assert.deepEqual((await previewRequest(page)).UserPoolTags, { env: 'prod' });
  await page.getByRole('button', { name: 'Remove Tag env' }).click();
  await page.getByRole('button', { name: 'Remove Attribute 1' }).click();
  assert.deepEqual((await previewRequest(page)).Schema.map((a) => a.Name), ['tenant']);
  assert.deepEqual(problems, []);
  await context.close();
});

for (const colorScheme of ['light', 'dark']) {
  test(`axe finds no WCAG 2.2 AA violations with every section open (${colorScheme})`, async () => {
    const { context, page, problems } = await openApp(browser, server.url, { colorScheme });
    await importText(page, JSON.stringify(FULL), 'request-json');
    await page.getByRole('button', { name: 'Check request' }).click();
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
    await page.locator('.ps-help__body >> text=Loading').first().waitFor({ state: 'detached', timeout: 10000 }).catch(() => {});
    await page.getByRole('button', { name: 'Import…' }).click();
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .options({ rules: { 'target-size': { enabled: true } } })
      .analyze();
    const summary = results.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    assert.deepEqual(summary, []);
    assert.deepEqual(problems, []);
    await context.close();
  });
}
