import { createHmac, timingSafeEqual } from 'node:crypto';

// Stripe's scheme: the header `Panoptic-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>` over
// "<t>.<raw body>". Signing the time with the body lets a receiver refuse replays of an old delivery;
// a fresh timestamp is signed on every attempt.

export const SIGNATURE_HEADER = 'panoptic-signature';

/** The signature header's value for `body` sent at `time` (seconds since 1970). */
export function signatureHeader(secret: string, body: string, time: number): string {
  const mac = createHmac('sha256', secret).update(`${time}.${body}`).digest('hex');
  return `t=${time},v1=${mac}`;
}

/**
 * Whether `header` signs `body` with `secret` and is at most `toleranceSeconds` old: what a receiver
 * runs on the raw body before parsing it. Exported for receivers written in Node.
 */
export function verifySignature(secret: string, body: string, header: string, toleranceSeconds = 300, now = Date.now() / 1000): boolean {
  const parts = new Map(header.split(',').map((part) => part.split('=', 2) as [string, string]));
  const time = Number(parts.get('t'));
  const given = parts.get('v1');
  if (!Number.isInteger(time) || given === undefined || !/^[0-9a-f]{64}$/.test(given)) return false;
  if (Math.abs(now - time) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${time}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}
