import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { writeProject } from '../helpers/inline.js';
import { htmlReportData } from '../helpers/playwright-report.js';
import { runCli, readSummary } from '../helpers/reporter.js';

// enable_cdn + cdn_endpoint: links in summaries and reports go through the CDN. A local HTTP server
// stands in for it, serving the store folder as its origin under /cdn.

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const spec = `
import fs from 'node:fs';
import { test } from '@playwright/test';
test('shot', async ({}, testInfo) => {
  const file = testInfo.outputPath('shot.png');
  fs.writeFileSync(file, Buffer.from('${PNG.toString('base64')}', 'base64'));
  await testInfo.attach('shot', { path: file, contentType: 'image/png' });
});
`;

let cdn: http.Server;
let origin = '';
const served: string[] = [];

test.beforeAll(async () => {
  cdn = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://cdn');
    served.push(url.pathname);
    const file = path.join(origin, ...decodeURIComponent(url.pathname.replace(/^\/cdn\//, '')).split('/'));
    if (!url.pathname.startsWith('/cdn/') || !file.startsWith(origin) || !fs.existsSync(file)) return void response.writeHead(404).end();
    response.writeHead(200);
    fs.createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => cdn.listen(0, '127.0.0.1', resolve));
});

test.afterAll(async () => {
  await new Promise((resolve) => cdn.close(resolve));
});

test('the summary, Panoptic report and Playwright report link stored files through the CDN', async () => {
  const endpoint = `http://127.0.0.1:${(cdn.address() as AddressInfo).port}/cdn`;
  const cloud = { provider: 'local', bucket: 'store', enable_sync: true, sync_interval: 0, delete_local_after_sync: true, enable_cdn: true, cdn_endpoint: endpoint };
  const dir = writeProject({
    'playwright.config.ts': `
import { defineConfig } from '@playwright/test';
export default defineConfig({
  outputDir: 'panoptic-results/test-results',
  reporter: [['list'], ['@panoptic/reporter', ${JSON.stringify({ cloud })}], ['html', { open: 'never', outputFolder: 'pw-report' }]],
});`,
    'a.spec.ts': spec,
  });
  origin = path.join(dir, 'store');
  const run = await runCli(dir, ['test'], { PANOPTIC_RUN_ID: 'cdn' });
  expect(run.exitCode, run.output).toBe(0);
  const base = `${endpoint}/panoptic/default/cdn/all`;

  // No reportUrl option needed: a CDN link carries no signature.
  const reportUrl = readSummary(dir).uploads?.reportUrl;
  expect(reportUrl).toBe(`${base}/report/index.html`);
  const page = await (await fetch(reportUrl!)).text();
  // The screenshot's local file was uploaded and deleted as its test ended: the report links the CDN's copy.
  const image = new RegExp(`<img src="(${base}/test-results/[^"]+\\.png)"`).exec(page)?.[1];
  expect(image, page).toBeDefined();
  expect(Buffer.from(await (await fetch(image!)).arrayBuffer()).equals(PNG)).toBe(true);

  const playwrightReport = [...(await htmlReportData(path.join(dir, 'pw-report'))).values()].join('\n');
  expect(playwrightReport).toContain(`"path":"${image}"`);
  expect(served).toContain(new URL(image!).pathname);
});
