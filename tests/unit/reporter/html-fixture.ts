import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from '@playwright/test';
// Builds summaries with the reporter's internal modules, for unit tests of its HTML writer.
import { aggregate } from '../../../packages/reporter/dist/aggregate.js';
import { summarySchema, type Artifact, type Attempt, type Summary, type TestError, type TestSummary } from '../../../packages/reporter/dist/summary.js';

export const XSS_TITLE = '<script>alert(1)</script>';
export const XSS_MESSAGE = 'Error: expected no <img src=x onerror=alert(2)> in "the page" & more';

/** A real PNG: a rendered mock of an app screen, so thumbnails have pixels to load. */
export async function renderPng(browser: Browser, file: string, heading: string, colour: string): Promise<void> {
  const page = await browser.newPage({ viewport: { width: 640, height: 400 } });
  await page.setContent(
    `<body style="margin:0;font:16px sans-serif"><header style="background:${colour};color:#fff;padding:16px 24px;font-size:22px">Shop</header><main style="padding:24px"><h1>${heading}</h1><p>Synthetic screen for the HTML report test.</p><button style="padding:8px 16px">Continue</button></main></body>`,
  );
  await page.screenshot({ path: file });
  await page.close();
}

export function attempt(retry: number, status: Attempt['status'], durationMs: number, errors: TestError[] = []): Attempt {
  return { retry, status, durationMs, startTime: new Date(Date.UTC(2025, 0, 15, 9, 30, retry)).toISOString(), workerIndex: retry, errors };
}

export function artifact(kind: Artifact['kind'], name: string, file: string, retry: number, contentType: string): Artifact {
  const bytes = fs.existsSync(file) ? fs.statSync(file).size : 0;
  return { name, kind, contentType, path: file, bytes, retry };
}

interface TestInit {
  titlePath: string[];
  project?: string;
  file?: string;
  line?: number;
  app?: string;
  outcome: TestSummary['outcome'];
  status?: TestSummary['status'];
  attempts: Attempt[];
  artifacts?: Artifact[];
  history?: TestSummary['history'];
}

export function testSummary(init: TestInit): TestSummary {
  const project = init.project ?? 'chromium';
  const file = init.file ?? 'tests/shop.spec.ts';
  const summary: TestSummary = {
    key: [project, file, ...init.titlePath].join(' › '),
    repeat: 0,
    title: init.titlePath.at(-1)!,
    titlePath: init.titlePath,
    project,
    file,
    line: init.line ?? 10,
    column: 3,
    tags: [],
    outcome: init.outcome,
    status: init.status ?? init.attempts.at(-1)?.status ?? 'notRun',
    durationMs: init.attempts.reduce((sum, a) => sum + a.durationMs, 0),
    attempts: init.attempts,
    artifacts: init.artifacts ?? [],
  };
  if (init.app) summary.app = init.app;
  if (init.history) summary.history = init.history;
  return summary;
}

export interface SyntheticRun {
  summary: Summary;
  /** Artifact sources, for asserting what was copied. */
  files: { checkoutShot: string; homeShot: string; flakyShot: string; video: string; trace: string; flakyTrace: string; missing: string };
}

/**
 * A small but complete run: passes, a failure with screenshot, video and trace, a flaky test, a
 * skipped one, a timeout, a test whose title and error try to inject markup, history, a run error.
 */
