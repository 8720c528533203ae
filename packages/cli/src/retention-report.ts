import type { RetentionResult } from '@panoptic/cloud';
import { CommandError } from './command-error.js';
import { formatBytes, plural } from './format.js';
import type { ResolvedStore } from './store-from-options.js';

/** Prints what a retention pass did (or would do, on a dry run). */
export function printRetention(result: RetentionResult, write: (line: string) => void): void {
  const verb = result.dryRun ? 'would delete' : 'deleted';
  for (const run of result.deletedRuns) {
    const why = run.reason === 'age' ? 'older than the retention days' : 'over the size limit';
    write(`${verb} ${run.key}/ (${formatBytes(run.bytes)}, ${plural(run.objects, 'object')}, last written ${run.newest.toISOString()}; ${why})`);
  }
  write(
    `${result.dryRun ? 'would free' : 'freed'} ${formatBytes(result.bytesFreed)}: ${plural(result.deletedRuns.length, 'run')} ${verb === 'deleted' ? 'deleted' : 'to delete'}, ` +
      `${plural(result.keptRuns.length, 'run')} kept; the prefix holds ${formatBytes(result.bytesAfter)}${result.dryRun ? ' after that' : ''}`,
  );
}

/** `auto_cleanup`: the retention policy applied after a complete upload. */
export async function autoCleanup(store: ResolvedStore, stdout: NodeJS.WritableStream): Promise<void> {
  const { days, maxSizeGb } = store.options.retention;
  if (days === undefined && maxSizeGb === undefined) return;
  const { applyRetention } = await import('@panoptic/cloud');
  const result = await applyRetention(store.provider, store.options.prefix, {
    ...(days !== undefined ? { days } : {}),
    ...(maxSizeGb !== undefined ? { maxSizeGb } : {}),
    retryAttempts: store.options.transfer.retryAttempts,
    retryBackoffMs: store.options.transfer.retryBackoffMs,
  });
  printRetention(result, (line) => stdout.write(`cleanup: ${line}\n`));
  if (result.failed.length) {
    throw new CommandError(result.failed.map((f) => `cleanup could not delete ${f.project}/${f.runId}: ${f.cause}`));
  }
}
