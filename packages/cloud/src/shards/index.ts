export { assignUnits, type PlannedShard, type ShardAssignment, type WorkUnit } from './plan.js';
export { buildUnits, historyKeyOf, testListLine, DEFAULT_FALLBACK_MS, type Granularity, type ListedTest, type UnitsResult } from './units.js';
export { createShardPlan, parseShard, readShardPlan, testListFile, type PlanInput, type ShardPlan } from './plan-file.js';
export { shardFromEnv, SHARD_ENV } from './env.js';
