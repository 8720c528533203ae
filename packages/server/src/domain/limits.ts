import type { Queryable } from '../db/database.js';
import type { Context } from './context.js';
import { DomainError } from './errors.js';
import { effectiveLimit } from './licence.js';

// max_users, max_projects and max_api_keys of settings.enterprise, or the licence's when lower. The
// count and the insert that follows run under one transaction-scoped advisory lock per kind, so two
// server processes on one PostgreSQL cannot both take the last place.

const KINDS = {
  users: { table: 'users', lock: 7_261_101 },
  projects: { table: 'projects', lock: 7_261_102 },
  api_keys: { table: 'api_keys', lock: 7_261_103 },
} as const;

/** Refuses (409) one more row of `kind` when the configured limit is reached; call inside the creating transaction. */
export async function enforceLimit(ctx: Context, q: Queryable, kind: keyof typeof KINDS): Promise<void> {
  const { table, lock } = KINDS[kind];
  const { limit, source } = effectiveLimit(ctx.options, kind);
  if (!limit) return;
  await q.query('SELECT pg_advisory_xact_lock($1)', [lock]);
  const [row] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  if ((row?.n ?? 0) >= limit) {
    throw new DomainError(409, `the limit of ${limit} ${kind.replace('_', ' ')} is reached (${source}): delete one or raise the limit`);
  }
}
