// backup_config.schedule: an interval such as "30s", "15m", "24h" or "7d" between backups of a
// running server. (Cron expressions are refused with a message rather than half-supported.)

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** The schedule in milliseconds, or an error that names `key` and says what a schedule looks like. */
export function parseSchedule(schedule: string, key = 'settings.enterprise.backup_config.schedule'): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([smhd])\s*$/.exec(schedule);
  const ms = match ? Number(match[1]) * UNITS[match[2]!]! : NaN;
  if (!(ms >= 1_000)) {
    throw new Error(`${key} "${schedule}" is not an interval: give a number and a unit, such as "30s", "15m", "24h" or "7d" (at least 1s)`);
  }
  return ms;
}

export interface ScheduledBackups {
  stop(): Promise<void>;
}

/**
 * Runs `backup` every `intervalMs`, one at a time: a slow backup delays the next instead of running two
 * at once. `onError` hears every failure (the server logs it); a failure never stops the schedule.
 */
export function scheduleBackups(intervalMs: number, backup: () => Promise<void>, onError: (error: unknown) => void): ScheduledBackups {
  let running: Promise<void> | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const next = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = backup().catch(onError).finally(() => {
        running = undefined;
        next();
      });
    }, intervalMs);
    timer.unref();
  };
  next();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
