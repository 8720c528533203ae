import fs from 'node:fs';
import fsp from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import pLimit from 'p-limit';
import { contentTypeFor, isCompressible } from './content-type.js';
import { READ_CHUNK_BYTES, countingStream, hexToBase64, md5Hex, sha256Hex, type Digests } from './digest.js';
import { digestFileOffThread, digestingStreamOffThread } from './hash-thread.js';
import { FileChangedError, IntegrityError, describeError } from './errors.js';
import { assertSafeKey } from './keys.js';
import type { TransferOptions } from './options.js';
import { DEFAULT_TRANSFER } from './options.js';
import type { LateProperties, PutOptions, StorageProvider } from './provider.js';
import { isRetryableError, withRetry } from './retry.js';

export interface UploadItem {
  file: string;
  key: string;
  contentType?: string;
}

export interface UploadResult {
  file: string;
  key: string;
  /** Size of the local file. */
  bytes: number;
  /** Size of the stored object (smaller when gzipped); 0 when the upload failed. */
  storedBytes: number;
  status: 'uploaded' | 'failed';
  /** Attempts made, the first included. */
  attempts: number;
  compressed: boolean;
  /** For a failed file: the file, the key, the store and the cause. */
  error?: string;
  /** The copies in the provider's backup stores, made once the primary's was verified. */
  backups?: BackupResult[];
}

export interface BackupResult {
  /** The backup store, as its `location` names it. */
  location: string;
  status: 'uploaded' | 'failed';
  error?: string;
}

export interface UploadProgress {
  /** Files finished, uploaded or failed. */
  done: number;
  total: number;
  /** Bytes (of the local files) uploaded so far. */
  bytes: number;
}

/** Metadata name under which the SHA-256 (hex) of the original, uncompressed content is stored. */
export const SHA256_METADATA = 'panoptic-sha256';

const gzip = promisify(zlib.gzip);

/**
 * Uploads files with at most `transfer.concurrency` in flight. Each file: content type from its
 * extension unless given; gzip (`Content-Encoding: gzip`) when compression is on and the type is
 * text-like (never for the local provider, whose files are opened as they are); the SHA-256 of the
 * original stored as `panoptic-sha256` metadata. Small files are sent in one request with an MD5 the
 * store verifies, and the store's answer (or else a `head`) confirms it. A failure that is retryable
 * (network, 5xx, throttling, a verification mismatch, a file that changed while it went up) is
 * retried with backoff (`retryAttempts`, `retryBackoffMs`).
 *
 * Files above `multipartThresholdBytes` go up in parts, never read whole into memory, hashed on a
 * thread of their own, then checked with a `head` (see `putLarge`).
 *
 * Never throws for a file: each one gets a result, in the order of `items`, and a failed one says
 * what failed and why. Local files are never modified or deleted. A provider with `backups` gets
 * each verified file copied to every one of them too (`result.backups`).
 */
export async function uploadFiles(
  provider: StorageProvider,
  items: UploadItem[],
  transfer: TransferOptions,
  onProgress?: (progress: UploadProgress) => void,
): Promise<UploadResult[]> {
  const settings: TransferOptions = { ...DEFAULT_TRANSFER, ...transfer };
  const limit = pLimit(Math.max(1, Math.floor(settings.concurrency)));
  const progress: UploadProgress = { done: 0, total: items.length, bytes: 0 };
  return Promise.all(
    items.map((item) =>
      limit(async () => {
        const result = await uploadOne(provider, item, settings);
        if (result.status === 'uploaded' && provider.backups?.length) result.backups = await copyToBackups(provider.backups, item, settings);
        progress.done++;
        if (result.status === 'uploaded') progress.bytes += result.bytes;
        onProgress?.({ ...progress });
        return result;
      }),
    ),
  );
}

/** The same file to each backup store, verified and retried as the primary's; failures are results, never thrown. */
async function copyToBackups(backups: readonly StorageProvider[], item: UploadItem, transfer: TransferOptions): Promise<BackupResult[]> {
  return Promise.all(
    backups.map(async (backup) => {
      const copy = await uploadOne(backup, item, transfer);
      return { location: backup.location, status: copy.status, ...(copy.error ? { error: copy.error } : {}) };
    }),
  );
}

async function uploadOne(provider: StorageProvider, item: UploadItem, transfer: TransferOptions): Promise<UploadResult> {
  const result: UploadResult = { file: item.file, key: item.key, bytes: 0, storedBytes: 0, status: 'failed', attempts: 0, compressed: false };
  try {
    assertSafeKey(item.key);
    let stat = await fsp.stat(item.file);
    if (!stat.isFile()) throw new Error(`${item.file} is not a regular file`);
    result.bytes = stat.size;
    const contentType = item.contentType ?? contentTypeFor(item.file);
    const compress = transfer.compression && provider.name !== 'local' && isCompressible(contentType);
    await withRetry(
      async (attempt) => {
        result.attempts = attempt;
        // A retry reads the file again as it is now: a recording may have grown meanwhile.
        if (attempt > 1) stat = await fsp.stat(item.file);
        result.bytes = stat.size;
        if (stat.size > transfer.multipartThresholdBytes) {
          result.storedBytes = await putLarge(provider, item, stat, contentType, compress, transfer);
        } else {
          result.storedBytes = await putBuffered(provider, item, contentType, compress, transfer);
        }
      },
      { attempts: transfer.retryAttempts + 1, backoffMs: transfer.retryBackoffMs, isRetryable: isRetryableError },
    );
    result.status = 'uploaded';
    result.compressed = compress;
  } catch (error) {
    result.storedBytes = 0;
    const tries = result.attempts === 0 ? 'before the first attempt' : `after ${result.attempts} attempt${result.attempts === 1 ? '' : 's'}`;
    const why = result.attempts > 0 && result.attempts <= transfer.retryAttempts && !isRetryableError(error) ? ', not retryable' : '';
    result.error = `could not upload ${item.file} to ${JSON.stringify(item.key)} in ${provider.location} ${tries}${why}: ${describeError(error)}`;
  }
  return result;
}

