import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort } from '../../helpers/storage-servers.js';
import { test, expect, KINDS, addUser, login, writeSuite, type ApiBody } from './fixtures.js';

// Webhooks on a real server per database kind, to real HTTP receivers on loopback: every delivery is
// signed (checked here with node:crypto, as a receiver would), a receiver answering 500 twice gets a
// third attempt, a 400 is not retried, a refused connection is retried then given up, the delivery
// log tells it all to an admin only, an event queued while no server runs is sent at the next start,
// a run's last shard sends run.finished, and two servers on one PostgreSQL send each event once.

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

interface Receiver {
  url: string;
  received: Received[];
  close: () => Promise<void>;
}

/** An HTTP receiver that answers each request with the status `answer` gives for its path and the number of requests to that path so far. */
async function startReceiver(port: number, answer: (path: string, count: number) => number): Promise<Receiver> {
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(answer(path, received.filter((r) => r.path === path).length)).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${bound}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** What a receiver does with Panoptic-Signature (t=<seconds>,v1=<hex>): HMAC-SHA256 of "<t>.<raw body>" with the shared secret, compared in constant time. */
function verifies(secret: string, received: Received): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(received.headers['panoptic-signature']));
  if (!match) return false;
  const expected = crypto.createHmac('sha256', secret).update(`${match[1]}.${received.body}`).digest();
  return crypto.timingSafeEqual(expected, Buffer.from(match[2]!, 'hex'));
}

type Delivery = { url: string; status: string; event_id: string; event_type: string; attempts: number; last_status: number | null; attempt_log: { status: number | null; error: string | null }[] };
const byPath = (body: ApiBody): Record<string, Delivery> => Object.fromEntries((body.items as Delivery[]).map((d) => [new URL(d.url).pathname.slice(1), d]));

