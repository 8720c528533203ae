import type { Database } from './database.js';
import { migrate } from './migrate.js';

export interface DatabaseLocation {
  /** A PostgreSQL connection string; wins over `data_dir`. */
  database_url?: string | undefined;
  data_dir: string;
}

/** Opens the database the options name and brings its schema up to date. */
export async function openDatabase(location: DatabaseLocation): Promise<{ db: Database; applied: string[] }> {
  // Each driver is loaded only when chosen: a PGlite user never loads pg, and the other way round.
  const db = location.database_url
    ? await (await import('./postgres.js')).openPostgres(location.database_url)
    : await (await import('./pglite.js')).openPglite(location.data_dir);
  try {
    return { db, applied: await migrate(db) };
  } catch (error) {
    await db.close();
    throw error;
  }
}
