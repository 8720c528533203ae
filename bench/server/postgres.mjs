// A throwaway PostgreSQL cluster for the benchmark, from Debian's postgresql package (the one the
// server's tests use): initdb in a temp folder, trust authentication on a free loopback port, and
// the server's durability settings left as they ship, since ingestion time is what is measured.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

function newestBin() {
  const root = '/usr/lib/postgresql';
  const version = (fs.existsSync(root) ? fs.readdirSync(root) : []).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb'))).sort((a, b) => b - a)[0];
  if (!version) throw new Error(`bench/server needs a PostgreSQL server in ${root}: apt-get install postgresql (npm test installs it)`);
  return path.join(root, version, 'bin');
}

const portFree = () =>
  new Promise((resolve, reject) => {
    const probe = net.createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

/** Starts a cluster; returns its connection string for a fresh database and `stop()`. */
export async function startCluster() {
  const bin = newestBin();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-bench-pg-'));
  // PostgreSQL will not run as root: the cluster then belongs to the postgres user.
  const owner = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--']] : undefined;
  const as = (tool, args) => (owner ? exec(owner[0], [...owner[1], path.join(bin, tool), ...args]) : exec(path.join(bin, tool), args));
  if (owner) await exec('chown', ['postgres:postgres', root]);
  const data = path.join(root, 'data');
  const port = await portFree();
  await as('initdb', ['-D', data, '-A', 'trust', '-U', 'bench', '--no-sync']);
  await as('pg_ctl', ['-D', data, '-l', path.join(root, 'log'), '-w', '-o', `-p ${port} -k ${root} -c listen_addresses=127.0.0.1`, 'start']);
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: `postgres://bench@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query('CREATE DATABASE panoptic_bench');
  await admin.end();
  return {
    url: `postgres://bench@127.0.0.1:${port}/panoptic_bench`,
    /** The postmaster's process id (its backends are its children), for the database's CPU time. */
    pid: () => Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]),
    /** Another empty database on the same server. */
    async database(name) {
      const client = new pg.Client({ connectionString: `postgres://bench@127.0.0.1:${port}/postgres` });
      await client.connect();
      await client.query(`CREATE DATABASE ${name}`);
      await client.end();
      return `postgres://bench@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      await as('pg_ctl', ['-D', data, '-m', 'fast', 'stop']).catch(() => undefined);
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
