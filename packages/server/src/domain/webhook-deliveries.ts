import type { Queryable } from '../db/database.js';

export interface DeliveryQuery {
  status?: 'pending' | 'delivered' | 'failed' | undefined;
  event_type?: string | undefined;
  page: number;
  page_size: number;
}

export interface DeliveryAttempt {
  attempt: number;
  at: string;
  status: number | null;
  error: string | null;
  duration_ms: number;
}

export interface DeliveryEntry {
  id: number;
  event_id: string;
  event_type: string;
  event_time: string;
  url: string;
  status: string;
  attempts: number;
  next_attempt_at: string | null;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
  attempt_log: DeliveryAttempt[];
}

type Row = Omit<DeliveryEntry, 'id' | 'attempt_log' | 'event_time' | 'created_at' | 'delivered_at' | 'next_attempt_at'> & {
  id: string;
  event_time: Date;
  created_at: Date;
  delivered_at: Date | null;
  next_attempt_at: Date;
};

const iso = (value: Date | string): string => new Date(value).toISOString();

/** The delivery log, newest first, one page, each delivery with its attempts (status, error, duration). */
export async function listDeliveries(db: Queryable, query: DeliveryQuery): Promise<{ items: DeliveryEntry[]; total: number }> {
  const where: string[] = [];
  const params: string[] = [];
  for (const [column, value] of [['status', query.status], ['event_type', query.event_type]] as const) {
    if (value === undefined) continue;
    params.push(value);
    where.push(`${column} = $${params.length}`);
  }
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [count] = await db.query<{ total: string }>(`SELECT count(*)::text AS total FROM webhook_deliveries ${filter}`, params);
  const rows = await db.query<Row>(
    `SELECT id::text, event_id::text, event_type, event_time, url, status, attempts, next_attempt_at, last_status, last_error, created_at, delivered_at
     FROM webhook_deliveries ${filter} ORDER BY id DESC LIMIT ${query.page_size} OFFSET ${(query.page - 1) * query.page_size}`,
    params,
  );
  const attempts = rows.length
    ? await db.query<DeliveryAttempt & { delivery_id: string; at: Date }>(
        'SELECT delivery_id::text, attempt, at, status, error, duration_ms FROM webhook_attempts WHERE delivery_id = ANY($1::bigint[]) ORDER BY attempt',
        [rows.map((row) => row.id)],
      )
    : [];
  const items = rows.map((row) => ({
    ...row,
    id: Number(row.id),
    event_time: iso(row.event_time),
    created_at: iso(row.created_at),
    delivered_at: row.delivered_at === null ? null : iso(row.delivered_at),
    next_attempt_at: row.status === 'pending' ? iso(row.next_attempt_at) : null,
    attempt_log: attempts
      .filter((attempt) => attempt.delivery_id === row.id)
      .map(({ attempt, at, status, error, duration_ms }) => ({ attempt, at: iso(at), status, error, duration_ms })),
  }));
  return { items, total: Number(count?.total ?? 0) };
}
