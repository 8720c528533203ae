import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { redactSecrets, secretForms, secretsOfSuite } from '@panoptic/config';
import { suitesConfig, useDemoServer } from '../../helpers/demo.js';
import { runPanoptic, runPlaywright, writeProject } from '../../helpers/inline.js';
import { filesUnder, htmlReportData, zipTexts } from '../../helpers/playwright-report.js';

const demo = useDemoServer();

// Every secret a suite can hold, each recognisable wherever it ends up.
const SECRETS = {
  fill: 'fill-value-S3CRET-hunter2',
  urlPassword: 'url-password-S3CRET',
  token: 'token-S3CRET-1234',
  apiKey: 'api-key-S3CRET-5678',
  key: 'plain-key-S3CRET',
  amzSignature: 'amz-signature-S3CRET',
  sig: 'sig-S3CRET-90',
  storageSecret: 'storage-secret-key-S3CRET',
};

function hostileSuite(url: string): string {
  const host = url.replace('http://', '');
  return `name: Secrets
output: out
apps:
  - name: login
    type: web
    url: http://tester:${SECRETS.urlPassword}@${host}/login?token=${SECRETS.token}&api_key=${SECRETS.apiKey}
    actions:
      - name: type user
        type: fill
        selector: "#username"
        value: demo
      - name: type password
        type: fill
        selector: "#password"
        value: ${SECRETS.fill}
      - name: sign in
        type: submit
      - name: the typed password was posted
        type: click
        target: Invalid username or password
      - name: go to form
        type: navigate
        url: ${url}/form?key=${SECRETS.key}&X-Amz-Signature=${SECRETS.amzSignature}&sig=${SECRETS.sig}&page=2
      - name: on the form page
        type: click
        target: Feedback form
      - name: fails on purpose
        type: click
        selector: "#not-there"
settings:
  element_timeout: 1
  cloud:
    provider: local
    bucket: store
    secret_key: ${SECRETS.storageSecret}
`;
}

/** The forms a secret takes in files: as is, URL-encoded, JSON-escaped, and base64 (a Basic header). */
function forms(secret: string): string[] {
  return [secret, encodeURIComponent(secret), Buffer.from(`tester:${secret}`).toString('base64')];
}

/**
 * Every text a run left, by where it is: plain files, each entry of every zip (traces, Playwright's
 * HTML report data), and the data inside each HTML report's index.html.
 */
async function everyText(root: string, skip: (file: string) => boolean): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const file of filesUnder(root).filter((f) => !skip(f))) {
    const absolute = path.join(root, file);
    const bytes = fs.readFileSync(absolute);
    texts.set(file, bytes.toString('latin1'));
    if (bytes.subarray(0, 2).toString() === 'PK') {
      for (const [entry, text] of await zipTexts(bytes)) texts.set(`${file}!${entry}`, text);
    }
    if (path.basename(file) === 'index.html' && bytes.includes('playwrightReportBase64')) {
      for (const [entry, text] of await htmlReportData(path.dirname(absolute))) texts.set(`${file}#${entry}`, text);
    }
  }
  return texts;
}

function leaksIn(texts: Map<string, string>): string[] {
  const leaks: string[] = [];
  for (const [where, text] of texts) {
    for (const [name, secret] of Object.entries(SECRETS)) {
      if (forms(secret).some((form) => text.includes(form))) leaks.push(`${name} in ${where}`);
    }
  }
  return leaks;
}

