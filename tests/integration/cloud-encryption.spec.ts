import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { summarySchema } from '@panoptic/model/summary';
import { useDemoServer } from '../helpers/demo.js';
import { runPanoptic, writeProject } from '../helpers/inline.js';
import { startRecordingProxy, type RecordedRequest, type RecordingProxy } from '../helpers/recording-proxy.js';
import { startAzurite, startS3rver } from '../helpers/storage-servers.js';

// settings.cloud encryption against the real stores: a folder, s3rver and Azurite (child processes
// with their files in temp folders), through the real `panoptic` and `playwright test`.
//
// Client-side encryption is checked where the bytes end up: every file the store or emulator keeps
// on disk is searched for a marker the uploaded files hold. The same search finds the sealed
// objects' header there, so it cannot pass by looking in the wrong place.
//
// Server-side encryption is checked on the requests sent, through a recording proxy: s3rver ignores
// S3's encryption headers (its HeadObject reports no ServerSideEncryption), and Azurite accepts an
// encryption scope but reports none, so neither keeps anything a test could read back.

const demo = useDemoServer();

const KEY = randomBytes(32).toString('base64');
const MARKER = 'KNOWN-ARTIFACT-MARKER-5c1d';
const SEALED = Buffer.from('PNPTCENC');

interface Store {
  /** settings.cloud, server-side encryption included; S3 and Azure requests go through `proxy`. */
  settings: Record<string, unknown>;
  env: Record<string, string>;
  /** Every file the store keeps bytes in. */
  dataDir(project: string): string;
  proxy?: RecordingProxy;
  /** The server-side encryption each write asked for, as the recorded requests show it. */
  serverSide?(requests: RecordedRequest[]): (string | undefined)[];
  stop(): Promise<void>;
}

/** The recorded writes that create or change an object's content, with the header asked for. */
function writes(requests: RecordedRequest[], isWrite: (request: RecordedRequest) => boolean, header: string): (string | undefined)[] {
  return requests.filter(isWrite).map((request) => request.headers[header] as string | undefined);
}

// PutObject and CreateMultipartUpload carry S3's encryption; parts and completion do not.
const isS3Write = (r: RecordedRequest) => (r.method === 'PUT' && !r.path.includes('partNumber=')) || (r.method === 'POST' && /[?&]uploads(=|&|$)/.test(r.path));
// Put Blob, Put Block, Put Block List and Set Blob Metadata take a scope; Set Blob Properties does not.
const isAzureWrite = (r: RecordedRequest) => r.method === 'PUT' && !r.path.includes('comp=properties') && !r.path.includes('restype=container');

const STORES: Record<string, () => Promise<Store>> = {
  local: async () => ({ settings: { provider: 'local', bucket: 'store' }, env: {}, dataDir: (project) => path.join(project, 'store'), stop: async () => undefined }),
  s3rver: async () => {
    const s3 = await startS3rver();
    const proxy = await startRecordingProxy({ port: s3.port });
    return {
      settings: { provider: 's3', bucket: s3.bucket, endpoint: proxy.url, region: 'us-east-1', encryption: true },
      env: { AWS_ACCESS_KEY_ID: s3.accessKey, AWS_SECRET_ACCESS_KEY: s3.secretKey },
      dataDir: () => s3.directory,
      proxy,
      serverSide: (requests) => writes(requests, isS3Write, 'x-amz-server-side-encryption'),
      stop: () => proxy.close().then(() => s3.stop()),
    };
  },
  azurite: async () => {
    const azurite = await startAzurite();
    const proxy = await startRecordingProxy({ port: azurite.port });
    return {
      settings: { provider: 'azure', bucket: azurite.container, encryption: true, encryption_scope: 'panoptic-scope' },
      env: { AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString(`${proxy.url}/${azurite.accountName}`) },
      dataDir: () => azurite.directory,
      proxy,
      serverSide: (requests) => writes(requests, isAzureWrite, 'x-ms-encryption-scope'),
      stop: () => proxy.close().then(() => azurite.stop()),
    };
  },
};

function suite(cloud: Record<string, unknown>): string {
  return JSON.stringify({ name: 'Encryption', apps: [{ name: 'a', type: 'web', url: 'http://127.0.0.1:9' }], settings: { cloud } });
}

/** Files under `dir` whose bytes contain `needle`. */
function filesHolding(dir: string, needle: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && fs.readFileSync(path.join(entry.parentPath, entry.name)).includes(needle))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

