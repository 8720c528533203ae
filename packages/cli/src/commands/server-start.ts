import type { CommandIo } from '../command-io.js';
import { reportErrors } from '../command-error.js';
import { wholeNumber } from '../options/numbers.js';
import { backupConfigFrom } from './server-backup-config.js';
import { describeDatabase, loadServerPackage, serverOptionsFrom, type ServerFlags } from './server-options.js';

export interface ServerStartFlags extends ServerFlags {
  host?: string;
  port?: string;
  cleanupEvery?: string;
}

/** `panoptic server start`: serves the API (and backs up on backup_config.schedule) until SIGINT or SIGTERM, then closes the database cleanly. */
export async function serverStartCommand(flags: ServerStartFlags, io: CommandIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  return reportErrors(io, async () => {
    const port = flags.port === undefined ? undefined : wholeNumber(flags.port, '--port', 0);
    const options = await serverOptionsFrom(flags, { host: flags.host, port }, io);
    const { startServer } = await loadServerPackage();
    const backup = backupConfigFrom(flags, io);
    // The suite's settings.cloud is where its runs' artifacts are; relative folders as the reporter resolves them, from the working folder.
    const artifacts = backup.cloud ? { cloud: backup.cloud, base_dir: io.cwd ?? process.cwd() } : undefined;
    const server = await startServer(options, { backup, cleanup_every: flags.cleanupEvery, artifacts });
    const migrations = server.migrations.length ? `applied migrations ${server.migrations.join(', ')}` : 'schema up to date';
    stdout.write(`Panoptic server listening on ${server.url} (${describeDatabase(options)}; ${migrations})\n`);
    stdout.write(`Dashboard: ${server.url}/dashboard (sign in with a server account)\n`);
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await server.close();
    stdout.write('Panoptic server stopped\n');
    return 0;
  });
}
