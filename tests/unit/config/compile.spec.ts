import path from 'node:path';
import { test, expect, devices } from '@playwright/test';
import { appTag, compileSuite } from '@panoptic/config';
import { CWD, valid, yaml } from './helpers.js';

const spec = { specDir: '/spec', specFile: 'suite.spec.js' };

function compile(text: string, options: Partial<Parameters<typeof compileSuite>[1]> = {}) {
  return compileSuite(valid(text, { knownDevices: Object.keys(devices) }), { ...spec, cwd: CWD, devices: devices, ...options });
}

const TWO_APPS = yaml(
  'output: out',
  'apps:',
  '  - name: fast',
  '    type: web',
  '    url: https://example.com',
  '    timeout: 3',
  '  - name: recorded',
  '    type: web',
  '    url: https://example.com',
  '    device: Pixel 7',
  '    actions:',
  '      - { name: clip, type: record }',
  'settings:',
  '  headless: false',
  '  window_width: 800',
  '  window_height: 600',
  '  page_timeout: 7',
  '  element_timeout: 2',
  '  disable_javascript: true',
  '  disable_images: true',
  '  screenshot_format: jpg',
  '  quality: 40',
  '  screenshot_quality: 60',
  '  video_format: mp4',
  '  enable_metrics: true',
  '  log_level: debug',
  '  reuse_browsers: false',
  '  parallel_tests: 4',
  '  max_concurrent_browsers: 2',
  '  max_screenshot_size_mb: 1',
  '  max_video_size_mb: 2',
);

test('one project per app, named after it, selecting its own test by tag', () => {
  const compiled = compile(TWO_APPS);
  expect(compiled.projects.map((p) => p.name)).toEqual(['fast', 'recorded']);
  const [fast] = compiled.projects;
  expect(fast!.testDir).toBe('/spec');
  expect(fast!.testMatch).toBe('suite.spec.js');
  const tag = appTag(path.join(CWD, 'suite.yaml'), 'fast');
  expect((fast!.grep as RegExp).test(`suite fast ${tag}`)).toBe(true);
  expect((fast!.grep as RegExp).test(`suite recorded ${appTag(path.join(CWD, 'suite.yaml'), 'recorded')}`)).toBe(false);
  expect(fast!.outputDir).toBe(path.join(CWD, 'out', 'test-results'));
});

test('settings become Playwright and Panoptic options', () => {
  const [fast, recorded] = compile(TWO_APPS).projects;
  expect(fast!.use).toMatchObject({
    headless: false,
    viewport: { width: 800, height: 600 },
    navigationTimeout: 7000,
    actionTimeout: 3000, // the app's timeout wins over element_timeout
    javaScriptEnabled: false,
    panopticBlockImages: true,
    panopticScreenshotType: 'jpeg',
    panopticScreenshotQuality: 60, // screenshot_quality wins over quality
    panopticVideoFormat: 'mp4',
    panopticPerformanceMetrics: true,
    panopticLogLevel: 'debug',
    panopticReuseBrowser: false,
    panopticMaxScreenshotBytes: 1024 * 1024,
    panopticMaxVideoBytes: 2 * 1024 * 1024,
    panopticOutputDir: path.join(CWD, 'out'),
  });
  expect(fast!.use!.video).toBeUndefined();
  expect(recorded!.use).toMatchObject({
    actionTimeout: 2000,
    userAgent: devices['Pixel 7'].userAgent,
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: devices['Pixel 7'].deviceScaleFactor,
    // window size still wins over the device's viewport when both are set
    viewport: { width: 800, height: 600 },
    video: 'retain-on-failure',
  });
});

test('workers are the smaller of parallel_tests and max_concurrent_browsers, and unset without them', () => {
  expect(compile(TWO_APPS).workers).toBe(2);
  expect(compile(yaml('apps:', '  - name: a', '    type: web', '    url: https://example.com')).workers).toBeUndefined();
});

test('an output given on the command line wins over the suite', () => {
  const compiled = compile(TWO_APPS, { output: 'elsewhere' });
  expect(compiled.outputDir).toBe(path.join(CWD, 'elsewhere'));
});

test('user options merge under the suite, and a user video choice is kept', () => {
  const [, recorded] = compile(TWO_APPS, { use: { video: 'on', locale: 'de-DE', viewport: { width: 1, height: 1 } } }).projects;
  expect(recorded!.use).toMatchObject({ video: 'on', locale: 'de-DE', viewport: { width: 800, height: 600 } });
});
