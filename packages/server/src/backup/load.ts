import type { Database, Queryable } from '../db/database.js';
import type { BackupManifest } from './manifest.js';
import { quoteIdent, schemaVersion, tablesInOrder } from './tables.js';

// Writes a dump's rows into a migrated database in one transaction: all of it or nothing.

const BATCH = 500;

export async function loadDump(db: Database, manifest: BackupManifest, rows: Map<string, Record<string, unknown>[]>, force: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    const version = await schemaVersion(tx);
    if (version !== manifest.schema_version) {
      throw new Error(`the backup has schema version ${manifest.schema_version} and this database ${version}: restore it with the Panoptic version that wrote it (or a database at the same migration)`);
    }
    const tables = await tablesInOrder(tx);
    const missing = manifest.tables.map((table) => table.name).filter((name) => !tables.includes(name));
    if (missing.length) throw new Error(`the backup has tables this database lacks: ${missing.join(', ')}`);
    await emptyTables(tx, tables, force);
    const order = tables.filter((name) => rows.has(name));
    for (const name of order) await insertRows(tx, name, rows.get(name) ?? []);
    for (const name of tables) await resetSequences(tx, name);
  });
}

async function emptyTables(tx: Queryable, tables: string[], force: boolean): Promise<void> {
  const counts = await Promise.all(tables.map(async (name) => ({ name, rows: Number((await tx.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${quoteIdent(name)}`))[0]?.n ?? 0) })));
  const filled = counts.filter((table) => table.rows > 0);
  if (!filled.length) return;
  if (!force) {
    throw new Error(`the database is not empty (${filled.map((t) => `${t.name}: ${t.rows} rows`).join(', ')}); restore into an empty database, or pass --force to replace its data`);
  }
  await tx.query(`TRUNCATE ${tables.map(quoteIdent).join(', ')} RESTART IDENTITY CASCADE`);
}

async function insertRows(tx: Queryable, name: string, rows: Record<string, unknown>[]): Promise<void> {
  const table = quoteIdent(name);
  // OVERRIDING SYSTEM VALUE keeps the ids of GENERATED ALWAYS identity columns, so references stay right.
  for (let start = 0; start < rows.length; start += BATCH) {
    await tx.query(`INSERT INTO ${table} OVERRIDING SYSTEM VALUE SELECT * FROM json_populate_recordset(null::${table}, $1::json)`, [JSON.stringify(rows.slice(start, start + BATCH))]);
  }
}

/** Each identity or serial column's sequence continues after the highest restored id, so new rows get fresh ids. */
async function resetSequences(tx: Queryable, name: string): Promise<void> {
  const columns = await tx.query<{ column_name: string; seq: string | null }>(
    'SELECT column_name, pg_get_serial_sequence($1, column_name) AS seq FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $2',
    [quoteIdent(name), name],
  );
  for (const column of columns) {
    if (!column.seq) continue;
    const col = quoteIdent(column.column_name);
    await tx.query(`SELECT setval($1::regclass, coalesce((SELECT max(${col}) FROM ${quoteIdent(name)}), 0) + 1, false)`, [column.seq]);
  }
}
