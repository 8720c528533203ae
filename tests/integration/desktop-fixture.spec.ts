import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import { recognizeText } from '@panoptic/ai';
import { distinctColours, pathWith, processesWithEnv, startDisplay, testAppsDir } from '../helpers/desktop.js';
import { flatTests, runPlaywright, writeProject, type FlatTest, type InlineRun } from '../helpers/inline.js';
import { probeVideo } from '../helpers/media.js';

// Real X programs under a real Xvfb that the `desktop` fixture starts: xterm, xcalc, and the GTK and
// Tk apps in tests/apps. Input goes through xdotool, screenshots through ImageMagick, clips through
// ffmpeg, and results are read back through AT-SPI, the program's own output, or OCR.
const SPEC = String.raw`
import fs from 'node:fs';
import { test, expect } from '@panoptic/fixtures';

const APPS = process.env.APPS_DIR;

async function shot(testInfo, name, image) {
  fs.writeFileSync(testInfo.outputPath(name), image);
  await testInfo.attach(name, { path: testInfo.outputPath(name) });
}

test('gtk: fill and click by accessible name, keys, read back through AT-SPI', async ({ desktop }, testInfo) => {
  const app = await desktop.launch({ path: '/usr/bin/python3 "' + APPS + '/greeter-gtk.py"', name: 'greeter' });
  // headless (Playwright's default) gets a private screen even though DISPLAY is set.
  expect(app.display).toMatch(/^:\d+$/);
  expect(app.display).not.toBe(process.env.DISPLAY);
  app.startClip({ filename: 'greeter.mp4', durationMs: Number.POSITIVE_INFINITY });
  await app.fill('Name', 'Ada');
  await app.click('Greet', undefined);
  expect((await app.accessible('Greeting')).text).toBe('Hello, Ada!');
  await app.click('Name', undefined);
  await app.press('ctrl+a');
  await app.type('Grace');
  await app.press('Return');
  expect((await app.accessible('Greeting')).text).toBe('Hello, Grace!');
  await app.click(undefined, 'Greet');
  const roles = (await app.accessibleTree()).map((element) => element.role);
  expect(roles).toEqual(expect.arrayContaining(['push button', 'text', 'label']));
  await shot(testInfo, 'greeter.png', await app.screenshot({ type: 'png' }));
  await shot(testInfo, 'screen.jpg', await app.screenshot({ type: 'jpeg', quality: 40, area: 'screen' }));
  const low = await app.screenshot({ type: 'jpeg', quality: 5, area: 'screen' });
  const high = await app.screenshot({ type: 'jpeg', quality: 95, area: 'screen' });
  expect(low.length).toBeLessThan(high.length);
  await expect(app.click('Nope', undefined)).rejects.toThrow(/no element named 'Nope'; named elements: .*"Greet"/);
  await expect(app.press('ctrl+nosuchkey')).rejects.toThrow(/Unknown key "nosuchkey" in "ctrl\+nosuchkey"/);
  await expect(app.clickAt(5000, 10)).rejects.toThrow(/"5000,10" is outside its \d+x\d+ window/);
});

test('xterm: typed text and keys reach the program', async ({ desktop }, testInfo) => {
  const typed = testInfo.outputPath('typed.txt');
  const app = await desktop.launch({ path: "xterm -geometry 60x8+0+0 -e sh -c 'cat > \"$TYPED\"'", environment: { TYPED: typed } });
  await app.click('center', undefined);
  await app.type('typed into xterm');
  await app.press('Return');
  await expect(app.click('OK', undefined)).rejects.toThrow(/taken as an accessible name, but .* exposes no accessibility tree/);
  await app.press('ctrl+d');
  await expect.poll(() => (fs.existsSync(typed) ? fs.readFileSync(typed, 'utf8') : '')).toBe('typed into xterm\n');
  // cat ended at ctrl+d, and xterm with it.
  await expect(app.press('Return')).rejects.toThrow(/is no longer running \(exit 0\)/);
});

test('xcalc: clicks at coordinates and keys', async ({ desktop }, testInfo) => {
  const app = await desktop.launch({ path: 'xcalc' });
  await app.clickAt(72, 292);
  await app.type('*6=');
  await shot(testInfo, 'xcalc.png', await app.screenshot({ type: 'png' }));
});

test('tk: a key combination, a click by visible text (OCR) and a webm clip', async ({ desktop }, testInfo) => {
  const app = await desktop.launch({ path: APPS + '/counter-tk.py' });
  const clip = app.startClip({ filename: 'counter.webm', durationMs: 1500 });
  await clip.ready;
  await app.press('ctrl+a');
  await app.click(undefined, 'Add one');
  await shot(testInfo, 'counter.png', await app.screenshot({ type: 'png' }));
});

test('close: SIGTERM, then SIGKILL after the grace period for an app that ignores it', async ({ desktop }) => {
  const stubborn = "import signal, tkinter; signal.signal(signal.SIGTERM, signal.SIG_IGN); root = tkinter.Tk(); root.title('stubborn'); root.mainloop()";
  const app = await desktop.launch({ path: '/usr/bin/python3 -c "' + stubborn + '"', name: 'stubborn' });
  const pid = app.pid;
  expect(app.isRunning).toBe(true);
  await app.close(300);
  expect(app.isRunning).toBe(false);
  expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
});

test('clear failures: missing tools, early exit, no window', async ({ desktop }) => {
  const path = process.env.PATH;
  try {
    process.env.PATH = process.env.PATH_WITHOUT_XDOTOOL;
    await expect(desktop.launch({ path: 'xterm' })).rejects.toThrow(/needs \x60xdotool\x60 for .* not on PATH .*apt-get install -y xdotool/);
    process.env.PATH = process.env.PATH_WITHOUT_XVFB;
    await expect(desktop.launch({ path: 'xterm' })).rejects.toThrow(/needs \x60Xvfb\x60 for a virtual screen .*apt-get install -y xvfb/);
  } finally {
    process.env.PATH = path;
  }
  const app = await desktop.launch({ path: 'xterm' });
  try {
    process.env.PATH = process.env.PATH_WITHOUT_MEDIA;
    expect(() => app.startClip({ filename: 'x.mp4', durationMs: 1000 })).toThrow(/needs \x60ffmpeg\x60 for screen recording/);
    await expect(app.screenshot({ type: 'png' })).rejects.toThrow(/needs \x60import\x60 for screenshots \(ImageMagick\).*apt-get install -y imagemagick/);
  } finally {
    process.env.PATH = path;
  }
  await expect(desktop.launch({ path: "sh -c 'echo config file is broken >&2; exit 3'", name: 'broken' }))
    .rejects.toThrow(/desktop app "broken" .* exited with code 3 before showing a window\. Its stderr ended with:\nconfig file is broken/);
  await expect(desktop.launch({ path: 'sleep 30', timeout: 1 }))
    .rejects.toThrow(/showed no window within 1 s \(its process \d+ is still running\)/);
  await expect(desktop.launch({ path: './no-such-program' })).rejects.toThrow(/cannot start: .*no-such-program is not an executable file/);
});

test('other systems: a clear "not supported yet" (process.platform set to darwin, a stand-in for a Mac)', async ({ desktop }) => {
  const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
  Object.defineProperty(process, 'platform', { value: 'darwin' });
  try {
    await expect(desktop.launch({ path: 'xterm' })).rejects.toThrow(/Desktop apps on macOS: not supported yet: .*Appium's mac2 and Windows drivers/);
  } finally {
    Object.defineProperty(process, 'platform', platform);
  }
});
`;

