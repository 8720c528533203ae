import path from 'node:path';
import { SuiteValidationError, formatIssue, loadSuite } from '@panoptic/config';
import type { ServerOptions, ServerOptionsInput } from '@panoptic/server';
import { CommandError } from '../command-error.js';
import type { CommandIo } from '../command-io.js';

/** Flags every `panoptic server` command takes. */
export interface ServerFlags {
  data?: string;
  suite?: string;
}

/**
 * @panoptic/server is an optional peer dependency (PGlite and Fastify weigh more than a test run needs),
 * loaded when a server command runs; when it is missing, the error says what to install.
 */
export async function loadServerPackage(): Promise<typeof import('@panoptic/server')> {
  try {
    return await import('@panoptic/server');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if ((code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && String((error as Error).message).includes('@panoptic/server')) {
      throw new CommandError(['panoptic server needs the package "@panoptic/server", which is not installed: npm install @panoptic/server']);
    }
    throw error;
  }
}

/**
 * The server's options: `settings.enterprise` of --suite (its storage_path relative to the suite's
 * folder), then the flags, then DATABASE_URL, which wins over any data folder.
 */
export async function serverOptionsFrom(flags: ServerFlags, overrides: Partial<ServerOptionsInput>, io: CommandIo): Promise<ServerOptions> {
  const cwd = io.cwd ?? process.cwd();
  let enterprise;
  if (flags.suite !== undefined) {
    try {
      const loaded = loadSuite(flags.suite, { cwd });
      const settings = loaded.suite.settings?.enterprise;
      enterprise = settings && { ...settings, storage_path: settings.storage_path === undefined ? undefined : path.resolve(loaded.dir, settings.storage_path) };
    } catch (error) {
      if (error instanceof SuiteValidationError) throw new CommandError(error.issues.map(formatIssue));
      throw error;
    }
  }
  const { resolveServerOptions } = await loadServerPackage();
  try {
    return resolveServerOptions({ enterprise, overrides: { ...overrides, data_dir: flags.data }, env: io.env ?? process.env, cwd });
  } catch (error) {
    throw new CommandError([(error as Error).message]);
  }
}

/** Where the data is, for the lines a command prints; never the connection string, which may hold a password. */
export function describeDatabase(options: ServerOptions): string {
  return options.database_url ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${options.data_dir}`;
}
