// Shared set-up for the browser tests: a static server for the release build (optionally under
// a sub-path, as on GitHub Pages) and Debian's Chromium driven by playwright-core. Never
// downloads a browser.
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
export const DIST = process.env.POOLSMITH_DIST || join(ROOT, 'dist');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.wasm': 'application/wasm', '.json': 'application/json', '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml', '.png': 'image/png',
};

/**
 * Serves `dir` at http://127.0.0.1:<port><base>; resolves to { url, close, requests }.
 * Compresses with gzip when the browser accepts it, as GitHub Pages does (for .wasm too), so
 * that Lighthouse's simulated slow network sees the bytes a user downloads.
 */
export async function serve(dir = DIST, base = '/') {
  const requests = [];
  const gzipped = new Map(); // file → { body, gzip }, reused only while the file is unchanged
  const server = createServer(async (req, res) => {
    requests.push(req.url);
    const url = new URL(req.url, 'http://x');
    if (!url.pathname.startsWith(base)) { res.writeHead(404).end('not found'); return; }
    let path = normalize(decodeURIComponent(url.pathname.slice(base.length)));
    if (path.startsWith('..')) { res.writeHead(403).end(); return; }
    let file = join(dir, path);
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      const headers = { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-cache', vary: 'accept-encoding' };
      if (/\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
        let cached = gzipped.get(file);
        if (!cached || !cached.body.equals(body)) {
          cached = { body, gzip: gzipSync(body, { level: 9 }) };
          gzipped.set(file, cached);
        }
        res.writeHead(200, { ...headers, 'content-encoding': 'gzip' });
        res.end(cached.gzip);
      } else {
        res.writeHead(200, headers);
        res.end(body);
      }
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}${base}`, requests, close: () => new Promise((ok) => server.close(ok)) };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

/**
 * Opens the app in a fresh context and collects page errors and console errors, which every
 * test asserts are empty at the end.
 */
export async function openApp(browser, url, { colorScheme = 'light', viewport = { width: 1400, height: 1000 }, moreOpen = true } = {}) {
  const context = await browser.newContext({ colorScheme, viewport });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console.error: ${m.text()}`); });
  await page.goto(url);
  await appReady(page);
  // Tests of a field's own behaviour reach every field; the tests of people's tasks
  // (tasks.test.mjs) open "More settings" themselves, as a person does.
  if (moreOpen) await openMoreSettings(page);
  return { context, page, problems };
}

/** Opens every section's "More settings". */
export async function openMoreSettings(page) {
  await page.evaluate(() => document.querySelectorAll('details.ps-more').forEach((d) => { d.open = true; }));
}

/** Waits until every section of the form is rendered (they appear one per task after load). */
export async function appReady(page) {
  await page.waitForSelector('form.ps-form[aria-busy="false"]', { state: 'attached' });
}

/** The control whose name attribute is the field path. */
export function field(page, path) {
  return page.locator(`[name="${path.replace(/"/g, '\\"')}"]`).first();
}

/**
 * Chooses `value` for the field at `path`: its radio (booleans, short enums), by keyboard
 * (focus, Space), so a message appearing above a moment later cannot move it from under a
 * click; or its option in a select.
 */
export async function choose(page, path, value) {
  const control = field(page, path);
  if ((await control.evaluate((e) => e.tagName)) === 'SELECT') return control.selectOption(value);
  const radio = page.locator(`[name="${path.replace(/"/g, '\\"')}"][value="${value}"]`);
  await radio.focus();
  await page.keyboard.press('Space');
  await page.waitForFunction((r) => r.checked, await radio.elementHandle());
}

/** The value chosen for the field at `path`: its checked radio's, or its select's. */
export async function chosen(page, path) {
  const checked = page.locator(`[name="${path.replace(/"/g, '\\"')}"]:checked`);
  if (await checked.count()) return checked.first().inputValue();
  return field(page, path).inputValue();
}

/** The inline problem message of a control, via its aria-describedby. */
export async function problemOf(page, path) {
  const id = await field(page, path).getAttribute('id');
  const error = page.locator(`[id="${id}-error"]`);
  return (await error.count()) ? (await error.textContent()).replace(/\s+/g, " ").trim() : null;
}

/** The request JSON shown in the preview. */
export async function previewRequest(page) {
  // The helper worker makes every export, this one too: wait for the latest.
  await page.waitForFunction(() => {
    const pre = document.querySelector('pre[data-format="request-json"]');
    return pre && pre.getAttribute('aria-busy') === 'false' && pre.textContent.length > 0;
  });
  return JSON.parse(await page.locator('pre[data-format="request-json"]').innerText());
}
