// Lighthouse scores of the release build served locally (accessibility, best practices,
// performance, SEO), with Debian's Chromium.
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { serve, CHROMIUM_ARGS } from '../e2e/harness.mjs';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const server = await serve();
try {
  const out = execFileSync(join(ROOT, '.cache/bench/node_modules/.bin/lighthouse'), [
    server.url, '--quiet', '--output=json', '--preset=desktop',
    `--chrome-flags=--headless=new ${CHROMIUM_ARGS.join(' ')}`,
  ], { env: { ...process.env, CHROME_PATH: process.env.CHROMIUM || '/usr/bin/chromium' }, maxBuffer: 64 << 20 });
  const report = JSON.parse(out);
  for (const [id, c] of Object.entries(report.categories)) console.log(`  ${id.padEnd(16)} ${Math.round(c.score * 100)}`);
  const audits = Object.values(report.audits).filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary');
  for (const a of audits) console.log(`    failed: ${a.id} — ${a.title}`);
} finally {
  await server.close();
}
