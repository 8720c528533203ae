// A synthetic Playwright run for the reporter: plain objects shaped like the Reporter API's FullConfig,
// Suite, TestCase, TestResult and FullResult, with only what Panoptic's reporter reads. Seeded, so
// every measurement sees the same run.
import path from 'node:path';
import { METRICS_CONTENT_TYPE, METRICS_VERSION } from '@panoptic/model/metrics';
import { random } from '../lib/stats.mjs';

/** Projects of the run, as a Panoptic YAML suite compiles them (app and platform in metadata), plus a plain one. */
const PROJECTS = [
  { name: 'storefront-web', metadata: { panoptic: { app: 'storefront', type: 'web' } } },
  { name: 'storefront-mobile', metadata: { panoptic: { app: 'storefront', type: 'mobile' } } },
  { name: 'admin-web', metadata: { panoptic: { app: 'admin', type: 'web' } } },
  { name: 'api', metadata: {} },
];
const TESTS_PER_FILE = 100;
const TESTS_PER_DESCRIBE = 10;
const RETRIES = 1;
const WORKERS = 8;
/** Share of tests per final outcome: the rest passes. */
const FAILED = 0.05;
const FLAKY = 0.03;
const SKIPPED = 0.02;

const ANSI_RED = '\u001b[31m';
const ANSI_GREEN = '\u001b[32m';
const ANSI_DIM = '\u001b[2m';
const ANSI_RESET = '\u001b[39m';
const ANSI_UNDIM = '\u001b[22m';

/** Failure messages as Playwright words them (colours included), varied by a number. */
const ERRORS = [
  {
    status: 'failed',
    message: (n) =>
      `Error: ${ANSI_DIM}expect(${ANSI_UNDIM}${ANSI_RED}received${ANSI_RESET}${ANSI_DIM}).${ANSI_UNDIM}toBe${ANSI_DIM}(${ANSI_UNDIM}${ANSI_GREEN}expected${ANSI_RESET}${ANSI_DIM}) // Object.is equality${ANSI_UNDIM}\n\n` +
      `Expected: ${ANSI_GREEN}${n}${ANSI_RESET}\nReceived: ${ANSI_RED}${n + 1}${ANSI_RESET}`,
  },
  {
    status: 'failed',
    message: (n) =>
      `Error: ${ANSI_DIM}expect(${ANSI_UNDIM}${ANSI_RED}locator${ANSI_RESET}${ANSI_DIM}).${ANSI_UNDIM}toHaveText${ANSI_DIM}(${ANSI_UNDIM}${ANSI_GREEN}expected${ANSI_RESET}${ANSI_DIM})${ANSI_UNDIM} failed\n\n` +
      `Locator: getByTestId('order-${n}')\nExpected: ${ANSI_GREEN}"Order #${n}"${ANSI_RESET}\nReceived: ${ANSI_RED}"Order #${n + 1}"${ANSI_RESET}\nTimeout: 5000ms\n\n` +
      `Call log:\n  - Expect "toHaveText" with timeout 5000ms\n  - waiting for getByTestId('order-${n}')\n` +
      `    9 × locator resolved to <h1 data-testid="order-${n}">Order #${n + 1}</h1>\n      - unexpected value "Order #${n + 1}"\n`,
  },
  { status: 'timedOut', message: () => 'Test timeout of 30000ms exceeded.' },
  {
    status: 'failed',
    message: (n) => `Error: locator.click: Timeout 5000ms exceeded.\nCall log:\n  - waiting for locator('#checkout-${n}')\n`,
  },
  {
    status: 'failed',
    message: (n) =>
      `Error: page.goto: net::ERR_CONNECTION_REFUSED at http://localhost:3000/cart/${n}\nCall log:\n` +
      `  - navigating to "http://localhost:3000/cart/${n}", waiting until "load"\n`,
  },
  { status: 'failed', message: (n) => `ReferenceError: cart${n % 97} is not defined\n    at http://localhost:3000/app.js:${n % 400}:${n % 80}` },
  { status: 'failed', message: (n) => `Error: connect ECONNRESET 127.0.0.1:${4000 + (n % 1000)}` },
];

const ACTION_TYPES = ['navigate', 'click', 'fill', 'wait', 'screenshot'];

function textBody(text) {
  return Buffer.from(text, 'utf8');
}

/**
 * A run of `tests` tests over the projects above. Outcomes: about 90% passed, 5% failed (twice, as
 * with `retries: 1`), 3% flaky (failed, then passed) and 2% skipped. Failed attempts carry an error
 * with a location and stack, a small PNG screenshot and an error-context note as bodies; most
 * attempts carry Panoptic's metrics attachment; some passing ones a console log.
 */
