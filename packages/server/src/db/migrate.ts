import type { Database } from './database.js';
import { MIGRATIONS } from './migrations/index.js';

// Any constant both servers agree on: it names the lock that serialises migrations across processes.
const MIGRATION_LOCK = 7_261_001;

/**
 * Applies the migrations not applied yet, in order, in one transaction, and returns their names. The
 * transaction-scoped advisory lock makes a second server that starts at the same time wait, then find
 * everything applied: migrations run once.
 */
export async function migrate(db: Database): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const rows = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((row) => row.version));
    const applied: string[] = [];
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version)) continue;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      applied.push(`${String(migration.version).padStart(3, '0')}_${migration.name}`);
    }
    return applied;
  });
}
