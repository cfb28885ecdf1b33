// Lighthouse scores of the release build served locally (performance, accessibility, best
// practices, SEO), with Debian's Chromium, in Lighthouse's desktop preset and its default
// (mobile: a throttled mid-range phone on a slow 4G network).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join, resolve } from 'node:path';
import { serve, CHROMIUM_ARGS } from '../e2e/harness.mjs';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const LIGHTHOUSE = join(ROOT, '.cache/bench/node_modules/.bin/lighthouse');
const run = promisify(execFile);

const server = await serve();
try {
  for (const [name, preset] of [['desktop', ['--preset=desktop']], ['mobile', []]]) {
    // Asynchronous: the page is served from this very process, so its event loop must keep running.
    const { stdout } = await run(LIGHTHOUSE, [
      server.url, '--quiet', '--output=json', ...preset,
      `--chrome-flags=--headless=new ${CHROMIUM_ARGS.join(' ')}`,
    ], { env: { ...process.env, CHROME_PATH: process.env.CHROMIUM || '/usr/bin/chromium' }, maxBuffer: 64 << 20 });
    const report = JSON.parse(stdout);
    const scores = Object.entries(report.categories).map(([id, c]) => `${id} ${Math.round(c.score * 100)}`);
    console.log(`  ${name.padEnd(8)} ${scores.join(', ')}`);
    const failed = Object.values(report.audits).filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary');
    for (const a of failed) console.log(`           failed audit: ${a.id} (${a.title})`);
  }
} finally {
  await server.close();
}
