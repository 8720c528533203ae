import { CommandError, reportErrors } from '../command-error.js';
import type { CommandIo } from '../command-io.js';
import { positiveNumber } from '../options/numbers.js';
import type { StoreFlags } from '../options/store.js';
import { printRetention } from '../retention-report.js';
import { resolveStore } from '../store-from-options.js';

export interface CleanupFlags extends StoreFlags {
  days?: string;
  maxSizeGb?: string;
  dryRun?: boolean;
}

/**
 * `panoptic cleanup`: applies the retention policy to the runs under the store's prefix — runs
 * older than `--days`, then the oldest runs while the prefix holds more than `--max-size-gb` — and
 * never deletes a project's newest run. Flags win over `settings.cloud`'s retention.
 */
export async function cleanupCommand(flags: CleanupFlags, io: CommandIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  return reportErrors(io, async () => {
    const days = flags.days !== undefined ? positiveNumber(flags.days, '--days') : undefined;
    const maxSizeGb = flags.maxSizeGb !== undefined ? positiveNumber(flags.maxSizeGb, '--max-size-gb') : undefined;
    const store = await resolveStore(flags, io);
    const policy = {
      days: days ?? store.options.retention.days,
      maxSizeGb: maxSizeGb ?? store.options.retention.maxSizeGb,
    };
    if (policy.days === undefined && policy.maxSizeGb === undefined) {
      throw new CommandError([
        'no retention policy: pass --days and/or --max-size-gb, or set settings.cloud.retention_days or settings.cloud.retention_policy (days, max_size_gb)',
      ]);
    }
    const { applyRetention } = await import('@panoptic/cloud');
    const rules = [
      policy.days !== undefined ? `older than ${policy.days} days` : '',
      policy.maxSizeGb !== undefined ? `beyond ${policy.maxSizeGb} GB` : '',
    ].filter(Boolean);
    const where = store.options.prefix ? `${store.options.prefix}/` : 'the store root';
    stdout.write(`${flags.dryRun ? 'dry run: ' : ''}cleaning up runs ${rules.join(', then ')} in ${store.provider.location} under ${where}\n`);
    const result = await applyRetention(store.provider, store.options.prefix, {
      ...(policy.days !== undefined ? { days: policy.days } : {}),
      ...(policy.maxSizeGb !== undefined ? { maxSizeGb: policy.maxSizeGb } : {}),
      dryRun: flags.dryRun ?? false,
      retryAttempts: store.options.transfer.retryAttempts,
      retryBackoffMs: store.options.transfer.retryBackoffMs,
    });
    printRetention(result, (line) => stdout.write(`${line}\n`));
    for (const failed of result.failed) stderr.write(`error: could not delete ${failed.project}/${failed.runId}: ${failed.cause}\n`);
    return result.failed.length ? 1 : 0;
  });
}
