import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test, expect, devices } from '@playwright/test';
import { useDemoServer, suitesConfig } from '../helpers/demo.js';
import { runPanoptic, runPlaywright, testOf, writeProject, type FlatTest, type InlineRun } from '../helpers/inline.js';
import { isJpeg, pngSize, probeVideo } from '../helpers/media.js';
import { jpegQuality, stderrOf, workerSlotOf, useDisplay, useProbeServer } from '../helpers/settings.js';

// Every suite setting, each shown to change what the browser, the run or the artifacts do, next to
// a control that does not set it. Playwright runs are slow, so each describe below plays many
// suites in one run (one project per app) and its tests assert on their own projects.

const demo = useDemoServer();
const probe = useProbeServer();

type Action = { name: string; type: string } & Record<string, unknown>;
type App = { name: string; type: 'web' | 'desktop' | 'mobile' } & Record<string, unknown>;

/** A suite file's text. JSON is YAML too, and spares quoting selectors full of quotes and colons. */
function suite(apps: App[], settings: Record<string, unknown> = {}): string {
  return JSON.stringify({ apps, settings }, null, 2);
}

function web(name: string, url: string, actions: Action[], extra: Record<string, unknown> = {}): App {
  return { name, type: 'web', url, ...extra, actions };
}

const reported: Action = { name: 'page reported', type: 'click', selector: '[data-testid=reported]' };
const jsOff: Action = { name: 'sees JavaScript off', type: 'click', selector: '[data-testid=js-status]:has-text("JavaScript off")' };
const imageFailed: Action = { name: 'sees image failed', type: 'click', selector: '[data-testid=image-status]:has-text("failed")' };
const shot: Action = { name: 'shot', type: 'screenshot' };
// The wait keeps the page open well past the clip: a loaded machine was seen to end the page's
// video up to half a second early, which cuts a clip that ends with the page short.
const clip: Action[] = [
  { name: 'clip', type: 'record', duration: 1 },
  { name: 'hold', type: 'wait', wait_time: 2 },
];

function metricsOf(result: FlatTest): { actions: { name: string; type: string; performance?: Record<string, unknown> }[] } {
  const attachment = result.attachments.find((a) => a.name === 'panoptic-metrics');
  if (!attachment?.body) throw new Error(`project ${result.project} attached no metrics`);
  return JSON.parse(Buffer.from(attachment.body, 'base64').toString());
}

function attachment(result: FlatTest, name: string): { contentType: string; path: string } {
  const found = result.attachments.find((a) => a.name === name);
  if (!found?.path) throw new Error(`project ${result.project} has no "${name}" attachment; it has ${result.attachments.map((a) => a.name).join(', ')}`);
  return { contentType: found.contentType, path: found.path };
}

function expectStatus(run: InlineRun, project: string, status: 'passed' | 'failed'): FlatTest {
  const result = testOf(run.report, project);
  expect(result.status, `${project}: ${result.errors.join('\n')}`).toBe(status);
  return result;
}

/** The file an over-limit error says it kept. */
function keptFile(error: string): string {
  const match = /it is kept at (.+)\.$/m.exec(error);
  if (!match) throw new Error(`no kept file named in: ${error}`);
  return match[1]!;
}

