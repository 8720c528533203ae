import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { cloudOptionsFromSettings, createProvider, uploadFiles, type CloudOptions, type StorageProvider } from '@panoptic/cloud';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';
import { startAzurite, startS3rver, type AzuriteHandle, type S3rverHandle } from '../helpers/storage-servers.js';

// Uploads against real servers that fail: stopped mid-batch, and behind a proxy that resets,
// stalls or answers 503. The SDKs' own retries are off, so every attempt counted here is one of
// Panoptic's, and the proxy's counters show each one reached the wire.
//
// Laxer than the services: s3rver checks only that the access key id exists, never the signature,
// so "wrong credentials" on s3rver is an unknown access key id (on S3 a wrong secret fails the same
// way, 403). Azurite checks SharedKey signatures as Azure does.

type Handle = S3rverHandle | AzuriteHandle;

interface Backend {
  start(): Promise<Handle>;
  /** Options for the server reached at `url` (the server itself or a proxy in front of it). */
  options(server: Handle, url: string, settings?: Record<string, unknown>, credentials?: 'wrong'): CloudOptions;
}

const BACKENDS: Record<string, Backend> = {
  s3rver: {
    start: () => startS3rver(),
    options: (server, url, settings = {}, credentials) => {
      const s3 = server as S3rverHandle;
      const access = credentials === 'wrong' ? 'NOT-A-KNOWN-KEY-ID' : s3.accessKey;
      return cloudOptionsFromSettings({ provider: 's3', bucket: s3.bucket, endpoint: url, access_key: access, secret_key: s3.secretKey, ...settings }, {});
    },
  },
  azurite: {
    start: () => startAzurite(),
    options: (server, url, settings = {}, credentials) => {
      const azure = server as AzuriteHandle;
      let connectionString = azure.connectionString(`${url}/${azure.accountName}`);
      if (credentials === 'wrong') connectionString = connectionString.replace(azure.accountKey, randomBytes(64).toString('base64'));
      return cloudOptionsFromSettings({ provider: 'azure', bucket: azure.container, ...settings }, { AZURE_STORAGE_CONNECTION_STRING: connectionString });
    },
  },
};

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

