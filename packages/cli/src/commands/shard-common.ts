import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { loadSuite, storeFolderOf, type CloudSettings } from '@panoptic/config';
import type { ListedTest } from '@panoptic/cloud/shards';
import { CommandError } from '../command-error.js';
import type { CommandIo } from '../command-io.js';
import type { ShardStoreFlags } from '../options/shard-store.js';
import { resolveStore, type ResolvedStore } from '../store-from-options.js';

const require = createRequire(import.meta.url);

/** `--test-list` came with Playwright 1.56: older versions would run every test on every shard. */
const TEST_LIST_SINCE = [1, 56] as const;

/** The installed Playwright's CLI, after checking it can select tests from a list. */
export function playwrightCli(): string {
  const manifest = require('@playwright/test/package.json') as { version: string };
  const [major = 0, minor = 0] = manifest.version.split('.').map(Number);
  if (major < TEST_LIST_SINCE[0] || (major === TEST_LIST_SINCE[0] && minor < TEST_LIST_SINCE[1])) {
    throw new CommandError([`@playwright/test ${manifest.version} has no --test-list, which shards of a plan need: install @playwright/test 1.56 or newer`]);
  }
  return require.resolve('@playwright/test/cli');
}

/** Runs `playwright <args>` with the output shown as it comes; resolves with its exit code. */
export function runPlaywright(args: string[], io: CommandIo, env: NodeJS.ProcessEnv, quiet = false): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [playwrightCli(), ...args], {
    cwd: io.cwd ?? process.cwd(),
    env,
    stdio: quiet ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), stdout, stderr }));
  });
}

/** `-c <config>` when one was named; else Playwright looks for its default config in the folder. */
export function configArgs(config: string | undefined): string[] {
  return config ? ['-c', config] : [];
}

export interface ListedProject {
  name: string;
  /** The YAML suite the project plays, from Panoptic's project metadata. */
  suite?: string;
  /** The suite's output folder, where the reporter keeps history.json. */
  outputDir?: string;
}

export interface TestListing {
  tests: ListedTest[];
  projects: ListedProject[];
  rootDir: string;
  /** The config file's folder. */
  configDir: string;
  fullyParallel: boolean;
}

interface JsonSuite {
  title: string;
  file: string;
  specs: { title: string; file: string; tests: { projectName: string }[] }[];
  suites?: JsonSuite[];
}

interface JsonList {
  config: { configFile?: string; rootDir: string; fullyParallel: boolean; projects: { name: string; metadata?: { panoptic?: { suite?: string; outputDir?: string } } }[] };
  suites: JsonSuite[];
  errors?: { message?: string }[];
}

function collect(suite: JsonSuite, describes: string[], into: ListedTest[]): void {
  for (const spec of suite.specs) {
    for (const test of spec.tests) into.push({ project: test.projectName, file: spec.file, titlePath: [...describes, spec.title] });
  }
  for (const child of suite.suites ?? []) collect(child, [...describes, child.title], into);
}

/**
 * The tests Playwright would run, from its own `--list` with the JSON reporter: the same config,
 * projects, grep and filters as the real run, so the plan covers exactly those tests.
 */
export async function listTests(config: string | undefined, playwrightArgs: string[], io: CommandIo): Promise<TestListing> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'panoptic-list-'));
  const file = path.join(dir, 'list.json');
  try {
    const env = { ...(io.env ?? process.env), PLAYWRIGHT_JSON_OUTPUT_FILE: file };
    const result = await runPlaywright(['test', '--list', '--reporter=json', ...configArgs(config), ...playwrightArgs], io, env, true);
    if (result.code !== 0 || !fs.existsSync(file)) {
      const output = `${result.stderr}${result.stdout}`.trim();
      throw new CommandError([`listing the tests with \`playwright test --list\` failed (exit code ${result.code})${output ? `:\n${output}` : ''}`]);
    }
    // What the config said while loading (suite warnings among it) is the user's to see.
    if (result.stderr) (io.stderr ?? process.stderr).write(result.stderr);
    const list = JSON.parse(await fsp.readFile(file, 'utf8')) as JsonList;
    if (list.errors?.length) throw new CommandError(list.errors.map((error) => `playwright test --list: ${error.message ?? 'error'}`));
    const tests: ListedTest[] = [];
    // Top-level suites are files; their children are describes.
    for (const fileSuite of list.suites) collect(fileSuite, [], tests);
    const projects = list.config.projects.map((project) => ({
      name: project.name,
      ...(project.metadata?.panoptic?.suite ? { suite: project.metadata.panoptic.suite } : {}),
      ...(project.metadata?.panoptic?.outputDir ? { outputDir: project.metadata.panoptic.outputDir } : {}),
    }));
    const configDir = list.config.configFile ? path.dirname(list.config.configFile) : list.config.rootDir;
    return { tests, projects, rootDir: list.config.rootDir, configDir, fullyParallel: list.config.fullyParallel };
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}

