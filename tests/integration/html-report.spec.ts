import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test, expect, chromium, type Browser, type Page } from '@playwright/test';
import { launchOptionsForChromium } from '@panoptic/fixtures/chromium';
import { runPlaywright, writeProject } from '../helpers/inline.js';
import { readSummary, WITH_PANOPTIC } from '../helpers/reporter.js';

const require = createRequire(import.meta.url);
// One inline project for the whole file: its tests read the same two runs, in one worker.
test.describe.configure({ mode: 'default' });
const HOSTILE = '<img src=x onerror=alert(1)>';

// Two projects (one playing the app "storefront"), tags, nested steps, an annotation, a flaky
// test, a failure and a hostile title; every page test records a video, screenshots and a trace.
const files = {
  'playwright.config.ts': `
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '@panoptic/fixtures/config';
export default defineConfig({
  testDir: 'specs',
  retries: 1,
  use: { ...chromiumLaunchOptions(), video: 'on', screenshot: 'on', trace: 'on' },
  projects: [
    { name: 'shop', testMatch: /shop/, metadata: { panoptic: { app: 'storefront' } } },
    { name: 'api', testMatch: /api/ },
  ],
});
`,
  'specs/shop.spec.ts': `
import { test, expect } from '@playwright/test';
test('buys a hat', { tag: ['@smoke', '@cart'] }, async ({ page }, testInfo) => {
  testInfo.annotations.push({ type: 'issue', description: 'SHOP-12' });
  await test.step('open the shop', async () => {
    await page.setContent('<main><h1>Shop</h1><button>Buy</button></main>');
  });
  await test.step('buy', async () => {
    await test.step('click buy', async () => { await page.getByRole('button', { name: 'Buy' }).click(); });
  });
  await testInfo.attach('after buy', { body: await page.screenshot(), contentType: 'image/png' });
  // A few frames for the video to hold.
  await page.waitForTimeout(500);
});
test(${JSON.stringify(HOSTILE)}, { tag: '@smoke' }, async ({ page }) => {
  await page.setContent('<p>hostile title</p>');
});
test('fails first, passes on retry', async ({ page }, testInfo) => {
  await page.setContent('<p>flaky</p>');
  expect(testInfo.retry).toBe(1);
});
`,
  'specs/api.spec.ts': `
import { test, expect } from '@playwright/test';
test('lists orders', async () => {
  await test.step('call the api', async () => { expect([1, 2]).toHaveLength(2); });
});
test('rejects a bad order', async () => {
  test.info().annotations.push({ type: 'owner', description: 'payments' });
  expect(1).toBe(2);
});
`,
};

let browser: Browser;
let dir: string;

test.beforeAll(async () => {
  browser = await chromium.launch(launchOptionsForChromium());
  dir = writeProject(files);
  // Twice: the second report has a history of two runs to chart.
  for (let i = 0; i < 2; i++) {
    const run = await runPlaywright(dir, [WITH_PANOPTIC]);
    expect(run.exitCode, run.output).toBe(1);
    expect(run.stderr).not.toContain('[panoptic-reporter] warning');
  }
});

test.afterAll(async () => {
  await browser?.close();
});

/** Opens the report from disk and records everything that goes wrong while it is used. */
async function openReport(options: { bypassCSP?: boolean } = {}): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(pathToFileURL(path.join(dir, 'panoptic-results', 'report', 'index.html')).href);
  return { page, problems };
}

const rows = (page: Page) => page.locator('#test-list > li');
const visibleTitles = (page: Page) => page.locator('#test-list > li:visible summary .test-title').allInnerTexts();

