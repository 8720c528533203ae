import type { RunPublish } from '@panoptic/model/run-publish';
import { test, expect, KINDS, addUser, login, type Api } from './fixtures.js';

// Runs on the server, on both databases: the shards of one run id merge (a test seen in both keeps
// both attempts), a re-sent shard changes nothing, runs list newest first and page, a run's results
// filter by outcome, one test's history spans runs; a viewer reads but cannot publish, and another
// project's key gets the same 404 as a project that does not exist.

type Test = RunPublish['tests'][number];

function testOf(title: string, outcome: Test['outcome'], statuses: ('passed' | 'failed')[], start: string): Test {
  return {
    key: `chromium › shop.spec.ts › ${title}`,
    title,
    title_path: [title],
    project: 'chromium',
    file: 'shop.spec.ts',
    line: title.length,
    outcome,
    duration_ms: 10 * statuses.length,
    attempts: statuses.map((status, retry) => ({
      retry, status, duration_ms: 10, start_time: new Date(Date.parse(start) + retry * 1000).toISOString(),
      ...(status === 'failed' ? { error: `Error: ${title} failed`, category: 'assertion-mismatch' } : {}),
    })),
    ...(outcome === 'unexpected' ? { category: 'assertion-mismatch' } : {}),
    artifacts: statuses.includes('failed') ? [{ name: 'screenshot', kind: 'screenshot', content_type: 'image/png', retry: 0, key: `shop/${title}.png` }] : [],
  };
}

function payload(runId: string, shard: RunPublish['shard'], started: string, tests: Test[]): RunPublish {
  const failed = tests.some((t) => t.outcome === 'unexpected');
  return { version: 1, run_id: runId, shard, status: failed ? 'failed' : 'passed', started_at: started, duration_ms: 5000, branch: 'main', commit: 'abc123', ci_url: 'https://ci.example/1', tests };
}

async function publish(api: Api, url: string, token: string, project: string, body: RunPublish) {
  return api(url, 'PUT', `/api/v1/projects/${project}/runs/${body.run_id}`, { token, body });
}

