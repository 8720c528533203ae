import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import { useDemoServer } from '../helpers/demo.js';
import { runCli, readSummary, WITH_PANOPTIC } from '../helpers/reporter.js';
import { testOf, type FlatTest, type InlineRun, writeProject } from '../helpers/inline.js';
import { isJpeg, pngSize } from '../helpers/media.js';
import { chromiumCapabilities, fakeCapabilities, processesWithMarker } from '../helpers/mobile.js';
import { jpegQuality } from '../helpers/settings.js';

// YAML suites with web, emulated and Appium apps in one `playwright test` run: a real Appium server
// per worker (started from the repo's own appium), appium-chromium-driver on the system Chromium
// (desktop and a Pixel 7 in Chrome's mobile emulation) and @appium/fake-driver playing an app model
// kept beside this file, which stands in for a phone: no Android or iOS device can exist here.

const demo = useDemoServer();

type Action = { name: string; type: string } & Record<string, unknown>;
type App = { name: string; type: 'web' | 'mobile' } & Record<string, unknown>;

const shot = (name = 'shot'): Action => ({ name, type: 'screenshot' });

function suite(name: string, apps: App[], settings: Record<string, unknown>): string {
  return JSON.stringify({ name, apps, settings }, null, 2);
}

function chromiumApp(name: string, url: string, actions: Action[], mobileEmulation?: { deviceName: string }): App {
  return { name, type: 'mobile', platform: 'android', url, timeout: 10, appium: { capabilities: chromiumCapabilities(mobileEmulation) }, actions };
}

function fakeApp(name: string, actions: Action[], extra: Record<string, unknown> = {}): App {
  return { name, type: 'mobile', platform: 'android', timeout: 3, appium: { capabilities: fakeCapabilities() }, ...extra, actions };
}

function attachmentPath(result: FlatTest, name: string): string {
  const found = result.attachments.find((a) => a.name === name);
  if (!found?.path) throw new Error(`${result.project} has no "${name}" attachment; it has ${result.attachments.map((a) => a.name).join(', ')}`);
  return found.path;
}

function metricsOf(result: FlatTest): { platform: string; actions: { name: string; type: string; status: string; performance?: Record<string, unknown> }[]; artifacts: { name: string; kind: string; bytes: number }[] } {
  const attachment = result.attachments.find((a) => a.name === 'panoptic-metrics');
  if (!attachment?.body) throw new Error(`${result.project} attached no metrics`);
  return JSON.parse(Buffer.from(attachment.body, 'base64').toString());
}

function expectStatus(run: InlineRun, project: string, status: string): FlatTest {
  const result = testOf(run.report, project);
  expect(result.status, `${project}: ${result.errors.join('\n')}`).toBe(status);
  return result;
}

