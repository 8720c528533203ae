import { test, expect } from '@playwright/test';
import { resolveServerOptions } from '@panoptic/server';
import { hashPassword, verifyPassword } from '../../../packages/server/dist/domain/password-hash.js';
import { generatePassword, passwordExpired, policyViolations } from '../../../packages/server/dist/domain/password-policy.js';

const policy = resolveServerOptions().password_policy;

test('the default policy: 12 characters, upper, lower and digit; each broken rule named', () => {
  expect(policy).toEqual({ min_length: 12, require_uppercase: true, require_lowercase: true, require_numbers: true, require_symbols: false, max_age_days: 0, max_history: 5 });
  expect(policyViolations('Abcdefghijk1', policy)).toEqual([]);
  expect(policyViolations('abc', policy)).toEqual([
    'password must be at least 12 characters long (min_length)',
    'password must contain an uppercase letter (require_uppercase)',
    'password must contain a digit (require_numbers)',
  ]);
  expect(policyViolations('Abcdefghijk1', { ...policy, require_symbols: true })).toEqual(['password must contain a symbol such as !#%&*+-=?@ (require_symbols)']);
  // Characters, not UTF-16 units: an emoji is one character.
  expect(policyViolations('Ab1😀😀😀😀😀😀😀😀', policy)).toEqual(['password must be at least 12 characters long (min_length)']);
});

test('generated passwords meet the strictest policy and differ', () => {
  const strict = { ...policy, min_length: 24, require_symbols: true };
  const passwords = Array.from({ length: 50 }, () => generatePassword(strict));
  for (const password of passwords) expect(policyViolations(password, strict)).toEqual([]);
  expect(new Set(passwords).size).toBe(50);
});

test('max_age_days: 0 never expires; otherwise a password older than that many days has', () => {
  const now = new Date('2026-06-30T00:00:00Z');
  const old = new Date('2026-05-30T00:00:00Z');
  expect(passwordExpired(old, policy, now)).toBe(false);
  expect(passwordExpired(old, { ...policy, max_age_days: 30 }, now)).toBe(true);
  expect(passwordExpired(old, { ...policy, max_age_days: 31 }, now)).toBe(false);
});

test('scrypt hashes carry their parameters and a salt of their own, and verify only the right password', async () => {
  const [a, b] = await Promise.all([hashPassword('Correct-horse-1', 14), hashPassword('Correct-horse-1', 14)]);
  expect(a).toMatch(/^scrypt\$14\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
  expect(a).not.toBe(b);
  expect(await verifyPassword('Correct-horse-1', a)).toBe(true);
  expect(await verifyPassword('correct-horse-1', a)).toBe(false);
  expect(await verifyPassword('Correct-horse-1', 'plain-text')).toBe(false);
});
