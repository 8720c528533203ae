import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import { repoRoot, runPanoptic, writeProject, type InlineRun } from '../../helpers/inline.js';
import { startPostgres, type PostgresHandle } from '../../helpers/postgres.js';
import { openDatabase, type DatabaseLocation } from '../../../packages/server/dist/db/open.js';

// Each server test runs twice: on embedded PGlite and on a real PostgreSQL server. One PostgreSQL
// cluster per worker, a fresh database per test. Building a database costs seconds (PGlite's first
// open runs initdb, then every migration runs), so each worker builds one migrated template per kind
// and each test gets a copy: a copied folder for PGlite, CREATE DATABASE ... TEMPLATE for PostgreSQL.
// A test about migrating itself asks for an unmigrated copy with `test.use({ migrated: false })`.

export type Kind = 'pglite' | 'postgres';
export const KINDS: readonly Kind[] = ['pglite', 'postgres'];

const panopticCli = path.join(repoRoot, 'packages', 'cli', 'dist', 'bin.js');

export interface ServerProcess {
  url: string;
  /** Everything the process printed so far. */
  output: () => string;
  stop: () => Promise<void>;
}

/** The fields of the API's JSON bodies that tests read. */
export interface ApiBody {
  error?: string;
  problems?: string[];
  token?: string;
  id?: number;
  active?: boolean;
  total?: number;
  items?: Record<string, unknown>[];
  permissions?: string[];
  openapi?: string;
  paths?: Record<string, object>;
  [key: string]: unknown;
}

export interface Api {
  /** An HTTP call to a server; every response body is kept for the secrets check at the end of the test. */
  (url: string, method: string, route: string, options?: { token?: string; body?: unknown }): Promise<{ status: number; body: ApiBody }>;
}

export interface ServerFixtures {
  kind: Kind;
  /** Whether the test's database starts with the server's schema (default) or empty, as on a first start. */
  migrated: boolean;
  /** The test's project folder (a suite can be written there). */
  dir: string;
  /** How the test's database is reached: DATABASE_URL, or a --data folder. */
  database: { env: NodeJS.ProcessEnv; args: string[]; url?: string };
  panoptic: (args: string[], env?: NodeJS.ProcessEnv) => Promise<InlineRun>;
  /** `panoptic server init` and the admin password it printed. */
  init: (args?: string[]) => Promise<{ run: InlineRun; password: string }>;
  startServer: (args?: string[], env?: NodeJS.ProcessEnv) => Promise<ServerProcess>;
  api: Api;
  /** Passwords the test used: no response body or server log may contain one, nor any hash. */
  secrets: Set<string>;
}

interface WorkerFixtures {
  /** Starts what a kind needs on first use only, so a worker that runs only PGlite tests starts no PostgreSQL. */
  databases: DatabaseSource;
}

interface DatabaseSource {
  /** A new database of `kind` (a PGlite folder under `dir`), migrated unless `migrated` is false. */
  fresh: (kind: Kind, dir: string, migrated?: boolean) => Promise<ServerFixtures['database']>;
}

// Tests need not pay scrypt's production cost on every login; the format keeps the cost with each hash.
const TEST_ENV = { PANOPTIC_SCRYPT_COST: '14' };

function waitForListening(child: ChildProcess, output: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const match = /listening on (http:\/\/\S+)/.exec(output());
      if (match) resolve(match[1]!);
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => reject(new Error(`panoptic server start exited with ${code}:\n${output()}`)));
  });
}

function spawnServer(dir: string, args: string[], env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  const child = spawn(process.execPath, [panopticCli, 'server', 'start', '--port', '0', ...args], { cwd: dir, env: { ...process.env, ...TEST_ENV, ...env } });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return waitForListening(child, () => output).then(
    (url) => ({ url, output: () => output, stop }),
    async (error: unknown) => {
      await stop();
      throw error;
    },
  );
}

/** Brings a database's schema up to date the way the server does when it opens it. */
async function migrate(location: DatabaseLocation): Promise<void> {
  const { db } = await openDatabase(location);
  await db.close();
}

/** A worker's template databases, each built on first use: PostgreSQL's cluster and PGlite's folders. */
class Templates {
  private postgres: Promise<PostgresHandle> | undefined;
  private postgresMigrated: Promise<string> | undefined;
  private pglite: Promise<string> | undefined;
  private pgliteMigrated: Promise<string> | undefined;

  async fresh(kind: Kind, dir: string, migrated: boolean): Promise<ServerFixtures['database']> {
    if (kind === 'postgres') {
      const server = await (this.postgres ??= startPostgres());
      const template = migrated ? await (this.postgresMigrated ??= this.migratedPostgres(server)) : undefined;
      const url = await server.createDatabase(template);
      return { env: { DATABASE_URL: url }, args: [], url };
    }
    const folder = migrated ? (this.pgliteMigrated ??= this.migratedPglite()) : this.emptyPglite();
    const data = path.join(dir, 'data');
    fs.cpSync(await folder, data, { recursive: true });
    return { env: {}, args: ['--data', data] };
  }

