import { test, expect } from '@playwright/test';
import { suitesConfig, useDemoServer } from '../helpers/demo.js';
import { runPlaywright, testOf, writeProject } from '../helpers/inline.js';

const demo = useDemoServer();

function waitingSuite(app: string, waitSeconds: number, settings = ''): string {
  return `apps:
  - name: ${app}
    type: web
    url: ${demo.url}/
    actions:
      - { name: hold, type: wait, wait_time: ${waitSeconds} }
${settings}`;
}

// A 5 s test timeout stands in for Playwright's 30 s default, and a 6 s wait for a 35 s one.
test("an app's test timeout grows by the waits it plays, unless settings.test_timeout sets it", async () => {
  const dir = writeProject({
    'grows.yaml': waitingSuite('grows', 6),
    'fixed.yaml': waitingSuite('fixed', 3, 'settings:\n  test_timeout: 2\n'),
    'playwright.config.ts': suitesConfig(['grows.yaml', 'fixed.yaml'], 'timeout: 5000'),
  });
  const run = await runPlaywright(dir, ['--workers=2']);
  expect(testOf(run.report, 'grows').status, run.output).toBe('passed');
  const fixed = testOf(run.report, 'fixed');
  expect(fixed.status).toBe('timedOut');
  // The suite's number is the whole budget: neither the config's timeout nor the wait added to it.
  expect(fixed.errors.join('\n')).toContain('Test timeout of 2000ms exceeded.');
  expect(run.exitCode).toBe(1);
});
