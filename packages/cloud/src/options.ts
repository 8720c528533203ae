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
  /** S3: access key id (GCS: HMAC key id). Azure: the storage account name. */
  accessKey?: string;
  /** S3: secret access key (GCS: HMAC secret). Azure: the storage account key. */
  secretKey?: string;
  /** S3: the session token that goes with temporary `accessKey`/`secretKey` (AWS_SESSION_TOKEN). */
  sessionToken?: string;
  /** Azure: a connection string, or an account URL (endpoint) with a SAS token, or the default credential. */
  connectionString?: string;
  sasToken?: string;
  transfer: TransferOptions;
  retention: RetentionOptions;
  deleteLocalAfterSync: boolean;
  /** `enable_sync`: seconds between uploads of finished tests' artifacts during a run (`sync_interval`). */
  syncIntervalSeconds?: number;
  /** `enable_cdn`: the CDN that serves the store, `https://cdn.example.com[/path]`; links become `<cdn>/<key>`. */
  cdnEndpoint?: string;
  /** `backup_locations`: stores every upload is also written to, each with this store's transfer settings. */
  backups?: CloudOptions[];
  /** Whether the store is private: links in reports are then signed, with this lifetime. */
  signedUrlSeconds: number;
  /** `encryption`, `kms_key_id`, `encryption_scope`, `client_side_encryption`: what is encrypted, and how. */
  encryption?: EncryptionOptions;
}

/** Server-side encryption the store applies, and client-side encryption before anything is sent. */
export interface EncryptionOptions {
  /** S3: every object written with SSE-S3 (`AES256`) or SSE-KMS (`aws:kms`, with the key `kmsKeyId` or else the account's default). */
  s3?: { mode: 'AES256' | 'aws:kms'; kmsKeyId?: string };
  /** Azure: the encryption scope every blob is written with. */
  azureScope?: string;
  /** Client-side AES-256-GCM: the NAME of the environment variable that holds the key (read when the store is opened). */
  clientSideKeyEnv?: string;
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
  /** Files larger than this go up in parts (S3 multipart, Azure blocks) and are streamed, never read whole. */
  multipartThresholdBytes: number;
  /** Size of one part (S3, at least 5 MiB) or block (Azure) of a multipart upload. */
  partSizeBytes: number;
  /**
   * A request that makes no progress for this long fails with a retryable timeout, so a stalled
   * connection cannot hang a run. S3: no bytes on the socket; Azure: no upload progress (a whole
   * block or single-shot body) and no response.
   */
  requestTimeoutMs: number;
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
  partSizeBytes: 8 * 1024 * 1024,
  requestTimeoutMs: 60_000,
};
