import { createHmac } from 'node:crypto';
import { inspect } from 'node:util';
import { CloudConfigError } from '../errors.js';

const KEY_BYTES = 32;

/**
 * The client-side key, read from the environment only. It never prints: `toJSON` and `inspect` show
 * the variable's name and the key's id, so options that hold it can be logged.
 */
export class EncryptionKey {
  /** 8 bytes that tell keys apart without revealing them: a stored object names the key that sealed it. */
  readonly id: Buffer;

  constructor(
    readonly bytes: Buffer,
    /** The environment variable it came from, named in errors. */
    readonly source: string,
  ) {
    this.id = createHmac('sha256', bytes).update('panoptic key id').digest().subarray(0, 8);
  }

  toJSON(): { source: string; id: string } {
    return { source: this.source, id: this.id.toString('hex') };
  }

  [inspect.custom](): string {
    return `EncryptionKey(${this.source}, id ${this.id.toString('hex')})`;
  }
}

/**
 * The key in the environment variable `name`: 32 bytes as 64 hex digits or as base64 (standard or
 * URL-safe). Errors say what is wrong without quoting the value.
 */
export function readEncryptionKey(env: Record<string, string | undefined>, name: string): EncryptionKey {
  const value = env[name]?.trim();
  const how = `32 random bytes as base64 or 64 hex digits (for example the output of \`openssl rand -base64 32\`)`;
  if (!value) throw new CloudConfigError(`client-side encryption needs its key in the environment variable ${name}, which is not set: set it to ${how}`);
  if (/^[0-9a-fA-F]{64}$/.test(value)) return new EncryptionKey(Buffer.from(value, 'hex'), name);
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) {
    const bytes = Buffer.from(value, 'base64');
    if (bytes.length === KEY_BYTES) return new EncryptionKey(bytes, name);
  }
  throw new CloudConfigError(`the environment variable ${name} does not hold a usable key (${value.length} characters): it must be ${how}`);
}