/** Small files: read, hash, maybe gzip, one request with Content-MD5. */
async function putBuffered(provider: StorageProvider, item: UploadItem, contentType: string, compress: boolean, transfer: TransferOptions): Promise<number> {
  const original = await fsp.readFile(item.file);
  const sha256 = sha256Hex(original);
  const body = compress ? await gzip(original, { level: transfer.compressionLevel }) : original;
  const md5 = md5Hex(body);
  const options: PutOptions = { contentType, size: body.length, contentMd5: hexToBase64(md5), metadata: { [SHA256_METADATA]: sha256 } };
  if (compress) options.contentEncoding = 'gzip';
  const stored = await provider.put(item.key, body, options);
  // The store's own answer proves the bytes; only without one is the object read back.
  if (stored.storedMd5 !== md5) await verify(provider, item, body.length, md5);
  return body.length;
}

/**
 * Large files: never read whole into memory. A store with its own file upload gets the file as it
 * is; otherwise the file is streamed (through gzip when compressing) in parts. Stores that take
 * metadata once the body is up get the hashes then, computed alongside by the hashing thread; S3,
 * which fixes metadata when the upload starts, gets a SHA-256 pass first. Then the object is
 * verified by size, and by MD5 where the store checks the one sent.
 */
async function putLarge(
  provider: StorageProvider,
  item: UploadItem,
  before: fs.Stats,
  contentType: string,
  compress: boolean,
  transfer: TransferOptions,
): Promise<number> {
  const stored =
    compress || !provider.putFile || !provider.acceptsLateProperties
      ? await putStreamed(provider, item, before.size, contentType, compress, transfer)
      : await putWholeFile(provider, item, before.size, contentType);
  // The upload and the hashing may each have read the file: what went up is one version of it, and
  // the hash is of that version, only if it stood still meanwhile.
  const after = await fsp.stat(item.file);
  if (after.size !== before.size || after.mtimeMs !== before.mtimeMs) {
    throw new FileChangedError(`${item.file} changed while it was being uploaded`);
  }
  return stored;
}

/** Through the store's own file upload, while the hashing thread reads the file for its SHA-256. */
async function putWholeFile(provider: StorageProvider, item: UploadItem, bytes: number, contentType: string): Promise<number> {
  // No whole-object MD5 here: a block upload's service checks none, and it is the costliest hash.
  const hashing = digestFileOffThread(item.file, { md5: false });
  // Awaited below; without this, a failed upload would leave its rejection unhandled.
  hashing.catch(() => undefined);
  await provider.putFile!(item.key, item.file, { contentType, size: bytes, late: async () => lateProperties(await hashing) });
  await verify(provider, item, bytes, undefined);
  return bytes;
}

function lateProperties({ sha256, md5 }: Digests): LateProperties {
  return { metadata: { [SHA256_METADATA]: sha256 }, ...(md5 ? { contentMd5: hexToBase64(md5) } : {}) };
}

async function putStreamed(
  provider: StorageProvider,
  item: UploadItem,
  bytes: number,
  contentType: string,
  compress: boolean,
  transfer: TransferOptions,
): Promise<number> {
  // The size lets the store pick its part size; a gzipped body's is known only at the end.
  const options: PutOptions = compress ? { contentType } : { contentType, size: bytes };
  let hashing: ReturnType<typeof digestingStreamOffThread> | undefined;
  if (provider.acceptsLateProperties) {
    // A whole-object MD5 describes the stored bytes only when they are the file's (not gzipped).
    const digesting = digestingStreamOffThread({ md5: !compress });
    options.late = async () => lateProperties(await digesting.digests());
    hashing = digesting;
  } else {
    // S3 fixes metadata when the upload starts, and its multipart ETag is no MD5: one SHA-256 pass first.
    const { sha256 } = await digestFileOffThread(item.file, { md5: false });
    options.metadata = { [SHA256_METADATA]: sha256 };
  }
  const file = fs.createReadStream(item.file, { highWaterMark: READ_CHUNK_BYTES });
  let body: Readable = hashing ? file.pipe(hashing.stream) : file;
  if (compress) {
    options.contentEncoding = 'gzip';
    body = body.pipe(zlib.createGzip({ level: transfer.compressionLevel }));
  }
  const counter = countingStream();
  body = body.pipe(counter.stream);
  // A read error (the file vanished mid-upload) must fail the upload, not leave it waiting.
  file.once('error', (error) => body.destroy(error));
  try {
    await provider.put(item.key, body, options);
  } catch (error) {
    hashing?.discard();
    throw error;
  } finally {
    file.destroy();
  }
  const sent = counter.bytes();
  await verify(provider, item, sent, (await hashing?.digests())?.md5);
  return sent;
}

async function verify(provider: StorageProvider, item: UploadItem, size: number, md5: string | undefined): Promise<void> {
  const info = await provider.head(item.key);
  if (!info) throw new IntegrityError(`${JSON.stringify(item.key)} is not in the store after its upload`);
  if (info.size !== size) throw new IntegrityError(`the store holds ${info.size} bytes for ${JSON.stringify(item.key)}, ${size} were sent`);
  if (md5 && info.md5 && info.md5 !== md5) throw new IntegrityError(`the store's MD5 for ${JSON.stringify(item.key)} is ${info.md5}, the bytes sent have ${md5}`);
}
