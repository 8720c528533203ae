import { test, expect } from '@playwright/test';
import { Invalidated, runsKey } from '../../../packages/server/dist/domain/read-cache.js';
import { KeyUsage, leaseSize } from '../../../packages/server/dist/domain/api-key-usage.js';
import type { Database } from '../../../packages/server/dist/db/database.js';

// The read cache's rules (domain/read-cache.ts) and an API key's lease arithmetic
// (domain/api-key-usage.ts); the integration test read-cache.spec.ts shows them on real servers.

const live = <V extends object | string>(options = {}): Invalidated<V> => {
  const cache = new Invalidated<V>({ max: 100, ...options });
  cache.setLive(true);
  return cache;
};

test('a load that began before a forget is answered but not stored: the next read loads again', async () => {
  const cache = live<string>();
  let release: (value: string) => void = () => undefined;
  const slow = cache.get('1\nruns', () => new Promise<string>((resolve) => (release = resolve)));
  cache.forget('1\n');
  release('old');
  expect(await slow).toBe('old');
  expect(await cache.get('1\nruns', async () => 'new')).toBe('new');
  expect(await cache.get('1\nruns', async () => 'newer')).toBe('new');
});

test("forgetting a project's prefix keeps other projects' answers", async () => {
  const cache = live<string>();
  await cache.get(runsKey(1, 'runs', { page: 1 }), async () => 'one');
  await cache.get(runsKey(12, 'runs', { page: 1 }), async () => 'twelve');
  cache.forget('1\n');
  expect(cache.peek(runsKey(1, 'runs', { page: 1 }))).toBeUndefined();
  expect(cache.peek(runsKey(12, 'runs', { page: 1 }))).toBe('twelve');
});

test('the key of a read does not depend on the order of its query parameters', () => {
  expect(runsKey(3, 'history', { key: 'a', page: 2, page_size: 50 })).toBe(runsKey(3, 'history', { page_size: 50, page: 2, key: 'a' }));
  expect(runsKey(3, 'history', { key: 'a', page: 2 })).not.toBe(runsKey(3, 'history', { key: 'a', page: 3 }));
});

test('while notifications are not flowing nothing is served from or stored in the cache, and an undefined load is never stored', async () => {
  const cache = live<string>();
  await cache.get('k', async () => 'before');
  cache.setLive(false);
  expect(await cache.get('k', async () => 'down')).toBe('down');
  cache.setLive(true);
  expect(await cache.get('k', async () => undefined)).toBeUndefined();
  expect(await cache.get('k', async () => 'up')).toBe('up');
});

test("a key's lease: what the database granted is admitted here, then the window is spent until it ends", () => {
  const usage = new KeyUsage({} as Database);
  expect(leaseSize(7)).toBe(1);
  expect(leaseSize(1000)).toBe(50);
  expect(usage.take(5, 100, 0)).toBe('lease');
  usage.lease(5, 100, 3, 60, 0);
  expect(usage.held(5, 0)).toBe(2);
  expect([usage.take(5, 100, 1), usage.take(5, 100, 2), usage.take(5, 100, 3)]).toEqual(['admit', 'admit', 'lease']);
  usage.lease(5, 100, 0, 30, 10_000);
  expect(usage.take(5, 100, 10_001)).toBe('refuse');
  expect(usage.retryAfter(5, 10_001)).toBe(30);
  // The window's end, or a changed limit, starts over from the database.
  expect(usage.take(5, 100, 40_000)).toBe('lease');
  usage.lease(5, 100, 5, 60, 0);
  expect(usage.take(5, 50, 1)).toBe('lease');
  expect(usage.held(5, 1)).toBe(0);
});

test('usage counts of all keys are written in one statement, and kept for the next one when it fails', async () => {
  const calls: unknown[][] = [];
  let fail = true;
  const db = { query: async (_sql: string, params: unknown[]) => {
    calls.push(params);
    if (fail) throw new Error('down');
    return [];
  } } as unknown as Database;
  const usage = new KeyUsage(db);
  usage.used(1);
  usage.used(2);
  usage.used(1);
  await usage.flush();
  fail = false;
  usage.used(2);
  await usage.flush();
  expect(calls).toEqual([[[1, 2], [2, 1]], [[1, 2], [2, 2]]]);
});
