import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { storeFolderOf } from '@panoptic/config';
import { useDemoServer, suitesConfig } from '../helpers/demo.js';
import { runPlaywright, testOf, writeProject } from '../helpers/inline.js';
import { startS3rver, type S3rverHandle } from '../helpers/storage-servers.js';

const demo = useDemoServer();

function cloudSuite(app: string, cloud: Record<string, unknown>): string {
  return JSON.stringify({
    name: 'Cloud actions',
    apps: [
      {
        name: app,
        type: 'web',
        url: `${demo.url}/dashboard`,
        actions: [
          { name: 'shot', type: 'screenshot', parameters: { filename: 'dashboard.png' } },
          { name: 'sync', type: 'cloud_sync' },
          { name: 'sync again', type: 'cloud_sync', parameters: { output: 'second-sync' } },
          { name: 'analytics', type: 'cloud_analytics', parameters: { output: 'analytics.json' } },
          { name: 'cleanup', type: 'cloud_cleanup' },
        ],
      },
    ],
    settings: { cloud },
  });
}

function attachmentJson(run: Awaited<ReturnType<typeof runPlaywright>>, project: string, name: string): Record<string, unknown> {
  const attachment = testOf(run.report, project).attachments.find((a) => a.name === name);
  if (!attachment?.path) throw new Error(`no ${name} attachment in ${project}`);
  return JSON.parse(fs.readFileSync(attachment.path, 'utf8'));
}

test('cloud_sync, cloud_analytics and cloud_cleanup against a local store', async () => {
  const dir = writeProject({
    'suite.yaml': cloudSuite('local-store', { provider: 'local', bucket: 'store', retention_days: 30 }),
    'playwright.config.ts': suitesConfig(['suite.yaml']),
  });
  const run = await runPlaywright(dir, [], { PANOPTIC_RUN_ID: 'run-1' });
  expect(run.exitCode, run.output).toBe(0);
  const first = attachmentJson(run, 'local-store', 'cloud-sync.json');
  expect(first.uploaded).toContain('dashboard.png');
  expect(first.failed).toEqual([]);
  // The second sync finds the screenshot unchanged.
  const second = attachmentJson(run, 'local-store', 'second-sync.json');
  expect(second.skipped).toContain('dashboard.png');
  expect(second.uploaded).not.toContain('dashboard.png');
  const stored = fs.readdirSync(path.join(dir, 'store'), { recursive: true }).map(String);
  const shot = stored.find((file) => file.endsWith(`${path.sep}dashboard.png`));
  // Under the suite's run folder, next to where the reporter puts the run's report; the name's
  // space is not a key character, so a hash of the exact name keeps it apart from "Cloud-actions".
  expect(shot?.split(path.sep).slice(0, 4)).toEqual(['panoptic', storeFolderOf('Cloud actions', 'suite.yaml'), 'run-1', 'all']);
  expect(fs.readFileSync(path.join(dir, 'store', shot!))).toEqual(
    fs.readFileSync(testOf(run.report, 'local-store').attachments.find((a) => a.name === 'dashboard.png')!.path!),
  );
  const analytics = attachmentJson(run, 'local-store', 'analytics.json');
  expect(analytics).toMatchObject({ runs: 0 });
  expect((analytics.storage as { objects: number }).objects).toBeGreaterThan(0);
  const cleanup = attachmentJson(run, 'local-store', 'cloud-cleanup.json');
  expect(cleanup.deletedRuns).toEqual([]);
});

test.describe('against an S3-compatible server', () => {
  let s3: S3rverHandle;
  test.beforeAll(async () => {
    s3 = await startS3rver('actions');
  });
  test.afterAll(async () => {
    await s3?.stop();
  });

  test('cloud_sync uploads the test\'s artifacts; with the server down the action fails with the cause and keeps them', async () => {
    // s3rver does not check request signatures: the keys only have to be present.
    const cloud = { provider: 'aws', bucket: s3.bucket, endpoint: s3.endpoint, region: 'us-east-1', access_key: s3.accessKey, secret_key: s3.secretKey, retry_attempts: 1, retry_backoff_ms: 10 };
    const dir = writeProject({ 'suite.yaml': cloudSuite('s3-store', cloud), 'playwright.config.ts': suitesConfig(['suite.yaml']) });
    const run = await runPlaywright(dir, [], { PANOPTIC_RUN_ID: 'run-s3' });
    expect(run.exitCode, run.output).toBe(0);
    expect(attachmentJson(run, 's3-store', 'cloud-sync.json').uploaded).toContain('dashboard.png');
    const objects = fs.readdirSync(s3.directory, { recursive: true }).map(String);
    expect(objects.some((file) => file.includes('dashboard.png'))).toBe(true);
    expect(run.output).not.toContain(s3.secretKey);

    await s3.kill();
    try {
      const down = await runPlaywright(dir, [], { PANOPTIC_RUN_ID: 'run-down' });
      expect(down.exitCode).toBe(1);
      const result = testOf(down.report, 's3-store');
      expect(result.steps.at(-1)).toBe('sync');
      // With the store unreachable the sync cannot even read what it stored before: it stops there,
      // saying which store and why. Per-file failures are covered by the sync and fault tests.
      expect(result.errors.join('\n')).toMatch(/could not read the sync manifest .* in s3:\/\/actions at http:\/\/127\.0\.0\.1:\d+: connect ECONNREFUSED/);
      expect(result.errors.join('\n')).not.toContain(s3.secretKey);
      const shot = result.attachments.find((a) => a.name === 'dashboard.png')!;
      expect(fs.existsSync(shot.path!)).toBe(true);
    } finally {
      await s3.restart();
    }
  });
});
