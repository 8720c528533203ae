import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { SuiteValidationError, formatIssue, loadSuite } from '@panoptic/config';
import type { CloudOptions, RetentionResult, StorageProvider, UploadItem } from '@panoptic/cloud';
import prettyBytes from 'pretty-bytes';

/** Options every storage command takes: where the store is. */
export interface StoreFlags {
  suite?: string;
  provider?: string;
  bucket?: string;
  endpoint?: string;
  region?: string;
  prefix?: string;
  concurrency?: string;
}

/** Options of the commands that write a run's files. */
export interface RunFlags extends StoreFlags {
  project?: string;
  runId?: string;
  shard?: string;
}

export interface CommandIo {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WriteStream | NodeJS.WritableStream;
}

/** Adds the flags that say where the store is; each may also come from the environment. */
export function addStoreOptions(command: Command): Command {
  return command
    .option('--suite <file>', "read the store from a YAML suite's settings.cloud (flags win over it)")
    .addOption(new Option('--provider <name>', 'local, s3, aws, gcp or azure').env('PANOPTIC_CLOUD_PROVIDER'))
    .addOption(new Option('--bucket <name>', 'bucket (s3), container (azure) or folder (local)').env('PANOPTIC_CLOUD_BUCKET'))
    .addOption(new Option('--endpoint <url>', 'S3-compatible endpoint, or the Azure account URL').env('PANOPTIC_CLOUD_ENDPOINT'))
    .addOption(new Option('--region <region>', 'S3 region').env('PANOPTIC_CLOUD_REGION'))
    .addOption(new Option('--prefix <prefix>', 'key prefix before <project>/<run id>/ (default: panoptic)').env('PANOPTIC_CLOUD_PREFIX'));
}

export function addRunOptions(command: Command, runIdHelp: string): Command {
  return addStoreOptions(command)
    .option('--project <name>', "project folder in the store (default: the suite's name, else default)")
    .option('--run-id <id>', runIdHelp)
    .option('--shard <label>', 'shard of the run, "<current>/<total>" (default: all)')
    .option('--concurrency <n>', 'files in flight at once (default: settings.cloud.parallel_uploads, else 8)');
}

/** A failure the command reports as one `error:` line (or several) and exit code 1. */
export class CommandError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}

export interface ResolvedStore {
  options: CloudOptions;
  provider: StorageProvider;
  /** The suite's name, when the store came from a suite. */
  suiteName?: string;
}

/**
 * Cloud options from the suite's `settings.cloud`, with flags (or their environment variables)
 * over it, resolved by the cloud package like any other settings: credentials come from settings or
 * the environment and are never printed.
 */
export async function resolveStore(flags: StoreFlags, io: CommandIo): Promise<ResolvedStore> {
  const cloud = await import('@panoptic/cloud');
  const cwd = io.cwd ?? process.cwd();
  const env = io.env ?? process.env;
  let settings: Record<string, unknown> = {};
  let baseDir = cwd;
  let suiteName: string | undefined;
  if (flags.suite) {
    let loaded;
    try {
      // A folder given with --bucket (or PANOPTIC_CLOUD_BUCKET) replaces the suite's: the user chose it.
      loaded = loadSuite(flags.suite, { cwd, bucketFromCommandLine: flags.bucket !== undefined });
    } catch (error) {
      if (error instanceof SuiteValidationError) throw new CommandError(error.issues.map(formatIssue));
      throw error;
    }
    suiteName = loaded.suite.name;
    baseDir = loaded.dir;
    const fromSuite = loaded.suite.settings?.cloud;
    if (!fromSuite && !flags.bucket) {
      throw new CommandError([`${flags.suite}: the suite has no settings.cloud; add one, or pass --provider and --bucket`]);
    }
    settings = { ...(fromSuite as Record<string, unknown> | undefined) };
  } else if (!flags.bucket) {
    throw new CommandError(['no store given: pass --suite <file> with settings.cloud, or --provider and --bucket (also PANOPTIC_CLOUD_PROVIDER, PANOPTIC_CLOUD_BUCKET)']);
  }
  const provider = flags.provider ?? (typeof settings.provider === 'string' ? settings.provider : 'local');
  if (flags.provider) settings.provider = flags.provider;
  // A folder named on the command line is relative to where the command runs, not to the suite.
  if (flags.bucket) settings.bucket = provider === 'local' ? path.resolve(cwd, flags.bucket) : flags.bucket;
  if (flags.endpoint) settings.endpoint = flags.endpoint;
  if (flags.region) settings.region = flags.region;
  if (flags.prefix !== undefined) settings.prefix = flags.prefix;
  if (flags.concurrency !== undefined) settings.parallel_uploads = wholeNumber(flags.concurrency, '--concurrency', 1);
  const options = cloud.cloudOptionsFromSettings(settings, env, baseDir);
  return { options, provider: await cloud.createProvider(options), ...(suiteName ? { suiteName } : {}) };
}

