import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import {
  cloudOptionsFromSettings,
  createProvider,
  listRuns,
  applyRetention,
  syncFolder,
  uploadFiles,
  markRun,
  MANIFEST_NAME,
  RUN_MARKER_NAME,
  type StorageProvider,
} from '@panoptic/cloud';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';
import { runPanoptic, writeProject } from '../helpers/inline.js';
import { AZURITE_KEY, startAzurite, startS3rver, type ServerHandle } from '../helpers/storage-servers.js';

// Sync, retention and the storage commands against real servers (s3rver and Azurite as child
// processes), each with its files in a temp folder. The commands run as the real `panoptic` binary.

interface Server {
  name: string;
  handle: ServerHandle;
  /** settings.cloud for this server, optionally reached through another endpoint (a fault proxy). */
  settings(endpoint?: string): Record<string, unknown>;
  /** What the commands need in their environment (credentials), optionally through another endpoint. */
  env(endpoint?: string): Record<string, string>;
  /** The flags that name the store on a command line. */
  flags(endpoint?: string): string[];
  /** Text that must never appear in any output. */
  secret: string;
}

const SERVERS: Record<string, () => Promise<Server>> = {
  s3rver: async () => {
    const s3 = await startS3rver();
    return {
      name: 's3rver',
      handle: s3,
      settings: (endpoint = s3.endpoint) => ({ provider: 's3', bucket: s3.bucket, endpoint, region: 'us-east-1', access_key: s3.accessKey, secret_key: s3.secretKey }),
      env: () => ({ AWS_ACCESS_KEY_ID: s3.accessKey, AWS_SECRET_ACCESS_KEY: s3.secretKey }),
      flags: (endpoint = s3.endpoint) => ['--provider', 's3', '--bucket', s3.bucket, '--endpoint', endpoint, '--region', 'us-east-1'],
      secret: s3.secretKey,
    };
  },
  azurite: async () => {
    const azurite = await startAzurite();
    const blobEndpoint = (endpoint?: string) => (endpoint ? `${endpoint}/${azurite.accountName}` : azurite.endpoint);
    return {
      name: 'azurite',
      handle: azurite,
      settings: (endpoint) => ({ provider: 'azure', bucket: azurite.container, connection_string: azurite.connectionString(blobEndpoint(endpoint)) }),
      env: (endpoint) => ({ AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString(blobEndpoint(endpoint)) }),
      flags: () => ['--provider', 'azure', '--bucket', azurite.container],
      secret: AZURITE_KEY,
    };
  },
};

const FAST = { retry_attempts: 1, retry_backoff_ms: 20, parallel_uploads: 4 };

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

function writeFiles(dir: string, files: Record<string, Buffer | string>): void {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, ...name.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

/** Every file under `dir`, relative path to SHA-256. */
function localHashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (folder: string, relative: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const rel = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) visit(path.join(folder, entry.name), rel);
      else out[rel] = sha256(fs.readFileSync(path.join(folder, entry.name)));
    }
  };
  visit(dir, '');
  return out;
}

/** Every object under `prefix/`, relative key to SHA-256 of its content; the manifest left out. */
async function storedHashes(provider: StorageProvider, prefix: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for await (const object of provider.list(`${prefix}/`)) {
    const name = object.key.slice(prefix.length + 1);
    if (name !== MANIFEST_NAME) out[name] = sha256(await provider.get(object.key));
  }
  return out;
}

