import { randomUUID } from 'node:crypto';
import type { Queryable, SqlValue } from '../db/database.js';

// Queueing an event is one INSERT ... SELECT over the configured endpoints whose patterns match its
// type, made in the writer's own statement or transaction: the event is queued exactly when its
// cause commits, nothing waits on HTTP, and with no endpoint configured it inserts no row.

/** An event pattern ("user.*", "run.finished", "*") as a LIKE pattern: `*` is any run of characters, nothing else is special. */
export function likePattern(pattern: string): string {
  return pattern.replace(/[\\%_]/g, '\\$&').replace(/\*/g, '%');
}

/**
 * The statement that queues one event per matching endpoint. `eventSelect` is a SELECT (or the name of
 * a CTE) giving columns event_id, type, time and data; it can read from a CTE of the same statement,
 * which is how an audit entry and its deliveries are written at once.
 */
export function queueEventsSql(eventSelect: string): string {
  return `INSERT INTO webhook_deliveries (event_id, event_type, event_time, data, endpoint_id, url)
    SELECT ev.event_id, ev.type, ev.time, ev.data, e.id, e.url FROM (${eventSelect}) ev
    JOIN webhook_endpoints e ON EXISTS (SELECT 1 FROM unnest(e.events) AS p(pattern) WHERE ev.type LIKE p.pattern)`;
}

/** A new event id: one per event, shared by its deliveries to every endpoint, so receivers can drop repeats. */
export const newEventId = (): string => randomUUID();

/** Queues `type` with `data` (never a secret) for every endpoint that wants it, e.g. run.finished when a run is published. */
export async function queueWebhookEvent(db: Queryable, type: string, data: Record<string, unknown>): Promise<void> {
  const params: SqlValue[] = [newEventId(), type, data];
  await db.query(queueEventsSql('SELECT $1::uuid AS event_id, $2::text AS type, clock_timestamp() AS time, $3::jsonb AS data'), params);
}

/**
 * Makes the endpoints table the configured receivers (none when webhooks are off), so events queue
 * for exactly them. Pending deliveries to a receiver that is no longer configured are marked failed
 * with the reason, rather than signed and sent to an address the operator removed. `otherReceivers`
 * are configured receivers that are not endpoints (the Slack notification's URL).
 */
export async function syncEndpoints(db: Queryable, urls: readonly string[], events: readonly string[], otherReceivers: readonly string[] = []): Promise<void> {
  const patterns = events.map(likePattern);
  await db.query('DELETE FROM webhook_endpoints WHERE NOT (url = ANY($1::text[]))', [[...urls]]);
  for (const url of urls) {
    await db.query(
      'INSERT INTO webhook_endpoints (url, events) VALUES ($1, $2::text[]) ON CONFLICT (url) DO UPDATE SET events = EXCLUDED.events, updated_at = now()',
      [url, patterns],
    );
  }
  await db.query(
    "UPDATE webhook_deliveries SET status = 'failed', last_error = 'the receiver was removed from settings.enterprise.integration.webhook' WHERE status = 'pending' AND NOT (url = ANY($1::text[]))",
    [[...urls, ...otherReceivers]],
  );
}
