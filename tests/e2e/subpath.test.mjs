// The GitHub Pages build: built with `--public-url /poolsmith/` (scripts/test does that into
// target/dist-subpath) and served under that sub-path, the app, its helper worker and its
// offline service worker all work.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve, launch, openApp, field, problemOf, previewRequest } from './harness.mjs';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const DIR = process.env.POOLSMITH_SUBPATH_DIST || join(ROOT, 'target/dist-subpath');

let server, browser;
before(async () => {
  assert.ok(existsSync(join(DIR, 'index.html')), `build the sub-path site first: scripts/build --public-url /poolsmith/ --dist ${DIR}`);
  server = await serve(DIR, '/poolsmith/');
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

test('smoke test under /poolsmith/: form, validation, preview, worker exports, help, service worker', async () => {
  const { context, page, problems } = await openApp(browser, server.url);
  assert.ok(server.url.endsWith('/poolsmith/'));
  await field(page, 'PoolName').fill('a/b');
  await field(page, 'PoolName').press('Tab');
  assert.match(await problemOf(page, 'PoolName'), /^Error: Pool name can only include/);
  await field(page, 'PoolName').fill('sub-path-pool');
  assert.equal(await problemOf(page, 'PoolName'), null);
  assert.deepEqual(await previewRequest(page), { PoolName: 'sub-path-pool' });
  await page.locator('button[role="tab"][data-format="cloudformation-yaml"]').click();
  await page.waitForFunction(() => document.querySelector('pre[data-format="cloudformation-yaml"]')?.textContent.includes('sub-path-pool'));
  const help = page.locator('details.ps-help').first();
  await help.locator('summary').click();
  await help.locator('.ps-help__body p', { hasText: 'friendly name' }).waitFor();
  const scope = await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.scope));
  assert.ok(scope.endsWith('/poolsmith/'), scope);
  assert.ok(server.requests.every((u) => u.startsWith('/poolsmith/')), 'every asset is fetched under the sub-path');
  assert.deepEqual(problems, []);
  await context.close();
});
