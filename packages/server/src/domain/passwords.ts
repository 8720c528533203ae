import type { Queryable } from '../db/database.js';
import type { Context } from './context.js';
import { DomainError } from './errors.js';
import { hashPassword, verifyPassword } from './password-hash.js';
import { policyViolations } from './password-policy.js';

/** Sets a user's password after checking the policy and the user's last `max_history` passwords. */
export async function setPassword(ctx: Context, q: Queryable, userId: number, password: string): Promise<void> {
  const policy = ctx.options.password_policy;
  const problems = policyViolations(password, policy);
  if (problems.length > 0) throw new DomainError(400, `the password does not meet the password policy: ${problems.join('; ')}`, problems);
  if (policy.max_history > 0) {
    const earlier = await q.query<{ password_hash: string }>('SELECT password_hash FROM password_history WHERE user_id = $1 ORDER BY id DESC LIMIT $2', [userId, policy.max_history]);
    for (const { password_hash } of earlier) {
      if (await verifyPassword(password, password_hash)) {
        throw new DomainError(400, `the password was used before: it must differ from the last ${policy.max_history} passwords (max_history)`);
      }
    }
  }
  const hash = await hashPassword(password, ctx.options.scrypt_cost);
  await q.query('UPDATE users SET password_hash = $2, password_changed_at = now(), updated_at = now() WHERE id = $1', [userId, hash]);
  await q.query('INSERT INTO password_history (user_id, password_hash) VALUES ($1, $2)', [userId, hash]);
  // Older hashes than the policy looks at are kept no longer than needed.
  await q.query(
    'DELETE FROM password_history WHERE user_id = $1 AND id NOT IN (SELECT id FROM password_history WHERE user_id = $1 ORDER BY id DESC LIMIT $2)',
    [userId, Math.max(policy.max_history, 1)],
  );
}

export async function checkCurrentPassword(q: Queryable, userId: number, password: string): Promise<void> {
  const [row] = await q.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [userId]);
  if (!row || !(await verifyPassword(password, row.password_hash))) throw new DomainError(403, 'current_password is wrong');
}
