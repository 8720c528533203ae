import { distributedNodesNote } from './distributed.js';
import type { Finding } from './issues.js';
import { isMap, type RawMap } from './raw.js';

/** The original's `distributed_nodes` list is accepted; a warning says how it maps onto CI shards. */
export function distributedNodesWarning(cloud: RawMap): Finding[] {
  const nodes: unknown = cloud.distributed_nodes;
  if (!Array.isArray(nodes) || !nodes.length || !nodes.every(isMap)) return [];
  const block = isMap(cloud.distributed) ? cloud.distributed : undefined;
  const nodeCount = typeof block?.node_count === 'number' ? block.node_count : undefined;
  const message = distributedNodesNote(nodes, nodeCount);
  return [{ path: ['settings', 'cloud', 'distributed_nodes'], message, at: 'key' }];
}
