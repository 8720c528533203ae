import path from 'node:path';
import lockfile from 'proper-lockfile';
import { UsageError, isSystemError } from '../usage-error.js';

/** A lock kept fresh while its run lives; one left by a killed run is taken over after this long. */
const STALE_MS = 60_000;
const UPDATE_MS = 10_000;

export type Release = () => Promise<void>;

/**
 * Locks output folders for one `panoptic run`: two runs writing one folder would clear each other's
 * test results and overwrite each other's reports. Fails at once, without waiting, when another run
 * holds any of them; locks taken before the failure are released.
 */
export async function lockOutputFolders(folders: readonly { dir: string; own: string; shown: string }[]): Promise<Release> {
  const releases: Release[] = [];
  const releaseAll: Release = async () => {
    for (const release of releases.splice(0).reverse()) await release();
  };
  for (const { dir, own, shown } of folders) {
    const lockPath = path.join(own, 'run.lock');
    try {
      releases.push(
        await lockfile.lock(dir, {
          lockfilePath: lockPath,
          realpath: false,
          stale: STALE_MS,
          update: UPDATE_MS,
          // The run goes on: losing the lock (a clock jump, a deleted folder) is worth a warning, not a crash.
          onCompromised: (error: Error) => process.stderr.write(`warning: the lock on output folder ${JSON.stringify(shown)} was lost: ${error.message}\n`),
        }),
      );
    } catch (error) {
      await releaseAll();
      if (error instanceof Error && (error as NodeJS.ErrnoException).code === 'ELOCKED') {
        throw new UsageError(
          `output folder ${JSON.stringify(shown)} is in use by another \`panoptic run\`; wait for it to finish or choose another folder with --output ` +
            `(a lock left by a run that was killed expires after ${STALE_MS / 1000} s)`,
        );
      }
      if (isSystemError(error)) throw new UsageError(`output folder ${JSON.stringify(shown)} cannot be locked: ${error.code}: ${error.message}`);
      throw error;
    }
  }
  return releaseAll;
}
