import path from 'node:path';
import { test, expect } from '@playwright/test';
import { cdnLink, cloudOptionsFromSettings, DEFAULT_SYNC_INTERVAL_SECONDS } from '@panoptic/cloud';

// enable_sync / sync_interval, enable_cdn / cdn_endpoint and backup_locations as store options.

const base = path.resolve('/suites/shop');

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

test('enable_sync takes sync_interval in seconds (the guide writes 300), five minutes when unset; off without enable_sync', () => {
  expect(cloudOptionsFromSettings({ bucket: 's', enable_sync: true, sync_interval: 300 }, {}, base).syncIntervalSeconds).toBe(300);
  expect(cloudOptionsFromSettings({ bucket: 's', enable_sync: true }, {}, base).syncIntervalSeconds).toBe(DEFAULT_SYNC_INTERVAL_SECONDS);
  expect(DEFAULT_SYNC_INTERVAL_SECONDS).toBe(300);
  expect(cloudOptionsFromSettings({ bucket: 's', sync_interval: 60 }, {}, base).syncIntervalSeconds).toBeUndefined();
});

test('enable_cdn needs cdn_endpoint, an http(s) URL; links are <cdn>/<key> with each segment encoded', () => {
  expect(cloudOptionsFromSettings({ bucket: 's', enable_cdn: true, cdn_endpoint: 'https://cdn.example.com/runs/' }, {}, base).cdnEndpoint).toBe('https://cdn.example.com/runs');
  expect(cloudOptionsFromSettings({ bucket: 's', enable_cdn: false, cdn_endpoint: 'https://cdn.example.com' }, {}, base).cdnEndpoint).toBeUndefined();
  expect(messageOf(() => cloudOptionsFromSettings({ bucket: 's', enable_cdn: true }, {}, base))).toMatch(/settings\.cloud\.enable_cdn is on but settings\.cloud\.cdn_endpoint is not set/);
  expect(messageOf(() => cloudOptionsFromSettings({ bucket: 's', enable_cdn: true, cdn_endpoint: 'ftp://cdn' }, {}, base))).toMatch(/^settings\.cloud\.cdn_endpoint: expected an http or https URL/);
  expect(cdnLink('https://cdn.example.com/runs', 'panoptic/shop/r 1/report/index.html')).toBe('https://cdn.example.com/runs/panoptic/shop/r%201/report/index.html');
});

test('backup_locations: a folder, a URL that signs in as the primary does, or a map; each with the primary transfer settings', () => {
  const primary = {
    provider: 'aws',
    bucket: 'main',
    endpoint: 'http://127.0.0.1:9000',
    region: 'eu-west-1',
    access_key: 'AKIAEXAMPLE',
    secret_key: 'secret-example',
    retry_attempts: 1,
    encryption: true,
    kms_key_id: 'alias/panoptic',
    backup_locations: ['copies', 's3://other', 'azure://box', { provider: 'aws', bucket: 'third', endpoint: 'http://127.0.0.1:9001', access_key: 'K2', secret_key: 'S2' }],
  } as const;
  const env = { AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' };
  const [folder, sameKind, otherKind, map] = cloudOptionsFromSettings(primary, env, base).backups ?? [];
  expect(folder).toMatchObject({ provider: 'local', bucket: path.join(base, 'copies') });
  expect(sameKind).toMatchObject({ provider: 's3', bucket: 'other', endpoint: 'http://127.0.0.1:9000', region: 'eu-west-1', accessKey: 'AKIAEXAMPLE' });
  expect(otherKind).toMatchObject({ provider: 'azure', bucket: 'box', connectionString: 'UseDevelopmentStorage=true' });
  expect(otherKind?.endpoint).toBeUndefined();
  // The primary's KMS key belongs to its account: a copy in the same service is encrypted with it.
  expect(sameKind?.encryption?.s3).toEqual({ mode: 'aws:kms', kmsKeyId: 'alias/panoptic' });
  expect(otherKind?.encryption).toBeUndefined();
  expect(folder?.encryption).toBeUndefined();
  expect(map).toMatchObject({ provider: 's3', bucket: 'third', endpoint: 'http://127.0.0.1:9001', accessKey: 'K2' });
  for (const backup of [folder, sameKind, otherKind, map]) expect(backup?.transfer.retryAttempts).toBe(1);
});

test('a backup location that cannot be a store says which entry and why', () => {
  expect(messageOf(() => cloudOptionsFromSettings({ bucket: 's', backup_locations: ['ftp://x'] }, {}, base))).toMatch(/^settings\.cloud\.backup_locations\[0\]: unknown scheme ftp:/);
  expect(messageOf(() => cloudOptionsFromSettings({ bucket: 's', backup_locations: ['copies', 's3://a/b'] }, {}, base))).toMatch(/^settings\.cloud\.backup_locations\[1\]: expected s3:\/\/<name>/);
  expect(messageOf(() => cloudOptionsFromSettings({ bucket: 's', backup_locations: [{ provider: 'gcp', bucket: 'g' }] }, {}, base))).toMatch(
    /^settings\.cloud\.backup_locations\[0\]\.provider "gcp" needs HMAC keys/,
  );
});
