import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import {
  cloudOptionsFromSettings,
  createProvider,
  runPrefix,
  uploadFiles,
  type UploadItem,
  SHA256_METADATA,
  type CloudOptions,
  type ObjectInfo,
  type StorageProvider,
} from '@panoptic/cloud';
import { startFaultProxy } from '../helpers/fault-proxy.js';
import { startAzurite, startS3rver, type AzuriteHandle, type S3rverHandle } from '../helpers/storage-servers.js';

// Each store is a real one started here: a temp folder, s3rver and Azurite as child processes.
// Options are built with cloudOptionsFromSettings from snake_case settings, as a suite would.
//
// Where the test servers are laxer than the services:
// - s3rver accepts any SigV4 signature (it only checks that the access key id exists), so a signed
//   URL that works here proves its shape, not its signature or expiry. It does not verify
//   Content-MD5 either, and its multipart ETag is the MD5 of the whole object where S3's is
//   `<md5 of the part MD5s>-<parts>`: on S3 `head` reports no MD5 for a multipart object.
// - Azurite checks SharedKey signatures, SAS signatures and SAS expiry, and the MD5 of a
//   single-shot upload, as Azure does.

interface Store {
  name: string;
  settings: Record<string, unknown>;
  env: Record<string, string>;
  stop(): Promise<void>;
  azurite?: AzuriteHandle;
  s3rver?: S3rverHandle;
}

const STORES: Record<string, () => Promise<Store>> = {
  local: async () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-local-store-'));
    return {
      name: 'local',
      settings: { provider: 'local', bucket: 'artifacts' },
      env: { PANOPTIC_TEST_BASE: base },
      stop: async () => fs.rmSync(base, { recursive: true, force: true }),
    };
  },
  s3rver: async () => {
    const server = await startS3rver();
    return {
      name: 's3rver',
      settings: { provider: 's3', bucket: server.bucket, endpoint: server.endpoint, region: 'us-east-1', access_key: server.accessKey, secret_key: server.secretKey },
      env: {},
      stop: () => server.stop(),
      s3rver: server,
    };
  },
  azurite: async () => {
    const server = await startAzurite();
    return {
      name: 'azurite',
      settings: { provider: 'azure', bucket: server.container },
      env: { AZURE_STORAGE_CONNECTION_STRING: server.connectionString() },
      stop: () => server.stop(),
      azurite: server,
    };
  },
};

function optionsFor(store: Store, overrides: Record<string, unknown> = {}): CloudOptions {
  const base = store.env.PANOPTIC_TEST_BASE ?? process.cwd();
  return cloudOptionsFromSettings({ ...store.settings, retry_backoff_ms: 10, ...overrides }, store.env, base);
}

async function listAll(provider: StorageProvider, prefix: string): Promise<ObjectInfo[]> {
  const out: ObjectInfo[] = [];
  for await (const info of provider.list(prefix)) out.push(info);
  return out.sort((a, b) => a.key.localeCompare(b.key));
}

