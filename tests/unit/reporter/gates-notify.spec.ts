import { test, expect } from '@playwright/test';
import { aggregate } from '@panoptic/reporter';
import { evaluateGates } from '@panoptic/model/gates';
// Internal modules of the reporter: imported directly.
import { gatesMessage } from '../../../packages/reporter/dist/notify.js';
import { previousRun, RunGates } from '../../../packages/reporter/dist/gates.js';
import { renderMarkdown } from '../../../packages/reporter/dist/outputs/markdown.js';
import { fakeTest } from './fake-test.js';

const RUN = { status: 'passed' as const, startTime: new Date(0), durationMs: 2000, playwrightVersion: '1.65.1', workers: 1, shard: null, errors: [] };

test('the previous run of the history: its failed tests by key', () => {
  const history = {
    version: 2 as const,
    keys: ['a', 'b', 'c'],
    runs: [
      { startTime: '2026-01-01T00:00:00.000Z', codes: 'uuu', durations: [1, 1, 1] },
      { startTime: '2026-01-02T00:00:00.000Z', codes: 'eu-', durations: [1, 1, 0] },
    ],
  };
  expect(previousRun(history)).toEqual({ startTime: '2026-01-02T00:00:00.000Z', failing: new Set(['b']) });
  expect(previousRun({ ...history, runs: [] })).toBeUndefined();
  expect(previousRun(undefined)).toBeUndefined();
});

test('the webhook message names the failed gates and new failures, with users’ text escaped for Slack', () => {
  const tests = [fakeTest('ok', 'expected', 5), fakeTest('<b>& broken', 'unexpected', 5)];
  const summary = aggregate(tests, RUN);
  const result = evaluateGates({ min_pass_rate: 90, max_new_failures: 5 }, { totals: summary.totals, durationMs: 2000, failing: [tests[1]!.key] }, undefined);
  summary.gates = result;
  const message = gatesMessage(summary, result, 'Checkout', { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '7' });
  expect(message.text).toBe('Checkout: quality gate failed (min_pass_rate)');
  const body = JSON.stringify(message.blocks);
  expect(body).toContain('quality gate min_pass_rate: 50.0% &lt; 90%');
  expect(body).toContain('&lt;b&gt;&amp; broken');
  expect(body).not.toContain('<b>');
  expect(body).toContain('<https://github.com/o/r/actions/runs/7|CI run>');
  // New failures alone make a message too.
  expect(gatesMessage(summary, { ...result, passed: true, gates: [] }, 'Checkout', {}).text).toBe('Checkout: 1 new failure');
  // summary.md shows the verdicts under the headline.
  expect(renderMarkdown(summary)).toContain('### Quality gates: failed\n\n- ❌ min\\_pass\\_rate: 50.0% &lt; 90%\n- ✅ max\\_new\\_failures: 1 &lt;= 5');
});

test('gates that were asked for and never judged (the outputs failed first) fail the run', async () => {
  const lines: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = (chunk: string) => lines.push(chunk) > 0;
  try {
    expect(await new RunGates({ min_pass_rate: 90 }, [], () => {}).conclude(undefined, 'passed')).toEqual({ status: 'failed' });
    // Without gates there is nothing to judge.
    expect(await new RunGates(undefined, [], () => {}).conclude(undefined, 'passed')).toBeUndefined();
  } finally {
    process.stderr.write = write;
  }
  expect(lines).toEqual(['[panoptic-reporter] quality gates: not evaluated, the reporter could not summarize the run (see its warnings)\n']);
});
