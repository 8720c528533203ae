import { test, expect } from '@playwright/test';
import { backoffDelay, IntegrityError, isRetryableError, RequestTimeoutError, UnsafeKeyError, withRetry } from '@panoptic/cloud';

function networkError(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

function httpError(status: number, name = 'Error', extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`status ${status}`), { name, ...extra });
}

test('network failures are retryable', () => {
  for (const code of ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'UND_ERR_SOCKET']) {
    expect(isRetryableError(networkError(code, `connect ${code} 127.0.0.1:9`)), code).toBe(true);
  }
  expect(isRetryableError(new Error('socket hang up'))).toBe(true);
  expect(isRetryableError(Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' }))).toBe(true);
  // fetch wraps the socket error in its cause.
  expect(isRetryableError(new TypeError('fetch failed', { cause: networkError('ECONNRESET') }))).toBe(true);
  // Azure core: a request that got no response.
  expect(isRetryableError(Object.assign(new Error('getaddrinfo'), { name: 'RestError', code: 'REQUEST_SEND_ERROR' }))).toBe(true);
});

test('HTTP 408, 429, 500, 502, 503 and 504 are retryable, from either SDK', () => {
  for (const status of [408, 429, 500, 502, 503, 504]) {
    expect(isRetryableError(httpError(status, 'ServiceError', { $metadata: { httpStatusCode: status } })), `aws ${status}`).toBe(true);
    expect(isRetryableError(httpError(status, 'RestError', { statusCode: status })), `azure ${status}`).toBe(true);
  }
});

test('SDK retryable and throttling markers are retryable', () => {
  expect(isRetryableError(Object.assign(new Error('x'), { $retryable: { throttling: true } }))).toBe(true);
  expect(isRetryableError(httpError(200, 'SlowDown'))).toBe(true);
  expect(isRetryableError(Object.assign(new Error('Request timed out'), { name: 'TimeoutError' }))).toBe(true);
  expect(isRetryableError(new RequestTimeoutError('stalled'))).toBe(true);
  expect(isRetryableError(new IntegrityError('size differs'))).toBe(true);
});

test('client errors, bad digests and unknown errors are not retryable', () => {
  for (const status of [400, 401, 403, 404, 409, 412, 501]) {
    expect(isRetryableError(httpError(status, 'ServiceError', { $metadata: { httpStatusCode: status } })), `aws ${status}`).toBe(false);
    expect(isRetryableError(httpError(status, 'RestError', { statusCode: status })), `azure ${status}`).toBe(false);
  }
  // A checksum the service refused: the request was bad, sending it again changes nothing.
  expect(isRetryableError(httpError(400, 'BadDigest', { $metadata: { httpStatusCode: 400 } }))).toBe(false);
  expect(isRetryableError(httpError(400, 'RestError', { statusCode: 400, code: 'Md5Mismatch' }))).toBe(false);
  // The status decides even when the message sounds transient.
  expect(isRetryableError(Object.assign(new Error('request timed out, socket hang up'), { statusCode: 403 }))).toBe(false);
  expect(isRetryableError(new UnsafeKeyError('../x', 'nope'))).toBe(false);
  expect(isRetryableError(networkError('ENOENT', "ENOENT: no such file or directory, open 'x.png'"))).toBe(false);
  expect(isRetryableError(new Error('boom'))).toBe(false);
  expect(isRetryableError('a string')).toBe(false);
  expect(isRetryableError(undefined)).toBe(false);
});

test('the outermost verdict wins over causes', () => {
  const wrapped = Object.assign(new Error('denied', { cause: networkError('ECONNRESET') }), { statusCode: 403 });
  expect(isRetryableError(wrapped)).toBe(false);
  expect(isRetryableError(new Error('upload failed', { cause: httpError(503, 'RestError', { statusCode: 503 }) }))).toBe(true);
});

test('withRetry retries retryable failures with exponential full-jitter backoff', async () => {
  const sleeps: number[] = [];
  const retries: number[] = [];
  const seen: number[] = [];
  const result = await withRetry(
    async (attempt) => {
      seen.push(attempt);
      if (attempt < 4) throw networkError('ECONNRESET');
      return 'done';
    },
    {
      attempts: 5,
      backoffMs: 100,
      sleep: async (ms) => void sleeps.push(ms),
      random: () => 0.5,
      onRetry: ({ attempt }) => retries.push(attempt),
    },
  );
  expect(result).toBe('done');
  expect(seen).toEqual([1, 2, 3, 4]);
  expect(retries).toEqual([1, 2, 3]);
  expect(sleeps).toEqual([50, 100, 200]);
});

test('withRetry stops at once on a non-retryable failure', async () => {
  let calls = 0;
  const denied = Object.assign(new Error('AuthenticationFailed'), { statusCode: 403 });
  await expect(
    withRetry(
      async () => {
        calls++;
        throw denied;
      },
      { attempts: 5, backoffMs: 100, sleep: async () => undefined },
    ),
  ).rejects.toBe(denied);
  expect(calls).toBe(1);
});

test('withRetry throws the last error once attempts are used up', async () => {
  let calls = 0;
  const sleeps: number[] = [];
  await expect(
    withRetry(
      async (attempt) => {
        calls++;
        throw networkError('ECONNREFUSED', `refused ${attempt}`);
      },
      { attempts: 3, backoffMs: 10, sleep: async (ms) => void sleeps.push(ms), random: () => 0.999 },
    ),
  ).rejects.toThrow('refused 3');
  expect(calls).toBe(3);
  expect(sleeps).toEqual([9, 19]);
});

test('withRetry honours a custom classifier and a single attempt', async () => {
  let calls = 0;
  await expect(
    withRetry(
      async () => {
        calls++;
        throw new Error('custom');
      },
      { attempts: 1, backoffMs: 10, isRetryable: () => true, sleep: async () => undefined },
    ),
  ).rejects.toThrow('custom');
  expect(calls).toBe(1);
});

test('backoff doubles per retry, is capped, and is jittered between 0 and the ceiling', () => {
  expect([1, 2, 3, 4].map((retry) => backoffDelay(retry, 200, 30_000, () => 1 - Number.EPSILON))).toEqual([199, 399, 799, 1599]);
  expect(backoffDelay(20, 200, 30_000, () => 0.5)).toBe(15_000);
  expect(backoffDelay(3, 200, 30_000, () => 0)).toBe(0);
  for (let i = 0; i < 100; i++) {
    const delay = backoffDelay(3, 200);
    expect(delay).toBeGreaterThanOrEqual(0);
    expect(delay).toBeLessThan(800);
  }
});
