import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

// Real storage servers for integration tests, each a child process in its own process group on a
// free loopback port with its files in a fresh temp folder. `kill()` stops the process and keeps
// the files (an outage), `restart()` brings it back on the same port and folder, `stop()` ends it
// for good and removes the folder.

const require = createRequire(import.meta.url);

export interface ServerHandle {
  endpoint: string;
  port: number;
  /** The server's data folder. */
  directory: string;
  kill(): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface S3rverHandle extends ServerHandle {
  bucket: string;
  accessKey: string;
  secretKey: string;
}

export interface AzuriteHandle extends ServerHandle {
  container: string;
  accountName: string;
  accountKey: string;
  /** A connection string for the well-known development account, pointing at `blobEndpoint` (default: this server). */
  connectionString(blobEndpoint?: string): string;
}

/** Azurite's fixed development account (public, documented by Microsoft; not a secret). */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) killGroup(child, 'SIGKILL');
});

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function binOf(pkg: string, bin: string): string {
  const manifest = require.resolve(`${pkg}/package.json`);
  const json = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { bin: Record<string, string> };
  return path.join(path.dirname(manifest), json.bin[bin]!);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    live.delete(child);
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
  live.delete(child);
}

/** Starts `script` with Node in its own process group and waits until `url` answers HTTP. */
async function startProcess(name: string, script: string, args: string[], url: string, env: NodeJS.ProcessEnv = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, [script, ...args], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  live.add(child);
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      live.delete(child);
      throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output}`);
    }
    try {
      await fetch(url, { signal: AbortSignal.timeout(2_000) });
      return child;
    } catch {
      if (Date.now() > deadline) {
        await stopProcess(child);
        throw new Error(`${name} did not answer at ${url} within 30 s:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function serverHandle(name: string, directory: string, port: number, endpoint: string, launch: () => Promise<ChildProcess>, child: ChildProcess) {
  let current: ChildProcess | undefined = child;
  return {
    endpoint,
    port,
    directory,
    async kill() {
      if (current) await stopProcess(current);
      current = undefined;
    },
    async restart() {
      if (current) await stopProcess(current);
      current = await launch();
    },
    async stop() {
      if (current) await stopProcess(current);
      current = undefined;
      fs.rmSync(directory, { recursive: true, force: true });
    },
    toString: () => `${name} at ${endpoint}`,
  };
}

/**
 * s3rver with one bucket. It needs the legacy OpenSSL provider on current Node, or paged listings
 * fail with a 500. It checks that the access key id exists but never checks SigV4 signatures, does
 * not verify Content-MD5, and its multipart ETag is not S3's `<md5 of md5s>-<parts>`.
 */
export async function startS3rver(bucket = 'panoptic-test'): Promise<S3rverHandle> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-s3rver-'));
  const directory = path.join(home, 'data');
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const script = path.join(home, 'start-s3rver.cjs');
  fs.writeFileSync(script, s3rverBootstrap());
  const launch = () =>
    startProcess('s3rver', script, ['--directory', directory, '--address', '127.0.0.1', '--port', String(port), '--silent', '--configure-bucket', bucket], endpoint, {
      NODE_OPTIONS: [process.env.NODE_OPTIONS, '--openssl-legacy-provider'].filter(Boolean).join(' '),
    });
  const child = await launch();
  // s3rver's built-in account.
  const handle = serverHandle('s3rver', home, port, endpoint, launch, child);
  return { ...handle, directory, bucket, accessKey: 'S3RVER', secretKey: 'S3RVER' };
}

/**
 * s3rver's CLI with one fix: after deleting an object it removes emptied folders, and fails with a
 * 500 when two deletes of one batch race to remove the same folder, or when the key's folder does
 * not exist. S3 deletes are idempotent and never fail that way, so that cleanup error is ignored
 * (the object itself is gone by then).
 */
function s3rverBootstrap(): string {
  const store = require.resolve('s3rver/lib/stores/filesystem.js');
  return [
    `const Store = require(${JSON.stringify(store)});`,
    'const deleteObject = Store.prototype.deleteObject;',
    'Store.prototype.deleteObject = async function (bucket, key) {',
    '  try {',
    '    return await deleteObject.call(this, bucket, key);',
    '  } catch (error) {',
    "    if (error && error.code === 'ENOENT') return;",
    '    throw error;',
    '  }',
    '};',
    `require(${JSON.stringify(binOf('s3rver', 's3rver'))});`,
    '',
  ].join('\n');
}

/** Azurite's blob service with one container, on the development account. It checks SharedKey signatures and SAS expiry. */
export async function startAzurite(container = 'panoptic-test'): Promise<AzuriteHandle> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-azurite-'));
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}/${AZURITE_ACCOUNT}`;
  const script = binOf('azurite', 'azurite-blob');
  const connectionString = (blobEndpoint = endpoint) =>
    `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};BlobEndpoint=${blobEndpoint};`;
  const launch = async () => {
    const child = await startProcess(
      'azurite-blob',
      script,
      ['--blobHost', '127.0.0.1', '--blobPort', String(port), '--location', directory, '--skipApiVersionCheck', '--disableTelemetry', '--silent'],
      `http://127.0.0.1:${port}/`,
    );
    const { BlobServiceClient } = await import('@azure/storage-blob');
    await BlobServiceClient.fromConnectionString(connectionString()).getContainerClient(container).createIfNotExists();
    return child;
  };
  const child = await launch();
  return {
    ...serverHandle('azurite', directory, port, endpoint, launch, child),
    container,
    accountName: AZURITE_ACCOUNT,
    accountKey: AZURITE_KEY,
    connectionString,
  };
}
