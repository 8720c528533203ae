import { test, expect } from '@playwright/test';
import { classify } from '@panoptic/ai/classify';
// The YAML form of a hint is built inside the reporter: this unit test imports that module directly.
import { yamlHintKeys } from '../../../packages/reporter/dist/outputs/yaml-hint.js';
import type { TestSummary } from '../../../packages/reporter/dist/summary.js';

const missing = (locator: string) => `TimeoutError: locator.click: Timeout 1000ms exceeded.\nCall log:\n  - waiting for locator('${locator}')`;

test('a healing hint names the element as Playwright code, as a selector string, and as a click target where one finds it', () => {
  const snapshot = '- textbox "User name"\n- button "Say \\"hi\\""\n- paragraph: Invalid username or password';
  expect(classify(missing('#user-name'), { snapshot }).hint).toMatchObject({
    locator: "page.getByRole('textbox', { name: 'User name' })",
    selector: 'role=textbox[name="User name"]',
  });
  expect(classify(missing('#user-name'), { snapshot }).hint?.target).toBeUndefined();
  expect(classify(missing('#say-hi'), { snapshot }).hint).toMatchObject({ selector: 'role=button[name="Say \\"hi\\""]', target: 'Say "hi"' });
  expect(classify(missing('text=Invalid user or password'), { snapshot }).hint).toMatchObject({
    locator: "page.getByText('Invalid username or password')",
    selector: 'text="Invalid username or password"',
    target: 'Invalid username or password',
  });
});

function failedTest(app: string | undefined, hint: { selector?: string; target?: string }): TestSummary {
  const failure = { kind: 'locator-not-found', confidence: 0.9, summary: '', suggestion: '', hint: { failedLocator: '#x', role: 'button', name: 'x', locator: 'x', similarity: 1, ...hint } };
  return { ...(app ? { app } : {}), failure } as unknown as TestSummary;
}

test('the YAML form is given for tests of YAML apps only, each value quoted only where YAML needs it', () => {
  expect(yamlHintKeys(failedTest('login', { selector: 'role=button[name="Sign in"]', target: 'Sign in' }))).toEqual([
    'selector: "role=button[name=\\"Sign in\\"]"',
    'target: Sign in',
  ]);
  expect(yamlHintKeys(failedTest('login', { selector: 'text="yes"', target: 'yes' }))).toEqual(['selector: "text=\\"yes\\""', 'target: "yes"']);
  expect(yamlHintKeys(failedTest('login', { selector: 'text="a: b"', target: 'a: b' }))[1]).toBe('target: "a: b"');
  expect(yamlHintKeys(failedTest(undefined, { selector: 'role=button[name="Sign in"]', target: 'Sign in' }))).toEqual([]);
  // Summaries written before hints had selectors.
  expect(yamlHintKeys(failedTest('login', {}))).toEqual([]);
});
