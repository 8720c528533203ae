import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { useDemoServer } from '../helpers/demo.js';
import { isJpeg } from '../helpers/media.js';
import { flatTests, runPlaywright, writeProject } from '../helpers/inline.js';

const demo = useDemoServer();

const config = (use: string) => `
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '@panoptic/fixtures/config';
export default defineConfig({ use: { ...chromiumLaunchOptions(), ${use} } });
`;

test('spec authors get the platform and panoptic services from @panoptic/fixtures, configured by options', async () => {
  const spec = `
import fs from 'node:fs';
import { test, expect } from '@panoptic/fixtures';
test.use({ panopticScreenshotType: 'jpeg', panopticScreenshotQuality: 50 });
test('signs in', async ({ platform, panoptic, page }) => {
  const done = panoptic.metrics.begin('sign in', 'custom');
  await platform.navigate('${demo.url}/login');
  await platform.fill('#username', 'demo');
  await platform.fill('#password', 'secret');
  await platform.submit(undefined);
  await expect(page.getByTestId('greeting')).toContainText('demo');
  const file = panoptic.artifactPath('after-login.jpg');
  fs.writeFileSync(file, await platform.screenshot({ type: panoptic.settings.screenshotType, quality: panoptic.settings.screenshotQuality }));
  await panoptic.attachArtifact(file, 'after-login.jpg', 'screenshot');
  done({ status: 'passed' });
});
`;
  const dir = writeProject({ 'a.spec.ts': spec, 'playwright.config.ts': config("panopticLogLevel: 'debug'") });
  const run = await runPlaywright(dir);
  expect(run.exitCode, run.output).toBe(0);
  const [result] = flatTests(run.report);
  const shot = result!.attachments.find((a) => a.name === 'after-login.jpg')!;
  expect(isJpeg(shot.path!)).toBe(true);
  const metrics = JSON.parse(Buffer.from(result!.attachments.find((a) => a.name === 'panoptic-metrics')!.body!, 'base64').toString());
  expect(metrics.actions).toEqual([expect.objectContaining({ name: 'sign in', type: 'custom', status: 'passed', artifacts: ['after-login.jpg'] })]);
  expect(result!.stdout).toContain('[panoptic] info: screenshot saved');
});

test('services are created only when a test names them: no browser, no metrics, no optional modules otherwise', async () => {
  const spec = `
import fs from 'node:fs';
import { test as panopticTest, expect } from '@panoptic/fixtures';
// Counts browser launches in this worker by wrapping Playwright's own browser fixture.
const test = panopticTest.extend({
  browser: [async ({ browser }, use) => { fs.appendFileSync('launches.txt', 'launch\\n'); await use(browser); }, { scope: 'worker' }],
});
test('plain', async () => { expect(1 + 1).toBe(2); });
test('panoptic only', async ({ panoptic }) => { expect(panoptic.suite).toBeUndefined(); });
test('ai is loaded on first use', async ({ ai }) => { expect(ai.settings).toEqual({}); });
// Both use the worker's one browser: the first of them to run launches it.
test('platform uses the same browser', async ({ platform }) => { expect(platform.kind).toBe('web'); });
`;
  const dir = writeProject({ 'a.spec.ts': spec, 'playwright.config.ts': config('') });
  const run = await runPlaywright(dir);
  const results = flatTests(run.report);
  expect(results.map((r) => [r.title, r.status])).toEqual([
    ['plain', 'passed'],
    ['panoptic only', 'passed'],
    ['ai is loaded on first use', 'passed'],
    ['platform uses the same browser', 'passed'],
  ]);
  for (const result of results) expect(result.attachments.map((a) => a.name)).not.toContain('panoptic-metrics');
  expect(fs.readFileSync(path.join(dir, 'launches.txt'), 'utf8')).toBe('launch\n');
});
