// Sizes of what index.html loads from dist/ (raw, gzip -9, brotli -11) and the total.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { DIST } from '../e2e/harness.mjs';

export function firstLoadFiles(dir = DIST) {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const referenced = [...html.matchAll(/(?:href|src)=["']?([^"' >]+)|from ?['"]([^'"]+)['"]|module_or_path: ?['"]([^'"]+)['"]/g)]
    .map((m) => (m[1] || m[2] || m[3]).split('/').pop())
    .filter((name) => name && !name.startsWith('data:') && readdirSync(dir).includes(name));
  return ['index.html', ...new Set(referenced)];
}

export function sizes(dir = DIST) {
  return firstLoadFiles(dir).map((name) => {
    const body = readFileSync(join(dir, name));
    return {
      name,
      raw: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
      brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = sizes();
  const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  const kb = (n) => (n / 1024).toFixed(1).padStart(7);
  console.log('  file                                           raw KiB  gzip KiB  brotli KiB');
  for (const r of rows) console.log(`  ${r.name.padEnd(45)} ${kb(r.raw)}   ${kb(r.gzip)}    ${kb(r.brotli)}`);
  console.log(`  ${'total'.padEnd(45)} ${kb(total.raw)}   ${kb(total.gzip)}    ${kb(total.brotli)}`);
  console.log(`  total gzip ${total.gzip} bytes (budget 200 KB = 200000 bytes)`);
}
