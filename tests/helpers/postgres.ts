import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './storage-servers.js';

// A real PostgreSQL server for tests, from Debian's `postgresql` package (scripts/prepare.mjs --tests
// installs it): a fresh cluster in a temp folder on a free loopback port, trust authentication,
// fsync off (a test cluster needs no durability). PostgreSQL refuses to run as root, so as root the
// cluster belongs to the `postgres` user.

const run = promisify(execFile);
const USER = 'panoptic';

export interface PostgresHandle {
  port: number;
  /** A connection string for `database` on this server. */
  url(database: string): string;
  /**
   * A new database, for one test; returns its connection string. Empty, or a copy of the database
   * named `template` (CREATE DATABASE ... TEMPLATE: a file copy, faster than building the schema
   * again), which must have no open connection.
   */
  createDatabase(template?: string): Promise<string>;
  stop(): Promise<void>;
}

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'pg_ctl'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error(`no PostgreSQL server in ${root}/*/bin: install Debian's postgresql package (npm test does)`);
  return path.join(root, newest, 'bin');
}

const asRoot = process.getuid?.() === 0;

function asOwner(command: string, args: string[]): Promise<unknown> {
  return asRoot ? run('runuser', ['-u', 'postgres', '--', command, ...args]) : run(command, args);
}

export async function startPostgres(): Promise<PostgresHandle> {
  const bin = binDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-pg-'));
  if (asRoot) await run('chown', ['postgres:postgres', dir]);
  const data = path.join(dir, 'data');
  const port = await freePort();
  await asOwner(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', USER, '--no-sync']);
  const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  await asOwner(path.join(bin, 'pg_ctl'), ['-D', data, '-o', serverOptions, '-l', path.join(dir, 'log'), '-w', 'start']);
  const url = (database: string): string => `postgres://${USER}@127.0.0.1:${port}/${database}`;
  let count = 0;
  return {
    port,
    url,
    async createDatabase(template) {
      const name = `test_${process.pid}_${++count}`;
      const client = new pg.Client({ connectionString: url('postgres') });
      await client.connect();
      try {
        await client.query(template === undefined ? `CREATE DATABASE ${name}` : `CREATE DATABASE ${name} TEMPLATE ${client.escapeIdentifier(template)}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    async stop() {
      await asOwner(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']).catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
