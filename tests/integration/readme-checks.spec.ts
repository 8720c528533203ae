import { test, expect } from '@playwright/test';
import { useDemoServer } from '../helpers/demo.js';
import { flatTests, runPanoptic, writeProject } from '../helpers/inline.js';
import { codeBlocks, readmeTokens, sectionTokens } from '../helpers/readme.js';

const demo = useDemoServer();

// The README's "Checking page content" suite, played for real: it must pass against the demo app,
// and the same suite expecting a text the page does not show must fail at that check.
test("the README's content checks pass on the demo app and fail when the text is not shown", async () => {
  const section = sectionTokens(readmeTokens(), 'YAML suites with `npx playwright test`');
  const start = section.findIndex((token) => token.type === 'heading' && 'text' in token && token.text === 'Checking page content');
  const [block] = codeBlocks(section.slice(start), 'yaml');
  expect(block?.text).toContain('Invalid username or password');
  const suite = block!.text.replaceAll('http://127.0.0.1:4173', demo.url);
  const missing = suite
    .replace('name: Sign-in checks', 'name: Sign-in checks that fail')
    .replace('name: sign-in-checks', 'name: wrong-text')
    .replace('Invalid username or password', 'Welcome back');
  const dir = writeProject({ 'checks.yaml': `${suite}\n`, 'missing.yaml': `${missing}\nsettings:\n  element_timeout: 2\n` });
  const run = await runPanoptic(dir, ['run', 'checks.yaml', 'missing.yaml', '--', '--reporter=list,json']);
  const results = flatTests(run.report);
  expect(results.map((result) => [result.project, result.status]).sort(), run.output).toEqual([
    ['sign-in-checks', 'passed'],
    ['wrong-text', 'failed'],
  ]);
  expect(results.find((result) => result.project === 'wrong-text')?.errors.join('\n')).toContain('Welcome back');
  expect(run.exitCode).toBe(1);
});
