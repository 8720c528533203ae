import type { FastifyInstance } from 'fastify';
import { openDatabase } from './db/open.js';
import { buildApp } from './http/app.js';
import { startScheduledBackups, type BackupConfig } from './backup/config.js';
import type { ServerOptions } from './options.js';

export interface RunningServer {
  /** Where it listens, e.g. http://127.0.0.1:8080. */
  url: string;
  /** Migrations this start applied (empty when the schema was current). */
  migrations: string[];
  app: FastifyInstance;
  close(): Promise<void>;
}

export interface StartExtras {
  /** settings.enterprise.backup_config: with a schedule, the server backs itself up while it runs. */
  backup?: BackupConfig | undefined;
}

/** Opens (and migrates) the database and serves the API until `close()`. */
export async function startServer(options: ServerOptions, extras: StartExtras = {}): Promise<RunningServer> {
  const { db, applied } = await openDatabase(options);
  try {
    const app = await buildApp({ db, options });
    // A bad schedule refuses the start before the server listens.
    const backups = startScheduledBackups(db, extras.backup, { info: (message) => app.log.info(message), error: (message) => app.log.error(message) });
    const address = await app.listen({ host: options.host, port: options.port }).catch(async (error: unknown) => {
      await backups?.stop();
      throw error;
    });
    return {
      url: address,
      migrations: applied,
      app,
      async close() {
        await backups?.stop();
        await app.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}
