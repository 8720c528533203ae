import type { Queryable } from '../db/database.js';
import { newEventId, queueEventsSql } from './webhook-events.js';

/** Who did something and from where; `id` is null for the system (e.g. `panoptic server init`). */
export interface Actor {
  id: number | null;
  name: string;
  ip?: string | undefined;
}

export type AuditAction =
  | 'backup.created'
  | 'backup.restored'
  | 'organization.created'
  | 'auth.login'
  | 'auth.login_failed'
  | 'auth.locked'
  | 'auth.logout'
  | 'auth.password_changed'
  | 'user.created'
  | 'user.updated'
  | 'user.deactivated'
  | 'user.deleted'
  | 'auth.api_key_refused'
  | 'project.created'
  | 'project.updated'
  | 'project.deleted'
  | 'project.member_added'
  | 'project.member_removed'
  | 'team.created'
  | 'team.updated'
  | 'team.deleted'
  | 'team.member_added'
  | 'team.member_removed'
  | 'api_key.created'
  | 'api_key.updated'
  | 'api_key.deleted'
  | 'data.cleaned_up'
  | 'audit.exported'
  | 'run.published'
  | 'test.quarantined'
  | 'test.unquarantined'
  | 'known_issue.linked'
  | 'project.gates_updated';

export interface AuditEvent {
  action: AuditAction;
  target_type?: string;
  target_id?: string | number;
  /** Never a password, hash or token: callers pass only what is safe to show an auditor. */
  details?: Record<string, unknown>;
}

// The entry as a webhook event's data (webhook-events.ts): written by the same statement as the entry.
const AUDIT_EVENT = `SELECT $8::uuid AS event_id, action AS type, at AS time, jsonb_build_object(
  'id', id, 'at', at, 'action', action, 'actor', jsonb_build_object('id', actor_id, 'name', actor_name),
  'target', jsonb_build_object('type', target_type, 'id', target_id), 'ip', ip, 'details', details) AS data FROM entry`;

/**
 * Appends one event, and in the same statement queues it for the webhooks that want it (none
 * configured: no row). The domain never updates audit rows; only cleanup deletes them, per
 * audit_retention (cleanup.ts).
 */
export async function audit(db: Queryable, actor: Actor, event: AuditEvent): Promise<void> {
  await db.query(
    `WITH entry AS (
      INSERT INTO audit_log (actor_id, actor_name, action, target_type, target_id, ip, details) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *
    ) ${queueEventsSql(AUDIT_EVENT)}`,
    [actor.id, actor.name, event.action, event.target_type ?? null, event.target_id === undefined ? null : String(event.target_id), actor.ip ?? null, event.details ?? {}, newEventId()],
  );
}

export interface AuditQuery {
  user?: string | undefined;
  action?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  page: number;
  page_size: number;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

/** Events matching the filter, newest first, one page of them, and how many match in all. */
export async function listAudit(db: Queryable, query: AuditQuery): Promise<{ items: AuditEntry[]; total: number }> {
  const where: string[] = [];
  const params: string[] = [];
  const add = (clause: (n: string) => string, value: string | undefined): void => {
    if (value === undefined) return;
    params.push(value);
    where.push(clause(`$${params.length}`));
  };
  add((n) => `actor_name = ${n}`, query.user);
  add((n) => `action = ${n}`, query.action);
  add((n) => `at >= ${n}::timestamptz`, query.since);
  add((n) => `at < ${n}::timestamptz`, query.until);
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [count] = await db.query<{ total: string }>(`SELECT count(*)::text AS total FROM audit_log ${filter}`, params);
  const rows = await db.query<Omit<AuditEntry, 'at' | 'id' | 'actor_id'> & { id: string; actor_id: string | null; at: Date }>(
    `SELECT * FROM audit_log ${filter} ORDER BY at DESC, id DESC LIMIT ${query.page_size} OFFSET ${(query.page - 1) * query.page_size}`,
    params,
  );
  const items = rows.map((row) => ({ ...row, id: Number(row.id), actor_id: row.actor_id === null ? null : Number(row.actor_id), at: new Date(row.at).toISOString() }));
  return { items, total: Number(count?.total ?? 0) };
}
