import { test, expect } from '@playwright/test';
import { checkBackupConfig, parseSchedule, scheduleBackups, startScheduledBackups } from '@panoptic/server';
import { backupBaseName, manifestTime, parseManifest } from '../../../packages/server/dist/backup/manifest.js';
import { readDump } from '../../../packages/server/dist/backup/dump.js';

test('a schedule is an interval with a unit; anything else is refused with what a schedule looks like', () => {
  expect(parseSchedule('30s')).toBe(30_000);
  expect(parseSchedule('15m')).toBe(900_000);
  expect(parseSchedule(' 24h ')).toBe(86_400_000);
  expect(parseSchedule('1.5d')).toBe(129_600_000);
  for (const bad of ['0 3 * * *', '24', '0.5s', 'daily', '']) {
    expect(() => parseSchedule(bad)).toThrow(/is not an interval: give a number and a unit, such as "30s", "15m", "24h" or "7d"/);
  }
});

test('a backup name carries its UTC time to the millisecond, sorts by it, and only manifests are read back as backups', () => {
  const at = new Date('2026-12-06T15:30:00.042Z');
  expect(backupBaseName(at)).toBe('panoptic-backup-20261206T153000042Z');
  expect(manifestTime(`${backupBaseName(at)}.manifest.json`)).toEqual(at);
  expect(manifestTime(`${backupBaseName(at)}.jsonl.gz`)).toBeUndefined();
  expect(manifestTime('notes.txt')).toBeUndefined();
  expect(backupBaseName(new Date('2026-01-02T00:00:00Z')) < backupBaseName(new Date('2026-01-10T00:00:00Z'))).toBe(true);
});

test('a manifest of another format version, or with a broken field, is refused naming the location and the field', () => {
  const valid = { format: 'panoptic-server-backup', version: 1, created_at: '2026-12-06T00:00:00Z', source: 'pglite', schema_version: 2, compression: 'gzip', file: 'x.jsonl.gz', bytes: 10, sha256: 'a'.repeat(64), tables: [{ name: 'users', rows: 1 }] };
  expect(parseManifest(JSON.stringify(valid), 'backups: x').tables).toEqual([{ name: 'users', rows: 1 }]);
  expect(() => parseManifest(JSON.stringify({ ...valid, version: 2 }), 'backups: x')).toThrow('backups: x has backup format version 2; this server reads version 1');
  expect(() => parseManifest(JSON.stringify({ ...valid, sha256: 'nope' }), 'backups: x')).toThrow(/backups: x is not a valid backup manifest:\n {2}sha256:/);
  expect(() => parseManifest('{', 'backups: x')).toThrow(/backups: x is not a backup manifest/);
});

test('a dump line that is not a table row is refused with its line number', async () => {
  const { gzipSync } = await import('node:zlib');
  const rows = await readDump(gzipSync('{"t":"users","r":{"id":1}}\n{"t":"users","r":{"id":2}}\n'));
  expect(rows.get('users')).toEqual([{ id: 1 }, { id: 2 }]);
  await expect(readDump(gzipSync('{"t":"users","r":{"id":1}}\n{"x":1}\n'))).rejects.toThrow('line 2 of the dump is not a table row');
});

test('scheduled backups run one at a time, keep going after a failure, and stop waits for the one running', async () => {
  const events: string[] = [];
  let calls = 0;
  let release: () => void = () => undefined;
  const errors: unknown[] = [];
  const schedule = scheduleBackups(
    5,
    async () => {
      const call = ++calls;
      events.push(`start ${call}`);
      if (call === 1) throw new Error('location down');
      if (call === 3) await new Promise<void>((resolve) => (release = resolve));
      events.push(`end ${call}`);
    },
    (error) => errors.push(error),
  );
  await expect.poll(() => calls).toBe(3);
  const stopped = schedule.stop();
  release();
  await stopped;
  expect(events).toEqual(['start 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  expect(errors.map((error) => (error as Error).message)).toEqual(['location down']);
});

test('backup_config: encryption is refused rather than ignored; a schedule needs a location and an interval; no schedule runs nothing', () => {
  expect(() => checkBackupConfig({ base_dir: '.', encryption: true })).toThrow(/backup_config.encryption: true is not supported: Panoptic does not encrypt backups itself/);
  expect(() => checkBackupConfig({ base_dir: '.', encryption: false, compression: false })).not.toThrow();
  const log = { info: () => undefined, error: () => undefined };
  // The checks come before the database is used, so none is needed here.
  const noDatabase = undefined as never;
  expect(() => startScheduledBackups(noDatabase, { base_dir: '.', schedule: '1h' }, log)).toThrow(/schedule is set but backup_config.locations is empty/);
  expect(() => startScheduledBackups(noDatabase, { base_dir: '.', schedule: 'nightly', locations: ['b'] }, log)).toThrow(/"nightly" is not an interval/);
  expect(startScheduledBackups(noDatabase, { base_dir: '.', locations: ['b'] }, log)).toBeUndefined();
  expect(startScheduledBackups(noDatabase, { base_dir: '.', schedule: '1h', enabled: false, locations: ['b'] }, log)).toBeUndefined();
});
