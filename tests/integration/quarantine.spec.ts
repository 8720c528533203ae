import fs from 'node:fs';
import path from 'node:path';
import { writeProject } from '../helpers/inline.js';
import { readSummary, runCli } from '../helpers/reporter.js';
import { test, expect, login } from './server/fixtures.js';

// Quarantine on the run's side, against a real server: the reporter fetches the project's list when
// the run begins; a quarantined test still runs and is reported with its annotation, and a run whose
// only failures are quarantined passes. A server that is down means no quarantine, with a warning.
// (A YAML suite's server, from its settings.enterprise, is read the same way: unit test.)

const config = `
import { defineConfig } from '@playwright/test';
export default defineConfig({ reporter: [['list'], ['@panoptic/reporter', { server: { url: process.env.SERVER_URL, project: 'shop' } }]] });
`;
const spec = `
import { test, expect } from '@playwright/test';
test('login', () => {});
test('checkout', () => { expect('payment').toBe('accepted'); });
`;

// PostgreSQL: it starts and serves faster here than embedded PGlite; the server spec covers both.
test.use({ kind: 'postgres' });

test('a run whose only failure is quarantined passes, annotated; a server that is down means no quarantine', async ({ init, startServer, api }) => {
  const { password } = await init();
  const server = await startServer();
  const admin = await login(api, server.url, 'admin', password);
  const shop = (await api(server.url, 'POST', '/api/v1/projects', { token: admin, body: { name: 'shop' } })).body.id ?? 0;
  const key = String((await api(server.url, 'POST', '/api/v1/api-keys', { token: admin, body: { name: 'ci', permissions: ['runs:read', 'runs:write'], scopes: [shop] } })).body.key);
  const expires = new Date(Date.now() + 86_400_000).toISOString();
  const put = await api(server.url, 'PUT', '/api/v1/projects/shop/quarantine', { token: admin, body: { key: 'q.spec.ts › checkout', reason: 'payment sandbox down', expires_at: expires } });
  expect(put.status, JSON.stringify(put.body)).toBe(200);

  const dir = writeProject({ 'playwright.config.ts': config, 'q.spec.ts': spec });
  const env = { SERVER_URL: server.url, PANOPTIC_API_KEY: key };

  const quarantined = await runCli(dir, ['test'], env);
  expect(quarantined.exitCode, quarantined.output).toBe(0);
  expect(quarantined.output).toContain('1 failed');
  expect(quarantined.output).toContain('[panoptic-reporter] quarantine: 1 failed test is quarantined, so the run passes: q.spec.ts › checkout');
  const summary = readSummary(dir);
  const checkout = summary.tests.find((t) => t.key === 'q.spec.ts › checkout')!;
  expect(checkout).toMatchObject({ outcome: 'unexpected', annotations: [{ type: 'quarantined', description: `payment sandbox down (until ${expires})` }] });
  expect(summary.tests.find((t) => t.key === 'q.spec.ts › login')!.annotations ?? []).toEqual([]);
  const applied = JSON.parse(fs.readFileSync(path.join(dir, 'panoptic-results', '.panoptic', 'quarantine.json'), 'utf8')) as { project: string; items: { key: string }[] };
  expect(applied).toMatchObject({ project: 'shop', items: [{ key: 'q.spec.ts › checkout' }] });
  expect(fs.readFileSync(path.join(dir, 'panoptic-results', 'report', 'index.html'), 'utf8')).toContain('payment sandbox down');

  await server.stop();
  const down = await runCli(dir, ['test'], env);
  expect(down.exitCode, down.output).toBe(1);
  expect(down.stderr).toContain(`[panoptic-reporter] warning: quarantine: the list could not be read from ${server.url} (project shop): fetch failed (ECONNREFUSED); no test is quarantined in this run`);
});
