import fs from 'node:fs';
import path from 'node:path';
import { runPanoptic, type InlineRun } from '../../helpers/inline.js';
import { freePort, startS3rver, type S3rverHandle } from '../../helpers/storage-servers.js';
import { test, expect, KINDS, type Api, type Kind, type ServerFixtures } from './fixtures.js';

// panoptic server backup and restore as an operator runs them: real processes on PGlite and a real
// PostgreSQL, a folder (and a store that is down) as locations, the restored server used over HTTP.

test.describe.configure({ mode: 'default' });

type Database = ServerFixtures['database'];
const SCRYPT = { PANOPTIC_SCRYPT_COST: '14' };

let s3: S3rverHandle | undefined;
test.afterEach(async () => {
  await s3?.stop();
  s3 = undefined;
});

async function login(api: Api, url: string, username: string, password: string): Promise<string> {
  const response = await api(url, 'POST', '/api/v1/sessions', { body: { username, password } });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.token ?? '';
}

/** A server command on a database other than the test's own (the restore target). */
function panopticOn(dir: string, database: Database, args: string[]): Promise<InlineRun> {
  return runPanoptic(dir, [...args, ...database.args], { ...SCRYPT, ...database.env });
}

function manifests(folder: string): string[] {
  return fs.existsSync(folder) ? fs.readdirSync(folder).filter((name) => name.endsWith('.manifest.json')).sort() : [];
}

function writeSuite(dir: string, settings: string): string {
  const file = path.join(dir, 'suite.yaml');
  fs.writeFileSync(file, `name: server\napps:\n  - name: web\n    type: web\n    url: http://localhost:3000\nsettings:\n${settings}`);
  return file;
}

/** Users and audit events as the API reports them. */
async function counts(api: Api, url: string, token: string): Promise<{ users: number; audit: number }> {
  const users = await api(url, 'GET', '/api/v1/users', { token });
  const audit = await api(url, 'GET', '/api/v1/audit?page_size=1', { token });
  return { users: users.body.total ?? (users.body.items ?? []).length, audit: audit.body.total ?? -1 };
}

/** Each kind's backup restores into the other: the dump is portable both ways. */
function other(kind: Kind): Kind {
  return kind === 'pglite' ? 'postgres' : 'pglite';
}

for (const kind of KINDS) {
  test.describe(kind, () => {
    test.use({ kind });
    test(`a backup restored into a fresh ${other(kind)} database serves the same users and audit trail, and new rows get fresh ids`, async ({ init, startServer, api, panoptic, dir, databases, secrets }) => {
      const { password } = await init();
      const source = await startServer();
      const admin = await login(api, source.url, 'admin', password);
      const userPassword = 'Restored-Passw0rd-1';
      secrets.add(userPassword);
      expect((await api(source.url, 'POST', '/api/v1/users', { token: admin, body: { username: 'rita', password: userPassword, role: 'developer' } })).status).toBe(201);
      await login(api, source.url, 'rita', userPassword);
      const before = await counts(api, source.url, admin);
      await source.stop();

      // Both a folder and the cloud store (s3rver); each kind restores from a different one.
      s3 = await startS3rver('backups');
      const suite = writeSuite(dir, `  cloud: { provider: s3, bucket: unused, region: us-east-1, endpoint: '${s3.endpoint}', access_key: ${s3.accessKey}, secret_key: ${s3.secretKey} }\n`);
      const from = kind === 'pglite' ? 's3://backups/team/panoptic' : 'backups';
      const backup = await panoptic(['server', 'backup', '--suite', suite, '--to', 'backups', '--to', 's3://backups/team/panoptic']);
      expect(backup.exitCode, backup.output).toBe(0);
      expect(backup.stdout).toContain('s3://backups/team/panoptic: written');
      expect(backup.stdout).toMatch(/as panoptic-backup-\d{8}T\d{9}Z\.jsonl\.gz: \d+ bytes gzip, sha256 [0-9a-f]{64}/);
      expect(backup.stdout).toContain('users 2');
      const [manifestName] = manifests(path.join(dir, 'backups'));
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'backups', manifestName!), 'utf8')) as { source: string; tables: { name: string; rows: number }[] };
      expect(manifest.source).toBe(kind);
      expect(manifest.tables).toContainEqual({ name: 'users', rows: 2 });

      const target = await databases.fresh(other(kind), path.join(dir, 'target'));
      const restore = await panopticOn(dir, target, ['server', 'restore', '--suite', suite, '--from', from]);
      expect(restore.exitCode, restore.output).toBe(0);
      expect(restore.stdout).toContain(`Restored ${manifestName!.replace('.manifest.json', '')}`);

      // An empty DATABASE_URL unsets the source's, so a PGlite target is opened from its folder.
      const restored = await startServer(target.args, { DATABASE_URL: '', ...target.env });
      const adminAgain = await login(api, restored.url, 'admin', password);
      await login(api, restored.url, 'rita', userPassword);
      const after = await counts(api, restored.url, adminAgain);
      expect(after.users).toBe(before.users);
      // The trail after the restore: the backup's own event in the source, then two logins and the restore.
      expect(after.audit).toBe(before.audit + 3);
      const restoredEvent = await api(restored.url, 'GET', '/api/v1/audit?action=backup.restored', { token: adminAgain });
      expect(restoredEvent.body.items).toEqual([expect.objectContaining({ actor_name: 'panoptic-cli', details: expect.objectContaining({ from, source: kind, forced: false }) })]);
      const created = await api(restored.url, 'POST', '/api/v1/users', { token: adminAgain, body: { username: 'newcomer', password: userPassword } });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body.id).toBe(3);
      await restored.stop();

      const again = await panopticOn(dir, target, ['server', 'restore', '--from', 'backups']);
      expect(again.exitCode).toBe(1);
      expect(again.stderr).toContain('the database is not empty');
      const forced = await panopticOn(dir, target, ['server', 'restore', '--from', 'backups', '--force']);
      expect(forced.exitCode, forced.output).toBe(0);
    });
  });
}

