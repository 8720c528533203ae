import { createHmac, timingSafeEqual } from 'node:crypto';

// A short-lived link to one stored object, for stores that cannot sign links themselves: a local
// folder (no access control of its own) and a client-side encrypted store (its own links would
// serve ciphertext). The server that holds the store answers the link; the token names the key and
// when the link dies, and an HMAC over both with the server's secret makes either unchangeable.
// S3's presigned GET and Azure's SAS are the same idea, signed by the store.

/** The signed text starts with this, so a token can never be a valid HMAC of some other message. */
const PURPOSE = 'panoptic-artifact-link-v1';
const TOKEN = /^([A-Za-z0-9_-]+)\.([0-9]{1,12})\.([A-Za-z0-9_-]{43})$/;

export type LinkTokenProblem = 'malformed' | 'tampered' | 'expired';

/** Why a link token was refused; `problem` says which check failed. */
export class LinkTokenError extends Error {
  constructor(
    readonly problem: LinkTokenProblem,
    message: string,
  ) {
    super(message);
    this.name = 'LinkTokenError';
  }
}

function mac(secret: Buffer, key: string, expiresAt: number): Buffer {
  return createHmac('sha256', secret).update(`${PURPOSE}\n${expiresAt}\n${key}`).digest();
}

/** A token for `key` that verifies until `expiresAt` (seconds since the epoch). The secret must be at least 32 bytes. */
export function signLinkToken(secret: Buffer, key: string, expiresAt: number): string {
  if (secret.length < 32) throw new RangeError(`a link secret needs at least 32 bytes; this one has ${secret.length}`);
  if (!Number.isSafeInteger(expiresAt) || expiresAt < 0) throw new RangeError(`a link's expiry is whole seconds since the epoch; got ${expiresAt}`);
  return `${Buffer.from(key).toString('base64url')}.${expiresAt}.${mac(secret, key, expiresAt).toString('base64url')}`;
}

/**
 * The key a token names, once its HMAC matches and it has not expired at `now` (milliseconds);
 * throws `LinkTokenError` otherwise. The MAC is compared in constant time, before the expiry is
 * looked at, so an attacker learns nothing from which answer comes back.
 */
export function verifyLinkToken(secret: Buffer, token: string, now: number = Date.now()): { key: string; expiresAt: number } {
  const parts = TOKEN.exec(token);
  if (!parts) throw new LinkTokenError('malformed', 'not an artifact link token');
  const key = Buffer.from(parts[1]!, 'base64url').toString();
  const expiresAt = Number(parts[2]);
  const given = Buffer.from(parts[3]!, 'base64url');
  if (!timingSafeEqual(given, mac(secret, key, expiresAt))) throw new LinkTokenError('tampered', 'the link was not signed by this server, or was changed');
  if (expiresAt * 1000 <= now) throw new LinkTokenError('expired', `the link expired at ${new Date(expiresAt * 1000).toISOString()}`);
  return { key, expiresAt };
}
