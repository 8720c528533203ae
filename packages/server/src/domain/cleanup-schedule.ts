import { parseSchedule, scheduleBackups, type ScheduledBackups } from '../backup/schedule.js';
import type { BackupLog } from '../backup/config.js';
import { cleanupData } from './cleanup.js';
import type { Context } from './context.js';

/** The actor of scheduled cleanups in the audit log. */
const SCHEDULER = { id: null, name: 'scheduled-cleanup' } as const;

/**
 * Applies data_retention and audit_retention every `every` (an interval: "30s", "15m", "24h", "7d")
 * while the server runs, one cleanup at a time, as the backup schedule does. A bad interval refuses
 * the start; a failed cleanup is logged and the schedule goes on.
 */
export function startScheduledCleanup(ctx: Context, every: string | undefined, log: BackupLog): ScheduledBackups | undefined {
  if (every === undefined) return undefined;
  const interval = parseSchedule(every, '--cleanup-every');
  return scheduleBackups(
    interval,
    async () => {
      const report = await cleanupData(ctx, SCHEDULER, { include_audit: true });
      log.info(`scheduled cleanup deleted ${JSON.stringify(report.deleted)}${report.skipped.length ? `; skipped ${report.skipped.join('; ')}` : ''}`);
    },
    (error) => log.error(`scheduled cleanup failed: ${(error as Error).message}`),
  );
}
