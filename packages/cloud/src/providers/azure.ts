import type { BlobHTTPHeaders, BlobServiceClient, BlockBlobClient, ContainerClient, StoragePipelineOptions } from '@azure/storage-blob';
import pLimit from 'p-limit';
import { decodeStored } from '../content-encoding.js';
import { CloudConfigError, CloudError, IntegrityError, ObjectNotFoundError, httpStatusOf } from '../errors.js';
import { IdleTimeout, withIdleTimeout } from '../idle-timeout.js';
import { importOptional } from '../optional-import.js';
import type { CloudOptions, TransferOptions } from '../options.js';
import type { Body, ObjectInfo, PutOptions, PutResult, StorageProvider } from '../provider.js';
import { DEFAULT_TRANSFER } from '../options.js';
import { storeResponseError } from '../store-error.js';

type BlobSdk = typeof import('@azure/storage-blob');
type IdentitySdk = typeof import('@azure/identity');

const BLOCK_CONCURRENCY = 4;
const DELETE_CONCURRENCY = 8;
/** User delegation keys, and so SAS signed with them, last at most 7 days. */
const MAX_DELEGATION_SECONDS = 7 * 24 * 3600;

type Auth = 'shared-key' | 'connection-string' | 'sas' | 'default-credential';

/**
 * Azure Blob Storage. Credentials, in order: account name + key (`accessKey`/`secretKey`), a
 * connection string, an account URL (`endpoint`) with a SAS token, or the account URL with
 * `DefaultAzureCredential` from `@azure/identity`.
 *
 * The SDK's retry policy is turned down to one try: the uploader retries whole files with backoff,
 * so every attempt is counted. The SDK has no idle timeout of its own, so every call runs under
 * one (`transfer.requestTimeoutMs`) that aborts when no upload progress or response comes.
 *
 * Metadata names must be C# identifiers on Azure: `-` in Panoptic's names is stored as `_` and
 * turned back on read.
 */
export async function createAzureProvider(options: CloudOptions): Promise<StorageProvider> {
  const sdk = await importOptional<BlobSdk>('@azure/storage-blob', 'The azure storage provider');
  const transfer = { ...DEFAULT_TRANSFER, ...options.transfer };
  // One try per call: Panoptic's own retries are the only ones, and are counted.
  const pipeline: StoragePipelineOptions = { retryOptions: { maxTries: 1 } };
  let service: BlobServiceClient;
  let auth: Auth;
  const accountUrl = options.endpoint ? stripQuery(options.endpoint) : undefined;
  if (options.accessKey && options.secretKey) {
    const url = accountUrl ?? `https://${options.accessKey}.blob.core.windows.net`;
    service = new sdk.BlobServiceClient(url, new sdk.StorageSharedKeyCredential(options.accessKey, options.secretKey), pipeline);
    auth = 'shared-key';
  } else if (options.connectionString) {
    try {
      service = sdk.BlobServiceClient.fromConnectionString(options.connectionString, pipeline);
    } catch (error) {
      // The SDK's message can quote the connection string; say what is wrong without it.
      throw new CloudConfigError(
        `the Azure connection string is not usable (${(error as Error).name}): it needs AccountName and AccountKey (or SharedAccessSignature) and BlobEndpoint or EndpointSuffix`,
      );
    }
    auth = 'connection-string';
  } else if (accountUrl && options.sasToken) {
    service = new sdk.BlobServiceClient(`${accountUrl}?${options.sasToken.replace(/^\?/, '')}`, new sdk.AnonymousCredential(), pipeline);
    auth = 'sas';
  } else if (accountUrl) {
    const identity = await importOptional<IdentitySdk>('@azure/identity', 'Azure sign-in without a key or SAS (DefaultAzureCredential)');
    service = new sdk.BlobServiceClient(accountUrl, new identity.DefaultAzureCredential(), pipeline);
    auth = 'default-credential';
  } else {
    throw new CloudConfigError(
      'the azure provider needs credentials: a connection string (AZURE_STORAGE_CONNECTION_STRING), or the account URL as endpoint with a SAS token (AZURE_STORAGE_SAS_TOKEN) or with Azure AD sign-in (DefaultAzureCredential), or the account name and key',
    );
  }
  const container = service.getContainerClient(options.bucket);
  const location = `azure container "${options.bucket}" at ${stripQuery(service.url)}`;
  return new AzureProvider(sdk, service, container, auth, location, transfer, options.encryption?.azureScope ? { encryptionScope: options.encryption.azureScope } : {});
}

