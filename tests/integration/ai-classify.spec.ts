import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { suitesConfig, useDemoServer } from '../helpers/demo.js';
import { repoRoot, runPanoptic, runPlaywright, testOf, writeProject } from '../helpers/inline.js';
import { readSummary, WITH_PANOPTIC } from '../helpers/reporter.js';

const demo = useDemoServer();

/** A port nothing listens on: taken from the OS, then released. */
function refusedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

test('the reporter groups failures by category, with a healing hint from the page at failure time', async () => {
  const port = await refusedPort();
  const dir = writeProject({
    'playwright.config.ts': [
      "import { defineConfig } from '@playwright/test';",
      "import { chromiumLaunchOptions } from '@panoptic/fixtures/config';",
      'export default defineConfig({ use: { ...chromiumLaunchOptions(), actionTimeout: 500 } });',
    ].join('\n'),
    'failing.spec.ts': `
import { test, expect } from '@playwright/test';
test('clicks a renamed button', async ({ page }) => {
  await page.setContent('<h1>Account</h1><button>Sign in</button><button>Cancel</button><a href="#help">Help</a>');
  await page.getByRole('button', { name: 'Sign on' }).click();
});
test('opens a server that is down', async ({ page }) => {
  await page.goto('http://127.0.0.1:${port}/');
});
test('compares totals', async () => {
  expect(41).toBe(42);
});
`,
  });
  const run = await runPlaywright(dir, [WITH_PANOPTIC]);
  expect(run.exitCode, run.output).toBe(1);
  const summary = readSummary(dir);
  expect(summary.failures.map((group) => [group.kind, group.count]).sort()).toEqual([
    ['assertion-mismatch', 1],
    ['locator-not-found', 1],
    ['network', 1],
  ]);
  const renamed = summary.tests.find((t) => t.title === 'clicks a renamed button')!;
  expect(renamed.failure).toMatchObject({ kind: 'locator-not-found', hint: { role: 'button', name: 'Sign in', locator: "page.getByRole('button', { name: 'Sign in' })" } });
  expect(renamed.failure!.confidence).toBeGreaterThan(0.5);
  expect(renamed.attempts[0]!.errors[0]).toMatchObject({ kind: 'locator-not-found' });
  expect(summary.tests.find((t) => t.title === 'opens a server that is down')!.failure).toMatchObject({ kind: 'network', summary: expect.stringContaining('ERR_CONNECTION_REFUSED') });

  const html = fs.readFileSync(path.join(dir, 'panoptic-results', 'report', 'index.html'), 'utf8');
  expect(html).toContain('Locator matched nothing');
  expect(html).toContain('Network and HTTP errors');
  expect(html).toContain('page.getByRole(&#39;button&#39;, { name: &#39;Sign in&#39; })');
  const markdown = fs.readFileSync(path.join(dir, 'panoptic-results', 'summary.md'), 'utf8');
  expect(markdown).toContain('### Failures: locator-not-found (1)');
  expect(markdown).toContain("(try `page.getByRole('button', { name: 'Sign in' })`)");
});

test('smart_error_detection classifies the console errors, page errors and failed requests of the whole test', async () => {
  const suite = (fail: string) => `
name: Errors
apps:
  - name: errors
    type: web
    url: ${demo.url}/error
    actions:
      - { name: missing page, type: navigate, url: ${demo.url}/no-such-page }
      - { name: images, type: navigate, url: ${demo.url}/image }
      - { name: detect, type: smart_error_detection, parameters: { output: page-errors.json${fail} } }
settings:
  disable_images: true
`;
  const dir = writeProject({ 'strict.yaml': suite(''), 'lenient.yaml': suite(', fail: false').replace('name: errors', 'name: lenient'), 'playwright.config.ts': suitesConfig(['strict.yaml', 'lenient.yaml']) });
  const run = await runPlaywright(dir);
  const strict = testOf(run.report, 'errors');
  const lenient = testOf(run.report, 'lenient');
  expect(strict.status, run.output).toBe('failed');
  expect(strict.errors[0]).toMatch(/smart_error_detection "detect": the page reported \d+ error\(s\)/);
  expect(lenient.status, run.output).toBe('passed');

  const reportOf = (t: typeof strict) => JSON.parse(fs.readFileSync(t.attachments.find((a) => a.name === 'page-errors.json')!.path!, 'utf8'));
  for (const t of [strict, lenient]) {
    const report = reportOf(t);
    const bySource = (source: string) => report.errors.filter((e: { source: string }) => e.source === source);
    // The page error of the first page, before any action: collection starts with the test.
    expect(bySource('pageerror')).toEqual([expect.objectContaining({ message: 'Error: Demo failure: widget exploded', category: 'script-error' })]);
    expect(bySource('response')).toEqual([expect.objectContaining({ status: 404, url: `${demo.url}/no-such-page`, category: 'network' })]);
    expect(bySource('console')).toContainEqual(expect.objectContaining({ message: expect.stringContaining('404'), category: 'network' }));
    expect(bySource('requestfailed')).toContainEqual(expect.objectContaining({ message: expect.stringContaining('net::ERR_BLOCKED_BY_CLIENT'), category: 'network' }));
    for (const error of report.errors) {
      expect(error.confidence).toBeGreaterThan(0);
      expect(error.confidence).toBeLessThanOrEqual(1);
    }
    expect(report.count).toBe(report.errors.length);
    expect(report.byCategory).toMatchObject({ 'script-error': 1 });
  }
});

