// Real templates in the app: a CloudFormation template with two pools asks which to import;
// the pool's intrinsic functions show as what they are ("comes from your template"), the
// CloudFormation export writes them back with the parameters and conditions they use, a format
// that cannot carry them gets marked placeholders, and "Replace with a value" makes one a value.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openApp, field } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Stage:
    Type: String
    Default: dev
    AllowedValues: [dev, prod]
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Resources:
  Customers:
    Type: AWS::Cognito::UserPool
    Properties:
      UserPoolName: !Sub "\${AWS::StackName}-customers"
      MfaConfiguration: !If [IsProd, "OPTIONAL", "OFF"]
      UserPoolTags:
        stage: !Ref Stage
  Staff:
    Type: AWS::Cognito::UserPool
    Properties:
      UserPoolName: staff
`;

async function exportText(page, format) {
  await page.locator(`button[role="tab"][data-format="${format}"]`).click();
  await page.waitForFunction((f) => {
    const el = document.querySelector(`pre[data-format="${f}"]`);
    return el && el.getAttribute('aria-busy') === 'false' && el.textContent.length > 0;
  }, format);
  return page.locator(`pre[data-format="${format}"]`).textContent();
}

test('a template with two pools asks which one; its expressions stay expressions', async () => {
  const { context, page, problems } = await openApp(browser, server.url);
  await page.getByRole('button', { name: 'Import…' }).click();
  await page.locator('#import-text').fill(TEMPLATE);
  await page.locator('#import-dialog').getByRole('button', { name: 'Import', exact: true }).click();
  // Nothing changes yet: the dialog names both pools and offers each.
  const summary = page.locator('#import-problems');
  await summary.waitFor();
  assert.match(await summary.textContent(), /defines 2 user pools \(Customers, Staff\)/);
  await page.getByRole('button', { name: 'Import Customers' }).click();
  await page.getByRole('region', { name: 'Notices' }).waitFor();

  // The pool name is the template's !Sub, shown as its source text with a way to replace it.
  const name = page.locator('.ps-expr').filter({ hasText: 'Pool name' });
  await name.waitFor();
  assert.match(await name.textContent(), /comes from your template: !Sub "\$\{AWS::StackName\}-customers"/);
  assert.match(await page.locator('.ps-expr').filter({ hasText: 'Tag value' }).first().textContent(), /!Ref Stage/);

  // CloudFormation writes them back, with the parameter and condition they use.
  const yaml = await exportText(page, 'cloudformation-yaml');
  assert.match(yaml, /UserPoolName: !Sub "\$\{AWS::StackName\}-customers"/);
  assert.match(yaml, /MfaConfiguration: !If\n\s+- IsProd/);
  assert.match(yaml, /Parameters:\n  Stage:/);
  assert.match(yaml, /Conditions:\n  IsProd: !Equals/);
  assert.match(yaml, /\n  Customers:\n    Type: AWS::Cognito::UserPool/);
  // Request JSON cannot: a marked placeholder, and a note that lists what to fill in.
  const request = JSON.parse(await exportText(page, 'request-json'));
  assert.equal(request.PoolName, '<fill in: !Sub "${AWS::StackName}-customers">');
  const notes = await page.locator('.ps-exports__notes li').allTextContents();
  assert.ok(notes.some((n) => n.startsWith('Fill in these values before you use this') && n.includes('UserPoolTags.stage = !Ref Stage')), notes.join('\n'));

  // Replacing the name makes it an ordinary field again, and every format carries the value.
  await name.getByRole('button', { name: 'Replace with a value' }).click();
  await field(page, 'PoolName').fill('customers');
  const replaced = JSON.parse(await exportText(page, 'request-json'));
  assert.equal(replaced.PoolName, 'customers');
  assert.match(await exportText(page, 'cloudformation-yaml'), /UserPoolName: customers\n/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a literal that can never match is an error on the expression, before deploying', async () => {
  const { context, page, problems } = await openApp(browser, server.url);
  await page.getByRole('button', { name: 'Import…' }).click();
  await page.locator('#import-text').fill(
    'Resources:\n  Pool:\n    Type: AWS::Cognito::UserPool\n    Properties:\n      UserPoolName: !Sub "${AWS::StackName}/users"\n');
  await page.locator('#import-dialog').getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('region', { name: 'Notices' }).waitFor();
  // Said on the expression itself, at once: no deployment can make it a valid name.
  const message = page.locator('.ps-expr .ps-field__error');
  await message.waitFor();
  assert.match(await message.textContent(), /Pool name can never contain .*\/.*, and the fixed text of !Sub "\$\{AWS::StackName\}\/users" has it/);
  assert.deepEqual(problems, []);
  await context.close();
});
