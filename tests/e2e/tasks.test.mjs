// Five people's tasks, done the way a keyboard or screen-reader user does them: only through
// labels and roles (no ids, no field paths), each ending in an export that must equal what
// `poolsmith export` makes of the request the person meant. Each task counts its actions
// (clicks and keystrokes); README, "Measured", reports them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve, launch, openApp } from './harness.mjs';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const CLI = process.env.POOLSMITH_CLI || join(ROOT, 'target/debug/poolsmith');

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

function cli(args, input) {
  const dir = mkdtempSync(join(tmpdir(), 'poolsmith-task-'));
  const file = join(dir, 'input');
  writeFileSync(file, input);
  try {
    return execFileSync(CLI, [...args, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (e) {
    return e.stdout;
  }
}

/** What a person does, counted: a click is one action, typing is one click and a key each. */
function person(page) {
  const actor = {
    actions: 0,
    async click(locator) { actor.actions += 1; await locator.click(); },
    async check(locator) { actor.actions += 1; await locator.check(); },
    async uncheck(locator) { actor.actions += 1; await locator.uncheck(); },
    async type(locator, text) {
      actor.actions += 1 + text.length;
      await locator.click();
      await locator.fill(text);
    },
    async replace(locator, text) {
      // Select all and type over it: one click, Ctrl+A, the new text.
      actor.actions += 2 + text.length;
      await locator.click();
      await locator.fill(text);
    },
    async exportAs(tabName) {
      await actor.click(page.getByRole('tab', { name: tabName }));
      const panel = page.getByRole('tabpanel');
      await page.waitForFunction(() => document.querySelector('pre.ps-code')?.getAttribute('aria-busy') === 'false');
      return panel.locator('pre').textContent();
    },
  };
  return actor;
}

const group = (page, name) => page.getByRole('group', { name });
const radios = (page, name) => page.getByRole('radiogroup', { name });
/** Opens a section's "More settings" unless it is open already (a decision that sets one of
 * its fields opens it). */
async function openMore(who, page, sectionTitle) {
  const summary = page.getByRole('region', { name: sectionTitle }).locator('summary', { hasText: 'More settings' });
  if (!(await summary.evaluate((s) => s.parentElement.open))) await who.click(summary);
}

async function noErrors(page) {
  await page.getByRole('button', { name: 'Check request' }).click();
  const summary = page.locator('#error-summary');
  if (await summary.count()) assert.fail(`the request has errors: ${await summary.innerText()}`);
}

async function start() {
  const { context, page, problems } = await openApp(browser, server.url, { viewport: { width: 1366, height: 900 }, moreOpen: false });
  return { context, page, problems, who: person(page) };
}

function report(task, who) {
  console.log(`  ${task}: ${who.actions} actions`);
}

test('task 1: email sign-in SPA, optional TOTP MFA, passwords of 12, an immutable tenant_id, deletion protection → Terraform', async () => {
  const { context, page, problems, who } = await start();
  await who.type(page.getByRole('textbox', { name: 'Pool name' }), 'spa-users');
  await who.check(group(page, 'How do people sign in?').getByRole('radio', { name: 'With their email address', exact: true }));
  await who.check(radios(page, 'Deletion protection (optional)').getByRole('radio', { name: 'ACTIVE', exact: true }));
  await who.check(group(page, 'Multi-factor authentication').getByRole('radio', { name: 'Optional', exact: true }));
  assert.ok(await page.getByRole('checkbox', { name: 'Authenticator app (TOTP)', exact: true }).isChecked(), 'TOTP comes first');
  await openMore(who, page, 'Password and MFA');
  await who.type(page.getByRole('textbox', { name: 'Minimum length (optional)' }), '12');
  await who.click(page.getByRole('button', { name: 'Add attribute' }));
  const attribute = group(page, 'Attribute 1');
  await who.type(attribute.getByRole('textbox', { name: /^Attribute name/ }), 'tenant_id');
  await who.check(attribute.getByRole('radiogroup', { name: /^Attribute data type/ }).getByRole('radio', { name: 'String', exact: true }));
  await who.check(attribute.getByRole('radiogroup', { name: /^Mutable/ }).getByRole('radio', { name: 'No (false)', exact: true }));
  await noErrors(page);
  const terraform = await who.exportAs('Terraform');
  const meant = {
    PoolName: 'spa-users', Policies: { PasswordPolicy: { MinimumLength: 12 } }, DeletionProtection: 'ACTIVE',
    MfaConfiguration: 'OPTIONAL', UsernameAttributes: ['email'],
    Schema: [{ Name: 'tenant_id', AttributeDataType: 'String', Mutable: false }],
  };
  assert.equal(terraform, cli(['export', '--format', 'terraform', '--mfa', 'totp'], JSON.stringify(meant)));
  assert.match(terraform, /software_token_mfa_configuration \{/);
  assert.match(terraform, /string_attribute_constraints \{/);
  report('task 1', who);
  assert.deepEqual(problems, []);
  await context.close();
});

test('task 2: phone sign-in with SMS MFA required → CloudFormation', async () => {
  const { context, page, problems, who } = await start();
  await who.type(page.getByRole('textbox', { name: 'Pool name' }), 'mobile-users');
  await who.check(group(page, 'How do people sign in?').getByRole('radio', { name: 'With their phone number', exact: true }));
  const mfa = group(page, 'Multi-factor authentication');
  await who.check(mfa.getByRole('radio', { name: 'Required', exact: true }));
  await who.uncheck(mfa.getByRole('checkbox', { name: 'Authenticator app (TOTP)', exact: true }));
  await who.check(mfa.getByRole('checkbox', { name: 'SMS text message', exact: true }));
  await who.check(group(page, 'Auto verified attributes (optional)').getByRole('checkbox', { name: 'phone_number', exact: true }));
  await openMore(who, page, 'Email and SMS delivery');
  const sms = 'arn:aws:iam::123456789012:role/cognito-sms';
  await who.type(page.getByRole('textbox', { name: 'SNS caller ARN' }), sms);
  await noErrors(page);
  const yaml = await who.exportAs('CloudFormation (YAML)');
  const meant = {
    PoolName: 'mobile-users', AutoVerifiedAttributes: ['phone_number'], UsernameAttributes: ['phone_number'],
    MfaConfiguration: 'ON', SmsConfiguration: { SnsCallerArn: sms },
  };
  assert.equal(yaml, cli(['export', '--format', 'cloudformation-yaml', '--mfa', 'sms'], JSON.stringify(meant)));
  assert.match(yaml, /EnabledMfas:\n\s+- SMS_MFA\n/);
  report('task 2', who);
  assert.deepEqual(problems, []);
  await context.close();
});

test('task 3: an admins-only pool with Amazon SES email → AWS CLI', async () => {
  const { context, page, problems, who } = await start();
  await who.type(page.getByRole('textbox', { name: 'Pool name' }), 'staff');
  await who.check(group(page, 'Who can create accounts?').getByRole('radio', { name: 'Only administrators', exact: true }));
  await who.check(group(page, 'Who sends email?').getByRole('radio', { name: /^Amazon SES/ }));
  // Choosing SES opens the email settings: no extra click.
  const ses = 'arn:aws:ses:us-east-1:123456789012:identity/example.com';
  await who.type(page.getByRole('textbox', { name: 'Source ARN (optional)' }), ses);
  await who.type(page.getByRole('textbox', { name: 'From (optional)' }), 'no-reply@example.com');
  await noErrors(page);
  const bash = await who.exportAs('AWS CLI (bash)');
  const meant = {
    PoolName: 'staff', AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    EmailConfiguration: { SourceArn: ses, EmailSendingAccount: 'DEVELOPER', From: 'no-reply@example.com' },
  };
  assert.equal(bash, cli(['export', '--format', 'cli-bash'], JSON.stringify(meant)));
  report('task 3', who);
  assert.deepEqual(problems, []);
  await context.close();
});

test('task 4: passwordless (email one-time codes and passkeys) on Essentials → CDK', async () => {
  const { context, page, problems, who } = await start();
  await who.type(page.getByRole('textbox', { name: 'Pool name' }), 'passwordless');
  await who.check(radios(page, 'Feature plan (optional)').getByRole('radio', { name: 'ESSENTIALS', exact: true }));
  await who.check(group(page, 'How do people sign in?').getByRole('radio', { name: 'With their email address', exact: true }));
  await openMore(who, page, 'Sign-in');
  const factors = group(page, /^Allowed first auth factors/);
  for (const factor of ['PASSWORD', 'EMAIL_OTP', 'WEB_AUTHN']) await who.check(factors.getByRole('checkbox', { name: factor }));
  await who.check(group(page, 'Who sends email?').getByRole('radio', { name: /^Amazon SES/ }));
  const ses = 'arn:aws:ses:us-east-1:123456789012:identity/example.com';
  await who.type(page.getByRole('textbox', { name: 'Source ARN (optional)' }), ses);
  await noErrors(page);
  const cdk = await who.exportAs('CDK (TypeScript)');
  const meant = {
    PoolName: 'passwordless', Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'WEB_AUTHN'] } },
    UsernameAttributes: ['email'], EmailConfiguration: { SourceArn: ses, EmailSendingAccount: 'DEVELOPER' }, UserPoolTier: 'ESSENTIALS',
  };
  assert.equal(cdk, cli(['export', '--format', 'cdk-ts'], JSON.stringify(meant)));
  report('task 4', who);
  assert.deepEqual(problems, []);
  await context.close();
});

test('task 5: import a describe-user-pool output, rename the clone → boto3', async () => {
  const { context, page, problems, who } = await start();
  const describe = readFileSync(join(ROOT, 'tests/data/import/describe-acme.json'), 'utf8');
  await who.click(page.getByRole('button', { name: 'Import…' }));
  // Pasting is one action.
  who.actions += 1;
  await page.getByRole('textbox', { name: 'Document' }).fill(describe);
  await who.click(page.getByRole('dialog').getByRole('button', { name: 'Import', exact: true }));
  await page.getByRole('region', { name: 'Notices' }).waitFor();
  await who.replace(page.getByRole('textbox', { name: 'Pool name' }), 'acme-clone');
  const boto3 = await who.exportAs('boto3 (Python)');
  const imported = JSON.parse(cli(['import', '--from', 'describe-user-pool'], describe));
  imported.PoolName = 'acme-clone';
  // describe-user-pool does not show the MFA factors; the clone keeps what it implies.
  const sms = imported.MfaConfiguration && imported.MfaConfiguration !== 'OFF' && imported.SmsConfiguration ? 'sms' : 'none';
  assert.equal(boto3, cli(['export', '--format', 'boto3', '--mfa', sms], JSON.stringify(imported)));
  report('task 5', who);
  assert.deepEqual(problems, []);
  await context.close();
});
