import { test, expect } from '@playwright/test';
import type { Action } from '@panoptic/config';
// Which failures smart_error_recovery may heal is decided inside the runner: this unit test imports that module directly.
import { isHealable } from '../../../packages/fixtures/src/runner/healable.js';

const matchedNothing = "TimeoutError: locator.click: Timeout 1000ms exceeded.\nCall log:\n  - waiting for locator('#sign-in')";

test('only actions that locate an element heal, and only when their locator matched nothing', () => {
  const click: Action = { name: 'sign in', type: 'click', selector: '#sign-in' };
  expect(isHealable(click, matchedNothing)).toBe(true);
  expect(isHealable({ name: 'user', type: 'fill', selector: '#user', value: 'x' }, matchedNothing.replace('click', 'fill'))).toBe(true);
  // Found but not actionable, or found several times: another element would not fix it.
  expect(isHealable(click, `${matchedNothing}\n  - locator resolved to <button disabled>Sign in</button>\n  - element is not enabled`)).toBe(false);
  expect(isHealable(click, "Error: strict mode violation: locator('button') resolved to 2 elements")).toBe(false);
  expect(isHealable(click, 'Error: page.goto: net::ERR_CONNECTION_REFUSED')).toBe(false);
});

test('assertions and checks never heal, even when their locator matched nothing', () => {
  const assertion = "Error: expect(locator).toBeVisible() failed\n\nLocator: locator('#greeting')\nTimeout 1000ms exceeded.\nCall log:\n  - waiting for locator('#greeting')";
  expect(isHealable({ name: 'sign in', type: 'click', selector: '#greeting' }, assertion)).toBe(false);
  for (const action of [
    { name: 'find', type: 'vision_click', parameters: { text: 'Sign in' } },
    { name: 'errors', type: 'smart_error_detection' },
    { name: 'replay', type: 'ai_enhanced_testing' },
  ] as Action[]) {
    expect(isHealable(action, matchedNothing)).toBe(false);
  }
});
