#!/usr/bin/env node
// The mobile platform's cost against Playwright's device emulation, side by side in one run: a Pixel 7
// in Chromium through Appium (appium-chromium-driver, Chrome's mobile emulation) and the same Pixel 7
// as a Playwright device descriptor. Each round starts a session and plays the same 10-step flow on the
// demo app through Panoptic's platforms. Rounds alternate so both share the machine's state.
// A measurement, not a check: it never fails on timings.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot, roundsFrom, startResult } from '../lib/result.mjs';
import { chromium, devices } from '@playwright/test';

const ROUNDS = roundsFrom(5);
const DEVICE = 'Pixel 7';

const record = startResult('mobile');
const dist = (file) => pathToFileURL(path.join(repoRoot, 'packages', 'fixtures', 'dist', file)).href;

const { AppiumServer } = await import(dist('platforms/mobile/appium-server.js'));
const { MobilePlatform } = await import(dist('platforms/mobile/mobile-platform.js'));
const { WebPlatform } = await import(dist('platforms/web.js'));
const { findChromium } = await import(dist('browser.js'));
const { startDemoServer } = await import(pathToFileURL(path.join(repoRoot, 'apps', 'demo', 'server.mjs')).href);
const { remote } = await import('webdriverio');

const chromiumPath = findChromium().executablePath ?? chromium.executablePath();
const chromedriver = ['/usr/bin/chromedriver', '/usr/lib/chromium/chromedriver'].find((file) => fs.existsSync(file));
if (!chromedriver) throw new Error('bench/mobile needs chromedriver (apt-get install -y chromium-driver).');

/** The 10 steps, the same calls on both platforms. */
function steps(base) {
  return [
    ['navigate', (p) => p.navigate(`${base}/login`)],
    ['fill user', (p) => p.fill('#username', 'demo')],
    ['fill password', (p) => p.fill('#password', 'secret')],
    ['submit', (p) => p.submit(undefined)],
    ['click greeting', (p) => p.click('[data-testid=greeting]', undefined)],
    ['screenshot', (p) => p.screenshot({ type: 'png' })],
    ['navigate home', (p) => p.navigate(`${base}/`)],
    ['click heading', (p) => p.click('[data-testid=home-heading]', undefined)],
    ['back', (p) => p.back()],
    ['screenshot again', (p) => p.screenshot({ type: 'png' })],
  ];
}

async function timed(fn) {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

async function appiumRound(serverUrl, base) {
  const { port } = new URL(serverUrl);
  const session = await timed(() =>
    remote({
      hostname: '127.0.0.1',
      port: Number(port),
      path: '/',
      logLevel: 'silent',
      connectionRetryCount: 0,
      capabilities: {
        platformName: 'linux',
        browserName: 'chrome',
        'appium:automationName': 'Chromium',
        'appium:executable': chromedriver,
        'appium:autodownloadEnabled': false,
        'goog:chromeOptions': { binary: chromiumPath, args: ['--headless=new', '--no-sandbox', '--disable-dev-shm-usage'], mobileEmulation: { deviceName: DEVICE } },
        'wdio:enforceWebDriverClassic': true,
      },
    }),
  );
  const driver = session.value;
  const platform = new MobilePlatform(driver, { timeoutMs: 10_000, performanceMetrics: false, driverName: 'Chromium', recorder: undefined, toJpeg: undefined });
  const flow = await timed(async () => {
    for (const [, step] of steps(base)) await step(platform);
  });
  const end = await timed(() => driver.deleteSession());
  return { sessionMs: session.ms, flowMs: flow.ms, endMs: end.ms };
}

async function playwrightRound(base) {
  const session = await timed(async () => {
    const browser = await chromium.launch({ executablePath: chromiumPath });
    const context = await browser.newContext({ ...devices[DEVICE], defaultBrowserType: undefined });
    const page = await context.newPage();
    return { browser, page };
  });
  const platform = await WebPlatform.create(session.value.page);
  const flow = await timed(async () => {
    for (const [, step] of steps(base)) await step(platform);
  });
  const end = await timed(() => session.value.browser.close());
  return { sessionMs: session.ms, flowMs: flow.ms, endMs: end.ms };
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  return { medianMs: Math.round(median), minMs: Math.round(sorted[0]), maxMs: Math.round(sorted.at(-1)) };
}

const demo = await startDemoServer();
const serverStart = await timed(() => AppiumServer.start({ cwd: repoRoot }));
const server = serverStart.value;
const rounds = { appium: [], playwright: [] };
try {
  // One warm-up round each: the first Chromium start pays for cold disk caches.
  await appiumRound(server.url, demo.url);
  await playwrightRound(demo.url);
  for (let round = 0; round < ROUNDS; round++) {
    rounds.appium.push(await appiumRound(server.url, demo.url));
    rounds.playwright.push(await playwrightRound(demo.url));
    process.stdout.write(`round ${round + 1}/${ROUNDS} done\n`);
  }
} finally {
  await server.stop();
  await demo.close();
}

const summarize = (list) => ({
  sessionStart: stats(list.map((r) => r.sessionMs)),
  flow10Steps: stats(list.map((r) => r.flowMs)),
  sessionEnd: stats(list.map((r) => r.endMs)),
});
const appium = summarize(rounds.appium);
const playwright = summarize(rounds.playwright);
const result = {
  device: DEVICE,
  rounds: ROUNDS,
  steps: steps('').map(([name]) => name),
  appiumServerStartMs: Math.round(serverStart.ms),
  appium: { route: 'Appium 3 + appium-chromium-driver, Chrome mobile emulation, WebdriverIO remote()', ...appium },
  playwright: { route: "Playwright Chromium with the device descriptor", ...playwright },
  ratios: {
    sessionStart: +(appium.sessionStart.medianMs / playwright.sessionStart.medianMs).toFixed(2),
    flow10Steps: +(appium.flow10Steps.medianMs / playwright.flow10Steps.medianMs).toFixed(2),
  },
  raw: rounds,
};
record.write(result);
process.stdout.write(`${JSON.stringify({ appiumServerStartMs: result.appiumServerStartMs, appium, playwright, ratios: result.ratios }, null, 2)}\n`);
