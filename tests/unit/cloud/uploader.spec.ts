import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { test, expect } from '@playwright/test';
import { DEFAULT_TRANSFER, SHA256_METADATA, uploadFiles, type Body, type ObjectInfo, type PutOptions, type PutResult, type StorageProvider, type TransferOptions } from '@panoptic/cloud';

// The uploader against an in-memory store whose failures are scripted: what it sends, what it
// retries, what it reports. The real stores are in tests/integration/cloud-*.spec.ts.

interface Stored {
  body: Buffer;
  options: PutOptions;
}

interface PutCall {
  key: string;
  streamed: boolean;
  options: PutOptions;
}

class MemoryStore implements StorageProvider {
  readonly location = 's3://memory';
  /** As S3: metadata only at the start. Set true to act as Azure and the local folder do. */
  acceptsLateProperties = false;
  readonly objects = new Map<string, Stored>();

  /** S3 unless a test plays another kind of store. */
  constructor(readonly name: StorageProvider['name'] = 's3') {}

  readonly puts: PutCall[] = [];
  inFlight = 0;
  maxInFlight = 0;
  /** Runs before each put; throw to fail it. */
  failPut: (key: string, attempt: number) => void = () => undefined;
  /** Alters what head reports. */
  alterHead: (info: ObjectInfo, attempt: number) => ObjectInfo = (info) => info;

  private attemptsOf(key: string): number {
    return this.puts.filter((p) => p.key === key).length;
  }

  /** What put answers; by default nothing, so the uploader reads each object back. */
  answer: (stored: Buffer) => PutResult = () => ({});
  heads = 0;

  async put(key: string, body: Body, options: PutOptions): Promise<PutResult> {
    this.puts.push({ key, streamed: !Buffer.isBuffer(body), options });
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, 5));
      this.failPut(key, this.attemptsOf(key));
      const bytes = Buffer.isBuffer(body) ? body : Buffer.concat(await (body).toArray());
      const late = this.acceptsLateProperties ? await options.late?.() : undefined;
      const metadata = { ...options.metadata, ...late?.metadata };
      this.objects.set(key, { body: bytes, options: { ...options, ...(Object.keys(metadata).length ? { metadata } : {}), ...(late?.contentMd5 ? { contentMd5: late.contentMd5 } : {}) } });
      return this.answer(bytes);
    } finally {
      this.inFlight--;
    }
  }

  async get(key: string): Promise<Buffer> {
    return this.objects.get(key)!.body;
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    this.heads++;
    const stored = this.objects.get(key);
    if (!stored) return undefined;
    const info: ObjectInfo = {
      key,
      size: stored.body.length,
      lastModified: new Date(),
      contentType: stored.options.contentType,
      md5: createHash('md5').update(stored.body).digest('hex'),
    };
    if (stored.options.metadata) info.metadata = stored.options.metadata;
    return this.alterHead(info, this.attemptsOf(key));
  }

  async *list(): AsyncIterable<ObjectInfo> {}
  async delete(): Promise<void> {}
  async signedUrl(key: string): Promise<string> {
    return `memory://${key}`;
  }
}

const transfer: TransferOptions = { ...DEFAULT_TRANSFER, retryBackoffMs: 0, concurrency: 3 };
let dir: string;

test.beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-uploader-'));
});
test.afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, data: string | Buffer): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, data);
  return file;
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

