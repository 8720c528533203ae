import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as CloudModule from '@panoptic/cloud';
import type { CloudOptions, StorageProvider, SyncResult } from '@panoptic/cloud';
import { emptyHistory, parseHistory, type History } from './history.js';
import { updateHistoryFile } from './history-file.js';
import type { Summary } from './summary.js';

type Cloud = typeof CloudModule;
export type Uploads = NonNullable<Summary['uploads']>;

/**
 * A suite's store: its `settings.cloud`, read from the suite file so that secrets never pass through
 * the config, and the folder its runs go under. The suite model loads only here, when needed.
 */
export async function storeOfSuite(file: string): Promise<{ settings: Record<string, unknown>; project: string } | undefined> {
  const { loadSuite, storeFolderOf } = await import('@panoptic/config');
  const { suite } = loadSuite(file);
  const settings = suite.settings?.cloud as Record<string, unknown> | undefined;
  return settings && { settings, project: storeFolderOf(suite.name, file) };
}

async function loadCloud(): Promise<Cloud> {
  try {
    return await import('@panoptic/cloud');
  } catch (error) {
    throw new Error(`uploading needs the package "@panoptic/cloud" (npm install @panoptic/cloud): ${(error as Error).message}`, { cause: error });
  }
}

/** The store a run's outputs go to: `<prefix>/<project>/<run id>/<shard>/…`, history at `<prefix>/<project>/history.json`. */
export class RunStore {
  private constructor(
    private readonly cloud: Cloud,
    private readonly options: CloudOptions,
    private readonly provider: StorageProvider,
    readonly prefix: string,
    private readonly historyKey: string,
  ) {}

  private readonly backupFailures: string[] = [];

  static async open(settings: Record<string, unknown>, project: string, shard: Summary['run']['shard']): Promise<RunStore> {
    const cloud = await loadCloud();
    const options = cloud.cloudOptionsFromSettings(settings, process.env, process.cwd());
    const provider = await cloud.createProvider(options);
    const prefix = cloud.runPrefix({ prefix: options.prefix, project, runId: cloud.ensureRunId(), shard });
    const historyKey = `${prefix.split('/').slice(0, -2).join('/')}/history.json`;
    return new RunStore(cloud, options, provider, prefix, historyKey);
  }

  /**
   * Copies the store's history over the local file, so scores come from every machine's runs. It
   * replaces the file under its lock, and only with a history that parses.
   */
  async downloadHistory(file: string, warn: (message: string) => void): Promise<boolean> {
    if (!(await this.provider.head(this.historyKey))) return false;
    const stored = this.parseStoredHistory(await this.provider.get(this.historyKey));
    await updateHistoryFile(file, () => stored, warn);
    return true;
  }

  /**
   * Adds this run to the store's history without losing another run's: a conditional
   * read-modify-write that starts again when another reporter wrote first (see `updateObject` for
   * what each store guarantees). The local file then gets the history as stored.
   */
  async updateHistory(file: string, append: (history: History) => History, warn: (message: string) => void): Promise<void> {
    const { transfer } = this.options;
    const written = await this.cloud.updateObject(
      this.provider,
      this.historyKey,
      (current) => Buffer.from(JSON.stringify(append(current ? this.parseStoredHistory(current) : emptyHistory()))),
      { contentType: 'application/json', compress: transfer.compression && this.provider.name !== 'local', compressionLevel: transfer.compressionLevel },
    );
    const merged = parseHistory(written.toString('utf8'));
    await updateHistoryFile(file, () => merged, warn);
  }

  private parseStoredHistory(bytes: Buffer): History {
    try {
      return parseHistory(bytes.toString('utf8'));
    } catch (error) {
      // Never replaced: it may hold every machine's runs. Someone has to look at it.
      throw new Error(`the store's history ${this.historyKey} in ${this.provider.location} cannot be read (${(error as Error).message}); it is left as it is and this run is not added to it`, { cause: error });
    }
  }

