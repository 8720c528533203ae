import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { CloudError } from './errors.js';

const gunzip = promisify(zlib.gunzip);

/**
 * The content of a stored object from its bytes as stored and its Content-Encoding. Providers call
 * this in `get`, so that every reader (history, summaries, plans) gets what was uploaded, whether or
 * not `compression` was on when it went up.
 */
export async function decodeStored(bytes: Buffer, contentEncoding: string | undefined, key: string, location: string): Promise<Buffer> {
  const encoding = contentEncoding?.trim().toLowerCase() ?? '';
  if (encoding === '' || encoding === 'identity') return bytes;
  if (encoding !== 'gzip' && encoding !== 'x-gzip') {
    throw new CloudError(
      `${JSON.stringify(key)} in ${location} is stored with Content-Encoding "${contentEncoding}", which Panoptic cannot decode (it writes gzip only); upload it again without that encoding`,
      { code: 'UnsupportedContentEncoding' },
    );
  }
  try {
    return await gunzip(bytes);
  } catch (error) {
    throw new CloudError(`${JSON.stringify(key)} in ${location} says Content-Encoding: gzip but is not valid gzip (${(error as Error).message}); upload it again`, {
      code: 'CorruptContent',
      cause: error,
    });
  }
}