export function syntheticRun({ tests: count, rootDir, seed = 1, playwrightVersion = '1.65.1' }) {
  const next = random(seed);
  const int = (max) => Math.floor(next() * max);
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  // Most tests take under two seconds; a long tail of end-to-end flows takes up to minutes.
  const duration = () => Math.min(180_000, Math.max(1, Math.round(Math.exp(Math.log(700) + 1.1 * normal()))));

  const config = {
    configFile: path.join(rootDir, 'playwright.config.ts'),
    rootDir,
    version: playwrightVersion,
    workers: WORKERS,
    shard: null,
    projects: PROJECTS.map((project) => ({ ...project, testDir: path.join(rootDir, 'tests', project.name), retries: RETRIES })),
    metadata: {},
  };
  const runStart = Date.UTC(2025, 0, 15, 12, 0, 0);
  let clock = runStart;
  const stats = { tests: count, attempts: 0, outcomes: { expected: 0, unexpected: 0, flaky: 0, skipped: 0 }, attachments: 0, attachmentBytes: 0 };

  function attach(result, name, contentType, body) {
    result.attachments.push({ name, contentType, body });
    stats.attachments++;
    stats.attachmentBytes += body.length;
  }

  function attempt(test, retry, status, errorIndex, projectMeta) {
    const ms = status === 'skipped' ? 0 : duration();
    clock += Math.round(ms / WORKERS) + 5;
    const result = {
      retry,
      status,
      duration: ms,
      startTime: new Date(clock),
      workerIndex: int(WORKERS * 3),
      parallelIndex: int(WORKERS),
      errors: [],
      attachments: [],
      stdout: [],
      stderr: [],
      steps: [],
    };
    if (status === 'failed' || status === 'timedOut') {
      const n = int(100_000);
      const message = ERRORS[errorIndex].message(n);
      const line = test.location.line + 1 + int(8);
      const column = 5 + int(30);
      result.errors.push({
        message,
        stack: `${message.split('\n')[0]}\n    at ${test.location.file}:${line}:${column}\n    at ${path.join(rootDir, 'tests', 'helpers', 'flows.ts')}:${20 + int(200)}:${3 + int(20)}`,
        location: { file: test.location.file, line, column },
      });
      const png = Buffer.alloc(1024 + int(2048), n & 0xff);
      png.writeUInt32BE(0x89504e47, 0);
      attach(result, 'screenshot', 'image/png', png);
      attach(result, 'error-context', 'text/markdown', textBody(`# Page snapshot\n\n- heading "Order #${n + 1}" [level=1]\n- button "Checkout"\n- link "Cart (${n % 9})"\n`));
    } else if (status === 'passed' && next() < 0.05) {
      attach(result, 'console', 'text/plain', textBody(`[log] cart ${int(1000)} loaded in ${int(900)} ms\n`.repeat(1 + int(8))));
    }
    if (status !== 'skipped' && projectMeta && next() < 0.8) {
      const byType = {};
      for (const type of ACTION_TYPES) if (next() < 0.6) byType[type] = { count: 1 + int(6), failed: 0, totalMs: int(Math.max(1, ms)) };
      attach(result, 'panoptic-metrics', METRICS_CONTENT_TYPE, textBody(JSON.stringify({ version: METRICS_VERSION, app: projectMeta.app, platform: projectMeta.type, byType })));
    }
    stats.attempts++;
    return result;
  }

  const tests = [];
  const perProject = Math.ceil(count / PROJECTS.length);
  for (let p = 0; p < PROJECTS.length && tests.length < count; p++) {
    const project = config.projects[p];
    const projectMeta = project.metadata.panoptic;
    for (let i = 0; i < perProject && tests.length < count; i++) {
      const fileIndex = Math.floor(i / TESTS_PER_FILE);
      const relativeFile = `tests/${project.name}/area-${String(fileIndex % 25).padStart(2, '0')}/feature-${String(fileIndex).padStart(4, '0')}.spec.ts`;
      const file = path.join(rootDir, ...relativeFile.split('/'));
      const describe = `feature ${fileIndex} group ${Math.floor((i % TESTS_PER_FILE) / TESTS_PER_DESCRIBE)}`;
      const title = `completes step ${i % TESTS_PER_DESCRIBE} of flow ${i}`;
      const parent = { title: describe, type: 'describe', project: () => project };
      const tags = [];
      if (next() < 0.2) tags.push('@smoke');
      if (next() < 0.05) tags.push('@slow');
      const test = {
        title,
        id: `${p}-${i}`,
        location: { file, line: 3 + (i % TESTS_PER_FILE) * 6, column: 5 },
        tags,
        annotations: [],
        expectedStatus: 'passed',
        retries: RETRIES,
        repeatEachIndex: 0,
        parent,
        results: [],
        titlePath: () => ['', project.name, relativeFile, describe, title],
        outcome: () => outcome,
      };
      const roll = next();
      const errorIndex = int(ERRORS.length);
      let outcome;
      if (roll < FAILED) {
        outcome = 'unexpected';
        for (let retry = 0; retry <= RETRIES; retry++) test.results.push(attempt(test, retry, ERRORS[errorIndex].status, errorIndex, projectMeta));
      } else if (roll < FAILED + FLAKY) {
        outcome = 'flaky';
        test.results.push(attempt(test, 0, ERRORS[errorIndex].status, errorIndex, projectMeta));
        test.results.push(attempt(test, 1, 'passed', errorIndex, projectMeta));
      } else if (roll < FAILED + FLAKY + SKIPPED) {
        outcome = 'skipped';
        test.expectedStatus = 'skipped';
        test.results.push(attempt(test, 0, 'skipped', errorIndex, projectMeta));
      } else {
        outcome = 'expected';
        test.results.push(attempt(test, 0, 'passed', errorIndex, projectMeta));
      }
      stats.outcomes[outcome]++;
      tests.push(test);
    }
  }

  const suite = { title: '', type: 'root', allTests: () => tests };
  const result = { status: stats.outcomes.unexpected ? 'failed' : 'passed', startTime: new Date(runStart), duration: clock - runStart };
  return { config, suite, result, stats };
}
