import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';

export interface Digests {
  md5: string;
  sha256: string;
  bytes: number;
}

/** MD5 and SHA-256 (hex) of a buffer. */
export function digestBuffer(data: Buffer): Digests {
  return {
    md5: createHash('md5').update(data).digest('hex'),
    sha256: createHash('sha256').update(data).digest('hex'),
    bytes: data.length,
  };
}

/** MD5 and SHA-256 (hex) of a file, streamed: large artifacts are never read whole. */
export async function digestFile(file: string): Promise<Digests> {
  const md5 = createHash('md5');
  const sha256 = createHash('sha256');
  let bytes = 0;
  await pipeline(
    fs.createReadStream(file),
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        md5.update(chunk);
        sha256.update(chunk);
        bytes += chunk.length;
        callback();
      },
    }),
  );
  return { md5: md5.digest('hex'), sha256: sha256.digest('hex'), bytes };
}

export function hexToBase64(hex: string): string {
  return Buffer.from(hex, 'hex').toString('base64');
}

export function base64ToHex(base64: string): string {
  return Buffer.from(base64, 'base64').toString('hex');
}
