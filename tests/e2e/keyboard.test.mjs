// Keyboard only: build a pool, fix an error through the error summary, choose an export tab
// and copy it, without the mouse. Every step is a key press; the only non-keyboard calls read
// state to assert on it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openApp } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** What has focus: its name, id or text. */
async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return { name: el?.getAttribute('name'), id: el?.id, role: el?.getAttribute('role'), text: (el?.textContent || '').trim().slice(0, 60), tag: el?.tagName };
  });
}

/** Presses Tab (or Shift+Tab) until `matches(focused)` holds; fails after `limit` presses. */
async function tabTo(page, matches, { limit = 400, back = false } = {}) {
  for (let i = 0; i < limit; i++) {
    if (matches(await focused(page))) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`focus never reached the target; last: ${JSON.stringify(await focused(page))}`);
}

test('build a pool, fix an error from the summary, and copy an export with the keyboard alone', async () => {
  const { context, page, problems } = await openApp(browser, server.url);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });

  // The skip link comes first and lands in the form.
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).text, 'Skip to the form');
  await page.keyboard.press('Enter');

  // Fill the pool name with a mistake, then a select by arrow keys.
  await tabTo(page, (f) => f.name === 'PoolName');
  await page.keyboard.type('team/pool');
  await tabTo(page, (f) => f.name === 'UserPoolTier');
  await page.keyboard.press('ArrowDown'); // LITE
  await page.keyboard.press('ArrowDown'); // ESSENTIALS
  await tabTo(page, (f) => f.name === 'DeletionProtection');
  await page.keyboard.press('ArrowDown'); // ACTIVE

  // Ask for a check: the summary gets focus and links to the pool name.
  await tabTo(page, (f) => f.tag === 'BUTTON' && f.text === 'Check request', { back: true });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'error-summary');
  await page.keyboard.press('Tab');
  assert.match((await focused(page)).text, /^Pool name can only include/);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'PoolName');
  await page.keyboard.press('End');
  for (let i = 0; i < 'team/pool'.length; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type('team-pool');
  assert.equal(await page.locator('#error-summary').count(), 0, 'the summary disappears once the error is fixed');

  // The export tabs: arrow keys move between them; Copy then the locked-choices checklist.
  await tabTo(page, (f) => f.role === 'tab');
  for (let i = 0; i < 10; i++) {
    if ((await focused(page)).text === 'Terraform') break;
    await page.keyboard.press('ArrowRight');
  }
  assert.equal((await focused(page)).text, 'Terraform');
  await page.waitForFunction(() => document.querySelector('pre[data-format="terraform"]')?.getAttribute('aria-busy') === 'false');
  await tabTo(page, (f) => f.tag === 'BUTTON' && f.text === 'Copy');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'locked-checklist');
  await tabTo(page, (f) => f.tag === 'BUTTON' && f.text === 'These are right: copy');
  await page.keyboard.press('Enter');
  await page.locator('.ps-exports__copied', { hasText: 'Copied the Terraform export.' }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /resource "aws_cognito_user_pool" "this" \{[\s\S]*name\s+= "team-pool"/);

  // Read the state without touching the page: the autosaved draft.
  const draft = await page.evaluate(() => JSON.parse(localStorage.getItem('poolsmith.draft')).request);
  assert.deepEqual(draft, { PoolName: 'team-pool', DeletionProtection: 'ACTIVE', UserPoolTier: 'ESSENTIALS' });
  assert.deepEqual(problems, []);
  await context.close();
});
