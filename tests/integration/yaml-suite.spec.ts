import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import { useDemoServer, suitesConfig } from '../helpers/demo.js';
import { runPlaywright, testOf, writeProject } from '../helpers/inline.js';
import { isJpeg, pngSize, probeVideo } from '../helpers/media.js';

const demo = useDemoServer();

function loginSuite(url: string, settings = ''): string {
  return `
name: Login
apps:
  - name: login
    type: web
    url: ${url}/login
actions:
  - name: type user
    type: fill
    selector: "#username"
    value: demo
  - name: type password
    type: fill
    selector: "#password"
    value: hunter2-secret
  - name: record sign in
    type: record
    duration: 2
    parameters:
      filename: sign-in
  - name: try wrong password
    type: click
    selector: role=button[name="Sign in"]
  - name: see alert
    type: click
    target: Invalid username or password
    screenshot: true
  - name: right password
    type: fill
    selector: "#password"
    value: secret
  - name: sign in
    type: submit
  - name: pause
    type: wait
    wait_time: 0.5
  - name: dashboard
    type: screenshot
    parameters:
      filename: dashboard.png
  - name: go to form
    type: navigate
    url: ${url}/form
settings:
  window_width: 1000
  window_height: 700
${settings}`;
}

test('a YAML suite plays every action as a named step, with artifacts and metrics attached', async () => {
  const dir = writeProject({ 'suite.yaml': loginSuite(demo.url), 'playwright.config.ts': suitesConfig(['suite.yaml']) });
  const run = await runPlaywright(dir);
  expect(run.exitCode, run.output).toBe(0);

  const result = testOf(run.report, 'login');
  expect(result.status).toBe('passed');
  expect(result.steps).toEqual([
    `open ${demo.url}/login`,
    'type user',
    'type password',
    'record sign in',
    'try wrong password',
    'see alert',
    'right password',
    'sign in',
    'pause',
    'dashboard',
    'go to form',
  ]);

  const byName = new Map(result.attachments.map((a) => [a.name, a]));
  const dashboard = byName.get('dashboard.png');
  expect(dashboard?.contentType).toBe('image/png');
  // Full-page screenshots: the viewport's width, and at least its height.
  const size = pngSize(dashboard!.path!);
  expect(size.width).toBe(1000);
  expect(size.height).toBeGreaterThanOrEqual(700);
  expect(byName.get('see-alert.png')?.path).toBeTruthy();

  const clip = byName.get('sign-in.webm');
  expect(clip?.contentType).toBe('video/webm');
  const probe = probeVideo(clip!.path!);
  expect(probe.codec).toBe('vp8');
  expect(probe.frames).toBeGreaterThan(0);
  expect(probe.durationSeconds).toBeLessThanOrEqual(2.2);
  // The whole video is only kept for failures; the clip is what was asked for.
  expect(byName.has('video')).toBe(false);

  const metricsAttachment = byName.get('panoptic-metrics');
  expect(metricsAttachment?.contentType).toBe('application/vnd.panoptic.metrics+json');
  const metricsText = Buffer.from(metricsAttachment!.body!, 'base64').toString();
  expect(metricsText).not.toContain('hunter2-secret');
  const metrics = JSON.parse(metricsText);
  expect(metrics).toMatchObject({ version: 1, suite: 'Login', app: 'login', platform: 'web' });
  expect(metrics.byType).toMatchObject({
    navigate: { count: 2, failed: 0 },
    fill: { count: 3, failed: 0 },
    click: { count: 2, failed: 0 },
    submit: { count: 1 },
    wait: { count: 1 },
    screenshot: { count: 1 },
    record: { count: 1 },
  });
  expect(metrics.byType.wait.totalMs).toBeGreaterThanOrEqual(500);
  expect(metrics.artifacts.map((a: { name: string }) => a.name).sort()).toEqual(['dashboard.png', 'see-alert.png', 'sign-in.webm']);
  for (const artifact of metrics.artifacts) expect(artifact.bytes).toBe(fs.statSync(byName.get(artifact.name)!.path!).size);
});

test('a failing action fails the test at its step, and the failure is in the metrics', async () => {
  const suite = `
apps:
  - name: broken
    type: web
    url: ${demo.url}/
    actions:
      - name: click nothing
        type: click
        selector: "#does-not-exist"
      - name: never reached
        type: screenshot
settings:
  element_timeout: 1
`;
  const dir = writeProject({ 'suite.yaml': suite, 'playwright.config.ts': suitesConfig(['suite.yaml']) });
  const run = await runPlaywright(dir);
  expect(run.exitCode).toBe(1);
  const result = testOf(run.report, 'broken');
  expect(result.status).toBe('failed');
  expect(result.errors.join('\n')).toContain('#does-not-exist');
  expect(result.steps).toEqual([`open ${demo.url}/`, 'click nothing']);
  const metrics = JSON.parse(Buffer.from(result.attachments.find((a) => a.name === 'panoptic-metrics')!.body!, 'base64').toString());
  expect(metrics.actions.at(-1)).toMatchObject({ name: 'click nothing', status: 'failed' });
});

test('jpg screenshots honour quality, and mp4 clips are H.264', async () => {
  const suite = (name: string, quality: number) => `
apps:
  - name: ${name}
    type: web
    url: ${demo.url}/dashboard
    actions:
      - name: shot
        type: screenshot
      - name: clip
        type: record
        duration: 1
      - name: hold
        type: wait
        wait_time: 1
settings:
  screenshot_format: jpg
  quality: ${quality}
  video_format: mp4
`;
  const dir = writeProject({
    'low.yaml': suite('low', 5),
    'high.yaml': suite('high', 95),
    'playwright.config.ts': suitesConfig(['low.yaml', 'high.yaml']),
  });
  const run = await runPlaywright(dir);
  expect(run.exitCode, run.output).toBe(0);
  const low = testOf(run.report, 'low').attachments.find((a) => a.name === 'shot.jpg')!;
  const high = testOf(run.report, 'high').attachments.find((a) => a.name === 'shot.jpg')!;
  expect(low.contentType).toBe('image/jpeg');
  expect(isJpeg(low.path!)).toBe(true);
  expect(fs.statSync(low.path!).size).toBeLessThan(fs.statSync(high.path!).size);
  const clip = testOf(run.report, 'low').attachments.find((a) => a.name === 'clip.mp4')!;
  expect(clip.contentType).toBe('video/mp4');
  expect(probeVideo(clip.path!).codec).toBe('h264');
});
