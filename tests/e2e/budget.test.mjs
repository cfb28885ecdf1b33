// The first-load byte budget, checked on the release dist/ (bytes are deterministic): every
// file index.html loads (HTML, CSS, JS glue, WebAssembly), gzip -9. The helper worker and the
// service worker load later, on demand, and are not part of the first load.
//
// The product budget is 200 KiB and is MISSED today (README, "Measured"): the first load is
// about 224 KiB. This test holds the line where we are, so that no change makes it worse
// unnoticed; lower CEILING_KIB whenever a change lowers the size, and make it TARGET_KIB once
// the gap is closed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sizes } from '../bench/sizes.mjs';

const TARGET_KIB = 200;
const CEILING_KIB = 225;

test(`the first load stays under its ${CEILING_KIB} KiB gzip ceiling (target ${TARGET_KIB} KiB)`, () => {
  const rows = sizes();
  for (const r of rows) console.log(`  ${r.name.padEnd(45)} raw ${(r.raw / 1024).toFixed(1)} KiB, gzip ${(r.gzip / 1024).toFixed(1)} KiB, brotli ${(r.brotli / 1024).toFixed(1)} KiB`);
  const total = rows.reduce((t, r) => t + r.gzip, 0);
  const kib = (total / 1024).toFixed(1);
  const gap = total > TARGET_KIB * 1024 ? `, ${(total / 1024 - TARGET_KIB).toFixed(1)} KiB over the target` : ', within the target';
  console.log(`  total gzip ${kib} KiB (target ${TARGET_KIB} KiB${gap}; ceiling ${CEILING_KIB} KiB)`);
  assert.ok(rows.some((r) => r.name.endsWith('_bg.wasm')), 'the WebAssembly is counted');
  assert.ok(rows.some((r) => r.name.endsWith('.js')), 'the JS glue is counted');
  assert.ok(rows.some((r) => r.name.endsWith('.css')), 'the CSS is counted');
  assert.ok(rows.some((r) => r.name === 'index.html'), 'the page is counted');
  assert.ok(total <= CEILING_KIB * 1024, `first load is ${kib} KiB gzip, over the ${CEILING_KIB} KiB ceiling`);
});