test('the list of all tests filters by status, project, app and tag, searches titles and sorts by duration', async () => {
  const { page, problems } = await openReport();
  await expect(page.getByRole('heading', { name: 'All tests (5)' })).toBeVisible();
  await expect(rows(page)).toHaveCount(5);
  await expect(page.locator('#f-count')).toHaveText('Showing 5 of 5 tests');

  await page.getByLabel('Status', { exact: true }).selectOption('failed');
  expect(await visibleTitles(page)).toEqual(['rejects a bad order']);
  await page.getByLabel('Status', { exact: true }).selectOption('flaky');
  expect(await visibleTitles(page)).toEqual(['fails first, passes on retry']);
  await expect(page.locator('#f-count')).toHaveText('Showing 1 of 5 tests');
  await page.getByLabel('Status', { exact: true }).selectOption('');

  await page.getByLabel('Project', { exact: true }).selectOption('api');
  expect((await visibleTitles(page)).sort()).toEqual(['lists orders', 'rejects a bad order']);
  await page.getByLabel('Project', { exact: true }).selectOption('');
  await page.getByLabel('App', { exact: true }).selectOption('storefront');
  expect((await visibleTitles(page)).sort()).toEqual([HOSTILE, 'buys a hat', 'fails first, passes on retry'].sort());
  await page.getByLabel('App', { exact: true }).selectOption('');
  await page.getByLabel('Tag', { exact: true }).selectOption('@cart');
  expect(await visibleTitles(page)).toEqual(['buys a hat']);
  await page.getByLabel('Tag', { exact: true }).selectOption('@smoke');
  expect((await visibleTitles(page)).sort()).toEqual([HOSTILE, 'buys a hat'].sort());
  await page.getByLabel('Tag', { exact: true }).selectOption('');

  await page.getByLabel('Title', { exact: true }).fill('HAT');
  expect(await visibleTitles(page)).toEqual(['buys a hat']);
  await page.getByLabel('Title', { exact: true }).fill('');

  await page.getByLabel('Order', { exact: true }).selectOption('desc');
  const durations = await page.locator('#test-list > li').evaluateAll((all) => all.map((li) => Number((li as HTMLElement).dataset.duration)));
  expect(durations).toEqual([...durations].sort((a, b) => b - a));
  const summary = readSummary(dir);
  expect(await page.locator('#test-list > li').first().locator('summary .test-title').innerText()).toBe(
    [...summary.tests].sort((a, b) => b.durationMs - a.durationMs)[0]!.title,
  );
  await page.getByLabel('Order', { exact: true }).selectOption('asc');
  const ascending = await page.locator('#test-list > li').evaluateAll((all) => all.map((li) => Number((li as HTMLElement).dataset.duration)));
  expect(ascending).toEqual([...durations].reverse());
  expect(problems).toEqual([]);
  await page.context().close();
});

test('a hostile title renders as text and runs nothing', async () => {
  const html = fs.readFileSync(path.join(dir, 'panoptic-results', 'report', 'index.html'), 'utf8');
  expect(html).not.toContain(HOSTILE);
  expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  const { page, problems } = await openReport();
  await expect(page.locator('#test-list summary', { hasText: HOSTILE })).toBeVisible();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(problems).toEqual([]);
  await page.context().close();
});

