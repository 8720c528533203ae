import fsp from 'node:fs/promises';
import path from 'node:path';
import type { FolderFiles } from './files-under.js';

/**
 * Of the given paths (relative to `dir`, `/`-separated), those that are regular files now, leaving
 * out the folder `skip` and anything outside `dir`. A path that no longer exists is left out: it
 * was deleted by an earlier sync, or by the test that wrote it.
 */
export async function listedFiles(dir: string, paths: readonly string[], skip?: string): Promise<FolderFiles> {
  const files: string[] = [];
  const links: string[] = [];
  for (const rel of new Set(paths.map((p) => path.posix.normalize(p.split(path.sep).join('/'))))) {
    if (rel.startsWith('../') || rel === '..' || path.posix.isAbsolute(rel)) continue;
    if (skip !== undefined && (rel === skip || rel.startsWith(`${skip}/`))) continue;
    const stat = await fsp.lstat(path.join(dir, ...rel.split('/'))).catch(() => undefined);
    if (stat?.isFile()) files.push(rel);
    else if (stat?.isSymbolicLink()) links.push(rel);
  }
  return { files: files.sort(), links: links.sort() };
}
