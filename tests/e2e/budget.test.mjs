// The first-load byte budget, checked on the release dist/ (bytes are deterministic): every
// file index.html loads (HTML, CSS, JS glue, WebAssembly), gzip -9. The helper worker and the
// service worker load later, on demand, and are not part of the first load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sizes } from '../bench/sizes.mjs';

const BUDGET_KIB = 200;

test(`the first load is at most ${BUDGET_KIB} KiB gzip`, () => {
  const rows = sizes();
  for (const r of rows) console.log(`  ${r.name.padEnd(45)} raw ${(r.raw / 1024).toFixed(1)} KiB, gzip ${(r.gzip / 1024).toFixed(1)} KiB, brotli ${(r.brotli / 1024).toFixed(1)} KiB`);
  const total = rows.reduce((t, r) => t + r.gzip, 0);
  console.log(`  total gzip ${(total / 1024).toFixed(1)} KiB (budget ${BUDGET_KIB} KiB)`);
  assert.ok(rows.some((r) => r.name.endsWith('_bg.wasm')), 'the WebAssembly is counted');
  assert.ok(rows.some((r) => r.name.endsWith('.css')), 'the CSS is counted');
  assert.ok(total <= BUDGET_KIB * 1024, `first load is ${(total / 1024).toFixed(1)} KiB gzip, over the ${BUDGET_KIB} KiB budget`);
});
