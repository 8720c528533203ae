import type { RunPublish } from '@panoptic/model/run-publish';
import type { Queryable } from '../db/database.js';
import { DomainError } from './errors.js';

// Which server project may name the keys of which store folder. The reporter stores a run's files
// at `<store prefix>/<store project>/<run id>/<shard>/<path>`: everything before the run id is the
// store's folder for one suite's runs, the same for all of them, so that is what gets bound. The
// first server project to publish a key in a folder owns it (first bindings take turns under a
// table lock, so of two at once one loses); a publish into another project naming a key there is
// refused, and the dashboard signs a key only when its folder is bound to the page's project.
// Without this, a CI key that may publish to one project could name another's keys and have that
// project's viewers handed signed links to them.

/**
 * The store folder of `key` in run `runId` (`<prefix>/<project>/`, with its slash), or undefined
 * when the key does not follow the reporter's layout: the run id is not one of its segments after
 * the first, no shard and file follow it, or a segment is empty, `.` or `..` (which could climb
 * into another folder). Such keys are stored but never linked.
 */
export function folderOfKey(key: string, runId: string): string | undefined {
  const segments = key.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..' || segment.includes('\\'))) return undefined;
  // The first match: a file path after it may hold the run id too; publish and dashboard agree either way.
  const run = segments.indexOf(runId, 1);
  if (run < 1 || run + 2 >= segments.length) return undefined;
  return `${segments.slice(0, run).join('/')}/`;
}

/** The folders of every key a payload names. */
function foldersOf(payload: RunPublish): string[] {
  const folders = new Set<string>();
  for (const test of payload.tests) {
    for (const artifact of test.artifacts) {
      const folder = artifact.key ? folderOfKey(artifact.key, payload.run_id) : undefined;
      if (folder) folders.add(folder);
    }
  }
  return [...folders];
}

/**
 * Binds the payload's folders that no project holds to `projectId`, inside the publish's
 * transaction, and refuses the publish (403, the transaction then writes nothing) when one of them
 * is, contains or lies inside a folder bound to another project: a run id chosen to match a deeper
 * segment (`<prefix>/<project>/<run>/` as a "folder") must not reach another project's files.
 */
export async function bindArtifactFolders(tx: Queryable, projectId: number, payload: RunPublish): Promise<void> {
  const folders = foldersOf(payload);
  const mine = await boundArtifactFolders(tx, projectId, folders);
  const fresh = folders.filter((folder) => !mine.has(folder));
  if (fresh.length === 0) return;
  // Only a first binding locks: a unique index cannot see one folder inside another, so binders
  // take turns (readers and publishes into folders already bound do not wait).
  await tx.query('LOCK TABLE artifact_folders IN SHARE ROW EXCLUSIVE MODE');
  const [taken] = await tx.query<{ folder: string }>(
    `SELECT folder FROM artifact_folders
     WHERE project_id <> $2 AND EXISTS (SELECT 1 FROM unnest($1::text[]) AS f WHERE starts_with(f, folder) OR starts_with(folder, f))
     ORDER BY folder LIMIT 1`,
    [fresh, projectId],
  );
  if (taken) throw new DomainError(403, `the store folder ${JSON.stringify(taken.folder)} belongs to another project: a run may only name artifact keys in its own project's store folders`);
  await tx.query('INSERT INTO artifact_folders (folder, project_id) SELECT f, $2::int FROM unnest($1::text[]) AS f ON CONFLICT (folder) DO NOTHING', [fresh, projectId]);
}

/** Which of `folders` are bound to `projectId`. */
export async function boundArtifactFolders(q: Queryable, projectId: number, folders: readonly string[]): Promise<Set<string>> {
  if (folders.length === 0) return new Set();
  const rows = await q.query<{ folder: string }>('SELECT folder FROM artifact_folders WHERE project_id = $1 AND folder = ANY($2::text[])', [projectId, [...folders]]);
  return new Set(rows.map((row) => row.folder));
}
