#!/usr/bin/env node
// Installs what `npm run demo`, `npm test` and `npm run bench` need on a fresh clone, then builds:
// npm dependencies, the TypeScript packages, a Chromium (Playwright's own, else the system's) and
// ffmpeg. Plain Node with no dependencies, because it runs before any are installed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (message) => process.stdout.write(`[prepare] ${message}\n`);

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  return result.status === 0;
}

function dependenciesCurrent() {
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  return fs.existsSync(installed) && fs.statSync(installed).mtimeMs >= fs.statSync(lock).mtimeMs;
}

function canUseApt() {
  return process.platform === 'linux' && process.getuid?.() === 0 && spawnSync('apt-get', ['--version']).status === 0;
}

let aptUpdated = false;
function aptInstall(packages) {
  if (!canUseApt()) return false;
  if (!aptUpdated) {
    run('apt-get', ['update', '-qq']);
    aptUpdated = true;
  }
  log(`apt-get install ${packages.join(' ')}`);
  return run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

function hasCommand(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

if (!dependenciesCurrent()) {
  log('installing npm dependencies');
  if (!run('npm', ['ci', '--no-audit', '--no-fund'])) process.exit(1);
}

log('building packages');
// The vision collector's in-page modules become one injected source before tsc compiles it.
if (!run('node', ['packages/ai/scripts/build-injected.mjs'])) process.exit(1);
if (!run('npx', ['tsc', '-b', 'packages/model', 'packages/config', 'packages/cloud', 'packages/fixtures', 'packages/reporter', 'packages/cli'])) process.exit(1);
// The reporter's entry is one bundled file (see the script for why).
if (!run('node', ['packages/reporter/scripts/bundle.mjs'])) process.exit(1);

const browser = await import(pathToFileURL(path.join(root, 'packages/fixtures/dist/browser.js')).href);
function chromiumFound() {
  try {
    const choice = browser.findChromium();
    log(`Chromium: ${choice.source === 'playwright' ? "Playwright's own" : choice.executablePath} (${choice.source})`);
    return true;
  } catch {
    return false;
  }
}

if (!chromiumFound()) {
  log("no Chromium yet: trying Playwright's download");
  run(path.join(root, 'node_modules', '.bin', 'playwright'), ['install', 'chromium'], { stdio: 'ignore' });
  if (!chromiumFound()) {
    aptInstall(['chromium', 'ffmpeg']);
    if (!chromiumFound()) {
      try {
        browser.findChromium();
      } catch (error) {
        process.stderr.write(`${error.message}\n`);
      }
      process.exit(1);
    }
  }
}

// Clips of `record` actions are cut and transcoded with the system ffmpeg.
if (!hasCommand('ffmpeg') && !aptInstall(['ffmpeg'])) {
  log('warning: no ffmpeg on PATH: record actions will fail until it is installed');
}

// The tests also read videos back (ffprobe, shipped with ffmpeg), run headed browsers and desktop apps
// under Xvfb (driven with xdotool, captured with ImageMagick, read through AT-SPI for GTK), and drive
// Chromium through Appium (chromedriver).
const TEST_COMMANDS = [
  ['ffprobe', 'ffmpeg'],
  ['Xvfb', 'xvfb'],
  ['xdotool', 'xdotool'],
  ['import', 'imagemagick'],
  ['xterm', 'xterm'],
  ['xcalc', 'x11-apps'],
  ['xwininfo', 'x11-utils'],
  ['chromedriver', 'chromium-driver'],
  ['dbus-run-session', 'dbus'],
];
// Python modules of Debian's own python3 (the GTK and Tk test apps, and pyatspi for accessibility).
const TEST_PYTHON_MODULES = [
  ["import gi; gi.require_version('Gtk', '3.0'); from gi.repository import Gtk", ['python3-gi', 'gir1.2-gtk-3.0']],
  ["import gi; gi.require_version('Atspi', '2.0'); from gi.repository import Atspi", ['gir1.2-atspi-2.0', 'at-spi2-core']],
  ['import tkinter', ['python3-tk']],
];
if (process.argv.includes('--tests')) {
  const missing = TEST_COMMANDS.filter(([command]) => !hasCommand(command)).map(([, pkg]) => pkg);
  for (const [probe, pkgs] of TEST_PYTHON_MODULES) {
    if (spawnSync('/usr/bin/python3', ['-c', probe], { stdio: 'ignore' }).status !== 0) missing.push(...pkgs);
  }
  // The server's tests run on a real PostgreSQL as well as PGlite (tests/helpers/postgres.ts).
  if (!postgresInstalled()) missing.push('postgresql');
  if (missing.length && !aptInstall(missing)) log(`warning: ${missing.join(', ')} missing: tests that need them will say so`);
}

function postgresInstalled() {
  const root = '/usr/lib/postgresql';
  return fs.existsSync(root) && fs.readdirSync(root).some((version) => fs.existsSync(path.join(root, version, 'bin', 'pg_ctl')));
}

