import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { inspect } from 'node:util';
import zlib from 'node:zlib';
import { test, expect } from '@playwright/test';
import { DEFAULT_TRANSFER, cloudOptionsFromSettings, createProvider, decryptStored, isEncrypted, readEncryptionKey, updateObject, uploadFiles, type StorageProvider } from '@panoptic/cloud';
import { cloudSettingsSchema, encryptionSettingWarnings } from '@panoptic/model/cloud-settings';
// The sealed format's pieces are internal: these tests pin how the format behaves, byte by byte.
import { ENCRYPTION_OVERHEAD, decryptObject, encryptBuffer, encryptingStream } from '../../../packages/cloud/dist/encryption/format.js';

const HEX_KEY = randomBytes(32).toString('hex');
const key = readEncryptionKey({ K: HEX_KEY }, 'K');
const MARKER = 'PLAINTEXT-MARKER-7f3a';
const TRANSFER = { ...DEFAULT_TRANSFER, concurrency: 2, retryAttempts: 0, retryBackoffMs: 1 };

test('a key is 32 bytes from the environment, as hex or base64; errors never quote the value', () => {
  const bytes = randomBytes(32);
  expect(readEncryptionKey({ K: bytes.toString('hex') }, 'K').bytes).toEqual(bytes);
  expect(readEncryptionKey({ K: bytes.toString('base64') }, 'K').bytes).toEqual(bytes);
  expect(readEncryptionKey({ K: ` ${bytes.toString('base64url')}\n` }, 'K').bytes).toEqual(bytes);
  expect(() => readEncryptionKey({}, 'MY_KEY')).toThrow(/MY_KEY, which is not set.*openssl rand -base64 32/);
  const short = randomBytes(16).toString('base64');
  const error = (() => {
    try {
      readEncryptionKey({ K: short }, 'K');
    } catch (e) {
      return (e as Error).message;
    }
    return '';
  })();
  expect(error).toContain('does not hold a usable key (24 characters)');
  expect(error).not.toContain(short);
  // The key never prints with the options that hold it.
  expect(JSON.stringify({ key })).not.toContain(HEX_KEY);
  expect(inspect(key)).toBe(`EncryptionKey(K, id ${key.id.toString('hex')})`);
});

test('AES-256-GCM round trip: a header, the ciphertext, a tag; a random IV per object', () => {
  const content = Buffer.from(`${MARKER} ${'x'.repeat(1000)}`);
  const sealed = encryptBuffer(key, content);
  expect(sealed.length).toBe(content.length + ENCRYPTION_OVERHEAD);
  expect(isEncrypted(sealed)).toBe(true);
  expect(sealed.includes(MARKER)).toBe(false);
  expect(encryptBuffer(key, content).equals(sealed)).toBe(false);
  expect(decryptObject(key, sealed, 'x')).toEqual({ content, gzip: false });
});

test('the streamed form is the same format, whatever the chunks', async () => {
  const content = randomBytes(300_000);
  const chunks = [content.subarray(0, 1), content.subarray(1, 65_536), content.subarray(65_536)];
  const parts: Buffer[] = [];
  for await (const part of Readable.from(chunks).pipe(encryptingStream(key, true))) parts.push(part as Buffer);
  expect(decryptObject(key, Buffer.concat(parts), 'x')).toEqual({ content, gzip: true });
  // An empty body still gets its header and tag.
  const empty: Buffer[] = [];
  for await (const part of Readable.from([]).pipe(encryptingStream(key))) empty.push(part as Buffer);
  expect(decryptObject(key, Buffer.concat(empty), 'x').content.length).toBe(0);
});

test('a wrong key, a changed byte, a truncated object or another version fail clearly, never with garbage', () => {
  const sealed = encryptBuffer(key, Buffer.from(MARKER));
  const other = readEncryptionKey({ OTHER: randomBytes(32).toString('base64') }, 'OTHER');
  expect(() => decryptObject(other, sealed, '"a.txt"')).toThrow(
    `"a.txt" was encrypted with another key (key id ${key.id.toString('hex')}); the key in OTHER has id ${other.id.toString('hex')}: set OTHER to the key it was stored with`,
  );
  for (const at of [9, 25, 40, sealed.length - 1]) {
    const changed = Buffer.from(sealed);
    changed[at]! ^= 1;
    expect(() => decryptObject(key, changed, '"a.txt"')).toThrow(/fails its authentication check|version/);
  }
  expect(() => decryptObject(key, sealed.subarray(0, sealed.length - 3), '"a.txt"')).toThrow(/fails its authentication check/);
  expect(() => decryptObject(key, sealed.subarray(0, 20), '"a.txt"')).toThrow(/is truncated/);
  const v2 = Buffer.from(sealed);
  v2[8] = 2;
  expect(() => decryptObject(key, v2, '"a.txt"')).toThrow(/format version 2; this Panoptic reads version 1: upgrade it/);
  expect(() => decryptObject(key, Buffer.from(MARKER), '"a.txt"')).toThrow(/is not encrypted by Panoptic/);
});

