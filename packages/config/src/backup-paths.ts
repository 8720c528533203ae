import type { Finding } from './issues.js';
import { isOutsideFolder } from './paths.js';
import { isMap, type RawMap } from './raw.js';
import { quote } from './values.js';

/** The folder of a `backup_locations` entry that is a local store: a plain string, or a map with provider local. */
function backupFolder(entry: unknown): { folder: string; at: (string | number)[] } | undefined {
  if (typeof entry === 'string') return /^[a-z][a-z0-9+.-]*:\/\//i.test(entry.trim()) ? undefined : { folder: entry.trim(), at: [] };
  if (!isMap(entry) || typeof entry.bucket !== 'string') return undefined;
  const provider = typeof entry.provider === 'string' ? entry.provider.trim() : 'local';
  return provider === '' || provider === 'local' ? { folder: entry.bucket.trim(), at: ['bucket'] } : undefined;
}

/**
 * A backup folder is written like the store's own folder: a suite may only name one inside the
 * working directory (symbolic links resolved), as it may for `bucket` and `output`.
 */
export function backupPathFindings(cloud: RawMap, cwd: string): Finding[] {
  const entries: unknown = cloud.backup_locations;
  if (!Array.isArray(entries)) return [];
  const findings: Finding[] = [];
  entries.forEach((entry, index) => {
    const backup = backupFolder(entry);
    if (!backup || backup.folder === '') return;
    const path = ['settings', 'cloud', 'backup_locations', index, ...backup.at];
    if (backup.folder.includes('\0')) findings.push({ path, message: `backup folder ${quote(backup.folder)} contains a NUL character` });
    else if (isOutsideFolder(backup.folder, cwd)) findings.push({ path, message: `backup folder ${quote(backup.folder)} is outside the working directory; use a folder inside it` });
  });
  return findings;
}
