export type { Body, ObjectInfo, PutOptions, PutResult, StorageProvider } from './provider.js';
export { DEFAULT_TRANSFER, type CloudOptions, type EncryptionOptions, type RetentionOptions, type TransferOptions } from './options.js';
export { createProvider } from './create-provider.js';
export { cloudOptionsFromSettings, DEFAULT_PREFIX, DEFAULT_SIGNED_URL_SECONDS, DEFAULT_SYNC_INTERVAL_SECONDS, GCS_ENDPOINT } from './from-settings.js';
export { uploadFiles, SHA256_METADATA, type BackupResult, type UploadItem, type UploadProgress, type UploadResult } from './uploader.js';
export { cdnLink } from './cdn.js';
export { LinkTokenError, signLinkToken, verifyLinkToken, type LinkTokenProblem } from './link-token.js';
export { assertSafeKey, runPrefix, sanitizeKeySegment, shardLabel, type RunPrefixParts } from './keys.js';
export { backoffDelay, isRetryableError, withRetry, type RetryOptions } from './retry.js';
export { contentTypeFor, isCompressible } from './content-type.js';
export {
  CloudConfigError,
  CloudError,
  FileChangedError,
  IntegrityError,
  ObjectNotFoundError,
  RequestTimeoutError,
  UnsafeKeyError,
  describeError,
  redactSecrets,
} from './errors.js';
export { currentRunId, ensureRunId, newRunId } from './run-id.js';
export { filesUnder, type FolderFiles } from './files-under.js';
export { markRun, runFolderOf, RUN_MARKER_NAME, type RunMarker } from './run-marker.js';
export { isPreconditionFailure, updateObject, type UpdateObjectOptions } from './conditional-update.js';
export {
  applyRetention,
  listRuns,
  type DeletedRun,
  type RetentionPolicy,
  type RetentionResult,
  type StoredRun,
} from './retention.js';
export * from './analytics.js';
export { syncFolder, MANIFEST_NAME, type SyncOptions, type SyncProgress, type SyncResult, type SyncManifest, type ManifestEntry, type UploadedFile, type SkippedFile, type FailedFile, type FailedBackup, type KeptFile, type SyncedFile } from './sync.js';
export * from './encryption/index.js';