  async dispose(): Promise<void> {
    if (this.postgres) await (await this.postgres).stop();
    for (const folder of [this.pglite, this.pgliteMigrated]) if (folder) fs.rmSync(await folder, { recursive: true, force: true });
  }

  private async migratedPostgres(server: PostgresHandle): Promise<string> {
    const url = await server.createDatabase();
    await migrate({ database_url: url, data_dir: '' });
    return new URL(url).pathname.slice(1);
  }

  /** initdb's output, which the migrated template starts from too. */
  private emptyPglite(): Promise<string> {
    return (this.pglite ??= (async () => {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-pglite-'));
      const { PGlite } = await import('@electric-sql/pglite');
      await (await PGlite.create(folder)).close();
      return folder;
    })());
  }

  private async migratedPglite(): Promise<string> {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-pglite-migrated-'));
    fs.cpSync(await this.emptyPglite(), folder, { recursive: true });
    await migrate({ data_dir: folder });
    return folder;
  }
}

export const test = base.extend<ServerFixtures, WorkerFixtures>({
  kind: ['pglite', { option: true }],
  migrated: [true, { option: true }],
  databases: [
    async ({}, use) => {
      const source = new Templates();
      await use({ fresh: (kind, dir, migrated = true) => source.fresh(kind, dir, migrated) });
      await source.dispose();
    },
    { scope: 'worker', timeout: 180_000 },
  ],
  dir: async ({}, use) => {
    const dir = writeProject({});
    await use(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  },
  database: async ({ kind, dir, databases, migrated }, use) => {
    await use(await databases.fresh(kind, dir, migrated));
  },
  secrets: async ({}, use) => {
    await use(new Set());
  },
  panoptic: async ({ dir, database }, use) => {
    await use((args, env = {}) => runPanoptic(dir, [...args, ...(args[0] === 'server' ? database.args : [])], { ...TEST_ENV, ...database.env, ...env }));
  },
  init: async ({ panoptic, secrets }, use) => {
    await use(async (args = []) => {
      const run = await panoptic(['server', 'init', ...args]);
      expect(run.exitCode, run.output).toBe(0);
      const password = /Admin password \(shown only this once; store it now\): (\S+)/.exec(run.stdout)?.[1];
      if (!password) throw new Error(`init printed no password:\n${run.output}`);
      secrets.add(password);
      return { run, password };
    });
  },
  startServer: async ({ dir, database, secrets }, use) => {
    const started: ServerProcess[] = [];
    await use(async (args = [], env = {}) => {
      const server = await spawnServer(dir, [...database.args, ...args], { ...database.env, ...env });
      started.push(server);
      return server;
    });
    await Promise.all(started.map((server) => server.stop()));
    for (const server of started) expectNoSecret(server.output(), secrets, 'the server log');
  },
  api: async ({ secrets }, use) => {
    const bodies: string[] = [];
    await use(async (url, method, route, options = {}) => {
      const response = await fetch(new URL(route, url), {
        method,
        headers: { ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
      const text = await response.text();
      bodies.push(text);
      return { status: response.status, body: text ? (JSON.parse(text) as ApiBody) : {} };
    });
    for (const body of bodies) expectNoSecret(body, secrets, 'a response');
  },
});

/** No password the test used and no password hash appears in `text`. */
function expectNoSecret(text: string, secrets: Set<string>, where: string): void {
  expect(text, `${where} shows a password hash`).not.toMatch(/scrypt\$/);
  for (const secret of secrets) expect(text.includes(secret), `${where} contains a password`).toBe(false);
}

export async function login(api: Api, url: string, username: string, password: string): Promise<string> {
  const response = await api(url, 'POST', '/api/v1/sessions', { body: { username, password } });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.token ?? '';
}

/** Creates a user through the API as `admin` and signs it in; its password joins the test's secrets. */
export async function addUser(api: Api, url: string, admin: string, secrets: Set<string>, username: string, role: string): Promise<{ id: number; token: string }> {
  const password = `${username[0]!.toUpperCase()}${username.slice(1)}-pass-2024`;
  secrets.add(password);
  const created = await api(url, 'POST', '/api/v1/users', { token: admin, body: { username, password, role } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { id: created.body.id ?? 0, token: await login(api, url, username, password) };
}

/** A suite in `dir` whose settings.enterprise is `enterprise` (YAML lines indented by four spaces). */
export function writeSuite(dir: string, enterprise: string): string {
  const file = path.join(dir, 'server.yaml');
  fs.writeFileSync(file, `name: server\napps:\n  - name: web\n    type: web\n    url: http://localhost:3000\nsettings:\n  enterprise:\n${enterprise}`);
  return file;
}

export { expect };
