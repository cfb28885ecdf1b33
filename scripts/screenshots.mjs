// Takes the README's screenshots from the release build (run `scripts/build` first):
//   node scripts/screenshots.mjs        → docs/screenshots/*.png
// Uses the same Chromium and server as the browser tests; never downloads anything.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve, launch } from '../tests/e2e/harness.mjs';

const ROOT = resolve(new URL('..', import.meta.url).pathname);
const OUT = join(ROOT, 'docs/screenshots');
mkdirSync(OUT, { recursive: true });

const server = await serve();
const browser = await launch();

async function open(colorScheme) {
  const context = await browser.newContext({ colorScheme, viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('[name="PoolName"]');
  return { context, page };
}

// 1. A pool being built: a pool name with a mistake, the error summary, the exports beside.
{
  const { context, page } = await open('light');
  await page.fill('[name="PoolName"]', 'team/pool');
  await page.check('[name="UserPoolTier"][value="ESSENTIALS"]');
  await page.check('[name="DeletionProtection"][value="ACTIVE"]');
  await page.getByRole('button', { name: 'Check request' }).click();
  await page.waitForSelector('#error-summary');
  await page.screenshot({ path: join(OUT, 'form-and-errors.png') });
  await context.close();
}

// 2. A cross-field rule on the field to change, and the Terraform export (dark theme).
{
  const { context, page } = await open('dark');
  await page.fill('[name="PoolName"]', 'orders-prod');
  const mfa = page.getByRole('group', { name: 'Multi-factor authentication' });
  await mfa.getByRole('radio', { name: 'Required' }).check();
  await mfa.getByRole('checkbox', { name: 'SMS text message' }).check();
  await page.getByRole('button', { name: 'Check request' }).click();
  await page.getByRole('tab', { name: 'Terraform' }).click();
  await page.waitForFunction(() => document.querySelector('pre[data-format="terraform"]')?.getAttribute('aria-busy') === 'false');
  await page.locator('[name="MfaConfiguration"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(OUT, 'cross-field-rule-dark.png') });
  await context.close();
}

// 3. Copying asks to confirm the settings that can never change after creation.
{
  const { context, page } = await open('light');
  await page.fill('[name="PoolName"]', 'orders-prod');
  await page.getByRole('button', { name: 'Copy', exact: true }).click();
  await page.waitForSelector('#locked-checklist');
  await page.locator('#locked-checklist').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(OUT, 'locked-checklist.png') });
  await context.close();
}

await browser.close();
await server.close();
console.log(`screenshots in ${OUT}`);
