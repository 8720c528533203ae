import crypto from 'node:crypto';
import { test, expect } from '@playwright/test';
import { resolveServerOptions, signatureHeader, verifySignature } from '@panoptic/server';
import { likePattern } from '../../../packages/server/dist/domain/webhook-events.js';
import { webhookConfig } from '../../../packages/server/dist/domain/webhook-options.js';
import { parseRetryAfter, retryDelayMs, verdictOf } from '../../../packages/server/dist/domain/webhook-retry.js';
import { deliveryBody } from '../../../packages/server/dist/domain/webhook-send.js';

const SECRET = 'unit-webhook-secret';

test('the signature is HMAC-SHA256 of "<t>.<body>" in hex, verifies within the tolerance, and fails on any change', () => {
  const body = '{"id":"e1","type":"user.created"}';
  const header = signatureHeader(SECRET, body, 1_700_000_000);
  expect(header).toBe(`t=1700000000,v1=${crypto.createHmac('sha256', SECRET).update(`1700000000.${body}`).digest('hex')}`);
  expect(verifySignature(SECRET, body, header, 300, 1_700_000_100)).toBe(true);
  expect(verifySignature(SECRET, `${body} `, header, 300, 1_700_000_100)).toBe(false);
  expect(verifySignature('other', body, header, 300, 1_700_000_100)).toBe(false);
  expect(verifySignature(SECRET, body, header.replace('t=1700000000', 't=1700000001'), 300, 1_700_000_100)).toBe(false);
  // A replay older than the tolerance, and headers that are not the scheme's, are refused.
  expect(verifySignature(SECRET, body, header, 300, 1_700_000_301)).toBe(false);
  for (const bad of ['', 'v1=abc', 't=1700000000', `t=x,v1=${'0'.repeat(64)}`, 't=1700000000,v1=zz']) expect(verifySignature(SECRET, body, bad, 300, 1_700_000_000)).toBe(false);
});

test('network errors, timeouts, 429 and 5xx are retried until retries run out; 2xx delivers; other answers fail at once', () => {
  const config = { retries: 2 };
  expect(verdictOf({ status: 204 }, 1, config)).toBe('delivered');
  for (const result of [{ error: 'ECONNREFUSED' }, { status: 500 }, { status: 503 }, { status: 429 }]) {
    expect(verdictOf(result, 1, config)).toBe('retry');
    expect(verdictOf(result, 2, config)).toBe('retry');
    expect(verdictOf(result, 3, config)).toBe('failed');
  }
  for (const status of [400, 401, 404, 410, 301]) expect(verdictOf({ status }, 1, config)).toBe('failed');
  expect(verdictOf({ status: 500 }, 1, { retries: 0 })).toBe('failed');
});

test('retry delays double from retry_delay, spread over their last quarter, capped; a longer Retry-After wins within the cap', () => {
  const config = { retry_delay_ms: 1000, max_retry_delay_ms: 10_000 };
  expect([1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt, config, undefined, () => 1))).toEqual([1000, 2000, 4000, 8000, 10_000]);
  expect(retryDelayMs(3, config, undefined, () => 0)).toBe(3000);
  expect(retryDelayMs(1, config, 5, () => 1)).toBe(5000);
  expect(retryDelayMs(1, config, 3600, () => 1)).toBe(10_000);
  expect(parseRetryAfter('120')).toBe(120);
  expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:30 GMT', Date.parse('2026-10-21T07:28:00Z'))).toBe(30);
  expect(parseRetryAfter(null)).toBeUndefined();
  expect(parseRetryAfter('soon')).toBeUndefined();
});

test('event patterns become LIKE patterns in which only * is a wildcard', () => {
  expect(likePattern('user.*')).toBe('user.%');
  expect(likePattern('*')).toBe('%');
  expect(likePattern('auth.login_failed')).toBe('auth.login\\_failed');
  expect(likePattern('run.finished')).toBe('run.finished');
});

test('the body is the stored event, the same on every attempt', () => {
  const delivery = { id: '7', event_id: 'e-1', event_type: 'run.finished', event_time: new Date('2026-12-06T10:00:00Z'), data: { run: { run_id: 'r' } }, url: 'http://x', attempts: 3 };
  expect(JSON.parse(deliveryBody(delivery))).toEqual({ id: 'e-1', type: 'run.finished', time: '2026-12-06T10:00:00.000Z', data: { run: { run_id: 'r' } } });
  expect(deliveryBody({ ...delivery, attempts: 4 })).toBe(deliveryBody(delivery));
});

test('the webhook options: defaults, the secret from the named variable only, and a missing secret refusing the start', () => {
  const options = resolveServerOptions({ enterprise: { integration: { webhook: { url: 'https://hooks.example/p', secret_env: 'HOOK' } } }, env: {} });
  expect(options.webhook).toEqual({ enabled: true, url: 'https://hooks.example/p', events: ['*'], secret_env: 'HOOK', timeout: 10, retries: 5, retry_delay: 10 });
  expect(JSON.stringify(options)).not.toContain(SECRET);
  expect(webhookConfig(options.webhook, { HOOK: SECRET })).toEqual({
    urls: ['https://hooks.example/p'], events: ['*'], secret: SECRET, timeout_ms: 10_000, retries: 5, retry_delay_ms: 10_000, max_retry_delay_ms: 3_600_000,
  });
  expect(() => webhookConfig(options.webhook, {})).toThrow('settings.enterprise.integration.webhook.secret_env names HOOK, which is not set: export the signing secret in it before starting the server');
  expect(webhookConfig({ ...options.webhook!, enabled: false }, {})).toBeUndefined();
  expect(webhookConfig(undefined, {})).toBeUndefined();
  const several = resolveServerOptions({ enterprise: { integration: { webhook: { urls: ['http://a.test/1', 'http://a.test/1', 'http://b.test/2'], secret_env: 'HOOK' } } }, env: {} });
  expect(webhookConfig(several.webhook, { HOOK: SECRET })?.urls).toEqual(['http://a.test/1', 'http://b.test/2']);
});
