import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { writeProject } from '../helpers/inline.js';
import { moduleLog } from '../helpers/module-log.js';
import { expectSummaryMatchesJson, parsePrometheus, readSummary, runCli, warningsIn } from '../helpers/reporter.js';

/** A config whose Panoptic options are the JSON in $PANOPTIC_OPTIONS, so one project runs with several. */
const configWith = (extra = '') => `
import { defineConfig } from '@playwright/test';
const options = JSON.parse(process.env.PANOPTIC_OPTIONS ?? '{}');
const panoptic = process.env.WITHOUT_PANOPTIC ? [] : [['@panoptic/reporter', options]];
export default defineConfig({
  reporter: [['list'], ['json'], ['junit', { outputFile: 'junit.xml' }], ...panoptic],
  ${extra}
});
`;

const mixedSpec = `
import { test, expect } from '@playwright/test';
test('passes', async () => {});
test('fails', async () => { expect(1).toBe(2); });
test('fails first, passes on retry', async ({}, testInfo) => { expect(testInfo.retry).toBe(1); });
test.skip('is skipped', async () => {});
`;

test.describe('never breaks a run', () => {
  const spec = `
import { test, expect } from '@playwright/test';
test('passes', async () => {});
test('fails when asked', async () => { expect(process.env.FAIL_ONE).toBeUndefined(); });
`;
  // An existing file where the output folder should be: nothing the reporter writes can succeed.
  const unwritable = JSON.stringify({ outputDir: 'occupied' });

  for (const failing of [false, true]) {
    test(`outputs that cannot be written leave the exit code (${failing ? 'failing' : 'passing'} run) and the other reporters alone`, async () => {
      const env = { PANOPTIC_OPTIONS: unwritable, ...(failing ? { FAIL_ONE: '1' } : {}) };
      const dir = writeProject({ 'playwright.config.ts': configWith(), 'a.spec.ts': spec, occupied: 'not a folder\n' });
      const without = await runCli(dir, ['test'], { ...env, WITHOUT_PANOPTIC: '1' });
      fs.rmSync(path.join(dir, 'report.json'));
      fs.rmSync(path.join(dir, 'junit.xml'));

      const run = await runCli(dir, ['test'], env);
      expect(run.exitCode, run.output).toBe(without.exitCode);
      expect(run.exitCode).toBe(failing ? 1 : 0);
      expect(run.report?.stats).toMatchObject({ expected: failing ? 1 : 2, unexpected: failing ? 1 : 0 });
      expect(fs.readFileSync(path.join(dir, 'junit.xml'), 'utf8')).toContain(`failures="${failing ? 1 : 0}"`);
      expect(run.stdout).toContain(failing ? '1 failed' : '2 passed');
      expect(fs.readFileSync(path.join(dir, 'occupied'), 'utf8')).toBe('not a folder\n');
      expect(warningsIn(run.stderr).length).toBeGreaterThan(0);
    });
  }

  test('outputs that cannot be written are one warning on stderr', async () => {
    const dir = writeProject({ 'playwright.config.ts': configWith(), 'a.spec.ts': spec, occupied: 'not a folder\n' });
    const run = await runCli(dir, ['test'], { PANOPTIC_OPTIONS: unwritable });
    expect(run.exitCode, run.output).toBe(0);
    const warnings = warningsIn(run.stderr);
    expect(warnings, run.stderr).toHaveLength(1);
    expect(warnings[0]).toContain('occupied');
  });
});

