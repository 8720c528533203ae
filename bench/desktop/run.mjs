#!/usr/bin/env node
// The desktop platform's costs, side by side on one private Xvfb screen per round: launch to window
// for four real X programs, a 10-action flow with its clicks located three ways, screenshots of the
// window and the screen, and 5 s recordings in mp4 and webm (wall time and ffmpeg's CPU time).
// A measurement, not a check: it never fails on timings.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot, roundsFrom, startResult } from '../lib/result.mjs';

const ROUNDS = roundsFrom(3);
const RECORD_MS = 5000;

const record = startResult('desktop');
const appsDir = path.join(repoRoot, 'tests', 'apps');
const desktopDist = path.join(repoRoot, 'packages', 'fixtures', 'dist', 'platforms', 'desktop');
const { DesktopSession } = await import(path.join(desktopDist, 'session.js'));
const { processesOfSession } = await import(path.join(desktopDist, 'processes.js'));
const { closeOcr } = await import('@panoptic/ai');

const APPS = {
  xterm: { path: 'xterm -geometry 80x24+0+0' },
  xcalc: { path: 'xcalc' },
  'gtk (python)': { path: `/usr/bin/python3 "${path.join(appsDir, 'greeter-gtk.py')}"` },
  'tk (python)': { path: path.join(appsDir, 'counter-tk.py') },
};

const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/** Just what the session needs from a test's Panoptic context: where clips go. */
function benchContext(dir) {
  return {
    artifactPath: (name) => path.join(dir, name),
    attachArtifact: async () => {},
    settings: { videoFormat: 'mp4' },
  };
}

async function timed(fn) {
  const start = performance.now();
  const value = await fn();
  return { ms: Math.round((performance.now() - start) * 10) / 10, value };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : Math.round(((sorted[mid - 1] + sorted[mid]) / 2) * 10) / 10;
}

/** utime + stime of a process in ms, from /proc/<pid>/stat. */
function cpuMs(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
  } catch {
    return undefined;
  }
}

function probeFrames(file) {
  const out = execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_frames:format=duration', '-of', 'json', file], { encoding: 'utf8' });
  const parsed = JSON.parse(out);
  return { frames: Number(parsed.streams[0]?.nb_read_frames ?? 0), durationS: Number(parsed.format.duration) };
}

