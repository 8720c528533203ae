import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Transform, Writable } from 'node:stream';

export interface Digests {
  /** Absent when it was not asked for. */
  md5?: string;
  sha256: string;
  bytes: number;
}

/** Large files are read in 1 MiB chunks: a sixteenth of the per-chunk work of the 64 KiB default. */
export const READ_CHUNK_BYTES = 1024 * 1024;

/** SHA-256 (hex) of a buffer. */
export function sha256Hex(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** MD5 (hex) of a buffer. */
export function md5Hex(data: Buffer): string {
  return createHash('md5').update(data).digest('hex');
}

/**
 * A pass-through stream that hashes and counts what flows through it; `digests()` is complete once
 * the stream has ended. `md5: false` skips MD5 where only the SHA-256 is wanted (it costs twice as much).
 */
export function digestingStream(options: { md5?: boolean } = {}): { stream: Transform; digests: () => Digests } {
  const md5 = options.md5 === false ? undefined : createHash('md5');
  const sha256 = createHash('sha256');
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      md5?.update(chunk);
      sha256.update(chunk);
      bytes += chunk.length;
      callback(null, chunk);
    },
  });
  let done: Digests | undefined;
  const digests = (): Digests => (done ??= { ...(md5 ? { md5: md5.digest('hex') } : {}), sha256: sha256.digest('hex'), bytes });
  return { stream, digests };
}

/** A pass-through stream that counts what flows through it. */
export function countingStream(): { stream: Transform; bytes: () => number } {
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      callback(null, chunk);
    },
  });
  return { stream, bytes: () => bytes };
}

/** MD5 (unless `md5: false`) and SHA-256 (hex) of a file, streamed: large artifacts are never read whole. */
export async function digestFile(file: string, options: { md5?: boolean } = {}): Promise<Digests> {
  const { stream, digests } = digestingStream(options);
  await pipeline(fs.createReadStream(file, { highWaterMark: READ_CHUNK_BYTES }), stream, new Writable({ write: (_chunk, _encoding, callback) => callback() }));
  return digests();
}

export function hexToBase64(hex: string): string {
  return Buffer.from(hex, 'hex').toString('base64');
}

export function base64ToHex(base64: string): string {
  return Buffer.from(base64, 'base64').toString('hex');
}
