import type { FastifyInstance } from 'fastify';
import { openDatabase } from './db/open.js';
import { buildApp } from './http/app.js';
import type { ServerOptions } from './options.js';

export interface RunningServer {
  /** Where it listens, e.g. http://127.0.0.1:8080. */
  url: string;
  /** Migrations this start applied (empty when the schema was current). */
  migrations: string[];
  app: FastifyInstance;
  close(): Promise<void>;
}

/** Opens (and migrates) the database and serves the API until `close()`. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { db, applied } = await openDatabase(options);
  try {
    const app = await buildApp({ db, options });
    const address = await app.listen({ host: options.host, port: options.port });
    return {
      url: address,
      migrations: applied,
      app,
      async close() {
        await app.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}
