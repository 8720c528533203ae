import fs from 'node:fs';
import path from 'node:path';
import { test, expect, type TestInfo } from '@playwright/test';
import { loadSuite } from '@panoptic/config';
import type { GenerateResult } from '@panoptic/ai';
import { startDemoServer, type DemoServer } from '../../apps/demo/server.mjs';
import { NAV_ITEMS } from '../../apps/demo/lib/layout.mjs';
import { flatTests, repoRoot, runPanoptic, runPlaywright, writeProject, type InlineRun } from '../helpers/inline.js';
import { startSwitchableApp, type SwitchableApp } from '../helpers/switchable-app.js';

// `panoptic generate` against real apps, then the generated spec run by the real `playwright test`
// and the generated YAML by the real `panoptic run`: all must pass, and all must fail once the app
// is broken (every text node's vowels swapped), so the checks they make are real.

const SPEC_CONFIG = [
  "import { defineConfig } from '@playwright/test';",
  "import { chromiumLaunchOptions } from '@panoptic/fixtures/config';",
  "export default defineConfig({ testDir: 'generated', retries: 0, use: { ...chromiumLaunchOptions() } });",
  '',
].join('\n');

/** Generation explores in a real browser and the checks run twice each: minutes on a busy machine. */
test.describe.configure({ timeout: 600_000 });

interface Generated {
  dir: string;
  result: Omit<GenerateResult, 'spec' | 'yaml'>;
  spec: string;
  specFile: string;
  yamlFile: string;
}

async function generateInto(url: string, args: string[] = []): Promise<Generated> {
  const dir = writeProject({ 'playwright.config.ts': SPEC_CONFIG });
  const run = await runPanoptic(dir, ['generate', url, '--out', 'generated', ...args]);
  expect(run.exitCode, run.output).toBe(0);
  const files = fs.readdirSync(path.join(dir, 'generated'));
  const find = (suffix: string) => path.join(dir, 'generated', files.find((file) => file.endsWith(suffix))!);
  const result = JSON.parse(fs.readFileSync(find('.generated.json'), 'utf8')) as Generated['result'];
  const specFile = find('.spec.ts');
  return { dir, result, spec: fs.readFileSync(specFile, 'utf8'), specFile, yamlFile: find('.yaml') };
}

function outcomes(run: InlineRun): { passed: number; failed: number; total: number } {
  const tests = flatTests(run.report);
  const passed = tests.filter((t) => t.status === 'passed').length;
  return { passed, failed: tests.length - passed, total: tests.length };
}

async function runSpec(generated: Generated): Promise<InlineRun> {
  return runPlaywright(generated.dir, ['--workers=2']);
}

async function runYaml(generated: Generated): Promise<InlineRun> {
  return runPanoptic(generated.dir, ['run', generated.yamlFile, '--output', 'yaml-results', '--', '--reporter=list,json', '--workers=2']);
}

