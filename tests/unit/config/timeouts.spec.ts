import { test, expect, devices } from '@playwright/test';
import { compileSuite, grownTimeout, plannedMilliseconds, type Action } from '@panoptic/config';
import { CWD, WEB_APP, errorsOf, valid, yaml } from './helpers.js';

const spec = { specDir: '/spec', specFile: 'suite.spec.js', cwd: CWD, devices };

test("suites get the original's timeouts: 10 s per element lookup, 30 s per page load, and no test timeout of their own", () => {
  const [project] = compileSuite(valid(yaml(...WEB_APP)), spec).projects;
  expect(project!.use).toMatchObject({ actionTimeout: 10_000, navigationTimeout: 30_000 });
  expect(project!.timeout).toBeUndefined();
});

test("fromSuites' use wins over the defaults, and the suite's own settings win over both", () => {
  const use = { actionTimeout: 4000, navigationTimeout: 8000 };
  const [plain] = compileSuite(valid(yaml(...WEB_APP)), { ...spec, use }).projects;
  expect(plain!.use).toMatchObject(use);
  const [own] = compileSuite(valid(yaml(...WEB_APP, 'settings:', '  element_timeout: 2', '  page_timeout: 5')), { ...spec, use }).projects;
  expect(own!.use).toMatchObject({ actionTimeout: 2000, navigationTimeout: 5000 });
});

test('settings.test_timeout is the project timeout, in seconds', () => {
  const [project] = compileSuite(valid(yaml(...WEB_APP, 'settings:', '  test_timeout: 45')), spec).projects;
  expect(project!.timeout).toBe(45_000);
});

test('settings.test_timeout is validated like the other durations, where it is written', () => {
  expect(errorsOf(yaml(...WEB_APP, 'settings:', '  test_timeout: -1'))).toEqual([
    'suite.yaml:6:17 - settings.test_timeout: expected a number of at least 0, found a number (-1)',
  ]);
  expect(errorsOf(yaml(...WEB_APP, 'settings:', '  test_timeout: 3000000'))).toEqual([
    'suite.yaml:6:17 - settings.test_timeout: expected a number of at most 2147483, found a number (3000000); seconds: Node.js timers cannot wait longer than 2^31-1 ms (about 24.8 days)',
  ]);
  expect(errorsOf(yaml(...WEB_APP, 'settings:', '  test_timout: 5'))[0]).toContain('did you mean "test_timeout"?');
});

test('the time an app plans to spend is its waits and its recordings, defaults included', () => {
  const actions: Action[] = [
    { name: 'long wait', type: 'wait', wait_time: 35 },
    { name: 'default wait', type: 'wait' },
    { name: 'clip', type: 'record' },
    { name: 'short clip', type: 'record', duration: 2.5 },
    { name: 'click', type: 'click', selector: '#x' },
  ];
  expect(plannedMilliseconds(actions)).toBe((35 + 1 + 30 + 2.5) * 1000);
  // Playwright's 30 s default then covers a 35 s wait; no timeout stays none; a timer's limit holds.
  expect(grownTimeout(30_000, 35_000)).toBe(65_000);
  expect(grownTimeout(0, 35_000)).toBe(0);
  expect(grownTimeout(2 ** 31 - 2, 35_000)).toBe(2 ** 31 - 1);
});
