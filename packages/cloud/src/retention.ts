import { describeError } from './errors.js';
import { DEFAULT_TRANSFER } from './options.js';
import type { StorageProvider } from './provider.js';
import { withRetry } from './retry.js';
import { RUN_MARKER_NAME } from './run-marker.js';

/**
 * Retention of the runs in a store. A run is the folder `<prefix>/<project>/<run id>/`, as
 * `runPrefix` lays it out, that holds Panoptic's run marker (`panoptic-run.json`, written at
 * upload): a folder without it was not written by Panoptic and is never deleted, whatever its age.
 * Objects outside runs are counted in the store's size but never deleted here. The newest run of
 * every project is always kept, whatever the policy says: cleanup must never leave a project with
 * no results at all.
 */

export interface RetentionPolicy {
  /** Delete runs whose newest object is older than this many days. */
  days?: number;
  /** Then delete the oldest runs until the prefix holds at most this many GiB (2^30 bytes). */
  maxSizeGb?: number;
  /** The clock the age is measured against (tests pass a fixed date). */
  now?: Date;
  /** Decide and report, delete nothing. */
  dryRun?: boolean;
  /** Retries of a failed delete request, on retryable failures only (`retry_attempts`, 3). */
  retryAttempts?: number;
  /** First backoff between those retries (`retry_backoff_ms`, 200). */
  retryBackoffMs?: number;
}

export interface StoredRun {
  project: string;
  runId: string;
  /** The run's folder in the store, `<prefix>/<project>/<run id>`. */
  key: string;
  objects: number;
  bytes: number;
  /** Last modification of the run's newest object: when the run last received anything. */
  newest: Date;
}

export interface DeletedRun extends StoredRun {
  /** Why it went: older than `days`, or the store was over `maxSizeGb`. */
  reason: 'age' | 'size';
}

export interface RetentionResult {
  deletedRuns: DeletedRun[];
  keptRuns: StoredRun[];
  /** Bytes of the deleted runs (on a dry run, what deleting them would free). */
  bytesFreed: number;
  /** Everything under the prefix before and after, runs and other objects. */
  bytesBefore: number;
  bytesAfter: number;
  /** Runs the policy chose whose deletion failed; they are also in `keptRuns`. */
  failed: { project: string; runId: string; cause: string }[];
  dryRun: boolean;
}

const GIB = 1024 ** 3;
const DAY_MS = 24 * 60 * 60 * 1000;
/** S3 deletes at most 1,000 keys per request; the other stores take any batch. */
const DELETE_BATCH = 1000;

function trimSlashes(prefix: string): string {
  return prefix.replace(/^\/+|\/+$/g, '');
}

/** Every run Panoptic wrote under `prefix`, oldest first (by their newest object), with each run's keys. */
async function collectRuns(
  provider: StorageProvider,
  prefix: string,
): Promise<{ runs: StoredRun[]; keys: Map<string, string[]>; bytes: number }> {
  const base = trimSlashes(prefix);
  const listPrefix = base ? `${base}/` : '';
  const runs = new Map<string, StoredRun>();
  const keys = new Map<string, string[]>();
  const marked = new Set<string>();
  let bytes = 0;
  for await (const object of provider.list(listPrefix)) {
    bytes += object.size;
    const parts = object.key.slice(listPrefix.length).split('/');
    // `<project>/<run id>/<something>`: an object right under the project is not part of a run.
    if (parts.length < 3 || !parts[0] || !parts[1]) continue;
    const [project, runId] = parts as [string, string];
    const key = `${listPrefix}${project}/${runId}`;
    let run = runs.get(key);
    if (!run) {
      run = { project, runId, key, objects: 0, bytes: 0, newest: new Date(0) };
      runs.set(key, run);
      keys.set(key, []);
    }
    run.objects++;
    run.bytes += object.size;
    if (object.lastModified > run.newest) run.newest = object.lastModified;
    keys.get(key)!.push(object.key);
    if (parts.length === 3 && parts[2] === RUN_MARKER_NAME) marked.add(key);
  }
  // Only runs Panoptic wrote are runs; other folders stay out of every decision below.
  for (const key of [...runs.keys()]) {
    if (marked.has(key)) continue;
    runs.delete(key);
    keys.delete(key);
  }
  const sorted = [...runs.values()].sort(
    (a, b) => a.newest.getTime() - b.newest.getTime() || a.project.localeCompare(b.project) || a.runId.localeCompare(b.runId),
  );
  return { runs: sorted, keys, bytes };
}

