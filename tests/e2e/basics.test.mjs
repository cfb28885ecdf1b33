// The first browser slice: the basics render from the model, validate as you type, and the
// request preview follows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openApp, field, choose, problemOf, previewRequest } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('an invalid pool name shows its error on leaving the field and clears as soon as it is fixed', async () => {
  const { context, page, problems } = await openApp(browser, server.url);
  const name = field(page, 'PoolName');
  await name.fill('my/pool');
  assert.equal(await problemOf(page, 'PoolName'), null, 'no error while the user is still typing (pristine field)');
  await name.press('Tab');
  const message = await problemOf(page, 'PoolName');
  assert.match(message, /^Error: Pool name can only include letters A to Z, numbers, spaces and \+ = , \. @ - _: remove ‘\/’ \(character 3\)$/);
  assert.equal(await name.getAttribute('aria-invalid'), 'true');
  const describedBy = await name.getAttribute('aria-describedby');
  assert.ok(describedBy.split(' ').some((id) => id.endsWith('-error')), 'the error is linked with aria-describedby');
  await name.focus();
  await name.press('End');
  await name.press('Backspace');
  await name.press('Backspace');
  await name.press('Backspace');
  await name.press('Backspace');
  await name.press('Backspace');
  await name.type('-pool');
  assert.equal(await problemOf(page, 'PoolName'), null, 'fixing the value clears the error at once, before blur');
  assert.equal(await name.getAttribute('aria-invalid'), null);
  assert.deepEqual(await previewRequest(page), { PoolName: 'my-pool' });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the basics and the password policy render from the model and fill the preview in model order', async () => {
  const { context, page, problems } = await openApp(browser, server.url);
  for (const path of ['PoolName', 'UserPoolTier', 'DeletionProtection', 'Policies.PasswordPolicy.MinimumLength',
    'Policies.PasswordPolicy.RequireUppercase', 'Policies.PasswordPolicy.RequireLowercase', 'Policies.PasswordPolicy.RequireNumbers',
    'Policies.PasswordPolicy.RequireSymbols', 'Policies.PasswordPolicy.PasswordHistorySize',
    'Policies.PasswordPolicy.TemporaryPasswordValidityDays']) {
    assert.ok(await field(page, path).count() >= 1, `${path} has a control named by its path`);
  }
  const label = await page.locator(`label[for="${await field(page, 'PoolName').getAttribute('id')}"]`).innerText();
  assert.equal(label.trim(), 'Pool name');
  const minLabel = await page.locator(`label[for="${await field(page, 'Policies.PasswordPolicy.MinimumLength').getAttribute('id')}"]`).innerText();
  assert.equal(minLabel.trim(), 'Minimum length (optional)');
  // A short enum is radios, the first saying what AWS does when it is left out.
  const tiers = page.getByRole('radiogroup', { name: 'Feature plan (optional)' }).getByRole('radio');
  assert.deepEqual(await tiers.evaluateAll((radios) => radios.map((r) => r.labels[0].textContent)), ['Not set: AWS uses ESSENTIALS', 'LITE', 'ESSENTIALS', 'PLUS']);

  await choose(page, 'UserPoolTier', 'PLUS');
  await field(page, 'PoolName').fill('pool');
  await field(page, 'Policies.PasswordPolicy.MinimumLength').fill('5');
  await field(page, 'Policies.PasswordPolicy.MinimumLength').press('Tab');
  assert.equal(await problemOf(page, 'Policies.PasswordPolicy.MinimumLength'), 'Error: Enter a minimum length from 6 to 99');
  await field(page, 'Policies.PasswordPolicy.MinimumLength').fill('12');
  assert.equal(await problemOf(page, 'Policies.PasswordPolicy.MinimumLength'), null);
  await choose(page, 'DeletionProtection', 'ACTIVE');
  await choose(page, 'Policies.PasswordPolicy.RequireSymbols', 'true');

  const request = await previewRequest(page);
  assert.deepEqual(request, {
    PoolName: 'pool',
    Policies: { PasswordPolicy: { MinimumLength: 12, RequireSymbols: true } },
    DeletionProtection: 'ACTIVE',
    UserPoolTier: 'PLUS',
  });
  assert.deepEqual(Object.keys(request), ['PoolName', 'Policies', 'DeletionProtection', 'UserPoolTier'], 'model member order');

  // Clearing the last password field removes the whole Policies object again.
  await field(page, 'Policies.PasswordPolicy.MinimumLength').fill('');
  await choose(page, 'Policies.PasswordPolicy.RequireSymbols', '');
  assert.deepEqual(await previewRequest(page), { PoolName: 'pool', DeletionProtection: 'ACTIVE', UserPoolTier: 'PLUS' });
  assert.deepEqual(problems, []);
  await context.close();
});

test('help text from the AWS model opens on demand and is text, not markup', async () => {
  const { context, page, problems } = await openApp(browser, server.url);
  const id = await field(page, 'Policies.PasswordPolicy.TemporaryPasswordValidityDays').getAttribute('id');
  const help = page.locator(`.ps-field:has([id="${id}"]) details.ps-help`);
  await help.locator('summary').click();
  // The full help text comes from the helper worker on first use.
  await help.locator('text=If you submit a value of 0').waitFor();
  const text = await help.innerText();
  assert.match(text, /If you submit a value of 0, Amazon Cognito treats it as a null value/);
  assert.equal(await help.locator('code').first().innerText(), '7');
  assert.deepEqual(problems, []);
  await context.close();
});

test('Check request lists every error in a summary whose links focus the field', async () => {
  const { context, page, problems } = await openApp(browser, server.url);
  await page.getByRole('button', { name: 'Check request' }).click();
  const summary = page.locator('#error-summary');
  await summary.waitFor();
  assert.match(await summary.innerText(), /There is a problem[\s\S]*Enter a pool name/);
  await summary.getByRole('link', { name: 'Enter a pool name' }).click();
  await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'PoolName');
  await field(page, 'PoolName').fill('ok');
  await summary.waitFor({ state: 'detached' });
  assert.match(await page.locator('.ps-check__status').innerText(), /^No errors\. \d+ warnings? to consider\.$/);
  assert.deepEqual(problems, []);
  await context.close();
});
