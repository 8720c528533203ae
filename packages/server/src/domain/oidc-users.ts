import type { Queryable } from '../db/database.js';
import type { Context } from './context.js';
import { audit, type Actor } from './audit.js';
import { DomainError } from './errors.js';
import { enforceLimit } from './limits.js';
import type { Identity } from './oidc-client.js';

export interface SignedInAccount {
  id: number;
  username: string;
  active: boolean;
}

/**
 * The user an identity signs in as: found by issuer and subject, never by e-mail or name (someone
 * who picks a local user's e-mail at the provider must not become that user). A first sign-in
 * provisions a user with default_role and no password; the e-mail and names are display fields,
 * refreshed at each sign-in.
 */
export async function findOrProvision(ctx: Context, q: Queryable, identity: Identity, ip: string | undefined): Promise<SignedInAccount> {
  const [known] = await q.query<SignedInAccount>('SELECT id, username, active FROM users WHERE oidc_issuer = $1 AND oidc_subject = $2', [identity.issuer, identity.subject]);
  if (known) {
    if (known.active) {
      await q.query('UPDATE users SET email = coalesce($2, email), first_name = coalesce($3, first_name), last_name = coalesce($4, last_name) WHERE id = $1', [
        known.id,
        identity.email ?? null,
        identity.given_name ?? null,
        identity.family_name ?? null,
      ]);
    }
    return known;
  }
  const [org] = await q.query<{ id: number }>('SELECT id FROM organizations ORDER BY id LIMIT 1');
  if (!org) throw new DomainError(409, 'the server has no organisation yet: run `panoptic server init` first');
  await enforceLimit(ctx, q, 'users');
  const username = await freeUsername(q, identity);
  const role = ctx.options.default_role;
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO users (organization_id, username, email, first_name, last_name, role, password_hash, oidc_issuer, oidc_subject)
     VALUES ($1, $2, $3, $4, $5, $6, '', $7, $8) RETURNING id`,
    [org.id, username, identity.email ?? null, identity.given_name ?? null, identity.family_name ?? null, role, identity.issuer, identity.subject],
  );
  const actor: Actor = { id: row!.id, name: username, ip };
  await audit(q, actor, { action: 'user.created', target_type: 'user', target_id: row!.id, details: { username, role, provisioned_by: 'oidc', issuer: identity.issuer } });
  return { id: row!.id, username, active: true };
}

/**
 * A username no one has: the provider's preferred_username, else the e-mail, else the subject, with
 * a number added while taken. An empty password hash matches no password, so it cannot be used to
 * sign in with a password.
 */
async function freeUsername(q: Queryable, identity: Identity): Promise<string> {
  // The characters a username may have anywhere else (the users API's pattern); others become '-'.
  const base = (identity.preferred_username ?? identity.email ?? `oidc-${identity.subject}`).replace(/[^A-Za-z0-9._@-]/g, '-').slice(0, 100);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    const [taken] = await q.query('SELECT 1 FROM users WHERE username = $1', [candidate]);
    if (!taken) return candidate;
  }
}