test.describe('mobile apps in YAML suites', () => {
  test.describe.configure({ mode: 'default' });
  let run: InlineRun;
  const marker = `PANOPTIC_MOBILE_RUN=${randomUUID()}`;

  test.beforeAll(async () => {
    test.setTimeout(600_000);
    const login = `${demo.url}/login`;
    const signIn: Action[] = [
      { name: 'user', type: 'fill', selector: '#username', value: 'demo' },
      { name: 'password', type: 'fill', selector: '#password', value: 'secret' },
    ];
    const mixed = suite(
      'Mixed',
      [
        { name: 'web-desktop', type: 'web', url: login, actions: [...signIn, { name: 'sign in', type: 'submit' }, { name: 'greeting', type: 'click', selector: '[data-testid=greeting]' }, shot()] },
        { name: 'web-pixel', type: 'web', device: 'Pixel 7', url: login, actions: [shot()] },
        { name: 'web-iphone', type: 'web', device: 'iPhone 13', url: login, actions: [shot()] },
        chromiumApp('appium-desktop', login, [
          ...signIn,
          { name: 'sign in by text', type: 'click', target: 'Sign in' },
          { name: 'greeting', type: 'click', selector: '[data-testid=greeting]' },
          { name: 'back', type: 'click', parameters: { gesture: 'back' } },
          { name: 'login form again', type: 'click', selector: 'xpath=//form[@data-testid="login-form"]' },
          { name: 'scroll', type: 'click', parameters: { gesture: 'swipe', direction: 'up' } },
          shot(),
        ]),
        chromiumApp(
          'appium-pixel',
          login,
          [
            ...signIn,
            { name: 'enter', type: 'submit', selector: '#password' },
            { name: 'greeting', type: 'click', selector: '[data-testid=greeting]' },
            { name: 'swipe', type: 'click', parameters: { gesture: 'swipe', direction: 'up', distance: 0.3 } },
            { name: 'tap center', type: 'click', target: 'center' },
            // The original's mobile clicks also read a point from `selector`.
            { name: 'tap center by selector', type: 'click', selector: 'center' },
            { name: 'tap a point by selector', type: 'click', selector: '5,5' },
            shot(),
          ],
          { deviceName: 'Pixel 7' },
        ),
      ],
      { enable_metrics: true },
    );
    const native = suite(
      'Native',
      [
        fakeApp('fake-native', [
          { name: 'user', type: 'fill', selector: '~username', value: 'demo' },
          { name: 'by xpath', type: 'click', selector: '//MockListItem[@id="pear"]' },
          { name: 'by id', type: 'click', selector: 'id=apple' },
          { name: 'by text', type: 'click', target: 'Pear' },
          { name: 'at point', type: 'click', target: '20,40' },
          { name: 'swipe left', type: 'click', parameters: { gesture: 'swipe', direction: 'left' } },
          { name: 'native screen', type: 'screenshot', parameters: { filename: 'native' } },
        ]),
        { name: 'android-without-driver', type: 'mobile', platform: 'android', url: login, actions: [shot()] },
      ],
      { screenshot_format: 'jpeg', quality: 40 },
    );
    // A test's timeout grows by its waits, so the app that must time out has a test_timeout of its own.
    const timingOut = suite(
      'Timeout',
      [
        chromiumApp('chromium-timeout', login, [{ name: 'too long', type: 'wait', wait_time: 60 }]),
        fakeApp('fake-missing', [{ name: 'missing', type: 'click', selector: '~no-such-element' }]),
      ],
      { test_timeout: 30 },
    );
    const dir = writeProject({
      'mixed.yaml': mixed,
      'native.yaml': native,
      'timeout.yaml': timingOut,
      // Appium sessions start slowly on a loaded machine: a generous timeout, except for the app that must time out.
      'playwright.config.ts': [
        "import { defineConfig } from '@playwright/test';",
        "import { fromSuites } from '@panoptic/fixtures/config';",
        "export default defineConfig({ ...fromSuites(['mixed.yaml', 'native.yaml', 'timeout.yaml']), timeout: 120_000 });",
        '',
      ].join('\n'),
    });
    run = await runCli(dir, ['test', WITH_PANOPTIC, '--workers=2'], {
      PANOPTIC_MOBILE_RUN: marker.split('=')[1],
      // The runner prints suite notes only outside Playwright workers, and this test runs in one.
      TEST_WORKER_INDEX: undefined,
    });
  });

  test('web, emulated and Appium apps run in one playwright test, with screenshots and metrics in the report', () => {
    for (const project of ['web-desktop', 'web-pixel', 'web-iphone', 'appium-desktop', 'appium-pixel', 'fake-native']) {
      const result = expectStatus(run, project, 'passed');
      expect(result.attachments.some((a) => a.contentType.startsWith('image/')), `${project} attached a screenshot`).toBe(true);
    }
    const summary = readSummary(run.dir);
    for (const project of ['web-desktop', 'web-pixel', 'appium-desktop', 'appium-pixel', 'fake-native']) {
      const entry = summary.tests.find((t) => t.project === project)!;
      expect(entry.artifacts.map((a) => a.kind), project).toContain('screenshot');
      expect(entry.actions?.screenshot?.count, project).toBe(1);
    }
    expect(summary.tests.find((t) => t.project === 'appium-pixel')!.platform).toBe('mobile');
    expect(summary.tests.find((t) => t.project === 'web-pixel')!.platform).toBe('web');
    expect(fs.existsSync(`${run.dir}/panoptic-results/report/index.html`)).toBe(true);
  });

  test('the Appium apps play every action as a step with its metrics', () => {
    const desktop = expectStatus(run, 'appium-desktop', 'passed');
    expect(desktop.steps).toEqual([`open ${demo.url}/login`, 'user', 'password', 'sign in by text', 'greeting', 'back', 'login form again', 'scroll', 'shot']);
    const metrics = metricsOf(desktop);
    expect(metrics.platform).toBe('mobile');
    expect(metrics.actions.every((a) => a.status === 'passed')).toBe(true);
    // enable_metrics reads the browser's navigation timing in Appium browser sessions too.
    expect(metrics.actions[0]!.performance).toMatchObject({ url: `${demo.url}/login` });
    expect(metrics.artifacts).toEqual([expect.objectContaining({ name: 'shot.png', kind: 'screenshot' })]);
  });

  test("Chromium's mobile emulation through Appium renders at the phone's size", () => {
    const pixel = pngSize(attachmentPath(expectStatus(run, 'appium-pixel', 'passed'), 'shot.png'));
    const desktop = pngSize(attachmentPath(expectStatus(run, 'appium-desktop', 'passed'), 'shot.png'));
    // Pixel 7: 412 CSS pixels at a device pixel ratio of 2.625, in portrait.
    expect(Math.abs(pixel.width - 412 * 2.625)).toBeLessThanOrEqual(1);
    expect(pixel.height).toBeGreaterThan(pixel.width);
    expect(desktop.width).toBeLessThan(pixel.width);
  });

  test('native-style lookups: accessibility id, xpath, id, text, coordinates, swipe', () => {
    const fake = expectStatus(run, 'fake-native', 'passed');
    expect(fake.steps).toEqual(['user', 'by xpath', 'by id', 'by text', 'at point', 'swipe left', 'native screen']);
    expect(metricsOf(fake).actions.map((a) => `${a.type} ${a.status}`)).toEqual([
      'fill passed',
      'click passed',
      'click passed',
      'click passed',
      'click passed',
      'click passed',
      'screenshot passed',
    ]);
  });

  test('a WebKit-default device runs on Chromium with a note', () => {
    const iphone = expectStatus(run, 'web-iphone', 'passed');
    expect(run.stderr).toMatch(/\[panoptic\] note: .*mixed\.yaml: device "iPhone 13" defaults to WebKit, which is not installed: app "web-iphone" runs in Chromium/);
    const report = run.report!;
    const annotations = report.suites.flatMap(function all(s): { type: string; description?: string }[] {
      return [...s.specs.flatMap((spec) => spec.tests.filter((t) => t.projectName === 'web-iphone').flatMap((t) => t.annotations)), ...(s.suites ?? []).flatMap(all)];
    });
    expect(annotations).toContainEqual(expect.objectContaining({ type: 'panoptic-note', description: expect.stringContaining('runs in Chromium') }));
    expect(iphone.project).toBe('web-iphone');
  });

  test('native-style screenshots follow screenshot_format and quality', () => {
    const file = attachmentPath(expectStatus(run, 'fake-native', 'passed'), 'native.jpg');
    expect(isJpeg(file)).toBe(true);
    expect(jpegQuality(file)).toBe(40);
  });

  test('a failing action attaches a screenshot of the Appium screen', () => {
    const missing = expectStatus(run, 'fake-missing', 'failed');
    expect(missing.attachments.find((a) => a.name === 'failure-screenshot')?.contentType).toBe('image/png');
    expect(pngSize(attachmentPath(missing, 'failure-screenshot')).width).toBeGreaterThan(0);
  });

  test('an Android app without the UiAutomator2 driver fails naming the package to install', () => {
    const android = expectStatus(run, 'android-without-driver', 'failed');
    expect(android.errors.join('\n')).toMatch(/Appium could not start a UiAutomator2 session at http:\/\/127\.0\.0\.1:\d+: .*npm install -D appium-uiautomator2-driver/);
  });

  test('sessions end on pass, failure and timeout, and servers with their workers: nothing is left running', () => {
    expectStatus(run, 'chromium-timeout', 'timedOut');
    expect(processesWithMarker(marker)).toEqual([]);
  });
});
