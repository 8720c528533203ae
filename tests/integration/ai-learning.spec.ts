import { test, expect } from '@playwright/test';
import { suitesConfig, useDemoServer } from '../helpers/demo.js';
import { runPanoptic, runPlaywright, writeProject } from '../helpers/inline.js';
import { readSummary, WITH_PANOPTIC } from '../helpers/reporter.js';

const demo = useDemoServer();

test('enable_learning: a category corrected with `panoptic errors label` lowers the next run\'s confidence for that kind of failure', async () => {
  const suite = `apps:
  - name: learner
    type: web
    url: ${demo.url}/login
    actions:
      - name: missing
        type: click
        selector: "#no-such-button"
settings:
  element_timeout: 1
  ai_testing:
    enable_learning: true
`;
  const dir = writeProject({ 'suite.yaml': suite, 'playwright.config.ts': suitesConfig(['suite.yaml']) });
  await runPlaywright(dir, [WITH_PANOPTIC]);
  const before = readSummary(dir);
  const failed = before.tests[0]!;
  expect(failed.failure?.kind).toBe('locator-not-found');
  expect(before.learning).toEqual({ labels: 0 });

  // The user says this failure is really the app's regression: the classifier was wrong here.
  const labelled = await runPanoptic(dir, ['errors', 'label', 'learner', 'assertion-mismatch']);
  expect(labelled.exitCode, labelled.output).toBe(0);
  expect(labelled.stdout).toContain(`labelled ${failed.key}: assertion-mismatch (corrected from locator-not-found); 1 label in panoptic-results/error-labels.json`);
  const unknown = await runPanoptic(dir, ['errors', 'label', 'learner', 'no-such-category']);
  expect(unknown.exitCode).toBe(1);
  expect(unknown.stderr).toContain('"no-such-category" is not a failure category; use one of: environment,');

  await runPlaywright(dir, [WITH_PANOPTIC]);
  const after = readSummary(dir);
  expect(after.learning).toEqual({ labels: 1 });
  const again = after.tests[0]!;
  // Same category, less sure: one wrong label against the built-in confidence weighed as four.
  expect(again.failure?.kind).toBe('locator-not-found');
  expect(again.failure!.confidence).toBeCloseTo((4 * failed.failure!.confidence) / 5, 2);
  expect(again.attempts.at(-1)!.errors[0]!.confidence).toBeLessThan(failed.attempts.at(-1)!.errors[0]!.confidence);
});
