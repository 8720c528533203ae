import { openDatabase, type DatabaseLocation } from '../db/open.js';
import type { Database } from '../db/database.js';
import { audit, type Actor } from '../domain/audit.js';
import { dumpDatabase } from './dump.js';
import { openLocation, type LocationInput } from './locations.js';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, backupBaseName, manifestTime, type BackupManifest } from './manifest.js';

export interface BackupOptions extends LocationInput {
  /** backup_config.retention_days: backups older than this are deleted from each location after a backup. */
  retention_days?: number | undefined;
  actor?: Actor | undefined;
  now?: () => Date;
}

export interface LocationOutcome {
  location: string;
  /** Where the dump went (key in the store, or file in the folder). */
  key?: string;
  /** Backups deleted by retention. */
  pruned?: string[];
  error?: string;
}

export interface BackupResult {
  manifest: BackupManifest;
  locations: LocationOutcome[];
}

const SYSTEM: Actor = { id: null, name: 'system' };

/**
 * Dumps the database once and writes the dump with its manifest to every location. A location that
 * fails is reported in its outcome and does not stop the others; the result says which succeeded.
 */
export async function backupDatabase(db: Database, options: BackupOptions): Promise<BackupResult> {
  if (!options.locations.length) throw new Error('no backup location: set settings.enterprise.backup_config.locations (folders, s3://bucket/prefix or azure://container/prefix) or pass --to');
  const at = (options.now ?? (() => new Date()))();
  const dump = await dumpDatabase(db);
  const base = backupBaseName(at);
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    version: BACKUP_FORMAT_VERSION,
    created_at: at.toISOString(),
    source: db.kind,
    schema_version: dump.schema_version,
    compression: 'gzip',
    file: `${base}.jsonl.gz`,
    bytes: dump.data.length,
    sha256: dump.sha256,
    tables: dump.tables,
  };
  const locations = await Promise.all(options.locations.map((label) => writeTo(label, options, manifest, dump.data, at)));
  await audit(db, options.actor ?? SYSTEM, {
    action: 'backup.created',
    target_type: 'backup',
    target_id: base,
    details: { bytes: manifest.bytes, sha256: manifest.sha256, tables: manifest.tables.length, locations: locations.map(({ location, error }) => ({ location, ok: error === undefined })) },
  });
  return { manifest, locations };
}

async function writeTo(label: string, options: BackupOptions, manifest: BackupManifest, data: Buffer, at: Date): Promise<LocationOutcome> {
  try {
    const { provider, prefix } = await openLocation(label, options);
    const key = `${prefix}${manifest.file}`;
    await provider.put(key, data, { contentType: 'application/gzip', size: data.length, metadata: { sha256: manifest.sha256 } });
    // The manifest goes last: a backup whose manifest exists is complete.
    const text = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    await provider.put(`${prefix}${manifest.file.replace(/\.jsonl\.gz$/, '.manifest.json')}`, text, { contentType: 'application/json', size: text.length });
    const pruned = options.retention_days === undefined ? [] : await prune(provider, prefix, options.retention_days, at);
    return { location: label, key, pruned };
  } catch (error) {
    return { location: label, error: (error as Error).message };
  }
}

/** Deletes the backups (dump and manifest) of one location that are older than `days`, by the time in their names. */
async function prune(provider: Awaited<ReturnType<typeof openLocation>>['provider'], prefix: string, days: number, now: Date): Promise<string[]> {
  const cutoff = now.getTime() - days * 86_400_000;
  const old: string[] = [];
  for await (const object of provider.list(prefix)) {
    const name = object.key.slice(prefix.length);
    if (name.includes('/')) continue;
    const time = manifestTime(name);
    if (time && time.getTime() < cutoff) old.push(name.replace(/\.manifest\.json$/, ''));
  }
  if (old.length) await provider.delete(old.flatMap((base) => [`${prefix}${base}.manifest.json`, `${prefix}${base}.jsonl.gz`]));
  return old;
}

/** Opens the database the options name, backs it up, closes it: what `panoptic server backup` runs. */
export async function backupAt(location: DatabaseLocation, options: BackupOptions): Promise<BackupResult> {
  const { db } = await openDatabase(location);
  try {
    return await backupDatabase(db, options);
  } finally {
    await db.close();
  }
}
