import { test, expect } from '@playwright/test';
import { SHARD_PLAN_VERSION, readShardPlan } from '@panoptic/model/shard-plan';
import { createShardPlan } from '@panoptic/cloud/shards';

const plan = createShardPlan({
  tests: [{ project: 'web', file: 'a.spec.ts', titlePath: ['one'] }],
  durations: new Map(),
  total: 1,
  granularity: 'file',
});

test('a shard plan as `shard plan` writes it parses', () => {
  expect(plan.version).toBe(SHARD_PLAN_VERSION);
  expect(readShardPlan(JSON.parse(JSON.stringify(plan)), 'plan.json')).toEqual(plan);
});

test('a shard plan of another version says which it is and which this Panoptic reads', () => {
  expect(() => readShardPlan({ ...plan, version: 0 }, 'plan.json')).toThrow(
    'the shard plan at plan.json is version 0; this Panoptic reads version 1: write it again with `panoptic shard plan`',
  );
});

test('a malformed shard plan names the field', () => {
  expect(() => readShardPlan({ ...plan, granularity: 'suite' }, 'plan.json')).toThrow(/plan\.json \(version 1\) is not valid: granularity: Invalid option/);
  expect(() => readShardPlan({ ...plan, shards: [{ ...plan.shards[0], index: 2 }] }, 'plan.json')).toThrow('shards[0].index: expected 1, got 2');
});
