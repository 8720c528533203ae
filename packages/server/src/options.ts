import path from 'node:path';
import { z } from 'zod';
import { ROLES } from './domain/permissions.js';
import { slackFromSettings, slackOptionsSchema } from './domain/notify-slack.js';
import { webhookFromSettings, webhookOptionsSchema } from './domain/webhook-options.js';
import { oidcFromSettings, type OidcSettingsInput } from './domain/oidc-settings.js';

// Every option of the server with its default, in one place. They come from `settings.enterprise` of a
// suite (same key names) and from flags and the environment; `resolveServerOptions` validates them all.

export const passwordPolicySchema = z.strictObject({
  min_length: z.number().int().min(1).max(1024).default(12),
  require_uppercase: z.boolean().default(true),
  require_lowercase: z.boolean().default(true),
  require_numbers: z.boolean().default(true),
  require_symbols: z.boolean().default(false),
  /** 0: passwords never expire. */
  max_age_days: z.number().int().nonnegative().default(0),
  /** How many earlier passwords of a user a new one must differ from (0: no check). */
  max_history: z.number().int().nonnegative().max(100).default(5),
});

export const lockoutSchema = z.strictObject({
  /** Failed logins of one user within `window_minutes` that lock the account. */
  max_failures: z.number().int().min(1).default(5),
  window_minutes: z.number().positive().default(15),
  lock_minutes: z.number().positive().default(15),
  /** The first failure's added delay; it doubles with each recent failure, up to `max_delay_ms`. */
  delay_ms: z.number().int().nonnegative().default(50),
  max_delay_ms: z.number().int().nonnegative().default(3000),
});

const optionalText = z.string().optional();
const optionalCount = z.number().int().nonnegative().optional();

/** settings.enterprise.license. `key` is a signed token (licence.ts) and is never shown; `public_key` verifies it. */
export const licenseSchema = z.strictObject({
  key: optionalText,
  type: optionalText,
  expires_at: optionalText,
  features: z.array(z.string()).optional(),
  max_users: optionalCount,
  max_projects: optionalCount,
  max_api_keys: optionalCount,
  validation_url: optionalText,
  /** An Ed25519 public key (PEM); PANOPTIC_LICENSE_PUBLIC_KEY wins. Without one the key is reported as not verified. */
  public_key: optionalText,
});

/** settings.enterprise.compliance. Retentions are days; absent: kept for ever (cleanup deletes nothing of it). */
export const complianceSchema = z.strictObject({
  enabled: z.boolean().optional(),
  standards: z.array(z.string()).optional(),
  data_retention: optionalCount,
  audit_retention: optionalCount,
  data_encryption: z.boolean().optional(),
  audit_encryption: z.boolean().optional(),
  require_approval: z.boolean().optional(),
  approval_workflow: z.array(z.string()).optional(),
});

/** The OpenID Connect client of auth_method sso or oauth2, from settings.enterprise.integration.<method> (oidc-options.ts). */
export const oidcSchema = z.strictObject({
  issuer: z.url({ protocol: /^https?$/ }),
  client_id: z.string().min(1),
  /** The variable the secret is read from; start refuses when it is named but unset. */
  client_secret_env: z.string().min(1).optional(),
  /** Read from that variable; absent: a public client (PKCE only). Never logged. */
  client_secret: z.string().min(1).optional(),
  /** This server's /api/v1/auth/oidc/callback as the provider knows it. */
  redirect_url: z.url({ protocol: /^https?$/ }),
  scopes: z.array(z.string().min(1)).refine((scopes) => scopes.includes('openid'), 'must include "openid"').default(['openid', 'email', 'profile']),
});

export const serverOptionsSchema = z.strictObject({
  /** PGlite's data folder; unused when `database_url` is set. */
  data_dir: z.string().min(1).default(path.join('.panoptic', 'server')),
  /** A PostgreSQL connection string (DATABASE_URL); wins over `data_dir`. */
  database_url: z.string().min(1).optional(),
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(8080),
  organization_name: z.string().min(1).default('Panoptic'),
  domain: z.string().optional(),
  /** The role of a user created without one. */
  default_role: z.enum(ROLES).default('viewer'),
  /** Minutes a session lasts from login (fractions allowed). */
  session_timeout: z.number().positive().default(480),
  /** Minutes a session may go unused before it ends (0: never); Panoptic's addition. */
  session_idle_timeout: z.number().nonnegative().default(60),
  /** ldap is accepted here only for start to refuse it with what to use instead. */
  auth_method: z.enum(['local', 'ldap', 'sso', 'oauth2']).default('local'),
  /** Required when auth_method is sso or oauth2. */
  oidc: oidcSchema.optional(),
  password_policy: passwordPolicySchema.default(passwordPolicySchema.parse({})),
  lockout: lockoutSchema.default(lockoutSchema.parse({})),
  /** log2 of scrypt's cost N for new hashes; stored with each hash, so raising it later keeps old ones valid. */
  scrypt_cost: z.number().int().min(14).max(20).default(17),
  /** Limits of `settings.enterprise`; 0 or absent: no limit. */
  max_users: z.number().int().nonnegative().default(0),
  max_projects: z.number().int().nonnegative().default(0),
  max_api_keys: z.number().int().nonnegative().default(0),
  /** Requests per minute of an API key created without its own `rate_limit` (0: unlimited). */
  api_rate_limit: z.number().int().nonnegative().default(0),
  license: licenseSchema.optional(),
  compliance: complianceSchema.default({}),
  /** settings.enterprise.integration.webhook: signed deliveries of audit events and finished runs. */
  webhook: webhookOptionsSchema.optional(),
  /** settings.enterprise.integration.slack: a chat message when a complete run fails a quality gate or brings a new failure. */
  slack: slackOptionsSchema.optional(),
  /** Request logging (JSON lines on stdout); secrets are never logged either way. */
  log: z.boolean().default(true),
});