function randomFiles(count: number, bytes: number, folder = 'shots'): Record<string, Buffer> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`${folder}/${String(i).padStart(3, '0')}.png`, randomBytes(bytes)]));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const [serverName, start] of Object.entries(SERVERS)) {
  test.describe(`${serverName}`, () => {
    // One server per worker, its tests in order; each test works under its own prefix.
    test.describe.configure({ mode: 'default' });

    let server: Server;
    let provider: StorageProvider;
    const made: string[] = [];
    const proxies: FaultProxy[] = [];

    const tempProject = (files: Record<string, string> = {}) => {
      const dir = writeProject(files);
      made.push(dir);
      return dir;
    };
    const providerFor = async (overrides: Record<string, unknown> = {}, endpoint?: string) =>
      createProvider(cloudOptionsFromSettings({ ...server.settings(endpoint), ...FAST, ...overrides }, {}));
    const proxy = async () => {
      const started = await startFaultProxy({ port: server.handle.port });
      proxies.push(started);
      return started;
    };

    test.beforeAll(async () => {
      server = await start();
      provider = await providerFor();
    });

    test.afterAll(async () => {
      for (const p of proxies) await p.close();
      await server?.handle.stop();
      for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
    });

    test('a second sync uploads only what changed', async () => {
      const local = path.join(tempProject(), 'out');
      const files = { ...randomFiles(12, 20_000), 'summary.json': '{"version":1}', 'report/index.html': '<html>1</html>' };
      writeFiles(local, files);
      const prefix = 'sync-changes/web/run-1/all';
      const transfer = cloudOptionsFromSettings({ ...server.settings(), ...FAST }, {}).transfer;

      const first = await syncFolder(provider, local, prefix, { transfer, deleteLocalAfterSync: false });
      expect(first.failed).toEqual([]);
      expect(first.uploaded).toHaveLength(14);
      expect(first.manifestSaved).toBe(true);

      writeFiles(local, { 'report/index.html': '<html>2</html>', 'shots/new.png': randomBytes(5000) });
      const second = await syncFolder(provider, local, prefix, { transfer, deleteLocalAfterSync: false });
      expect(second.uploaded.map((f) => f.path)).toEqual(['report/index.html', 'shots/new.png']);
      expect(second.skipped).toHaveLength(13);
      expect(second.failed).toEqual([]);
      expect(await storedHashes(provider, prefix)).toEqual(localHashes(local));

      const third = await syncFolder(provider, local, prefix, { transfer, deleteLocalAfterSync: false });
      expect(third.uploaded).toEqual([]);
      expect(third.skipped).toHaveLength(15);
    });

    test('delete_local_after_sync deletes only uploads the store verified', async () => {
      const local = path.join(tempProject(), 'out');
      const files = randomFiles(6, 30_000);
      writeFiles(local, { ...files, 'bad%2e.txt': 'an unsafe key' });
      const prefix = 'sync-delete/web/run-1/all';
      const faults = await proxy();
      const viaProxy = await providerFor({}, faults.url);
      const options = cloudOptionsFromSettings({ ...server.settings(), ...FAST }, {});

      // The store answers 503 to everything: nothing is verified, so nothing local is deleted.
      faults.always({ kind: 'http503' });
      const refused = await syncFolder(viaProxy, local, prefix, { transfer: options.transfer, deleteLocalAfterSync: true }).catch((error: Error) => error);
      // The manifest itself could not be read through a store that refuses everything.
      expect(refused).toBeInstanceOf(Error);
      expect((refused as Error).message).toContain('could not read the sync manifest');
      expect(Object.keys(localHashes(local))).toHaveLength(7);

      // The manifest is readable, every upload is refused: still nothing is deleted.
      const uploadsRefused: StorageProvider = {
        name: viaProxy.name,
        location: viaProxy.location,
        acceptsLateProperties: viaProxy.acceptsLateProperties,
        put: (key, body, putOptions) => viaProxy.put(key, body, putOptions),
        head: (key) => viaProxy.head(key),
        get: (key) => provider.get(key),
        list: (listPrefix) => provider.list(listPrefix),
        delete: (keys) => viaProxy.delete(keys),
        signedUrl: (key, seconds) => viaProxy.signedUrl(key, seconds),
      };
      const failed = await syncFolder(uploadsRefused, local, prefix, { transfer: options.transfer, deleteLocalAfterSync: true });
      expect(failed.uploaded).toEqual([]);
      expect(failed.deletedLocal).toEqual([]);
      expect(failed.failed).toHaveLength(7);
      expect(failed.failed.find((f) => f.path === 'shots/000.png')?.cause).toContain('503');
      expect(failed.failed.find((f) => f.path === 'bad%2e.txt')?.cause).toContain('unsafe storage key');
      expect(failed.keptLocal).toHaveLength(7);
      expect(failed.manifestSaved).toBe(false);
      expect(failed.manifestError).toContain('could not save the sync manifest');
      expect(Object.keys(localHashes(local))).toHaveLength(7);

      // The store works again: every upload verified is deleted locally, the unsafe name stays.
      faults.always(undefined);
      await faults.dropConnections();
      const before = localHashes(local);
      const done = await syncFolder(viaProxy, local, prefix, { transfer: options.transfer, deleteLocalAfterSync: true });
      expect(done.uploaded).toHaveLength(6);
      expect(done.deletedLocal).toEqual(Object.keys(files).sort());
      expect(done.keptLocal).toEqual([{ path: 'bad%2e.txt', reason: 'its upload failed' }]);
      expect(fs.readdirSync(local)).toEqual(['bad%2e.txt']);
      const stored = await storedHashes(provider, prefix);
      for (const name of Object.keys(files)) expect(stored[name], name).toBe(before[name]);
    });

    test('a sync cut off by the server stopping completes with `panoptic sync` after a restart, losing nothing', async () => {
      const project = tempProject();
      const local = path.join(project, 'out');
      const files = randomFiles(150, 60_000);
      writeFiles(local, files);
      const originals = localHashes(local);
      const prefix = 'interrupted/web/run-1/all';
      const options = cloudOptionsFromSettings({ ...server.settings(), ...FAST, parallel_uploads: 2 }, {});

      let stopping: Promise<void> | undefined;
      const first = await syncFolder(provider, local, prefix, {
        transfer: options.transfer,
        deleteLocalAfterSync: true,
        onProgress: (progress) => {
          // The signal goes out synchronously: the uploads still queued meet a stopped server.
          if (progress.phase === 'uploading' && progress.done >= 5 && !stopping) stopping = server.handle.kill();
        },
      });
      await stopping;
      expect(first.uploaded.length).toBeGreaterThanOrEqual(5);
      expect(first.failed.length).toBeGreaterThan(0);
      expect(first.uploaded.length + first.failed.length).toBe(150);
      // Only verified uploads left the folder; everything failed is still there, unchanged.
      expect(first.deletedLocal).toEqual(first.uploaded.map((f) => f.path));
      const left = localHashes(local);
      expect(Object.keys(left).sort()).toEqual(first.failed.map((f) => f.path).sort());
      for (const [name, hash] of Object.entries(left)) expect(hash).toBe(originals[name]);

      await server.handle.restart();
      const run = await runPanoptic(
        project,
        ['sync', 'out', ...server.flags(), '--prefix', 'interrupted', '--project', 'web', '--run-id', 'run-1', '--delete-local'],
        server.env(),
      );
      expect(run.exitCode, run.output).toBe(0);
      expect(run.stdout).toContain(`uploaded ${first.failed.length} file`);
      expect(run.stdout).toContain(`deleted ${first.failed.length} local file`);
      expect(run.output).not.toContain(server.secret);
      expect(fs.readdirSync(local)).toEqual([]);
      expect(await storedHashes(provider, prefix)).toEqual(originals);
    });

    test('retention deletes old runs by days and by size and keeps the newest', async () => {
      const local = path.join(tempProject(), 'run');
      writeFiles(local, randomFiles(3, 10_000));
      const uploadRun = async (project: string, runId: string) => {
        const items = ['000', '001', '002'].map((n) => ({ file: path.join(local, 'shots', `${n}.png`), key: `retention/${project}/${runId}/all/${n}.png` }));
        const results = await uploadFiles(provider, items, cloudOptionsFromSettings({ ...server.settings(), ...FAST }, {}).transfer);
        expect(results.map((r) => r.status)).toEqual(['uploaded', 'uploaded', 'uploaded']);
        // Retention deletes only runs Panoptic marked as its own.
        await markRun(provider, `retention/${project}/${runId}`);
      };
      // Stores keep modification times to the second: runs a second apart are ordered.
      for (const [project, runId] of [['api', 'run-1'], ['web', 'run-1'], ['web', 'run-2'], ['web', 'run-3']] as const) {
        await uploadRun(project, runId);
        await sleep(1100);
      }
      const runs = await listRuns(provider, 'retention');
      expect(runs.map((r) => `${r.project}/${r.runId}`)).toEqual(['api/run-1', 'web/run-1', 'web/run-2', 'web/run-3']);
      const [, web1, web2] = runs;

      // By days: the cutoff falls between web/run-1 and web/run-2; api/run-1 is older but its project's newest.
      const cutoff = (web1!.newest.getTime() + web2!.newest.getTime()) / 2;
      const marker = await provider.head(`retention/web/run-1/${RUN_MARKER_NAME}`);
      const byDays = await applyRetention(provider, 'retention', { days: 3, now: new Date(cutoff + 3 * 24 * 3600 * 1000) });
      expect(byDays.deletedRuns.map((r) => `${r.project}/${r.runId}:${r.reason}`)).toEqual(['web/run-1:age']);
      expect(byDays.bytesFreed).toBe(30_000 + marker!.size);

      // By size: room for two runs; the oldest unprotected one goes.
      const bySize = await applyRetention(provider, 'retention', { maxSizeGb: 60_000 / 1024 ** 3 });
      expect(bySize.deletedRuns.map((r) => `${r.project}/${r.runId}:${r.reason}`)).toEqual(['web/run-2:size']);
      expect((await listRuns(provider, 'retention')).map((r) => `${r.project}/${r.runId}`)).toEqual(['api/run-1', 'web/run-3']);
      expect(await provider.head('retention/web/run-1/all/000.png')).toBeUndefined();
    });

    test('panoptic upload, sync and cleanup end to end: output, exit codes, no secrets', async () => {
      const project = tempProject({
        'suite.yaml': [
          'name: Shop',
          'apps:',
          '  - name: web',
          '    type: web',
          '    url: http://127.0.0.1:9/',
          '    actions:',
          '      - name: shot',
          '        type: screenshot',
          'settings:',
          '  cloud:',
          `    provider: ${serverName === 's3rver' ? 's3' : 'azure'}`,
          `    bucket: ${server.settings().bucket as string}`,
          ...(serverName === 's3rver' ? [`    endpoint: ${server.settings().endpoint as string}`, '    region: us-east-1'] : []),
          '    parallel_uploads: 4',
          '    retry_attempts: 1',
          '    retry_backoff_ms: 20',
          '',
        ].join('\n'),
      });
      writeFiles(path.join(project, 'out'), { ...randomFiles(5, 8_000), 'summary.json': '{}' });

      // upload from the suite's settings.cloud: the project folder is the suite's name.
      const upload = await runPanoptic(project, ['upload', 'out', '--suite', 'suite.yaml', '--prefix', 'cli', '--run-id', 'run-1'], server.env());
      expect(upload.exitCode, upload.output).toBe(0);
      expect(upload.stdout).toContain('uploading 6 files');
      expect(upload.stdout).toContain('under cli/Shop/run-1/all/');
      expect(upload.stdout).toMatch(/uploaded 6 files \([\d.]+ kB\) in [\d.]+ s/);
      expect(Object.keys(await storedHashes(provider, 'cli/Shop/run-1/all')).sort()).toEqual(Object.keys(localHashes(path.join(project, 'out'))).sort());

      // upload from flags; then through a store that refuses everything: exit 1, every file listed with its cause.
      const flagged = await runPanoptic(project, ['upload', 'out', ...server.flags(), '--prefix', 'cli', '--project', 'web', '--run-id', 'run-0'], server.env());
      expect(flagged.exitCode, flagged.output).toBe(0);
      expect(flagged.stdout).toContain('under cli/web/run-0/all/');
      const faults = await proxy();
      faults.always({ kind: 'http503' });
      const refused = await runPanoptic(
        project,
        ['upload', 'out', ...server.flags(faults.url), '--prefix', 'cli', '--project', 'web', '--run-id', 'run-9'],
        server.env(faults.url),
      );
      expect(refused.exitCode, refused.output).toBe(1);
      expect(refused.stdout).toContain('uploaded 0 files');
      expect(refused.stderr).toContain('failed 6 files:');
      for (const name of ['shots/000.png', 'shots/004.png', 'summary.json']) {
        expect(refused.stderr).toMatch(new RegExp(`\\n  ${name.replace(/\./g, '\\.')}: could not upload .* after \\d+ attempts: .*503`));
      }
      expect(refused.output).not.toContain(server.secret);

      // sync twice: the second run uploads only the changed file.
      const sync = (args: string[] = []) =>
        runPanoptic(project, ['sync', 'out', ...server.flags(), '--prefix', 'cli', '--project', 'web', '--run-id', 'run-2', ...args], server.env());
      const firstSync = await sync();
      expect(firstSync.exitCode, firstSync.output).toBe(0);
      expect(firstSync.stdout).toContain('uploaded 6 files');
      fs.writeFileSync(path.join(project, 'out', 'summary.json'), '{"changed":true}');
      const secondSync = await sync();
      expect(secondSync.exitCode, secondSync.output).toBe(0);
      expect(secondSync.stdout).toContain('uploaded 1 file (16 B), 5 files unchanged, 0 files failed');

      // cleanup: no policy is an error; a dry run lists and keeps; the real one keeps each project's newest run.
      const noPolicy = await runPanoptic(project, ['cleanup', ...server.flags(), '--prefix', 'cli'], server.env());
      expect(noPolicy.exitCode).toBe(1);
      expect(noPolicy.stderr).toContain('error: no retention policy: pass --days and/or --max-size-gb');
      const dry = await runPanoptic(project, ['cleanup', ...server.flags(), '--prefix', 'cli', '--days', '0', '--dry-run'], server.env());
      expect(dry.exitCode, dry.output).toBe(0);
      expect(dry.stdout).toContain('dry run: cleaning up runs older than 0 days');
      // 7 objects: the 6 files and Panoptic's run marker.
      expect(dry.stdout).toMatch(/would delete cli\/web\/run-0\/ \([\d.]+ kB, 7 objects, last written .*; older than the retention days\)/);
      expect(dry.stdout).toContain('would free');
      const runsNow = async () => (await listRuns(provider, 'cli')).map((r) => `${r.project}/${r.runId}`).sort();
      expect(await runsNow()).toEqual(['Shop/run-1', 'web/run-0', 'web/run-2']);
      const cleanup = await runPanoptic(project, ['cleanup', ...server.flags(), '--prefix', 'cli', '--days', '0'], server.env());
      expect(cleanup.exitCode, cleanup.output).toBe(0);
      expect(cleanup.output).not.toContain(server.secret);
      expect(cleanup.stdout).toMatch(/deleted cli\/web\/run-0\//);
      expect(await runsNow()).toEqual(['Shop/run-1', 'web/run-2']);
    });
  });
}
