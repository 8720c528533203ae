import { openDatabase, type DatabaseLocation } from '../db/open.js';
import type { Database } from '../db/database.js';
import { audit, type Actor } from '../domain/audit.js';
import { readDump, sha256 } from './dump.js';
import { loadDump } from './load.js';
import { openLocation, type BackupLocation, type LocationInput } from './locations.js';
import { manifestTime, parseManifest, type BackupManifest } from './manifest.js';

export interface RestoreOptions extends Omit<LocationInput, 'locations'> {
  /** Where the backup is: a folder, s3://bucket/prefix or azure://container/prefix. */
  from: string;
  /** The backup's name (panoptic-backup-<time>); default: the newest in `from`. */
  name?: string | undefined;
  /** Replace the data of a database that has some. */
  force?: boolean | undefined;
  actor?: Actor | undefined;
}

export interface RestoreResult {
  name: string;
  manifest: BackupManifest;
}

/** Checks a backup (manifest, size, sha256, row counts) and only then writes it into the database, in one transaction. */
export async function restoreDatabase(db: Database, options: RestoreOptions): Promise<RestoreResult> {
  const location = await openLocation(options.from, options);
  const name = options.name?.replace(/\.(manifest\.json|jsonl\.gz)$/, '') ?? (await newest(location));
  const where = `${options.from}: ${name}`;
  const manifest = parseManifest((await read(location, `${name}.manifest.json`, where)).toString('utf8'), `${where}.manifest.json`);
  const data = await read(location, manifest.file, where);
  if (data.length !== manifest.bytes || sha256(data) !== manifest.sha256) {
    throw new Error(`${where} is corrupt: ${manifest.file} has ${data.length} bytes and sha256 ${sha256(data)}, the manifest says ${manifest.bytes} bytes and ${manifest.sha256}; nothing was restored`);
  }
  const rows = await readDump(data);
  for (const table of manifest.tables) {
    const found = rows.get(table.name)?.length ?? 0;
    if (found !== table.rows) throw new Error(`${where} is corrupt: table ${table.name} has ${found} rows, the manifest says ${table.rows}; nothing was restored`);
  }
  await loadDump(db, manifest, rows, options.force ?? false);
  await audit(db, options.actor ?? { id: null, name: 'system' }, {
    action: 'backup.restored',
    target_type: 'backup',
    target_id: name,
    details: { from: options.from, source: manifest.source, created_at: manifest.created_at, sha256: manifest.sha256, forced: options.force ?? false },
  });
  return { name, manifest };
}

async function read(location: BackupLocation, file: string, where: string): Promise<Buffer> {
  try {
    return await location.provider.get(`${location.prefix}${file}`);
  } catch (error) {
    throw new Error(`cannot read ${file} of ${where}: ${(error as Error).message}`, { cause: error });
  }
}

async function newest(location: BackupLocation): Promise<string> {
  let best: { name: string; time: number } | undefined;
  try {
    for await (const object of location.provider.list(location.prefix)) {
      const name = object.key.slice(location.prefix.length);
      const time = manifestTime(name)?.getTime();
      if (time !== undefined && (!best || time > best.time)) best = { name: name.replace(/\.manifest\.json$/, ''), time };
    }
  } catch (error) {
    throw new Error(`cannot list the backups in ${location.label}: ${(error as Error).message}`, { cause: error });
  }
  if (!best) throw new Error(`no backup in ${location.label} (no panoptic-backup-*.manifest.json there)`);
  return best.name;
}

/** Opens (and migrates) the database the options name and restores into it: what `panoptic server restore` runs. */
export async function restoreAt(location: DatabaseLocation, options: RestoreOptions): Promise<RestoreResult> {
  const { db } = await openDatabase(location);
  try {
    return await restoreDatabase(db, options);
  } finally {
    await db.close();
  }
}
