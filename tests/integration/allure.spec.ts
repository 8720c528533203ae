import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { useDemoServer, suitesConfig } from '../helpers/demo.js';
import { runPlaywright, testOf, writeProject } from '../helpers/inline.js';

const demo = useDemoServer();

interface AllureStep {
  name: string;
  steps: AllureStep[];
}
interface AllureResult {
  name: string;
  labels: { name: string; value: string }[];
  steps: AllureStep[];
}

function stepNames(steps: AllureStep[]): string[] {
  return steps.flatMap((step) => [step.name, ...stepNames(step.steps)]);
}

test('with allure-playwright in the run, apps, platforms and action steps show in allure-results', async () => {
  const suite = `name: Allure suite
apps:
  - name: allure-app
    type: web
    url: ${demo.url}/login
    actions:
      - { name: type user, type: fill, selector: "#username", value: demo }
      - { name: capture, type: screenshot }
`;
  const dir = writeProject({
    'suite.yaml': suite,
    'playwright.config.ts': suitesConfig(['suite.yaml']),
  });
  const run = await runPlaywright(dir, ['--reporter=list,json,allure-playwright,@panoptic/reporter'], { ALLURE_RESULTS_DIR: path.join(dir, 'allure-results') });
  expect(run.exitCode, run.output).toBe(0);
  const resultsDir = path.join(dir, 'allure-results');
  const results = fs
    .readdirSync(resultsDir)
    .filter((name) => name.endsWith('-result.json'))
    .map((name) => JSON.parse(fs.readFileSync(path.join(resultsDir, name), 'utf8')) as AllureResult);
  expect(results).toHaveLength(1);
  const [result] = results;
  expect(result!.labels).toEqual(
    expect.arrayContaining([
      { name: 'app', value: 'allure-app' },
      { name: 'platform', value: 'web' },
      { name: 'parentSuite', value: 'Allure suite' },
      { name: 'suite', value: 'allure-app' },
    ]),
  );
  expect(stepNames(result!.steps)).toEqual(expect.arrayContaining([`open ${demo.url}/login`, 'type user', 'capture']));
  // Panoptic's own outputs are written beside Allure's, and Allure's messages are not counted as artifacts.
  const summary = JSON.parse(fs.readFileSync(path.join(dir, 'panoptic-results', 'summary.json'), 'utf8'));
  expect(summary.totals.passed).toBe(1);
  expect(summary.tests[0].artifacts.map((a: { name: string }) => a.name)).toEqual(['capture.png']);
  expect(testOf(run.report, 'allure-app').status).toBe('passed');
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
