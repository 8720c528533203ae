import type { Context } from './context.js';
import { DomainError } from './errors.js';
import { STANDARDS, findStandard, type StandardRules } from './standards.js';

// compliance_check: each finding is computed from the configuration and the data at the time of the
// call, with its evidence (values, counts, ids) and the rule and source it was judged by. No score.

export interface Finding {
  standard: string;
  check: string;
  passed: boolean;
  /** What the standard needs, in words. */
  rule: string;
  source: string;
  evidence: Record<string, unknown>;
}

export interface ComplianceReport {
  checked_at: string;
  standards: string[];
  passed: number;
  failed: number;
  findings: Finding[];
}

interface Facts {
  now: number;
  users: { id: number; username: string; role: string; last_seen: number; last_login_at: string | null }[];
  keysWithoutExpiry: { id: number; name: string; user_id: number }[];
  transit: { encrypted: boolean; how: string };
}

const DAY = 86_400_000;

async function gatherFacts(ctx: Context): Promise<Facts> {
  const users = await ctx.db.query<{ id: number; username: string; role: string; last_login_at: Date | null; created_at: Date }>(
    'SELECT id, username, role, last_login_at, created_at FROM users WHERE active ORDER BY id',
  );
  const keys = await ctx.db.query<{ id: number; name: string; user_id: number }>('SELECT id, name, user_id FROM api_keys WHERE enabled AND expires_at IS NULL ORDER BY id');
  return {
    now: Date.now(),
    // A user who never signed in counts from the account's creation.
    users: users.map((u) => ({ id: u.id, username: u.username, role: u.role, last_seen: new Date(u.last_login_at ?? u.created_at).getTime(), last_login_at: u.last_login_at ? new Date(u.last_login_at).toISOString() : null })),
    keysWithoutExpiry: keys,
    transit: transitEncryption(ctx),
  };
}

/** PGlite runs in the server's process (no connection to encrypt); a PostgreSQL URL must ask for TLS. */
function transitEncryption(ctx: Context): Facts['transit'] {
  if (!ctx.options.database_url) return { encrypted: true, how: 'embedded PGlite: no network connection' };
  const mode = URL.canParse(ctx.options.database_url) ? new URL(ctx.options.database_url).searchParams.get('sslmode') : null;
  const encrypted = mode !== null && ['require', 'verify-ca', 'verify-full'].includes(mode);
  return { encrypted, how: `DATABASE_URL sslmode=${mode ?? '(not set)'}` };
}

function staleUsers(facts: Facts, days: number, role?: string): { id: number; username: string; last_login_at: string | null }[] {
  return facts.users
    .filter((u) => (role === undefined || u.role === role) && facts.now - u.last_seen > days * DAY)
    .map(({ id, username, last_login_at }) => ({ id, username, last_login_at }));
}

function evaluate(ctx: Context, name: string, rules: StandardRules, facts: Facts): Finding[] {
  const policy = ctx.options.password_policy;
  const { compliance } = ctx.options;
  const classes = ['require_uppercase', 'require_lowercase', 'require_numbers', 'require_symbols'] as const;
  const required = classes.filter((c) => policy[c]);
  const finding = (check: string, passed: boolean, rule: string, key: string, evidence: Record<string, unknown>): Finding => ({
    standard: name, check, passed, rule, source: rules.sources[key] ?? '', evidence,
  });
  const retention = compliance.audit_retention;
  const inactive = staleUsers(facts, rules.inactive_days);
  const admins = staleUsers(facts, rules.admin_login_days, 'admin');
  const findings = [
    finding('password.min_length', policy.min_length >= rules.min_length, `at least ${rules.min_length} characters`, 'min_length', { min_length: policy.min_length }),
    finding('password.character_classes', required.length >= rules.min_classes, `at least ${rules.min_classes} character classes required`, 'min_classes', { required_classes: required }),
    finding('password.max_age_days', rules.max_age_days === 0 || (policy.max_age_days > 0 && policy.max_age_days <= rules.max_age_days),
      rules.max_age_days ? `passwords expire within ${rules.max_age_days} days` : 'no expiry required', 'max_age_days', { max_age_days: policy.max_age_days }),
    finding('password.max_history', policy.max_history >= rules.min_history, `a new password differs from the last ${rules.min_history}`, 'min_history', { max_history: policy.max_history }),
    finding('audit.retention', (retention === undefined ? Infinity : retention) >= rules.audit_min_days && (!rules.audit_bounded || retention !== undefined),
      `${rules.audit_min_days ? `audit records kept at least ${rules.audit_min_days} days` : 'no minimum'}${rules.audit_bounded ? ', with a finite retention configured' : ''}`,
      rules.audit_bounded ? 'audit_bounded' : 'audit_min_days', { audit_retention: retention ?? null }),
    finding('users.inactive', inactive.length === 0, `no active account unused for more than ${rules.inactive_days} days`, 'inactive_days', { inactive_days: rules.inactive_days, count: inactive.length, users: inactive }),
    finding('admins.recent_login', admins.length === 0, `every admin signed in within ${rules.admin_login_days} days`, 'admin_login_days', { count: admins.length, admins }),
    finding('api_keys.expiry', !rules.key_expiry || facts.keysWithoutExpiry.length === 0, rules.key_expiry ? 'every enabled API key has an expiry' : 'not required', 'key_expiry',
      { count: facts.keysWithoutExpiry.length, keys: facts.keysWithoutExpiry }),
  ];
  const encrypted = compliance.data_encryption === true && compliance.audit_encryption === true && facts.transit.encrypted;
  findings.push(finding('encryption', !rules.encryption || encrypted, rules.encryption ? 'data and audit log encrypted at rest (by the storage), connections encrypted' : 'not required', 'encryption', {
    data_encryption: compliance.data_encryption ?? false,
    audit_encryption: compliance.audit_encryption ?? false,
    transit: facts.transit.how,
    transit_encrypted: facts.transit.encrypted,
  }));
  return findings;
}

/**
 * Checks the named standards (default: settings.enterprise.compliance.standards, else all known);
 * an unknown name is refused with the known ones.
 */
export async function complianceCheck(ctx: Context, standards?: readonly string[]): Promise<ComplianceReport> {
  const names = standards?.length ? standards : ctx.options.compliance.standards?.length ? ctx.options.compliance.standards : Object.keys(STANDARDS);
  const resolved = names.map((name) => {
    const found = findStandard(name);
    if (!found) throw new DomainError(400, `unknown compliance standard "${name}": use ${Object.keys(STANDARDS).join(', ')}`);
    return found;
  });
  const facts = await gatherFacts(ctx);
  const findings = resolved.flatMap(([name, rules]) => evaluate(ctx, name, rules, facts));
  const passed = findings.filter((f) => f.passed).length;
  return { checked_at: new Date(facts.now).toISOString(), standards: resolved.map(([name]) => name), passed, failed: findings.length - passed, findings };
}
