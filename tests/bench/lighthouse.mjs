// Lighthouse scores of the release build served locally (performance, accessibility, best
// practices, SEO), with Debian's Chromium, in Lighthouse's desktop preset and its default
// (mobile: a throttled mid-range phone on a slow 4G network). Each is the median of RUNS
// runs by performance score, as Lighthouse's own guidance advises for its variance; every
// run's performance score is printed too.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join, resolve } from 'node:path';
import { serve, CHROMIUM_ARGS } from '../e2e/harness.mjs';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const LIGHTHOUSE = join(ROOT, '.cache/bench/node_modules/.bin/lighthouse');
const RUNS = Number(process.env.LIGHTHOUSE_RUNS || 5);
const run = promisify(execFile);

const server = await serve();
try {
  for (const [name, preset] of [['desktop', ['--preset=desktop']], ['mobile', []]]) {
    const reports = [];
    for (let i = 0; i < RUNS; i++) {
      // Asynchronous: the page is served from this very process, so its event loop must keep running.
      const { stdout } = await run(LIGHTHOUSE, [
        server.url, '--quiet', '--output=json', ...preset,
        `--chrome-flags=--headless=new ${CHROMIUM_ARGS.join(' ')}`,
      ], { env: { ...process.env, CHROME_PATH: process.env.CHROMIUM || '/usr/bin/chromium' }, maxBuffer: 64 << 20 });
      reports.push(JSON.parse(stdout));
    }
    const performance = (r) => r.categories.performance.score;
    reports.sort((a, b) => performance(a) - performance(b));
    const report = reports[Math.floor(reports.length / 2)];
    const scores = Object.entries(report.categories).map(([id, c]) => `${id} ${Math.round(c.score * 100)}`);
    const metrics = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift']
      .map((id) => `${id.split('-').map((w) => w[0].toUpperCase()).join('')} ${report.audits[id].displayValue}`);
    console.log(`  ${name.padEnd(8)} ${scores.join(', ')}`);
    console.log(`           ${metrics.join(', ')}; performance of each run: ${reports.map((r) => Math.round(performance(r) * 100)).join(', ')}`);
    const failed = Object.values(report.audits).filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary');
    for (const a of failed) console.log(`           failed audit: ${a.id} (${a.title})`);
  }
} finally {
  await server.close();
}
