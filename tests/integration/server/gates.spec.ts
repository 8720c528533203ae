import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunPublish } from '@panoptic/model/run-publish';
import { writeProject } from '../../helpers/inline.js';
import { runCli } from '../../helpers/reporter.js';
import { test, expect, KINDS, addUser, login, writeSuite, type Api } from './fixtures.js';

// Quality gates on the server, per database kind: a manager sets a project's gates, a viewer reads
// them and is refused setting them, each change is audited; a complete run is judged against the
// previous finished run of its branch and keeps its verdicts with the numbers; a sharded run is
// judged once, when its last shard comes in; a failed gate or new failure sends one signed
// Slack-compatible message to a real receiver. Then a reporter run fails on the server's gate.

type Test = RunPublish['tests'][number];

const testOf = (title: string, outcome: Test['outcome']): Test => ({
  key: `chromium › shop.spec.ts › ${title}`, title, title_path: [title], project: 'chromium', file: 'shop.spec.ts', line: 1, outcome, duration_ms: 10,
  attempts: [{ retry: 0, status: outcome === 'unexpected' ? 'failed' : 'passed', duration_ms: 10, start_time: '2026-12-01T10:00:00Z' }], artifacts: [],
});

const run = (runId: string, started: string, shard: RunPublish['shard'], tests: Test[]): RunPublish => ({
  version: 1, run_id: runId, shard, status: tests.some((t) => t.outcome === 'unexpected') ? 'failed' : 'passed', started_at: started, duration_ms: 4000, branch: 'main', tests,
});

const publish = (api: Api, url: string, token: string, body: RunPublish) => api(url, 'PUT', `/api/v1/projects/shop/runs/${body.run_id}`, { token, body });