test('settings: the key is never a setting; keys that need another switch or provider warn', () => {
  const messages = (cloud: Record<string, unknown>) => (cloudSettingsSchema.safeParse(cloud).error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);
  expect(messages({ provider: 'aws', encryption: true, kms_key_id: 'alias/ci' })).toEqual([]);
  expect(messages({ provider: 'azure', encryption: true, encryption_scope: 'scope1', client_side_encryption: true, encryption_key_env: 'CI_KEY' })).toEqual([]);
  expect(messages({ provider: 'local', encryption_key: 'abc' })).toEqual([expect.stringMatching(/^encryption_key: a key never goes in a suite.*encryption_key_env/)]);
  expect(messages({ provider: 'local', client_side_encryption: true, encryption_key_env: randomBytes(32).toString('hex') })).toEqual([
    expect.stringMatching(/^encryption_key_env: this looks like a key/),
  ]);
  expect(messages({ provider: 'local', client_side_encryption: true, encryption_key_env: 'not a name' })).toEqual([expect.stringMatching(/^encryption_key_env: expected the NAME/)]);
  // Keys that do not apply where they are only warn, as other such keys do.
  expect(messages({ provider: 'aws', kms_key_id: 'k', encryption_scope: 's', encryption_key_env: 'K' })).toEqual([]);
  expect(encryptionSettingWarnings({ provider: 'aws', kms_key_id: 'k', encryption_scope: 's', encryption_key_env: 'K' })).toEqual([
    { key: 'encryption_key_env', message: 'has no effect without client_side_encryption: true' },
    { key: 'kms_key_id', message: 'has no effect without encryption: true (server-side encryption)' },
    { key: 'encryption_scope', message: 'has no effect: an encryption scope is Azure\'s, provider "aws" has none (S3 takes kms_key_id)' },
  ]);
  expect(encryptionSettingWarnings({ provider: 'azure', encryption: true, kms_key_id: 'k', encryption_scope: 's' })).toEqual([
    { key: 'kms_key_id', message: 'has no effect: SSE-KMS is S3\'s, provider "azure" takes no KMS key id (Azure names an encryption_scope instead)' },
  ]);
  expect(messages({ bucket: 'b', encryption: true })).toEqual([expect.stringMatching(/^encryption: a local folder has no server-side encryption: set client_side_encryption: true/)]);
});

test('settings to options: SSE-S3 by default, SSE-KMS with a key id, an Azure scope, the key variable', () => {
  const s3 = { provider: 's3', bucket: 'b', endpoint: 'http://127.0.0.1:1', access_key: 'a', secret_key: 's' };
  expect(cloudOptionsFromSettings({ ...s3, encryption: true }, {}).encryption).toEqual({ s3: { mode: 'AES256' } });
  expect(cloudOptionsFromSettings({ ...s3, encryption: true, kms_key_id: 'arn:aws:kms:k' }, {}).encryption).toEqual({ s3: { mode: 'aws:kms', kmsKeyId: 'arn:aws:kms:k' } });
  expect(cloudOptionsFromSettings({ ...s3, encryption: false }, {}).encryption).toBeUndefined();
  // Google Cloud Storage encrypts every object: no S3 header is sent to its XML API.
  expect(cloudOptionsFromSettings({ ...s3, provider: 'gcp', encryption: true }, {}).encryption).toBeUndefined();
  const azure = { provider: 'azure', bucket: 'c', connection_string: 'x' };
  expect(cloudOptionsFromSettings({ ...azure, encryption: true, encryption_scope: 'sc' }, {}).encryption).toEqual({ azureScope: 'sc' });
  expect(cloudOptionsFromSettings({ ...azure, encryption: true }, {}).encryption).toBeUndefined();
  expect(cloudOptionsFromSettings({ bucket: 'f', client_side_encryption: true }, {}).encryption).toEqual({ clientSideKeyEnv: 'PANOPTIC_ENCRYPTION_KEY' });
  expect(cloudOptionsFromSettings({ bucket: 'f', client_side_encryption: true, encryption_key_env: 'CI_KEY' }, {}).encryption).toEqual({ clientSideKeyEnv: 'CI_KEY' });
});

