import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import type { JSONReport } from '@playwright/test/reporter';
import { suitesConfig, useDemoServer } from '../helpers/demo.js';
import { runPlaywright, writeProject } from '../helpers/inline.js';
import { WITH_PANOPTIC } from '../helpers/reporter.js';

const demo = useDemoServer();

function app(name: string, selector: string): string {
  return `  - name: ${name}
    type: web
    url: ${demo.url}/login
    actions:
      - name: sign in
        type: click
        selector: "${selector}"
`;
}

const settings = 'settings:\n  element_timeout: 1\n  ai_testing:\n    adaptive_test_priority: true\n';

/** Projects in the order their tests started (one worker runs them one after another). */
function startOrder(report: JSONReport | undefined): string[] {
  const started: { project: string; at: number }[] = [];
  const visit = (suites: JSONReport['suites']): void => {
    for (const suite of suites) {
      for (const spec of suite.specs) for (const t of spec.tests) started.push({ project: t.projectName, at: Date.parse(t.results[0]!.startTime) });
      visit(suite.suites ?? []);
    }
  };
  visit(report?.suites ?? []);
  return started.sort((a, b) => a.at - b.at).map((entry) => entry.project);
}

test('adaptive_test_priority: the app that failed last run runs first the next run', async () => {
  const suite = `apps:\n${app('alpha', 'text=Sign in')}${app('beta', 'text=Sign in')}${app('gamma', '#no-such-button')}${settings}`;
  const dir = writeProject({ 'suite.yaml': suite, 'playwright.config.ts': suitesConfig(['suite.yaml'], 'workers: 1') });
  const first = await runPlaywright(dir, [WITH_PANOPTIC]);
  // No history yet: Playwright's own order.
  expect(startOrder(first.report), first.output).toEqual(['alpha', 'beta', 'gamma']);
  const second = await runPlaywright(dir, [WITH_PANOPTIC]);
  expect(startOrder(second.report)).toEqual(['gamma', 'alpha', 'beta']);
});

test('adaptive_test_priority: the apps of a suite changed since git HEAD are listed first; without the key, the order is Playwright\'s', async () => {
  const files = {
    'a.yaml': `apps:\n${app('from-a', 'text=Sign in')}${settings}`,
    'b.yaml': `apps:\n${app('from-b', 'text=Sign in')}${settings}`,
    'c.yaml': `apps:\n${app('from-c', 'text=Sign in')}`,
  };
  const dir = writeProject({ ...files, 'playwright.config.ts': suitesConfig(Object.keys(files)), '.gitignore': 'node_modules\n' });
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir, stdio: 'pipe' });
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'suites');
  fs.appendFileSync(path.join(dir, 'b.yaml'), '# edited\n');
  fs.appendFileSync(path.join(dir, 'c.yaml'), '# edited, but c.yaml does not turn the key on\n');
  const listed = await runPlaywright(dir, ['--list']);
  const order = [...listed.stdout.matchAll(/\[(from-\w)\]/g)].map((match) => match[1]);
  expect(order, listed.output).toEqual(['from-b', 'from-a', 'from-c']);
});
