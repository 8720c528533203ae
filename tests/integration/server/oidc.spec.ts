import crypto from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import pg from 'pg';
import { runPanoptic } from '../../helpers/inline.js';
import { startOidcProvider } from '../../helpers/oidc-provider.js';
import { freePort } from '../../helpers/storage-servers.js';
import { test, expect, KINDS, login, writeSuite, type ApiBody } from './fixtures.js';

// Sign-in with OpenID Connect (auth_method sso) against a real provider run in the test process, and
// idle sessions, on the real server (PGlite and PostgreSQL). The browser's part is played by an HTTP
// client that follows redirects and keeps cookies: the provider's login form is posted as a browser would.

const CLIENT_SECRET = 'oidc-client-secret-4711';
const SECRET_VARIABLE = 'PANOPTIC_TEST_OIDC_SECRET';

type Query = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

/** Runs `work` on the test's database directly (PGlite's folder or PostgreSQL), while no server holds it. */
async function withSql<T>(kind: string, database: { args: string[]; url?: string }, work: (query: Query) => Promise<T>): Promise<T> {
  if (kind === 'postgres') {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return await work(async (sql, params) => (await client.query(sql, params)).rows as Record<string, unknown>[]);
    } finally {
      await client.end();
    }
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create(database.args[1]);
  try {
    return await work(async (sql, params) => (await db.query<Record<string, unknown>>(sql, params)).rows);
  } finally {
    await db.close();
  }
}

