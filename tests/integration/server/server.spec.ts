import pg from 'pg';
import { test, expect, KINDS, login, writeSuite } from './fixtures.js';

// The Panoptic server as its users meet it: `panoptic server init` and `start` as real processes,
// HTTP calls to them, on embedded PGlite and on a real PostgreSQL server.

test.describe.configure({ mode: 'default' });

for (const kind of KINDS) {
  test.describe(kind, () => {
    test.use({ kind });

    // The first contact with a database: empty, as the server meets it on a first install.
    test.describe('on a new database', () => {
      test.use({ migrated: false });

      test('init prints the admin password once, a second init refuses, and the API is described in OpenAPI', async ({ init, panoptic, startServer, api }) => {
        const { run, password } = await init(['--org', 'Acme QA', '--admin', 'alice']);
        expect(run.stdout).toContain('organisation "Acme QA", admin "alice"');
        const again = await panoptic(['server', 'init', '--admin', 'bob']);
        expect(again.exitCode).toBe(1);
        expect(again.stderr).toContain('already initialised (organisation "Acme QA"); init runs once');
        expect(again.output).not.toMatch(/Admin password/);

        const server = await startServer();
        expect(server.output()).toContain(kind === 'pglite' ? 'PGlite in' : 'PostgreSQL (DATABASE_URL)');
        // init built the schema: the server finds nothing to migrate.
        expect(server.output()).toContain('schema up to date');
        expect((await api(server.url, 'GET', '/api/health')).body).toEqual({ status: 'ok', database: kind });
        const token = await login(api, server.url, 'alice', password);
        const me = await api(server.url, 'GET', '/api/v1/me', { token });
        expect(me.body).toMatchObject({ username: 'alice', role: 'admin', active: true });
        expect(me.body.permissions).toContain('users:manage');
        expect((await api(server.url, 'GET', '/api/v1/me')).status).toBe(401);

        const openapi = (await api(server.url, 'GET', '/api/openapi.json')).body;
        expect(openapi.openapi).toBe('3.1.0');
        const routes = Object.entries(openapi.paths ?? {}).flatMap(([route, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${route}`));
        expect(routes.sort()).toEqual(
          ['GET /api/health', 'POST /api/v1/sessions', 'DELETE /api/v1/sessions/current', 'GET /api/v1/auth/oidc/login', 'GET /api/v1/auth/oidc/callback', 'GET /api/v1/me', 'GET /api/v1/users', 'POST /api/v1/users', 'GET /api/v1/users/{id}', 'PATCH /api/v1/users/{id}', 'DELETE /api/v1/users/{id}', 'GET /api/v1/audit', 'GET /api/v1/audit/export', 'GET /api/v1/compliance', 'GET /api/v1/license', 'POST /api/v1/cleanup', 'GET /api/v1/webhooks/deliveries',
            ...['projects', 'teams'].flatMap((group) => [
              `GET /api/v1/${group}`, `POST /api/v1/${group}`, `GET /api/v1/${group}/{id}`, `PATCH /api/v1/${group}/{id}`, `DELETE /api/v1/${group}/{id}`,
              `POST /api/v1/${group}/{id}/members`, `DELETE /api/v1/${group}/{id}/members/{user_id}`,
            ]),
            'GET /api/v1/api-keys', 'POST /api/v1/api-keys', 'PATCH /api/v1/api-keys/{id}', 'DELETE /api/v1/api-keys/{id}',
            'PUT /api/v1/projects/{project}/runs/{run_id}', 'GET /api/v1/projects/{project}/runs', 'GET /api/v1/projects/{project}/runs/{run_id}', 'GET /api/v1/projects/{project}/tests/history',
            ...['GET', 'PUT', 'DELETE'].map((method) => `${method} /api/v1/projects/{project}/quarantine`),
            'GET /api/v1/projects/{project}/gates', 'PUT /api/v1/projects/{project}/gates'].sort(),
        );

        expect((await api(server.url, 'DELETE', '/api/v1/sessions/current', { token })).status).toBe(204);
        expect((await api(server.url, 'GET', '/api/v1/me', { token })).status).toBe(401);
      });
    });

    test('wrong passwords are refused and audited; after 5 failures the account is locked even for the right password', async ({ init, startServer, api }) => {
      const { password } = await init();
      const server = await startServer();
      // A session from before the attack: a lock stops logins, not sessions already open.
      const other = await login(api, server.url, 'admin', password);
      for (let attempt = 1; attempt <= 5; attempt++) {
        const refused = await api(server.url, 'POST', '/api/v1/sessions', { body: { username: 'admin', password: `wrong-${attempt}` } });
        expect(refused).toEqual({ status: 401, body: { error: 'wrong username or password' } });
      }
      const locked = await api(server.url, 'POST', '/api/v1/sessions', { body: { username: 'admin', password } });
      expect(locked.status).toBe(423);
      expect(locked.body.error).toContain('locked after 5 failed logins');
      expect((await api(server.url, 'POST', '/api/v1/sessions', { body: { username: 'nobody', password } })).status).toBe(401);

      const failures = await api(server.url, 'GET', '/api/v1/audit?action=auth.login_failed&user=admin&page_size=4', { token: other });
      expect(failures.body.total).toBe(6);
      expect(failures.body.items).toHaveLength(4);
      expect(failures.body.items?.[0]?.details).toMatchObject({ username: 'admin', reason: 'account locked' });
      expect(failures.body.items?.at(-1)?.details).toMatchObject({ reason: 'wrong password' });
      const page2 = await api(server.url, 'GET', '/api/v1/audit?action=auth.login_failed&user=admin&page_size=4&page=2', { token: other });
      expect(page2.body.items).toHaveLength(2);
      const lock = await api(server.url, 'GET', '/api/v1/audit?action=auth.locked', { token: other });
      expect(lock.body.items).toEqual([expect.objectContaining({ actor_name: 'admin', ip: '127.0.0.1', details: expect.objectContaining({ failures: 5 }) })]);
      const future = await api(server.url, 'GET', `/api/v1/audit?since=${new Date(Date.now() + 60_000).toISOString()}`, { token: other });
      expect(future.body).toMatchObject({ total: 0, items: [] });
      const unknown = await api(server.url, 'GET', '/api/v1/audit?user=nobody', { token: other });
      expect(unknown.body.items?.[0]).toMatchObject({ action: 'auth.login_failed', actor_id: null, details: { reason: 'unknown user' } });
    });

    test('a viewer cannot create users or raise its own role; an admin creates, updates, deactivates and deletes users', async ({ init, startServer, api, secrets }) => {
      const { password } = await init();
      const server = await startServer();
      const admin = await login(api, server.url, 'admin', password);
      const viewerPassword = 'Viewer-pass-2024';
      secrets.add(viewerPassword);
      const created = await api(server.url, 'POST', '/api/v1/users', { token: admin, body: { username: 'vera', password: viewerPassword, email: 'vera@example.com' } });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ username: 'vera', role: 'viewer', email: 'vera@example.com', active: true });
      const id = created.body.id ?? 0;

      const viewer = await login(api, server.url, 'vera', viewerPassword);
      const forbidden = await api(server.url, 'POST', '/api/v1/users', { token: viewer, body: { username: 'mallory', password: viewerPassword } });
      expect(forbidden).toEqual({ status: 403, body: { error: 'the viewer role lacks the permission users:manage' } });
      expect((await api(server.url, 'GET', '/api/v1/users', { token: viewer })).status).toBe(403);
      expect((await api(server.url, 'GET', '/api/v1/audit', { token: viewer })).status).toBe(403);
      const escalate = await api(server.url, 'PATCH', `/api/v1/users/${id}`, { token: viewer, body: { role: 'admin' } });
      expect(escalate.status).toBe(403);
      expect(escalate.body.error).toContain('only an admin can change roles');
      expect((await api(server.url, 'PATCH', '/api/v1/users/1', { token: viewer, body: { email: 'mallory@example.com' } })).status).toBe(403);
      expect((await api(server.url, 'GET', '/api/v1/me', { token: viewer })).body).toMatchObject({ role: 'viewer', permissions: ['projects:read', 'teams:read', 'runs:read'] });
      // Users may change their own profile.
      expect((await api(server.url, 'PATCH', `/api/v1/users/${id}`, { token: viewer, body: { first_name: 'Vera' } })).body).toMatchObject({ first_name: 'Vera', role: 'viewer' });

      const promoted = await api(server.url, 'PATCH', `/api/v1/users/${id}`, { token: admin, body: { role: 'developer', last_name: 'Lynn' } });
      expect(promoted.body).toMatchObject({ role: 'developer', last_name: 'Lynn' });
      expect((await api(server.url, 'PATCH', `/api/v1/users/${id}`, { token: admin, body: { active: false } })).body.active).toBe(false);
      expect((await api(server.url, 'GET', '/api/v1/me', { token: viewer })).status).toBe(401);
      expect((await api(server.url, 'POST', '/api/v1/sessions', { body: { username: 'vera', password: viewerPassword } })).status).toBe(401);
      expect((await api(server.url, 'PATCH', '/api/v1/users/1', { token: admin, body: { role: 'viewer' } })).status).toBe(409);
      expect((await api(server.url, 'DELETE', `/api/v1/users/${id}`, { token: admin })).status).toBe(204);
      expect((await api(server.url, 'GET', `/api/v1/users/${id}`, { token: admin })).status).toBe(404);

      const trail = await api(server.url, 'GET', '/api/v1/audit?user=admin', { token: admin });
      const actions = (trail.body.items ?? []).filter((entry) => entry.target_id === String(id)).map((entry) => entry.action);
      expect(actions.reverse()).toEqual(['user.created', 'user.updated', 'user.updated', 'user.deactivated', 'user.deleted']);
      const users = await api(server.url, 'GET', '/api/v1/users', { token: admin });
      expect(users.body.items?.map((user) => user.username)).toEqual(['admin']);
    });

    test('the password policy of settings.enterprise is enforced rule by rule, and sessions end after session_timeout', async ({ dir, init, panoptic, startServer, api, secrets, database, kind }) => {
      const suite = writeSuite(dir, '    session_timeout: 0.1\n    password_policy:\n      min_length: 10\n      require_symbols: true\n      max_history: 2\n      max_age_days: 30\n');
      const weak = await panoptic(['server', 'init', '--suite', suite], { PANOPTIC_ADMIN_PASSWORD: 'Weak-pass' });
      expect(weak.exitCode).toBe(1);
      expect(weak.stderr).toContain('the admin password does not meet the password policy: password must be at least 10 characters long (min_length)');
      const { password } = await init(['--suite', suite]);
      const server = await startServer(['--suite', suite]);
      const admin = await login(api, server.url, 'admin', password);
      const rules: [string, string][] = [
        ['Sh0rt!', 'at least 10 characters long (min_length)'],
        ['no-upper-case-1', 'an uppercase letter (require_uppercase)'],
        ['NO-LOWER-CASE-1', 'a lowercase letter (require_lowercase)'],
        ['No-Numbers-Here', 'a digit (require_numbers)'],
        ['NoSymbolsHere1', 'a symbol such as !#%&*+-=?@ (require_symbols)'],
      ];
      for (const [candidate, rule] of rules) {
        const refused = await api(server.url, 'POST', '/api/v1/users', { token: admin, body: { username: 'dev', password: candidate, role: 'developer' } });
        expect(refused.status).toBe(400);
        expect(refused.body.problems).toEqual([`password must ${rule.startsWith('at least') ? 'be' : 'contain'} ${rule}`]);
      }
      const first = 'First-pass-01';
      const second = 'Second-pass-02';
      for (const used of [first, second]) secrets.add(used);
      const dev = await api(server.url, 'POST', '/api/v1/users', { token: admin, body: { username: 'dev', password: first, role: 'developer' } });
      const devToken = await login(api, server.url, 'dev', first);
      const change = (to: string, current: string) => api(server.url, 'PATCH', `/api/v1/users/${dev.body.id ?? 0}`, { token: devToken, body: { password: to, current_password: current } });
      expect((await change(second, 'not-my-password')).status).toBe(403);
      expect((await change(second, first)).status).toBe(200);
      const reused = await change(first, second);
      expect(reused.status).toBe(400);
      expect(reused.body.error).toContain('must differ from the last 2 passwords (max_history)');

      if (kind === 'postgres') {
        // A password older than max_age_days: the login asks for a new one and takes it.
        const client = new pg.Client({ connectionString: database.url });
        await client.connect();
        await client.query("UPDATE users SET password_changed_at = now() - interval '31 days' WHERE username = 'dev'");
        await client.end();
        const expired = await api(server.url, 'POST', '/api/v1/sessions', { body: { username: 'dev', password: second } });
        expect(expired.status).toBe(403);
        expect(expired.body.error).toContain('older than 30 days (max_age_days)');
        const third = 'Third-pass-03';
        secrets.add(third);
        expect((await api(server.url, 'POST', '/api/v1/sessions', { body: { username: 'dev', password: second, new_password: third } })).status).toBe(201);
        await login(api, server.url, 'dev', third);
      }

      // session_timeout: 0.1 minutes; the session works, then the same token is refused.
      const before = Date.now();
      const session = await api(server.url, 'POST', '/api/v1/sessions', { body: { username: 'admin', password } });
      const expiresAt = Date.parse(String(session.body.expires_at));
      expect(expiresAt).toBeGreaterThanOrEqual(before + 6_000);
      expect(expiresAt).toBeLessThanOrEqual(Date.now() + 6_000);
      const token = session.body.token ?? '';
      expect((await api(server.url, 'GET', '/api/v1/me', { token })).status).toBe(200);
      await expect.poll(async () => (await api(server.url, 'GET', '/api/v1/me', { token })).status, { timeout: 30_000, intervals: [500] }).toBe(401);
    });
  });
}

test.describe('two servers on one PostgreSQL', () => {
  test.use({ kind: 'postgres', migrated: false });

  test('start together, migrate once, and serve the same users', async ({ panoptic, startServer, api, secrets }) => {
    const [a, b] = await Promise.all([startServer(), startServer()]);
    const outputs = [a.output(), b.output()];
    expect(outputs.filter((output) => output.includes('applied migrations 001_initial'))).toHaveLength(1);
    expect(outputs.filter((output) => output.includes('schema up to date'))).toHaveLength(1);

    // The first admin's password can come from the environment instead of being generated.
    const password = 'Given-admin-pass-1';
    secrets.add(password);
    const init = await panoptic(['server', 'init'], { PANOPTIC_ADMIN_PASSWORD: password });
    expect(init.stdout).toContain('Admin password: the one given in PANOPTIC_ADMIN_PASSWORD.');
    expect(init.output).not.toContain(password);
    const admin = await login(api, a.url, 'admin', password);
    const shared = 'Shared-pass-99';
    secrets.add(shared);
    expect((await api(a.url, 'POST', '/api/v1/users', { token: admin, body: { username: 'dana', password: shared, role: 'developer' } })).status).toBe(201);
    const token = await login(api, b.url, 'dana', shared);
    expect((await api(a.url, 'GET', '/api/v1/me', { token })).body).toMatchObject({ username: 'dana', role: 'developer' });
  });
});
