import path from 'node:path';
import { reportErrors } from '../command-error.js';
import type { CommandIo } from '../command-io.js';
import { encryptionNote } from '../encryption-note.js';
import { formatBytes, plural } from '../format.js';
import { assertFolder } from '../local-folder.js';
import type { RunFlags } from '../options/run.js';
import { ProgressLine } from '../progress.js';
import { autoCleanup } from '../retention-report.js';
import { runKeyPrefix } from '../run-key-prefix.js';
import { resolveStore } from '../store-from-options.js';

export interface SyncFlags extends RunFlags {
  /** Delete each local file once it is verified in the store (`delete_local_after_sync`). */
  deleteLocal?: boolean;
}

const PHASES = { hashing: 'hashing', verifying: 'checking', uploading: 'uploading' } as const;

/**
 * `panoptic sync <dir>`: uploads what is new or changed since the last sync of the same folder to
 * the same run, using the manifest kept in the store. The run id must be the same on every sync of
 * a folder, so without `--run-id` it is PANOPTIC_RUN_ID or the CI run's id, else the folder's name.
 */
export async function syncCommand(dir: string, flags: SyncFlags, io: CommandIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  return reportErrors(io, async () => {
    const cloud = await import('@panoptic/cloud');
    const root = path.resolve(io.cwd ?? process.cwd(), dir);
    assertFolder(root);
    const store = await resolveStore(flags, io);
    const env = io.env ?? process.env;
    const keyPrefix = await runKeyPrefix(flags, store, () => cloud.currentRunId(env) ?? path.basename(root));
    const deleteLocal = flags.deleteLocal ?? store.options.deleteLocalAfterSync;

    stdout.write(`syncing ${root} to ${store.provider.location} under ${keyPrefix}/${encryptionNote(store.options)}${deleteLocal ? ' (deleting local files once stored)' : ''}\n`);
    const progress = new ProgressLine(stderr);
    const started = Date.now();
    const result = await cloud.syncFolder(store.provider, root, keyPrefix, {
      transfer: store.options.transfer,
      deleteLocalAfterSync: deleteLocal,
      onProgress: (p) => progress.update(PHASES[p.phase], p.done, p.total, p.bytes, p.totalBytes),
    });
    progress.clear();
    // Retention deletes only runs that carry Panoptic's marker: one that received files gets it.
    if (result.uploaded.length > 0) await cloud.markRun(store.provider, cloud.runFolderOf(keyPrefix), store.options.transfer);
    const elapsed = Date.now() - started;

    for (const warning of result.warnings) stderr.write(`warning: ${warning}\n`);
    for (const copy of result.backupFailed) stderr.write(`warning: backup copy failed: ${copy.path} to ${copy.location}: ${copy.cause}\n`);
    const bytes = result.uploaded.reduce((sum, file) => sum + file.bytes, 0);
    stdout.write(
      `uploaded ${plural(result.uploaded.length, 'file')} (${formatBytes(bytes)}), ${plural(result.skipped.length, 'file')} unchanged, ` +
        `${plural(result.failed.length, 'file')} failed in ${(elapsed / 1000).toFixed(1)} s\n`,
    );
    if (deleteLocal) {
      stdout.write(`deleted ${plural(result.deletedLocal.length, 'local file')} stored and verified; kept ${result.keptLocal.length}\n`);
      // Files kept because their upload failed are listed with the failures below.
      const failedPaths = new Set(result.failed.map((failed) => failed.path));
      for (const kept of result.keptLocal.filter((k) => !failedPaths.has(k.path))) stdout.write(`  kept ${kept.path}: ${kept.reason}\n`);
    }
    if (result.failed.length) {
      stderr.write(`failed ${plural(result.failed.length, 'file')} (the next sync tries them again):\n`);
      for (const failed of result.failed) stderr.write(`  ${failed.path}: ${failed.cause}\n`);
    }
    if (result.manifestError) stderr.write(`error: ${result.manifestError}; the next sync uploads these files again\n`);
    const ok = result.failed.length === 0 && result.manifestSaved;
    if (ok && store.options.retention.autoCleanup) await autoCleanup(store, stdout);
    return ok ? 0 : 1;
  });
}