/** Sessions are stored by the SHA-256 of their token. */
function digest(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** Runs the authorization code flow as `user`; `tamper` may change the request sent to the provider. */
async function signIn(request: APIRequestContext, server: string, issuer: string, user: string, tamper?: (url: URL) => void): Promise<{ status: number; body: ApiBody }> {
  const start = await request.get(`${server}/api/v1/auth/oidc/login`, { maxRedirects: 0 });
  expect(start.status(), await start.text()).toBe(302);
  const toProvider = new URL(start.headers().location ?? '');
  expect(toProvider.origin).toBe(issuer);
  expect(toProvider.searchParams.get('code_challenge_method')).toBe('S256');
  tamper?.(toProvider);
  let done = await request.get(toProvider.href);
  // A browser still signed in at the provider goes straight back to the callback; otherwise it logs in.
  const uid = /^\/interaction\/([^/?#]+)/.exec(new URL(done.url()).pathname)?.[1];
  if (uid) done = await request.post(`${issuer}/interaction/${uid}`, { form: { prompt: 'login', login: user, password: 'any' } });
  expect(new URL(done.url()).pathname, await done.text()).toBe('/api/v1/auth/oidc/callback');
  return { status: done.status(), body: (await done.json()) as ApiBody };
}

for (const kind of KINDS) {
  test.describe(kind, () => {
    test.use({ kind });

    test('OpenID Connect: a first sign-in provisions a user with default_role, the next finds it; tampered state or nonce, password logins of non-admins and deactivated users are refused and audited', async ({ dir, init, startServer, api, secrets, playwright }) => {
      const port = await freePort();
      const redirect = `http://127.0.0.1:${port}/api/v1/auth/oidc/callback`;
      const provider = await startOidcProvider({ redirectUri: redirect, clientSecret: CLIENT_SECRET });
      try {
        const suite = writeSuite(
          dir,
          ['auth_method: sso', 'default_role: developer', 'integration:', '  sso:', `    issuer: ${provider.issuer}`, `    client_id: ${provider.clientId}`, `    client_secret_env: ${SECRET_VARIABLE}`, `    redirect_url: ${redirect}`]
            .map((line) => `    ${line}\n`)
            .join(''),
        );
        secrets.add(CLIENT_SECRET);
        const { password } = await init();
        const server = await startServer(['--suite', suite, '--port', String(port)], { [SECRET_VARIABLE]: CLIENT_SECRET });

        const browser = await playwright.request.newContext();
        const first = await signIn(browser, server.url, provider.issuer, 'carol');
        expect(first.status, JSON.stringify(first.body)).toBe(200);
        expect(first.body.user).toMatchObject({ username: 'carol', role: 'developer', email: 'carol@example.test', first_name: 'Carol', active: true });
        const me = await api(server.url, 'GET', '/api/v1/me', { token: first.body.token });
        expect(me.body).toMatchObject({ username: 'carol', role: 'developer' });
        const again = await signIn(await playwright.request.newContext(), server.url, provider.issuer, 'carol');
        expect((again.body.user as ApiBody).id).toBe((first.body.user as ApiBody).id);

        const wrongState = await signIn(browser, server.url, provider.issuer, 'carol', (url) => url.searchParams.set('state', 'forged-state'));
        expect(wrongState).toEqual({ status: 401, body: { error: 'OpenID Connect sign-in refused: the state does not match the one this browser started with' } });
        const wrongNonce = await signIn(browser, server.url, provider.issuer, 'carol', (url) => url.searchParams.set('nonce', 'forged-nonce'));
        expect(wrongNonce.status).toBe(401);
        expect(wrongNonce.body.error).toMatch(/^OpenID Connect sign-in refused: .*nonce/);

        // Break-glass: an admin keeps a password login; anyone else is sent to the provider.
        const admin = await login(api, server.url, 'admin', password);
        const davePassword = 'Dave-pass-2024';
        secrets.add(davePassword);
        expect((await api(server.url, 'POST', '/api/v1/users', { token: admin, body: { username: 'dave', password: davePassword, role: 'developer' } })).status).toBe(201);
        const dave = await api(server.url, 'POST', '/api/v1/sessions', { body: { username: 'dave', password: davePassword } });
        expect(dave.status).toBe(403);
        expect(dave.body.error).toContain('this server signs in with OpenID Connect (auth_method sso)');

        const carolId = (first.body.user as ApiBody).id;
        expect((await api(server.url, 'PATCH', `/api/v1/users/${carolId}`, { token: admin, body: { active: false } })).status).toBe(200);
        const deactivated = await signIn(await playwright.request.newContext(), server.url, provider.issuer, 'carol');
        expect(deactivated).toEqual({ status: 403, body: { error: 'OpenID Connect sign-in refused: this user is deactivated on this server; ask an admin' } });

        const audit = async (action: string): Promise<Record<string, unknown>[]> =>
          ((await api(server.url, 'GET', `/api/v1/audit?action=${action}&page_size=20`, { token: admin })).body.items ?? []).map((item) => item.details as Record<string, unknown>);
        expect(await audit('user.created')).toContainEqual({ username: 'carol', role: 'developer', provisioned_by: 'oidc', issuer: provider.issuer });
        expect(await audit('auth.login')).toEqual(
          expect.arrayContaining([{ method: 'oidc', issuer: provider.issuer }, { method: 'password', break_glass: true }]),
        );
        const failures = (await audit('auth.login_failed')).map((details) => String(details.reason));
        expect(failures).toEqual(
          expect.arrayContaining([
            'user deactivated',
            'password login is off (auth_method sso)',
            'OpenID Connect sign-in refused: the state does not match the one this browser started with',
            expect.stringContaining('nonce'),
          ]),
        );
      } finally {
        await provider.stop();
      }
    });

    test('a session ends after session_idle_timeout without use, checked in the database; one in use lives on and its last use is written', async ({ dir, init, startServer, api, kind, database }) => {
      // Time passes in the database, not in the test: last uses are moved back while no server runs,
      // and the next server process (another one, as behind a load balancer) judges them.
      const suite = writeSuite(dir, '    session_idle_timeout: 30\n');
      const { password } = await init();
      const first = await startServer(['--suite', suite]);
      const used = await login(api, first.url, 'admin', password);
      const idle = await login(api, first.url, 'admin', password);
      await first.stop();
      await withSql(kind, database, async (query) => {
        await query("UPDATE sessions SET last_used_at = now() - interval '29 minutes' WHERE token_sha256 = $1", [digest(used)]);
        await query("UPDATE sessions SET last_used_at = now() - interval '31 minutes' WHERE token_sha256 = $1", [digest(idle)]);
      });
      const second = await startServer(['--suite', suite]);
      expect((await api(second.url, 'GET', '/api/v1/me', { token: used })).status).toBe(200);
      expect(await api(second.url, 'GET', '/api/v1/me', { token: idle })).toEqual({ status: 401, body: { error: 'the session is unknown or has expired: log in again' } });
      await second.stop();
      const [row] = await withSql(kind, database, (query) => query("SELECT last_used_at > now() - interval '5 minutes' AS fresh FROM sessions WHERE token_sha256 = $1", [digest(used)]));
      expect(row).toEqual({ fresh: true });
    });
  });
}

test('auth_method ldap is refused at start, saying what to use instead', async ({ dir }) => {
  const suite = writeSuite(dir, '    auth_method: ldap\n    integration:\n      ldap: { url: ldap://directory.example.com }\n');
  // No database is opened before the refusal, so the test needs none.
  const run = await runPanoptic(dir, ['server', 'start', '--suite', suite, '--port', '0']);
  expect(run.exitCode).toBe(1);
  expect(run.stderr).toContain('settings.enterprise.auth_method ldap is not supported by the Panoptic server');
  expect(run.stderr).toContain('Use auth_method sso or oauth2 with integration.sso / integration.oauth2 (OpenID Connect');
});