test.describe('browser context settings', () => {
  test.describe.configure({ mode: 'default' });
  let run: InlineRun;

  test.beforeAll(async () => {
    const image = `${demo.url}/image`;
    const slowPage = `${demo.url}/slow?ms=3000`;
    const files = {
      'viewport.yaml': suite([web('window', probe.page('window'), [reported, shot])], { window_width: 1000, window_height: 650 }),
      'devices.yaml': suite(
        [web('iphone', probe.page('iphone'), [reported]), web('pixel', probe.page('pixel'), [reported], { device: 'Pixel 5' })],
        { mobile_device: 'iPhone 13' },
      ),
      'js-off.yaml': suite([web('js-off', probe.page('js-off'), [{ name: 'image page', type: 'navigate', url: image }, jsOff])], {
        disable_javascript: true,
        element_timeout: 3,
      }),
      // The control for JavaScript, page_timeout and the browser defaults: nothing set but an element
      // timeout, so that the selector that must not match fails quickly.
      'defaults.yaml': suite(
        [
          web('defaults', probe.page('defaults'), [
            reported,
            { name: 'slow page', type: 'navigate', url: slowPage },
            { name: 'image page', type: 'navigate', url: image },
            jsOff,
          ]),
        ],
        { element_timeout: 3 },
      ),
      'images-off.yaml': suite(
        [web('images-off', probe.page('images-off'), [reported, { name: 'image page', type: 'navigate', url: image }, imageFailed])],
        { disable_images: true, element_timeout: 3 },
      ),
      'images-on.yaml': suite(
        [web('images-on', probe.page('images-on'), [reported, { name: 'image page', type: 'navigate', url: image }, imageFailed])],
        { element_timeout: 3 },
      ),
      'slow.yaml': suite([web('slow-nav', `${demo.url}/`, [{ name: 'slow page', type: 'navigate', url: slowPage }])], { page_timeout: 1 }),
      'late.yaml': suite(
        [
          web('late-default', probe.page('late-default', { lateMs: 3500 }), [{ name: 'late element', type: 'click', selector: '[data-testid=late]' }]),
          web('late-app-timeout', probe.page('late-app-timeout', { lateMs: 3500 }), [{ name: 'late element', type: 'click', selector: '[data-testid=late]' }], {
            timeout: 10,
          }),
        ],
        { element_timeout: 2 },
      ),
      // The run-wide worker limit rides on a suite whose apps launch no browser.
      'platforms.yaml': suite(
        [
          { name: 'desktop-app', type: 'desktop', path: './desktop-app.sh', actions: [shot] },
        ],
        { parallel_tests: 3, max_concurrent_browsers: 2 },
      ),
    };
    const suites = Object.keys(files);
    const dir = writeProject({ ...files, 'desktop-app.sh': 'echo desktop app\n', 'playwright.config.ts': suitesConfig(suites) });
    run = await runPlaywright(dir);
    expect(run.report, run.output).toBeDefined();
  });

  test('window_width and window_height set the viewport', () => {
    expectStatus(run, 'window', 'passed');
    expect(probe.facts('window')).toMatchObject({ innerWidth: 1000, innerHeight: 650, devicePixelRatio: 1 });
    const size = pngSize(attachment(testOf(run.report, 'window'), 'shot.png').path);
    expect(size.width).toBe(1000);
    expect(size.height).toBeGreaterThanOrEqual(650);
    // Control: Playwright's default viewport.
    expect(probe.facts('defaults')).toMatchObject({ innerWidth: 1280, innerHeight: 720 });
  });

  test("mobile_device emulates the device, and a web app's device wins over it", () => {
    expectStatus(run, 'iphone', 'passed');
    expectStatus(run, 'pixel', 'passed');
    for (const [project, name] of [
      ['iphone', 'iPhone 13'],
      ['pixel', 'Pixel 5'],
    ] as const) {
      const device = devices[name];
      expect(probe.facts(project), project).toMatchObject({
        userAgent: device.userAgent,
        devicePixelRatio: device.deviceScaleFactor,
        // isMobile lays out a page without a meta viewport at 980 CSS px, as phones do.
        innerWidth: 980,
      });
      expect(probe.facts(project)!.maxTouchPoints, `${project} has touch`).toBeGreaterThan(0);
      expect(probe.requests(project)[0]).toMatchObject({ path: '/probe', userAgent: device.userAgent });
    }
    // Control: a desktop browser without touch.
    const desktop = probe.facts('defaults')!;
    expect(desktop).toMatchObject({ devicePixelRatio: 1, maxTouchPoints: 0 });
    expect(desktop.userAgent).not.toMatch(/iPhone|Android|Mobile/);
  });

  test('disable_javascript turns scripts off', () => {
    expectStatus(run, 'js-off', 'passed');
    // The page loaded, but its script never reported back.
    expect(probe.requests('js-off').map((r) => r.path)).toContain('/probe');
    expect(probe.facts('js-off')).toBeUndefined();
    // Control: the same selector does not match where scripts run.
    const control = expectStatus(run, 'defaults', 'failed');
    expect(control.steps.at(-1)).toBe(jsOff.name);
    expect(control.errors.join('\n')).toContain('JavaScript off');
    expect(probe.facts('defaults')).toBeDefined();
  });

  test('disable_images aborts image requests', () => {
    expectStatus(run, 'images-off', 'passed');
    expect(probe.facts('images-off'), 'scripts still run').toBeDefined();
    expect(probe.requests('images-off').map((r) => r.path)).not.toContain('/pixel.svg');
    // Control: the same selector does not match where images load, and the image was fetched.
    const control = expectStatus(run, 'images-on', 'failed');
    expect(control.steps.at(-1)).toBe(imageFailed.name);
    expect(probe.requests('images-on').map((r) => r.path)).toContain('/pixel.svg');
  });

  test('page_timeout bounds page loads', () => {
    const slow = expectStatus(run, 'slow-nav', 'failed');
    expect(slow.steps.at(-1)).toBe('slow page');
    expect(slow.errors.join('\n')).toMatch(/Timeout 1000ms exceeded/);
    // Control: the same page loads where page_timeout is not set (element_timeout does not bound it).
    expect(testOf(run.report, 'defaults').steps).toEqual([`open ${probe.page('defaults')}`, 'page reported', 'slow page', 'image page', jsOff.name]);
  });

  test("element_timeout bounds element lookups, and an app's timeout wins over it", () => {
    const short = expectStatus(run, 'late-default', 'failed');
    expect(short.steps.at(-1)).toBe('late element');
    expect(short.errors.join('\n')).toMatch(/Timeout 2000ms exceeded/);
    // Same suite, same page: the app's own timeout is long enough for the late element.
    expectStatus(run, 'late-app-timeout', 'passed');
  });

  test('parallel_tests and max_concurrent_browsers cap the workers at the smaller of them', () => {
    // parallel_tests: 3, max_concurrent_browsers: 2.
    expect(run.report?.config.workers).toBe(2);
    expect(run.output).toContain('using 2 workers');
    const projects = run.report!.config.projects.map((p) => p.name);
    const slots = new Set(projects.map((project) => workerSlotOf(run.report, project)));
    expect([...slots].sort()).toEqual([0, 1]);
  });

  test('a desktop app whose program cannot start fails at launch, naming it', () => {
    const result = expectStatus(run, 'desktop-app', 'failed');
    expect(result.errors.join('\n')).toMatch(/desktop app "desktop-app" \(\.\/desktop-app\.sh\) cannot start: .*desktop-app\.sh is not an executable file/);
    expect(result.steps).toEqual(['launch ./desktop-app.sh']);
  });
});

