// The first-load byte budget, checked on the release dist/ (bytes are deterministic): every
// file index.html loads (HTML, CSS, JS glue, WebAssembly), gzip -9. The helper worker and the
// service worker load later, on demand, and are not part of the first load.
//
// The product budget is 200 KB, read strictly as 200,000 bytes (not 200 KiB = 204,800), so
// the page meets it under either reading. The test also prints each file's raw, gzip and
// brotli size; README, "Measured", has the latest total.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sizes } from '../bench/sizes.mjs';

const BUDGET_BYTES = 200_000;

test(`the first load stays within its ${BUDGET_BYTES} byte gzip budget`, () => {
  const rows = sizes();
  for (const r of rows) console.log(`  ${r.name.padEnd(45)} raw ${(r.raw / 1024).toFixed(1)} KiB, gzip ${(r.gzip / 1024).toFixed(1)} KiB, brotli ${(r.brotli / 1024).toFixed(1)} KiB`);
  const total = rows.reduce((t, r) => t + r.gzip, 0);
  console.log(`  total gzip ${total} bytes = ${(total / 1024).toFixed(1)} KiB (budget ${BUDGET_BYTES} bytes)`);
  assert.ok(rows.some((r) => r.name.endsWith('_bg.wasm')), 'the WebAssembly is counted');
  assert.ok(rows.some((r) => r.name.endsWith('.js')), 'the JS glue is counted');
  assert.ok(rows.some((r) => r.name.endsWith('.css')), 'the CSS is counted');
  assert.ok(rows.some((r) => r.name === 'index.html'), 'the page is counted');
  assert.ok(total <= BUDGET_BYTES, `first load is ${total} bytes gzip, ${total - BUDGET_BYTES} over the ${BUDGET_BYTES} byte budget`);
});