test('panoptic run with traces on: no fill value, URL password, secret query parameter or storage key in any file it writes or uploads', async () => {
  const dir = writeProject({ 'suite.yaml': hostileSuite(demo.url) });
  const run = await runPanoptic(dir, ['run', 'suite.yaml', '--', '--trace=on', '--workers=1'], { PANOPTIC_RUN_ID: 'secrets' });
  expect(run.exitCode, run.output).toBe(1);
  const texts = await everyText(dir, (file) => file === 'suite.yaml' || file.startsWith('node_modules'));
  // The run did write what is searched: Playwright's report with its steps, traces, Panoptic's outputs, the store.
  const names = [...texts.keys()];
  expect(names.some((n) => n.startsWith('out/playwright-report/index.html#'))).toBe(true);
  expect(names.some((n) => /^out\/test-results\/.*trace\.zip!/.test(n))).toBe(true);
  expect(names.some((n) => /^store\/.*playwright-report\/data\/.*\.zip!/.test(n))).toBe(true);
  expect(names).toContain('out/summary.json');
  // Every action played up to the one meant to fail: the fills typed (the required password field
  // let the form post, so the app answered), and the URL with secrets opened the form page.
  const summary = JSON.parse(texts.get('out/summary.json')!) as { tests: { actions?: Record<string, { count: number; failed: number }> }[] };
  expect(summary.tests[0]!.actions).toMatchObject({ fill: { count: 2, failed: 0 }, navigate: { count: 2, failed: 0 }, click: { count: 3, failed: 1 } });
  const report = [...texts].filter(([n]) => n.startsWith('out/playwright-report/index.html#')).map(([, t]) => t).join('\n');
  expect(report).toContain('type password');
  expect(report).toContain('fails on purpose');
  // The app's URL step is still named, its password and secret parameters replaced.
  expect(report).toContain('open http://tester:redacted@');
  expect(leaksIn(texts)).toEqual([]);
  expect(leaksIn(new Map([['console output', run.output]]))).toEqual([]);
});

test("fromSuites with Playwright's html and json reporters and traces on: neither report nor trace holds a secret", async () => {
  const dir = writeProject({
    'suite.yaml': hostileSuite(demo.url),
    'playwright.config.ts': suitesConfig(['suite.yaml'], "use: { trace: 'on' }, reporter: [['html', { open: 'never' }], ['json', { outputFile: 'pw.json' }]]"),
  });
  const run = await runPlaywright(dir, ['--reporter=html,json', '--workers=1']);
  expect(run.exitCode, run.output).toBe(1);
  const texts = await everyText(dir, (file) => file === 'suite.yaml' || file.startsWith('node_modules'));
  expect([...texts.keys()].some((n) => n.startsWith('playwright-report/index.html#'))).toBe(true);
  expect([...texts.keys()].some((n) => /^playwright-report\/data\/.*\.zip!/.test(n))).toBe(true);
  expect(texts.has('report.json')).toBe(true);
  expect(leaksIn(texts)).toEqual([]);
  expect(leaksIn(new Map([['console output', run.output]]))).toEqual([]);
});

test('what counts as a secret: fill values, secret keys anywhere, URL passwords and signed-link parameters, in every encoding', () => {
  const suite = {
    name: 'S',
    apps: [{ name: 'a', type: 'web', url: 'https://bob:pa%24%24word@example.test/?X-Amz-Credential=AKIAEXAMPLE%2F2026&page=3&sig=abcd1234' }],
    actions: [
      { name: 'pw', type: 'fill', selector: '#p', value: 'correct horse battery' },
      { name: 'short', type: 'fill', selector: '#q', value: 'ab' },
    ],
    settings: { cloud: { provider: 'aws', secret_key: 'cloud-secret-key', access_key: 'AKIACLOUDKEY' }, environment: { DB_PASSWORD: 'db-pass-1', PAGE_SIZE: 'size-ten' } },
  };
  const secrets = secretsOfSuite(suite);
  expect(secrets).toEqual(
    expect.arrayContaining(['correct horse battery', 'pa$$word', 'bob:pa$$word', 'AKIAEXAMPLE/2026', 'abcd1234', 'cloud-secret-key', 'AKIACLOUDKEY', 'db-pass-1']),
  );
  // Not secrets: ordinary parameters and settings, and values too short to search text for.
  for (const plain of ['3', 'size-ten', 'ab', 'bob', 'aws']) expect(secrets).not.toContain(plain);
  const text = [
    'typed correct horse battery',
    'posted password=correct+horse+battery',
    '{"value":"correct horse battery"}',
    `Authorization: Basic ${Buffer.from('bob:pa$$word').toString('base64')}`,
    'https://example.test/?X-Amz-Credential=AKIAEXAMPLE%2F2026&sig=abcd1234',
  ].join('\n');
  const redacted = redactSecrets(text, secrets);
  for (const secret of secrets) for (const form of secretForms(secret)) expect(redacted).not.toContain(form);
  expect(redacted).toContain('typed <redacted>');
});
