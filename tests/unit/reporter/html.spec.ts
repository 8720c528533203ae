import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test, expect, chromium, type Browser, type Page } from '@playwright/test';
import { launchOptionsForChromium } from '@panoptic/fixtures/chromium';
// The HTML writer is internal to the reporter: this unit test feeds it summaries directly.
import { writeHtmlReport } from '../../../packages/reporter/dist/outputs/html.js';
import { emptySummary, largeSummary, syntheticRun, XSS_MESSAGE, XSS_TITLE } from './html-fixture.js';

let browser: Browser;

test.beforeAll(async () => {
  browser = await chromium.launch(launchOptionsForChromium());
});

test.afterAll(async () => {
  await browser?.close();
});

async function report(testInfo: { outputPath: (...parts: string[]) => string }) {
  const run = await syntheticRun(browser, testInfo.outputPath('artifacts'));
  const reportDir = testInfo.outputPath('report');
  const result = await writeHtmlReport(run.summary, reportDir);
  const html = fs.readFileSync(result.file, 'utf8');
  return { run, reportDir, result, html };
}

/** Every src and href the page names, decoded. */
function urls(html: string): string[] {
  return [...html.matchAll(/\s(?:src|href|data-trace)="([^"]*)"/g)].map((match) => match[1]!.replaceAll('&amp;', '&'));
}

/** Opens the page and records everything that went wrong while it loaded. */
async function open(page: Page, url: string) {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(url);
  return problems;
}

/** Opens every folded story (their images load only when shown), then waits for each image. */
async function loadAllImages(page: Page): Promise<void> {
  await page.locator('details').evaluateAll((all) => all.forEach((details) => ((details as HTMLDetailsElement).open = true)));
  for (const image of await page.locator('img').all()) {
    await image.scrollIntoViewIfNeeded();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  }
}

