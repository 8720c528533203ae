import { z } from 'zod';
import { documentReader } from './read.js';

/** The plan `panoptic shard plan` writes and `panoptic shard run` (often on another machine) reads. */
export const SHARD_PLAN_VERSION = 1;

/**
 * What a shard gets as a whole. `file`: every test of a project's file runs on one machine, the way
 * Playwright's own `--shard` keeps files together unless `fullyParallel` is on. `test`: each test on
 * its own, for fully parallel suites.
 */
export const granularitySchema = z.enum(['file', 'test']);

const positiveInt = z.number().int().positive();

export const plannedShardSchema = z.object({
  index: positiveInt,
  estimateMs: z.number().nonnegative(),
  weight: z.number().nonnegative(),
  tests: z.number().int().nonnegative(),
  /** Lines of the Playwright test list (`--test-list`) of this shard. */
  lines: z.array(z.string()),
});

export const shardPlanSchema = z
  .object({
    version: z.literal(SHARD_PLAN_VERSION),
    total: positiveInt,
    granularity: granularitySchema,
    /** Workers per shard (`settings.cloud.distributed.max_concurrent_per_node`), when set. */
    workers: positiveInt.optional(),
    tests: z.number().int().nonnegative(),
    /** Tests planned from recorded durations, and from the fallback estimate. */
    known: z.number().int().nonnegative(),
    estimated: z.number().int().nonnegative(),
    fallbackMs: z.number().nonnegative(),
    makespanMs: z.number().nonnegative(),
    idealMs: z.number().nonnegative(),
    shards: z.array(plannedShardSchema),
  })
  // `shard run --shard 2/4` takes `shards[1]`: the list must hold every shard, in order.
  .superRefine((plan, ctx) => {
    if (plan.shards.length !== plan.total) {
      ctx.addIssue({ code: 'custom', path: ['shards'], message: `expected a list of ${plan.total} shards, got ${plan.shards.length}` });
      return;
    }
    plan.shards.forEach((shard, i) => {
      if (shard.index !== i + 1) ctx.addIssue({ code: 'custom', path: ['shards', i, 'index'], message: `expected ${i + 1}, got ${shard.index}` });
    });
  });

/** A shard plan's parsed JSON, checked; throws a DocumentError naming its version or its bad field. */
export const readShardPlan = documentReader({
  name: 'the shard plan',
  version: SHARD_PLAN_VERSION,
  schema: shardPlanSchema,
  rewrite: 'write it again with `panoptic shard plan`',
});

export type Granularity = z.infer<typeof granularitySchema>;
export type PlannedShardEntry = z.infer<typeof plannedShardSchema>;
export type ShardPlan = z.infer<typeof shardPlanSchema>;
