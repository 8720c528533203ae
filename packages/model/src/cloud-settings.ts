import { z } from 'zod';
import { checkEncryptionSettings, encryptionSettingsShape } from './cloud-encryption.js';
import { dateDays, timerMilliseconds, timerSeconds } from './durations.js';
import { DocumentError, formatIssues } from './read.js';

const positiveInt = z.number().int().positive();

const distributedNodeSchema = z.strictObject({
  id: z.string().optional(),
  name: z.string().optional(),
  location: z.string().optional(),
  capacity: z
    .union([z.number().int().nonnegative(), z.string()])
    .describe('Relative capacity of the node: a number, or low, medium, high (1, 2, 4) as the original wrote it.')
    .optional(),
  endpoint: z.string().optional(),
  api_key: z.string().optional(),
  priority: z.number().int().optional(),
});

export { DEFAULT_ENCRYPTION_KEY_ENV, ENCRYPTED_CONTENT_TYPE, encryptionSettingWarnings } from './cloud-encryption.js';

export const CLOUD_PROVIDERS = ['local', 'aws', 's3', 'gcp', 'azure'] as const;

/**
 * One of `backup_locations` written as a store of its own: the primary's keys for where and with
 * which credentials; transfer settings (retries, compression) are the primary's.
 */
const backupStoreSchema = z.strictObject({
  provider: z.enum(CLOUD_PROVIDERS).optional(),
  bucket: z.string(),
  region: z.string().optional(),
  endpoint: z.string().optional(),
  access_key: z.string().optional(),
  secret_key: z.string().optional(),
});

/**
 * `settings.cloud` of a suite (the original schema's keys): validated by @panoptic/config as part of
 * the suite, turned into store options by @panoptic/cloud. It travels inside the suite, whose own
 * format is the original tool's and has no version, so neither has this one.
 */
export const cloudSettingsSchema = z.strictObject({
  provider: z.enum(CLOUD_PROVIDERS).optional(),
  bucket: z.string().optional(),
  /** Panoptic's own: the key prefix of every object (default `panoptic`). */
  prefix: z.string().optional(),
  /** Panoptic's own: a request that sends or receives nothing for this long is aborted and retried. */
  request_timeout_ms: timerMilliseconds.optional(),
  region: z.string().optional(),
  access_key: z.string().optional(),
  secret_key: z.string().optional(),
  endpoint: z.string().optional(),
  /** Uploads finished tests' artifacts while the run goes on, every `sync_interval`. */
  enable_sync: z.boolean().optional(),
  /** Seconds between those uploads (the original read minutes; Panoptic uses seconds, as the guide's example does). */
  sync_interval: timerSeconds.optional(),
  /** Links in reports and summaries go through `cdn_endpoint` (the CDN whose origin is the store). */
  enable_cdn: z.boolean().optional(),
  cdn_endpoint: z.string().optional(),
  compression: z.boolean().optional(),
  compression_level: z.number().int().min(1).max(9).optional(),
  ...encryptionSettingsShape,
  retention_policy: z
    .strictObject({
      enabled: z.boolean().optional(),
      days: dateDays.optional(),
      max_size_gb: z.number().nonnegative().optional(),
      auto_cleanup: z.boolean().optional(),
    })
    .optional(),
  /**
   * Stores every upload is also written to: a folder, `s3://bucket`, `gs://bucket`, `azure://container`
   * (the primary's endpoint and credentials when it is the same kind of store), or a map like the primary's.
   */
  backup_locations: z.array(z.union([z.string(), backupStoreSchema])).optional(),
  enable_distributed: z.boolean().optional(),
  distributed_nodes: z.array(distributedNodeSchema).optional(),
  parallel_uploads: positiveInt.optional(),
  retention_days: dateDays.optional(),
  auto_cleanup: z.boolean().optional(),
  delete_local_after_sync: z.boolean().optional(),
  retry_attempts: z.number().int().nonnegative().optional(),
  retry_backoff_ms: timerMilliseconds.optional(),
  distributed: z
    .strictObject({
      enabled: z.boolean().optional(),
      node_count: positiveInt.optional(),
      max_concurrent_per_node: positiveInt.optional(),
      result_aggregation: z.boolean().optional(),
    })
    .optional(),
})
  // Rules between the encryption keys and the provider; `extend` below keeps them.
  .superRefine(checkEncryptionSettings);

/**
 * The same settings as given programmatically (the cloud fixture's option, the reporter's `cloud`
 * option): a few keys that suites cannot hold, because their values are secrets that belong in the
 * environment or are choices no suite needs.
 */
export const cloudOptionsSettingsSchema = cloudSettingsSchema.extend({
  force_path_style: z.boolean().optional(),
  connection_string: z.string().optional(),
  sas_token: z.string().optional(),
  signed_url_seconds: positiveInt.optional(),
});

export type CloudSettings = z.infer<typeof cloudSettingsSchema>;
export type CloudOptionsSettings = z.infer<typeof cloudOptionsSettingsSchema>;

/**
 * Programmatic cloud settings, checked; `source` is the key path they were given at (`settings.cloud`).
 * Zod's messages never quote the value, so no secret reaches the error.
 */
export function readCloudSettings(json: unknown, source: string): CloudOptionsSettings {
  const parsed = cloudOptionsSettingsSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new DocumentError(formatIssues(parsed.error.issues.map((issue) => ({ ...issue, path: [source, ...issue.path] }))));
}
