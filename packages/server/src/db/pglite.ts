import fs from 'node:fs';
import { NOTIFY_CHANNEL, type Database, type Queryable, type SqlValue } from './database.js';

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
  const closing: Array<() => Promise<void>> = [];
  return {
    kind: 'pglite',
    ...wrap(db),
    transaction: (body) => db.transaction((tx) => body(wrap(tx))),
    // One process owns the folder, so every notification is its own: PGlite hands them to the
    // listener before the committing query resolves. Live once LISTEN has run.
    listen(listener) {
      listener.live(false);
      db.listen(NOTIFY_CHANNEL, (payload) => listener.message(payload)).then(() => listener.live(true), () => listener.live(false));
    },
    beforeClose(hook) {
      closing.push(hook);
    },
    async close() {
      await Promise.all(closing.map((hook) => hook()));
      await db.close();
    },
  };
}
