import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { summarySchema } from '@panoptic/reporter/summary';
import { useDemoServer } from '../../helpers/demo.js';
import { repoRoot, runPanoptic, writeProject } from '../../helpers/inline.js';
import { filesUnder } from '../../helpers/playwright-report.js';
import { runCli } from '../../helpers/reporter.js';
import { startS3rver, type S3rverHandle } from '../../helpers/storage-servers.js';

const demo = useDemoServer();

// s3rver knows one access key id and checks no signatures, so any secret works: recognisable if it leaks.
const SECRET_KEY = 'panoptic-secret-key-that-must-not-leak';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const spec = `
import fs from 'node:fs';
import { test, expect } from '@playwright/test';
test('fails with a screenshot', async ({}, testInfo) => {
  const shot = testInfo.outputPath('shot.png');
  fs.writeFileSync(shot, Buffer.from('${PNG}', 'base64'));
  await testInfo.attach('shot', { path: shot, contentType: 'image/png' });
  expect(1).toBe(2);
});
test('fails with a screenshot that is gone', async ({}, testInfo) => {
  // An attachment whose file is missing: the reporter warns, naming where it looked.
  testInfo.attachments.push({ name: 'gone', path: testInfo.outputPath('gone.png'), contentType: 'image/png' });
  expect(1).toBe(2);
});
`;

function config(options: Record<string, unknown>): string {
  return `
import { defineConfig } from '@playwright/test';
export default defineConfig({ reporter: [['list'], ['@panoptic/reporter', ${JSON.stringify(options)}]] });
`;
}

/** Text that names this machine: the project's folder, the temp folder, the home folder, the repo. */
function machinePaths(dir: string, withRepo: boolean): string[] {
  return [dir, fs.realpathSync(dir), os.tmpdir(), os.homedir(), ...(withRepo ? [repoRoot] : [])].filter((p) => p.length > 1);
}

function expectNoMachinePath(text: string, dir: string, what: string, withRepo = true): void {
  for (const machinePath of machinePaths(dir, withRepo)) expect(text, `${what} names ${machinePath}`).not.toContain(machinePath);
  expect(text, `${what} holds a file URL`).not.toContain('file://');
}

test.describe('with a private S3 store', () => {
  let s3: S3rverHandle;
  test.beforeAll(async () => {
    s3 = await startS3rver('summaries');
  });
  test.afterAll(async () => {
    await s3?.stop();
  });
  const cloud = () => ({ provider: 'aws', bucket: s3.bucket, endpoint: s3.endpoint, region: 'us-east-1', access_key: s3.accessKey, secret_key: SECRET_KEY, retry_attempts: 1 });

  test('summary.json holds no signed URL, access key id or machine path, local or stored', async () => {
    const dir = writeProject({ 'playwright.config.ts': config({ cloud: cloud() }), 'a.spec.ts': spec });
    const run = await runCli(dir, ['test'], { PANOPTIC_RUN_ID: 'plain' });
    expect(run.exitCode, run.output).toBe(1);
    const text = fs.readFileSync(path.join(dir, 'panoptic-results', 'summary.json'), 'utf8');
    const summary = summarySchema.parse(JSON.parse(text));
    expect(summary.uploads, run.output).toMatchObject({ prefix: 'panoptic/default/plain/all', failed: [] });
    expect(summary.uploads!.reportUrl).toBeUndefined();
    for (const leak of [s3.accessKey, SECRET_KEY, 'X-Amz-', 'Signature=']) expect(text).not.toContain(leak);
    expectNoMachinePath(text, dir, 'summary.json');
    // The warning about the missing file names it relative to the output folder.
    expect(summary.warnings.join('\n')).toContain('../test-results/');
    // Artifacts are named relative to the output folder, so the summary reads the same on any machine.
    const artifact = summary.tests.flatMap((t) => t.artifacts).find((a) => a.name === 'shot')!;
    expect(artifact.path).toMatch(/^\.\.\/test-results\/.+\/shot[^/]*\.png$/);
    expect(fs.existsSync(path.resolve(dir, 'panoptic-results', artifact.path!))).toBe(true);

    const stored = fs.readdirSync(s3.directory, { recursive: true }).map(String).filter((f) => f.includes('summary.json'));
    expect(stored.length).toBeGreaterThan(0);
    for (const file of stored) {
      const storedText = fs.readFileSync(path.join(s3.directory, file), 'utf8');
      for (const leak of [s3.accessKey, SECRET_KEY, 'X-Amz-']) expect(storedText).not.toContain(leak);
    }
    // Nothing signed was written for nobody: the signed page exists only when asked for.
    expect(fs.existsSync(path.join(dir, 'panoptic-results', 'report', 'signed.html'))).toBe(false);
  });

  test('reportUrl: true asks for the signed link, and only then is it written', async () => {
    const dir = writeProject({ 'playwright.config.ts': config({ cloud: cloud(), reportUrl: true }), 'a.spec.ts': spec });
    const run = await runCli(dir, ['test'], { PANOPTIC_RUN_ID: 'asked' });
    expect(run.exitCode, run.output).toBe(1);
    const summary = summarySchema.parse(JSON.parse(fs.readFileSync(path.join(dir, 'panoptic-results', 'summary.json'), 'utf8')));
    expect(summary.uploads!.reportUrl).toMatch(/\/report\/signed\.html\?.*X-Amz-Signature=/);
    expect((await fetch(summary.uploads!.reportUrl!)).status).toBe(200);
  });
});

test("panoptic run's generated config, which names this machine's paths, is not uploaded; the stored summary names none", async () => {
  const suite = `name: Paths
output: out
apps:
  - name: home
    type: web
    url: ${demo.url}/
    actions:
      - name: shot
        type: screenshot
settings:
  cloud:
    provider: local
    bucket: store
`;
  const dir = writeProject({ 'suite.yaml': suite });
  const run = await runPanoptic(dir, ['run', 'suite.yaml'], { PANOPTIC_RUN_ID: 'cfg' });
  expect(run.exitCode, run.output).toBe(0);
  const storedRun = path.join(dir, 'store', 'panoptic', 'Paths', 'cfg', 'all');
  const stored = filesUnder(storedRun);
  expect(stored).toContain('summary.json');
  expect(stored.filter((file) => file.startsWith('.panoptic/'))).toEqual([]);
  const summaryText = fs.readFileSync(path.join(storedRun, 'summary.json'), 'utf8');
  // Not the repo: a suite test's file is Playwright's path of Panoptic's play spec relative to the
  // config, and these projects link the repo's node_modules, so that path climbs into the repo.
  expectNoMachinePath(summaryText, dir, 'the stored summary.json', false);
  const summary = summarySchema.parse(JSON.parse(summaryText));
  expect(summary.uploads!.location).toBe('local folder ../store');
  expect(summary.tests[0]!.artifacts.map((a) => a.path)).toEqual([expect.stringMatching(/^test-results\/.+\.png$/)]);
});