function keyPrefixOf(output: string): string {
  const prefix = /under (\S+)\/, encrypted here first/.exec(output)?.[1];
  if (!prefix) throw new Error(`no key prefix in:\n${output}`);
  return `${prefix}/`;
}

for (const name of Object.keys(STORES)) {
  test(`${name}: with client_side_encryption only ciphertext is stored; download --decrypt restores the bytes; a wrong or missing key fails`, async () => {
    const store = await STORES[name]!();
    try {
      const dir = writeProject({
        'enc.yaml': suite({ ...store.settings, client_side_encryption: true }),
        'kms.yaml': suite({ ...store.settings, kms_key_id: 'alias/panoptic-ci' }),
        'out/report.txt': `${MARKER}\n`.repeat(100),
        'small/a.txt': 'a',
      });
      // Over the 16 MiB multipart threshold: the streamed path (S3 multipart, Azure blocks; a folder's
      // is covered by the unit tests). Its key sorts after report.txt, which a wrong key stops at.
      const large = name === 'local' ? undefined : Buffer.concat([randomBytes(16 * 1024 * 1024 + 1024), Buffer.from(MARKER)]);
      if (large) fs.writeFileSync(path.join(dir, 'out', 'video.bin'), large);
      const env = { ...store.env, PANOPTIC_ENCRYPTION_KEY: KEY };

      const upload = await runPanoptic(dir, ['upload', 'out', '--suite', 'enc.yaml', '--run-id', 'sealed'], env);
      expect(upload.exitCode, upload.output).toBe(0);
      expect(upload.stdout).toContain(', encrypted here first (AES-256-GCM, key from PANOPTIC_ENCRYPTION_KEY)');
      // The search looks where the store keeps the objects' bytes: it finds the sealed ones there.
      expect(filesHolding(store.dataDir(dir), 'PNPTCENC').length).toBeGreaterThan(0);
      expect(filesHolding(store.dataDir(dir), MARKER)).toEqual([]);
      if (name === 's3rver') {
        // SSE-S3 on the two files (one single PUT, one multipart) and the run marker.
        expect(store.serverSide!(store.proxy!.requests)).toEqual(['AES256', 'AES256', 'AES256']);
      } else if (name === 'azurite') {
        // Every blob, block, block list and metadata write, of both files and the run marker.
        const scopes = store.serverSide!(store.proxy!.requests);
        expect(scopes.length).toBeGreaterThan(3);
        expect(new Set(scopes)).toEqual(new Set(['panoptic-scope']));
      }

      const prefix = keyPrefixOf(upload.stdout);
      if (name === 'local') {
        // Downloading reads what is stored, whatever the store: one store shows it.
        const asStored = await runPanoptic(dir, ['download', prefix, '-o', 'as-stored', '--suite', 'enc.yaml'], store.env);
        expect(asStored.exitCode, asStored.output).toBe(0);
        expect(asStored.stdout).toContain('1 encrypted, written as stored (add --decrypt, with the key in PANOPTIC_ENCRYPTION_KEY)');
        const stored = fs.readFileSync(path.join(dir, 'as-stored', 'report.txt'));
        expect(stored.subarray(0, SEALED.length)).toEqual(SEALED);
        expect(stored.includes(MARKER)).toBe(false);
      }

      const decrypted = await runPanoptic(dir, ['download', prefix, '-o', 'decrypted', '--suite', 'enc.yaml', '--decrypt'], env);
      expect(decrypted.exitCode, decrypted.output).toBe(0);
      expect(fs.readFileSync(path.join(dir, 'decrypted', 'report.txt'))).toEqual(fs.readFileSync(path.join(dir, 'out', 'report.txt')));
      if (large) expect(fs.readFileSync(path.join(dir, 'decrypted', 'video.bin')).equals(large)).toBe(true);

      const wrong = await runPanoptic(dir, ['download', prefix, '-o', 'wrong', '--suite', 'enc.yaml', '--decrypt'], { ...env, PANOPTIC_ENCRYPTION_KEY: randomBytes(32).toString('hex') });
      expect(wrong.exitCode).toBe(1);
      expect(wrong.stderr).toMatch(/error: DecryptionError: "[^"]+report\.txt" in .+ was encrypted with another key \(key id [0-9a-f]{16}\); the key in PANOPTIC_ENCRYPTION_KEY has id/);
      expect(fs.existsSync(path.join(dir, 'wrong'))).toBe(false);
      if (name === 'local') {
        // Without its key nothing goes up, not even in clear (the key is read before any store opens).
        const refused = await runPanoptic(dir, ['upload', 'out', '--suite', 'enc.yaml', '--run-id', 'no-key'], { ...store.env, PANOPTIC_ENCRYPTION_KEY: '' });
        expect(refused.exitCode).toBe(1);
        expect(refused.stderr).toContain('client-side encryption needs its key in the environment variable PANOPTIC_ENCRYPTION_KEY, which is not set');
        expect(fs.readdirSync(path.join(dir, 'store', 'panoptic', 'Encryption'))).toEqual(['sealed']);
      }
      if (name === 's3rver') {
        // SSE-KMS with kms_key_id, on the file and the run marker.
        store.proxy!.requests.length = 0;
        const kms = await runPanoptic(dir, ['upload', 'small', '--suite', 'kms.yaml', '--run-id', 'kms'], store.env);
        expect(kms.exitCode, kms.output).toBe(0);
        expect(store.serverSide!(store.proxy!.requests)).toEqual(['aws:kms', 'aws:kms']);
        expect(writes(store.proxy!.requests, isS3Write, 'x-amz-server-side-encryption-aws-kms-key-id')).toEqual(['alias/panoptic-ci', 'alias/panoptic-ci']);
      }
    } finally {
      await store.stop();
    }
  });
}

