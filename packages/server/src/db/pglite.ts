import fs from 'node:fs';
import type { Database, Queryable, SqlValue } from './database.js';

/** The embedded database in `dataDir` (created on first use, which runs initdb and takes a few seconds). */
export async function openPglite(dataDir: string): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  fs.mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const wrap = (target: Pick<typeof db, 'query'>): Queryable => ({
    async query<Row>(sql: string, params: readonly SqlValue[] = []) {
      return (await target.query<Row>(sql, [...params])).rows;
    },
  });
  return {
    kind: 'pglite',
    ...wrap(db),
    transaction: (body) => db.transaction((tx) => body(wrap(tx))),
    close: () => db.close(),
  };
}
