import type { RunFlags } from './options/run.js';
import type { ResolvedStore } from './store-from-options.js';

/** `<prefix>/<project>/<run id>/<shard>` for the files of this command. */
export async function runKeyPrefix(flags: RunFlags, store: ResolvedStore, defaultRunId: () => string): Promise<string> {
  const { runPrefix } = await import('@panoptic/cloud');
  return runPrefix({
    prefix: store.options.prefix,
    project: flags.project ?? store.suiteName ?? '',
    runId: flags.runId ?? defaultRunId(),
    shard: flags.shard ?? null,
  });
}