/** The store of the shard commands and the project folder in it. */
export interface ShardStore extends ResolvedStore {
  folder: string;
}

/**
 * The store: the flags (or `--suite`), else the first played suite with `settings.cloud`, which is
 * where the reporter keeps the run's report and history too. Undefined when there is none.
 */
export async function shardStore(flags: ShardStoreFlags, io: CommandIo, suites: readonly string[] = []): Promise<ShardStore | undefined> {
  const cwd = io.cwd ?? process.cwd();
  let suiteFile = flags.suite ? path.resolve(cwd, flags.suite) : undefined;
  if (!suiteFile && !flags.bucket) {
    suiteFile = suites.find((file) => loadSuite(file).suite.settings?.cloud !== undefined);
    if (!suiteFile) return undefined;
  }
  const store = await resolveStore({ ...flags, ...(suiteFile ? { suite: suiteFile } : {}) }, io);
  const folder = flags.project ?? (suiteFile ? storeFolderOf(store.suiteName, suiteFile) : 'default');
  return { ...store, folder };
}

/** The run id every shard and the merge must share; made up only where no CI run id exists. */
export async function sharedRunId(flags: ShardStoreFlags, io: CommandIo): Promise<string> {
  if (flags.runId) return flags.runId;
  const { currentRunId } = await import('@panoptic/cloud');
  const runId = currentRunId(io.env ?? process.env);
  if (runId === undefined) {
    throw new CommandError([
      'the shards and the merge of a run must share a run id: set PANOPTIC_RUN_ID (or pass --run-id) to the same value in every job; GitHub Actions and GitLab CI provide one',
    ]);
  }
  return runId;
}

/** Keys of a run in the store. */
export async function shardKeys(store: ShardStore, runId: string) {
  const { runPrefix } = await import('@panoptic/cloud');
  const run = runPrefix({ prefix: store.options.prefix, project: store.folder, runId, shard: null }).split('/').slice(0, -1).join('/');
  const project = run.split('/').slice(0, -1).join('/');
  return {
    run,
    plan: `${run}/shard-plan.json`,
    history: `${project}/history.json`,
    blob: (current: number, total: number) => `${run}/${current}-of-${total}/blob/report-${current}-of-${total}.zip`,
  };
}

/** The content of a stored object (the provider decompresses what was stored gzipped); undefined when absent. */
export async function download(store: ShardStore, key: string): Promise<Buffer | undefined> {
  if (!(await store.provider.head(key))) return undefined;
  return store.provider.get(key);
}

/**
 * Uploads one file of the run in `runFolder`, verified and retried like every upload; throws with
 * the cause when it fails. The run is then marked as Panoptic's, so retention may delete it later.
 */
export async function uploadOne(store: ShardStore, file: string, key: string, runFolder: string): Promise<void> {
  const { markRun, uploadFiles } = await import('@panoptic/cloud');
  const [result] = await uploadFiles(store.provider, [{ file, key }], store.options.transfer);
  if (result?.status !== 'uploaded') throw new CommandError([`upload of ${file} to ${key} failed: ${result?.error ?? 'unknown error'}`]);
  await markRun(store.provider, runFolder, store.options.transfer);
}

/** The suites the listed projects play, each once. */
export function suitesOf(projects: readonly ListedProject[]): string[] {
  return [...new Set(projects.flatMap((project) => (project.suite ? [project.suite] : [])))];
}

/** The first played suite's `settings.cloud` that turns distributed runs on. */
export function distributedSettingsOf(suites: readonly string[]): { file: string; cloud: CloudSettings } | undefined {
  for (const file of suites) {
    const cloud = loadSuite(file).suite.settings?.cloud;
    if (cloud && (cloud.distributed?.enabled || cloud.enable_distributed)) return { file, cloud };
  }
  return undefined;
}

/**
 * `settings.cloud.distributed.result_aggregation: false` in the `--suite`: shards keep reports of
 * their own and nothing is merged.
 */
export function aggregationOff(flags: ShardStoreFlags, io: CommandIo): boolean {
  if (!flags.suite) return false;
  const cloud = loadSuite(path.resolve(io.cwd ?? process.cwd(), flags.suite)).suite.settings?.cloud;
  const enabled = cloud?.distributed?.enabled ?? cloud?.enable_distributed ?? false;
  return enabled && cloud?.distributed?.result_aggregation === false;
}
