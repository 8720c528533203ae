import fsp from 'node:fs/promises';
import path from 'node:path';
import { CommandError, reportErrors } from '../command-error.js';
import type { CommandIo } from '../command-io.js';
import { download, sharedRunId, shardKeys, shardStore } from './shard-common.js';
import type { ShardStoreFlags } from '../options/shard-store.js';
import type { ShardPlan } from '@panoptic/cloud/shards';

export interface ShardListFlags extends ShardStoreFlags {
  plan?: string;
  shard: string;
  out?: string;
}

/** The plan: the `--plan` file, else the one `shard plan --upload` put in the store under the run. */
export async function loadPlan(flags: ShardListFlags, io: CommandIo): Promise<ShardPlan> {
  const { readShardPlan } = await import('@panoptic/cloud/shards');
  const parse = (text: string, source: string): ShardPlan => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new CommandError([`${source}: not JSON (${(error as Error).message}); write the plan with \`panoptic shard plan\``]);
    }
    try {
      return readShardPlan(value, source);
    } catch (error) {
      throw new CommandError([(error as Error).message]);
    }
  };
  if (flags.plan) {
    const file = path.resolve(io.cwd ?? process.cwd(), flags.plan);
    const text = await fsp.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new CommandError([`--plan ${flags.plan}: cannot read it (${error.code ?? error.message})`]);
    });
    return parse(text, flags.plan);
  }
  const store = await shardStore(flags, io);
  if (!store) throw new CommandError(['no plan: pass --plan <file>, or a store (--suite <file> or --provider and --bucket) where `panoptic shard plan --upload` stored it']);
  const keys = await shardKeys(store, await sharedRunId(flags, io));
  const bytes = await download(store, keys.plan);
  if (!bytes) throw new CommandError([`no plan at ${store.provider.location} ${keys.plan}: run \`panoptic shard plan --upload\` first with the same run id`]);
  return parse(bytes.toString('utf8'), `${keys.plan}`);
}

/** The shard's `--test-list` file contents, after checking `--shard` agrees with the plan. */
export async function shardTestList(plan: ShardPlan, shard: string): Promise<{ current: number; total: number; text: string }> {
  const { parseShard, testListFile } = await import('@panoptic/cloud/shards');
  let parsed: { current: number; total: number };
  try {
    parsed = parseShard(shard);
  } catch (error) {
    throw new CommandError([(error as Error).message]);
  }
  if (parsed.total !== plan.total) throw new CommandError([`--shard ${shard}: the plan has ${plan.total} shards, not ${parsed.total}`]);
  return { ...parsed, text: testListFile(plan, parsed.current) };
}

/**
 * `panoptic shard list`: writes shard i's Playwright test list, for running it with
 * `PANOPTIC_SHARD=i/N npx playwright test --test-list <file>` and the config's own reporters.
 */
export async function shardListCommand(flags: ShardListFlags, io: CommandIo = {}): Promise<number> {
  return reportErrors(io, async () => {
    const plan = await loadPlan(flags, io);
    const { text } = await shardTestList(plan, flags.shard);
    if (flags.out) {
      const out = path.resolve(io.cwd ?? process.cwd(), flags.out);
      await fsp.mkdir(path.dirname(out), { recursive: true });
      await fsp.writeFile(out, text);
    } else {
      (io.stdout ?? process.stdout).write(text);
    }
    return 0;
  });
}