test("a test's story: steps with their locations and times, attempts, every screenshot, a video that plays, the trace command, annotations", async () => {
  const { page, problems } = await openReport();
  const hat = page.locator('#test-list > li', { hasText: 'buys a hat' });
  await hat.locator('summary').click();
  const steps = hat.locator('table.steps tbody tr');
  await expect(steps).toHaveCount(3);
  // Relative to Playwright's rootDir (the config's testDir), as error locations are.
  const line = (text: string) => files['specs/shop.spec.ts'].split('\n').findIndex((l) => l.includes(text)) + 1;
  for (const [i, [title, at]] of ([['open the shop', "'open the shop'"], ['buy', "test.step('buy'"], ['click buy', "'click buy'"]] as const).entries()) {
    await expect(steps.nth(i).locator('td').first()).toHaveText(title);
    await expect(steps.nth(i).locator('code.loc')).toHaveText(new RegExp(`^shop\\.spec\\.ts:${line(at)}:\\d+$`));
    await expect(steps.nth(i).locator('td.num')).toHaveText(/^\d+ ms$|^\d+(\.\d)? s$/);
  }
  // Nested under "buy".
  await expect(steps.nth(2).locator('td.step')).toHaveClass(/\bd1\b/);
  await expect(hat.locator('.annotations')).toContainText('issue SHOP-12');
  await expect(hat.locator('.chip.tag')).toHaveText(['@smoke', '@cart']);
  await expect(hat.locator('.chip')).toContainText(['shop', 'storefront']);

  // The attached screenshot and the one Playwright took at the end.
  const shots = hat.locator('img');
  await expect(shots).toHaveCount(2);
  for (const shot of await shots.all()) {
    await expect(shot).toHaveAttribute('src', /^data\/[0-9a-f]{20}\.png$/);
    await expect.poll(() => shot.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  }
  const video = hat.locator('video');
  await expect(video).toHaveAttribute('src', /^data\/[0-9a-f]{20}\.webm$/);
  const duration = await video.evaluate(
    (element: HTMLVideoElement) =>
      new Promise<number>((resolve, reject) => {
        element.addEventListener('loadedmetadata', () => resolve(element.duration), { once: true });
        element.addEventListener('error', () => reject(new Error(`video error ${element.error?.code}`)), { once: true });
        element.muted = true;
        void element.play();
      }),
  );
  expect(duration).toBeGreaterThan(0);
  await expect(hat.locator('code.cmd')).toHaveText(/^npx playwright show-trace data\/[0-9a-f]{20}\.zip$/);

  const flaky = page.locator('#test-list > li', { hasText: 'fails first, passes on retry' });
  await flaky.locator('summary').click();
  await expect(flaky.locator('.attempt-block h3')).toHaveText([/^First run failed/, /^Retry 1 passed/]);
  await expect(flaky.locator('.attempt-block').first().locator('pre')).toContainText('Expected: 1');
  const failed = page.locator('#test-list > li', { hasText: 'rejects a bad order' });
  await failed.locator('summary').click();
  await expect(failed.locator('.annotations')).toContainText('owner payments');
  await expect(failed.locator('.attempt-block')).toHaveCount(2);
  expect(problems).toEqual([]);
  await page.context().close();
});

test('trends chart pass rate, flaky tests and duration of both runs', async () => {
  const summary = readSummary(dir);
  expect(summary.history.trend).toHaveLength(2);
  expect(summary.history.trend!.map((point) => [point.ran, point.passRate, point.flaky])).toEqual([
    [5, 0.8, 1],
    [5, 0.8, 1],
  ]);
  const { page, problems } = await openReport();
  const charts = page.locator('#trends svg.trend');
  await expect(charts).toHaveCount(3);
  for (const chart of await charts.all()) await expect(chart.locator('circle.dot')).toHaveCount(2);
  await expect(charts.nth(0)).toHaveAttribute('aria-label', 'Pass rate over the last 2 runs: 80.0%, 80.0%');
  await expect(charts.nth(1)).toHaveAttribute('aria-label', 'Flaky tests over the last 2 runs: 1, 1');
  expect(problems).toEqual([]);
  await page.context().close();
});

test('every link and image resolves, nothing logs an error, and axe finds no serious or critical violation', async () => {
  const reportDir = path.join(dir, 'panoptic-results', 'report');
  // The page allows only its own script; the accessibility checker comes in past that policy.
  const { page, problems } = await openReport({ bypassCSP: true });
  await page.locator('details').evaluateAll((all) => all.forEach((details) => ((details as HTMLDetailsElement).open = true)));

  const targets = await page.locator('a[href], img[src], video[src]').evaluateAll((all) => all.map((element) => element.getAttribute('href') ?? element.getAttribute('src') ?? ''));
  expect(targets.length).toBeGreaterThan(10);
  for (const target of targets) {
    if (target.startsWith('#')) {
      await expect(page.locator(`[id="${target.slice(1)}"]`), target).toHaveCount(1);
    } else if (!target.startsWith('data:image/svg+xml')) {
      expect(target, 'relative to the report').not.toMatch(/^[a-z]+:|^\//);
      expect(fs.existsSync(path.join(reportDir, decodeURIComponent(target))), `${target} exists`).toBe(true);
    }
  }
  const images = page.locator('img');
  expect(await images.count()).toBeGreaterThan(3);
  for (const image of await images.all()) {
    await image.scrollIntoViewIfNeeded();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  }

  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const { violations } = await (window as unknown as { axe: { run: () => Promise<{ violations: { id: string; impact?: string | null; nodes: { target: unknown }[] }[] }> } }).axe.run();
    return violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
  });
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  expect(problems).toEqual([]);
  await page.context().close();
});

test('the report folder holds no path of this machine', () => {
  const html = fs.readFileSync(path.join(dir, 'panoptic-results', 'report', 'index.html'), 'utf8');
  expect(html).not.toContain(dir);
  expect(html).not.toContain(path.dirname(fileURLToPath(import.meta.url)));
});
