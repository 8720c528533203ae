import type * as CloudModule from '@panoptic/cloud';
import type { Summary } from './summary.js';

type Cloud = typeof CloudModule;
export type Uploads = NonNullable<Summary['uploads']>;

/** A suite's `settings.cloud`, read from the suite file so that secrets never pass through the config. */
export async function cloudSettingsOfSuite(file: string): Promise<Record<string, unknown> | undefined> {
  const { loadSuite } = await import('@panoptic/config');
  return loadSuite(file).suite.settings?.cloud as Record<string, unknown> | undefined;
}

async function loadCloud(): Promise<Cloud> {
  try {
    return await import('@panoptic/cloud');
  } catch (error) {
    throw new Error(`uploading needs the package "@panoptic/cloud" (npm install @panoptic/cloud): ${(error as Error).message}`);
  }
}

/**
 * Uploads the output folder (report, summaries, artifacts) under `<prefix>/<project>/<run id>/<shard>`,
 * only what changed since the last upload, and says what failed. Local files stay unless
 * `delete_local_after_sync` asks otherwise, and then only verified ones go.
 */
export async function uploadOutputs(
  settings: Record<string, unknown>,
  outputDir: string,
  project: string,
  shard: Summary['run']['shard'],
): Promise<{ uploads: Uploads; upload: (files: string[]) => Promise<string[]> }> {
  const cloud = await loadCloud();
  const options = cloud.cloudOptionsFromSettings(settings, process.env, process.cwd());
  const provider = await cloud.createProvider(options);
  const prefix = cloud.runPrefix({ prefix: options.prefix, project, runId: cloud.runId(), shard });
  const result = await cloud.syncFolder(provider, outputDir, prefix, {
    transfer: options.transfer,
    deleteLocalAfterSync: options.deleteLocalAfterSync,
  });
  const uploads: Uploads = {
    location: provider.location,
    prefix,
    reportUrl: await provider.signedUrl(`${prefix}/report/index.html`, options.signedUrlSeconds),
    uploaded: result.uploaded.length,
    unchanged: result.skipped.length,
    failed: result.failed.map((file) => ({ path: file.path, cause: file.cause })),
  };
  // Files written after the sync (summary.json) go up one by one, with the same checks.
  const upload = async (files: string[]): Promise<string[]> => {
    const results = await cloud.uploadFiles(
      provider,
      files.map((file) => ({ file, key: `${prefix}/${file.slice(outputDir.length + 1).split('\\').join('/')}` })),
      options.transfer,
    );
    return results.filter((r) => r.status === 'failed').map((r) => r.error ?? `${r.file}: upload failed`);
  };
  return { uploads, upload };
}