/** Checks what every generated suite must be: preferred locators only, and YAML the config accepts. */
function expectWellFormed(generated: Generated): void {
  expect(generated.result.tests.length).toBeGreaterThan(0);
  // Codegen's preferred locators only: no CSS ids or classes, no nth(), no coordinates.
  expect(generated.spec).not.toMatch(/\.nth\(|\.first\(\)|mouse\.|locator\('[^a-z]|locator\('[a-z]+[.#[:]/);
  const locatorCalls = generated.spec.match(/page\.(\w+)\(/g) ?? [];
  for (const call of locatorCalls) expect(['page.goto(', 'page.getByRole(', 'page.getByTestId(', 'page.getByLabel(', 'page.getByPlaceholder(', 'page.getByText(', 'page.getByAltText(', 'page.getByTitle(', 'page.locator(']).toContain(call);
  const loaded = loadSuite(generated.yamlFile);
  expect(loaded.warnings).toEqual([]);
  expect(loaded.suite.apps.map((app) => app.name)).toEqual(generated.result.tests.map((t) => t.title));
}

/** Runs the spec and the YAML on the app, then on the broken app; records the pass rates. */
async function expectPassThenFail(generated: Generated, app: SwitchableApp, testInfo: TestInfo): Promise<void> {
  const count = generated.result.tests.length;
  const spec = await runSpec(generated);
  const yaml = await runYaml(generated);
  const specOutcome = outcomes(spec);
  const yamlOutcome = outcomes(yaml);
  testInfo.annotations.push({
    type: 'generated-pass-rate',
    description: `spec ${specOutcome.passed}/${specOutcome.total}, YAML ${yamlOutcome.passed}/${yamlOutcome.total} on ${generated.result.pages.length} pages`,
  });
  expect(specOutcome, spec.output).toEqual({ passed: count, failed: 0, total: count });
  expect(spec.exitCode).toBe(0);
  expect(yamlOutcome, yaml.output).toEqual({ passed: count, failed: 0, total: count });
  expect(yaml.exitCode).toBe(0);

  app.setBroken(true);
  const brokenSpec = await runSpec(generated);
  const brokenYaml = await runYaml(generated);
  app.setBroken(false);
  expect(brokenSpec.exitCode).toBe(1);
  expect(outcomes(brokenSpec), brokenSpec.output).toEqual({ passed: 0, failed: count, total: count });
  expect(brokenYaml.exitCode).toBe(1);
  expect(outcomes(brokenYaml), brokenYaml.output).toEqual({ passed: 0, failed: count, total: count });
}

test.describe('demo app', () => {
  let server: DemoServer;
  let app: SwitchableApp;
  test.beforeAll(async () => {
    server = await startDemoServer();
    app = await startSwitchableApp({ url: server.url });
  });
  test.afterAll(async () => {
    await app.close();
    await server.close();
  });

  test('tests generated from the home page cover every page, pass, and fail on a broken app', async ({}, testInfo) => {
    const generated = await generateInto(`${app.url}/`, ['--depth', '1']);
    expectWellFormed(generated);
    const { result, spec } = generated;
    // Every page of the navigation was explored; the dashboard, signed out, ends on the login page.
    for (const item of NAV_ITEMS) {
      const expected = item.slug === 'dashboard' ? '/login?required=1' : item.path;
      expect(result.pages.map((page) => new URL(page).pathname + new URL(page).search)).toContain(expected);
    }
    const kinds = new Set(result.tests.map((t) => t.kind));
    expect([...kinds].sort()).toEqual(['content', 'form', 'navigation']);
    // The feedback form: valid values for each input type and constraint, submitted, the thank-you checked.
    const form = result.tests.find((t) => t.kind === 'form' && t.url.endsWith('/form'));
    expect(form, JSON.stringify(result.skipped, null, 2)).toBeDefined();
    const fills = Object.fromEntries(form!.steps.flatMap((s) => (s.kind === 'fill' && s.target.by === 'role' ? [[s.target.name, s.value]] : [])));
    expect(fills['Email *']).toMatch(/^[^\s@]+@[^\s@]+\.[^\s@]+$/);
    expect(Number(fills['Age'])).toBeGreaterThanOrEqual(18);
    expect(Number(fills['Age'])).toBeLessThanOrEqual(120);
    expect(form!.steps).toContainEqual(expect.objectContaining({ kind: 'check' }));
    expect(spec).toContain(".toHaveText('Thank you, Ada Lovelace!')");
    // The login form with made-up credentials: the error it showed is what the test expects.
    expect(spec).toContain(".toHaveText('Invalid username or password')");
    expect(spec).toContain("await page.getByTestId('nav-form').click();");
    await expectPassThenFail(generated, app, testInfo);
  });
});

test.describe('third-party pages', () => {
  test('loglevel\'s demo page (forms, same-named buttons): generated tests pass, and fail on a broken copy', async ({}, testInfo) => {
    const app = await startSwitchableApp({ root: path.join(repoRoot, 'node_modules', 'loglevel') });
    try {
      const generated = await generateInto(`${app.url}/demo/index.html`);
      expectWellFormed(generated);
      const kinds = new Set(generated.result.tests.map((t) => t.kind));
      expect(kinds).toContain('form');
      expect(kinds).toContain('button');
      // Six buttons are all named "Run": each is found inside the container only it is in.
      expect(generated.spec).toContain(".filter({ hasText: 'log.disableAll()' }).getByRole('button', { name: 'Run' }).click();");
      expect(generated.spec).toContain("await expect(page.getByLabel('Current log level')).toHaveValue('SILENT');");
      await expectPassThenFail(generated, app, testInfo);
    } finally {
      await app.close();
    }
  });

  test('an istanbul coverage report (a folder page and the pages it links to): generated tests pass, and fail on a broken copy', async ({}, testInfo) => {
    const report = path.join(repoRoot, 'node_modules', 'appium-chromium-driver', 'node_modules', 'stream-buffers', 'coverage', 'lcov-report');
    test.skip(!fs.existsSync(report), `the coverage report shipped by stream-buffers is not installed at ${report}`);
    const app = await startSwitchableApp({ root: report });
    try {
      const generated = await generateInto(`${app.url}/lib/index.html`, ['--depth', '1', '--max-tests', '12']);
      expectWellFormed(generated);
      expect(generated.result.pages.length).toBeGreaterThan(2);
      expect(new Set(generated.result.tests.map((t) => t.kind))).toContain('navigation');
      await expectPassThenFail(generated, app, testInfo);
    } finally {
      await app.close();
    }
  });
});