test.describe('artifact, metrics and logging settings', () => {
  test.describe.configure({ mode: 'default' });
  let run: InlineRun;
  const secrets = ['sk-cloud-SECRET-1f2e', 'node-api-SECRET-9a8b', 'license-SECRET-7c6d'];

  test.beforeAll(async () => {
    const home = `${demo.url}/`;
    const form = { name: 'form page', type: 'navigate', url: `${demo.url}/form` };
    const missing: Action = { name: 'missing', type: 'click', selector: '#does-not-exist' };
    const files = {
      'plain.yaml': suite([web('plain', home, [shot, form, ...clip])]),
      'jpg.yaml': suite([web('jpg-quality', home, [shot])], { screenshot_format: 'jpg', quality: 20 }),
      'jpg-override.yaml': suite([web('jpg-screenshot-quality', home, [shot])], {
        screenshot_format: 'jpg',
        quality: 20,
        screenshot_quality: 90,
      }),
      // Generous size limits: with the plain project, the controls for the tiny ones below.
      'mp4.yaml': suite([web('mp4', home, [shot, ...clip])], { video_format: 'mp4', max_screenshot_size_mb: 50, max_video_size_mb: 50 }),
      'too-big.yaml': suite([web('shot-too-big', home, [shot]), web('clip-too-big', home, clip)], {
        max_screenshot_size_mb: 0.001,
        max_video_size_mb: 0.001,
      }),
      'metrics.yaml': suite([web('metrics', home, [form])], { enable_metrics: true }),
      'log-debug.yaml': suite([web('log-debug', home, [shot])], { log_level: 'debug' }),
      'log-error.yaml': suite([web('log-error', home, [shot, missing])], { log_level: 'error', element_timeout: 1 }),
      // Every ai_testing key is honoured: turned on, none fails the run.
      'ai.yaml': suite([web('ai-block', home, [shot])], {
        ai_testing: { enable_vision_analysis: true, enable_learning: true, smart_error_recovery: true, adaptive_test_priority: true },
      }),
      'cloud.yaml': suite([web('cloud-block', home, [shot])], {
        cloud: {
          provider: 'local',
          bucket: 'uploads',
          secret_key: secrets[0],
          distributed_nodes: [{ id: 'n1', api_key: secrets[1] }],
          // Honoured: its key is needed only where the store is opened, which nothing in this run does.
          client_side_encryption: true,
        },
      }),
      'enterprise.yaml': suite([web('enterprise-block', home, [shot])], { enterprise: { enabled: true, license: { key: secrets[2] } } }),
      // Turned off, the block asks for nothing: the run goes on.
      'enterprise-off.yaml': suite([web('enterprise-off', home, [shot])], { enterprise: { enabled: false, organization_name: 'Acme' } }),
    };
    const dir = writeProject({ ...files, 'playwright.config.ts': suitesConfig(Object.keys(files), 'workers: 2') });
    run = await runPlaywright(dir);
    expect(run.report, run.output).toBeDefined();
  });

  test('screenshot_format picks the image type, and quality its JPEG quality', () => {
    const png = attachment(expectStatus(run, 'plain', 'passed'), 'shot.png');
    expect(png.contentType).toBe('image/png');
    expect(pngSize(png.path).width).toBe(1280);
    const jpg = attachment(expectStatus(run, 'jpg-quality', 'passed'), 'shot.jpg');
    expect(jpg.contentType).toBe('image/jpeg');
    expect(isJpeg(jpg.path)).toBe(true);
    expect(jpegQuality(jpg.path)).toBe(20);
  });

  test('screenshot_quality wins over quality', () => {
    const jpg = attachment(expectStatus(run, 'jpg-screenshot-quality', 'passed'), 'shot.jpg');
    expect(jpegQuality(jpg.path)).toBe(90);
  });

  test('video_format picks the clip container and codec', () => {
    // Control: the default, webm.
    const webm = attachment(expectStatus(run, 'plain', 'passed'), 'clip.webm');
    expect(webm.contentType).toBe('video/webm');
    const webmProbe = probeVideo(webm.path);
    expect(webmProbe.codec).toBe('vp8');
    expect(webmProbe.frames).toBeGreaterThan(0);
    const mp4 = attachment(expectStatus(run, 'mp4', 'passed'), 'clip.mp4');
    expect(mp4.contentType).toBe('video/mp4');
    const mp4Probe = probeVideo(mp4.path);
    expect(mp4Probe.codec).toBe('h264');
    expect(mp4Probe.frames).toBeGreaterThan(0);
  });

  test('max_screenshot_size_mb fails an oversized screenshot and keeps the file', () => {
    const result = expectStatus(run, 'shot-too-big', 'failed');
    expect(result.steps.at(-1)).toBe('shot');
    const error = result.errors.join('\n');
    expect(error).toMatch(/screenshot shot\.png is [\d.]+ MB, over max_screenshot_size_mb/);
    expect(fs.statSync(keptFile(error)).size).toBeGreaterThan(0.001 * 1024 * 1024);
    // Controls: the same screenshot with no limit, and under a generous one.
    expect(attachment(testOf(run.report, 'plain'), 'shot.png').path).toBeTruthy();
    expect(attachment(expectStatus(run, 'mp4', 'passed'), 'shot.png').path).toBeTruthy();
  });

  test('max_video_size_mb fails an oversized clip and keeps the file', () => {
    const result = expectStatus(run, 'clip-too-big', 'failed');
    const error = result.errors.join('\n');
    expect(error).toMatch(/video clip\.webm is [\d.]+ MB, over max_video_size_mb/);
    expect(fs.statSync(keptFile(error)).size).toBeGreaterThan(0.001 * 1024 * 1024);
    // Controls: the same clip with no limit, and under a generous one.
    expect(attachment(expectStatus(run, 'plain', 'passed'), 'clip.webm').path).toBeTruthy();
    expect(attachment(expectStatus(run, 'mp4', 'passed'), 'clip.mp4').path).toBeTruthy();
  });

  test('enable_metrics adds navigation timing to navigate actions', () => {
    const navigations = metricsOf(expectStatus(run, 'metrics', 'passed')).actions.filter((a) => a.type === 'navigate');
    expect(navigations.map((a) => a.performance?.url)).toEqual([`${demo.url}/`, `${demo.url}/form`]);
    for (const navigation of navigations) {
      expect(navigation.performance).toEqual({
        url: expect.any(String),
        domContentLoadedMs: expect.any(Number),
        loadMs: expect.any(Number),
        transferBytes: expect.any(Number),
      });
      expect(navigation.performance!.loadMs as number).toBeGreaterThan(0);
    }
    // Control: the same navigations without the setting.
    const plain = metricsOf(testOf(run.report, 'plain')).actions.filter((a) => a.type === 'navigate');
    expect(plain).toHaveLength(2);
    expect(plain.every((a) => a.performance === undefined)).toBe(true);
  });

  test('log_level filters Panoptic lines: debug per action, info by default, only errors at error', () => {
    const debug = expectStatus(run, 'log-debug', 'passed').stdout;
    expect(debug).toContain(`[panoptic] debug: navigate "open ${demo.url}/" started`);
    expect(debug).toMatch(/\[panoptic\] debug: screenshot "shot" passed in \d+ ms/);
    expect(debug).toMatch(/\[panoptic\] info: screenshot saved: .*shot\.png/);

    // Control: the default level, info.
    const info = expectStatus(run, 'plain', 'passed').stdout;
    expect(info).toMatch(/\[panoptic\] info: screenshot saved: .*shot\.png/);
    expect(info).not.toContain('[panoptic] debug:');

    const error = expectStatus(run, 'log-error', 'failed');
    expect(error.steps).toEqual([`open ${demo.url}/`, 'shot', 'missing']);
    expect(error.stdout).not.toContain('[panoptic]');
    expect(stderrOf(run.report, 'log-error')).toMatch(/\[panoptic\] error: click "missing" failed: .*Timeout 1000ms exceeded/);
  });

  test('cloud, ai_testing and enterprise blocks all run (enterprise configures the enterprise actions), and their secrets never show', () => {
    for (const project of ['ai-block', 'cloud-block', 'enterprise-block']) expect(expectStatus(run, project, 'passed').attachments.some((a) => a.name === 'shot.png')).toBe(true);
    for (const secret of secrets) {
      expect(run.output).not.toContain(secret);
      expect(JSON.stringify(run.report)).not.toContain(secret);
    }
    expectStatus(run, 'enterprise-off', 'passed');
  });
});