/** A chat webhook on loopback that keeps what it is sent. */
async function startReceiver(): Promise<{ url: string; received: { signature: string; body: string }[]; close: () => void }> {
  const received: { signature: string; body: string }[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    request.on('end', () => received.push({ signature: String(request.headers['panoptic-signature']), body }) && response.end('ok'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T0/B0/x`, received, close: () => server.close() };
}

for (const kind of KINDS) {
  test.describe(kind, () => {
    test.use({ kind });
    test('gates set by a manager, refused to a viewer; a complete run is judged once and a failed gate is sent to Slack', async ({ dir, init, startServer, api, secrets }) => {
      const slack = await startReceiver();
      const signing = `slack-${crypto.randomBytes(8).toString('hex')}`;
      secrets.add(signing);
      const suite = writeSuite(dir, '    integration:\n      slack:\n        url_env: SLACK_URL\n        secret_env: SLACK_SECRET\n');
      const { password } = await init(['--suite', suite]);
      const { url } = await startServer(['--suite', suite], { SLACK_URL: slack.url, SLACK_SECRET: signing });
      const admin = await login(api, url, 'admin', password);
      const mia = await addUser(api, url, admin, secrets, 'mia', 'manager');
      const vera = await addUser(api, url, admin, secrets, 'vera', 'viewer');
      await api(url, 'POST', '/api/v1/projects', { token: admin, body: { name: 'shop', member_ids: [mia.id, vera.id] } });
      const path = '/api/v1/projects/shop/gates';

      expect((await api(url, 'GET', path, { token: vera.token })).body).toEqual({ project: 'shop', gates: { min_pass_rate: null, max_new_failures: null, max_flaky_rate: null, max_duration: null }, updated_by: null, updated_at: null });
      expect(await api(url, 'PUT', path, { token: vera.token, body: { min_pass_rate: 90 } })).toEqual({ status: 403, body: { error: 'the viewer role lacks the permission gates:manage' } });
      const bad = await api(url, 'PUT', path, { token: mia.token, body: { min_pass_rate: 120 } });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toContain('min_pass_rate');
      const set = await api(url, 'PUT', path, { token: mia.token, body: { min_pass_rate: 90, max_new_failures: 0, max_duration: '15m' } });
      expect(set.status, JSON.stringify(set.body)).toBe(200);
      expect(set.body).toMatchObject({ gates: { min_pass_rate: 90, max_new_failures: 0, max_flaky_rate: null, max_duration: 900 }, updated_by: 'mia' });
      expect((await api(url, 'GET', path, { token: vera.token })).body.gates).toEqual(set.body.gates);
      const audited = (await api(url, 'GET', '/api/v1/audit?action=project.gates_updated', { token: admin })).body.items ?? [];
      expect(audited).toMatchObject([{ actor_name: 'mia', details: { project: 'shop', after: { min_pass_rate: 90, max_duration: 900 } } }]);

      // A first run that passes: judged, passed, nothing to notify.
      const first = await publish(api, url, admin, run('r1', '2026-12-01T09:00:00Z', null, [testOf('cart', 'expected'), testOf('checkout', 'expected')]));
      expect(first.body).toMatchObject({ complete: true, gates: { passed: true, newFailures: [], previousRun: null } });

      // Two shards: nothing is judged until the last one is in; then the run misses two gates.
      const shard1 = await publish(api, url, admin, run('r2', '2026-12-01T10:00:00Z', { current: 1, total: 2 }, [testOf('cart', 'expected')]));
      expect(shard1.body).toMatchObject({ complete: false, gates: null });
      const shard2 = run('r2', '2026-12-01T10:00:01Z', { current: 2, total: 2 }, [testOf('checkout', 'unexpected')]);
      const last = await publish(api, url, admin, shard2);
      const checkout = 'chromium › shop.spec.ts › checkout';
      expect(last.body).toMatchObject({
        complete: true,
        gates: {
          passed: false,
          newFailures: [checkout],
          previousRun: '2026-12-01T09:00:00.000Z',
          gates: [
            { gate: 'min_pass_rate', passed: false, actual: 50, limit: 90, unit: '%', message: 'min_pass_rate: 50.0% < 90%' },
            { gate: 'max_new_failures', passed: false, actual: 1, limit: 0, message: 'max_new_failures: 1 > 0' },
            { gate: 'max_duration', passed: true, limit: 900 },
          ],
        },
      });
      // Stored with the run: the runs routes show the same verdicts.
      expect((await api(url, 'GET', '/api/v1/projects/shop/runs/r2', { token: vera.token })).body.run).toMatchObject({ gates: last.body.gates as object });

      await expect.poll(() => slack.received.length, { timeout: 10_000 }).toBe(1);
      const [message] = slack.received;
      const body = JSON.parse(message!.body) as { text: string; blocks: { text?: { text: string } }[] };
      expect(body.text).toBe('shop: quality gates failed (min_pass_rate, max_new_failures)');
      const blocks = body.blocks.map((block) => block.text?.text ?? '').join('\n');
      expect(blocks).toContain('• quality gate min_pass_rate: 50.0% &lt; 90%');
      expect(blocks).toContain(`*New failures* (not failing in the run of 2026-12-01T09:00:00.000Z):\n• ${checkout}`);
      const [, time, mac] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(message!.signature) ?? [];
      expect(mac).toBe(crypto.createHmac('sha256', signing).update(`${time}.${message!.body}`).digest('hex'));

      // The last shard sent again: judged again, not notified again.
      expect((await publish(api, url, admin, shard2)).body).toMatchObject({ gates: { passed: false } });
      const deliveries = (await api(url, 'GET', '/api/v1/webhooks/deliveries?event_type=notify.slack', { token: admin })).body;
      expect(deliveries.total).toBe(1);
      slack.close();
    });
  });
}

const config = `
import { defineConfig } from '@playwright/test';
export default defineConfig({ retries: 1, reporter: [['list'], ['@panoptic/reporter', { server: { url: process.env.SERVER_URL, project: 'shop' } }]] });
`;
const spec = `
import { test, expect } from '@playwright/test';
test('login', () => {});
test('search', ({}, testInfo) => { expect(testInfo.retry, 'fails once').toBe(1); });
`;

test.describe('reporter', () => {
  // PostgreSQL: a copy of its template costs about half the CPU of PGlite's (the server side is covered on both above).
  test.use({ kind: 'postgres' });
  test('a run that passes locally fails on a gate of the server it publishes to, naming the gate and the server', async ({ init, startServer, api }) => {
    const { password } = await init();
    const server = await startServer();
    const admin = await login(api, server.url, 'admin', password);
    const shop = (await api(server.url, 'POST', '/api/v1/projects', { token: admin, body: { name: 'shop' } })).body.id ?? 0;
    const key = String((await api(server.url, 'POST', '/api/v1/api-keys', { token: admin, body: { name: 'ci', permissions: ['runs:write'], scopes: [shop] } })).body.key);
    expect((await api(server.url, 'PUT', '/api/v1/projects/shop/gates', { token: admin, body: { max_flaky_rate: 10 } })).status).toBe(200);

    const dir = writeProject({ 'playwright.config.ts': config, 'g.spec.ts': spec });
    const result = await runCli(dir, ['test'], { SERVER_URL: server.url, PANOPTIC_API_KEY: key });
    expect(result.output).toContain('1 flaky');
    expect(result.exitCode, result.output).toBe(1);
    expect(result.stderr).toContain(`[panoptic-reporter] quality gate on the server ${server.url} (project shop) max_flaky_rate: 50.0% > 10%`);
  });
});