async function readSigned(url: string): Promise<{ status: number; body: Buffer }> {
  if (url.startsWith('file:')) return { status: 200, body: fs.readFileSync(fileURLToPath(url)) };
  const response = await fetch(url);
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');

for (const [storeName, start] of Object.entries(STORES)) {
  test.describe(`${storeName} store`, () => {
    // One server per worker, its tests in order.
    test.describe.configure({ mode: 'default' });

    let store: Store;
    let provider: StorageProvider;
    let work: string;

    test.beforeAll(async () => {
      store = await start();
      provider = await createProvider(optionsFor(store));
      work = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-artifacts-'));
    });

    test.afterAll(async () => {
      await store?.stop();
      if (work) fs.rmSync(work, { recursive: true, force: true });
    });

    test('put, head, get, list, signed URL and delete round-trip', async () => {
      expect(provider.name).toBe(storeName === 's3rver' ? 's3' : storeName === 'azurite' ? 'azure' : 'local');
      expect(provider.location).not.toContain('AccountKey');
      const prefix = runPrefix({ prefix: 'panoptic', project: 'chromium', runId: 'round-trip', shard: { current: 1, total: 2 } });
      expect(prefix).toBe('panoptic/chromium/round-trip/1-of-2');
      const key = `${prefix}/data/report.json`;
      const body = Buffer.from(JSON.stringify({ hello: 'world', n: 42 }));
      const contentMd5 = createHash('md5').update(body).digest('base64');

      await provider.put(key, body, { contentType: 'application/json', contentMd5, metadata: { 'panoptic-sha256': sha256(body) } });
      await provider.put(`${prefix}/data/other.txt`, Buffer.from('other'), { contentType: 'text/plain' });
      await provider.put('panoptic/chromium/another-run/all/x.txt', Buffer.from('elsewhere'), { contentType: 'text/plain' });

      const info = await provider.head(key);
      expect(info).toMatchObject({ key, size: body.length, contentType: 'application/json', md5: md5(body) });
      expect(info!.metadata).toEqual({ 'panoptic-sha256': sha256(body) });
      expect(Math.abs(info!.lastModified.getTime() - Date.now())).toBeLessThan(5 * 60_000);
      expect(await provider.get(key)).toEqual(body);

      const listed = await listAll(provider, `${prefix}/`);
      expect(listed.map((o) => [o.key, o.size])).toEqual([
        [`${prefix}/data/other.txt`, 5],
        [key, body.length],
      ]);
      expect((await listAll(provider, 'panoptic/chromium/')).length).toBe(3);

      const signed = await readSigned(await provider.signedUrl(key, 600));
      expect(signed.status).toBe(200);
      expect(signed.body).toEqual(body);

      await provider.delete([key, `${prefix}/data/other.txt`, `${prefix}/never-existed.txt`]);
      expect(await provider.head(key)).toBeUndefined();
      expect(await listAll(provider, `${prefix}/`)).toEqual([]);
      await expect(provider.get(key)).rejects.toMatchObject({ code: 'NotFound' });
      await provider.delete(['panoptic/chromium/another-run/all/x.txt']);
    });

    test('uploadFiles puts artifacts under the run prefix with content types, gzip and checksums', async () => {
      const dir = path.join(work, 'run');
      fs.mkdirSync(path.join(dir, 'data'), { recursive: true });
      const html = Buffer.from(`<!doctype html><title>Report</title>${'<p>passed</p>'.repeat(2000)}`);
      const json = Buffer.from(JSON.stringify({ tests: Array.from({ length: 300 }, (_, i) => ({ id: i, status: 'passed' })) }));
      const png = randomBytes(50_000);
      const webm = randomBytes(80_000);
      fs.writeFileSync(path.join(dir, 'index.html'), html);
      fs.writeFileSync(path.join(dir, 'data', 'summary.json'), json);
      fs.writeFileSync(path.join(dir, 'data', 'shot.png'), png);
      fs.writeFileSync(path.join(dir, 'data', 'video.webm'), webm);
      fs.writeFileSync(path.join(dir, 'data', 'notes.log'), 'x'.repeat(5000));
      const prefix = runPrefix({ prefix: 'panoptic', project: 'Mobile Chrome', runId: '2025-01-15T09:30:00.000Z', shard: '2-of-3' });
      expect(prefix).toBe('panoptic/Mobile-Chrome/2025-01-15T09-30-00.000Z/2-of-3');
      const files = ['index.html', 'data/summary.json', 'data/shot.png', 'data/video.webm', 'data/notes.log'];
      const items: UploadItem[] = files.map((file) => ({ file: path.join(dir, file), key: `${prefix}/${file}` }));
      items[4] = { ...items[4]!, contentType: 'text/x-custom-log' };

      const progress: number[] = [];
      const compressing = await createProvider(optionsFor(store, { compression: true, compression_level: 9 }));
      const results = await uploadFiles(compressing, items, optionsFor(store, { compression: true, compression_level: 9 }).transfer, (p) => progress.push(p.done));
      expect(results.map((r) => [r.key, r.status, r.error])).toEqual(items.map((i) => [i.key, 'uploaded', undefined]));
      expect(progress.sort()).toEqual([1, 2, 3, 4, 5]);

      // The local store keeps files as they are (a browser opens them from disk); the others gzip text.
      const gzipped = storeName !== 'local';
      const expected: Record<string, { type: string; compressed: boolean; body: Buffer }> = {
        'index.html': { type: 'text/html; charset=utf-8', compressed: gzipped, body: html },
        'data/summary.json': { type: 'application/json', compressed: gzipped, body: json },
        'data/shot.png': { type: 'image/png', compressed: false, body: png },
        'data/video.webm': { type: 'video/webm', compressed: false, body: webm },
        'data/notes.log': { type: 'text/x-custom-log', compressed: gzipped, body: Buffer.from('x'.repeat(5000)) },
      };
      for (const result of results) {
        const name = result.key.slice(prefix.length + 1);
        const want = expected[name]!;
        expect(result, name).toMatchObject({ compressed: want.compressed, bytes: want.body.length, attempts: 1 });
        const info = await compressing.head(result.key);
        expect(info?.contentType, name).toBe(want.type);
        expect(info?.contentEncoding, name).toBe(want.compressed ? 'gzip' : undefined);
        expect(info?.metadata?.[SHA256_METADATA], name).toBe(sha256(want.body));
        expect(info?.size, name).toBe(result.storedBytes);
        // get() gives the content back as uploaded, decompressed when it was stored gzipped.
        expect(await compressing.get(result.key), name).toEqual(want.body);
        if (want.compressed) expect(result.storedBytes, name).toBeLessThan(want.body.length / 4);
      }

      // A browser following a report link gets the page back as it was written.
      const page = await readSigned(await compressing.signedUrl(`${prefix}/index.html`, 600));
      expect(page.status).toBe(200);
      if (storeName !== 'local') {
        const response = await fetch(await compressing.signedUrl(`${prefix}/index.html`, 600));
        expect(response.headers.get('content-encoding')).toBe('gzip');
        expect(Buffer.from(await response.arrayBuffer())).toEqual(html);
      }
      expect((await listAll(compressing, `${prefix}/`)).map((o) => o.key)).toEqual(items.map((i) => i.key).sort());
    });

    test('a 40 MB file goes up in parts, never whole in memory, and comes back identical', async () => {
      const file = path.join(work, 'video.webm');
      const data = randomBytes(40 * 1024 * 1024);
      fs.writeFileSync(file, data);
      const key = `${runPrefix({ project: 'chromium', runId: 'large', shard: null })}/video.webm`;
      const options = optionsFor(store);
      expect(data.length).toBeGreaterThan(options.transfer.multipartThresholdBytes);
      const parts = Math.ceil(data.length / options.transfer.partSizeBytes);
      // Through a pass-through proxy that logs request lines, to see the parts go by.
      const proxy = store.s3rver ? await startFaultProxy({ port: store.s3rver.port }) : store.azurite ? await startFaultProxy({ port: store.azurite.port }) : undefined;
      const overrides = store.s3rver ? { endpoint: proxy!.url } : {};
      const env = store.azurite ? { AZURE_STORAGE_CONNECTION_STRING: store.azurite.connectionString(`${proxy!.url}/${store.azurite.accountName}`) } : store.env;
      const viaProxy = proxy ? await createProvider(cloudOptionsFromSettings({ ...store.settings, ...overrides }, env)) : provider;
      const [result] = await uploadFiles(viaProxy, [{ file, key }], options.transfer);
      await proxy?.close();
      expect(result).toMatchObject({ status: 'uploaded', bytes: data.length, storedBytes: data.length, attempts: 1, compressed: false });
      if (store.s3rver) {
        expect(proxy!.requests.filter((line) => /^POST .*\?uploads/.test(line))).toHaveLength(1);
        expect(proxy!.requests.filter((line) => /^PUT .*partNumber=\d+/.test(line))).toHaveLength(parts);
        expect(proxy!.requests.filter((line) => /^POST .*uploadId=/.test(line))).toHaveLength(1);
      }
      if (store.azurite) expect(proxy!.requests.filter((line) => /^PUT .*comp=block(&|$)/.test(line))).toHaveLength(parts);

      const stored = await provider.get(key);
      expect(stored.length).toBe(data.length);
      expect(sha256(stored)).toBe(sha256(data));
      const info = await provider.head(key);
      expect(info?.metadata?.[SHA256_METADATA]).toBe(sha256(data));
      // The folder checks and keeps the whole file's MD5, sent once the stream has been hashed. Block
      // and multipart uploads check none, so none is sent: Azure reports no MD5; s3rver's multipart
      // ETag is the whole MD5 (S3's is "<MD5 of the parts' MD5s>-<parts>", which head ignores).
      const md5 = createHash('md5').update(data).digest('hex');
      expect(info?.md5).toBe(storeName === 'azurite' ? undefined : md5);
      expect(info?.contentType).toBe('video/webm');
      if (store.azurite) {
        // Proof that it went up as blocks: the committed block list has more than one.
        const { BlobServiceClient } = await import('@azure/storage-blob');
        const blob = BlobServiceClient.fromConnectionString(store.azurite.connectionString()).getContainerClient(store.azurite.container).getBlockBlobClient(key);
        const blocks = await blob.getBlockList('committed');
        expect(blocks.committedBlocks?.length).toBe(parts);
      }
      await provider.delete([key]);
      fs.rmSync(file);
    });

    if (storeName === 'local') {
      test('keys can never leave the folder, not even through a symbolic link', async () => {
        const root = optionsFor(store).bucket;
        const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-outside-'));
        fs.writeFileSync(path.join(outside, 'secret.txt'), 'do not read');
        fs.symlinkSync(outside, path.join(root, 'escape'));
        const body = Buffer.from('x');
        try {
          for (const key of ['../x.txt', 'a/../../x.txt', '/etc/x.txt', 'a\\..\\x.txt', 'a/%2e%2e/x.txt', '.panoptic/meta/x.json']) {
            await expect(provider.put(key, body, { contentType: 'text/plain' }), key).rejects.toMatchObject({ code: 'UnsafeKey' });
          }
          await expect(provider.put('escape/new/x.txt', body, { contentType: 'text/plain' })).rejects.toThrow(/outside the store folder/);
          await expect(provider.get('escape/secret.txt')).rejects.toThrow(/outside the store folder/);
          await expect(provider.head('escape/secret.txt')).rejects.toThrow(/outside the store folder/);
          expect(fs.readdirSync(outside)).toEqual(['secret.txt']);
          // Listing does not follow the link either.
          expect((await listAll(provider, '')).filter((o) => o.key.startsWith('escape'))).toEqual([]);
        } finally {
          fs.rmSync(path.join(root, 'escape'));
          fs.rmSync(outside, { recursive: true, force: true });
        }
      });
    }

    if (storeName === 'azurite') {
      test('a signed URL is refused once it has expired', async () => {
        const key = 'panoptic/expiry/all/page.txt';
        await provider.put(key, Buffer.from('short-lived'), { contentType: 'text/plain' });
        const url = await provider.signedUrl(key, 1);
        expect(new URL(url).searchParams.get('sp')).toBe('r');
        expect((await readSigned(url)).body.toString()).toBe('short-lived');
        await new Promise((resolve) => setTimeout(resolve, 2_500));
        const expired = await fetch(url);
        expect(expired.status).toBe(403);
        expect(await expired.text()).toMatch(/AuthenticationFailed|expired|Signature/i);
        await provider.delete([key]);
      });
    }
  });
}