test.describe('browser launch settings', () => {
  test.describe.configure({ mode: 'default' });
  const display = useDisplay();
  let run: InlineRun;

  test.beforeAll(async () => {
    const files = {
      'headless.yaml': suite([web('headless', probe.page('headless'), [reported])], { headless: true }),
      // The run-wide worker limit: here parallel_tests is the smaller one.
      'headed.yaml': suite([web('headed', probe.page('headed'), [reported])], {
        headless: false,
        parallel_tests: 2,
        max_concurrent_browsers: 3,
      }),
      'own-browser.yaml': suite([web('own-browser', probe.page('own-browser'), [reported, shot])], {
        reuse_browsers: false,
        window_width: 1000,
        window_height: 650,
        screenshot_format: 'jpg',
        quality: 30,
      }),
      'own-headed.yaml': suite([web('own-headed', probe.page('own-headed'), [reported])], { reuse_browsers: false, headless: false }),
    };
    // Playwright's default is headless, so `headless: true` is played under a config that asks for
    // headed browsers: the suite's setting has to win over it. A config may call fromSuites twice.
    const config = [
      "import { defineConfig } from '@playwright/test';",
      "import { fromSuites } from '@panoptic/fixtures/config';",
      "const headedByDefault = fromSuites(['headless.yaml'], { use: { headless: false } });",
      "const rest = fromSuites(['headed.yaml', 'own-browser.yaml', 'own-headed.yaml']);",
      'export default defineConfig({ ...rest, projects: [...headedByDefault.projects, ...rest.projects] });',
      '',
    ].join('\n');
    const dir = writeProject({ ...files, 'playwright.config.ts': config });
    // pw:browser logs each browser's launch command line and its exit into the output of the test
    // that was running at the time.
    run = await runPlaywright(dir, [], { ...display.env, DEBUG: 'pw:browser' });
    expect(run.report, run.output).toBeDefined();
  });

  function launchLine(project: string): string {
    const line = stderrOf(run.report, project)
      .split('\n')
      .find((l) => l.includes('<launching>'));
    if (!line) throw new Error(`${project}: no browser was launched during its test`);
    return line;
  }

  test('headless: true runs a headless browser, over a config that asks for headed ones', () => {
    expectStatus(run, 'headless', 'passed');
    expect(launchLine('headless')).toContain(' --headless');
    expect(probe.facts('headless')?.userAgent).toContain('HeadlessChrome');
    expect(probe.requests('headless')[0]?.userAgent).toContain('HeadlessChrome');
  });

  test('headless: false runs a headed browser', () => {
    if (!display.env) {
      // No X display and no Xvfb here: the headed launch itself is the evidence.
      const result = expectStatus(run, 'headed', 'failed');
      expect(result.errors.join('\n')).toMatch(/XServer|headed browser/);
      return;
    }
    expectStatus(run, 'headed', 'passed');
    expect(launchLine('headed')).not.toContain(' --headless');
    expect(probe.facts('headed')?.userAgent).not.toContain('HeadlessChrome');
    expect(probe.requests('headed')[0]?.userAgent).not.toContain('HeadlessChrome');
  });

  test('reuse_browsers: false launches and closes a browser inside the test, keeping the other settings', () => {
    const result = expectStatus(run, 'own-browser', 'passed');
    const stderr = stderrOf(run.report, 'own-browser');
    const pid = /<launched> pid=(\d+)/.exec(stderr)?.[1];
    expect(pid, 'a browser was launched during the test').toBeTruthy();
    expect(stderr).toContain(`[pid=${pid}] <gracefully close start>`);
    expect(stderr).toMatch(new RegExp(`\\[pid=${pid}\\] <process did exit`));
    expect(probe.facts('own-browser')).toMatchObject({ innerWidth: 1000, innerHeight: 650 });
    expect(jpegQuality(attachment(result, 'shot.jpg').path)).toBe(30);
    // Control: a shared browser is launched for the test but outlives it.
    const shared = stderrOf(run.report, 'headless');
    const sharedPid = /<launched> pid=(\d+)/.exec(shared)?.[1];
    expect(sharedPid).toBeTruthy();
    expect(shared).not.toContain(`[pid=${sharedPid}] <gracefully close start>`);
  });

  test('reuse_browsers: false still honours headless: false', () => {
    if (!display.env) {
      expect(expectStatus(run, 'own-headed', 'failed').errors.join('\n')).toMatch(/XServer|headed browser/);
      return;
    }
    expectStatus(run, 'own-headed', 'passed');
    expect(launchLine('own-headed')).not.toContain(' --headless');
    expect(probe.facts('own-headed')?.userAgent).not.toContain('HeadlessChrome');
  });

  test('parallel_tests below max_concurrent_browsers caps the workers', () => {
    expect(run.report?.config.workers).toBe(2);
    const slots = new Set(['headless', 'headed', 'own-browser', 'own-headed'].map((p) => workerSlotOf(run.report, p)));
    expect([...slots].sort()).toEqual([0, 1]);
  });
});

