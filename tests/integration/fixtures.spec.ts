import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { useDemoServer } from '../helpers/demo.js';
import { isJpeg } from '../helpers/media.js';
import { flatTests, runPlaywright, writeProject } from '../helpers/inline.js';
import { moduleLog } from '../helpers/module-log.js';

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

// Modules a test that names no such service must not load: the heavy optional integrations, and
// Panoptic's own entry points to them (small leaf modules such as the run id are fine); and what only
// some paths need, which every test process would otherwise pay for (issue 18's fixture overhead): the
// suite model (@panoptic/config with yaml, zod and its schemas), MIME types, the server client.
const OPTIONAL_MODULES = [
  'tesseract.js', '@aws-sdk/', '@azure/', 'webdriverio', 'appium', 'jszip',
  'packages/ai/dist/index.js', 'packages/ai/dist/ocr/', 'packages/ai/dist/vision/',
  'packages/cloud/dist/index.js', 'packages/cloud/dist/providers/',
  'platforms/web.js', 'platforms/mobile/mobile-platform.js', 'platforms/desktop/session.js',
  'packages/config/dist/', '/node_modules/yaml/', '/node_modules/zod/', '/node_modules/fastest-levenshtein/',
  '/node_modules/mime-types/', '/node_modules/mime-db/', 'packages/server/dist/', 'packages/fixtures/dist/enterprise/',
];

// What importing @panoptic/fixtures must not load until a test names a service: each module costs the
// runner and every worker a resolve and a load through Playwright's loader (issue 18).
const FIXTURE_MODULES_ON_FIRST_USE = [
  'packages/fixtures/dist/context.js', 'packages/fixtures/dist/logger.js', 'packages/fixtures/dist/allure.js',
  'packages/fixtures/dist/metrics.js', 'packages/fixtures/dist/suite-cache.js', 'packages/fixtures/dist/secrets/',
  'packages/fixtures/dist/platforms/', 'packages/fixtures/dist/config.js',
];

const LAZINESS_SPEC = `
import fs from 'node:fs';
import { test as panopticTest, expect } from '@panoptic/fixtures';
// Counts browser launches in this worker by wrapping Playwright's own browser fixture.
const test = panopticTest.extend({
  browser: [async ({ browser }, use) => { fs.appendFileSync('launches.txt', 'launch\\n'); await use(browser); }, { scope: 'worker' }],
});
test('names no service', async () => { expect(1 + 1).toBe(2); });
test('names panoptic only', async ({ panoptic }) => { expect(panoptic.suite).toBeUndefined(); });
test('names ai', async ({ ai }) => { expect(ai.settings).toEqual({}); });
test('names platform', async ({ platform }) => { expect(platform.kind).toBe('web'); });
`;

/** Runs the tests titled `titles` in one worker of their own, with what that worker launched and loaded. */
async function runAlone(dir: string, ...titles: string[]): Promise<{ launches: number; modules: string[] }> {
  fs.rmSync(path.join(dir, 'launches.txt'), { force: true });
  const modules = moduleLog(dir);
  modules.reset();
  const run = await runPlaywright(dir, ['--workers=1', '--grep', titles.map((title) => ` ${title}$`).join('|')], modules.env);
  expect(flatTests(run.report).map((r) => [r.title, r.status]), run.output).toEqual(titles.map((title) => [title, 'passed']));
  const launches = fs.existsSync(path.join(dir, 'launches.txt')) ? fs.readFileSync(path.join(dir, 'launches.txt'), 'utf8').split('\n').filter(Boolean).length : 0;
  return { launches, modules: modules.read() };
}

test('services are created only when a test names them: in a worker of their own, no browser and no optional module otherwise', async () => {
  test.setTimeout(240_000);
  const dir = writeProject({
    'a.spec.ts': LAZINESS_SPEC,
    // Runner and workers load the config file: @panoptic/fixtures/chromium must find the browser
    // without the suite model that @panoptic/fixtures/config loads for fromSuites().
    'playwright.config.ts': `import { defineConfig } from '@playwright/test';\nimport { chromiumLaunchOptions } from '@panoptic/fixtures/chromium';\nexport default defineConfig({ use: chromiumLaunchOptions() });\n`,
  });
  const loaded = (modules: string[], names: string[]) => modules.filter((url) => names.some((name) => url.includes(name)));
  const none = await runAlone(dir, 'names no service');
  expect(none.launches, 'browser launches').toBe(0);
  // The log works: the runner and the worker resolved the fixtures package and the config's entry point.
  expect(none.modules.some((url) => url.includes('packages/fixtures/dist/fixtures.js')), 'module log').toBe(true);
  expect(none.modules.some((url) => url.includes('packages/fixtures/dist/chromium.js')), 'config module log').toBe(true);
  expect(none.modules.some((url) => url.includes('/node_modules/playwright/lib/')), 'CommonJS module log').toBe(true);
  expect(loaded(none.modules, [...OPTIONAL_MODULES, ...FIXTURE_MODULES_ON_FIRST_USE]), 'modules before first use').toEqual([]);
  // `panoptic` alone loads its own modules, and still no optional one.
  const panopticOnly = await runAlone(dir, 'names panoptic only');
  expect(panopticOnly.launches, 'browser launches').toBe(0);
  for (const name of ['packages/fixtures/dist/context.js', 'packages/fixtures/dist/secrets/protected-files.js']) {
    expect(panopticOnly.modules.some((url) => url.includes(name)), name).toBe(true);
  }
  expect(loaded(panopticOnly.modules, OPTIONAL_MODULES), 'optional modules').toEqual([]);
  // The positive side: naming a service loads it, and the platform launches the worker's browser.
  const ai = await runAlone(dir, 'names ai');
  expect(ai.modules.some((url) => url.includes('packages/ai/dist/index.js'))).toBe(true);
  const platform = await runAlone(dir, 'names platform');
  expect(platform.launches).toBe(1);
  expect(platform.modules.some((url) => url.includes('platforms/web.js'))).toBe(true);
  expect(platform.modules.some((url) => /tesseract\.js|@aws-sdk\/|@azure\/|webdriverio/.test(url))).toBe(false);
  // All four in one worker still share one browser, and none writes metrics it was not asked for.
  fs.rmSync(path.join(dir, 'launches.txt'));
  const together = await runPlaywright(dir, ['--workers=1']);
  expect(flatTests(together.report).every((r) => r.status === 'passed'), together.output).toBe(true);
  for (const result of flatTests(together.report)) expect(result.attachments.map((a) => a.name)).not.toContain('panoptic-metrics');
  expect(fs.readFileSync(path.join(dir, 'launches.txt'), 'utf8')).toBe('launch\n');
});
