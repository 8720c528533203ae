import type { CommandIo } from '../command-io.js';
import { CommandError, reportErrors } from '../command-error.js';
import { backupConfigFrom, CLI_ACTOR } from './server-backup-config.js';
import { describeDatabase, loadServerPackage, serverOptionsFrom, type ServerFlags } from './server-options.js';

export interface ServerBackupFlags extends ServerFlags {
  /** Locations instead of backup_config.locations. */
  to?: string[];
}

/** `panoptic server backup`: one consistent, compressed dump written to every location; exit 1 when any location failed. */
export async function serverBackupCommand(flags: ServerBackupFlags, io: CommandIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  return reportErrors(io, async () => {
    const options = await serverOptionsFrom(flags, {}, io);
    const config = backupConfigFrom(flags, io);
    const locations = flags.to?.length ? flags.to : (config.locations ?? []);
    const { backupAt, checkBackupConfig } = await loadServerPackage();
    let result;
    try {
      checkBackupConfig(config);
      result = await backupAt(options, { locations, cloud: config.cloud, baseDir: config.base_dir, retention_days: config.retention_days, actor: CLI_ACTOR, env: io.env ?? process.env });
    } catch (error) {
      throw new CommandError([(error as Error).message]);
    }
    const { manifest } = result;
    const tables = manifest.tables.map((table) => `${table.name} ${table.rows}`).join(', ');
    stdout.write(`Backed up ${describeDatabase(options)} (schema ${manifest.schema_version}) as ${manifest.file}: ${manifest.bytes} bytes gzip, sha256 ${manifest.sha256}\n  rows: ${tables}\n`);
    for (const outcome of result.locations) {
      if (outcome.error) {
        stderr.write(`  ${outcome.location}: FAILED: ${outcome.error}\n`);
        continue;
      }
      const pruned = outcome.pruned?.length ? `; pruned ${outcome.pruned.length} older than ${config.retention_days} days: ${outcome.pruned.join(', ')}` : '';
      stdout.write(`  ${outcome.location}: written${pruned}\n`);
    }
    const failed = result.locations.filter((outcome) => outcome.error).length;
    if (failed) stderr.write(`${failed} of ${result.locations.length} backup locations failed\n`);
    return failed ? 1 : 0;
  });
}
