import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { useDemoServer, suitesConfig } from '../helpers/demo.js';
import { repoRoot, runPlaywright, testOf, writeProject } from '../helpers/inline.js';

const demo = useDemoServer();

interface AllureAttachment {
  name: string;
  type: string;
  source: string;
}
interface AllureStep {
  name: string;
  steps: AllureStep[];
  attachments: AllureAttachment[];
}
interface AllureResult extends AllureStep {
  status: string;
  statusDetails: { message?: string };
  labels: { name: string; value: string }[];
}
interface AllureCategory {
  name: string;
  messageRegex: string;
  matchedStatuses: string[];
}

function readResults(resultsDir: string): AllureResult[] {
  return fs
    .readdirSync(resultsDir)
    .filter((name) => name.endsWith('-result.json'))
    .map((name) => JSON.parse(fs.readFileSync(path.join(resultsDir, name), 'utf8')) as AllureResult);
}

function resultOf(results: AllureResult[], name: string): AllureResult {
  const found = results.find((result) => result.name === name);
  if (!found) throw new Error(`No Allure result named "${name}" among ${results.map((r) => r.name).join(', ')}.`);
  return found;
}

function stepNames(steps: AllureStep[]): string[] {
  return steps.flatMap((step) => [step.name, ...stepNames(step.steps)]);
}

function attachmentsOf(step: AllureStep): AllureAttachment[] {
  return [...step.attachments, ...step.steps.flatMap(attachmentsOf)];
}

function labelValues(result: AllureResult, name: string): string[] {
  return result.labels.filter((label) => label.name === name).map((label) => label.value);
}

/** `playwright test` with the config's own reporters (runPlaywright names list and json on the command line). */
async function runWithConfigReporters(dir: string): Promise<{ exitCode: number; output: string }> {
  const cli = path.join(repoRoot, 'node_modules', '@playwright', 'test', 'cli.js');
  const child = spawn(process.execPath, [cli, 'test'], { cwd: dir, env: { ...process.env, FORCE_COLOR: '0', PANOPTIC_SUITES: '' } });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'close')) as [number | null];
  return { exitCode: code ?? 1, output };
}

/** The categories Allure gives a result, both ways: Allure 2 matches whole messages, Allure 3 searches them. */
function categoriesOf(result: AllureResult, categories: AllureCategory[]): { allure2: string[]; allure3: string[] } {
  const message = result.statusDetails.message ?? '';
  const matching = categories.filter((category) => category.matchedStatuses.includes(result.status));
  return {
    allure2: matching.filter((c) => new RegExp(`^(?:${c.messageRegex})$`, 's').test(message)).map((c) => c.name),
    allure3: matching.filter((c) => new RegExp(c.messageRegex, 's').test(message)).map((c) => c.name),
  };
}

/** A web app of a YAML suite on the demo's login page, with its actions written inline. */
function webApp(name: string, actions: string[]): string {
  return [`  - name: ${name}`, '    type: web', `    url: ${demo.url}/login`, '    actions:', ...actions.map((a) => `      - ${a}`), ''].join('\n');
}

const TYPE_USER = '{ name: type user, type: fill, selector: "#username", value: demo }';

