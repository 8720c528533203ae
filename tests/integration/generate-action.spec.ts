import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import { loadSuite } from '@panoptic/config';
import { useDemoServer, suitesConfig } from '../helpers/demo.js';
import { runPlaywright, testOf, writeProject, type FlatTest, type InlineRun } from '../helpers/inline.js';

const demo = useDemoServer();

function suite(app: string, url: string, actions: object[], aiTesting: object): string {
  return JSON.stringify({ name: `Generation ${app}`, apps: [{ name: app, type: 'web', url, actions }], settings: { ai_testing: aiTesting } });
}

function attachment(result: FlatTest, suffix: string): string {
  const found = result.attachments.find((a) => a.name.endsWith(suffix));
  if (!found?.path) throw new Error(`no attachment ending in ${suffix}; have ${result.attachments.map((a) => a.name).join(', ')}`);
  return found.path;
}

function testCount(spec: string): number {
  return spec.match(/^ {2}test\(/gm)?.length ?? 0;
}

test.describe('ai_test_generation and settings.ai_testing', () => {
  test.describe.configure({ timeout: 600_000 });
  let run: InlineRun;

  test.beforeAll(async () => {
    test.setTimeout(600_000);
    const generate = { name: 'generate tests', type: 'ai_test_generation', parameters: { output: 'generated', depth: 0 } };
    const files = {
      'limited.yaml': suite('limited', `${demo.url}/form`, [generate], { enable_test_generation: true, max_generated_tests: 2 }),
      'off.yaml': suite('turned-off', `${demo.url}/form`, [generate], { enable_test_generation: false }),
      'auto.yaml': suite('auto', `${demo.url}/login`, [{ name: 'sign in page', type: 'screenshot' }], { auto_generate_tests: true, max_generated_tests: 1 }),
    };
    const dir = writeProject({ ...files, 'playwright.config.ts': suitesConfig(Object.keys(files), 'workers: 2') });
    run = await runPlaywright(dir);
    expect(run.report, run.output).toBeDefined();
  });

  test('the action writes a spec, a YAML suite and a report, attached to the test, with at most max_generated_tests tests', () => {
    const result = testOf(run.report, 'limited');
    expect(result.status, result.errors.join('\n')).toBe('passed');
    const spec = fs.readFileSync(attachment(result, '.spec.ts'), 'utf8');
    expect(testCount(spec)).toBe(2);
    expect(spec).toContain(`await page.goto('${demo.url}/form');`);
    const yamlFile = attachment(result, '.yaml');
    const loaded = loadSuite(yamlFile);
    expect(loaded.suite.apps).toHaveLength(2);
    const report = JSON.parse(fs.readFileSync(attachment(result, '.generated.json'), 'utf8')) as { pages: string[]; skipped: { reason: string }[] };
    // depth 0: the page the test was on, and no other.
    expect(report.pages).toEqual([`${demo.url}/form`]);
    expect(result.attachments.map((a) => a.name)).toEqual(expect.arrayContaining([expect.stringMatching(/^generated\/.+\.spec\.ts$/)]));
  });

  test('enable_test_generation: false fails the action, saying which setting', () => {
    const result = testOf(run.report, 'turned-off');
    expect(result.status).toBe('failed');
    expect(result.errors.join('\n')).toContain('settings.ai_testing.enable_test_generation is false');
    expect(result.attachments.some((a) => a.name.endsWith('.spec.ts'))).toBe(false);
  });

  test('auto_generate_tests generates after the app\'s own actions', () => {
    const result = testOf(run.report, 'auto');
    expect(result.status, result.errors.join('\n')).toBe('passed');
    expect(result.steps).toEqual([`open ${demo.url}/login`, 'sign in page', 'generate tests (auto_generate_tests)']);
    expect(testCount(fs.readFileSync(attachment(result, '.spec.ts'), 'utf8'))).toBe(1);
  });
});
