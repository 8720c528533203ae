import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { cloudOptionsFromSettings, createProvider, type StorageProvider } from '@panoptic/cloud';
import { summarySchema } from '@panoptic/reporter/summary';
import { runPanoptic, writeProject } from '../../helpers/inline.js';
import { runCli } from '../../helpers/reporter.js';
import { startAzurite, startS3rver, type AzuriteHandle, type S3rverHandle } from '../../helpers/storage-servers.js';

// With `compression: true` the store holds history.json and summary.json gzipped (Content-Encoding:
// gzip). Every reader must get the JSON back, not the gzip bytes: the reporter's history download
// (else every run starts a new history), cloud_analytics (else it fails to parse), `shard plan`.

const SPEC = `
import fs from 'node:fs';
import { test, expect } from '@panoptic/fixtures';
test('passes', async () => { expect(1).toBe(1); });
test('reads analytics from the store', async ({ cloud }) => {
  const analytics = await cloud.analytics();
  fs.writeFileSync(\`analytics-\${process.env.PANOPTIC_RUN_ID}.json\`, JSON.stringify(analytics));
});
`;

function config(cloud: Record<string, unknown>): string {
  return `
import { defineConfig } from '@playwright/test';
const cloud = ${JSON.stringify(cloud)};
export default defineConfig({ workers: 1, use: { panopticCloud: cloud }, reporter: [['list'], ['@panoptic/reporter', { cloud }]] });
`;
}

interface Store {
  name: string;
  /** settings.cloud without secrets: they come from the environment. */
  cloud: Record<string, unknown>;
  env: Record<string, string>;
  flags: string[];
  location: RegExp;
}

async function threeRunsKeepThreeRunsOfHistory(store: Store): Promise<void> {
  const dir = writeProject({ 'playwright.config.ts': config(store.cloud), 'a.spec.ts': SPEC });
  for (const runId of ['run-1', 'run-2', 'run-3']) {
    const run = await runCli(dir, ['test'], { ...store.env, PANOPTIC_RUN_ID: runId });
    expect(run.exitCode, run.output).toBe(0);
    expect(run.stderr).not.toContain('[panoptic-reporter] warning');
  }
  const summary = summarySchema.parse(JSON.parse(fs.readFileSync(path.join(dir, 'panoptic-results', 'summary.json'), 'utf8')));
  expect(summary.history.runs).toBe(3);
  expect(summary.tests.find((t) => t.title === 'passes')!.history).toMatchObject({ runs: 3 });

  // The store holds it compressed, and reading it gives the JSON.
  const provider: StorageProvider = await createProvider(cloudOptionsFromSettings(store.cloud, store.env));
  const info = await provider.head('panoptic/default/history.json');
  expect(info?.contentEncoding).toBe('gzip');
  const history = JSON.parse((await provider.get('panoptic/default/history.json')).toString('utf8')) as { runs: unknown[] };
  expect(history.runs).toHaveLength(3);
  expect(JSON.parse((await provider.get('panoptic/default/run-2/all/summary.json')).toString('utf8'))).toMatchObject({ totals: { total: 2 } });

  // cloud_analytics in the third run read the two summaries stored before it.
  const analytics = JSON.parse(fs.readFileSync(path.join(dir, 'analytics-run-3.json'), 'utf8')) as { runs: number; totals: { passed: number } };
  expect(analytics.runs).toBe(2);
  expect(analytics.totals.passed).toBe(4);

  // shard plan reads the stored history too.
  const plan = await runPanoptic(dir, ['shard', 'plan', '--total', '2', ...store.flags, '--project', 'default'], store.env);
  expect(plan.exitCode, plan.output).toBe(0);
  expect(plan.stderr).toMatch(store.location);
  expect(plan.stderr).not.toContain('without history');
}

test.describe('S3 (s3rver) with compression: true', () => {
  let s3: S3rverHandle;
  test.beforeAll(async () => {
    s3 = await startS3rver('compressed');
  });
  test.afterAll(async () => {
    await s3?.stop();
  });

  test('three runs in a row keep three runs of history; analytics and shard plan read the gzipped JSON', async () => {
    await threeRunsKeepThreeRunsOfHistory({
      name: 's3',
      cloud: { provider: 'aws', bucket: s3.bucket, endpoint: s3.endpoint, region: 'us-east-1', compression: true },
      env: { AWS_ACCESS_KEY_ID: s3.accessKey, AWS_SECRET_ACCESS_KEY: s3.secretKey },
      flags: ['--provider', 's3', '--bucket', s3.bucket, '--endpoint', s3.endpoint, '--region', 'us-east-1'],
      location: /planned 2 tests on 2 shards from s3:\/\/compressed at http:\/\/127\.0\.0\.1:\d+ panoptic\/default\/history\.json/,
    });
  });
});

test.describe('Azure (Azurite) with compression: true', () => {
  let azurite: AzuriteHandle;
  test.beforeAll(async () => {
    azurite = await startAzurite('compressed');
  });
  test.afterAll(async () => {
    await azurite?.stop();
  });

  test('three runs in a row keep three runs of history; analytics and shard plan read the gzipped JSON', async () => {
    await threeRunsKeepThreeRunsOfHistory({
      name: 'azure',
      cloud: { provider: 'azure', bucket: azurite.container, compression: true },
      env: { AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString() },
      flags: ['--provider', 'azure', '--bucket', azurite.container],
      location: /planned 2 tests on 2 shards from azure container "compressed" at http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1 panoptic\/default\/history\.json/,
    });
  });
});