export async function syntheticRun(browser: Browser, dir: string): Promise<SyntheticRun> {
  fs.mkdirSync(dir, { recursive: true });
  const files = {
    checkoutShot: path.join(dir, 'checkout-failed-1.png'),
    homeShot: path.join(dir, 'home.png'),
    flakyShot: path.join(dir, 'login-retry0.png'),
    video: path.join(dir, 'checkout-video.webm'),
    trace: path.join(dir, 'checkout-trace.zip'),
    flakyTrace: path.join(dir, 'login-trace.zip'),
    missing: path.join(dir, 'deleted-before-the-report.png'),
  };
  await renderPng(browser, files.checkoutShot, 'Payment declined', '#b42318');
  await renderPng(browser, files.homeShot, 'Welcome back', '#1a7f37');
  await renderPng(browser, files.flakyShot, 'Sign in', '#9a6700');
  // Contents do not matter to the page: it links these, it never plays or opens them.
  fs.writeFileSync(files.video, Buffer.from('1a45dfa3', 'hex'));
  fs.writeFileSync(files.trace, Buffer.from('PK\u0005\u0006' + '\0'.repeat(18), 'latin1'));
  fs.writeFileSync(files.flakyTrace, Buffer.from('PK\u0005\u0006 login' + '\0'.repeat(12), 'latin1'));

  const assertion: TestError = {
    kind: 'assertion-mismatch',
    confidence: 0.95,
    location: 'tests/shop.spec.ts:42:35',
    message: [
      'Error: expect(locator).toHaveText(expected) failed',
      '',
      "Locator: getByRole('status')",
      'Expected: "Payment accepted"',
      'Received: "Payment declined"',
      '',
      '  40 |   await page.getByRole(\'button\', { name: \'Pay\' }).click();',
      '  41 |   // the sandbox card is declined on Tuesdays',
      "> 42 |   await expect(page.getByRole('status')).toHaveText('Payment accepted');",
      '     |                                   ^',
    ].join('\n'),
  };
  const tests: TestSummary[] = [
    testSummary({
      titlePath: ['home', 'shows the landing page'],
      app: 'shop',
      line: 5,
      outcome: 'expected',
      attempts: [attempt(0, 'passed', 850)],
      artifacts: [artifact('screenshot', 'landing', files.homeShot, 0, 'image/png')],
    }),
    testSummary({ titlePath: ['search', 'finds products by name'], app: 'shop', line: 18, outcome: 'expected', attempts: [attempt(0, 'passed', 1_240)] }),
    testSummary({ titlePath: ['search', 'filters by price'], app: 'shop', line: 27, outcome: 'expected', attempts: [attempt(0, 'passed', 320)] }),
    testSummary({
      titlePath: ['checkout', 'pays with a card'],
      app: 'shop',
      line: 36,
      outcome: 'unexpected',
      attempts: [attempt(0, 'failed', 4_100, [assertion]), attempt(1, 'failed', 3_900, [assertion])],
      artifacts: [
        artifact('screenshot', 'screenshot', files.checkoutShot, 1, 'image/png'),
        artifact('video', 'video', files.video, 1, 'video/webm'),
        artifact('trace', 'trace', files.trace, 1, 'application/zip'),
      ],
      history: { runs: 8, flakyScore: 0, previousOutcome: 'expected', newlyFailing: true, newlyFixed: false, previousMedianMs: 3_000, durationRatio: 2.67 },
    }),
    testSummary({
      titlePath: ['security', XSS_TITLE],
      app: 'shop',
      line: 60,
      outcome: 'unexpected',
      attempts: [attempt(0, 'failed', 210, [{ kind: 'unknown', confidence: 0.5, message: XSS_MESSAGE }])],
      artifacts: [artifact('screenshot', XSS_TITLE, files.missing, 0, 'image/png')],
    }),
    testSummary({
      titlePath: ['reports', 'exports the yearly report'],
      app: 'shop',
      line: 72,
      outcome: 'unexpected',
      status: 'timedOut',
      attempts: [attempt(0, 'timedOut', 30_000, [{ kind: 'test-timeout', confidence: 0.9, message: 'Test timeout of 30000ms exceeded.', location: 'tests/shop.spec.ts:75:11' }])],
    }),
    testSummary({
      titlePath: ['login', 'remembers the user'],
      app: 'shop',
      line: 90,
      outcome: 'flaky',
      attempts: [attempt(0, 'failed', 2_300, [{ kind: 'locator-not-found', confidence: 0.95, message: "Error: locator.click: Timeout 5000ms exceeded.\nwaiting for getByRole('button', { name: 'Sign in' })" }]), attempt(1, 'passed', 1_100)],
      artifacts: [
        artifact('screenshot', 'screenshot', files.flakyShot, 0, 'image/png'),
        artifact('trace', 'trace', files.flakyTrace, 1, 'application/zip'),
      ],
      history: { runs: 10, flakyScore: 0.3, previousOutcome: 'expected', newlyFailing: false, newlyFixed: false },
    }),
    testSummary({ titlePath: ['admin', 'exports users as CSV'], app: 'shop', line: 110, outcome: 'skipped', attempts: [attempt(0, 'skipped', 0)] }),
    testSummary({
      titlePath: ['cart', 'keeps items after reload'],
      project: 'mobile',
      file: 'tests/cart.spec.ts',
      app: 'shop',
      outcome: 'expected',
      attempts: [attempt(0, 'passed', 2_700)],
      history: { runs: 8, flakyScore: 0.125, previousOutcome: 'unexpected', newlyFailing: false, newlyFixed: true },
    }),
    testSummary({ titlePath: ['cart', 'removes an item'], project: 'mobile', file: 'tests/cart.spec.ts', line: 24, outcome: 'expected', attempts: [attempt(0, 'passed', 95)] }),
    testSummary({ titlePath: ['cart', 'applies a coupon'], project: 'mobile', file: 'tests/cart.spec.ts', line: 38, outcome: 'expected', attempts: [attempt(0, 'passed', 12_400)] }),
  ];
  const summary = aggregate(
    tests,
    {
      status: 'failed',
      startTime: new Date(Date.UTC(2025, 0, 15, 9, 30, 0)),
      durationMs: 95_400,
      playwrightVersion: '1.65.1',
      workers: 2,
      shard: { current: 1, total: 2 },
      errors: [{ kind: 'script-error', confidence: 0.9, message: 'Error: global setup could not seed <db> "orders"', location: 'global-setup.ts:12:5' }],
    },
    { now: new Date(Date.UTC(2025, 0, 15, 9, 32, 0)) },
  );
  summary.warnings.push('chromium › tests/shop.spec.ts › search › filters by price: unreadable Panoptic metrics attachment (Unexpected token <)');
  return { summary: summarySchema.parse(summary), files };
}

/** A run the size of a big suite, to check the page stays bounded. */
export function largeSummary(count: number, failing: number): Summary {
  const tests: TestSummary[] = [];
  for (let i = 0; i < count; i++) {
    const failed = i < failing;
    tests.push(
      testSummary({
        titlePath: [`suite ${i % 40}`, `case ${i}`],
        project: i % 2 ? 'firefox' : 'chromium',
        file: `tests/area-${i % 25}.spec.ts`,
        line: i,
        outcome: failed ? 'unexpected' : i % 97 === 0 ? 'flaky' : 'expected',
        attempts: [attempt(0, failed ? 'failed' : 'passed', 20 + ((i * 7919) % 40_000), failed ? [{ kind: 'assertion-mismatch', confidence: 0.95, message: `Error: expect(received).toBe(expected)\nExpected: ${i}\nReceived: ${i + 1}` }] : [])],
      }),
    );
  }
  const summary = aggregate(tests, { status: 'failed', startTime: new Date(), durationMs: 3_600_000, playwrightVersion: '1.65.1', workers: 8, shard: null, errors: [] }, { slowest: 50 });
  return summarySchema.parse(summary);
}

export function emptySummary(): Summary {
  return summarySchema.parse(
    aggregate([], { status: 'passed', startTime: new Date(), durationMs: 800, playwrightVersion: '1.65.1', workers: 1, shard: null, errors: [] }),
  );
}