async function recordOnce(session, app, format, dir) {
  const filename = `clip-${format}-${Math.random().toString(36).slice(2)}.${format}`;
  const clip = app.startClip({ filename, durationMs: RECORD_MS });
  const { ms: startMs } = await timed(() => clip.ready);
  // ffmpeg's CPU time, sampled until it exits on its own after the duration.
  const ffmpeg = processesOfSession(session.id).find((pid) => fs.readFileSync(`/proc/${pid}/comm`, 'latin1').trim() === 'ffmpeg');
  let cpu = 0;
  const wallStart = performance.now();
  while (ffmpeg !== undefined) {
    const sample = cpuMs(ffmpeg);
    if (sample === undefined) break;
    cpu = sample;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const wallMs = Math.round(performance.now() - wallStart + startMs);
  const { frames, durationS } = probeFrames(path.join(dir, filename));
  return { startMs: Math.round(startMs), wallMs, cpuMs: Math.round(cpu), cpuShare: Math.round((cpu / (durationS * 1000)) * 1000) / 1000, frames, durationS };
}

async function flow(app, clickWith) {
  // Ten actions on the GTK greeter; its two clicks on Greet are located by `clickWith`.
  const greet = {
    coordinates: async () => app.clickAt(180, 79),
    'accessible name': async () => app.click('Greet', undefined),
    // A `target` on a GTK app is found through AT-SPI first; OCR is measured on the Tk app below.
    'visible text (target)': async () => app.click(undefined, 'Greet'),
  }[clickWith];
  const steps = [
    ['fill', () => app.fill('Name', 'Ada')],
    ['click', greet],
    ['read', () => app.accessible('Greeting')],
    ['fill', () => app.fill('Name', ' Lovelace')],
    ['press', () => app.press('Return')],
    ['read', () => app.accessible('Greeting')],
    ['press', () => app.press('ctrl+a')],
    ['type', () => app.type('Grace')],
    ['click', greet],
    ['read', () => app.accessible('Greeting')],
  ];
  const actions = [];
  for (const [type, step] of steps) actions.push({ type, ms: (await timed(step)).ms });
  const greeting = (await app.accessible('Greeting')).text;
  if (greeting !== 'Hello, Grace!') throw new Error(`The ${clickWith} flow went wrong: the greeting says ${JSON.stringify(greeting)}.`);
  return { totalMs: Math.round(actions.reduce((sum, a) => sum + a.ms, 0)), actions };
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-bench-desktop-'));
const runs = { launch: [], flow: [], ocrClick: [], screenshot: [], record: [] };
try {
  for (let round = 1; round <= ROUNDS; round++) {
    const dir = path.join(root, `round-${round}`);
    fs.mkdirSync(dir);
    const session = new DesktopSession(benchContext(dir), { headless: true, screen: { width: 1280, height: 720 } });
    try {
      const { ms: displayMs } = await timed(() => session.displayName());
      runs.launch.push({ round, app: 'Xvfb + D-Bus (screen ready)', ms: displayMs });
      const names = Object.keys(APPS);
      // Rotated each round so no app always goes first.
      for (const name of names.slice(round % names.length).concat(names.slice(0, round % names.length))) {
        const { ms, value: app } = await timed(() => session.launch(APPS[name]));
        runs.launch.push({ round, app: name, ms });
        await app.close();
      }
      // Tk has no accessibility tree: a click on visible text is a screenshot plus OCR.
      const counter = await session.launch(APPS['tk (python)']);
      for (let click = 1; click <= 3; click++) runs.ocrClick.push({ round, click, ms: (await timed(() => counter.click(undefined, 'Add one'))).ms });
      await counter.close();
      const greeter = await session.launch({ ...APPS['gtk (python)'], name: 'greeter' });
      for (const clickWith of ['coordinates', 'accessible name', 'visible text (target)']) {
        await greeter.click('Name', undefined);
        await greeter.press('ctrl+a');
        await greeter.press('BackSpace');
        runs.flow.push({ round, clickWith, ...(await flow(greeter, clickWith)) });
      }
      for (const [label, options] of [
        ['window png', { type: 'png' }],
        ['window jpeg q80', { type: 'jpeg', quality: 80 }],
        ['screen png', { type: 'png', area: 'screen' }],
        ['screen jpeg q80', { type: 'jpeg', quality: 80, area: 'screen' }],
      ]) {
        const { ms, value } = await timed(() => greeter.screenshot(options));
        runs.screenshot.push({ round, variant: label, ms, bytes: value.length });
      }
      for (const format of round % 2 ? ['mp4', 'webm'] : ['webm', 'mp4']) {
        runs.record.push({ round, format, ...(await recordOnce(session, greeter, format, dir)) });
      }
    } finally {
      await session.close();
    }
  }
} finally {
  await closeOcr();
  fs.rmSync(root, { recursive: true, force: true });
}

const group = (list, key, value) =>
  Object.fromEntries([...new Set(list.map((r) => r[key]))].map((k) => [k, median(list.filter((r) => r[key] === k).map((r) => r[value]))]));
const result = {
  description:
    'Median ms over rounds on a private Xvfb (1280x720): launch to window per app; a 10-action flow on the GTK app with its clicks by coordinates, accessible name (AT-SPI) and visible text (AT-SPI first); clicks by visible text through OCR on the Tk app (the first one starts the OCR worker); screenshots; 5 s recordings with ffmpeg CPU time and share of one core.',
  rounds: ROUNDS,
  medians: {
    launchToWindowMs: group(runs.launch, 'app', 'ms'),
    tenActionFlowMs: group(runs.flow, 'clickWith', 'totalMs'),
    ocrClickOnTkMs: { first: median(runs.ocrClick.filter((r) => r.click === 1).map((r) => r.ms)), later: median(runs.ocrClick.filter((r) => r.click > 1).map((r) => r.ms)) },
    screenshotMs: group(runs.screenshot, 'variant', 'ms'),
    screenshotBytes: group(runs.screenshot, 'variant', 'bytes'),
    record5s: Object.fromEntries(
      ['mp4', 'webm'].map((format) => {
        const list = runs.record.filter((r) => r.format === format);
        return [format, { startMs: median(list.map((r) => r.startMs)), wallMs: median(list.map((r) => r.wallMs)), cpuMs: median(list.map((r) => r.cpuMs)), cpuShareOfOneCore: median(list.map((r) => r.cpuShare)), frames: median(list.map((r) => r.frames)) }];
      }),
    ),
  },
  runs,
};
record.write(result);
process.stdout.write(`${JSON.stringify(result.medians, null, 2)}\n`);