test('beside allure-playwright with allureOptions(), YAML tests sit under their suite and app, with JSON metrics and failure categories', async () => {
  const suite = [
    'name: Login suite',
    'apps:',
    webApp('login-app', [TYPE_USER, '{ name: capture, type: screenshot }']),
    // A wrong selector, given up on after 1 s.
    webApp('broken-app', ['{ name: click missing, type: click, selector: "#no-such-element" }']),
    'settings:',
    '  element_timeout: 1',
    '',
  ].join('\n');
  const config = [
    "import { defineConfig } from '@playwright/test';",
    "import { fromSuites } from '@panoptic/fixtures/config';",
    "import { allureOptions } from '@panoptic/fixtures/allure';",
    "const suites = fromSuites(['login.yaml']);",
    'export default defineConfig({',
    '  ...suites,',
    "  reporter: [['list'], ['allure-playwright', { ...allureOptions(), resultsDir: 'allure-results' }], ['@panoptic/reporter']],",
    "  projects: [...suites.projects, { name: 'plain', testDir: 'specs' }],",
    '});',
    '',
  ].join('\n');
  const plain = "import { test, expect } from '@playwright/test';\ntest('plain check', () => { expect(1 + 1).toBe(2); });\n";
  const dir = writeProject({ 'login.yaml': suite, 'specs/plain.spec.ts': plain, 'playwright.config.ts': config });
  const resultsDir = path.join(dir, 'allure-results');
  const run = await runWithConfigReporters(dir);
  expect(run.exitCode, run.output).toBe(1);
  const results = readResults(resultsDir);
  expect(results.map((r) => r.name).sort()).toEqual(['broken-app', 'login-app', 'plain check']);

  // 1. Suite, app and suite file, not the path of the fixtures package's spec.
  const passed = resultOf(results, 'login-app');
  const failed = resultOf(results, 'broken-app');
  for (const [result, app] of [[passed, 'login-app'], [failed, 'broken-app']] as const) {
    expect(labelValues(result, 'parentSuite')).toEqual(['Login suite']);
    expect(labelValues(result, 'suite')).toEqual([app]);
    expect(labelValues(result, 'subSuite')).toEqual(['web']);
    expect(labelValues(result, 'package')).toEqual(['login']);
    expect(labelValues(result, 'app')).toEqual([app]);
  }
  // A plain spec keeps what allure-playwright gives it.
  const spec = resultOf(results, 'plain check');
  expect(labelValues(spec, 'parentSuite')).toEqual(['plain']);
  expect(labelValues(spec, 'suite')).toEqual(['specs/plain.spec.ts']);
  expect(labelValues(spec, 'package')).toEqual(['inline-project.plain.spec.ts']);
  expect(labelValues(spec, 'failureCategory')).toEqual([]);

  // 3. Metrics are one JSON attachment, written as .json; the raw reporter copy is not shown.
  const metrics = attachmentsOf(passed).filter((a) => a.name === 'panoptic-metrics');
  expect(metrics.map((a) => a.type)).toEqual(['application/json']);
  expect(metrics[0]!.source).toMatch(/\.json$/);
  const body = JSON.parse(fs.readFileSync(path.join(resultsDir, metrics[0]!.source), 'utf8')) as { app: string; actions: { name: string }[] };
  expect(body.app).toBe('login-app');
  expect(body.actions.map((a) => a.name)).toEqual([`open ${demo.url}/login`, 'type user', 'capture']);

  // 4. Actions are steps; the app annotation is not.
  expect(stepNames(passed.steps)).toEqual(expect.arrayContaining([`open ${demo.url}/login`, 'type user', 'capture']));
  expect(stepNames(passed.steps).filter((name) => name.startsWith('panoptic-app'))).toEqual([]);

  // 2. The wrong selector is "Locator matched nothing", as a label and through categories.json.
  expect(failed.status).toBe('failed');
  expect(labelValues(failed, 'failureCategory')).toEqual(['locator-not-found']);
  expect(labelValues(passed, 'failureCategory')).toEqual([]);
  const categories = JSON.parse(fs.readFileSync(path.join(resultsDir, 'categories.json'), 'utf8')) as AllureCategory[];
  expect(categoriesOf(failed, categories)).toEqual({ allure2: ['Locator matched nothing'], allure3: ['Locator matched nothing'] });
  expect(categoriesOf(passed, categories)).toEqual({ allure2: [], allure3: [] });

  // Panoptic's own outputs are written beside Allure's, and Allure's messages are not counted as artifacts.
  const summary = JSON.parse(fs.readFileSync(path.join(dir, 'panoptic-results', 'summary.json'), 'utf8'));
  expect(summary.totals.passed).toBe(2);
  const loginSummary = summary.tests.find((t: { title: string }) => t.title === 'login-app');
  expect(loginSummary.artifacts.map((a: { name: string }) => a.name)).toEqual(['capture.png']);
});

test('with allure-playwright named on the command line alone, suite labels are still set at run time', async () => {
  const suite = ['name: Allure suite', 'apps:', webApp('allure-app', [TYPE_USER])].join('\n');
  const dir = writeProject({ 'suites/checkout.yaml': suite, 'playwright.config.ts': suitesConfig(['suites/checkout.yaml']) });
  const resultsDir = path.join(dir, 'allure-results');
  const run = await runPlaywright(dir, ['--reporter=list,json,allure-playwright'], { ALLURE_RESULTS_DIR: resultsDir });
  expect(run.exitCode, run.output).toBe(0);
  const [result] = readResults(resultsDir);
  expect(result!.labels).toEqual(
    expect.arrayContaining([
      { name: 'app', value: 'allure-app' },
      { name: 'platform', value: 'web' },
      { name: 'parentSuite', value: 'Allure suite' },
      { name: 'suite', value: 'allure-app' },
      { name: 'subSuite', value: 'web' },
    ]),
  );
  // allure-playwright keeps the last label of each suite kind: the spec's own are gone.
  expect(labelValues(result!, 'subSuite')).toEqual(['web']);
  // It keeps every package label, the spec's first: allureOptions()' listener is what drops that one.
  expect(labelValues(result!, 'package').at(-1)).toBe('suites.checkout');
  expect(stepNames(result!.steps)).toEqual(expect.arrayContaining([`open ${demo.url}/login`, 'type user']));
});

test('without allure in the run, no Allure messages are attached', async () => {
  const suite = `apps:
  - name: plain-app
    type: web
    url: ${demo.url}/
`;
  const dir = writeProject({ 'suite.yaml': suite, 'playwright.config.ts': suitesConfig(['suite.yaml']) });
  const run = await runPlaywright(dir);
  expect(run.exitCode, run.output).toBe(0);
  const names = testOf(run.report, 'plain-app').attachments.map((a) => a.contentType);
  expect(names.some((type) => type.includes('allure'))).toBe(false);
});
