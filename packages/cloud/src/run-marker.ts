import { CloudError, describeError } from './errors.js';
import type { StorageProvider } from './provider.js';
import { withRetry } from './retry.js';
import { DEFAULT_TRANSFER, type TransferOptions } from './options.js';

/**
 * The object that says "Panoptic wrote this run": `<prefix>/<project>/<run id>/panoptic-run.json`.
 * Retention deletes only runs that hold it, so a folder someone else keeps under the same prefix
 * (a bucket shared with other tools, a local folder with other files) is never touched.
 */
export const RUN_MARKER_NAME = 'panoptic-run.json';

/** The marker's contents; `version` lets a later Panoptic tell its format. */
export interface RunMarker {
  version: 1;
  writer: 'panoptic';
  /** The run's folder key, as written. */
  run: string;
  markedAt: string;
}

/** `<prefix>/<project>/<run id>` of a `runPrefix()` key (`<prefix>/<project>/<run id>/<shard>`). */
export function runFolderOf(runPrefixKey: string): string {
  return runPrefixKey.split('/').slice(0, -1).join('/');
}

/**
 * Writes the run's marker (again: each write refreshes it, one small request). Call it once files
 * of the run are stored: a run whose marker is missing is kept forever, never deleted by mistake.
 */
export async function markRun(provider: StorageProvider, runFolder: string, transfer: Partial<TransferOptions> = {}): Promise<void> {
  const key = `${runFolder}/${RUN_MARKER_NAME}`;
  const marker: RunMarker = { version: 1, writer: 'panoptic', run: runFolder, markedAt: new Date().toISOString() };
  const body = Buffer.from(JSON.stringify(marker));
  try {
    await withRetry(() => provider.put(key, body, { contentType: 'application/json', size: body.length }), {
      attempts: (transfer.retryAttempts ?? DEFAULT_TRANSFER.retryAttempts) + 1,
      backoffMs: transfer.retryBackoffMs ?? DEFAULT_TRANSFER.retryBackoffMs,
    });
  } catch (error) {
    throw new CloudError(
      `could not write the run marker ${JSON.stringify(key)} in ${provider.location} (${describeError(error)}); the run's files are stored, but retention will not delete this run until the marker is written (upload or sync the run again)`,
      { code: 'RunMarkerFailed', cause: error },
    );
  }
}
