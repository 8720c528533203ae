import type { CommandIo } from '../command-io.js';
import { CommandError, reportErrors } from '../command-error.js';
import { backupConfigFrom, CLI_ACTOR } from './server-backup-config.js';
import { describeDatabase, loadServerPackage, serverOptionsFrom, type ServerFlags } from './server-options.js';

export interface ServerRestoreFlags extends ServerFlags {
  /** Where the backup is; default: the first of backup_config.locations. */
  from?: string;
  /** Which backup (panoptic-backup-<time>); default: the newest. */
  backup?: string;
  force?: boolean;
}

/** `panoptic server restore`: checks a backup's manifest and digest, then loads it into an empty database (or, with --force, replaces its data). */
export async function serverRestoreCommand(flags: ServerRestoreFlags, io: CommandIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  return reportErrors(io, async () => {
    const options = await serverOptionsFrom(flags, {}, io);
    const config = backupConfigFrom(flags, io);
    const from = flags.from ?? config.locations?.[0];
    if (from === undefined) throw new CommandError(['panoptic server restore needs --from <folder|s3://bucket/prefix|azure://container/prefix>, or settings.enterprise.backup_config.locations in --suite']);
    const { restoreAt } = await loadServerPackage();
    try {
      const { name, manifest } = await restoreAt(options, { from, name: flags.backup, force: flags.force, cloud: config.cloud, baseDir: config.base_dir, actor: CLI_ACTOR, env: io.env ?? process.env });
      const rows = manifest.tables.reduce((sum, table) => sum + table.rows, 0);
      stdout.write(`Restored ${name} (taken ${manifest.created_at} from ${manifest.source}, ${manifest.tables.length} tables, ${rows} rows) into ${describeDatabase(options)}\n`);
      return 0;
    } catch (error) {
      throw new CommandError([(error as Error).message]);
    }
  });
}