test('a corrupted backup, or one of another schema version, is refused with what is wrong and nothing restored; a location that is down is reported and the others written', async ({ dir, panoptic, init, databases }) => {
  await init();
  const port = await freePort();
  const suite = writeSuite(dir, `  cloud:\n    provider: s3\n    bucket: unused\n    region: us-east-1\n    endpoint: http://127.0.0.1:${port}\n    access_key: test\n    secret_key: test\n`);
  const backup = await panoptic(['server', 'backup', '--suite', suite, '--to', 'backups', '--to', 's3://backups/panoptic']);
  expect(backup.exitCode).toBe(1);
  expect(backup.stdout).toContain('backups: written');
  expect(backup.stderr).toContain('s3://backups/panoptic: FAILED:');
  expect(backup.stderr).toContain('1 of 2 backup locations failed');

  const [manifestName] = manifests(path.join(dir, 'backups'));
  const dump = path.join(dir, 'backups', manifestName!.replace('.manifest.json', '.jsonl.gz'));
  // An intact backup of a schema this database is not at: refused by its version, not loaded.
  const future = path.join(dir, 'future');
  fs.mkdirSync(future);
  fs.copyFileSync(dump, path.join(future, path.basename(dump)));
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'backups', manifestName!), 'utf8')) as { schema_version: number };
  fs.writeFileSync(path.join(future, manifestName!), JSON.stringify({ ...manifest, schema_version: 999 }));
  const bytes = fs.readFileSync(dump);
  bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0xff;
  fs.writeFileSync(dump, bytes);
  const target = await databases.fresh('pglite', path.join(dir, 'target'));
  const refused = await panopticOn(dir, target, ['server', 'restore', '--from', 'backups']);
  expect(refused.exitCode).toBe(1);
  expect(refused.stderr).toMatch(/is corrupt: panoptic-backup-\S+\.jsonl\.gz has \d+ bytes and sha256 [0-9a-f]{64}, the manifest says \d+ bytes and [0-9a-f]{64}; nothing was restored/);
  const newer = await panopticOn(dir, target, ['server', 'restore', '--from', 'future']);
  expect(newer.exitCode).toBe(1);
  expect(newer.stderr).toContain(`the backup has schema version 999 and this database ${manifest.schema_version}: restore it with the Panoptic version that wrote it`);
  const init2 = await panopticOn(dir, target, ['server', 'init']);
  expect(init2.exitCode, 'the refused restore left the database empty').toBe(0);
});

test('retention_days prunes older backups in the location; a schedule backs up the running server', async ({ dir, panoptic, init, startServer, api }) => {
  const { password } = await init();
  const suite = writeSuite(dir, '  enterprise:\n    backup_config:\n      schedule: 1s\n      retention_days: 7\n      locations: [backups]\n');
  const folder = path.join(dir, 'backups');
  fs.mkdirSync(folder);
  const old = 'panoptic-backup-20200101T000000000Z';
  for (const ext of ['.manifest.json', '.jsonl.gz']) fs.writeFileSync(path.join(folder, old + ext), '{}');
  fs.writeFileSync(path.join(folder, 'notes.txt'), 'not a backup');

  const backup = await panoptic(['server', 'backup', '--suite', suite]);
  expect(backup.exitCode, backup.output).toBe(0);
  expect(backup.stdout).toContain(`backups: written; pruned 1 older than 7 days: ${old}`);
  expect(fs.readdirSync(folder).filter((name) => name.startsWith(old))).toEqual([]);
  expect(fs.existsSync(path.join(folder, 'notes.txt'))).toBe(true);

  const server = await startServer(['--suite', suite]);
  await expect.poll(() => manifests(folder).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
  const token = await login(api, server.url, 'admin', password);
  const events = await api(server.url, 'GET', '/api/v1/audit?action=backup.created', { token });
  expect(events.body.total).toBeGreaterThanOrEqual(3);
  expect(events.body.items?.[0]).toMatchObject({ actor_name: 'system', target_type: 'backup' });
});
