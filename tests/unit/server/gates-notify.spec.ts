import { test, expect } from '@playwright/test';
import { evaluateGates } from '@panoptic/model/gates';
import { resolveServerOptions } from '@panoptic/server';
import { modelGates } from '../../../packages/server/dist/domain/gates.js';
import { SLACK_EVENT, slackMessage, slackTargetOf } from '../../../packages/server/dist/domain/notify-slack.js';
import type { Run } from '../../../packages/server/dist/domain/runs-read.js';
import { deliveryBody } from '../../../packages/server/dist/domain/webhook-send.js';
import { errorsOf, WEB_APP, yaml } from '../config/helpers.js';

// The server's side of quality gates and their chat message, without a server: the stored gates as
// the model takes them, the message's text and blocks, the settings that name the URL's variable.

const run: Run = {
  run_id: 'gh-12', project_id: 1, status: 'failed', complete: true, started_at: '2026-12-01T10:00:00.000Z', finished_at: '2026-12-01T10:01:30.000Z', duration_ms: 90_000,
  branch: 'main', commit: '0123456789abcdef', ci_url: 'https://ci.example/runs/12', playwright_version: '1.65.0', store: null, shards: { seen: 2, expected: 2 },
  counts: { total: 4, expected: 2, unexpected: 2, flaky: 0, skipped: 0 }, pass_rate: 0.5, gates: null, created_at: '2026-12-01T10:00:00.000Z', updated_at: '2026-12-01T10:01:30.000Z',
};

test('only the gates that are on reach the model; none on is no gate', () => {
  expect(modelGates({ min_pass_rate: 95, max_new_failures: null, max_flaky_rate: 0, max_duration: null })).toEqual({ min_pass_rate: 95, max_flaky_rate: 0 });
  expect(modelGates({ min_pass_rate: null, max_new_failures: null, max_flaky_rate: null, max_duration: null })).toBeUndefined();
});

test('the message names the failed gates with their numbers, the new failures (escaped for mrkdwn) and the CI run', () => {
  const failing = ['chromium › a.spec.ts › <b> & c', 'chromium › a.spec.ts › d'];
  const result = evaluateGates({ min_pass_rate: 90, max_new_failures: 5 }, { totals: { total: 4, passed: 2, failed: 2, flaky: 0, skipped: 0 }, durationMs: 90_000, failing }, undefined);
  const message = slackMessage('shop', run, result);
  expect(message.text).toBe('shop: quality gate failed (min_pass_rate)');
  expect(message.blocks).toEqual([
    { type: 'section', text: { type: 'mrkdwn', text: '*shop: quality gate failed (min_pass_rate)*' } },
    { type: 'section', text: { type: 'mrkdwn', text: 'Run gh-12 (branch main · commit 0123456789ab): 2 passed, 2 failed, 0 flaky, 0 skipped · pass rate 50.0% · 1 m 30 s' } },
    { type: 'section', text: { type: 'mrkdwn', text: '• quality gate min_pass_rate: 50.0% &lt; 90%' } },
    { type: 'section', text: { type: 'mrkdwn', text: '*New failures* (no earlier run to compare with):\n• chromium › a.spec.ts › &lt;b&gt; &amp; c\n• chromium › a.spec.ts › d' } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: '<https://ci.example/runs/12|CI run>' }] },
  ]);
  // Gates passed, a new failure: the headline says so.
  const fresh = evaluateGates({}, { totals: { total: 4, passed: 3, failed: 1, flaky: 0, skipped: 0 }, durationMs: 1, failing: ['k'] }, { startTime: 'x', failing: new Set() });
  expect(slackMessage('shop', run, fresh).text).toBe('shop: 1 new failure');
});

test('a Slack delivery sends the message itself as its body, not the event envelope', () => {
  const data = { text: 'hi', blocks: [] };
  expect(deliveryBody({ id: '1', event_id: 'e', event_type: SLACK_EVENT, event_time: new Date(0), data, url: 'http://x', attempts: 1 })).toBe(JSON.stringify(data));
});

test('the URL comes from the variable url_env names; unset, not a URL, or a URL in the suite is refused', () => {
  const options = resolveServerOptions({ enterprise: { integration: { slack: { url_env: 'SLACK_URL' } } }, env: {} }).slack;
  expect(slackTargetOf(options, { SLACK_URL: 'https://hooks.slack.example/services/T/B/x' })).toEqual({ url: 'https://hooks.slack.example/services/T/B/x', secret: undefined });
  expect(() => slackTargetOf(options, {})).toThrow('settings.enterprise.integration.slack.url_env names SLACK_URL, which is not set');
  expect(() => slackTargetOf(options, { SLACK_URL: 'hooks' })).toThrow('SLACK_URL does not hold an http(s) URL');
  expect(slackTargetOf({ enabled: false, url_env: 'SLACK_URL' }, {})).toBeUndefined();
  const slack = (...lines: string[]): string => yaml(...WEB_APP, 'settings:', '  enterprise:', '    integration:', '      slack:', ...lines.map((line) => `        ${line}`));
  expect(errorsOf(slack('url: https://hooks.slack.example/services/T/B/secret-part'))).toEqual([
    'suite.yaml:9:14 - settings.enterprise.integration.slack.url: a Slack incoming-webhook URL is a secret and never goes in a suite: put it in an environment variable and name that variable in settings.enterprise.integration.slack.url_env',
  ]);
  expect(errorsOf(slack('secret_env: S'))).toEqual(['suite.yaml:9:9 - settings.enterprise.integration.slack: slack needs url_env: the environment variable holding the incoming-webhook URL']);
});