// `headless` is a worker option: it is set for a whole file.
const DISPLAY_SPEC = `
import { test, expect } from '@panoptic/fixtures';

test.use({ headless: false });

test('headless: false runs the app on DISPLAY instead of a private Xvfb', async ({ desktop }) => {
  const app = await desktop.launch({ path: 'xcalc' });
  expect(app.display).toBe(process.env.DISPLAY);
  expect(await desktop.displayName()).toBe(process.env.DISPLAY);
});

test('headless: false without a DISPLAY still gets a private Xvfb', async ({ desktop }) => {
  const display = process.env.DISPLAY;
  delete process.env.DISPLAY;
  try {
    const app = await desktop.launch({ path: 'xcalc' });
    expect(app.display).toMatch(/^:\\d+$/);
    expect(app.display).not.toBe(display);
  } finally {
    process.env.DISPLAY = display;
  }
});
`;

test.describe('the desktop fixture drives real X apps', () => {
  test.describe.configure({ mode: 'default' });
  const probe = randomUUID();
  let run: InlineRun;
  let display: { name: string; stop: () => void };

  test.afterAll(() => display?.stop());

  test.beforeAll(async () => {
    test.setTimeout(300_000);
    const dir = writeProject({ 'desktop.spec.ts': SPEC, 'display.spec.ts': DISPLAY_SPEC, 'playwright.config.ts': "export default { timeout: 120_000, use: { viewport: { width: 800, height: 600 } } };\n" });
    const tools = ['xterm', 'xcalc', 'sh', 'cat', 'sleep', 'dbus-daemon', 'Xvfb', 'xdotool', 'import', 'ffmpeg'];
    // The "current display" of the headless: false test: an Xvfb of the test's own.
    display = await startDisplay();
    run = await runPlaywright(dir, ['--workers=2'], {
      DISPLAY: display.name,
      APPS_DIR: testAppsDir,
      PANOPTIC_ORPHAN_PROBE: probe,
      PATH_WITHOUT_XDOTOOL: pathWith(tools.filter((tool) => tool !== 'xdotool')),
      PATH_WITHOUT_XVFB: pathWith(tools.filter((tool) => tool !== 'Xvfb')),
      PATH_WITHOUT_MEDIA: pathWith(tools.filter((tool) => tool !== 'ffmpeg' && tool !== 'import')),
    });
    expect(run.report, run.output).toBeDefined();
  });

  function testTitled(start: string): FlatTest {
    const found = flatTests(run.report).find((candidate) => candidate.title.startsWith(start));
    if (!found) throw new Error(`No test "${start}" ran:\n${run.output}`);
    return found;
  }

  function attachment(result: FlatTest, name: string): string {
    const found = result.attachments.find((a) => a.name === name)?.path;
    if (!found) throw new Error(`${result.title} has no attachment ${name}: ${result.attachments.map((a) => a.name).join(', ')}`);
    return found;
  }

  test('every scenario passed', () => {
    const failed = flatTests(run.report).filter((t) => t.status !== 'passed');
    expect(failed.map((t) => `${t.title}: ${t.errors.join('\n')}`), run.output).toEqual([]);
    expect(flatTests(run.report)).toHaveLength(9);
  });

  test('a GTK app is driven by accessible names and read back; its screenshots are real images', () => {
    const gtk = testTitled('gtk:');
    expect(gtk.status, gtk.errors.join('\n')).toBe('passed');
    const shot = attachment(gtk, 'greeter.png');
    expect(distinctColours(shot)).toBeGreaterThan(10);
    const screen = attachment(gtk, 'screen.jpg');
    expect(execFileSync('identify', ['-format', '%m %wx%h', screen], { encoding: 'utf8' })).toBe('JPEG 800x600');
  });

  test('a clip that runs until the test ends is attached as a playable mp4', () => {
    const gtk = testTitled('gtk:');
    const clip = probeVideo(attachment(gtk, 'greeter.mp4'));
    expect(clip.codec).toBe('h264');
    expect(clip.frames).toBeGreaterThan(0);
    expect(clip.durationSeconds).toBeGreaterThan(0);
  });

  test('a clip of fixed duration in webm is playable', () => {
    const tk = testTitled('tk:');
    expect(tk.status, tk.errors.join('\n')).toBe('passed');
    const clip = probeVideo(attachment(tk, 'counter.webm'));
    expect(clip.codec).toBe('vp8');
    expect(clip.frames).toBeGreaterThan(0);
    expect(clip.durationSeconds).toBeGreaterThan(0);
  });

  test('keys and a click by visible text reach the Tk app: OCR reads the count back', async () => {
    const words = await recognizeText(fs.readFileSync(attachment(testTitled('tk:'), 'counter.png')));
    expect(words.map((w) => w.text).join(' ')).toContain('Count: 2');
  });

  test('clicks at coordinates and keys reach xcalc: OCR reads 7*6 back from its display', async () => {
    const xcalc = testTitled('xcalc:');
    expect(xcalc.status, xcalc.errors.join('\n')).toBe('passed');
    // xcalc's small bitmap digits need enlarging before OCR reads them.
    const display = execFileSync('convert', [attachment(xcalc, 'xcalc.png'), '-crop', '90x24+130+6', '+repage', '-scale', '400%', '-bordercolor', 'white', '-border', '30', 'png:-']);
    const words = await recognizeText(display);
    expect(words.map((w) => w.text)).toEqual(['42']);
  });

  test('typed text reaches xterm', () => {
    expect(testTitled('xterm:').status).toBe('passed');
  });

  test('no process the runs started is left', async () => {
    // Control: the probe does find a process that carries the variable.
    const control = spawn('sleep', ['30'], { env: { ...process.env, PANOPTIC_ORPHAN_PROBE: probe }, stdio: 'ignore' });
    try {
      await expect.poll(() => processesWithEnv('PANOPTIC_ORPHAN_PROBE', probe).map((p) => p.pid)).toEqual([control.pid]);
    } finally {
      control.kill();
    }
  });
});
