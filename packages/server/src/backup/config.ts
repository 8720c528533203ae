import type { Database } from '../db/database.js';
import { backupDatabase } from './backup.js';
import { parseSchedule, scheduleBackups, type ScheduledBackups } from './schedule.js';

/** settings.enterprise.backup_config with what its locations need: settings.cloud and the suite's folder. */
export interface BackupConfig {
  /** false turns scheduled backups off (a backup by command still runs). */
  enabled?: boolean | undefined;
  schedule?: string | undefined;
  retention_days?: number | undefined;
  locations?: readonly string[] | undefined;
  /** Dumps are always gzip-compressed; `false` is accepted and changes nothing. */
  compression?: boolean | undefined;
  /** Refused when true: see `checkBackupConfig`. */
  encryption?: boolean | undefined;
  cloud?: Record<string, unknown> | undefined;
  /** Relative folder locations resolve against it (the suite's folder). */
  base_dir: string;
}

export interface BackupLog {
  info(message: string): void;
  error(message: string): void;
}

/**
 * Refuses what this server cannot do rather than pretend: backups are not encrypted by Panoptic itself.
 * An encrypted store (settings.cloud's client-side or server-side encryption for s3:// and azure://
 * locations, an encrypted disk for folders) is the way to keep them encrypted at rest.
 */
export function checkBackupConfig(config: BackupConfig | undefined): void {
  if (config?.encryption) {
    throw new Error('settings.enterprise.backup_config.encryption: true is not supported: Panoptic does not encrypt backups itself; remove it and keep backups in an encrypted store (settings.cloud client_side_encryption or the bucket\'s server-side encryption for s3:// and azure:// locations, an encrypted disk for folders)');
  }
}

/** The running server's scheduled backups, or undefined when none is configured. Checked at start: a bad schedule refuses to start. */
export function startScheduledBackups(db: Database, config: BackupConfig | undefined, log: BackupLog): ScheduledBackups | undefined {
  checkBackupConfig(config);
  if (!config?.schedule || config.enabled === false) return undefined;
  const interval = parseSchedule(config.schedule);
  if (!config.locations?.length) throw new Error('settings.enterprise.backup_config.schedule is set but backup_config.locations is empty: name at least one folder or s3:// / azure:// location');
  const options = { locations: config.locations, cloud: config.cloud, baseDir: config.base_dir, retention_days: config.retention_days };
  return scheduleBackups(
    interval,
    async () => {
      const result = await backupDatabase(db, options);
      for (const outcome of result.locations) {
        if (outcome.error) log.error(`scheduled backup ${result.manifest.file} to ${outcome.location} failed: ${outcome.error}`);
        else log.info(`scheduled backup ${result.manifest.file} written to ${outcome.location}${outcome.pruned?.length ? `; pruned ${outcome.pruned.length} older than ${config.retention_days} days` : ''}`);
      }
    },
    (error) => log.error(`scheduled backup failed: ${(error as Error).message}`),
  );
}