for (const kind of KINDS) {
  test.describe(kind, () => {
    test.use({ kind });
    test('audit events are signed and sent; 5xx and refused connections are retried, a 400 is not; the log is an admin\'s; a queued event outlives the server', async ({ dir, init, startServer, api, secrets, panoptic }) => {
      const secret = `hook-${crypto.randomBytes(16).toString('hex')}`;
      secrets.add(secret);
      const hooks = await startReceiver(0, (path, count) => (path === '/bad' ? 400 : path === '/flaky' && count <= 2 ? 500 : 200));
      const laterPort = await freePort();
      const urls = ['ok', 'flaky', 'bad'].map((path) => `${hooks.url}/${path}`).concat(`http://127.0.0.1:${laterPort}/later`);
      const suite = writeSuite(dir, `    integration:\n      webhook:\n        urls: [${urls.join(', ')}]\n        events: ["user.*", "audit.exported", "run.finished"]\n        secret_env: HOOK_SECRET\n        retries: 2\n        retry_delay: 0.05\n        timeout: 5\n`);
      const { password } = await init(['--suite', suite]);
      let server = await startServer(['--suite', suite], { HOOK_SECRET: secret });
      const admin = await login(api, server.url, 'admin', password);
      const wendy = await addUser(api, server.url, admin, secrets, 'wendy', 'viewer');
      const log = async (): Promise<ApiBody> => (await api(server.url, 'GET', '/api/v1/webhooks/deliveries', { token: admin })).body;

      await expect
        .poll(async () => Object.entries(byPath(await log())).map(([path, d]) => `${path}:${d.status}`).sort(), { timeout: 30_000 })
        .toEqual(['bad:failed', 'flaky:delivered', 'later:failed', 'ok:delivered']);
      const deliveries = byPath(await log());
      // One event (user.created; the logins are auth.* and not asked for), one id for all receivers.
      expect(new Set(Object.values(deliveries).map((d) => `${d.event_type} ${d.event_id}`)).size).toBe(1);
      expect(deliveries.ok).toMatchObject({ event_type: 'user.created', attempts: 1, last_status: 200 });
      expect(deliveries.flaky?.attempt_log.map((a) => a.status)).toEqual([500, 500, 200]);
      expect(deliveries.bad).toMatchObject({ attempts: 1, last_status: 400, attempt_log: [{ status: 400, error: 'HTTP 400' }] });
      expect(deliveries.later?.attempt_log.map((a) => a.error)).toEqual(['ECONNREFUSED', 'ECONNREFUSED', 'ECONNREFUSED']);
      expect((await api(server.url, 'GET', '/api/v1/webhooks/deliveries', { token: wendy.token })).status).toBe(403);

      expect(hooks.received.map((r) => r.path)).toEqual(expect.arrayContaining(['/ok', '/flaky', '/flaky', '/flaky', '/bad']));
      expect(hooks.received).toHaveLength(5);
      const flaky = hooks.received.filter((r) => r.path === '/flaky');
      expect(new Set(flaky.map((r) => r.body)).size).toBe(1);
      for (const received of hooks.received) {
        expect(verifies(secret, received), `${received.path} signature`).toBe(true);
        expect(verifies(`${secret}x`, received)).toBe(false);
        expect(received.headers['panoptic-event']).toBe('user.created');
        for (const hidden of secrets) expect(received.body + JSON.stringify(received.headers)).not.toContain(hidden);
      }
      const event = JSON.parse(hooks.received[0]!.body) as Record<string, unknown>;
      expect(event).toMatchObject({ id: deliveries.ok?.event_id, type: 'user.created', data: { action: 'user.created', actor: { name: 'admin' }, target: { type: 'user', id: String(wendy.id) } } });
      expect(Object.keys(event).sort()).toEqual(['data', 'id', 'time', 'type']);

      // Queued by the command line while no server runs, sent by the next server to start, to a receiver that is now up.
      await server.stop();
      const later = await startReceiver(laterPort, () => 200);
      expect((await panoptic(['server', 'audit-export', '--suite', suite, '--out', 'audit.json'])).exitCode).toBe(0);
      server = await startServer(['--suite', suite], { HOOK_SECRET: secret });
      await expect.poll(() => later.received.length, { timeout: 30_000 }).toBe(1);
      expect(verifies(secret, later.received[0]!)).toBe(true);
      expect(JSON.parse(later.received[0]!.body)).toMatchObject({ type: 'audit.exported', data: { action: 'audit.exported' } });

      // A run is finished when its last shard is in: shard 1 of 2 sends nothing, shard 2 sends run.finished (queued before the PUT answers).
      const token = await login(api, server.url, 'admin', password);
      expect((await api(server.url, 'POST', '/api/v1/projects', { token, body: { name: 'shop' } })).status).toBe(201);
      for (const current of [1, 2]) {
        const tests = [{ key: `t${current}`, title: `t${current}`, title_path: [`t${current}`], project: 'chromium', file: 'a.spec.ts', line: 1, outcome: 'expected', duration_ms: 5, attempts: [{ retry: 0, status: 'passed', duration_ms: 5, start_time: '2026-12-06T10:00:00.000Z' }], artifacts: [] }];
        const body = { version: 1, run_id: 'nightly-7', shard: { current, total: 2 }, status: 'passed', started_at: '2026-12-06T10:00:00.000Z', duration_ms: 5000, branch: 'main', tests };
        expect((await api(server.url, 'PUT', '/api/v1/projects/shop/runs/nightly-7', { token, body })).status).toBeLessThan(300);
      }
      expect((await api(server.url, 'GET', '/api/v1/webhooks/deliveries?event_type=run.finished', { token })).body.total).toBe(4);
      await expect.poll(() => later.received.length, { timeout: 30_000 }).toBe(2);
      expect(verifies(secret, later.received[1]!)).toBe(true);
      expect(JSON.parse(later.received[1]!.body)).toMatchObject({
        type: 'run.finished',
        data: { project: { name: 'shop' }, run: { run_id: 'nightly-7', complete: true, shards: { seen: 2, expected: 2 }, counts: { total: 2, expected: 2 } } },
      });
      if (kind === 'postgres') {
        // Two servers on one PostgreSQL, both sending: each of 20 events reaches a receiver once.
        const second = await startServer(['--suite', suite], { HOOK_SECRET: secret });
        const okIds = (): string[] => hooks.received.filter((r) => r.path === '/ok').map((r) => (JSON.parse(r.body) as { id: string }).id);
        const before = okIds().length;
        await Promise.all(Array.from({ length: 20 }, async (_, i) => {
          const userPassword = `Twin-pass-2024-${i}`;
          secrets.add(userPassword);
          const created = await api(i % 2 ? second.url : server.url, 'POST', '/api/v1/users', { token, body: { username: `twin${i}`, password: userPassword } });
          expect(created.status).toBe(201);
        }));
        await expect.poll(async () => (await api(server.url, 'GET', '/api/v1/webhooks/deliveries?status=pending', { token })).body.total, { timeout: 30_000 }).toBe(0);
        expect(okIds().length - before).toBe(20);
        expect(new Set(okIds()).size).toBe(okIds().length);
      }
      await Promise.all([hooks.close(), later.close()]);
    });
  });
}