export function wholeNumber(value: string, flag: string, min: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min) throw new CommandError([`${flag}: expected a whole number >= ${min}, got ${JSON.stringify(value)}`]);
  return number;
}

export function positiveNumber(value: string, flag: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < 0) throw new CommandError([`${flag}: expected a number >= 0, got ${JSON.stringify(value)}`]);
  return number;
}

/** `<prefix>/<project>/<run id>/<shard>` for the files of this command. */
export async function runKeyPrefix(flags: RunFlags, store: ResolvedStore, defaultRunId: () => string): Promise<string> {
  const { runPrefix } = await import('@panoptic/cloud');
  return runPrefix({
    prefix: store.options.prefix,
    project: flags.project ?? store.suiteName ?? '',
    runId: flags.runId ?? defaultRunId(),
    shard: flags.shard ?? null,
  });
}

export function assertFolder(dir: string): void {
  const stat = fs.statSync(dir, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) throw new CommandError([`${dir}: not a folder`]);
}

/** Regular files under `dir` (relative, `/`-separated, sorted); symbolic links are reported and skipped. */
export async function filesUnder(dir: string, skipped: string[]): Promise<string[]> {
  const found: string[] = [];
  const visit = async (folder: string, relative: string): Promise<void> => {
    const entries = await fsp.readdir(folder, { withFileTypes: true });
    for (const entry of entries) {
      const rel = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await visit(path.join(folder, entry.name), rel);
      else if (entry.isFile()) found.push(rel);
      else if (entry.isSymbolicLink()) skipped.push(`${rel}: a symbolic link, not followed`);
    }
  };
  await visit(dir, '');
  return found.sort();
}

/** Sizes in SI units (kB, MB), as npm and most file tools print them. */
export const formatBytes = (bytes: number): string => prettyBytes(bytes);

