import { assignUnits } from './plan.js';
import { buildUnits, type Granularity, type ListedTest } from './units.js';

/** A shard plan as written by `panoptic shard plan` and read by `panoptic shard run`. */
export interface ShardPlan {
  version: 1;
  total: number;
  granularity: Granularity;
  /** Workers per shard (`settings.cloud.distributed.max_concurrent_per_node`), when set. */
  workers?: number;
  tests: number;
  /** Tests planned from recorded durations, and from the fallback estimate. */
  known: number;
  estimated: number;
  fallbackMs: number;
  makespanMs: number;
  idealMs: number;
  shards: {
    index: number;
    estimateMs: number;
    weight: number;
    tests: number;
    /** Lines of the Playwright test list (`--test-list`) of this shard. */
    lines: string[];
  }[];
}

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
    version: 1,
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

/** Checks a parsed plan file; errors name the key path and what was expected. */
export function readShardPlan(value: unknown, source: string): ShardPlan {
  const fail = (where: string, expected: string): never => {
    throw new Error(`${source}: ${where}: expected ${expected}; write the plan with \`panoptic shard plan\``);
  };
  if (!value || typeof value !== 'object') fail('the file', 'a JSON object');
  const plan = value as Partial<ShardPlan>;
  if (plan.version !== 1) fail('version', '1');
  if (!Number.isInteger(plan.total) || plan.total! < 1) fail('total', 'a whole number >= 1');
  if (plan.granularity !== 'file' && plan.granularity !== 'test') fail('granularity', '"file" or "test"');
  if (!Array.isArray(plan.shards) || plan.shards.length !== plan.total) fail('shards', `a list of ${plan.total} shards`);
  plan.shards!.forEach((shard, i) => {
    if (shard?.index !== i + 1) fail(`shards[${i}].index`, String(i + 1));
    if (!Array.isArray(shard.lines) || shard.lines.some((line) => typeof line !== 'string')) fail(`shards[${i}].lines`, 'a list of test-list lines');
  });
  if (plan.workers !== undefined && (!Number.isInteger(plan.workers) || plan.workers < 1)) fail('workers', 'a whole number >= 1');
  return plan as ShardPlan;
}

/** The `--test-list` file of one shard: a comment saying where it came from, then its lines. */
export function testListFile(plan: ShardPlan, current: number): string {
  const shard = plan.shards[current - 1];
  if (!shard) throw new Error(`shard ${current} is not in the plan (it has ${plan.total} shards)`);
  return [`# Panoptic shard ${current}/${plan.total}: ${shard.tests} tests, about ${Math.round(shard.estimateMs / 1000)} s`, ...shard.lines, ''].join('\n');
}
