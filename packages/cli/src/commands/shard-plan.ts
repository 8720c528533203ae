import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { distributedRun } from '@panoptic/config';
import { HISTORY_FILE, readHistory, type History } from '@panoptic/model/history';
import { DEFAULT_OUTPUT_DIR } from '@panoptic/model/output-folder';
import type { Granularity, ShardPlan } from '@panoptic/cloud/shards';
import { CommandError, reportErrors } from '../command-error.js';
import type { CommandIo } from '../command-io.js';
import { wholeNumber } from '../options/numbers.js';
import { distributedSettingsOf, download, listTests, sharedRunId, shardKeys, shardStore, suitesOf, uploadOne } from './shard-common.js';
import type { ShardStoreFlags } from '../options/shard-store.js';

export interface ShardPlanFlags extends ShardStoreFlags {
  total?: string;
  config?: string;
  history?: string;
  granularity?: string;
  out?: string;
  upload?: boolean;
}

/**
 * Median durations from a history file the reporter wrote. An unreadable one, or one of another
 * version, is an error here and is left where it is: planning only reads it.
 */
async function durationsFrom(file: string): Promise<Map<string, number>> {
  const { medianDurations } = await import('@panoptic/reporter');
  let history: History;
  try {
    history = readHistory(JSON.parse(await fsp.readFile(file, 'utf8')), file);
  } catch (error) {
    throw new CommandError([`--history: ${(error as Error).message}`]);
  }
  return medianDurations(history);
}

function granularityOf(flag: string | undefined, fullyParallel: boolean): Granularity {
  if (flag === undefined || flag === 'auto') return fullyParallel ? 'test' : 'file';
  if (flag === 'file' || flag === 'test') return flag;
  throw new CommandError([`--granularity: expected auto, file or test, got ${JSON.stringify(flag)}`]);
}

/**
 * `panoptic shard plan`: lists the tests with Playwright, reads their recorded durations (the
 * `--history` file, else the store's, else the reporter's local history.json) and writes a plan of
 * `--total` shards minimising the longest one. Prints the plan (or writes `--out`); `--upload`
 * also puts it in the store under the run, where `panoptic shard run` finds it.
 */
export async function shardPlanCommand(flags: ShardPlanFlags, playwrightArgs: string[], io: CommandIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  return reportErrors(io, async () => {
    const cwd = io.cwd ?? process.cwd();
    const listing = await listTests(flags.config, playwrightArgs, io);
    const suites = suitesOf(listing.projects);
    const distributed = distributedSettingsOf(suites);
    const settings = distributedRun(distributed?.cloud);
    const total = flags.total !== undefined ? wholeNumber(flags.total, '--total', 1) : settings.nodeCount;
    if (total === undefined) {
      throw new CommandError(['--total is required: the number of shards (CI jobs), unless a suite sets settings.cloud.distributed.node_count']);
    }
    const store = await shardStore(flags, io, suites);

    let durations = new Map<string, number>();
    let source = 'no history: every test has the same estimate';
    if (flags.history) {
      const file = path.resolve(cwd, flags.history);
      durations = await durationsFrom(file);
      source = file;
    } else if (store) {
      const keys = await shardKeys(store, 'history');
      const bytes = await download(store, keys.history);
      if (bytes) {
        const temp = await fsp.mkdtemp(path.join(os.tmpdir(), 'panoptic-history-'));
        try {
          await fsp.writeFile(path.join(temp, 'history.json'), bytes);
          durations = await durationsFrom(path.join(temp, 'history.json'));
        } finally {
          await fsp.rm(temp, { recursive: true, force: true });
        }
        source = `${store.provider.location} ${keys.history}`;
      }
    } else {
      // Where the reporter keeps it by default: the suite's output folder, else the default one.
      const outputDir = listing.projects.find((project) => project.outputDir)?.outputDir ?? path.join(listing.configDir, DEFAULT_OUTPUT_DIR);
      const local = path.join(outputDir, HISTORY_FILE);
      const exists = await fsp.stat(local).then(() => true, () => false);
      if (exists) {
        durations = await durationsFrom(local);
        source = local;
      }
    }

    const { createShardPlan } = await import('@panoptic/cloud/shards');
    const weights = flags.total === undefined || Number(flags.total) === settings.nodeCount ? settings.weights : undefined;
    let plan: ShardPlan;
    try {
      plan = createShardPlan({
        tests: listing.tests,
        durations,
        total,
        granularity: granularityOf(flags.granularity, listing.fullyParallel),
        ...(weights ? { weights } : {}),
        ...(settings.enabled && settings.workersPerNode !== undefined ? { workers: settings.workersPerNode } : {}),
      });
    } catch (error) {
      throw new CommandError([(error as Error).message]);
    }
    const text = `${JSON.stringify(plan, null, 2)}\n`;
    if (flags.out) {
      const out = path.resolve(cwd, flags.out);
      await fsp.mkdir(path.dirname(out), { recursive: true });
      await fsp.writeFile(out, text);
    } else {
      stdout.write(text);
    }
    stderr.write(
      `planned ${plan.tests} tests on ${plan.total} shards from ${source}: longest shard about ${(plan.makespanMs / 1000).toFixed(1)} s, ideal ${(plan.idealMs / 1000).toFixed(1)} s` +
        `${plan.estimated ? `; ${plan.estimated} test(s) without history estimated at ${(plan.fallbackMs / 1000).toFixed(1)} s or their file's median` : ''}\n`,
    );
    if (flags.upload) {
      if (!store) throw new CommandError(['--upload needs a store: --suite <file> with settings.cloud, or --provider and --bucket']);
      const keys = await shardKeys(store, await sharedRunId(flags, io));
      const temp = await fsp.mkdtemp(path.join(os.tmpdir(), 'panoptic-plan-'));
      try {
        await fsp.writeFile(path.join(temp, 'shard-plan.json'), text);
        await uploadOne(store, path.join(temp, 'shard-plan.json'), keys.plan, keys.run);
      } finally {
        await fsp.rm(temp, { recursive: true, force: true });
      }
      stderr.write(`plan stored at ${store.provider.location} ${keys.plan}\n`);
    }
    return 0;
  });
}
