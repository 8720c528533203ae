import { test, expect } from '@playwright/test';
import { flakyScore } from '../../../packages/server/dist/dashboard/flaky.js';
import { safeNext } from '../../../packages/server/dist/dashboard/session.js';
import { errorSignature } from '../../../packages/server/dist/dashboard/signature.js';
import { groupFailures, type Failure } from '../../../packages/server/dist/dashboard/triage.js';

// The dashboard's pure rules: error signatures, triage states, the flaky score and where a login may send.

test('a signature takes out what changes between runs and keeps what names the failure', () => {
  const a = errorSignature('\u001b[31mTimeoutError: locator.click: Timeout 5000ms exceeded\u001b[39m\n  at /ci/42/tests/shop.spec.ts:17:3');
  const b = errorSignature('TimeoutError: locator.click: Timeout 3000ms exceeded');
  expect(a).toBe('TimeoutError: locator.click: Timeout <duration> exceeded');
  expect(b).toBe(a);
  expect(errorSignature('order 123 for user 0b7c2d1e-1f3a-4e1b-9c1d-2a3b4c5d6e7f at https://shop.example/o/123 failed in /srv/app/build/main.js:10:2 (sha deadbeef42, ptr 0x7ffe)'))
    .toBe('order <n> for user <id> at <url> failed in <path> (sha <hex>, ptr <hex>)');
  expect(errorSignature('expected "checkout" to be visible')).toBe('expected "checkout" to be visible');
  expect(errorSignature(null)).toBe('(no error message)');
  expect(errorSignature('\n\n  ')).toBe('(no error message)');
  expect(errorSignature('x'.repeat(1000))).toHaveLength(300);
});

const failure = (key: string, error: string, age: number, category: string | null = 'timeout'): Failure => ({ key, title: key, error, category, run_id: `run-${10 - age}`, age });
const RUNS = ['run-10', 'run-9', 'run-8', 'run-7'];

test('triage: new, recurring since its first run, fixed in the run after its last; categories counted', () => {
  const { signatures, categories } = groupFailures(
    [
      failure('a', 'Timeout 5000ms exceeded', 0),
      failure('b', 'Timeout 3000ms exceeded', 2),
      failure('c', 'expected 1 to be 2', 0, 'assertion-mismatch'),
      failure('d', 'net::ERR_CONNECTION_REFUSED at http://localhost:3000/', 3, null),
      failure('d', 'net::ERR_CONNECTION_REFUSED at http://localhost:4000/', 2, null),
    ],
    RUNS,
  );
  expect(signatures.map((group) => [group.signature, group.state, group.failures, group.tests.length])).toEqual([
    ['expected <n> to be <n>', { state: 'new' }, 1, 1],
    ['Timeout <duration> exceeded', { state: 'recurring', since: 'run-8' }, 2, 2],
    ['net::ERR_CONNECTION_REFUSED at <url>', { state: 'fixed', in: 'run-9', last: 'run-8' }, 2, 1],
  ]);
  expect(categories).toEqual([
    { category: 'timeout', failures: 2, tests: 2, signatures: 1 },
    { category: 'uncategorised', failures: 2, tests: 1, signatures: 1 },
    { category: 'assertion-mismatch', failures: 1, tests: 1, signatures: 1 },
  ]);
});

test('the flaky score weighs recent flips more, counts a retry pass as a flip and ignores skips', () => {
  const history = (outcomes: ('expected' | 'unexpected' | 'flaky' | 'skipped')[]) => outcomes.map((outcome, age) => ({ outcome, age, run_id: `r${age}` }));
  expect(flakyScore(history(['expected', 'expected', 'expected']))).toBeUndefined();
  expect(flakyScore(history(['unexpected', 'unexpected']))).toBeUndefined();
  const recent = flakyScore(history(['expected', 'unexpected', 'expected', 'expected', 'expected']));
  const old = flakyScore(history(['expected', 'expected', 'expected', 'unexpected', 'expected']));
  expect(recent!.score).toBeGreaterThan(old!.score);
  expect(recent).toMatchObject({ flips: 2, since: 'r1' });
  expect(flakyScore(history(['unexpected', 'expected']))).toMatchObject({ flips: 1, since: 'r0' });
  expect(flakyScore(history(['flaky']))).toEqual({ score: 1, flips: 1, since: 'r0' });
  expect(flakyScore(history(['expected', 'skipped', 'unexpected']))).toMatchObject({ flips: 1, since: 'r0' });
  const alternating = flakyScore(history(['expected', 'unexpected', 'expected', 'unexpected']));
  expect(alternating).toMatchObject({ flips: 3, since: 'r2' });
});

test('after login only a dashboard page is followed', () => {
  expect(safeNext('/dashboard/projects/shop?branch=main')).toBe('/dashboard/projects/shop?branch=main');
  expect(safeNext('/dashboard')).toBe('/dashboard');
  for (const hostile of ['https://evil.example/', '//evil.example/dashboard', '/dashboard//evil.example', '/dashboardx', '/\\evil.example', undefined, 42]) {
    expect(safeNext(hostile)).toBe('/dashboard');
  }
});
