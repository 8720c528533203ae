import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { recognizeText } from '@panoptic/ai';
import { useDemoServer, suitesConfig } from '../helpers/demo.js';
import { distinctColours, processesWithEnv, testAppsDir } from '../helpers/desktop.js';
import { runPlaywright, testOf, writeProject, type FlatTest, type InlineRun } from '../helpers/inline.js';
import { pngSize, probeVideo } from '../helpers/media.js';
import { readSummary } from '../helpers/reporter.js';

const demo = useDemoServer();

// One YAML suite with a web app and desktop apps, in one `playwright test` with Panoptic's reporter.
function mixedSuite(url: string): string {
  return `
name: Mixed platforms
apps:
  - name: web-home
    type: web
    url: ${url}/
    actions:
      - { name: home, type: screenshot }
  - name: greeter
    type: desktop
    path: /usr/bin/python3 "${testAppsDir}/greeter-gtk.py"
    timeout: 20
    actions:
      - { name: greeter clip, type: record, duration: 3 }
      - { name: type name, type: fill, selector: Name, value: Ada }
      - { name: greet, type: click, target: Greet, screenshot: true }
      - { name: greet again with Return, type: submit, selector: Name }
      - { name: greeting, type: screenshot }
      - { name: whole screen, type: screenshot, parameters: { area: screen } }
  - name: counter
    type: desktop
    path: ./apps/counter-tk.py
    environment:
      COUNTER_START: "40"
    actions:
      - { name: add with keys, type: submit, parameters: { keys: ctrl+a } }
      - { name: add by visible text, type: click, target: Add one }
      - { name: count, type: screenshot }
  - name: broken
    type: desktop
    path: sh -c 'echo cannot read the settings file >&2; exit 4'
    actions:
      - { name: never played, type: screenshot }
settings:
  video_format: mp4
  window_width: 800
  window_height: 600
  headless: true
`;
}

test.describe('a YAML suite with desktop apps runs beside a web app', () => {
  test.describe.configure({ mode: 'default' });
  const probe = randomUUID();
  let run: InlineRun;
  let dir: string;

  test.beforeAll(async () => {
    test.setTimeout(300_000);
    dir = writeProject({
      'suite.yaml': mixedSuite(demo.url),
      'apps/counter-tk.py': fs.readFileSync(path.join(testAppsDir, 'counter-tk.py'), 'utf8'),
      'playwright.config.ts': suitesConfig(['suite.yaml']),
    });
    fs.chmodSync(path.join(dir, 'apps', 'counter-tk.py'), 0o755);
    run = await runPlaywright(dir, ['--reporter=list,json,@panoptic/reporter', '--workers=2'], { PANOPTIC_ORPHAN_PROBE: probe });
    expect(run.report, run.output).toBeDefined();
  });

  function attachment(result: FlatTest, name: string): string {
    const found = result.attachments.find((a) => a.name === name)?.path;
    if (!found) throw new Error(`${result.title} has no attachment ${name}: ${result.attachments.map((a) => a.name).join(', ')}`);
    return found;
  }

  test('the web and desktop apps pass; the app that exits early fails with its stderr', () => {
    expect(run.exitCode, run.output).toBe(1);
    for (const project of ['web-home', 'greeter', 'counter']) {
      const result = testOf(run.report, project);
      expect(result.status, `${project}: ${result.errors.join('\n')}`).toBe('passed');
    }
    const broken = testOf(run.report, 'broken');
    expect(broken.status).toBe('failed');
    expect(broken.errors.join('\n')).toMatch(/desktop app "broken" \(sh -c .*\) exited with code 4 before showing a window\. Its stderr ended with:\ncannot read the settings file/);
    expect(broken.steps).toEqual([`launch sh -c 'echo cannot read the settings file >&2; exit 4'`]);
  });

  test('each desktop action is a named step after the launch', () => {
    expect(testOf(run.report, 'greeter').steps).toEqual([
      `launch /usr/bin/python3 "${testAppsDir}/greeter-gtk.py"`,
      'greeter clip',
      'type name',
      'greet',
      'greet again with Return',
      'greeting',
      'whole screen',
    ]);
  });

  test('accessible names, keys and visible text drive the apps: OCR reads the results from the screenshots', async () => {
    const greeting = attachment(testOf(run.report, 'greeter'), 'greeting.png');
    expect((await recognizeText(fs.readFileSync(greeting))).map((w) => w.text).join(' ')).toContain('Hello, Ada');
    // COUNTER_START from `environment`, one from ctrl+a, one from the click on "Add one".
    const count = attachment(testOf(run.report, 'counter'), 'count.png');
    expect((await recognizeText(fs.readFileSync(count))).map((w) => w.text).join(' ')).toContain('Count: 42');
  });

  test('screenshots are of the window or of the whole screen, window_width x window_height', () => {
    const greeter = testOf(run.report, 'greeter');
    const window = attachment(greeter, 'greeting.png');
    expect(pngSize(window).width).toBeLessThan(800);
    expect(distinctColours(window)).toBeGreaterThan(10);
    expect(pngSize(attachment(greeter, 'whole-screen.png'))).toEqual({ width: 800, height: 600 });
    expect(attachment(greeter, 'greet.png')).toBeTruthy();
  });

  test('the record action leaves a playable mp4 of the window', () => {
    const clip = probeVideo(attachment(testOf(run.report, 'greeter'), 'greeter-clip.mp4'));
    expect(clip.codec).toBe('h264');
    expect(clip.frames).toBeGreaterThan(0);
    expect(clip.durationSeconds).toBeGreaterThan(0);
  });

  test("Panoptic's report lists the desktop apps with their metrics and artifacts", () => {
    const summary = readSummary(dir);
    const greeter = summary.tests.find((t) => t.app === 'greeter')!;
    expect(greeter.platform).toBe('desktop');
    expect(Object.keys(greeter.actions ?? {}).sort()).toEqual(['click', 'fill', 'launch', 'record', 'screenshot', 'submit']);
    expect(greeter.actions?.screenshot).toMatchObject({ count: 2, failed: 0 });
    expect(greeter.artifacts.map((a) => `${a.kind} ${a.name}`).sort()).toEqual([
      'screenshot greet.png',
      'screenshot greeting.png',
      'screenshot whole-screen.png',
      'video greeter-clip.mp4',
    ]);
    const broken = summary.tests.find((t) => t.app === 'broken')!;
    expect(broken).toMatchObject({ platform: 'desktop', outcome: 'unexpected' });
    expect(broken.actions?.launch).toMatchObject({ count: 1, failed: 1 });
    expect(summary.apps.map((app) => app.name).sort()).toEqual(['broken', 'counter', 'greeter', 'web-home']);
    expect(summary.artifacts.video.count).toBe(1);
    // The page's gallery shows each passed test's last screenshot (videos are shown for failures).
    expect(fs.readFileSync(path.join(dir, 'panoptic-results', 'report', 'index.html'), 'utf8')).toContain('alt="Screenshot &quot;whole-screen.png&quot; of greeter"');
  });

  test('no process the run started is left', () => {
    expect(processesWithEnv('PANOPTIC_ORPHAN_PROBE', probe)).toEqual([]);
  });
});
