import { test, expect, devices } from '@playwright/test';
import { compileSuite, distributedRun, formatIssue } from '@panoptic/config';
import { CWD, valid, yaml } from './helpers.js';

const spec = { specDir: '/spec', specFile: 'suite.spec.js' };
const APP = ['apps:', '  - name: web', '    type: web', '    url: https://example.com'];

function suiteWith(...cloud: string[]) {
  return valid(yaml(...APP, 'settings:', '  parallel_tests: 4', '  cloud:', '    provider: local', '    bucket: store', ...cloud.map((line) => `    ${line}`)), {
    knownDevices: Object.keys(devices),
  });
}

test('max_concurrent_per_node is the workers of each node once distributed runs are enabled', () => {
  const compile = (...cloud: string[]) => compileSuite(suiteWith(...cloud), { ...spec, cwd: CWD, devices: devices }).workers;
  expect(compile('distributed: { enabled: true, max_concurrent_per_node: 2 }')).toBe(2);
  expect(compile('enable_distributed: true', 'distributed: { max_concurrent_per_node: 3 }')).toBe(3);
  // Off: the setting asks for nothing; parallel_tests alone decides.
  expect(compile('distributed: { enabled: false, max_concurrent_per_node: 2 }')).toBe(4);
});

test('node_count is the shard total, distributed_nodes give the count and capacities when nothing else does', () => {
  expect(distributedRun(undefined)).toEqual({ enabled: false, aggregate: true });
  expect(distributedRun({ distributed: { enabled: true, node_count: 5, max_concurrent_per_node: 2, result_aggregation: false } })).toEqual({
    enabled: true,
    nodeCount: 5,
    workersPerNode: 2,
    aggregate: false,
  });
  const nodes = [{ name: 'small', capacity: 1 }, { name: 'big', capacity: 4, priority: 2 }, { name: 'plain' }];
  // Highest priority first, as the original picked nodes; a node without capacity counts as 1.
  expect(distributedRun({ enable_distributed: true, distributed_nodes: nodes })).toEqual({ enabled: true, nodeCount: 3, aggregate: true, weights: [4, 1, 1] });
  // A node_count that disagrees with the list wins, and the list's capacities no longer describe the shards.
  expect(distributedRun({ enable_distributed: true, distributed_nodes: nodes, distributed: { node_count: 2 } }).weights).toBeUndefined();
});

test('distributed settings validate without "not available", and distributed_nodes gets a note of how it maps, secrets left out', () => {
  const loaded = suiteWith('distributed: { enabled: true, node_count: 2 }', 'distributed_nodes:', '  - { name: alpha, capacity: 2, api_key: node-secret-1, endpoint: "http://10.0.0.1" }', '  - { id: n2, priority: 5 }');
  const warnings = loaded.warnings.map(formatIssue);
  expect(warnings).toEqual([
    'suite.yaml:11:5 - settings.cloud.distributed_nodes: mapped onto CI shards: Panoptic does not contact nodes, each CI job runs one shard of `panoptic shard plan`; ' +
      "2 node(s) = 2 shard(s) (1: n2, 2: alpha, ordered by priority); capacity weighs a shard's share of the work; id, location, endpoint and api_key are not used",
  ]);
  expect(JSON.stringify(loaded.warnings)).not.toContain('node-secret-1');
});

test("capacity reads the original's words (capacity: high) and numbers in strings; an unknown word is a located error", () => {
  const loaded = suiteWith('enable_distributed: true', 'distributed_nodes:', '  - { name: a, capacity: high }', '  - { name: b, capacity: low }', '  - { name: c, capacity: "3" }');
  expect(distributedRun(loaded.suite.settings?.cloud).weights).toEqual([4, 1, 3]);
  expect(() => suiteWith('distributed_nodes:', '  - { name: a, capacity: hihg }')).toThrow(
    'settings.cloud.distributed_nodes[0].capacity: unknown capacity "hihg"; did you mean "high"?; expected a number or one of: low, medium, high',
  );
});
