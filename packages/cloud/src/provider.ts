import type { Readable } from 'node:stream';

/** What a stored object is, as the store reports it. */
export interface ObjectInfo {
  key: string;
  size: number;
  lastModified: Date;
  contentType?: string;
  contentEncoding?: string;
  /** Hex MD5 of the stored bytes when the store reports one Panoptic can compare (not a multipart ETag). */
  md5?: string;
  /** User metadata stored with the object (Panoptic keeps the sha256 of the content there). */
  metadata?: Record<string, string>;
  /** The store's version tag of the object (ETag), from `head`: what `PutOptions.ifMatch` compares. */
  etag?: string;
}

export interface PutOptions {
  contentType: string;
  contentEncoding?: string;
  /** Size in bytes of `body`, when known: lets providers choose single-shot or multipart/block upload. */
  size?: number;
  /** Base64 MD5 of `body`, sent so that the service verifies the bytes it receives. */
  contentMd5?: string;
  metadata?: Record<string, string>;
  /**
   * Only for stores with `acceptsLateProperties`: called once `body` has been read to its end, its
   * answer is added to the object (metadata merged over `metadata`). Lets a streamed upload hash the
   * bytes as they go instead of reading the file twice.
   */
  late?: () => Promise<LateProperties>;
  /**
   * Conditional write: store only if the object's ETag is still this one (`head().etag`), else fail
   * with a `PreconditionFailedError`-like error (HTTP 412; see `isPreconditionFailure`). With a
   * condition the body must be a Buffer: it goes up in one request, which the condition guards.
   */
  ifMatch?: string;
  /** Conditional write: `'*'` stores only if no object exists under the key yet. */
  ifNoneMatch?: '*';
}

/** What is known of a streamed body only once it has been read. */
export interface LateProperties {
  metadata?: Record<string, string>;
  /** Base64 MD5 of the body as sent, kept as the object's Content-MD5. */
  contentMd5?: string;
}

export type Body = Buffer | Readable;

/** What the store said about an object it just stored. */
export interface PutResult {
  /**
   * Hex MD5 of the bytes the store received, from its own response (S3's ETag of a single PUT,
   * Azure's Content-MD5). When it equals the sender's, no read-back is needed to verify the upload.
   */
  storedMd5?: string;
}

/**
 * One interface over every store. Keys are `/`-separated, relative, validated by `assertSafeKey`
 * before any provider sees them. Every method throws on failure; retrying is the uploader's job.
 */
export interface StorageProvider {
  readonly name: 'local' | 's3' | 'azure';
  /** A human description of where objects go (bucket/container and endpoint), never with secrets. */
  readonly location: string;
  /**
   * Whether metadata and Content-MD5 can be set after the body went up (`PutOptions.late`). S3 fixes
   * them when the upload starts, so the uploader hashes a large file before sending it there.
   */
  readonly acceptsLateProperties: boolean;
  /**
   * Stores every file the uploader writes here is copied to as well (`backup_locations`), each
   * verified like the primary's copy; a failed copy is reported and never fails the primary's.
   */
  readonly backups?: readonly StorageProvider[];
  /** Stores `body` under `key`, replacing what was there. Large or unsized bodies go up in parts. */
  put(key: string, body: Body, options: PutOptions): Promise<PutResult>;
  /**
   * Optional: stores a file's bytes as they are through the SDK's own file upload, which reads the
   * parts' ranges of the file itself, several at a time (faster than one stream through `put`).
   */
  putFile?(key: string, file: string, options: PutOptions): Promise<PutResult>;
  /**
   * The content as uploaded: bytes stored with `Content-Encoding: gzip` (the uploader's `compression`)
   * come back decompressed, so no reader needs to know how it was stored. Throws
   * `ObjectNotFoundError` (code `NotFound`) when missing.
   */
  get(key: string): Promise<Buffer>;
  /** `undefined` when there is no such object. */
  head(key: string): Promise<ObjectInfo | undefined>;
  /** Every object whose key starts with `prefix` (a plain string prefix, as S3 has it). S3 and Azure list in key order; a folder does not promise one. */
  list(prefix: string): AsyncIterable<ObjectInfo>;
  /** Deletes the objects; keys that do not exist are not an error. */
  delete(keys: string[]): Promise<void>;
  /** A URL that reads the object until `expiresInSeconds` from now (local: a file:// URL). */
  signedUrl(key: string, expiresInSeconds: number): Promise<string>;
}
