export { backupDatabase, backupAt, type BackupOptions, type BackupResult, type LocationOutcome } from './backup.js';
export { restoreDatabase, restoreAt, type RestoreOptions, type RestoreResult } from './restore.js';
export { parseSchedule, scheduleBackups, type ScheduledBackups } from './schedule.js';
export { backupManifestSchema, BACKUP_FORMAT, BACKUP_FORMAT_VERSION, type BackupManifest } from './manifest.js';
export { checkBackupConfig, startScheduledBackups, type BackupConfig } from './config.js';
