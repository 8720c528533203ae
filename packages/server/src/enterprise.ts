import { openDatabase } from './db/open.js';
import { backupDatabase, type BackupResult } from './backup/backup.js';
import { checkBackupConfig, type BackupConfig } from './backup/config.js';
import { createApiKey, type ApiKey, type NewApiKey } from './domain/api-keys.js';
import { cleanupData, type CleanupOptions, type CleanupReport } from './domain/cleanup.js';
import { complianceCheck, type ComplianceReport } from './domain/compliance.js';
import { licenseInfo } from './domain/licence.js';
import { audit, listAudit, type AuditEntry, type AuditQuery } from './domain/audit.js';
import type { Context } from './domain/context.js';
import { DomainError } from './domain/errors.js';
import { createGroup, setMember, type Group, type GroupInput, type GroupKind } from './domain/groups.js';
import { login } from './domain/login.js';
import { createUser, type NewUser, type Principal, type User } from './domain/users.js';
import type { ServerOptions } from './options.js';

/**
 * The enterprise domain opened on a database folder (or DATABASE_URL) in this process, as a suite's
 * actions use it without a running server. Whoever can open the data folder owns the data, so the
 * suite acts as an administrator named after it; the audit log names it on every change it makes.
 */
export interface Enterprise {
  status(): Promise<EnterpriseStatus>;
  createUser(input: NewUser): Promise<User>;
  /** Checks a password through the server's login (lockout, delays and audit included); no session is kept. */
  authenticate(username: string, password: string): Promise<{ user_id: number; expires_at: string }>;
  createGroup(kind: GroupKind, input: GroupInput): Promise<Group>;
  addMember(kind: GroupKind, id: number, userId: number): Promise<Group>;
  createApiKey(input: NewApiKey): Promise<ApiKey & { key: string }>;
  audit(query: AuditQuery): Promise<{ items: AuditEntry[]; total: number }>;
  backup(config: BackupConfig): Promise<BackupResult>;
  compliance(standards?: readonly string[]): Promise<ComplianceReport>;
  /** The licence (never its key) and usage against its limits. */
  license(): Promise<Record<string, unknown>>;
  cleanup(options: CleanupOptions): Promise<CleanupReport>;
  /** The id of the user, project or team with this name. */
  idOf(kind: 'user' | GroupKind, name: string): Promise<number>;
  close(): Promise<void>;
}

export interface EnterpriseStatus {
  organization: { name: string; domain: string | null };
  database: 'pglite' | 'postgres';
  users: { total: number; active: number; by_role: Record<string, number> };
  projects: number;
  teams: number;
  api_keys: { total: number; enabled: number };
  limits: { max_users: number; max_projects: number; max_api_keys: number; api_rate_limit: number };
}

const TABLES = { user: ['users', 'username'], project: ['projects', 'name'], team: ['teams', 'name'] } as const;

/** Opens (creating and migrating when new) the database of `options`; the organisation is created on first use. */
export async function openEnterprise(options: ServerOptions, actorName: string): Promise<Enterprise> {
  const { db } = await openDatabase(options);
  const ctx: Context = { db, options };
  // Id 0 is no user: audit rows keep the suite's name, and nothing can sign in as it.
  const actor: Principal = { id: 0, name: actorName, role: 'admin' };
  try {
    await ensureOrganization(ctx, actor);
  } catch (error) {
    await db.close();
    throw error;
  }
  const count = async (sql: string): Promise<number> => Number((await db.query<{ n: number }>(sql))[0]?.n ?? 0);
  return {
    async status() {
      const [org] = await db.query<{ name: string; domain: string | null }>('SELECT name, domain FROM organizations ORDER BY id LIMIT 1');
      const roles = await db.query<{ role: string; n: number; active: number }>('SELECT role, count(*)::int AS n, count(*) FILTER (WHERE active)::int AS active FROM users GROUP BY role ORDER BY role');
      return {
        organization: { name: org!.name, domain: org!.domain },
        database: db.kind,
        users: { total: roles.reduce((sum, r) => sum + r.n, 0), active: roles.reduce((sum, r) => sum + r.active, 0), by_role: Object.fromEntries(roles.map((r) => [r.role, r.n])) },
        projects: await count('SELECT count(*)::int AS n FROM projects'),
        teams: await count('SELECT count(*)::int AS n FROM teams'),
        api_keys: { total: await count('SELECT count(*)::int AS n FROM api_keys'), enabled: await count('SELECT count(*)::int AS n FROM api_keys WHERE enabled') },
        limits: { max_users: options.max_users, max_projects: options.max_projects, max_api_keys: options.max_api_keys, api_rate_limit: options.api_rate_limit },
      };
    },
    createUser: (input) => createUser(ctx, actor, input),
    async authenticate(username, password) {
      const { user_id, expires_at } = await login(ctx, { username, password });
      return { user_id, expires_at };
    },
    createGroup(kind, input) {
      const field = kind === 'project' ? 'owner_id' : 'lead_id';
      if (input.person === undefined) throw new DomainError(400, `${kind}_create in a suite has no signed-in user to make the ${field}: set parameters.${field}`);
      return createGroup(ctx, actor, kind, input);
    },
    addMember: (kind, id, userId) => setMember(ctx, actor, kind, id, userId, true),
    createApiKey(input) {
      if (input.user_id === undefined) throw new DomainError(400, 'api_key_create in a suite has no signed-in user to own the key: set parameters.user_id');
      return createApiKey(ctx, actor, input);
    },
    audit: (query) => listAudit(db, query),
    backup(config) {
      checkBackupConfig(config);
      return backupDatabase(db, { locations: config.locations ?? [], cloud: config.cloud, baseDir: config.base_dir, retention_days: config.retention_days, actor });
    },
    compliance: (standards) => complianceCheck(ctx, standards),
    license: () => licenseInfo(ctx),
    cleanup: (cleanupOptions) => cleanupData(ctx, actor, cleanupOptions),
    async idOf(kind, name) {
      const [table, column] = TABLES[kind];
      const [row] = await db.query<{ id: number }>(`SELECT id FROM ${table} WHERE ${column} = $1`, [name]);
      if (!row) throw new DomainError(404, `no ${kind} named "${name}"`);
      return row.id;
    },
    close: () => db.close(),
  };
}

/** A suite's database needs no `panoptic server init`: its organisation comes from settings.enterprise; its users from user_create. */
async function ensureOrganization(ctx: Context, actor: Principal): Promise<void> {
  await ctx.db.transaction(async (q) => {
    await q.query('LOCK TABLE organizations IN EXCLUSIVE MODE');
    const [existing] = await q.query('SELECT 1 FROM organizations LIMIT 1');
    if (existing) return;
    const [org] = await q.query<{ id: number }>('INSERT INTO organizations (name, domain) VALUES ($1, $2) RETURNING id', [ctx.options.organization_name, ctx.options.domain ?? null]);
    await audit(q, actor, { action: 'organization.created', target_type: 'organization', target_id: org!.id, details: { name: ctx.options.organization_name } });
  });
}
