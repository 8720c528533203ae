import crypto from 'node:crypto';
import type { LicenseOptions, ServerOptions } from '../options.js';
import type { Context } from './context.js';

// A licence key is a signed token: base64url(JSON payload) "." base64url(Ed25519 signature of those
// payload bytes). Only an operator-configured public key can verify it; without one the licence is
// reported as written in the settings and plainly "not verified". The key itself is never returned.

export interface LicenseTerms {
  type?: string | undefined;
  licensee?: string | undefined;
  max_users?: number | undefined;
  max_projects?: number | undefined;
  max_api_keys?: number | undefined;
  expires_at?: string | undefined;
  features?: string[] | undefined;
}

export type Verification =
  | { status: 'verified' }
  | { status: 'not_verified'; reason: string }
  | { status: 'invalid'; reason: string };

export interface ResolvedLicense {
  configured: boolean;
  terms: LicenseTerms;
  verification: Verification;
}

const LIMIT_KINDS = ['users', 'projects', 'api_keys'] as const;
export type LimitKind = (typeof LIMIT_KINDS)[number];

/** Signs `terms` into a licence key; for vendors and tests (the server only verifies). */
export function signLicense(terms: LicenseTerms, privateKey: crypto.KeyObject): string {
  const payload = Buffer.from(JSON.stringify(terms));
  return `${payload.toString('base64url')}.${crypto.sign(null, payload, privateKey).toString('base64url')}`;
}

function verifyKey(key: string, publicKeyPem: string): { terms?: LicenseTerms; verification: Verification } {
  let publicKey: crypto.KeyObject;
  try {
    publicKey = crypto.createPublicKey(publicKeyPem);
  } catch (error) {
    return { verification: { status: 'invalid', reason: `license.public_key is not a PEM public key: ${(error as Error).message}` } };
  }
  if (publicKey.asymmetricKeyType !== 'ed25519') return { verification: { status: 'invalid', reason: `license.public_key is ${publicKey.asymmetricKeyType ?? 'unknown'}, not Ed25519` } };
  const [payload, signature, extra] = key.split('.');
  if (!payload || !signature || extra !== undefined) return { verification: { status: 'invalid', reason: 'the licence key is not a signed token (payload.signature)' } };
  const bytes = Buffer.from(payload, 'base64url');
  if (!crypto.verify(null, bytes, publicKey, Buffer.from(signature, 'base64url'))) {
    return { verification: { status: 'invalid', reason: 'the licence key does not match its signature: it was altered or signed by another key' } };
  }
  try {
    return { terms: JSON.parse(bytes.toString('utf8')) as LicenseTerms, verification: { status: 'verified' } };
  } catch {
    return { verification: { status: 'invalid', reason: 'the signed licence payload is not JSON' } };
  }
}

/**
 * The licence in force: a verified key's signed terms win over the settings' fields (which anyone can
 * edit); otherwise the settings' fields, with the reason they are not verified.
 */
export function resolveLicense(license: LicenseOptions | undefined): ResolvedLicense {
  const { key, public_key: publicKey, validation_url: _url, ...fields } = license ?? {};
  const configured: LicenseTerms = fields;
  if (!license) return { configured: false, terms: {}, verification: { status: 'not_verified', reason: 'no licence configured (settings.enterprise.license)' } };
  if (!key) return { configured: true, terms: configured, verification: { status: 'not_verified', reason: 'no licence key configured' } };
  if (!publicKey) return { configured: true, terms: configured, verification: { status: 'not_verified', reason: 'not verified: no public key configured (license.public_key or PANOPTIC_LICENSE_PUBLIC_KEY)' } };
  const result = verifyKey(key, publicKey);
  return { configured: true, terms: result.terms ?? configured, verification: result.verification };
}

/** The limit that applies to `kind`: the lower of settings.enterprise.max_* and the licence's (0 or absent: none). */
export function effectiveLimit(options: ServerOptions, kind: LimitKind): { limit: number; source: string } {
  const own = options[`max_${kind}`];
  const licensed = resolveLicense(options.license).terms[`max_${kind}`] ?? 0;
  if (licensed && (!own || licensed < own)) return { limit: licensed, source: `settings.enterprise.license.max_${kind}` };
  return { limit: own, source: `settings.enterprise.max_${kind}` };
}

/** license_info: the licence (never its key), its verification, expiry and real usage against each limit. */
export async function licenseInfo(ctx: Context): Promise<Record<string, unknown>> {
  const license = resolveLicense(ctx.options.license);
  const [counts] = await ctx.db.query<Record<LimitKind, number>>(
    'SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM projects) AS projects, (SELECT count(*)::int FROM api_keys) AS api_keys',
  );
  const usage = Object.fromEntries(
    LIMIT_KINDS.map((kind) => {
      const used = counts?.[kind] ?? 0;
      const { limit, source } = effectiveLimit(ctx.options, kind);
      return [kind, { used, limit: limit || null, limit_source: limit ? source : null, remaining: limit ? Math.max(limit - used, 0) : null, exceeded: limit ? used > limit : false }];
    }),
  );
  const expires = license.terms.expires_at ? new Date(license.terms.expires_at) : undefined;
  const expired = expires && !Number.isNaN(expires.getTime()) ? expires.getTime() < Date.now() : undefined;
  return {
    configured: license.configured,
    type: license.terms.type ?? null,
    licensee: license.terms.licensee ?? null,
    expires_at: license.terms.expires_at ?? null,
    expired: expired ?? null,
    features: license.terms.features ?? [],
    verification: license.verification,
    usage,
  };
}
