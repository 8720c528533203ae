import type { RunPublish } from '@panoptic/model/run-publish';
import { test, expect, KINDS, addUser, login, writeSuite, type ApiBody, type ServerProcess } from './fixtures.js';

// The server's read caches (domain/read-cache.ts) never answer stale once a change has returned:
// runs reads after a publish or a shard, a member added or removed, a revoked or disabled API key,
// a logged-out session; and an API key's rate limit, counted in memory, still refuses across
// processes. The server that made the change is read right after it returned; on PostgreSQL the
// other server process is read too, as soon as the database's notification reaches it, which must
// be well within the cache's 2 s TTL (so the TTL cannot be what makes it pass).

const TEST_KEY = 'chromium › shop.spec.ts › checkout';
/** How soon another server process must have heard of a change: well under the 2 s TTL. */
const NOTIFIED_MS = 500;

function run(runId: string, shard: RunPublish['shard'], outcome: 'expected' | 'unexpected'): RunPublish {
  const status = outcome === 'expected' ? 'passed' : 'failed';
  return {
    version: 1, run_id: runId, shard, status, started_at: new Date().toISOString(), duration_ms: 1000, branch: 'main', commit: 'abc',
    tests: [{ key: `${TEST_KEY}${shard?.current === 2 ? ' 2' : ''}`, title: 'checkout', title_path: ['checkout'], project: 'chromium', file: 'shop.spec.ts', line: 3, outcome, duration_ms: 5, attempts: [{ retry: 0, status, duration_ms: 5, start_time: new Date().toISOString() }], artifacts: [] }],
  };
}

for (const kind of KINDS) {
  test.describe(kind, () => {
    test.use({ kind });
    test('no cached answer outlives a change that has returned, on this server process or another', async ({ dir, init, startServer, api, secrets }) => {
      const suite = writeSuite(dir, '    api_rate_limit: 0\n');
      const { password } = await init(['--suite', suite]);
      const servers = await Promise.all([startServer(['--suite', suite]), ...(kind === 'postgres' ? [startServer(['--suite', suite])] : [])]);
      const [a] = servers;
      if (!a) throw new Error('no server');
      const admin = await login(api, a.url, 'admin', password);
      const dev = await addUser(api, a.url, admin, secrets, 'dana', 'developer');
      const shop = (await api(a.url, 'POST', '/api/v1/projects', { token: admin, body: { name: 'shop' } })).body.id ?? 0;
      const history = `/api/v1/projects/shop/tests/history?key=${encodeURIComponent(TEST_KEY)}`;
      // After a change made on `on` (none: before any), each server answers `expected`, twice (the
      // second answer can only come from a cache): `on` at once, the others within NOTIFIED_MS.
      const everywhere = async (on: ServerProcess | undefined, route: string, token: string, pick: (r: { status: number; body: ApiBody }) => unknown, expected: unknown) => {
        for (const server of servers) {
          const read = async () => pick(await api(server.url, 'GET', route, { token }));
          if (!on || server === on) expect(await read(), `${route} on the server that made the change`).toEqual(expected);
          else await expect.poll(read, { message: `${route} on the other server`, timeout: NOTIFIED_MS, intervals: [5] }).toEqual(expected);
          expect(await read()).toEqual(expected);
        }
      };
      const total = (r: { body: ApiBody }) => r.body.total;
      const status = (r: { status: number }) => r.status;
      const error = (r: { body: ApiBody }) => r.body.error;

      await everywhere(undefined, '/api/v1/projects/shop/runs', admin, total, 0);
      await everywhere(undefined, history, admin, total, 0);
      for (const server of servers) {
        const runId = `r-${servers.indexOf(server)}`;
        expect((await api(server.url, 'PUT', `/api/v1/projects/shop/runs/${runId}`, { token: admin, body: run(runId, { current: 1, total: 2 }, 'expected') })).status).toBe(200);
        await everywhere(server, '/api/v1/projects/shop/runs', admin, (r) => [r.body.items?.[0]?.run_id, r.body.items?.[0]?.complete], [runId, false]);
        await everywhere(server, history, admin, (r) => (r.body.items?.[0]?.run as { run_id?: string } | undefined)?.run_id, runId);
      }
      // The second shard, from the last server, completes r-0 and turns it failed everywhere.
      const last = servers.at(-1) ?? a;
      expect((await api(last.url, 'PUT', '/api/v1/projects/shop/runs/r-0', { token: admin, body: run('r-0', { current: 2, total: 2 }, 'unexpected') })).status).toBe(200);
      await everywhere(last, '/api/v1/projects/shop/runs/r-0', admin, (r) => { const one = r.body.run as { complete?: boolean; status?: string }; return [one.complete, one.status]; }, [true, 'failed']);

      // Scope: a member added or removed counts at once (the project and scope lookups are cached too).
      await everywhere(undefined, '/api/v1/projects/shop/runs', dev.token, status, 404);
      expect((await api(a.url, 'POST', `/api/v1/projects/${shop}/members`, { token: admin, body: { user_id: dev.id } })).status).toBe(200);
      await everywhere(a, '/api/v1/projects/shop/runs', dev.token, status, 200);
      expect((await api(last.url, 'DELETE', `/api/v1/projects/${shop}/members/${dev.id}`, { token: admin })).status).toBe(200);
      await everywhere(last, '/api/v1/projects/shop/runs', dev.token, status, 404);

      // A key used (and so cached) on every server stops when disabled or revoked.
      const created = await api(a.url, 'POST', '/api/v1/api-keys', { token: admin, body: { name: 'ci', permissions: ['runs:read'] } });
      const key = String(created.body.key);
      await everywhere(undefined, '/api/v1/projects/shop/runs', key, status, 200);
      await api(last.url, 'PATCH', `/api/v1/api-keys/${created.body.id}`, { token: admin, body: { enabled: false } });
      await everywhere(last, '/api/v1/projects/shop/runs', key, error, 'the API key is disabled');
      await api(a.url, 'PATCH', `/api/v1/api-keys/${created.body.id}`, { token: admin, body: { enabled: true } });
      await everywhere(a, '/api/v1/projects/shop/runs', key, status, 200);
      expect((await api(a.url, 'DELETE', `/api/v1/api-keys/${created.body.id}`, { token: admin })).status).toBe(204);
      await everywhere(a, '/api/v1/projects/shop/runs', key, error, 'the API key is unknown');

      // A limit of 3 a minute: the fourth request is refused, whichever server takes it.
      const limited = String((await api(a.url, 'POST', '/api/v1/api-keys', { token: admin, body: { name: 'limited', permissions: ['runs:read'], rate_limit: 3 } })).body.key);
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await api(servers[i % servers.length]?.url ?? '', 'GET', '/api/v1/projects/shop/runs', { token: limited })).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
      // Its use is written within a second (refusals are not use).
      await expect.poll(async () => (await api(a.url, 'GET', '/api/v1/api-keys', { token: admin })).body.items?.map((k) => k.usage_count), { timeout: 10_000 }).toEqual([3]);

      // A session used on every server ends everywhere at logout.
      const session = await login(api, a.url, 'admin', password);
      await everywhere(undefined, '/api/v1/me', session, status, 200);
      expect((await api(last.url, 'DELETE', '/api/v1/sessions/current', { token: session })).status).toBe(204);
      await everywhere(last, '/api/v1/me', session, status, 401);
    });
  });
}
