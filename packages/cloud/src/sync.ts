import { createHash } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import { digestFile } from './digest.js';
import { filesUnder } from './files-under.js';
import { listedFiles } from './listed-files.js';
import { CloudError, ObjectNotFoundError, describeError } from './errors.js';
import { assertSafeKey } from './keys.js';
import type { TransferOptions } from './options.js';
import { DEFAULT_TRANSFER } from './options.js';
import type { StorageProvider } from './provider.js';
import { withRetry } from './retry.js';
import { SHA256_METADATA, uploadFiles, type UploadItem } from './uploader.js';
import { emptyManifest, manifestKeyOf, parseManifest, serializeManifest, type SyncManifest } from './sync-manifest.js';

export { MANIFEST_NAME, type SyncManifest, type ManifestEntry } from './sync-manifest.js';

export interface SyncOptions {
  transfer: TransferOptions;
  /** Delete each local file once its upload was verified (never a failed or unverified one). */
  deleteLocalAfterSync: boolean;
  onProgress?: (progress: SyncProgress) => void;
  /** How often, at most, the manifest is saved while uploads run, so an interrupted sync resumes (10 s). */
  checkpointMs?: number;
  /**
   * Only these files (paths relative to the folder), such as the attachments of tests that have
   * finished, instead of the whole folder. Missing ones are left out; folders are not pruned.
   */
  only?: readonly string[];
}

export interface SyncProgress {
  /** `hashing` the local files, `verifying` files the manifest says are stored, `uploading` the rest. */
  phase: 'hashing' | 'verifying' | 'uploading';
  /** Files of this phase finished (uploaded or failed, when uploading). */
  done: number;
  total: number;
  /** Bytes of this phase's finished files, and of all its files. */
  bytes: number;
  totalBytes: number;
  failed: number;
}

export interface SyncedFile {
  /** Path relative to the synced folder, `/`-separated. */
  path: string;
  key: string;
  bytes: number;
}

export interface UploadedFile extends SyncedFile {
  storedBytes: number;
  attempts: number;
}

export interface SkippedFile extends SyncedFile {
  /** The store was asked and holds this content (only checked when deleting local files). */
  verified: boolean;
}

export interface FailedFile {
  path: string;
  key: string;
  cause: string;
}

export interface KeptFile {
  path: string;
  /** Why a file was not deleted although `deleteLocalAfterSync` was on. */
  reason: string;
}

export interface SyncResult {
  keyPrefix: string;
  manifestKey: string;
  /** Uploaded this time (new or changed) and verified in the store. */
  uploaded: UploadedFile[];
  /** Unchanged since the last sync: the manifest holds their content hash. */
  skipped: SkippedFile[];
  /** Not uploaded; left out of the manifest so the next sync tries them again. */
  failed: FailedFile[];
  /** Local files deleted (relative paths), each after its content was verified in the store. */
  deletedLocal: string[];
  /** With `deleteLocalAfterSync`: local files kept, and why. */
  keptLocal: KeptFile[];
  /** Whether the updated manifest reached the store; when not, `manifestError` says why. */
  manifestSaved: boolean;
  manifestError?: string;
  /** Things that did not stop the sync (an unreadable manifest, a symbolic link not followed). */
  warnings: string[];
  /** Copies to the provider's backup stores that failed (after their retries); the primary's copies stand. */
  backupFailed: FailedBackup[];
}

export interface FailedBackup extends FailedFile {
  /** The backup store. */
  location: string;
}

interface LocalFile {
  path: string;
  absolute: string;
  key: string;
  bytes: number;
  mtimeMs: number;
  sha256: string;
}

/**
 * `panoptic run`'s working folder in an output folder: the Playwright config it generates names
 * this machine's folders and is of no use elsewhere, so it is never synced.
 */
const WORK_FOLDER = '.panoptic';

function trimSlashes(value: string): string {
  return value.replace(/^\/+|\/+$/g, '');
}

