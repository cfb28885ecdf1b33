// The page's shape where a person meets it: an empty form that fits in six screens at
// 1366×900, the exports beside the form and in view from 1024 px wide (one step away below
// that), no sideways scrolling on a 320 px phone, and the first field above the fold at
// 390×844. Pixel heights of the same build and fonts are deterministic, so these are tests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve, launch, openApp, field, openMoreSettings } from './harness.mjs';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const LARGEST = readFileSync(join(ROOT, 'tests/data/largest-request.json'), 'utf8');
const MAX_EMPTY_HEIGHT = 5400; // six screens of 900 px

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function importRequest(page, text) {
  await page.getByRole('button', { name: 'Import…' }).click();
  await page.locator('#import-text').fill(text);
  await page.locator('#import-dialog').getByRole('button', { name: 'Import', exact: true }).click();
  await page.locator('.ps-notice', { hasText: 'Imported' }).waitFor();
}

/** Whether the element is wholly inside the viewport. */
function inView(page, selector) {
  return page.locator(selector).evaluate((e) => {
    const r = e.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;
  });
}

test(`the empty form at 1366×900 is at most ${MAX_EMPTY_HEIGHT} px tall`, async () => {
  const { context, page, problems } = await openApp(browser, server.url, { viewport: { width: 1366, height: 900 }, moreOpen: false });
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  console.log(`  empty form: ${height} px at 1366×900`);
  assert.ok(height <= MAX_EMPTY_HEIGHT, `the empty page is ${height} px tall`);
  // Nothing is wrong before the person has done anything.
  assert.equal(await page.locator('.ps-exports__errors, .ps-field__error').count(), 0);
  assert.match(await page.locator('.ps-exports__start').innerText(), /Name your pool to begin/);
  assert.deepEqual(problems, []);
  await context.close();
});

for (const viewport of [{ width: 1366, height: 900 }, { width: 1024, height: 768 }]) {
  test(`at ${viewport.width} px the exports sit beside the form and stay in view with the largest request`, async () => {
    const { context, page, problems } = await openApp(browser, server.url, { viewport });
    await importRequest(page, LARGEST);
    await openMoreSettings(page);
    const [main, aside] = await Promise.all(['.ps-main', '.ps-aside'].map((s) => page.locator(s).evaluate((e) => e.getBoundingClientRect().toJSON())));
    assert.ok(aside.left >= main.right, 'the exports are beside the form');
    for (const fraction of [0.5, 1]) {
      await page.evaluate((f) => window.scrollTo(0, document.documentElement.scrollHeight * f), fraction);
      await page.waitForTimeout(100);
      assert.ok(await inView(page, '#exports-title'), `the export heading is in view at ${fraction * 100}% of the page`);
      assert.ok(await inView(page, 'button[role="tab"][data-format="terraform"]'), 'its tabs too');
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('below 1024 px an Export link reaches the exports in one step', async () => {
  const { context, page, problems } = await openApp(browser, server.url, { viewport: { width: 390, height: 844 } });
  const link = page.getByRole('link', { name: 'Export', exact: true });
  assert.ok(await link.isVisible(), 'the link is always in view');
  await link.click();
  await page.waitForFunction(() => {
    const r = document.getElementById('exports-title').getBoundingClientRect();
    return r.top >= 0 && r.top < window.innerHeight;
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a 390×844 phone shows the first field above the fold; a 320 px phone never scrolls sideways', async () => {
  {
    const { context, page, problems } = await openApp(browser, server.url, { viewport: { width: 390, height: 844 }, moreOpen: false });
    const bottom = await field(page, 'PoolName').evaluate((e) => e.getBoundingClientRect().bottom);
    assert.ok(bottom <= 844, `the pool name box ends at ${bottom} px`);
    assert.deepEqual(problems, []);
    await context.close();
  }
  const { context, page, problems } = await openApp(browser, server.url, { viewport: { width: 320, height: 700 } });
  const width = () => page.evaluate(() => document.documentElement.scrollWidth);
  assert.equal(await width(), 320, 'the empty form');
  await importRequest(page, LARGEST);
  await openMoreSettings(page);
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  assert.equal(await width(), 320, 'the largest request, everything open');
  assert.deepEqual(problems, []);
  await context.close();
});
