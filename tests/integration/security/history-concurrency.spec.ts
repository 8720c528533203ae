import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import os from 'node:os';
import { cloudOptionsFromSettings, createProvider, updateObject, type StorageProvider } from '@panoptic/cloud';
import { writeProject } from '../../helpers/inline.js';
import { runCli } from '../../helpers/reporter.js';
import { startAzurite, type AzuriteHandle } from '../../helpers/storage-servers.js';

// history.json is read, appended to and written back by every run's reporter. Runs that finish at
// the same moment (CI jobs sharing a folder, parallel pipelines sharing a store) must each leave
// their run in it: none may overwrite another's with the history it read before.

const RUNS = 8;

// Every run's only test waits until all runs have reached it, so that their reporters end together.
const SPEC = `
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { test } from '@playwright/test';
test('meets the other runs', async () => {
  test.setTimeout(150_000);
  const barrier = process.env.BARRIER;
  fs.writeFileSync(path.join(barrier, String(process.pid)), '');
  while (fs.readdirSync(barrier).length < ${RUNS}) await new Promise((resolve) => setTimeout(resolve, 25));
});
`;

function config(reporterOptions: string): string {
  return `
import { defineConfig } from '@playwright/test';
export default defineConfig({ workers: 1, reporter: [['@panoptic/reporter', ${reporterOptions}]] });
`;
}

/** Starts RUNS runs of `playwright test` in `dir` at once; each gets its own test-results folder. */
async function runTogether(dir: string, env: (i: number) => NodeJS.ProcessEnv = () => ({})): Promise<void> {
  const barrier = path.join(dir, 'barrier');
  fs.mkdirSync(barrier);
  const runs = await Promise.all(
    Array.from({ length: RUNS }, (_, i) => runCli(dir, ['test', `--output=test-results-${i}`], { BARRIER: barrier, PANOPTIC_RUN_ID: `run-${i}`, ...env(i) })),
  );
  for (const run of runs) {
    expect(run.exitCode, run.output).toBe(0);
    expect(run.stderr).not.toContain('[panoptic-reporter] warning');
  }
}

/** RUNS writers appending a line each to one object at the same moment; every line must be kept. */
async function concurrentAppends(provider: StorageProvider, key: string): Promise<string[]> {
  await Promise.all(
    Array.from({ length: RUNS }, (_, i) =>
      updateObject(provider, key, (current) => Buffer.from(`${current?.toString('utf8') ?? ''}writer-${i}\n`), { contentType: 'text/plain', backoffMs: 5 }),
    ),
  );
  return (await provider.get(key)).toString('utf8').trim().split('\n').sort();
}

const EXPECTED_LINES = Array.from({ length: RUNS }, (_, i) => `writer-${i}`).sort();

test(`updateObject: ${RUNS} writers at once on a local store keep all ${RUNS} changes (a lock and the content's MD5 as ETag)`, async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-update-'));
  const provider = await createProvider(cloudOptionsFromSettings({ provider: 'local', bucket: folder }, {}, folder));
  expect(await concurrentAppends(provider, 'panoptic/default/history.json')).toEqual(EXPECTED_LINES);
});

/**
 * A test double of S3's conditional writes (If-Match / If-None-Match on PUT, 412 PreconditionFailed),
 * which no S3 server installable here implements: s3rver ignores both headers on PUT. Path-style,
 * one bucket, objects in memory; signatures are not checked.
 */
async function startConditionalS3Double(): Promise<{ endpoint: string; close: () => Promise<void> }> {
  const objects = new Map<string, { body: Buffer; etag: string; type: string }>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const key = decodeURIComponent(new URL(request.url ?? '/', 'http://double').pathname);
      const stored = objects.get(key);
      const refuse = () => {
        response.writeHead(412, { 'content-type': 'application/xml' });
        response.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you specified did not hold</Message></Error>');
      };
      if (request.method === 'PUT') {
        const ifMatch = request.headers['if-match'];
        const ifNoneMatch = request.headers['if-none-match'];
        if ((ifNoneMatch === '*' && stored) || (ifMatch !== undefined && stored?.etag !== ifMatch)) return refuse();
        const body = Buffer.concat(chunks);
        const etag = `"${createHash('md5').update(body).digest('hex')}"`;
        objects.set(key, { body, etag, type: request.headers['content-type'] ?? 'application/octet-stream' });
        response.writeHead(200, { etag });
        return response.end();
      }
      if (!stored) {
        response.writeHead(404, { 'content-type': 'application/xml' });
        return response.end(request.method === 'HEAD' ? undefined : '<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>');
      }
      response.writeHead(200, { etag: stored.etag, 'content-type': stored.type, 'content-length': stored.body.length, 'last-modified': new Date().toUTCString() });
      response.end(request.method === 'HEAD' ? undefined : stored.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

test(`updateObject: ${RUNS} writers at once on S3 send If-Match / If-None-Match and keep all ${RUNS} changes (against a test double of S3's conditional writes)`, async () => {
  const double = await startConditionalS3Double();
  try {
    const provider = await createProvider(
      cloudOptionsFromSettings({ provider: 'aws', bucket: 'history', endpoint: double.endpoint, region: 'us-east-1', access_key: 'test', secret_key: 'double' }, {}),
    );
    expect(await concurrentAppends(provider, 'panoptic/default/history.json')).toEqual(EXPECTED_LINES);
  } finally {
    await double.close();
  }
});

test(`${RUNS} reporters finishing at once into one output folder leave ${RUNS} runs in its history.json`, async () => {
  test.setTimeout(300_000);
  const dir = writeProject({ 'playwright.config.ts': config('{}'), 'a.spec.ts': SPEC });
  await runTogether(dir);
  const history = JSON.parse(fs.readFileSync(path.join(dir, 'panoptic-results', 'history.json'), 'utf8')) as { runs: unknown[] };
  expect(history.runs).toHaveLength(RUNS);
  // Nothing half-written or left over beside it.
  expect(fs.readdirSync(path.join(dir, 'panoptic-results')).filter((name) => name.startsWith('history.json'))).toEqual(['history.json']);
});

test.describe('a shared Azure store (Azurite)', () => {
  let azurite: AzuriteHandle;
  test.beforeAll(async () => {
    azurite = await startAzurite('history');
  });
  test.afterAll(async () => {
    await azurite?.stop();
  });

  test(`updateObject: ${RUNS} writers at once keep all ${RUNS} changes (If-Match / If-None-Match on the blob's ETag)`, async () => {
    const provider = await createProvider(
      cloudOptionsFromSettings({ provider: 'azure', bucket: azurite.container }, { AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString() }),
    );
    expect(await concurrentAppends(provider, 'appends/lines.txt')).toEqual(EXPECTED_LINES);
  });

  test(`${RUNS} reporters on "different machines" (own output folders) finishing at once leave ${RUNS} runs in the store's history.json`, async () => {
    test.setTimeout(300_000);
    const cloud = { provider: 'azure', bucket: azurite.container };
    const options = `{ outputDir: process.env.OUT, cloud: ${JSON.stringify(cloud)} }`;
    const dir = writeProject({ 'playwright.config.ts': config(options), 'a.spec.ts': SPEC });
    await runTogether(dir, (i) => ({ OUT: `machine-${i}`, AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString() }));
    const provider = await createProvider(cloudOptionsFromSettings(cloud, { AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString() }));
    const history = JSON.parse((await provider.get('panoptic/default/history.json')).toString('utf8')) as { runs: unknown[] };
    expect(history.runs).toHaveLength(RUNS);
  });
});