for (const [name, backend] of Object.entries(BACKENDS)) {
  test.describe(`uploads to ${name} under faults`, () => {
    test.describe.configure({ mode: 'default' });

    let server: Handle;
    let work: string;
    let proxy: FaultProxy | undefined;

    test.beforeAll(async () => {
      server = await backend.start();
      work = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-faults-'));
    });
    test.afterAll(async () => {
      await server?.stop();
      if (work) fs.rmSync(work, { recursive: true, force: true });
    });
    test.afterEach(async () => {
      await proxy?.close();
      proxy = undefined;
    });

    function file(name: string, bytes: number): { file: string; data: Buffer } {
      const data = randomBytes(bytes);
      const target = path.join(work, name);
      fs.writeFileSync(target, data);
      return { file: target, data };
    }

    async function viaProxy(settings: Record<string, unknown>, credentials?: 'wrong'): Promise<{ provider: StorageProvider; options: CloudOptions; proxy: FaultProxy }> {
      proxy = await startFaultProxy({ port: server.port });
      const options = backend.options(server, proxy.url, settings, credentials);
      return { provider: await createProvider(options), options, proxy };
    }

    test('a server stopped in the middle of a batch: the rest fail with their cause, files stay, a second upload finishes the job', async () => {
      const items = Array.from({ length: 12 }, (_, i) => {
        const { file: target } = file(`batch-${i}.bin`, 200_000);
        return { file: target, key: `panoptic/faults/outage/all/batch-${i}.bin` };
      });
      const hashes = items.map((item) => sha256(fs.readFileSync(item.file)));
      const options = backend.options(server, server.endpoint.replace(/\/devstoreaccount1$/, ''), {
        parallel_uploads: 2,
        retry_attempts: 2,
        retry_backoff_ms: 50,
        request_timeout_ms: 5_000,
      });
      const provider = await createProvider(options);

      let outage: Promise<void> | undefined;
      const results = await uploadFiles(provider, items, options.transfer, (progress) => {
        if (progress.done === 4) outage ??= server.kill();
      });
      await outage;

      const failed = results.filter((r) => r.status === 'failed');
      const uploaded = results.filter((r) => r.status === 'uploaded');
      expect(uploaded.length).toBeGreaterThanOrEqual(4);
      expect(failed.length).toBeGreaterThan(0);
      expect(failed.length + uploaded.length).toBe(items.length);
      for (const result of failed) {
        // Connection refused (or reset while the server went down) is retryable: every attempt was used.
        expect(result.attempts).toBe(3);
        expect(result.error).toContain(result.file);
        expect(result.error).toContain(JSON.stringify(result.key));
        expect(result.error).toContain('after 3 attempts');
        expect(result.error).toMatch(/ECONNREFUSED|ECONNRESET|socket hang up/);
      }
      // Nothing local was touched.
      expect(items.map((item) => sha256(fs.readFileSync(item.file)))).toEqual(hashes);

      await server.restart();
      const again = await uploadFiles(provider, failed.map(({ file: f, key }) => ({ file: f, key })), options.transfer);
      expect(again.map((r) => [r.key, r.status, r.error])).toEqual(failed.map((r) => [r.key, 'uploaded', undefined]));
      const stored: string[] = [];
      for await (const info of provider.list('panoptic/faults/outage/')) stored.push(info.key);
      expect(stored.sort()).toEqual(items.map((i) => i.key).sort());
      for (const [i, item] of items.entries()) expect(sha256(await provider.get(item.key)), item.key).toBe(hashes[i]);
    });

    test('connections reset on the first attempts: retried, and the attempts counted', async () => {
      const { provider, options, proxy } = await viaProxy({ parallel_uploads: 1, retry_attempts: 3, retry_backoff_ms: 10 });
      // The first before a byte reaches the server, the second halfway through the body.
      proxy.queue({ kind: 'reset' }, { kind: 'reset', afterBytes: 100_000 });
      const { file: target, data } = file('reset.bin', 200_000);
      const [result] = await uploadFiles(provider, [{ file: target, key: 'panoptic/faults/reset/all/reset.bin' }], options.transfer);
      expect(result).toMatchObject({ status: 'uploaded', attempts: 3 });
      expect(proxy.counters.reset).toBe(2);
      expect(sha256(await provider.get('panoptic/faults/reset/all/reset.bin'))).toBe(sha256(data));
    });

    test('503 answers: retried until the server answers, or reported with the status once attempts run out', async () => {
      const { provider, options, proxy } = await viaProxy({ parallel_uploads: 1, retry_attempts: 2, retry_backoff_ms: 10 });
      const { file: target } = file('busy.json', 20_000);

      proxy.queue({ kind: 'http503' }, { kind: 'http503' });
      const [recovered] = await uploadFiles(provider, [{ file: target, key: 'panoptic/faults/busy/all/a.json' }], options.transfer);
      // Two 503s cost exactly two attempts: no hidden SDK retry swallowed them.
      expect(recovered).toMatchObject({ status: 'uploaded', attempts: 3 });
      expect(proxy.counters.http503).toBe(2);

      proxy.resetCounters();
      proxy.always({ kind: 'http503' });
      // Kept-alive connections passed; close them so the next request meets the standing fault.
      await proxy.dropConnections();
      const [failed] = await uploadFiles(provider, [{ file: target, key: 'panoptic/faults/busy/all/b.json' }], options.transfer);
      expect(failed).toMatchObject({ status: 'failed', attempts: 3 });
      expect(proxy.counters.http503).toBe(3);
      expect(failed!.error).toContain(target);
      expect(failed!.error).toContain('"panoptic/faults/busy/all/b.json"');
      expect(failed!.error).toContain('after 3 attempts');
      expect(failed!.error).toContain('HTTP 503');
    });

    test('a stalled connection times out (requestTimeoutMs) and the retry goes through', async () => {
      const timeout = 1_500;
      const { provider, options, proxy } = await viaProxy({ parallel_uploads: 1, retry_attempts: 3, retry_backoff_ms: 10, request_timeout_ms: timeout });
      proxy.queue({ kind: 'stall' }, { kind: 'stall', afterBytes: 30_000 });
      const { file: target, data } = file('stall.bin', 100_000);
      const started = Date.now();
      const [result] = await uploadFiles(provider, [{ file: target, key: 'panoptic/faults/stall/all/stall.bin' }], options.transfer);
      const elapsed = Date.now() - started;
      expect(result).toMatchObject({ status: 'uploaded', attempts: 3 });
      expect(proxy.counters.stall).toBe(2);
      // Two timeouts were waited out, and nothing hung beyond them.
      expect(elapsed).toBeGreaterThanOrEqual(2 * timeout * 0.9);
      expect(elapsed).toBeLessThan(20_000);
      expect(sha256(await provider.get('panoptic/faults/stall/all/stall.bin'))).toBe(sha256(data));

      proxy.always({ kind: 'stall' });
      await proxy.dropConnections();
      const [stuck] = await uploadFiles(provider, [{ file: target, key: 'panoptic/faults/stall/all/stuck.bin' }], { ...options.transfer, retryAttempts: 1 });
      expect(stuck).toMatchObject({ status: 'failed', attempts: 2 });
      expect(stuck!.error).toMatch(/timed out|no progress/);
    });

    test('wrong credentials (403) are not retried', async () => {
      const { provider, options, proxy } = await viaProxy({ parallel_uploads: 1, retry_attempts: 3, retry_backoff_ms: 10 }, 'wrong');
      const { file: target } = file('denied.txt', 1_000);
      const [result] = await uploadFiles(provider, [{ file: target, key: 'panoptic/faults/denied/all/denied.txt' }], options.transfer);
      expect(result).toMatchObject({ status: 'failed', attempts: 1 });
      expect(result!.error).toContain('HTTP 403');
      expect(result!.error).toContain('not retryable');
      // Azure says AuthenticationFailed; Azurite says AuthorizationFailure for the same bad signature.
      expect(result!.error).toMatch(name === 'azurite' ? /AuthenticationFailed|AuthorizationFailure/ : /InvalidAccessKeyId/);
      // One request on the wire: neither Panoptic nor the SDK tried again.
      expect(proxy.requests).toEqual([expect.stringMatching(/^PUT \//)]);
    });
  });
}
