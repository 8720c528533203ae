import type { CommandIo } from '../command-io.js';
import { CommandError, reportErrors } from '../command-error.js';
import { describeDatabase, loadServerPackage, serverOptionsFrom, type ServerFlags } from './server-options.js';

export interface ServerInitFlags extends ServerFlags {
  org?: string;
  admin: string;
}

/** `panoptic server init`: the organisation and the first admin, whose generated password is printed this once. */
export async function serverInitCommand(flags: ServerInitFlags, io: CommandIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  return reportErrors(io, async () => {
    const options = await serverOptionsFrom(flags, {}, io);
    const { initServer, DomainError } = await loadServerPackage();
    const env = io.env ?? process.env;
    try {
      const result = await initServer(options, { organization_name: flags.org, admin_username: flags.admin, admin_password: env.PANOPTIC_ADMIN_PASSWORD || undefined });
      stdout.write(`Initialised the Panoptic server (${describeDatabase(options)}): organisation "${flags.org ?? options.organization_name}", admin "${result.admin_username}".\n`);
      if (result.generated_password !== undefined) {
        stdout.write(`Admin password (shown only this once; store it now): ${result.generated_password}\n`);
      } else {
        stdout.write('Admin password: the one given in PANOPTIC_ADMIN_PASSWORD.\n');
      }
      return 0;
    } catch (error) {
      if (error instanceof DomainError) throw new CommandError([error.message]);
      throw error;
    }
  });
}