test('sends content types, gzips text only, sends MD5 and stores the SHA-256 of the original', async () => {
  const store = new MemoryStore();
  const html = '<p>hello</p>'.repeat(500);
  const items = [
    { file: write('index.html', html), key: 'run/index.html' },
    { file: write('shot.png', Buffer.alloc(3000, 7)), key: 'run/shot.png' },
    { file: write('data.json', JSON.stringify({ a: 'b'.repeat(2000) })), key: 'run/data.json' },
    { file: write('trace.zip', Buffer.alloc(3000, 1)), key: 'run/trace.zip' },
    { file: write('raw.bin', 'abc'), key: 'run/raw.bin', contentType: 'text/css' },
  ];
  const progress: { done: number; total: number; bytes: number }[] = [];
  const results = await uploadFiles(store, items, { ...transfer, compression: true, compressionLevel: 9 }, (p) => progress.push(p));

  expect(results.map((r) => [r.key, r.status, r.compressed, r.attempts])).toEqual([
    ['run/index.html', 'uploaded', true, 1],
    ['run/shot.png', 'uploaded', false, 1],
    ['run/data.json', 'uploaded', true, 1],
    ['run/trace.zip', 'uploaded', false, 1],
    ['run/raw.bin', 'uploaded', true, 1],
  ]);
  const types = Object.fromEntries(store.puts.map((p) => [p.key, [p.options.contentType, p.options.contentEncoding]]));
  expect(types).toEqual({
    'run/index.html': ['text/html; charset=utf-8', 'gzip'],
    'run/shot.png': ['image/png', undefined],
    'run/data.json': ['application/json', 'gzip'],
    'run/trace.zip': ['application/zip', undefined],
    'run/raw.bin': ['text/css', 'gzip'],
  });
  const page = store.objects.get('run/index.html')!;
  expect(zlib.gunzipSync(page.body).toString()).toBe(html);
  expect(page.options.metadata).toEqual({ [SHA256_METADATA]: sha256(html) });
  expect(page.options.contentMd5).toBe(createHash('md5').update(page.body).digest('base64'));
  expect(results[0]!.bytes).toBe(html.length);
  expect(results[0]!.storedBytes).toBe(page.body.length);
  expect(progress.at(-1)).toEqual({ done: 5, total: 5, bytes: results.reduce((sum, r) => sum + r.bytes, 0) });
  expect(store.maxInFlight).toBeLessThanOrEqual(3);
});

test('keeps at most `concurrency` files in flight', async () => {
  const store = new MemoryStore();
  const items = Array.from({ length: 12 }, (_, i) => ({ file: write(`f${i}.txt`, `file ${i}`), key: `run/f${i}.txt` }));
  await uploadFiles(store, items, { ...transfer, concurrency: 2 });
  expect(store.maxInFlight).toBe(2);
  const all = await uploadFiles(new MemoryStore(), items, { ...transfer, concurrency: 50 });
  expect(all.every((r) => r.status === 'uploaded')).toBe(true);
});

test('a file above the multipart threshold reaches the store as a stream', async () => {
  const store = new MemoryStore();
  const big = Buffer.alloc(300_000, 3);
  const items = [
    { file: write('video.webm', big), key: 'run/video.webm' },
    { file: write('log.txt', 'x'.repeat(300_000)), key: 'run/log.txt' },
    { file: write('small.txt', 'small'), key: 'run/small.txt' },
  ];
  const results = await uploadFiles(store, items, { ...transfer, compression: true, multipartThresholdBytes: 100_000 });
  expect(results.map((r) => r.status)).toEqual(['uploaded', 'uploaded', 'uploaded']);
  expect(store.puts.map((p) => [p.key, p.streamed, p.options.size])).toEqual(
    expect.arrayContaining([
      ['run/video.webm', true, big.length],
      ['run/log.txt', true, undefined],
      ['run/small.txt', false, store.objects.get('run/small.txt')!.body.length],
    ]),
  );
  expect(store.objects.get('run/video.webm')!.body).toEqual(big);
  expect(store.objects.get('run/video.webm')!.options.metadata).toEqual({ [SHA256_METADATA]: sha256(big) });
  expect(zlib.gunzipSync(store.objects.get('run/log.txt')!.body).toString()).toBe('x'.repeat(300_000));
  expect(results[1]!.storedBytes).toBe(store.objects.get('run/log.txt')!.body.length);
});