export function formatRate(bytes: number, ms: number): string {
  return ms > 0 ? `${formatBytes((bytes * 1000) / ms)}/s` : '-';
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * One line redrawn in place on a terminal: `label [#####.....] 45% 90/201 files 62/139 MB 43 MB/s`.
 * Off the terminal (CI logs, pipes) it draws nothing; the commands print summary lines instead.
 */
export class ProgressLine {
  private lastDraw = 0;
  private drawn = false;
  private readonly start = Date.now();

  constructor(private readonly stream: NodeJS.WriteStream | NodeJS.WritableStream) {}

  get enabled(): boolean {
    return 'isTTY' in this.stream && this.stream.isTTY === true;
  }

  update(label: string, done: number, total: number, bytes: number, totalBytes: number, force = false): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (!force && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const columns = ('columns' in this.stream && this.stream.columns) || 80;
    const share = totalBytes > 0 ? bytes / totalBytes : total > 0 ? done / total : 1;
    const tail = ` ${Math.floor(share * 100)}% ${done}/${total} files ${formatBytes(bytes)}/${formatBytes(totalBytes)} ${formatRate(bytes, now - this.start)}`;
    const width = Math.max(10, Math.min(30, columns - label.length - tail.length - 4));
    const filled = Math.round(share * width);
    const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}]${tail}`;
    this.stream.write(`\r${line.slice(0, columns - 1)}\u001b[K`);
    this.drawn = true;
  }

  clear(): void {
    if (this.drawn) this.stream.write('\r\u001b[K');
    this.drawn = false;
  }
}

/** Prints what a retention pass did (or would do, on a dry run). */
export function printRetention(result: RetentionResult, write: (line: string) => void): void {
  const verb = result.dryRun ? 'would delete' : 'deleted';
  for (const run of result.deletedRuns) {
    const why = run.reason === 'age' ? 'older than the retention days' : 'over the size limit';
    write(`${verb} ${run.key}/ (${formatBytes(run.bytes)}, ${plural(run.objects, 'object')}, last written ${run.newest.toISOString()}; ${why})`);
  }
  write(
    `${result.dryRun ? 'would free' : 'freed'} ${formatBytes(result.bytesFreed)}: ${plural(result.deletedRuns.length, 'run')} ${verb === 'deleted' ? 'deleted' : 'to delete'}, ` +
      `${plural(result.keptRuns.length, 'run')} kept; the prefix holds ${formatBytes(result.bytesAfter)}${result.dryRun ? ' after that' : ''}`,
  );
}

/** Runs a command body; prints its failure the way every storage command does and returns the exit code. */
export async function reportErrors(io: CommandIo, body: () => Promise<number>): Promise<number> {
  const stderr = io.stderr ?? process.stderr;
  try {
    return await body();
  } catch (error) {
    if (error instanceof CommandError) {
      for (const line of error.lines) stderr.write(`error: ${line}\n`);
    } else {
      const { describeError } = await import('@panoptic/cloud');
      stderr.write(`error: ${describeError(error)}\n`);
    }
    return 1;
  }
}

export interface UploadFlags extends RunFlags {}

/**
 * `panoptic upload <dir>`: every file under `dir` to `<prefix>/<project>/<run id>/<shard>/`, in
 * parallel, each verified and retried. Exit code 1 when any file failed, each listed with its cause.
 */
export async function uploadCommand(dir: string, flags: UploadFlags, io: CommandIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  return reportErrors(io, async () => {
    const cloud = await import('@panoptic/cloud');
    const root = path.resolve(io.cwd ?? process.cwd(), dir);
    assertFolder(root);
    const store = await resolveStore(flags, io);
    const keyPrefix = await runKeyPrefix(flags, store, () => cloud.runId({ ...(io.env ?? process.env) }));
    const notes: string[] = [];
    const files = await filesUnder(root, notes);
    for (const note of notes) stderr.write(`warning: ${note}\n`);
    const items: UploadItem[] = files.map((file) => ({ file: path.join(root, ...file.split('/')), key: `${keyPrefix}/${file}` }));
    const sizes = await Promise.all(items.map(async (item) => (await fsp.stat(item.file)).size));
    const totalBytes = sizes.reduce((a, b) => a + b, 0);

    stdout.write(`uploading ${plural(items.length, 'file')} (${formatBytes(totalBytes)}) to ${store.provider.location} under ${keyPrefix}/\n`);
    const progress = new ProgressLine(stderr);
    const started = Date.now();
    const results = await cloud.uploadFiles(store.provider, items, store.options.transfer, (p) =>
      progress.update('uploading', p.done, p.total, p.bytes, totalBytes),
    );
    progress.clear();
    // Retention deletes only runs that carry Panoptic's marker: one that received files gets it.
    if (results.some((r) => r.status === 'uploaded')) await cloud.markRun(store.provider, cloud.runFolderOf(keyPrefix), store.options.transfer);
    const elapsed = Date.now() - started;
    const uploaded = results.filter((r) => r.status === 'uploaded');
    const failed = results.filter((r) => r.status === 'failed');
    const bytes = uploaded.reduce((sum, r) => sum + r.bytes, 0);
    const stored = uploaded.reduce((sum, r) => sum + r.storedBytes, 0);
    const retried = uploaded.filter((r) => r.attempts > 1).length;
    stdout.write(
      `uploaded ${plural(uploaded.length, 'file')} (${formatBytes(bytes)}${stored !== bytes ? `, ${formatBytes(stored)} stored` : ''}) in ${(elapsed / 1000).toFixed(1)} s, ${formatRate(bytes, elapsed)}` +
        `${retried ? `; ${plural(retried, 'file')} needed a retry` : ''}\n`,
    );
    if (failed.length) {
      stderr.write(`failed ${plural(failed.length, 'file')}:\n`);
      for (const result of failed) stderr.write(`  ${path.relative(root, result.file)}: ${result.error ?? 'unknown error'}\n`);
    }
    if (!failed.length && store.options.retention.autoCleanup) await autoCleanup(store, stdout);
    return failed.length ? 1 : 0;
  });
}

/** `auto_cleanup`: the retention policy applied after a complete upload. */
export async function autoCleanup(store: ResolvedStore, stdout: NodeJS.WritableStream): Promise<void> {
  const { days, maxSizeGb } = store.options.retention;
  if (days === undefined && maxSizeGb === undefined) return;
  const { applyRetention } = await import('@panoptic/cloud');
  const result = await applyRetention(store.provider, store.options.prefix, {
    ...(days !== undefined ? { days } : {}),
    ...(maxSizeGb !== undefined ? { maxSizeGb } : {}),
    retryAttempts: store.options.transfer.retryAttempts,
    retryBackoffMs: store.options.transfer.retryBackoffMs,
  });
  printRetention(result, (line) => stdout.write(`cleanup: ${line}\n`));
  if (result.failed.length) {
    throw new CommandError(result.failed.map((f) => `cleanup could not delete ${f.project}/${f.runId}: ${f.cause}`));
  }
}