/** Lists the runs under `prefix`, oldest first, with their size and last modification. */
export async function listRuns(provider: StorageProvider, prefix: string): Promise<StoredRun[]> {
  return (await collectRuns(provider, prefix)).runs;
}

function validatePolicy(policy: RetentionPolicy): void {
  if (policy.days !== undefined && !(Number.isFinite(policy.days) && policy.days >= 0)) {
    throw new RangeError(`retention days must be a number >= 0, got ${policy.days}`);
  }
  if (policy.maxSizeGb !== undefined && !(Number.isFinite(policy.maxSizeGb) && policy.maxSizeGb >= 0)) {
    throw new RangeError(`retention max size must be a number of GB >= 0, got ${policy.maxSizeGb}`);
  }
}

/**
 * Applies a retention policy to the runs under `prefix`: first deletes runs whose newest object is
 * older than `days`, then, while the prefix holds more than `maxSizeGb`, the oldest remaining runs.
 * The newest run of each project is never deleted, so the size limit may stay exceeded. A run whose
 * deletion fails is reported in `failed` and counted as kept; the others still go.
 */
export async function applyRetention(
  provider: StorageProvider,
  prefix: string,
  policy: RetentionPolicy = {},
): Promise<RetentionResult> {
  validatePolicy(policy);
  const now = policy.now ?? new Date();
  const { runs, keys, bytes } = await collectRuns(provider, prefix);

  const newestOfProject = new Map<string, StoredRun>();
  for (const run of runs) newestOfProject.set(run.project, run); // oldest first: the last one wins
  const protectedRuns = new Set(newestOfProject.values());

  const chosen = new Map<StoredRun, DeletedRun['reason']>();
  if (policy.days !== undefined) {
    const cutoff = now.getTime() - policy.days * DAY_MS;
    for (const run of runs) {
      if (!protectedRuns.has(run) && run.newest.getTime() < cutoff) chosen.set(run, 'age');
    }
  }
  if (policy.maxSizeGb !== undefined) {
    const limit = policy.maxSizeGb * GIB;
    let remaining = bytes - [...chosen.keys()].reduce((sum, run) => sum + run.bytes, 0);
    for (const run of runs) {
      if (remaining <= limit) break;
      if (protectedRuns.has(run) || chosen.has(run)) continue;
      chosen.set(run, 'size');
      remaining -= run.bytes;
    }
  }

  const result: RetentionResult = {
    deletedRuns: [],
    keptRuns: [],
    bytesFreed: 0,
    bytesBefore: bytes,
    bytesAfter: bytes,
    failed: [],
    dryRun: policy.dryRun ?? false,
  };
  for (const run of runs) {
    const reason = chosen.get(run);
    if (!reason) {
      result.keptRuns.push(run);
      continue;
    }
    if (!result.dryRun) {
      try {
        const runKeys = keys.get(run.key) ?? [];
        for (let i = 0; i < runKeys.length; i += DELETE_BATCH) {
          const batch = runKeys.slice(i, i + DELETE_BATCH);
          // Deleting a key that is already gone succeeds, so a batch that failed halfway can be sent again whole.
          await withRetry(() => provider.delete(batch), {
            attempts: (policy.retryAttempts ?? DEFAULT_TRANSFER.retryAttempts) + 1,
            backoffMs: policy.retryBackoffMs ?? DEFAULT_TRANSFER.retryBackoffMs,
          });
        }
      } catch (error) {
        result.failed.push({ project: run.project, runId: run.runId, cause: describeError(error) });
        result.keptRuns.push(run);
        continue;
      }
    }
    result.deletedRuns.push({ ...run, reason });
    result.bytesFreed += run.bytes;
  }
  result.bytesAfter = bytes - result.bytesFreed;
  return result;
}
