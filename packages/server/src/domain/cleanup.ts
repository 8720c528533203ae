import type { Queryable } from '../db/database.js';
import { audit, type Actor } from './audit.js';
import type { Context } from './context.js';

// cleanup_data: deletes what is older than its retention. compliance.data_retention governs the data
// (runs, ended sessions, expired API keys, failed-login records); compliance.audit_retention the
// audit log, only when include_audit is asked. A retention that is not set deletes nothing of its
// kind: keeping is the default, deleting has to be configured.

export interface CleanupOptions {
  dry_run?: boolean | undefined;
  /** Default true. */
  include_data?: boolean | undefined;
  /** Default false: the audit trail is only cut when asked. */
  include_audit?: boolean | undefined;
}

export interface CleanupReport {
  dry_run: boolean;
  /** Rows deleted (or, in a dry run, that would be) per table. */
  deleted: Record<string, number>;
  cutoffs: { data: string | null; audit: string | null };
  /** Parts not cleaned, and why. */
  skipped: string[];
}

interface Target {
  table: string;
  /** Rows of `table` past the cutoff ($1). */
  where: string;
}

const DATA_TARGETS: readonly Target[] = [
  { table: 'sessions', where: 'expires_at < $1' },
  { table: 'api_keys', where: 'expires_at IS NOT NULL AND expires_at < $1' },
  { table: 'login_failures', where: 'at < $1' },
];

/** Runs are stored by a later part of the server: cleaned when their table exists. */
async function runsTarget(q: Queryable): Promise<Target | undefined> {
  const columns = await q.query<{ column_name: string }>(
    "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'runs' AND column_name IN ('created_at', 'started_at')",
  );
  const column = columns.find((c) => c.column_name === 'created_at') ?? columns[0];
  return column ? { table: 'runs', where: `${column.column_name} < $1` } : undefined;
}

function cutoff(now: number, days: number | undefined): Date | undefined {
  return days === undefined ? undefined : new Date(now - days * 86_400_000);
}

async function apply(q: Queryable, target: Target, before: Date, dryRun: boolean): Promise<number> {
  if (dryRun) {
    const [row] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${target.table} WHERE ${target.where}`, [before]);
    return row?.n ?? 0;
  }
  const [row] = await q.query<{ n: number }>(`WITH gone AS (DELETE FROM ${target.table} WHERE ${target.where} RETURNING 1) SELECT count(*)::int AS n FROM gone`, [before]);
  return row?.n ?? 0;
}

/** Deletes (or counts, with dry_run) per retention in one transaction; a real cleanup leaves its own audit record, written after the cut. */
export async function cleanupData(ctx: Context, actor: Actor, options: CleanupOptions = {}): Promise<CleanupReport> {
  const dryRun = options.dry_run ?? false;
  const now = Date.now();
  const { data_retention: dataDays, audit_retention: auditDays } = ctx.options.compliance;
  const dataCut = cutoff(now, dataDays);
  const auditCut = cutoff(now, auditDays);
  const skipped: string[] = [];
  const deleted: Record<string, number> = {};
  await ctx.db.transaction(async (tx) => {
    if (options.include_data === false) skipped.push('data: include_data is false');
    else if (!dataCut) skipped.push('data: settings.enterprise.compliance.data_retention is not set');
    else {
      const runs = await runsTarget(tx);
      for (const target of runs ? [...DATA_TARGETS, runs] : DATA_TARGETS) deleted[target.table] = await apply(tx, target, dataCut, dryRun);
    }
    if (!options.include_audit) skipped.push('audit_log: include_audit is false');
    else if (!auditCut) skipped.push('audit_log: settings.enterprise.compliance.audit_retention is not set');
    else deleted.audit_log = await apply(tx, { table: 'audit_log', where: 'at < $1' }, auditCut, dryRun);
    if (!dryRun) {
      await audit(tx, actor, {
        action: 'data.cleaned_up',
        details: { deleted, include_data: options.include_data ?? true, include_audit: options.include_audit ?? false, data_retention: dataDays ?? null, audit_retention: auditDays ?? null },
      });
    }
  });
  return { dry_run: dryRun, deleted, cutoffs: { data: dataCut?.toISOString() ?? null, audit: auditCut?.toISOString() ?? null }, skipped };
}
