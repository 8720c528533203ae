import fs from 'node:fs/promises';
import path from 'node:path';
import type * as CloudModule from '@panoptic/cloud';
import type { CloudOptions, StorageProvider } from '@panoptic/cloud';
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
    throw new Error(`uploading needs the package "@panoptic/cloud" (npm install @panoptic/cloud): ${(error as Error).message}`);
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

  static async open(settings: Record<string, unknown>, project: string, shard: Summary['run']['shard']): Promise<RunStore> {
    const cloud = await loadCloud();
    const options = cloud.cloudOptionsFromSettings(settings, process.env, process.cwd());
    const provider = await cloud.createProvider(options);
    const prefix = cloud.runPrefix({ prefix: options.prefix, project, runId: cloud.runId(), shard });
    const historyKey = `${prefix.split('/').slice(0, -2).join('/')}/history.json`;
    return new RunStore(cloud, options, provider, prefix, historyKey);
  }

  /** Copies the store's history over the local file, so scores come from every machine's runs. */
  async downloadHistory(file: string): Promise<boolean> {
    if (!(await this.provider.head(this.historyKey))) return false;
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, await this.provider.get(this.historyKey));
    return true;
  }

  /**
   * Uploads the output folder, only what changed since the last upload, then applies retention when
   * `auto_cleanup` is on. Local files stay unless `delete_local_after_sync` asks, and then only
   * verified ones go.
   */
  async uploadOutputs(outputDir: string): Promise<Uploads> {
    const result = await this.cloud.syncFolder(this.provider, outputDir, this.prefix, {
      transfer: this.options.transfer,
      deleteLocalAfterSync: this.options.deleteLocalAfterSync,
    });
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
    };
  }

  /**
   * The store as summary.json names it: a local store's folder relative to the output folder, so
   * the summary names no folder of this machine; other stores by bucket and endpoint.
   */
  private locationFrom(outputDir: string): string {
    if (this.provider.name !== 'local') return this.provider.location;
    return `local folder ${path.relative(outputDir, this.options.bucket).split(path.sep).join('/') || '.'}`;
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
    return results.filter((r) => r.status === 'failed').map((r) => r.error ?? `${r.file}: upload failed`);
  }

  /** Uploads the history file to where every run of the project reads it. */
  uploadHistory(file: string, outputDir: string): Promise<string[]> {
    return this.uploadFiles([{ file, key: this.historyKey }], outputDir);
  }
}
