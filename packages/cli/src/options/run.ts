import type { Command } from 'commander';
import { addStoreOptions, type StoreFlags } from './store.js';

/** Options of the commands that write a run's files. */
export interface RunFlags extends StoreFlags {
  project?: string;
  runId?: string;
  shard?: string;
}

export function addRunOptions(command: Command, runIdHelp: string): Command {
  return addStoreOptions(command)
    .option('--project <name>', "project folder in the store (default: the suite's name, else default)")
    .option('--run-id <id>', runIdHelp)
    .option('--shard <label>', 'shard of the run, "<current>/<total>" (default: all)')
    .option('--concurrency <n>', 'files in flight at once (default: settings.cloud.parallel_uploads, else 8)');
}
