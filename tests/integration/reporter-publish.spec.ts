import fs from 'node:fs';
import path from 'node:path';
import { runPanoptic } from '../helpers/inline.js';
import { runCli } from '../helpers/reporter.js';
import { freePort } from '../helpers/storage-servers.js';
import { test, expect, addUser, login } from './server/fixtures.js';

// The reporter publishes a real `playwright test` run to a running server (PGlite): every test with
// its attempts, the error redacted. With the server down the run ends as it would have, with a
// warning naming the server, and its payload waits in the output folder until
// `panoptic server publish` sends it.

const config = `
import { defineConfig } from '@playwright/test';
export default defineConfig({
  retries: 1,
  reporter: [['list'], ['json'], ['@panoptic/reporter', { server: { url: process.env.SERVER_URL, project: 'shop' } }]],
});
`;

// The first attempt of "settles" quotes the API key in its error: what is stored must not.
const spec = `
import { test, expect } from '@playwright/test';
test('passes', () => {});
test('settles', () => {
  if (test.info().retry === 0) expect(process.env.PANOPTIC_API_KEY, 'first try').toBe('');
});
test.skip('is skipped', () => {});
`;

type Stored = { key: string; outcome: string; error: string | null; category: string | null; attempts: { retry: number; status: string; error?: string; duration_ms: number }[] };

test('the reporter publishes a run with its attempts; with the server down the run is unchanged and is published later', async ({ dir, init, startServer, api, secrets }) => {
  const { password } = await init();
  const server = await startServer();
  const admin = await login(api, server.url, 'admin', password);
  const dev = await addUser(api, server.url, admin, secrets, 'dave', 'developer');
  const shop = (await api(server.url, 'POST', '/api/v1/projects', { token: admin, body: { name: 'shop', member_ids: [dev.id] } })).body.id;
  const key = String((await api(server.url, 'POST', '/api/v1/api-keys', { token: dev.token, body: { name: 'ci', permissions: ['runs:write', 'runs:read'], scopes: [shop] } })).body.key);
  fs.writeFileSync(path.join(dir, 'playwright.config.ts'), config);
  fs.writeFileSync(path.join(dir, 'publish.spec.ts'), spec);
  const env = { PANOPTIC_API_KEY: key, GITHUB_SHA: 'abc123', GITHUB_REF_NAME: 'main' };

  const published = await runCli(dir, ['test'], { ...env, SERVER_URL: server.url, PANOPTIC_RUN_ID: 'local-1' });
  expect(published.exitCode, published.output).toBe(0);
  expect(published.output).toContain(`published run local-1 to ${server.url} (project shop): 3 tests`);
  const run = await api(server.url, 'GET', '/api/v1/projects/shop/runs/local-1', { token: key });
  expect(run.body.run).toMatchObject({ status: 'passed', complete: true, branch: 'main', commit: 'abc123', counts: { total: 3, expected: 1, flaky: 1, skipped: 1, unexpected: 0 } });
  const results = (run.body.results as { items: Stored[] }).items;
  const settles = results.find((r) => r.key === 'publish.spec.ts › settles')!;
  expect(settles).toMatchObject({ outcome: 'flaky', category: 'assertion-mismatch' });
  expect(settles.attempts.map((a) => [a.retry, a.status])).toEqual([[0, 'failed'], [1, 'passed']]);
  expect(settles.attempts[0]!.error).toContain('first try');
  expect(settles.attempts[0]!.error).toContain('<redacted>');
  expect(JSON.stringify(run.body)).not.toContain(key);

  // A server that is down (nothing listens on its port): the run's exit code is the same, a warning
  // names the server, the payload is kept.
  const downUrl = `http://127.0.0.1:${await freePort()}`;
  const offline = await runCli(dir, ['test'], { ...env, SERVER_URL: downUrl, PANOPTIC_RUN_ID: 'local-2' });
  expect(offline.exitCode, offline.output).toBe(0);
  expect(offline.stderr).toMatch(new RegExp(`\\[panoptic-reporter\\] warning: could not publish the run to the server ${downUrl.replace(/[.]/g, '\\.')}: fetch failed \\(ECONNREFUSED\\); the run is saved in panoptic-results/\\.panoptic/publish/local-2\\.json`));
  const saved = path.join(dir, 'panoptic-results', '.panoptic', 'publish', 'local-2.json');
  expect(fs.existsSync(saved)).toBe(true);
  expect(fs.readFileSync(saved, 'utf8')).not.toContain(key);

  const later = await runPanoptic(dir, ['server', 'publish', 'panoptic-results', '--url', server.url, '--project', 'shop'], { PANOPTIC_API_KEY: key });
  expect(later.exitCode, later.output).toBe(0);
  expect(later.stdout).toContain(`Published run local-2 (3 tests) from .panoptic/publish/local-2.json to ${server.url} project shop: passed`);
  expect(fs.existsSync(saved)).toBe(false);
  const runs = await api(server.url, 'GET', '/api/v1/projects/shop/runs', { token: key });
  expect(runs.body.items?.map((r) => r.run_id).sort()).toEqual(['local-1', 'local-2']);
  const history = await api(server.url, 'GET', `/api/v1/projects/shop/tests/history?key=${encodeURIComponent('publish.spec.ts › settles')}`, { token: key });
  expect(history.body.items?.map((r) => r.outcome)).toEqual(['flaky', 'flaky']);
});
