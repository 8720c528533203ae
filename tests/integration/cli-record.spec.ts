import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { test, expect } from '@playwright/test';
import { pathWith, startDisplay } from '../helpers/desktop.js';
import { runPanoptic, writeProject } from '../helpers/inline.js';
import { probeVideo } from '../helpers/media.js';

// A page whose text changes while it is recorded, so recvalidate's timestamps can be checked.
const PAGE = `<!doctype html><body style="font-family: sans-serif; font-size: 28px">
<p id="status">Checkout started</p>
<script>setTimeout(() => { document.getElementById('status').textContent = 'Order placed 4213'; }, 1500);</script>
</body>`;

/** Stops a recording a failed test left running, so no recorder outlives the test. */
async function stopLeftover(dir: string): Promise<void> {
  if (fs.existsSync(path.join(dir, 'panoptic-results', '.panoptic', 'recording', 'state.json'))) await runPanoptic(dir, ['record', 'stop']);
}

interface RecValidateJson {
  ok: boolean;
  frames: number;
  expected: { text: string; found: boolean; firstSeconds?: number; lastSeconds?: number; confidence?: number }[];
}

test('record start/stop records a page in the background; recvalidate reads its texts and when they showed', async () => {
  const dir = writeProject({ 'page.html': PAGE });
  try {
    await recordAndValidatePage(dir);
  } finally {
    await stopLeftover(dir);
  }
});