function stripQuery(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname.replace(/\/$/, '')}`;
}

class AzureProvider implements StorageProvider {
  readonly name = 'azure' as const;
  readonly acceptsLateProperties = true;

  constructor(
    private readonly sdk: BlobSdk,
    private readonly service: BlobServiceClient,
    private readonly container: ContainerClient,
    private readonly auth: Auth,
    readonly location: string,
    private readonly transfer: TransferOptions,
    /** `encryption_scope`: sent with every write, the service encrypts the blob with that scope's key. */
    private readonly scope: { encryptionScope?: string },
  ) {}

  async put(key: string, body: Body, options: PutOptions): Promise<PutResult> {
    const blob = this.container.getBlockBlobClient(key);
    const headers = headersOf(options);
    return this.timed(`upload of ${JSON.stringify(key)}`, async (timeout): Promise<PutResult> => {
      const common = { blobHTTPHeaders: headers, ...metadataOf(options), ...signalOf(timeout), ...progressOf(timeout), ...this.scope };
      const conditions = conditionsOf(options);
      if (conditions && !Buffer.isBuffer(body)) {
        throw new CloudError(`a conditional upload of ${JSON.stringify(key)} needs its body in memory (one request carries the condition)`, { code: 'InvalidArgument' });
      }
      if (Buffer.isBuffer(body) && (conditions || body.length <= this.transfer.multipartThresholdBytes)) {
        // The service refuses with 412 ConditionNotMet (or 409 BlobAlreadyExists) when the blob changed.
        const response = await blob.upload(body, body.length, { ...common, ...(conditions ? { conditions } : {}) });
        // The service returns the MD5 of what it received: a second, independent check.
        if (options.contentMd5 && response.contentMD5 && Buffer.from(response.contentMD5).toString('base64') !== options.contentMd5) {
          throw new IntegrityError(`Azure received other bytes for ${JSON.stringify(key)} than were sent (MD5 differs)`);
        }
        return response.contentMD5 ? { storedMd5: Buffer.from(response.contentMD5).toString('hex') } : {};
      } else if (Buffer.isBuffer(body)) {
        await blob.uploadData(body, { ...common, ...this.blocks() });
      } else {
        await blob.uploadStream(body, this.transfer.partSizeBytes, BLOCK_CONCURRENCY, common);
      }
      await applyLate(blob, headers, options, timeout, this.scope);
      return {};
    });
  }

  /** The SDK's own file upload: it reads the blocks' ranges of the file itself, several at a time. */
  async putFile(key: string, file: string, options: PutOptions): Promise<PutResult> {
    const blob = this.container.getBlockBlobClient(key);
    const headers = headersOf(options);
    return this.timed(`upload of ${JSON.stringify(key)}`, async (timeout): Promise<PutResult> => {
      await blob.uploadFile(file, { blobHTTPHeaders: headers, ...metadataOf(options), ...signalOf(timeout), ...progressOf(timeout), ...this.blocks(), ...this.scope });
      await applyLate(blob, headers, options, timeout, this.scope);
      return {};
    });
  }

  private blocks(): { blockSize: number; maxSingleShotSize: number; concurrency: number } {
    return { blockSize: this.transfer.partSizeBytes, maxSingleShotSize: this.transfer.multipartThresholdBytes, concurrency: BLOCK_CONCURRENCY };
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await this.timed(`download of ${JSON.stringify(key)}`, async (timeout) => {
        // download(), not downloadToBuffer(): only its response carries the blob's Content-Encoding.
        const response = await this.container.getBlobClient(key).download(0, undefined, { ...signalOf(timeout), ...progressOf(timeout) });
        const bytes = await readAll(response.readableStreamBody);
        return decodeStored(bytes, response.contentEncoding, key, this.location);
      });
    } catch (error) {
      if (httpStatusOf(error) === 404) throw new ObjectNotFoundError(key, this.location, error);
      throw error;
    }
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    try {
      const props = await this.timed(`properties of ${JSON.stringify(key)}`, (timeout) => this.container.getBlobClient(key).getProperties(signalOf(timeout)));
      const info: ObjectInfo = { key, size: props.contentLength ?? 0, lastModified: props.lastModified ?? new Date(0) };
      if (props.contentType) info.contentType = props.contentType;
      if (props.contentEncoding) info.contentEncoding = props.contentEncoding;
      if (props.etag) info.etag = props.etag;
      if (props.contentMD5) info.md5 = Buffer.from(props.contentMD5).toString('hex');
      if (props.metadata && Object.keys(props.metadata).length > 0) info.metadata = decodeMetadata(props.metadata);
      return info;
    } catch (error) {
      if (httpStatusOf(error) === 404) return undefined;
      throw error;
    }
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    const timeout = this.transfer.requestTimeoutMs > 0 ? new IdleTimeout(this.transfer.requestTimeoutMs, `listing of ${JSON.stringify(prefix)}`) : undefined;
    const pages = this.container.listBlobsFlat({ prefix, ...signalOf(timeout) }).byPage({ maxPageSize: 1000 });
    const iterator = pages[Symbol.asyncIterator]();
    for (;;) {
      let next: Awaited<ReturnType<typeof iterator.next>>;
      try {
        timeout?.touch();
        next = await iterator.next();
      } catch (error) {
        throw storeResponseError(timeout ? timeout.explain(error) : error, `listing of ${JSON.stringify(prefix)}`, this.location);
      } finally {
        // The consumer may take its time between pages; only requests in flight are timed.
        timeout?.pause();
      }
      if (next.done) return;
      for (const item of next.value.segment.blobItems) {
        const info: ObjectInfo = { key: item.name, size: item.properties.contentLength ?? 0, lastModified: item.properties.lastModified };
        if (item.properties.contentType) info.contentType = item.properties.contentType;
        if (item.properties.contentEncoding) info.contentEncoding = item.properties.contentEncoding;
        if (item.properties.contentMD5) info.md5 = Buffer.from(item.properties.contentMD5).toString('hex');
        yield info;
      }
    }
  }

  async delete(keys: string[]): Promise<void> {
    await pLimit(DELETE_CONCURRENCY).map(keys, (key) =>
      this.timed(`deletion of ${JSON.stringify(key)}`, (timeout) => this.container.getBlobClient(key).deleteIfExists(signalOf(timeout))),
    );
  }

  async signedUrl(key: string, expiresInSeconds: number): Promise<string> {
    if (!(expiresInSeconds > 0)) throw new CloudError(`a signed URL needs a lifetime above 0 s; ${expiresInSeconds} s was asked for`, { code: 'InvalidExpiry' });
    const blob = this.container.getBlobClient(key);
    const expiresOn = new Date(Date.now() + Math.floor(expiresInSeconds) * 1000);
    const permissions = this.sdk.BlobSASPermissions.parse('r');
    if (this.service.credential instanceof this.sdk.StorageSharedKeyCredential) {
      return blob.generateSasUrl({ permissions, expiresOn });
    }
    if (this.auth === 'default-credential') {
      if (expiresInSeconds > MAX_DELEGATION_SECONDS) {
        throw new CloudError(`a user delegation SAS lives at most 7 days (${MAX_DELEGATION_SECONDS} s); ${expiresInSeconds} s was asked for`, { code: 'InvalidExpiry' });
      }
      const startsOn = new Date(Date.now() - 5 * 60_000);
      const key = await this.service.getUserDelegationKey(startsOn, expiresOn);
      return blob.generateUserDelegationSasUrl({ permissions, startsOn, expiresOn }, key);
    }
    throw new CloudError(
      `cannot sign a URL for ${JSON.stringify(key)} in ${this.location}: a SAS token can only be reused, not used to sign new links. ` +
        'Use an account key (connection string with AccountKey, or account name and key) or Azure AD sign-in (DefaultAzureCredential, for a user delegation SAS).',
      { code: 'CannotSign' },
    );
  }

  /** Runs one call under the idle timeout; an error answer of the store is reported as what it said. */
  private async timed<T>(what: string, operation: (timeout: IdleTimeout | undefined) => Promise<T>): Promise<T> {
    try {
      return await withIdleTimeout(this.transfer.requestTimeoutMs, `Azure ${what}`, operation);
    } catch (error) {
      throw storeResponseError(error, what, this.location);
    }
  }
}

function headersOf(options: PutOptions): BlobHTTPHeaders {
  const headers: BlobHTTPHeaders = { blobContentType: options.contentType };
  if (options.contentEncoding) headers.blobContentEncoding = options.contentEncoding;
  // Stored with the blob and, on a single-shot upload, checked by the service against the body.
  if (options.contentMd5) headers.blobContentMD5 = Buffer.from(options.contentMd5, 'base64');
  return headers;
}

function conditionsOf(options: PutOptions): { ifMatch?: string; ifNoneMatch?: string } | undefined {
  if (options.ifMatch !== undefined) return { ifMatch: options.ifMatch };
  if (options.ifNoneMatch !== undefined) return { ifNoneMatch: options.ifNoneMatch };
  return undefined;
}

function metadataOf(options: PutOptions): { metadata?: Record<string, string> } {
  return options.metadata ? { metadata: encodeMetadata(options.metadata) } : {};
}

function progressOf(timeout: IdleTimeout | undefined): { onProgress?: () => void } {
  return timeout ? { onProgress: () => timeout.touch() } : {};
}

/** What is known only once the body went up: headers are replaced as a whole, so the first ones are sent again. */
async function applyLate(blob: BlockBlobClient, headers: BlobHTTPHeaders, options: PutOptions, timeout: IdleTimeout | undefined, scope: { encryptionScope?: string }): Promise<void> {
  const late = await options.late?.();
  if (late?.contentMd5) await blob.setHTTPHeaders({ ...headers, blobContentMD5: Buffer.from(late.contentMd5, 'base64') }, signalOf(timeout));
  // Metadata is encrypted with the blob's scope too: Azure takes the scope on this request as well.
  if (late?.metadata) await blob.setMetadata(encodeMetadata({ ...options.metadata, ...late.metadata }), { ...signalOf(timeout), ...scope });
}

async function readAll(stream: NodeJS.ReadableStream | undefined): Promise<Buffer> {
  if (!stream) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

function signalOf(timeout: IdleTimeout | undefined): { abortSignal?: AbortSignal } {
  return timeout ? { abortSignal: timeout.signal } : {};
}

function encodeMetadata(metadata: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(metadata)) {
    const encoded = name.replace(/-/g, '_');
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(encoded)) {
      throw new CloudError(`metadata name ${JSON.stringify(name)} cannot be stored on Azure (letters, digits, '_' and '-' only)`, { code: 'InvalidMetadata' });
    }
    out[encoded] = value;
  }
  return out;
}

function decodeMetadata(metadata: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(metadata).map(([name, value]) => [name.replace(/_/g, '-'), value]));
}