test('a large file is hashed while it streams to a store that takes metadata afterwards, before the upload to one that does not', async () => {
  const big = Buffer.alloc(300_000, 7);
  const file = write('late.webm', big);
  for (const late of [true, false]) {
    const store = Object.assign(new MemoryStore(), { acceptsLateProperties: late });
    const [result] = await uploadFiles(store, [{ file, key: 'run/late.webm' }], { ...transfer, multipartThresholdBytes: 100_000 });
    expect(result).toMatchObject({ status: 'uploaded', attempts: 1 });
    const stored = store.objects.get('run/late.webm')!;
    expect(stored.options.metadata).toEqual({ [SHA256_METADATA]: sha256(big) });
    // Up front only when the store cannot take it later; the late answer also carries the MD5.
    expect(store.puts[0]!.options.metadata).toEqual(late ? undefined : { [SHA256_METADATA]: sha256(big) });
    expect(stored.options.contentMd5).toEqual(late ? createHash('md5').update(big).digest('base64') : undefined);
  }
});

/** A store with its own file upload (as Azure's SDK has), which reads the file itself. */
class FileStore extends MemoryStore {
  /** Runs while the file is being read, before the bytes are stored; attempt is 1-based. */
  duringUpload: (file: string, attempt: number) => void = () => undefined;
  readonly fileUploads: string[] = [];

  async putFile(key: string, file: string, options: PutOptions): Promise<PutResult> {
    this.fileUploads.push(key);
    this.duringUpload(file, this.fileUploads.filter((k) => k === key).length);
    return this.put(key, Readable.from([fs.readFileSync(file)]), options);
  }
}

test('a large file goes through the store\'s own file upload, hashed alongside; one that changes meanwhile is uploaded again', async () => {
  const first = Buffer.alloc(300_000, 1);
  const last = Buffer.alloc(300_001, 2);
  const file = write('growing.webm', first);
  const store = Object.assign(new FileStore(), { acceptsLateProperties: true });
  // The recording is still being written when its upload starts: the file grows during the first attempt.
  store.duringUpload = (path, attempt) => {
    if (attempt === 1) fs.writeFileSync(path, last);
  };
  const [result] = await uploadFiles(store, [{ file, key: 'run/growing.webm' }], { ...transfer, multipartThresholdBytes: 100_000 });
  expect(result).toMatchObject({ status: 'uploaded', attempts: 2, bytes: last.length });
  expect(store.fileUploads).toEqual(['run/growing.webm', 'run/growing.webm']);
  const stored = store.objects.get('run/growing.webm')!;
  expect(stored.body).toEqual(last);
  // The hash describes the bytes stored, not the file as it was when the first attempt began.
  expect(stored.options.metadata).toEqual({ [SHA256_METADATA]: sha256(last) });
  // A block upload's service checks no whole MD5, so none is computed.
  expect(stored.options.contentMd5).toBeUndefined();

  const gzipping = Object.assign(new FileStore(), { acceptsLateProperties: true });
  await uploadFiles(gzipping, [{ file: write('log.txt', 'y'.repeat(300_000)), key: 'run/log.txt' }], { ...transfer, multipartThresholdBytes: 100_000, compression: true });
  // Gzip needs the stream: the store's file upload would send the file as it is.
  expect(gzipping.fileUploads).toEqual([]);
  expect(gzipping.objects.get('run/log.txt')!.options.contentEncoding).toBe('gzip');
});

test('a store that answers with the MD5 it received is not read back; an answer that differs is', async () => {
  const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');
  const answering = new MemoryStore();
  answering.answer = (stored) => ({ storedMd5: md5(stored) });
  await uploadFiles(answering, [{ file: write('a.txt', 'aaaa'), key: 'run/a.txt' }], transfer);
  expect(answering.heads).toBe(0);
  // An ETag that is no MD5 (SSE-KMS, say) proves nothing: the object is read back.
  const other = new MemoryStore();
  other.answer = () => ({ storedMd5: 'f'.repeat(32) });
  const [result] = await uploadFiles(other, [{ file: write('b.txt', 'bbbb'), key: 'run/b.txt' }], transfer);
  expect(result!.status).toBe('uploaded');
  expect(other.heads).toBe(1);
});

