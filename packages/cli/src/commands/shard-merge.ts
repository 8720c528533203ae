import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { CommandError, reportErrors } from '../command-error.js';
import type { CommandIo } from '../command-io.js';
import { aggregationOff, configArgs, download, runPlaywright, sharedRunId, shardKeys, shardStore } from './shard-common.js';
import type { ShardStoreFlags } from '../options/shard-store.js';

export interface ShardMergeFlags extends ShardStoreFlags {
  config?: string;
  blobDir?: string;
  reporter?: string;
  allowMissing?: boolean;
}

const BLOB = /^(\d+)-of-(\d+)\/blob\/[^/]+\.zip$/;
const LOCAL_BLOB = /^report-(\d+)-of-(\d+)\.zip$/;

/** Which shards of `total` have no blob; an empty list when all are there. */
function missingShards(found: { current: number; total: number }[]): string[] {
  const totals = new Set(found.map((shard) => shard.total));
  if (totals.size > 1) throw new CommandError([`blob reports of different plans are mixed (totals ${[...totals].join(', ')}): give each run its own run id or blob folder`]);
  const total = found[0]?.total ?? 0;
  const have = new Set(found.map((shard) => shard.current));
  return Array.from({ length: total }, (_, i) => i + 1).filter((i) => !have.has(i)).map((i) => `${i}/${total}`);
}

/**
 * `panoptic shard merge`: downloads every shard's blob report of the run from the store (or takes
 * `--blob-dir` as it is), checks none is missing, and runs `playwright merge-reports` with the
 * config's reporters, so Panoptic's reporter writes the run's report and history once, for the
 * whole run. The exit code is merge-reports': 0 once merged, whatever the tests did (their
 * failures already failed the shards' jobs).
 */
export async function shardMergeCommand(flags: ShardMergeFlags, io: CommandIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  return reportErrors(io, async () => {
    const cwd = io.cwd ?? process.cwd();
    if (aggregationOff(flags, io)) {
      stdout.write(`${flags.suite}: settings.cloud.distributed.result_aggregation is false: each shard keeps its own report; nothing to merge\n`);
      return 0;
    }
    const blobDir = path.resolve(cwd, flags.blobDir ?? 'blob-report');
    const store = await shardStore(flags, io);
    const found: { current: number; total: number }[] = [];
    if (store) {
      const keys = await shardKeys(store, await sharedRunId(flags, io));
      await fsp.rm(blobDir, { recursive: true, force: true });
      await fsp.mkdir(blobDir, { recursive: true });
      for await (const object of store.provider.list(`${keys.run}/`)) {
        const match = BLOB.exec(object.key.slice(keys.run.length + 1));
        if (!match) continue;
        const current = Number(match[1]);
        const total = Number(match[2]);
        const bytes = await download(store, object.key);
        if (!bytes) continue;
        await fsp.writeFile(path.join(blobDir, `report-${current}-of-${total}.zip`), bytes);
        found.push({ current, total });
      }
      stdout.write(`downloaded ${found.length} blob report(s) from ${store.provider.location} ${keys.run}/\n`);
      if (!found.length) throw new CommandError([`no blob reports under ${keys.run}/ in ${store.provider.location}: did the shards run with the same run id and store?`]);
    } else {
      if (!fs.existsSync(blobDir)) throw new CommandError([`--blob-dir ${blobDir}: no such folder, and no store to download the shards' blob reports from`]);
      for (const name of await fsp.readdir(blobDir)) {
        const match = LOCAL_BLOB.exec(name);
        if (match) found.push({ current: Number(match[1]), total: Number(match[2]) });
      }
      if (!found.length) throw new CommandError([`--blob-dir ${blobDir}: no report-<i>-of-<N>.zip written by \`panoptic shard run\``]);
    }
    const missing = missingShards(found);
    if (missing.length) {
      const message = `shard(s) ${missing.join(', ')} have no blob report: the merged report would leave their tests out`;
      if (!flags.allowMissing) throw new CommandError([`${message}; rerun them, or pass --allow-missing`]);
      stderr.write(`warning: ${message}\n`);
    }
    const env = { ...(io.env ?? process.env) };
    // The merge is the whole run: the reporter must not take it for a shard.
    delete env.PANOPTIC_SHARD;
    const reporter = flags.reporter ? [`--reporter=${flags.reporter}`] : [];
    const result = await runPlaywright(['merge-reports', ...configArgs(flags.config ?? defaultConfig(cwd)), ...reporter, blobDir], io, env);
    return result.code;
  });
}

/**
 * merge-reports reads the reporters from `-c` and, with it, rebases the shards' paths on this
 * checkout; without `-c` it finds no config on its own, so the default config file is passed.
 */
function defaultConfig(cwd: string): string | undefined {
  for (const name of ['playwright.config.ts', 'playwright.config.js', 'playwright.config.mts', 'playwright.config.mjs', 'playwright.config.cts', 'playwright.config.cjs']) {
    if (fs.existsSync(path.join(cwd, name))) return name;
  }
  return undefined;
}