async function readManifest(provider: StorageProvider, key: string, transfer: TransferOptions, warnings: string[]): Promise<SyncManifest> {
  let bytes: Buffer;
  try {
    bytes = await withRetry(() => provider.get(key), { attempts: transfer.retryAttempts + 1, backoffMs: transfer.retryBackoffMs });
  } catch (error) {
    if (error instanceof ObjectNotFoundError) return emptyManifest();
    throw new CloudError(`could not read the sync manifest ${JSON.stringify(key)} in ${provider.location}: ${describeError(error)}`, {
      code: 'ManifestUnreadable',
      cause: error,
    });
  }
  const parsed = parseManifest(bytes);
  if (typeof parsed === 'string') {
    // Starting over costs uploads, never data: every file is sent again and the manifest rewritten.
    warnings.push(`the sync manifest ${JSON.stringify(key)} in ${provider.location} is unusable (${parsed}); every file is uploaded again`);
    return emptyManifest();
  }
  return parsed;
}

async function saveManifest(provider: StorageProvider, key: string, body: Buffer, transfer: TransferOptions): Promise<void> {
  const md5 = createHash('md5').update(body).digest('base64');
  await withRetry(
    async () => {
      await provider.put(key, body, { contentType: 'application/json', size: body.length, contentMd5: md5 });
    },
    { attempts: transfer.retryAttempts + 1, backoffMs: transfer.retryBackoffMs },
  );
}

/** Whether the file is still what was hashed: deleting it is only safe if it has not changed since. */
async function unchangedSince(file: LocalFile): Promise<boolean> {
  try {
    const stat = await fsp.stat(file.absolute);
    return stat.size === file.bytes && stat.mtimeMs === file.mtimeMs;
  } catch {
    return false;
  }
}

/** Removes folders under `root` that deleting files left empty; `root` itself stays. */
async function pruneEmptyFolders(root: string, relativeFiles: string[]): Promise<void> {
  const folders = new Set<string>();
  for (const file of relativeFiles) {
    for (let folder = path.posix.dirname(file); folder !== '.'; folder = path.posix.dirname(folder)) folders.add(folder);
  }
  // Deepest first, so a parent is tried after its children.
  for (const folder of [...folders].sort((a, b) => b.split('/').length - a.split('/').length)) {
    await fsp.rmdir(path.join(root, ...folder.split('/'))).catch(() => undefined);
  }
}

/**
 * Uploads what is new or changed in `localDir` to `<keyPrefix>/<relative path>`, using a manifest
 * of content hashes (SHA-256 per relative path) kept in the store at
 * `<keyPrefix>/.panoptic-manifest.json`. Unchanged files are skipped; a file whose upload failed
 * stays out of the manifest, so the next sync tries it again. The manifest is also saved while
 * uploads run (every `checkpointMs`), so a sync cut short resends little.
 *
 * With `deleteLocalAfterSync`, a local file is deleted only once its content is known to be in the
 * store: its upload was verified by the uploader (size and MD5 read back), or, for a file the
 * manifest lists as unchanged, the store's object carries the same SHA-256. A file that changed on
 * disk since it was hashed is kept.
 *
 * Throws only when the folder cannot be read or the manifest cannot be fetched (nothing was
 * uploaded then); every per-file problem is in the result. One sync per key prefix at a time: two
 * syncs into the same prefix would overwrite each other's manifest.
 */
export async function syncFolder(provider: StorageProvider, localDir: string, keyPrefix: string, options: SyncOptions): Promise<SyncResult> {
  const transfer: TransferOptions = { ...DEFAULT_TRANSFER, ...options.transfer };
  const root = path.resolve(localDir);
  const prefix = trimSlashes(keyPrefix);
  if (prefix) assertSafeKey(prefix);
  const manifestKey = manifestKeyOf(prefix);
  const result: SyncResult = {
    keyPrefix: prefix,
    manifestKey,
    uploaded: [],
    skipped: [],
    failed: [],
    deletedLocal: [],
    keptLocal: [],
    manifestSaved: false,
    warnings: [],
    backupFailed: [],
  };

  const stat = await fsp.stat(root).catch(() => undefined);
  if (!stat?.isDirectory()) throw new CloudError(`cannot sync ${root}: it is not a folder`, { code: 'NotAFolder' });

  const { files: paths, links } = options.only ? await listedFiles(root, options.only, WORK_FOLDER) : await filesUnder(root, WORK_FOLDER);
  for (const link of links) result.warnings.push(`${link}: a symbolic link, not followed and not synced`);
  const manifest = await readManifest(provider, manifestKey, transfer, result.warnings);
  const sync: SyncRun = { provider, transfer, options, manifest, manifestKey, result, dirty: false };

  const files = await hashFiles(sync, root, prefix, paths);
  const unchanged = files.filter((file) => manifest.files[file.path]?.sha256 === file.sha256);
  const toUpload = files.filter((file) => manifest.files[file.path]?.sha256 !== file.sha256);
  if (options.deleteLocalAfterSync && unchanged.length > 0) toUpload.push(...(await verifyStored(sync, unchanged)));
  else for (const file of unchanged) result.skipped.push({ path: file.path, key: file.key, bytes: file.bytes, verified: false });
  await uploadChanged(sync, toUpload);

  if (options.deleteLocalAfterSync) {
    for (const failed of result.failed) result.keptLocal.push({ path: failed.path, reason: 'its upload failed' });
    if (!options.only) await pruneEmptyFolders(root, result.deletedLocal);
  }
  await saveFinalManifest(sync, sync.dirty || result.uploaded.length > 0 || toUpload.length > 0);

  const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  result.uploaded.sort(byPath);
  result.skipped.sort(byPath);
  result.failed.sort(byPath);
  result.keptLocal.sort(byPath);
  result.deletedLocal.sort();
  return result;
}

