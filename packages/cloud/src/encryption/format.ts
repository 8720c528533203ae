import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Transform } from 'node:stream';
import { decodeStored } from '../content-encoding.js';
import { CloudError } from '../errors.js';
import type { EncryptionKey } from './key.js';

// An encrypted object is a header, the AES-256-GCM ciphertext (as long as the content) and the
// 16-byte tag. The header is authenticated with the content (GCM's additional data), so no bit of
// it can be changed unnoticed either:
//
//   0..7   magic "PNPTCENC"     12..19 id of the key that sealed it (see EncryptionKey)
//   8      format version (1)   20..31 IV, random per object
//   9      flags: 1 = the content is gzip (compression), to be gunzipped after decryption
//   10..11 reserved, 0

const MAGIC = Buffer.from('PNPTCENC', 'latin1');
const VERSION = 1;
const FLAG_GZIP = 1;
const HEADER_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Bytes an encrypted object has beyond its content. */
export const ENCRYPTION_OVERHEAD = HEADER_BYTES + TAG_BYTES;
/** What the store's metadata says of an encrypted object (its content type is ENCRYPTED_CONTENT_TYPE). */
export const ENCRYPTION_NAME = 'aes-256-gcm';
export { ENCRYPTED_CONTENT_TYPE } from '@panoptic/model/cloud-settings';

function header(key: EncryptionKey, gzip: boolean): { header: Buffer; iv: Buffer } {
  const iv = randomBytes(IV_BYTES);
  const out = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(out, 0);
  out[8] = VERSION;
  out[9] = gzip ? FLAG_GZIP : 0;
  key.id.copy(out, 12);
  iv.copy(out, 20);
  return { header: out, iv };
}

function cipherFor(key: EncryptionKey, gzip: boolean) {
  const { header: head, iv } = header(key, gzip);
  const cipher = createCipheriv('aes-256-gcm', key.bytes, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(head);
  return { head, cipher };
}

/** `content` sealed with `key`; `gzip` records that the content is gzipped. */
export function encryptBuffer(key: EncryptionKey, content: Buffer, gzip = false): Buffer {
  const { head, cipher } = cipherFor(key, gzip);
  return Buffer.concat([head, cipher.update(content), cipher.final(), cipher.getAuthTag()]);
}

/** A stream that turns what is written into it into an encrypted object, never holding it whole. */
export function encryptingStream(key: EncryptionKey, gzip = false): Transform {
  const { head, cipher } = cipherFor(key, gzip);
  let started = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      const sealed = cipher.update(chunk);
      callback(null, started ? sealed : Buffer.concat([head, sealed]));
      started = true;
    },
    flush(callback) {
      callback(null, Buffer.concat([started ? Buffer.alloc(0) : head, cipher.final(), cipher.getAuthTag()]));
    },
  });
}

/** Whether `bytes` start like an encrypted object (they may still be damaged). */
export function isEncrypted(bytes: Buffer): boolean {
  return bytes.length >= MAGIC.length && bytes.subarray(0, MAGIC.length).equals(MAGIC);
}

/** Why an object cannot be decrypted: a wrong key, damage, or a format this Panoptic does not read. */
export class DecryptionError extends CloudError {
  constructor(message: string) {
    super(message, { code: 'DecryptionFailed' });
    this.name = 'DecryptionError';
  }
}

/**
 * The content of an encrypted object, checked: a wrong key, a changed or truncated object, or an
 * unknown format version is an error that says which, never garbage. `gzip` says whether the
 * content is gzipped (it was compressed before it was encrypted).
 */
export function decryptObject(key: EncryptionKey, bytes: Buffer, what: string): { content: Buffer; gzip: boolean } {
  if (!isEncrypted(bytes)) throw new DecryptionError(`${what} is not encrypted by Panoptic (it does not start with its header)`);
  if (bytes.length < ENCRYPTION_OVERHEAD) throw new DecryptionError(`${what} is truncated: ${bytes.length} bytes, fewer than an encrypted object's header and tag`);
  const head = bytes.subarray(0, HEADER_BYTES);
  if (head[8] !== VERSION) throw new DecryptionError(`${what} is encrypted in format version ${head[8]}; this Panoptic reads version ${VERSION}: upgrade it`);
  const id = head.subarray(12, 20);
  if (!id.equals(key.id)) {
    throw new DecryptionError(
      `${what} was encrypted with another key (key id ${id.toString('hex')}); the key in ${key.source} has id ${key.id.toString('hex')}: set ${key.source} to the key it was stored with`,
    );
  }
  const decipher = createDecipheriv('aes-256-gcm', key.bytes, head.subarray(20, 32), { authTagLength: TAG_BYTES });
  decipher.setAAD(head);
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  try {
    const content = Buffer.concat([decipher.update(bytes.subarray(HEADER_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
    return { content, gzip: (head[9]! & FLAG_GZIP) !== 0 };
  } catch {
    throw new DecryptionError(`${what} fails its authentication check: it was changed or truncated after it was stored (or sealed with a key of the same id); nothing of it is used`);
  }
}

/** The content of the encrypted object stored under `key`: decrypted, then gunzipped when it was compressed. */
export async function decryptStored(key: EncryptionKey, bytes: Buffer, objectKey: string, location: string): Promise<Buffer> {
  const { content, gzip } = decryptObject(key, bytes, `${JSON.stringify(objectKey)} in ${location}`);
  return gzip ? decodeStored(content, 'gzip', objectKey, location) : content;
}