for (const kind of KINDS) {
  test.describe(kind, () => {
    test.use({ kind });
    test('shards merge, a re-send is idempotent, runs list and page, a test has a history, and access follows roles and scope', async ({ init, startServer, api, secrets }) => {
      const { password } = await init();
      const server = await startServer();
      const { url } = server;
      const admin = await login(api, url, 'admin', password);
      const dev = await addUser(api, url, admin, secrets, 'dave', 'developer');
      const viewer = await addUser(api, url, admin, secrets, 'vera', 'viewer');
      const other = await addUser(api, url, admin, secrets, 'bob', 'developer');
      const shop = (await api(url, 'POST', '/api/v1/projects', { token: admin, body: { name: 'shop', member_ids: [dev.id, viewer.id] } })).body.id ?? 0;
      const billing = (await api(url, 'POST', '/api/v1/projects', { token: admin, body: { name: 'billing', member_ids: [other.id] } })).body.id ?? 0;
      const key = String((await api(url, 'POST', '/api/v1/api-keys', { token: dev.token, body: { name: 'ci', permissions: ['runs:write', 'runs:read'], scopes: [shop] } })).body.key);
      const bobKey = String((await api(url, 'POST', '/api/v1/api-keys', { token: other.token, body: { name: 'ci', permissions: ['runs:write', 'runs:read'], scopes: [billing] } })).body.key);

      // Shard 2 comes in first; the run waits for shard 1. "checkout" ran in both shards.
      const shard2 = payload('gh-7-1', { current: 2, total: 2 }, '2026-12-01T10:00:02Z', [
        testOf('checkout', 'unexpected', ['failed', 'failed'], '2026-12-01T10:00:10Z'),
        testOf('cart', 'expected', ['passed'], '2026-12-01T10:00:03Z'),
      ]);
      const first = await publish(api, url, key, 'shop', shard2);
      expect(first.status, JSON.stringify(first.body)).toBe(200);
      expect(first.body).toMatchObject({ run_id: 'gh-7-1', complete: false, finished_at: null, shards: { seen: 1, expected: 2 }, status: 'failed', branch: 'main', commit: 'abc123' });
      const shard1 = payload('gh-7-1', { current: 1, total: 2 }, '2026-12-01T10:00:00Z', [
        testOf('checkout', 'expected', ['passed'], '2026-12-01T10:00:01Z'),
        testOf('login', 'flaky', ['failed', 'passed'], '2026-12-01T10:00:01Z'),
        testOf('search', 'skipped', [], '2026-12-01T10:00:01Z'),
      ]);
      const merged = await publish(api, url, key, String(shop), shard1);
      expect(merged.body).toMatchObject({ complete: true, shards: { seen: 2, expected: 2 }, status: 'failed', counts: { total: 4, expected: 1, unexpected: 0, flaky: 2, skipped: 1 }, pass_rate: 1, started_at: '2026-12-01T10:00:00.000Z', finished_at: '2026-12-01T10:00:07.000Z', duration_ms: 7000 });
      const run = await api(url, 'GET', '/api/v1/projects/shop/runs/gh-7-1?page_size=10', { token: viewer.token });
      const checkout = (run.body.results as { items: { key: string; outcome: string; attempts: { shard: number; status: string; retry: number }[] }[] }).items.find((r) => r.key.endsWith('checkout'));
      expect(checkout?.outcome).toBe('flaky');
      expect(checkout?.attempts.map((a) => [a.shard, a.retry, a.status])).toEqual([[1, 0, 'passed'], [2, 0, 'failed'], [2, 1, 'failed']]);

      // The same shard again: nothing changes.
      const again = await publish(api, url, key, 'shop', shard1);
      expect(again.body).toMatchObject({ counts: merged.body.counts, shards: merged.body.shards, status: 'failed' });
      expect((await api(url, 'GET', '/api/v1/projects/shop/runs/gh-7-1?page_size=10', { token: viewer.token })).body.results).toEqual(run.body.results);
      expect((await publish(api, url, key, 'shop', { ...shard1, shard: { current: 1, total: 3 } })).body.error).toBe('run gh-7-1 has 2 shards; this publish says 3: the shards of one run id must agree on the total');

      // A second, later run: newest first, paged; results filter by outcome; the history spans both runs.
      const later = payload('gh-8-1', null, '2026-12-02T10:00:00Z', [testOf('checkout', 'unexpected', ['failed'], '2026-12-02T10:00:01Z')]);
      expect((await publish(api, url, key, 'shop', later)).body).toMatchObject({ complete: true, shards: { seen: 1, expected: 1 }, status: 'failed' });
      const page1 = await api(url, 'GET', '/api/v1/projects/shop/runs?page_size=1', { token: viewer.token });
      expect(page1.body).toMatchObject({ total: 2, page: 1, page_size: 1 });
      expect(page1.body.items?.map((r) => r.run_id)).toEqual(['gh-8-1']);
      // The list formats its timestamps in SQL: the same ISO strings as the publish answer. A page past the end still has the total.
      expect((await api(url, 'GET', '/api/v1/projects/shop/runs?page=2&page_size=1', { token: viewer.token })).body.items?.map((r) => [r.run_id, r.started_at, r.finished_at])).toEqual([['gh-7-1', '2026-12-01T10:00:00.000Z', '2026-12-01T10:00:07.000Z']]);
      expect((await api(url, 'GET', '/api/v1/projects/shop/runs?page=3&page_size=1', { token: viewer.token })).body).toMatchObject({ items: [], total: 2 });
      const flaky = await api(url, 'GET', '/api/v1/projects/shop/runs/gh-7-1?outcome=flaky', { token: key });
      expect((flaky.body.results as { items: { title: string }[]; total: number }).items.map((r) => r.title).sort()).toEqual(['checkout', 'login']);
      const history = await api(url, 'GET', `/api/v1/projects/shop/tests/history?key=${encodeURIComponent('chromium › shop.spec.ts › checkout')}`, { token: viewer.token });
      expect(history.body.total).toBe(2);
      expect(history.body.items?.[0]?.run).toMatchObject({ run_id: 'gh-8-1', started_at: '2026-12-02T10:00:00.000Z' });
      expect(history.body.items?.map((r) => [(r.run as { run_id: string }).run_id, r.outcome, r.error, r.category])).toEqual([
        ['gh-8-1', 'unexpected', 'Error: checkout failed', 'assertion-mismatch'],
        ['gh-7-1', 'flaky', 'Error: checkout failed', 'assertion-mismatch'],
      ]);

      // A viewer reads but cannot publish; another project's key and user get the 404 of a missing project.
      expect((await publish(api, url, viewer.token, 'shop', later)).body.error).toBe('the viewer role lacks the permission runs:write');
      const missing = await api(url, 'GET', '/api/v1/projects/nowhere/runs', { token: bobKey });
      expect(missing).toEqual({ status: 404, body: { error: 'no project "nowhere"' } });
      expect(await api(url, 'GET', '/api/v1/projects/shop/runs', { token: bobKey })).toEqual({ status: 404, body: { error: 'no project "shop"' } });
      expect((await api(url, 'GET', `/api/v1/projects/${shop}/runs/gh-7-1`, { token: other.token })).status).toBe(404);
      expect((await publish(api, url, bobKey, 'shop', later)).status).toBe(404);
      expect((await publish(api, url, bobKey, 'billing', later)).status).toBe(200);

      // The shards' merged report (merge-reports) published as a whole run replaces the shards.
      const whole = await publish(api, url, key, 'shop', payload('gh-7-1', null, '2026-12-01T10:00:00Z', [...shard1.tests, testOf('cart', 'expected', ['passed'], '2026-12-01T10:00:03Z')]));
      expect(whole.body).toMatchObject({ complete: true, shards: { seen: 1, expected: 1 }, status: 'passed', counts: { total: 4, expected: 2, flaky: 1, skipped: 1 } });

      const trail = await api(url, 'GET', '/api/v1/audit?action=run.published', { token: admin });
      expect(trail.body.total).toBe(6);
      expect(trail.body.items?.[0]).toMatchObject({ actor_name: 'dave', target_type: 'run', details: { project: 'shop', run_id: 'gh-7-1', shard: 1, shards: 1, tests: 4 } });
      expect(trail.body.items?.[1]).toMatchObject({ actor_name: 'bob', details: { project: 'billing', run_id: 'gh-8-1', shard: 1, tests: 1 } });
    });
  });
}
