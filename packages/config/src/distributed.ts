import type { Finding } from './issues.js';
import { isMap, rawSettings } from './raw.js';
import type { CloudSettings } from './schema.js';
import { didYouMean } from './suggest.js';
import { showValue } from './values.js';

/**
 * What a suite's distributed settings mean for a Panoptic run. Panoptic does not dispatch work to
 * nodes itself: the CI system's parallel jobs are the nodes, each running one shard of a plan
 * (`panoptic shard plan`/`run`/`merge`).
 */
export interface DistributedRun {
  /** `distributed.enabled` or `enable_distributed`. */
  enabled: boolean;
  /** Shards of a plan: `distributed.node_count`, else the number of `distributed_nodes`. */
  nodeCount?: number;
  /** Playwright workers on each node: `distributed.max_concurrent_per_node`. */
  workersPerNode?: number;
  /** Whether the shards' reports are merged into one (`distributed.result_aggregation`, default true). */
  aggregate: boolean;
  /** Relative capacity of each node (from `distributed_nodes[].capacity`), when the list gives one. */
  weights?: number[];
}

type Node = NonNullable<CloudSettings['distributed_nodes']>[number];

/** The original's capacity words, as shares of work: a high node takes four times a low one's. */
const CAPACITY_WORDS: Readonly<Record<string, number>> = { low: 1, medium: 2, high: 4 };

/** A node's capacity as a number: as written, a number in a string, or one of the words; undefined when unreadable. */
export function capacityWeight(capacity: number | string | undefined): number | undefined {
  if (capacity === undefined || typeof capacity === 'number') return capacity;
  const text = capacity.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  return CAPACITY_WORDS[text];
}

/** Capacities that name no share of work: a typo would otherwise weigh the node as 1. */
export function capacityFindings(suite: unknown): Finding[] {
  const nodes = rawSettings(suite)?.cloud;
  const list = isMap(nodes) && Array.isArray(nodes.distributed_nodes) ? nodes.distributed_nodes : [];
  return list.flatMap((node, index): Finding[] => {
    if (!isMap(node) || typeof node.capacity !== 'string' || capacityWeight(node.capacity) !== undefined) return [];
    const path = ['settings', 'cloud', 'distributed_nodes', index, 'capacity'];
    const guess = didYouMean(node.capacity, Object.keys(CAPACITY_WORDS));
    return [{ path, message: `unknown capacity ${showValue(node.capacity, path)}${guess ? `; did you mean "${guess}"?` : ''}; expected a number or one of: low, medium, high` }];
  });
}

/** The distributed run a suite's `settings.cloud` asks for. */
export function distributedRun(cloud: CloudSettings | undefined): DistributedRun {
  const block = cloud?.distributed;
  const nodes = cloud?.distributed_nodes ?? [];
  const run: DistributedRun = {
    enabled: block?.enabled ?? cloud?.enable_distributed ?? false,
    aggregate: block?.result_aggregation ?? true,
  };
  const nodeCount = block?.node_count ?? (nodes.length || undefined);
  if (nodeCount !== undefined) run.nodeCount = nodeCount;
  if (block?.max_concurrent_per_node !== undefined) run.workersPerNode = block.max_concurrent_per_node;
  // Capacities weigh the shards only when they describe exactly the shards being planned.
  if (nodes.length && nodes.length === nodeCount && nodes.some((node) => node.capacity !== undefined)) {
    run.weights = orderedNodes(nodes).map((node) => Math.max(1, capacityWeight(node.capacity) ?? 1));
  }
  return run;
}

/** Nodes in shard order: by `priority` (highest first, as the original picked nodes), then list order. */
export function orderedNodes(nodes: readonly Node[]): Node[] {
  return nodes
    .map((node, i) => ({ node, i }))
    .sort((a, b) => (b.node.priority ?? 0) - (a.node.priority ?? 0) || a.i - b.i)
    .map(({ node }) => node);
}

/** The note a suite with `distributed_nodes` gets: how the list maps onto CI shards. */
export function distributedNodesNote(nodes: readonly Node[], nodeCount: number | undefined): string {
  const names = orderedNodes(nodes).map((node, i) => `${i + 1}: ${node.name ?? node.id ?? `node ${i + 1}`}`);
  const total = nodeCount ?? nodes.length;
  const mismatch =
    nodeCount !== undefined && nodeCount !== nodes.length
      ? `; distributed.node_count (${nodeCount}) wins over the list's length (${nodes.length}), so capacities are not used`
      : '';
  return (
    `mapped onto CI shards: Panoptic does not contact nodes, each CI job runs one shard of \`panoptic shard plan\`; ` +
    `${total} node(s) = ${total} shard(s) (${names.join(', ')}, ordered by priority); capacity weighs a shard's share of the work; ` +
    `id, location, endpoint and api_key are not used${mismatch}`
  );
}