  /**
   * Uploads the output folder, only what changed since the last upload, then applies retention when
   * `auto_cleanup` is on. Local files stay unless `delete_local_after_sync` asks, and then only
   * verified ones go.
   */
  async uploadOutputs(outputDir: string): Promise<Uploads> {
    const result = await this.syncFiles(outputDir);
    // Retention deletes only runs that carry Panoptic's marker: one that received files gets it.
    if (result.uploaded.length > 0) await this.cloud.markRun(this.provider, this.cloud.runFolderOf(this.prefix), this.options.transfer);
    const { retention } = this.options;
    if (retention.autoCleanup && (retention.days !== undefined || retention.maxSizeGb !== undefined)) {
      await this.cloud.applyRetention(this.provider, this.options.prefix, { days: retention.days, maxSizeGb: retention.maxSizeGb });
    }
    return {
      location: this.locationFrom(outputDir),
      prefix: this.prefix,
      report: `${this.prefix}/report/index.html`,
      uploaded: result.uploaded.length,
      unchanged: result.skipped.length,
      failed: result.failed.map((file) => ({ path: file.path, cause: file.cause })),
      ...(this.encrypted ? { encrypted: 'aes-256-gcm' as const } : {}),
      ...(this.options.cdnEndpoint ? { reportUrl: this.cloud.cdnLink(this.options.cdnEndpoint, `${this.prefix}/report/index.html`) } : {}),
    };
  }

  /**
   * Syncs the output folder to the run's prefix, or only the files `only` lists (relative paths):
   * what is unchanged since an earlier sync of the run is skipped. With `delete_local_after_sync`,
   * a local file goes only once the store verified its copy (and every backup store its own).
   */
  async syncFiles(outputDir: string, only?: readonly string[]): Promise<SyncResult> {
    const result = await this.cloud.syncFolder(this.provider, outputDir, this.prefix, {
      transfer: this.options.transfer,
      deleteLocalAfterSync: this.options.deleteLocalAfterSync,
      ...(only ? { only } : {}),
    });
    for (const failed of result.backupFailed) this.backupFailures.push(`backup copy failed: ${failed.path} to ${failed.location}: ${failed.cause}`);
    return result;
  }

  /** Backup copies that failed since the last call, one message each: they warn, they never fail the run. */
  takeBackupFailures(): string[] {
    return this.backupFailures.splice(0);
  }

  /** `enable_sync`: seconds between uploads during the run; undefined when off. */
  get syncIntervalSeconds(): number | undefined {
    return this.options.syncIntervalSeconds;
  }

  /**
   * Where a report links a stored file of the run (by its path relative to the output folder) once
   * its local copy is gone: through the CDN when there is one; else a folder store's file, which
   * reports copy like any other (and summary.json names relative to the output folder); else a
   * signed URL that expires after `signed_url_seconds`.
   */
  async linkOf(relativePath: string): Promise<string> {
    const key = `${this.prefix}/${relativePath}`;
    if (this.options.cdnEndpoint) return this.cloud.cdnLink(this.options.cdnEndpoint, key);
    const url = await this.provider.signedUrl(key, this.options.signedUrlSeconds);
    return this.provider.name === 'local' ? fileURLToPath(url) : url;
  }

  /** `enable_cdn`: links go through the CDN, which serves the store, so none needs signing. */
  get hasCdn(): boolean {
    return this.options.cdnEndpoint !== undefined;
  }

  /**
   * The store as summary.json names it: a local store's folder relative to the output folder, so
   * the summary names no folder of this machine; other stores by bucket and endpoint.
   */
  private locationFrom(outputDir: string): string {
    if (this.provider.name !== 'local') return this.provider.location;
    return `local folder ${path.relative(outputDir, this.options.bucket).split(path.sep).join('/') || '.'}`;
  }

  /** Whether files are encrypted before they are stored (`client_side_encryption`): links into the store open ciphertext. */
  get encrypted(): boolean {
    return this.options.encryption?.clientSideKeyEnv !== undefined;
  }

  /** Whether links into the store must be signed: a local folder is read straight from disk. */
  get isPrivate(): boolean {
    return this.provider.name !== 'local';
  }

  /** A signed, expiring URL of a file of the run, by its path relative to the output folder. */
  signedUrl(relativePath: string): Promise<string> {
    return this.provider.signedUrl(`${this.prefix}/${relativePath}`, this.options.signedUrlSeconds);
  }

  /** Uploads files written after the sync (summary.json, history); returns the failures' causes. */
  async uploadFiles(files: { file: string; key?: string }[], outputDir: string): Promise<string[]> {
    const items = files.map(({ file, key }) => ({ file, key: key ?? `${this.prefix}/${path.relative(outputDir, file).split(path.sep).join('/')}` }));
    const results = await this.cloud.uploadFiles(this.provider, items, this.options.transfer);
    for (const copy of results.flatMap((r) => r.backups ?? [])) if (copy.status === 'failed') this.backupFailures.push(`backup copy failed: ${copy.error ?? copy.location}`);
    return results.filter((r) => r.status === 'failed').map((r) => r.error ?? `${r.file}: upload failed`);
  }

}
