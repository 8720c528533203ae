import fs from 'node:fs';
import path from 'node:path';
import type { CommandIo } from '../command-io.js';
import { CommandError, reportErrors } from '../command-error.js';
import { CLI_ACTOR } from './server-backup-config.js';
import { describeDatabase, loadServerPackage, serverOptionsFrom, type ServerFlags } from './server-options.js';

export interface ServerAuditExportFlags extends ServerFlags {
  format?: string;
  out?: string;
  user?: string;
  action?: string;
  since?: string;
  until?: string;
}

/** `panoptic server audit-export`: the audit log (filtered) as a JSON or CSV file, or on stdout without --out. */
export async function serverAuditExportCommand(flags: ServerAuditExportFlags, io: CommandIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  return reportErrors(io, async () => {
    const format = flags.format ?? 'json';
    if (format !== 'json' && format !== 'csv') throw new CommandError([`--format ${format}: use json or csv`]);
    for (const [name, value] of [['--since', flags.since], ['--until', flags.until]] as const) {
      if (value !== undefined && Number.isNaN(Date.parse(value))) throw new CommandError([`${name} ${value} is not a date: use an ISO 8601 date or date-time, e.g. 2026-12-01T00:00:00Z`]);
    }
    const options = await serverOptionsFrom(flags, { log: false }, io);
    const { exportAuditAt } = await loadServerPackage();
    const file = await exportAuditAt(options, CLI_ACTOR, format, { user: flags.user, action: flags.action, since: flags.since, until: flags.until });
    if (flags.out === undefined) {
      stdout.write(file.body);
      return 0;
    }
    const out = path.resolve(io.cwd ?? process.cwd(), flags.out);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, file.body);
    stderr.write(`Exported ${file.count} audit entries from ${describeDatabase(options)} to ${out} (${format})\n`);
    return 0;
  });
}