test.describe('a store with client-side encryption', () => {
  let base: string;
  let store: StorageProvider;
  let raw: StorageProvider;
  test.beforeAll(async () => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-encryption-'));
    const options = cloudOptionsFromSettings({ bucket: 'store', client_side_encryption: true, encryption_key_env: 'K', retry_backoff_ms: 1 }, {}, base);
    store = await createProvider(options, { K: HEX_KEY });
    raw = await createProvider({ ...options, encryption: {} });
  });
  test.afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  test('opening it without the key fails before anything is stored', async () => {
    const options = cloudOptionsFromSettings({ bucket: 'other', client_side_encryption: true }, {}, base);
    await expect(createProvider(options, {})).rejects.toThrow(/PANOPTIC_ENCRYPTION_KEY, which is not set/);
    expect(fs.existsSync(path.join(base, 'other'))).toBe(false);
  });

  test('small, large and compressed files are stored as ciphertext, verified, and read back', async () => {
    const dir = path.join(base, 'files');
    fs.mkdirSync(dir, { recursive: true });
    const small = Buffer.from(`${MARKER}\n`.repeat(50));
    const large = Buffer.concat([randomBytes(1024 * 1024 + 1024), Buffer.from(MARKER)]);
    fs.writeFileSync(path.join(dir, 'small.txt'), small);
    fs.writeFileSync(path.join(dir, 'large.bin'), large);
    const items = [
      { file: path.join(dir, 'small.txt'), key: 'run/small.txt' },
      { file: path.join(dir, 'large.bin'), key: 'run/large.bin' },
    ];
    // A low threshold sends the large file streamed, in parts; compression gzips the text first.
    const results = await uploadFiles(store, items, { ...TRANSFER, compression: true, multipartThresholdBytes: 1024 * 1024 });
    expect(results.map((r) => [r.status, r.attempts, r.error])).toEqual([
      ['uploaded', 1, undefined],
      ['uploaded', 1, undefined],
    ]);
    for (const [item, content] of [
      [items[0]!, small],
      [items[1]!, large],
    ] as const) {
      const stored = await raw.get(item.key);
      expect(isEncrypted(stored)).toBe(true);
      expect(stored.includes(MARKER)).toBe(false);
      expect((await store.get(item.key)).equals(content)).toBe(true);
      expect(await decryptStored(key, stored, item.key, raw.location)).toEqual(content);
      const info = await store.head(item.key);
      expect(info?.contentType).toBe(item.key.endsWith('.txt') ? 'text/plain; charset=utf-8' : 'application/octet-stream');
      expect(info?.md5).toBeUndefined();
    }
    // The local store is never gzipped by the uploader; the sealed header records gzip when it is.
    expect(results[0]!.compressed).toBe(false);
  });

  test('conditional updates (history) read, change and write back through the encryption', async () => {
    const text = (bytes: Buffer | undefined) => (bytes ? bytes.toString('utf8') : '');
    await updateObject(store, 'history.json', (current) => Buffer.from(`${text(current)}${MARKER};`), { contentType: 'application/json', compress: true, compressionLevel: 6 });
    await updateObject(store, 'history.json', (current) => Buffer.from(`${text(current)}${MARKER};`), { contentType: 'application/json', compress: true, compressionLevel: 6 });
    expect(text(await store.get('history.json'))).toBe(`${MARKER};${MARKER};`);
    const stored = await raw.get('history.json');
    expect(isEncrypted(stored)).toBe(true);
    expect(zlib.gunzipSync(decryptObject(key, stored, 'h').content).toString()).toBe(`${MARKER};${MARKER};`);
  });

  test('backup copies are sealed with the same key', async () => {
    const options = cloudOptionsFromSettings({ bucket: 'primary', client_side_encryption: true, encryption_key_env: 'K', backup_locations: ['copy'] }, {}, base);
    const sealed = await createProvider(options, { K: HEX_KEY });
    const file = path.join(base, 'backup.txt');
    fs.writeFileSync(file, MARKER);
    const [result] = await uploadFiles(sealed, [{ file, key: 'run/backup.txt' }], TRANSFER);
    expect(result?.status).toBe('uploaded');
    for (const folder of ['primary', 'copy']) {
      const stored = fs.readFileSync(path.join(base, folder, 'run', 'backup.txt'));
      expect(isEncrypted(stored), folder).toBe(true);
      expect(decryptObject(key, stored, folder).content.toString()).toBe(MARKER);
    }
  });

  test('an object stored in clear before encryption was turned on is read as it is', async () => {
    await raw.put('old.txt', Buffer.from('clear'), { contentType: 'text/plain' });
    expect((await store.get('old.txt')).toString()).toBe('clear');
  });
});
