import { stringify } from 'csv-stringify/sync';
import { openDatabase } from '../db/open.js';
import type { ServerOptions } from '../options.js';
import { audit, listAudit, type Actor, type AuditEntry, type AuditQuery } from './audit.js';
import type { Context } from './context.js';

// The audit log exported whole (every entry the filters match, newest first) as a JSON or CSV file.
// Read through listAudit's pages so the export and the listing can never disagree on a filter.

export type AuditExportFormat = 'json' | 'csv';
export type AuditFilter = Omit<AuditQuery, 'page' | 'page_size'>;

const PAGE = 1000;
const COLUMNS = ['id', 'at', 'actor_id', 'actor_name', 'action', 'target_type', 'target_id', 'ip', 'details'] as const;

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return before one) as a
 * formula, and anyone can put text in the trail: a failed login records the username it was given.
 * Such a cell is written with a leading apostrophe, which spreadsheets show as text (OWASP's advice
 * for CSV injection).
 */
export function csvCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export interface AuditExport {
  content_type: string;
  filename: string;
  body: string;
  count: number;
}

async function allEntries(ctx: Context, filter: AuditFilter): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  // Entries written while the export pages through would shift the pages (newest first): stop at its start.
  const until = filter.until ?? new Date().toISOString();
  for (let page = 1; ; page++) {
    const { items, total } = await listAudit(ctx.db, { ...filter, until, page, page_size: PAGE });
    entries.push(...items);
    if (items.length < PAGE || entries.length >= total) return entries;
  }
}

/** Renders the matching entries; the export is itself audited (who took a copy of the trail, and which part). */
export async function exportAudit(ctx: Context, actor: Actor, format: AuditExportFormat, filter: AuditFilter): Promise<AuditExport> {
  const entries = await allEntries(ctx, filter);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const body =
    format === 'json'
      ? `${JSON.stringify({ exported_at: new Date().toISOString(), filter, count: entries.length, entries }, null, 2)}\n`
      : stringify(entries.map((e) => ({ ...e, details: JSON.stringify(e.details) })), { header: true, columns: [...COLUMNS], cast: { string: csvCell } });
  await audit(ctx.db, actor, { action: 'audit.exported', details: { format, count: entries.length, filter } });
  return {
    content_type: format === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8',
    filename: `audit-${stamp}.${format}`,
    body,
    count: entries.length,
  };
}

/** The export from outside a running server (`panoptic server audit-export`): opens the database the options name, exports, closes. */
export async function exportAuditAt(options: ServerOptions, actor: Actor, format: AuditExportFormat, filter: AuditFilter): Promise<AuditExport> {
  const { db } = await openDatabase(options);
  try {
    return await exportAudit({ db, options }, actor, format, filter);
  } finally {
    await db.close();
  }
}