test('writes one page and copies the artifacts it links into data/ under relative, hashed names', async ({}, testInfo) => {
  const { run, reportDir, result, html } = await report(testInfo);
  expect(result.file).toBe(path.join(reportDir, 'index.html'));

  // Linked: the failed test's screenshot, video and trace; the flaky test's screenshot and trace; the passed test's screenshot.
  const data = fs.readdirSync(path.join(reportDir, 'data')).sort();
  expect(data).toHaveLength(6);
  expect(result.copied).toBe(6);
  for (const name of data) expect(name).toMatch(/^[0-9a-f]{20}\.(png|webm|zip)$/);
  for (const source of [run.files.checkoutShot, run.files.video, run.files.trace, run.files.homeShot]) {
    const same = data.filter((name) => fs.readFileSync(path.join(reportDir, 'data', name)).equals(fs.readFileSync(source)));
    expect(same, `${path.basename(source)} is copied once`).toHaveLength(1);
    expect(html).toContain(`"data/${same[0]}"`);
  }

  const linked = urls(html).filter((url) => !url.startsWith('#') && !url.startsWith('data:'));
  expect(linked.length).toBeGreaterThan(0);
  for (const url of linked) {
    expect(url, 'links are relative to the report').toMatch(/^data\/[0-9a-f]{20}\.(png|webm|zip)$/);
    expect(fs.existsSync(path.join(reportDir, url)), `${url} exists`).toBe(true);
  }
  // Only the warning about the missing file names a path on this machine.
  expect(html.replace(/<section id="warnings"[^]*?<\/section>/, '')).not.toContain(testInfo.outputPath());
  // Self-contained: nothing is fetched from elsewhere; the one absolute address is the trace viewer the script builds.
  expect(html.match(/https?:\/\/[^\s'"<)]+/g) ?? []).toEqual(['https://trace.playwright.dev/?trace=']);
  expect(html).not.toMatch(/@import|url\(/);
  expect(html.match(/<link [^>]*>/g)).toEqual([expect.stringMatching(/^<link rel="icon" href="data:image\/svg\+xml,/)]);
  expect(html.match(/<script>/g)).toHaveLength(1);
  expect(html).toContain('npx playwright show-trace data/');

  // Writing again reuses the same names instead of piling up copies.
  const again = await writeHtmlReport(run.summary, reportDir);
  expect(again.copied).toBe(6);
  expect(fs.readdirSync(path.join(reportDir, 'data')).sort()).toEqual(data);
});

test('escapes titles, messages and names from the run', async ({}, testInfo) => {
  const { html } = await report(testInfo);
  expect(html).not.toContain(XSS_TITLE);
  expect(html).not.toContain('<img src=x');
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(html).toContain('&lt;img src=x onerror=alert(2)&gt; in &quot;the page&quot; &amp; more');
  expect(html).toContain('global setup could not seed &lt;db&gt; &quot;orders&quot;');

  const page = await browser.newPage();
  const problems = await open(page, pathToFileURL(path.join(testInfo.outputPath('report'), 'index.html')).href);
  await expect(page.getByText(XSS_TITLE).first()).toBeVisible();
  await expect(page.locator('#failures pre', { hasText: XSS_MESSAGE })).toBeVisible();
  expect(await page.locator('script').count()).toBe(1);
  expect(problems).toEqual([]);
  await page.close();
});

test('a missing artifact file is a warning, on the page and returned', async ({}, testInfo) => {
  const { run, result, html } = await report(testInfo);
  expect(result.warnings).toHaveLength(1);
  expect(result.warnings[0]).toContain(run.files.missing);
  expect(result.warnings[0]).toContain('file not found');
  expect(html).toContain('deleted-before-the-report.png');
  expect(html).toContain('unreadable Panoptic metrics attachment');
});

test('opened from file:// it loads cleanly, shows the counts and the thumbnails, and needs no script', async ({}, testInfo) => {
  const { run, reportDir } = await report(testInfo);
  const totals = run.summary.totals;
  expect(totals).toMatchObject({ total: 11, passed: 6, failed: 3, flaky: 1, skipped: 1, timedOut: 1 });

  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = await open(page, pathToFileURL(path.join(reportDir, 'index.html')).href);
  await expect(page).toHaveTitle('Panoptic report · failed · 11 tests, 3 failed, 1 flaky');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Panoptic test report');
  await expect(page.getByRole('status')).toHaveText('Failed');
  const stat = (name: string) => page.locator(`[data-stat="${name}"] .value`);
  await expect(stat('total')).toHaveText('11');
  await expect(stat('passed')).toHaveText('6');
  await expect(stat('failed')).toHaveText('3');
  await expect(stat('flaky')).toHaveText('1');
  await expect(stat('skipped')).toHaveText('1');
  await expect(stat('timedout')).toHaveText('1');
  await expect(stat('success-rate')).toHaveText('70.0%');
  await expect(stat('flaky-rate')).toHaveText('10.0%');
  await expect(page.locator('header dl')).toContainText('1 of 2');
  await expect(page.locator('header dl')).toContainText('1.65.1');

  for (const name of ['Outcomes', 'Run errors (1)', 'Failures (3)', 'Flaky tests (1)', 'Changes since the last run', 'Projects', 'Apps', 'Test durations', 'Slowest tests', 'Screenshots of passed tests', 'Artifacts', 'Reporter warnings (2)']) {
    await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
  }
  const failure = page.locator('#failures li.case', { hasText: 'pays with a card' });
  await expect(failure.locator('pre')).toContainText('Received: "Payment declined"');
  await expect(failure).toContainText('tests/shop.spec.ts:42:35');
  await expect(failure).toContainText('tests/shop.spec.ts:36');
  await expect(failure.locator('video')).toHaveAttribute('src', /^data\/[0-9a-f]{20}\.webm$/);
  await expect(failure.locator('code.cmd')).toHaveText(/^npx playwright show-trace data\/[0-9a-f]{20}\.zip$/);
  // From disk, trace.playwright.dev could not fetch the file: only the command is offered.
  await expect(failure.locator('a.viewer')).toBeHidden();
  await expect(page.locator('#flaky')).toContainText('failed→passed');
  await expect(page.locator('#flaky')).toContainText('flaky score 30.0% of 10 runs');
  await expect(page.locator('#history')).toContainText('pays with a card');
  await expect(page.locator('#history')).toContainText('keeps items after reload');
  await expect(page.locator('#slowest tbody tr').first()).toContainText('exports the yearly report');
  await expect(page.locator('#slowest tbody tr').first()).toContainText('30 s');
  await expect(page.locator('#projects tbody tr')).toHaveCount(2);
  await expect(page.locator('svg.donut')).toHaveAttribute('aria-label', 'Outcomes: 6 passed, 1 flaky, 3 failed, 1 skipped');
  await expect(page.locator('svg.histogram rect.fill')).not.toHaveCount(0);

  const images = page.locator('img');
  // The failure's, the flaky test's and the gallery's screenshot, and each again in its test's story.
  await expect(page.locator('section:not(#tests) img')).toHaveCount(3);
  await expect(images).toHaveCount(6);
  for (const alt of await images.evaluateAll((all) => all.map((img) => img.getAttribute('alt') ?? ''))) expect(alt).toMatch(/^Screenshot "/);
  await loadAllImages(page);
  await page.evaluate(() => window.scrollTo(0, 0));

  const shot = testInfo.outputPath('report.png');
  await page.screenshot({ path: shot, fullPage: true });
  await testInfo.attach('report', { path: shot, contentType: 'image/png' });
  expect(problems).toEqual([]);
  await page.close();

  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noScript.newPage();
  await plain.goto(pathToFileURL(path.join(reportDir, 'index.html')).href);
  await expect(plain.locator('[data-stat="failed"] .value')).toHaveText('3');
  await expect(plain.locator('code.cmd').first()).toBeVisible();
  await expect(plain.locator('a.viewer').first()).toBeHidden();
  await noScript.close();
});

test('served over http it offers the trace viewer with the trace\'s absolute address', async ({}, testInfo) => {
  const { reportDir } = await report(testInfo);
  const types: Record<string, string> = { '.html': 'text/html', '.png': 'image/png', '.zip': 'application/zip', '.webm': 'video/webm' };
  const server = http.createServer((request, response) => {
    const file = path.join(reportDir, decodeURIComponent(new URL(request.url!, 'http://x').pathname).replace(/^\/report\/?/, '/') || 'index.html');
    const target = file.endsWith(path.sep) ? path.join(file, 'index.html') : file;
    if (!target.startsWith(reportDir) || !fs.existsSync(target)) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': types[path.extname(target)] ?? 'application/octet-stream' }).end(fs.readFileSync(target));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/report/`;
  try {
    const page = await browser.newPage();
    const problems = await open(page, base);
    const viewer = page.locator('#failures li.case', { hasText: 'pays with a card' }).locator('a.viewer');
    await expect(viewer).toBeVisible();
    const href = await viewer.getAttribute('href');
    const traceUrl = new URL(href!).searchParams.get('trace');
    expect(href).toMatch(/^https:\/\/trace\.playwright\.dev\/\?trace=http%3A%2F%2F127\.0\.0\.1%3A/);
    expect(traceUrl).toMatch(new RegExp(`^${base}data/[0-9a-f]{20}\\.zip$`));
    expect((await fetch(traceUrl!)).status).toBe(200);
    await loadAllImages(page);
    expect(problems).toEqual([]);
    await page.close();
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

test('a run of 20,000 tests lists a bounded number of each and says how many more', async ({}, testInfo) => {
  const summary = largeSummary(20_000, 400);
  // Speed is measured in bench/aggregate, never asserted here.
  const result = await writeHtmlReport(summary, testInfo.outputPath('report'));
  const html = fs.readFileSync(result.file, 'utf8');
  expect(result.copied).toBe(0);
  // The list of all tests holds the first 1,000 (failed first), about 0.6 kB each; every other section is bounded too.
  expect(html.length).toBeLessThan(1_000_000);
  expect(html.match(/<li class="case test-row"/g)).toHaveLength(1_000);
  expect(html).toContain('… and 19,000 more tests (they are in summary.json)');
  expect(html.match(/<li class="case">/g)).toHaveLength(50 + 50);
  expect(html).toContain('… and 350 more failures of this kind');
  expect(html).toContain(`… and ${summary.flaky.length - 50} more flaky tests`);
  expect(html.match(/<tr><td class="num">\d+<\/td>/g)).toHaveLength(20);

  const page = await browser.newPage();
  const problems = await open(page, pathToFileURL(result.file).href);
  await expect(page.locator('[data-stat="total"] .value')).toHaveText('20,000');
  await expect(page.locator('[data-stat="failed"] .value')).toHaveText('400');
  expect(problems).toEqual([]);
  await page.close();
});

test('a run without tests still renders a complete page', async ({}, testInfo) => {
  const result = await writeHtmlReport(emptySummary(), testInfo.outputPath('report'));
  expect(result).toEqual({ file: testInfo.outputPath('report', 'index.html'), copied: 0, warnings: [] });
  expect(fs.existsSync(testInfo.outputPath('report', 'data'))).toBe(false);
  const page = await browser.newPage();
  const problems = await open(page, pathToFileURL(result.file).href);
  await expect(page.locator('[data-stat="total"] .value')).toHaveText('0');
  await expect(page.locator('[data-stat="success-rate"] .value')).toHaveText('–');
  await expect(page.locator('#durations')).toContainText('No test ran.');
  await expect(page.locator('#failures')).toHaveCount(0);
  expect(problems).toEqual([]);
  await page.close();
});
