import crypto from 'node:crypto';
import { test, expect } from '@playwright/test';
import { resolveLicense, resolveServerOptions, signLicense, STANDARDS } from '@panoptic/server';
import { effectiveLimit } from '../../../packages/server/dist/domain/licence.js';
import { findStandard } from '../../../packages/server/dist/domain/standards.js';

const terms = { type: 'enterprise', licensee: 'Acme', max_users: 25, expires_at: '2030-01-01T00:00:00.000Z', features: ['sso'] };

function keyPair(): { privateKey: crypto.KeyObject; pem: string } {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  return { privateKey, pem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

test('a licence key signed by the configured public key verifies and its signed terms win over the settings', () => {
  const { privateKey, pem } = keyPair();
  const license = resolveLicense({ key: signLicense(terms, privateKey), type: 'free', max_users: 1000, public_key: pem });
  expect(license).toEqual({ configured: true, terms, verification: { status: 'verified' } });
});

test('a tampered licence key, or one signed by another key, is refused', () => {
  const { privateKey, pem } = keyPair();
  const [payload, signature] = signLicense(terms, privateKey).split('.');
  const forged = Buffer.from(JSON.stringify({ ...terms, max_users: 100_000 })).toString('base64url');
  const invalid = { status: 'invalid', reason: 'the licence key does not match its signature: it was altered or signed by another key' };
  expect(resolveLicense({ key: `${forged}.${signature}`, public_key: pem }).verification).toEqual(invalid);
  expect(resolveLicense({ key: signLicense(terms, keyPair().privateKey), public_key: pem }).verification).toEqual(invalid);
  expect(resolveLicense({ key: payload!, public_key: pem }).verification).toEqual({ status: 'invalid', reason: 'the licence key is not a signed token (payload.signature)' });
  const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
  expect(resolveLicense({ key: `${payload}.${signature}`, public_key: rsa }).verification).toEqual({ status: 'invalid', reason: 'license.public_key is rsa, not Ed25519' });
});

test('without a public key the licence is reported as configured and plainly not verified', () => {
  expect(resolveLicense({ key: 'anything', type: 'team', max_users: 5 })).toEqual({
    configured: true,
    terms: { type: 'team', max_users: 5 },
    verification: { status: 'not_verified', reason: 'not verified: no public key configured (license.public_key or PANOPTIC_LICENSE_PUBLIC_KEY)' },
  });
  expect(resolveLicense(undefined).verification).toEqual({ status: 'not_verified', reason: 'no licence configured (settings.enterprise.license)' });
});

test('the lower of max_* and the licence limit applies; the public key may come from the environment', () => {
  const options = resolveServerOptions({ enterprise: { max_users: 10, max_projects: 2, license: { max_users: 3, max_projects: 5 } }, env: { PANOPTIC_LICENSE_PUBLIC_KEY: 'pem' } });
  expect(effectiveLimit(options, 'users')).toEqual({ limit: 3, source: 'settings.enterprise.license.max_users' });
  expect(effectiveLimit(options, 'projects')).toEqual({ limit: 2, source: 'settings.enterprise.max_projects' });
  expect(effectiveLimit(options, 'api_keys')).toEqual({ limit: 0, source: 'settings.enterprise.max_api_keys' });
  expect(options.license?.public_key).toBe('pem');
});

test('standards are found by any spelling, and each rule names its source', () => {
  expect(['pci_dss', 'PCI-DSS', 'iso 27001', 'soc2', 'Hipaa', 'gdpr'].map((name) => findStandard(name)?.[0])).toEqual(['PCI-DSS', 'PCI-DSS', 'ISO27001', 'SOC2', 'HIPAA', 'GDPR']);
  expect(findStandard('FedRAMP')).toBeUndefined();
  for (const [name, rules] of Object.entries(STANDARDS)) {
    for (const key of ['min_length', 'min_classes', 'max_age_days', 'min_history', 'inactive_days', 'admin_login_days', 'key_expiry', 'encryption']) {
      expect(rules.sources[key], `${name}.${key}`).toBeTruthy();
    }
  }
});
