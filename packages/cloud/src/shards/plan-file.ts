import { SHARD_PLAN_VERSION, readShardPlan, type ShardPlan } from '@panoptic/model/shard-plan';
import { assignUnits } from './plan.js';
import { buildUnits, type Granularity, type ListedTest } from './units.js';

// The plan is written by `shard plan` and read by `shard run`, often on other machines and Panoptic
// versions: its schema and reader are owned by @panoptic/model.
export { readShardPlan, type ShardPlan };

export interface PlanInput {
  tests: readonly ListedTest[];
  /** Median recorded duration per history key. */
  durations: ReadonlyMap<string, number>;
  total: number;
  granularity: Granularity;
  weights?: readonly number[];
  workers?: number;
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

export function createShardPlan(input: PlanInput): ShardPlan {
  const { units, fallbackMs, known, unknown } = buildUnits(input.tests, input.durations, input.granularity);
  const assignment = assignUnits(units, input.total, input.weights);
  return {
    version: SHARD_PLAN_VERSION,
    total: input.total,
    granularity: input.granularity,
    ...(input.workers !== undefined ? { workers: input.workers } : {}),
    tests: known + unknown,
    known,
    estimated: unknown,
    fallbackMs: round(fallbackMs),
    makespanMs: round(assignment.makespanMs),
    idealMs: round(assignment.idealMs),
    shards: assignment.shards.map((shard) => ({ ...shard, estimateMs: round(shard.estimateMs) })),
  };
}

/** `"2/4"` (or `2-of-4`) as numbers; the error says what was expected. */
export function parseShard(value: string, what = '--shard'): { current: number; total: number } {
  const match = /^\s*(\d+)\s*(?:\/|-of-)\s*(\d+)\s*$/.exec(value);
  const current = Number(match?.[1]);
  const total = Number(match?.[2]);
  if (!match || current < 1 || total < 1 || current > total) {
    throw new Error(`${what}: expected "<current>/<total>" with 1 <= current <= total (e.g. "2/4"), got ${JSON.stringify(value)}`);
  }
  return { current, total };
}

/** The `--test-list` file of one shard: a comment saying where it came from, then its lines. */
export function testListFile(plan: ShardPlan, current: number): string {
  const shard = plan.shards[current - 1];
  if (!shard) throw new Error(`shard ${current} is not in the plan (it has ${plan.total} shards)`);
  return [`# Panoptic shard ${current}/${plan.total}: ${shard.tests} tests, about ${Math.round(shard.estimateMs / 1000)} s`, ...shard.lines, ''].join('\n');
}
