// Quality bars in the browser: the page shows before the WebAssembly and renders the form in
// slices without moving anything, the Content-Security-Policy is never violated, no request
// leaves the origin, hostile text renders as text everywhere, the app works offline after the
// first load, and a new build replaces the old offline cache.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch, openApp, appReady, field, previewRequest, DIST } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const HOSTILE = '<img src=x onerror="window.__pwned=1"></script><script>window.__pwned=2</script> javascript:alert(1)';

/** A session that touches every part: typing, import, every export (worker), help, summary. */
async function fullSession(page) {
  await field(page, 'PoolName').fill('session');
  await page.getByRole('button', { name: 'Import…' }).click();
  await page.locator('#import-text').fill(JSON.stringify({
    PoolName: 'session', UserPoolTags: { note: HOSTILE }, MfaConfiguration: 'ON',
    Schema: [{ Name: HOSTILE.slice(0, 20), AttributeDataType: 'String' }],
  }));
  await page.locator('#import-dialog').getByRole('button', { name: 'Import', exact: true }).click();
  await page.locator('.ps-notice', { hasText: 'Imported' }).waitFor();
  for (const tab of await page.locator('button[role="tab"]').all()) {
    await tab.click();
    const format = await tab.getAttribute('data-format');
    await page.waitForFunction((f) => document.querySelector(`pre[data-format="${f}"]`)?.getAttribute('aria-busy') === 'false', format);
  }
  const help = page.locator('details.ps-help').first();
  await help.locator('summary').click();
  await help.locator('.ps-help__body p').first().waitFor();
  await page.getByRole('button', { name: 'Check request' }).click();
  await page.locator('#error-summary').waitFor();
}

for (const [name, viewport] of [['phone', { width: 412, height: 823 }], ['desktop', { width: 1400, height: 1000 }]]) {
  test(`the page shows before the WebAssembly arrives, then the form comes in without moving anything (${name})`, async () => {
    const context = await browser.newContext({ viewport });
    await context.addInitScript(() => {
      window.__shifts = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push(e.value);
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const page = await context.newPage();
    // Hold the app's WebAssembly back until the page has been looked at.
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route(/poolsmith-app-[0-9a-f]+_bg\.wasm$/, async (route) => { await held; await route.continue(); });
    await page.goto(server.url, { waitUntil: 'domcontentloaded' });
    await page.getByText('Build an Amazon Cognito CreateUserPool request.').waitFor();
    assert.equal(await page.locator('#ps-loading').textContent(), 'Loading the form…');
    release();
    await appReady(page);
    assert.equal(await page.locator('#ps-loading').count(), 0, 'the loading line gives way to the form');
    assert.equal(await page.locator('section.ps-section').count(), 10, 'every section is in');
    assert.equal(await page.locator('header .ps-toolbar').count(), 1, 'the toolbar joins the page header');
    await page.locator('pre[data-format="request-json"]').waitFor();
    assert.deepEqual(await page.evaluate(() => window.__shifts), [], 'no layout shift while the slices arrive');
    await context.close();
  });
}

test('a field found while the form is still coming in is focused once its section arrives', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // A slow phone: the slices of the form take seconds to come in, so the search is used first.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
  await page.goto(server.url);
  await page.locator('#search').fill('KmsKeyArn');
  assert.equal(await field(page, 'KeyConfiguration.KmsKeyArn').count(), 0, 'its section is not rendered yet');
  await page.locator('#search').press('Enter');
  await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'KeyConfiguration.KmsKeyArn', null, { timeout: 20000 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await appReady(page);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a full session violates no Content-Security-Policy rule and sends nothing off the origin', async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  await appReady(page);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+';/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  await fullSession(page);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  const origin = new URL(server.url).origin;
  const elsewhere = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(elsewhere, []);
  assert.ok(requests.some((u) => u.includes('poolsmith-worker_bg.wasm')), 'the session used the helper worker');
  assert.deepEqual(errors, []);
  await context.close();
});

test('hostile text is shown as text in the form, the summary, the exports and notices', async () => {
  const { context, page, problems } = await openApp(browser, server.url);
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs += 1; d.dismiss(); });
  await fullSession(page);
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no injected script or handler ran');
  assert.equal(await page.locator('img').count(), 0, 'no element was created from the text');
  assert.equal(await page.locator('main script, aside script').count(), 0);
  assert.equal(dialogs, 0);
  assert.equal(await field(page, 'UserPoolTags{note}').inputValue(), HOSTILE);
  const warnings = await page.locator('.ps-field__warning').allTextContents();
  assert.ok(warnings.some((w) => w.includes(HOSTILE.slice(0, 20))), 'a message quotes the text as text');
  assert.match(await page.locator('#error-summary').textContent(), /There is a problem/);
  const exported = await page.locator('pre[data-format]').textContent();
  assert.ok(exported.length > 0);
  assert.equal((await previewRequestAfterTab(page)).UserPoolTags.note, HOSTILE);
  assert.deepEqual(problems, []);
  await context.close();
});

async function previewRequestAfterTab(page) {
  await page.locator('button[role="tab"][data-format="request-json"]').click();
  return previewRequest(page);
}

test('after the first load the app works offline, and a new build replaces the old cache', async () => {
  // A private copy of the build, so its service worker can be "updated" below.
  const dir = mkdtempSync(join(tmpdir(), 'poolsmith-offline-'));
  cpSync(DIST, dir, { recursive: true });
  const local = await serve(dir);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(local.url);
  await appReady(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  // The worker claims the open page when it activates.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 10000 });
  const firstCache = readFileSync(join(dir, 'sw.js'), 'utf8').match(/const CACHE = "([^"]+)"/)[1];
  assert.deepEqual(await page.evaluate(() => caches.keys()), [firstCache]);

  await context.setOffline(true);
  await page.reload();
  await appReady(page);
  await field(page, 'PoolName').fill('offline-pool');
  assert.deepEqual(await previewRequest(page), { PoolName: 'offline-pool' });
  await page.locator('button[role="tab"][data-format="terraform"]').click();
  await page.waitForFunction(() => document.querySelector('pre[data-format="terraform"]')?.textContent.includes('offline-pool'));
  await context.setOffline(false);

  // A new build: another cache name. The next visits install it and drop the old cache.
  const sw = readFileSync(join(dir, 'sw.js'), 'utf8').replace(firstCache, 'poolsmith-nextbuild0000');
  writeFileSync(join(dir, 'sw.js'), sw);
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
  await page.waitForFunction(() => caches.keys().then((k) => k.length === 1 && k[0] === 'poolsmith-nextbuild0000'), null, { timeout: 15000 });
  await context.close();
  await local.close();
});