test('a YAML run with client_side_encryption uploads only ciphertext, and the reports say which artifacts are encrypted', async () => {
  const yaml = JSON.stringify({
    name: 'Sealed run',
    apps: [{ name: `sealed-${MARKER}`, type: 'web', url: `${demo.url}/dashboard`, actions: [{ name: 'shot', type: 'screenshot', parameters: { filename: 'dashboard.png' } }] }],
    settings: {
      // Uploaded as each test ends and deleted here: the screenshot's only copy is then sealed.
      cloud: { provider: 'local', bucket: 'store', client_side_encryption: true, encryption_key_env: 'CI_STORE_KEY', enable_sync: true, sync_interval: 0, delete_local_after_sync: true },
    },
  });
  const dir = writeProject({ 'suite.yaml': yaml });
  const run = await runPanoptic(dir, ['run', 'suite.yaml'], { CI_STORE_KEY: KEY, PANOPTIC_RUN_ID: 'sealed-run' });
  expect(run.exitCode, run.output).toBe(0);
  const summary = summarySchema.parse(JSON.parse(fs.readFileSync(path.join(dir, 'panoptic-results', 'summary.json'), 'utf8')));
  expect(summary.uploads).toMatchObject({ encrypted: 'aes-256-gcm', failed: [] });
  expect(summary.uploads!.uploaded).toBeGreaterThan(3);
  const sealedShot = { name: 'dashboard.png (encrypted: panoptic download --decrypt)', contentType: 'application/vnd.panoptic.encrypted' };
  expect(summary.tests[0]!.artifacts).toEqual(expect.arrayContaining([expect.objectContaining(sealedShot)]));

  expect(filesHolding(path.join(dir, 'store'), MARKER)).toEqual([]);
  const objects = fs
    .readdirSync(path.join(dir, 'store'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !path.relative(path.join(dir, 'store'), entry.parentPath).startsWith('.panoptic'));
  expect(objects.map((entry) => entry.name)).toEqual(expect.arrayContaining(['dashboard.png', 'summary.json', 'summary.md', 'index.html', 'history.json', 'panoptic-run.json']));
  for (const entry of objects) expect(fs.readFileSync(path.join(entry.parentPath, entry.name)).subarray(0, SEALED.length), entry.name).toEqual(SEALED);

  // The report, read back with the key, holds the app's name and names the sealed screenshot.
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-decrypted-'));
  try {
    const download = await runPanoptic(dir, ['download', `${summary.uploads!.prefix}/report/index.html`, '-o', out, '--suite', 'suite.yaml', '--decrypt'], { CI_STORE_KEY: KEY });
    expect(download.exitCode, download.output).toBe(0);
    const report = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
    expect(report).toContain(MARKER);
    expect(report).toContain('Encrypted in the store (AES-256-GCM), read with <code>panoptic download --decrypt</code>: dashboard.png (encrypted: panoptic download --decrypt)');
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});
