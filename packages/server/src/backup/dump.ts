import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import type { Database, Queryable } from '../db/database.js';
import { quoteIdent, schemaVersion, tablesInOrder } from './tables.js';

// The portable dump: JSON lines, one `{"t": table, "r": row}` per row (row_to_json, so timestamps,
// jsonb and text round-trip exactly), gzip-compressed. Both PGlite and PostgreSQL write and read it,
// so either restores the other's backups, which PGlite's own dumpDataDir (a tarball of its data
// folder) could not give.

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

export interface Dump {
  data: Buffer;
  sha256: string;
  schema_version: number;
  tables: { name: string; rows: number }[];
}

/** Every table read in one snapshot: a REPEATABLE READ, read-only transaction sees one state of the data. */
export async function dumpDatabase(db: Database): Promise<Dump> {
  const { lines, tables, version } = await db.transaction(async (tx) => {
    // Must be the transaction's first statement; PGlite accepts it too (it has one connection anyway).
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    return readAll(tx);
  });
  const data = await gzipAsync(Buffer.from(lines.join(''), 'utf8'));
  return { data, sha256: sha256(data), schema_version: version, tables };
}

async function readAll(tx: Queryable): Promise<{ lines: string[]; tables: Dump['tables']; version: number }> {
  const version = await schemaVersion(tx);
  const lines: string[] = [];
  const tables: Dump['tables'] = [];
  for (const name of await tablesInOrder(tx)) {
    const rows = await tx.query<{ line: string }>(`SELECT row_to_json(t)::text AS line FROM ${quoteIdent(name)} t`);
    for (const row of rows) lines.push(`{"t":${JSON.stringify(name)},"r":${row.line}}\n`);
    tables.push({ name, rows: rows.length });
  }
  return { lines, tables, version };
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The rows of a dump per table, in file order. */
export async function readDump(data: Buffer): Promise<Map<string, Record<string, unknown>[]>> {
  const text = (await gunzipAsync(data)).toString('utf8');
  const byTable = new Map<string, Record<string, unknown>[]>();
  for (const [index, line] of text.split('\n').entries()) {
    if (!line) continue;
    const entry = JSON.parse(line) as { t?: unknown; r?: unknown };
    if (typeof entry.t !== 'string' || typeof entry.r !== 'object' || entry.r === null) throw new Error(`line ${index + 1} of the dump is not a table row`);
    const rows = byTable.get(entry.t) ?? [];
    rows.push(entry.r as Record<string, unknown>);
    byTable.set(entry.t, rows);
  }
  return byTable;
}
