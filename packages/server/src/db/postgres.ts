import type { Pool } from 'pg';
import type { Database, Queryable, SqlValue } from './database.js';

/** A PostgreSQL server through a node-postgres pool. */
export async function openPostgres(connectionString: string): Promise<Database> {
  const { default: pg } = await import('pg');
  // Ten connections per server process: a read holds one for about a millisecond of SQL, so 50
  // concurrent clients wait in this queue about as long as they would for a CPU with more backends
  // than cores, and two processes on one PostgreSQL stay far from its max_connections (100).
  const pool = new pg.Pool({ connectionString, max: 10 });
  // An idle client that loses its connection (server restart) must not crash the process.
  pool.on('error', () => undefined);
  const query = async <Row>(client: Pick<Pool, 'query'>, sql: string, params: readonly SqlValue[] = []): Promise<Row[]> =>
    (await client.query(sql, [...params])).rows as Row[];
  // Fail at start, with the server's own message, rather than on the first request.
  await query(pool, 'SELECT 1');
  return {
    kind: 'postgres',
    query: (sql, params) => query(pool, sql, params),
    async transaction(body) {
      const client = await pool.connect();
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
    close: () => pool.end(),
  };
}
