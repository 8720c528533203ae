import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { summarySchema } from '@panoptic/reporter/summary';
import { writeProject } from '../helpers/inline.js';
import { runCli } from '../helpers/reporter.js';
import { startS3rver, type S3rverHandle } from '../helpers/storage-servers.js';

// A 1x1 PNG.
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const spec = `
import fs from 'node:fs';
import { test, expect } from '@playwright/test';
const PNG = '${PNG_BASE64}';
test('passes', async ({}, testInfo) => {
  await testInfo.attach('note', { body: 'hello', contentType: 'text/plain' });
});
test('fails', async ({}, testInfo) => {
  const shot = testInfo.outputPath('shot.png');
  fs.writeFileSync(shot, Buffer.from(PNG, 'base64'));
  await testInfo.attach('shot', { path: shot, contentType: 'image/png' });
  expect(1).toBe(2);
});
`;

function config(cloud: Record<string, unknown>, options: Record<string, unknown> = {}): string {
  return `
import { defineConfig } from '@playwright/test';
export default defineConfig({ reporter: [['list'], ['json'], ['@panoptic/reporter', ${JSON.stringify({ cloud, ...options })}]] });
`;
}

function readSummary(dir: string) {
  return summarySchema.parse(JSON.parse(fs.readFileSync(path.join(dir, 'panoptic-results', 'summary.json'), 'utf8')));
}

test('the report, summaries and artifacts go to the store, and summary.json says where', async () => {
  const dir = writeProject({ 'playwright.config.ts': config({ provider: 'local', bucket: 'store', prefix: 'ci' }), 'a.spec.ts': spec });
  const run = await runCli(dir, ['test'], { PANOPTIC_RUN_ID: 'r1' });
  expect(run.exitCode, run.output).toBe(1);
  const summary = readSummary(dir);
  expect(summary.uploads).toMatchObject({ location: 'local folder ../store', prefix: 'ci/default/r1/all', report: 'ci/default/r1/all/report/index.html', failed: [] });
  expect(summary.uploads!.uploaded).toBeGreaterThan(0);
  expect(summary.uploads!.reportUrl).toBeUndefined();
  const stored = path.join(dir, 'store', 'ci', 'default', 'r1', 'all');
  for (const file of ['report/index.html', 'summary.md', 'metrics.prom', 'summary.json']) {
    expect(fs.existsSync(path.join(stored, file)), file).toBe(true);
  }
  expect(JSON.parse(fs.readFileSync(path.join(stored, 'summary.json'), 'utf8')).uploads.prefix).toBe('ci/default/r1/all');
});

test('with a store, history lives there: a machine with a clean output folder still sees earlier runs', async () => {
  const dir = writeProject({ 'playwright.config.ts': config({ provider: 'local', bucket: 'store' }), 'a.spec.ts': spec });
  await runCli(dir, ['test'], { PANOPTIC_RUN_ID: 'first' });
  expect(fs.existsSync(path.join(dir, 'store', 'panoptic', 'default', 'history.json'))).toBe(true);
  // Another CI machine: nothing local survives, the store does.
  fs.rmSync(path.join(dir, 'panoptic-results'), { recursive: true });
  await runCli(dir, ['test'], { PANOPTIC_RUN_ID: 'second' });
  const summary = readSummary(dir);
  expect(summary.history.runs).toBe(2);
  expect(summary.tests.find((t) => t.title === 'fails')!.history).toMatchObject({ runs: 2, previousOutcome: 'unexpected' });
  const stored = JSON.parse(fs.readFileSync(path.join(dir, 'store', 'panoptic', 'default', 'history.json'), 'utf8'));
  expect(stored.runs).toHaveLength(2);
});

test('auto_cleanup applies retention after the upload, keeping the newest run', async () => {
  const cloud = { provider: 'local', bucket: 'store', retention_policy: { days: 0, auto_cleanup: true } };
  const dir = writeProject({ 'playwright.config.ts': config(cloud), 'a.spec.ts': spec });
  await runCli(dir, ['test'], { PANOPTIC_RUN_ID: 'older' });
  expect(fs.existsSync(path.join(dir, 'store', 'panoptic', 'default', 'older'))).toBe(true);
  await runCli(dir, ['test'], { PANOPTIC_RUN_ID: 'newer' });
  const runs = fs.readdirSync(path.join(dir, 'store', 'panoptic', 'default')).filter((name) => name !== 'history.json');
  expect(runs).toEqual(['newer']);
});

test.describe('with an S3-compatible store', () => {
  let s3: S3rverHandle;
  test.beforeAll(async () => {
    s3 = await startS3rver('reports');
  });
  test.afterAll(async () => {
    await s3?.stop();
  });

  test('an unreachable store is listed as a failed upload; the exit code and the local files stay', async () => {
    // s3rver does not check request signatures.
    const cloud = { provider: 'aws', bucket: s3.bucket, endpoint: s3.endpoint, region: 'us-east-1', access_key: s3.accessKey, secret_key: s3.secretKey, retry_attempts: 1, retry_backoff_ms: 10 };
    const dir = writeProject({ 'playwright.config.ts': config(cloud, { reportUrl: true }), 'a.spec.ts': spec });
    const up = await runCli(dir, ['test'], { PANOPTIC_RUN_ID: 'up' });
    expect(up.exitCode).toBe(1);
    expect(readSummary(dir).uploads).toMatchObject({ location: `s3://${s3.bucket} at ${s3.endpoint}`, failed: [] });
    expect(fs.readdirSync(s3.directory, { recursive: true }).map(String).some((f) => f.includes('index.html'))).toBe(true);
    // The store is private: the report link is signed, and so is every artifact link in that page.
    const reportUrl = readSummary(dir).uploads!.reportUrl ?? '';
    expect(reportUrl).toMatch(/\/report\/signed\.html\?.*X-Amz-Signature=/);
    const page = await fetch(reportUrl);
    expect(page.status).toBe(200);
    const image = /<img src="([^"]+)"/.exec(await page.text())?.[1]?.replace(/&amp;/g, '&');
    expect(image).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/.*\/report\/data\/[0-9a-f]+\.png\?.*X-Amz-Signature=/);
    const fetched = await fetch(image!);
    expect(fetched.status).toBe(200);
    expect(Buffer.from(await fetched.arrayBuffer())).toEqual(Buffer.from(PNG_BASE64, 'base64'));

    await s3.kill();
    try {
      const down = await runCli(dir, ['test'], { PANOPTIC_RUN_ID: 'down' });
      expect(down.exitCode).toBe(1);
      expect(down.stderr).toMatch(/\[panoptic-reporter\] warning: upload to the store failed: .*ECONNREFUSED/);
      const summary = readSummary(dir);
      expect(summary.uploads).toBeNull();
      expect(summary.warnings.join('\n')).toContain('ECONNREFUSED');
      expect(fs.existsSync(path.join(dir, 'panoptic-results', 'report', 'index.html'))).toBe(true);
      expect(down.output).not.toContain(s3.secretKey);
    } finally {
      await s3.restart();
    }
  });
});