test('a size or MD5 mismatch after the upload is retried', async () => {
  const store = new MemoryStore();
  store.alterHead = (info, attempt) => {
    if (info.key === 'run/a.txt' && attempt === 1) return { ...info, size: info.size - 1 };
    if (info.key === 'run/b.txt' && attempt < 3) return { ...info, md5: '0'.repeat(32) };
    return info;
  };
  const results = await uploadFiles(store, [
    { file: write('a.txt', 'aaaa'), key: 'run/a.txt' },
    { file: write('b.txt', 'bbbb'), key: 'run/b.txt' },
  ], transfer);
  expect(results.map((r) => [r.key, r.status, r.attempts])).toEqual([
    ['run/a.txt', 'uploaded', 2],
    ['run/b.txt', 'uploaded', 3],
  ]);
});

test('retryable failures are retried up to retryAttempts, then reported with file, key and cause', async () => {
  const store = new MemoryStore();
  store.failPut = (key, attempt) => {
    if (key === 'run/flaky.txt' && attempt <= 2) throw Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    if (key === 'run/down.txt') throw Object.assign(new Error('Service Unavailable'), { name: 'ServiceUnavailable', $metadata: { httpStatusCode: 503 } });
  };
  const flaky = write('flaky.txt', 'f');
  const down = write('down.txt', 'd');
  const results = await uploadFiles(store, [
    { file: flaky, key: 'run/flaky.txt' },
    { file: down, key: 'run/down.txt' },
  ], { ...transfer, retryAttempts: 2 });
  expect(results[0]).toMatchObject({ status: 'uploaded', attempts: 3 });
  expect(results[1]).toMatchObject({ status: 'failed', attempts: 3, storedBytes: 0 });
  expect(results[1]!.error).toBe(
    `could not upload ${down} to "run/down.txt" in s3://memory after 3 attempts: ServiceUnavailable: Service Unavailable (HTTP 503 Service Unavailable)`,
  );
  expect(fs.readFileSync(down, 'utf8')).toBe('d');
});

test('a non-retryable failure is tried once and says so', async () => {
  const store = new MemoryStore();
  store.failPut = () => {
    throw Object.assign(new Error('Server failed to authenticate the request.\nRequestId:1'), { name: 'RestError', statusCode: 403, code: 'AuthenticationFailed' });
  };
  const file = write('a.txt', 'a');
  const [result] = await uploadFiles(store, [{ file, key: 'run/a.txt' }], transfer);
  expect(result).toMatchObject({ status: 'failed', attempts: 1 });
  expect(result!.error).toBe(
    `could not upload ${file} to "run/a.txt" in s3://memory after 1 attempt, not retryable: Server failed to authenticate the request. (HTTP 403 Forbidden, AuthenticationFailed)`,
  );
});

test('a missing file or an unsafe key fails that file only, before any attempt', async () => {
  const store = new MemoryStore();
  const ok = write('ok.txt', 'ok');
  const results = await uploadFiles(store, [
    { file: path.join(dir, 'missing.png'), key: 'run/missing.png' },
    { file: ok, key: '../outside.txt' },
    { file: ok, key: 'run/ok.txt' },
  ], transfer);
  expect(results.map((r) => [r.status, r.attempts])).toEqual([
    ['failed', 0],
    ['failed', 0],
    ['uploaded', 1],
  ]);
  expect(results[0]!.error).toContain(`could not upload ${path.join(dir, 'missing.png')} to "run/missing.png" in s3://memory before the first attempt: ENOENT`);
  expect(results[1]!.error).toContain('unsafe storage key "../outside.txt"');
  expect(store.puts.map((p) => p.key)).toEqual(['run/ok.txt']);
});

test('the local store gets files as they are, never gzipped', async () => {
  const store = new MemoryStore('local');
  const [result] = await uploadFiles(store, [{ file: write('index.html', '<p>x</p>'), key: 'run/index.html' }], { ...transfer, compression: true });
  expect(result).toMatchObject({ status: 'uploaded', compressed: false });
  expect(store.puts[0]!.options.contentEncoding).toBeUndefined();
});