test.describe('metrics.prom', () => {
  let requests: { method: string; url: string; body: string }[] = [];
  let pushgateway: http.Server;
  let pushgatewayUrl = '';

  test.beforeAll(async () => {
    // A test double of the Prometheus Pushgateway: records each push and accepts it.
    pushgateway = http.createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (body += chunk));
      request.on('end', () => {
        requests.push({ method: request.method ?? '', url: request.url ?? '', body });
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => pushgateway.listen(0, '127.0.0.1', resolve));
    pushgatewayUrl = `http://127.0.0.1:${(pushgateway.address() as AddressInfo).port}`;
  });

  test.afterAll(async () => {
    await new Promise<void>((resolve, reject) => pushgateway.close((error) => (error ? reject(error) : resolve())));
  });

  test.beforeEach(() => {
    requests = [];
  });

  test('its values equal the summary, and the same text is pushed to the Pushgateway', async () => {
    const dir = writeProject({ 'playwright.config.ts': configWith("projects: [{ name: 'p' }], retries: 1"), 'mixed.spec.ts': mixedSpec });
    const run = await runCli(dir, ['test'], { PANOPTIC_OPTIONS: JSON.stringify({ pushgateway: { url: pushgatewayUrl, job: 'nightly' } }) });
    expect(run.exitCode, run.output).toBe(1);
    expect(warningsIn(run.stderr)).toEqual([]);
    const summary = readSummary(dir);
    expectSummaryMatchesJson(summary, run.report);

    const text = fs.readFileSync(path.join(dir, 'panoptic-results', 'metrics.prom'), 'utf8');
    const samples = parsePrometheus(text);
    const project = summary.projects.find((p) => p.name === 'p')!;
    expect(project).toMatchObject({ passed: 1, failed: 1, flaky: 1, skipped: 1 });
    for (const outcome of ['passed', 'failed', 'flaky', 'skipped'] as const) {
      expect(samples.get(`panoptic_tests{outcome="${outcome}",project="p"}`), outcome).toBe(project[outcome]);
    }
    expect(samples.get('panoptic_success_rate')).toBeCloseTo(summary.totals.successRate!);
    expect(summary.totals.successRate).toBeCloseTo(2 / 3);
    expect(samples.get('panoptic_flaky_rate')).toBeCloseTo(summary.totals.flakyRate!);
    expect(samples.get('panoptic_run_passed')).toBe(0);
    expect(samples.get('panoptic_run_duration_seconds')).toBeCloseTo(summary.run.durationMs / 1000);
    const ran = summary.tests.filter((t) => t.attempts.length);
    expect(samples.get('panoptic_test_duration_seconds_count{project="p"}')).toBe(ran.length);
    expect(samples.get('panoptic_test_duration_seconds_bucket{le="+Inf",project="p"}')).toBe(ran.length);
    expect(samples.get('panoptic_test_duration_seconds_sum{project="p"}')).toBeCloseTo(ran.reduce((sum, t) => sum + t.durationMs, 0) / 1000);

    // pushAdd: POST adds to the job's group without replacing metrics others pushed to it.
    expect(requests).toEqual([{ method: 'POST', url: '/metrics/job/nightly', body: text }]);
    for (const output of ['summary.json', 'summary.md', 'metrics.prom', 'history.json', 'report/index.html']) {
      expect(fs.existsSync(path.join(dir, 'panoptic-results', output)), output).toBe(true);
    }
    // summary.json's entries were spooled in the work folder as the tests ended: spool and folder are gone.
    expect(fs.existsSync(path.join(dir, 'panoptic-results', '.panoptic'))).toBe(false);
  });

  test('a run where nothing ran has no success rate to report; without a YAML suite the reporter loads no suite model and no metrics it does not write, and its own code as one file', async () => {
    const spec = `import { test } from '@playwright/test';\ntest.skip('is skipped', async () => {});\n`;
    const dir = writeProject({ 'playwright.config.ts': configWith(), 'skipped.spec.ts': spec });
    const modules = moduleLog(dir);
    const run = await runCli(dir, ['test'], modules.env);
    expect(run.exitCode, run.output).toBe(0);
    // Each costs the run's start: the suite model is zod schemas and a YAML parser; prom-client's
    // index adds default process metrics, cluster aggregation and the push gateway to the three classes used.
    const loaded = modules.read();
    expect(loaded.filter((url) => url.includes('prom-client/lib/gauge.js')).length, 'metrics were written').toBeGreaterThan(0);
    expect(loaded.filter((url) => /packages\/config\/|node_modules\/yaml\/|prom-client\/(index\.js|lib\/defaultMetrics)/.test(url))).toEqual([]);
    // The reporter's own modules load as the one bundled file (a round trip each through Playwright's loader otherwise).
    expect(new Set(loaded.filter((url) => url.includes('packages/reporter/')).map((url) => url.replace(/^.*packages\/reporter\//, '')))).toEqual(new Set(['dist/bundle/index.js']));
    const summary = readSummary(dir);
    expectSummaryMatchesJson(summary, run.report);
    expect(summary.totals.successRate).toBeNull();
    const samples = parsePrometheus(fs.readFileSync(path.join(dir, 'panoptic-results', 'metrics.prom'), 'utf8'));
    expect(samples.get('panoptic_run_passed')).toBe(1);
    expect(samples.has('panoptic_success_rate')).toBe(false);
    expect(samples.has('panoptic_flaky_rate')).toBe(false);
  });
});

test('summary.md tells the run in a few lines and is appended to $GITHUB_STEP_SUMMARY unless turned off', async () => {
  const dir = writeProject({
    'playwright.config.ts': configWith("projects: [{ name: 'p' }], retries: 1"),
    'mixed.spec.ts': mixedSpec,
    'step-summary.md': '# An earlier step\n',
  });
  const stepSummary = path.join(dir, 'step-summary.md');
  const run = await runCli(dir, ['test'], { GITHUB_STEP_SUMMARY: stepSummary });
  expect(run.exitCode, run.output).toBe(1);
  expectSummaryMatchesJson(readSummary(dir), run.report);

  const markdown = fs.readFileSync(path.join(dir, 'panoptic-results', 'summary.md'), 'utf8');
  const lines = markdown.split('\n');
  expect(lines[0]).toBe('## ❌ Panoptic: 1 passed, 1 failed, 1 flaky, 1 skipped');
  expect(lines[2]).toMatch(/^Success rate \*\*66\.7%\*\* · flaky rate \*\*33\.3%\*\* · /);
  expect(lines).toContain('| project | total | passed | failed | flaky | skipped | success | p95 |');
  expect(lines.find((line) => line.startsWith('| p |'))).toMatch(/^\| p \| 4 \| 1 \| 1 \| 1 \| 1 \| 66\.7% \| .+ \|$/);
  expect(lines).toContain('### Failures: assertion-mismatch (1)');
  expect(lines).toContain('- p › mixed.spec.ts › fails — Error: expect(received).toBe(expected) // Object.is equality');
  expect(lines).toContain('### Flaky (1)');
  expect(lines).toContain('- p › mixed.spec.ts › fails first, passes on retry — 2 attempts');
  expect(fs.readFileSync(stepSummary, 'utf8')).toBe(`# An earlier step\n${markdown}`);

  const quiet = await runCli(dir, ['test'], { GITHUB_STEP_SUMMARY: stepSummary, PANOPTIC_OPTIONS: JSON.stringify({ stepSummary: false }) });
  expect(quiet.exitCode, quiet.output).toBe(1);
  expect(fs.readFileSync(stepSummary, 'utf8')).toBe(`# An earlier step\n${markdown}`);
});

test('Panoptic metrics attachments from plain specs give tests their app, platform and actions, and apps their counts', async () => {
  const spec = `
import fs from 'node:fs';
import { test, expect } from '@playwright/test';
const CONTENT_TYPE = 'application/vnd.panoptic.metrics+json';
const metrics = (app, platform, byType) => JSON.stringify({ version: 1, app, platform, byType });

test('checkout', async ({}, testInfo) => {
  const byType = { click: { count: 3, failed: 0, totalMs: 120 }, fill: { count: 2, failed: 0, totalMs: 40 } };
  await testInfo.attach('panoptic-metrics', { body: metrics('shop', 'web', byType), contentType: CONTENT_TYPE });
});
test('search fails', async ({}, testInfo) => {
  await testInfo.attach('panoptic-metrics', { body: metrics('shop', 'web', { click: { count: 1, failed: 1, totalMs: 30 } }), contentType: CONTENT_TYPE });
  expect(1).toBe(2);
});
test('metrics of the last attempt count', async ({}, testInfo) => {
  const app = testInfo.retry === 0 ? 'first-attempt' : 'shop';
  await testInfo.attach('panoptic-metrics', { body: metrics(app, 'web', { navigate: { count: testInfo.retry + 1, failed: 0, totalMs: 10 } }), contentType: CONTENT_TYPE });
  expect(testInfo.retry).toBe(1);
});
test('attached as a file', async ({}, testInfo) => {
  const file = testInfo.outputPath('metrics.json');
  fs.writeFileSync(file, metrics('admin', 'mobile', { tap: { count: 4, failed: 0, totalMs: 80 } }));
  await testInfo.attach('panoptic-metrics', { path: file, contentType: CONTENT_TYPE });
});
test('without metrics', async () => {});
test('unreadable metrics', async ({}, testInfo) => {
  await testInfo.attach('panoptic-metrics', { body: '{ not json', contentType: CONTENT_TYPE });
});
`;
  // The project's metadata names the app of tests that attach no metrics of their own.
  const dir = writeProject({
    'playwright.config.ts': configWith("retries: 1, projects: [{ name: 'web', metadata: { panoptic: { app: 'storefront', type: 'web' } } }]"),
    'apps.spec.ts': spec,
  });
  const run = await runCli(dir, ['test']);
  expect(run.exitCode, run.output).toBe(1);
  const summary = readSummary(dir);
  expectSummaryMatchesJson(summary, run.report);

  const byTitle = new Map(summary.tests.map((t) => [t.title, t]));
  expect(byTitle.get('checkout')).toMatchObject({
    app: 'shop',
    platform: 'web',
    actions: { click: { count: 3, failed: 0, totalMs: 120 }, fill: { count: 2, failed: 0, totalMs: 40 } },
  });
  expect(byTitle.get('search fails')).toMatchObject({ app: 'shop', actions: { click: { count: 1, failed: 1, totalMs: 30 } } });
  expect(byTitle.get('metrics of the last attempt count')).toMatchObject({ outcome: 'flaky', app: 'shop', actions: { navigate: { count: 2, failed: 0, totalMs: 10 } } });
  expect(byTitle.get('attached as a file')).toMatchObject({ app: 'admin', platform: 'mobile', actions: { tap: { count: 4, failed: 0, totalMs: 80 } } });
  expect(byTitle.get('without metrics')).toMatchObject({ app: 'storefront', platform: 'web' });
  expect(byTitle.get('without metrics')!.actions).toBeUndefined();
  expect(byTitle.get('unreadable metrics')).toMatchObject({ outcome: 'expected', app: 'storefront' });

  const apps = Object.fromEntries(summary.apps.map((a) => [a.name, [a.total, a.passed, a.failed, a.flaky, a.skipped]]));
  expect(apps).toEqual({ shop: [3, 1, 1, 1, 0], admin: [1, 1, 0, 0, 0], storefront: [2, 2, 0, 0, 0] });

  // The metrics are data for the reporter, not artifacts of the tests.
  for (const t of summary.tests) expect(t.artifacts.map((a) => a.contentType)).not.toContain('application/vnd.panoptic.metrics+json');
  // The unreadable attachment is one warning, and the run's outputs are all there.
  expect(summary.warnings).toEqual([expect.stringContaining('unreadable Panoptic metrics attachment')]);
  expect(summary.warnings[0]).toContain('unreadable metrics');
  expect(warningsIn(run.stderr)).toHaveLength(1);
});