// Independent runs: these may spread over workers.
test.describe('file URLs and compatibility settings', () => {
  function fileSuite(localPage: string, allow: boolean | undefined): string {
    const settings = allow === undefined ? {} : { allow_file_urls: allow };
    return suite(
      [
        web('file-urls', `${demo.url}/`, [
          { name: 'local page', type: 'navigate', url: pathToFileURL(localPage).href },
          { name: 'local marker', type: 'click', selector: '[data-testid=local-file]' },
        ]),
      ],
      settings,
    );
  }

  test('allow_file_urls: true lets navigate open a file: URL; buffer_size_kb changes nothing', async () => {
    const dir = writeProject({ 'local.html': '<!doctype html><title>local</title><p data-testid="local-file">from disk</p>' });
    fs.writeFileSync(path.join(dir, 'file-urls.yaml'), fileSuite(path.join(dir, 'local.html'), true));
    fs.writeFileSync(path.join(dir, 'buffer.yaml'), suite([web('buffer', `${demo.url}/`, [shot])], { buffer_size_kb: 64 }));
    fs.writeFileSync(path.join(dir, 'playwright.config.ts'), suitesConfig(['file-urls.yaml', 'buffer.yaml']));
    const run = await runPlaywright(dir);
    expect(run.exitCode, run.output).toBe(0);
    expect(testOf(run.report, 'file-urls').steps).toEqual([`open ${demo.url}/`, 'local page', 'local marker']);
    expect(attachment(expectStatus(run, 'buffer', 'passed'), 'shot.png').contentType).toBe('image/png');
  });

  test('without allow_file_urls a file: URL is a validation error and nothing runs', async () => {
    const dir = writeProject({ 'local.html': '<!doctype html><p data-testid="local-file">from disk</p>' });
    const localPage = path.join(dir, 'local.html');
    fs.writeFileSync(path.join(dir, 'file-urls.yaml'), fileSuite(localPage, undefined));
    fs.writeFileSync(path.join(dir, 'playwright.config.ts'), suitesConfig(['file-urls.yaml']));
    const run = await runPlaywright(dir);
    expect(run.exitCode).toBe(1);
    expect(run.output).toMatch(/file-urls\.yaml:\d+:\d+ - apps\[0\]\.actions\[0\]\.url: file: URL .* is refused unless settings\.allow_file_urls is true/);
    expect(run.output).not.toContain('local marker');
    expect(run.report?.suites ?? []).toEqual([]);
  });

  test('buffer_size_kb is accepted with a warning that it has no effect', async () => {
    const dir = writeProject({ 'buffer.yaml': suite([web('buffer', `${demo.url}/`, [shot])], { buffer_size_kb: 64 }) });
    const result = await runPanoptic(dir, ['validate', 'buffer.yaml']);
    expect(result.exitCode, result.output).toBe(0);
    expect(result.stderr).toMatch(/^warning: buffer\.yaml:\d+:\d+ - settings\.buffer_size_kb: has no effect/m);
    expect(result.stdout).toContain('valid (1 app)');
  });
});
