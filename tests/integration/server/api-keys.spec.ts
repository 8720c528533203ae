import crypto from 'node:crypto';
import pg from 'pg';
import { test, expect, KINDS, addUser, login, writeSuite } from './fixtures.js';

// API keys on one server per database kind (two on PostgreSQL, to show the rate limit is shared):
// shown once and stored hashed, never more than the owner, scoped, disabled, expired, counted, limited.

for (const kind of KINDS) {
  test.describe(kind, () => {
    test.use({ kind });
    test('an API key is shown once, never exceeds its owner, and is refused when disabled, expired or over its rate limit', async ({ dir, init, startServer, api, secrets, database }) => {
      const suite = writeSuite(dir, '    api_rate_limit: 2\n    max_api_keys: 3\n');
      const { password } = await init(['--suite', suite]);
      const [server, other] = await Promise.all([startServer(['--suite', suite]), kind === 'postgres' ? startServer(['--suite', suite]) : undefined]);
      const call = (method: string, route: string, token: string, body?: unknown, url = server.url) => api(url, method, route, { token, body });
      const admin = await login(api, server.url, 'admin', password);
      const dev = await addUser(api, server.url, admin, secrets, 'dave', 'developer');
      const shop = (await call('POST', '/api/v1/projects', admin, { name: 'shop', member_ids: [dev.id] })).body.id ?? 0;
      const billing = (await call('POST', '/api/v1/projects', admin, { name: 'billing' })).body.id ?? 0;

      // Escalation attempts are refused.
      expect((await call('POST', '/api/v1/api-keys', dev.token, { name: 'x', permissions: ['users:manage'] })).body.error).toBe("the key's owner (role developer) lacks users:manage: a key cannot have more than its owner");
      expect((await call('POST', '/api/v1/api-keys', dev.token, { name: 'x', permissions: ['projects:read'], scopes: [billing] })).body.error).toBe(`project ${billing} is not one of the key owner's projects`);
      expect((await call('POST', '/api/v1/api-keys', dev.token, { name: 'x', permissions: ['projects:read'], user_id: 1 })).status).toBe(403);
      expect((await call('POST', '/api/v1/api-keys', admin, { name: 'x', permissions: ['users:read'], user_id: dev.id })).status).toBe(403);

      const created = await call('POST', '/api/v1/api-keys', dev.token, { name: 'ci', permissions: ['projects:read', 'runs:write'], scopes: [shop], rate_limit: 100 });
      expect(created.status).toBe(201);
      const key = String(created.body.key);
      expect(key).toMatch(new RegExp(`^pk_${created.body.id}_[A-Za-z0-9_-]{43}$`));
      expect(created.body).toMatchObject({ user_id: dev.id, permissions: ['projects:read', 'runs:write'], scopes: [shop], enabled: true, usage_count: 0 });
      const keyId = created.body.id ?? 0;

      // It acts as its owner, narrowed to its permissions and scopes, and cannot manage keys or users.
      expect((await call('GET', '/api/v1/projects', key)).body.items?.map((p) => p.name)).toEqual(['shop']);
      expect((await call('GET', `/api/v1/projects/${billing}`, key)).status).toBe(404);
      expect((await call('GET', '/api/v1/me', key)).body).toMatchObject({ username: 'dave' });
      expect((await call('GET', '/api/v1/api-keys', key)).body.error).toBe('this API key lacks the permission api_keys:manage');
      expect((await call('PATCH', `/api/v1/users/${dev.id}`, key, { first_name: 'Eve' })).status).toBe(403);
      expect((await call('GET', '/api/v1/projects', `pk_${keyId}_${'A'.repeat(43)}`)).body).toEqual({ error: 'the API key is unknown' });

      // Five requests authenticated with it (refusals by permission or scope count too); the unknown
      // one did not. Counts are kept in memory and written within a second (api-key-usage.ts).
      await expect.poll(async () => (await call('GET', '/api/v1/api-keys', dev.token)).body.items, { timeout: 10_000 }).toEqual([expect.objectContaining({ id: keyId, usage_count: 5, last_used_at: expect.any(String) })]);
      const listed = await call('GET', '/api/v1/api-keys', dev.token);
      expect(JSON.stringify(listed.body)).not.toContain(key.slice(-43));
      expect(server.output()).not.toContain(key.slice(-43));

      expect((await call('PATCH', `/api/v1/api-keys/${keyId}`, dev.token, { enabled: false })).body.enabled).toBe(false);
      expect((await call('GET', '/api/v1/projects', key)).body).toEqual({ error: 'the API key is disabled' });
      await call('PATCH', `/api/v1/api-keys/${keyId}`, dev.token, { enabled: true });
      expect((await call('GET', '/api/v1/projects', key)).status).toBe(200);

      // The default rate limit (api_rate_limit: 2 a minute) counts across both servers on PostgreSQL.
      const limited = String((await call('POST', '/api/v1/api-keys', dev.token, { name: 'limited', permissions: ['projects:read'] })).body.key);
      const target = other ?? server;
      expect((await call('GET', '/api/v1/projects', limited)).status).toBe(200);
      const second = await call('GET', '/api/v1/projects', limited, undefined, target.url);
      expect(second.status).toBe(200);
      const refused = await fetch(new URL('/api/v1/projects', target.url), { headers: { authorization: `Bearer ${limited}` } });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      expect(((await refused.json()) as { error: string }).error).toMatch(/^the API key's rate limit is reached: retry in \d+ s$/);

      expect((await call('POST', '/api/v1/api-keys', dev.token, { name: 'fourth', permissions: ['runs:write'] })).status).toBe(201);
      expect((await call('POST', '/api/v1/api-keys', dev.token, { name: 'fifth', permissions: ['runs:write'] })).body.error).toBe('the limit of 3 api keys is reached (settings.enterprise.max_api_keys): delete one or raise the limit');
      expect((await call('DELETE', `/api/v1/api-keys/${keyId}`, admin)).status).toBe(204);
      expect((await call('GET', '/api/v1/projects', key)).status).toBe(401);
      const expiring = await call('POST', '/api/v1/api-keys', dev.token, { name: 'short', permissions: ['projects:read'], expires_at: new Date(Date.now() + 3_000).toISOString() });
      const short = String(expiring.body.key);
      await expect.poll(async () => (await call('GET', '/api/v1/projects', short)).body.error, { timeout: 20_000, intervals: [500] }).toBe('the API key is expired');

      const trail = await call('GET', '/api/v1/audit?page_size=100', admin);
      const actions = (trail.body.items ?? []).filter((e) => String(e.action).startsWith('api_key') || e.action === 'auth.api_key_refused').map((e) => String(e.action));
      expect(actions.reverse()).toEqual(['api_key.created', 'api_key.updated', 'auth.api_key_refused', 'api_key.updated', 'api_key.created', 'api_key.created', 'api_key.deleted', 'api_key.created', 'auth.api_key_refused']);

      if (database.url) {
        // Only the key's SHA-256 is stored; after the window the limited key is allowed again.
        const client = new pg.Client({ connectionString: database.url });
        await client.connect();
        const rows = (await client.query<{ secret_sha256: string; name: string }>('SELECT * FROM api_keys')).rows;
        expect(JSON.stringify(rows)).not.toContain(limited.slice(-43));
        expect(rows.find((row) => row.name === 'limited')?.secret_sha256).toBe(crypto.createHash('sha256').update(limited).digest('hex'));
        await client.query("UPDATE api_keys SET window_start = window_start - interval '1 minute' WHERE name = 'limited'");
        await client.end();
        const second = await call('GET', '/api/v1/projects', limited, undefined, target.url);
      expect(second.status).toBe(200);
      }
    });
  });
}

// Under concurrent requests, across two server processes on PostgreSQL, every request counts once
// and the rate limit lets exactly its number through: processes lease requests from the key's window
// under its row lock (domain/api-key-usage.ts), and the database never leases more than the limit.
for (const kind of KINDS) {
  test.describe(kind, () => {
    test.use({ kind });
    test('concurrent requests with one key each count once, and its rate limit admits exactly its number', async ({ dir, init, startServer, api, secrets }) => {
      const suite = writeSuite(dir, '    api_rate_limit: 0\n');
      const { password } = await init(['--suite', suite]);
      const servers = await Promise.all([startServer(['--suite', suite]), ...(kind === 'postgres' ? [startServer(['--suite', suite])] : [])]);
      const admin = await login(api, servers[0]?.url ?? '', 'admin', password);
      const dev = await addUser(api, servers[0]?.url ?? '', admin, secrets, 'dora', 'developer');
      const newKey = async (name: string, rateLimit: number) => {
        const created = await api(servers[0]?.url ?? '', 'POST', '/api/v1/api-keys', { token: dev.token, body: { name, permissions: ['projects:read'], rate_limit: rateLimit } });
        return { id: created.body.id, key: String(created.body.key) };
      };
      const burst = (key: string, count: number) => Promise.all(Array.from({ length: count }, (_, i) =>
        fetch(new URL('/api/v1/projects', servers[i % servers.length]?.url), { headers: { authorization: `Bearer ${key}` } }).then((response) => response.status)));

      const unlimited = await newKey('unlimited', 0);
      expect(new Set(await burst(unlimited.key, 40))).toEqual(new Set([200]));
      const limited = await newKey('limited', 7);
      const statuses = await burst(limited.key, 30);
      expect(statuses.filter((s) => s === 200)).toHaveLength(7);
      expect(statuses.filter((s) => s === 429)).toHaveLength(23);

      // Refused requests are not usage: the limited key was used 7 times. Each process writes its
      // counts within a second.
      const usage = async () => Object.fromEntries(((await api(servers[0]?.url ?? '', 'GET', '/api/v1/api-keys', { token: dev.token })).body.items ?? []).map((k) => [k.id, k.usage_count]));
      await expect.poll(usage, { timeout: 10_000 }).toEqual({ [String(unlimited.id)]: 40, [String(limited.id)]: 7 });
    });
  });
}
