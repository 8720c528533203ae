import type { FastifyInstance } from 'fastify';
import { artifactStoreOrWarning, type ArtifactStoreInput } from './dashboard/artifact-store.js';
import { openDatabase } from './db/open.js';
import { buildApp } from './http/app.js';
import { startScheduledBackups, type BackupConfig } from './backup/config.js';
import { startScheduledCleanup } from './domain/cleanup-schedule.js';
import { startWebhooks } from './domain/webhook-dispatch.js';
import { authMethodProblem } from './domain/oidc-settings.js';
import type { Context } from './domain/context.js';
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
  /** An interval ("24h") at which the server applies data_retention and audit_retention (cleanup with include_audit). */
  cleanup_every?: string | undefined;
  /** settings.cloud the reporter uploads artifacts with: test pages then link into that store (PANOPTIC_ARTIFACT_LINK_SECONDS, default 300). */
  artifacts?: ArtifactStoreInput | undefined;
}

/** Opens (and migrates) the database and serves the API until `close()`. */
export async function startServer(options: ServerOptions, extras: StartExtras = {}): Promise<RunningServer> {
  // Before the database opens: a server that cannot sign anyone in the configured way must not serve.
  const authProblem = authMethodProblem(options);
  if (authProblem) throw new Error(authProblem);
  const { db, applied } = await openDatabase(options);
  try {
    const ctx: Context = { db, options };
    const app = await buildApp(ctx);
    if (extras.artifacts) ctx.artifacts = await artifactStoreOrWarning(extras.artifacts, app.log);
    // A bad schedule refuses the start before the server listens.
    const log = { info: (message: string) => app.log.info(message), error: (message: string) => app.log.error(message) };
    const backups = startScheduledBackups(db, extras.backup, log);
    let cleanups;
    let webhooks;
    try {
      cleanups = startScheduledCleanup({ db, options }, extras.cleanup_every, log);
      // Webhook secrets come from the environment (secret_env), never from the options.
      webhooks = await startWebhooks(ctx, process.env, log);
    } catch (error) {
      await Promise.all([backups?.stop(), cleanups?.stop()]);
      throw error;
    }
    const address = await app.listen({ host: options.host, port: options.port }).catch(async (error: unknown) => {
      await Promise.all([backups?.stop(), cleanups?.stop(), webhooks?.stop()]);
      throw error;
    });
    return {
      url: address,
      migrations: applied,
      app,
      async close() {
        await Promise.all([backups?.stop(), cleanups?.stop(), webhooks?.stop()]);
        await app.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}
