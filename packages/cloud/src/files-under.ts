import fsp from 'node:fs/promises';
import path from 'node:path';

export interface FolderFiles {
  /** Regular files, relative to the folder, `/`-separated, in tree order. */
  files: string[];
  /** Symbolic links, never followed: a link could point anywhere on the machine. */
  links: string[];
}

/** Tree order: a folder's files sort by name segment by segment, as a depth-first walk lists them. */
function byPath(a: string, b: string): number {
  const left = a.split('/');
  const right = b.split('/');
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    if (left[i] !== right[i]) return (left[i] ?? '') < (right[i] ?? '') ? -1 : 1;
  }
  return left.length - right.length;
}

/** The files under `dir`, leaving out the folder `skip` (relative, `/`-separated) and all it holds. */
export async function filesUnder(dir: string, skip?: string): Promise<FolderFiles> {
  const files: string[] = [];
  const links: string[] = [];
  // Recursive readdir lists a symbolic link as a link and does not descend into it.
  for (const entry of await fsp.readdir(dir, { recursive: true, withFileTypes: true })) {
    const rel = path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    if (skip !== undefined && (rel === skip || rel.startsWith(`${skip}/`))) continue;
    if (entry.isFile()) files.push(rel);
    else if (entry.isSymbolicLink()) links.push(rel);
  }
  return { files: files.sort(byPath), links: links.sort(byPath) };
}
