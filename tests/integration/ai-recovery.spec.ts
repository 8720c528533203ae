import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { suitesConfig, useDemoServer } from '../helpers/demo.js';
import { runPlaywright, testOf, writeProject, type InlineRun } from '../helpers/inline.js';
import { readSummary, WITH_PANOPTIC } from '../helpers/reporter.js';

const demo = useDemoServer();

/**
 * A sign-in whose field and button selectors are slightly wrong (the page says `#username` and
 * `data-testid=sign-in`); the last click finds "Sign out", which only the dashboard has, so a
 * passing test did sign in. Element lookups wait 1 s: healing starts when that ends.
 */
function signIn(app: string, aiTesting: Record<string, unknown>): string {
  return `apps:
  - name: ${app}
    type: web
    url: ${demo.url}/login
    actions:
      - name: user
        type: fill
        selector: "#user-name"
        value: demo
      - name: password
        type: fill
        selector: "#password"
        value: secret
      - name: sign in
        type: click
        selector: "#signin-button"
      - name: sign out
        type: click
        selector: "text=Sign out"
settings:
  element_timeout: 1
  ai_testing: ${JSON.stringify(aiTesting)}
`;
}

test.describe('smart_error_recovery', () => {
  let run: InlineRun;

  test.beforeAll(async () => {
    const files = {
      'healing.yaml': signIn('healing', { smart_error_recovery: true }),
      'off.yaml': signIn('recovery-off', { smart_error_recovery: false }),
      'strict.yaml': signIn('over-threshold', { smart_error_recovery: true, confidence_threshold: 0.99 }),
    };
    const dir = writeProject({ ...files, 'playwright.config.ts': suitesConfig(Object.keys(files), 'workers: 2') });
    run = await runPlaywright(dir, [WITH_PANOPTIC]);
    expect(run.report, run.output).toBeDefined();
  });

  test('an action whose selector matched nothing passes on the closest element, annotated with the change to make', () => {
    const result = testOf(run.report, 'healing');
    expect(result.status, result.errors.join('\n')).toBe('passed');
    const summary = readSummary(run.dir);
    const healing = summary.tests.find((t) => t.project === 'healing')!;
    expect(healing.healed).toEqual([
      expect.objectContaining({ action: 'user', type: 'fill', from: '#user-name', to: 'role=textbox[name="Username"]', yaml: ['selector: "role=textbox[name=\\"Username\\"]"'] }),
      expect.objectContaining({ action: 'sign in', type: 'click', from: '#signin-button', to: 'role=button[name="Sign in"]', location: 'healing.yaml:14:9', yaml: ['selector: "role=button[name=\\"Sign in\\"]"', 'target: Sign in'] }),
    ]);
    const annotations = healing.annotations?.filter((a) => a.type === 'panoptic-healed').map((a) => a.description);
    expect(annotations).toEqual([expect.stringContaining('#user-name matched nothing; passed on role=textbox[name="Username"]'), expect.stringContaining('In the suite: selector: "role=button[name=\\"Sign in\\"]" or target: Sign in')]);
    // Counted over the run, and listed with the change to make in the HTML report and summary.md.
    expect(summary.healed).toBe(2);
    const html = fs.readFileSync(path.join(run.dir, 'panoptic-results', 'report', 'index.html'), 'utf8');
    expect(html).toContain('Healed steps (2)');
    expect(html).toContain('<code>selector: &quot;role=button[name=\\&quot;Sign in\\&quot;]&quot;</code>');
    expect(fs.readFileSync(path.join(run.dir, 'panoptic-results', 'summary.md'), 'utf8')).toContain('### Healed steps (2)');
  });

  test('with recovery off, or no element at confidence_threshold, the original error stands', () => {
    for (const project of ['recovery-off', 'over-threshold']) {
      const result = testOf(run.report, project);
      expect(result.status).toBe('failed');
      expect(result.errors.join('\n')).toMatch(/waiting for locator\('#user-name'\)/);
    }
    expect(testOf(run.report, 'over-threshold').stdout).toMatch(/not healed: the closest element, role=textbox\[name="Username"\] \([\d.]+\), is under confidence_threshold 0\.99/);
    expect(readSummary(run.dir).tests.filter((t) => t.healed)).toHaveLength(1);
  });
});
