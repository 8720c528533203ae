import crypto from 'node:crypto';

// scrypt from node:crypto: memory-hard and without a native build. The parameters travel with each
// hash ("scrypt$<log2 N>$<r>$<p>$<salt>$<key>"), so a later change of cost keeps old hashes valid.

const KEY_LENGTH = 32;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;

function derive(password: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
  const N = 2 ** logN;
  // Node refuses scrypt above 32 MiB unless told the memory it may use (128 * N * r bytes, and some).
  const maxmem = 256 * N * r;
  return new Promise((resolve, reject) => {
    crypto.scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { N, r, p, maxmem }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string, logN: number): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await derive(password, salt, logN, BLOCK_SIZE, PARALLELISM);
  return ['scrypt', logN, BLOCK_SIZE, PARALLELISM, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** True when `password` matches `stored`; the comparison takes the same time wherever they differ. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, logN, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !logN || !r || !p || salt === undefined || key === undefined) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), Number(logN), Number(r), Number(p));
  return actual.length === expected.length && crypto.timingSafeEqual(actual, expected);
}

let dummy: { logN: number; hash: Promise<string> } | undefined;

/**
 * A hash of no one's password at the current cost: a login for a user that does not exist verifies
 * against it, so it takes as long as one for a user that does.
 */
export function dummyHash(logN: number): Promise<string> {
  if (dummy?.logN !== logN) dummy = { logN, hash: hashPassword(crypto.randomBytes(16).toString('hex'), logN) };
  return dummy.hash;
}