test('ai_testing.enable_error_detection checks every web app after its last action', async () => {
  const suiteFile = `
name: Detect
apps:
  - name: broken
    type: web
    url: ${demo.url}/error
  - name: clean
    type: web
    url: ${demo.url}/login
actions:
  - { name: settle, type: wait, wait_time: 0.3 }
settings:
  ai_testing:
    enable_error_detection: true
`;
  const dir = writeProject({ 'suite.yaml': suiteFile, 'playwright.config.ts': suitesConfig(['suite.yaml']) });
  const run = await runPlaywright(dir);
  const broken = testOf(run.report, 'broken');
  const clean = testOf(run.report, 'clean');
  expect(broken.status, run.output).toBe('failed');
  expect(broken.steps).toEqual([`open ${demo.url}/error`, 'settle', 'error detection']);
  expect(broken.errors[0]).toContain('[script-error');
  expect(broken.errors[0]).toContain('Demo failure: widget exploded');
  expect(clean.status, run.output).toBe('passed');
  expect(clean.steps.at(-1)).toBe('error detection');
  const report = JSON.parse(fs.readFileSync(clean.attachments.find((a) => a.name === 'error-detection.json')!.path!, 'utf8'));
  expect(report).toMatchObject({ count: 0, errors: [] });
});

test('a YAML action whose locator matches nothing attaches the page, and the report proposes the closest element', async () => {
  const suiteFile = `
name: Heal
apps:
  - name: heal
    type: web
    url: ${demo.url}/login
    timeout: 2
    actions:
      - { name: sign in, type: click, selector: "role=button[name='Log in']" }
settings:
  reuse_browsers: false
`;
  const dir = writeProject({ 'suite.yaml': suiteFile, 'playwright.config.ts': suitesConfig(['suite.yaml']) });
  const run = await runPlaywright(dir, [WITH_PANOPTIC]);
  const heal = testOf(run.report, 'heal');
  expect(heal.status, run.output).toBe('failed');
  const snapshot = heal.attachments.find((a) => a.contentType === 'application/vnd.panoptic.aria-snapshot+yaml');
  expect(snapshot, JSON.stringify(heal.attachments)).toBeDefined();
  expect(Buffer.from(snapshot!.body!, 'base64').toString('utf8')).toContain('button "Sign in"');
  const summary = readSummary(dir);
  expect(summary.tests[0]!.failure).toMatchObject({ kind: 'locator-not-found', hint: { role: 'button', name: 'Sign in' } });
});

test('panoptic errors classify: JSONL or plain text in, one JSON result per line out, in order', async () => {
  const dir = writeProject({
    'errors.jsonl': [
      JSON.stringify({ id: 'a', message: 'Error: page.goto: net::ERR_NAME_NOT_RESOLVED at http://shop.invalid/' }),
      '',
      JSON.stringify({ id: 'b', message: "Error: locator.click: strict mode violation: getByRole('button') resolved to 2 elements:" }),
      JSON.stringify({ message: 'Test timeout of 500ms exceeded.' }),
      '{"message": 42}',
      '{not json',
    ].join('\n'),
    'plain.txt': 'Error: expect(received).toBe(expected)\nTypeError: Cannot read properties of undefined (reading \'x\')\n',
  });
  const fromFile = await runPanoptic(dir, ['errors', 'classify', 'errors.jsonl']);
  expect(fromFile.exitCode, fromFile.output).toBe(1);
  const results = fromFile.stdout.trim().split('\n').map((line) => JSON.parse(line));
  expect(results.map((r) => r.category ?? 'error')).toEqual(['network', 'locator-ambiguous', 'test-timeout', 'error', 'error']);
  expect(results[0]).toMatchObject({ id: 'a', line: 1 });
  expect(results[1]).toMatchObject({ id: 'b', line: 3 });
  for (const result of results.slice(0, 3)) expect(result.confidence).toBeGreaterThan(0);
  expect(fromFile.stderr).toContain('errors.jsonl:5: the object has no string "message" field');
  expect(fromFile.stderr).toContain('errors.jsonl:6: not valid JSON');

  const plain = await runPanoptic(dir, ['errors', 'classify', 'plain.txt']);
  expect(plain.exitCode, plain.output).toBe(0);
  expect(plain.stdout.trim().split('\n').map((line) => JSON.parse(line).category)).toEqual(['assertion-mismatch', 'script-error']);

  const missing = await runPanoptic(dir, ['errors', 'classify', 'nope.jsonl']);
  expect(missing.exitCode).toBe(1);
  expect(missing.stderr).toContain('nope.jsonl: no such file');
});

test('panoptic errors classify reads standard input with - or no file', async () => {
  const dir = writeProject({});
  const cli = path.join(repoRoot, 'packages', 'cli', 'dist', 'bin.js');
  const input = 'browserType.launch: Executable doesn\'t exist at /opt/chrome/chrome\n{"message": "Error: page.click: Target page, context or browser has been closed"}\n';
  for (const args of [['-'], []]) {
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [cli, 'errors', 'classify', ...args], { cwd: dir });
      let out = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => (out += chunk));
      child.on('error', reject);
      child.on('close', () => resolve(out));
      child.stdin.end(input);
    });
    expect(output.trim().split('\n').map((line) => JSON.parse(line).category)).toEqual(['environment', 'page-closed']);
  }
});