export type ServerOptions = z.infer<typeof serverOptionsSchema>;
export type PasswordPolicy = z.infer<typeof passwordPolicySchema>;
export type LockoutOptions = z.infer<typeof lockoutSchema>;
export type LicenseOptions = z.infer<typeof licenseSchema>;
export type ComplianceOptions = z.infer<typeof complianceSchema>;
export type OidcOptions = z.infer<typeof oidcSchema>;
export type OidcOptionsInput = z.input<typeof oidcSchema>;
export type ServerOptionsInput = z.input<typeof serverOptionsSchema>;

/** The keys of `settings.enterprise` the server reads; the others are for later parts of the server. */
export interface EnterpriseSettingsInput {
  organization_name?: string | undefined;
  domain?: string | undefined;
  default_role?: string | undefined;
  storage_path?: string | undefined;
  session_timeout?: number | undefined;
  session_idle_timeout?: number | undefined;
  auth_method?: string | undefined;
  integration?: { sso?: OidcSettingsInput | undefined; oauth2?: OidcSettingsInput | undefined; [other: string]: unknown } | undefined;
  password_policy?: Partial<PasswordPolicy> | undefined;
  max_users?: number | undefined;
  max_projects?: number | undefined;
  max_api_keys?: number | undefined;
  api_rate_limit?: number | undefined;
  license?: Partial<LicenseOptions> | undefined;
  compliance?: Partial<ComplianceOptions> | undefined;
}

export interface ResolveInput {
  /** `settings.enterprise` of a suite, with `storage_path` already resolved against the suite's folder. */
  enterprise?: EnterpriseSettingsInput | undefined;
  /** Flags and other explicit choices: they win over the suite. */
  overrides?: Partial<ServerOptionsInput> | undefined;
  env?: NodeJS.ProcessEnv;
  /** Relative data folders resolve against it. */
  cwd?: string;
}

/** The server's options: defaults < suite's `settings.enterprise` < flags < DATABASE_URL. */
export function resolveServerOptions(input: ResolveInput = {}): ServerOptions {
  const env = input.env ?? process.env;
  const enterprise = input.enterprise ?? {};
  const fromSuite: Partial<ServerOptionsInput> = dropUndefined({
    organization_name: enterprise.organization_name,
    domain: enterprise.domain,
    default_role: enterprise.default_role as ServerOptionsInput['default_role'],
    data_dir: enterprise.storage_path,
    session_timeout: enterprise.session_timeout,
    session_idle_timeout: enterprise.session_idle_timeout,
    auth_method: enterprise.auth_method as ServerOptionsInput['auth_method'],
    oidc: oidcFromSettings(enterprise, env),
    password_policy: enterprise.password_policy ? dropUndefined(enterprise.password_policy) : undefined,
    max_users: enterprise.max_users,
    max_projects: enterprise.max_projects,
    max_api_keys: enterprise.max_api_keys,
    api_rate_limit: enterprise.api_rate_limit,
    license: enterprise.license ? dropUndefined(enterprise.license) : undefined,
    compliance: enterprise.compliance ? dropUndefined(enterprise.compliance) : undefined,
    webhook: webhookFromSettings(enterprise),
    slack: slackFromSettings(enterprise),
  });
  const merged = { ...fromSuite, ...dropUndefined(input.overrides ?? {}) };
  if (env.DATABASE_URL) merged.database_url = env.DATABASE_URL;
  // Lower costs make test suites and slow machines quicker; hashes keep their own cost, so this is safe to change.
  if (env.PANOPTIC_LICENSE_PUBLIC_KEY) merged.license = { ...merged.license, public_key: env.PANOPTIC_LICENSE_PUBLIC_KEY };
  if (env.PANOPTIC_SCRYPT_COST) merged.scrypt_cost = Number(env.PANOPTIC_SCRYPT_COST);
  const parsed = serverOptionsSchema.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(options)'}: ${issue.message}`);
    throw new Error(`invalid server options:\n  ${problems.join('\n  ')}`);
  }
  const method = parsed.data.auth_method;
  if ((method === 'sso' || method === 'oauth2') && !parsed.data.oidc) {
    throw new Error(`invalid server options:\n  auth_method ${method} signs in with OpenID Connect: set settings.enterprise.integration.${method} (issuer, client_id, redirect_url)`);
  }
  return { ...parsed.data, data_dir: path.resolve(input.cwd ?? process.cwd(), parsed.data.data_dir) };
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