async function recordAndValidatePage(dir: string): Promise<void> {
  const url = pathToFileURL(path.join(dir, 'page.html')).href;
  // A small video keeps the OCR of its frames quick.
  const start = await runPanoptic(dir, ['record', 'start', '--url', url, '--out', 'clip.webm', '--size', '640x360']);
  expect(start.exitCode, start.output).toBe(0);
  expect(start.stdout).toContain(`recording web ${url} to clip.webm`);
  // The command has returned: the recorder lives on its own, and a second one is refused.
  const second = await runPanoptic(dir, ['record', 'start', '--url', url]);
  expect(second.exitCode).toBe(1);
  expect(second.stderr).toMatch(/error: a recording is already running \(pid \d+, web .* to .*clip\.webm/);
  // A closing terminal sends SIGHUP: the recording goes on.
  const state = JSON.parse(fs.readFileSync(path.join(dir, 'panoptic-results', '.panoptic', 'recording', 'state.json'), 'utf8')) as { pid: number };
  process.kill(state.pid, 'SIGHUP');
  await sleep(3500);
  const stop = await runPanoptic(dir, ['record', 'stop']);
  expect(stop.exitCode, stop.output).toBe(0);
  expect(stop.stdout).toMatch(/^clip\.webm {2}\d+(\.\d+)? kB {2}\d+\.\d s {2}vp\d 640x360\n$/);
  expect(probeVideo(path.join(dir, 'clip.webm')).durationSeconds).toBeGreaterThan(2);
  const again = await runPanoptic(dir, ['record', 'stop']);
  expect(again.exitCode).toBe(1);
  expect(again.stderr).toContain('error: no recording is running here');

  const check = await runPanoptic(dir, ['recvalidate', 'clip.webm', '--expect', 'Checkout started', '--expect', 'order placed 4213', '--expect', 'Payment declined', '--json']);
  expect(check.exitCode, check.output).toBe(1);
  const report = JSON.parse(check.stdout) as RecValidateJson;
  const [started, placed, declined] = report.expected;
  expect(report.ok).toBe(false);
  expect(started).toMatchObject({ found: true, firstSeconds: 0 });
  expect(placed?.found).toBe(true);
  expect(placed!.firstSeconds!).toBeGreaterThan(started!.firstSeconds!);
  expect(placed!.confidence!).toBeGreaterThan(0.5);
  expect(declined).toMatchObject({ found: false, seenAt: [] });

  // Lines for people, from one frame every 2 s.
  const lines = await runPanoptic(dir, ['recvalidate', 'clip.webm', '--expect', 'Checkout started', '--fps', '0.5']);
  expect(lines.exitCode, lines.output).toBe(0);
  expect(lines.stdout).toMatch(/ {2}found {4}"Checkout started": (at|from) \d\.\d s.*, in \d of \d frames, confidence 0\.\d\d\nall 1 expected text found\n/);

  // An .mp4 is transcoded from the browser's WebM.
  const mp4 = await runPanoptic(dir, ['record', 'start', '--url', url, '--out', 'clip.mp4', '--duration', '1', '--size', '640x360']);
  expect(mp4.exitCode, mp4.output).toBe(0);
  const mp4Stop = await runPanoptic(dir, ['record', 'stop']);
  expect(mp4Stop.stdout).toMatch(/^clip\.mp4 .* h264 640x360\n$/);
}

test('record start/stop records an X display and a window; a missing display or ffmpeg says what to install', async () => {
  const display = await startDisplay();
  const dir = writeProject({});
  try {
    const start = await runPanoptic(dir, ['record', 'start', '--display', display.name, '--duration', '1']);
    expect(start.exitCode, start.output).toBe(0);
    const stop = await runPanoptic(dir, ['record', 'stop']);
    expect(stop.exitCode, stop.output).toBe(0);
    const file = /^(panoptic-results\/recordings\/recording-[\d-]+\.mp4) /.exec(stop.stdout)?.[1];
    expect(file, stop.stdout).toBeTruthy();
    expect(probeVideo(path.join(dir, file!))).toMatchObject({ codec: 'h264' });

    // One window: the video is the window's size, not the screen's.
    const xterm = spawn('xterm', ['-T', 'Recorded terminal', '-geometry', '40x8+30+40'], { env: { ...process.env, DISPLAY: display.name }, stdio: 'ignore' });
    try {
      execFileSync('xdotool', ['search', '--sync', '--onlyvisible', '--name', '^Recorded terminal$'], { env: { ...process.env, DISPLAY: display.name }, timeout: 10_000 });
      const window = await runPanoptic(dir, ['record', 'start', '--display', display.name, '--window', '^Recorded terminal$', '--out', 'window.webm', '--duration', '1']);
      expect(window.exitCode, window.output).toBe(0);
      const windowStop = await runPanoptic(dir, ['record', 'stop']);
      expect(windowStop.exitCode, windowStop.output).toBe(0);
      const size = /vp8 (\d+)x(\d+)\n$/.exec(windowStop.stdout);
      expect(size, windowStop.stdout).toBeTruthy();
      expect(Number(size![1])).toBeLessThan(1024);
      expect(Number(size![2])).toBeLessThan(768);
    } finally {
      xterm.kill();
    }

    const noWindow = await runPanoptic(dir, ['record', 'start', '--display', display.name, '--window', 'no window has this title']);
    expect(noWindow.exitCode).toBe(1);
    expect(noWindow.stderr).toContain(`error: no visible window on ${display.name} has a title matching "no window has this title"`);
    expect(fs.existsSync(path.join(dir, 'panoptic-results', '.panoptic', 'recording'))).toBe(false);

    const noDisplay = await runPanoptic(dir, ['record', 'start', '--display', ':9876']);
    expect(noDisplay.exitCode).toBe(1);
    expect(noDisplay.stderr).toContain('error: display :9876 cannot be opened: no X server answers there');
    expect(noDisplay.stderr).toContain('apt-get install -y xvfb');

    const noFfmpeg = { PATH: pathWith(['xdotool']), PANOPTIC_FFMPEG: '', PLAYWRIGHT_BROWSERS_PATH: path.join(dir, 'no-browsers') };
    const screen = await runPanoptic(dir, ['record', 'start', '--display', display.name], noFfmpeg);
    expect(screen.exitCode).toBe(1);
    expect(screen.stderr).toContain('`ffmpeg` for screen recording');
    expect(screen.stderr).toContain('apt-get install -y ffmpeg');
    const page = await runPanoptic(dir, ['record', 'start', '--url', 'http://127.0.0.1:9/'], noFfmpeg);
    expect(page.stderr).toContain('error: Recording a page needs ffmpeg');
    expect(page.stderr).toContain('apt-get install -y ffmpeg');
    fs.writeFileSync(path.join(dir, 'clip.webm'), 'not a video');
    const validate = await runPanoptic(dir, ['recvalidate', 'clip.webm', '--expect', 'x'], noFfmpeg);
    expect(validate.exitCode).toBe(1);
    expect(validate.stderr).toMatch(/error: Checking a video needs ffprobe \(part of ffmpeg\).*apt-get install -y ffmpeg/);
  } finally {
    await stopLeftover(dir);
    display.stop();
  }
});
