import crypto from 'node:crypto';
import { test, expect } from '@playwright/test';
import { LinkTokenError, signLinkToken, verifyLinkToken } from '@panoptic/cloud';

// The HMAC token of links the server serves itself (a local store): it names one key and an expiry,
// and nothing about it can change without the secret.

const secret = crypto.randomBytes(32);
const now = Date.UTC(2026, 11, 6, 12, 0, 0);
const inFiveMinutes = now / 1000 + 300;
const key = 'demo/run-1/all/test-results/shop/home.png';

function problemOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(LinkTokenError);
    return (error as LinkTokenError).problem;
  }
}

/** The token with its three parts changed by `change`. */
function edited(token: string, change: (parts: string[]) => void): string {
  const parts = token.split('.');
  change(parts);
  return parts.join('.');
}

test('a token names its key until it expires, and only the key it was signed for', () => {
  const token = signLinkToken(secret, key, inFiveMinutes);
  expect(verifyLinkToken(secret, token, now)).toEqual({ key, expiresAt: inFiveMinutes });
  expect(verifyLinkToken(secret, token, inFiveMinutes * 1000 - 1).key).toBe(key);
  expect(problemOf(() => verifyLinkToken(secret, token, inFiveMinutes * 1000))).toBe('expired');
  // Keys that are not safe still round-trip: refusing them is the store's job, after the signature.
  expect(verifyLinkToken(secret, signLinkToken(secret, '../../etc/passwd', inFiveMinutes), now).key).toBe('../../etc/passwd');
});

test('changing the key, the expiry or the signature, or another secret, is refused as tampered', () => {
  const token = signLinkToken(secret, key, inFiveMinutes);
  const otherKey = edited(token, (parts) => (parts[0] = Buffer.from('demo/run-1/all/summary.json').toString('base64url')));
  const later = edited(token, (parts) => (parts[1] = String(inFiveMinutes + 86_400)));
  const flipped = edited(token, (parts) => (parts[2] = `${parts[2]![0] === 'A' ? 'B' : 'A'}${parts[2]!.slice(1)}`));
  for (const changed of [otherKey, later, flipped]) expect(problemOf(() => verifyLinkToken(secret, changed, now))).toBe('tampered');
  expect(problemOf(() => verifyLinkToken(crypto.randomBytes(32), token, now))).toBe('tampered');
  // A forged expiry in the past is still a forgery: the MAC is checked before the expiry.
  expect(problemOf(() => verifyLinkToken(secret, edited(token, (parts) => (parts[1] = '1')), now))).toBe('tampered');
});

test('anything but a token is malformed, and weak secrets or bad expiries are refused when signing', () => {
  const token = signLinkToken(secret, key, inFiveMinutes);
  for (const bad of ['', 'x', `${token}.x`, token.replace(/\./g, '/'), edited(token, (parts) => (parts[1] = '-5')), edited(token, (parts) => (parts[2] = parts[2]!.slice(1)))]) {
    expect(problemOf(() => verifyLinkToken(secret, bad, now)), bad).toBe('malformed');
  }
  expect(() => signLinkToken(crypto.randomBytes(16), key, inFiveMinutes)).toThrow(/at least 32 bytes/);
  expect(() => signLinkToken(secret, key, 1.5)).toThrow(/whole seconds/);
});
