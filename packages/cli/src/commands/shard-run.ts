import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { reportErrors } from '../command-error.js';
import type { CommandIo } from '../command-io.js';
import { aggregationOff, configArgs, runPlaywright, sharedRunId, shardKeys, shardStore, uploadOne } from './shard-common.js';
import { loadPlan, shardTestList, type ShardListFlags } from './shard-list.js';

export interface ShardRunFlags extends ShardListFlags {
  config?: string;
  blobDir?: string;
  reporter?: string;
}

const hasWorkersFlag = (args: string[]): boolean => args.some((arg) => arg === '-j' || arg.startsWith('--workers') || /^-j\d/.test(arg));

/**
 * `panoptic shard run`: runs shard i of a plan with `playwright test --test-list`, writing a blob
 * report `report-<i>-of-<N>.zip` into `--blob-dir`, and uploads it to the store (when there is one)
 * for `panoptic shard merge`. The exit code is Playwright's, or 1 when the upload failed.
 *
 * Why a test list rather than a config helper: a config can filter only with `grep` (one regex for
 * every project, which a project's own `grep` replaces; YAML suites select each app's test with one)
 * or by file, while `--test-list` names each test by project, file and title path and is applied
 * on top of every other filter.
 */
export async function shardRunCommand(flags: ShardRunFlags, playwrightArgs: string[], io: CommandIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  return reportErrors(io, async () => {
    const cwd = io.cwd ?? process.cwd();
    const plan = await loadPlan(flags, io);
    const { current, total, text } = await shardTestList(plan, flags.shard);
    const store = await shardStore(flags, io);
    const runId = store ? await sharedRunId(flags, io) : undefined;

    const blobDir = path.resolve(cwd, flags.blobDir ?? 'blob-report');
    const blob = path.join(blobDir, `report-${current}-of-${total}.zip`);
    await fsp.mkdir(blobDir, { recursive: true });
    await fsp.rm(blob, { force: true });
    const temp = await fsp.mkdtemp(path.join(os.tmpdir(), 'panoptic-shard-'));
    const testList = path.join(temp, `shard-${current}-of-${total}.txt`);
    await fsp.writeFile(testList, text);

    const env: NodeJS.ProcessEnv = { ...(io.env ?? process.env), PANOPTIC_SHARD: `${current}/${total}`, PLAYWRIGHT_BLOB_OUTPUT_FILE: blob };
    if (runId) env.PANOPTIC_RUN_ID = runId;
    // Without aggregation a shard's own Panoptic report is the result, so the shard writes one.
    const own = aggregationOff(flags, io) ? ['@panoptic/reporter'] : [];
    const reporters = [...new Set([...(flags.reporter ?? 'list').split(',').filter((r) => r && r !== 'blob'), ...own, 'blob'])].join(',');
    const workers = plan.workers !== undefined && !hasWorkersFlag(playwrightArgs) ? [`--workers=${plan.workers}`] : [];
    stdout.write(`shard ${current}/${total}: ${plan.shards[current - 1]!.tests} tests, about ${(plan.shards[current - 1]!.estimateMs / 1000).toFixed(1)} s\n`);
    let result: { code: number };
    try {
      result = await runPlaywright(['test', ...configArgs(flags.config), '--test-list', testList, `--reporter=${reporters}`, ...workers, ...playwrightArgs], io, env);
    } finally {
      await fsp.rm(temp, { recursive: true, force: true });
    }
    if (!fs.existsSync(blob)) {
      (io.stderr ?? process.stderr).write(`error: the shard wrote no blob report at ${blob} (playwright exit code ${result.code})\n`);
      return 1;
    }
    if (store && runId) {
      const keys = await shardKeys(store, runId);
      const key = keys.blob(current, total);
      // Uploaded even when tests failed: the merged report is where failures are read.
      await uploadOne(store, blob, key, keys.run);
      stdout.write(`blob report stored at ${store.provider.location} ${key}\n`);
    }
    return result.code;
  });
}
