import type { Command } from 'commander';
import { addStoreOptions, type StoreFlags } from './store.js';

/** Options of the shard commands: the store, and the run every shard and the merge share. */
export interface ShardStoreFlags extends StoreFlags {
  project?: string;
  runId?: string;
}

export function addShardStoreOptions(command: Command): Command {
  return addStoreOptions(command)
    .option('--project <name>', "project folder in the store (default: the suite's name)")
    .option('--run-id <id>', 'run id shared by the plan, every shard and the merge (default: PANOPTIC_RUN_ID, else the CI run id)');
}
