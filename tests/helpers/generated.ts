import fs from 'node:fs';
import path from 'node:path';
import { expect, type TestInfo } from '@playwright/test';
import { loadSuite } from '@panoptic/config';
import type { GenerateResult } from '@panoptic/ai';
import { flatTests, runPanoptic, runPlaywright, writeProject, type InlineRun } from './inline.js';

// Generating into an inline project and running what was generated: the spec with the real
// `playwright test`, the YAML suite with the real `panoptic run`.

export const SPEC_CONFIG = [
  "import { defineConfig } from '@playwright/test';",
  "import { chromiumLaunchOptions } from '@panoptic/fixtures/config';",
  "export default defineConfig({ testDir: 'generated', retries: 0, use: { ...chromiumLaunchOptions() } });",
  '',
].join('\n');

export interface Generated {
  dir: string;
  result: Omit<GenerateResult, 'spec' | 'yaml'>;
  spec: string;
  specFile: string;
  yamlFile: string;
}

export async function generateInto(url: string, args: string[] = []): Promise<Generated> {
  const dir = writeProject({ 'playwright.config.ts': SPEC_CONFIG });
  const run = await runPanoptic(dir, ['generate', url, '--out', 'generated', '--report', ...args]);
  expect(run.exitCode, run.output).toBe(0);
  const files = fs.readdirSync(path.join(dir, 'generated'));
  const find = (suffix: string) => path.join(dir, 'generated', files.find((file) => file.endsWith(suffix))!);
  const result = JSON.parse(fs.readFileSync(find('.generated.json'), 'utf8')) as Generated['result'];
  // --report prints the report it wrote, readably.
  expect(run.stdout).toContain(`\nKept: ${result.tests.length} test${result.tests.length === 1 ? '' : 's'}, each replayed and passing\n`);
  expect(run.stdout).toContain(`\nDropped: ${result.skipped.length} candidate`);
  const specFile = find('.spec.ts');
  return { dir, result, spec: fs.readFileSync(specFile, 'utf8'), specFile, yamlFile: find('.yaml') };
}

export function outcomes(run: InlineRun): { passed: number; failed: number; total: number } {
  const tests = flatTests(run.report);
  const passed = tests.filter((t) => t.status === 'passed').length;
  return { passed, failed: tests.length - passed, total: tests.length };
}

/** Each run's JSON report goes to the same file: remove the last one so a run that writes none is not read as passing. */
function clearReport(generated: Generated): void {
  fs.rmSync(path.join(generated.dir, 'report.json'), { force: true });
}

export async function runSpec(generated: Generated, playwrightArgs: string[] = []): Promise<InlineRun> {
  clearReport(generated);
  return runPlaywright(generated.dir, ['--workers=2', ...playwrightArgs]);
}

export async function runYaml(generated: Generated, playwrightArgs: string[] = []): Promise<InlineRun> {
  clearReport(generated);
  return runPanoptic(generated.dir, ['run', generated.yamlFile, '--output', 'yaml-results', '--', '--reporter=list,json', '--workers=2', ...playwrightArgs]);
}

/**
 * The generated project in a folder of its own, for a run at the same time as one in the original's
 * folder: each run clears its folder's test results and JSON report.
 */
export function copyGenerated(generated: Generated): Generated {
  const names = ['playwright.config.ts', ...fs.readdirSync(path.join(generated.dir, 'generated')).map((file) => path.join('generated', file))];
  const dir = writeProject(Object.fromEntries(names.map((name) => [name, fs.readFileSync(path.join(generated.dir, name), 'utf8')])));
  const moved = (file: string) => path.join(dir, path.relative(generated.dir, file));
  return { ...generated, dir, specFile: moved(generated.specFile), yamlFile: moved(generated.yamlFile) };
}

/**
 * The spec with `playwright test` and the YAML suite with `panoptic run` at the same time, the YAML
 * suite from `yamlCopy` (a copyGenerated of the same generation). Much of either run is waiting on
 * a browser, a worker's start or a timeout, which the other run fills.
 */
export async function runSpecAndYaml(generated: Generated, yamlCopy: Generated, playwrightArgs: string[] = []): Promise<{ spec: InlineRun; yaml: InlineRun }> {
  const [spec, yaml] = await Promise.all([runSpec(generated, playwrightArgs), runYaml(yamlCopy, playwrightArgs)]);
  return { spec, yaml };
}

/**
 * On the broken app a click waits for its renamed element until the test times out (30 s by
 * default): a shorter test timeout only makes the expected failures come sooner.
 */
export const FAIL_FAST = ['--timeout=10000'];

/**
 * Shorter still where every test is expected to fail: a timeout can only turn a pass into a failure,
 * so it cannot hide a test that misses the break. Where some tests must still pass on the broken app,
 * FAIL_FAST keeps them room on a loaded machine. The spec and the YAML suite fail at the same time
 * (runSpecAndYaml) with two workers each: with four each, the pair took longer than the two runs one
 * after the other had, on a loaded machine.
 */
export const ALL_FAIL_FAST = ['--timeout=5000'];

/** Checks what every generated suite must be: preferred locators only, and YAML the config accepts. */
export function expectWellFormed(generated: Generated): void {
  expect(generated.result.tests.length).toBeGreaterThan(0);
  // Codegen's preferred locators only: no CSS ids or classes, no nth(), no coordinates.
  expect(generated.spec).not.toMatch(/\.nth\(|\.first\(\)|mouse\.|locator\('[^a-z]|locator\('[a-z]+[.#[:]/);
  const locatorCalls = generated.spec.match(/page\.(\w+)\(/g) ?? [];
  for (const call of locatorCalls) expect(['page.goto(', 'page.getByRole(', 'page.getByTestId(', 'page.getByLabel(', 'page.getByPlaceholder(', 'page.getByText(', 'page.getByAltText(', 'page.getByTitle(', 'page.locator(']).toContain(call);
  const loaded = loadSuite(generated.yamlFile);
  expect(loaded.warnings).toEqual([]);
  expect(loaded.suite.apps.map((app) => app.name)).toEqual(generated.result.tests.map((t) => t.title));
}

export function passRate(run: InlineRun, what: string, testInfo: TestInfo): { passed: number; failed: number; total: number } {
  const outcome = outcomes(run);
  testInfo.annotations.push({ type: 'generated-pass-rate', description: `${what}: ${outcome.passed}/${outcome.total} passed` });
  return outcome;
}

