import { pipeline, type Readable } from 'node:stream';
import { digestingStream, hexToBase64, base64ToHex, md5Hex } from '../digest.js';
import { IntegrityError } from '../errors.js';
import type { Body, LateProperties, ObjectInfo, PutOptions, PutResult, StorageProvider } from '../provider.js';
import { ENCRYPTED_CONTENT_TYPE, ENCRYPTION_NAME, ENCRYPTION_OVERHEAD, decryptStored, encryptBuffer, encryptingStream, isEncrypted } from './format.js';
import type { EncryptionKey } from './key.js';

/** Metadata of an encrypted object: the algorithm, and the content type it had before. */
export const ENCRYPTION_METADATA = 'panoptic-encryption';
const CONTENT_TYPE_METADATA = 'panoptic-content-type';

/**
 * A store whose every write is encrypted here first (AES-256-GCM, see format.ts) and whose reads
 * are decrypted: every writer (uploads, sync manifests, run markers, history) goes through `put`,
 * and there is no `putFile`, so no path sends a file's bytes as they are.
 *
 * Gzip (`compression`) is applied before encryption and recorded inside the sealed header, never
 * as the object's Content-Encoding, which would make clients try to gunzip ciphertext.
 *
 * The store verifies the ciphertext: the MD5 sent is the ciphertext's, and the store's answer (or a
 * `head`) must match it. `put` then answers with the MD5 the caller sent for its content, so the
 * caller knows its bytes are stored without reading them back. `head` describes the content (its
 * size and type), with no MD5, since the store only knows the ciphertext's.
 *
 * Objects written in clear before encryption was turned on are read as they are.
 */
export function encryptingProvider(inner: StorageProvider, key: EncryptionKey): StorageProvider {
  return new EncryptingProvider(inner, key);
}

class EncryptingProvider implements StorageProvider {
  readonly name: StorageProvider['name'];
  readonly location: string;
  readonly acceptsLateProperties: boolean;

  constructor(
    private readonly inner: StorageProvider,
    private readonly key: EncryptionKey,
  ) {
    this.name = inner.name;
    this.location = inner.location;
    this.acceptsLateProperties = inner.acceptsLateProperties;
  }

  async put(key: string, body: Body, options: PutOptions): Promise<PutResult> {
    const gzip = options.contentEncoding?.toLowerCase() === 'gzip';
    const sealed: PutOptions = {
      contentType: ENCRYPTED_CONTENT_TYPE,
      metadata: { ...options.metadata, [ENCRYPTION_METADATA]: ENCRYPTION_NAME, [CONTENT_TYPE_METADATA]: options.contentType },
      ...(options.ifMatch !== undefined ? { ifMatch: options.ifMatch } : {}),
      ...(options.ifNoneMatch !== undefined ? { ifNoneMatch: options.ifNoneMatch } : {}),
    };
    if (Buffer.isBuffer(body)) {
      const cipher = encryptBuffer(this.key, body, gzip);
      const md5 = md5Hex(cipher);
      const stored = await this.inner.put(key, cipher, { ...sealed, size: cipher.length, contentMd5: hexToBase64(md5) });
      if (stored.storedMd5 !== md5) await this.verify(key, cipher.length, md5);
      return options.contentMd5 ? { storedMd5: base64ToHex(options.contentMd5) } : {};
    }
    return this.putStream(key, body, options, sealed, gzip);
  }

  private async putStream(key: string, body: Readable, options: PutOptions, sealed: PutOptions, gzip: boolean): Promise<PutResult> {
    const hashing = digestingStream();
    // pipeline() destroys every stage when one fails, so the store's upload sees a read error too.
    const stream = pipeline(body, encryptingStream(this.key, gzip), hashing.stream, () => undefined);
    if (options.size !== undefined) sealed.size = options.size + ENCRYPTION_OVERHEAD;
    if (this.inner.acceptsLateProperties) {
      const late = options.late;
      // The caller's hashes are of its content; the store checks the ciphertext's MD5.
      sealed.late = async (): Promise<LateProperties> => {
        const given = late ? await late() : undefined;
        return { ...(given?.metadata ? { metadata: given.metadata } : {}), contentMd5: hexToBase64(hashing.digests().md5!) };
      };
    }
    await this.inner.put(key, stream, sealed);
    const { bytes, md5 } = hashing.digests();
    await this.verify(key, bytes, md5);
    return {};
  }

  /** The store holds the ciphertext sent: its size, and its MD5 where the store reports one. */
  private async verify(key: string, size: number, md5: string | undefined): Promise<void> {
    const info = await this.inner.head(key);
    if (!info) throw new IntegrityError(`${JSON.stringify(key)} is not in the store after its upload`);
    if (info.size !== size) throw new IntegrityError(`the store holds ${info.size} bytes for ${JSON.stringify(key)}, ${size} encrypted bytes were sent`);
    if (md5 && info.md5 && info.md5 !== md5) throw new IntegrityError(`the store's MD5 for ${JSON.stringify(key)} is ${info.md5}, the encrypted bytes sent have ${md5}`);
  }

  async get(key: string): Promise<Buffer> {
    const bytes = await this.inner.get(key);
    return isEncrypted(bytes) ? decryptStored(this.key, bytes, key, this.location) : bytes;
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    const info = await this.inner.head(key);
    if (!info?.metadata?.[ENCRYPTION_METADATA]) return info;
    const { [CONTENT_TYPE_METADATA]: contentType, ...metadata } = info.metadata;
    const { md5: _ciphertextMd5, ...rest } = info;
    return { ...rest, size: Math.max(0, info.size - ENCRYPTION_OVERHEAD), metadata, ...(contentType ? { contentType } : {}) };
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    // Sizes stay the stored ones (what retention counts); MD5s would be the ciphertext's.
    for await (const { md5: _ciphertextMd5, ...info } of this.inner.list(prefix)) yield info;
  }

  delete(keys: string[]): Promise<void> {
    return this.inner.delete(keys);
  }

  /** A link to the ciphertext: whoever opens it needs `panoptic download --decrypt` and the key. */
  signedUrl(key: string, expiresInSeconds: number): Promise<string> {
    return this.inner.signedUrl(key, expiresInSeconds);
  }
}
