// Takes the README's screenshots from the release build (run `scripts/build` first):
//   node scripts/screenshots.mjs        → docs/screenshots/*.png
// Uses the same Chromium and server as the browser tests; never downloads anything.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve, launch, appReady } from '../tests/e2e/harness.mjs';

const ROOT = resolve(new URL('..', import.meta.url).pathname);
const OUT = join(ROOT, 'docs/screenshots');
mkdirSync(OUT, { recursive: true });

const server = await serve();
const browser = await launch();

async function open(colorScheme, viewport = { width: 1366, height: 900 }) {
  const context = await browser.newContext({ colorScheme, viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(server.url);
  await appReady(page);
  return { context, page };
}

// 1. Desktop: the questions of a section, the exports beside the form and in view.
{
  const { context, page } = await open('light');
  await page.getByRole('textbox', { name: 'Pool name' }).fill('spa-users');
  await page.getByRole('group', { name: 'How do people sign in?' }).getByRole('radio', { name: 'With their email address', exact: true }).check();
  const mfa = page.getByRole('group', { name: 'Multi-factor authentication' });
  await mfa.getByRole('radio', { name: 'Optional', exact: true }).check();
  await page.getByRole('tab', { name: 'Terraform' }).click();
  await page.waitForFunction(() => document.querySelector('pre.ps-code')?.getAttribute('aria-busy') === 'false');
  await mfa.evaluate((e) => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 16));
  await page.screenshot({ path: join(OUT, 'desktop-decisions.png') });
  await context.close();
}

// 2. Phone: the first field above the fold, the Export link always in reach.
{
  const { context, page } = await open('light', { width: 390, height: 844 });
  await page.screenshot({ path: join(OUT, 'phone.png') });
  await context.close();
}

// 3. Dark: a cross-field error on the question to change, in the error summary too.
{
  const { context, page } = await open('dark');
  await page.getByRole('textbox', { name: 'Pool name' }).fill('orders-prod');
  const mfa = page.getByRole('group', { name: 'Multi-factor authentication' });
  await mfa.getByRole('radio', { name: 'Required', exact: true }).check();
  await mfa.getByRole('checkbox', { name: 'Authenticator app (TOTP)', exact: true }).uncheck();
  await mfa.getByRole('checkbox', { name: 'SMS text message', exact: true }).check();
  await page.getByRole('button', { name: 'Check request' }).click();
  await page.waitForFunction(() => /SMS MFA/.test(document.querySelector('#error-summary')?.textContent || ''));
  await mfa.evaluate((e) => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 16));
  await page.screenshot({ path: join(OUT, 'dark-mfa-error.png') });
  await context.close();
}

// 4. Copying asks to confirm the settings that can never change after creation.
{
  const { context, page } = await open('light');
  await page.getByRole('textbox', { name: 'Pool name' }).fill('orders-prod');
  await page.waitForFunction(() => document.querySelector('pre.ps-code')?.getAttribute('aria-busy') === 'false');
  await page.getByRole('button', { name: 'Copy', exact: true }).click();
  await page.waitForSelector('#locked-checklist');
  await page.screenshot({ path: join(OUT, 'locked-checklist.png') });
  await context.close();
}

await browser.close();
await server.close();
