import { test, expect } from '@playwright/test';
import { assignUnits, buildUnits, createShardPlan, historyKeyOf, parseShard, readShardPlan, shardFromEnv, testListFile, testListLine, type ListedTest, type WorkUnit } from '@panoptic/cloud/shards';

const unit = (line: string, estimateMs: number): WorkUnit => ({ line, tests: [line], estimateMs, estimated: 0 });
const listed = (file: string, ...titlePath: string[]): ListedTest => ({ project: 'web', file, titlePath });

test('LPT alone would leave 7 on one of two shards; the improvement pass reaches the optimum of 6', () => {
  const plan = assignUnits([unit('a', 3), unit('b', 3), unit('c', 2), unit('d', 2), unit('e', 2)], 2);
  expect(plan.makespanMs).toBe(6);
  expect(plan.idealMs).toBe(6);
  expect(plan.shards.map((shard) => shard.estimateMs)).toEqual([6, 6]);
  expect(plan.shards.flatMap((shard) => shard.lines).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
});

test('the same units in any order give the same plan', () => {
  const units = Array.from({ length: 40 }, (_, i) => unit(`t${i}`, ((i * 7919) % 97) + 1));
  const reversed = [...units].reverse();
  const shuffled = [...units].sort((a, b) => (a.line.length - b.line.length) || b.line.localeCompare(a.line));
  const plan = assignUnits(units, 4);
  expect(assignUnits(reversed, 4)).toEqual(plan);
  expect(assignUnits(shuffled, 4)).toEqual(plan);
});

test('every unit lands on exactly one shard, also with more shards than units', () => {
  const units = [unit('x', 5), unit('y', 1)];
  const plan = assignUnits(units, 4);
  expect(plan.shards).toHaveLength(4);
  expect(plan.shards.map((shard) => shard.lines.length)).toEqual([1, 1, 0, 0]);
  expect(plan.makespanMs).toBe(5);
});

test('weights give a node with twice the capacity twice the work', () => {
  const units = Array.from({ length: 12 }, (_, i) => unit(`t${String(i).padStart(2, '0')}`, 10));
  const plan = assignUnits(units, 2, [2, 1]);
  expect(plan.shards.map((shard) => shard.lines.length)).toEqual([8, 4]);
  expect(plan.shards.map((shard) => shard.estimateMs)).toEqual([40, 40]);
  expect(() => assignUnits(units, 2, [1])).toThrow('1 shard weights given for 2 shards');
  expect(() => assignUnits(units, 0)).toThrow('whole number >= 1');
});

test('a test without history is estimated from its file, else from every known test, else at 1 s', () => {
  const tests = [listed('a.spec.ts', 'known'), listed('a.spec.ts', 'new'), listed('b.spec.ts', 'known'), listed('c.spec.ts', 'new')];
  const durations = new Map([
    [historyKeyOf(tests[0]!), 400],
    [historyKeyOf(tests[2]!), 1000],
  ]);
  const { units, fallbackMs, known, unknown } = buildUnits(tests, durations, 'test');
  expect([fallbackMs, known, unknown]).toEqual([700, 2, 2]);
  const estimates = Object.fromEntries(units.map((u) => [u.line, u.estimateMs]));
  expect(estimates).toEqual({
    '[web] › a.spec.ts › known': 400,
    '[web] › a.spec.ts › new': 400,
    '[web] › b.spec.ts › known': 1000,
    '[web] › c.spec.ts › new': 700,
  });
  expect(buildUnits(tests, new Map(), 'test').fallbackMs).toBe(1000);
});

test('file granularity keeps a file of a project on one shard; test granularity splits it', () => {
  const tests = [listed('a.spec.ts', 'one'), listed('a.spec.ts', 'group', 'two'), { ...listed('a.spec.ts', 'one'), project: 'mobile' }];
  expect(buildUnits(tests, new Map(), 'file').units.map((u) => [u.line, u.tests.length])).toEqual([
    ['[mobile] › a.spec.ts', 1],
    ['[web] › a.spec.ts', 2],
  ]);
  expect(buildUnits(tests, new Map(), 'test').units.map((u) => u.line)).toEqual(['[mobile] › a.spec.ts › one', '[web] › a.spec.ts › group › two', '[web] › a.spec.ts › one']);
});

test("a title Playwright's test list cannot name falls back to its parent, and the tests it selects stay together", () => {
  const odd = listed('a.spec.ts', 'group', 'three › odd');
  expect(testListLine(odd, 'test')).toBe('[web] › a.spec.ts › group');
  expect(testListLine(listed('a.spec.ts', ' padded'), 'test')).toBe('[web] › a.spec.ts');
  const tests = [odd, listed('a.spec.ts', 'group', 'two'), listed('a.spec.ts', 'solo')];
  const units = buildUnits(tests, new Map(), 'test').units;
  expect(units.map((u) => [u.line, u.tests.length])).toEqual([
    ['[web] › a.spec.ts › group', 2],
    ['[web] › a.spec.ts › solo', 1],
  ]);
  // Lines match by prefix: a test named like a sibling describe would also select the describe's tests.
  const prefixed = buildUnits([listed('b.spec.ts', 'x'), listed('b.spec.ts', 'x', 'y')], new Map(), 'test').units;
  expect(prefixed.map((u) => [u.line, u.tests.length])).toEqual([['[web] › b.spec.ts › x', 2]]);
  expect(() => testListLine({ project: 'a]b', file: 'a.spec.ts', titlePath: ['t'] }, 'test')).toThrow('project "a]b" cannot be named');
  expect(() => testListLine(listed('weird:12', 't'), 'file')).toThrow('test file "weird:12" cannot be named');
});

test('a plan file round-trips, its test list names the shard, and bad plans and shard labels are located errors', () => {
  const plan = createShardPlan({ tests: [listed('a.spec.ts', 'one'), listed('b.spec.ts', 'two')], durations: new Map(), total: 2, granularity: 'file', workers: 3 });
  expect(readShardPlan(JSON.parse(JSON.stringify(plan)), 'plan.json')).toEqual(plan);
  expect(plan).toMatchObject({ version: 1, total: 2, workers: 3, tests: 2, known: 0, estimated: 2, makespanMs: 1000, idealMs: 1000 });
  expect(testListFile(plan, 2)).toBe('# Panoptic shard 2/2: 1 tests, about 1 s\n[web] › b.spec.ts\n');
  expect(() => readShardPlan({ ...plan, shards: plan.shards.slice(1) }, 'plan.json')).toThrow('the shard plan at plan.json (version 1) is not valid: shards: expected a list of 2 shards, got 1');
  expect(() => readShardPlan({ ...plan, version: 2 }, 'plan.json')).toThrow('the shard plan at plan.json is version 2; this Panoptic reads version 1: upgrade Panoptic to read it');
  expect(parseShard('2/4')).toEqual({ current: 2, total: 4 });
  expect(parseShard('3-of-4')).toEqual({ current: 3, total: 4 });
  expect(() => parseShard('5/4')).toThrow('--shard: expected "<current>/<total>" with 1 <= current <= total (e.g. "2/4"), got "5/4"');
  expect(shardFromEnv({ PANOPTIC_SHARD: '1/3' })).toEqual({ current: 1, total: 3 });
  expect(shardFromEnv({})).toBeNull();
  expect(() => shardFromEnv({ PANOPTIC_SHARD: 'two' })).toThrow('PANOPTIC_SHARD="two"');
});
