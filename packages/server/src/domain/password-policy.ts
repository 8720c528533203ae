import crypto from 'node:crypto';
import type { PasswordPolicy } from '../options.js';

/** Every rule of the policy that `password` breaks, each as a sentence that names the rule. */
export function policyViolations(password: string, policy: PasswordPolicy): string[] {
  const problems: string[] = [];
  if ([...password].length < policy.min_length) problems.push(`password must be at least ${policy.min_length} characters long (min_length)`);
  if (policy.require_uppercase && !/\p{Lu}/u.test(password)) problems.push('password must contain an uppercase letter (require_uppercase)');
  if (policy.require_lowercase && !/\p{Ll}/u.test(password)) problems.push('password must contain a lowercase letter (require_lowercase)');
  if (policy.require_numbers && !/\p{Nd}/u.test(password)) problems.push('password must contain a digit (require_numbers)');
  if (policy.require_symbols && !/[^\p{L}\p{Nd}\s]/u.test(password)) problems.push('password must contain a symbol such as !#%&*+-=?@ (require_symbols)');
  return problems;
}

/** True when a password set at `changedAt` is older than `max_age_days` allows (0: never). */
export function passwordExpired(changedAt: Date, policy: PasswordPolicy, now = new Date()): boolean {
  return policy.max_age_days > 0 && now.getTime() - changedAt.getTime() > policy.max_age_days * 86_400_000;
}

const CLASSES = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '!#%+-=?@'];

/** A random password that meets the policy: at least 20 characters, one of each class. */
export function generatePassword(policy: PasswordPolicy): string {
  const length = Math.max(20, policy.min_length);
  const alphabet = CLASSES.join('');
  const chars = CLASSES.map((set) => set[crypto.randomInt(set.length)]!);
  while (chars.length < length) chars.push(alphabet[crypto.randomInt(alphabet.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
