import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { cloudOptionsFromSettings, createProvider } from '@panoptic/cloud';
import { runPanoptic, writeProject } from '../helpers/inline.js';
import { runCli, readSummary } from '../helpers/reporter.js';
import { freePort, startAzurite, startS3rver, type AzuriteHandle, type S3rverHandle } from '../helpers/storage-servers.js';

// backup_locations: every upload of the run also goes to each backup store (Azurite, a folder), and
// a backup that is down is retried, reported, and neither fails the primary nor lets a local file go.

let s3: S3rverHandle;
let azurite: AzuriteHandle;

test.beforeAll(async () => {
  [s3, azurite] = await Promise.all([startS3rver('primary'), startAzurite('backups')]);
});

test.afterAll(async () => {
  await Promise.all([s3?.stop(), azurite?.stop()]);
});

async function storedKeys(settings: Record<string, unknown>, env: Record<string, string>, prefix: string): Promise<string[]> {
  const provider = await createProvider(cloudOptionsFromSettings(settings, env));
  const keys: string[] = [];
  for await (const object of provider.list(prefix)) keys.push(object.key);
  return keys.sort();
}

test('every uploaded file is in each backup; a backup that is down is a warning, the primary stands and local files stay', async () => {
  const env = { AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString() };
  const down = `http://127.0.0.1:${await freePort()}`;
  const primary = { provider: 'aws', bucket: s3.bucket, endpoint: s3.endpoint, region: 'us-east-1', access_key: s3.accessKey, secret_key: s3.secretKey };
  const cloud = {
    ...primary,
    retry_attempts: 1,
    retry_backoff_ms: 10,
    delete_local_after_sync: true,
    backup_locations: [`azure://${azurite.container}`, 'copies', { provider: 'aws', bucket: 'gone', endpoint: down, access_key: 'K', secret_key: 'S' }],
  };
  const dir = writeProject({
    'playwright.config.ts': `
import { defineConfig } from '@playwright/test';
export default defineConfig({ reporter: [['list'], ['@panoptic/reporter', ${JSON.stringify({ cloud })}]] });`,
    'a.spec.ts': `import { test } from '@playwright/test';\ntest('passes', async ({}, testInfo) => { await testInfo.attach('note', { body: 'hello', contentType: 'text/plain' }); });\n`,
  });
  const run = await runCli(dir, ['test'], { ...env, PANOPTIC_RUN_ID: 'b1' });
  expect(run.exitCode, run.output).toBe(0);

  const prefix = 'panoptic/default/b1/all/';
  // The store's own bookkeeping (the sync manifest, the run marker) is the primary's alone.
  const bookkeeping = /\.panoptic-manifest\.json$|panoptic-run\.json$/;
  const uploaded = (await storedKeys(primary, {}, prefix)).filter((key) => !bookkeeping.test(key));
  expect(uploaded).toEqual(expect.arrayContaining([`${prefix}report/index.html`, `${prefix}summary.md`, `${prefix}summary.json`]));
  expect(await storedKeys({ provider: 'azure', bucket: azurite.container }, env, prefix)).toEqual(uploaded);
  const copies = path.join(dir, 'copies');
  expect(await storedKeys({ provider: 'local', bucket: copies }, {}, prefix)).toEqual(uploaded);
  expect(fs.readFileSync(path.join(copies, ...`${prefix}summary.md`.split('/')), 'utf8')).toBe(fs.readFileSync(path.join(dir, 'panoptic-results', 'summary.md'), 'utf8'));

  const summary = readSummary(dir);
  expect(summary.uploads).toMatchObject({ failed: [] });
  // Retried (retry_attempts: 1), then reported.
  const warning = new RegExp(`backup copy failed: .*s3://gone at ${down.replace(/[.]/g, '\\.')} after 2 attempts: .*ECONNREFUSED`);
  expect(summary.warnings.join('\n')).toMatch(warning);
  expect(run.stderr).toMatch(warning);
  // delete_local_after_sync is on, but the down backup may still need these.
  expect(fs.existsSync(path.join(dir, 'panoptic-results', 'report', 'index.html'))).toBe(true);
  expect(run.output).not.toContain(azurite.accountKey);
});

test('panoptic sync writes backup copies too, and names a backup that failed without failing', async () => {
  const down = `http://127.0.0.1:${await freePort()}`;
  const dir = writeProject({
    'suite.yaml': [
      'name: web',
      'apps: [{ name: web, type: web, url: "https://example.com" }]',
      'settings:',
      '  cloud:',
      '    bucket: store',
      '    retry_attempts: 0',
      `    backup_locations: [copies, { provider: aws, bucket: gone, region: us-east-1, endpoint: "${down}", access_key: K, secret_key: S }]`,
      '',
    ].join('\n'),
    'out/a.txt': 'a',
  });
  const run = await runPanoptic(dir, ['sync', 'out', '--suite', 'suite.yaml', '--prefix', 'cli', '--run-id', 'r1']);
  expect(run.exitCode, run.output).toBe(0);
  expect(run.stderr).toMatch(new RegExp(`warning: backup copy failed: a\\.txt to s3://gone at ${down.replace(/[.]/g, '\\.')}: .*ECONNREFUSED`));
  const key = 'cli/web/r1/all/a.txt';
  expect(await storedKeys({ provider: 'local', bucket: path.join(dir, 'copies') }, {}, 'cli/')).toEqual([key]);
  expect(fs.readFileSync(path.join(dir, 'copies', ...key.split('/')), 'utf8')).toBe('a');
});
