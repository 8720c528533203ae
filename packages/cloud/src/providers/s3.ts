import type { ListObjectsV2CommandOutput, S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import pLimit from 'p-limit';
import { decodeStored } from '../content-encoding.js';
import { CloudError, ObjectNotFoundError, httpStatusOf } from '../errors.js';
import { importOptional } from '../optional-import.js';
import type { CloudOptions, TransferOptions } from '../options.js';
import type { Body, ObjectInfo, PutOptions, PutResult, StorageProvider } from '../provider.js';
import { DEFAULT_TRANSFER } from '../options.js';
import { storeResponseError } from '../store-error.js';

type S3Sdk = typeof import('@aws-sdk/client-s3');
type StorageSdk = typeof import('@aws-sdk/lib-storage');
type PresignerSdk = typeof import('@aws-sdk/s3-request-presigner');

const MIN_PART_BYTES = 5 * 1024 * 1024;
const MAX_PARTS = 10_000;
/** SigV4 presigned URLs cannot live longer than 7 days. */
const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;
const PART_CONCURRENCY = 4;
const SINGLE_DELETE_CONCURRENCY = 8;

/**
 * S3 and S3-compatible stores (MinIO, Google Cloud Storage's XML API with HMAC keys, s3rver...).
 *
 * The SDK's own retries are off (`maxAttempts: 1`): the uploader retries whole files with backoff,
 * so every attempt is counted and a retry re-reads the file. A stalled socket fails after
 * `transfer.requestTimeoutMs` of inactivity.
 */
export async function createS3Provider(options: CloudOptions): Promise<StorageProvider> {
  const sdk = await importOptional<S3Sdk>('@aws-sdk/client-s3', 'The s3 storage provider');
  const transfer = { ...DEFAULT_TRANSFER, ...options.transfer };
  const config: S3ClientConfig = {
    maxAttempts: 1,
    requestHandler: {
      socketTimeout: transfer.requestTimeoutMs,
      connectionTimeout: Math.min(transfer.requestTimeoutMs, 30_000),
    },
  };
  const region = options.region ?? (options.endpoint ? 'us-east-1' : undefined);
  if (region) config.region = region;
  if (options.endpoint) {
    config.endpoint = options.endpoint;
    config.forcePathStyle = options.forcePathStyle ?? true;
    // Other stores (GCS, older MinIO, s3rver) reject the flexible checksums (aws-chunked bodies
    // with CRC trailers) the SDK now adds by default; Content-MD5 still verifies single PUTs.
    config.requestChecksumCalculation = 'WHEN_REQUIRED';
    config.responseChecksumValidation = 'WHEN_REQUIRED';
  } else if (options.forcePathStyle !== undefined) {
    config.forcePathStyle = options.forcePathStyle;
  }
  if (options.accessKey && options.secretKey) {
    config.credentials = {
      accessKeyId: options.accessKey,
      secretAccessKey: options.secretKey,
      ...(options.sessionToken ? { sessionToken: options.sessionToken } : {}),
    };
  }
  // Without keys the SDK's default chain applies: env, shared config/SSO, web identity, instance roles.
  // Google Cloud Storage's XML API has no multi-object delete: delete one request per key there.
  const batchDelete = !(options.endpoint && new URL(options.endpoint).hostname.endsWith('storage.googleapis.com'));
  return new S3Provider(sdk, new sdk.S3Client(config), options.bucket, describeLocation(options), transfer, batchDelete, serverSideEncryption(options));
}

type ServerSideEncryptionParams = { ServerSideEncryption?: 'AES256' | 'aws:kms'; SSEKMSKeyId?: string };

/** `encryption: true`: SSE-S3, or SSE-KMS with `kms_key_id`. */
function serverSideEncryption(options: CloudOptions): ServerSideEncryptionParams {
  const sse = options.encryption?.s3;
  if (!sse) return {};
  return { ServerSideEncryption: sse.mode, ...(sse.kmsKeyId ? { SSEKMSKeyId: sse.kmsKeyId } : {}) };
}

function describeLocation(options: CloudOptions): string {
  if (!options.endpoint) return `s3://${options.bucket}${options.region ? ` (${options.region})` : ''}`;
  const url = new URL(options.endpoint);
  return `s3://${options.bucket} at ${url.origin}${url.pathname === '/' ? '' : url.pathname}`;
}

class S3Provider implements StorageProvider {
  readonly name = 's3' as const;
  /** Metadata goes with CreateMultipartUpload; changing it later would copy the object. */
  readonly acceptsLateProperties = false;
  private storage: Promise<StorageSdk> | undefined;
  private presigner: Promise<PresignerSdk> | undefined;

  constructor(
    private readonly sdk: S3Sdk,
    private readonly client: S3Client,
    private readonly bucket: string,
    readonly location: string,
    private readonly transfer: TransferOptions,
    private readonly batchDelete: boolean,
    /** Sent with every write (PutObject and CreateMultipartUpload): S3 encrypts the object at rest with it. */
    private readonly sse: ServerSideEncryptionParams,
  ) {}

  async put(key: string, body: Body, options: PutOptions): Promise<PutResult> {
    try {
      return await this.putObject(key, body, options);
    } catch (error) {
      throw storeResponseError(error, `upload of ${JSON.stringify(key)}`, this.location);
    }
  }

  private async putObject(key: string, body: Body, options: PutOptions): Promise<PutResult> {
    const size = Buffer.isBuffer(body) ? body.length : options.size;
    const common = {
      Bucket: this.bucket,
      Key: key,
      ContentType: options.contentType,
      ...(options.contentEncoding ? { ContentEncoding: options.contentEncoding } : {}),
      ...(options.metadata ? { Metadata: options.metadata } : {}),
      ...this.sse,
    };
    const conditional = options.ifMatch !== undefined || options.ifNoneMatch !== undefined;
    if (conditional && !Buffer.isBuffer(body)) {
      throw new CloudError(`a conditional upload of ${JSON.stringify(key)} needs its body in memory (one request carries the condition)`, { code: 'InvalidArgument' });
    }
    if (conditional || (size !== undefined && size <= this.transfer.multipartThresholdBytes)) {
      const response = await this.client.send(
        new this.sdk.PutObjectCommand({
          ...common,
          Body: body,
          ContentLength: size,
          // The service recomputes the MD5 and refuses the object (400 BadDigest) when bytes changed in transit.
          ...(options.contentMd5 ? { ContentMD5: options.contentMd5 } : {}),
          // S3 (since 2024) refuses with 412 when the object changed; stores without conditional
          // writes ignore these headers (see the README on what holds where).
          ...(options.ifMatch !== undefined ? { IfMatch: options.ifMatch } : {}),
          ...(options.ifNoneMatch !== undefined ? { IfNoneMatch: options.ifNoneMatch } : {}),
        }),
      );
      // A single PUT's ETag is the MD5 of the stored bytes (not with SSE-KMS: then it is something else
      // and the uploader reads the object back instead).
      const etag = response.ETag?.replace(/"/g, '').toLowerCase();
      return etag && /^[0-9a-f]{32}$/.test(etag) ? { storedMd5: etag } : {};
    }
    const { Upload } = await (this.storage ??= importOptional<StorageSdk>('@aws-sdk/lib-storage', 'Multipart uploads to S3'));
    const upload = new Upload({
      client: this.client,
      params: { ...common, Body: body },
      partSize: partSizeFor(size, this.transfer.partSizeBytes),
      queueSize: PART_CONCURRENCY,
      leavePartsOnError: false,
    });
    await upload.done();
    return {};
  }

  async get(key: string): Promise<Buffer> {
    try {
      const response = await this.client.send(new this.sdk.GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!response.Body) throw new CloudError(`GetObject for ${JSON.stringify(key)} returned no body`, { code: 'EmptyBody', retryable: true });
      const bytes = Buffer.from(await response.Body.transformToByteArray());
      return await decodeStored(bytes, response.ContentEncoding, key, this.location);
    } catch (error) {
      if (isNotFound(error)) throw new ObjectNotFoundError(key, this.location, error);
      throw storeResponseError(error, `download of ${JSON.stringify(key)}`, this.location);
    }
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    try {
      const response = await this.client.send(new this.sdk.HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      const info: ObjectInfo = { key, size: response.ContentLength ?? 0, lastModified: response.LastModified ?? new Date(0) };
      if (response.ContentType) info.contentType = response.ContentType;
      if (response.ContentEncoding) info.contentEncoding = response.ContentEncoding;
      if (response.ETag) info.etag = response.ETag;
      const md5 = md5FromEtag(response.ETag, response.ServerSideEncryption, response.SSECustomerAlgorithm);
      if (md5) info.md5 = md5;
      if (response.Metadata && Object.keys(response.Metadata).length > 0) info.metadata = response.Metadata;
      return info;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw storeResponseError(error, `HEAD of ${JSON.stringify(key)}`, this.location, await this.codeOfFailedHead(key, error));
    }
  }

  /**
   * A HEAD response has no body, so S3 cannot say why it refused one (AccessDenied? a bad key?). A
   * 1-byte GET of the same object, sent only after a refusal, gets the error document that says it.
   */
  private async codeOfFailedHead(key: string, error: unknown): Promise<string | undefined> {
    const status = httpStatusOf(error);
    if (status === undefined || status < 400) return undefined;
    try {
      await this.client.send(new this.sdk.GetObjectCommand({ Bucket: this.bucket, Key: key, Range: 'bytes=0-0' }));
      return undefined;
    } catch (probe) {
      const code = (probe as { Code?: unknown; name?: unknown }).Code ?? (probe as { name?: unknown }).name;
      return httpStatusOf(probe) === status && typeof code === 'string' && /^[A-Z][a-z][A-Za-z0-9]*$/.test(code) ? code : undefined;
    }
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    let token: string | undefined;
    do {
      let page: ListObjectsV2CommandOutput;
      try {
        page = await this.client.send(
          new this.sdk.ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) }),
        );
      } catch (error) {
        throw storeResponseError(error, `listing of ${JSON.stringify(prefix)}`, this.location);
      }
      for (const item of page.Contents ?? []) {
        if (item.Key === undefined) continue;
        const info: ObjectInfo = { key: item.Key, size: item.Size ?? 0, lastModified: item.LastModified ?? new Date(0) };
        const md5 = md5FromEtag(item.ETag);
        if (md5) info.md5 = md5;
        yield info;
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async delete(keys: string[]): Promise<void> {
    try {
      await this.deleteObjects(keys);
    } catch (error) {
      throw storeResponseError(error, `deletion of ${keys.length} object(s) (${JSON.stringify(keys[0])}${keys.length > 1 ? ', ...' : ''})`, this.location);
    }
  }

  private async deleteObjects(keys: string[]): Promise<void> {
    if (!this.batchDelete) {
      await pLimit(SINGLE_DELETE_CONCURRENCY).map(keys, (key) => this.client.send(new this.sdk.DeleteObjectCommand({ Bucket: this.bucket, Key: key })));
      return;
    }
    for (let start = 0; start < keys.length; start += 1000) {
      const batch = keys.slice(start, start + 1000);
      const response = await this.client.send(
        new this.sdk.DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }),
      );
      const errors = response.Errors ?? [];
      if (errors.length > 0) {
        const listed = errors.slice(0, 5).map((e) => `${JSON.stringify(e.Key)}: ${e.Code ?? 'error'} ${e.Message ?? ''}`.trim());
        throw new CloudError(`could not delete ${errors.length} of ${batch.length} objects in ${this.location}: ${listed.join('; ')}`, {
          code: errors[0]?.Code ?? 'DeleteFailed',
          retryable: errors.some((e) => ['InternalError', 'SlowDown', 'ServiceUnavailable'].includes(e.Code ?? '')),
        });
      }
    }
  }

  async signedUrl(key: string, expiresInSeconds: number): Promise<string> {
    if (!(expiresInSeconds > 0 && expiresInSeconds <= MAX_PRESIGN_SECONDS)) {
      throw new CloudError(`a signed S3 URL lives between 1 second and 7 days (${MAX_PRESIGN_SECONDS} s); ${expiresInSeconds} s was asked for`, {
        code: 'InvalidExpiry',
      });
    }
    const { getSignedUrl } = await (this.presigner ??= importOptional<PresignerSdk>('@aws-sdk/s3-request-presigner', 'Signed S3 URLs'));
    return getSignedUrl(this.client, new this.sdk.GetObjectCommand({ Bucket: this.bucket, Key: key }), { expiresIn: Math.floor(expiresInSeconds) });
  }
}

/** Parts big enough that no upload needs more than S3's 10,000. */
function partSizeFor(size: number | undefined, preferred: number): number {
  const base = Math.max(MIN_PART_BYTES, preferred);
  if (size === undefined) return base;
  return Math.max(base, Math.ceil(size / MAX_PARTS));
}

function isNotFound(error: unknown): boolean {
  const name = (error as { name?: unknown }).name;
  return httpStatusOf(error) === 404 || name === 'NotFound' || name === 'NoSuchKey';
}

/**
 * The ETag is the MD5 of the bytes only for single-part objects without SSE-KMS or SSE-C: a
 * multipart ETag ends in `-<parts>` and an encrypted one is opaque, so those report no MD5.
 */
function md5FromEtag(etag: string | undefined, sse?: string, sseCustomer?: string): string | undefined {
  if (!etag || sseCustomer || (sse && sse.startsWith('aws:kms'))) return undefined;
  const value = etag.replace(/"/g, '').toLowerCase();
  return /^[0-9a-f]{32}$/.test(value) ? value : undefined;
}
