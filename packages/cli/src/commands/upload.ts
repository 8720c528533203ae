import fsp from 'node:fs/promises';
import path from 'node:path';
import type { UploadItem } from '@panoptic/cloud';
import { reportErrors } from '../command-error.js';
import type { CommandIo } from '../command-io.js';
import { encryptionNote } from '../encryption-note.js';
import { formatBytes, formatRate, plural } from '../format.js';
import { assertFolder } from '../local-folder.js';
import type { RunFlags } from '../options/run.js';
import { ProgressLine } from '../progress.js';
import { autoCleanup } from '../retention-report.js';
import { runKeyPrefix } from '../run-key-prefix.js';
import { resolveStore } from '../store-from-options.js';

export type UploadFlags = RunFlags;

/**
 * `panoptic upload <dir>`: every file under `dir` to `<prefix>/<project>/<run id>/<shard>/`, in
 * parallel, each verified and retried. Exit code 1 when any file failed, each listed with its cause.
 */
export async function uploadCommand(dir: string, flags: UploadFlags, io: CommandIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  return reportErrors(io, async () => {
    const cloud = await import('@panoptic/cloud');
    const root = path.resolve(io.cwd ?? process.cwd(), dir);
    assertFolder(root);
    const store = await resolveStore(flags, io);
    const keyPrefix = await runKeyPrefix(flags, store, () => cloud.currentRunId(io.env ?? process.env) ?? cloud.newRunId());
    const { files, links } = await cloud.filesUnder(root);
    for (const link of links) stderr.write(`warning: ${link}: a symbolic link, not followed\n`);
    const items: UploadItem[] = files.map((file) => ({ file: path.join(root, ...file.split('/')), key: `${keyPrefix}/${file}` }));
    const sizes = await Promise.all(items.map(async (item) => (await fsp.stat(item.file)).size));
    const totalBytes = sizes.reduce((a, b) => a + b, 0);

    stdout.write(`uploading ${plural(items.length, 'file')} (${formatBytes(totalBytes)}) to ${store.provider.location} under ${keyPrefix}/${encryptionNote(store.options)}\n`);
    const progress = new ProgressLine(stderr);
    const started = Date.now();
    const results = await cloud.uploadFiles(store.provider, items, store.options.transfer, (p) =>
      progress.update('uploading', p.done, p.total, p.bytes, totalBytes),
    );
    progress.clear();
    // Retention deletes only runs that carry Panoptic's marker: one that received files gets it.
    if (results.some((r) => r.status === 'uploaded')) await cloud.markRun(store.provider, cloud.runFolderOf(keyPrefix), store.options.transfer);
    const elapsed = Date.now() - started;
    const uploaded = results.filter((r) => r.status === 'uploaded');
    const failed = results.filter((r) => r.status === 'failed');
    const bytes = uploaded.reduce((sum, r) => sum + r.bytes, 0);
    const stored = uploaded.reduce((sum, r) => sum + r.storedBytes, 0);
    const retried = uploaded.filter((r) => r.attempts > 1).length;
    stdout.write(
      `uploaded ${plural(uploaded.length, 'file')} (${formatBytes(bytes)}${stored !== bytes ? `, ${formatBytes(stored)} stored` : ''}) in ${(elapsed / 1000).toFixed(1)} s, ${formatRate(bytes, elapsed)}` +
        `${retried ? `; ${plural(retried, 'file')} needed a retry` : ''}\n`,
    );
    for (const copy of results.flatMap((r) => r.backups ?? [])) if (copy.status === 'failed') stderr.write(`warning: backup copy failed: ${copy.error ?? copy.location}\n`);
    if (failed.length) {
      stderr.write(`failed ${plural(failed.length, 'file')}:\n`);
      for (const result of failed) stderr.write(`  ${path.relative(root, result.file)}: ${result.error ?? 'unknown error'}\n`);
    }
    if (!failed.length && store.options.retention.autoCleanup) await autoCleanup(store, stdout);
    return failed.length ? 1 : 0;
  });
}
