import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { aggregate } from '@panoptic/reporter';
// Internal modules of the reporter: imported directly.
import { RunQuarantine } from '../../../packages/reporter/dist/quarantine.js';
import { RunGates } from '../../../packages/reporter/dist/gates.js';
import { fakeTest } from './fake-test.js';

const RUN = { status: 'failed' as const, startTime: new Date(0), durationMs: 10, playwrightVersion: '1.65.1', workers: 1, shard: null, errors: [] };
const QUARANTINED = { annotations: [{ type: 'quarantined', description: 'known outage (until 2027-01-01T00:00:00.000Z)' }] };

test('a failed run passes only when every failed test is quarantined and nothing else went wrong', () => {
  // No server configured: nothing is fetched; the verdict reads the annotations only.
  const quarantine = new RunQuarantine(false, [], '.', () => {});
  const ok = fakeTest('ok', 'expected', 1);
  const known = fakeTest('known', 'unexpected', 1, QUARANTINED);
  const other = fakeTest('other', 'unexpected', 1);
  expect(quarantine.conclude(aggregate([ok, known], RUN), 'failed')).toBe('passed');
  expect(quarantine.conclude(aggregate([ok, known, other], RUN), 'failed')).toBe('failed');
  // An error outside the tests, an interrupted run or a timed-out one is never forgiven.
  expect(quarantine.conclude(aggregate([known], { ...RUN, errors: [{ message: 'global setup failed', kind: 'unknown', confidence: 0 }] }), 'failed')).toBe('failed');
  expect(quarantine.conclude(aggregate([known], RUN), 'timedout')).toBe('timedout');
  expect(quarantine.conclude(aggregate([ok], { ...RUN, status: 'passed' }), 'passed')).toBe('passed');
  expect(quarantine.conclude(undefined, 'failed')).toBe('failed');
});

test('a quarantined failure is not a new failure for the quality gates', async () => {
  const tests = [fakeTest('known', 'unexpected', 1, QUARANTINED), fakeTest('other', 'unexpected', 1)];
  const gates = new RunGates({ max_new_failures: 0 }, [], () => {});
  expect(await gates.evaluate(aggregate(tests, RUN), tests, undefined)).toMatchObject({ passed: false, newFailures: ['p › a.spec.ts › other'] });
});

test("a YAML suite's quarantine list comes from its settings.enterprise server, for the project named as the suite, with the key from api_key_env", async () => {
  const requests: { url: string; authorization: string | undefined }[] = [];
  const server = http.createServer((request, response) => {
    requests.push({ url: request.url ?? '', authorization: request.headers.authorization });
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ project: 'shop', items: [{ key: 'home › suite.spec.ts › shop › home', reason: 'outage', expires_at: '2030-01-01T00:00:00.000Z' }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-quarantine-'));
  try {
    const suite = path.join(dir, 'suite.yaml');
    fs.writeFileSync(suite, ['name: shop', 'apps:', '  - { name: home, type: web, url: "https://example.com" }', 'settings:', `  enterprise: { server_url: "${url}", api_key_env: SHOP_KEY }`, ''].join('\n'));
    const warnings: string[] = [];
    const quarantine = new RunQuarantine(undefined, [{ file: suite, name: 'shop' }], dir, (m) => warnings.push(m), { SHOP_KEY: 'pk_1_secret' });
    const home = fakeTest('home', 'unexpected', 1, { project: 'home', file: 'suite.spec.ts', titlePath: ['shop', 'home'] });
    await quarantine.annotate([home]);
    expect(warnings).toEqual([]);
    expect(requests).toEqual([{ url: '/api/v1/projects/shop/quarantine', authorization: 'Bearer pk_1_secret' }]);
    expect(home.annotations).toEqual([{ type: 'quarantined', description: 'outage (until 2030-01-01T00:00:00.000Z)' }]);
    expect(JSON.parse(fs.readFileSync(path.join(dir, '.panoptic', 'quarantine.json'), 'utf8'))).toMatchObject({ server: url, project: 'shop' });
  } finally {
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
