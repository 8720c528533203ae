import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import type { ShardPlan } from '@panoptic/cloud/shards';
import { useDemoServer, suitesConfig } from '../helpers/demo.js';
import { runPanoptic, testOf, writeProject } from '../helpers/inline.js';
import { readSummary } from '../helpers/reporter.js';

// settings.cloud.distributed and the distributed_test action, through the real shard commands.

const demo = useDemoServer();

const suite = (url: string, nodes: string) => `
name: Distributed
apps:
  - name: alpha
    type: web
    url: ${url}
    actions:
      - { name: where, type: distributed_test${nodes} }
  - name: beta
    type: web
    url: ${url}
    actions:
      - { name: where, type: distributed_test${nodes} }
settings:
  cloud:
    provider: local
    bucket: store
    distributed:
      enabled: true
      node_count: 2
      max_concurrent_per_node: 1
      result_aggregation: false
    distributed_nodes:
      - { name: big-node, capacity: 2, api_key: never-printed-key }
      - { name: small-node, capacity: 1 }
`;

function attachedJson(file: string | undefined): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(file!, 'utf8')) as Record<string, unknown>;
}

test('node_count is the shard total, capacities weigh the shards, per-node concurrency is the workers; without aggregation each shard keeps its report', async () => {
  const dir = writeProject({ 'suite.yaml': suite(demo.url, ''), 'playwright.config.ts': suitesConfig(['suite.yaml']) });
  const env = { PANOPTIC_RUN_ID: 'distributed-settings' };
  const validate = await runPanoptic(dir, ['validate', 'suite.yaml']);
  expect(validate.exitCode, validate.output).toBe(0);
  expect(validate.stderr).toContain('settings.cloud.distributed_nodes: mapped onto CI shards');
  expect(validate.output).not.toContain('never-printed-key');
  const plan = await runPanoptic(dir, ['shard', 'plan', '--suite', 'suite.yaml', '--upload'], env);
  expect(plan.exitCode, plan.output).toBe(0);
  expect(plan.output).not.toContain('never-printed-key');
  const planned = JSON.parse(plan.stdout) as ShardPlan;
  expect(planned).toMatchObject({ total: 2, workers: 1, tests: 2 });
  expect(planned.shards.map((shard) => shard.weight)).toEqual([2, 1]);

  const run = await runPanoptic(dir, ['shard', 'run', '--shard', '1/2', '--suite', 'suite.yaml', '--reporter', 'list,json'], env);
  expect(run.exitCode, run.output).toBe(0);
  // The plan's workers reached Playwright, and the action reports where its test ran.
  expect(run.report!.config.workers).toBe(1);
  // The big node (capacity 2) takes twice the work: both tests, on shard 1.
  expect(planned.shards.map((shard) => shard.tests)).toEqual([2, 0]);
  const ran = testOf(run.report, 'alpha');
  const where = attachedJson(ran.attachments.find((a) => a.name === 'where.json')?.path);
  expect(where).toMatchObject({ shard: '1/2', node: 'big-node', expectedNodes: 2, enabled: true, resultAggregation: false, workers: 1, runId: 'distributed-settings' });
  // No aggregation: the shard wrote Panoptic's report for its part, and no history.
  expect(readSummary(dir).run.shard).toEqual({ current: 1, total: 2 });
  expect(fs.existsSync(path.join(dir, 'panoptic-results', 'history.json'))).toBe(false);
  const merge = await runPanoptic(dir, ['shard', 'merge', '--suite', 'suite.yaml'], env);
  expect(merge.exitCode, merge.output).toBe(0);
  expect(merge.stdout).toContain('result_aggregation is false: each shard keeps its own report; nothing to merge');
});

test('distributed_test fails a run sharded differently from the nodes it asks for', async () => {
  const dir = writeProject({ 'suite.yaml': suite(demo.url, ', parameters: { nodes: 3 }'), 'playwright.config.ts': suitesConfig(['suite.yaml']) });
  const env = { PANOPTIC_RUN_ID: 'distributed-mismatch' };
  expect((await runPanoptic(dir, ['shard', 'plan', '--total', '2', '--suite', 'suite.yaml', '--out', 'plan.json'], env)).exitCode).toBe(0);
  // The big node (capacity 2) takes both tests: shard 1 runs them.
  const planned = JSON.parse(fs.readFileSync(path.join(dir, 'plan.json'), 'utf8')) as ShardPlan;
  expect(planned.shards.map((shard) => shard.tests)).toEqual([2, 0]);
  const run = await runPanoptic(dir, ['shard', 'run', '--plan', 'plan.json', '--shard', '1/2', '--suite', 'suite.yaml', '--reporter', 'list,json'], env);
  expect(run.exitCode).toBe(1);
  const failed = testOf(run.report, 'alpha');
  expect(failed.status).toBe('failed');
  expect(failed.errors.join('\n')).toContain('this run has 2 shard(s) but the suite asks for 3 node(s); plan it with `panoptic shard plan --total 3`');
});
