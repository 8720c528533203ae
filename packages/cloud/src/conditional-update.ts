import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { CloudError, httpStatusOf } from './errors.js';
import { withRetry } from './retry.js';
import type { PutOptions, StorageProvider } from './provider.js';
import { SHA256_METADATA } from './uploader.js';

const gzip = promisify(zlib.gzip);

/** Codes with which stores refuse a conditional write because the object changed meanwhile. */
const CONFLICT_CODES = new Set(['PreconditionFailed', 'ConditionNotMet', 'BlobAlreadyExists', 'ConditionalRequestConflict']);

/** Whether a write was refused because its condition (`ifMatch`, `ifNoneMatch`) no longer held. */
export function isPreconditionFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const status = httpStatusOf(error);
  const code = (error as { code?: unknown }).code;
  return status === 412 || (status === 409 && typeof code === 'string' && CONFLICT_CODES.has(code));
}

export interface UpdateObjectOptions {
  contentType: string;
  /** Gzip the stored bytes (`Content-Encoding: gzip`), as uploads do with `compression`. */
  compress?: boolean;
  compressionLevel?: number;
  /** Read-modify-write rounds before giving up when other writers keep winning (20). */
  attempts?: number;
  /** First wait between rounds, doubled each round, with jitter (50 ms). */
  backoffMs?: number;
}

/**
 * Read-modify-write of one object that loses no writer's change: reads the object and its ETag,
 * computes the new content with `update` (given the current content, or undefined when there is
 * none), and writes it only if the object is still the one read (`ifMatch`, or `ifNoneMatch: '*'`
 * when it was missing). When another writer got there first, it reads again and repeats.
 *
 * What holds depends on the store: Azure Blob Storage and the local store check the condition;
 * AWS S3 does (conditional writes, 2024); S3-compatible stores that ignore `If-Match` (s3rver,
 * older MinIO) make this a plain last-writer-wins write, and so does a store that reports no ETag.
 */
export async function updateObject(
  provider: StorageProvider,
  key: string,
  update: (current: Buffer | undefined) => Buffer | Promise<Buffer>,
  options: UpdateObjectOptions,
): Promise<Buffer> {
  const attempts = Math.max(1, options.attempts ?? 20);
  // Only a lost race is worth another round: any other failure is the caller's to see at once.
  const round = async (): Promise<Buffer> => {
    const info = await provider.head(key);
    const current = info ? await provider.get(key) : undefined;
    const next = await update(current);
    const body = options.compress ? await gzip(next, { level: options.compressionLevel ?? 6 }) : next;
    const put: PutOptions = {
      contentType: options.contentType,
      size: body.length,
      contentMd5: createHash('md5').update(body).digest('base64'),
      metadata: { [SHA256_METADATA]: createHash('sha256').update(next).digest('hex') },
    };
    if (options.compress) put.contentEncoding = 'gzip';
    if (!info) put.ifNoneMatch = '*';
    else if (info.etag) put.ifMatch = info.etag;
    await provider.put(key, body, put);
    return next;
  };
  try {
    return await withRetry(round, { attempts, backoffMs: options.backoffMs ?? 50, maxBackoffMs: 2_000, isRetryable: isPreconditionFailure });
  } catch (error) {
    if (!isPreconditionFailure(error)) throw error;
    throw new CloudError(`${JSON.stringify(key)} in ${provider.location} kept changing while it was updated: gave up after ${attempts} attempts`, {
      code: 'UpdateConflict',
      statusCode: 412,
      cause: error,
    });
  }
}
