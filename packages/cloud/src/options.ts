/**
 * Everything the storage layer needs, resolved from a suite's `settings.cloud` (snake_case, the
 * original schema) and the environment. Secrets come from settings or env and are never printed:
 * `location` strings and errors name the bucket and endpoint only.
 */
export interface CloudOptions {
  provider: 'local' | 's3' | 'azure';
  /** Folder (local), bucket (s3) or container (azure). */
  bucket: string;
  /** Key prefix before `<project>/<run id>/<shard>/…`. */
  prefix: string;
  region?: string;
  endpoint?: string;
  /** S3: path-style addressing, needed by most S3-compatible stores; on whenever `endpoint` is set. */
  forcePathStyle?: boolean;
  accessKey?: string;
  secretKey?: string;
  /** Azure: a connection string, or an account URL (endpoint) with a SAS token, or the default credential. */
  connectionString?: string;
  sasToken?: string;
  transfer: TransferOptions;
  retention: RetentionOptions;
  deleteLocalAfterSync: boolean;
  /** Whether the store is private: links in reports are then signed, with this lifetime. */
  signedUrlSeconds: number;
}

export interface TransferOptions {
  /** Files in flight at once (`parallel_uploads`). */
  concurrency: number;
  /** Gzip text-like content before upload (`compression`), at `compression_level` 1-9. */
  compression: boolean;
  compressionLevel: number;
  /** Retries after the first attempt, on retryable failures only (`retry_attempts`). */
  retryAttempts: number;
  /** First backoff; doubles each retry, with full jitter (`retry_backoff_ms`). */
  retryBackoffMs: number;
  /** Files larger than this go up in parts (S3 multipart, Azure blocks). */
  multipartThresholdBytes: number;
}

export interface RetentionOptions {
  /** Delete runs older than this many days (`retention_days`, `retention_policy.days`). */
  days?: number;
  /** Delete the oldest runs until the store holds at most this much (`retention_policy.max_size_gb`). */
  maxSizeGb?: number;
  /** Apply retention after each upload (`auto_cleanup`, `retention_policy.auto_cleanup`). */
  autoCleanup: boolean;
}

export const DEFAULT_TRANSFER: TransferOptions = {
  concurrency: 8,
  compression: false,
  compressionLevel: 6,
  retryAttempts: 3,
  retryBackoffMs: 200,
  multipartThresholdBytes: 16 * 1024 * 1024,
};
