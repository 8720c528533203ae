import type { Pool, PoolClient } from 'pg';
import { NOTIFY_CHANNEL, type Database, type NotifyListener, type Queryable, type SqlValue } from './database.js';
import { listenForOthers } from './postgres-listen.js';

/** A PostgreSQL server through a node-postgres pool. */
export async function openPostgres(connectionString: string): Promise<Database> {
  const { default: pg } = await import('pg');
  // Ten connections per server process: a read holds one for about a millisecond of SQL, so 50
  // concurrent clients wait in this queue about as long as they would for a CPU with more backends
  // than cores, and two processes on one PostgreSQL stay far from its max_connections (100).
  const pool = new pg.Pool({ connectionString, max: 10 });
  // An idle client that loses its connection (server restart) must not crash the process.
  pool.on('error', () => undefined);
  const listeners: NotifyListener[] = [];
  const deliver = (payload: string | undefined): void => {
    for (const listener of listeners) listener.message(payload ?? '');
  };
  // Every pooled connection listens: PostgreSQL sends a session its own transaction's notifications
  // before the ReadyForQuery that resolves the commit, so this process has seen a write's
  // notifications by the time the write returns. The LISTEN runs before a connection's first query.
  // Other processes' notifications come through listenForOthers' connection, which stays open while
  // pooled ones come and go.
  const listening = new WeakSet<PoolClient>();
  pool.on('connect', (client) => client.on('notification', (message) => deliver(message.payload)));
  const connect = async (): Promise<PoolClient> => {
    const client = await pool.connect();
    if (!listening.has(client)) {
      try {
        await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
        listening.add(client);
      } catch (error) {
        client.release(true);
        throw error;
      }
    }
    return client;
  };
  const query = async <Row>(client: Pick<Pool, 'query'>, sql: string, params: readonly SqlValue[] = []): Promise<Row[]> =>
    (await client.query(sql, [...params])).rows as Row[];
  // As pool.query does, except that an SQL error (a SQLSTATE code) keeps the connection: only a
  // broken connection is dropped from the pool.
  const pooled = async <Row>(sql: string, params?: readonly SqlValue[]): Promise<Row[]> => {
    const client = await connect();
    try {
      const rows = await query<Row>(client, sql, params);
      client.release();
      return rows;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      client.release(typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? undefined : (error as Error));
      throw error;
    }
  };
  // Fail at start, with the server's own message, rather than on the first request.
  await pooled('SELECT 1');
  let others: { close: () => Promise<void> } | undefined;
  let live = false;
  const closing: Array<() => Promise<void>> = [];

  return {
    kind: 'postgres',
    query: pooled,
    async transaction(body) {
      const client = await connect();
      const tx: Queryable = { query: (sql, params) => query(client, sql, params) };
      try {
        await client.query('BEGIN');
        const result = await body(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    listen(listener) {
      listeners.push(listener);
      listener.live(live);
      others ??= listenForOthers(pg, connectionString, NOTIFY_CHANNEL, {
        message: deliver,
        live: (on) => {
          live = on;
          for (const each of listeners) each.live(on);
        },
      });
    },
    beforeClose(hook) {
      closing.push(hook);
    },
    async close() {
      await Promise.all(closing.map((hook) => hook()));
      await others?.close();
      await pool.end();
    },
  };
}