/** What the phases of one sync share: where it goes, the manifest it updates, the result it fills. */
interface SyncRun {
  provider: StorageProvider;
  transfer: TransferOptions;
  options: SyncOptions;
  manifest: SyncManifest;
  manifestKey: string;
  result: SyncResult;
  /** The manifest changed since it was last saved. */
  dirty: boolean;
}

/** Each file's SHA-256, a few at a time; a file that cannot be read or keyed is a failure of its own. */
async function hashFiles(sync: SyncRun, root: string, prefix: string, paths: readonly string[]): Promise<LocalFile[]> {
  const { transfer, options, manifestKey, result } = sync;
  const files: LocalFile[] = [];
  const hashing = { phase: 'hashing' as const, done: 0, total: paths.length, bytes: 0, totalBytes: 0, failed: 0 };
  const hashLimit = pLimit(Math.max(2, Math.min(8, transfer.concurrency)));
  await Promise.all(
    paths.map((relative) =>
      hashLimit(async () => {
        const key = prefix ? `${prefix}/${relative}` : relative;
        const absolute = path.join(root, ...relative.split('/'));
        try {
          if (key === manifestKey) throw new Error(`the name ${JSON.stringify(path.posix.basename(key))} is reserved for the sync manifest`);
          assertSafeKey(key);
          const before = await fsp.stat(absolute);
          const { sha256, bytes } = await digestFile(absolute, { md5: false });
          files.push({ path: relative, absolute, key, bytes, mtimeMs: before.mtimeMs, sha256 });
          hashing.bytes += bytes;
        } catch (error) {
          result.failed.push({ path: relative, key, cause: describeError(error) });
          hashing.failed++;
        }
        hashing.done++;
        options.onProgress?.({ ...hashing });
      }),
    ),
  );
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Deletes a local file once its content is known to be stored, unless it changed meanwhile. */
async function deleteLocal(sync: SyncRun, file: LocalFile): Promise<void> {
  const { result } = sync;
  if (!(await unchangedSince(file))) {
    result.keptLocal.push({ path: file.path, reason: 'changed on disk during the sync; sync again to upload the new content' });
    return;
  }
  try {
    await fsp.rm(file.absolute);
    result.deletedLocal.push(file.path);
  } catch (error) {
    result.keptLocal.push({ path: file.path, reason: `could not delete: ${describeError(error)}` });
  }
}

/**
 * The manifest says these are stored; before deleting the only local copy, asks the store. Returns
 * the files whose stored copy is gone or different: they go up again.
 */
async function verifyStored(sync: SyncRun, unchanged: readonly LocalFile[]): Promise<LocalFile[]> {
  const { provider, transfer, options, manifest, result } = sync;
  const again: LocalFile[] = [];
  const verifying = { phase: 'verifying' as const, done: 0, total: unchanged.length, bytes: 0, totalBytes: sum(unchanged), failed: 0 };
  const limit = pLimit(Math.max(1, transfer.concurrency));
  await Promise.all(
    unchanged.map((file) =>
      limit(async () => {
        let stored: string | undefined;
        let unreachable: unknown;
        try {
          const info = await withRetry(() => provider.head(file.key), { attempts: transfer.retryAttempts + 1, backoffMs: transfer.retryBackoffMs });
          stored = info?.metadata?.[SHA256_METADATA];
        } catch (error) {
          unreachable = error ?? new Error('unknown error');
        }
        if (unreachable !== undefined) {
          result.skipped.push({ path: file.path, key: file.key, bytes: file.bytes, verified: false });
          result.keptLocal.push({ path: file.path, reason: `could not check the stored copy: ${describeError(unreachable)}` });
          verifying.failed++;
        } else if (stored === file.sha256) {
          result.skipped.push({ path: file.path, key: file.key, bytes: file.bytes, verified: true });
          await deleteLocal(sync, file);
        } else {
          // The manifest was wrong (the object was removed or replaced since): upload the file again.
          delete manifest.files[file.path];
          again.push(file);
        }
        verifying.done++;
        verifying.bytes += file.bytes;
        options.onProgress?.({ ...verifying });
      }),
    ),
  );
  return again;
}

/** Uploads the new and changed files, saving the manifest every `checkpointMs` while they go up. */
async function uploadChanged(sync: SyncRun, toUpload: readonly LocalFile[]): Promise<void> {
  const { provider, transfer, options, manifest, manifestKey, result } = sync;
  let lastSave = Date.now();
  let saving: Promise<void> | undefined;
  const checkpointMs = options.checkpointMs ?? 10_000;
  const checkpoint = (): void => {
    if (!sync.dirty || saving || Date.now() - lastSave < checkpointMs) return;
    sync.dirty = false;
    lastSave = Date.now();
    // A failed checkpoint only costs re-uploads on a resumed sync; the final save reports its error.
    saving = saveManifest(provider, manifestKey, serializeManifest(manifest), transfer)
      .catch(() => {
        sync.dirty = true;
      })
      .finally(() => {
        saving = undefined;
      });
  };

  const uploading = { phase: 'uploading' as const, done: 0, total: toUpload.length, bytes: 0, totalBytes: sum(toUpload), failed: 0 };
  const limit = pLimit(Math.max(1, Math.floor(transfer.concurrency)));
  const single: TransferOptions = { ...transfer, concurrency: 1 };
  await Promise.all(
    toUpload.map((file) =>
      limit(async () => {
        const item: UploadItem = { file: file.absolute, key: file.key };
        // One file per call, so each result is known (and checkpointed, and its file freed) as it lands.
        const [upload] = await uploadFiles(provider, [item], single);
        if (upload?.status === 'uploaded') {
          manifest.files[file.path] = { sha256: file.sha256, bytes: file.bytes, uploadedAt: new Date().toISOString() };
          sync.dirty = true;
          result.uploaded.push({ path: file.path, key: file.key, bytes: file.bytes, storedBytes: upload.storedBytes, attempts: upload.attempts });
          const backupFailed = (upload.backups ?? []).filter((copy) => copy.status === 'failed');
          for (const copy of backupFailed) result.backupFailed.push({ path: file.path, key: file.key, location: copy.location, cause: copy.error ?? 'failed' });
          // The local file may be the only copy a failed backup can still be made from.
          if (options.deleteLocalAfterSync && backupFailed.length) result.keptLocal.push({ path: file.path, reason: 'a backup copy failed' });
          else if (options.deleteLocalAfterSync) await deleteLocal(sync, file);
        } else {
          if (manifest.files[file.path]) {
            delete manifest.files[file.path];
            sync.dirty = true;
          }
          result.failed.push({ path: file.path, key: file.key, cause: upload?.error ?? 'the uploader returned no result' });
          uploading.failed++;
        }
        uploading.done++;
        uploading.bytes += file.bytes;
        options.onProgress?.({ ...uploading });
        checkpoint();
      }),
    ),
  );
  await saving;
}

/** Saves the manifest when anything changed (or it was new); a failure is reported, not thrown. */
async function saveFinalManifest(sync: SyncRun, changed: boolean): Promise<void> {
  const { provider, transfer, manifest, manifestKey, result } = sync;
  if (!changed && manifest.updatedAt !== '') {
    result.manifestSaved = true;
    return;
  }
  manifest.updatedAt = new Date().toISOString();
  try {
    await saveManifest(provider, manifestKey, serializeManifest(manifest), transfer);
    result.manifestSaved = true;
  } catch (error) {
    result.manifestError = `could not save the sync manifest ${JSON.stringify(manifestKey)} in ${provider.location}: ${describeError(error)}`;
  }
}

function sum(files: readonly LocalFile[]): number {
  return files.reduce((total, file) => total + file.bytes, 0);
}
