import type { Command } from 'commander';
import { serverInitCommand, type ServerInitFlags } from './server-init.js';
import { serverStartCommand, type ServerStartFlags } from './server-start.js';
import { serverBackupCommand, type ServerBackupFlags } from './server-backup.js';
import { serverRestoreCommand, type ServerRestoreFlags } from './server-restore.js';
import { serverAuditExportCommand, type ServerAuditExportFlags } from './server-audit-export.js';
import { serverPublishCommand, type ServerPublishFlags } from './server-publish.js';

const EXAMPLES = `
Examples:
  $ panoptic server init --org "Acme QA" --admin alice     # prints alice's generated password once
  $ panoptic server start --port 8080                       # PGlite in .panoptic/server
  $ DATABASE_URL=postgres://panoptic@db/panoptic panoptic server start
  $ panoptic server backup --to backups --to s3://acme-backups/panoptic --suite suite.yaml
  $ panoptic server restore --from backups --data .panoptic/restored       # the newest backup there
  $ panoptic server audit-export --format csv --since 2026-12-01T00:00:00Z --out audit.csv
  $ PANOPTIC_API_KEY=pk_… panoptic server publish panoptic-results --url https://panoptic.example --project shop

DATABASE_URL (a PostgreSQL server) wins over --data and settings.enterprise.storage_path.`;

const dataOption = ['--data <dir>', 'PGlite data folder (default: settings.enterprise.storage_path, else .panoptic/server)'] as const;
const suiteOption = ['--suite <file>', 'a YAML suite whose settings.enterprise configures the server'] as const;

/** `panoptic server init|start|backup|restore`: the results service with accounts, roles and an audit trail. */
export function addServerCommands(program: Command, setExitCode: (code: number) => void): void {
  const server = program.command('server').description('the Panoptic server: results, users, roles and audit on PostgreSQL (embedded PGlite by default)').addHelpText('after', EXAMPLES);
  // Every subcommand opens the database: where it is, and the suite that configures it.
  const onDatabase = (name: string, description: string) => server.command(name).description(description).option(...dataOption).option(...suiteOption);

  onDatabase('init', 'create the organisation and the first admin (a generated password, printed once, or PANOPTIC_ADMIN_PASSWORD); refuses a second time')
    .option('--org <name>', 'organisation name (default: settings.enterprise.organization_name, else Panoptic)')
    .option('--admin <username>', "the first admin's username", 'admin')
    .action(async (flags: ServerInitFlags) => setExitCode(await serverInitCommand(flags)));

  onDatabase('start', 'serve the API (under /api/v1, OpenAPI at /api/openapi.json) until interrupted')
    .option('--host <host>', 'address to listen on (default 127.0.0.1)')
    .option('--port <port>', 'port to listen on; 0 picks a free one (default 8080)')
    .option('--cleanup-every <interval>', 'apply compliance.data_retention and audit_retention at this interval while serving, e.g. 24h (s, m, h or d)')
    .action(async (flags: ServerStartFlags) => setExitCode(await serverStartCommand(flags)));

  onDatabase('backup', 'a consistent, gzip-compressed dump with a manifest (schema, tables, row counts, sha256), written to every settings.enterprise.backup_config location; prunes per retention_days')
    .option('--to <location>', 'a folder, s3://bucket/prefix or azure://container/prefix (repeatable; default: backup_config.locations)', (value: string, all: string[] = []) => [...all, value])
    .action(async (flags: ServerBackupFlags) => setExitCode(await serverBackupCommand(flags)));

  onDatabase('restore', 'check a backup (manifest, size, sha256, row counts) and load it into an empty database, in one transaction')
    .option('--from <location>', 'where the backup is (default: the first of backup_config.locations)')
    .option('--backup <name>', 'which backup, e.g. panoptic-backup-20261206T153000000Z (default: the newest)')
    .option('--force', 'replace the data of a database that has some')
    .action(async (flags: ServerRestoreFlags) => setExitCode(await serverRestoreCommand(flags)));

  onDatabase('audit-export', 'the audit log, newest first, filtered, as a JSON or CSV file (stdout without --out); the export is itself audited')
    .option('--format <format>', 'json or csv', 'json')
    .option('--out <file>', 'where to write it (default: stdout)')
    .option('--user <name>', 'only what this user (the actor) did')
    .option('--action <action>', 'only this action, e.g. auth.login_failed')
    .option('--since <date>', 'from this time on (ISO 8601)')
    .option('--until <date>', 'before this time (ISO 8601)')
    .action(async (flags: ServerAuditExportFlags) => setExitCode(await serverAuditExportCommand(flags)));

  server.command('publish <file-or-output-dir>').description("send runs the reporter saved when the server could not take them (<output>/.panoptic/publish); a sent file is deleted")
    .option('--url <url>', 'the Panoptic server (default: PANOPTIC_SERVER_URL)')
    .option('--project <name>', "the project's name or id (default: PANOPTIC_SERVER_PROJECT)")
    .option('--api-key-env <name>', 'the environment variable holding the API key', 'PANOPTIC_API_KEY')
    .option('--keep', 'keep the files once sent')
    .action(async (target: string, flags: ServerPublishFlags) => setExitCode(await serverPublishCommand(target, flags)));
}
