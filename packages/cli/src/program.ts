import { createRequire } from 'node:module';
import { Command } from 'commander';
import { cleanupCommand, type CleanupFlags } from './commands/cleanup.js';
import { downloadCommand, type DownloadFlags } from './commands/download.js';
import { generateCommand, type GenerateFlags } from './commands/generate.js';
import { classifyErrorsCommand } from './commands/errors.js';
import { labelErrorCommand, type LabelOptions } from './commands/errors-label.js';
import { addRecordCommands } from './commands/record.js';
import { addRecValidateCommand } from './commands/recvalidate.js';
import { runCommand } from './commands/run.js';
import { addServerCommands } from './commands/server.js';
import { addShardCommands } from './commands/shard.js';
import { syncCommand, type SyncFlags } from './commands/sync.js';
import { uploadCommand, type UploadFlags } from './commands/upload.js';
import { addRunOptions } from './options/run.js';
import { addStoreOptions } from './options/store.js';
import { validateCommand } from './commands/validate.js';
import { addVisionCommand } from './commands/vision.js';

const GENERATE_EXAMPLES = `
Examples:
  $ panoptic generate http://localhost:3000/ --out generated --report
  $ panoptic generate --report generated          # the report of an earlier generation`;

/**
 * The `panoptic` command line; each action reports the process exit code. `playwrightArgs` are the
 * arguments after `--`, split off before parsing so that none of them is taken for a suite.
 */
export function createProgram(setExitCode: (code: number) => void, playwrightArgs: string[] = []): Command {
  const program = new Command('panoptic')
    .description('Validate and run Panoptic YAML suites through Playwright Test.')
    .version(packageVersion(), '-V, --version', 'print the version of panoptic')
    .showHelpAfterError();

  program
    .command('validate')
    .description('check suites against the schema; prints every error with file:line:col')
    .argument('<suites...>', 'YAML suite files')
    .action((suites: string[]) => setExitCode(validateCommand(suites)));

  program
    .command('run')
    .description('run suites with Playwright Test; arguments after -- go to `playwright test`')
    .argument('<suites...>', 'YAML suite files')
    .option('-o, --output <dir>', "output folder (wins over the suite's `output`)")
    .action(async (suites: string[], options: { output?: string }) => {
      setExitCode(await runCommand(suites, { output: options.output, playwrightArgs }));
    });

  addRunOptions(
    program.command('upload').description('upload every file of a folder to the store, under <prefix>/<project>/<run id>/<shard>/').argument('<dir>', 'folder to upload'),
    'run id (default: PANOPTIC_RUN_ID, the CI run id, else the current time)',
  ).action(async (dir: string, options: UploadFlags) => setExitCode(await uploadCommand(dir, options)));

  addRunOptions(
    program
      .command('sync')
      .description('upload what is new or changed in a folder since its last sync (a manifest in the store remembers)')
      .argument('<dir>', 'folder to sync'),
    "run id; keep it the same on every sync of a folder (default: PANOPTIC_RUN_ID, the CI run id, else the folder's name)",
  )
    .option('--delete-local', 'delete each local file once it is stored and verified (settings.cloud.delete_local_after_sync)')
    .action(async (dir: string, options: SyncFlags) => setExitCode(await syncCommand(dir, options)));

  addStoreOptions(
    program
      .command('download')
      .description('download the objects whose keys start with <key> (as stored; --decrypt decrypts client-side encrypted ones)')
      .argument('<key>', 'a key, or the start of keys, such as <prefix>/<project>/<run id>/'),
  )
    .option('-o, --out <dir>', 'folder to write to, by path below the last / of <key> (default: the current folder)')
    .option('--decrypt', 'decrypt client-side encrypted objects; a wrong key or a changed object is an error, never garbage')
    .option('--key-env <name>', 'environment variable with the key (default: the suite\'s encryption_key_env, else PANOPTIC_ENCRYPTION_KEY)')
    .action(async (key: string, options: DownloadFlags) => setExitCode(await downloadCommand(key, options)));

  addStoreOptions(
    program.command('cleanup').description("delete old runs from the store by age, then by size; a project's newest run is always kept"),
  )
    .option('--days <n>', 'delete runs whose newest file is older than this (default: settings.cloud retention days)')
    .option('--max-size-gb <n>', 'then delete the oldest runs until the prefix holds at most this (default: settings.cloud retention_policy.max_size_gb)')
    .option('--dry-run', 'list what would be deleted, delete nothing')
    .action(async (options: CleanupFlags) => setExitCode(await cleanupCommand(options)));

  addShardCommands(program, setExitCode, playwrightArgs);

  program
    .command('generate')
    .description('explore a web app and write a Playwright spec and the equivalent YAML suite that pass against it')
    .argument('[url]', 'the page to start from (http or https)')
    .option('-o, --out <dir>', 'folder for the generated spec, YAML suite and report (required with a URL)')
    .option('--report [file|dir]', "print the generation's report readably: tests kept and candidates dropped, with why; without a URL, an earlier one's")
    .option('--depth <n>', 'how many links deep to follow same-origin links (default 1; 0 = the start page only)')
    .option('--max-tests <n>', 'at most this many tests (default 50)')
    .option('--max-states <n>', 'at most this many page states built by interactions explored for scenarios (default 6; 0 = none)')
    .option('--state-depth <n>', 'at most this many interactions before the one a scenario checks (default 3)')
    .option('--state-seconds <n>', 'stop starting state probes this many seconds into the generation (default 120)')
    .option('--name <name>', 'name of the suite and the spec file')
    .addHelpText('after', GENERATE_EXAMPLES)
    .action(async (url: string | undefined, options: GenerateFlags) => setExitCode(await generateCommand(url, options)));

  addRecordCommands(program, setExitCode);
  addRecValidateCommand(program, setExitCode);
  addVisionCommand(program, setExitCode);
  addServerCommands(program, setExitCode);

  const errors = program.command('errors').description('failure messages');
  errors
    .command('classify')
    .description('classify failure messages: one JSON object with a "message" (or plain text) per line in, one JSON result per line out')
    .argument('[file]', 'JSONL or text file; - or nothing reads standard input')
    .action(async (file: string | undefined) => setExitCode(await classifyErrorsCommand(file)));
  errors
    .command('label')
    .description("confirm or correct the category of a failed test of the last run; with ai_testing.enable_learning, later runs' confidences learn from the labels")
    .argument('<test>', "the test's key in summary.json, or a part of it that names one failed test")
    .argument('<category>', 'locator-not-found, assertion-mismatch, network, … (see `panoptic errors classify`)')
    .option('-o, --output <dir>', 'the output folder of the run (default panoptic-results)')
    .action((test: string, category: string, options: LabelOptions) => setExitCode(labelErrorCommand(test, category, options)));

  return program;
}

/** The version this command was published as, from its own package.json. */
function packageVersion(): string {
  const manifest: unknown = createRequire(import.meta.url)('../package.json');
  return typeof manifest === 'object' && manifest !== null && 'version' in manifest ? String(manifest.version) : 'unknown';
}
