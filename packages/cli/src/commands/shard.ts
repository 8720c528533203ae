import { Option, type Command } from 'commander';
import { addShardStoreOptions } from '../options/shard-store.js';
import { shardListCommand, type ShardListFlags } from './shard-list.js';
import { shardMergeCommand, type ShardMergeFlags } from './shard-merge.js';
import { shardPlanCommand, type ShardPlanFlags } from './shard-plan.js';
import { shardRunCommand, type ShardRunFlags } from './shard-run.js';

const configOption = () => new Option('-c, --config <file>', 'Playwright config file (default: playwright.config.* in the current folder)');

/** `panoptic shard plan|list|run|merge`: duration-balanced shards on CI machines, merged into one report. */
export function addShardCommands(program: Command, setExitCode: (code: number) => void, playwrightArgs: string[]): void {
  const shard = program.command('shard').description('duration-balanced shards: plan them, run one per CI job, merge their reports');

  addShardStoreOptions(
    shard
      .command('plan')
      .description('plan N shards from recorded durations; arguments after -- filter the tests as in `playwright test`')
      .option('--total <n>', 'number of shards (default: settings.cloud.distributed.node_count)')
      .addOption(configOption())
      .option('--history <file>', "history.json to plan from (default: the store's, else the reporter's local one)")
      .addOption(new Option('--granularity <unit>', 'what a shard gets whole: a file or a test (auto: test when fullyParallel)').choices(['auto', 'file', 'test']).default('auto'))
      .option('--out <file>', 'write the plan here instead of printing it')
      .option('--upload', "store the plan under the run's folder, where `shard run` finds it"),
  ).action(async (flags: ShardPlanFlags) => setExitCode(await shardPlanCommand(flags, playwrightArgs)));

  addShardStoreOptions(
    shard
      .command('list')
      .description("write one shard's Playwright test list (for `npx playwright test --test-list <file>`)")
      .requiredOption('--shard <i/n>', 'which shard, e.g. 2/4')
      .option('--plan <file>', 'plan file (default: the plan stored under the run)')
      .option('--out <file>', 'write the list here instead of printing it'),
  ).action(async (flags: ShardListFlags) => setExitCode(await shardListCommand(flags)));

  addShardStoreOptions(
    shard
      .command('run')
      .description("run one shard of a plan and store its blob report; arguments after -- go to `playwright test`")
      .requiredOption('--shard <i/n>', 'which shard, e.g. 2/4')
      .option('--plan <file>', 'plan file (default: the plan stored under the run)')
      .addOption(configOption())
      .option('--blob-dir <dir>', 'where the blob report is written (default: blob-report)')
      .option('--reporter <names>', 'reporters besides blob, comma-separated (default: list)'),
  ).action(async (flags: ShardRunFlags) => setExitCode(await shardRunCommand(flags, playwrightArgs)));

  addShardStoreOptions(
    shard
      .command('merge')
      .description("merge every shard's blob report into one report with the config's reporters (history included)")
      .addOption(configOption())
      .option('--blob-dir <dir>', 'folder the blob reports are downloaded to, or read from without a store (default: blob-report)')
      .option('--reporter <names>', "reporters, comma-separated (default: the config's)")
      .option('--allow-missing', 'merge even when a shard has no blob report (a warning names it)'),
  ).action(async (flags: ShardMergeFlags) => setExitCode(await shardMergeCommand(flags)));
}
