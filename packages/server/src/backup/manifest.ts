import { z } from 'zod';

// The manifest written beside each dump. A restore reads it first: the format version says whether this
// code can read the dump at all, the schema version whether the dump's tables are the ones it migrates
// to, and the sha256 whether the dump is the one the manifest describes.

export const BACKUP_FORMAT = 'panoptic-server-backup';
export const BACKUP_FORMAT_VERSION = 1;

export const backupManifestSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.number().int(),
  created_at: z.string(),
  /** The database the dump was taken from; either kind restores it. */
  source: z.enum(['pglite', 'postgres']),
  /** The highest migration applied in the source. */
  schema_version: z.number().int().nonnegative(),
  compression: z.literal('gzip'),
  /** The dump's file name, beside this manifest. */
  file: z.string().min(1),
  bytes: z.number().int().nonnegative(),
  /** Hex SHA-256 of the compressed dump as stored. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Every table in the dump with its row count, in the order a restore inserts them. */
  tables: z.array(z.strictObject({ name: z.string().min(1), rows: z.number().int().nonnegative() })),
});

export type BackupManifest = z.infer<typeof backupManifestSchema>;

/** Parses a manifest's text, saying what is wrong with it and in which location. */
export function parseManifest(text: string, where: string): BackupManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${where} is not a backup manifest: ${(error as Error).message}`, { cause: error });
  }
  const version = (json as { version?: unknown } | null)?.version;
  if ((json as { format?: unknown } | null)?.format === BACKUP_FORMAT && version !== BACKUP_FORMAT_VERSION) {
    throw new Error(`${where} has backup format version ${String(version)}; this server reads version ${BACKUP_FORMAT_VERSION}`);
  }
  const parsed = backupManifestSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(manifest)'}: ${issue.message}`);
    throw new Error(`${where} is not a valid backup manifest:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}

const NAME = /^panoptic-backup-(\d{8}T\d{6}(?:\d{3})?Z)\.manifest\.json$/;

/** `panoptic-backup-20261206T153000123Z`: sorts by time, safe as a file name and an object key. */
export function backupBaseName(at: Date): string {
  return `panoptic-backup-${at.toISOString().replace(/[-:]/g, '').replace('.', '')}`;
}

/** The time a manifest's file name carries, or undefined for a file that is not a backup manifest. */
export function manifestTime(name: string): Date | undefined {
  const stamp = NAME.exec(name)?.[1];
  if (!stamp) return undefined;
  const iso = `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}.${stamp.length > 16 ? stamp.slice(15, 18) : '000'}Z`;
  return new Date(iso);
}
